"""The parts of packaging/check_bundle.py that read the bundle's files (the rest starts a
built bundle and runs in `make bundle-check`)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def load_check():
    spec = importlib.util.spec_from_file_location("kiosk_check_bundle",
                                                  REPO / "packaging" / "check_bundle.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_newest_revision_is_alembics_head():
    from kiosk.db.engine import MIGRATIONS, head_revision

    check = load_check()
    assert check.newest_revision(MIGRATIONS / "versions") == head_revision()


def test_two_heads_are_refused(tmp_path):
    check = load_check()
    for name, revision, down in (("a", "0001", None), ("b", "0002", "0001"),
                                 ("c", "0003", "0001")):
        down_text = f'"{down}"' if down else "None"
        (tmp_path / f"{name}.py").write_text(
            f'revision = "{revision}"\ndown_revision = {down_text}\n')
    with pytest.raises(check.CheckFailed, match="2 heads"):
        check.newest_revision(tmp_path)


def test_shortest_lesson_is_a_bundled_hands_on_lesson():
    from kiosk.lessons.loader import load_pack

    check = load_check()
    lesson_id = check.shortest_lesson(REPO / "lessons")
    lessons = load_pack(REPO / "lessons").lessons
    assert lesson_id in lessons
    assert not lessons[lesson_id].final
    # Fewest screens to render: its steps and its check's questions.
    assert len(lessons[lesson_id].all_steps) == min(
        len(lesson.all_steps) for lesson in lessons.values() if not lesson.final)
