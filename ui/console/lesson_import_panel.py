"""Importing a lesson pack from the console (kiosk.lesson_import): choose a folder or a
.zip, read its check (lessons per skill, every problem with file and line), and only then
replace the kiosk's lessons, or discard it. The previous pack can be brought back.

Unpacking and checking run off the UI thread; nothing is replaced before "Thay thế".
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QVBoxLayout,
    QWidget,
)

from kiosk import lesson_import, paths, settings, settings_edit
from kiosk.lesson_import import ImportRefused, StagedPack
from kiosk.skills import Skill
from kiosk.staff import NotAllowed
from ui import operations
from ui.console.context import ConsoleContext
from ui.console.settings_parts import WorkRow, ask, explain, open_file, open_folder
from ui.screens.base import button, label
from ui.theme import set_role


class LessonImportPanel(QWidget):
    def __init__(self, ctx: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.data_dir = ctx.station.config.data_dir
        self.config_file = settings.config_file()
        self.staged: StagedPack | None = None
        lesson_import.discard_leftovers(self.data_dir)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.setSpacing(12)
        self.current = label("", "lead")
        self.current.setObjectName("lessons_current")
        layout.addWidget(self.current)
        self.next_start = label("", "muted")
        self.next_start.setObjectName("lessons_next_start")
        layout.addWidget(self.next_start)
        override = settings_edit.environment_override("lessons_dir")
        if override:
            layout.addWidget(label(self.tr(
                "The environment variable %1 chooses the lessons folder: an imported pack "
                "is used only once it is removed.").replace("%1", override), "notice"))
        layout.addWidget(label(self.tr(
            "Choose a folder or a .zip file of lessons (one folder per skill). It is checked "
            "first; nothing changes until you choose Replace."), "muted"))
        choose = QHBoxLayout()
        choose.setSpacing(12)
        self.choose_folder = button(self.tr("Choose a folder…"), None,
                                    "lessons_choose_folder")
        self.choose_folder.clicked.connect(self.pick_folder)
        self.choose_zip = button(self.tr("Choose a .zip file…"), None, "lessons_choose_zip")
        self.choose_zip.clicked.connect(self.pick_zip)
        self.undo_button = button(self.tr("Go back to the previous pack…"), None,
                                  "lessons_undo")
        self.undo_button.clicked.connect(self.undo)
        for item in (self.choose_folder, self.choose_zip):
            choose.addWidget(item)
        choose.addStretch(1)
        choose.addWidget(self.undo_button)
        layout.addLayout(choose)
        self.work = WorkRow("lessons_work", stoppable=False, busy_changed=self._busy)
        layout.addWidget(self.work)
        self.status = label("", "lead")
        self.status.setObjectName("lessons_status")
        self.status.hide()
        layout.addWidget(self.status)

        self.report = QWidget()
        self.report.setObjectName("lessons_report")
        report = QVBoxLayout(self.report)
        report.setContentsMargins(0, 0, 0, 0)
        report.setSpacing(8)
        self.report_title = label("", "lead")
        self.report_title.setObjectName("lessons_report_title")
        self.per_skill = QWidget()
        self.per_skill.setObjectName("lessons_per_skill")
        self.per_skill_grid = QGridLayout(self.per_skill)
        self.per_skill_grid.setContentsMargins(0, 0, 0, 0)
        self.per_skill_grid.setHorizontalSpacing(24)
        self.per_skill_grid.setVerticalSpacing(2)
        self.skill_counts = {skill: label("") for skill in Skill}
        for i, shown in enumerate(self.skill_counts.values()):
            self.per_skill_grid.addWidget(shown, i // 2, i % 2)
        self.summary = label("")
        self.summary.setObjectName("lessons_summary")
        # Every problem, one a line, wrapped and never cut; a long list scrolls with the
        # page.
        self.problems = label("")
        self.problems.setObjectName("lessons_problems")
        self.accept = QCheckBox(self.tr("Replace anyway: the lessons with errors are switched "
                                        "off"))
        self.accept.setObjectName("lessons_accept")
        self.accept.toggled.connect(lambda _: self._busy(self.work.busy))
        decide = QHBoxLayout()
        decide.setSpacing(12)
        self.replace_button = button(self.tr("Replace"), "primary", "lessons_replace")
        self.replace_button.clicked.connect(self.replace)
        self.discard_button = button(self.tr("Discard this pack"), None, "lessons_discard")
        self.discard_button.clicked.connect(self.discard)
        decide.addWidget(self.replace_button)
        decide.addWidget(self.discard_button)
        decide.addStretch(1)
        for widget in (self.report_title, self.per_skill, self.summary):
            report.addWidget(widget)
        report.addWidget(self.problems)
        report.addWidget(self.accept)
        report.addLayout(decide)
        self.report.hide()
        layout.addWidget(self.report, 1)
        layout.addStretch(0)
        self.refresh()

    # --- what is in use ------------------------------------------------------------------

    def refresh(self) -> None:
        pack = self.ctx.station.pack
        where = self.tr("the lessons that come with the kiosk") \
            if pack.root.resolve() == paths.BUNDLED_LESSONS.resolve() else str(pack.root)
        self.current.setText(self.tr("In use: %1, %n lesson(s).", "", len(pack.lessons))
                             .replace("%1", where))
        upcoming = settings_edit.file_settings(self.config_file).lessons_dir
        if settings_edit.environment_override("lessons_dir") is None and \
                upcoming.resolve() != pack.root.resolve():
            self.next_start.setText(self.tr("From the next start: %1").replace(
                "%1", str(upcoming)))
            self.next_start.show()
        else:
            self.next_start.hide()
        self._busy(self.work.busy)

    def _busy(self, busy: bool) -> None:
        self.choose_folder.setEnabled(not busy)
        self.choose_zip.setEnabled(not busy)
        self.undo_button.setVisible(lesson_import.can_undo(self.data_dir))
        self.undo_button.setEnabled(not busy)
        staged = self.staged
        self.replace_button.setEnabled(not busy and staged is not None and staged.usable and (
            staged.clean or self.accept.isChecked()))
        self.discard_button.setEnabled(not busy and staged is not None)

    def _say(self, text: str, role: str = "lead") -> None:
        set_role(self.status, role)
        self.status.setText(text)
        self.status.show()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ImportRefused | NotAllowed):
            self._say(str(exc), "error")
        elif isinstance(exc, operations.Cancelled):
            self._say(self.tr("Stopped. Nothing was changed."), "muted")
        else:
            self._say(explain(exc), "error")
        self._busy(self.work.busy)

    # --- checking a pack -----------------------------------------------------------------

    def pick_folder(self) -> None:
        folder = open_folder(self, self.tr("Choose the folder of the lesson pack"))
        if folder is not None:
            self.check(folder)

    def pick_zip(self) -> None:
        archive = open_file(self, self.tr("Choose the lesson pack"),
                            self.tr("Lesson packs (*.zip)"))
        if archive is not None:
            self.check(archive)

    def check(self, source) -> operations.Operation:
        """Unpack and check `source` in the background; the report shows when done."""
        self.discard(quiet=True)
        self.status.hide()
        data_dir = self.data_dir
        return self.work.start(lambda progress: lesson_import.stage(source, data_dir),
                               self.tr("Checking the lessons…"), self._checked, self._failed)

    def _checked(self, staged: StagedPack) -> None:
        self.staged = staged
        self.report_title.setText(self.tr("Checked: %1").replace("%1", staged.source.name))
        for skill, count in staged.per_skill().items():
            self.skill_counts[skill].setText(
                self.tr("%1: %n lesson(s)", "", count).replace("%1", skill.title))
        problems = staged.problem_lines
        self.problems.setText("\n".join(f"• {line}" for line in problems))
        self.problems.setVisible(bool(problems))
        self.accept.setChecked(False)
        self.accept.setVisible(bool(problems) and staged.usable)
        if not staged.usable:
            text, role = self.tr("This pack has no lesson that works, so it cannot replace "
                                 "the lessons."), "error"
        elif problems:
            text, role = self.tr("%n problem(s) found; %1 lesson file(s) would be switched "
                                 "off. Correct them in the pack, or replace anyway.", "",
                                 len(problems)).replace("%1", str(len(staged.pack.disabled))), \
                "error"
        else:
            text, role = self.tr("No problems: %n lesson(s) ready to use.", "",
                                 staged.lesson_count), "lead"
        self.summary.setText(text)
        set_role(self.summary, role)
        self.report.show()
        self._busy(self.work.busy)

    def discard(self, quiet: bool = False) -> None:
        if self.staged is not None:
            lesson_import.discard(self.staged)
            self.staged = None
        self.report.hide()
        if not quiet:
            self._say(self.tr("Discarded. The lessons were not changed."), "muted")
        self._busy(self.work.busy)

    # --- replacing ---------------------------------------------------------------------

    def replace(self) -> None:
        staged = self.staged
        if staged is None:
            return
        try:
            folder = lesson_import.replace(self.ctx.db, self.ctx.user, staged, self.data_dir,
                                           self.config_file,
                                           accept_broken=self.accept.isChecked())
        except ImportRefused as exc:
            self._say(str(exc), "error")
            return
        except NotAllowed as exc:
            self._say(str(exc), "error")
            return
        except Exception as exc:  # nothing was replaced: the core put everything back
            self._say(self.tr("The lessons were not replaced.") + " " + explain(exc),
                      "error")
            return
        self.staged = None
        self.report.hide()
        self._say(self.tr("Replaced: %n lesson(s) in %1. The kiosk uses them when it is "
                          "opened again; the previous pack is kept.", "",
                          staged.lesson_count).replace("%1", str(folder)))
        self.refresh()

    def undo(self) -> None:
        if not ask(self, self.tr("Previous lesson pack"), self.tr(
                "Go back to the lessons used before the last import? The imported pack is "
                "removed."), self.tr("Go back")):
            return
        try:
            folder = lesson_import.undo(self.ctx.db, self.ctx.user, self.data_dir,
                                        self.config_file)
        except (ImportRefused, NotAllowed) as exc:
            self._say(str(exc), "error")
            return
        except Exception as exc:
            self._say(explain(exc), "error")
            return
        self._say(self.tr("Back to the previous lessons (%1); used when the kiosk is "
                          "opened again.").replace("%1", str(folder)))
        self.refresh()
