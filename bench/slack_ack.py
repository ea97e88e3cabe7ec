"""Slack ack latency: 50 sessions over real HTTP while every answer takes 2 s to score.

Usage: python bench/slack_ack.py [--sessions 50] [--messages 4] [--score-seconds 2]
Serves the same app and HTTP server `mockbot slack --http` runs, on loopback,
with the Web API played by a local stub; the clients are threads of this same
process, so the figures include their share of the GIL. Each session sends a signed `/mock
start`, a few answer messages, `submit`, and skips the follow-ups; scoring
sleeps `--score-seconds` per answer. Prints p50/p99 time to HTTP 200 (target:
p99 <= 200 ms, far inside Slack's 3 s) and requests per second.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import threading
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

from slack_sdk.signature import SignatureVerifier

from bot import config
from bot.adapters.slack.app import build_app
from bot.adapters.slack.server import make_http_server
from bot.adapters.slack.settings import SlackSettings
from bot.adapters.work import KeyedExecutor
from bot.content.loader import load_catalog
from bot.content.schema import Question, Rubric
from bot.engine.engine import Engine
from bot.scoring.base import Scorecard
from bot.scoring.heuristic import HeuristicScorer
from bot.storage.db import ensure_schema
from bot.storage.sql_store import SqlStore

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.adapters.slack.stub_api import StubSlackApi

SECRET = "bench-signing-secret"


class SlowScorer:
    name, version = "slow-heuristic", "bench"

    def __init__(self, seconds: float) -> None:
        self.inner = HeuristicScorer(None)
        self.seconds = seconds

    def score(self, question: Question, rubric: Rubric, answer: str) -> Scorecard:
        time.sleep(self.seconds)
        return self.inner.score(question, rubric, answer)


def _post(url: str, body: str, content_type: str, samples: list[float]) -> None:
    stamp = str(int(time.time()))
    sig = SignatureVerifier(SECRET).generate_signature(timestamp=stamp, body=body)
    headers = {
        "Content-Type": content_type,
        "X-Slack-Signature": sig,
        "X-Slack-Request-Timestamp": stamp,
    }
    req = urllib.request.Request(url, body.encode(), headers, method="POST")
    t = time.perf_counter()
    with urllib.request.urlopen(req, timeout=10) as resp:
        resp.read()
        assert resp.status == 200, resp.status
    samples.append(time.perf_counter() - t)


def _session(url: str, n: int, messages: int, samples: list[float]) -> None:
    user = f"UB{n:04d}"
    command = {
        "team_id": "T0001",
        "channel_id": f"D{user}",
        "user_id": user,
        "user_name": user.lower(),
        "command": "/mock",
        "text": "start ml",
        "trigger_id": f"bench-{n}",
        "response_url": "http://127.0.0.1:9/unused",
    }
    _post(url, urlencode(command), "application/x-www-form-urlencoded", samples)
    words = [
        f"answer line {i}: the variance grows with d, so I scale by sqrt(d)."
        for i in range(messages)
    ]
    for i, text in enumerate([*words, "submit", "skip", "skip", "skip", "skip"]):
        event = {
            "type": "event_callback",
            "team_id": "T0001",
            "api_app_id": "A1",
            "event_id": f"Ev-{n}-{i}",
            "event_time": int(time.time()),
            "authorizations": [{"team_id": "T0001", "user_id": "UBOT", "is_bot": True}],
            "event": {
                "type": "message",
                "channel": f"D{user}",
                "channel_type": "im",
                "user": user,
                "text": text,
                "ts": f"{time.time():.6f}",
            },
        }
        _post(url, json.dumps(event), "application/json", samples)


def _pct(xs: list[float], p: float) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, int(p * len(s)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sessions", type=int, default=50)
    ap.add_argument("--messages", type=int, default=4)
    ap.add_argument("--score-seconds", type=float, default=2.0)
    args = ap.parse_args()
    stub = StubSlackApi()
    with tempfile.TemporaryDirectory() as tmp:
        store = SqlStore(ensure_schema(f"sqlite:///{tmp}/bench.db"))
        catalog = load_catalog(config.bank_paths(), config.rubric_paths())
        engine = Engine(catalog, store, SlowScorer(args.score_seconds), random.Random(1))
        work = KeyedExecutor(16, "bench-slack")
        settings = SlackSettings("xoxb-test", SECRET, None, stub.url, None, None)
        app = build_app(engine, settings, lambda: datetime.now(UTC), work, store.engine)
        server = make_http_server(app.app, "127.0.0.1", 0)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_port}/slack/events"
        samples: list[float] = []
        threads = [
            threading.Thread(target=_session, args=(url, n, args.messages, samples))
            for n in range(args.sessions)
        ]
        t = time.perf_counter()
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        elapsed = time.perf_counter() - t
        done = work.wait_idle(600)
        scored = sum(1 for c in stub.posts() if "Scorecard" in json.dumps(c.args.get("blocks")))
        server.shutdown()
        work.shutdown()
        stub.close()
    print(
        f"{args.sessions} sessions, {len(samples)} signed requests, scoring "
        f"{args.score_seconds:g} s per answer"
    )
    print(
        f"time to HTTP 200: p50 {_pct(samples, 0.5) * 1000:.1f} ms   "
        f"p99 {_pct(samples, 0.99) * 1000:.1f} ms   max {max(samples) * 1000:.1f} ms"
        "   (target p99 <= 200 ms)"
    )
    rate = len(samples) / elapsed
    print(f"requests/s: {rate:.0f}   scorecards posted: {scored} (background work done: {done})")


if __name__ == "__main__":
    main()
