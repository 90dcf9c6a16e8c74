"""The settings page of the staff console (admin), in five sections:

- "Xã/phường" (commune): names, the signer, the logo and how certificates are printed;
- "Khóm/ấp" (hamlets): the khóm/ấp list in the database, with population and households;
- "Trạm" (kiosk): printer, idle timeout, text size, contrast, voice, language, backups kept;
- "Sao lưu" (backup): back up and restore the database;
- "Gói bài học" (lessons): import a lesson pack, checked before it replaces anything.

Each section is a widget of its own module beside this one; this page only lays them out
and opens the one asked for (`show_section`).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from kiosk.staff import Permission
from ui.console.backup_panel import BackupPanel
from ui.console.context import ConsoleContext
from ui.console.hamlet_editor import HamletEditor
from ui.console.lesson_import_panel import LessonImportPanel
from ui.console.settings_form import CommuneSection, KioskSection
from ui.screens.base import label
from ui.touch import scroll_area


class SettingsPage(QWidget):
    def __init__(self, ctx: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(8)
        layout.addWidget(label(self.tr("Settings"), "title"))
        self.tabs = QTabWidget()
        self.tabs.setObjectName("settings_tabs")
        self.tabs.setDocumentMode(True)
        self.tabs.tabBar().setExpanding(False)
        layout.addWidget(self.tabs, 1)

        self.sections: dict[str, QWidget] = {}
        self.commune = self._add("commune", CommuneSection(ctx), self.tr("Commune"))
        self.hamlets = self._add("hamlets", HamletEditor(ctx), self.tr("Khóm/ấp"))
        self.kiosk = self._add("kiosk", KioskSection(ctx), self.tr("Kiosk"))
        self.backup: BackupPanel | None = None
        self.lessons: LessonImportPanel | None = None
        if ctx.can(Permission.BACKUP_RESTORE):
            self.backup = self._add("backup", BackupPanel(ctx), self.tr("Backup"))
            self.backup.restored.connect(self.hamlets.refresh)
        if ctx.can(Permission.IMPORT_LESSONS):
            self.lessons = self._add("lessons", LessonImportPanel(ctx),
                                     self.tr("Lesson packs"))

    def _add(self, name: str, section, title: str):
        area = scroll_area(section, f"settings_{name}_area")
        self.sections[name] = section
        self.tabs.addTab(area, title)
        return section

    def show_section(self, name: str) -> QWidget | None:
        """Show "commune", "hamlets", "kiosk", "backup" or "lessons"; None if this role has
        no such section."""
        section = self.sections.get(name)
        if section is None:
            return None
        self.tabs.setCurrentIndex(list(self.sections).index(name))
        return section

    def refresh(self) -> None:
        """Shown again: lists may have changed meanwhile (unsaved form edits are kept)."""
        self.hamlets.refresh(keep_form=True)
        for section in (self.backup, self.lessons):
            if section is not None:
                section.refresh()

    def screenshot_scenes(self) -> Iterator[tuple[str, Callable[[], None]]]:
        yield "hamlets", lambda: self.show_section("hamlets")

        def editing() -> None:
            self.show_section("hamlets")
            if self.hamlets.model.rows:
                self.hamlets.table.selectRow(1 if len(self.hamlets.model.rows) > 1 else 0)
        yield "hamlets-edit", editing
        yield "kiosk", lambda: self.show_section("kiosk")

        def refused() -> None:
            self.show_section("kiosk")
            self.kiosk.load()
            self.kiosk.fields["idle_timeout"].widget.setText("10")
            self.kiosk.save()
        yield "kiosk-refused", refused

        if self.backup is not None and not self.backup.server:
            def backups() -> None:
                from kiosk import backup

                self.show_section("backup")
                if not self.backup.model.backups:
                    backup.create(self.ctx.db, self.ctx.station.config, self.ctx.user)
                    self.backup.refresh()
            yield "backup", backups
        if self.lessons is not None:
            yield "lessons-report", self._show_broken_pack

    def _show_broken_pack(self) -> None:
        """A pack with one broken lesson, checked: what staff see before replacing."""
        from kiosk import lesson_import

        self.show_section("lessons")
        source = Path(tempfile.mkdtemp(prefix="kiosk-pack-")) / "goi-bai-hoc-xa"
        lesson = ("id: {id}\nskill: {skill}\ntitle: {title}\nminutes: 5\nsteps:\n"
                  "  - kind: explain\n    text: Bài học mẫu của xã.\n"
                  "  - kind: choice\n    prompt: Bà con làm gì?\n    options:\n"
                  "      - text: Đọc mã OTP cho người lạ\n"
                  "      - text: Cúp máy\n{correct}")
        for relative, text in {
            "safety/cuoc-goi-la.yaml": lesson.format(
                id="safety.cuoc-goi-la", skill="safety", title="Cuộc gọi lạ",
                correct="        correct: true\n"),
            "payment/chuyen-khoan.yaml": lesson.format(
                id="payment.chuyen-khoan", skill="payment", title="Chuyển khoản an toàn",
                correct="        correct: true\n"),
            "safety/tin-nhan-la.yaml": lesson.format(
                id="safety.tin-nhan-la", skill="safety", title="Tin nhắn lạ", correct=""),
        }.items():
            path = source / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        self.lessons._checked(lesson_import.stage(source, self.lessons.data_dir))
