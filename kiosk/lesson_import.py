"""Importing a lesson pack staff were given (a folder or a .zip) in place of the current one.

Nothing is replaced before staff have seen the validation report. `stage` copies or
unpacks the pack into a private folder beside the data (<data_dir>/lessons.incoming-*) and
checks it with the same loader and validator as `kiosk lessons check` and start-up;
`replace` then moves it to <data_dir>/lessons (the pack it replaces is kept as
<data_dir>/lessons.previous, so `undo` can bring it back) and points the `lessons_dir`
setting at it. A pack with errors is only taken when staff accept that its broken lessons
are switched off; a pack with no usable lesson never is. The bundled lessons are never
written to. The kiosk loads the new pack when it is opened again.

A .zip is unpacked defensively: entries with absolute paths or "..", links, encrypted
entries, and more than MAX_UNPACKED bytes (counted as they are written, not as the archive
claims) refuse the whole archive.
"""

from __future__ import annotations

import json
import shutil
import stat
import tempfile
import zipfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from kiosk import paths, settings
from kiosk.lessons.loader import LessonPack, load_pack
from kiosk.residents import Db
from kiosk.skills import Skill
from kiosk.staff import Permission, StaffUserInfo, audit, require

MAX_UNPACKED = 50 * 1024 * 1024
MAX_FILES = 5_000
STAGING_PREFIX = "lessons.incoming-"
CURRENT = "lessons"
PREVIOUS = "lessons.previous"
#: What `undo` needs: the lessons_dir setting as it was before the last import.
UNDO_RECORD = "lessons.previous.json"
_JUNK = {"__MACOSX", ".DS_Store", "Thumbs.db"}
_CHUNK = 1 << 16


class ImportRefused(ValueError):
    """The pack cannot be imported or replaced; the message is Vietnamese, for staff."""


@dataclass
class StagedPack:
    """A pack unpacked and checked, waiting for staff to replace the current one."""

    source: Path
    folder: Path  # the private staging folder; `root` is inside it
    root: Path  # the folder holding the skill folders
    pack: LessonPack
    files: int
    size: int
    problem_lines: list[str] = field(default_factory=list)

    @property
    def lesson_count(self) -> int:
        return len(self.pack.lessons)

    @property
    def usable(self) -> bool:
        return bool(self.pack.lessons)

    @property
    def clean(self) -> bool:
        return self.usable and not self.pack.problems

    def per_skill(self) -> dict[Skill, int]:
        counted = Counter(lesson.skill for lesson in self.pack.lessons.values())
        return {skill: counted.get(skill, 0) for skill in Skill}


def _data(data_dir: Path | str) -> Path:
    return Path(data_dir)


def _problem_lines(pack: LessonPack, root: Path) -> list[str]:
    """Every problem with its file relative to the pack (the staging path means nothing
    to staff) and its line."""
    lines = []
    for problem in pack.problems:
        try:
            name = problem.file.relative_to(root).as_posix()
        except ValueError:
            name = problem.file.name
        where = f"{name}:{problem.line}" if problem.line else name
        lines.append(f"{where}: {problem.message}")
    return lines


def _safe_member(info: zipfile.ZipInfo) -> PurePosixPath | None:
    """The entry's path inside the pack, None for junk; raises for anything unsafe."""
    raw = info.filename.replace("\\", "/")
    path = PurePosixPath(raw)
    if raw.startswith("/") or (path.parts and path.parts[0].endswith(":")):
        raise ImportRefused(f"Tệp .zip có đường dẫn tuyệt đối “{info.filename}”; vì an toàn "
                            "không giải nén tệp này.")
    if ".." in path.parts:
        raise ImportRefused(f"Tệp .zip có đường dẫn ra ngoài thư mục (“{info.filename}”); vì "
                            "an toàn không giải nén tệp này.")
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        raise ImportRefused(f"Tệp .zip có liên kết (symlink) “{info.filename}”; vì an toàn "
                            "không giải nén tệp này.")
    if info.flag_bits & 0x1:
        raise ImportRefused("Tệp .zip có đặt mật khẩu; hãy nén lại không đặt mật khẩu.")
    if any(part in _JUNK for part in path.parts):
        return None
    return path


def _unzip(source: Path, target: Path) -> tuple[int, int]:
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ImportRefused(f"Không mở được {source.name} như một tệp .zip ({exc}).") from exc
    with archive:
        members = [(info, _safe_member(info)) for info in archive.infolist()]
        members = [(info, path) for info, path in members if path is not None]
        if len(members) > MAX_FILES:
            raise ImportRefused(f"Tệp .zip có hơn {MAX_FILES} tệp; đây không giống một gói "
                                "bài học.")
        claimed = sum(info.file_size for info, _ in members)
        if claimed > MAX_UNPACKED:
            raise ImportRefused(_too_big(claimed))
        written = files = 0
        for info, path in members:
            destination = target.joinpath(*path.parts)
            if info.is_dir():
                destination.mkdir(parents=True, exist_ok=True)
                continue
            destination.parent.mkdir(parents=True, exist_ok=True)
            try:
                with archive.open(info) as src, open(destination, "wb") as out:
                    while chunk := src.read(_CHUNK):
                        written += len(chunk)
                        if written > MAX_UNPACKED:  # an archive that lies about its sizes
                            raise ImportRefused(_too_big(written))
                        out.write(chunk)
            except (zipfile.BadZipFile, OSError, EOFError) as exc:
                raise ImportRefused(f"Tệp .zip bị hỏng ở “{info.filename}” ({exc}).") from exc
            files += 1
    return files, written


def _too_big(size: int) -> str:
    return (f"Gói bài học quá lớn khi giải nén ({size / 1024 / 1024:.0f} MB, tối đa "
            f"{MAX_UNPACKED // 1024 // 1024} MB).")


def _copy_folder(source: Path, target: Path) -> tuple[int, int]:
    files = size = 0
    for path in sorted(source.rglob("*")):
        relative = path.relative_to(source)
        if any(part in _JUNK for part in relative.parts):
            continue
        if path.is_symlink():
            raise ImportRefused(f"Thư mục có liên kết (symlink) “{relative}”; vì an toàn "
                                "không nhập thư mục này.")
        destination = target / relative
        if path.is_dir():
            destination.mkdir(parents=True, exist_ok=True)
            continue
        files += 1
        size += path.stat().st_size
        if files > MAX_FILES:
            raise ImportRefused(f"Thư mục có hơn {MAX_FILES} tệp; đây không giống một gói bài "
                                "học.")
        if size > MAX_UNPACKED:
            raise ImportRefused(_too_big(size))
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, destination)
    return files, size


def _pack_root(folder: Path) -> Path:
    """Where the skill folders are: a .zip often wraps the pack in one folder of its own."""
    skills = {s.value for s in Skill} | {"screens"}
    root = folder
    for _ in range(3):
        entries = [p for p in root.iterdir() if p.name not in _JUNK]
        if len(entries) == 1 and entries[0].is_dir() and entries[0].name not in skills:
            root = entries[0]
        else:
            break
    return root


def stage(source: Path, data_dir: Path | str) -> StagedPack:
    """Copy or unpack `source` into a private folder and check it; raises ImportRefused
    for an unsafe or unreadable source. The current pack is not touched."""
    data = _data(data_dir)
    data.mkdir(parents=True, exist_ok=True)
    if not source.exists():
        raise ImportRefused(f"Không thấy {source}.")
    if source.is_dir() and source.resolve() == (data / CURRENT).resolve():
        raise ImportRefused("Đây là gói bài học trạm đang dùng.")
    folder = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=data))
    try:
        if source.is_dir():
            files, size = _copy_folder(source, folder)
        elif source.suffix.lower() == ".zip" or zipfile.is_zipfile(source):
            files, size = _unzip(source, folder)
        else:
            raise ImportRefused(f"{source.name} không phải thư mục hay tệp .zip.")
        root = _pack_root(folder)
        pack = load_pack(root)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return StagedPack(source, folder, root, pack, files, size, _problem_lines(pack, root))


def discard(staged: StagedPack) -> None:
    shutil.rmtree(staged.folder, ignore_errors=True)


def discard_leftovers(data_dir: Path | str) -> None:
    """Staging folders a closed or crashed kiosk left behind."""
    for leftover in _data(data_dir).glob(STAGING_PREFIX + "*"):
        shutil.rmtree(leftover, ignore_errors=True)


def _file_settings(config_file: Path) -> settings.Settings:
    """The settings file alone (no environment), which is what gets written back."""
    return settings.load(environ={}, file=config_file)


def _set_lessons_dir(config_file: Path, value: Path | None) -> None:
    current = _file_settings(config_file)
    settings.save(current.replace(lessons_dir=value or _default_lessons()), config_file)


def replace(db: Db, actor: StaffUserInfo, staged: StagedPack, data_dir: Path | str,
            config_file: Path, *, accept_broken: bool = False) -> Path:
    """Make the staged pack the kiosk's lessons (from its next start); returns its new
    folder. The replaced pack is kept for `undo`."""
    require(actor, Permission.IMPORT_LESSONS)
    if not staged.usable:
        raise ImportRefused("Gói này không có bài học nào dùng được, nên không thay thế.")
    if staged.pack.problems and not accept_broken:
        raise ImportRefused("Gói này có lỗi. Hãy sửa các lỗi, hoặc đồng ý rằng những bài có "
                            "lỗi sẽ bị tắt.")
    data = _data(data_dir)
    current, previous = data / CURRENT, data / PREVIOUS
    if paths.BUNDLED_LESSONS.resolve() in (current.resolve(), previous.resolve()):
        raise ImportRefused("Thư mục dữ liệu trùng với bài học có sẵn của phần mềm; không "
                            "ghi vào đó.")
    before = _file_settings(config_file).lessons_dir
    old_previous = data / (PREVIOUS + ".old")
    # The moves are undone if even the audit entry's commit fails.
    with _restorable(config_file, data / UNDO_RECORD) as undo_steps, db.begin() as session:
        audit(session, actor, "lessons.import", source=staged.source.name,
              lessons=staged.lesson_count, problems=len(staged.pack.problems),
              broken_switched_off=len(staged.pack.disabled) if accept_broken else 0)
        shutil.rmtree(old_previous, ignore_errors=True)
        had_previous = current.exists()
        _move(previous, old_previous, undo_steps)
        _move(current, previous, undo_steps)
        _move(staged.root, current, undo_steps)
        _set_lessons_dir(config_file, current)
        (data / UNDO_RECORD).write_text(json.dumps(
            {"lessons_dir": None if before == _default_lessons() else str(before),
             "had_previous": had_previous}, ensure_ascii=False), encoding="utf-8")
    shutil.rmtree(old_previous, ignore_errors=True)
    shutil.rmtree(staged.folder, ignore_errors=True)
    return current


def _default_lessons() -> Path:
    return next(s for s in settings.DECLARED if s.name == "lessons_dir").default()


def _move(source: Path, target: Path, done: list[tuple[Path, Path]]) -> None:
    if source.exists():
        source.rename(target)
        done.append((source, target))


@contextmanager
def _restorable(*files: Path) -> Iterator[list[tuple[Path, Path]]]:
    """Folder moves made inside are undone, and `files` put back as they were, if
    anything fails: staff then have the pack and settings they had (and the database
    transaction around it drops the audit entry)."""
    kept = {file: file.read_bytes() if file.exists() else None for file in files}
    moves: list[tuple[Path, Path]] = []
    try:
        yield moves
    except BaseException:
        for source, target in reversed(moves):
            with suppress(OSError):
                target.rename(source)
        for file, content in kept.items():
            with suppress(OSError):
                if content is None:
                    file.unlink(missing_ok=True)
                else:
                    file.write_bytes(content)
        raise


def can_undo(data_dir: Path | str) -> bool:
    return (_data(data_dir) / UNDO_RECORD).exists()


def undo(db: Db, actor: StaffUserInfo, data_dir: Path | str, config_file: Path) -> Path:
    """Go back to the pack the last import replaced (and the lessons_dir setting it had);
    returns the lessons folder in use from the next start."""
    require(actor, Permission.IMPORT_LESSONS)
    data = _data(data_dir)
    record_file = data / UNDO_RECORD
    if not record_file.exists():
        raise ImportRefused("Không có gói bài học trước đó để quay lại.")
    record = json.loads(record_file.read_text(encoding="utf-8"))
    current, previous = data / CURRENT, data / PREVIOUS
    set_back = Path(record["lessons_dir"]) if record.get("lessons_dir") else None
    trash = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=data))
    with _restorable(config_file, record_file) as moves, db.begin() as session:
        audit(session, actor, "lessons.undo")
        _move(current, trash / "undone", moves)
        if record.get("had_previous"):
            _move(previous, current, moves)
        _set_lessons_dir(config_file, set_back)
        record_file.unlink()
    shutil.rmtree(trash, ignore_errors=True)
    return set_back or _default_lessons()
