"""Everything a running kiosk works with, opened once after the first screen is shown."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.db.engine import open_database
from kiosk.lessons.loader import LessonPack, load_pack
from kiosk.lessons.schema import Lesson
from kiosk.residents import Db
from kiosk.settings import Settings
from kiosk.skills import Skill


@dataclass
class Station:
    config: Settings
    db: Db
    pack: LessonPack

    def lessons(self, skill: Skill) -> list[Lesson]:
        return self.pack.for_skill(skill)

    def lessons_by_skill(self) -> dict[Skill, list[Lesson]]:
        return {skill: self.pack.for_skill(skill) for skill in Skill}

    @property
    def problems(self) -> list[str]:
        """What staff should know: bad settings and broken lesson files."""
        return [*self.config.problems, *(str(p) for p in self.pack.problems)]


def open_station(config: Settings) -> Station:
    """Open the database and load the lessons; raises DatabaseError if storage fails."""
    db = open_database(config.effective_database_url, config.hamlets)
    return Station(config, db, load_pack(config.lessons_dir))
