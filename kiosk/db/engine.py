"""Opening the database: the engine, the schema version, and the demo commune.

The embedded default is a SQLite file in the user data folder, in WAL mode with full sync
so a kiosk switched off mid-lesson keeps every committed step. A database URL setting
points several kiosks at one shared server instead (PostgreSQL through psycopg 3,
`postgresql+psycopg://user:password@host/database`). On a shared server the kiosks that
start together agree through an advisory lock: one migrates, the others wait for it.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, func, select, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.db.models import Hamlet

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
#: Seconds to wait for a database server before telling staff it cannot be reached.
CONNECT_TIMEOUT = 10
#: pg_advisory_xact_lock key held while one kiosk migrates a shared database.
MIGRATION_LOCK = 0x6B696F736B  # "kiosk"


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


def _server_url(parsed: URL) -> URL:
    """`postgresql://` means psycopg 3, the driver the kiosk ships (SQLAlchemy's default
    for it, psycopg2, is not installed)."""
    if parsed.drivername == "postgresql":
        return parsed.set(drivername="postgresql+psycopg")
    return parsed


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 5})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    connect_args: dict[str, object] = {}
    if parsed.get_backend_name() == "postgresql":
        parsed = _server_url(parsed)
        if "connect_timeout" not in parsed.query:
            connect_args["connect_timeout"] = CONNECT_TIMEOUT
        if "options" not in parsed.query:
            # Moments are stored in UTC; SQL sees them in UTC too, as on SQLite, whatever
            # time zone the server was set up with.
            connect_args["options"] = "-c TimeZone=UTC"
        if "application_name" not in parsed.query:
            connect_args["application_name"] = "tram-ky-nang-so"
    # pool_pre_ping: a connection the server dropped (restarted, network cut) is replaced
    # when it is next taken from the pool, instead of failing the statement.
    return create_engine(parsed, pool_pre_ping=True, connect_args=connect_args)


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


class NewerSchema(DatabaseError):
    """The database was migrated by a newer kiosk than this one."""


def _known(revision: str) -> bool:
    from alembic.util import CommandError

    try:
        return ScriptDirectory.from_config(alembic_config()).get_revision(revision) is not None
    except CommandError:
        return False


def _check_known(connection: Connection) -> str | None:
    """The database's revision; NewerSchema when this kiosk's migrations do not have it."""
    revision = MigrationContext.configure(connection).get_current_revision()
    if revision is not None and not _known(revision):
        raise NewerSchema(
            "Cơ sở dữ liệu đã được một phiên bản mới hơn của phần mềm nâng cấp "
            f"(phiên bản dữ liệu {revision}). Hãy cập nhật phần mềm của trạm này rồi mở lại.")
    return revision


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest migration (a no-op when it is there already).

    On a shared server the whole migration is one transaction (PostgreSQL's DDL is
    transactional) holding an advisory lock: of several kiosks starting at once, one
    migrates and the others wait, then find the schema up to date.
    """
    from alembic.util import CommandError

    head = head_revision()
    if current_revision(engine) == head:
        return
    config = alembic_config()
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                               {"key": MIGRATION_LOCK})
        elif connection.dialect.name == "sqlite":
            # Python's sqlite3 opens no transaction before CREATE TABLE, so a kiosk killed
            # while it migrates would leave half a schema ("table already exists" for
            # good). One explicit transaction makes the migration all or nothing.
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        if _check_known(connection) == head:
            return  # another kiosk migrated it while this one waited
        config.attributes["connection"] = connection
        try:
            command.upgrade(config, "head")
        except CommandError as exc:
            raise DatabaseError(f"Không nâng cấp được cơ sở dữ liệu: {exc}") from exc


def seed_hamlets(session_factory: sessionmaker[Session], names: Iterable[str]) -> None:
    """Fill an empty hamlet table from the settings (the demo commune on a new kiosk)."""
    try:
        with session_factory.begin() as session:
            if session.scalar(select(func.count()).select_from(Hamlet)):
                return
            session.add_all(Hamlet(name=name, sort_order=i) for i, name in enumerate(names))
    except IntegrityError:
        pass  # another kiosk sharing the server seeded them at the same moment


def _shown(url: str) -> str:
    """The URL for a message: never its password, and as typed when it cannot be parsed."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url.split("@")[-1]


def _server(parsed: URL) -> str:
    host = parsed.host or parsed.query.get("host") or "localhost"
    if isinstance(host, tuple):
        host = ",".join(host)
    port = parsed.port or parsed.query.get("port")
    return f"{host}:{port}" if port and not str(host).startswith("/") else str(host)


def open_database(url: str, hamlets: Iterable[str]) -> sessionmaker[Session]:
    """Connect, migrate and seed; raises DatabaseError with a message staff can act on."""
    try:
        engine = make_engine(url)
        upgrade(engine)
        factory = sessionmaker(engine, expire_on_commit=False)
        seed_hamlets(factory, hamlets)
    except DatabaseError:
        raise
    except OperationalError as exc:
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite":
            raise DatabaseError(f"Không mở được cơ sở dữ liệu ({_shown(url)}): {exc}") from exc
        detail = " ".join(str(exc.orig or exc).split())
        raise DatabaseError(
            f"Không kết nối được máy chủ cơ sở dữ liệu {_server(parsed)} "
            f"(cơ sở dữ liệu “{parsed.database or ''}”). Hãy kiểm tra máy chủ PostgreSQL "
            "đang chạy, đường mạng tới nó, tên người dùng và mật khẩu trong cài đặt "
            f"database_url, rồi mở lại trạm. Chi tiết: {detail}") from exc
    except (SQLAlchemyError, OSError) as exc:
        raise DatabaseError(f"Không mở được cơ sở dữ liệu ({_shown(url)}): {exc}") from exc
    except ImportError as exc:
        raise DatabaseError(
            f"Trạm này không có trình điều khiển cho cơ sở dữ liệu {_shown(url)} "
            f"({exc.name}). Hãy dùng sqlite:/// hoặc postgresql+psycopg://.") from exc
    return factory
