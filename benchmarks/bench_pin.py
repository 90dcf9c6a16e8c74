"""Staff access: what a PIN costs to check, and reading the audit log deep down.

1. Hashing a PIN with the kiosk's Argon2id cost (kiosk.staff.PIN_HASH_COST). This cost is
   what makes guessing slow, so it is chosen to take 0.1-0.3 s on the kiosk's 2-core
   machine: long enough to hurt an attacker with a stolen database, short enough that a
   sign-in feels immediate. Baseline: the same Argon2id derivation called directly from
   `cryptography`, so the row shows what the kiosk adds around the KDF (nothing, it should).
2. A whole sign-in (`authenticate`: read the account, verify, reset counters, write the
   audit entry) on a SQLite file, against the bare verification: the database's share.
3. A page of 200 audit entries at the end of a log of 100,000, read after the last entry
   of the page before (as the audit page scrolls), against the first page: the end of the
   log must cost about what its start does.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import time
from datetime import UTC, datetime, timedelta

from benchmarks.registry import Options, Row, Sample, register

ENTRIES = 100_000


@register("pin", "staff PIN hash and sign-in cost; audit log page at 100,000 entries")
def pin(options: Options) -> list[Row]:
    from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

    from kiosk import staff
    from kiosk.db.engine import open_database
    from kiosk.demo import DEMO_HAMLETS

    cost = staff.PIN_HASH_COST
    hashed, bare = Sample("kiosk hash_pin"), Sample("Argon2id.derive alone")
    signed, verified = Sample("kiosk authenticate"), Sample("verify_pin alone")
    deep, first = Sample("page at the end"), Sample("first page")
    with tempfile.TemporaryDirectory(prefix="bench-pin-") as folder:
        db = open_database(f"sqlite:///{folder}/kiosk.sqlite3", DEMO_HAMLETS)
        admin = staff.setup_admin(db, "Lê Thị Thu Hà", "thuha", "2580")
        stored = staff.hash_pin("2580")
        _fill_audit_log(f"{folder}/kiosk.sqlite3", admin.id)
        near_end = staff.audit_entries(db, limit=200, offset=ENTRIES - 400)[-1]
        for round_ in range(options.warmup + options.repeat):
            timings = []
            for work in (
                lambda: staff.hash_pin("2580"),
                lambda: Argon2id(salt=os.urandom(16), length=32, iterations=cost.iterations,
                                 lanes=cost.lanes, memory_cost=cost.memory_kib
                                 ).derive(b"2580"),
                lambda: staff.authenticate(db, admin.id, "2580"),
                lambda: staff.verify_pin("2580", stored),
                lambda: staff.audit_entries(db, limit=200, after=near_end),
                lambda: staff.audit_entries(db, limit=200),
            ):
                start = time.perf_counter()
                work()
                timings.append(time.perf_counter() - start)
            if round_ >= options.warmup:
                for sample, took in zip((hashed, bare, signed, verified, deep, first),
                                        timings, strict=True):
                    sample.seconds.append(took)
        db.kw["bind"].dispose()
    label = f"m={cost.memory_kib // 1024} MiB, t={cost.iterations}, p={cost.lanes}"
    return [
        Row(f"hash one PIN, Argon2id {label} (aim 0.1-0.3 s)", hashed, bare,
            target_ratio=1.2, max_median=0.3),
        Row("sign in: account, PIN check, audit entry (SQLite)", signed, verified,
            target_ratio=1.3),
        Row(f"200 audit entries at the end of {ENTRIES:,}", deep, first, target_ratio=2.0,
            max_median=0.05),
    ]


def _fill_audit_log(path: str, staff_id: int) -> None:
    start = datetime(2025, 1, 1, tzinfo=UTC)
    actions = ("login.ok", "resident.edit", "certificate.issue", "report.export",
               "login.failed")
    with sqlite3.connect(path) as raw:
        raw.executemany(
            "insert into audit_log (staff_user_id, action, detail, at) values (?, ?, ?, ?)",
            ((staff_id, actions[i % 5], f'{{"resident_id": {i}}}',
              (start + timedelta(minutes=5 * i)).strftime("%Y-%m-%d %H:%M:%S.%f"))
             for i in range(ENTRIES)))
