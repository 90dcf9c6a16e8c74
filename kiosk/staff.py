"""Staff of the commune: who they are, what each role may do, and the audit log.

Three roles: the admin sets the kiosk up and manages staff; cán bộ (staff) look after
residents, certificates and reports; tổ viên (team members) run group sessions and look
people up. A privileged action in the core takes the acting `StaffUserInfo`, calls
`require` before it changes anything, and writes its audit entry with `audit` in the same
transaction, so no change is ever made without its record.

Audit details name residents by id and learner code only, never by name, phone or birth
year: erasing a person then leaves the log as it is, without their personal data.
"""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass

from sqlalchemy.orm import Session

from kiosk.db.models import AuditEntry, StaffRole


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
