"""An on-screen keyboard for typing a Vietnamese name, a birth year or a phone number by touch.

Residents at the kiosk have no physical keyboard and many have never used Telex or VNI, so
the keyboard has a key for each Vietnamese letter (ă â đ ê ô ơ ư) and a key for each of the
five tones. A tone key puts its mark on the right vowel of the word just typed, so the order
of taps does not matter: "Nguyê" + ngã + "n" and "Nguyên" + ngã both give "Nguyễn".

The text arithmetic is in pure functions at the top of this module (no widgets), so it can
be tested and reused without Qt. `OnScreenKeyboard` only turns taps into calls of those
functions and of `QLineEdit.insert`, which honours the field's maxLength and validator.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from enum import StrEnum
from functools import partial

from PySide6.QtCore import QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui.theme import KEY_TOUCH, Palette, current_palette

# -- pure text logic ---------------------------------------------------------------------


class Tone(StrEnum):
    """The five marked tones by their Vietnamese names (level "ngang" has no mark, no key)."""

    SAC = "sac"
    HUYEN = "huyen"
    HOI = "hoi"
    NGA = "nga"
    NANG = "nang"

    @property
    def mark(self) -> str:
        """The combining character (NFD) that writes this tone."""
        return _TONE_MARKS[self]


_TONE_MARKS: dict[Tone, str] = {
    Tone.SAC: "\u0301",  # acute: á
    Tone.HUYEN: "\u0300",  # grave: à
    Tone.HOI: "\u0309",  # hook above: ả
    Tone.NGA: "\u0303",  # tilde: ã
    Tone.NANG: "\u0323",  # dot below: ạ
}
_MARK_TONES: dict[str, Tone] = {mark: tone for tone, mark in _TONE_MARKS.items()}

# Vowel letters (lower case, without tone). The others are consonants.
VOWELS = frozenset("aăâeêioôơuưy")
# Vowels with a breve, circumflex or horn: when a syllable has one, it carries the tone.
_MODIFIED_VOWELS = frozenset("ăâêôơư")
# Open two-vowel endings that the modern rule (used in schoolbooks since 2018) marks on the
# second vowel: hoà, khoẻ, thuỷ. The older habit marks the first: hòa, khỏe, thủy.
_MODERN_PAIRS = frozenset({"oa", "oe", "uy"})


def tone_of(letter: str) -> Tone | None:
    """The tone written on `letter`, or None."""
    for char in unicodedata.normalize("NFD", letter):
        if char in _MARK_TONES:
            return _MARK_TONES[char]
    return None


def with_tone(letter: str, tone: Tone | None) -> str:
    """`letter` with its tone mark replaced by `tone` (removed for None), as NFC."""
    chars = [c for c in unicodedata.normalize("NFD", letter) if c not in _MARK_TONES]
    if tone is not None:
        chars.append(tone.mark)
    # NFC puts the marks in canonical order (the dot of "ệ" goes before the circumflex)
    # and composes them into one code point: every toned Vietnamese vowel has one.
    return unicodedata.normalize("NFC", "".join(chars))


def _base(letter: str) -> str:
    """Lower-case letter without tone, keeping its breve/circumflex/horn: "Ấ" -> "â"."""
    return with_tone(letter, None).lower()


def tone_vowel_index(syllable: str, *, modern: bool = True) -> int | None:
    """Index of the vowel of `syllable` (NFC, letters only) that carries its tone.

    The rule: a vowel with a breve, circumflex or horn wins (the last one: "ươ" -> ơ);
    before a final consonant the last vowel of the cluster; three open vowels mark the
    middle one ("oai"); two open vowels mark the first ("múa", "tài"), except "oa", "oe",
    "uy" which mark the second when `modern` ("hoà"). The "u" of "qu" and the "i" of "gi"
    belong to the consonant ("quý", "giá"), unless no other vowel follows ("gì").
    """
    bases = [_base(c) for c in syllable]
    vowels = [i for i, b in enumerate(bases) if b in VOWELS]
    if len(vowels) > 1 and vowels[0] == 1 and bases[0] + bases[1] in ("qu", "gi"):
        vowels = vowels[1:]
    if not vowels:
        return None
    # The nucleus is the last run of adjacent vowels (a real syllable has only one run).
    cluster = [vowels[-1]]
    for i in reversed(vowels[:-1]):
        if i != cluster[0] - 1:
            break
        cluster.insert(0, i)
    modified = [i for i in cluster if bases[i] in _MODIFIED_VOWELS]
    if modified:
        return modified[-1]
    if len(cluster) == 1 or cluster[-1] < len(syllable) - 1:  # one vowel, or a final consonant
        return cluster[-1]
    if len(cluster) >= 3:
        return cluster[1]
    if modern and bases[cluster[0]] + bases[cluster[1]] in _MODERN_PAIRS:
        return cluster[1]
    return cluster[0]


def _is_letter(char: str) -> bool:
    # Combining marks count as letters so that NFD text typed on a physical keyboard
    # is treated as whole words too.
    return char.isalpha() or unicodedata.category(char) == "Mn"


def apply_tone(text: str, cursor: int, tone: Tone, *, modern: bool = True) -> tuple[str, int]:
    """Put `tone` on the word before `cursor`; returns the new text and cursor position.

    The word is the run of letters that ends at the cursor, or, when the cursor follows
    spaces, the word before them (so a tone forgotten before the space can still be added).
    If that word already has a tone, the same tone removes it and another tone replaces it
    on the same vowel. Otherwise the tone goes to the vowel `tone_vowel_index` picks among
    the letters before the cursor: those are the syllable typed so far, which lets a
    resident who put the cursor inside a word ("ho|a") choose the vowel. The word is
    returned as NFC; text outside it is unchanged. Nothing changes if there is no vowel.
    """
    cursor = max(0, min(cursor, len(text)))
    end = cursor
    if end > 0 and not _is_letter(text[end - 1]):
        while end > 0 and text[end - 1].isspace():
            end -= 1
    start = end
    while start > 0 and _is_letter(text[start - 1]):
        start -= 1
    stop = end
    while stop < len(text) and _is_letter(text[stop]):
        stop += 1
    if start == stop:
        return text, cursor

    letters = list(unicodedata.normalize("NFC", text[start:stop]))
    typed = len(unicodedata.normalize("NFC", text[start:end]))
    toned = [i for i, c in enumerate(letters) if tone_of(c) is not None]
    if toned:
        position, old = toned[-1], tone_of(letters[toned[-1]])
        letters = [with_tone(c, None) for c in letters]
        if old is not tone:
            letters[position] = with_tone(letters[position], tone)
    else:
        position = tone_vowel_index("".join(letters[:typed]), modern=modern)
        if position is None:
            return text, cursor
        letters[position] = with_tone(letters[position], tone)

    word = "".join(letters)
    new_text = text[:start] + word + text[stop:]
    if cursor <= stop:  # inside or at the end of the word: the same number of letters in
        new_cursor = start + len(unicodedata.normalize("NFC", text[start:cursor]))
    else:  # after the spaces that follow the word
        new_cursor = cursor + len(word) - (stop - start)
    return new_text, new_cursor


def index_at(text: str, units: int) -> int:
    """The Python index of Qt's cursor position `units` (Qt counts UTF-16 code units, so a
    character outside the BMP, an emoji, counts twice)."""
    index = 0
    while units > 0 and index < len(text):
        units -= 2 if ord(text[index]) > 0xFFFF else 1
        index += 1
    return index


def units_at(text: str, index: int) -> int:
    """Qt's cursor position (UTF-16 code units) of the Python index `index`."""
    return index + sum(1 for char in text[:index] if ord(char) > 0xFFFF)


def starts_word(text: str, cursor: int) -> bool:
    """True when a letter typed at `cursor` would begin a word (so a name gets a capital)."""
    return cursor <= 0 or text[cursor - 1].isspace()


def changed_span(old: str, new: str) -> tuple[int, int, int]:
    """(start, old_end, new_end): `old[start:old_end]` became `new[start:new_end]`."""
    start = 0
    limit = min(len(old), len(new))
    while start < limit and old[start] == new[start]:
        start += 1
    old_end, new_end = len(old), len(new)
    while old_end > start and new_end > start and old[old_end - 1] == new[new_end - 1]:
        old_end -= 1
        new_end -= 1
    return start, old_end, new_end


# -- the widget --------------------------------------------------------------------------


class KeyboardMode(StrEnum):
    """What the keyboard offers; plain strings work too: `set_mode("digits")`."""

    TEXT = "text"  # letters, tones, space; "123" shows the number keys for a moment
    DIGITS = "digits"  # only the number pad: birth year, phone number


LETTER_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
VIETNAMESE_LETTERS = "ăâđêôơư"
# objectName suffixes for the Vietnamese letters, spelled as in Telex so they stay ASCII.
_LETTER_NAMES = {"ă": "aw", "â": "aa", "đ": "dd", "ê": "ee", "ô": "oo", "ơ": "ow", "ư": "uw"}

# The letter rows sit on a grid of half-key columns, so each row can be offset by half a
# key like a real keyboard and all letter keys have the same width.
_GRID_COLUMNS = 20
# Least height of the number pad's keys; they grow to fill the keyboard's height.
DIGIT_KEY_HEIGHT = 70
_DIGIT_PAD_MAX_WIDTH = 720
_SPACING = 6
_BORDER = 2
_PADDING_X = 4
# Function keys' text; a key too narrow for its word (a short window, a long translation)
# takes the smaller size rather than cut the word.
_FUNCTION_TEXT = 26
_TIGHT_TEXT = 20


def _style_sheet(p: Palette) -> str:
    # Key sizes are set here and not with setMinimumSize(): the app's style sheet gives
    # every QPushButton a min-height, and a style sheet wins over the widget's own minimum.
    # QSS sizes are of the contents, so the border and padding are taken off. Borders keep
    # one width in every state, so a key never changes size (nor the window's minimum).
    inner_height = KEY_TOUCH - 2 * _BORDER
    inner_width = KEY_TOUCH - 2 * (_BORDER + _PADDING_X)
    return f"""
    QPushButton {{ min-height: {inner_height}px; min-width: {inner_width}px;
        padding: 0px {_PADDING_X}px; font-size: 32px; color: {p.text};
        background: {p.surface}; border: {_BORDER}px solid {p.border}; border-radius: 12px; }}
    QPushButton[pad="true"] {{ min-height: {DIGIT_KEY_HEIGHT - 2 * _BORDER}px; }}
    QPushButton:pressed {{ background: {p.border}; }}
    QPushButton[kind="tone"] {{ font-size: 28px; background: {p.secondary}; }}
    QPushButton[kind="function"] {{ font-size: {_FUNCTION_TEXT}px; background: {p.secondary}; }}
    QPushButton[kind="function"][tight="true"] {{ font-size: {_TIGHT_TEXT}px; }}
    QPushButton[kind="function"]:checked {{ background: {p.highlight}; border-color: {p.text}; }}
    QPushButton[kind="digit"] {{ font-size: 40px; }}
    QPushButton[kind="done"] {{ font-size: 26px; font-weight: bold; color: {p.primary_text};
        background: {p.primary}; border-color: {p.primary}; }}
    QPushButton[kind="done"]:pressed {{ background: {p.primary_pressed}; }}
    """


class OnScreenKeyboard(QWidget):
    """Keys that type into one QLineEdit (`target`) without ever taking its focus.

    Every key is a QPushButton named `key_<name>`: `key_a` ... `key_z`, the Vietnamese
    letters `key_aw` ă, `key_aa` â, `key_dd` đ, `key_ee` ê, `key_oo` ô, `key_ow` ơ, `key_uw` ư,
    the tones `key_tone_sac` / `_huyen` / `_hoi` / `_nga` / `_nang`, `key_space`,
    `key_backspace`, `key_shift`, `key_done`, `key_to_digits` ("123"), and on the number
    pad `key_0` ... `key_9`, `key_backspace`, `key_done` and `key_to_letters` ("ABC").
    Both pages have a Delete and a Done key with the same name and the same effect;
    `key(name)` returns the one on the page being shown.
    """

    # The resident tapped Done.
    confirmed = Signal()

    def __init__(self, parent: QWidget | None = None, *,
                 modern_tone_placement: bool = True) -> None:
        super().__init__(parent)
        # The sheet first: a key made later is styled once, with it (the keys of a keyboard
        # made inside a shown window are polished as they are made).
        self.setStyleSheet(_style_sheet(current_palette()))
        self.setObjectName("onscreen_keyboard")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        # "hoà, thuỷ" when True (the default), "hòa, thủy" when False.
        self.modern_tone_placement = modern_tone_placement
        self._target: QLineEdit | None = None
        self._mode = KeyboardMode.TEXT
        self._digits_shown = False
        self._capitals = True

        # One slot for every key: clicked(bool) of a key is looked up here.
        self._actions: dict[QAbstractButton, Callable[[], None]] = {}
        self._group = QButtonGroup(self)
        self._group.setExclusive(False)
        self._group.buttonClicked.connect(self._on_key_clicked)
        self._letter_keys: dict[str, QPushButton] = {}  # letter -> key, relabelled on shift
        self._page_keys: dict[QWidget, dict[str, QPushButton]] = {}

        # A stack, not two widgets shown in turn: the keyboard keeps one height in both
        # modes, so the question and field above it do not jump between "name" and "year"
        # (and no window minimum size changes under the resident's finger).
        self._pages = QStackedWidget(self)
        self._letters_page = self._build_letters_page()
        self._digits_page = self._build_digits_page()
        self._pages.addWidget(self._letters_page)
        self._pages.addWidget(self._digits_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._pages)
        self._retranslate()
        self.set_mode(KeyboardMode.TEXT)
        # A layout that also holds word-wrapped text (height-for-width) may squeeze a
        # Fixed widget below its size hint, and the keys would overlap: make it a minimum.
        self.ensurePolished()
        self.setMinimumHeight(self.sizeHint().height())

    # -- public API ----------------------------------------------------------------------

    @property
    def target(self) -> QLineEdit | None:
        """The field the keys type into (None: the keys do nothing)."""
        return self._target

    def set_target(self, line_edit: QLineEdit | None) -> None:
        if line_edit is not self._target:
            if self._target is not None:
                self._target.cursorPositionChanged.disconnect(self._on_cursor_moved)
                self._target.destroyed.disconnect(self._on_target_destroyed)
            self._target = line_edit
            if line_edit is not None:
                line_edit.cursorPositionChanged.connect(self._on_cursor_moved)
                line_edit.destroyed.connect(self._on_target_destroyed)
        self._refresh_case()

    @property
    def mode(self) -> KeyboardMode:
        return self._mode

    def set_mode(self, mode: KeyboardMode | str) -> None:
        """Show the letters ("text") or only the number pad ("digits")."""
        self._mode = KeyboardMode(mode)
        self._show_digits(self._mode is KeyboardMode.DIGITS)

    def key(self, name: str) -> QPushButton:
        """The key `key_<name>`, preferring the page being shown; KeyError if none."""
        pages = [self._letters_page, self._digits_page]
        if self._digits_shown:
            pages.reverse()
        for page in pages:
            if name in self._page_keys[page]:
                return self._page_keys[page][name]
        raise KeyError(name)

    # -- building ------------------------------------------------------------------------

    def _make_key(self, page: QWidget, name: str, kind: str, action: Callable[[], None],
                  *, pad: bool = False) -> QPushButton:
        """A key of `page`; `pad` keys (the number pad) grow to fill the keyboard's height."""
        key = QPushButton(page)
        key.setObjectName(f"key_{name}")
        key.setProperty("kind", kind)
        # NoFocus: a tap must leave the cursor (and the focus frame) in the line edit.
        key.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        key.setAutoDefault(False)
        key.setProperty("pad", pad)  # the style sheet sizes the keys; see _style_sheet
        key.setSizePolicy(QSizePolicy.Policy.Expanding,
                          QSizePolicy.Policy.Expanding if pad else QSizePolicy.Policy.Fixed)
        self._group.addButton(key)
        self._actions[key] = action
        self._page_keys.setdefault(page, {})[name] = key
        return key

    def _build_letters_page(self) -> QWidget:
        page = QWidget(self._pages)  # made in place: a moved widget is styled again
        page.setObjectName("letters_page")
        grid = QGridLayout(page)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(_SPACING)
        for column in range(_GRID_COLUMNS):
            grid.setColumnStretch(column, 1)

        def letter_key(letter: str, row: int, column: int) -> None:
            name = _LETTER_NAMES.get(letter, letter)
            key = self._make_key(page, name, "letter", partial(self._type_letter, letter))
            key.setAccessibleName(letter)
            self._letter_keys[letter] = key
            grid.addWidget(key, row, column, 1, 2)

        top, middle, bottom = LETTER_ROWS
        for i, letter in enumerate(top):
            letter_key(letter, 0, 2 * i)
        for i, letter in enumerate(middle):
            letter_key(letter, 1, 1 + 2 * i)
        shift = self._make_key(page, "shift", "function", self._toggle_capitals)
        shift.setCheckable(True)
        grid.addWidget(shift, 2, 0, 1, 3)
        for i, letter in enumerate(bottom):
            letter_key(letter, 2, 3 + 2 * i)
        backspace = self._make_key(page, "backspace", "function", self._backspace)
        self._repeat_gently(backspace)
        grid.addWidget(backspace, 2, 17, 1, 3)
        for i, letter in enumerate(VIETNAMESE_LETTERS):
            letter_key(letter, 3, 3 + 2 * i)
        for i, tone in enumerate(Tone):
            key = self._make_key(page, f"tone_{tone.value}", "tone",
                                 partial(self._apply_tone, tone))
            grid.addWidget(key, 4, 4 * i, 1, 4)
        grid.addWidget(self._make_key(page, "to_digits", "function",
                                      partial(self._show_digits, True)), 5, 0, 1, 3)
        grid.addWidget(self._make_key(page, "space", "function", partial(self._insert, " ")),
                       5, 3, 1, 12)
        grid.addWidget(self._make_key(page, "done", "done", self.confirmed.emit), 5, 15, 1, 5)
        return page

    def _build_digits_page(self) -> QWidget:
        page = QWidget(self._pages)
        page.setObjectName("digits_page")
        pad = QWidget(page)
        pad.setMaximumWidth(_DIGIT_PAD_MAX_WIDTH)
        pad.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        grid = QGridLayout(pad)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(_SPACING)
        for column in range(3):
            grid.setColumnStretch(column, 1)
        # The pad shares the height of the letters (see __init__), so its keys grow taller
        # than the letters' (about 100 px); equal stretch keeps the four rows one height.
        for row in range(4):
            grid.setRowStretch(row, 1)

        def pad_key(name: str, kind: str, action: Callable[[], None]) -> QPushButton:
            key = self._make_key(page, name, kind, action, pad=True)
            if kind == "digit":
                key.setText(name)
            return key

        # Telephone order (1 at the top left), as on the phones the lessons teach.
        for i, digit in enumerate("123456789"):
            grid.addWidget(pad_key(digit, "digit", partial(self._insert, digit)), i // 3, i % 3)
        backspace = pad_key("backspace", "function", self._backspace)
        self._repeat_gently(backspace)
        grid.addWidget(backspace, 3, 0)
        grid.addWidget(pad_key("0", "digit", partial(self._insert, "0")), 3, 1)
        grid.addWidget(pad_key("done", "done", self.confirmed.emit), 3, 2)
        to_letters = self._make_key(page, "to_letters", "function",
                                    partial(self._show_digits, False))
        grid.addWidget(to_letters, 4, 0, 1, 3)
        row = QHBoxLayout(page)
        row.setContentsMargins(0, 0, 0, 0)
        row.addStretch(1)
        row.addWidget(pad, 4)
        row.addStretch(1)
        return page

    @staticmethod
    def _repeat_gently(key: QPushButton) -> None:
        # Holding Delete deletes more, but only after a clear pause: a slow, heavy tap
        # from an unsure finger must still delete a single letter.
        key.setAutoRepeat(True)
        key.setAutoRepeatDelay(800)
        key.setAutoRepeatInterval(150)

    def _retranslate(self) -> None:
        keys = self._page_keys
        for page in (self._letters_page, self._digits_page):
            keys[page]["backspace"].setText(self.tr("Delete"))
            keys[page]["done"].setText(self.tr("Done"))
        letters = keys[self._letters_page]
        letters["space"].setText(self.tr("Space"))
        letters["shift"].setText(self.tr("Capitals", "key: the next letter is a capital"))
        letters["to_digits"].setText(self.tr("123", "key: show the number keys"))
        keys[self._digits_page]["to_letters"].setText(
            self.tr("ABC", "key: show the letter keys"))
        tone_names = {
            Tone.SAC: self.tr("acute", "Vietnamese tone mark sắc"),
            Tone.HUYEN: self.tr("grave", "Vietnamese tone mark huyền"),
            Tone.HOI: self.tr("hook", "Vietnamese tone mark hỏi"),
            Tone.NGA: self.tr("tilde", "Vietnamese tone mark ngã"),
            Tone.NANG: self.tr("dot", "Vietnamese tone mark nặng"),
        }
        for tone, name in tone_names.items():
            letters[f"tone_{tone.value}"].setText(f"{with_tone('a', tone)}  {name}")
        for page_keys in keys.values():
            for key in page_keys.values():
                if key.property("kind") != "letter":
                    key.setAccessibleName(key.text())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
            self._fit_labels()
        super().changeEvent(event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_labels_later()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._fit_labels_later()

    def _fit_labels_later(self) -> None:
        # Once the shown page has laid its keys out.
        QTimer.singleShot(0, self, self._fit_labels)

    def _fit_labels(self) -> None:
        """Function keys whose word does not fit at the normal size take a smaller one."""
        for page_keys in self._page_keys.values():
            for key in page_keys.values():
                if key.property("kind") != "function":
                    continue
                font = QFont(key.font())
                font.setPixelSize(_FUNCTION_TEXT)
                needed = QFontMetrics(font).horizontalAdvance(key.text()) + 2 * (
                    _PADDING_X + _BORDER)
                tight = needed > key.width()
                if bool(key.property("tight")) != tight:
                    key.setProperty("tight", tight)
                    key.style().unpolish(key)
                    key.style().polish(key)

    # -- key actions ---------------------------------------------------------------------

    @Slot(QAbstractButton)
    def _on_key_clicked(self, key: QAbstractButton) -> None:
        self._actions[key]()

    def _editable_target(self) -> QLineEdit | None:
        edit = self._target
        if edit is None or edit.isReadOnly() or not edit.isEnabled():
            return None
        return edit

    def _insert(self, text: str) -> None:
        edit = self._editable_target()
        if edit is not None:
            edit.insert(text)  # honours maxLength and the validator
            self._refresh_case()

    def _type_letter(self, letter: str) -> None:
        self._insert(letter.upper() if self._capitals else letter)

    def _backspace(self) -> None:
        edit = self._editable_target()
        if edit is not None:
            edit.backspace()
            self._refresh_case()

    def _apply_tone(self, tone: Tone) -> None:
        edit = self._editable_target()
        if edit is None:
            return
        old = edit.text()
        new, cursor = apply_tone(old, index_at(old, edit.cursorPosition()), tone,
                                 modern=self.modern_tone_placement)
        if new == old:
            return
        # Replace only the changed letters through insert(), not setText(), so the
        # validator has its say and the undo history is kept.
        start, old_end, new_end = changed_span(old, new)
        if old_end > start:
            edit.setSelection(units_at(old, start),
                              units_at(old, old_end) - units_at(old, start))
        else:
            edit.setCursorPosition(units_at(old, start))
        edit.insert(new[start:new_end])
        if edit.text() == new:
            edit.setCursorPosition(units_at(new, cursor))

    def _toggle_capitals(self) -> None:
        self._capitals = not self._capitals
        self._relabel_letters()

    def _show_digits(self, shown: bool) -> None:
        self._digits_shown = shown
        self._pages.setCurrentWidget(self._digits_page if shown else self._letters_page)
        # "ABC" only makes sense when the number pad is a layer over the letters.
        self._page_keys[self._digits_page]["to_letters"].setVisible(
            shown and self._mode is KeyboardMode.TEXT)
        self._fit_labels_later()

    # -- capitals ------------------------------------------------------------------------

    def _refresh_case(self) -> None:
        """Capitals for the first letter of every word: names are typed "Nguyễn Văn An"."""
        edit = self._target
        if edit is None:
            self._capitals = True
        else:
            cursor = edit.selectionStart() if edit.hasSelectedText() else edit.cursorPosition()
            self._capitals = starts_word(edit.text(), index_at(edit.text(), cursor))
        self._relabel_letters()

    def _relabel_letters(self) -> None:
        # The keys show what a tap will type, so the capital is never a surprise.
        for letter, key in self._letter_keys.items():
            key.setText(letter.upper() if self._capitals else letter)
        self._page_keys[self._letters_page]["shift"].setChecked(self._capitals)

    @Slot(int, int)
    def _on_cursor_moved(self, _old: int, _new: int) -> None:
        self._refresh_case()

    @Slot()
    def _on_target_destroyed(self) -> None:
        self._target = None
