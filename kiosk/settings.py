"""Every setting of the kiosk, declared once with its type, default and description.

Values come from three layers, later ones winning: the declared default, the settings
file (TOML, `KIOSK_CONFIG` or the user config folder), and environment variables named
`KIOSK_<NAME>` (for instance `KIOSK_DATABASE_URL`). A broken file or value never stops the
kiosk: the default is kept and the problem is reported in Vietnamese for staff.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk import demo, paths


class SettingError(ValueError):
    """A value that does not fit its setting; the message is for staff, in Vietnamese."""


def _as_str(value: Any) -> str:
    if not isinstance(value, str):
        raise SettingError("phải là một chuỗi chữ")
    return value.strip()


def _as_int(minimum: int, maximum: int) -> Callable[[Any], int]:
    def convert(value: Any) -> int:
        if isinstance(value, str):
            try:
                value = int(value.strip())
            except ValueError:
                raise SettingError("phải là một số nguyên") from None
        if isinstance(value, bool) or not isinstance(value, int):
            raise SettingError("phải là một số nguyên")
        if not minimum <= value <= maximum:
            raise SettingError(f"phải nằm trong khoảng {minimum} đến {maximum}")
        return value

    return convert


def _as_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("1", "true", "yes", "on"):
        return True
    if isinstance(value, str) and value.strip().lower() in ("0", "false", "no", "off"):
        return False
    raise SettingError("phải là true hoặc false")


def _as_str_list(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):  # from the environment: one item a line or separated by ";"
        value = [part for part in value.replace("\n", ";").split(";")]
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise SettingError("phải là một danh sách tên")
    items = tuple(v.strip() for v in value if v.strip())
    if not items:
        raise SettingError("không được để trống")
    return items


def _as_path(value: Any) -> Path:
    if not isinstance(value, str | Path) or not str(value).strip():
        raise SettingError("phải là một đường dẫn thư mục")
    return Path(value).expanduser()


def _one_of(*choices: str) -> Callable[[Any], str]:
    def convert(value: Any) -> str:
        value = _as_str(value)
        if value not in choices:
            raise SettingError("phải là một trong: " + ", ".join(choices))
        return value

    return convert


@dataclass(frozen=True)
class Setting:
    name: str
    convert: Callable[[Any], Any]
    default: Callable[[], Any]
    description: str


DECLARED: tuple[Setting, ...] = (
    Setting("commune_name", _as_str, lambda: demo.DEMO_COMMUNE,
            "Name of the commune or ward shown on every screen and certificate."),
    Setting("province_name", _as_str, lambda: demo.DEMO_PROVINCE,
            "Province of the commune, shown under its name."),
    Setting("hamlets", _as_str_list, lambda: demo.DEMO_HAMLETS,
            "The khóm/ấp/thôn/tổ dân phố of the commune, used to seed the database."),
    Setting("data_dir", _as_path, paths.default_data_dir,
            "Folder for the database, keys, backups and logs."),
    Setting("database_url", _as_str, lambda: "",
            "SQLAlchemy URL of a shared database; empty means the SQLite file in data_dir."),
    Setting("lessons_dir", _as_path, lambda: paths.BUNDLED_LESSONS,
            "Folder of lesson packs (one sub-folder per skill)."),
    Setting("idle_timeout", _as_int(30, 3600), lambda: 180,
            "Seconds without a touch before the kiosk returns to the welcome screen."),
    Setting("text_size", _one_of("normal", "large", "huge"), lambda: "large",
            "Base text size for residents: normal, large or huge."),
    Setting("fullscreen", _as_bool, lambda: True,
            "Fill the whole screen, as a kiosk should; false opens a window (for testing)."),
    Setting("contrast", _one_of("normal", "high"), lambda: "normal",
            "Colours of every screen: normal, or high contrast for weak eyesight."),
    Setting("read_aloud", _as_bool, lambda: True,
            "Show the read-aloud button on every lesson step."),
    Setting("auto_read", _as_bool, lambda: False,
            "Read each lesson step aloud as soon as it is shown."),
    Setting("speech_engine", _as_str, lambda: "",
            "Text-to-speech engine; empty means the system's (speech-dispatcher on Linux)."),
    Setting("language", _one_of("vi", "en"), lambda: "vi",
            "Language of the interface; Vietnamese is the default and always complete."),
    Setting("signer_title", _as_str, lambda: demo.DEMO_SIGNER_TITLE,
            "Title of the person who signs certificates, printed above the name."),
    Setting("signer_name", _as_str, lambda: demo.DEMO_SIGNER_NAME,
            "Name of the person who signs certificates."),
    Setting("logo_path", _as_str, lambda: "",
            "Image file of the commune's logo for certificates; empty prints none."),
    Setting("certificate_page", _one_of("A4", "A5"), lambda: "A4",
            "Paper of printed certificates, landscape: A4 or A5."),
    Setting("printer_name", _as_str, lambda: "",
            "Printer for certificates; empty means the system's default printer."),
    Setting("certificate_at_kiosk", _one_of("print", "queue"), lambda: "queue",
            "A certificate asked for at the kiosk: print at once, or queue it for staff."),
    Setting("verify_url", _as_str, lambda: "",
            "Web address put before the certificate's QR token; empty puts the token alone."),
    Setting("backups_kept", _as_int(1, 365), lambda: 14,
            "Automatic backups kept in data_dir/backups; older ones go after each backup."),
)
_BY_NAME = {s.name: s for s in DECLARED}


@dataclass(frozen=True)
class Settings:
    """The effective settings, plus the problems met while reading them."""

    values: Mapping[str, Any]
    problems: tuple[str, ...] = ()
    source_file: Path | None = None

    def __getattr__(self, name: str) -> Any:
        try:
            return self.values[name]
        except KeyError:
            raise AttributeError(name) from None

    @property
    def effective_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{Path(self.data_dir) / 'kiosk.sqlite3'}"

    def replace(self, **changes: Any) -> Settings:
        values = dict(self.values)
        for name, value in changes.items():
            values[name] = _BY_NAME[name].convert(value)
        return Settings(values, self.problems, self.source_file)


@dataclass
class _Reader:
    values: dict[str, Any] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def take(self, name: str, raw: Any, origin: str) -> None:
        setting = _BY_NAME.get(name)
        if setting is None:
            self.problems.append(f"{origin}: không có cài đặt tên “{name}” (bỏ qua).")
            return
        try:
            self.values[name] = setting.convert(raw)
        except SettingError as exc:
            self.problems.append(
                f"{origin}: “{name}” {exc}; dùng giá trị mặc định."
            )


def config_file(environ: Mapping[str, str] | None = None) -> Path:
    environ = os.environ if environ is None else environ
    explicit = environ.get("KIOSK_CONFIG")
    return Path(explicit).expanduser() if explicit else paths.default_config_file()


def load(
    environ: Mapping[str, str] | None = None, file: Path | None = None
) -> Settings:
    """Read the settings; never raises for bad input, lists the problems instead."""
    environ = os.environ if environ is None else environ
    file = file or config_file(environ)
    reader = _Reader()
    if file.exists():
        try:
            data = tomllib.loads(file.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
            reader.problems.append(
                f"Tệp cài đặt {file} bị hỏng ({exc}); dùng cài đặt mặc định."
            )
        else:
            for name, raw in data.items():
                reader.take(name, raw, f"Tệp cài đặt {file}")
    for setting in DECLARED:
        key = "KIOSK_" + setting.name.upper()
        if key in environ:
            reader.take(setting.name, environ[key], f"Biến môi trường {key}")
    values = {s.name: reader.values[s.name] if s.name in reader.values else s.default()
              for s in DECLARED}
    return Settings(values, tuple(reader.problems), file if file.exists() else None)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    text = str(value)
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = "".join(c if c >= " " else f"\\u{ord(c):04x}" for c in escaped)
    return f'"{escaped}"'


def save(settings: Settings, file: Path) -> None:
    """Write the values that differ from their defaults, atomically."""
    lines = []
    for setting in DECLARED:
        value = settings.values[setting.name]
        if value != setting.default():
            lines.append(f"# {setting.description}")
            lines.append(f"{setting.name} = {_toml_value(value)}")
    file.parent.mkdir(parents=True, exist_ok=True)
    tmp = file.with_suffix(".tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tmp.replace(file)
