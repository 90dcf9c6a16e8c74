"""The `kiosk` command: the app itself, and the tasks staff and authors run from a shell.

    kiosk                       start the kiosk (same as `kiosk run`)
    kiosk lessons check [DIR]   check a lesson pack; exits 1 when it has problems
    kiosk screenshots DIR       render every screen to PNG at 1920x1080 and 1280x720
    kiosk db upgrade            create or migrate the configured database
    kiosk settings              list every setting, its value and what it does

Sub-commands import only what they need, so `kiosk lessons check` starts without Qt.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _cmd_run(args: argparse.Namespace) -> int:
    from ui.app import run

    return run(sys.argv[:1])


def _cmd_lessons_check(args: argparse.Namespace) -> int:
    from kiosk import settings
    from kiosk.lessons.loader import load_pack

    root = Path(args.dir) if args.dir else settings.load().lessons_dir
    pack = load_pack(root)
    for problem in pack.problems:
        print(problem)
    count = len(pack.lessons)
    if pack.problems:
        print(f"\n{len(pack.problems)} lỗi; {len(pack.disabled)} bài bị tắt, "
              f"{count} bài dùng được ({root}).")
        return 1
    print(f"{count} bài học, không có lỗi ({root}).")
    return 0 if count else 1


def _cmd_screenshots(args: argparse.Namespace) -> int:
    from ui.screenshots import main as render

    return render(Path(args.dir), all_text_sizes=args.all_text_sizes, lesson=args.lesson)


def _cmd_db_upgrade(args: argparse.Namespace) -> int:
    from kiosk import settings
    from kiosk.db.engine import DatabaseError, open_database

    config = settings.load()
    try:
        open_database(config.effective_database_url, config.hamlets)
    except DatabaseError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"Cơ sở dữ liệu đã ở phiên bản mới nhất: {config.effective_database_url}")
    return 0


def _cmd_settings(args: argparse.Namespace) -> int:
    from kiosk import settings

    config = settings.load()
    print(f"# tệp cài đặt: {settings.config_file()}"
          + ("" if config.source_file else " (chưa có, dùng mặc định)"))
    for setting in settings.DECLARED:
        print(f"\n# {setting.description}")
        print(f"{setting.name} = {config.values[setting.name]!r}")
    for problem in config.problems:
        print(f"\n! {problem}", file=sys.stderr)
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="kiosk", description="Trạm Kỹ năng số")
    sub = top.add_subparsers(dest="command")
    sub.add_parser("run", help="mở trạm (mặc định)").set_defaults(func=_cmd_run)

    lessons = sub.add_parser("lessons", help="bài học").add_subparsers(dest="lessons_cmd",
                                                                       required=True)
    check = lessons.add_parser("check", help="kiểm tra một gói bài học")
    check.add_argument("dir", nargs="?", help="thư mục bài học (mặc định: theo cài đặt)")
    check.set_defaults(func=_cmd_lessons_check)

    shots = sub.add_parser("screenshots", help="chụp mọi màn hình ra tệp PNG")
    shots.add_argument("dir")
    shots.add_argument("--all-text-sizes", action="store_true",
                       help="ở cả ba cỡ chữ, kèm mọi màn hình thực hành")
    shots.add_argument("--lesson", metavar="ID",
                       help="chỉ chụp từng bước của một bài (xem trước khi soạn bài)")
    shots.set_defaults(func=_cmd_screenshots)

    db = sub.add_parser("db", help="cơ sở dữ liệu").add_subparsers(dest="db_cmd", required=True)
    db.add_parser("upgrade", help="tạo hoặc nâng cấp cơ sở dữ liệu").set_defaults(
        func=_cmd_db_upgrade)

    sub.add_parser("settings", help="xem các cài đặt").set_defaults(func=_cmd_settings)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    func = getattr(args, "func", _cmd_run)
    return func(args)
