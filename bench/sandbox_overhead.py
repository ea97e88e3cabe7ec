"""Sandbox overhead: one small answer with 10 tests, sandboxed vs a bare subprocess,
and answers per second through the default pool.

Usage: python bench/sandbox_overhead.py [--repeat N] [--users U] [--answers A]
Targets (issue 6): sandboxed time per run <= 1.5x the bare subprocess's.
Both sides use the sandbox's interpreter, so the ratio is the sandbox alone.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import threading
import time

from bot.content.schema import CodingTest
from bot.sandbox.bwrap import BwrapLauncher, SandboxUnavailable, find
from bot.sandbox.policy import choose_runner, default_workers
from bot.scoring.runner import CodeRunner, SubprocessRunner, running_for

CODE = """
def two_sum(nums, target):
    seen = {}
    for i, x in enumerate(nums):
        if target - x in seen:
            return [seen[target - x], i]
        seen[x] = i
    return []
"""
TESTS = [
    CodingTest(args=[list(range(n)), 2 * n - 3], expected=[n - 2, n - 1]) for n in range(2, 12)
]
# As bank questions have them: hidden tests run in a second sandbox of their own.
WITH_HIDDEN = [t.model_copy(update={"hidden": i >= 7}) for i, t in enumerate(TESTS)]


def _pct(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))]


def _time_runs(runner: CodeRunner, repeat: int, tests: list[CodingTest] = TESTS) -> list[float]:
    samples = []
    for _ in range(repeat):
        t = time.perf_counter()
        report = runner.run(CODE, "two_sum", tests)
        samples.append(time.perf_counter() - t)
        assert report.passed == 10, report
    return samples


def _throughput(runner: CodeRunner, users: int, answers: int) -> float:
    def user(i: int) -> None:
        with running_for(f"bench:{i}"):
            for _ in range(answers):
                assert runner.run(CODE, "two_sum", TESTS).passed == 10

    threads = [threading.Thread(target=user, args=(i,)) for i in range(users)]
    t = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return users * answers / (time.perf_counter() - t)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=60)
    ap.add_argument("--users", type=int, default=8)
    ap.add_argument("--answers", type=int, default=10)
    args = ap.parse_args()
    try:
        box = find()
    except SandboxUnavailable as exc:
        sys.exit(f"no sandbox: {exc}")
    bare = SubprocessRunner(python=box.python)
    boxed = SubprocessRunner(launcher=BwrapLauncher(box))
    _time_runs(bare, 3), _time_runs(boxed, 3)  # warm the page cache
    b, s = _time_runs(bare, args.repeat), _time_runs(boxed, args.repeat)
    for label, xs in (("bare subprocess", b), ("bubblewrap sandbox", s)):
        print(
            f"{label:<20} p50 {_pct(xs, 0.5) * 1000:7.1f} ms   p99 {_pct(xs, 0.99) * 1000:7.1f} ms"
            f"   (n={len(xs)}, 10 tests)"
        )
    ratio = statistics.median(s) / statistics.median(b)
    print(f"sandbox / bare (median): {ratio:.2f}x   target <= 1.5x")
    h = _time_runs(boxed, args.repeat, WITH_HIDDEN)
    p50, p99 = _pct(h, 0.5) * 1000, _pct(h, 0.99) * 1000
    print(f"{'sandbox, 3 hidden':<20} p50 {p50:7.1f} ms   p99 {p99:7.1f} ms   (two sandboxes)")
    pooled = choose_runner(allow_unsafe=False).runner
    rate = _throughput(pooled, args.users, args.answers)
    print(
        f"default pool ({default_workers()} workers), {args.users} users x {args.answers} "
        f"answers: {rate:.1f} answers/s"
    )


if __name__ == "__main__":
    main()
