"""The `kiosk` command: the app itself, and the tasks staff and authors run from a shell.

    kiosk                       start the kiosk (same as `kiosk run`)
    kiosk lessons check [DIR]   check a lesson pack; exits 1 when it has problems
    kiosk screenshots DIR       render every screen to PNG at 1920x1080 and 1280x720
    kiosk db upgrade            create or migrate the configured database
    kiosk settings              list every setting, its value and what it does
    kiosk verify TOKEN          check a certificate's QR code; exits 0 only when valid
    kiosk certificate issue --code CODE [--skill SKILL | --all]
                                issue earned certificates; prints serial and token
    kiosk certificate export SERIAL OUT.pdf
                                write one certificate to a PDF file
    kiosk keys show             the commune's key id and public key file, trusted keys
    kiosk keys trust FILE       trust another commune's public key
    kiosk backup [FILE]         back the database up while the kiosk runs (to
                                <data_dir>/backups, or FILE)
    kiosk restore FILE [--yes]  check a backup, keep a copy of the current data,
                                then restore the backup
    kiosk demo-data --residents N [--seed S] [--until DATE] [--force]
                                add made-up residents and progress (not to real data)
    kiosk staff list            the staff accounts, their roles, which are stopped or locked
    kiosk staff reset-pin USERNAME
                                a new PIN (typed twice, not shown) for someone who forgot
    kiosk staff add [--name N] [--username U] [--role ROLE]
                                a new staff account (the first one may be the admin)

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

    return render(Path(args.dir), all_text_sizes=args.all_text_sizes, lesson=args.lesson,
                  console=args.console)


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


# --- certificates and keys --------------------------------------------------------------

#: Exit status of `kiosk verify` for each verdict (0 only for a valid certificate).
VERIFY_EXIT = {"valid": 0, "unreadable": 1, "revoked": 2, "tampered": 3, "unknown_issuer": 4}


def _print_fields(lines: list[tuple[str, str]]) -> None:
    width = max(len(label) for label, _ in lines)
    for label, value in lines:
        print(f"{label + (':' if label else ' '):<{width + 2}}{value}")


def _cmd_verify(args: argparse.Namespace) -> int:
    from kiosk import settings
    from kiosk.certificates import keys
    from kiosk.certificates import token as tokens

    config = settings.load()
    text = sys.stdin.read() if args.token == "-" else args.token
    imported, problems = keys.load_trusted(config.data_dir)
    trusted = {key.key_id: key for key in imported}
    try:
        own = keys.load_or_create(config.data_dir)
    except keys.KeyFileError as exc:  # other communes' certificates can still be checked
        problems.append(str(exc))
    else:
        trusted[own.key_id] = own.trusted(config.commune_name, config.province_name)
    for problem in problems:
        print(f"Cảnh báo: {problem}", file=sys.stderr)
    result = tokens.verify(text, trusted, _revocation_check(config))
    if result.data is not None:
        _print_fields(tokens.describe(result.data))
        print()
    print(f"Kết quả: {result.status.label.upper()}")
    print(result.message)
    return VERIFY_EXIT[result.status.value]


def _revocation_check(config):
    """`is_revoked` from the configured database; None (with a warning) when it cannot be
    read, so a certificate can still be checked on a machine without the database."""
    from kiosk.certificates import issuing
    from kiosk.db.engine import DatabaseError, open_database

    warning = ("Cảnh báo: không đọc được cơ sở dữ liệu, nên chưa biết chứng nhận có bị thu "
               "hồi hay không")
    try:
        check = issuing.revocation_check(
            open_database(config.effective_database_url, config.hamlets))
    except DatabaseError as exc:
        print(f"{warning} ({exc}).", file=sys.stderr)
        return None

    def guarded(serial: str) -> tuple[bool, str | None]:
        from sqlalchemy.exc import SQLAlchemyError

        try:
            return check(serial)
        except SQLAlchemyError as exc:
            print(f"{warning} ({exc}).", file=sys.stderr)
            return False, None

    return guarded


def _cmd_certificate_issue(args: argparse.Namespace) -> int:
    from kiosk import residents, settings
    from kiosk.certificates import CertificateKind, issuing, keys
    from kiosk.certificates import token as tokens
    from kiosk.db.engine import DatabaseError
    from kiosk.skills import Skill
    from kiosk.station import open_station

    config = settings.load()
    try:
        station = open_station(config)
        key = keys.load_or_create(config.data_dir)
    except (DatabaseError, keys.KeyFileError) as exc:
        print(exc, file=sys.stderr)
        return 1
    resident = residents.find_by_code(station.db, args.code)
    if resident is None:
        print(f"Không tìm thấy người dân có mã học viên “{args.code}”.", file=sys.stderr)
        return 1
    lessons = station.lessons_by_skill()
    if args.skill:
        wanted = [(CertificateKind.SKILL, Skill(args.skill))]
    elif args.all:
        wanted = [(CertificateKind.ALL_SKILLS, None)]
    else:
        earned = issuing.entitlements(station.db, resident.id, lessons, config)
        if not earned:
            print(f"{resident.full_name} chưa hoàn thành kỹ năng nào, nên chưa có chứng "
                  "nhận để cấp.", file=sys.stderr)
            return 1
        for held in (e for e in earned if e.current is not None):
            print(f"Đã có: chứng nhận {held.title}, số {held.current.serial}.")
        wanted = [(e.kind, e.skill) for e in earned if e.current is None]
        if not wanted:
            print("Không còn chứng nhận nào cần cấp.")
    refused = 0
    for kind, skill in wanted:
        try:
            cert = issuing.issue(station.db, resident.id, kind, skill, config, key,
                                 lessons_by_skill=lessons)
        except issuing.IssueRefused as exc:
            print(exc.message, file=sys.stderr)
            refused += 1
            continue
        print(f"Đã cấp chứng nhận {cert.title} cho {resident.full_name}.")
        print(f"Số hiệu: {cert.serial}")
        print(f"Mã kiểm tra: {cert.token}")
        if config.verify_url:
            print(f"Nội dung mã QR: {tokens.qr_text(cert.token, config.verify_url)}")
    return 1 if refused else 0


def _cmd_certificate_export(args: argparse.Namespace) -> int:
    from kiosk import settings
    from kiosk.certificates import issuing
    from kiosk.certificates import token as tokens
    from kiosk.db.engine import DatabaseError, open_database

    config = settings.load()
    try:
        db = open_database(config.effective_database_url, config.hamlets)
    except DatabaseError as exc:
        print(exc, file=sys.stderr)
        return 1
    cert = issuing.find(db, args.serial, config)
    if cert is None:
        print(f"Không có chứng nhận số {args.serial}.", file=sys.stderr)
        return 1
    from kiosk.certificates.pdf import render

    if cert.revoked:
        print(f"Lưu ý: chứng nhận số {cert.serial} đã bị thu hồi "
              f"(lý do: {cert.revoked_reason or 'không ghi'}); mã QR trên tệp sẽ báo như vậy.",
              file=sys.stderr)
    out = Path(args.out)
    logo = Path(config.logo_path) if config.logo_path else None
    render([(cert.data, tokens.qr_text(cert.token, config.verify_url))], out,
           page=config.certificate_page, logo=logo)
    print(f"Đã xuất chứng nhận số {cert.serial} ra tệp {out}.")
    return 0


def _cmd_certificate_print(args: argparse.Namespace) -> int:
    """Queue the given certificates (or take every job waiting at this kiosk) and print
    them on the printer in settings, or --printer; what could not print stays queued."""
    from kiosk import printing, settings
    from kiosk.certificates import issuing, requests
    from kiosk.db.engine import DatabaseError, open_database

    config = settings.load()
    if args.printer is not None:
        config = config.replace(printer_name=args.printer)
    if not args.serials and not args.queued:
        print("Hãy ghi số hiệu chứng nhận cần in, hoặc --queued để in các yêu cầu đang chờ.",
              file=sys.stderr)
        return 2
    try:
        db = open_database(config.effective_database_url, config.hamlets)
    except DatabaseError as exc:
        print(exc, file=sys.stderr)
        return 1
    job_ids = []
    if args.serials:
        found = [issuing.find(db, serial, config) for serial in args.serials]
        missing = [s for s, c in zip(args.serials, found, strict=True) if c is None]
        if missing:
            print("Không có chứng nhận số: " + ", ".join(missing), file=sys.stderr)
            return 1
        job_ids.append(requests.queue_for_printing(db, config, found).id)
    if args.queued:
        job_ids += [job.id for job in printing.list_jobs(db, [printing.PrintJobStatus.QUEUED])
                    if job.id not in job_ids]
    if not job_ids:
        print("Không có yêu cầu in nào đang chờ.")
        return 0
    from ui.printing import print_jobs_now

    result = print_jobs_now(db, job_ids, config.printer_name,
                        on_progress=lambda done, total: print(f"Đã gửi {done}/{total} trang",
                                                              flush=True),
                        on_job=lambda job, error: error and print(f"Lệnh in {job}: {error}",
                                                                  file=sys.stderr))
    print(f"Đã gửi đến máy in {len(result.sent)} lệnh in; còn chờ {len(result.waiting)}, "
          f"lỗi {len(result.failed)}.")
    return 0 if len(result.sent) == len(job_ids) else 1


def _cmd_keys_show(args: argparse.Namespace) -> int:
    from kiosk import settings
    from kiosk.certificates import keys

    config = settings.load()
    try:
        key = keys.load_or_create(config.data_dir)
        public = keys.write_public_file(key, config.commune_name, config.province_name)
    except keys.KeyFileError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"Mã khóa của trạm: {key.key_id} ({config.commune_name})")
    print(f"Tệp khóa công khai (gửi cho xã/phường khác để họ kiểm tra được chứng nhận của "
          f"mình): {public}")
    print(f"Tệp khóa ký (bí mật; chỉ chép sang các trạm khác của cùng xã/phường): "
          f"{key.private_path}")
    trusted, problems = keys.load_trusted(config.data_dir)
    if trusted:
        print("Khóa của nơi khác đang được tin cậy:")
        for other in trusted:
            print(f"  {other.key_id}  {other.issuer}")
    else:
        print("Chưa tin cậy khóa của xã/phường nào khác.")
    for problem in problems:
        print(problem, file=sys.stderr)
    return 0


def _cmd_keys_trust(args: argparse.Namespace) -> int:
    from kiosk import settings
    from kiosk.certificates import keys

    config = settings.load()
    try:
        own = keys.load_or_create(config.data_dir)
        record = keys.trust(config.data_dir, Path(args.file), own=own,
                            commune=args.commune, province=args.province)
    except keys.KeyFileError as exc:
        print(exc, file=sys.stderr)
        return 1
    if record.own:
        print(f"Đây là khóa của chính trạm này ({record.key_id}); khóa này luôn được tin cậy.")
    else:
        print(f"Đã tin cậy khóa {record.key_id} của {record.issuer}: chứng nhận do nơi này "
              "cấp sẽ được kiểm tra là hợp lệ.")
    return 0


# --- demo data ---------------------------------------------------------------------------

def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"cần một số nguyên dương, không phải “{text}”")
    return value


def _day(text: str):
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"cần một ngày dạng NĂM-THÁNG-NGÀY, ví dụ 2026-10-31, không phải “{text}”"
        ) from None


def _cmd_demo_data(args: argparse.Namespace) -> int:
    """Fill the configured database with made-up residents, for trying the console out;
    refuses a database that holds real residents unless --force."""
    import time
    from datetime import date, timedelta

    from kiosk import demo_data, settings
    from kiosk.db.engine import DatabaseError, open_database
    from kiosk.lessons.loader import load_pack
    from kiosk.skills import Skill

    def number(n: int) -> str:
        return f"{n:,}".replace(",", ".")

    config = settings.load()
    try:
        db = open_database(config.effective_database_url, config.hamlets)
    except DatabaseError as exc:
        print(exc, file=sys.stderr)
        return 1
    real = demo_data.count_real_residents(db)
    if real and not args.force:
        print(f"Cơ sở dữ liệu này đã có {number(real)} người dân thật, nên không thêm người "
              "mẫu vào để khỏi lẫn với số liệu của xã/phường. Hãy dùng một cơ sở dữ liệu "
              "khác (KIOSK_DATABASE_URL hoặc KIOSK_DATA_DIR); nếu anh/chị chắc chắn muốn "
              "thêm vào đây, chạy lại với --force.", file=sys.stderr)
        return 1
    pack = load_pack(config.lessons_dir)
    if not pack.lessons:
        print(f"Không có bài học nào dùng được trong {config.lessons_dir}.", file=sys.stderr)
        return 1
    until = args.until or date.today() - timedelta(days=1)
    step = max(1, args.residents // 10)

    def report(done: int, total: int) -> None:
        if done % step < demo_data.BATCH or done == total:
            print(f"Đã tạo {number(done)}/{number(total)} người dân mẫu…", flush=True)

    started = time.monotonic()
    try:
        summary = demo_data.generate(
            db, {skill: pack.for_skill(skill) for skill in Skill}, count=args.residents,
            seed=args.seed, progress=report, anchor=demo_data.anchor_after(until))
    except KeyboardInterrupt:
        print("Đã dừng; không có người dân mẫu nào được lưu.", file=sys.stderr)
        return 130
    took = time.monotonic() - started
    print(f"Đã thêm {number(summary.residents)} người dân mẫu (seed {args.seed}) vào "
          f"{summary.hamlets} khóm/ấp, hoạt động từ {summary.first_day:%d/%m/%Y} đến "
          f"{summary.last_day:%d/%m/%Y}, trong {took:.0f} giây:")
    print(f"  kỹ năng: {number(summary.skills_started)} lượt bắt đầu, "
          f"{number(summary.skills_completed)} lượt hoàn thành; "
          f"{number(summary.all_skills)} người hoàn thành cả năm kỹ năng (Công dân số)")
    print(f"  bài học: {number(summary.lessons_started)} lượt mở, "
          f"{number(summary.lessons_completed)} lượt hoàn thành; "
          f"{number(summary.outcome_answers)} câu trả lời khảo sát")
    print(f"  {summary.staff_users} tổ viên mẫu (không đăng nhập được), "
          f"{number(summary.group_sessions)} buổi học nhóm, "
          f"{number(summary.attendance)} lượt điểm danh")
    print(f"Người dân mẫu được đánh dấu phiên bản đồng ý “{demo_data.DEMO_CONSENT_VERSION}”; "
          f"cơ sở dữ liệu: {config.effective_database_url}")
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
    shots.add_argument("--console", action="store_true",
                       help="chỉ chụp bảng điều khiển cán bộ (với dữ liệu mẫu)")
    shots.add_argument("--lesson", metavar="ID",
                       help="chỉ chụp từng bước của một bài (xem trước khi soạn bài)")
    shots.set_defaults(func=_cmd_screenshots)

    db = sub.add_parser("db", help="cơ sở dữ liệu").add_subparsers(dest="db_cmd", required=True)
    db.add_parser("upgrade", help="tạo hoặc nâng cấp cơ sở dữ liệu").set_defaults(
        func=_cmd_db_upgrade)

    sub.add_parser("settings", help="xem các cài đặt").set_defaults(func=_cmd_settings)

    demo = sub.add_parser(
        "demo-data", help="thêm người dân mẫu (giả) và tiến độ học để thử bảng điều khiển",
        description="Tạo người dân mẫu với tên, năm sinh, số điện thoại giả (0000…) và tiến "
                    "độ học trong 365 ngày; cùng seed và cùng ngày cuối cho cùng dữ liệu. "
                    "Không thêm vào cơ sở dữ liệu đã có người dân thật, trừ khi có --force.")
    demo.add_argument("--residents", type=_positive, required=True, metavar="SỐ_NGƯỜI",
                      help="số người dân mẫu cần tạo")
    demo.add_argument("--seed", type=int, default=1, help="hạt giống ngẫu nhiên (mặc định 1)")
    demo.add_argument("--until", type=_day, metavar="NGÀY",
                      help="ngày cuối của dữ liệu, NĂM-THÁNG-NGÀY (mặc định: hôm qua)")
    demo.add_argument("--force", action="store_true",
                      help="thêm cả khi cơ sở dữ liệu đã có người dân thật")
    demo.set_defaults(func=_cmd_demo_data)

    _add_certificate_commands(sub)
    _add_backup_commands(sub)
    _add_staff_commands(sub)
    return top


def _add_certificate_commands(sub: argparse._SubParsersAction) -> None:
    from kiosk.skills import Skill

    verify = sub.add_parser(
        "verify", help="kiểm tra mã QR của một giấy chứng nhận",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Mã thoát: 0 hợp lệ, 1 không đọc được, 2 đã thu hồi, 3 bị sửa đổi, "
               "4 không rõ nơi cấp.")
    verify.add_argument("token", metavar="MÃ",
                        help="nội dung mã QR (có thể kèm địa chỉ web phía trước); "
                             "“-” để đọc từ đầu vào chuẩn")
    verify.set_defaults(func=_cmd_verify)

    certificate = sub.add_parser("certificate", help="giấy chứng nhận").add_subparsers(
        dest="certificate_cmd", required=True)
    issue = certificate.add_parser(
        "issue", help="cấp chứng nhận cho người dân đã hoàn thành",
        description="Không chọn --skill hay --all thì cấp mọi chứng nhận người dân đã đạt "
                    "mà chưa được cấp.")
    issue.add_argument("--code", required=True, metavar="MÃ_HỌC_VIÊN",
                       help="mã học viên in trên thẻ")
    which = issue.add_mutually_exclusive_group()
    which.add_argument("--skill", choices=[s.value for s in Skill],
                       help="chứng nhận cho một kỹ năng")
    which.add_argument("--all", action="store_true",
                       help="chứng nhận Công dân số (hoàn thành cả năm kỹ năng)")
    issue.set_defaults(func=_cmd_certificate_issue)
    export = certificate.add_parser("export", help="xuất một chứng nhận ra tệp PDF")
    export.add_argument("serial", metavar="SỐ_HIỆU")
    export.add_argument("out", metavar="TỆP.pdf")
    export.set_defaults(func=_cmd_certificate_export)
    print_ = certificate.add_parser(
        "print", help="in chứng nhận, hoặc mọi yêu cầu in đang chờ ở trạm này",
        description="Việc nào chưa in được (máy in tắt, không có máy in) vẫn nằm trong hàng "
                    "chờ để in lại.")
    print_.add_argument("serials", nargs="*", metavar="SỐ_HIỆU")
    print_.add_argument("--queued", action="store_true",
                        help="in mọi yêu cầu đang chờ (người dân xin ở trạm)")
    print_.add_argument("--printer", metavar="TÊN", help="máy in (mặc định: theo cài đặt)")
    print_.set_defaults(func=_cmd_certificate_print)

    keys = sub.add_parser("keys", help="khóa ký chứng nhận").add_subparsers(
        dest="keys_cmd", required=True)
    keys.add_parser("show", help="xem mã khóa và tệp khóa công khai của trạm").set_defaults(
        func=_cmd_keys_show)
    trust = keys.add_parser("trust", help="tin cậy khóa công khai của xã/phường khác")
    trust.add_argument("file", metavar="TỆP", help="tệp khóa công khai (public_key.json)")
    trust.add_argument("--commune", metavar="TÊN", help="tên xã/phường của khóa")
    trust.add_argument("--province", metavar="TÊN", help="tên tỉnh/thành phố của khóa")
    trust.set_defaults(func=_cmd_keys_trust)


# --- backup and restore -------------------------------------------------------------------

class _PrintedProgress:
    """Progress of a backup or restore on the terminal, every tenth of the way."""

    def __init__(self) -> None:
        self._shown: tuple[str, int] | None = None

    def report(self, done: int, total: int, text: str = "") -> None:
        tenth = done * 10 // total if total else 0
        if (text, tenth) != self._shown:
            self._shown = (text, tenth)
            print(f"{text}… {tenth * 10}%" if total else f"{text}…", flush=True)

    def check(self) -> None:
        pass


def _size(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")


def _open_for_backup():
    from kiosk import settings
    from kiosk.db.engine import DatabaseError, open_database

    config = settings.load()
    try:
        return config, open_database(config.effective_database_url, config.hamlets)
    except DatabaseError as exc:
        print(exc, file=sys.stderr)
        return config, None


def _cmd_backup(args: argparse.Namespace) -> int:
    from kiosk import backup

    config, db = _open_for_backup()
    if db is None:
        return 1
    try:
        made = backup.create(db, config, None, Path(args.file) if args.file else None,
                             progress=_PrintedProgress())
    except backup.BackupError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"Đã sao lưu cơ sở dữ liệu vào {made.path} ({_size(made.size)}).")
    if not args.file:
        print(f"Thư mục {made.path.parent} giữ {config.backups_kept} bản sao lưu tự động "
              "mới nhất (cài đặt backups_kept).")
    return 0


def _cmd_restore(args: argparse.Namespace) -> int:
    from kiosk import backup, health, settings

    # A damaged file is never opened: the backup takes its place, the file is set aside.
    config = settings.load()
    damage = health.check(config)
    db = None
    if damage is not None:
        print(f"{damage.problem} Bản sao lưu sẽ được đặt vào chỗ của nó; tệp hỏng được "
              f"giữ lại trong {health.damaged_folder(config)}.")
    else:
        config, db = _open_for_backup()
        if db is None:
            return 1
    source = Path(args.file)
    try:
        checked = backup.check(config, source)
    except backup.BackupError as exc:
        print(exc, file=sys.stderr)
        return 1
    when = f", hoạt động cuối lúc {checked.newest_activity:%H:%M %d/%m/%Y}" \
        if checked.newest_activity else ""
    print(f"Bản sao lưu {source}: {checked.residents} người dân, {checked.hamlets} khóm/ấp, "
          f"{checked.certificates} chứng nhận{when}.")
    if not args.yes:
        if not sys.stdin.isatty():
            print("Khôi phục sẽ thay toàn bộ dữ liệu hiện tại; chạy lại với --yes để xác "
                  "nhận.", file=sys.stderr)
            return 2
        answer = input("Khôi phục sẽ thay toàn bộ dữ liệu hiện tại (dữ liệu hiện tại được sao "
                       "lưu trước). Gõ “co” để tiếp tục: ")
        if answer.strip().lower() not in ("co", "có"):
            print("Đã huỷ; không có gì thay đổi.")
            return 1
    try:
        if db is None:
            recovered = health.recover(config, source, progress=_PrintedProgress())
            print(f"Đã khôi phục từ {source}. Tệp dữ liệu bị hỏng được giữ trong "
                  f"{recovered.kept_at}.")
            return 0
        result = backup.restore(db, config, None, source, progress=_PrintedProgress())
    except backup.BackupError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"Đã khôi phục từ {source}. Dữ liệu trước khi khôi phục được giữ trong "
          f"{result.safety_backup.path}.")
    return 0


def _add_backup_commands(sub: argparse._SubParsersAction) -> None:
    make = sub.add_parser(
        "backup", help="sao lưu cơ sở dữ liệu (trạm vẫn chạy được)",
        description="Sao lưu cơ sở dữ liệu SQLite vào thư mục backups trong thư mục dữ liệu "
                    "(giữ backups_kept bản mới nhất), hoặc vào TỆP. Cơ sở dữ liệu chung trên "
                    "máy chủ PostgreSQL thì sao lưu bằng pg_dump.")
    make.add_argument("file", nargs="?", metavar="TỆP", help="tệp sao lưu cần ghi")
    make.set_defaults(func=_cmd_backup)
    restore = sub.add_parser(
        "restore", help="khôi phục cơ sở dữ liệu từ một bản sao lưu",
        description="Kiểm tra bản sao lưu, sao lưu dữ liệu hiện tại, rồi mới khôi phục. Bản "
                    "sao lưu hỏng, không phải của trạm, hoặc của phiên bản mới hơn thì bị từ "
                    "chối và dữ liệu hiện tại giữ nguyên.")
    restore.add_argument("file", metavar="TỆP", help="tệp sao lưu (.sqlite3)")
    restore.add_argument("--yes", action="store_true", help="không hỏi lại")
    restore.set_defaults(func=_cmd_restore)


# --- staff accounts ----------------------------------------------------------------------
# Whoever can run commands here can already change the database, so no PIN is asked; each
# change is still in the audit log, marked "command line".


def _staff_db():
    from kiosk import settings
    from kiosk.db.engine import DatabaseError, open_database

    config = settings.load()
    try:
        return open_database(config.effective_database_url, config.hamlets)
    except DatabaseError as exc:
        print(exc, file=sys.stderr)
        return None


def _ask_pin() -> str | None:
    from getpass import getpass

    from kiosk import staff

    try:
        pin = staff.check_pin(getpass("Mã PIN mới (4 đến 8 chữ số, không hiện khi gõ): "))
    except staff.InvalidPin as exc:
        print(exc, file=sys.stderr)
        return None
    if getpass("Nhập lại mã PIN: ") != pin:
        print("Hai lần nhập mã PIN không giống nhau; chưa đổi gì.", file=sys.stderr)
        return None
    return pin


def _cmd_staff_list(args: argparse.Namespace) -> int:
    from kiosk import staff

    db = _staff_db()
    if db is None:
        return 1
    members = staff.list_users(db)
    if not members:
        print("Chưa có tài khoản cán bộ nào (tạo bằng: kiosk staff add).")
    for m in members:
        state = ("đã ngừng" if not m.active else f"bị khóa đến {staff.local_time(m.locked_until)}"
                 if m.locked() else "đang dùng")
        print(f"{m.username:<20} {m.display_name}  ·  {staff.ROLE_NAMES[m.role]}  ·  {state}")
    return 0


def _cmd_staff_reset_pin(args: argparse.Namespace) -> int:
    from kiosk import staff

    db = _staff_db()
    if db is None:
        return 1
    pin = _ask_pin()
    if pin is None:
        return 1
    try:
        member = staff.reset_pin_from_command_line(db, args.username, pin)
    except staff.StaffError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"Đã đặt mã PIN mới cho {member.display_name} ({member.username}); tài khoản "
          "không còn bị khóa.")
    return 0


def _cmd_staff_add(args: argparse.Namespace) -> int:
    from kiosk import staff
    from kiosk.db.models import StaffRole

    db = _staff_db()
    if db is None:
        return 1
    name = args.name or input("Họ và tên: ")
    username = args.username or input(
        f"Tên đăng nhập [{staff.suggest_username(name)}]: ") or staff.suggest_username(name)
    role = StaffRole(args.role) if args.role else (
        StaffRole.STAFF if staff.has_staff(db) else StaffRole.ADMIN)
    pin = _ask_pin()
    if pin is None:
        return 1
    try:
        member = staff.add_from_command_line(db, name, username, role, pin)
    except staff.StaffError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"Đã thêm {member.display_name} ({member.username}), vai trò "
          f"{staff.ROLE_NAMES[member.role]}.")
    return 0


# The values of kiosk.db.models.StaffRole, written out: importing the models here would load
# SQLAlchemy before the kiosk's first screen is painted (tests check the two agree).
STAFF_ROLES = ("admin", "staff", "team_member")


def _add_staff_commands(sub: argparse._SubParsersAction) -> None:
    staff = sub.add_parser("staff", help="tài khoản cán bộ").add_subparsers(
        dest="staff_cmd", required=True)
    staff.add_parser("list", help="danh sách cán bộ, vai trò, tài khoản ngừng hay bị khóa"
                     ).set_defaults(func=_cmd_staff_list)
    reset = staff.add_parser(
        "reset-pin", help="đặt mã PIN mới cho người quên mã (mở khóa tài khoản)",
        description="Hỏi mã PIN mới hai lần, không hiện khi gõ. Việc này được ghi vào nhật "
                    "ký hoạt động là làm bằng dòng lệnh.")
    reset.add_argument("username", metavar="TÊN_ĐĂNG_NHẬP")
    reset.set_defaults(func=_cmd_staff_reset_pin)
    add = staff.add_parser(
        "add", help="thêm tài khoản cán bộ",
        description="Hỏi những gì chưa ghi trên dòng lệnh, rồi mã PIN hai lần. Tài khoản đầu "
                    "tiên của trạm là quản trị viên, trừ khi chọn --role khác.")
    add.add_argument("--name", metavar="HỌ_TÊN")
    add.add_argument("--username", metavar="TÊN_ĐĂNG_NHẬP")
    add.add_argument("--role", choices=STAFF_ROLES,
                     help="admin, staff (cán bộ xã) hoặc team_member (tổ viên)")
    add.set_defaults(func=_cmd_staff_add)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    func = getattr(args, "func", _cmd_run)
    return func(args)
