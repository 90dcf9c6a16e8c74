"""Residents: registering with consent, and finding a returning learner.

A resident is found by name + birth year + khóm/ấp, or by a short learner code printed on
a card. The functions return plain records, never ORM objects, so screens hold no
database state.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.db.models import Hamlet, Resident, ResidentTerm, utcnow
from kiosk.db.transactions import begin_writing, clashed
from kiosk.text import InvalidInput, fold, name_terms, normalize_name, normalize_phone

Db = sessionmaker[Session]

#: Bumped whenever the consent text changes, so staff can prove what was agreed to.
CONSENT_VERSION = "2026-11"
# No 0/O, 1/I, 2/Z, 5/S, 8/B: codes are read aloud and typed by people with weak sight.
CODE_ALPHABET = "ACDEFGHJKLMNPQRTUVWXY34679"
CODE_LENGTH = 6
CODE_ATTEMPTS = 20
OLDEST_BIRTH_YEAR = 1900
YOUNGEST_AGE = 6


@dataclass(frozen=True)
class HamletInfo:
    id: int
    name: str


@dataclass(frozen=True)
class ResidentInfo:
    id: int
    learner_code: str
    full_name: str
    birth_year: int
    hamlet_id: int
    hamlet_name: str
    phone: str | None

    @property
    def code_display(self) -> str:
        return format_code(self.learner_code)


def _info(resident: Resident) -> ResidentInfo:
    return ResidentInfo(resident.id, resident.learner_code, resident.full_name,
                        resident.birth_year, resident.hamlet_id, resident.hamlet.name,
                        resident.phone)


def format_code(code: str) -> str:
    return f"{code[:3]} {code[3:]}"


def parse_code(text: str) -> str:
    """A learner code as typed or scanned: case, spaces and dashes do not matter."""
    return "".join(c for c in text.upper() if c.isalnum())


def validate_birth_year(value: int | str, today: date | None = None) -> int:
    today = today or date.today()
    try:
        year = int(str(value).strip())
    except ValueError:
        raise InvalidInput("birth_year", "invalid") from None
    if not OLDEST_BIRTH_YEAR <= year <= today.year - YOUNGEST_AGE:
        raise InvalidInput("birth_year", "out_of_range")
    return year


def list_hamlets(db: Db) -> list[HamletInfo]:
    with db() as session:
        rows = session.scalars(
            select(Hamlet).where(Hamlet.active).order_by(Hamlet.sort_order, Hamlet.name))
        return [HamletInfo(h.id, h.name) for h in rows]


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def register(
    db: Db, *, full_name: str, birth_year: int | str, hamlet_id: int,
    phone: str = "", consent_given: bool,
) -> ResidentInfo:
    """Store a new resident who has agreed to the consent screen.

    The learner code is drawn at random; when another kiosk sharing the database holds it
    already, another is drawn, in a savepoint of the same transaction
    (kiosk.db.transactions)."""
    if not consent_given:
        raise InvalidInput("consent", "missing")
    name = normalize_name(full_name)
    year = validate_birth_year(birth_year)
    phone_digits = normalize_phone(phone)
    with db() as session:
        begin_writing(session)
        if session.get(Hamlet, hamlet_id) is None:
            raise InvalidInput("hamlet", "missing")
        for _ in range(CODE_ATTEMPTS):
            resident = Resident(
                learner_code=new_code(), full_name=name, name_folded=fold(name),
                birth_year=year, hamlet_id=hamlet_id, phone=phone_digits,
                consent_version=CONSENT_VERSION, consent_at=utcnow())
            try:
                with session.begin_nested():
                    session.add(resident)
            except IntegrityError as exc:
                if not clashed(exc, "uq_residents_learner_code", "residents.learner_code"):
                    raise
                continue  # the code was taken: draw another
            break
        else:
            raise RuntimeError("could not draw a free learner code")
        session.add_all(ResidentTerm(term=term, resident_id=resident.id)
                        for term in name_terms(name))
        session.commit()
        session.refresh(resident)
        return _info(resident)


def find(db: Db, *, full_name: str, birth_year: int | str, hamlet_id: int) -> list[ResidentInfo]:
    """Residents matching name, birth year and khóm/ấp, however the name was typed."""
    folded = fold(full_name)
    year = validate_birth_year(birth_year)
    with db() as session:
        rows = session.scalars(
            select(Resident)
            .where(Resident.name_folded == folded, Resident.birth_year == year,
                   Resident.hamlet_id == hamlet_id)
            .order_by(Resident.created_at))
        return [_info(r) for r in rows]


def find_by_code(db: Db, code: str) -> ResidentInfo | None:
    with db() as session:
        resident = session.scalar(select(Resident).where(
            Resident.learner_code == parse_code(code)))
        return _info(resident) if resident else None


def get(db: Db, resident_id: int) -> ResidentInfo | None:
    with db() as session:
        resident = session.get(Resident, resident_id)
        return _info(resident) if resident else None
