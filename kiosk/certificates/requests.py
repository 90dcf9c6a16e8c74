"""Certificates on their way to paper.

A resident asks for their certificate at the kiosk, right after completing a skill. They
get the skill's certificate (issued now, or the one they already hold) and "Công dân số"
too once all five skills are done. The certificates become one PDF in the print queue; the
kiosk then prints it at once or leaves it for staff, as the settings say.

Staff print a certificate again from the console (`reprint`): a spare copy of the same
paper, same serial and QR code, put in the queue under their name.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path

from kiosk import printing
from kiosk.certificates import issuing, pdf
from kiosk.certificates.issuing import IssuedCertificate
from kiosk.certificates.keys import CommuneKey
from kiosk.certificates.token import qr_text
from kiosk.db.models import CertificateKind
from kiosk.lessons.schema import Lesson
from kiosk.residents import Db
from kiosk.settings import Settings
from kiosk.skills import Skill
from kiosk.staff import Permission, StaffUserInfo, audit, require


def certificates_for(db: Db, resident_id: int, skill: Skill,
                     lessons_by_skill: Mapping[Skill, list[Lesson]], settings: Settings,
                     key: CommuneKey) -> list[IssuedCertificate]:
    """The skill's certificate and, with all five skills done, "Công dân số"; each issued
    now unless the resident already holds it. Raises IssueRefused if the skill is not
    completed."""
    wanted = []
    for earned in issuing.entitlements(db, resident_id, lessons_by_skill, settings):
        if earned.kind is CertificateKind.SKILL and earned.skill != skill:
            continue
        wanted.append(earned.current or _issue_or_take(
            db, resident_id, earned.kind, earned.skill, settings, key, lessons_by_skill))
    if not any(c.kind is CertificateKind.SKILL for c in wanted):
        # Not earned: let the rules say why, in their words.
        issuing.issue(db, resident_id, CertificateKind.SKILL, skill, settings, key,
                      lessons_by_skill=lessons_by_skill)
    return wanted


def _issue_or_take(db: Db, resident_id: int, kind: CertificateKind, skill: Skill | None,
                   settings: Settings, key: CommuneKey,
                   lessons_by_skill: Mapping[Skill, list[Lesson]]) -> IssuedCertificate:
    """Issue it; if another kiosk sharing the database issued it a moment ago, that one
    is the resident's certificate."""
    try:
        return issuing.issue(db, resident_id, kind, skill, settings, key,
                             lessons_by_skill=lessons_by_skill)
    except issuing.IssueRefused as refused:
        if refused.code == "already_issued" and refused.current is not None:
            return refused.current
        raise


def queue_for_printing(db: Db, settings: Settings,
                       certificates: list[IssuedCertificate]) -> printing.JobInfo:
    """One PDF of the certificates, put in the print queue for this kiosk's printer."""
    out = io.BytesIO()
    logo = Path(settings.logo_path) if settings.logo_path else None
    pdf.render([(c.data, qr_text(c.token, settings.verify_url)) for c in certificates], out,
               settings.certificate_page, logo)
    names = ", ".join(dict.fromkeys(c.data.resident_name for c in certificates))
    return printing.enqueue(db, settings.data_dir, out.getvalue(),
                            label=f"Chứng nhận: {names}",
                            serials=[c.serial for c in certificates],
                            printer=settings.printer_name)


def reprint(db: Db, serial: str, settings: Settings, *,
            actor: StaffUserInfo) -> printing.JobInfo:
    """Queue another copy of a certificate that is still valid (PRINT_CERTIFICATES).

    A revoked one is refused (IssueRefused): its QR code would say "đã thu hồi" on a fresh
    paper. The audit entry follows the queued job in a transaction of its own, because
    the queue commits the job itself.
    """
    require(actor, Permission.PRINT_CERTIFICATES)
    certificate = issuing.find(db, serial, settings)
    if certificate is None:
        raise issuing.IssueRefused("no_certificate", f"Không có chứng nhận số {serial}.")
    if certificate.revoked:
        raise issuing.IssueRefused("revoked", (
            f"Chứng nhận số {certificate.serial} đã bị thu hồi "
            f"(lý do: {certificate.revoked_reason or 'không ghi'}), nên không in lại được."))
    job = queue_for_printing(db, settings, [certificate])
    with db.begin() as session:
        audit(session, actor, "certificate.print", serial=certificate.serial,
              resident_id=certificate.resident_id, job_id=job.id)
    return job
