"""A bounded pool for code runs: few at once, fair between users, a cap per user.

Each run is a whole interpreter, so running every submission at once would
thrash a small machine; one queue in arrival order would let one user's burst
hold everyone else up. Here at most `workers` runs go at once, a free worker
goes to the waiting owner served least recently (see
`bot.scoring.runner.run_owner`), an owner
runs at most `per_owner` at a time, and an owner with `max_waiting` runs
already queued is told to wait rather than queued again.

The pool only gates: it starts no threads. The caller's thread waits its turn
and then runs the job itself, so scoring that needs no code never waits.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.content.schema import CodingTest
from bot.scoring.runner import CodeNotRun, CodeRunner, Limits, RunReport, run_owner

BUSY = "you already have several code answers waiting to run; resubmit once they are scored"


@dataclass
class _Ticket:
    owner: str
    seq: int
    granted: bool = False


@dataclass
class _Queue:
    waiting: deque[_Ticket] = field(default_factory=deque)
    running: int = 0
    served_at: int = -1  # grant number of this owner's latest run; -1: never


class PooledRunner:
    def __init__(
        self,
        inner: CodeRunner,
        workers: int,
        per_owner: int = 1,
        max_waiting: int = 3,
    ) -> None:
        if workers < 1 or per_owner < 1 or max_waiting < 1:
            raise ValueError("workers, per_owner and max_waiting must be at least 1")
        self.inner = inner
        self.workers = workers
        self.per_owner = per_owner
        self.max_waiting = max_waiting
        self._lock = threading.Condition()
        self._queues: dict[str, _Queue] = {}
        self._running = 0
        self._grants = 0
        self._seq = 0
        # Owners not seen for a while forget their turn; a bounded memory of who ran when.
        self._history: dict[str, int] = {}

    @property
    def isolation(self) -> str:
        return str(getattr(self.inner, "isolation", "unknown"))

    def run(
        self,
        code: str,
        entry_point: str,
        tests: Sequence[CodingTest],
        limits: Limits | None = None,
    ) -> RunReport:
        owner = run_owner.get()
        ticket = self._enter(owner)
        if ticket is None:
            raise CodeNotRun(BUSY)
        try:
            return self.inner.run(code, entry_point, tests, limits)
        finally:
            self._leave(owner)

    def stats(self) -> tuple[int, int]:
        """(running, waiting) right now: for logs and the bench."""
        with self._lock:
            return self._running, sum(len(q.waiting) for q in self._queues.values())

    def _enter(self, owner: str) -> _Ticket | None:
        with self._lock:
            q = self._queues.get(owner) or _Queue(served_at=self._history.pop(owner, -1))
            self._queues[owner] = q
            if len(q.waiting) >= self.max_waiting:
                return None
            ticket = _Ticket(owner, self._seq)
            self._seq += 1
            q.waiting.append(ticket)
            self._dispatch()
            try:
                while not ticket.granted:
                    self._lock.wait()
            except BaseException:  # interrupted while waiting: give the turn back
                if ticket.granted:
                    self._finished(owner, q)
                else:
                    q.waiting.remove(ticket)
                    self._settle(owner, q)
                raise
            return ticket

    def _leave(self, owner: str) -> None:
        with self._lock:
            self._finished(owner, self._queues[owner])

    def _finished(self, owner: str, q: _Queue) -> None:
        """A granted run is over (or was never started); lock held."""
        q.running -= 1
        self._running -= 1
        self._settle(owner, q)

    def _settle(self, owner: str, q: _Queue) -> None:
        """Retire an idle owner, remembering its turn, and hand out free workers; lock held."""
        if not q.running and not q.waiting:
            self._history[owner] = q.served_at
            if len(self._history) > 10_000:
                self._history.pop(next(iter(self._history)))
            del self._queues[owner]
        self._dispatch()

    def _dispatch(self) -> None:
        """Grant free workers to the least recently served waiting owners; lock held."""
        granted = False
        while self._running < self.workers:
            ready = [
                (q.served_at, q.waiting[0].seq, owner)
                for owner, q in self._queues.items()
                if q.waiting and q.running < self.per_owner
            ]
            if not ready:
                break
            _, _, owner = min(ready)
            q = self._queues[owner]
            ticket = q.waiting.popleft()
            ticket.granted = granted = True
            q.running += 1
            q.served_at = self._grants
            self._grants += 1
            self._running += 1
        if granted:
            self._lock.notify_all()
