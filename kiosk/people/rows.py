"""What every part of kiosk.people shares: a resident as lists show them, the error staff
see when a change cannot be made, and reading one resident or the khóm/ấp names."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from kiosk.db.models import Hamlet, Resident
from kiosk.residents import format_code
from kiosk.text import InvalidInput


@dataclass(frozen=True)
class ResidentRow:
    """One resident as lists show them."""

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



class PeopleError(ValueError):
    """A change staff asked for that cannot be made. `message` is Vietnamese, for staff;
    `field` names the input it is about ("full_name", "reason"...) or is None."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message, self.field = message, field


_INPUT_MESSAGES = {
    ("name", "empty"): "Hãy nhập họ và tên.",
    ("name", "no_letters"): "Họ và tên phải có chữ cái.",
    ("name", "too_long"): "Họ và tên dài quá 200 ký tự.",
    ("birth_year", "invalid"): "Năm sinh phải là một số có bốn chữ số, ví dụ 1958.",
    ("birth_year", "out_of_range"): "Năm sinh này không hợp lệ; hãy kiểm tra lại.",
    ("phone", "invalid"): ("Số điện thoại phải có 10 hoặc 11 chữ số và bắt đầu bằng 0 "
                           "(hoặc +84); có thể để trống."),
    ("hamlet", "missing"): "Khóm/ấp này không còn trong danh sách; hãy chọn khóm/ấp khác.",
}
_FIELDS = {"name": "full_name", "birth_year": "birth_year", "phone": "phone",
           "hamlet": "hamlet_id"}


def _refused(error: InvalidInput) -> PeopleError:
    message = _INPUT_MESSAGES.get((error.field, error.code), "Thông tin này không hợp lệ.")
    return PeopleError(message, _FIELDS.get(error.field, error.field))


def _not_found() -> PeopleError:
    return PeopleError("Không tìm thấy hồ sơ người học này; có thể hồ sơ vừa bị xóa "
                       "hoặc gộp vào hồ sơ khác.")


def _utc(moment: datetime | None) -> datetime | None:
    """Stored moments are UTC; SQLite gives them back without their zone."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


def _resident(session: Session, resident_id: int) -> Resident:
    resident = session.get(Resident, resident_id)
    if resident is None:
        raise _not_found()
    return resident


def _row_of(resident: Resident, hamlets: Mapping[int, str]) -> ResidentRow:
    return ResidentRow(resident.id, resident.learner_code, resident.full_name,
                       resident.birth_year, resident.hamlet_id,
                       hamlets.get(resident.hamlet_id, ""), resident.phone)



def _hamlet_names(session: Connection | Session) -> dict[int, str]:
    return dict(session.execute(select(Hamlet.id, Hamlet.name)).all())

