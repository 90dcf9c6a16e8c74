"""The certificates issued here, newest first, found by serial or by the resident's name.

Each shows whether it is still valid, revoked, or replaced by a newer serial. On a chosen
one, staff act as their role allows: print it again (a copy goes to the print queue),
reissue it (a new serial in its place, e.g. after a name correction) or revoke it with a
reason. Reissuing and revoking ask first, in a box below the list, never in a window of
their own that a touch screen could hide.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kiosk.certificates import issuing, requests
from kiosk.certificates.issuing import MAX_REASON_LENGTH, CertificateStatus, ListedCertificate
from kiosk.staff import Permission
from ui import operations
from ui.console.certificates.models import IssuedModel, TouchRows
from ui.console.certificates.section import Section, explain
from ui.console.context import ConsoleContext
from ui.screens.base import button, label
from ui.theme import set_role
from ui.touch import touch_scrolling

#: Typing pauses this long before the list is looked up again.
SEARCH_DELAY_MS = 250


class IssuedPanel(Section):
    queued = Signal(int)  # a print job was made: show it in the queue
    open_resident = Signal(int)  # a resident's certificates, to issue what is missing

    def __init__(self, ctx: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.searching: operations.Operation | None = None
        self._search_again = False
        self.loaded_for: str | None = None  # the text the rows shown were found for
        self._select_after: str | None = None
        self._confirming: str | None = None  # "revoke" or "reissue"

        # The list and what to do with the chosen certificate; a question replaces it all.
        self.browse = QWidget()
        browse = QVBoxLayout(self.browse)
        browse.setContentsMargins(0, 0, 0, 0)
        browse.setSpacing(12)
        self.search = QLineEdit()
        self.search.setObjectName("issued_search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Serial, or the resident's name"))
        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.setInterval(SEARCH_DELAY_MS)
        self._delay.timeout.connect(self.look_up)
        self.search.textChanged.connect(lambda _text: self._delay.start())
        self.search.returnPressed.connect(self.look_up)
        browse.addWidget(self.search)
        self.count = label("", "muted")
        self.count.setObjectName("issued_count")
        browse.addWidget(self.count)

        self.model = IssuedModel(self)
        self.table = QTableView()
        self.table.setObjectName("issued_table")
        self.table.setModel(self.model)
        self.table.setItemDelegate(TouchRows(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        # Rows as tall as their wrapped text, whatever width the columns end up with.
        self.table.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.table.horizontalHeader()
        for column in range(self.model.columnCount()):
            stretch = column in (IssuedModel.NAME, IssuedModel.CERTIFICATE,
                                 IssuedModel.STATUS)
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch if stretch
                                        else QHeaderView.ResizeMode.ResizeToContents)
        touch_scrolling(self.table)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.changed())
        browse.addWidget(self.table, 1)

        self.detail = label("", "muted")
        self.detail.setObjectName("issued_detail")
        browse.addWidget(self.detail)

        actions = QHBoxLayout()
        actions.setSpacing(16)
        self.resident_button = button(self.tr("Resident's certificates"), None,
                                      "issued_resident")
        self.resident_button.clicked.connect(self._open_resident)
        self.print_button = button(self.tr("Print"), None, "issued_print")
        self.print_button.clicked.connect(self.reprint)
        self.reissue_button = button(self.tr("Reissue…"), None, "issued_reissue")
        self.reissue_button.clicked.connect(lambda: self.ask("reissue"))
        self.revoke_button = button(self.tr("Revoke…"), None, "issued_revoke")
        self.revoke_button.clicked.connect(lambda: self.ask("revoke"))
        actions.addWidget(self.resident_button)
        actions.addStretch(1)
        for action in (self.print_button, self.reissue_button, self.revoke_button):
            actions.addWidget(action)
        browse.addLayout(actions)
        # What this role may do at all; whether the chosen row allows it is `changed`.
        self.resident_button.setVisible(ctx.can(Permission.ISSUE_CERTIFICATES))
        self.print_button.setVisible(ctx.can(Permission.PRINT_CERTIFICATES))
        self.reissue_button.setVisible(ctx.can(Permission.ISSUE_CERTIFICATES))
        self.revoke_button.setVisible(ctx.can(Permission.REVOKE_CERTIFICATES))

        self.layout_.addWidget(self.browse, 1)

        self.confirm = self._confirm_box()
        self.layout_.addWidget(self.confirm)
        self.layout_.addStretch(0)  # keeps the question at the top while the list is away
        self.confirm.hide()
        self.changed()

    def _confirm_box(self) -> QFrame:
        box = QFrame()
        box.setObjectName("issued_confirm")
        set_role(box, "card")
        column = QVBoxLayout(box)
        column.setContentsMargins(16, 12, 16, 12)
        column.setSpacing(10)
        self.asked_about = label("", "title")
        self.asked_about.setObjectName("issued_asked_about")
        column.addWidget(self.asked_about)
        self.asked_what = label("", "muted")
        column.addWidget(self.asked_what)
        self.question = label("", "lead")
        self.question.setObjectName("issued_question")
        column.addWidget(self.question)
        self.reason = QLineEdit()
        self.reason.setObjectName("issued_reason")
        self.reason.setMaxLength(MAX_REASON_LENGTH)
        self.reason.setPlaceholderText(self.tr("Why is it revoked? (required)"))
        self.reason.textChanged.connect(lambda _text: self.changed())
        self.reason.returnPressed.connect(self.confirmed)
        column.addWidget(self.reason)
        row = QHBoxLayout()
        row.setSpacing(16)
        self.cancel_button = button(self.tr("Go back"), None, "issued_cancel")
        self.cancel_button.clicked.connect(self.cancel_question)
        self.yes_button = button("", "primary", "issued_yes")
        self.yes_button.clicked.connect(self.confirmed)
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        row.addWidget(self.yes_button)
        column.addLayout(row)
        return box

    # --- the list ---------------------------------------------------------------------------

    def refresh(self) -> None:
        self.look_up()

    def show_serial(self, serial: str) -> None:
        """Look the serial up and choose it (from a scanned certificate)."""
        self._select_after = serial
        self.search.setText(serial)
        self.look_up()

    def look_up(self) -> None:
        """Find the certificates for the text typed, off the UI thread; typing meanwhile
        looks up again once this answer is in."""
        self._delay.stop()
        if self.searching is not None:
            self._search_again = True
            return
        text = self.search.text()
        db, config = self.ctx.db, self.ctx.station.config
        self.searching = operations.run(lambda _p: (text, issuing.search(db, text, config)))
        self.searching.succeeded.connect(self._found)
        self.searching.failed.connect(self._search_failed)

    def _found(self, answer: tuple[str, list[ListedCertificate]]) -> None:
        self.searching = None
        if self._search_again:
            self._search_again = False
            return self.look_up()
        text, rows = answer
        keep = self._select_after or (self.chosen().certificate.serial if self.chosen()
                                      else None)
        self._select_after = None
        self.model.set_rows(rows)
        self.loaded_for = text
        if keep is not None:
            self.select_serial(keep)
        if not rows:
            self.count.setText(self.tr("No certificate found.") if text.strip()
                               else self.tr("No certificate has been issued yet."))
        elif len(rows) >= issuing.SEARCH_LIMIT:
            self.count.setText(self.tr("The newest %n shown; type a serial or a name to "
                                       "find others.", "", len(rows)))
        else:
            self.count.setText(self.tr("%n certificate(s), newest first.", "", len(rows)))
        self.changed()

    def _search_failed(self, exc: BaseException) -> None:
        self.searching = None
        self._search_again = False
        self.say(explain(exc), "error")

    def select_serial(self, serial: str) -> bool:
        row = self.model.row_of(serial)
        if row < 0:
            return False
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def chosen(self) -> ListedCertificate | None:
        index = self.table.currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    def changed(self) -> None:
        chosen = self.chosen()
        valid = chosen is not None and chosen.status is CertificateStatus.VALID
        free = not self.busy and self._confirming is None
        self.print_button.setEnabled(valid and free)
        self.reissue_button.setEnabled(valid and free)
        self.revoke_button.setEnabled(valid and free)
        self.resident_button.setEnabled(
            chosen is not None and chosen.certificate.resident_id is not None and free)
        self.search.setEnabled(self._confirming is None)
        self.table.setEnabled(self._confirming is None)
        if self._confirming == "revoke":
            self.yes_button.setEnabled(bool(self.reason.text().strip()) and not self.busy)
        else:
            self.yes_button.setEnabled(not self.busy)
        self.cancel_button.setEnabled(not self.busy)
        self.detail.setText(self._detail(chosen))
        self.detail.setVisible(bool(self.detail.text()))

    def _detail(self, chosen: ListedCertificate | None) -> str:
        if chosen is None or not chosen.certificate.revoked:
            return ""
        cert = chosen.certificate
        when = cert.revoked_at.astimezone()
        return self.tr("Revoked on %1: %2").replace("%1", f"{when:%d/%m/%Y}").replace(
            "%2", cert.revoked_reason or "")

    # --- actions -----------------------------------------------------------------------------

    def reprint(self) -> None:
        chosen = self.chosen()
        if chosen is None:
            return
        db, config, actor = self.ctx.db, self.ctx.station.config, self.ctx.user
        serial = chosen.certificate.serial
        self.say(self.tr("Preparing certificate %1 for printing…").replace("%1", serial))
        self.run(lambda _p: requests.reprint(db, serial, config, actor=actor),
                 lambda job: self._reprinted(serial, job))

    def _reprinted(self, serial: str, job) -> None:
        self.say(self.tr("Certificate %1 is in the print queue.").replace("%1", serial))
        self.queued.emit(job.id)

    def ask(self, what: str) -> None:
        """Show the question before reissuing or revoking the chosen certificate."""
        chosen = self.chosen()
        if chosen is None or self.busy:
            return
        cert = chosen.certificate
        self._confirming = what
        self.asked_about.setText(f"{cert.serial}  ·  {cert.data.resident_name}")
        self.asked_what.setText(f"{cert.title}  ·  " + self.tr("issued %1").replace(
            "%1", f"{cert.data.issued_on:%d/%m/%Y}"))
        self.reason.clear()
        self.reason.setVisible(what == "revoke")
        if what == "revoke":
            self.question.setText(self.tr(
                "Revoke certificate %1 of %2? Its QR code will then say it is revoked, "
                "with the reason typed here. This cannot be undone.").replace(
                "%1", cert.serial).replace("%2", cert.data.resident_name))
            self.yes_button.setText(self.tr("Revoke"))
            set_role(self.yes_button, "danger")  # it cannot be undone
        else:
            self.question.setText(self.tr(
                "Reissue certificate %1 of %2? A new certificate with a new serial is made "
                "from the resident's record as it is now (for a lost or damaged paper, or a "
                "corrected name); %1 is revoked and points to the new one.").replace(
                "%1", cert.serial).replace("%2", cert.data.resident_name))
            self.yes_button.setText(self.tr("Reissue"))
            set_role(self.yes_button, "primary")
        self.say("")
        self.browse.hide()
        self.confirm.show()
        self.changed()
        (self.reason if what == "revoke" else self.cancel_button).setFocus()

    def cancel_question(self) -> None:
        self._confirming = None
        self.confirm.hide()
        self.browse.show()
        self.changed()

    def confirmed(self) -> None:
        chosen, what = self.chosen(), self._confirming
        if chosen is None or what is None or not self.yes_button.isEnabled():
            return
        db, station, actor = self.ctx.db, self.ctx.station, self.ctx.user
        serial = chosen.certificate.serial
        if what == "revoke":
            reason = self.reason.text()
            self.run(lambda _p: issuing.revoke(db, serial, reason, station.config,
                                               actor=actor),
                     lambda _cert: self._revoked(serial), self._refused)
        else:
            self.run(lambda _p: issuing.reissue(db, serial, station.config, station.key,
                                                actor=actor),
                     lambda new: self._reissued(serial, new), self._refused)

    def _revoked(self, serial: str) -> None:
        self.cancel_question()
        self.say(self.tr("Certificate %1 is revoked.").replace("%1", serial))
        self._select_after = serial
        self.look_up()

    def _reissued(self, old: str, new: issuing.IssuedCertificate) -> None:
        self.cancel_question()
        self.say(self.tr("Reissued: certificate %1 replaces %2. Touch “Print” to print it.")
                 .replace("%1", new.serial).replace("%2", old))
        self.show_serial(new.serial)

    def _refused(self, exc: BaseException) -> None:
        self.cancel_question()
        self.say(explain(exc), "error")

    def _open_resident(self) -> None:
        chosen = self.chosen()
        if chosen is not None and chosen.certificate.resident_id is not None:
            self.open_resident.emit(chosen.certificate.resident_id)
