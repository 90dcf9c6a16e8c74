"""Staff sign-in at the kiosk: tap your name, type your PIN on a big pad.

On a kiosk without any staff account the same screen is the first-start setup, one
question a page (name, username, PIN, PIN again), which creates the admin and signs them
in. It is shown full-window in the kiosk's stack, in the kiosk's big touch style.

Checking a PIN takes a deliberate fraction of a second (kiosk.staff hashes it with
Argon2id), so it runs through ui.operations and the pad stays alive meanwhile. The screen
closes itself after two idle minutes, so a sign-in left open never blocks the residents.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk import staff
from kiosk.staff import SignInRefused, StaffError
from kiosk.station import Station
from kiosk.text import MAX_NAME_LENGTH
from ui import operations
from ui.console.pin_pad import PinPad
from ui.console.window import role_name
from ui.screens.base import Screen, button, label, name_role
from ui.theme import set_role
from ui.touch import scroll_area
from ui.widgets.keyboard import OnScreenKeyboard
from ui.widgets.page_stack import CurrentPageStack

log = logging.getLogger(__name__)

#: The sign-in closes after this long without a touch.
IDLE_CLOSE_MS = 120_000


class LoginScreen(Screen):
    signed_in = Signal(object)  # kiosk.staff.StaffUserInfo
    closed = Signal()

    def __init__(self, station: Station, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.station = station
        self.db = station.db
        self._operation: operations.Operation | None = None
        self._user: staff.StaffMember | None = None

        self.pages = CurrentPageStack()
        self.body.addWidget(self.pages, 1)
        self.names_page = self._build_names_page()
        self.pin_page = self._build_pin_page()
        self.setup = _SetupPages(self)
        for page in (self.names_page, self.pin_page, self.setup):
            self.pages.addWidget(page)
        self.setup.finished.connect(self._create_admin)
        self.setup.cancelled.connect(self.close_screen)

        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(IDLE_CLOSE_MS)
        self._idle.timeout.connect(self.close_screen)
        self._unlock = QTimer(self)
        self._unlock.setSingleShot(True)
        self._unlock.timeout.connect(self._lock_passed)

        if staff.has_staff(self.db):
            self.show_names()
        else:
            self.show_setup()

    # -- pages -----------------------------------------------------------------------------

    def _build_names_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        layout.addWidget(label(self.tr("Staff sign-in"), "title"))
        layout.addWidget(label(self.tr("Touch your name."), "lead"))
        self.names_host = QWidget()
        self.names = QVBoxLayout(self.names_host)
        self.names.setContentsMargins(0, 0, 0, 0)
        self.names.setSpacing(12)
        layout.addWidget(scroll_area(self.names_host, "login_names"), 1)
        back = button(self.tr("Back"), None, "login_close")
        back.clicked.connect(self.close_screen)
        row = _row(back)
        layout.addLayout(row)
        return page

    def _build_pin_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        self.hello = label("", "title")
        self.hello.setObjectName("login_hello")
        layout.addWidget(self.hello)
        self.message = label("", "lead")
        self.message.setObjectName("login_message")
        layout.addWidget(self.message)
        self.pad = PinPad("login_pin")
        self.pad.submitted.connect(self._check_pin)
        self.pad.changed.connect(self._touched)
        layout.addWidget(self.pad, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        back = button(self.tr("Back"), None, "login_back")
        back.clicked.connect(self.show_names)
        layout.addLayout(_row(back))
        return page

    @property
    def initial_focus(self) -> QWidget | None:
        if self.pages.currentWidget() is self.pin_page:
            return self.pad
        if self.pages.currentWidget() is self.setup:
            return self.setup.focus_widget()
        return None

    def show_names(self) -> None:
        """The active staff, each a big button with their name and role."""
        self._cancel_check()
        self._unlock.stop()
        self._user = None
        self.pad.clear()
        while self.names.count():
            item = self.names.takeAt(0)
            if item.widget() is not None:
                item.widget().hide()
                item.widget().deleteLater()
        users = staff.list_users(self.db, active_only=True)
        for user in users:
            choice = button(f"{user.display_name}  ·  {role_name(user.role)}", "option",
                            f"login_user_{user.id}", wrap=True)
            choice.clicked.connect(lambda _=False, user=user: self.choose(user))
            self.names.addWidget(choice)
        if not users:
            self.names.addWidget(label(self.tr(
                "No staff account is in use. An administrator can add one or reset a PIN "
                "from the command line: kiosk staff add, kiosk staff reset-pin."), "error"))
        self.names.addStretch(1)
        self.pages.setCurrentWidget(self.names_page)
        self._touched()

    def choose(self, user: staff.StaffMember) -> None:
        """The PIN pad for this staff member."""
        self._user = user
        self.hello.setText(self.tr("Hello, %1").replace("%1", user.display_name))
        size = name_role(user.display_name)  # a very long name in smaller letters
        if self.hello.property("role") != size:
            set_role(self.hello, size)
        self.pad.clear()
        self.pages.setCurrentWidget(self.pin_page)
        self.show_message(self.tr("Type your PIN, then touch OK."), "lead")
        self.pad.setEnabled(True)
        if user.locked():
            self.show_message(staff.locked_message(user.locked_until), "error")
            self._lock_pad_until(user.locked_until)
        self.pad.setFocus()
        self._touched()

    def show_setup(self) -> None:
        self.setup.start()
        self.pages.setCurrentWidget(self.setup)
        self._touched()

    def show_message(self, text: str, role: str = "lead") -> None:
        self.message.setText(text)
        if self.message.property("role") != role:
            set_role(self.message, role)

    # -- checking the PIN --------------------------------------------------------------------

    def _check_pin(self, _pin: str) -> None:
        if self._user is None or self._operation is not None:
            return
        pin = self.pad.take()
        user_id = self._user.id
        db = self.db
        self.pad.setEnabled(False)
        self.show_message(self.tr("Checking…"), "muted")
        op = operations.run(lambda progress: staff.authenticate(db, user_id, pin))
        op.succeeded.connect(self._signed_in)
        op.failed.connect(self._refused)
        self._operation = op

    def _cancel_check(self) -> None:
        if self._operation is not None:
            for signal, slot in ((self._operation.succeeded, self._signed_in),
                                 (self._operation.failed, self._refused)):
                signal.disconnect(slot)
            self._operation = None

    def _signed_in(self, user: staff.StaffUserInfo) -> None:
        self._operation = None
        self._idle.stop()
        self.pad.setEnabled(True)
        self.signed_in.emit(user)

    def _refused(self, error: BaseException) -> None:
        self._operation = None
        self.pad.setEnabled(True)
        self.pad.setFocus()
        if isinstance(error, SignInRefused):
            self.show_refusal(error)
        else:
            log.error("staff sign-in failed", exc_info=error)
            self.show_message(self.tr("The PIN could not be checked: the kiosk's records "
                                      "cannot be read. Please try again."), "error")

    def show_refusal(self, error: SignInRefused) -> None:
        """Say why the PIN was refused (the core's Vietnamese message); a locked account
        keeps the pad off until the lock passes."""
        self.show_message(str(error), "error")
        if error.reason is SignInRefused.Reason.LOCKED and error.locked_until is not None:
            self._lock_pad_until(error.locked_until)

    def _lock_pad_until(self, until: datetime) -> None:
        self.pad.setEnabled(False)
        wait = (until - datetime.now(UTC)).total_seconds()
        self._unlock.start(max(0, int(wait * 1000)) + 500)

    def _lock_passed(self) -> None:
        self.pad.setEnabled(True)
        self.show_message(self.tr("The lock has passed. Type your PIN, then touch OK."),
                          "lead")
        self.pad.setFocus()

    # -- first start -------------------------------------------------------------------------

    def _create_admin(self, name: str, username: str, pin: str) -> None:
        db = self.db
        self.setup.set_busy(True)
        op = operations.run(lambda progress: staff.setup_admin(db, name, username, pin))
        op.succeeded.connect(self._admin_created)
        op.failed.connect(self._admin_refused)

    def _admin_created(self, user: staff.StaffUserInfo) -> None:
        self.setup.set_busy(False)
        self._idle.stop()
        self.signed_in.emit(user)

    def _admin_refused(self, error: BaseException) -> None:
        self.setup.set_busy(False)
        if isinstance(error, StaffError):
            self.setup.show_refusal(str(error))
        else:
            log.error("first-start setup failed", exc_info=error)
            self.setup.show_refusal(self.tr("The account could not be saved: the kiosk's "
                                            "records cannot be written."))

    # -- leaving -----------------------------------------------------------------------------

    def _touched(self) -> None:
        self._idle.start()

    def close_screen(self) -> None:
        self._cancel_check()
        self._idle.stop()
        self._unlock.stop()
        self.pad.clear()
        self.closed.emit()

    def screenshot_scenes(self):
        """The states worth seeing: setup, the names, the pad with dots, a wrong PIN, a
        locked account."""
        def names() -> None:
            self.show_names()

        def setup() -> None:
            self.show_setup()
            self.setup.name.setText("Lê Thị Thu Hà")

        def setup_pin() -> None:
            setup()
            self.setup.go_to(2)
            for digit in "258":
                self.setup.pad.press(digit)

        def first_user() -> staff.StaffMember | None:
            users = staff.list_users(self.db, active_only=True)
            return users[0] if users else None

        def pad() -> None:
            self.show_names()
            user = first_user()
            if user is not None:
                self.choose(user)
                for digit in "258":
                    self.pad.press(digit)

        def wrong() -> None:
            pad()
            self.pad.clear()
            self.show_refusal(SignInRefused(
                SignInRefused.Reason.WRONG_PIN,
                "Mã PIN chưa đúng. Anh/chị còn 3 lần thử trước khi tài khoản bị khóa tạm "
                "thời.", attempts_left=3))

        def locked() -> None:
            pad()
            self.pad.clear()
            until = datetime.now(UTC) + timedelta(minutes=5)
            self.show_refusal(SignInRefused(
                SignInRefused.Reason.LOCKED,
                f"Anh/chị đã nhập sai mã PIN 5 lần liên tiếp. Tài khoản bị khóa 5 phút, "
                f"đến {staff.local_time(until)}. Quản trị viên có thể đặt lại mã PIN.",
                attempts_left=0, locked_until=until))

        yield "setup", setup
        yield "setup-pin", setup_pin
        yield "names", names
        yield "pin", pad
        yield "wrong-pin", wrong
        yield "locked", locked


def _row(*widgets: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    row.setSpacing(24)
    for widget in widgets:
        row.addWidget(widget)
    row.addStretch(1)
    return row


class _SetupPages(QWidget):
    """First start, one question a page: name, username, PIN, the PIN again."""

    finished = Signal(str, str, str)  # display name, username, PIN
    cancelled = Signal()

    STEPS = 4

    def __init__(self, screen: LoginScreen) -> None:
        super().__init__()
        self.screen = screen
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        self.heading = label("", "title")
        self.heading.setObjectName("setup_heading")
        layout.addWidget(self.heading)
        self.hint = label("", "muted")
        layout.addWidget(self.hint)
        self.name = QLineEdit()
        self.name.setObjectName("setup_name")
        self.name.setMaxLength(MAX_NAME_LENGTH)
        self.username = QLineEdit()
        self.username.setObjectName("setup_username")
        self.username.setMaxLength(staff.USERNAME_MAX_LENGTH)
        for edit in (self.name, self.username):
            edit.returnPressed.connect(self.next)
            edit.textEdited.connect(lambda _text: screen._touched())
            layout.addWidget(edit)
        self.pad = PinPad("setup_pin")
        self.pad.submitted.connect(lambda _pin: self.next())
        self.pad.changed.connect(screen._touched)
        layout.addWidget(self.pad, 0, Qt.AlignmentFlag.AlignHCenter)
        self.error = label("", "error")
        self.error.setObjectName("setup_error")
        layout.addWidget(self.error)
        self.keyboard = OnScreenKeyboard()
        self.keyboard.confirmed.connect(self.next)
        layout.addWidget(self.keyboard)
        self.spacer = QWidget()
        layout.addWidget(self.spacer, 1)

        row = QHBoxLayout()
        row.setSpacing(24)
        self.back_button = button(self.tr("Back"), None, "setup_back")
        self.back_button.clicked.connect(self.back)
        self.step_label = label("", "muted", wrap=False)
        self.next_button = button(self.tr("Next"), "primary", "setup_next")
        self.next_button.clicked.connect(self.next)
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.step_label)
        row.addStretch(1)
        row.addWidget(self.next_button)
        layout.addLayout(row)
        self._first_pin = ""
        self._hint = ""
        self.index = 0
        self.go_to(0)

    def start(self) -> None:
        self.name.clear()
        self.username.clear()
        self.pad.clear()
        self._first_pin = ""
        self.go_to(0)

    def go_to(self, index: int) -> None:
        self.index = index
        headings = (
            self.tr("First start: the administrator's account"),
            self.tr("Choose a username"),
            self.tr("Choose a PIN"),
            self.tr("Type the PIN again"),
        )
        hints = (
            self.tr("No staff account exists yet. The person who sets up this kiosk becomes "
                    "its administrator. Your full name:"),
            self.tr("Letters without accents, digits and . _ - (for example thuha). It is "
                    "used to reset a PIN from the command line."),
            self.tr("4 to 8 digits that only you know. Not 1234, 1111 or 1212."),
            self.tr("The same PIN once more, to be sure."),
        )
        self._hint = hints[index]
        self.heading.setText(headings[index])
        self.hint.setText(self._hint)
        self.step_label.setText(self.tr("Step %1 of %2").replace("%1", str(index + 1))
                                .replace("%2", str(self.STEPS)))
        self.error.setText("")
        self.error.hide()
        text_step = index < 2
        shown = {self.name: index == 0, self.username: index == 1,
                 self.keyboard: text_step, self.pad: not text_step,
                 self.next_button: text_step}
        # Hide first, then show: the keyboard and the pad together are taller than 720 px.
        for widget in sorted(shown, key=lambda w: shown[w]):
            widget.setVisible(shown[widget])
        if index == 1 and not self.username.text():
            self.username.setText(staff.suggest_username(self.name.text()))
        if text_step:
            edit = self.name if index == 0 else self.username
            self.keyboard.set_mode("text")
            self.keyboard.set_target(edit)
            edit.setFocus()
        else:
            self.pad.clear()
            self.pad.setFocus()

    def focus_widget(self) -> QWidget:
        return (self.name, self.username, self.pad, self.pad)[self.index]

    def show_refusal(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    def set_busy(self, busy: bool) -> None:
        for widget in (self.pad, self.back_button, self.next_button, self.keyboard):
            widget.setEnabled(not busy)
        if busy:
            self.show_refusal("")
        self.hint.setText(self.tr("Saving…") if busy else self._hint)

    def back(self) -> None:
        if self.index == 0:
            self.cancelled.emit()
        else:
            self.go_to(self.index - 1)

    def next(self) -> None:
        """Check this page's answer in the core's words, then go on."""
        try:
            if self.index == 0:
                staff.normalize_display_name(self.name.text())
            elif self.index == 1:
                self.username.setText(staff.normalize_username(self.username.text()))
            elif self.index == 2:
                self._first_pin = staff.check_pin(self.pad.take())
            else:
                again = self.pad.take()
                if again != self._first_pin:
                    self._first_pin = ""
                    self.go_to(2)
                    self.show_refusal(self.tr("The two PINs were not the same. Choose the PIN "
                                              "again."))
                    return
                self.finished.emit(self.name.text(), self.username.text(), again)
                return
        except StaffError as exc:
            self.pad.clear()
            self.show_refusal(str(exc))
            return
        self.go_to(self.index + 1)
