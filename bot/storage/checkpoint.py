"""SQLite WAL checkpoints on a background thread, off the message path.

By default SQLite checkpoints inside whichever commit pushes the WAL past 1000
pages, and that commit pays for copying pages and an fsync: a few
milliseconds, on roughly one message in a hundred, which is the whole p99. As
SQLite's documentation suggests for latency-sensitive writers, the store
turns automatic checkpoints off on its connections and this thread runs
PASSIVE checkpoints, which never block readers or writers, a few times a second.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

log = logging.getLogger(__name__)

CHECKPOINT_INTERVAL_S = 0.25
_FLAG = "mockbot_wal_autocheckpoint_off"


class WalCheckpointer:
    """Checkpoints one SQLite file until `stop`; `owns` marks connections it covers."""

    def __init__(self, path: str, busy_timeout_ms: int, interval: float) -> None:
        self._path = path
        self._busy_timeout_ms = busy_timeout_ms
        self._interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._run, name="mockbot-wal-checkpoint", daemon=True
        )
        self._thread.start()

    @classmethod
    def for_engine(cls, engine: Engine, busy_timeout_ms: int) -> WalCheckpointer | None:
        """A running checkpointer for a SQLite file; None for other databases."""
        database = engine.url.database
        if engine.dialect.name != "sqlite" or database in (None, "", ":memory:"):
            return None
        return cls(database, busy_timeout_ms, CHECKPOINT_INTERVAL_S)

    def owns(self, info: dict[Any, Any], driver_connection: Any) -> None:
        """Turn automatic checkpoints off on a pooled connection, once per connection."""
        if _FLAG not in info:
            driver_connection.execute("PRAGMA wal_autocheckpoint=0")
            info[_FLAG] = True

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not threading.current_thread():
            self._thread.join(timeout=5)

    def _run(self) -> None:
        conn: sqlite3.Connection | None = None
        try:
            while not self._stop.wait(self._interval):
                conn = self._checkpoint(conn)
            self._checkpoint(conn)  # leave a short WAL behind
        finally:
            if conn is not None:
                conn.close()

    def _checkpoint(self, conn: sqlite3.Connection | None) -> sqlite3.Connection | None:
        try:
            if conn is None:  # mode=rw: never create a file that is not there (yet)
                uri = Path(self._path).resolve().as_uri() + "?mode=rw"
                conn = sqlite3.connect(uri, uri=True, isolation_level=None)
                conn.execute(f"PRAGMA busy_timeout={self._busy_timeout_ms}")
            conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        except sqlite3.Error as exc:  # e.g. not created yet, or gone in a test: retry later
            log.debug("WAL checkpoint of %s failed: %s", self._path, exc)
        return conn
