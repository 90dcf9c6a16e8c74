"""Every setting of the kiosk, declared once with its type, default and description.

Values come from three layers, later ones winning: the declared default, the settings
file (TOML, `KIOSK_CONFIG` or the user config folder), and environment variables named
`KIOSK_<NAME>` (for instance `KIOSK_DATABASE_URL`). A broken file or value never stops the
kiosk: the default is kept and the problem is reported in Vietnamese for staff.
"""

from __future__ import annotations

import errno
import os
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kiosk import demo, paths
from kiosk.text import clean_text


class SettingError(ValueError):
    """A value that does not fit its setting; the message is for staff, in Vietnamese."""


def _as_str(value: Any) -> str:
    if not isinstance(value, str):
        raise SettingError("phải là một chuỗi chữ")
    return value.strip()


#: Longest commune, province or signer name: a certificate line, not a page.
MAX_NAME_LENGTH = 200


def _as_name(required: bool) -> Callable[[Any], str]:
    """A name printed on every screen and certificate: control characters out, one line."""

    def convert(value: Any) -> str:
        if not isinstance(value, str):
            raise SettingError("phải là một chuỗi chữ")
        value = clean_text(value)
        if required and not value:
            raise SettingError("không được để trống")
        if len(value) > MAX_NAME_LENGTH:
            raise SettingError(f"dài quá {MAX_NAME_LENGTH} ký tự")
        return value

    return convert


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
    Setting("commune_name", _as_name(True), lambda: demo.DEMO_COMMUNE,
            "Name of the commune or ward shown on every screen and certificate."),
    Setting("province_name", _as_name(True), lambda: demo.DEMO_PROVINCE,
            "Province of the commune, shown under its name."),
    Setting("hamlets", _as_str_list, lambda: demo.DEMO_HAMLETS,
            "The khóm/ấp/thôn/tổ dân phố of the commune, used to seed the database."),
    Setting("data_dir", _as_path, paths.default_data_dir,
            "Folder for the database, keys and backups (logs go to the user log folder)."),
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
    Setting("signer_title", _as_name(False), lambda: demo.DEMO_SIGNER_TITLE,
            "Title of the person who signs certificates, printed above the name."),
    Setting("signer_name", _as_name(False), lambda: demo.DEMO_SIGNER_NAME,
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
    Setting("backup_every_hours", _as_int(0, 720), lambda: 24,
            "Hours between the kiosk's automatic backups into data_dir/backups, made in the "
            "background while the welcome screen waits; 0 switches them off."),
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


#: A settings file is a page of text; anything bigger is not one.
MAX_FILE_BYTES = 256 * 1024
#: Broken stretches of one file tried around before the rest is given up.
_MAX_REPAIRS = 50
_AT_LINE = re.compile(r"\(at line (\d+), column \d+\)")
_KEEP_NOTE = ("Tệp hỏng được giữ lại với đuôi “.broken-<thời điểm>” khi anh/chị lưu cài "
              "đặt lần sau.")


def _lines_as_text(raw: bytes) -> tuple[list[str], list[int]]:
    """The file's lines, each decoded on its own; the numbers of the lines that are not
    UTF-8 come back blank, so one bad byte costs one line and not the whole file."""
    lines, bad = [], []
    for number, line in enumerate(raw.split(b"\n"), start=1):
        try:
            lines.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append("")
            bad.append(number)
    if lines and lines[0].startswith("\ufeff"):  # Notepad's byte order mark
        lines[0] = lines[0][1:]
    return lines, bad


def _error_line(exc: tomllib.TOMLDecodeError, count: int) -> int:
    found = _AT_LINE.search(str(exc))
    return min(int(found.group(1)), count) if found else count


def _parse_around_errors(lines: list[str]) -> tuple[dict[str, Any], list[tuple[int, int]]]:
    """Every setting that parses, skipping the stretches of lines TOML cannot read.

    A half-written file loses only its torn end, a typo on one line only that line (and
    the lines of a value it was in the middle of); returns the values and the skipped
    stretches as (first, last) line numbers, 1-based.
    """
    data: dict[str, Any] = {}
    skipped: list[tuple[int, int]] = []
    start = 0  # index of the first line not yet read
    for _ in range(_MAX_REPAIRS):
        rest = lines[start:]
        try:
            found = tomllib.loads("\n".join(rest))
        except tomllib.TOMLDecodeError as exc:
            bad = _error_line(exc, len(rest))  # 1-based within `rest`
            keep = bad - 1
            while keep > 0:  # back off until the lines before the error stand alone
                try:
                    found = tomllib.loads("\n".join(rest[:keep]))
                    break
                except tomllib.TOMLDecodeError:
                    keep -= 1
            else:
                found = {}
            for name, value in found.items():
                data.setdefault(name, value)
            skipped.append((start + keep + 1, start + bad))
            start += bad
            if start >= len(lines):
                return data, skipped
            continue
        for name, value in found.items():
            data.setdefault(name, value)
        return data, skipped
    skipped.append((start + 1, len(lines)))
    return data, skipped


def _stretches(spans: list[tuple[int, int]]) -> str:
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in spans)


def _read_file(file: Path) -> tuple[dict[str, Any], list[str]]:
    """The settings in the file and the problems met reading it; never raises."""
    try:
        if _is_dir(file):
            return {}, [f"Tệp cài đặt {file} là một thư mục chứ không phải tệp; dùng cài đặt "
                        "mặc định. Hãy đổi tên hoặc xóa thư mục đó."]
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            return {}, [f"Tệp cài đặt {file} quá lớn ({size // 1024} KB, tối đa "
                        f"{MAX_FILE_BYTES // 1024} KB) nên không phải tệp cài đặt; dùng cài "
                        f"đặt mặc định. {_KEEP_NOTE}"]
        raw = file.read_bytes()
    except PermissionError:
        return {}, [f"Không có quyền đọc tệp cài đặt {file}; dùng cài đặt mặc định."]
    except OSError as exc:
        return {}, [f"Không đọc được tệp cài đặt {file} ({exc.strerror or exc}); dùng cài "
                    "đặt mặc định."]
    problems = []
    lines, not_text = _lines_as_text(raw)
    if not_text:
        problems.append(f"Tệp cài đặt {file}: dòng {_stretches([(n, n) for n in not_text])} "
                        f"không phải văn bản UTF-8 nên bị bỏ qua. {_KEEP_NOTE}")
    data, skipped = _parse_around_errors(lines)
    if skipped:
        if not data:
            problems.append(f"Tệp cài đặt {file} bị hỏng: không đọc được theo cú pháp TOML; "
                            f"dùng cài đặt mặc định. {_KEEP_NOTE}")
        else:
            problems.append(f"Tệp cài đặt {file} bị hỏng ở dòng {_stretches(skipped)} (sai cú "
                            "pháp TOML hoặc tệp bị ghi dở); các dòng đó bị bỏ qua, các cài đặt "
                            f"khác vẫn được dùng. {_KEEP_NOTE}")
    return data, problems


def _exists(file: Path) -> bool:
    try:
        return file.exists()
    except OSError:  # a folder on the way that cannot be entered
        return True


def _is_dir(file: Path) -> bool:
    try:
        return file.is_dir()
    except OSError:
        return False


def load(
    environ: Mapping[str, str] | None = None, file: Path | None = None
) -> Settings:
    """Read the settings; never raises for bad input, lists the problems instead.

    What is good in a damaged file is kept: each value is checked on its own, and lines
    TOML cannot read (a torn end, a typo, bytes that are not UTF-8) are skipped one
    stretch at a time. The broken file is left as it is for staff to look at.
    """
    environ = os.environ if environ is None else environ
    file = file or config_file(environ)
    reader = _Reader()
    exists = _exists(file)
    if exists:
        data, problems = _read_file(file)
        reader.problems.extend(problems)
        for name, raw in data.items():
            reader.take(name, raw, f"Tệp cài đặt {file}")
    for setting in DECLARED:
        key = "KIOSK_" + setting.name.upper()
        if key in environ:
            reader.take(setting.name, environ[key], f"Biến môi trường {key}")
    values = {s.name: reader.values[s.name] if s.name in reader.values else s.default()
              for s in DECLARED}
    return Settings(values, tuple(reader.problems), file if exists else None)


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


class SettingsFileError(OSError):
    """The settings file cannot be written; `strerror` says why in Vietnamese."""


def keep_broken(file: Path, now: datetime | None = None) -> Path | None:
    """Move a settings file that does not read cleanly to `<name>.broken-<UTC time>`
    beside it, so saving over it never loses what staff may still want from it; returns
    the new name, or None when the file reads cleanly or is not there."""
    if not _exists(file) or _is_dir(file):
        return None
    if not load(environ={}, file=file).problems:
        return None
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
    target = file.with_name(f"{file.name}.broken-{stamp}")
    number = 1
    while _exists(target):
        number += 1
        target = file.with_name(f"{file.name}.broken-{stamp}-{number}")
    file.rename(target)  # a rename needs no right to read the file
    return target


def save(settings: Settings, file: Path) -> Path | None:
    """Write the values that differ from their defaults, atomically.

    A file there that does not read cleanly is kept as `<name>.broken-<time>` first
    (returned), never overwritten silently. Raises SettingsFileError when the file cannot
    be written.
    """
    lines = []
    for setting in DECLARED:
        value = settings.values[setting.name]
        if value != setting.default():
            lines.append(f"# {setting.description}")
            lines.append(f"{setting.name} = {_toml_value(value)}")
    if _is_dir(file):
        raise SettingsFileError(errno.EISDIR, f"Chỗ của tệp cài đặt {file} đang là một thư "
                                "mục; hãy đổi tên hoặc xóa thư mục đó rồi lưu lại.", str(file))
    tmp = file.with_name(file.name + ".tmp")
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
        kept = keep_broken(file)
        tmp.replace(file)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise SettingsFileError(exc.errno, f"Không ghi được tệp cài đặt {file} "
                                f"({exc.strerror or exc}).", str(file)) from exc
    return kept
