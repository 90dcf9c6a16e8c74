"""Who may have which certificate, and issuing, reissuing and revoking them.

A resident is entitled to one certificate per completed skill, and to "Công dân số" once
all five are completed. A certificate is never deleted or changed after issue, except to
mark it revoked: a reissue is a new certificate (new serial, today's date, the resident's
current name) that points at the one it replaces, and the old one is revoked with a reason
naming the new serial, so its QR code tells whoever scans it where the current one is.

Staff act through the console as an `actor` (kiosk.staff.StaffUserInfo): the action is
checked against their role before anything changes, and its AuditEntry, naming them and
never the resident's personal data, is written in the same transaction. Reissuing and
revoking always need an actor. Issuing also runs without one, on the station's own
authority: a resident asking at the kiosk for what the rules say they earned, or
`kiosk certificate issue` run by someone with access to the machine.

Functions return plain records, never ORM objects, like kiosk.residents.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import exists, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kiosk import progress
from kiosk.certificates import CertificateData, CertificateKind
from kiosk.certificates import token as tokens
from kiosk.certificates.keys import CommuneKey
from kiosk.db.models import Certificate, Resident, ResidentTerm, utcnow
from kiosk.db.transactions import begin_writing, clashed
from kiosk.lessons.schema import Lesson
from kiosk.residents import Db
from kiosk.settings import Settings
from kiosk.skills import Skill
from kiosk.staff import Permission, StaffUserInfo, audit, require
from kiosk.text import clean_text, fold, name_terms

__all__ = [
    "ALL_SKILLS_TITLE",
    "CertificateStatus",
    "Entitlement",
    "IssueRefused",
    "IssuedCertificate",
    "ListedCertificate",
    "entitlements",
    "find",
    "for_resident",
    "issue",
    "reissue",
    "revocation_check",
    "revoke",
    "search",
    "settle_merge",
]

ALL_SKILLS_TITLE = "Công dân số"
SERIAL_ATTEMPTS = 20
MAX_REASON_LENGTH = 500


class IssueRefused(ValueError):
    """A certificate action staff asked for and the rules refuse; `message` is Vietnamese,
    `code` says why for screens that want their own words. For "already_issued",
    `current` is the certificate the resident holds."""

    def __init__(self, code: str, message: str,
                 current: IssuedCertificate | None = None) -> None:
        super().__init__(message)
        self.code, self.message, self.current = code, message, current


@dataclass(frozen=True)
class IssuedCertificate:
    """A row of the certificates table, with what it prints decoded from its token."""

    id: int
    serial: str
    resident_id: int | None
    kind: CertificateKind
    skill: Skill | None
    issued_at: datetime
    token: str
    revoked_at: datetime | None
    revoked_reason: str | None
    replaces_id: int | None
    data: CertificateData

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def title(self) -> str:
        return title_of(self.kind, self.skill)


@dataclass(frozen=True)
class Entitlement:
    """A certificate the resident has earned, and the one that currently says so, if any."""

    kind: CertificateKind
    skill: Skill | None
    completed_on: tuple[date, ...]
    current: IssuedCertificate | None

    @property
    def title(self) -> str:
        return title_of(self.kind, self.skill)


def title_of(kind: CertificateKind, skill: Skill | None) -> str:
    if kind is CertificateKind.ALL_SKILLS or skill is None:
        return ALL_SKILLS_TITLE
    return f"Kỹ năng “{skill.title}”"


def _utc(moment: datetime | None) -> datetime | None:
    """Stored moments are UTC; SQLite gives them back without their zone."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


def _record(row: Certificate, settings: Settings) -> IssuedCertificate:
    if not row.token:
        raise ValueError(f"certificate {row.serial} has no token")
    data = tokens.decode_unverified(row.token, settings.commune_name, settings.province_name)
    return IssuedCertificate(
        id=row.id, serial=row.serial, resident_id=row.resident_id,
        kind=CertificateKind(row.kind), skill=Skill(row.skill) if row.skill else None,
        issued_at=_utc(row.issued_at), token=row.token, revoked_at=_utc(row.revoked_at),
        revoked_reason=row.revoked_reason, replaces_id=row.replaces_id, data=data)


def _local_date(moment: datetime | None, fallback: date) -> date:
    """The commune's calendar day of a stored moment (stored in UTC; SQLite drops the zone)."""
    if moment is None:
        return fallback
    return _utc(moment).astimezone().date()


def _current_row(session: Session, resident_id: int, kind: CertificateKind,
                 skill: Skill | None) -> Certificate | None:
    """The certificate now standing for this achievement: the newest one not revoked."""
    query = select(Certificate).where(
        Certificate.resident_id == resident_id, Certificate.kind == kind,
        Certificate.revoked_at.is_(None),
        Certificate.skill.is_(None) if skill is None else Certificate.skill == skill.value,
    ).order_by(Certificate.issued_at.desc(), Certificate.id.desc())
    return session.scalars(query).first()


def _skills_of(kind: CertificateKind, skill: Skill | None) -> tuple[Skill, ...]:
    kind = CertificateKind(kind)
    if kind is CertificateKind.ALL_SKILLS:
        if skill is not None:
            raise IssueRefused("bad_request", "Chứng nhận Công dân số gồm cả năm kỹ năng: "
                                              "không chọn riêng một kỹ năng.")
        return tuple(Skill)
    if skill is None:
        raise IssueRefused("bad_request", "Hãy chọn kỹ năng cần cấp chứng nhận.")
    return (Skill(skill),)


def entitlements(db: Db, resident_id: int, lessons_by_skill: Mapping[Skill, list[Lesson]],
                 settings: Settings, today: date | None = None) -> list[Entitlement]:
    """Every certificate the resident has earned, skills first, "Công dân số" last."""
    today = today or date.today()
    summary = progress.summarise(dict(lessons_by_skill), progress.states(db, resident_id))
    earned: list[tuple[CertificateKind, Skill | None]] = [
        (CertificateKind.SKILL, skill) for skill in Skill if summary[skill].done]
    if len(earned) == len(Skill):
        earned.append((CertificateKind.ALL_SKILLS, None))
    found = []
    with db() as session:
        for kind, skill in earned:
            row = _current_row(session, resident_id, kind, skill)
            found.append(Entitlement(
                kind, skill,
                tuple(_local_date(summary[s].completed_at, today)
                      for s in _skills_of(kind, skill)),
                _record(row, settings) if row else None))
    return found


def _held(name: str, existing: IssuedCertificate) -> IssueRefused:
    return IssueRefused("already_issued", (
        f"{name} đã có chứng nhận {existing.title}, số {existing.serial} "
        f"(cấp ngày {existing.data.issued_on:%d/%m/%Y}). Nếu cần bản mới, hãy chọn "
        "“Cấp lại”; nếu chỉ cần in thêm, hãy in lại chứng nhận đó."), existing)


def _insert(db: Db, *, resident_id: int, kind: CertificateKind, skill: Skill | None,
            skills: tuple[Skill, ...], completed_on: tuple[date, ...], settings: Settings,
            key: CommuneKey, actor: StaffUserInfo | None, today: date,
            replaces_id: int | None, action: str) -> IssuedCertificate:
    """Sign and store a new certificate, in one transaction with the revocation of the one
    it replaces and the audit entry.

    Kiosks sharing a database may do the same at the same moment. A serial another kiosk
    took is drawn again, in a savepoint (kiosk.db.transactions). A certificate for the
    same achievement that another kiosk made current meanwhile refuses this one (the
    unique indexes on current certificates, kiosk.db.models.Certificate): IssueRefused
    naming the certificate that stands."""
    with db() as session:
        begin_writing(session)
        resident = session.get(Resident, resident_id)
        if resident is None:
            raise IssueRefused("no_resident", "Không tìm thấy hồ sơ người dân này.")
        old = session.get(Certificate, replaces_id) if replaces_id is not None else None
        revoking = old is not None and old.revoked_at is None
        if revoking:  # first: the new one takes its place as the current one
            old.revoked_at = utcnow()
            session.flush()
        elif (current := _current_row(session, resident_id, kind, skill)) is not None:
            raise _standing(resident.full_name, old, current, settings)
        for _ in range(SERIAL_ATTEMPTS):
            data = CertificateData(
                serial=tokens.new_serial(today.year), kind=kind, skills=skills,
                completed_on=completed_on, resident_name=resident.full_name,
                birth_year=resident.birth_year, hamlet=resident.hamlet.name,
                commune=settings.commune_name, province=settings.province_name,
                issued_on=today, signer_title=settings.signer_title,
                signer_name=settings.signer_name, key_id=key.key_id)
            row = Certificate(
                serial=data.serial, resident_id=resident_id, kind=kind,
                skill=skill.value if skill else None, issued_by_id=actor.id if actor else None,
                signer_name=data.signer_name, signer_title=data.signer_title,
                token=tokens.encode(data, key.private_key), replaces_id=replaces_id)
            try:
                with session.begin_nested():
                    session.add(row)
            except IntegrityError as exc:
                if clashed(exc, "uq_certificates_serial", "certificates.serial"):
                    continue  # the serial was taken: draw another
                name = resident.full_name
                session.rollback()
                taken = _taken(session, name, old, kind, skill, resident_id, settings)
                if taken is None:
                    raise
                raise taken from exc
            break
        else:
            raise RuntimeError("could not draw a free certificate serial")
        detail: dict[str, object] = {"serial": row.serial, "resident_id": resident_id,
                                     "kind": kind.value, "skill": row.skill}
        if old is not None:
            detail["replaces"] = old.serial
            if revoking:
                old.revoked_reason = f"Đã cấp lại: thay bằng chứng nhận số {row.serial}."
        audit(session, actor, action, **detail)
        record = _record(row, settings)
        session.commit()
        return record


def _taken(session: Session, name: str, old: Certificate | None, kind: CertificateKind,
           skill: Skill | None, resident_id: int, settings: Settings) -> IssueRefused | None:
    """What to say when another kiosk made a certificate current for the same achievement
    between this one's checks and its insert (read after this one rolled back); None when
    the insert failed for another reason."""
    current = _current_row(session, resident_id, kind, skill)
    return _standing(name, old, current, settings) if current is not None else None


def _standing(name: str, old: Certificate | None, current: Certificate,
              settings: Settings) -> IssueRefused:
    """The refusal of a new certificate while `current` stands for the same achievement:
    one issued (or reissued from `old`) by another kiosk a moment ago."""
    if old is not None:
        return IssueRefused("already_replaced", (
            f"Chứng nhận số {old.serial} vừa được cấp lại bằng số {current.serial}; "
            "hãy cấp lại từ chứng nhận mới nhất nếu vẫn cần."))
    return _held(name, _record(current, settings))


def issue(db: Db, resident_id: int, kind: CertificateKind, skill: Skill | None,
          settings: Settings, key: CommuneKey, *,
          lessons_by_skill: Mapping[Skill, list[Lesson]], actor: StaffUserInfo | None = None,
          today: date | None = None) -> IssuedCertificate:
    """Issue a certificate the resident has earned; refuses (IssueRefused) one that is not
    earned yet, or one they already hold (reissue that one instead). An `actor` needs
    ISSUE_CERTIFICATES (NotAllowed otherwise); None is the station itself (see above)."""
    if actor is not None:
        require(actor, Permission.ISSUE_CERTIFICATES)
    kind = CertificateKind(kind)
    skills = _skills_of(kind, Skill(skill) if skill is not None else None)
    skill = skills[0] if kind is CertificateKind.SKILL else None
    today = today or date.today()
    with db() as session:
        resident = session.get(Resident, resident_id)
        if resident is None:
            raise IssueRefused("no_resident", "Không tìm thấy hồ sơ người dân này.")
        name = resident.full_name
        existing = _current_row(session, resident_id, kind, skill)
        existing = _record(existing, settings) if existing else None
    summary = progress.summarise(dict(lessons_by_skill), progress.states(db, resident_id))
    missing = [s for s in skills if not summary[s].done]
    if missing and kind is CertificateKind.SKILL:
        s = summary[skill]
        raise IssueRefused("not_completed", (
            f"Chưa cấp được chứng nhận: {name} chưa hoàn thành kỹ năng “{skill.title}” "
            f"(đã xong {s.completed}/{s.total} bài)."))
    if missing:
        raise IssueRefused("not_completed", (
            f"Chưa cấp được chứng nhận Công dân số: {name} còn {len(missing)} kỹ năng chưa "
            "hoàn thành: " + "; ".join(f"“{s.title}”" for s in missing) + "."))
    if existing is not None:
        raise _held(name, existing)
    completed_on = tuple(_local_date(summary[s].completed_at, today) for s in skills)
    return _insert(db, resident_id=resident_id, kind=kind, skill=skill, skills=skills,
                   completed_on=completed_on, settings=settings, key=key,
                   actor=actor, today=today, replaces_id=None,
                   action="certificate.issue")


MERGE_REASON = "Gộp hồ sơ trùng: chứng nhận số {serial}, cùng nội dung, là bản đang dùng."


def settle_merge(session: Session, keep_id: int, drop_id: int) -> list[str]:
    """Before a merge moves `drop_id`'s certificates to `keep_id`: where both records hold
    a current certificate for the same achievement, the kept record's stays current and
    the other is revoked with a reason naming it, since a resident holds one current
    certificate per achievement (kiosk.db.models.Certificate). Runs in the caller's
    transaction; returns the serials revoked."""
    current = select(Certificate).where(Certificate.revoked_at.is_(None))
    kept = {(row.kind, row.skill): row.serial for row in session.scalars(
        current.where(Certificate.resident_id == keep_id))}
    revoked = []
    for row in session.scalars(current.where(Certificate.resident_id == drop_id)).all():
        serial = kept.get((row.kind, row.skill))
        if serial is not None:
            row.revoked_at = utcnow()
            row.revoked_reason = MERGE_REASON.format(serial=serial)
            revoked.append(row.serial)
    session.flush()
    return revoked


def _normal_serial(serial: str) -> str:
    return "".join(serial.split()).upper()


def reissue(db: Db, serial: str, settings: Settings, key: CommuneKey, *,
            actor: StaffUserInfo, today: date | None = None) -> IssuedCertificate:
    """A new certificate in place of `serial`, for a lost or spoilt paper or a corrected
    name: today's date and signer, the resident's current name, birth year and khóm/ấp,
    and the completion dates of the old one (an achievement stays earned even if lessons
    were added since). The old one is revoked, pointing at the new serial. The actor
    needs ISSUE_CERTIFICATES."""
    require(actor, Permission.ISSUE_CERTIFICATES)
    today = today or date.today()
    with db() as session:
        old = session.scalar(select(Certificate).where(
            Certificate.serial == _normal_serial(serial)))
        if old is None:
            raise IssueRefused("no_certificate", f"Không có chứng nhận số {serial}.")
        newer = session.scalar(select(Certificate).where(Certificate.replaces_id == old.id))
        if newer is not None:
            raise IssueRefused("already_replaced", (
                f"Chứng nhận số {old.serial} đã được cấp lại bằng số {newer.serial}; "
                "hãy cấp lại từ chứng nhận mới nhất."))
        if old.resident_id is None:
            raise IssueRefused("no_resident", (
                f"Hồ sơ người dân của chứng nhận số {old.serial} đã bị xóa, nên không cấp "
                "lại được."))
        kind = CertificateKind(old.kind)
        skill = Skill(old.skill) if old.skill else None
        current = _current_row(session, old.resident_id, kind, skill)
        if current is not None and current.id != old.id:
            raise IssueRefused("already_issued", (
                f"Người dân này đang có chứng nhận số {current.serial} cho cùng nội dung; "
                "hãy cấp lại từ chứng nhận đó."))
        previous = _record(old, settings)
    return _insert(db, resident_id=previous.resident_id, kind=kind, skill=skill,
                   skills=previous.data.skills, completed_on=previous.data.completed_on,
                   settings=settings, key=key, actor=actor, today=today,
                   replaces_id=previous.id, action="certificate.reissue")


def revoke(db: Db, serial: str, reason: str, settings: Settings, *,
           actor: StaffUserInfo) -> IssuedCertificate:
    """Mark a certificate revoked; its QR code then verifies as "đã thu hồi" with the
    reason. The row stays, for history. The actor needs REVOKE_CERTIFICATES."""
    require(actor, Permission.REVOKE_CERTIFICATES)
    reason = clean_text(reason)
    if not reason:
        raise IssueRefused("no_reason", "Hãy ghi lý do thu hồi chứng nhận.")
    if len(reason) > MAX_REASON_LENGTH:
        raise IssueRefused("reason_too_long",
                           f"Lý do thu hồi dài quá {MAX_REASON_LENGTH} ký tự; hãy viết gọn hơn.")
    with db.begin() as session:
        row = session.scalar(select(Certificate).where(
            Certificate.serial == _normal_serial(serial)))
        if row is None:
            raise IssueRefused("no_certificate", f"Không có chứng nhận số {serial}.")
        if row.revoked_at is not None:
            raise IssueRefused("already_revoked", (
                f"Chứng nhận số {row.serial} đã bị thu hồi từ trước "
                f"(lý do: {row.revoked_reason or 'không ghi'})."))
        row.revoked_at, row.revoked_reason = utcnow(), reason
        audit(session, actor, "certificate.revoke", serial=row.serial,
               resident_id=row.resident_id, reason=reason)
        session.flush()
        return _record(row, settings)


class CertificateStatus(enum.StrEnum):
    VALID = "valid"
    REVOKED = "revoked"
    REPLACED = "replaced"  # revoked by a reissue; `replaced_by` is the new serial


@dataclass(frozen=True)
class ListedCertificate:
    """A certificate as staff look it up, with the serial issued in its place, if any."""

    certificate: IssuedCertificate
    replaced_by: str | None

    @property
    def status(self) -> CertificateStatus:
        if self.replaced_by is not None:
            return CertificateStatus.REPLACED
        if self.certificate.revoked:
            return CertificateStatus.REVOKED
        return CertificateStatus.VALID


SEARCH_LIMIT = 100
#: A name word matching at most this many residents leads a search (see `search`).
SELECTIVE_WORD = 20_000
# Above every character, so `term < prefix + _AFTER_ALL` keeps the words starting with it.
_AFTER_ALL = "\U0010ffff"


def looks_like_serial(text: str) -> bool:
    """Serials are "2026-K7Q3MX"; names hold no digit nor dash."""
    return any(c.isdigit() or c == "-" for c in text)


def _starting(term: str) -> tuple:
    """Name words starting with `term`, through the term index ((term, resident_id))."""
    return ResidentTerm.term >= term, ResidentTerm.term < term + _AFTER_ALL


def _by_name(session: Session, query, terms: list[str]):
    """Narrow `query` to certificates of residents with a name word starting with each
    term. The rarest word leads when few residents have it: its residents' certificates
    are looked up directly. When every word is common ("nguyen thi"), the certificates are
    read newest first and each resident's own few words checked, which soon fills a page.
    """
    counts = {term: session.scalar(select(func.count()).select_from(
        select(ResidentTerm.resident_id).where(*_starting(term))
        .limit(SELECTIVE_WORD + 1).subquery())) for term in terms}
    rarest = min(terms, key=counts.__getitem__)
    for term in terms:
        if term == rarest and counts[term] <= SELECTIVE_WORD:
            query = query.where(Certificate.resident_id.in_(
                select(ResidentTerm.resident_id).where(*_starting(term))))
        else:
            query = query.where(exists().where(
                ResidentTerm.resident_id == Certificate.resident_id, *_starting(term)))
    return query


def search(db: Db, text: str, settings: Settings, *,
           limit: int = SEARCH_LIMIT) -> list[ListedCertificate]:
    """Certificates, newest first: every one for empty text; with a digit or a dash, those
    whose serial holds the text (any case, spaces ignored); otherwise those of residents
    having, for each word typed, a word of their current name that starts with it, with or
    without diacritics ("ng thi hong" finds Nguyễn Thị Hồng). A certificate whose resident
    was erased is found by its serial only."""
    text = clean_text(text)
    query = select(Certificate)
    with db() as session:
        if looks_like_serial(text):
            query = query.where(Certificate.serial.contains(_normal_serial(text),
                                                            autoescape=True))
        elif text:
            query = _by_name(session, query, name_terms(text) or [fold(text)])
        rows = list(session.scalars(query.order_by(Certificate.id.desc()).limit(limit)))
        newer = _replacements(session, [row for row in rows if row.revoked_at is not None])
        return [ListedCertificate(_record(row, settings), newer.get(row.id)) for row in rows]


def _replacements(session: Session, revoked: list[Certificate]) -> dict[int, str]:
    """{id: serial of the certificate that replaced it} for these revoked certificates.
    A reissue keeps the resident, so their certificates are looked up through the
    resident index; only those of erased residents need reading the whole table."""
    if not revoked:
        return {}
    wanted = Certificate.replaces_id.in_([row.id for row in revoked])
    people = {row.resident_id for row in revoked}
    if None not in people:
        wanted = wanted & Certificate.resident_id.in_(people)
    return dict(session.execute(
        select(Certificate.replaces_id, Certificate.serial).where(wanted)).all())


def find(db: Db, serial: str, settings: Settings) -> IssuedCertificate | None:
    with db() as session:
        row = session.scalar(select(Certificate).where(
            Certificate.serial == _normal_serial(serial)))
        return _record(row, settings) if row else None


def for_resident(db: Db, resident_id: int, settings: Settings) -> list[IssuedCertificate]:
    """All of a resident's certificates, revoked and replaced ones too, oldest first."""
    with db() as session:
        rows = session.scalars(select(Certificate).where(
            Certificate.resident_id == resident_id).order_by(Certificate.issued_at,
                                                             Certificate.id))
        return [_record(row, settings) for row in rows]


def revocation_check(db: Db) -> tokens.RevocationCheck:
    """`is_revoked(serial)` for token.verify, answered from this database."""

    def is_revoked(serial: str) -> tuple[bool, str | None]:
        with db() as session:
            row = session.execute(select(Certificate.revoked_at, Certificate.revoked_reason)
                                  .where(Certificate.serial == serial)).first()
        if row is None or row.revoked_at is None:
            return False, None
        return True, row.revoked_reason

    return is_revoked
