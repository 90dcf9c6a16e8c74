"""Looking up issued certificates as staff type, in the console's "Đã cấp" section:
`kiosk.certificates.issuing.search` on the 300,000-resident demo database
(benchmarks.demo_db) with 30,000 certificates added to a private copy, one in twenty of
them revoked and one in fifty reissued. Each row is one kind of text typed: nothing (the
newest 100), a common family name, a common name's start, one person's full name, a serial
fragment, a whole serial.

Target, from the staff console issue: search as you type answers in under 50 ms. The
baseline is SQLite alone reading the newest 100 certificate rows, in the same rounds.
"""

from __future__ import annotations

import tempfile
import time
from datetime import date
from pathlib import Path

from benchmarks.registry import Options, Row, Sample, register

CERTIFICATES = 30_000
TARGET = 0.050


def _add_certificates(db, settings) -> list[tuple[str, str]]:
    """Signed certificates for every tenth resident; returns (serial, full name) pairs."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from sqlalchemy import insert, select, update

    from kiosk.certificates import CertificateData, CertificateKind
    from kiosk.certificates import token as tokens
    from kiosk.certificates.keys import key_id_of
    from kiosk.db.models import Certificate, Hamlet, Resident, utcnow
    from kiosk.skills import Skill

    private = Ed25519PrivateKey.generate()
    key_id = key_id_of(private.public_key())
    skills = tuple(Skill)
    with db() as session:
        people = session.execute(
            select(Resident.id, Resident.full_name, Resident.birth_year, Hamlet.name)
            .join(Hamlet, Hamlet.id == Resident.hamlet_id)
            .where(Resident.id % 10 == 0).order_by(Resident.id).limit(CERTIFICATES)).all()
    rows, seen, made = [], set(), []
    for n, (resident_id, name, born, hamlet) in enumerate(people):
        serial = tokens.new_serial(2026)
        while serial in seen:
            serial = tokens.new_serial(2026)
        seen.add(serial)
        skill = skills[n % len(skills)]
        data = CertificateData(
            serial=serial, kind=CertificateKind.SKILL, skills=(skill,),
            completed_on=(date(2026, 3, 1),), resident_name=name, birth_year=born,
            hamlet=hamlet, commune=settings.commune_name, province=settings.province_name,
            issued_on=date(2026, 3, 2), signer_title=settings.signer_title,
            signer_name=settings.signer_name, key_id=key_id)
        rows.append({"serial": serial, "resident_id": resident_id, "kind": data.kind,
                     "skill": skill.value, "token": tokens.encode(data, private),
                     "signer_name": data.signer_name, "signer_title": data.signer_title})
        made.append((serial, name))
    with db.begin() as session:
        session.execute(insert(Certificate), rows)
        ids = dict(session.execute(select(Certificate.serial, Certificate.id)).all())
        now = utcnow()
        for n, (serial, _name) in enumerate(made):
            if n % 20 == 7:
                session.execute(update(Certificate).where(Certificate.id == ids[serial])
                                .values(revoked_at=now, revoked_reason="Cấp nhầm"))
        replacing = []
        for row in rows[3::50]:
            serial = tokens.new_serial(2026)
            while serial in seen:
                serial = tokens.new_serial(2026)
            seen.add(serial)
            replacing.append(row | {"serial": serial, "replaces_id": ids[row["serial"]]})
        # The replaced one is revoked first: one current certificate per achievement.
        for row in replacing:
            session.execute(update(Certificate).where(Certificate.id == row["replaces_id"])
                            .values(revoked_at=now, revoked_reason="Đã cấp lại"))
        session.execute(insert(Certificate), replacing)
    return made


@register("certificate-search", "looking up issued certificates by serial or name, "
                                "300,000 residents, 30,000 certificates")
def certificate_search(options: Options) -> list[Row]:
    import sqlite3

    from benchmarks.demo_db import copy_of, demo_database
    from kiosk import settings as kiosk_settings
    from kiosk.certificates import issuing
    from kiosk.db.engine import open_database
    from kiosk.demo import DEMO_HAMLETS

    settings = kiosk_settings.load(environ={}, file=Path("/nonexistent/settings.toml"))
    with tempfile.TemporaryDirectory(prefix="bench-cert-search-") as tmp:
        url = copy_of(demo_database(), Path(tmp))
        db = open_database(url, DEMO_HAMLETS)
        made = _add_certificates(db, settings)
        serial, full_name = made[len(made) // 2]
        family = full_name.split()[0]
        texts = {
            "nothing typed (newest 100)": "",
            f"a family name ({family})": family,
            "the start of two words (ng th)": "ng th",
            "one person's full name": full_name,
            "a serial fragment (6 characters)": serial[3:9],
            "a whole serial": serial,
        }
        samples = {label: Sample("kiosk") for label in texts}
        baseline = Sample("SQLite: newest 100 rows")
        raw = sqlite3.connect(url.removeprefix("sqlite:///"))
        found = {}
        try:
            for round_ in range(options.warmup + options.repeat):
                for label, text in texts.items():
                    start = time.perf_counter()
                    found[label] = issuing.search(db, text, settings)
                    took = time.perf_counter() - start
                    if round_ >= options.warmup:
                        samples[label].seconds.append(took)
                start = time.perf_counter()
                raw.execute("SELECT * FROM certificates ORDER BY id DESC LIMIT 100").fetchall()
                if round_ >= options.warmup:
                    baseline.seconds.append(time.perf_counter() - start)
        finally:
            raw.close()
            db.kw["bind"].dispose()
    if not any(c.certificate.serial == serial for c in found["a whole serial"]):
        return [Row("certificate search", Sample("kiosk"), error="the serial was not found")]
    return [Row(f"certificate search: {label}, {len(found[label])} found", sample, baseline,
                max_median=TARGET) for label, sample in samples.items()]
