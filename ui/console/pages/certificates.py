"""The certificates page of the staff console, in four sections:

- "Kiểm tra" (verify): a scanner types a certificate's QR code; valid, revoked, tampered?
- "Chờ in" (queue): the certificates waiting for this kiosk's printer;
- "Đã cấp" (issued): every certificate issued here, to print again, reissue or revoke;
- "Cấp cho người học" (issue): a resident's achievements, to issue what they earned.

A role sees the sections it may use (a team member verifies and prints only), and within
them only the buttons it may use; the core checks the role again whatever the screen
shows. The rest of the console (and the kiosk's shortcuts) open a section with
`show_section` and a resident's certificates with `show_resident`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from kiosk.staff import Permission
from ui.console.certificates.issue import IssuePanel
from ui.console.certificates.issued import IssuedPanel
from ui.console.certificates.queue import PrintQueuePanel
from ui.console.certificates.verify import VerifyPanel
from ui.console.context import ConsoleContext
from ui.screens.base import label


class CertificatesPage(QWidget):
    def __init__(self, ctx: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(8)
        layout.addWidget(label(self.tr("Certificates"), "title"))
        self.tabs = QTabWidget()
        self.tabs.setObjectName("certificates_tabs")
        self.tabs.setDocumentMode(True)
        self.tabs.tabBar().setExpanding(False)
        layout.addWidget(self.tabs, 1)

        self.sections: dict[str, QWidget] = {}
        self.verify = self.queue = self.issued = self.issue = None
        if ctx.can(Permission.VERIFY_CERTIFICATES):
            self.verify = self._add("verify", VerifyPanel(ctx), self.tr("Check"))
            self.verify.find_issued.connect(self._find_issued)
        if ctx.can(Permission.PRINT_CERTIFICATES):
            self.queue = self._add("queue", PrintQueuePanel(ctx), self.tr("Waiting to print"))
            self.queue.counted.connect(self._count_queue)
            self._count_queue(self.queue.model.rowCount())
        if ctx.can(Permission.VERIFY_CERTIFICATES):
            self.issued = self._add("issued", IssuedPanel(ctx), self.tr("Issued"))
            self.issued.queued.connect(self.show_job)
            self.issued.open_resident.connect(self.show_resident)
        if ctx.can(Permission.ISSUE_CERTIFICATES):
            self.issue = self._add("issue", IssuePanel(ctx), self.tr("Issue to a resident"))
            self.issue.queued.connect(self.show_job)
        self.tabs.currentChanged.connect(lambda _index: self._entered())
        self._entered()

    def _add(self, name: str, panel: QWidget, title: str):
        panel.setObjectName(f"certificates_{name}")
        self.sections[name] = panel
        self.tabs.addTab(panel, title)
        return panel

    # --- what the rest of the console calls ---------------------------------------------------

    def show_section(self, name: str) -> QWidget | None:
        """Show "verify", "queue", "issued" or "issue"; None if this role has no such
        section."""
        panel = self.sections.get(name)
        if panel is None:
            return None
        if self.tabs.currentWidget() is panel:
            self._entered()
        else:
            self.tabs.setCurrentWidget(panel)  # _entered follows
        return panel

    def show_resident(self, resident_id: int) -> bool:
        """The issue section for this resident; False if this role may not issue."""
        if self.issue is None:
            return False
        self.tabs.setCurrentWidget(self.issue)
        self.issue.show_resident(resident_id)
        return True

    def show_job(self, job_id: int) -> None:
        """The print queue with this job chosen, ready to print (or saved as a file)."""
        if self.queue is None:
            return
        self.show_section("queue")
        self.queue.select_job(job_id)

    def refresh(self) -> None:
        """The console shows this page again: what may have changed meanwhile."""
        self._entered()

    def current_section(self) -> str | None:
        current = self.tabs.currentWidget()
        return next((name for name, panel in self.sections.items() if panel is current), None)

    # --- inside ---------------------------------------------------------------------------

    def _entered(self) -> None:
        name = self.current_section()
        if name == "verify":
            # After the console has placed its own focus: the scanner types straight in.
            QTimer.singleShot(0, self.verify, self.verify.focus_input)
        elif name == "queue":
            self.queue.refresh()
        elif name == "issued":
            self.issued.refresh()
        elif name == "issue":
            if self.issue.standing is not None:
                self.issue.show_resident(self.issue.standing.person.id)
            QTimer.singleShot(0, self.issue, self.issue.focus_input)
        if self.queue is not None and name != "queue":
            self.queue.refresh()  # the count on its tab

    def _count_queue(self, waiting: int) -> None:
        title = self.tr("Waiting to print")
        self.tabs.setTabText(self.tabs.indexOf(self.queue),
                             f"{title} ({waiting})" if waiting else title)

    def _find_issued(self, serial: str) -> None:
        if self.issued is not None:
            self.show_section("issued")
            self.issued.show_serial(serial)

    def screenshot_scenes(self) -> Iterator[tuple[str, Callable[[], None]]]:
        from ui.console.certificates.scenes import scenes

        return scenes(self)
