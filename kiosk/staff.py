"""Staff of the commune: who they are, what each role may do, signing in, and the audit log.

Three roles: the admin sets the kiosk up and manages staff; cán bộ (staff) look after
residents, certificates and reports; tổ viên (team members) run group sessions and look
people up. A privileged action in the core takes the acting `StaffUserInfo`, calls
`require` before it changes anything, and writes its audit entry with `audit` in the same
transaction, so no change is ever made without its record.

Audit details name residents by id and learner code only, never by name, phone or birth
year: erasing a person then leaves the log as it is, without their personal data.

PINs. A PIN is 4 to 8 digits, so there are at most 10^8 of them: what protects it is the
cost of each guess. It is stored only as an Argon2id hash in the PHC string format
("$argon2id$v=19$m=65536,t=2,p=1$salt$hash"), which names its own parameters, so they can
be raised later: old hashes still verify, and are rehashed at the next right sign-in.
Guessing at the kiosk is stopped by the lockout: after 5 wrong PINs in a row the account is
locked for 5 minutes, twice as long at each further lockout, up to an hour, until a right
PIN (or an admin resetting the PIN) clears it. Failed attempts are counted in the
database, so closing the kiosk does not reset them.
"""

from __future__ import annotations

import enum
import functools
import itertools
import json
import os
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.db.models import AuditEntry, StaffRole, StaffUser
from kiosk.text import InvalidInput, clean_text, fold, normalize_name


class Permission(enum.Enum):
    VIEW_RESIDENTS = "view_residents"
    EDIT_RESIDENTS = "edit_residents"
    MERGE_RESIDENTS = "merge_residents"
    EXPORT_RESIDENT = "export_resident"
    ERASE_RESIDENTS = "erase_residents"
    VERIFY_CERTIFICATES = "verify_certificates"
    PRINT_CERTIFICATES = "print_certificates"
    ISSUE_CERTIFICATES = "issue_certificates"
    REVOKE_CERTIFICATES = "revoke_certificates"
    VIEW_REPORTS = "view_reports"
    EXPORT_REPORTS = "export_reports"
    RUN_SESSIONS = "run_sessions"
    VIEW_PROBLEMS = "view_problems"
    CHANGE_SETTINGS = "change_settings"
    BACKUP_RESTORE = "backup_restore"
    IMPORT_LESSONS = "import_lessons"
    MANAGE_STAFF = "manage_staff"
    VIEW_AUDIT = "view_audit"


_TEAM = frozenset({
    Permission.VIEW_RESIDENTS, Permission.VERIFY_CERTIFICATES,
    Permission.PRINT_CERTIFICATES, Permission.VIEW_REPORTS, Permission.RUN_SESSIONS,
    Permission.VIEW_PROBLEMS,
})
_STAFF = _TEAM | {
    Permission.EDIT_RESIDENTS, Permission.MERGE_RESIDENTS, Permission.EXPORT_RESIDENT,
    Permission.ERASE_RESIDENTS, Permission.ISSUE_CERTIFICATES,
    Permission.REVOKE_CERTIFICATES, Permission.EXPORT_REPORTS,
}
ROLE_PERMISSIONS: dict[StaffRole, frozenset[Permission]] = {
    StaffRole.TEAM_MEMBER: _TEAM,
    StaffRole.STAFF: frozenset(_STAFF),
    StaffRole.ADMIN: frozenset(Permission),
}

#: How each role is called in messages of the core (the console has its own translations).
ROLE_NAMES = {
    StaffRole.ADMIN: "quản trị viên",
    StaffRole.STAFF: "cán bộ xã",
    StaffRole.TEAM_MEMBER: "tổ viên tổ công nghệ số cộng đồng",
}


@dataclass(frozen=True)
class StaffUserInfo:
    id: int
    username: str
    display_name: str
    role: StaffRole

    def can(self, permission: Permission) -> bool:
        return permission in ROLE_PERMISSIONS[self.role]


class NotAllowed(PermissionError):
    """The acting staff member's role does not allow this; the message is Vietnamese."""


def require(actor: StaffUserInfo, permission: Permission) -> None:
    if not actor.can(permission):
        raise NotAllowed("Vai trò của anh/chị không được phép làm việc này.")


def audit(session: Session, actor: StaffUserInfo | None, action: str,
          **detail: object) -> None:
    """Add an audit entry to the session's transaction (committed with the change).
    `action` is dotted English ("resident.erase"); `detail` is stored as JSON."""
    session.add(AuditEntry(
        staff_user_id=actor.id if actor else None, action=action,
        detail=json.dumps(detail, ensure_ascii=False, sort_keys=True, default=str)))


Db = sessionmaker[Session]

# --- errors -------------------------------------------------------------------------------


class StaffError(Exception):
    """A staff change that cannot be made; `str(exc)` is Vietnamese, for the screen."""


class InvalidPin(StaffError):
    """A PIN that is not 4-8 digits, or too easy to guess."""


class SignInRefused(StaffError):
    """Why a sign-in was refused, in Vietnamese, with what a screen may want to show."""

    class Reason(enum.Enum):
        UNKNOWN = "unknown"
        INACTIVE = "inactive"
        WRONG_PIN = "wrong_pin"
        LOCKED = "locked"  # locked now or already locked: see `locked_until`

    def __init__(self, reason: SignInRefused.Reason, message: str, *,
                 attempts_left: int | None = None,
                 locked_until: datetime | None = None) -> None:
        super().__init__(message)
        self.reason = reason
        self.attempts_left = attempts_left
        self.locked_until = locked_until


# --- PINs ---------------------------------------------------------------------------------

PIN_MIN_LENGTH = 4
PIN_MAX_LENGTH = 8


@dataclass(frozen=True)
class PinHashCost:
    """Argon2id parameters: 64 MiB (so a guessing machine needs that much memory per
    guess), 2 passes, 1 lane. On the kiosk's 2-core machine a hash takes about 0.15 s when
    it is idle and 0.3 s when both cores are busy (benchmarks/bench_pin.py); 3 passes
    would take 0.2-0.4 s."""

    memory_kib: int = 65536
    iterations: int = 2
    lanes: int = 1


#: The cost new hashes are made with. Tests lower it to keep fast; raising it later makes
#: every older hash be redone at its owner's next right sign-in.
PIN_HASH_COST = PinHashCost()
_SALT_BYTES = 16
_HASH_BYTES = 32
_PHC = re.compile(r"^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$")


def check_pin(pin: str) -> str:
    """The PIN if it may be used; raises InvalidPin with the reason otherwise."""
    pin = pin.strip()
    if not (pin.isascii() and pin.isdigit()
            and PIN_MIN_LENGTH <= len(pin) <= PIN_MAX_LENGTH):
        raise InvalidPin(f"Mã PIN phải gồm từ {PIN_MIN_LENGTH} đến {PIN_MAX_LENGTH} chữ số.")
    if is_guessable(pin):
        raise InvalidPin("Mã PIN này quá dễ đoán (các số giống nhau, liền nhau như 1234, "
                         "hoặc lặp lại như 1212). Anh/chị hãy chọn mã khác.")
    return pin


def is_guessable(pin: str) -> bool:
    """The PINs anyone tries first: one digit repeated (0000), a run up or down the digits
    (1234, 98765, 7890), a pair repeated (1212, 696969)."""
    digits = [int(c) for c in pin]
    steps = {(b - a) % 10 for a, b in itertools.pairwise(digits)}
    if steps in ({0}, {1}, {9}):
        return True
    return len(pin) % 2 == 0 and pin == pin[:2] * (len(pin) // 2)


def hash_pin(pin: str, cost: PinHashCost | None = None) -> str:
    """A new Argon2id hash of the PIN with a random salt (slow on purpose: off the UI
    thread)."""
    from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

    cost = cost or PIN_HASH_COST
    kdf = Argon2id(salt=os.urandom(_SALT_BYTES), length=_HASH_BYTES,
                   iterations=cost.iterations, lanes=cost.lanes, memory_cost=cost.memory_kib)
    return kdf.derive_phc_encoded(pin.encode())


def verify_pin(pin: str, stored: str) -> bool:
    """Whether `pin` matches the stored hash; compared in constant time (by the library).
    A hash that is not a well-formed Argon2id string matches nothing."""
    from cryptography.exceptions import InvalidKey
    from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

    if not _PHC.match(stored or ""):
        return False
    try:
        Argon2id.verify_phc_encoded(pin.encode(), stored)
    except (InvalidKey, ValueError):
        return False
    return True


def hash_cost(stored: str) -> PinHashCost | None:
    """The parameters a stored hash was made with, or None for a string that is not one."""
    found = _PHC.match(stored or "")
    if found is None:
        return None
    return PinHashCost(int(found[1]), int(found[2]), int(found[3]))


def needs_rehash(stored: str) -> bool:
    return hash_cost(stored) != PIN_HASH_COST


# --- who is staff -------------------------------------------------------------------------

USERNAME_MIN_LENGTH = 3
USERNAME_MAX_LENGTH = 30
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


def normalize_username(text: str) -> str:
    """Lower case and without diacritics ("Hà.Lê" -> "ha.le"); raises StaffError."""
    username = fold(clean_text(text))
    if not username:
        raise StaffError("Anh/chị chưa nhập tên đăng nhập.")
    if not USERNAME_MIN_LENGTH <= len(username) <= USERNAME_MAX_LENGTH:
        raise StaffError(f"Tên đăng nhập dài từ {USERNAME_MIN_LENGTH} đến "
                         f"{USERNAME_MAX_LENGTH} ký tự.")
    if not _USERNAME.match(username):
        raise StaffError("Tên đăng nhập chỉ gồm chữ cái không dấu, chữ số và các dấu . _ -, "
                         "không có khoảng trắng.")
    return username


def suggest_username(display_name: str) -> str:
    """A username to offer for a name: "Lê Thị Thu Hà" -> "lethithuha"."""
    letters = "".join(c for c in fold(clean_text(display_name)) if c.isascii() and c.isalnum())
    return letters[:USERNAME_MAX_LENGTH]


def normalize_display_name(text: str) -> str:
    """The stored form of a staff member's name; raises StaffError saying what is wrong."""
    try:
        return normalize_name(text)
    except InvalidInput as exc:
        raise StaffError({
            "empty": "Anh/chị chưa nhập họ và tên.",
            "no_letters": "Họ và tên phải có chữ cái.",
        }.get(exc.code, "Họ và tên dài quá 200 ký tự.")) from exc


@dataclass(frozen=True)
class StaffMember:
    """One staff account as the staff page lists it (never the PIN hash)."""

    id: int
    username: str
    display_name: str
    role: StaffRole
    active: bool
    failed_attempts: int
    locked_until: datetime | None  # UTC

    def locked(self, now: datetime | None = None) -> bool:
        return self.locked_until is not None and self.locked_until > (now or _now())

    @property
    def info(self) -> StaffUserInfo:
        return StaffUserInfo(self.id, self.username, self.display_name, self.role)


def _utc(moment: datetime | None) -> datetime | None:
    """Stored moments are UTC; SQLite gives them back without their zone."""
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _now() -> datetime:
    return datetime.now(UTC)


def _member(row: StaffUser) -> StaffMember:
    return StaffMember(row.id, row.username, row.display_name, row.role, row.active,
                       row.failed_attempts or 0, _utc(row.locked_until))


def _info(row: StaffUser) -> StaffUserInfo:
    return StaffUserInfo(row.id, row.username, row.display_name, row.role)


def has_staff(db: Db) -> bool:
    """Whether any staff account exists (none: the kiosk offers the first-start setup)."""
    with db() as session:
        return session.scalar(select(StaffUser.id).limit(1)) is not None


def list_users(db: Db, *, active_only: bool = False) -> list[StaffMember]:
    """Staff accounts by name (folded, so "Đặng" sorts with the D's)."""
    with db() as session:
        query = select(StaffUser)
        if active_only:
            query = query.where(StaffUser.active.is_(True))
        rows = session.scalars(query).all()
        return sorted((_member(r) for r in rows),
                      key=lambda m: (fold(m.display_name), m.username))


def get_user(db: Db, user_id: int) -> StaffMember | None:
    with db() as session:
        row = session.get(StaffUser, user_id)
        return _member(row) if row else None


def _new_user(session: Session, display_name: str, username: str, role: StaffRole,
              pin: str) -> StaffUser:
    """Checks every field (cheap checks first), then hashes: the slow part happens only
    for input that will be stored."""
    name = normalize_display_name(display_name)
    username = normalize_username(username)
    role = StaffRole(role)
    pin = check_pin(pin)
    if session.scalar(select(StaffUser.id).where(StaffUser.username == username)):
        raise StaffError(f"Tên đăng nhập “{username}” đã có người dùng. "
                         "Anh/chị hãy chọn tên khác.")
    row = StaffUser(username=username, display_name=name, role=role, pin_hash=hash_pin(pin),
                    failed_attempts=0, locked_until=None, active=True)
    session.add(row)
    session.flush()
    return row


def setup_admin(db: Db, display_name: str, username: str, pin: str) -> StaffUserInfo:
    """First start: create the admin account and sign them in. Refused once any staff
    account exists (otherwise anyone at the kiosk could make themselves admin)."""
    with db.begin() as session:
        if session.scalar(select(StaffUser.id).limit(1)) is not None:
            raise StaffError("Trạm đã có tài khoản quản trị. Anh/chị hãy đăng nhập bằng mã "
                             "PIN của mình.")
        row = _new_user(session, display_name, username, StaffRole.ADMIN, pin)
        user = _info(row)
        audit(session, user, "staff.setup", user_id=row.id, username=row.username)
        audit(session, user, "login.ok", via="setup")
        return user


def create_user(db: Db, actor: StaffUserInfo, display_name: str, username: str,
                role: StaffRole, pin: str) -> StaffMember:
    require(actor, Permission.MANAGE_STAFF)
    with db.begin() as session:
        row = _new_user(session, display_name, username, role, pin)
        audit(session, actor, "staff.create", user_id=row.id, username=row.username,
              role=row.role.value)
        return _member(row)


def _target(session: Session, user: int | str) -> StaffUser:
    if isinstance(user, int):
        row = session.get(StaffUser, user)
    else:
        row = session.scalar(select(StaffUser).where(
            StaffUser.username == fold(clean_text(user))))
    if row is None:
        raise StaffError("Không tìm thấy tài khoản cán bộ này.")
    return row


def _other_active_admins(session: Session, row: StaffUser) -> int:
    return session.scalar(select(func.count(StaffUser.id)).where(
        StaffUser.role == StaffRole.ADMIN, StaffUser.active.is_(True),
        StaffUser.id != row.id)) or 0


_LAST_ADMIN = ("{name} là quản trị viên cuối cùng đang hoạt động. Anh/chị hãy cho một người "
               "khác làm quản trị viên trước, để trạm luôn có người quản lý.")


def change_role(db: Db, actor: StaffUserInfo, user_id: int, role: StaffRole) -> StaffMember:
    require(actor, Permission.MANAGE_STAFF)
    role = StaffRole(role)
    with db.begin() as session:
        row = _target(session, user_id)
        if row.role == role:
            return _member(row)
        if (row.role == StaffRole.ADMIN and row.active
                and not _other_active_admins(session, row)):
            raise StaffError(_LAST_ADMIN.format(name=row.display_name))
        old = row.role
        row.role = role
        audit(session, actor, "staff.role", user_id=row.id, username=row.username,
              old=old.value, new=role.value)
        return _member(row)


def reset_pin(db: Db, actor: StaffUserInfo, user_id: int, pin: str) -> StaffMember:
    """A new PIN for someone who forgot theirs; it also lifts a lockout."""
    require(actor, Permission.MANAGE_STAFF)
    return _reset_pin(db, actor, user_id, pin, {})


def _reset_pin(db: Db, actor: StaffUserInfo | None, user: int | str, pin: str,
               extra: dict[str, object]) -> StaffMember:
    pin = check_pin(pin)
    with db() as session:  # the user must exist before the slow hash
        _target(session, user)
    hashed = hash_pin(pin)
    with db.begin() as session:
        row = _target(session, user)
        row.pin_hash = hashed
        row.failed_attempts = 0
        row.locked_until = None
        audit(session, actor, "staff.pin_reset", user_id=row.id, username=row.username,
              **extra)
        return _member(row)


def deactivate(db: Db, actor: StaffUserInfo, user_id: int) -> StaffMember:
    """The account can no longer sign in; it stays in the list and the audit log."""
    require(actor, Permission.MANAGE_STAFF)
    with db.begin() as session:
        row = _target(session, user_id)
        if not row.active:
            return _member(row)
        if row.role == StaffRole.ADMIN and not _other_active_admins(session, row):
            raise StaffError(_LAST_ADMIN.format(name=row.display_name))
        row.active = False
        audit(session, actor, "staff.deactivate", user_id=row.id, username=row.username)
        return _member(row)


def reactivate(db: Db, actor: StaffUserInfo, user_id: int) -> StaffMember:
    require(actor, Permission.MANAGE_STAFF)
    with db.begin() as session:
        row = _target(session, user_id)
        if row.active:
            return _member(row)
        row.active = True
        row.failed_attempts = 0
        row.locked_until = None
        audit(session, actor, "staff.reactivate", user_id=row.id, username=row.username)
        return _member(row)


# --- the command line ---------------------------------------------------------------------
# Whoever can run commands on the kiosk's machine can already read and change its database,
# so the command line needs no PIN; what it does is still in the audit log.

COMMAND_LINE = "command line"


def reset_pin_from_command_line(db: Db, username: str, pin: str) -> StaffMember:
    return _reset_pin(db, None, username, pin, {"via": COMMAND_LINE})


def add_from_command_line(db: Db, display_name: str, username: str, role: StaffRole,
                          pin: str) -> StaffMember:
    with db.begin() as session:
        row = _new_user(session, display_name, username, role, pin)
        audit(session, None, "staff.create", user_id=row.id, username=row.username,
              role=row.role.value, via=COMMAND_LINE)
        return _member(row)


# --- signing in ---------------------------------------------------------------------------

#: Wrong PINs in a row that lock the account.
MAX_FAILURES = 5
FIRST_LOCK = timedelta(minutes=5)
LONGEST_LOCK = timedelta(hours=1)


def lock_duration(lockout_number: int) -> timedelta:
    """5 minutes for the first lockout, doubling each further one, at most an hour."""
    return min(FIRST_LOCK * 2 ** (lockout_number - 1), LONGEST_LOCK)


def local_time(moment: datetime) -> str:
    """HH:MM on the kiosk's clock."""
    return moment.astimezone().strftime("%H:%M")


def _minutes(span: timedelta) -> int:
    return max(1, -(-int(span.total_seconds()) // 60))


def locked_message(locked_until: datetime, now: datetime | None = None) -> str:
    """What a locked account is told (also before any PIN is typed)."""
    left = locked_until - (now or _now())
    return (f"Tài khoản đang bị khóa đến {local_time(locked_until)} vì nhập sai mã PIN "
            f"nhiều lần (còn {_minutes(left)} phút). Anh/chị hãy thử lại sau, hoặc nhờ "
            "quản trị viên đặt lại mã PIN.")


def authenticate(db: Db, user: int | str, pin: str, *,
                 now: datetime | None = None) -> StaffUserInfo:
    """Sign in by account id (tapped in the list) or username. Returns who signed in, or
    raises SignInRefused saying why. Slow (one PIN hash): call it off the UI thread.
    Every outcome is in the audit log, refusals too."""
    now = (now or _now()).astimezone(UTC)
    with db() as session:
        try:
            row = _target(session, user)
        except StaffError:
            verify_pin(pin, _dummy_hash())  # as slow as a real check
            raise SignInRefused(SignInRefused.Reason.UNKNOWN,
                                "Không tìm thấy tài khoản cán bộ này.") from None
        who = _info(row)
        try:
            _check_sign_in(session, row, who, pin, now)
        finally:
            session.commit()  # the failure and the lock are kept with the refusal
        return who


def _check_sign_in(session: Session, row: StaffUser, who: StaffUserInfo, pin: str,
                   now: datetime) -> None:
    if not row.active:
        audit(session, who, "login.refused", reason="inactive")
        raise SignInRefused(
            SignInRefused.Reason.INACTIVE,
            "Tài khoản này đã ngừng sử dụng. Anh/chị hãy nhờ quản trị viên mở lại.")
    locked_until = _utc(row.locked_until)
    if locked_until is not None and locked_until > now:
        # The PIN is not even checked: a locked account cannot be guessed at.
        audit(session, who, "login.refused", reason="locked",
              until=locked_until.isoformat())
        raise SignInRefused(SignInRefused.Reason.LOCKED, locked_message(locked_until, now),
                            locked_until=locked_until)
    if verify_pin(pin, row.pin_hash):
        row.failed_attempts = 0
        row.locked_until = None
        if needs_rehash(row.pin_hash):
            row.pin_hash = hash_pin(pin)
        audit(session, who, "login.ok")
        return
    row.failed_attempts = (row.failed_attempts or 0) + 1
    audit(session, who, "login.failed", failures=row.failed_attempts)
    left = MAX_FAILURES - row.failed_attempts % MAX_FAILURES
    if left < MAX_FAILURES:
        raise SignInRefused(
            SignInRefused.Reason.WRONG_PIN,
            f"Mã PIN chưa đúng. Anh/chị còn {left} lần thử trước khi tài khoản bị khóa "
            "tạm thời.", attempts_left=left)
    span = lock_duration(row.failed_attempts // MAX_FAILURES)
    row.locked_until = now + span
    audit(session, who, "login.locked", minutes=_minutes(span),
          until=row.locked_until.isoformat())
    raise SignInRefused(
        SignInRefused.Reason.LOCKED,
        f"Anh/chị đã nhập sai mã PIN {MAX_FAILURES} lần liên tiếp. Tài khoản bị khóa "
        f"{_minutes(span)} phút, đến {local_time(row.locked_until)}. Quản trị viên có thể "
        "đặt lại mã PIN.", attempts_left=0, locked_until=row.locked_until)


@functools.cache
def _dummy_hash() -> str:
    """Checked against when the account does not exist, so that answer takes as long."""
    return hash_pin(secrets.token_hex(8))


# --- the audit log ------------------------------------------------------------------------


@dataclass(frozen=True)
class AuditRecord:
    id: int
    at: datetime  # UTC
    staff_user_id: int | None
    staff_name: str | None  # None: the kiosk itself or the command line
    action: str
    detail: dict[str, object]


def _audit_filter(query, since: datetime | None, until: datetime | None,
                  action_prefix: str | Sequence[str] | None):
    if since is not None:
        query = query.where(AuditEntry.at >= _as_utc(since))
    if until is not None:
        query = query.where(AuditEntry.at < _as_utc(until))
    if action_prefix:
        prefixes = [action_prefix] if isinstance(action_prefix, str) else list(action_prefix)
        query = query.where(or_(*(AuditEntry.action.startswith(p, autoescape=True)
                                  for p in prefixes)))
    return query


def _as_utc(moment: datetime) -> datetime:
    """Bound in UTC, as the moments are stored (a naive value is taken as UTC already)."""
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


def _detail(text: str | None) -> dict[str, object]:
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {"text": text}
    return value if isinstance(value, dict) else {"text": value}


def audit_entries(db: Db, *, since: datetime | None = None, until: datetime | None = None,
                  action_prefix: str | Sequence[str] | None = None, limit: int = 200,
                  offset: int = 0, after: AuditRecord | None = None) -> list[AuditRecord]:
    """Entries from `since` (included) to `until` (excluded), newest first, whose action
    starts with `action_prefix` (or any of several), a page of `limit` from `offset`.

    `after` is the last entry of the page before: the next page then starts right after
    it through the index, as fast at the end of 100,000 entries as at the start (an
    offset makes the database step over every entry before it)."""
    query = _audit_filter(
        select(AuditEntry.id, AuditEntry.at, AuditEntry.staff_user_id,
               StaffUser.display_name, AuditEntry.action, AuditEntry.detail)
        .outerjoin(StaffUser, StaffUser.id == AuditEntry.staff_user_id),
        since, until, action_prefix)
    if after is not None:
        at = _as_utc(after.at)
        query = query.where(AuditEntry.at <= at).where(or_(
            AuditEntry.at < at, AuditEntry.id < after.id))
    query = query.order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    with db() as session:
        rows = session.execute(query.limit(limit).offset(offset)).all()
    return [AuditRecord(r.id, _utc(r.at), r.staff_user_id, r.display_name, r.action,
                        _detail(r.detail)) for r in rows]


def count_audit_entries(db: Db, *, since: datetime | None = None,
                        until: datetime | None = None,
                        action_prefix: str | Sequence[str] | None = None) -> int:
    query = _audit_filter(select(func.count(AuditEntry.id)), since, until, action_prefix)
    with db() as session:
        return session.scalar(query) or 0


def first_audit_time(db: Db) -> datetime | None:
    """When the oldest entry was written (None for an empty log)."""
    with db() as session:
        return _utc(session.scalar(select(func.min(AuditEntry.at))))
