"""What the team member sees: the room's picture, the current and next step with the
presenter's notes, a timer, the roster, and the way out.

Ending asks first, with what it will record (kiosk.group_sessions.preview), and takes a
note for the session's report.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk import group_sessions as gs
from kiosk.staff import NotAllowed
from ui import operations
from ui.presenter.deck import Slide, SlideKind, check_start
from ui.presenter.roster import RosterPanel
from ui.presenter.stage import StagePreview
from ui.screens.base import button, label
from ui.theme import set_role
from ui.touch import scroll_area


def elapsed_text(since: datetime, now: datetime | None = None) -> str:
    seconds = max(0, int(((now or datetime.now(UTC)) - since).total_seconds()))
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else \
        f"{rest // 60:02d}:{rest % 60:02d}"


class ControlView(QWidget):
    def __init__(self, controller, hamlets, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        ctx, session = controller.ctx, controller.session
        self.setObjectName("control_view")
        set_role(self, "console")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 8, 16, 8)
        outer.setSpacing(8)

        top = QHBoxLayout()
        where = ", ".join(filter(None, [session.hamlet_name, session.place]))
        self.where = label(where, "lead")
        self.where.setObjectName("control_where")
        top.addWidget(self.where, 1)
        self.clock = label("", "figure", wrap=False)
        self.clock.setObjectName("control_clock")
        top.addWidget(self.clock)
        self.toggle_button = button(self.tr("Show the room's view (F5)"), None,
                                    "control_toggle")
        self.toggle_button.clicked.connect(controller.toggle_view)
        top.addWidget(self.toggle_button)
        self.leave_button = button(self.tr("Leave for now"), None, "control_leave")
        self.leave_button.setToolTip(self.tr("The session stays open: continue or end it "
                                             "later from “Group sessions”."))
        self.leave_button.clicked.connect(controller.leave)
        top.addWidget(self.leave_button)
        self.end_button = button(self.tr("End the session"), "primary", "control_end")
        self.end_button.clicked.connect(self.ask_end)
        top.addWidget(self.end_button)
        outer.addLayout(top)

        body = QHBoxLayout()
        body.setSpacing(16)
        self.left = QStackedWidget()
        self.left.addWidget(self._slides_panel())
        self.left.addWidget(self._end_panel())
        body.addWidget(self.left, 5)
        self.roster = RosterPanel(ctx.db, ctx.user, session, hamlets,
                                  ctx.station.config.commune_name)
        body.addWidget(self.roster, 4)
        outer.addLayout(body, 1)

        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._update_clock)
        self._tick.start()
        self._update_clock()
        controller.slide_changed.connect(self.update_slide)

    # -- the slides -----------------------------------------------------------------------

    def _slides_panel(self) -> QWidget:
        panel = QWidget()
        column = QVBoxLayout(panel)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(6)
        self.preview = StagePreview(self.controller.audience.stage)
        self.preview.setMinimumHeight(120)
        framed = QFrame()
        set_role(framed, "card")
        inside = QVBoxLayout(framed)
        inside.setContentsMargins(4, 4, 4, 4)
        inside.addWidget(self.preview)
        column.addWidget(framed, 3)
        state = QHBoxLayout()
        self.position_label = label("", "muted")
        self.position_label.setObjectName("control_position")
        state.addWidget(self.position_label, 1)
        self.black_label = label(self.tr("The screen is black"), "notice", wrap=False)
        self.black_label.setObjectName("control_black_notice")
        self.black_label.hide()
        state.addWidget(self.black_label)
        # One screen, mirrored: what the team member sees here, the room sees too.
        self.mirrored_label = label(self.tr("The projector shows this view too"), "notice",
                                    wrap=False)
        self.mirrored_label.setObjectName("control_mirrored_notice")
        self.mirrored_label.hide()
        state.addWidget(self.mirrored_label)
        column.addLayout(state)

        details = QWidget()
        lines = QVBoxLayout(details)
        lines.setContentsMargins(0, 0, 8, 0)
        lines.setSpacing(6)
        notes = QFrame()
        set_role(notes, "card")
        notes_column = QVBoxLayout(notes)
        notes_column.setContentsMargins(12, 6, 12, 6)
        notes_column.addWidget(label(self.tr("Notes for the presenter"), "muted"))
        self.notes = label("", None)
        self.notes.setObjectName("control_notes")
        notes_column.addWidget(self.notes)
        lines.addWidget(notes)
        self.next_label = label("", "muted")
        self.next_label.setObjectName("control_next")
        lines.addWidget(self.next_label)
        lines.addStretch(1)
        column.addWidget(scroll_area(details, "control_details"), 2)

        buttons = QHBoxLayout()
        self.back_button = button(self.tr("Back"), None, "control_back")
        self.back_button.clicked.connect(self.controller.back)
        self.black_button = button(self.tr("Black screen (B)"), None, "control_black")
        self.black_button.setCheckable(True)
        self.black_button.clicked.connect(self.controller.set_black)
        # Like the clicker's "next": on a question it first shows the answer, and says so.
        self.next_button = button(self.tr("Next"), "primary", "control_next_button")
        self.next_button.clicked.connect(self.controller.next)
        for widget in (self.back_button, self.black_button):
            buttons.addWidget(widget)
        buttons.addWidget(self.next_button, 1)
        column.addLayout(buttons)

        jump = QHBoxLayout()
        self.jump = QComboBox()
        self.jump.setObjectName("control_jump")
        # Long lesson titles must not push the buttons beside it out of the window.
        self.jump.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.jump.setMinimumContentsLength(12)
        for slide_index, slide in enumerate(self.controller.deck):
            if slide.kind is SlideKind.LESSON:
                self.jump.addItem(self.tr("Lesson %1: %2").replace(
                    "%1", str(slide.lesson_number)).replace("%2", slide.lesson.title),
                    slide_index)
        self.jump.addItem(self.tr("Group check"), check_start(self.controller.deck))
        self.jump.activated.connect(
            lambda row: self.controller.go_to(self.jump.itemData(row)))
        jump.addWidget(self.jump, 1)
        check = button(self.tr("Group check"), None, "control_group_check")
        check.clicked.connect(self.controller.group_check)
        jump.addWidget(check)
        column.addLayout(jump)
        return panel

    def update_slide(self) -> None:
        c = self.controller
        slide = c.slide
        self.position_label.setText(self._where(slide) + "  ·  " + self.tr(
            "%1 of %2").replace("%1", str(c.position + 1)).replace("%2", str(len(c.deck))))
        following = c.next_slide
        self.next_label.setText(self.tr("Next: %1").replace(
            "%1", (following.text or self._kind_name(following))) if following
            else self.tr("This is the last slide."))
        self.notes.setText(slide.notes or self._kind_name(slide) or
                           self.tr("No notes for this step."))
        set_role(self.notes, "" if slide.notes else "muted")
        self.back_button.setEnabled(c.position > 0)
        self.black_button.setChecked(c.black)
        self.black_label.setVisible(c.black)
        self.mirrored_label.setVisible(c.one_screen and not c.black)
        self.toggle_button.setVisible(c.one_screen)
        self.toggle_button.setText(self.tr("Back to the controls (F5)")
                                   if c.showing_audience() else
                                   self.tr("Show the room's view (F5)"))
        if slide.asks and not c.revealed:
            self.next_button.setText(self.tr("Show the answer"))
        else:
            self.next_button.setText(self.tr("Next"))
        self.next_button.setEnabled((slide.asks and not c.revealed) or
                                    c.next_slide is not None)

    def _where(self, slide: Slide) -> str:
        if slide.kind in (SlideKind.CHECK_INTRO, SlideKind.CHECK):
            text = self.tr("Group check")
            if slide.kind is SlideKind.CHECK:
                text += " · " + self.tr("question %1 of %2").replace(
                    "%1", str(slide.number)).replace("%2", str(slide.total))
            return text
        text = self.tr("Lesson %1 of %2").replace("%1", str(slide.lesson_number)).replace(
            "%2", str(len(self.controller.lessons)))
        if slide.kind is SlideKind.STEP:
            text += " · " + self.tr("step %1 of %2").replace(
                "%1", str(slide.number)).replace("%2", str(slide.total))
        return text

    def _kind_name(self, slide: Slide) -> str:
        if slide.kind is SlideKind.CHECK_INTRO:
            return self.tr("Group check: tick who passed in the list on the right, or “The "
                           "whole class passed”.")
        return ""

    def show_roster(self) -> None:
        self.roster.pages.setCurrentIndex(0)

    def _update_clock(self) -> None:
        self.clock.setText(elapsed_text(self.controller.session.started_at))

    # -- ending ---------------------------------------------------------------------------

    def _end_panel(self) -> QWidget:
        panel = QWidget()
        column = QVBoxLayout(panel)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(label(self.tr("End the session?"), "title"))
        self.end_summary = label("", "lead")
        self.end_summary.setObjectName("end_summary")
        column.addWidget(self.end_summary)
        column.addWidget(label(self.tr("A note for the session's report (optional):"),
                               "muted"))
        self.end_notes = QLineEdit()
        self.end_notes.setObjectName("end_notes")
        self.end_notes.setMaxLength(gs.MAX_NOTES_LENGTH)
        column.addWidget(self.end_notes)
        self.end_error = label("", "error")
        self.end_error.setObjectName("end_error")
        self.end_error.hide()
        column.addWidget(self.end_error)
        column.addStretch(1)
        row = QHBoxLayout()
        self.end_back = button(self.tr("Back to the session"), None, "end_cancel")
        self.end_back.clicked.connect(lambda: self.left.setCurrentIndex(0))
        self.end_confirm = button(self.tr("End and save"), "primary", "end_confirm")
        self.end_confirm.clicked.connect(self._end)
        row.addWidget(self.end_back)
        row.addWidget(self.end_confirm, 1)
        column.addLayout(row)
        return panel

    def ask_end(self) -> None:
        """What ending would record, worked out off the UI thread, then the confirmation."""
        c = self.controller
        db, session_id = c.ctx.db, c.session.id
        lessons, by_skill = c.station.pack.lessons, c.station.lessons_by_skill()
        self.end_summary.setText(self.tr("Counting who passed…"))
        self.end_error.hide()
        self.left.setCurrentIndex(1)
        self.end_notes.setFocus()
        op = operations.run(lambda _p: gs.preview(db, session_id, lessons, by_skill))
        op.succeeded.connect(lambda preview: self.end_summary.setText(self.summary(preview)))
        op.failed.connect(lambda exc: self.end_summary.setText(str(exc)))

    def summary(self, report: gs.SessionReport) -> str:
        came, passed = len(report.attendees), len(report.completions)
        lines = [self.tr("%1 people checked in; %2 passed the group check.")
                 .replace("%1", str(came)).replace("%2", str(passed))]
        if passed:
            lines.append(self.tr("%1 lessons will be recorded as completed in the group, "
                                 "and %2 skills completed.")
                         .replace("%1", str(report.lessons_completed))
                         .replace("%2", str(report.skills_completed)))
        not_marked = came - passed
        if not_marked:
            lines.append(self.tr("%1 people without “Passed” keep their attendance only.")
                         .replace("%1", str(not_marked)))
        return "\n".join(lines)

    def _end(self) -> None:
        self.end_confirm.setEnabled(False)
        self.end_back.setEnabled(False)
        self.end_error.setText(self.tr("Saving…"))
        set_role(self.end_error, "muted")
        self.end_error.show()
        self.controller.end(self.end_notes.text()).failed.connect(self._end_failed)

    def _end_failed(self, exc) -> None:
        self.controller.ending = None
        self.end_confirm.setEnabled(True)
        self.end_back.setEnabled(True)
        self.end_error.setText(str(exc) if isinstance(exc, gs.SessionError | NotAllowed)
                               else self.tr("The session could not be ended: %1")
                               .replace("%1", str(exc)))
        set_role(self.end_error, "error")
