"""Staff access in the core, on a real SQLite file and a real PostgreSQL server: PIN hashes,
first-start setup, sign-in and lockout (with an injected clock), managing accounts, roles,
and the audit log."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import insert, select

from kiosk import staff
from kiosk.db.engine import open_database
from kiosk.db.models import AuditEntry, StaffRole, StaffUser
from kiosk.demo import DEMO_HAMLETS
from kiosk.staff import Permission, SignInRefused, StaffError

T0 = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
CHEAP = staff.PinHashCost(memory_kib=1024, iterations=1, lanes=1)


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """A real Argon2id hash, at a cost that keeps each test fast (the real cost has a test
    and a benchmark of its own)."""
    monkeypatch.setattr(staff, "PIN_HASH_COST", CHEAP)


@pytest.fixture
def admin(db) -> staff.StaffUserInfo:
    return staff.setup_admin(db, "Lê Thị Thu Hà", "thuha", "2580")


def actions(db) -> list[str]:
    with db() as session:
        return list(session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def pin_hashes(db) -> dict[str, str]:
    with db() as session:
        return dict(session.execute(select(StaffUser.username, StaffUser.pin_hash)).all())


def add_audit_entries(db, entries: list[tuple[int, str, datetime]]) -> None:
    """(staff id, action, moment) rows written straight into the audit log."""
    with db.begin() as session:
        session.execute(insert(AuditEntry), [
            {"staff_user_id": who, "action": action, "detail": "{}", "at": at}
            for who, action, at in entries])


def refusal(db, user, pin: str, now: datetime) -> SignInRefused:
    with pytest.raises(SignInRefused) as caught:
        staff.authenticate(db, user, pin, now=now)
    return caught.value


# --- PINs -----------------------------------------------------------------------------


@pytest.mark.parametrize("pin", ["123", "123456789", "12a4", "", "１２３４５", "12 34"])
def test_a_pin_must_be_four_to_eight_digits(pin):
    with pytest.raises(staff.InvalidPin, match="từ 4 đến 8 chữ số"):
        staff.check_pin(pin)


@pytest.mark.parametrize("pin", ["0000", "77777777", "1234", "123456", "4321", "987654",
                                 "7890", "3210", "1212", "696969"])
def test_guessable_pins_are_refused_with_a_reason(pin):
    with pytest.raises(staff.InvalidPin, match="quá dễ đoán"):
        staff.check_pin(pin)


@pytest.mark.parametrize("pin", ["2580", "1357", "19580412", "5093", "1122"])
def test_ordinary_pins_are_accepted(pin):
    assert staff.check_pin(pin) == pin


def test_the_real_hash_is_argon2id_with_its_parameters_and_verifies(monkeypatch):
    monkeypatch.setattr(staff, "PIN_HASH_COST", staff.PinHashCost())
    stored = staff.hash_pin("2580")
    assert stored.startswith("$argon2id$v=19$m=65536,t=2,p=1$")
    assert "2580" not in stored
    assert staff.verify_pin("2580", stored)
    assert not staff.verify_pin("2581", stored)
    assert not staff.verify_pin("2580", "!")  # not a hash: matches nothing


def test_pins_are_stored_hashed_and_salted(db, admin):
    second = staff.create_user(db, admin, "Trần Văn Bình", "binh", StaffRole.STAFF, "2580")
    hashes = pin_hashes(db)
    assert set(hashes) == {"thuha", "binh"}
    assert all("2580" not in h and h.startswith("$argon2id$") for h in hashes.values())
    assert hashes["thuha"] != hashes["binh"]  # same PIN, different salt
    assert staff.authenticate(db, second.id, "2580", now=T0).username == "binh"


def test_an_older_cheaper_hash_still_verifies_and_is_redone_on_sign_in(db, admin,
                                                                       monkeypatch):
    stronger = staff.PinHashCost(memory_kib=2048, iterations=2, lanes=1)
    monkeypatch.setattr(staff, "PIN_HASH_COST", stronger)
    staff.authenticate(db, "thuha", "2580", now=T0)
    (stored,) = pin_hashes(db).values()
    assert staff.hash_cost(stored) == stronger
    assert staff.authenticate(db, "thuha", "2580", now=T0).username == "thuha"


# --- first start ----------------------------------------------------------------------


def test_first_start_setup_creates_the_admin_and_signs_in(db):
    assert not staff.has_staff(db)
    user = staff.setup_admin(db, "  Lê Thị Thu Hà ", "ThuHà", "2580")
    assert (user.display_name, user.username, user.role) == \
        ("Lê Thị Thu Hà", "thuha", StaffRole.ADMIN)
    assert staff.has_staff(db)
    assert actions(db) == ["staff.setup", "login.ok"]
    assert staff.authenticate(db, user.id, "2580", now=T0) == user


def test_a_second_setup_is_refused(db, admin):
    with pytest.raises(StaffError, match="đã có tài khoản quản trị"):
        staff.setup_admin(db, "Kẻ Lạ", "kela", "5093")
    assert [m.username for m in staff.list_users(db)] == ["thuha"]


@pytest.mark.parametrize(("name", "username", "pin", "message"), [
    ("", "thuha", "2580", "chưa nhập họ và tên"),
    ("Lê Hà", "h a", "2580", "không có khoảng trắng"),
    ("Lê Hà", "ha", "2580", "từ 3 đến 30"),
    ("Lê Hà", "thuha", "1111", "quá dễ đoán"),
])
def test_setup_refuses_bad_input_and_stores_nothing(db, name, username, pin, message):
    with pytest.raises(StaffError, match=message):
        staff.setup_admin(db, name, username, pin)
    assert not staff.has_staff(db)


# --- signing in and lockout -----------------------------------------------------------


def test_a_wrong_pin_says_how_many_tries_are_left(db, admin):
    for left in (4, 3, 2, 1):
        refused = refusal(db, admin.id, "9999", T0)
        assert refused.reason is SignInRefused.Reason.WRONG_PIN
        assert refused.attempts_left == left
        assert f"còn {left} lần thử" in str(refused)


def test_the_fifth_wrong_pin_locks_even_the_right_pin_out_until_the_lock_passes(db, admin):
    for _ in range(4):
        refusal(db, admin.id, "9999", T0)
    locked = refusal(db, admin.id, "9999", T0)
    assert locked.reason is SignInRefused.Reason.LOCKED
    assert locked.locked_until == T0 + timedelta(minutes=5)
    assert staff.local_time(locked.locked_until) in str(locked)
    assert "5 phút" in str(locked)

    still = refusal(db, admin.id, "2580", T0 + timedelta(minutes=4, seconds=59))
    assert still.reason is SignInRefused.Reason.LOCKED
    assert "bị khóa đến" in str(still) and "còn 1 phút" in str(still)
    assert staff.authenticate(db, admin.id, "2580", now=T0 + timedelta(minutes=5)) == admin


def test_each_further_lockout_doubles_up_to_an_hour(db, admin):
    now = T0
    spans = []
    for _ in range(6):
        for _ in range(staff.MAX_FAILURES):
            refused = refusal(db, admin.id, "9999", now)
        assert refused.reason is SignInRefused.Reason.LOCKED
        spans.append(refused.locked_until - now)
        now = refused.locked_until  # wait out the lock, then guess again
    assert [s // timedelta(minutes=1) for s in spans] == [5, 10, 20, 40, 60, 60]


def test_a_right_pin_resets_the_count(db, admin):
    for _ in range(4):
        refusal(db, admin.id, "9999", T0)
    staff.authenticate(db, admin.id, "2580", now=T0)
    assert refusal(db, admin.id, "9999", T0).attempts_left == 4
    # ... and the doubling: a lockout after a right PIN is 5 minutes again.
    for _ in range(3):
        refusal(db, admin.id, "9999", T0)
    assert refusal(db, admin.id, "9999", T0).locked_until == T0 + timedelta(minutes=5)


def test_a_lockout_survives_reopening_the_database(db_url, db, admin):
    for _ in range(5):
        refusal(db, admin.id, "9999", T0)
    db.kw["bind"].dispose()
    reopened = open_database(db_url, DEMO_HAMLETS)
    refused = refusal(reopened, admin.id, "2580", T0 + timedelta(minutes=1))
    assert refused.reason is SignInRefused.Reason.LOCKED
    member = staff.list_users(reopened)[0]
    assert member.locked(T0 + timedelta(minutes=1))
    assert member.failed_attempts == 5


def test_failed_attempts_are_counted_across_reopening(db_url, db, admin):
    for _ in range(3):
        refusal(db, admin.id, "9999", T0)
    db.kw["bind"].dispose()
    reopened = open_database(db_url, DEMO_HAMLETS)
    assert refusal(reopened, admin.id, "9999", T0).attempts_left == 1


def test_an_inactive_or_unknown_account_cannot_sign_in(db, admin):
    other = staff.create_user(db, admin, "Trần Văn Bình", "binh", StaffRole.STAFF, "5093")
    staff.deactivate(db, admin, other.id)
    refused = refusal(db, other.id, "5093", T0)
    assert refused.reason is SignInRefused.Reason.INACTIVE
    assert "ngừng sử dụng" in str(refused)
    assert refusal(db, "nobody", "5093", T0).reason is SignInRefused.Reason.UNKNOWN
    staff.reactivate(db, admin, other.id)
    assert staff.authenticate(db, "binh", "5093", now=T0).id == other.id


def test_resetting_the_pin_lifts_a_lockout(db, admin):
    other = staff.create_user(db, admin, "Trần Văn Bình", "binh", StaffRole.STAFF, "5093")
    for _ in range(5):
        refusal(db, other.id, "9999", T0)
    staff.reset_pin(db, admin, other.id, "8642")
    assert refusal(db, other.id, "5093", T0).reason is SignInRefused.Reason.WRONG_PIN
    assert staff.authenticate(db, other.id, "8642", now=T0).id == other.id


# --- managing staff -------------------------------------------------------------------


def test_an_admin_adds_staff_and_usernames_stay_unique(db, admin):
    staff.create_user(db, admin, "Trần Văn Bình", "binh", StaffRole.TEAM_MEMBER, "5093")
    with pytest.raises(StaffError, match="đã có người dùng"):
        staff.create_user(db, admin, "Trần Văn Bình 2", "BÌNH", StaffRole.STAFF, "5093")
    listed = [(m.display_name, m.role, m.active) for m in staff.list_users(db)]
    assert listed == [("Lê Thị Thu Hà", StaffRole.ADMIN, True),
                      ("Trần Văn Bình", StaffRole.TEAM_MEMBER, True)]


@pytest.mark.parametrize("role", [StaffRole.STAFF, StaffRole.TEAM_MEMBER])
def test_only_an_admin_manages_staff(db, admin, role):
    member = staff.create_user(db, admin, "Trần Văn Bình", "binh", role, "5093")
    before = actions(db)
    calls = [
        lambda: staff.create_user(db, member.info, "Ai Đó", "aido", StaffRole.ADMIN, "5093"),
        lambda: staff.change_role(db, member.info, member.id, StaffRole.ADMIN),
        lambda: staff.reset_pin(db, member.info, admin.id, "1357"),
        lambda: staff.deactivate(db, member.info, admin.id),
    ]
    for call in calls:
        with pytest.raises(staff.NotAllowed, match="không được phép"):
            call()
    assert actions(db) == before
    assert staff.get_user(db, member.id).role == role


def test_require_refuses_a_team_members_privileged_call():
    member = staff.StaffUserInfo(7, "to.vien", "Tổ Viên", StaffRole.TEAM_MEMBER)
    for permission in (Permission.ERASE_RESIDENTS, Permission.REVOKE_CERTIFICATES,
                       Permission.CHANGE_SETTINGS, Permission.MANAGE_STAFF,
                       Permission.VIEW_AUDIT, Permission.ISSUE_CERTIFICATES):
        with pytest.raises(staff.NotAllowed):
            staff.require(member, permission)
    staff.require(member, Permission.RUN_SESSIONS)


def test_the_last_active_admin_cannot_be_demoted_or_deactivated(db, admin):
    with pytest.raises(StaffError, match="quản trị viên cuối cùng"):
        staff.change_role(db, admin, admin.id, StaffRole.STAFF)
    with pytest.raises(StaffError, match="quản trị viên cuối cùng"):
        staff.deactivate(db, admin, admin.id)
    second = staff.create_user(db, admin, "Trần Văn Bình", "binh", StaffRole.ADMIN, "5093")
    staff.deactivate(db, admin, second.id)  # an inactive admin does not count
    with pytest.raises(StaffError, match="quản trị viên cuối cùng"):
        staff.change_role(db, admin, admin.id, StaffRole.TEAM_MEMBER)
    staff.reactivate(db, admin, second.id)
    staff.change_role(db, admin, admin.id, StaffRole.STAFF)  # Bình is still admin
    assert staff.get_user(db, admin.id).role == StaffRole.STAFF


def test_the_command_line_resets_a_pin_and_adds_staff(db, admin):
    for _ in range(5):
        refusal(db, admin.id, "9999", T0)
    staff.reset_pin_from_command_line(db, "ThuHa", "8642")
    assert staff.authenticate(db, "thuha", "8642", now=T0) == admin
    added = staff.add_from_command_line(db, "Trần Văn Bình", "binh", StaffRole.STAFF, "5093")
    entries = staff.audit_entries(db, action_prefix="staff.")
    assert [(e.action, e.staff_name, e.detail.get("via")) for e in entries[:2]] == [
        ("staff.create", None, "command line"), ("staff.pin_reset", None, "command line")]
    assert entries[0].detail["user_id"] == added.id


# --- the audit log --------------------------------------------------------------------


def test_sign_ins_failures_lockouts_and_staff_changes_are_audited(db, admin):
    other = staff.create_user(db, admin, "Trần Văn Bình", "binh", StaffRole.STAFF, "5093")
    staff.change_role(db, admin, other.id, StaffRole.TEAM_MEMBER)
    staff.reset_pin(db, admin, other.id, "8642")
    staff.deactivate(db, admin, other.id)
    staff.reactivate(db, admin, other.id)
    staff.authenticate(db, other.id, "8642", now=T0)
    for _ in range(5):
        refusal(db, other.id, "0000", T0)
    refusal(db, other.id, "8642", T0)
    assert actions(db) == [
        "staff.setup", "login.ok", "staff.create", "staff.role", "staff.pin_reset",
        "staff.deactivate", "staff.reactivate", "login.ok",
        *["login.failed"] * 5, "login.locked", "login.refused"]
    newest = staff.audit_entries(db, limit=3)
    assert [(e.action, e.staff_name) for e in newest] == [
        ("login.refused", "Trần Văn Bình"), ("login.locked", "Trần Văn Bình"),
        ("login.failed", "Trần Văn Bình")]
    assert newest[1].detail["minutes"] == 5
    role_change = staff.audit_entries(db, action_prefix="staff.role")[0]
    assert role_change.staff_name == "Lê Thị Thu Hà"
    assert role_change.detail == {"user_id": other.id, "username": "binh",
                                  "old": "staff", "new": "team_member"}
    # No PIN and no hash in any detail.
    with db() as session:
        details = " ".join(d or "" for d in session.scalars(select(AuditEntry.detail)))
    assert "8642" not in details and "argon2" not in details


def test_audit_entries_filter_by_time_and_kind_and_page(db, admin):
    with db.begin() as session:
        session.execute(AuditEntry.__table__.delete())
    add_audit_entries(db, [(admin.id, "resident.edit" if i % 3 else "login.ok",
                            T0 + timedelta(hours=i)) for i in range(100)])
    assert staff.count_audit_entries(db) == 100
    page = staff.audit_entries(db, limit=10, offset=10)
    assert [e.at for e in page] == [T0 + timedelta(hours=89 - i) for i in range(10)]
    window = staff.audit_entries(db, since=T0 + timedelta(hours=10),
                                 until=T0 + timedelta(hours=20), limit=1000)
    assert [e.at for e in window][::-1] == [T0 + timedelta(hours=h) for h in range(10, 20)]
    logins = staff.audit_entries(db, action_prefix="login.", limit=1000)
    assert len(logins) == 34 == staff.count_audit_entries(db, action_prefix="login.")
    both = staff.count_audit_entries(db, action_prefix=("login.", "resident."))
    assert both == 100
    assert staff.count_audit_entries(db, action_prefix="login%") == 0  # no wildcards


def test_the_next_page_after_an_entry_is_the_same_as_by_offset(db, admin):
    # Several entries share a moment: the order falls back on the entry's id.
    add_audit_entries(db, [(admin.id, "login.ok", T0 + timedelta(minutes=i // 3))
                           for i in range(50)])
    by_offset = [staff.audit_entries(db, limit=7, offset=n) for n in range(0, 52, 7)]
    pages, last = [], None
    while page := staff.audit_entries(db, limit=7, after=last):
        pages.append(page)
        last = page[-1]
    assert pages == by_offset[:len(pages)] and sum(map(len, pages)) == 52


# --- the command line -----------------------------------------------------------------


def test_kiosk_staff_add_list_and_reset_pin(monkeypatch, capsys):
    from kiosk import cli, settings

    typed = iter(["2580", "2580", "5093", "5093", "8642", "8642", "1357", "1358"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(typed))
    monkeypatch.setattr("builtins.input", lambda prompt="": "")  # take the offered username
    assert cli.main(["staff", "add", "--name", "Lê Thị Thu Hà"]) == 0
    assert "vai trò quản trị viên" in capsys.readouterr().out  # the first is the admin
    assert cli.main(["staff", "add", "--name", "Trần Văn Bình", "--username", "binh",
                     "--role", "team_member"]) == 0
    config = settings.load()
    db = open_database(config.effective_database_url, config.hamlets)
    for _ in range(5):
        refusal(db, "binh", "0000", T0)
    capsys.readouterr()
    assert cli.main(["staff", "list"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert listed[0].startswith("lethithuha") and "đang dùng" in listed[0]
    assert listed[1].startswith("binh") and "bị khóa đến" in listed[1]

    assert cli.main(["staff", "reset-pin", "binh"]) == 0
    assert staff.authenticate(db, "binh", "8642").username == "binh"
    assert cli.main(["staff", "reset-pin", "binh"]) == 1  # two different PINs
    assert "không giống nhau" in capsys.readouterr().err
    assert staff.authenticate(db, "binh", "8642").username == "binh"
    entries = staff.audit_entries(db, action_prefix="staff.")
    assert [(e.action, e.staff_name, e.detail["via"]) for e in entries] == [
        ("staff.pin_reset", None, "command line"), ("staff.create", None, "command line"),
        ("staff.create", None, "command line")]


def test_kiosk_staff_reset_pin_for_nobody_says_so(monkeypatch, capsys):
    from kiosk import cli

    monkeypatch.setattr("getpass.getpass", lambda prompt="": "8642")
    assert cli.main(["staff", "reset-pin", "nobody"]) == 1
    assert "Không tìm thấy tài khoản cán bộ này." in capsys.readouterr().err


def test_the_command_line_offers_exactly_the_roles_the_kiosk_knows():
    from kiosk import cli

    assert list(cli.STAFF_ROLES) == [role.value for role in StaffRole]
