"""Text as residents type it: normalised for storage, folded for search."""

from __future__ import annotations

import unicodedata

MAX_NAME_LENGTH = 200
_SPACE_LIKE = {"Cc", "Zs", "Zl", "Zp"}
_INVISIBLE = {"Cf", "Co", "Cs", "Cn"}


def clean_text(text: str) -> str:
    """NFC, control characters removed, runs of white space collapsed to one space."""
    text = unicodedata.normalize("NFC", text)
    text = "".join(
        " " if unicodedata.category(c) in _SPACE_LIKE else c
        for c in text
        if unicodedata.category(c) not in _INVISIBLE
    )
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


def normalize_name(text: str) -> str:
    """The stored form of a person's name; raises InvalidInput("name", ...) otherwise."""
    name = clean_text(text)
    if not name:
        raise InvalidInput("name", "empty")
    if not any(c.isalpha() for c in name):
        raise InvalidInput("name", "no_letters")
    if len(name) > MAX_NAME_LENGTH:
        raise InvalidInput("name", "too_long")
    return name


def normalize_phone(text: str) -> str | None:
    """Digits of a Vietnamese phone number, or None when left empty."""
    digits = "".join(c for c in clean_text(text) if not c.isspace() and c not in ".-")
    if not digits:
        return None
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    if not digits.isdigit() or not digits.startswith("0") or not 10 <= len(digits) <= 11:
        raise InvalidInput("phone", "invalid")
    return digits


MAX_TERM_LENGTH = 64


def name_terms(name: str) -> list[str]:
    """The words staff can find a name by: folded, each once, in order."""
    seen: dict[str, None] = {}
    for word in fold(name).split():
        seen.setdefault(word[:MAX_TERM_LENGTH], None)
    return list(seen)
