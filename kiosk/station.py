"""Everything a running kiosk works with, opened once after the first screen is shown."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property

from kiosk.db.engine import DatabaseError, open_database
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
    # Problems met while the kiosk runs (an automatic backup that failed), by what they
    # are about; each is replaced when the same thing is tried again.
    running_problems: dict[str, str] = field(default_factory=dict)

    def lessons(self, skill: Skill) -> list[Lesson]:
        return self.pack.for_skill(skill)

    def lessons_by_skill(self) -> dict[Skill, list[Lesson]]:
        return {skill: self.pack.for_skill(skill) for skill in Skill}

    @cached_property
    def key(self):
        """The commune's signing key, made on first use (kiosk.certificates.keys)."""
        from kiosk.certificates import keys

        return keys.load_or_create(self.config.data_dir)

    def verify_certificate(self, text: str):
        """Check a scanned or typed certificate code against the trusted keys and this
        database's revocations. Never raises: a broken key file or an unreachable
        database is said in the result's message."""
        from sqlalchemy.exc import SQLAlchemyError

        from kiosk.certificates import issuing, keys, token

        try:
            trusted = keys.trusted_keys(self.key, self.config.commune_name,
                                        self.config.province_name, self.config.data_dir)
        except keys.KeyFileError as exc:
            return token.Verification(token.Status.UNREADABLE, None, str(exc))
        revoked = issuing.revocation_check(self.db)
        unknown = []

        def is_revoked(serial: str) -> tuple[bool, str | None]:
            try:
                return revoked(serial)
            except SQLAlchemyError:
                unknown.append(serial)
                return False, None

        result = token.verify(text, trusted, is_revoked)
        if unknown and result.valid:
            result = replace(result, message=result.message + " Chưa kiểm tra được chứng "
                             "nhận có bị thu hồi hay không: không mở được cơ sở dữ liệu.")
        return result

    @property
    def problems(self) -> list[str]:
        """What staff should know: problems while running (a failed backup), bad settings
        and broken lesson files."""
        return [*self.running_problems.values(), *self.config.problems,
                *(str(p) for p in self.pack.problems)]

    def set_problem(self, about: str, text: str | None) -> None:
        """Say (or, with None, clear) a problem met while running."""
        if text:
            self.running_problems[about] = text
        else:
            self.running_problems.pop(about, None)


def open_station(config: Settings) -> Station:
    """Check the database file, open the database and load the lessons.

    Raises DatabaseError if storage fails, and its kind health.DamagedDatabase, never
    opening the file, when the SQLite file is damaged (staff restore a backup then). The
    automatic backup is not taken here: ui.maintenance takes it in the background once
    the kiosk is ready.
    """
    from kiosk import health, printing

    damage = health.check(config)
    if damage is not None:
        raise health.DamagedDatabase(damage)
    try:
        db = open_database(config.effective_database_url, config.hamlets)
    except DatabaseError as exc:
        damage = health.damage_from(exc, config)
        if damage is not None:
            raise health.DamagedDatabase(damage) from exc
        raise
    # Print jobs a crash left half-done are marked for staff, never printed twice alone;
    # month-old printed files go.
    printing.recover_interrupted(db)
    printing.purge_finished(db)
    return Station(config, db, load_pack(config.lessons_dir))
