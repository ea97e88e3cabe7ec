"""Engine + storage throughput: 100 concurrent sessions, scoring stubbed out.

Usage: python bench/engine_throughput.py [--sessions 100] [--messages 20]
       [--database sqlite|postgresql|all] [--pg-url URL]
Each session starts a round, sends answer lines, asks for a hint and the
time, submits and skips the follow-ups; sessions are interleaved message by
message, as many users typing at once. Prints messages/s and p50/p99 of
`Engine.handle`. Targets (issue 4): >= 2,000 messages/s, p99 <= 5 ms on SQLite.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot import config
from bot.content.loader import load_catalog
from bot.content.schema import Question, Rubric
from bot.engine.engine import Engine
from bot.engine.messages import Inbound, Tenant
from bot.scoring.base import CriterionScore, Scorecard
from bot.storage.db import make_engine, upgrade
from bot.storage.sql_store import SqlStore

PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


class StubScorer:
    """Benchmarks measure the engine and storage, not scoring: a constant card."""

    name, version = "stub", "0"

    def score(self, question: Question, rubric: Rubric, answer: str) -> Scorecard:
        crits = [CriterionScore(c.id, c.title, 3) for c in rubric.criteria]
        return Scorecard(question.id, "stub", "0", 3.0, rubric.verdict(3.0), crits)


def _script(messages: int) -> list[str]:
    body = [
        f"Line {i} of my answer: the variance grows with the dimension." for i in range(messages)
    ]
    return [
        "/mock start ml",
        *body[:2],
        "hint",
        *body[2:],
        "time",
        "submit",
        "skip",
        "skip",
        "skip",
    ]


def run(url: str, sessions: int, messages: int) -> None:
    upgrade(url)
    engine = Engine(
        load_catalog(config.bank_paths(), config.rubric_paths()),
        SqlStore(make_engine(url)),
        StubScorer(),
        random.Random(1),
    )
    tenant = Tenant("bench", f"w{time.time_ns()}")
    now = datetime(2026, 11, 23, tzinfo=UTC)
    script = _script(messages)
    latencies: list[float] = []
    t_start = time.perf_counter()
    for step, text in enumerate(script):
        for user in range(sessions):
            msg = Inbound(
                tenant,
                f"u{user}",
                f"c{user}",
                now + timedelta(seconds=step),
                text,
                event_id=f"{user}-{step}",
            )
            t0 = time.perf_counter()
            engine.handle(msg)
            latencies.append(time.perf_counter() - t0)
    elapsed = time.perf_counter() - t_start
    latencies.sort()
    p50 = latencies[len(latencies) // 2] * 1000
    p99 = latencies[int(len(latencies) * 0.99)] * 1000
    name = url.split(":")[0]
    print(
        f"{name:<22} {len(latencies):>6} messages  {len(latencies) / elapsed:8.0f} msg/s  "
        f"p50 {p50:6.2f} ms  p99 {p99:6.2f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=100)
    parser.add_argument("--messages", type=int, default=20, help="answer lines per session")
    parser.add_argument("--database", choices=["sqlite", "postgresql", "all"], default="all")
    parser.add_argument("--pg-url", default=PG_URL)
    args = parser.parse_args()
    print(f"{args.sessions} concurrent sessions, {len(_script(args.messages))} messages each")
    if args.database in ("sqlite", "all"):
        with tempfile.TemporaryDirectory() as tmp:
            run(f"sqlite:///{Path(tmp) / 'bench.db'}", args.sessions, args.messages)
    if args.database in ("postgresql", "all"):
        try:
            run(args.pg_url, args.sessions, args.messages)
        except Exception as exc:  # no server here: say so rather than fail the other figures
            print(f"postgresql: skipped ({type(exc).__name__}: {exc})", file=sys.stderr)


if __name__ == "__main__":
    main()
