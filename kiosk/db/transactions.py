"""Writing when several kiosks write at once.

A value that must be unique across kiosks (a learner code, a certificate serial) is drawn
at random and inserted; when another kiosk took it first, the insert fails and another is
drawn. Each try runs in a SAVEPOINT (`Session.begin_nested`), so a failed one undoes only
itself: on PostgreSQL a failed statement would otherwise abort the whole transaction, and
what the transaction already did (revoking the certificate a reissue replaces) would go
with it.

On SQLite the driver opens a transaction only at the first INSERT, UPDATE or DELETE, and a
SAVEPOINT before that would be the transaction itself, committed by its RELEASE.
`begin_writing` opens the transaction first, as a writer (BEGIN IMMEDIATE: SQLite lets one
writer at a time, and the others wait for it within the busy timeout), so savepoints nest
inside it and what the transaction reads stays true until it commits.
"""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session


def begin_writing(session: Session) -> None:
    """Open the session's transaction as a writer before it reads what it will write."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return
    raw = connection.connection.dbapi_connection
    if raw is not None and not raw.in_transaction:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def clashed(exc: IntegrityError, constraint: str, columns: str) -> bool:
    """Whether an insert failed on this unique constraint or index: PostgreSQL names it
    (`constraint`), SQLite lists its columns instead (`columns`, "table.column, ...")."""
    name = getattr(getattr(exc.orig, "diag", None), "constraint_name", None)
    if name is not None:
        return name == constraint
    message = str(exc.orig)
    marker = "UNIQUE constraint failed: "
    return marker in message and message.split(marker, 1)[1].strip() == columns
