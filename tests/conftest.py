"""Database fixtures shared by the storage and engine suites.

`db_url`, `db_engine` and `store` run each test on SQLite (a temporary file) and
on PostgreSQL (127.0.0.1:5432, database `test`, trust auth; override with
MOCKBOT_TEST_POSTGRES_URL). PostgreSQL tests skip, with the reason shown by
`-ra`, when no server answers. Both databases are migrated once per pytest
session: SQLite tests get a copy of a migrated file, PostgreSQL tests share
one schema whose tables are truncated before each test.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from bot.storage.db import make_engine, upgrade
from bot.storage.models import Base
from bot.storage.sql_store import SqlStore

DATABASES = ["sqlite", "postgresql"]
_PG_CANDIDATES = [
    "postgresql+psycopg://postgres@127.0.0.1:5432/test",
    "postgresql+psycopg://root@127.0.0.1:5432/test",
]


def _first_reachable_postgres() -> tuple[str | None, str]:
    env = os.environ.get("MOCKBOT_TEST_POSTGRES_URL")
    errors = []
    for url in [env] if env else _PG_CANDIDATES:
        probe = create_engine(url, connect_args={"connect_timeout": 2})
        try:
            with probe.connect() as conn:
                conn.execute(text("SELECT 1"))
            return url, ""
        except Exception as exc:
            shown = make_url(url).render_as_string(hide_password=True)
            errors.append(f"{shown}: {type(exc).__name__}")
        finally:
            probe.dispose()
    return None, "PostgreSQL not reachable: " + "; ".join(errors)


@pytest.fixture(scope="session")
def pg_schema() -> Iterator[Callable[[], str]]:
    """Makes fresh PostgreSQL schemas in database `test` and drops them at the end.

    Each returns a URL whose search_path is the new schema, so tables, the
    alembic_version table and reflection all stay inside it.
    """
    server, reason = _first_reachable_postgres()
    if server is None:
        pytest.skip(reason)
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    made: list[str] = []

    def new_schema() -> str:
        name = f"mockbot_test_{uuid.uuid4().hex[:12]}"
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{name}"'))
        made.append(name)
        url = make_url(server).update_query_dict({"options": f"-csearch_path={name}"})
        return url.render_as_string(hide_password=False)

    yield new_schema
    with admin.connect() as conn:
        for name in made:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
    admin.dispose()


@pytest.fixture(scope="session")
def _pg_migrated(pg_schema: Callable[[], str]) -> str:
    url = pg_schema()
    upgrade(url)
    return url


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sqlite-template") / "mockbot.db"
    upgrade(f"sqlite:///{path}")  # disposes its engine: the WAL is folded back in
    return path


def _truncate_all(url: str) -> None:
    names = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture(params=DATABASES)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """URL of an empty database migrated to head."""
    if request.param == "sqlite":
        path = tmp_path / "mockbot.db"
        shutil.copyfile(request.getfixturevalue("_sqlite_template"), path)
        return f"sqlite:///{path}"
    url: str = request.getfixturevalue("_pg_migrated")
    _truncate_all(url)
    return url


@pytest.fixture(params=DATABASES)
def empty_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """URL of a database with no tables at all, for migration tests."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'empty.db'}"
    make: Callable[[], str] = request.getfixturevalue("pg_schema")
    return make()


@pytest.fixture
def db_engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def store(db_engine: Engine) -> Iterator[SqlStore]:
    sql_store = SqlStore(db_engine)
    yield sql_store
    sql_store.close()
