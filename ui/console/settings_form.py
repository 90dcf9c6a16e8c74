"""The two sections of the settings page that edit the settings file: the commune (name,
signer, logo, certificates) and the kiosk (printer, idle timeout, text, voice, language).

Each field edits one declared setting (kiosk.settings) and shows its converter's reason
under it when a value is refused; one refused value and nothing is saved. Saving goes
through kiosk.settings_edit (checked, written atomically, audited). The running kiosk keeps
the settings it started with, so every saved change is used from the next start, and the
page says so. A setting fixed by an environment variable is shown but not editable: the
file would not win over it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk import settings, settings_edit
from kiosk.staff import NotAllowed
from ui.console.context import ConsoleContext
from ui.console.settings_parts import explain, open_file
from ui.screens.base import button, label

translate = QCoreApplication.translate
LOGO_PREVIEW_HEIGHT = 96
CAPTION_WIDTH = 260
FORM_MAX_WIDTH = 1100


@dataclass
class Field:
    name: str
    widget: QWidget
    get: Callable[[], Any]
    put: Callable[[Any], None]
    error: QLabel


class SettingsForm(QWidget):
    """Fields in a two-column grid (what it is, then the value), with "Lưu" at the end."""

    #: The object name of the section; its buttons and status are named after it.
    form_name = "settings_form"

    def __init__(self, ctx: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        name = self.form_name
        self.setObjectName(name)
        self.config_file = settings.config_file()
        self.fields: dict[str, Field] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 12, 0, 12)
        outer.setSpacing(12)
        # Captions a fixed width, values the rest; no wider than a form is read at ease.
        form = QWidget()
        form.setMaximumWidth(FORM_MAX_WIDTH)
        self.grid = QGridLayout(form)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(20)
        self.grid.setVerticalSpacing(6)
        self.grid.setColumnStretch(1, 1)
        outer.addWidget(form)
        self._row = 0
        self.build()
        outer.addSpacing(8)
        footer = QHBoxLayout()
        footer.setSpacing(16)
        self.save_button = button(translate("SettingsForm", "Save"), "primary", f"{name}_save")
        self.save_button.clicked.connect(self.save)
        self.reset_button = button(translate("SettingsForm", "Undo changes"), None, f"{name}_reset")
        self.reset_button.clicked.connect(self.load)
        footer.addWidget(self.save_button)
        footer.addWidget(self.reset_button)
        footer.addStretch(1)
        outer.addLayout(footer)
        self.status = label("", "lead")
        self.status.setObjectName(f"{name}_status")
        self.status.hide()
        outer.addWidget(self.status)
        outer.addStretch(1)
        self.load()

    # --- building ---------------------------------------------------------------------------

    def build(self) -> None:
        raise NotImplementedError

    def add(self, name: str, caption: str, widget: QWidget, get: Callable[[], Any],
            put: Callable[[Any], None], hint: str = "") -> Field:
        title = label(caption)
        title.setFixedWidth(CAPTION_WIDTH)
        title.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        widget.setObjectName(f"field_{name}")
        self.grid.addWidget(title, self._row, 0)
        self.grid.addWidget(widget, self._row, 1)
        self._row += 1
        override = settings_edit.environment_override(name)
        if override:
            widget.setEnabled(False)
            hint = translate("SettingsForm", "Set by the environment variable %1; change "
                             "it there.").replace("%1", override)
        if hint:
            self.grid.addWidget(label(hint, "muted"), self._row, 1)
            self._row += 1
        error = label("", "notice")
        error.setObjectName(f"error_{name}")
        error.hide()
        self.grid.addWidget(error, self._row, 1)
        self._row += 1
        field = Field(name, widget, get, put, error)
        self.fields[name] = field
        return field

    def text(self, name: str, caption: str, hint: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setClearButtonEnabled(True)
        self.add(name, caption, edit, edit.text, lambda value: edit.setText(str(value)), hint)
        return edit

    def number(self, name: str, caption: str, hint: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setMaximumWidth(200)
        edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        self.add(name, caption, edit, edit.text, lambda value: edit.setText(str(value)), hint)
        return edit

    def choice(self, name: str, caption: str, choices: Sequence[tuple[str, str]],
               hint: str = "") -> QComboBox:
        combo = QComboBox()
        combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        for value, shown in choices:
            combo.addItem(shown, value)

        def put(value: Any) -> None:
            index = combo.findData(value)
            if index < 0:  # a value this list does not offer (a printer since removed)
                combo.addItem(str(value), value)
                index = combo.count() - 1
            combo.setCurrentIndex(index)

        self.add(name, caption, combo, combo.currentData, put, hint)
        return combo

    def check(self, name: str, caption: str, text: str) -> QCheckBox:
        box = QCheckBox(text)
        self.add(name, caption, box, box.isChecked, lambda value: box.setChecked(bool(value)))
        return box

    # --- values ------------------------------------------------------------------------------

    def current_values(self) -> dict[str, Any]:
        """What the kiosk will start with: the file's values, and the environment's where
        it decides."""
        values = dict(settings_edit.file_settings(self.config_file).values)
        effective = self.ctx.station.config.values
        for name in self.fields:
            if settings_edit.environment_override(name):
                values[name] = effective[name]
        return values

    def load(self) -> None:
        """Show the saved values (dropping edits not saved)."""
        values = self.current_values()
        for field in self.fields.values():
            field.put(values[field.name])
            field.error.hide()
        self.status.hide()

    def edited(self) -> dict[str, Any]:
        return {name: field.get() for name, field in self.fields.items()
                if field.widget.isEnabled()}

    def show_errors(self, errors: dict[str, str]) -> None:
        for name, field in self.fields.items():
            field.error.setText(errors.get(name, ""))
            field.error.setVisible(name in errors)
        if errors:
            first = next(f for n, f in self.fields.items() if n in errors)
            first.widget.setFocus()

    def say(self, text: str, role: str = "lead") -> None:
        from ui.theme import set_role

        set_role(self.status, role)
        self.status.setText(text)
        self.status.show()

    def prepare(self, values: dict[str, Any]) -> dict[str, Any]:
        """Last changes to the values before they are saved (the logo is copied in)."""
        return values

    def save(self) -> None:
        values = self.edited()
        try:
            settings_edit.convert(values)  # every value checked before anything is written
            values = self.prepare(values)
            changed = settings_edit.change(self.ctx.db, self.ctx.user, self.config_file,
                                           values)
        except settings_edit.InvalidSettings as exc:
            self.show_errors(exc.errors)
            self.say(translate("SettingsForm", "Nothing was saved: correct the values "
                               "marked in red."), "error")
            return
        except (NotAllowed, settings_edit.LogoError) as exc:
            self.say(str(exc), "error")
            return
        except Exception as exc:  # the file could not be written: say so, lose nothing
            self.say(translate("SettingsForm", "Nothing was saved.") + " " + explain(exc), "error")
            return
        self.show_errors({})
        self.load()
        if changed:
            self.say(translate("SettingsForm", "Saved. The changes take effect when the "
                               "kiosk is opened again."))
        else:
            self.say(translate("SettingsForm", "Nothing had changed."), "muted")


class CommuneSection(SettingsForm):
    form_name = "settings_commune"

    def build(self) -> None:
        self.text("commune_name", self.tr("Commune or ward"))
        self.text("province_name", self.tr("Province or city"))
        self.text("signer_title", self.tr("Title of the signer"))
        self.text("signer_name", self.tr("Name of the signer"))
        self._build_logo()
        self.choice("certificate_page", self.tr("Certificate paper"), [
            ("A4", self.tr("A4, landscape")), ("A5", self.tr("A5, landscape"))])
        self.choice("certificate_at_kiosk", self.tr("Certificate asked for at the kiosk"), [
            ("queue", self.tr("Queue it for staff to print")),
            ("print", self.tr("Print it at once"))])
        self.text("verify_url", self.tr("Verify address"), self.tr(
            "A web address put before the QR code's token. Leave empty: the code holds the "
            "token alone, which any kiosk can still check."))

    def _build_logo(self) -> None:
        self._logo_source: Path | None = None  # chosen, copied in when saved
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(12)
        self.logo_preview = QLabel()
        self.logo_preview.setObjectName("logo_preview")
        self.logo_preview.setFixedSize(LOGO_PREVIEW_HEIGHT * 2, LOGO_PREVIEW_HEIGHT)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_file = label("", "muted")
        self.logo_file.setObjectName("logo_file")
        choose = button(self.tr("Choose image…"), None, "logo_choose")
        choose.clicked.connect(self.choose_logo)
        remove = button(self.tr("Remove logo"), None, "logo_remove")
        remove.clicked.connect(lambda: self._show_logo(""))
        row.addWidget(self.logo_preview)
        row.addWidget(self.logo_file, 1)
        row.addWidget(choose)
        row.addWidget(remove)
        self._logo_value = ""
        self.add("logo_path", self.tr("Logo on certificates"), box,
                 lambda: self._logo_value, self._put_logo,
                 self.tr("A PNG or JPEG image. It is copied into the kiosk's data folder, so "
                         "the original may be moved afterwards."))

    def _put_logo(self, value: Any) -> None:
        self._logo_source = None
        self._show_logo(str(value or ""))

    def _show_logo(self, path: str) -> bool:
        self._logo_value = path
        if not path:
            self._logo_source = None
            self.logo_preview.clear()
            self.logo_preview.setText(self.tr("No logo"))
            self.logo_file.setText("")
            return True
        pixmap = QPixmap(path)
        if pixmap.isNull():
            self.logo_preview.clear()
            self.logo_preview.setText(self.tr("Cannot be shown"))
        else:
            self.logo_preview.setPixmap(pixmap.scaled(
                self.logo_preview.size(), Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation))
        self.logo_file.setText(Path(path).name)
        return not pixmap.isNull()

    def choose_logo(self) -> None:
        chosen = open_file(self, self.tr("Choose the commune's logo"),
                           self.tr("Images (*.png *.jpg *.jpeg)"))
        if chosen is not None:
            self.use_logo(chosen)

    def use_logo(self, path: Path) -> bool:
        """Show a chosen image (copied in when saved); a file that is not one is refused
        here, with the reason."""
        error = self.fields["logo_path"].error
        try:
            settings_edit.logo_kind(path)
        except settings_edit.LogoError as exc:
            error.setText(str(exc))
            error.show()
            return False
        if not self._show_logo(str(path)):
            error.setText(self.tr("This file cannot be shown as an image."))
            error.show()
            self._put_logo(self.current_values()["logo_path"])
            return False
        error.hide()
        self._logo_source = path
        return True

    def prepare(self, values: dict[str, Any]) -> dict[str, Any]:
        if self._logo_source is not None and "logo_path" in values:
            installed = settings_edit.install_logo(self._logo_source,
                                                   self.ctx.station.config.data_dir)
            values = {**values, "logo_path": str(installed)}
        return values


def printer_choices() -> tuple[list[tuple[str, str]], bool]:
    """The printers installed on this machine, the system's default first; and whether
    there is any."""
    from PySide6.QtPrintSupport import QPrinterInfo

    names = QPrinterInfo.availablePrinterNames()
    default = QPrinterInfo.defaultPrinterName()
    first = QCoreApplication.translate("KioskSection", "The system's default printer")
    if default:
        first += f" ({default})"
    return [("", first), *((name, name) for name in sorted(names))], bool(names)


class KioskSection(SettingsForm):
    form_name = "settings_kiosk"

    def build(self) -> None:
        choices, any_printer = printer_choices()
        self.choice("printer_name", self.tr("Printer for certificates"), choices,
                    "" if any_printer else self.tr(
                        "No printer is installed on this machine yet."))
        self.number("idle_timeout", self.tr("Back to the welcome screen after"), self.tr(
            "Seconds without a touch, from 30 to 3600."))
        self.choice("text_size", self.tr("Text size"), [
            ("normal", self.tr("Normal")), ("large", self.tr("Large")),
            ("huge", self.tr("Very large"))])
        self.choice("contrast", self.tr("Colours"), [
            ("normal", self.tr("Normal")),
            ("high", self.tr("High contrast (white and yellow on black)"))])
        self.check("read_aloud", self.tr("Read aloud"),
                   self.tr("Show the read-aloud button on every step"))
        self.check("auto_read", self.tr("Read automatically"),
                   self.tr("Read each step aloud as soon as it is shown"))
        self.choice("language", self.tr("Language"), [
            ("vi", "Tiếng Việt"), ("en", "English")])
        self.number("backup_every_hours", self.tr("Automatic backup every (hours)"), self.tr(
            "Made in the background while the welcome screen waits; 0 switches them off "
            "(0 to 720)."))
        self.number("backups_kept", self.tr("Automatic backups kept"), self.tr(
            "The newest ones stay; older ones are deleted after each backup (1 to 365)."))
