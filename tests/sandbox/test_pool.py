"""The pool: a bounded number of runs at once, fair between owners, capped per owner."""

from __future__ import annotations

import threading
from collections.abc import Sequence

import pytest

from bot.content.schema import CodingTest
from bot.sandbox.pool import BUSY, PooledRunner
from bot.scoring.runner import CodeNotRun, Limits, RunReport, running_for

TESTS = [CodingTest(args=[], expected=1)]


class GatedRunner:
    """Each run blocks until the test releases it, and records the order runs started."""

    def __init__(self) -> None:
        self.started: list[str] = []
        self.gates: dict[str, threading.Event] = {}
        self.lock = threading.Lock()
        self.cond = threading.Condition(self.lock)
        self.running = self.max_running = 0

    def run(
        self,
        code: str,
        entry_point: str,
        tests: Sequence[CodingTest],
        limits: Limits | None = None,
    ) -> RunReport:
        gate = threading.Event()
        with self.cond:
            self.started.append(code)
            self.gates[code] = gate
            self.running += 1
            self.max_running = max(self.max_running, self.running)
            self.cond.notify_all()
        gate.wait(10)
        with self.cond:
            self.running -= 1
        return RunReport()

    def wait_started(self, n: int) -> None:
        with self.cond:
            assert self.cond.wait_for(lambda: len(self.started) >= n, 10), self.started

    def release(self, code: str) -> None:
        with self.cond:
            assert self.cond.wait_for(lambda: code in self.gates, 10)
            self.gates[code].set()


def submit(pool: PooledRunner, owner: str, code: str, errors: list[str]) -> threading.Thread:
    def go() -> None:
        with running_for(owner):
            try:
                pool.run(code, "f", TESTS)
            except CodeNotRun as exc:
                errors.append(f"{code}: {exc}")

    t = threading.Thread(target=go)
    t.start()
    return t


def wait_waiting(pool: PooledRunner, n: int) -> None:
    for _ in range(1000):
        if pool.stats()[1] >= n:
            return
        threading.Event().wait(0.005)
    raise AssertionError(f"never {n} waiting: {pool.stats()}")


def test_no_more_than_the_workers_run_at_once() -> None:
    inner = GatedRunner()
    pool = PooledRunner(inner, workers=2, per_owner=5, max_waiting=10)
    errors: list[str] = []
    threads = [submit(pool, "u", f"job{i}", errors) for i in range(5)]
    inner.wait_started(2)
    wait_waiting(pool, 3)
    assert pool.stats() == (2, 3)
    for n in range(5):  # release one at a time; the next waiting run takes its place
        inner.wait_started(min(5, n + 2))
        inner.release(inner.started[n])
    for t in threads:
        t.join(10)
    assert sorted(inner.started) == [f"job{i}" for i in range(5)] and errors == []
    assert inner.max_running == 2 and pool.stats() == (0, 0)


def test_a_flood_from_one_user_does_not_starve_another() -> None:
    inner = GatedRunner()
    pool = PooledRunner(inner, workers=1, per_owner=1, max_waiting=10)
    errors: list[str] = []
    threads = [submit(pool, "flood", "flood0", errors)]
    inner.wait_started(1)
    threads += [submit(pool, "flood", f"flood{i}", errors) for i in range(1, 4)]
    wait_waiting(pool, 3)
    threads.append(submit(pool, "calm", "calm0", errors))
    wait_waiting(pool, 4)
    inner.release("flood0")
    inner.wait_started(2)
    assert inner.started[1] == "calm0"  # next turn goes to the other owner
    for code in ["calm0", "flood1", "flood2", "flood3"]:
        inner.release(code)
    for t in threads:
        t.join(10)
    assert errors == []


def test_one_owner_runs_one_at_a_time_while_others_use_free_workers() -> None:
    inner = GatedRunner()
    pool = PooledRunner(inner, workers=3, per_owner=1, max_waiting=5)
    errors: list[str] = []
    threads = [submit(pool, "a", "a0", errors), submit(pool, "a", "a1", errors)]
    inner.wait_started(1)
    wait_waiting(pool, 1)
    threads.append(submit(pool, "b", "b0", errors))
    inner.wait_started(2)
    assert set(inner.started) == {"a0", "b0"}  # a1 waits although a worker is free
    for code in ["a0", "b0", "a1"]:
        inner.release(code)
    for t in threads:
        t.join(10)
    assert errors == []


def test_too_many_waiting_for_one_owner_are_refused_plainly() -> None:
    inner = GatedRunner()
    pool = PooledRunner(inner, workers=1, per_owner=1, max_waiting=2)
    errors: list[str] = []
    threads = [submit(pool, "a", "a0", errors)]
    inner.wait_started(1)
    threads += [submit(pool, "a", f"a{i}", errors) for i in (1, 2)]
    wait_waiting(pool, 2)
    threads.append(submit(pool, "a", "a3", errors))
    threads[-1].join(10)
    assert errors == [f"a3: {BUSY}"]
    for code in ["a0", "a1", "a2"]:
        inner.release(code)
    for t in threads:
        t.join(10)
    assert pool.stats() == (0, 0)


def test_a_failing_run_frees_its_worker() -> None:
    class Boom:
        def run(self, *args: object, **kw: object) -> RunReport:
            raise RuntimeError("boom")

    pool = PooledRunner(Boom(), workers=1)
    for _ in range(3):
        with pytest.raises(RuntimeError):
            pool.run("x", "f", TESTS)
    assert pool.stats() == (0, 0)


def test_bad_sizes_are_refused() -> None:
    with pytest.raises(ValueError):
        PooledRunner(GatedRunner(), workers=0)


def test_a_wait_interrupted_gives_its_turn_back(monkeypatch: pytest.MonkeyPatch) -> None:
    inner = GatedRunner()
    pool = PooledRunner(inner, workers=1)
    errors: list[str] = []
    first = submit(pool, "a", "a0", errors)
    inner.wait_started(1)

    def interrupted(timeout: float | None = None) -> bool:
        raise KeyboardInterrupt

    monkeypatch.setattr(pool._lock, "wait", interrupted)
    with running_for("b"), pytest.raises(KeyboardInterrupt):
        pool.run("b0", "f", TESTS)
    monkeypatch.undo()
    assert pool.stats() == (1, 0)  # b's ticket is gone, not left to take a worker forever
    inner.release("a0")
    first.join(10)
    assert pool.stats() == (0, 0)
