"""The hands-on steps, done on the practice phone: tap, type, spot."""

from __future__ import annotations

import unicodedata

from PySide6.QtWidgets import QWidget

from kiosk.lessons.schema import SpotStep, TapStep, TypeStep
from ui.screens.base import label
from ui.steps.base import PhoneStepView


class TapView(PhoneStepView):
    """Touch the right element on the practice screen.

    A wrong touch gives a gentle hint; after two, the target is highlighted; "Xem cách
    làm" highlights it at once.
    """

    can_show_me = True

    def __init__(self, step: TapStep, screens, parent: QWidget | None = None) -> None:
        super().__init__(screens, step.screen, parent)
        self.step = step
        self.layout_.addWidget(label(step.prompt, "question"))
        self.finish_layout()
        self.phone.tapped.connect(self._tapped)

    def read_aloud_text(self) -> str:
        return self.step.prompt

    def _tapped(self, element_id: str) -> None:
        if self.done:
            return
        correct = element_id == self.step.target
        self.grade(correct, element_id or "-")
        if correct:
            self.phone.highlight(None)
            self.right(self.step.explain)
            return
        self.wrong_touch(self.step.target, self.step.hint, None,
                         self.tr("Touch the place that is lit up."))

    def show_me(self) -> None:
        if self.done:
            return
        self.record_show_me()
        self.phone.highlight(self.step.target)
        self.say(self.tr("Touch the place that is lit up."), right=False)

    def show_answer(self) -> None:
        self.phone.highlight(self.step.target)
        self.set_done(True)


class TypeView(PhoneStepView):
    """Type the practice value shown in the prompt into a field of the practice screen.

    Only that value is accepted, and nothing typed here is stored anywhere: the attempt
    records right or wrong, never the text.
    """

    can_show_me = True

    def __init__(self, step: TypeStep, screens, parent: QWidget | None = None) -> None:
        super().__init__(screens, step.screen, parent)
        from ui.widgets.keyboard import OnScreenKeyboard

        self.step = step
        self.layout_.addWidget(label(step.prompt, "question"))
        self.field = self.phone.field(step.field)
        self.keyboard = OnScreenKeyboard(self)
        self.keyboard.setObjectName("type_keyboard")
        digits = step.expect.replace(" ", "").isdigit()
        self.keyboard.set_mode("digits" if digits else "text")
        self.keyboard.set_target(self.field)
        self.keyboard.confirmed.connect(self.check)
        self.field.returnPressed.connect(self.check)
        self.phone.highlight(step.field)
        self.finish_layout()
        self.layout_.insertWidget(self.layout_.count() - 1, self.keyboard)

    def read_aloud_text(self) -> str:
        return self.step.prompt

    @staticmethod
    def _same(typed: str, expected: str) -> bool:
        def norm(text: str) -> str:
            return unicodedata.normalize("NFC", " ".join(text.split())).casefold()

        return norm(typed) == norm(expected) or (
            norm(typed).replace(" ", "") == norm(expected).replace(" ", ""))

    def check(self) -> None:
        if self.done:
            return
        correct = self._same(self.field.text(), self.step.expect)
        self.grade(correct)  # what was typed is never passed on
        if correct:
            self.field.setReadOnly(True)
            self.keyboard.setEnabled(False)
            self.phone.highlight(None)
            self.right(self.step.explain)
        else:
            self.wrong_with_hint(self.step.hint, self.tr("Please type exactly: %1")
                                 .replace("%1", self.step.expect))

    def show_me(self) -> None:
        if self.done:
            return
        self.record_show_me()
        self.field.setText(self.step.expect)
        self.say(self.tr("This is what to type. Touch “Done” on the keyboard."), right=False)

    def show_answer(self) -> None:
        self.field.setText(self.step.expect)
        self.field.setReadOnly(True)
        self.keyboard.setEnabled(False)
        self.set_done(True)


class SpotView(PhoneStepView):
    """Find every suspicious part of a message, call or page by touching it."""

    can_show_me = True

    def __init__(self, step: SpotStep, screens, parent: QWidget | None = None) -> None:
        super().__init__(screens, step.screen, parent)
        self.step = step
        self.reasons = {t.id: t.why for t in step.targets}
        self.found: list[str] = []
        self.layout_.addWidget(label(step.prompt, "question"))
        self.count = label("", "muted")
        self.count.setObjectName("spot_count")
        self.layout_.addWidget(self.count)
        self.finish_layout()
        self._update_count()
        self.phone.tapped.connect(self._tapped)

    def read_aloud_text(self) -> str:
        return self.step.prompt

    def _update_count(self) -> None:
        self.count.setText(self.tr("Found %1 of %2").replace("%1", str(len(self.found)))
                           .replace("%2", str(len(self.reasons))))

    def _remaining(self) -> list[str]:
        return [i for i in self.reasons if i not in self.found]

    def _tapped(self, element_id: str) -> None:
        if self.done:
            return
        if element_id in self.found:
            self.say(self.reasons[element_id], right=True)
            return
        correct = element_id in self.reasons
        self.grade(correct, element_id or "-")
        if not correct:
            self.wrong_touch(self._remaining()[0], self.step.hint,
                             self.tr("Nothing suspicious there."),
                             self.tr("Nothing suspicious there. Look at the place that is "
                                     "lit up."))
            return
        self._found(element_id)

    def _found(self, element_id: str) -> None:
        self.found.append(element_id)
        self.phone.highlight(None)
        self.phone.mark(element_id)
        self._update_count()
        if self._remaining():
            self.say(self.reasons[element_id], right=True)
            return
        explain = " ".join(filter(None, [self.reasons[element_id], self.step.explain]))
        self.right(explain)

    def show_me(self) -> None:
        if self.done:
            return
        self.record_show_me()
        self.phone.highlight(self._remaining()[0])
        self.say(self.tr("Look at the place that is lit up, then touch it."), right=False)

    def show_answer(self) -> None:
        for element_id in self._remaining():
            self.found.append(element_id)
            self.phone.mark(element_id)
        self._update_count()
        self.set_done(True)
