"""Background work for chat adapters: parallel across users, in order for each one.

Platforms want an answer within seconds, so adapters acknowledge first and do
the work here. One user's messages must still be handled in the order they
were sent ("...the last line" then "submit"), while different users go in
parallel on a bounded number of threads.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable, Hashable
from concurrent.futures import ThreadPoolExecutor

log = logging.getLogger(__name__)


class KeyedExecutor:
    def __init__(self, workers: int, name: str = "mockbot-work") -> None:
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix=name)
        self._lock = threading.Lock()
        self._queues: dict[Hashable, deque[Callable[[], object]]] = {}
        self._idle = threading.Condition(self._lock)
        self._pending = 0

    def submit(self, key: Hashable, task: Callable[[], object]) -> None:
        with self._lock:
            self._pending += 1
            queue = self._queues.get(key)
            if queue is not None:  # a task for this key is running: queue behind it
                queue.append(task)
                return
            self._queues[key] = deque()
        self._pool.submit(self._drain, key, task)

    def _drain(self, key: Hashable, task: Callable[[], object]) -> None:
        while True:
            try:
                task()
            except Exception:
                log.exception("background task failed")
            with self._lock:
                self._pending -= 1
                queue = self._queues[key]
                if not queue:
                    del self._queues[key]
                    self._idle.notify_all()
                    return
                task = queue.popleft()

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until every submitted task has run: for tests and orderly shutdown."""
        with self._idle:
            return self._idle.wait_for(lambda: self._pending == 0, timeout)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True)
