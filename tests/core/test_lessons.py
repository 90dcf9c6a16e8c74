"""Lesson packs: the bundled lessons load clean; broken files are located and disabled."""

import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.cli import main as cli
from kiosk.lessons.loader import load_pack

REPO = Path(__file__).resolve().parents[2]
LESSONS = REPO / "lessons"

GOOD = """\
id: safety.good
skill: safety
title: Bài tốt
steps:
  - kind: explain
    text: Xin chào bà con.
  - kind: choice
    prompt: Có nên đọc mã OTP cho người lạ không?
    options:
      - text: Không bao giờ
        correct: true
      - text: Có
"""

# Three mistakes, on lines 2, 6 and 13.
BROKEN = """\
id: safety.broken
skil: safety
title: Bài hỏng
steps:
  - kind: explain
    txt: Thiếu chữ "text".
  - kind: choice
    prompt: Câu nào đúng?
    options:
      - text: Một
        correct: true
      - text: Hai
  - kind: video
    text: Không có loại bước này.
"""


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_three_mistakes_give_three_located_messages(tmp_path: Path):
    broken = write(tmp_path / "safety", "broken.yaml", BROKEN)
    pack = load_pack(tmp_path)
    located = sorted((p.line, p.message) for p in pack.problems)
    assert [line for line, _ in located] == [2, 6, 13], located
    assert all(p.file == broken for p in pack.problems)
    messages = " | ".join(m for _, m in located)
    assert "skil" in messages and "txt" in messages and "video" in messages


def test_a_broken_lesson_is_disabled_alone(tmp_path: Path):
    write(tmp_path / "safety", "good.yaml", GOOD)
    broken = write(tmp_path / "safety", "broken.yaml", BROKEN)
    write(tmp_path / "safety", "syntax.yaml", "id: safety.x\nsteps: [\n")
    pack = load_pack(tmp_path)
    assert list(pack.lessons) == ["safety.good"]
    assert set(pack.disabled) == {broken, tmp_path / "safety" / "syntax.yaml"}
    syntax = [p for p in pack.problems if p.file.name == "syntax.yaml"]
    assert len(syntax) == 1 and syntax[0].line and "YAML" in syntax[0].message


@pytest.mark.parametrize(("text", "fragment"), [
    ("", "rỗng"),
    ("- a\n- b\n", "bảng"),
    (GOOD.replace("skill: safety", "skill: safety\nskill: payment"), "lặp"),
    (GOOD.replace("        correct: true\n", ""), "lựa chọn đúng"),
    (GOOD.replace("id: safety.good", "id: payment.good"), "safety."),
])
def test_other_mistakes_have_their_own_message(tmp_path: Path, text, fragment):
    write(tmp_path / "safety", "lesson.yaml", text)
    pack = load_pack(tmp_path)
    assert not pack.lessons
    assert any(fragment in p.message for p in pack.problems), pack.problems


def test_duplicate_ids_and_wrong_folders_are_caught(tmp_path: Path):
    write(tmp_path / "safety", "a.yaml", GOOD)
    write(tmp_path / "safety", "b.yaml", GOOD)
    write(tmp_path / "payment", "c.yaml", GOOD.replace("safety.good", "safety.other"))
    pack = load_pack(tmp_path)
    assert list(pack.lessons) == ["safety.good"]
    assert len(pack.problems) == 2


def test_not_utf8_is_reported(tmp_path: Path):
    (tmp_path / "safety").mkdir()
    (tmp_path / "safety" / "latin1.yaml").write_bytes("title: Bài".encode("cp1258"))
    assert "UTF-8" in load_pack(tmp_path).problems[0].message


def test_cli_check_prints_problems_and_exits_non_zero(tmp_path: Path, capsys):
    write(tmp_path / "safety", "broken.yaml", BROKEN)
    assert cli(["lessons", "check", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert out.count("broken.yaml:") == 3
    assert "broken.yaml:6:" in out


def test_cli_check_of_the_bundled_pack_passes_in_a_fresh_process():
    done = subprocess.run([sys.executable, "-m", "kiosk", "lessons", "check", str(LESSONS)],
                          capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "không có lỗi" in done.stdout


SCREENED_CHECK = GOOD + """\
check:
  pass_mark: 1
  questions:
    - kind: choice
      prompt: Tin nhắn này thật hay giả?
      screen: sms.nowhere
      options:
        - text: Giả
          correct: true
        - text: Thật
"""


def test_a_check_question_showing_a_missing_screen_is_located(tmp_path: Path):
    write(tmp_path / "safety", "lesson.yaml", SCREENED_CHECK)
    pack = load_pack(tmp_path)
    assert not pack.lessons
    [problem] = pack.problems
    assert problem.line == 18 and "sms.nowhere" in problem.message
    assert "câu kiểm tra 1" in problem.message


def test_a_skill_has_one_final_check_and_it_must_check(tmp_path: Path):
    final = GOOD.replace("title: Bài tốt", "title: Kiểm tra cuối\nfinal: true")
    write(tmp_path / "safety", "a.yaml", final)
    pack = load_pack(tmp_path)
    assert any("phải có phần kiểm tra" in p.message for p in pack.problems)
    checked = SCREENED_CHECK.replace("      screen: sms.nowhere\n", "")
    write(tmp_path / "safety", "a.yaml", checked.replace("title: Bài tốt",
                                                         "title: Cuối\nfinal: true"))
    write(tmp_path / "safety", "b.yaml", checked.replace("title: Bài tốt", "title: Cuối 2\n"
                                                         "final: true").replace(
        "safety.good", "safety.other"))
    pack = load_pack(tmp_path)
    assert list(pack.lessons) == ["safety.good"]
    [problem] = pack.problems
    assert problem.line == 4 and "đã có bài kiểm tra cuối" in problem.message
