"""Fixtures shared by the core tests: the kiosk's database on SQLite and on PostgreSQL.

A test that asks for `db_url` (or for a fixture built on it, such as a module's `db`) runs
twice: once on a SQLite file in the test's data folder, as a single kiosk stores it, and
once on a database of a private PostgreSQL server (tests/postgres_server.py), as kiosks
sharing a server do. Mark a test `@pytest.mark.sqlite_only` when it is about SQLite itself
(the file's bytes, PRAGMAs, the online backup).

The PostgreSQL variants are skipped, with the reason, where PostgreSQL is not installed;
where the CI environment variable is set they fail instead, so CI never passes by skipping.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.postgres_server import PostgresServer, server_for_tests

BACKENDS = ("sqlite", "postgresql")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "sqlite_only: about SQLite itself; not run on PostgreSQL")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames and \
            metafunc.definition.get_closest_marker("sqlite_only") is None:
        metafunc.parametrize("backend", BACKENDS, indirect=True)


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """The private PostgreSQL server of this test run, started once."""
    yield from server_for_tests()


@pytest.fixture(scope="session")
def postgres_template(postgres: PostgresServer) -> str:
    """A database migrated to the newest schema and nothing else, copied for each test
    (CREATE DATABASE ... TEMPLATE copies files: far quicker than migrating)."""
    from kiosk.db.engine import make_engine, upgrade

    name = postgres.create_database(name="kiosk_template")
    engine = make_engine(postgres.url(name))
    try:
        upgrade(engine)
    finally:
        engine.dispose()  # nobody may stay connected to a template
    return name


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """"sqlite" or "postgresql" (tests marked sqlite_only are not parametrized)."""
    return getattr(request, "param", "sqlite")


def _postgres_url(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch,
                  template: str | None) -> Iterator[str]:
    server: PostgresServer = request.getfixturevalue("postgres")
    name = server.create_database(template=template)
    url = server.url(name)
    # The settings (and so `kiosk ...` commands run in the test) point at it too.
    monkeypatch.setenv("KIOSK_DATABASE_URL", url)
    yield url
    server.drop_database(name)


@pytest.fixture
def db_url(backend: str, isolated_settings: Path, request: pytest.FixtureRequest,
           monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The URL of the test's own database, as a new kiosk finds it: on SQLite the file
    `open_database` creates in the data folder (the settings' default); on PostgreSQL an
    empty database of the newest schema (on a real server, the first kiosk migrates it)."""
    if backend == "sqlite":
        yield f"sqlite:///{isolated_settings / 'kiosk.sqlite3'}"
        return
    yield from _postgres_url(request, monkeypatch, request.getfixturevalue("postgres_template"))


@pytest.fixture
def empty_db_url(backend: str, isolated_settings: Path, request: pytest.FixtureRequest,
                 monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A database with no table at all, for tests of the migrations themselves."""
    if backend == "sqlite":
        yield f"sqlite:///{isolated_settings / 'kiosk.sqlite3'}"
        return
    yield from _postgres_url(request, monkeypatch, None)


@pytest.fixture
def db(db_url: str):
    """The kiosk's sessionmaker on the test's database, with the demo commune."""
    from kiosk.db.engine import open_database
    from kiosk.demo import DEMO_HAMLETS

    factory = open_database(db_url, DEMO_HAMLETS)
    yield factory
    factory.kw["bind"].dispose()
