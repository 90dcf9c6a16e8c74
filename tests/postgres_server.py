"""A private PostgreSQL server for tests: its own cluster in a folder of its own, reached
only through a Unix socket in that folder, so no server of the machine is touched.

    server = PostgresServer.create()     # initdb into /dev/shm/kiosk-pg-<pid>-XXXX
    server.start()                       # pg_ctl start, waits until it answers
    name = server.create_database()      # a fresh, empty database (or template=...)
    url = server.url(name)               # postgresql+psycopg://kiosk@/NAME?host=...
    server.stop()                        # the kiosk loses its server (pg_ctl stop -m fast)
    server.start()                       # ... and gets it back, with every row it had
    server.remove()                      # stop, and delete the folder

stop() and start() keep the data folder, so a test can take the server away from a running
kiosk and bring it back. `mode="immediate"` stops it as a crash or a pulled cable would.
For a session fixture in any test folder (`server_for_tests` skips or fails the tests
when PostgreSQL is missing, see there):

    from tests.postgres_server import server_for_tests

    @pytest.fixture(scope="session")
    def postgres():
        yield from server_for_tests()

tests/core/conftest.py builds the core tests' `db_url` on it.

The cluster is made for speed (no fsync: the machine running the tests does not crash),
yet keeps every commit when the server is killed. It lives in /dev/shm when there is room
(else in /tmp). Its collation is Vietnamese (ICU) and its time zone Asia/Ho_Chi_Minh, as a
commune's server would likely be set up, so SQL that quietly relies on SQLite's byte order
shows up here (the kiosk's own connections set UTC).

initdb refuses to run as root. As root (CI), every server command runs as the `postgres`
user the Debian package creates (`runuser -u postgres --`), in a folder it owns; as anyone
else they run directly. The binaries are found with `pg_config --bindir` or under
/usr/lib/postgresql/*/bin (Debian's wrappers in /usr/bin need a system cluster).

A test run that is killed leaves its server running: the next run stops it and removes its
folder (see remove_stale_servers).
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

USER = "kiosk"  # the cluster's superuser, reached without a password over the socket
PORT = 5432  # only names the socket file; nothing listens on the network
COMMAND_TIMEOUT = 60
MEMORY_NEEDED = 1 << 30  # free bytes in /dev/shm to put the cluster there
PACKAGE = "postgresql"
_PREFIX = "kiosk-pg-"
SETTINGS = {
    "listen_addresses": "''",
    # No fsync: the machine never crashes under a test. Commits still reach the WAL before
    # they return (synchronous_commit stays on), so a server killed or stopped with
    # "immediate" keeps every committed row, as a real one does.
    "fsync": "off",
    "full_page_writes": "off",
    # Test databases are copied from a template: log little, and do not zero WAL files.
    "wal_level": "minimal",
    "max_wal_senders": "0",
    "wal_init_zero": "off",
    "max_wal_size": "'1GB'",
    "max_connections": "200",
    "timezone": "'Asia/Ho_Chi_Minh'",
    "log_timezone": "'UTC'",
    "log_min_messages": "warning",
}


class PostgresError(RuntimeError):
    """The private server could not be made, started or stopped; says why, with the end of
    its log."""


def find_bindir() -> Path | None:
    """The folder of initdb and pg_ctl, or None when PostgreSQL is not installed."""
    candidates = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        try:
            found = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True,
                                   timeout=COMMAND_TIMEOUT, check=True).stdout.strip()
            candidates.append(Path(found))
        except (OSError, subprocess.SubprocessError):
            pass

    def version(path: Path) -> tuple[int, ...]:
        return tuple(int(n) for n in re.findall(r"\d+", path.parent.name))

    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=version, reverse=True)
    for folder in candidates:
        if all((folder / tool).is_file() for tool in ("initdb", "pg_ctl", "postgres")):
            return folder
    return None


def missing_requirements() -> str | None:
    """Why no private server can run here, or None when one can."""
    if find_bindir() is None:
        return (f"PostgreSQL is not installed (initdb, pg_ctl): install it with "
                f"packaging/debian-deps.sh test (Debian: {PACKAGE})")
    if os.geteuid() == 0:
        if shutil.which("runuser") is None:
            return "runuser is missing: as root, the server runs as the postgres user"
        try:
            import pwd

            pwd.getpwnam("postgres")
        except KeyError:
            return "there is no postgres user to run the server as (initdb refuses root)"
    return None


def _parents() -> list[Path]:
    """Where server folders go: memory (tmpfs) first, since copying a template database is
    mostly writing files, then the temporary folder. A container's /dev/shm is often
    64 MB: too small, so it is used only with room to spare."""
    shm = Path("/dev/shm")
    memory = []
    if shm.is_dir() and os.access(shm, os.W_OK | os.X_OK):
        room = os.statvfs(shm)
        if room.f_bavail * room.f_frsize >= MEMORY_NEEDED:
            memory.append(shm)
    return [*memory, Path(tempfile.gettempdir())]


def server_for_tests() -> Iterator[PostgresServer]:
    """The body of a session fixture: a started server, removed at the end.

    Where PostgreSQL cannot run, the tests that use it are skipped with the reason, except
    where the CI environment variable is set: there they fail, so CI never passes by
    skipping them.

        @pytest.fixture(scope="session")
        def postgres():
            yield from server_for_tests()
    """
    import pytest

    reason = missing_requirements()
    if reason is not None:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the PostgreSQL tests: {reason}", pytrace=False)
        pytest.skip(reason)
    server = PostgresServer.create()
    try:
        server.start()
        yield server
    finally:
        server.remove()


def _pid_alive(pid: int) -> bool:
    return Path(f"/proc/{pid}").exists()


def remove_stale_servers() -> list[Path]:
    """Stop and delete the servers of test runs that ended without doing it themselves."""
    removed = []
    bindir = find_bindir()
    for root in (path for parent in _parents() for path in parent.glob(f"{_PREFIX}*")):
        match = re.match(rf"{_PREFIX}(\d+)-", root.name)
        if not match or _pid_alive(int(match.group(1))):
            continue
        if bindir is not None and (root / "data" / "postmaster.pid").exists():
            PostgresServer(root, bindir)._run(
                [bindir / "pg_ctl", "-D", root / "data", "-m", "immediate", "-w", "stop"],
                check=False)
        shutil.rmtree(root, ignore_errors=True)
        removed.append(root)
    return removed


@dataclass
class PostgresServer:
    root: Path
    bindir: Path
    _names: itertools.count = field(default_factory=itertools.count)

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def socket_dir(self) -> Path:
        return self.root / "socket"

    @property
    def log(self) -> Path:
        return self.root / "server.log"

    @classmethod
    def create(cls, bindir: Path | None = None) -> PostgresServer:
        """Make a new cluster in a new folder under /dev/shm or /tmp (a socket path must
        stay under 108 bytes, and the postgres user must reach it: pytest's tmp_path is
        root's only)."""
        bindir = bindir or find_bindir()
        if bindir is None:
            raise PostgresError(missing_requirements() or "PostgreSQL is not installed")
        remove_stale_servers()
        root = Path(tempfile.mkdtemp(prefix=f"{_PREFIX}{os.getpid()}-", dir=_parents()[0]))
        server = cls(root, bindir)
        try:
            server._init()
        except BaseException:
            shutil.rmtree(root, ignore_errors=True)
            raise
        return server

    def _as_server_user(self) -> list[str]:
        return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def _run(self, command: list, check: bool = True) -> subprocess.CompletedProcess:
        done = subprocess.run([*self._as_server_user(), *map(str, command)],
                              capture_output=True, text=True, timeout=COMMAND_TIMEOUT,
                              stdin=subprocess.DEVNULL, cwd=self.root)
        if check and done.returncode != 0:
            raise PostgresError(
                f"{Path(str(command[0])).name} failed ({done.returncode}):\n"
                f"{done.stdout}{done.stderr}{self.log_tail()}")
        return done

    def _init(self) -> None:
        self.socket_dir.mkdir()
        if os.geteuid() == 0:
            for path in (self.root, self.socket_dir):
                shutil.chown(path, "postgres", "postgres")
        self.root.chmod(0o755)
        initdb = [self.bindir / "initdb", "-D", self.data, "-U", USER, "--auth=trust",
                  "-E", "UTF8", "--locale=C.UTF-8", "--no-sync", "--no-instructions"]
        vietnamese = ["--locale-provider=icu", "--icu-locale=vi-VN"]
        if not self._supports_icu() or \
                self._run([*initdb, *vietnamese], check=False).returncode != 0:
            shutil.rmtree(self.data, ignore_errors=True)  # a build without ICU: byte order
            self._run(initdb)
        settings = {**SETTINGS, "unix_socket_directories": f"'{self.socket_dir}'",
                    "port": str(PORT)}
        with open(self.data / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write("\n# Private test server (tests/postgres_server.py)\n")
            conf.writelines(f"{name} = {value}\n" for name, value in settings.items())

    def _supports_icu(self) -> bool:
        done = subprocess.run([self.bindir / "initdb", "--help"], capture_output=True,
                              text=True, timeout=COMMAND_TIMEOUT)
        return "--icu-locale" in done.stdout

    # --- running ------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._run([self.bindir / "pg_ctl", "-D", self.data, "status"],
                         check=False).returncode == 0

    def start(self, timeout: int = 30) -> None:
        """Start the server (again) on its data folder; returns once it accepts
        connections."""
        self._run([self.bindir / "pg_ctl", "-D", self.data, "-l", self.log, "-w",
                   "-t", str(timeout), "start"])

    def stop(self, mode: str = "fast") -> None:
        """Stop the server, keeping its data: "fast" ends every connection and shuts
        down cleanly, "immediate" quits at once, as a crash would (recovered at the next
        start)."""
        if self.running:
            self._run([self.bindir / "pg_ctl", "-D", self.data, "-m", mode, "-w", "stop"])

    def remove(self) -> None:
        """Stop the server and delete its folder."""
        try:
            self.stop("immediate")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def log_tail(self, lines: int = 20) -> str:
        try:
            text = self.log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    # --- databases ----------------------------------------------------------------------

    def url(self, database: str) -> str:
        """The SQLAlchemy URL of one database of this server, as the kiosk's setting."""
        return f"postgresql+psycopg://{USER}@/{database}?host={self.socket_dir}&port={PORT}"

    def connect(self, database: str = "postgres"):
        """A psycopg connection in autocommit, for CREATE/DROP DATABASE and checks."""
        import psycopg

        return psycopg.connect(host=str(self.socket_dir), port=PORT, user=USER,
                               dbname=database, autocommit=True)

    def create_database(self, template: str | None = None, name: str | None = None) -> str:
        """A new database, empty or a copy of `template` (quick: a file copy), and its
        name. No one may be connected to the template while it is copied."""
        name = name or f"test_{os.getpid()}_{next(self._names)}"
        with self.connect() as admin:
            copy = ""
            if template:
                copy = f' TEMPLATE "{template}"'
                # Copying the files (and a checkpoint, cheap without fsync) is several
                # times quicker than writing the template through the WAL (15's default).
                if admin.info.server_version >= 150000:
                    copy += " STRATEGY FILE_COPY"
            admin.execute(f'CREATE DATABASE "{name}"{copy}')
        return name

    def drop_database(self, name: str) -> None:
        """Drop a database, ending whatever connections tests left open to it."""
        with self.connect() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
