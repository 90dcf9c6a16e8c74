"""What kind of storage failure an exception is, and a connection that waits only briefly.

A kiosk in a commune hall meets three storage failures it must ride out without losing a
resident's place: the SQLite file is locked by another writer, the disk is full, or the
shared PostgreSQL server is gone. Each is an `OperationalError` from SQLAlchemy with a
driver error inside; `storage_problem` names which one it is, from the driver's own error
code (SQLite's result code, PostgreSQL's SQLSTATE) rather than from message text, so a
translated server message changes nothing. Any other database error (a broken constraint,
a programming mistake) is not a storage problem: it returns None and is raised as before.

`short_wait` hands the core a session factory on one connection whose lock waits are cut
to a fraction of a second: the resident's taps are stored on the UI thread, and a locked
SQLite file must not freeze the screen for the five seconds of its usual busy timeout.

Nothing here imports Qt.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)

# How long a write on the UI thread may wait for a lock before it is kept for later.
SHORT_WAIT_MS = 400


class StorageProblem(enum.Enum):
    BUSY = "busy"  # locked by another writer (SQLite) or a lock wait given up (PostgreSQL)
    FULL = "full"  # no room left on the disk (or the server's disk)
    UNREACHABLE = "unreachable"  # the server is gone, or the connection to it broke
    FAILING = "failing"  # the disk answers with errors, or the file became read-only


# SQLite primary result codes (https://sqlite.org/rescode.html).
_SQLITE = {5: StorageProblem.BUSY,  # SQLITE_BUSY
           6: StorageProblem.BUSY,  # SQLITE_LOCKED
           8: StorageProblem.FAILING,  # SQLITE_READONLY
           10: StorageProblem.FAILING,  # SQLITE_IOERR
           13: StorageProblem.FULL,  # SQLITE_FULL
           14: StorageProblem.FAILING}  # SQLITE_CANTOPEN

# PostgreSQL SQLSTATEs, longest prefix first.
_POSTGRES = (("53100", StorageProblem.FULL),  # disk_full
             ("53300", StorageProblem.BUSY),  # too_many_connections
             ("53", StorageProblem.FAILING),  # insufficient resources (memory...)
             ("08", StorageProblem.UNREACHABLE),  # connection exceptions
             ("57P", StorageProblem.UNREACHABLE),  # server shutting down or starting
             ("55P03", StorageProblem.BUSY),  # lock_not_available (lock_timeout)
             ("57014", StorageProblem.BUSY),  # query_canceled (statement_timeout)
             ("40001", StorageProblem.BUSY),  # serialization_failure
             ("40P01", StorageProblem.BUSY))  # deadlock_detected


def storage_problem(error: BaseException) -> StorageProblem | None:
    """The storage failure `error` is, or None when it is some other error."""
    if isinstance(error, sa_exc.TimeoutError):  # no pooled connection came free in time
        return StorageProblem.BUSY
    if not isinstance(error, sa_exc.DBAPIError):
        return None
    if error.connection_invalidated:
        return StorageProblem.UNREACHABLE
    driver = error.orig
    code = getattr(driver, "sqlite_errorcode", None)
    if code is not None:
        return _SQLITE.get(code & 0xFF)
    if type(driver).__module__.startswith("psycopg"):
        state = getattr(driver, "sqlstate", None)
        if state is None:
            # psycopg raises its plain OperationalError, without a SQLSTATE, when it
            # cannot connect or the server closed the connection.
            import psycopg

            if isinstance(driver, psycopg.OperationalError):
                return StorageProblem.UNREACHABLE
            return None
        return next((problem for prefix, problem in _POSTGRES if state.startswith(prefix)),
                    None)
    return None


Db = sessionmaker[Session]


@contextmanager
def short_wait(db: Db, wait_ms: int = SHORT_WAIT_MS) -> Iterator[Db]:
    """A session factory for the core's functions, on one connection that gives up a lock
    wait after `wait_ms` (SQLite's busy timeout, PostgreSQL's lock_timeout). Each session
    made from it commits on its own, as with the usual factory."""
    engine = db.kw["bind"]
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as connection:
        if sqlite:
            usual = connection.exec_driver_sql("PRAGMA busy_timeout").scalar()
            connection.exec_driver_sql(f"PRAGMA busy_timeout = {int(wait_ms)}")
        else:
            connection.exec_driver_sql(f"SET lock_timeout = {int(wait_ms)}")
        connection.commit()
        try:
            yield sessionmaker(bind=connection, expire_on_commit=False)
        finally:
            try:
                if connection.in_transaction():
                    connection.rollback()
                if sqlite:
                    connection.exec_driver_sql(f"PRAGMA busy_timeout = {int(usual)}")
                else:
                    connection.exec_driver_sql("RESET lock_timeout")
                connection.commit()
            except sa_exc.DBAPIError:
                # The connection broke with the write: never give it back to the pool.
                log.info("dropping a connection that failed with a write", exc_info=True)
                connection.invalidate()
