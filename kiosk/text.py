"""Text as residents type it: normalised for storage, folded for search.

Whatever reaches a form (pasted, scanned, typed on a broken keyboard layout) is cleaned the
same way before it is stored: NFC, no control or invisible characters (bidi overrides,
zero-width joiners, Hangul fillers...), no pile of combining marks, one space between
words. Names also lose emoji and other pictographs, which no certificate font can draw and
no search can find.
"""

from __future__ import annotations

import unicodedata

MAX_NAME_LENGTH = 200
#: Combining marks kept on one letter: Vietnamese needs at most two before NFC, scripts
#: such as Khmer a few; more is "Zalgo" text that draws over the lines around it.
MAX_MARKS_PER_LETTER = 3

# Control characters that separate words (tab, line breaks...) become a space; every other
# control character goes.
_WHITESPACE_CONTROLS = frozenset("\t\n\v\f\r\x1c\x1d\x1e\x1f\x85")
_SPACE_LIKE = {"Zs", "Zl", "Zp"}
_INVISIBLE = {"Cc", "Cf", "Co", "Cs", "Cn"}
# Letters and marks that draw nothing, used to make a name that looks empty.
_BLANK = frozenset("\u115f\u1160\u3164\uffa0\u17b4\u17b5\u2800")
_MARKS = {"Mn", "Me", "Mc"}


def _limit_marks(text: str) -> str:
    out: list[str] = []
    run = 0
    for c in text:
        if unicodedata.category(c) in _MARKS:
            run += 1
            if run > MAX_MARKS_PER_LETTER:
                continue
        else:
            run = 0
        out.append(c)
    return "".join(out)


def clean_text(text: str) -> str:
    """NFC, control and invisible characters removed, runs of white space collapsed to
    one space."""
    kept = []
    for c in text:
        if c in _WHITESPACE_CONTROLS:
            kept.append(" ")
            continue
        category = unicodedata.category(c)
        if category in _SPACE_LIKE:
            kept.append(" ")
        elif category not in _INVISIBLE and c not in _BLANK:
            kept.append(c)
    # NFC after the removal: a zero-width character between a letter and its mark would
    # otherwise have kept them apart.
    text = unicodedata.normalize("NFC", "".join(kept))
    if not text.isascii():
        text = _limit_marks(text)
    return " ".join(text.split())


def fold(text: str) -> str:
    """Lower case without any diacritic, so "Nguyễn Thị Ánh" matches "nguyen thi anh"."""
    text = unicodedata.normalize("NFD", clean_text(text).casefold())
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    return text.replace("đ", "d")


class InvalidInput(ValueError):
    """Input that cannot be stored. `field` and `code` let the screen say why, in its words."""

    def __init__(self, field: str, code: str) -> None:
        super().__init__(f"{field}: {code}")
        self.field, self.code = field, code


def _is_pictograph(c: str) -> bool:
    """Emoji and the characters that only serve them (variation selectors, skin tones,
    the keycap's enclosing mark)."""
    code = ord(c)
    return (unicodedata.category(c) in ("So", "Me") or 0xFE00 <= code <= 0xFE0F
            or 0xE0100 <= code <= 0xE01EF or 0x1F3FB <= code <= 0x1F3FF)


def clean_name(text: str) -> str:
    """A name as it would be stored, without checking it: clean_text without emoji."""
    name = clean_text(text)
    if not name.isascii():
        name = " ".join("".join(c for c in name if not _is_pictograph(c)).split())
    return name


def normalize_name(text: str) -> str:
    """The stored form of a person's name; raises InvalidInput("name", ...) otherwise.

    Markup characters (< > &) are kept as typed: every screen and the certificate show a
    name as plain text.
    """
    name = clean_name(text)
    if not name:
        raise InvalidInput("name", "empty")
    if not any(c.isalpha() for c in name):
        raise InvalidInput("name", "no_letters")
    if len(name) > MAX_NAME_LENGTH:
        raise InvalidInput("name", "too_long")
    return name


#: What people put between the digits of a phone number.
_PHONE_SEPARATORS = frozenset(" .-()/")
# Full-width digits and plus, as some input methods type them, to their ASCII forms.
_FULL_WIDTH = {0xFF10 + i: str(i) for i in range(10)} | {0xFF0B: "+"}


def normalize_phone(text: str) -> str | None:
    """Digits of a Vietnamese phone number, or None when left empty.

    Full-width digits (some input methods type them) count as digits; any other letter or
    sign is refused rather than dropped, so a mistyped number is never stored.
    """
    text = clean_text(text).translate(_FULL_WIDTH)
    digits = "".join(c for c in text if c not in _PHONE_SEPARATORS)
    if not digits:
        return None
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    if not (digits.isascii() and digits.isdigit()) or not digits.startswith("0") \
            or not 10 <= len(digits) <= 11:
        raise InvalidInput("phone", "invalid")
    return digits


MAX_TERM_LENGTH = 64


def name_terms(name: str) -> list[str]:
    """The words staff can find a name by: folded, each once, in order."""
    seen: dict[str, None] = {}
    for word in fold(name).split():
        seen.setdefault(word[:MAX_TERM_LENGTH], None)
    return list(seen)
