"""Possible duplicates: residents sharing a name (however it was typed) and a birth year,
perhaps the same person registered twice, for staff to look at and perhaps merge."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.db.models import Resident
from kiosk.people.rows import ResidentRow, _hamlet_names, _resident, _row_of
from kiosk.residents import Db


def _duplicates(session: Session, resident: Resident,
                hamlets: Mapping[int, str]) -> list[ResidentRow]:
    others = session.scalars(select(Resident).where(
        Resident.name_folded == resident.name_folded,
        Resident.birth_year == resident.birth_year, Resident.id != resident.id)
        .order_by(Resident.created_at, Resident.id))
    return [_row_of(other, hamlets) for other in others]


def duplicates_of(db: Db, resident_id: int) -> list[ResidentRow]:
    """Other residents with the same name (however it was typed) and birth year: perhaps
    the same person registered twice, perhaps in another khóm/ấp."""
    with db() as session:
        return _duplicates(session, _resident(session, resident_id), _hamlet_names(session))


@dataclass(frozen=True)
class DuplicateGroup:
    residents: tuple[ResidentRow, ...]


def possible_duplicates(db: Db, *, limit: int = 100) -> list[DuplicateGroup]:
    """Groups of residents sharing a name and birth year, by name: people to look at and
    perhaps merge. Reads every name once: run it off the UI thread."""
    with db() as session:
        hamlets = _hamlet_names(session)
        keys = session.execute(
            select(Resident.name_folded, Resident.birth_year)
            .group_by(Resident.name_folded, Resident.birth_year)
            .having(func.count() > 1)
            .order_by(Resident.name_folded, Resident.birth_year).limit(limit)).all()
        groups = []
        for name_folded, birth_year in keys:
            members = session.scalars(select(Resident).where(
                Resident.name_folded == name_folded, Resident.birth_year == birth_year)
                .order_by(Resident.created_at, Resident.id))
            groups.append(DuplicateGroup(tuple(_row_of(m, hamlets) for m in members)))
        return groups
