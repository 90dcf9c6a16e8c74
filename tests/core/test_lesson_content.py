"""The bundled course itself: enough lessons per skill, hands-on, closing with what to
remember and a check, a final check per skill, NFC text, spelled right, fake values only."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from functools import cache
from pathlib import Path

import pytest
import yaml

from kiosk import paths
from kiosk.lessons.loader import lesson_files, load_pack
from kiosk.lessons.schema import ChoiceStep, ExplainStep, Lesson
from kiosk.lessons.screens import screen_files
from kiosk.skills import Skill

ROOT = paths.BUNDLED_LESSONS
ALLOW_LIST = ROOT / "spelling-allow.txt"
LEAST_PER_SKILL = {Skill.PUBLIC_SERVICES: 3, Skill.SHOPPING: 3, Skill.PAYMENT: 3,
                   Skill.SAFETY: 4, Skill.PLATFORMS: 3}
REMEMBER = "Điều cần nhớ"


@cache
def pack():
    return load_pack(ROOT)


def lessons() -> list[Lesson]:
    return [lesson for lesson in pack().lessons.values() if not lesson.final]


def hands_on(step) -> bool:
    """Done with the hands (or eyes) on a practice screen, or an order to put right."""
    if isinstance(step, ExplainStep):
        return False
    if isinstance(step, ChoiceStep):
        return step.screen is not None
    return True


def test_the_bundled_pack_loads_without_a_problem():
    assert not pack().problems, "\n".join(str(p) for p in pack().problems)


def test_every_skill_has_its_lessons_and_one_final_check():
    assert len(lessons()) >= 16
    for skill, least in LEAST_PER_SKILL.items():
        own = pack().for_skill(skill)
        assert len([lesson for lesson in own if not lesson.final]) >= least, skill
        finals = [lesson for lesson in own if lesson.final]
        assert len(finals) == 1, skill
        assert own[-1].final, f"{skill}: the final check comes last"


@pytest.mark.parametrize("lesson", lessons(), ids=lambda lesson: lesson.id)
def test_a_lesson_is_hands_on_and_closes_with_what_to_remember_and_a_check(lesson):
    steps = lesson.steps
    assert 6 <= len(steps) <= 15, f"{len(steps)} steps"
    practical = sum(map(hands_on, steps))
    assert practical * 2 >= len(steps), f"only {practical} of {len(steps)} steps hands-on"
    last = steps[-1]
    assert isinstance(last, ExplainStep) and last.title == REMEMBER
    assert lesson.check is not None and len(lesson.check.questions) >= 2


@pytest.mark.parametrize("lesson", [lesson for lesson in pack().lessons.values()
                                    if lesson.final], ids=lambda lesson: lesson.id)
def test_a_final_check_asks_enough_and_shows_practice_screens(lesson):
    questions = lesson.check.questions
    assert len(questions) >= 5
    assert sum(q.screen is not None for q in questions) >= 2
    assert lesson.check.pass_mark * 10 >= len(questions) * 7, "pass mark below 70%"


def course_files() -> list[Path]:
    return [*lesson_files(ROOT), *screen_files(ROOT)]


@pytest.mark.parametrize("path", course_files(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_course_text_is_nfc(path: Path):
    text = path.read_text(encoding="utf-8")
    assert unicodedata.normalize("NFC", text) == text


# -- Practice values are obviously fake --------------------------------------------------

# Nine digits or more (an ID number, a phone or account number), spaces and dots allowed
# between groups, and not an amount of money.
LONG_NUMBER = re.compile(r"(?<![\d.])\d[\d .]{7,}\d(?![\d.]*\s*(?:đ|VND|đồng))")


def shown_text(data) -> list[str]:
    """Every string of a lesson or screen file."""
    if isinstance(data, dict):
        return [s for value in data.values() for s in shown_text(value)]
    if isinstance(data, list):
        return [s for value in data for s in shown_text(value)]
    return [data] if isinstance(data, str) else []


@pytest.mark.parametrize("path", course_files(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_long_numbers_are_all_zeros(path: Path):
    """An ID, phone or account number in the course is 0s only: nobody can mistake it for
    a real one, nor type their own where the lesson expects it."""
    real_looking = []
    for text in shown_text(yaml.safe_load(path.read_text(encoding="utf-8"))):
        for number in LONG_NUMBER.findall(text):
            digits = re.sub(r"\D", "", number)
            if len(digits) >= 9 and set(digits) != {"0"}:
                real_looking.append(number)
    assert not real_looking


# -- Spelling ----------------------------------------------------------------------------

# Keys whose values are identifiers, addresses or styles, never read by a person.
NOT_PROSE = {"id", "kind", "screen", "target", "field", "key", "skill", "app", "icon", "data",
             "url", "colors", "style", "keyboard", "from", "accept_id", "decline_id",
             "primary", "on_primary", "expect"}
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# Web addresses and links are spelled as they are on the web, not checked as words.
ADDRESS = re.compile(r"(?:https?://)?[\w-]*(?:\.[\w-]+)+(?:/\S*)?")
# The two accepted places of the tone mark in "oa", "oe", "uy" (hòa / hoà): the dictionary
# knows one; lessons may use either.
TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def prose(data) -> list[str]:
    if isinstance(data, dict):
        return [s for key, value in data.items() if key not in NOT_PROSE
                for s in prose(value)]
    if isinstance(data, list):
        return [s for value in data for s in prose(value)]
    return [data] if isinstance(data, str) else []


def other_tone_place(word: str) -> str:
    """"khóa" -> "khoá" and back: move a tone between the two vowels of oa/oe/uy."""
    chars = list(unicodedata.normalize("NFD", word))
    for i, char in enumerate(chars):
        if char not in TONES:
            continue
        before, after = chars[i - 1].lower() if i else "", chars[i + 1:i + 2]
        pairs = {"o": "ae", "u": "y"}
        if before in pairs and after and after[0].lower() in pairs[before]:
            chars[i], chars[i + 1] = chars[i + 1], chars[i]  # onto the second vowel
            break
        elif i >= 2 and before in "aey" and chars[i - 2].lower() in "ou":
            first = chars[i - 2].lower()
            if before in pairs.get(first, ""):
                del chars[i]
                chars.insert(i - 1, char)  # onto the first vowel
                break
    return unicodedata.normalize("NFC", "".join(chars))


def allowed_words() -> set[str]:
    words = set()
    for line in ALLOW_LIST.read_text(encoding="utf-8").splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            words.add(entry)
    return words


def misspelt(words: set[str]) -> set[str]:
    run = subprocess.run(["hunspell", "-d", "vi_VN", "-l"], input="\n".join(sorted(words)),
                         capture_output=True, text=True, check=True)
    return set(run.stdout.split())


def test_other_tone_place_moves_the_mark_both_ways():
    assert other_tone_place("khóa") == "khoá"
    assert other_tone_place("khoá") == "khóa"
    assert other_tone_place("hủy") == "huỷ"
    assert other_tone_place("khỏe") == "khoẻ"
    assert other_tone_place("người") == "người"


def course_words() -> set[str]:
    return {w for path in course_files()
            for text in prose(yaml.safe_load(path.read_text(encoding="utf-8")))
            for w in WORD.findall(ADDRESS.sub(" ", text))}


def test_the_allow_list_holds_only_words_the_course_needs():
    allowed = allowed_words()
    assert allowed <= course_words(), f"not used any more: {allowed - course_words()}"
    assert misspelt(allowed) == allowed, "already in the dictionary: " \
        f"{allowed - misspelt(allowed)}"


def test_the_allow_list_justifies_every_word():
    for line in ALLOW_LIST.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, _, why = line.partition("#")
            assert why.strip(), f"{word.strip()}: say why it is allowed"


@pytest.mark.parametrize("path", course_files(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_course_text_is_spelled_right(path: Path):
    assert shutil.which("hunspell"), "hunspell is not installed (packaging/debian-deps.sh test)"
    assert Path("/usr/share/hunspell/vi_VN.dic").exists(), "hunspell-vi is not installed"
    words = {w for text in prose(yaml.safe_load(path.read_text(encoding="utf-8")))
             for w in WORD.findall(ADDRESS.sub(" ", text))}
    words -= allowed_words()
    wrong = misspelt(words)
    moved = {w: other_tone_place(w) for w in wrong if other_tone_place(w) != w}
    still_wrong = misspelt(set(moved.values())) if moved else set()
    wrong = {w for w in wrong if w not in moved or moved[w] in still_wrong}
    assert not wrong, f"not in the vi_VN dictionary nor {ALLOW_LIST.name}: {sorted(wrong)}"
