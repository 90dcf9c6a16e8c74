"""The signed token in a certificate's QR code: compact, offline, checkable by anyone.

A QR code printed 25 mm wide must still decode from a 150 dpi scan, which leaves about three
scan pixels per module for a version 8 symbol: every byte counts. So the token is binary
(dates as day numbers, the skills as a bit mask, the serial as a number, the four texts
deflated against a preset dictionary of Vietnamese name syllables and titles), signed with
Ed25519, and written in RFC 4648 base32 without padding: upper-case letters and digits
only, which QR codes store in alphanumeric mode and which may follow a web address.

The byte format is specified in docs/certificate-token.md, for programs other than this
one; a test keeps the document and this module in step. The commune and province are not
in the token: the verifier names the issuer from its record of the issuer's key.
"""

from __future__ import annotations

import base64
import binascii
import re
import secrets
import struct
import unicodedata
import zlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.certificates import CertificateData
from kiosk.certificates.keys import TrustedKey, key_id_of
from kiosk.db.models import CertificateKind
from kiosk.skills import Skill

__all__ = [
    "Status",
    "TokenError",
    "Verification",
    "decode_unverified",
    "describe",
    "encode",
    "make_serial",
    "new_serial",
    "qr_text",
    "verify",
]

VERSION = 1
#: version, key id, flags (kind + skills), serial number, issue day, birth year - 1900
HEADER = struct.Struct(">B4sBIHB")
DAY = struct.Struct(">H")
SIGNATURE_SIZE = 64
EPOCH = date(2000, 1, 1)
LAST_DAY = EPOCH + timedelta(days=0xFFFF)
BIRTH_YEAR_BASE = 1900
ALL_SKILLS_FLAG = 0x80
RESERVED_FLAGS = 0x60
SERIAL_BITS = 30
#: Bit of each skill in the flags byte. Fixed by the format, not by the order of `Skill`.
SKILL_BITS: dict[Skill, int] = {
    Skill.PUBLIC_SERVICES: 0,
    Skill.SHOPPING: 1,
    Skill.PAYMENT: 2,
    Skill.SAFETY: 3,
    Skill.PLATFORMS: 4,
}
_SKILL_OF_BIT = {bit: skill for skill, bit in SKILL_BITS.items()}
TEXT_SEPARATOR = "\x00"
MAX_TEXT_BYTES = 4096  # inflated; a bigger claim is not a token of ours
MAX_INPUT_CHARS = 16384  # scanned or typed text, address included
BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
_BASE32_CHARS = frozenset(BASE32 + BASE32.lower())
_SERIAL = re.compile(r"(\d{4})-([A-Z2-7]{6})")

#: The preset dictionary (RFC 1951 raw deflate, zlib `zdict`) for the texts of version 1:
#: common surnames, middle and given names, words of hamlet names and signers' titles.
#: Part of the format: never change it; a new dictionary needs a new version.
DICTIONARY = "\n".join((
    "Thạch Danh Sơn Néang Chau Kim Lâm Triệu Quách Lương Tạ Cao Mai Tô Lưu Đinh Thái",
    "Tôn Nữ Kiều Tăng Ông Vương Trịnh Trương Đào Đoàn Lý Dương Ngô Hồ Đỗ Bùi Đặng",
    "Võ Vũ Phan Huỳnh Hoàng Phạm Lê Trần Nguyễn",
    "Yến Vy Uyên Tuyết Trinh Thúy Thủy Thư Thơ Thắm Sương Quyên Phượng Oanh Nhàn Nhi",
    "Nguyệt Nga Ngân My Mơ Loan Liên Lệ Lài Hường Huệ Hạnh Hằng Hiền Giang Duyên Diễm",
    "Cúc Bích Trang Thảo Tâm Quỳnh Phương Nhung Linh Lan Hương Hoa Hồng Hà Dung Ánh Anh",
    "Vinh Việt Tuấn Trí Toàn Tín Thịnh Thắng Tài Sáng Quý Phúc Phong Nhân Nghĩa Luân",
    "Khoa Khải Kiệt Hiếu Hiệp Hải Giàu Đạt Dũng Cường Công Chí Bảo Út Mười Chín Tám",
    "Bảy Sáu Năm Tư Ba Hai Xuân Thu Hữu Hoài Gia Đức Ngọc Minh Quốc Quang Thanh",
    "Tổ trưởng Tổ công nghệ số cộng đồng",
    "Giám đốc Trung tâm Phục vụ hành chính công",
    "KT. CHỦ TỊCH PHÓ CHỦ TỊCH KT. Chủ tịch Phó Chủ tịch TM. ỦY BAN NHÂN DÂN",
    "TM. Uỷ ban nhân dân xã TM. Uỷ ban nhân dân phường TM. Ủy ban nhân dân đặc khu",
    "Đông Tây Nam Bắc Trung Thượng Hạ Phú Phước Lộc Thạnh Thành Tân Vĩnh Hòa Long",
    "Bình An Mỹ Hưng Lợi Khánh Thới Quới Châu Xóm Bản Buôn Làng Khu phố Thôn Ấp",
    "Tổ dân phố Khóm TM. Ủy ban nhân dân xã TM. Ủy ban nhân dân phường",
    "Nguyễn Văn Nguyễn Thị Trần Văn Trần Thị Lê Văn Lê Thị Phạm Văn Phạm Thị",
)) + "\n"
_DICTIONARY_BYTES = DICTIONARY.encode("utf-8")


class Status(StrEnum):
    VALID = "valid"
    REVOKED = "revoked"
    TAMPERED = "tampered"
    UNKNOWN_ISSUER = "unknown_issuer"
    UNREADABLE = "unreadable"

    @property
    def label(self) -> str:
        """The verdict as staff read it."""
        return _LABELS[self]


_LABELS = {
    Status.VALID: "hợp lệ",
    Status.REVOKED: "đã thu hồi",
    Status.TAMPERED: "bị sửa đổi",
    Status.UNKNOWN_ISSUER: "không rõ nơi cấp",
    Status.UNREADABLE: "không đọc được",
}


@dataclass(frozen=True)
class Verification:
    """What a scanned code says, and whether to believe it.

    `data` is the decoded certificate whenever its bytes could be read, also when the
    verdict is not `valid` (then it shows what the code claims, not what is true).
    """

    status: Status
    data: CertificateData | None
    message: str
    revoked_reason: str | None = None

    @property
    def valid(self) -> bool:
        return self.status is Status.VALID


class TokenError(ValueError):
    """Bytes that are not a token of this format."""


RevocationCheck = Callable[[str], tuple[bool, str | None]]
TrustedKeys = Mapping[str, TrustedKey] | Iterable[TrustedKey]


# --- serials --------------------------------------------------------------------------


def make_serial(year: int, number: int) -> str:
    """`YYYY-XXXXXX`: the year of issue and a 30-bit number in six base32 letters."""
    if not 0 <= number < 1 << SERIAL_BITS:
        raise ValueError("serial number out of range")
    letters = "".join(BASE32[(number >> shift) & 31] for shift in range(25, -1, -5))
    return f"{year:04d}-{letters}"


def new_serial(year: int) -> str:
    return make_serial(year, secrets.randbits(SERIAL_BITS))


def _serial_number(serial: str, year: int) -> int:
    match = _SERIAL.fullmatch(serial)
    if match is None or int(match[1]) != year:
        raise ValueError(f"serial {serial!r} is not YYYY-XXXXXX with the year of issue")
    number = 0
    for letter in match[2]:
        number = number << 5 | BASE32.index(letter)
    return number


# --- encoding -------------------------------------------------------------------------


def _day(value: date) -> int:
    if not EPOCH <= value <= LAST_DAY:
        raise ValueError(f"date {value} outside {EPOCH}..{LAST_DAY}")
    return (value - EPOCH).days


def _texts(data: CertificateData) -> list[str]:
    texts = [unicodedata.normalize("NFC", t) for t in
             (data.resident_name, data.hamlet, data.signer_title, data.signer_name)]
    if any(TEXT_SEPARATOR in t for t in texts):
        raise ValueError("certificate text contains NUL")
    return texts


def _deflate(texts: list[str]) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15, 9, zlib.Z_DEFAULT_STRATEGY,
                              zdict=_DICTIONARY_BYTES)
    raw = TEXT_SEPARATOR.join(texts).encode("utf-8")
    if len(raw) > MAX_TEXT_BYTES:
        raise ValueError("certificate texts too long for a token")
    return packer.compress(raw) + packer.flush()


def _body(data: CertificateData, key_id: bytes) -> bytes:
    kind = CertificateKind(data.kind)
    if len(data.skills) != len(data.completed_on):
        raise ValueError("skills and completed_on differ in length")
    pairs = sorted(zip((Skill(s) for s in data.skills), data.completed_on, strict=True),
                   key=lambda pair: SKILL_BITS[pair[0]])
    mask = 0
    for skill, _ in pairs:
        if mask & 1 << SKILL_BITS[skill]:
            raise ValueError(f"skill {skill} given twice")
        mask |= 1 << SKILL_BITS[skill]
    if kind is CertificateKind.SKILL and len(pairs) != 1:
        raise ValueError("a skill certificate names exactly one skill")
    if kind is CertificateKind.ALL_SKILLS and len(pairs) != len(SKILL_BITS):
        raise ValueError("a Công dân số certificate names all five skills")
    flags = mask | (ALL_SKILLS_FLAG if kind is CertificateKind.ALL_SKILLS else 0)
    if not BIRTH_YEAR_BASE <= data.birth_year <= BIRTH_YEAR_BASE + 255:
        raise ValueError(f"birth year {data.birth_year} cannot be encoded")
    head = HEADER.pack(VERSION, key_id, flags,
                       _serial_number(data.serial, data.issued_on.year),
                       _day(data.issued_on), data.birth_year - BIRTH_YEAR_BASE)
    days = b"".join(DAY.pack(_day(when)) for _, when in pairs)
    return head + days + _deflate(_texts(data))


def encode(data: CertificateData, private_key: Ed25519PrivateKey) -> str:
    """The token for `data`, signed with the commune's key (`data.key_id` must be its id,
    or empty). Text is encoded as NFC whatever form it came in."""
    key_id = key_id_of(private_key.public_key())
    if data.key_id and data.key_id != key_id:
        raise ValueError(f"data names key {data.key_id}, signing key is {key_id}")
    body = _body(data, bytes.fromhex(key_id))
    signed = body + private_key.sign(body)
    return base64.b32encode(signed).decode("ascii").rstrip("=")


def qr_text(token: str, verify_url: str = "") -> str:
    """What the QR code holds: the token, after the verification address when one is set.

    A `#` is put between them when the address ends in a base32 character (a letter, or a
    digit 2-7), so a verifier can always tell where the token starts.
    """
    prefix = verify_url.strip()
    if prefix and prefix[-1] in _BASE32_CHARS:
        prefix += "#"
    return prefix + token


def describe(data: CertificateData) -> list[tuple[str, str]]:
    """Every printed field of a certificate as (label, value) lines, for a verifier to show
    beside the paper. A label of "" continues the line above it."""
    kind = ("Công dân số (hoàn thành cả năm kỹ năng số cơ bản)"
            if data.kind == CertificateKind.ALL_SKILLS else "Hoàn thành kỹ năng số cơ bản")
    lines = [("Số hiệu", data.serial), ("Loại chứng nhận", kind)]
    for i, (skill, when) in enumerate(zip(data.skills, data.completed_on, strict=True)):
        lines.append(("Kỹ năng" if i == 0 else "",
                      f"{Skill(skill).title} (hoàn thành ngày {when:%d/%m/%Y})"))
    issuer = ", ".join(part for part in (data.commune, data.province) if part)
    lines += [
        ("Họ và tên", data.resident_name),
        ("Năm sinh", str(data.birth_year)),
        ("Khóm/ấp", data.hamlet),
        ("Nơi cấp", issuer or "(không rõ)"),
        ("Ngày cấp", f"{data.issued_on:%d/%m/%Y}"),
        ("Chức vụ người ký", data.signer_title),
        ("Người ký", data.signer_name),
        ("Mã khóa nơi cấp", data.key_id),
    ]
    return lines


# --- decoding -------------------------------------------------------------------------


def _unarmour(text: str) -> bytes:
    """Bytes of a token as scanned or typed: any web address before it, white space, and
    the case of letters do not matter."""
    if len(text) > MAX_INPUT_CHARS:
        raise TokenError("too long")
    compact = "".join(text.split())
    start = len(compact)
    while start and compact[start - 1] in _BASE32_CHARS:
        start -= 1
    letters = compact[start:].upper()
    if not letters:
        raise TokenError("no base32 text")
    try:
        return base64.b32decode(letters + "=" * (-len(letters) % 8))
    except binascii.Error as exc:
        raise TokenError(str(exc)) from exc


def _inflate(data: bytes) -> list[str]:
    unpacker = zlib.decompressobj(-15, zdict=_DICTIONARY_BYTES)
    try:
        raw = unpacker.decompress(data, MAX_TEXT_BYTES)
    except zlib.error as exc:
        raise TokenError(f"texts: {exc}") from exc
    if not unpacker.eof or unpacker.unconsumed_tail or unpacker.unused_data:
        raise TokenError("texts: not one complete deflate stream")
    try:
        texts = raw.decode("utf-8").split(TEXT_SEPARATOR)
    except UnicodeDecodeError as exc:
        raise TokenError("texts: not UTF-8") from exc
    if len(texts) != 4:
        raise TokenError("texts: expected four")
    return texts


def _parse(body: bytes, issuer: TrustedKey | None) -> CertificateData:
    """The certificate in the signed bytes; the issuer's record names the commune."""
    return _read(body, issuer.commune if issuer else "", issuer.province if issuer else "")


def _read(body: bytes, commune: str, province: str) -> CertificateData:
    if len(body) < HEADER.size:
        raise TokenError("too short")
    version, key_id, flags, number, issued_day, birth = HEADER.unpack_from(body)
    if version != VERSION:
        raise TokenError(f"version {version}")
    if flags & RESERVED_FLAGS or number >> SERIAL_BITS:
        raise TokenError("reserved bits set")
    skills = [_SKILL_OF_BIT[bit] for bit in range(len(SKILL_BITS)) if flags >> bit & 1]
    kind = CertificateKind.ALL_SKILLS if flags & ALL_SKILLS_FLAG else CertificateKind.SKILL
    expected = len(SKILL_BITS) if kind is CertificateKind.ALL_SKILLS else 1
    if len(skills) != expected:
        raise TokenError("skills do not fit the kind")
    offset = HEADER.size + DAY.size * len(skills)
    if len(body) < offset:
        raise TokenError("too short")
    completed = tuple(EPOCH + timedelta(days=DAY.unpack_from(body, HEADER.size + 2 * i)[0])
                      for i in range(len(skills)))
    name, hamlet, signer_title, signer_name = _inflate(body[offset:])
    issued_on = EPOCH + timedelta(days=issued_day)
    return CertificateData(
        serial=make_serial(issued_on.year, number), kind=kind, skills=tuple(skills),
        completed_on=completed, resident_name=name, birth_year=BIRTH_YEAR_BASE + birth,
        hamlet=hamlet, commune=commune, province=province, issued_on=issued_on,
        signer_title=signer_title, signer_name=signer_name, key_id=key_id.hex())


def _split(text: str) -> tuple[bytes, bytes]:
    raw = _unarmour(text)
    if len(raw) < HEADER.size + SIGNATURE_SIZE:
        raise TokenError("too short")
    return raw[:-SIGNATURE_SIZE], raw[-SIGNATURE_SIZE:]


def decode_unverified(text: str, commune: str = "", province: str = "") -> CertificateData:
    """Read a token without checking its signature: for tokens this kiosk stored itself.
    Raises TokenError when it cannot be read."""
    body, _ = _split(text)
    return _read(body, commune, province)


def _by_id(trusted: TrustedKeys) -> dict[str, TrustedKey]:
    if isinstance(trusted, Mapping):
        return dict(trusted)
    return {key.key_id: key for key in trusted}


def _try_parse(body: bytes, issuer: TrustedKey | None) -> CertificateData | None:
    try:
        return _parse(body, issuer)
    except TokenError:
        return None


def _header_changed(body: bytes, signature: bytes,
                    keys: Iterable[TrustedKey]) -> TrustedKey | None:
    """The trusted key that signed `body` as it was before its version byte or key id was
    changed, if any: so that one changed byte there reads as tampered, not as unknown."""
    for key in keys:
        repaired = bytes([VERSION]) + bytes.fromhex(key.key_id) + body[5:]
        if repaired != body and key.signed(repaired, signature):
            return key
    return None


def verify(text: str, trusted: TrustedKeys,
           is_revoked: RevocationCheck | None = None) -> Verification:
    """Check a scanned or typed token (a verification address before it is fine).

    `trusted` holds the keys whose certificates are accepted, the commune's own among them.
    `is_revoked(serial)`, when given, looks a validly signed certificate up in the local
    database and returns whether it was revoked and why.
    """
    try:
        body, signature = _split(text)
    except TokenError:
        return Verification(Status.UNREADABLE, None, _UNREADABLE)
    keys = _by_id(trusted)
    claimed = keys.get(body[1:5].hex()) if body[0] == VERSION else None
    if claimed is not None and claimed.signed(body, signature):
        data = _try_parse(body, claimed)
        if data is None:  # signed by a trusted key, yet malformed: not ours to guess at
            return Verification(Status.UNREADABLE, None, _UNREADABLE)
        revoked, reason = is_revoked(data.serial) if is_revoked else (False, None)
        if revoked:
            why = f" Lý do: {reason}" if reason else ""
            return Verification(Status.REVOKED, data,
                                f"Chứng nhận số {data.serial} đã bị thu hồi.{why}", reason)
        return Verification(Status.VALID, data,
                            f"Chứng nhận hợp lệ, do {claimed.issuer} cấp.")
    signer = claimed or _header_changed(body, signature, keys.values())
    if signer is not None:
        return Verification(Status.TAMPERED, _try_parse(body, signer), _TAMPERED)
    if body[0] > VERSION:
        return Verification(Status.UNREADABLE, None,
                            "Mã chứng nhận thuộc một phiên bản mà trạm này chưa đọc được. "
                            "Hãy cập nhật phần mềm của trạm.")
    data = _try_parse(body, None)
    if data is None:
        return Verification(Status.UNREADABLE, None, _UNREADABLE)
    return Verification(
        Status.UNKNOWN_ISSUER, data,
        f"Không rõ nơi cấp: khóa {data.key_id} chưa được tin cậy trên trạm này, nên không "
        "xác nhận được chứng nhận. Nếu chứng nhận do xã/phường khác cấp, hãy nhập khóa công "
        "khai của nơi đó (kiosk keys trust TỆP).")


_UNREADABLE = ("Không đọc được mã chứng nhận. Xin quét lại mã QR, hoặc gõ lại mã cho "
               "đúng và đủ.")
_TAMPERED = ("Mã chứng nhận đã bị sửa đổi: nội dung không khớp với chữ ký của nơi cấp. "
             "Chứng nhận này không có giá trị.")
