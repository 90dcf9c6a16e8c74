"""The khóm/ấp list staff keep, on a real SQLite file: edits, order, hiding, duplicates,
and an audit entry for each change."""

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk import hamlets, residents
from kiosk.db.engine import open_database
from kiosk.db.models import AuditEntry, StaffRole, StaffUser
from kiosk.staff import NotAllowed, StaffUserInfo


@pytest.fixture
def db(tmp_path: Path):
    factory = open_database(f"sqlite:///{tmp_path / 'kiosk.sqlite3'}",
                            ["Khóm Châu Long 1", "Khóm Châu Long 2", "Ấp Mỹ Hòa"])
    yield factory
    factory.kw["bind"].dispose()


def make_staff(db, role: StaffRole = StaffRole.ADMIN) -> StaffUserInfo:
    with db.begin() as session:
        row = StaffUser(username=f"u-{role.value}", display_name="Cán bộ", role=role,
                        pin_hash="!")
        session.add(row)
        session.flush()
        return StaffUserInfo(row.id, row.username, row.display_name, role)


@pytest.fixture
def admin(db) -> StaffUserInfo:
    return make_staff(db)


def audit_log(db) -> list[tuple[str, dict]]:
    with db() as session:
        return [(e.action, json.loads(e.detail)) for e in
                session.scalars(select(AuditEntry).order_by(AuditEntry.id))]


def names(db) -> list[str]:
    return [h.name for h in hamlets.list_all(db)]


def test_add_puts_the_new_khom_last_with_its_figures_and_registration_offers_it(db, admin):
    row = hamlets.add(db, admin, "  Khóm   Mỹ Thành ", population="1.234", households="310")
    assert names(db)[-1] == "Khóm Mỹ Thành"
    stored = hamlets.list_all(db)[-1]
    assert (stored.population, stored.households, stored.active) == (1234, 310, True)
    assert "Khóm Mỹ Thành" in [h.name for h in residents.list_hamlets(db)]
    assert audit_log(db)[-1] == ("hamlet.add", {"hamlet_id": row.id, "name": "Khóm Mỹ Thành",
                                                "population": 1234, "households": 310})


@pytest.mark.parametrize("typed", ["khom chau long 1", "KHÓM CHÂU LONG 1", "Khóm Châu  Long 1"])
def test_a_name_equal_after_folding_is_refused_as_a_duplicate(db, admin, typed):
    with pytest.raises(hamlets.HamletError) as refused:
        hamlets.add(db, admin, typed)
    assert refused.value.field == "name"
    assert "Khóm Châu Long 1" in refused.value.message
    assert len(names(db)) == 3
    second = hamlets.list_all(db)[1]
    with pytest.raises(hamlets.HamletError):
        hamlets.update(db, admin, second.id, name=typed, population=None, households=None)
    assert names(db)[1] == "Khóm Châu Long 2"


def test_rename_and_figures_are_saved_audited_and_blank_means_unknown(db, admin):
    first = hamlets.list_all(db)[0]
    changed = hamlets.update(db, admin, first.id, name="Khóm Châu Long Một",
                             population="2 000", households="")
    assert changed == ["name", "population"]
    row = hamlets.list_all(db)[0]
    assert (row.name, row.population, row.households) == ("Khóm Châu Long Một", 2000, None)
    action, detail = audit_log(db)[-1]
    assert action == "hamlet.update"
    assert detail["old_name"] == "Khóm Châu Long 1" and detail["population"] == 2000
    # Case-only renames of itself are allowed (the name is its own, not a duplicate).
    hamlets.update(db, admin, first.id, name="khóm châu long một", population=2000,
                   households=None)
    assert hamlets.list_all(db)[0].name == "khóm châu long một"
    assert hamlets.update(db, admin, first.id, name="khóm châu long một", population=2000,
                          households=None) == []


@pytest.mark.parametrize(("population", "households", "field"), [
    ("nhiều", None, "population"), ("-5", None, "population"), (None, "12a", "households"),
    ("100", "250", "households")])
def test_bad_figures_are_refused_with_the_field_named(db, admin, population, households,
                                                     field):
    first = hamlets.list_all(db)[0]
    with pytest.raises(hamlets.HamletError) as refused:
        hamlets.update(db, admin, first.id, name=first.name, population=population,
                       households=households)
    assert refused.value.field == field and refused.value.message
    assert hamlets.list_all(db)[0].population is None


def test_reorder_moves_one_place_and_stops_at_the_ends(db, admin):
    rows = hamlets.list_all(db)
    assert hamlets.move(db, admin, rows[2].id, -1)
    assert names(db) == ["Khóm Châu Long 1", "Ấp Mỹ Hòa", "Khóm Châu Long 2"]
    assert [h.name for h in residents.list_hamlets(db)] == names(db)
    assert not hamlets.move(db, admin, rows[0].id, -1)
    assert audit_log(db)[-1] == ("hamlet.reorder", {"hamlet_id": rows[2].id, "position": 2})


def test_a_khom_with_residents_is_hidden_not_deleted(db, admin):
    first = hamlets.list_all(db)[0]
    resident = residents.register(db, full_name="Lê Văn Tám", birth_year=1950,
                                  hamlet_id=first.id, consent_given=True)
    with pytest.raises(hamlets.HamletError) as refused:
        hamlets.delete(db, admin, first.id)
    assert "ẩn" in refused.value.message
    hamlets.set_active(db, admin, first.id, False)
    assert first.name not in [h.name for h in residents.list_hamlets(db)]
    assert residents.get(db, resident.id).hamlet_name == first.name
    row = hamlets.list_all(db)[0]
    assert not row.active and row.residents == 1
    hamlets.set_active(db, admin, first.id, True)
    assert first.name in [h.name for h in residents.list_hamlets(db)]
    assert [a for a, _ in audit_log(db)][-2:] == ["hamlet.deactivate", "hamlet.activate"]


def test_an_unused_khom_can_be_deleted_but_not_the_last_shown_one(db, admin):
    rows = hamlets.list_all(db)
    hamlets.delete(db, admin, rows[1].id)
    assert names(db) == ["Khóm Châu Long 1", "Ấp Mỹ Hòa"]
    assert audit_log(db)[-1][0] == "hamlet.delete"
    hamlets.set_active(db, admin, rows[0].id, False)
    with pytest.raises(hamlets.HamletError):
        hamlets.set_active(db, admin, rows[2].id, False)
    with pytest.raises(hamlets.HamletError):
        hamlets.delete(db, admin, rows[2].id)
    assert [h.name for h in residents.list_hamlets(db)] == ["Ấp Mỹ Hòa"]


def test_a_team_member_may_not_edit_the_list(db):
    member = make_staff(db, StaffRole.TEAM_MEMBER)
    with pytest.raises(NotAllowed):
        hamlets.add(db, member, "Ấp Mới")
    with pytest.raises(NotAllowed):
        hamlets.set_active(db, member, hamlets.list_all(db)[0].id, False)
    assert len(names(db)) == 3 and audit_log(db) == []
