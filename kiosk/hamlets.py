"""The commune's khóm/ấp list as staff keep it: add, rename, reorder, population and
household figures for the coverage reports, and hiding a khóm/ấp from registration.

Residents point at their khóm/ấp, so one that has residents is never deleted, only made
inactive: it disappears from the registration screen and stays in reports and history.
Two names that differ only in case or diacritics ("Khóm 1", "khom 1") are the same place
to a resident typing without accents, so they are refused as duplicates.

Every change takes the acting staff member, checks CHANGE_SETTINGS first and writes its
audit entry in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.db.models import GroupSession, Hamlet, Resident, SkillProgress
from kiosk.residents import Db
from kiosk.staff import Permission, StaffUserInfo, audit, require
from kiosk.text import clean_text, fold

MAX_NAME_LENGTH = 120  # the column's width
MAX_COUNT = 10_000_000  # more people than any commune holds: a typing slip


class HamletError(ValueError):
    """A change that cannot be made; the message is Vietnamese, for staff. `field` names
    the input it is about ("name", "population", "households") or is None."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message, self.field = message, field


@dataclass(frozen=True)
class HamletRow:
    id: int
    name: str
    sort_order: int
    population: int | None
    households: int | None
    active: bool
    residents: int  # how many residents are registered in it

    @property
    def deletable(self) -> bool:
        return self.residents == 0


def parse_count(text: str | int | None, field: str) -> int | None:
    """A number typed by staff: blank means unknown; "1.234", "1,234" and "1 234" all
    mean 1234 (Vietnamese writes thousands with a dot)."""
    if text is None:
        return None
    if isinstance(text, int) and not isinstance(text, bool):
        value = text
    else:
        digits = "".join(c for c in str(text) if c not in " .,\u00a0\u202f")
        if not digits:
            return None
        if not digits.isdigit():
            raise HamletError("Hãy nhập một số nguyên, hoặc để trống.", field)
        value = int(digits)
    if value < 0:
        raise HamletError("Số không được âm.", field)
    if value > MAX_COUNT:
        raise HamletError("Số này quá lớn cho một khóm/ấp.", field)
    return value


def _check_figures(population: int | None, households: int | None) -> None:
    if population is not None and households is not None and households > population:
        raise HamletError("Số hộ không thể nhiều hơn số dân.", "households")


def _clean_name(name: str) -> str:
    cleaned = clean_text(name)
    if not cleaned:
        raise HamletError("Hãy nhập tên khóm/ấp.", "name")
    if len(cleaned) > MAX_NAME_LENGTH:
        raise HamletError(f"Tên dài quá {MAX_NAME_LENGTH} ký tự.", "name")
    return cleaned


def _check_unique(session: Session, name: str, except_id: int | None = None) -> None:
    folded = fold(name)
    for other in session.scalars(select(Hamlet)):
        if other.id != except_id and fold(other.name) == folded:
            hidden = "" if other.active else " (đang ẩn)"
            raise HamletError(f"Đã có khóm/ấp “{other.name}”{hidden}: tên trùng khi bỏ "
                              "dấu và chữ hoa.", "name")


def _get(session: Session, hamlet_id: int) -> Hamlet:
    hamlet = session.get(Hamlet, hamlet_id)
    if hamlet is None:
        raise HamletError("Khóm/ấp này không còn trong danh sách.")
    return hamlet


def list_all(db: Db) -> list[HamletRow]:
    """Every khóm/ấp, hidden ones too, in the order registration shows them."""
    with db() as session:
        counts = dict(session.execute(
            select(Resident.hamlet_id, func.count()).group_by(Resident.hamlet_id)).all())
        rows = session.scalars(select(Hamlet).order_by(Hamlet.sort_order, Hamlet.name))
        return [HamletRow(h.id, h.name, h.sort_order, h.population, h.households,
                          bool(h.active), counts.get(h.id, 0)) for h in rows]


def add(db: Db, actor: StaffUserInfo, name: str, population: int | str | None = None,
        households: int | str | None = None) -> HamletRow:
    """A new khóm/ấp at the end of the list."""
    require(actor, Permission.CHANGE_SETTINGS)
    name = _clean_name(name)
    population = parse_count(population, "population")
    households = parse_count(households, "households")
    _check_figures(population, households)
    with db.begin() as session:
        _check_unique(session, name)
        last = session.scalar(select(func.max(Hamlet.sort_order)))
        hamlet = Hamlet(name=name, sort_order=(last if last is not None else -1) + 1,
                        population=population, households=households, active=True)
        session.add(hamlet)
        session.flush()
        audit(session, actor, "hamlet.add", hamlet_id=hamlet.id, name=name,
              population=population, households=households)
        return HamletRow(hamlet.id, name, hamlet.sort_order, population, households,
                         True, 0)


def update(db: Db, actor: StaffUserInfo, hamlet_id: int, *, name: str,
           population: int | str | None, households: int | str | None) -> list[str]:
    """Rename and set the figures in one go; returns what changed (audited), [] if
    nothing did."""
    require(actor, Permission.CHANGE_SETTINGS)
    name = _clean_name(name)
    population = parse_count(population, "population")
    households = parse_count(households, "households")
    _check_figures(population, households)
    with db.begin() as session:
        hamlet = _get(session, hamlet_id)
        changed: dict[str, object] = {}
        if name != hamlet.name:
            _check_unique(session, name, except_id=hamlet.id)
            changed["old_name"], changed["name"] = hamlet.name, name
            hamlet.name = name
        if population != hamlet.population:
            changed["population"] = population
            hamlet.population = population
        if households != hamlet.households:
            changed["households"] = households
            hamlet.households = households
        if changed:
            audit(session, actor, "hamlet.update", hamlet_id=hamlet.id, **changed)
        return [key for key in changed if key != "old_name"]


def move(db: Db, actor: StaffUserInfo, hamlet_id: int, offset: int) -> bool:
    """Move a khóm/ấp up (offset -1) or down (+1) the list; False at either end."""
    require(actor, Permission.CHANGE_SETTINGS)
    with db.begin() as session:
        ordered = list(session.scalars(select(Hamlet).order_by(Hamlet.sort_order,
                                                               Hamlet.name)))
        index = next((i for i, h in enumerate(ordered) if h.id == hamlet_id), None)
        if index is None:
            raise HamletError("Khóm/ấp này không còn trong danh sách.")
        target = index + offset
        if not 0 <= target < len(ordered):
            return False
        ordered.insert(target, ordered.pop(index))
        for position, hamlet in enumerate(ordered):  # also mends ties left by old data
            hamlet.sort_order = position
        audit(session, actor, "hamlet.reorder", hamlet_id=hamlet_id, position=target + 1)
        return True


def set_active(db: Db, actor: StaffUserInfo, hamlet_id: int, active: bool) -> None:
    """Hide a khóm/ấp from registration (its residents and reports stay), or show it
    again."""
    require(actor, Permission.CHANGE_SETTINGS)
    with db.begin() as session:
        hamlet = _get(session, hamlet_id)
        if bool(hamlet.active) == active:
            return
        if not active:
            shown = session.scalar(select(func.count()).select_from(Hamlet).where(
                Hamlet.active, Hamlet.id != hamlet_id))
            if not shown:
                raise HamletError("Phải còn ít nhất một khóm/ấp để người dân đăng ký.")
        hamlet.active = active
        audit(session, actor, "hamlet.activate" if active else "hamlet.deactivate",
              hamlet_id=hamlet.id, name=hamlet.name)


def delete(db: Db, actor: StaffUserInfo, hamlet_id: int) -> None:
    """Delete a khóm/ấp nobody belongs to (one typed by mistake); otherwise refuse and
    say to hide it instead."""
    require(actor, Permission.CHANGE_SETTINGS)
    with db.begin() as session:
        hamlet = _get(session, hamlet_id)
        used = session.scalar(select(func.count()).select_from(Resident).where(
            Resident.hamlet_id == hamlet_id))
        if used:
            raise HamletError(f"“{hamlet.name}” có {used} người dân nên không xoá được; "
                              "hãy ẩn khóm/ấp này khỏi màn hình đăng ký.")
        referenced = session.scalar(select(func.count()).select_from(GroupSession).where(
            GroupSession.hamlet_id == hamlet_id)) or session.scalar(
            select(func.count()).select_from(SkillProgress).where(
                SkillProgress.hamlet_id == hamlet_id))
        if referenced:
            raise HamletError(f"“{hamlet.name}” đã có buổi học hoặc số liệu ghi lại nên "
                              "không xoá được; hãy ẩn khóm/ấp này.")
        if hamlet.active:
            shown = session.scalar(select(func.count()).select_from(Hamlet).where(
                Hamlet.active, Hamlet.id != hamlet_id))
            if not shown:
                raise HamletError("Phải còn ít nhất một khóm/ấp để người dân đăng ký.")
        audit(session, actor, "hamlet.delete", hamlet_id=hamlet.id, name=hamlet.name)
        session.delete(hamlet)
