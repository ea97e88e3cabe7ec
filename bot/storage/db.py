"""Engines and schema upgrades: the only place that knows which database is used.

The schema is only ever created by Alembic migrations (never `create_all`), so
a database created today and one upgraded from last year have the same shape.
Both SQLite and PostgreSQL upgrade themselves when the bot starts
(`ensure_schema`); `mockbot migrate` does the same on demand, e.g. from a
deploy step that should fail before new code serves traffic.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import platformdirs
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url

# The repository's top-level migrations/ folder, next to the `bot` package.
MIGRATIONS_DIR = Path(__file__).resolve().parent.parent.parent / "migrations"

SQLITE_BUSY_TIMEOUT_MS = 5000
SQLITE_BEGIN = "sqlite_begin"  # execution option: "DEFERRED" (default) or "IMMEDIATE"
# Any constant works; it only has to be the same in every process that migrates.
_PG_MIGRATION_LOCK = 0x6D6F636B  # "mock"


def default_url() -> str:
    """`MOCKBOT_DATABASE_URL`, else a SQLite file in the user's data folder."""
    url = os.environ.get("MOCKBOT_DATABASE_URL", "").strip()
    if url:
        return url
    folder = Path(platformdirs.user_data_dir("mockbot"))
    return f"sqlite:///{folder / 'mockbot.db'}"


def normalise_url(url: str) -> str:
    """Plain `postgresql://` URLs use psycopg 3, the driver we install."""
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def _configure_sqlite(engine: Engine) -> None:
    """Pragmas on every connection, and our own BEGIN so writers can take the lock up front.

    SQLite ignores foreign keys unless told on each connection. WAL lets readers
    run beside the one writer; synchronous=NORMAL is durable against application
    crashes in WAL mode and saves an fsync per commit. A connection with the
    execution option `sqlite_begin="IMMEDIATE"` (the store's units of work and
    migrations) takes the write lock at BEGIN: a deferred transaction that reads
    and then writes fails with SQLITE_BUSY, without waiting, when another process
    wrote in between. Everything else begins deferred, so readers never queue.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        mode = conn.get_execution_options().get(SQLITE_BEGIN, "DEFERRED")
        # Straight to the driver: this runs once per transaction, on the hot path.
        driver: Any = conn.connection.driver_connection
        driver.execute(f"BEGIN {mode}")


def writer(engine: Engine) -> Engine:
    """The same engine and pool, its transactions taking SQLite's write lock at BEGIN."""
    return engine.execution_options(**{SQLITE_BEGIN: "IMMEDIATE"})


def make_engine(url: str | None = None, **kwargs: Any) -> Engine:
    """An engine with the per-connection settings the store relies on."""
    url = normalise_url(url or default_url())
    parsed = make_url(url)
    is_sqlite = parsed.get_backend_name() == "sqlite"
    if is_sqlite and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    if not is_sqlite:
        kwargs.setdefault("pool_pre_ping", False)
    engine = create_engine(url, **kwargs)
    if is_sqlite:
        _configure_sqlite(engine)
    return engine


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic config built in code, so no alembic.ini or working folder is needed."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


@contextmanager
def migration_connection(engine: Engine) -> Iterator[Connection]:
    """A connection in one transaction, made safe for migrating, for Alembic to use.

    On PostgreSQL an advisory lock makes concurrent starters wait for one another;
    on SQLite `BEGIN IMMEDIATE` does the same. SQLite's foreign keys are switched
    off for the migration, as SQLite's docs require for table rebuilds: with them
    on, dropping the old copy of a table in batch mode would cascade-delete rows.
    They are checked before commit instead.
    """
    is_sqlite = engine.dialect.name == "sqlite"
    with writer(engine).connect() as conn:
        raw: Any = conn.connection.driver_connection
        if is_sqlite:
            raw.execute("PRAGMA foreign_keys=OFF")  # has no effect inside a transaction
        try:
            with conn.begin():
                if engine.dialect.name == "postgresql":
                    conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_MIGRATION_LOCK})")
                yield conn
                if is_sqlite:
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise RuntimeError(f"migration left broken foreign keys: {broken[:5]}")
        finally:
            if is_sqlite:
                raw.execute("PRAGMA foreign_keys=ON")


def _migrate(engine: Engine, action: Callable[[Config], None]) -> str | None:
    with migration_connection(engine) as conn:
        action(alembic_config(conn))
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(target: Engine | str | None = None, revision: str = "head") -> str | None:
    """Migrate to `revision` (default head) and return the revision now current."""
    engine = target if isinstance(target, Engine) else make_engine(target)
    try:
        return _migrate(engine, lambda cfg: command.upgrade(cfg, revision))
    finally:
        if not isinstance(target, Engine):
            engine.dispose()


def downgrade(engine: Engine, revision: str) -> str | None:
    """Migrate down to `revision` ("base" empties the database); for tests and rollbacks."""
    return _migrate(engine, lambda cfg: command.downgrade(cfg, revision))


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def ensure_schema(url: str | None = None) -> Engine:
    """The engine for a long-running bot, its database upgraded to head first."""
    engine = make_engine(url)
    upgrade(engine)
    return engine
