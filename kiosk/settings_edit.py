"""Staff changing the kiosk's settings from the console.

Values are checked by each setting's own converter (kiosk.settings), all of them before
anything is written: one bad value and nothing is saved, and every bad value comes back
with its Vietnamese reason. What is written is the settings file alone (values from the
environment are never copied into it), atomically, with only the values that differ from
their defaults; the audit entry "settings.change" names the settings changed.

The running kiosk keeps the settings it started with (kiosk.settings.Settings is frozen),
so a saved change is used from the next start; the console may apply the look (text size,
contrast) at once.

The commune's logo is copied into the data folder (<data_dir>/logo.png or .jpg), so the
setting still works when the file staff chose is moved or was on a USB stick.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kiosk import settings
from kiosk.residents import Db
from kiosk.staff import Permission, StaffUserInfo, audit, require

#: Settings that must not be left empty, though their converter takes any text.
REQUIRED = frozenset({"commune_name", "province_name"})
#: Image kinds the certificate PDF prints, by their first bytes.
LOGO_KINDS = ((b"\x89PNG\r\n\x1a\n", ".png"), (b"\xff\xd8\xff", ".jpg"))
MAX_LOGO_BYTES = 10 * 1024 * 1024

_BY_NAME = {s.name: s for s in settings.DECLARED}


class InvalidSettings(ValueError):
    """Values that were refused, by setting name, each with a Vietnamese reason."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        super().__init__("; ".join(f"{name}: {why}" for name, why in errors.items()))
        self.errors = dict(errors)


def file_settings(config_file: Path) -> settings.Settings:
    """The settings file alone, over the defaults: what a save writes back."""
    return settings.load(environ={}, file=config_file)


def environment_override(name: str, environ: Mapping[str, str] | None = None) -> str | None:
    """The environment variable that decides this setting over the file, if one does."""
    environ = os.environ if environ is None else environ
    key = "KIOSK_" + name.upper()
    return key if key in environ else None


def _sentence(reason: str) -> str:
    return reason[:1].upper() + reason[1:] + ("" if reason.endswith(".") else ".")


def convert(changes: Mapping[str, Any]) -> dict[str, Any]:
    """Every value through its setting's converter; raises InvalidSettings listing each
    refused one."""
    converted, errors = {}, {}
    for name, raw in changes.items():
        setting = _BY_NAME.get(name)
        if setting is None:
            errors[name] = "Không có cài đặt này."
            continue
        try:
            value = setting.convert(raw)
        except settings.SettingError as exc:
            errors[name] = _sentence(str(exc))
            continue
        if name in REQUIRED and not value:
            errors[name] = "Không được để trống."
            continue
        converted[name] = value
    if errors:
        raise InvalidSettings(errors)
    return converted


def change(db: Db, actor: StaffUserInfo, config_file: Path,
           changes: Mapping[str, Any]) -> list[str]:
    """Save the given values to the settings file; returns the names that changed
    (nothing is written when none did)."""
    require(actor, Permission.CHANGE_SETTINGS)
    converted = convert(changes)
    current = file_settings(config_file)
    changed = [name for name, value in converted.items() if value != current.values[name]]
    if not changed:
        return []
    updated = current.replace(**{name: converted[name] for name in changed})
    with db.begin() as session:
        audit(session, actor, "settings.change", settings=changed)
        settings.save(updated, config_file)  # a failed write rolls the audit entry back
    return changed


class LogoError(ValueError):
    """The chosen file cannot be the logo; the message is Vietnamese, for staff."""


def logo_kind(path: Path) -> str:
    """".png" or ".jpg" for an image the certificate can print; raises LogoError."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as file:
            head = file.read(16)
    except OSError as exc:
        raise LogoError(f"Không đọc được tệp {path.name} ({exc.strerror or exc}).") from exc
    if size > MAX_LOGO_BYTES:
        raise LogoError(f"Ảnh {path.name} quá lớn (tối đa {MAX_LOGO_BYTES // 1024 // 1024} MB).")
    for magic, suffix in LOGO_KINDS:
        if head.startswith(magic):
            return suffix
    raise LogoError(f"Tệp {path.name} không phải ảnh PNG hay JPEG, nên không dùng làm logo "
                    "được.")


def install_logo(source: Path, data_dir: Path | str) -> Path:
    """Copy the logo into the data folder (replacing the previous one) and return its new
    path, to be saved as `logo_path`."""
    suffix = logo_kind(source)
    data = Path(data_dir)
    data.mkdir(parents=True, exist_ok=True)
    target = data / f"logo{suffix}"
    partial = data / f".logo{suffix}.part"
    try:
        shutil.copyfile(source, partial)
        partial.replace(target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise LogoError(f"Không chép được logo vào {data} ({exc.strerror or exc}).") from exc
    return target
