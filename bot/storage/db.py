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
    """Pragmas on every connection, and a real BEGIN for every transaction.

    SQLite ignores foreign keys unless told on each connection. WAL lets readers
    run beside the one writer; synchronous=NORMAL is durable against application
    crashes in WAL mode and saves an fsync per commit. The driver's own
    transaction handling is switched off (it would run SELECTs and DDL outside
    any transaction); the dialect's `do_begin` hook issues BEGIN instead. A hook,
    not a "begin" event listener: any connection event listener makes SQLAlchemy
    dispatch four more events around every statement, a tenth of a message's cost.
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

    engine.dialect.do_begin = _sqlite_begin  # type: ignore[method-assign]


def _sqlite_begin(dbapi_connection: Any) -> None:
    if not dbapi_connection.in_transaction:  # `begin_writing` may have begun already
        dbapi_connection.execute("BEGIN")


@contextmanager
def begin_writing(engine: Engine) -> Iterator[Connection]:
    """A transaction that, on SQLite, holds the write lock from its first statement.

    A deferred SQLite transaction that reads and then writes fails with
    SQLITE_BUSY, without waiting, when another process wrote in between;
    BEGIN IMMEDIATE queues for the lock (busy_timeout) instead. The store's units
    of work and migrations use this; plain reads begin deferred and never queue.
    """
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            driver: Any = conn.connection.driver_connection
            driver.execute("BEGIN IMMEDIATE")
        with conn.begin():
            yield conn


def make_engine(url: str | None = None, **kwargs: Any) -> Engine:
    """An engine with the per-connection settings the store relies on."""
    url = normalise_url(url or default_url())
    parsed = make_url(url)
    is_sqlite = parsed.get_backend_name() == "sqlite"
    if is_sqlite and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    # No pool_pre_ping: it costs a round trip per transaction, a tenth of a message on
    # PostgreSQL. After a server restart the first statement on a dead connection
    # fails, SQLAlchemy drops the whole pool, and that one event is retried.
    engine = create_engine(url, **kwargs)
    if is_sqlite:
        _configure_sqlite(engine)
    return engine


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic config built in code, so no alembic.ini or working folder is needed."""
    if not (MIGRATIONS_DIR / "env.py").is_file():
        raise RuntimeError(
            f"migrations not found at {MIGRATIONS_DIR}: run mockbot from a source checkout "
            "(pip install -e .), where migrations/ sits next to the bot package"
        )
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
    with engine.connect() as conn:
        raw: Any = conn.connection.driver_connection
        if is_sqlite:
            raw.execute("PRAGMA foreign_keys=OFF")  # has no effect inside a transaction
            raw.execute("BEGIN IMMEDIATE")
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
    """The engine for a long-running bot, its database upgraded to head first.

    Runs on every start, for SQLite and PostgreSQL alike: at head it is one
    query. Several processes starting together queue on a lock and the first
    one migrates. Deployments that want migrations as a separate step run
    `mockbot migrate` first; this then finds nothing to do.
    """
    engine = make_engine(url)
    upgrade(engine)
    return engine
