"""Importing a lesson pack: checked before anything is replaced, the previous pack kept,
unsafe archives refused."""

import json
import stat
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk import lesson_import, paths, settings
from kiosk.db.engine import open_database
from kiosk.db.models import AuditEntry, StaffRole, StaffUser
from kiosk.skills import Skill
from kiosk.staff import NotAllowed, StaffUserInfo

LESSON = """\
id: {skill}.{name}
skill: {skill}
title: Bài thử {name}
minutes: 3
steps:
  - kind: explain
    title: Mở đầu
    text: Kẻ gian hay gọi điện xưng là công an.
  - kind: choice
    prompt: Người lạ gọi xin mã OTP. Bà con làm gì?
    options:
      - text: Đọc mã cho họ
      - text: Cúp máy, báo công an xã
        correct: true
"""
BROKEN = """\
id: safety.broken
skill: safety
title: Bài hỏng
minutes: 3
steps:
  - kind: choice
    prompt: Câu hỏi không có đáp án đúng
    options:
      - text: Một
      - text: Hai
"""


def write_pack(folder: Path, lessons: dict[str, str]) -> Path:
    for relative, text in lessons.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def good_pack(folder: Path) -> Path:
    return write_pack(folder, {
        "safety/otp.yaml": LESSON.format(skill="safety", name="otp"),
        "safety/calls.yaml": LESSON.format(skill="safety", name="calls"),
        "payment/qr.yaml": LESSON.format(skill="payment", name="qr"),
    })


def zip_of(folder: Path, target: Path, prefix: str = "") -> Path:
    with zipfile.ZipFile(target, "w") as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, prefix + path.relative_to(folder).as_posix())
    return target


@pytest.fixture
def config(isolated_settings: Path) -> settings.Settings:
    return settings.load()


@pytest.fixture
def config_file() -> Path:
    return settings.config_file()


@pytest.fixture
def db(config):
    factory = open_database(config.effective_database_url, ["Ấp 1"])
    yield factory
    factory.kw["bind"].dispose()


@pytest.fixture
def admin(db) -> StaffUserInfo:
    with db.begin() as session:
        row = StaffUser(username="admin", display_name="Quản trị", role=StaffRole.ADMIN,
                        pin_hash="!")
        session.add(row)
        session.flush()
        return StaffUserInfo(row.id, row.username, row.display_name, row.role)


def audit_actions(db) -> list[tuple[str, dict]]:
    with db() as session:
        return [(e.action, json.loads(e.detail or "{}")) for e in
                session.scalars(select(AuditEntry).order_by(AuditEntry.id))]


def bundled_snapshot() -> dict[str, float]:
    return {str(p): p.stat().st_mtime for p in paths.BUNDLED_LESSONS.rglob("*")}


def test_a_pack_with_an_error_shows_it_and_replaces_nothing(db, admin, config, config_file,
                                                           tmp_path):
    source = good_pack(tmp_path / "goi")
    write_pack(source, {"safety/broken.yaml": BROKEN})
    staged = lesson_import.stage(source, config.data_dir)
    assert staged.lesson_count == 3 and not staged.clean and staged.usable
    assert staged.per_skill()[Skill.SAFETY] == 2
    # Each problem names the file inside the pack, and its line.
    assert staged.problem_lines == [
        "safety/broken.yaml:6: “bước 1”: cần ít nhất một lựa chọn đúng (correct: true)"]
    with pytest.raises(lesson_import.ImportRefused):
        lesson_import.replace(db, admin, staged, config.data_dir, config_file)
    assert not (config.data_dir / "lessons").exists()
    assert not config_file.exists()
    assert settings.load().lessons_dir == paths.BUNDLED_LESSONS
    assert audit_actions(db) == []
    lesson_import.discard(staged)
    assert not list(config.data_dir.glob("lessons.incoming-*"))


def test_errors_accepted_switch_the_broken_lessons_off(db, admin, config, config_file,
                                                       tmp_path):
    source = write_pack(good_pack(tmp_path / "goi"), {"safety/broken.yaml": BROKEN})
    staged = lesson_import.stage(source, config.data_dir)
    folder = lesson_import.replace(db, admin, staged, config.data_dir, config_file,
                                   accept_broken=True)
    from kiosk.lessons.loader import load_pack

    assert len(load_pack(folder).lessons) == 3 and len(load_pack(folder).disabled) == 1
    assert audit_actions(db)[-1] == ("lessons.import", {
        "source": "goi", "lessons": 3, "problems": len(staged.pack.problems),
        "broken_switched_off": 1})


def test_a_good_pack_replaces_the_lessons_and_the_previous_pack_is_kept(
        db, admin, config, config_file, tmp_path):
    bundled = bundled_snapshot()
    first = lesson_import.stage(zip_of(good_pack(tmp_path / "mot"), tmp_path / "mot.zip",
                                       prefix="goi-bai-hoc/"), config.data_dir)
    assert first.clean and first.lesson_count == 3 and first.root.name == "goi-bai-hoc"
    current = lesson_import.replace(db, admin, first, config.data_dir, config_file)
    assert current == config.data_dir / "lessons"
    assert settings.load().lessons_dir == current  # read back from the settings file
    assert (current / "payment" / "qr.yaml").exists()

    second_source = write_pack(tmp_path / "hai", {
        "platforms/vneid.yaml": LESSON.format(skill="platforms", name="vneid")})
    second = lesson_import.stage(second_source, config.data_dir)
    lesson_import.replace(db, admin, second, config.data_dir, config_file)
    assert sorted(p.name for p in current.rglob("*.yaml")) == ["vneid.yaml"]
    kept = config.data_dir / "lessons.previous"
    assert sorted(p.name for p in kept.rglob("*.yaml")) == ["calls.yaml", "otp.yaml", "qr.yaml"]

    assert lesson_import.can_undo(config.data_dir)
    lesson_import.undo(db, admin, config.data_dir, config_file)
    assert sorted(p.name for p in current.rglob("*.yaml")) == ["calls.yaml", "otp.yaml",
                                                               "qr.yaml"]
    assert settings.load().lessons_dir == current
    assert not lesson_import.can_undo(config.data_dir)
    assert [a for a, _ in audit_actions(db)] == ["lessons.import", "lessons.import",
                                                 "lessons.undo"]
    assert bundled_snapshot() == bundled
    assert not list(config.data_dir.glob("lessons.incoming-*"))


def test_undoing_the_first_import_goes_back_to_the_bundled_lessons(db, admin, config,
                                                                   config_file, tmp_path):
    config_file.write_text('commune_name = "Xã Tân Hòa"\n', encoding="utf-8")
    staged = lesson_import.stage(good_pack(tmp_path / "goi"), config.data_dir)
    lesson_import.replace(db, admin, staged, config.data_dir, config_file)
    lesson_import.undo(db, admin, config.data_dir, config_file)
    again = settings.load()
    assert again.lessons_dir == paths.BUNDLED_LESSONS
    assert again.commune_name == "Xã Tân Hòa"  # the rest of the file is as it was


@pytest.mark.parametrize("evil", ["../evil.yaml", "safety/../../evil.yaml", "/tmp/evil.yaml"])
def test_a_zip_reaching_outside_its_folder_is_refused(config, tmp_path, evil):
    archive = tmp_path / "goi.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("safety/otp.yaml", LESSON.format(skill="safety", name="otp"))
        zf.writestr(evil, "id: evil\n")
    with pytest.raises(lesson_import.ImportRefused) as refused:
        lesson_import.stage(archive, config.data_dir)
    assert "an toàn" in str(refused.value)
    assert not (tmp_path / "evil.yaml").exists() and not Path("/tmp/evil.yaml").exists()
    assert not list(config.data_dir.glob("lessons.incoming-*"))


def test_a_zip_with_a_symlink_is_refused(config, tmp_path):
    archive = tmp_path / "goi.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        link = zipfile.ZipInfo("safety/passwd.yaml")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(link, "/etc/passwd")
    with pytest.raises(lesson_import.ImportRefused) as refused:
        lesson_import.stage(archive, config.data_dir)
    assert "symlink" in str(refused.value)


def test_a_folder_with_a_symlink_is_refused(config, tmp_path):
    source = good_pack(tmp_path / "goi")
    (source / "safety" / "secret.yaml").symlink_to("/etc/hostname")
    with pytest.raises(lesson_import.ImportRefused):
        lesson_import.stage(source, config.data_dir)


def test_a_zip_bomb_is_stopped_at_the_size_limit(config, tmp_path, monkeypatch):
    monkeypatch.setattr(lesson_import, "MAX_UNPACKED", 1_000_000)
    archive = tmp_path / "bom.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("safety/big.yaml", b"#" * 2_000_000)
    assert archive.stat().st_size < 20_000
    with pytest.raises(lesson_import.ImportRefused) as refused:
        lesson_import.stage(archive, config.data_dir)
    assert "quá lớn" in str(refused.value)
    assert not list(config.data_dir.glob("lessons.incoming-*"))


def test_a_file_that_is_not_a_pack_or_has_no_lessons_is_refused(db, admin, config,
                                                                config_file, tmp_path):
    text = tmp_path / "ghi-chu.txt"
    text.write_text("không phải bài học", encoding="utf-8")
    with pytest.raises(lesson_import.ImportRefused):
        lesson_import.stage(text, config.data_dir)
    empty = tmp_path / "trong"
    (empty / "safety").mkdir(parents=True)
    staged = lesson_import.stage(empty, config.data_dir)
    assert not staged.usable
    with pytest.raises(lesson_import.ImportRefused):
        lesson_import.replace(db, admin, staged, config.data_dir, config_file,
                              accept_broken=True)


def test_only_admins_import(db, config, config_file, tmp_path):
    with db.begin() as session:
        row = StaffUser(username="tv", display_name="Tổ viên", role=StaffRole.TEAM_MEMBER,
                        pin_hash="!")
        session.add(row)
        session.flush()
        member = StaffUserInfo(row.id, row.username, row.display_name, row.role)
    staged = lesson_import.stage(good_pack(tmp_path / "goi"), config.data_dir)
    with pytest.raises(NotAllowed):
        lesson_import.replace(db, member, staged, config.data_dir, config_file)
    assert not (config.data_dir / "lessons").exists()


def test_a_failure_half_way_puts_the_previous_pack_and_settings_back(
        db, admin, config, config_file, tmp_path, monkeypatch):
    first = lesson_import.stage(good_pack(tmp_path / "mot"), config.data_dir)
    lesson_import.replace(db, admin, first, config.data_dir, config_file)
    settings_before = config_file.read_text(encoding="utf-8")
    second = lesson_import.stage(write_pack(tmp_path / "hai", {
        "platforms/vneid.yaml": LESSON.format(skill="platforms", name="vneid")}),
        config.data_dir)

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(settings, "save", disk_full)
    with pytest.raises(OSError):
        lesson_import.replace(db, admin, second, config.data_dir, config_file)
    current = config.data_dir / "lessons"
    assert sorted(p.name for p in current.rglob("*.yaml")) == ["calls.yaml", "otp.yaml",
                                                               "qr.yaml"]
    assert config_file.read_text(encoding="utf-8") == settings_before
    assert [a for a, _ in audit_actions(db)] == ["lessons.import"]
