"""`testbot`: a whole conversation with the engine in a few lines, on a fake clock.

Modelled on errbot's testbot fixture: `bot.say("start ml")` returns the
replies; `bot.advance(seconds)` moves the clock and runs the timer sweep.
Runs on every database the `store` fixture provides (SQLite and PostgreSQL).
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot import config
from bot.content.catalog import Catalog
from bot.content.loader import load_catalog
from bot.engine.engine import Engine
from bot.engine.messages import (
    Inbound,
    Outbound,
    ProbeView,
    QuestionView,
    Say,
    ScorecardView,
    Tenant,
)
from bot.scoring.heuristic import HeuristicScorer
from bot.storage.sql_store import SqlStore

FIXTURE_BANK = Path(__file__).resolve().parents[1] / "fixtures" / "engine" / "bank.yaml"
START = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
_ids = itertools.count()


def fixture_catalog() -> Catalog:
    return load_catalog([FIXTURE_BANK], config.rubric_paths())


def text_of(out: Outbound) -> str:
    if isinstance(out, Say):
        return out.text
    if isinstance(out, QuestionView):
        return f"QUESTION {out.question_id}: {out.prompt}"
    if isinstance(out, ProbeView):
        return f"PROBE {out.number}/{out.total}: {out.text}"
    if isinstance(out, ScorecardView):
        return f"SCORECARD {out.card.overall} {out.card.verdict}"
    return type(out).__name__


class TestBot:
    __test__ = False

    def __init__(self, engine: Engine, tenant: Tenant, user: str = "alice") -> None:
        self.engine = engine
        self.tenant = tenant
        self.user = user
        self.now = START

    def say(
        self,
        text: str,
        user: str | None = None,
        event_id: str | None = None,
        action: str | None = None,
    ) -> list[Outbound]:
        return self.engine.handle(self.inbound(text, user, event_id, action))

    def inbound(
        self,
        text: str,
        user: str | None = None,
        event_id: str | None = None,
        action: str | None = None,
    ) -> Inbound:
        who = user or self.user
        return Inbound(
            tenant=self.tenant,
            user_id=who,
            conversation_id=f"dm:{who}",
            at=self.now,
            text=text,
            action=action,
            event_id=event_id or f"ev-{next(_ids)}",
            user_name=who,
        )

    def texts(self, text: str, **kw: str) -> list[str]:
        return [text_of(o) for o in self.say(text, **kw)]

    def advance(self, seconds: float) -> list[Outbound]:
        self.now += timedelta(seconds=seconds)
        return self.engine.tick(self.now)

    def of(self, outs: list[Outbound], kind: type) -> list[Outbound]:
        return [o for o in outs if isinstance(o, kind)]


@pytest.fixture
def engine(store: SqlStore) -> Engine:
    return Engine(fixture_catalog(), store, HeuristicScorer(None), random.Random(7))


@pytest.fixture
def testbot(engine: Engine) -> Iterator[TestBot]:
    yield TestBot(engine, Tenant("console", "local"))
