"""The on-screen keyboard: its Vietnamese text logic, and typing by tapping the real keys."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import ClassVar

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ui.theme import KEY_TOUCH
from ui.widgets.keyboard import (
    KeyboardMode,
    OnScreenKeyboard,
    Tone,
    apply_tone,
    changed_span,
    starts_word,
    tone_vowel_index,
    with_tone,
)

# -- pure functions ----------------------------------------------------------------------

S, F, H, N, D = Tone.SAC, Tone.HUYEN, Tone.HOI, Tone.NGA, Tone.NANG


@pytest.mark.parametrize(
    ("word", "tone", "modern", "expected"),
    [
        # The documented choice: modern placement (schoolbooks since 2018) by default,
        # the older one on request.
        ("hoa", F, True, "hoà"),
        ("hoa", F, False, "hòa"),
        ("thuy", H, True, "thuỷ"),
        ("thuy", H, False, "thủy"),
        ("khoe", H, True, "khoẻ"),
        ("khoe", H, False, "khỏe"),
        # A vowel with a breve, circumflex or horn wins.
        ("ngươi", F, True, "người"),
        ("đươc", D, True, "được"),
        ("quyêt", S, True, "quyết"),
        ("Phương", D, True, "Phượng"),
        ("Nguyên", N, True, "Nguyễn"),
        ("rươu", D, True, "rượu"),
        ("giưa", N, True, "giữa"),
        ("Trân", F, True, "Trần"),
        ("NGUYÊN", N, True, "NGUYỄN"),
        # Open pairs mark the first vowel, three open vowels the middle one.
        ("mua", S, True, "múa"),
        ("tai", F, True, "tài"),
        ("ngoai", F, True, "ngoài"),
        ("khuyu", H, True, "khuỷu"),
        # A final consonant moves the tone to the last vowel, in both styles.
        ("hoang", F, False, "hoàng"),
        ("huynh", F, False, "huỳnh"),
        # The u of "qu" and the i of "gi" belong to the consonant, unless alone.
        ("quy", S, True, "quý"),
        ("qua", S, True, "quá"),
        ("gia", S, True, "giá"),
        ("gi", F, True, "gì"),
        ("Thi", D, True, "Thị"),
        ("A", S, True, "Á"),
    ],
)
def test_apply_tone_places_the_mark_on_the_right_vowel(word, tone, modern, expected):
    text, cursor = apply_tone(word, len(word), tone, modern=modern)
    assert text == expected
    assert cursor == len(expected)
    assert unicodedata.is_normalized("NFC", text)


def test_the_same_tone_again_removes_it_and_another_replaces_it_in_place():
    assert apply_tone("người", 5, F) == ("ngươi", 5)
    assert apply_tone("người", 5, S) == ("ngưới", 5)
    # Replacing keeps the resident's vowel even where the rule would pick another one.
    assert apply_tone("hòa", 3, S) == ("hóa", 3)
    assert apply_tone("Nguyễn Thị", 6, N) == ("Nguyên Thị", 6)


def test_a_tone_goes_to_the_syllable_typed_so_far():
    # Tapping the tone right after the vowel, then the rest of the word.
    assert apply_tone("Nguyê", 5, N) == ("Nguyễ", 5)
    assert apply_tone("Lươ", 3, D) == ("Lượ", 3)
    # The cursor inside a word: the letters before it are the syllable, the rest stays.
    assert apply_tone("hoa", 2, F) == ("hòa", 2)


def test_a_tone_after_a_space_goes_to_the_word_before_it():
    assert apply_tone("Nguyên ", 7, N) == ("Nguyễn ", 7)
    assert apply_tone("Trân  Văn", 6, F) == ("Trần  Văn", 6)


def test_no_vowel_no_change():
    assert apply_tone("", 0, S) == ("", 0)
    assert apply_tone("Ng", 2, S) == ("Ng", 2)
    assert apply_tone("x  y", 3, S) == ("x  y", 3)
    assert apply_tone("1958", 4, S) == ("1958", 4)


def test_the_result_is_nfc_even_when_the_input_was_not():
    decomposed = unicodedata.normalize("NFD", "Nguyên Ánh")
    text, cursor = apply_tone(decomposed, decomposed.index(" "), N)
    assert text == "Nguyễn " + unicodedata.normalize("NFD", "Ánh")
    assert text[:7] == "Nguyễn " and cursor == 6
    assert unicodedata.is_normalized("NFC", text[:cursor])


def test_with_tone_composes_in_canonical_order():
    assert with_tone("ê", D) == "ệ" and len(with_tone("ê", D)) == 1
    assert with_tone("Ự", None) == "Ư"
    assert with_tone("ả", N) == "ã"


def test_tone_vowel_index():
    assert tone_vowel_index("nguyên") == 4
    assert tone_vowel_index("hoa") == 2
    assert tone_vowel_index("hoa", modern=False) == 1
    assert tone_vowel_index("ng") is None


def test_starts_word_and_changed_span():
    assert starts_word("", 0)
    assert starts_word("Nguyễn ", 7)
    assert not starts_word("Nguyễn", 6)
    assert changed_span("Nguyên An", "Nguyễn An") == (4, 5, 5)
    assert changed_span("ab", "abc") == (2, 2, 3)
    assert changed_span("same", "same") == (4, 4, 4)


# -- the widget --------------------------------------------------------------------------


class Form(QWidget):
    """A 1280x720 kiosk-sized window: a field above the keyboard, as the screens have it."""

    def __init__(self) -> None:
        super().__init__()
        self.edit = QLineEdit()
        self.keyboard = OnScreenKeyboard()
        self.keyboard.set_target(self.edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.edit)
        layout.addStretch(1)
        layout.addWidget(self.keyboard)
        # Size the window before it exists: the offscreen platform warns when a shown
        # window's minimum size changes, and warnings fail the tests.
        layout.activate()
        self.resize(1280, 720)


@pytest.fixture
def form(qtbot) -> Iterator[Form]:
    form = Form()
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    form.edit.setFocus()
    qtbot.waitUntil(form.edit.hasFocus)
    yield form


def tap(qtbot, keyboard: OnScreenKeyboard, *names: str) -> None:
    for name in names:
        key = keyboard.key(name)
        assert key.isVisible(), f"key_{name} is not shown"
        qtbot.mouseClick(key, Qt.MouseButton.LeftButton)


def visible_keys(keyboard: OnScreenKeyboard) -> list[QPushButton]:
    return [k for k in keyboard.findChildren(QPushButton) if k.isVisible()]


def test_typing_a_name_tone_after_each_vowel(qtbot, form):
    tap(qtbot, form.keyboard,
        "n", "g", "u", "y", "ee", "tone_nga", "n", "space",
        "t", "h", "i", "tone_nang", "space",
        "a", "tone_sac", "n", "h")
    assert form.edit.text() == "Nguyễn Thị Ánh"  # capitals came by themselves
    assert unicodedata.is_normalized("NFC", form.edit.text())


def test_typing_a_name_tone_after_each_word(qtbot, form):
    tap(qtbot, form.keyboard,
        "t", "r", "aa", "n", "tone_huyen", "space",
        "dd", "uw", "c", "tone_sac", "space",
        "l", "uw", "ow", "n", "g", "tone_nang")
    assert form.edit.text() == "Trần Đức Lượng"
    assert unicodedata.is_normalized("NFC", form.edit.text())
    assert form.edit.cursorPosition() == len("Trần Đức Lượng")


def test_tone_keys_toggle_and_replace(qtbot, form):
    tap(qtbot, form.keyboard, "m", "a", "tone_sac")
    assert form.edit.text() == "Má"
    tap(qtbot, form.keyboard, "tone_sac")
    assert form.edit.text() == "Ma"
    tap(qtbot, form.keyboard, "tone_huyen", "tone_nga")
    assert form.edit.text() == "Mã"
    tap(qtbot, form.keyboard, "i")
    assert form.edit.text() == "Mãi"


def test_backspace_deletes_a_whole_letter_and_capitals_come_back(qtbot, form):
    tap(qtbot, form.keyboard, "a", "tone_sac", "n")
    assert form.edit.text() == "Án"
    assert form.keyboard.key("q").text() == "q"
    tap(qtbot, form.keyboard, "backspace")
    assert form.edit.text() == "Á"
    tap(qtbot, form.keyboard, "backspace")
    assert form.edit.text() == ""
    assert form.keyboard.key("q").text() == "Q"
    tap(qtbot, form.keyboard, "backspace")  # nothing left: no harm
    assert form.edit.text() == ""


def test_shift_changes_the_next_letter_only(qtbot, form):
    keyboard = form.keyboard
    assert keyboard.key("shift").isChecked() and keyboard.key("dd").text() == "Đ"
    tap(qtbot, keyboard, "shift", "v")  # a lower-case first letter on purpose
    assert not keyboard.key("shift").isChecked()
    tap(qtbot, keyboard, "shift", "a", "n")
    assert form.edit.text() == "vAn"
    assert keyboard.key("a").text() == "a"


def test_digits_mode_types_a_year(qtbot, form):
    keyboard = form.keyboard
    keyboard.set_mode("digits")
    assert keyboard.mode is KeyboardMode.DIGITS
    assert not keyboard.findChild(QWidget, "letters_page").isVisible()
    assert not keyboard.key("to_letters").isVisible()  # no way out of the number pad
    tap(qtbot, keyboard, "1", "9", "5", "7", "backspace", "8")
    assert form.edit.text() == "1958"
    with qtbot.waitSignal(keyboard.confirmed, timeout=1000):
        tap(qtbot, keyboard, "done")


def test_maxlength_and_validator_are_respected(qtbot, form):
    form.edit.setMaxLength(4)
    form.edit.setValidator(QIntValidator(0, 9999, form.edit))
    form.keyboard.set_mode(KeyboardMode.DIGITS)
    tap(qtbot, form.keyboard, "1", "9", "5", "8", "7")
    assert form.edit.text() == "1958"
    form.edit.clear()
    form.keyboard.set_mode(KeyboardMode.TEXT)
    tap(qtbot, form.keyboard, "a", "tone_sac")  # letters are refused by the validator
    assert form.edit.text() == ""


def test_number_layer_in_text_mode(qtbot, form):
    keyboard = form.keyboard
    tap(qtbot, keyboard, "k", "to_digits", "7", "9", "to_letters", "x")
    assert form.edit.text() == "K79x"
    assert keyboard.mode is KeyboardMode.TEXT


def test_done_emits_confirmed(qtbot, form):
    with qtbot.waitSignal(form.keyboard.confirmed, timeout=1000):
        tap(qtbot, form.keyboard, "done")


@pytest.mark.parametrize("layer", ["text", "digits", "text+digits"])
def test_every_key_is_big_enough_at_1280x720(qtbot, form, layer):
    keyboard = form.keyboard
    keyboard.set_mode(layer.split("+")[0])
    if layer == "text+digits":
        tap(qtbot, keyboard, "to_digits")
    keys = visible_keys(keyboard)
    assert len(keys) >= {"text": 40, "digits": 12, "text+digits": 13}[layer]
    for key in keys:
        assert key.width() >= KEY_TOUCH and key.height() >= KEY_TOUCH, key.objectName()
        assert key.font().pixelSize() >= 24, key.objectName()
        assert key.text(), key.objectName()
    assert keyboard.geometry().bottom() < 720


def test_the_keyboard_keeps_its_height_in_every_mode(qtbot, form):
    # The question and the field above must not jump when the page asks for a year.
    keyboard = form.keyboard
    height = keyboard.height()
    keyboard.set_mode("digits")
    qtbot.wait(10)
    assert keyboard.height() == height
    keyboard.set_mode("text")
    tap(qtbot, keyboard, "to_digits")
    assert keyboard.height() == height
    assert height <= 6 * KEY_TOUCH + 5 * 8  # six rows of keys: room is left for the question


def test_letter_keys_have_the_same_width(form):
    widths = {form.keyboard.key(letter).width() for letter in ["q", "a", "z", "m", "p", "aw", "uw"]}
    assert max(widths) - min(widths) <= 2


def test_keys_never_take_the_focus(qtbot, form):
    keyboard = form.keyboard
    for key in keyboard.findChildren(QPushButton):
        assert key.focusPolicy() == Qt.FocusPolicy.NoFocus, key.objectName()
    tap(qtbot, keyboard, "b", "a", "tone_hoi", "space", "shift", "to_digits", "1",
        "to_letters")
    assert form.edit.text() == "Bả 1"
    assert QApplication.focusWidget() is form.edit


def test_a_physical_keyboard_still_works(qtbot, form):
    qtbot.keyClicks(form.edit, "Hoa")
    tap(qtbot, form.keyboard, "tone_huyen")
    qtbot.keyClicks(form.edit, " Binh")
    assert form.edit.text() == "Hoà Binh"
    form.edit.cursorBackward(False, 2)
    tap(qtbot, form.keyboard, "tone_nang", "tone_huyen")  # ì at "Bi|nh"
    assert form.edit.text() == "Hoà Bình"


def test_target_can_change_and_can_disappear(qtbot, form):
    other = QLineEdit(form)
    form.keyboard.set_target(other)
    assert form.keyboard.target is other
    tap(qtbot, form.keyboard, "a")
    assert other.text() == "A" and form.edit.text() == ""
    other.deleteLater()
    qtbot.waitUntil(lambda: form.keyboard.target is None)
    tap(qtbot, form.keyboard, "b", "tone_sac", "backspace")  # no target: nothing, no crash
    form.keyboard.set_target(form.edit)
    tap(qtbot, form.keyboard, "c")
    assert form.edit.text() == "C"


def test_read_only_field_is_left_alone(qtbot, form):
    form.edit.setText("An")
    form.edit.setReadOnly(True)
    tap(qtbot, form.keyboard, "b", "tone_sac", "backspace")
    assert form.edit.text() == "An"


class _Vietnamese(QTranslator):
    """Stands in for the .qm file someone else writes: proves the labels go through tr()."""

    WORDS: ClassVar[dict[str, str]] = {
        "Done": "Xong", "Space": "Dấu cách", "Delete": "Xoá", "acute": "sắc"}

    def translate(self, context, source, disambiguation=None, n=-1):
        if context == "OnScreenKeyboard":
            return self.WORDS.get(source, "")
        return ""

    def isEmpty(self) -> bool:
        return False


@pytest.fixture
def untranslated(qtbot):
    """No translation installed: earlier tests leave the kiosk's Vietnamese one behind."""
    app = QCoreApplication.instance()
    installed = app.findChildren(QTranslator)
    for translator in installed:
        QCoreApplication.removeTranslator(translator)
    yield
    for translator in installed:
        QCoreApplication.installTranslator(translator)


def test_labels_are_english_sources_translated_on_language_change(qtbot, untranslated, form):
    keyboard = form.keyboard
    qtbot.waitUntil(lambda: keyboard.key("done").text() == "Done")
    assert keyboard.key("tone_sac").text() == "á  acute"
    translator = _Vietnamese()
    QCoreApplication.installTranslator(translator)
    try:
        qtbot.waitUntil(lambda: keyboard.key("done").text() == "Xong")
        assert keyboard.key("space").text() == "Dấu cách"
        assert keyboard.key("tone_sac").text() == "á  sắc"
        keyboard.set_mode("digits")
        assert keyboard.key("backspace").text() == "Xoá"
    finally:
        QCoreApplication.removeTranslator(translator)
    qtbot.waitUntil(lambda: keyboard.key("done").text() == "Done")


def test_after_a_pasted_emoji_capitals_and_tones_still_land_on_the_right_letter(qtbot, form):
    # Qt counts an emoji as two cursor positions; Python as one character.
    form.edit.setText("Bà 😀 ")
    form.edit.end(False)
    assert form.keyboard.key("a").text() == "A"  # a new word: a capital
    tap(qtbot, form.keyboard, "l", "a", "n", "tone_sac")
    assert form.edit.text() == "Bà 😀 Lán"
    tap(qtbot, form.keyboard, "space", "h", "o", "a")
    assert form.edit.text() == "Bà 😀 Lán Hoa"
    assert form.edit.cursorPosition() == len("Bà 😀 Lán Hoa".encode("utf-16-le")) // 2
