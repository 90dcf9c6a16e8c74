"""Bad input to the core: odd names, phone numbers and learner codes; corrupt settings
files; broken lesson files and folders. Each gets a clear Vietnamese message, and nothing
already stored or written is lost."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from kiosk import residents
from kiosk.db.engine import open_database
from kiosk.demo import DEMO_HAMLETS
from kiosk.text import (
    MAX_MARKS_PER_LETTER,
    MAX_NAME_LENGTH,
    InvalidInput,
    normalize_name,
    normalize_phone,
)


@pytest.fixture
def db(tmp_path: Path):
    return open_database(f"sqlite:///{tmp_path / 'kiosk.sqlite3'}", DEMO_HAMLETS)


def register(db, name: str, phone: str = ""):
    hamlet = residents.list_hamlets(db)[0].id
    return residents.register(db, full_name=name, birth_year=1958, hamlet_id=hamlet,
                              phone=phone, consent_given=True)


def refused(field: str, code: str, call, *args) -> None:
    with pytest.raises(InvalidInput) as caught:
        call(*args)
    assert (caught.value.field, caught.value.code) == (field, code)


# -- Names ------------------------------------------------------------------------------

def test_a_name_of_ten_thousand_characters_is_refused_and_nothing_is_stored(db):
    refused("name", "too_long", register, db, "Nguyễn Văn " + "A" * 10_000)
    kept = register(db, "Trần Thị Bé")
    assert [r.id for r in residents.find(db, full_name="tran thi be", birth_year=1958,
                                         hamlet_id=kept.hamlet_id)] == [kept.id]
    # Exactly the maximum is still a name.
    assert len(normalize_name("Ê" * MAX_NAME_LENGTH)) == MAX_NAME_LENGTH


def test_control_bidi_and_zero_width_characters_are_removed(db):
    typed = "\u202eNguy\x00ễn\u200b Văn\x07\tAn\u200d\ufeff\r\n"
    resident = register(db, typed)
    assert resident.full_name == "Nguyễn Văn An"
    # Found again by the plain name, and a control character inside a word does not
    # split it in two.
    found = residents.find(db, full_name="nguyen van an", birth_year=1958,
                           hamlet_id=resident.hamlet_id)
    assert [r.id for r in found] == [resident.id]


@pytest.mark.parametrize("typed", [
    "   ", "\u200b\u200c\u200d\u2060", "\u3164\u3164", "\u115f \u1160", "\u2800\u2800",
    "\x00\x01\x02", "\u202e\u202d", "\t\n\r",
])
def test_a_name_of_only_invisible_characters_is_refused(db, typed):
    refused("name", "empty", register, db, typed)


def test_emoji_are_dropped_from_a_name_and_a_name_of_only_emoji_is_refused(db):
    resident = register(db, "Lan 😀👍🏽 Anh ❤️ 👨‍👩‍👧")
    assert resident.full_name == "Lan Anh"
    refused("name", "empty", register, db, "😀 ❤️ 🇻🇳 👍🏽")


def test_digits_and_signs_alone_are_no_name(db):
    refused("name", "no_letters", register, db, "12345 - 678")


def test_markup_characters_are_stored_exactly_as_typed(db):
    typed = "Nguyễn <b>Văn</b> &amp; Tèo <script>"
    resident = register(db, typed)
    assert residents.get(db, resident.id).full_name == typed


def test_decomposed_unicode_is_stored_nfc_and_combining_floods_are_cut(db):
    decomposed = unicodedata.normalize("NFD", "Phạm Thị Ngọc Ánh")
    assert decomposed != "Phạm Thị Ngọc Ánh"
    stored = register(db, decomposed).full_name
    assert stored == "Phạm Thị Ngọc Ánh" and unicodedata.is_normalized("NFC", stored)
    # A zero-width character between a letter and its marks does not keep them apart.
    assert normalize_name("Nguye\u200b\u0302\u0303n") == "Nguyễn"
    zalgo = register(db, "Hoa" + "\u0301\u0300\u0309\u0303\u0323" * 40).full_name
    # NFC may fold one mark into the letter ("ạ"); at most three more stay on it.
    assert zalgo[:2] == "Ho" and len(zalgo) <= 3 + MAX_MARKS_PER_LETTER


# -- Phone numbers, birth years and learner codes ----------------------------------------

@pytest.mark.parametrize(("typed", "stored"), [
    ("0912 345 678", "0912345678"),
    ("+84 912.345.678", "0912345678"),
    ("(028) 3823-4567", "02838234567"),
    ("０９１２３４５６７８", "0912345678"),  # full-width digits from some input methods
    (" \u200b0912345678\n", "0912345678"),
    ("", None),
    ("  \t", None),
])
def test_phone_numbers_typed_with_separators_are_stored_as_digits(typed, stored):
    assert normalize_phone(typed) == stored


@pytest.mark.parametrize("typed", [
    "0912x45678", "091234567", "091234567890", "٠٩١٢٣٤٥٦٧٨", "0912345678;DROP", "abc",
    "⁰⁹¹²³⁴⁵⁶⁷⁸",
])
def test_phone_numbers_with_junk_are_refused_not_trimmed(db, typed):
    refused("phone", "invalid", register, db, "Lê Văn Tám", typed)
    assert residents.find(db, full_name="le van tam", birth_year=1958,
                          hamlet_id=residents.list_hamlets(db)[0].id) == []


@pytest.mark.parametrize(("typed", "code"), [
    ("19x8", "invalid"), ("", "invalid"), ("1958; --", "invalid"), ("1850", "out_of_range"),
    ("99999", "out_of_range"),
])
def test_birth_years_with_junk_are_refused(typed, code):
    refused("birth_year", code, residents.validate_birth_year, typed)


def test_a_learner_code_scanned_with_junk_and_newlines_is_still_found(db):
    resident = register(db, "Võ Thị Sáu")
    code = resident.learner_code
    for scanned in (f"{code}\r\n", f"  {code[:3]}-{code[3:]}\n", code.lower(),
                    f"\x02{code}\x03"):
        found = residents.find_by_code(db, scanned)
        assert found is not None and found.id == resident.id, scanned
    assert residents.find_by_code(db, "\n\n") is None
    assert residents.find_by_code(db, "x" * 10_000) is None
