"""Certificates on a real SQLite file and a real PostgreSQL server: the commune's keys, the
signed QR token, the issuing rules, and `kiosk verify` / `kiosk certificate` / `kiosk keys`
as staff run them."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import stat
import subprocess
import sys
import threading
import unicodedata
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from sqlalchemy import select, update

from kiosk import cli, progress, residents, settings
from kiosk.certificates import CertificateData, CertificateKind, issuing, keys
from kiosk.certificates import token as tokens
from kiosk.certificates.token import Status
from kiosk.db.engine import open_database
from kiosk.db.models import AuditEntry, Certificate, Resident, StaffRole, StaffUser
from kiosk.demo import (
    DEMO_COMMUNE,
    DEMO_HAMLETS,
    DEMO_PROVINCE,
    DEMO_SIGNER_NAME,
    DEMO_SIGNER_TITLE,
)
from kiosk.lessons.schema import Lesson
from kiosk.skills import Skill
from kiosk.staff import NotAllowed, StaffUserInfo

REPO = Path(__file__).resolve().parents[2]
DOC = REPO / "docs" / "certificate-token.md"
POSIX = os.name == "posix"

TYPICAL_NAME = "Nguyễn Thị Ánh Hồng"
NAME_120 = ("Huỳnh Ngọc Phương Thảo Tôn Nữ Diễm Kiều Lê Hoàng Bảo Châu Trịnh Quốc Khánh "
            "Đặng Thùy Dương Võ Minh Nhật Phạm Đức Huy Ông Thị Bích")[:120]
VOWELS = "aăâeêioôơuưy"
TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # none, huyền, sắc, hỏi, ngã, nặng
EVERY_LETTER = [unicodedata.normalize("NFC", v + t) for v in VOWELS for t in TONES] + ["đ"]
# Words of eight letters each, each after a capital consonant, as a name would be written.
EVERY_DIACRITIC = " ".join("Ng" + "".join(EVERY_LETTER[i:i + 8])
                           for i in range(0, len(EVERY_LETTER), 8))


# --- fixtures ---------------------------------------------------------------------------


@pytest.fixture
def config(request) -> settings.Settings:
    # conftest gives every test its own data folder; a test with a database on a server
    # has the server's URL in its settings, so `kiosk ...` commands use it too.
    if "db_url" in request.fixturenames:
        request.getfixturevalue("db_url")
    return settings.load()


@pytest.fixture
def key(config) -> keys.CommuneKey:
    return keys.load_or_create(config.data_dir)


@pytest.fixture
def staff(db) -> StaffUserInfo:
    """A cán bộ who may issue, reissue and revoke."""
    return add_staff(db, StaffRole.STAFF)


def add_staff(db, role: StaffRole, username: str | None = None) -> StaffUserInfo:
    with db.begin() as session:
        row = StaffUser(username=username or f"{role.value}-user", display_name="Cán bộ thử",
                        role=role, pin_hash="!")
        session.add(row)
        session.flush()
        return StaffUserInfo(row.id, row.username, row.display_name, role)


@pytest.fixture
def trusted(key) -> dict[str, keys.TrustedKey]:
    return {key.key_id: key.trusted(DEMO_COMMUNE, DEMO_PROVINCE)}


def cert_data(key_id: str, **changes) -> CertificateData:
    data = CertificateData(
        serial="2026-K7Q3MX", kind=CertificateKind.SKILL, skills=(Skill.SAFETY,),
        completed_on=(date(2026, 3, 10),), resident_name=TYPICAL_NAME, birth_year=1962,
        hamlet="Khóm Châu Long 1", commune=DEMO_COMMUNE, province=DEMO_PROVINCE,
        issued_on=date(2026, 3, 20), signer_title=DEMO_SIGNER_TITLE,
        signer_name=DEMO_SIGNER_NAME, key_id=key_id)
    return replace(data, **changes)


def all_skills_data(key_id: str, **changes) -> CertificateData:
    return cert_data(key_id, kind=CertificateKind.ALL_SKILLS, skills=tuple(Skill),
                     completed_on=tuple(date(2026, 1, 5 + i) for i in range(5)), **changes)


def raw_bytes(token: str) -> bytearray:
    return bytearray(base64.b32decode(token + "=" * (-len(token) % 8)))


def armour(raw: bytes) -> str:
    return base64.b32encode(bytes(raw)).decode().rstrip("=")


def lesson(skill: Skill, n: int) -> Lesson:
    return Lesson.model_validate({
        "id": f"{skill.value}.bai-{n}", "skill": skill.value, "title": f"Bài {n}",
        "steps": [{"kind": "explain", "text": "Một bước"}]})


#: Two small lessons per skill: enough to tell "half done" from "done".
LESSONS = {skill: [lesson(skill, 1), lesson(skill, 2)] for skill in Skill}


def register(db, name: str = TYPICAL_NAME, hamlet: int = 0) -> residents.ResidentInfo:
    return residents.register(db, full_name=name, birth_year=1962,
                              hamlet_id=residents.list_hamlets(db)[hamlet].id,
                              consent_given=True)


def complete(db, resident_id: int, *skills: Skill, lessons=LESSONS) -> None:
    for skill in skills:
        for one in lessons[skill]:
            if one.check is not None:
                progress.finish_check(db, resident_id, one, len(one.check.questions))
            else:
                progress.finish_step(db, resident_id, one, len(one.all_steps) - 1)


def audit(db) -> list[tuple[str, dict]]:
    with db() as session:
        rows = session.scalars(select(AuditEntry).order_by(AuditEntry.id))
        return [(row.action, json.loads(row.detail)) for row in rows]


# --- keys -------------------------------------------------------------------------------


def test_the_key_is_made_once_with_owner_only_permissions(config):
    first = keys.load_or_create(config.data_dir)
    pem = first.private_path.read_bytes()
    again = keys.load_or_create(config.data_dir)
    assert again.key_id == first.key_id
    assert first.private_path.read_bytes() == pem
    assert re.fullmatch(r"[0-9a-f]{8}", first.key_id)
    raw = first.public_key.public_bytes(serialization.Encoding.Raw,
                                        serialization.PublicFormat.Raw)
    assert first.key_id == hashlib.sha256(raw).hexdigest()[:8]
    if POSIX:
        assert stat.S_IMODE(os.stat(first.private_path).st_mode) == 0o600
        assert stat.S_IMODE(os.stat(first.folder).st_mode) == 0o700


@pytest.mark.skipif(not POSIX, reason="POSIX permissions")
def test_a_loosened_private_key_is_made_owner_only_again(config, key):
    os.chmod(key.private_path, 0o644)
    keys.load_or_create(config.data_dir)
    assert stat.S_IMODE(os.stat(key.private_path).st_mode) == 0o600


def test_kiosks_starting_together_make_one_key(config):
    found, errors = [], []

    def start() -> None:
        try:
            found.append(keys.load_or_create(config.data_dir).key_id)
        except Exception as exc:  # collected, asserted below
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(set(found)) == 1
    assert [p.name for p in keys.keys_folder(config.data_dir).iterdir()] == ["private_key.pem"]


def test_a_broken_private_key_is_reported_and_never_replaced(config, key):
    key.private_path.write_bytes(b"-----BEGIN PRIVATE KEY-----\nhong\n-----END PRIVATE KEY-----\n")
    with pytest.raises(keys.KeyFileError, match="bị hỏng") as caught:
        keys.load_or_create(config.data_dir)
    assert "sao lưu" in str(caught.value)
    assert b"hong" in key.private_path.read_bytes()


def test_an_unreadable_private_key_is_reported(config):
    folder = keys.keys_folder(config.data_dir)
    (folder / keys.PRIVATE_KEY_FILE).mkdir(parents=True)  # unreadable as a file, even by root
    with pytest.raises(keys.KeyFileError, match="Không đọc được tệp khóa"):
        keys.load_or_create(config.data_dir)
    assert (folder / keys.PRIVATE_KEY_FILE).is_dir()


def other_commune(tmp_path: Path, name: str = "Xã Mỹ Hòa Hưng") -> tuple[keys.CommuneKey, Path]:
    other = keys.load_or_create(tmp_path / "other-commune")
    return other, keys.write_public_file(other, name, DEMO_PROVINCE)


def test_another_communes_key_is_trusted_from_its_public_file(config, key, tmp_path):
    other, public = other_commune(tmp_path)
    record = keys.trust(config.data_dir, public, own=key)
    assert (record.key_id, record.commune, record.own) == (other.key_id, "Xã Mỹ Hòa Hưng", False)
    listed, problems = keys.load_trusted(config.data_dir)
    assert [k.key_id for k in listed] == [other.key_id] and problems == []
    if POSIX:
        assert stat.S_IMODE(os.stat(keys.trusted_folder(config.data_dir)).st_mode) == 0o700
    trusted = keys.trusted_keys(key, DEMO_COMMUNE, DEMO_PROVINCE, config.data_dir)
    assert set(trusted) == {key.key_id, other.key_id}
    token = tokens.encode(cert_data(other.key_id), other.private_key)
    result = tokens.verify(token, trusted)
    assert result.status is Status.VALID
    assert (result.data.commune, result.data.province) == ("Xã Mỹ Hòa Hưng", DEMO_PROVINCE)
    # Its own key is trusted already; importing it writes nothing.
    own = keys.trust(config.data_dir, keys.write_public_file(key, DEMO_COMMUNE), own=key)
    assert own.own and len(keys.load_trusted(config.data_dir)[0]) == 1


def test_a_bare_pem_public_key_needs_the_communes_name(config, key, tmp_path):
    other = Ed25519PrivateKey.generate()
    pem = tmp_path / "khoa.pem"
    pem.write_bytes(other.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    with pytest.raises(keys.KeyFileError, match="chưa ghi tên xã/phường"):
        keys.trust(config.data_dir, pem, own=key)
    record = keys.trust(config.data_dir, pem, own=key, commune="Phường Long Xuyên")
    assert record.commune == "Phường Long Xuyên"


@pytest.mark.parametrize(("content", "message"), [
    (b"\xff\xfe", "không phải tệp khóa công khai"),
    (b'{"format": "something else"}', "không phải tệp khóa công khai"),
    (b'{"format": "tram-ky-nang-so/public-key", "version": 1, "algorithm": "Ed25519", '
     b'"public_key": "AAAA", "commune": "X"}', "bị hỏng"),
])
def test_broken_public_key_files_are_refused_in_vietnamese(config, key, tmp_path, content,
                                                           message):
    path = tmp_path / "khoa.json"
    path.write_bytes(content)
    with pytest.raises(keys.KeyFileError, match=message):
        keys.trust(config.data_dir, path, own=key)


def test_a_public_key_file_whose_key_id_was_edited_is_refused(config, key, tmp_path):
    _, public = other_commune(tmp_path)
    record = json.loads(public.read_text(encoding="utf-8"))
    record["key_id"] = "00000000"
    public.write_text(json.dumps(record), encoding="utf-8")
    with pytest.raises(keys.KeyFileError, match="không khớp"):
        keys.trust(config.data_dir, public, own=key)


def test_a_broken_trusted_file_is_skipped_with_a_problem(config, key, tmp_path):
    _, public = other_commune(tmp_path)
    keys.trust(config.data_dir, public, own=key)
    (keys.trusted_folder(config.data_dir) / "hong.json").write_text("{", encoding="utf-8")
    listed, problems = keys.load_trusted(config.data_dir)
    assert len(listed) == 1
    assert len(problems) == 1 and "Bỏ qua khóa tin cậy hỏng" in problems[0]


# --- the token --------------------------------------------------------------------------


@pytest.mark.parametrize("name", [
    TYPICAL_NAME,
    EVERY_DIACRITIC,
    EVERY_DIACRITIC.upper(),
    "<b>& Trần \"Văn\" 'Út' </b>",
    NAME_120,
    "Néang Sa Rươne",
])
def test_a_token_round_trips_every_printed_field(key, trusted, name):
    data = cert_data(key.key_id, resident_name=name)
    token = tokens.encode(data, key.private_key)
    result = tokens.verify(token, trusted)
    assert result.status is Status.VALID, result.message
    assert result.data == data
    assert re.fullmatch(r"[A-Z2-7]+", token)  # QR alphanumeric mode, no padding


def test_every_vietnamese_letter_is_in_the_test_name():
    assert len(EVERY_LETTER) == 73
    for letter in EVERY_LETTER:
        assert letter in EVERY_DIACRITIC and letter.upper() in EVERY_DIACRITIC.upper()


def test_decomposed_input_is_encoded_as_nfc(key, trusted):
    nfd = {field: unicodedata.normalize("NFD", value) for field, value in {
        "resident_name": "Phạm Thị Ngọc Ánh Đào Ưng Ở", "hamlet": "Ấp Mỹ Hòa",
        "signer_title": "TM. Ủy ban nhân dân xã", "signer_name": "Lê Hoàng Nam"}.items()}
    result = tokens.verify(tokens.encode(cert_data(key.key_id, **nfd), key.private_key),
                           trusted)
    assert result.status is Status.VALID
    assert result.data.resident_name == "Phạm Thị Ngọc Ánh Đào Ưng Ở"
    for field in nfd:
        assert unicodedata.is_normalized("NFC", getattr(result.data, field))
    same = tokens.encode(cert_data(key.key_id, **{f: unicodedata.normalize("NFC", v)
                                                  for f, v in nfd.items()}), key.private_key)
    assert same == tokens.encode(cert_data(key.key_id, **nfd), key.private_key)


def test_a_công_dân_số_token_carries_all_five_skills_and_dates(key, trusted):
    data = all_skills_data(key.key_id, resident_name=NAME_120)
    result = tokens.verify(tokens.encode(data, key.private_key), trusted)
    assert result.status is Status.VALID and result.data == data


def test_skills_given_in_any_order_read_back_in_the_formats_order(key, trusted):
    data = all_skills_data(key.key_id)
    shuffled = replace(data, skills=data.skills[::-1], completed_on=data.completed_on[::-1])
    assert tokens.verify(tokens.encode(shuffled, key.private_key), trusted).data == data


def test_typical_tokens_stay_small_enough_for_a_25_mm_qr(key):
    typical = tokens.encode(cert_data(key.key_id), key.private_key)
    long = tokens.encode(all_skills_data(key.key_id, resident_name=NAME_120), key.private_key)
    # The figures written in docs/certificate-token.md (the texts deflate a little
    # differently with other zlib builds: allow a few characters).
    assert len(typical) <= 180, len(typical)
    assert len(long) <= 290, len(long)


def test_one_changed_byte_anywhere_reads_as_tampered(key, trusted):
    token = tokens.encode(cert_data(key.key_id), key.private_key)
    raw = raw_bytes(token)
    for i in range(len(raw)):
        for flip in (0x01, 0x80):
            changed = bytearray(raw)
            changed[i] ^= flip
            result = tokens.verify(armour(changed), trusted)
            assert result.status is Status.TAMPERED, (i, flip, result)
            assert "bị sửa đổi" in result.message


def test_a_changed_character_reads_as_tampered(key, trusted):
    token = tokens.encode(cert_data(key.key_id), key.private_key)
    for i in (0, 3, 20, 60, len(token) // 2, len(token) - 10):
        other = "B" if token[i] != "B" else "C"
        changed = token[:i] + other + token[i + 1:]
        assert tokens.verify(changed, trusted).status is Status.TAMPERED, i


def test_a_token_signed_by_an_unknown_key_reads_as_unknown_issuer(key, trusted):
    stranger = Ed25519PrivateKey.generate()
    result = tokens.verify(tokens.encode(cert_data(""), stranger), trusted)
    assert result.status is Status.UNKNOWN_ISSUER
    assert result.data.resident_name == TYPICAL_NAME and result.data.commune == ""
    assert "Không rõ nơi cấp" in result.message


def test_a_revoked_serial_reads_as_revoked_with_its_reason(key, trusted):
    token = tokens.encode(cert_data(key.key_id), key.private_key)
    asked = []

    def is_revoked(serial: str) -> tuple[bool, str | None]:
        asked.append(serial)
        return True, "Cấp nhầm người"

    result = tokens.verify(token, trusted, is_revoked)
    assert asked == ["2026-K7Q3MX"]
    assert result.status is Status.REVOKED
    assert result.revoked_reason == "Cấp nhầm người"
    assert "Cấp nhầm người" in result.message and "thu hồi" in result.message
    assert tokens.verify(token, trusted, lambda s: (False, None)).status is Status.VALID


@pytest.mark.parametrize("verify_url", [
    "https://xa.example.vn/kiem-tra#",
    "HTTPS://XA.EXAMPLE.VN/KT/",
    "https://xa.example.vn/kiem-tra?ma=",
    "https://xa.example.vn/kiemtra",  # ends in a letter: a "#" is put in between
])
def test_a_verification_address_before_the_token_still_verifies(key, trusted, verify_url):
    token = tokens.encode(cert_data(key.key_id), key.private_key)
    text = tokens.qr_text(token, verify_url)
    assert text.startswith(verify_url) and text.endswith(token)
    assert tokens.verify(text, trusted).status is Status.VALID


def test_a_token_typed_by_hand_or_scanned_with_line_breaks_verifies(key, trusted):
    token = tokens.encode(cert_data(key.key_id), key.private_key)
    typed = " ".join(token[i:i + 4] for i in range(0, len(token), 4)).lower()
    assert tokens.verify(typed + "\r\n", trusted).status is Status.VALID


@pytest.mark.parametrize("text", ["", "   ", "xin chào", "ABCDEFGH", "1234", "A" * 300,
                                  "https://xa.example.vn/kiem-tra#"])
def test_text_that_is_no_token_reads_as_unreadable(trusted, text):
    result = tokens.verify(text, trusted)
    assert result.status is Status.UNREADABLE and result.data is None
    assert "Không đọc được" in result.message


def test_a_truncated_token_is_not_valid(key, trusted):
    token = tokens.encode(cert_data(key.key_id), key.private_key)
    for cut in (8, 16, 40, len(token) - 8):
        assert tokens.verify(token[:cut], trusted).status in (Status.UNREADABLE,
                                                              Status.TAMPERED)


def test_a_newer_format_version_is_reported_as_such(key, trusted):
    raw = raw_bytes(tokens.encode(cert_data(key.key_id), key.private_key))
    body = bytes([2]) + bytes(raw[1:-64])
    result = tokens.verify(armour(body + key.private_key.sign(body)), trusted)
    assert result.status is Status.UNREADABLE and "phiên bản" in result.message


@pytest.mark.parametrize("changes", [
    {"skills": (Skill.SAFETY, Skill.PAYMENT), "completed_on": (date(2026, 1, 1),) * 2},
    {"kind": CertificateKind.ALL_SKILLS},
    {"skills": (), "completed_on": ()},
    {"serial": "PCD-000001"},
    {"serial": "2025-K7Q3MX"},  # the serial's year is the year of issue
    {"birth_year": 1850},
    {"issued_on": date(1999, 12, 31), "serial": "1999-K7Q3MX"},
    {"resident_name": "A\x00B"},
    {"key_id": "00000000"},
])
def test_certificates_the_format_cannot_hold_are_refused(key, changes):
    with pytest.raises(ValueError):
        tokens.encode(replace(cert_data(key.key_id), **changes), key.private_key)


def test_describe_names_every_printed_field_in_vietnamese(key):
    data = all_skills_data(key.key_id)
    lines = dict(tokens.describe(data))
    for value in ("2026-K7Q3MX", TYPICAL_NAME, "1962", "Khóm Châu Long 1", "20/03/2026",
                  DEMO_SIGNER_TITLE, DEMO_SIGNER_NAME, key.key_id):
        assert value in lines.values()
    assert lines["Nơi cấp"] == f"{DEMO_COMMUNE}, {DEMO_PROVINCE}"
    text = "\n".join(v for _, v in tokens.describe(data))
    for skill in Skill:
        assert skill.title in text


def test_the_qr_of_a_typical_token_decodes_25_mm_wide_from_a_150_dpi_scan(key):
    zxingcpp = pytest.importorskip("zxingcpp")
    qrcode = pytest.importorskip("qrcode")
    from PIL import Image, ImageFilter

    text = tokens.qr_text(tokens.encode(cert_data(key.key_id), key.private_key),
                          "HTTPS://XA.EXAMPLE.VN/KT/")
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    code.add_data(text)
    code.make(fit=True)
    matrix = code.get_matrix()
    side = len(matrix)
    image = Image.new("L", (side, side))
    image.putdata([0 if dark else 255 for row in matrix for dark in row])
    # 25 mm for the symbol without its quiet zone, at 150 dpi, off the module grid, blurred.
    pixels = round(side * 25.0 / code.modules_count / 25.4 * 150)
    fine = image.resize((side * 37, side * 37), Image.NEAREST).crop((11, 11, side * 37,
                                                                      side * 37))
    scan = fine.resize((pixels, pixels), Image.BOX).filter(ImageFilter.GaussianBlur(0.6))
    found = zxingcpp.read_barcodes(scan)
    assert [b.text for b in found] == [text], f"QR version {code.version}"


# --- the document -----------------------------------------------------------------------


def doc_block(marker: str) -> str:
    """The fenced block that follows `<!-- marker -->` in the token document."""
    text = DOC.read_text(encoding="utf-8")
    match = re.search(rf"<!-- {marker} -->\s*```[a-z]*\n(.*?)```", text, re.S)
    assert match, f"no block marked {marker} in {DOC}"
    return match[1]


def test_the_document_holds_the_exact_preset_dictionary():
    assert doc_block("dictionary") == tokens.DICTIONARY
    digest = hashlib.sha256(tokens.DICTIONARY.encode("utf-8")).hexdigest()
    assert digest in DOC.read_text(encoding="utf-8")


def test_the_documents_own_verifier_checks_the_worked_example():
    """A program with only `cryptography` and zlib, written from the document alone."""
    example = json.loads(doc_block("example"))
    namespace: dict = {}
    exec(doc_block("verifier"), namespace)
    public = {example["key_id"]: base64.b64decode(example["public_key"])}
    dictionary = doc_block("dictionary").encode("utf-8")
    fields = namespace["read_token"](example["qr_text"], public, dictionary)
    assert fields == example["fields"]
    raw = raw_bytes(example["token"])
    raw[20] ^= 1
    with pytest.raises(InvalidSignature):
        namespace["read_token"](armour(raw), public, dictionary)
    # ...and this kiosk agrees with it.
    key = keys.TrustedKey(example["key_id"],
                          Ed25519PublicKey.from_public_bytes(public[example["key_id"]]),
                          DEMO_COMMUNE, DEMO_PROVINCE)
    result = tokens.verify(example["qr_text"], {key.key_id: key})
    assert result.status is Status.VALID
    assert result.data.resident_name == example["fields"]["resident_name"]
    assert result.data.serial == example["fields"]["serial"]


def test_the_worked_example_is_what_this_kiosk_encodes():
    example = json.loads(doc_block("example"))
    private = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(example["private_key_hex"]))
    f = example["fields"]
    data = CertificateData(
        serial=f["serial"], kind=CertificateKind(f["kind"]),
        skills=tuple(Skill(s) for s in f["skills"]),
        completed_on=tuple(date.fromisoformat(d) for d in f["completed_on"]),
        resident_name=f["resident_name"], birth_year=f["birth_year"], hamlet=f["hamlet"],
        commune=DEMO_COMMUNE, province=DEMO_PROVINCE,
        issued_on=date.fromisoformat(f["issued_on"]), signer_title=f["signer_title"],
        signer_name=f["signer_name"], key_id=f["key_id"])
    token = tokens.encode(data, private)
    # The header and signature input are exact; deflate output may differ by zlib build,
    # so compare the decoded result and the fixed-size part.
    assert raw_bytes(token)[:15] == raw_bytes(example["token"])[:15]
    assert tokens.decode_unverified(token) == tokens.decode_unverified(example["token"])


# --- issuing ----------------------------------------------------------------------------


def test_a_skill_not_completed_is_refused_in_vietnamese(db, config, key):
    person = register(db)
    complete_one = LESSONS[Skill.SAFETY][0]
    progress.finish_step(db, person.id, complete_one, 0)
    with pytest.raises(issuing.IssueRefused) as caught:
        issuing.issue(db, person.id, CertificateKind.SKILL, Skill.SAFETY, config, key,
                      lessons_by_skill=LESSONS)
    assert caught.value.code == "not_completed"
    assert Skill.SAFETY.title in caught.value.message and "1/2" in caught.value.message
    assert issuing.entitlements(db, person.id, LESSONS, config) == []
    assert issuing.for_resident(db, person.id, config) == []


def test_a_completed_skill_gives_one_signed_certificate(db, config, key, trusted):
    person = register(db)
    complete(db, person.id, Skill.PAYMENT)
    [earned] = issuing.entitlements(db, person.id, LESSONS, config)
    assert (earned.kind, earned.skill, earned.current) == (CertificateKind.SKILL,
                                                           Skill.PAYMENT, None)
    cert = issuing.issue(db, person.id, CertificateKind.SKILL, Skill.PAYMENT, config, key,
                         lessons_by_skill=LESSONS, today=date(2026, 5, 4))
    assert re.fullmatch(r"2026-[A-Z2-7]{6}", cert.serial)
    result = tokens.verify(cert.token, trusted, issuing.revocation_check(db))
    assert result.status is Status.VALID
    assert result.data == cert.data
    assert (cert.data.resident_name, cert.data.hamlet) == (TYPICAL_NAME, DEMO_HAMLETS[0])
    assert cert.data.completed_on == (date.today(),) and cert.data.issued_on == date(2026, 5, 4)
    assert cert.data.signer_name == config.signer_name
    [entry] = audit(db)
    assert entry == ("certificate.issue", {"serial": cert.serial, "resident_id": person.id,
                                           "kind": "skill", "skill": "payment"})
    assert issuing.entitlements(db, person.id, LESSONS, config)[0].current == cert
    with pytest.raises(issuing.IssueRefused) as caught:
        issuing.issue(db, person.id, CertificateKind.SKILL, Skill.PAYMENT, config, key,
                      lessons_by_skill=LESSONS)
    assert caught.value.code == "already_issued" and cert.serial in caught.value.message


def test_all_five_skills_earn_công_dân_số(db, config, key, trusted):
    person = register(db)
    complete(db, person.id, *list(Skill)[:4])
    with pytest.raises(issuing.IssueRefused, match="còn 1 kỹ năng") as caught:
        issuing.issue(db, person.id, CertificateKind.ALL_SKILLS, None, config, key,
                      lessons_by_skill=LESSONS)
    assert list(Skill)[4].title in caught.value.message
    complete(db, person.id, list(Skill)[4])
    earned = issuing.entitlements(db, person.id, LESSONS, config)
    assert [(e.kind, e.skill) for e in earned] == [
        *((CertificateKind.SKILL, s) for s in Skill), (CertificateKind.ALL_SKILLS, None)]
    cert = issuing.issue(db, person.id, CertificateKind.ALL_SKILLS, None, config, key,
                         lessons_by_skill=LESSONS)
    assert cert.title == "Công dân số" and cert.skill is None
    assert cert.data.skills == tuple(Skill) and len(cert.data.completed_on) == 5
    assert tokens.verify(cert.token, trusted).status is Status.VALID


def test_a_wrong_kind_and_skill_pair_is_refused(db, config, key):
    person = register(db)
    for kind, skill in ((CertificateKind.SKILL, None),
                        (CertificateKind.ALL_SKILLS, Skill.SAFETY)):
        with pytest.raises(issuing.IssueRefused):
            issuing.issue(db, person.id, kind, skill, config, key, lessons_by_skill=LESSONS)
    with pytest.raises(issuing.IssueRefused, match="Không tìm thấy"):
        issuing.issue(db, 999, CertificateKind.SKILL, Skill.SAFETY, config, key,
                      lessons_by_skill=LESSONS)


def test_a_reissue_is_a_new_certificate_and_keeps_the_old_one(db, config, key, trusted,
                                                                 staff):
    person = register(db, "Nguyen Thi Anh Hong")
    complete(db, person.id, Skill.SAFETY)
    old = issuing.issue(db, person.id, CertificateKind.SKILL, Skill.SAFETY, config, key,
                        lessons_by_skill=LESSONS, today=date(2026, 3, 1))
    with db.begin() as session:  # staff correct the name's diacritics
        session.execute(update(Resident).where(Resident.id == person.id)
                        .values(full_name=TYPICAL_NAME))
    new = issuing.reissue(db, old.serial, config, key, actor=staff, today=date(2026, 4, 2))
    assert new.serial != old.serial and new.replaces_id == old.id
    assert new.data.resident_name == TYPICAL_NAME
    assert new.data.completed_on == old.data.completed_on
    assert new.data.issued_on == date(2026, 4, 2)
    history = issuing.for_resident(db, person.id, config)
    assert [c.serial for c in history] == [old.serial, new.serial]
    assert history[0].revoked and new.serial in history[0].revoked_reason
    assert history[0].data.resident_name == "Nguyen Thi Anh Hong"  # the old paper, unchanged
    check = issuing.revocation_check(db)
    stale = tokens.verify(old.token, trusted, check)
    assert stale.status is Status.REVOKED and new.serial in stale.message
    assert tokens.verify(new.token, trusted, check).status is Status.VALID
    assert [a for a, _ in audit(db)] == ["certificate.issue", "certificate.reissue"]
    assert audit(db)[1][1]["replaces"] == old.serial
    with pytest.raises(issuing.IssueRefused) as caught:
        issuing.reissue(db, old.serial, config, key, actor=staff)
    assert caught.value.code == "already_replaced" and new.serial in caught.value.message
    assert issuing.entitlements(db, person.id, LESSONS, config)[0].current.serial == new.serial


def test_revoking_needs_a_reason_and_is_audited(db, config, key, trusted, staff):
    person = register(db)
    complete(db, person.id, Skill.SHOPPING)
    cert = issuing.issue(db, person.id, CertificateKind.SKILL, Skill.SHOPPING, config, key,
                         lessons_by_skill=LESSONS)
    with pytest.raises(issuing.IssueRefused, match="lý do"):
        issuing.revoke(db, cert.serial, "   ", config, actor=staff)
    revoked = issuing.revoke(db, cert.serial.lower(), " Cấp nhầm  người ", config,
                             actor=staff)
    assert revoked.revoked and revoked.revoked_reason == "Cấp nhầm người"
    result = tokens.verify(cert.token, trusted, issuing.revocation_check(db))
    assert result.status is Status.REVOKED and result.revoked_reason == "Cấp nhầm người"
    with pytest.raises(issuing.IssueRefused, match="đã bị thu hồi"):
        issuing.revoke(db, cert.serial, "lần nữa", config, actor=staff)
    assert audit(db)[-1] == ("certificate.revoke", {"serial": cert.serial,
                                                    "resident_id": person.id,
                                                    "reason": "Cấp nhầm người"})
    with pytest.raises(issuing.IssueRefused, match="Không có chứng nhận"):
        issuing.revoke(db, "2026-AAAAAA", "không có", config, actor=staff)
    # Once revoked, the achievement may be certified again.
    again = issuing.issue(db, person.id, CertificateKind.SKILL, Skill.SHOPPING, config, key,
                          lessons_by_skill=LESSONS)
    assert again.serial != cert.serial


def test_audit_entries_keep_no_personal_data(db, config, key, staff):
    person = register(db)
    complete(db, person.id, Skill.SAFETY)
    cert = issuing.issue(db, person.id, CertificateKind.SKILL, Skill.SAFETY, config, key,
                         lessons_by_skill=LESSONS)
    issuing.reissue(db, cert.serial, config, key, actor=staff)
    with db() as session:
        details = " ".join(session.scalars(select(AuditEntry.detail)))
    assert "Nguy" not in details and "1962" not in details


def audit_rows(db) -> list[tuple[int | None, str, dict]]:
    with db() as session:
        return [(row.staff_user_id, row.action, json.loads(row.detail))
                for row in session.scalars(select(AuditEntry).order_by(AuditEntry.id))]


def test_staff_actions_are_checked_and_audited_under_the_staff_members_id(db, config, key,
                                                                          staff):
    person = register(db)
    complete(db, person.id, Skill.SAFETY)
    cert = issuing.issue(db, person.id, CertificateKind.SKILL, Skill.SAFETY, config, key,
                         lessons_by_skill=LESSONS, actor=staff)
    with db() as session:
        assert session.get(Certificate, cert.id).issued_by_id == staff.id
    new = issuing.reissue(db, cert.serial, config, key, actor=staff)
    issuing.revoke(db, new.serial, "Cấp nhầm người", config, actor=staff)
    assert [(who, action) for who, action, _ in audit_rows(db)] == [
        (staff.id, "certificate.issue"), (staff.id, "certificate.reissue"),
        (staff.id, "certificate.revoke")]


def test_a_team_member_may_not_issue_reissue_or_revoke(db, config, key, trusted, staff):
    member = add_staff(db, StaffRole.TEAM_MEMBER)
    person = register(db)
    complete(db, person.id, Skill.SAFETY, Skill.PAYMENT)
    with pytest.raises(NotAllowed, match="không được phép"):
        issuing.issue(db, person.id, CertificateKind.SKILL, Skill.SAFETY, config, key,
                      lessons_by_skill=LESSONS, actor=member)
    cert = issuing.issue(db, person.id, CertificateKind.SKILL, Skill.PAYMENT, config, key,
                         lessons_by_skill=LESSONS, actor=staff)
    with pytest.raises(NotAllowed):
        issuing.revoke(db, cert.serial, "Thử thu hồi", config, actor=member)
    with pytest.raises(NotAllowed):
        issuing.reissue(db, cert.serial, config, key, actor=member)
    # Nothing changed and nothing but the staff member's issue was recorded.
    assert tokens.verify(cert.token, trusted, issuing.revocation_check(db)).valid
    assert [c.serial for c in issuing.for_resident(db, person.id, config)] == [cert.serial]
    assert [(who, action) for who, action, _ in audit_rows(db)] == [
        (staff.id, "certificate.issue")]


def test_reprint_queues_the_same_certificate_and_refuses_a_revoked_one(db, config, key,
                                                                       staff):
    from kiosk import printing
    from kiosk.certificates import requests

    member = add_staff(db, StaffRole.TEAM_MEMBER)  # team members print
    person = register(db)
    complete(db, person.id, Skill.SHOPPING)
    cert = issuing.issue(db, person.id, CertificateKind.SKILL, Skill.SHOPPING, config, key,
                         lessons_by_skill=LESSONS, actor=staff)
    job = requests.reprint(db, cert.serial.lower(), config, actor=member)
    [queued] = printing.list_jobs(db, [printing.PrintJobStatus.QUEUED])
    assert queued.id == job.id and queued.serials == (cert.serial,)
    assert queued.pdf_path.read_bytes().startswith(b"%PDF-")
    assert TYPICAL_NAME in queued.label
    assert audit_rows(db)[-1] == (member.id, "certificate.print", {
        "serial": cert.serial, "resident_id": person.id, "job_id": job.id})
    issuing.revoke(db, cert.serial, "Giấy cấp nhầm", config, actor=staff)
    with pytest.raises(issuing.IssueRefused, match="đã bị thu hồi") as caught:
        requests.reprint(db, cert.serial, config, actor=member)
    assert caught.value.code == "revoked" and "Giấy cấp nhầm" in caught.value.message
    with pytest.raises(issuing.IssueRefused, match="Không có chứng nhận"):
        requests.reprint(db, "2026-AAAAAA", config, actor=member)
    assert len(printing.list_jobs(db)) == 1


@pytest.mark.parametrize("common_words", [False, True])
def test_the_issued_list_finds_by_serial_or_name_newest_first_with_status(
        db, config, key, staff, common_words, monkeypatch):
    if common_words:  # as "nguyen" or "thi" in a big ward: found the other way round
        monkeypatch.setattr(issuing, "SELECTIVE_WORD", 0)
    from kiosk.certificates.issuing import CertificateStatus as S

    hong = register(db, "Nguyễn Thị Ánh Hồng")
    hung = register(db, "Trần Văn Hùng")
    gone = register(db, "Lê Thị Mai")
    for person in (hong, hung, gone):
        complete(db, person.id, Skill.SAFETY, Skill.PAYMENT)

    def issue(person, skill):
        return issuing.issue(db, person.id, CertificateKind.SKILL, skill, config, key,
                             lessons_by_skill=LESSONS, actor=staff)

    first = issue(hong, Skill.SAFETY)
    other = issue(hung, Skill.SAFETY)
    revoked = issue(hong, Skill.PAYMENT)
    erased = issue(gone, Skill.SAFETY)
    issuing.revoke(db, revoked.serial, "Cấp nhầm", config, actor=staff)
    newer = issuing.reissue(db, first.serial, config, key, actor=staff)
    erased_new = issuing.reissue(db, erased.serial, config, key, actor=staff)
    with db.begin() as session:  # the resident asked to be erased
        session.delete(session.get(Resident, gone.id))

    def found(text):
        return [(c.certificate.serial, c.status) for c in issuing.search(db, text, config)]

    assert found("") == [(erased_new.serial, S.VALID), (newer.serial, S.VALID),
                         (erased.serial, S.REPLACED), (revoked.serial, S.REVOKED),
                         (other.serial, S.VALID), (first.serial, S.REPLACED)]
    listed = {c.certificate.serial: c for c in issuing.search(db, "", config)}
    assert listed[first.serial].replaced_by == newer.serial
    assert listed[revoked.serial].replaced_by is None
    # Without diacritics, any case, the start of each word, in any order.
    assert found("nguyen hong") == found("HỒNG ng") == [
        (newer.serial, S.VALID), (revoked.serial, S.REVOKED), (first.serial, S.REPLACED)]
    assert found("hu") == [(other.serial, S.VALID)]
    assert found("hung nguyen") == [] and found("mai") == []  # erased: not by name
    assert found(erased.serial.lower()) == [(erased.serial, S.REPLACED)]
    part = other.serial[2:8].lower()  # "26-k7q3": a piece of it, typed with a space
    assert (other.serial, S.VALID) in found(f" {part[:3]} {part[3:]} ")
    assert found("2019-") == [] and found("100%") == []
    assert len(issuing.search(db, "", config, limit=2)) == 2


# On PostgreSQL, tests/core/test_concurrency.py issues from eight kiosk processes at once.
@pytest.mark.sqlite_only
def test_serials_stay_unique_over_200_issues_from_two_kiosks(db, config, key):
    people = [register(db, f"Người thứ {i}", hamlet=i % len(DEMO_HAMLETS)) for i in range(40)]
    for person in people:
        complete(db, person.id, *Skill)
    second_kiosk = open_database(config.effective_database_url, DEMO_HAMLETS)
    assert second_kiosk.kw["bind"].url == db.kw["bind"].url
    issued, errors = [], []

    def work(factory, group) -> None:
        try:
            for person in group:
                for skill in Skill:
                    issued.append(issuing.issue(factory, person.id, CertificateKind.SKILL,
                                                skill, config, key,
                                                lessons_by_skill=LESSONS).serial)
        except Exception as exc:  # collected, asserted below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(db, people[:20])),
               threading.Thread(target=work, args=(second_kiosk, people[20:]))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(issued) == 200 and len(set(issued)) == 200
    with db() as session:
        assert len(set(session.scalars(select(Certificate.serial)))) == 200


def test_a_serial_taken_at_the_same_moment_is_drawn_again(db, config, key, monkeypatch):
    person = register(db)
    complete(db, person.id, Skill.SAFETY, Skill.PAYMENT)
    first = issuing.issue(db, person.id, CertificateKind.SKILL, Skill.SAFETY, config, key,
                          lessons_by_skill=LESSONS)
    draws = iter([first.serial, first.serial, "2026-QQQQQQ"])
    monkeypatch.setattr(tokens, "new_serial", lambda year: next(draws).replace("2026",
                                                                               str(year)))
    second = issuing.issue(db, person.id, CertificateKind.SKILL, Skill.PAYMENT, config, key,
                           lessons_by_skill=LESSONS, today=date(2026, 6, 1))
    assert second.serial == "2026-QQQQQQ"


@pytest.mark.parametrize("kind, skill", [(CertificateKind.SKILL, Skill.SAFETY),
                                         (CertificateKind.ALL_SKILLS, None)])
def test_two_kiosks_issuing_one_certificate_at_the_same_moment_store_it_once(
        db, config, key, monkeypatch, kind, skill):
    """Both kiosks found no certificate before either wrote (as if they checked at the
    same instant): the database keeps one current certificate per resident and
    achievement, and the second kiosk is told which one the resident holds."""
    person = register(db)
    complete(db, person.id, *Skill)
    first = issuing.issue(db, person.id, kind, skill, config, key, lessons_by_skill=LESSONS)
    real, checks = issuing._current_row, iter((1, 2))  # the two checks before writing
    monkeypatch.setattr(issuing, "_current_row",
                        lambda *args: None if next(checks, None) else real(*args))
    with pytest.raises(issuing.IssueRefused) as refused:
        issuing.issue(db, person.id, kind, skill, config, key, lessons_by_skill=LESSONS)
    assert next(checks, None) is None  # both were made
    assert refused.value.code == "already_issued"
    assert refused.value.current.serial == first.serial
    assert first.serial in refused.value.message
    assert [c.serial for c in issuing.for_resident(db, person.id, config)] == [first.serial]
    assert [a for a, _ in audit(db)] == ["certificate.issue"]


def test_a_second_reissue_of_the_same_certificate_is_refused(db, config, key, staff):
    person = register(db)
    complete(db, person.id, Skill.SAFETY)
    old = issuing.issue(db, person.id, CertificateKind.SKILL, Skill.SAFETY, config, key,
                        lessons_by_skill=LESSONS)
    new = issuing.reissue(db, old.serial, config, key, actor=staff)
    # The other kiosk checked before this reissue was stored, and writes now.
    with pytest.raises(issuing.IssueRefused) as refused:
        issuing._insert(db, resident_id=person.id, kind=CertificateKind.SKILL,
                        skill=Skill.SAFETY, skills=old.data.skills,
                        completed_on=old.data.completed_on, settings=config, key=key,
                        actor=staff, today=date.today(), replaces_id=old.id,
                        action="certificate.reissue")
    assert refused.value.code == "already_replaced" and new.serial in refused.value.message
    assert [c.serial for c in issuing.for_resident(db, person.id, config)] == \
        [old.serial, new.serial]


def test_settling_a_merge_keeps_the_kept_records_certificate_current(db, config, key):
    from kiosk.db.models import Certificate as Row

    keep, drop = register(db), register(db, "Nguyen Thi Anh Hong", hamlet=1)
    for person in (keep, drop):
        complete(db, person.id, Skill.SAFETY)
    complete(db, drop.id, Skill.PAYMENT)
    mine, theirs, only_theirs = (
        issuing.issue(db, rid, CertificateKind.SKILL, skill, config, key,
                      lessons_by_skill=LESSONS)
        for rid, skill in ((keep.id, Skill.SAFETY), (drop.id, Skill.SAFETY),
                           (drop.id, Skill.PAYMENT)))
    with db.begin() as session:
        assert issuing.settle_merge(session, keep.id, drop.id) == [theirs.serial]
        session.execute(update(Row).where(Row.resident_id == drop.id)
                        .values(resident_id=keep.id))  # what the merge does next
    held = {c.serial: c for c in issuing.for_resident(db, keep.id, config)}
    assert not held[mine.serial].revoked and not held[only_theirs.serial].revoked
    assert held[theirs.serial].revoked and mine.serial in held[theirs.serial].revoked_reason


# --- the command line -------------------------------------------------------------------


def run_kiosk(*args: str) -> subprocess.CompletedProcess:
    """`kiosk ...` in a fresh process, with this test's settings and data folder."""
    return subprocess.run([sys.executable, "-m", "kiosk", *args], capture_output=True,
                          text=True, encoding="utf-8", cwd=REPO, env=os.environ.copy(),
                          timeout=120)


# Seven kiosk processes: once is enough. The command line on a server's database is
# test_kiosk_certificate_issue_uses_the_bundled_course.
@pytest.mark.sqlite_only
def test_kiosk_verify_prints_every_field_and_exits_0_only_when_valid(db, config, key,
                                                                       staff):
    person = register(db)
    complete(db, person.id, Skill.SAFETY, Skill.PAYMENT)
    good = issuing.issue(db, person.id, CertificateKind.SKILL, Skill.SAFETY, config, key,
                         lessons_by_skill=LESSONS)
    gone = issuing.issue(db, person.id, CertificateKind.SKILL, Skill.PAYMENT, config, key,
                         lessons_by_skill=LESSONS)
    issuing.revoke(db, gone.serial, "Giấy bị mất, đã báo", config, actor=staff)
    raw = raw_bytes(good.token)
    raw[30] ^= 0x04
    stranger = tokens.encode(cert_data(""), Ed25519PrivateKey.generate())
    cases = [
        (tokens.qr_text(good.token, "https://xa.example.vn/kiem-tra#"), 0, "hợp lệ"),
        (gone.token, 2, "đã thu hồi"),
        (armour(raw), 3, "bị sửa đổi"),
        (stranger, 4, "không rõ nơi cấp"),
        ("không phải mã", 1, "không đọc được"),
    ]
    for text, code, verdict in cases:
        done = run_kiosk("verify", text)
        assert done.returncode == code, (verdict, done.stdout, done.stderr)
        assert f"Kết quả: {verdict.upper()}" in done.stdout
    shown = run_kiosk("verify", good.token).stdout
    for value in (good.serial, TYPICAL_NAME, "1962", DEMO_HAMLETS[0], DEMO_COMMUNE,
                  DEMO_PROVINCE, Skill.SAFETY.title, f"{good.data.issued_on:%d/%m/%Y}",
                  DEMO_SIGNER_TITLE, DEMO_SIGNER_NAME, key.key_id):
        assert value in shown, value
    assert "Giấy bị mất, đã báo" in run_kiosk("verify", gone.token).stdout


def test_kiosk_certificate_issue_uses_the_bundled_course(db, config, capsys):
    from kiosk.station import open_station

    station = open_station(config)
    person = register(db)
    complete(db, person.id, Skill.SAFETY, lessons=station.lessons_by_skill())
    assert cli.main(["certificate", "issue", "--code", person.learner_code.lower(),
                     "--skill", "shopping"]) == 1
    assert "chưa hoàn thành kỹ năng “Mua sắm trực tuyến”" in capsys.readouterr().err
    assert cli.main(["certificate", "issue", "--code", person.learner_code, "--all"]) == 1
    assert "Công dân số" in capsys.readouterr().err
    assert cli.main(["certificate", "issue", "--code", person.learner_code]) == 0
    out = capsys.readouterr().out
    serial = re.search(r"Số hiệu: (\S+)", out)[1]
    token = re.search(r"Mã kiểm tra: (\S+)", out)[1]
    cert = issuing.find(db, serial, config)
    assert cert.token == token and cert.skill is Skill.SAFETY
    assert cli.main(["certificate", "issue", "--code", person.learner_code]) == 0
    assert f"Đã có: chứng nhận Kỹ năng “{Skill.SAFETY.title}”, số {serial}" in \
        capsys.readouterr().out
    assert cli.main(["certificate", "issue", "--code", "ZZZZZZ", "--skill", "safety"]) == 1
    assert "Không tìm thấy người dân" in capsys.readouterr().err


def test_kiosk_keys_show_and_trust(config, key, tmp_path, capsys):
    assert cli.main(["keys", "show"]) == 0
    out = capsys.readouterr().out
    assert key.key_id in out and str(key.public_path) in out
    assert json.loads(key.public_path.read_text(encoding="utf-8"))["commune"] == DEMO_COMMUNE
    other, public = other_commune(tmp_path)
    assert cli.main(["keys", "trust", str(public)]) == 0
    assert other.key_id in capsys.readouterr().out
    assert cli.main(["keys", "show"]) == 0
    assert f"{other.key_id}  Xã Mỹ Hòa Hưng, {DEMO_PROVINCE}" in capsys.readouterr().out
    broken = tmp_path / "hong.json"
    broken.write_text("{}", encoding="utf-8")
    assert cli.main(["keys", "trust", str(broken)]) == 1
    assert "không phải tệp khóa công khai" in capsys.readouterr().err


def test_kiosk_certificate_export_writes_a_pdf(db, config, key, tmp_path, capsys):
    pytest.importorskip("kiosk.certificates.pdf",
                        reason="the PDF renderer (kiosk/certificates/pdf.py) is not there yet")
    person = register(db, NAME_120)
    complete(db, person.id, Skill.PLATFORMS)
    cert = issuing.issue(db, person.id, CertificateKind.SKILL, Skill.PLATFORMS, config, key,
                         lessons_by_skill=LESSONS)
    out = tmp_path / "chung-nhan.pdf"
    assert cli.main(["certificate", "export", cert.serial, str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert cert.serial in capsys.readouterr().out
    assert cli.main(["certificate", "export", "2026-AAAAAA", str(out)]) == 1
    assert "Không có chứng nhận" in capsys.readouterr().err
