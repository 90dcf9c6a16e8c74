"""Registering a new resident, or finding a returning one: one question per page.

The resident answers one thing at a time (name, birth year, khóm/ấp, phone) with the
on-screen keyboard, so nobody needs a physical keyboard. The screen only collects
answers and emits them; ui.flow stores or looks them up and calls `show_error` back.

Input is bounded where it is typed: a name stops at kiosk.text.MAX_NAME_LENGTH and says
so; a name with characters the kiosk would not store (control or invisible characters,
emoji) is shown cleaned, once, before it is taken; years and phone numbers take ASCII
digits only; a scanned learner code may carry spaces, dashes and line ends, but
anything that cannot be a code is said before any search.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.residents import CODE_ALPHABET, CODE_LENGTH, HamletInfo, parse_code
from kiosk.text import MAX_NAME_LENGTH, InvalidInput, clean_name, normalize_name
from ui.screens.base import Screen, button, label
from ui.theme import set_role
from ui.touch import touch_scrolling
from ui.widgets.keyboard import OnScreenKeyboard
from ui.widgets.page_stack import CurrentPageStack


@dataclass(frozen=True)
class Answers:
    full_name: str
    birth_year: str
    hamlet_id: int | None
    phone: str


class _Page(QWidget):
    """One question: a title, an input, and room for an error message."""

    field = ""
    keyboard_mode: str | None = None  # "text", "digits", or None for no keyboard

    def __init__(self, title: str, hint: str = "") -> None:
        super().__init__()
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setSpacing(12)
        self.title = label(title, "title")
        self.layout_.addWidget(self.title)
        self.hint = label(hint, "muted") if hint else None
        # What went wrong takes the hint's place when there is one: at 720 px, with the
        # keyboard open, there is no room for both.
        self.error = label("", "notice" if hint else "error")
        self.error.hide()
        if self.hint is not None:
            self.layout_.addWidget(self.hint)
            self.layout_.addWidget(self.error)

    def finish(self) -> None:
        if self.hint is None:
            self.layout_.addWidget(self.error)
        self.layout_.addStretch(1)

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        # One goes before the other comes, so the page is never measured with both.
        shown, hidden = (self.error, self.hint) if message else (self.hint, self.error)
        if hidden is not None:
            hidden.hide()
        if shown is not None:
            shown.show()

    def editor(self) -> QLineEdit | None:
        return None


class _TextPage(_Page):
    def __init__(self, field: str, title: str, hint: str, mode: str, max_length: int,
                 digits_only: bool = False) -> None:
        super().__init__(title, hint)
        self.field, self.keyboard_mode = field, mode
        self.edit = QLineEdit()
        self.edit.setObjectName(f"edit_{field}")
        self.edit.setMaxLength(max_length)
        if digits_only:
            # ASCII digits only, as many as the field holds (an 11-digit landline too).
            self.edit.setValidator(QRegularExpressionValidator(
                QRegularExpression(f"[0-9]{{0,{max_length}}}"), self.edit))
        self.layout_.addWidget(self.edit)
        self.finish()

    def editor(self) -> QLineEdit:
        return self.edit

    def value(self) -> str:
        return self.edit.text()


class _HamletPage(_Page):
    field = "hamlet"

    def __init__(self, title: str, hamlets: list[HamletInfo]) -> None:
        super().__init__(title)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(12)
        for i, hamlet in enumerate(hamlets):
            choice = button(hamlet.name, "option", f"hamlet_{hamlet.id}", wrap=True)
            choice.setCheckable(True)
            self.group.addButton(choice, hamlet.id)
            grid.addWidget(choice, i // 3, i % 3)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        touch_scrolling(scroll)
        scroll.setWidget(grid_host)
        self.layout_.addWidget(scroll, 1)
        self.layout_.addWidget(self.error)

    def value(self) -> int | None:
        chosen = self.group.checkedId()
        return None if chosen < 0 else chosen


class _SummaryPage(_Page):
    field = "summary"

    def __init__(self, title: str) -> None:
        super().__init__(title)
        self.summary = label("", "lead")
        self.layout_.addWidget(self.summary)
        self.finish()


class IdentityScreen(Screen):
    """Pages of questions with Back/Next; `register` adds the phone and a summary page."""

    submitted = Signal(object)  # Answers
    cancelled = Signal()

    def __init__(self, hamlets: list[HamletInfo], *, register: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.register = register
        self.hamlet_names = {h.id: h.name for h in hamlets}
        # No top bar: at 720 px the keyboard needs that room. Where the resident is
        # ("Đăng ký · Câu 2 / 5") sits in the footer, between Back and Next.
        self.heading = self.tr("Sign up") if register else self.tr("Find my lessons")
        self.step_label = label("", "muted", wrap=False)

        self.name_page = _TextPage(
            "name", self.tr("Your full name"),
            self.tr("For example: Nguyễn Thị Hoa. Use the letter keys and the tone keys."),
            "text", MAX_NAME_LENGTH)
        self.year_page = _TextPage("birth_year", self.tr("Your year of birth"),
                                   self.tr("For example: 1958"), "digits", 4, True)
        self.hamlet_page = _HamletPage(self.tr("Which khóm/ấp do you live in?"), hamlets)
        self.name_page.edit.textChanged.connect(self._name_changed)
        self.pages: list[_Page] = [self.name_page, self.year_page, self.hamlet_page]
        if register:
            self.phone_page = _TextPage(
                "phone", self.tr("Phone number (you may skip this)"),
                self.tr("Only staff see it, to remind you of group lessons."),
                "digits", 11, True)
            self.summary_page = _SummaryPage(self.tr("Is this right?"))
            self.pages += [self.phone_page, self.summary_page]

        self.stack = CurrentPageStack()
        for page in self.pages:
            self.stack.addWidget(page)
        self.body.addWidget(self.stack, 1)
        self.keyboard = OnScreenKeyboard()
        self.keyboard.confirmed.connect(self.next)
        self.body.addWidget(self.keyboard)

        self.back_button = button(self.tr("Back"), None, "identity_back")
        self.next_button = button(self.tr("Next"), "primary", "identity_next")
        self.footer.addWidget(self.back_button, 1)
        self.footer.addWidget(self.step_label, 1, Qt.AlignmentFlag.AlignCenter)
        self.footer.addWidget(self.next_button, 2)
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        self.reset()

    # -- navigation --------------------------------------------------------------------

    def reset(self) -> None:
        """Empty every answer: the next person sees nothing of the last one."""
        for page in self.pages:
            page.show_error("")
            if page.editor() is not None:
                # setText, not clear(): clear() can be undone (Ctrl+Z would bring the
                # last person's name back); setText empties the undo history too.
                page.editor().setText("")
        if self.register:
            self.summary_page.summary.clear()
        if self.hamlet_page.group.checkedButton():
            self.hamlet_page.group.setExclusive(False)
            self.hamlet_page.group.checkedButton().setChecked(False)
            self.hamlet_page.group.setExclusive(True)
        self.go_to(0)

    def go_to(self, index: int) -> None:
        page = self.pages[index]
        self.stack.setCurrentIndex(index)
        self.step_label.setText(self.heading + " · " + self.tr("Question %1 of %2")
                                .replace("%1", str(index + 1))
                                .replace("%2", str(len(self.pages))))
        self.keyboard.setVisible(page.keyboard_mode is not None)
        editor = page.editor()
        if editor is not None:
            self.keyboard.set_mode(page.keyboard_mode)
            self.keyboard.set_target(editor)
            editor.setFocus()
        last = index == len(self.pages) - 1
        if last and self.register:
            self.next_button.setText(self.tr("Yes, sign me up"))
        elif last:
            self.next_button.setText(self.tr("Find"))
        elif page is getattr(self, "phone_page", None) and not editor.text():
            self.next_button.setText(self.tr("Skip"))
        else:
            self.next_button.setText(self.tr("Next"))
        if page is getattr(self, "summary_page", None):
            self._fill_summary()

    def current_index(self) -> int:
        return self.stack.currentIndex()

    def back(self) -> None:
        if self.current_index() == 0:
            self.cancelled.emit()
        else:
            self.go_to(self.current_index() - 1)

    def next(self) -> None:
        page = self.pages[self.current_index()]
        message = self._check(page)
        page.show_error(message)
        if message:
            return
        if self.current_index() == len(self.pages) - 1:
            self.submitted.emit(self.answers())
        else:
            self.go_to(self.current_index() + 1)

    # -- answers and errors ------------------------------------------------------------

    def answers(self) -> Answers:
        return Answers(
            full_name=self.name_page.value(), birth_year=self.year_page.value(),
            hamlet_id=self.hamlet_page.value(),
            phone=self.phone_page.value() if self.register else "")

    def _name_changed(self, text: str) -> None:
        """Say so at once when the name reaches its limit (a paste is cut there)."""
        if len(text) >= MAX_NAME_LENGTH:
            self.name_page.show_error(self.message("name", "at_limit"))
        elif self.name_page.error.text() == self.message("name", "at_limit"):
            self.name_page.show_error("")

    def _check_name(self) -> str:
        """The core's own rules for names. Characters it would drop are taken out of the
        field first, so the resident sees the name as it will be kept, and confirms."""
        typed = self.name_page.value()
        try:
            normalize_name(typed)
        except InvalidInput as exc:
            return self.message(exc.field, exc.code)
        cleaned = clean_name(typed)
        if cleaned != unicodedata.normalize("NFC", " ".join(typed.split())):
            self.name_page.edit.setText(cleaned)
            return self.message("name", "cleaned")
        return ""

    def _check(self, page: _Page) -> str:
        """Quick checks that need no database; the core checks everything again."""
        if page is self.name_page:
            return self._check_name()
        if page is self.year_page and len(page.value()) != 4:
            return self.message("birth_year", "invalid")
        if page is self.hamlet_page and page.value() is None:
            return self.message("hamlet", "missing")
        return ""

    def message(self, field: str, code: str) -> str:
        messages = {
            ("name", "empty"): self.tr("Please type your full name."),
            ("name", "no_letters"): self.tr("A name needs letters."),
            ("name", "too_long"): self.tr("This name is too long: at most %n letters.", "",
                                          MAX_NAME_LENGTH),
            ("name", "at_limit"): self.tr("A name has at most %n letters: nothing more "
                                          "can be typed.", "", MAX_NAME_LENGTH),
            ("name", "cleaned"): self.tr("Signs that are not part of a name were taken "
                                         "out. Please check the name, then touch Next."),
            ("birth_year", "invalid"): self.tr("Please type the year with 4 digits, "
                                               "for example 1958."),
            ("birth_year", "out_of_range"): self.tr("Please check the year of birth."),
            ("hamlet", "missing"): self.tr("Please touch your khóm/ấp."),
            ("phone", "invalid"): self.tr("A phone number has 10 digits and starts with 0. "
                                          "You may also leave it empty."),
        }
        return messages.get((field, code), self.tr("Please check this answer."))

    def show_error(self, field: str, code: str) -> None:
        """Go to the page of `field` and say what is wrong with it."""
        for index, page in enumerate(self.pages):
            if page.field == field:
                self.go_to(index)
                page.show_error(self.message(field, code))
                return

    def _fill_summary(self) -> None:
        a = self.answers()
        lines = [self.tr("Name: %1").replace("%1", a.full_name.strip()),
                 self.tr("Year of birth: %1").replace("%1", a.birth_year),
                 self.hamlet_names.get(a.hamlet_id, "")]
        if a.phone:
            lines.append(self.tr("Phone: %1").replace("%1", a.phone))
        self.summary_page.summary.setText("\n".join(lines))


class CodeScreen(Screen):
    """A returning resident types or scans the learner code from their card."""

    submitted = Signal(str)
    by_name = Signal()
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.body.addWidget(label(self.tr("Type the code on your learner card"), "title"))
        # One line that first says how, then what went wrong: no room for both at 720 px.
        self.hint = label("", "muted")
        self.body.addWidget(self.hint)
        self.edit = QLineEdit()
        self.edit.setObjectName("edit_code")
        # Room for what a scanner adds around the code (spaces, dashes, prefixes).
        self.edit.setMaxLength(CODE_LENGTH * 4)
        self.edit.returnPressed.connect(self._submit)
        self.body.addWidget(self.edit)
        self.body.addStretch(1)
        self.keyboard = OnScreenKeyboard()
        self.keyboard.set_mode("text")
        self.keyboard.set_target(self.edit)
        self.keyboard.confirmed.connect(self._submit)
        self.body.addWidget(self.keyboard)
        back = button(self.tr("Back"), None, "code_back")
        by_name = button(self.tr("I have no card: find me by name"), None, "code_by_name")
        ok = button(self.tr("Find"), "primary", "code_find")
        self.footer.addWidget(back, 1)
        self.footer.addWidget(by_name, 2)
        self.footer.addWidget(ok, 1)
        back.clicked.connect(self.cancelled)
        by_name.clicked.connect(self.by_name)
        ok.clicked.connect(self._submit)
        self.reset()

    def reset(self) -> None:
        self.edit.setText("")  # no undo back to the last person's code
        self.hint.setText(self.tr("Or hold the card under the scanner."))
        set_role(self.hint, "muted")
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _submit(self) -> None:
        """Emit the code alone (case, spaces, dashes and line ends dropped), or say what a
        code looks like when the text cannot be one."""
        if not self.edit.text().strip():
            return
        code = parse_code(self.edit.text())
        if len(code) != CODE_LENGTH or any(c not in CODE_ALPHABET for c in code):
            self.hint.setText(self.tr("A learner code has %n letters and digits, like the "
                                      "one on your card. Please type it again.", "",
                                      CODE_LENGTH))
            set_role(self.hint, "notice")
            return
        self.submitted.emit(code)

    def show_not_found(self) -> None:
        self.hint.setText(self.tr("No learner has this code. Please check it, or find "
                                  "yourself by name."))
        set_role(self.hint, "notice")


class ChooseResidentScreen(Screen):
    """More than one match (or none): the resident picks, or goes back to try again."""

    chosen = Signal(object)  # ResidentInfo
    cancelled = Signal()
    register_instead = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = label("", "title")
        self.body.addWidget(self.title)
        self.list_host = QVBoxLayout()
        self.list_host.setSpacing(12)
        self.body.addLayout(self.list_host)
        self.body.addStretch(1)
        back = button(self.tr("Try again"), None, "choose_back")
        self.new_button = button(self.tr("Sign up as new"), "primary", "choose_register")
        self.footer.addWidget(back, 1)
        self.footer.addWidget(self.new_button, 1)
        back.clicked.connect(self.cancelled)
        self.new_button.clicked.connect(self.register_instead)
        self._buttons: list[QPushButton] = []

    def reset(self) -> None:
        """Forget the people listed (they stay on no screen after the resident leaves)."""
        self.set_matches([])
        self.title.clear()

    def set_matches(self, matches: list) -> None:
        for old in self._buttons:
            self.list_host.removeWidget(old)
            old.hide()
            old.deleteLater()
        self._buttons = []
        if not matches:
            self.title.setText(self.tr("We could not find you. Please check your name, "
                                       "year of birth and khóm/ấp, or sign up."))
        else:
            self.title.setText(self.tr("Which one is you?"))
        for resident in matches:
            text = self.tr("%1, born %2 (code %3)").replace("%1", resident.full_name) \
                .replace("%2", str(resident.birth_year)).replace("%3", resident.code_display)
            choice = button(text, "option", f"resident_{resident.id}", wrap=True)
            choice.clicked.connect(lambda _=False, r=resident: self.chosen.emit(r))
            self.list_host.addWidget(choice)
            self._buttons.append(choice)
