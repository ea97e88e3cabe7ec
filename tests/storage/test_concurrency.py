"""Two writers at once: a redelivered event is claimed once, and SQLite's WAL stays short."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.storage import checkpoint
from bot.storage.db import make_engine, upgrade
from bot.storage.sql_store import SqlStore
from tests.storage.builders import ACME, T0, session


def test_a_racing_redelivery_waits_and_finds_the_claim(db_url: str) -> None:
    """Each store has its own engine, as two bot processes would."""
    first, second = SqlStore(make_engine(db_url)), SqlStore(make_engine(db_url))
    with first.transaction() as tx:
        tx.ensure_user(ACME, "U-ann", None)  # the tenant exists before the race
    claimed = threading.Event()
    results: dict[str, bool] = {}

    def slow_first() -> None:
        with first.transaction() as tx:
            results["first"] = tx.claim_event(ACME, "Ev-retry", T0)
            claimed.set()
            time.sleep(0.3)  # still handling the event when the retry arrives

    worker = threading.Thread(target=slow_first)
    worker.start()
    claimed.wait(5)
    started = time.perf_counter()
    with second.transaction() as tx:
        results["second"] = tx.claim_event(ACME, "Ev-retry", T0)
    waited = time.perf_counter() - started
    worker.join()
    assert results == {"first": True, "second": False}
    assert waited > 0.1  # it blocked on the first claim instead of racing past it
    for store in (first, second):
        store.close()
        store.engine.dispose()


def test_sqlite_wal_is_checkpointed_off_the_message_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(checkpoint, "CHECKPOINT_INTERVAL_S", 0.02)
    path = tmp_path / "mockbot.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    store = SqlStore(engine)
    size = path.stat().st_size
    for n in range(50):
        with store.transaction() as tx:
            tx.save_session(session(user=f"U{n}", rounds=3))
            auto = tx._conn.execute(text("PRAGMA wal_autocheckpoint")).scalar()
            assert auto == 0  # commits never stop to checkpoint
    # Only a checkpoint copies pages from the WAL into the database file.
    deadline = time.monotonic() + 5
    while path.stat().st_size == size and time.monotonic() < deadline:
        time.sleep(0.02)
    assert path.stat().st_size > size
    store.close()
    engine.dispose()
