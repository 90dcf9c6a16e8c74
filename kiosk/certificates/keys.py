"""The commune's Ed25519 key pair, and the keys of other communes this kiosk trusts.

The private key is made on first use in `<data_dir>/keys/` and is never replaced: every
certificate already printed depends on it, so a broken key file stops the kiosk with a
message for staff instead of being overwritten. Kiosks of one commune that share a database
should share this folder too (copy it), so that they sign with one key.

A key is named by its key id, the first 8 hex digits of the SHA-256 of its 32 raw public
bytes; the token carries those 4 bytes. Another commune's key is imported from its public
key file (`public_key.json`, which `kiosk keys show` writes) into `<data_dir>/keys/trusted/`.
The own key is always trusted.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

__all__ = [
    "CommuneKey",
    "KeyFileError",
    "TrustedKey",
    "key_id_of",
    "keys_folder",
    "load_or_create",
    "load_trusted",
    "read_public_file",
    "trust",
    "trusted_keys",
    "write_public_file",
]

KEYS_FOLDER = "keys"
PRIVATE_KEY_FILE = "private_key.pem"
PUBLIC_KEY_FILE = "public_key.json"
TRUSTED_FOLDER = "trusted"
#: The `format` field of a public key file; `version` is 1.
PUBLIC_FORMAT = "tram-ky-nang-so/public-key"
KEY_ID_HEX = 8

_POSIX = os.name == "posix"


class KeyFileError(RuntimeError):
    """A key file that cannot be used; the message tells staff, in Vietnamese, what to do."""


def key_id_of(public_key: Ed25519PublicKey) -> str:
    """First 8 hex digits of the SHA-256 of the raw public key: short, stable, printable."""
    return hashlib.sha256(_raw(public_key)).hexdigest()[:KEY_ID_HEX]


def _raw(public_key: Ed25519PublicKey) -> bytes:
    return public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


@dataclass(frozen=True)
class TrustedKey:
    """A public key whose certificates this kiosk accepts, and the commune it belongs to.

    The commune and province are not in the token: a verifier takes them from here.
    """

    key_id: str
    public_key: Ed25519PublicKey
    commune: str
    province: str = ""
    own: bool = False
    source: Path | None = None

    def signed(self, message: bytes, signature: bytes) -> bool:
        try:
            self.public_key.verify(signature, message)
        except InvalidSignature:
            return False
        return True

    @property
    def issuer(self) -> str:
        return f"{self.commune}, {self.province}" if self.province else self.commune


@dataclass(frozen=True)
class CommuneKey:
    """This kiosk's signing key."""

    private_key: Ed25519PrivateKey
    key_id: str
    folder: Path

    @property
    def public_key(self) -> Ed25519PublicKey:
        return self.private_key.public_key()

    @property
    def private_path(self) -> Path:
        return self.folder / PRIVATE_KEY_FILE

    @property
    def public_path(self) -> Path:
        return self.folder / PUBLIC_KEY_FILE

    def trusted(self, commune: str, province: str = "") -> TrustedKey:
        return TrustedKey(self.key_id, self.public_key, commune, province, own=True)


def keys_folder(data_dir: Path) -> Path:
    return Path(data_dir) / KEYS_FOLDER


def _private_folder(folder: Path) -> Path:
    """Create `folder` (and its parents) and make it owner-only (0700)."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if _POSIX:
            os.chmod(folder, 0o700)  # mkdir's mode is cut by the umask, and the folder may be old
    except OSError as exc:
        raise KeyFileError(
            f"Không tạo được thư mục khóa {folder} ({exc.strerror or exc}). "
            "Hãy kiểm tra quyền ghi của thư mục dữ liệu."
        ) from exc
    return folder


def _fsync_folder(folder: Path) -> None:
    if not _POSIX:
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_new(path: Path, data: bytes) -> None:
    """Write `data` to a new owner-only file at `path`, never replacing one that exists.

    The bytes go to a temporary file first and are hard-linked into place, so that another
    process starting at the same moment either finds no key or a complete one.
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        if _POSIX:
            os.fchmod(fd, 0o600)
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        os.link(tmp, path)  # fails if the key exists: never overwrite it
    except FileExistsError:
        pass
    except OSError:  # a file system without hard links
        with contextlib.suppress(FileExistsError):
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            try:
                os.write(fd, data)
                os.fsync(fd)
            finally:
                os.close(fd)
    finally:
        tmp.unlink(missing_ok=True)
    _fsync_folder(path.parent)


def _write_replace(path: Path, data: bytes) -> None:
    """Write a file that may be replaced (public keys), atomically, owner-only."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)


def _load_private(path: Path) -> Ed25519PrivateKey:
    broken = (f"Tệp khóa ký chứng nhận {path} bị hỏng hoặc không phải khóa Ed25519. "
              "Trạm không tạo khóa mới để các chứng nhận đã cấp vẫn kiểm tra được: hãy "
              "chép lại tệp này từ bản sao lưu, hoặc liên hệ cán bộ kỹ thuật.")
    try:
        if _POSIX and os.stat(path).st_mode & 0o077:
            os.chmod(path, 0o600)  # someone loosened it: only the owner may read a private key
        data = path.read_bytes()
    except OSError as exc:
        raise KeyFileError(
            f"Không đọc được tệp khóa ký chứng nhận {path} ({exc.strerror or exc}). "
            "Hãy kiểm tra quyền của tệp: chỉ tài khoản chạy trạm được đọc tệp này."
        ) from exc
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError, UnsupportedAlgorithm) as exc:
        raise KeyFileError(broken) from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyFileError(broken)
    return key


def load_or_create(data_dir: Path) -> CommuneKey:
    """The commune's key, made on first use with owner-only permissions."""
    folder = _private_folder(keys_folder(data_dir))
    path = folder / PRIVATE_KEY_FILE
    if not path.exists():
        new = Ed25519PrivateKey.generate()
        pem = new.private_bytes(serialization.Encoding.PEM,
                                serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
        try:
            _write_new(path, pem)
        except OSError as exc:
            raise KeyFileError(
                f"Không ghi được tệp khóa ký chứng nhận {path} ({exc.strerror or exc})."
            ) from exc
    key = _load_private(path)
    return CommuneKey(key, key_id_of(key.public_key()), folder)


# --- public key files -----------------------------------------------------------------


def public_file_text(key: TrustedKey) -> str:
    """The public key file another commune imports: JSON, UTF-8."""
    return json.dumps({
        "format": PUBLIC_FORMAT,
        "version": 1,
        "algorithm": "Ed25519",
        "key_id": key.key_id,
        "public_key": base64.b64encode(_raw(key.public_key)).decode("ascii"),
        "commune": key.commune,
        "province": key.province,
    }, ensure_ascii=False, indent=2) + "\n"


def write_public_file(key: CommuneKey, commune: str, province: str = "") -> Path:
    """Write (or refresh, when the commune's name changed) `keys/public_key.json`."""
    text = public_file_text(key.trusted(commune, province))
    path = key.public_path
    with contextlib.suppress(OSError):
        if path.read_text(encoding="utf-8") == text:
            return path
    try:
        _write_replace(path, text.encode("utf-8"))
    except OSError as exc:
        raise KeyFileError(
            f"Không ghi được tệp khóa công khai {path} ({exc.strerror or exc})."
        ) from exc
    return path


def _public_from_pem(data: bytes) -> Ed25519PublicKey:
    try:
        key = serialization.load_pem_public_key(data)
    except (ValueError, TypeError, UnsupportedAlgorithm) as exc:
        raise KeyFileError("tệp PEM không chứa khóa công khai đọc được") from exc
    if not isinstance(key, Ed25519PublicKey):
        raise KeyFileError("khóa trong tệp PEM không phải khóa Ed25519")
    return key


def _public_from_json(data: bytes) -> tuple[Ed25519PublicKey, dict]:
    try:
        record = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise KeyFileError("tệp không phải tệp khóa công khai của Trạm Kỹ năng số") from exc
    if not isinstance(record, dict) or record.get("format") != PUBLIC_FORMAT:
        raise KeyFileError("tệp không phải tệp khóa công khai của Trạm Kỹ năng số")
    if record.get("version") != 1 or record.get("algorithm") != "Ed25519":
        raise KeyFileError("tệp khóa thuộc phiên bản khác; hãy cập nhật phần mềm")
    try:
        raw = base64.b64decode(str(record.get("public_key", "")), validate=True)
        key = Ed25519PublicKey.from_public_bytes(raw)
    except ValueError as exc:
        raise KeyFileError("khóa công khai trong tệp bị hỏng") from exc
    claimed = record.get("key_id")
    if claimed is not None and claimed != key_id_of(key):
        raise KeyFileError("mã khóa ghi trong tệp không khớp với khóa; tệp có thể đã bị sửa")
    for name in ("commune", "province"):
        if not isinstance(record.get(name, ""), str):
            raise KeyFileError(f"trường “{name}” phải là chữ")
    return key, record


def read_public_file(path: Path, commune: str | None = None,
                     province: str | None = None) -> TrustedKey:
    """Read a public key file: ours (JSON) or a bare PEM public key plus a commune name.

    `commune` and `province`, when given, win over the names in the file.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise KeyFileError(f"Không đọc được tệp {path} ({exc.strerror or exc}).") from exc
    try:
        if data.lstrip().startswith(b"-----BEGIN"):
            key, record = _public_from_pem(data), {}
        else:
            key, record = _public_from_json(data)
    except KeyFileError as exc:
        raise KeyFileError(f"Tệp {path}: {exc}.") from None
    name = " ".join((commune if commune is not None else record.get("commune", "")).split())
    region = " ".join((province if province is not None else record.get("province", "")).split())
    if not name:
        raise KeyFileError(f"Tệp {path} chưa ghi tên xã/phường của khóa: hãy cho biết tên "
                           "(ví dụ: kiosk keys trust TỆP --commune \"Xã Mỹ Hòa Hưng\").")
    return TrustedKey(key_id_of(key), key, name, region, source=path)


# --- trusted keys ---------------------------------------------------------------------


def trusted_folder(data_dir: Path) -> Path:
    return keys_folder(data_dir) / TRUSTED_FOLDER


def trust(data_dir: Path, path: Path, *, own: CommuneKey | None = None,
          commune: str | None = None, province: str | None = None) -> TrustedKey:
    """Import another commune's public key. Importing a key again updates its names.

    Returns the record; `own` is set on it (and nothing is written) when the file holds this
    kiosk's own key, which is trusted already.
    """
    record = read_public_file(path, commune, province)
    if own is not None and record.key_id == own.key_id:
        return TrustedKey(record.key_id, record.public_key, record.commune, record.province,
                          own=True, source=own.private_path)
    existing, _ = load_trusted(data_dir)
    for other in existing:
        if other.key_id == record.key_id and _raw(other.public_key) != _raw(record.public_key):
            raise KeyFileError(
                f"Đã có một khóa khác cùng mã {record.key_id} ({other.issuer}); "
                "không nhập khóa này. Hãy liên hệ cán bộ kỹ thuật.")
    folder = _private_folder(_private_folder(keys_folder(data_dir)) / TRUSTED_FOLDER)
    target = folder / f"{record.key_id}.json"
    try:
        _write_replace(target, public_file_text(record).encode("utf-8"))
    except OSError as exc:
        raise KeyFileError(
            f"Không ghi được khóa tin cậy vào {target} ({exc.strerror or exc}).") from exc
    return TrustedKey(record.key_id, record.public_key, record.commune, record.province,
                      source=target)


def load_trusted(data_dir: Path) -> tuple[list[TrustedKey], list[str]]:
    """The imported keys, and a Vietnamese line for each file that could not be used."""
    folder = trusted_folder(data_dir)
    keys: list[TrustedKey] = []
    problems: list[str] = []
    if not folder.is_dir():
        return keys, problems
    for path in sorted(folder.glob("*.json")):
        try:
            keys.append(read_public_file(path))
        except KeyFileError as exc:
            problems.append(f"Bỏ qua khóa tin cậy hỏng: {exc}")
    return keys, problems


def trusted_keys(own: CommuneKey, commune: str, province: str = "",
                 data_dir: Path | None = None) -> dict[str, TrustedKey]:
    """Every key this kiosk accepts, by key id: its own (named after the current settings)
    and the imported ones. Broken imported files are left out (see `load_trusted`)."""
    found: dict[str, TrustedKey] = {}
    if data_dir is not None:
        for key in load_trusted(data_dir)[0]:
            found[key.key_id] = key
    found[own.key_id] = own.trusted(commune, province)
    return found
