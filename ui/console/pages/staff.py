"""Staff accounts, for the admin: who may sign in, with which role.

The list is on the left; what can be done to the chosen account is on the right, one
thing at a time: its actions, or the form for a new account, a new role, a new PIN, or
the question before an account is stopped. Refusals (the last admin, a username taken, a
PIN too easy) are the core's Vietnamese messages, shown under the panel. Hashing a new PIN
takes a deliberate fraction of a second, so adding an account or resetting a PIN runs
through ui.operations.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kiosk import staff
from kiosk.db.models import StaffRole
from kiosk.staff import PIN_MAX_LENGTH, StaffError, StaffMember
from kiosk.text import MAX_NAME_LENGTH
from ui import operations
from ui.console.context import ConsoleContext
from ui.console.staff_model import StaffTableModel
from ui.console.window import role_name
from ui.screens.base import button, label
from ui.theme import set_role
from ui.touch import touch_scrolling

log = logging.getLogger(__name__)

ROW_HEIGHT = 52


def _pin_field(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(PIN_MAX_LENGTH)
    edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
    edit.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,8}"), edit))
    return edit


def _role_choice(name: str) -> QComboBox:
    choice = QComboBox()
    choice.setObjectName(name)
    for role in (StaffRole.TEAM_MEMBER, StaffRole.STAFF, StaffRole.ADMIN):
        choice.addItem(role_name(role), role)
    return choice


class StaffPage(QWidget):
    def __init__(self, ctx: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.busy = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(12)
        top = QHBoxLayout()
        top.addWidget(label(self.tr("Staff"), "title"), 1)
        self.add_button = button(self.tr("Add a staff member"), "primary", "staff_add")
        self.add_button.clicked.connect(self.show_add)
        top.addWidget(self.add_button)
        layout.addLayout(top)
        layout.addWidget(label(self.tr(
            "Who may open this console and what each may do. Touch a name to change its "
            "role or PIN, or to stop the account."), "muted"))

        body = QHBoxLayout()
        body.setSpacing(16)
        self.model = StaffTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("staff_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)  # names wrap, never cut
        self.table.verticalHeader().hide()
        rows = self.table.verticalHeader()
        rows.setMinimumSectionSize(ROW_HEIGHT)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # long names wrap
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.table.horizontalHeader()
        # Name and role share the width (both wrap); the short state keeps its own.
        for column in (StaffTableModel.NAME, StaffTableModel.ROLE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(StaffTableModel.STATE,
                                    QHeaderView.ResizeMode.ResizeToContents)
        touch_scrolling(self.table)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.show_chosen())
        body.addWidget(self.table, 1)

        self.panel = QStackedWidget()
        self.panel.setObjectName("staff_panel")
        self.panel.setMinimumWidth(340)
        self.panel.setMaximumWidth(380)
        self.details = self._build_details()
        self.add_form = self._build_add_form()
        self.role_form = self._build_role_form()
        self.pin_form = self._build_pin_form()
        self.confirm = self._build_confirm()
        for page in (self.details, self.add_form, self.role_form, self.pin_form,
                     self.confirm):
            self.panel.addWidget(page)
        body.addWidget(self.panel)
        layout.addLayout(body, 1)

        self.message = label("", "muted")
        self.message.setObjectName("staff_message")
        layout.addWidget(self.message)
        self.refresh()

    # -- building --------------------------------------------------------------------------

    def _card(self, name: str) -> tuple[QFrame, QVBoxLayout]:
        card = QFrame()
        card.setObjectName(name)
        set_role(card, "card")
        column = QVBoxLayout(card)
        column.setContentsMargins(16, 12, 16, 12)
        column.setSpacing(10)
        return card, column

    def _buttons(self, column: QVBoxLayout, cancel: str, confirm_text: str,
                 confirm: str, action) -> None:
        row = QHBoxLayout()
        row.setSpacing(12)
        back = button(self.tr("Cancel"), None, cancel)
        back.clicked.connect(self.show_chosen)
        yes = button(confirm_text, "primary", confirm)
        yes.clicked.connect(action)
        row.addWidget(back)
        row.addStretch(1)
        row.addWidget(yes)
        column.addLayout(row)

    def _build_details(self) -> QWidget:
        card, column = self._card("staff_details")
        self.chosen_name = label("", "lead")
        self.chosen_name.setObjectName("staff_chosen_name")
        self.chosen_facts = label("", "muted")
        column.addWidget(self.chosen_name)
        column.addWidget(self.chosen_facts)
        self.role_button = button(self.tr("Change the role"), None, "staff_change_role")
        self.role_button.clicked.connect(self.show_role_form)
        self.pin_button = button(self.tr("Reset the PIN"), None, "staff_reset_pin")
        self.pin_button.clicked.connect(self.show_pin_form)
        self.stop_button = button(self.tr("Stop this account"), None, "staff_deactivate")
        self.stop_button.clicked.connect(self.ask_deactivate)
        self.restart_button = button(self.tr("Use this account again"), None,
                                     "staff_reactivate")
        self.restart_button.clicked.connect(self.reactivate)
        for widget in (self.role_button, self.pin_button, self.stop_button,
                       self.restart_button):
            column.addWidget(widget)
        column.addStretch(1)
        return card

    def _build_add_form(self) -> QWidget:
        card, column = self._card("staff_add_form")
        column.addWidget(label(self.tr("A new staff member"), "lead"))
        form = QFormLayout()
        form.setSpacing(8)
        self.new_name = QLineEdit()
        self.new_name.setObjectName("staff_add_name")
        self.new_name.setMaxLength(MAX_NAME_LENGTH)
        self.new_username = QLineEdit()
        self.new_username.setObjectName("staff_add_username")
        self.new_username.setMaxLength(staff.USERNAME_MAX_LENGTH)
        self.new_name.textEdited.connect(self._suggest_username)
        self.new_role = _role_choice("staff_add_role")
        self.new_pin = _pin_field("staff_add_pin")
        self.new_pin_again = _pin_field("staff_add_pin_again")
        form.addRow(label(self.tr("Full name"), "muted"), self.new_name)
        form.addRow(label(self.tr("Username"), "muted"), self.new_username)
        form.addRow(label(self.tr("Role"), "muted"), self.new_role)
        form.addRow(label(self.tr("PIN"), "muted"), self.new_pin)
        form.addRow(label(self.tr("PIN again"), "muted"), self.new_pin_again)
        column.addLayout(form)
        column.addWidget(label(self.tr("4 to 8 digits; not 1234, 1111 or 1212. Tell the "
                                       "person their PIN yourself."), "muted"))
        column.addStretch(1)
        self._buttons(column, "staff_add_cancel", self.tr("Add"), "staff_add_save",
                      self.add)
        return card

    def _build_role_form(self) -> QWidget:
        card, column = self._card("staff_role_form")
        self.role_title = label("", "lead")
        column.addWidget(self.role_title)
        self.role_choice = _role_choice("staff_role")
        column.addWidget(self.role_choice)
        column.addWidget(label(self.tr(
            "Team members look people up, run group sessions and print certificates. "
            "Commune staff also edit residents, issue certificates and export reports. "
            "Administrators also change settings, manage staff and read the audit log."),
            "muted"))
        column.addStretch(1)
        self._buttons(column, "staff_role_cancel", self.tr("Save the role"),
                      "staff_role_save", self.save_role)
        return card

    def _build_pin_form(self) -> QWidget:
        card, column = self._card("staff_pin_form")
        self.pin_title = label("", "lead")
        column.addWidget(self.pin_title)
        form = QFormLayout()
        form.setSpacing(8)
        self.reset_pin_edit = _pin_field("staff_pin")
        self.reset_pin_again = _pin_field("staff_pin_again")
        form.addRow(label(self.tr("New PIN"), "muted"), self.reset_pin_edit)
        form.addRow(label(self.tr("PIN again"), "muted"), self.reset_pin_again)
        column.addLayout(form)
        column.addWidget(label(self.tr("A new PIN also lifts a lockout."), "muted"))
        column.addStretch(1)
        self._buttons(column, "staff_pin_cancel", self.tr("Set the PIN"), "staff_pin_save",
                      self.save_pin)
        return card

    def _build_confirm(self) -> QWidget:
        card, column = self._card("staff_confirm")
        self.question = label("", "lead")
        self.question.setObjectName("staff_question")
        column.addWidget(self.question)
        column.addStretch(1)
        self._buttons(column, "staff_confirm_no", self.tr("Stop the account"),
                      "staff_confirm_yes", self.deactivate)
        return card

    # -- the list --------------------------------------------------------------------------

    def refresh(self, select: int | None = None) -> None:
        chosen = self.chosen()
        wanted = select if select is not None else (chosen.id if chosen else None)
        self.model.set_members(staff.list_users(self.ctx.db))
        row = self.model.row_of(wanted) if wanted is not None else None
        if row is None and self.model.rowCount():
            row = 0
        if row is not None:
            self.table.selectRow(row)
        self.show_chosen()

    def chosen(self) -> StaffMember | None:
        index = self.table.currentIndex()
        return self.model.member(index.row()) if index.isValid() else None

    def choose(self, user_id: int) -> None:
        row = self.model.row_of(user_id)
        if row is not None:
            self.table.selectRow(row)

    def say(self, text: str, role: str = "muted") -> None:
        self.message.setText(text)
        if self.message.property("role") != role:
            set_role(self.message, role)

    def show_chosen(self) -> None:
        member = self.chosen()
        self.panel.setCurrentWidget(self.details)
        self.table.setEnabled(True)
        self.add_button.setEnabled(not self.busy)
        if member is None:
            self.chosen_name.setText(self.tr("No staff account yet."))
            self.chosen_facts.setText("")
            for widget in (self.role_button, self.pin_button, self.stop_button,
                           self.restart_button):
                widget.hide()
            return
        self.chosen_name.setText(member.display_name)
        facts = [self.tr("Username: %1").replace("%1", member.username),
                 self.tr("Role: %1").replace("%1", role_name(member.role)),
                 self.tr("State: %1").replace("%1", self.model.state(member))]
        if member.id == self.ctx.user.id:
            facts.append(self.tr("This is you."))
        self.chosen_facts.setText("\n".join(facts))
        self.role_button.setVisible(member.active)
        self.pin_button.setVisible(member.active)
        self.stop_button.setVisible(member.active)
        self.restart_button.setVisible(not member.active)

    def _open(self, page: QWidget) -> None:
        self.say("")
        self.panel.setCurrentWidget(page)
        self.table.setEnabled(False)  # the form is about this one person
        self.add_button.setEnabled(False)

    # -- adding ----------------------------------------------------------------------------

    def show_add(self) -> None:
        for edit in (self.new_name, self.new_username, self.new_pin, self.new_pin_again):
            edit.clear()
        self.new_role.setCurrentIndex(0)
        self.new_username.setModified(False)
        self._open(self.add_form)
        self.new_name.setFocus()

    def _suggest_username(self, name: str) -> None:
        if not self.new_username.isModified():
            self.new_username.setText(staff.suggest_username(name))

    def add(self) -> None:
        if self.new_pin.text() != self.new_pin_again.text():
            self.say(self.tr("The two PINs are not the same."), "error")
            return
        db, actor = self.ctx.db, self.ctx.user
        name, username = self.new_name.text(), self.new_username.text()
        role, pin = self.new_role.currentData(), self.new_pin.text()
        self._run(lambda progress: staff.create_user(db, actor, name, username, role, pin),
                  self._added)

    def _added(self, member: StaffMember) -> None:
        self.refresh(select=member.id)
        self.say(self.tr("%1 can now sign in as %2.").replace("%1", member.display_name)
                 .replace("%2", role_name(member.role)), "notice")

    # -- role, PIN, stopping ---------------------------------------------------------------

    def show_role_form(self) -> None:
        member = self.chosen()
        if member is None:
            return
        self.role_title.setText(self.tr("Role of %1").replace("%1", member.display_name))
        self.role_choice.setCurrentIndex(self.role_choice.findData(member.role))
        self._open(self.role_form)

    def save_role(self) -> None:
        member = self.chosen()
        role = self.role_choice.currentData()
        if self._act(lambda: staff.change_role(self.ctx.db, self.ctx.user, member.id, role)):
            self.say(self.tr("%1 is now: %2.").replace("%1", member.display_name)
                     .replace("%2", role_name(role)), "notice")

    def show_pin_form(self) -> None:
        member = self.chosen()
        if member is None:
            return
        self.pin_title.setText(self.tr("A new PIN for %1").replace("%1", member.display_name))
        self.reset_pin_edit.clear()
        self.reset_pin_again.clear()
        self._open(self.pin_form)
        self.reset_pin_edit.setFocus()

    def save_pin(self) -> None:
        if self.reset_pin_edit.text() != self.reset_pin_again.text():
            self.say(self.tr("The two PINs are not the same."), "error")
            return
        member = self.chosen()
        db, actor, pin = self.ctx.db, self.ctx.user, self.reset_pin_edit.text()
        self._run(lambda progress: staff.reset_pin(db, actor, member.id, pin),
                  self._pin_set)

    def _pin_set(self, member: StaffMember) -> None:
        self.refresh(select=member.id)
        self.say(self.tr("The PIN of %1 was changed.").replace("%1", member.display_name),
                 "notice")

    def ask_deactivate(self) -> None:
        member = self.chosen()
        if member is None:
            return
        self.question.setText(self.tr(
            "Stop the account of %1? They will no longer be able to sign in. What they did "
            "stays in the audit log, and the account can be used again later.")
            .replace("%1", member.display_name))
        self._open(self.confirm)

    def deactivate(self) -> None:
        member = self.chosen()
        if self._act(lambda: staff.deactivate(self.ctx.db, self.ctx.user, member.id)):
            self.say(self.tr("The account of %1 is stopped.").replace(
                "%1", member.display_name), "notice")

    def reactivate(self) -> None:
        member = self.chosen()
        if member is not None and self._act(
                lambda: staff.reactivate(self.ctx.db, self.ctx.user, member.id)):
            self.say(self.tr("%1 can sign in again.").replace("%1", member.display_name),
                     "notice")

    # -- doing it --------------------------------------------------------------------------

    def _act(self, change) -> bool:
        """A quick change on the UI thread; a refusal is said and nothing changes."""
        try:
            member = change()
        except (StaffError, staff.NotAllowed) as exc:
            self.show_chosen()
            self.say(str(exc), "error")
            return False
        self.refresh(select=member.id)
        return True

    def _run(self, work, done) -> None:
        """Work that hashes a PIN, off the UI thread; the form waits meanwhile."""
        self.busy = True
        self.panel.setEnabled(False)
        self.say(self.tr("Saving…"))
        op = operations.run(work)
        op.succeeded.connect(lambda result: self._finished(done, result))
        op.failed.connect(self._failed)

    def _finished(self, done, result) -> None:
        self.busy = False
        self.panel.setEnabled(True)
        done(result)

    def _failed(self, error: BaseException) -> None:
        self.busy = False
        self.panel.setEnabled(True)
        if isinstance(error, StaffError | staff.NotAllowed):
            self.say(str(error), "error")  # the form stays open to correct
        else:
            log.error("staff change failed", exc_info=error)
            self.say(self.tr("This could not be saved: the kiosk's records cannot be "
                             "written."), "error")

    def screenshot_scenes(self):
        def add() -> None:
            self.show_add()
            self.new_name.setText("Phạm Thị Mai")
            self._suggest_username("Phạm Thị Mai")
            self.new_pin.setText("2468")
            self.new_pin_again.setText("2468")

        def other() -> StaffMember | None:
            return next((m for m in self.model.members if m.id != self.ctx.user.id), None)

        def confirm() -> None:
            self.refresh()
            member = other()
            if member is not None:
                self.choose(member.id)
                self.ask_deactivate()

        def last_admin() -> None:
            self.refresh(select=self.ctx.user.id)
            self.show_role_form()
            self.role_choice.setCurrentIndex(self.role_choice.findData(StaffRole.STAFF))
            if staff.list_users(self.ctx.db, active_only=True) and not any(
                    m.role is StaffRole.ADMIN and m.active and m.id != self.ctx.user.id
                    for m in self.model.members):
                self.save_role()

        yield "add", add
        yield "confirm-stop", confirm
        yield "last-admin", last_admin
