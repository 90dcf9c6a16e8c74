"""The lists of the certificates page, as Qt item models beside the views that show them.

`IssuedModel` holds the certificates a search found (kiosk.certificates.issuing.search);
`JobsModel` the print jobs waiting at this kiosk (kiosk.printing); `PeopleModel` the
residents found to issue to. Each is filled whole by its panel, from records the core
returned: they never open the database themselves. `TouchRows` draws their rows tall
enough to be touched.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QSize,
    Qt,
)
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from kiosk.certificates.issuing import CertificateStatus, ListedCertificate
from kiosk.db.models import CertificateKind
from kiosk.printing import JobInfo, PrintJobStatus
from ui.console.table_model import RecordRole, RecordTableModel
from ui.theme import CONSOLE_TOUCH

#: Room above and below a row's text, so that a finger can choose it.
ROW_PADDING = 10


class TouchRows(QStyledItemDelegate):
    """Rows (and table cells) at least a touch target high, with room around the text."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), max(size.height() + 2 * ROW_PADDING, CONSOLE_TOUCH))


def status_text(listed: ListedCertificate) -> str:
    """Valid, revoked, or replaced by a newer serial, in the staff's words."""
    status = listed.status
    if status is CertificateStatus.REPLACED:
        return QCoreApplication.translate("IssuedModel", "Replaced by %1").replace(
            "%1", listed.replaced_by or "")
    if status is CertificateStatus.REVOKED:
        return QCoreApplication.translate("IssuedModel", "Revoked")
    return QCoreApplication.translate("IssuedModel", "Valid")


class IssuedModel(RecordTableModel):
    SERIAL, NAME, CERTIFICATE, ISSUED_ON, STATUS = range(5)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = (self.tr("Serial"), self.tr("Name"), self.tr("Certificate"),
                         self.tr("Issued on"), self.tr("Status"))

    def row_of(self, serial: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.certificate.serial == serial), -1)

    def display(self, listed: ListedCertificate, column: int) -> str:
        cert = listed.certificate
        if column == self.SERIAL:
            return cert.serial
        if column == self.NAME:
            return cert.data.resident_name  # as printed on that paper
        if column == self.CERTIFICATE:
            return (cert.title if cert.kind is CertificateKind.ALL_SKILLS or cert.skill is None
                    else cert.skill.title)
        if column == self.ISSUED_ON:
            return f"{cert.data.issued_on:%d/%m/%Y}"
        return status_text(listed)


class JobsModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._jobs: list[JobInfo] = []

    def set_jobs(self, jobs: list[JobInfo]) -> None:
        self.beginResetModel()
        self._jobs = list(jobs)
        self.endResetModel()

    def job(self, row: int) -> JobInfo | None:
        return self._jobs[row] if 0 <= row < len(self._jobs) else None

    def row_of(self, job_id: int) -> int:
        return next((i for i, job in enumerate(self._jobs) if job.id == job_id), -1)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._jobs)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        job = self.job(index.row()) if index.isValid() else None
        if job is None:
            return None
        if role == RecordRole:
            return job
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        when = job.created_at.astimezone()  # stored in UTC, shown in the kiosk's time
        text = f"{job.label or job.pdf_path.name}  ·  {when:%d/%m/%Y %H:%M}"
        if job.status is PrintJobStatus.FAILED:
            text += "\n" + self.tr("Not printed: %1").replace("%1", job.last_error or "")
        elif job.last_error:
            text += "\n" + self.tr("Waiting: %1").replace("%1", job.last_error)
        return text


class PeopleModel(QAbstractListModel):
    """Residents found to issue certificates to: any record with id, learner_code,
    full_name, birth_year and hamlet_name (kiosk.people.ResidentRow)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._people: list = []

    def set_people(self, people: list) -> None:
        self.beginResetModel()
        self._people = list(people)
        self.endResetModel()

    def person(self, row: int):
        return self._people[row] if 0 <= row < len(self._people) else None

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._people)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        person = self.person(index.row()) if index.isValid() else None
        if person is None:
            return None
        if role == RecordRole:
            return person
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        code = f"{person.learner_code[:3]} {person.learner_code[3:]}"
        return f"{person.full_name}  ·  {person.birth_year}  ·  {person.hamlet_name}  ·  {code}"
