"""Opening the database: the engine, the schema version, and the demo commune.

The embedded default is a SQLite file in the user data folder, in WAL mode with full sync
so a kiosk switched off mid-lesson keeps every committed step. A database URL setting
points several kiosks at one shared server instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, func, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from kiosk.db.models import Hamlet

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class DatabaseError(RuntimeError):
    """The database cannot be opened; the message is Vietnamese, for staff."""


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    # What is deleted (an erased resident) is overwritten, not left in free pages.
    cursor.execute("PRAGMA secure_delete=ON")
    # 32 MB of page cache per connection: staff search and reports read large indexes.
    cursor.execute("PRAGMA cache_size=-32768")
    cursor.close()


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 5})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest migration (a no-op when it is there already)."""
    if current_revision(engine) == head_revision():
        return
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def seed_hamlets(session_factory: sessionmaker[Session], names: Iterable[str]) -> None:
    """Fill an empty hamlet table from the settings (the demo commune on a new kiosk)."""
    with session_factory.begin() as session:
        if session.scalar(select(func.count()).select_from(Hamlet)):
            return
        session.add_all(Hamlet(name=name, sort_order=i) for i, name in enumerate(names))


def open_database(url: str, hamlets: Iterable[str]) -> sessionmaker[Session]:
    """Connect, migrate and seed; raises DatabaseError with a message staff can act on."""
    from sqlalchemy.exc import SQLAlchemyError

    try:
        engine = make_engine(url)
        upgrade(engine)
        factory = sessionmaker(engine, expire_on_commit=False)
        seed_hamlets(factory, hamlets)
    except (SQLAlchemyError, OSError) as exc:
        raise DatabaseError(
            f"Không mở được cơ sở dữ liệu ({make_url(url).render_as_string()}): {exc}"
        ) from exc
    return factory
