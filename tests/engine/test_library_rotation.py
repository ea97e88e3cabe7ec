"""A newcomer starting a hundred rounds in any track never meets the same question twice."""

from __future__ import annotations

import random

import pytest

from bot import config
from bot.content.loader import load_catalog
from bot.engine.engine import Engine
from bot.engine.messages import QuestionView, Tenant
from bot.scoring.heuristic import HeuristicScorer
from bot.storage.sql_store import SqlStore
from tests.engine.conftest import TestBot

CATALOG = load_catalog(config.bank_paths(), config.rubric_paths())


@pytest.mark.parametrize("track", ["coding", "ml", "system-design", "leadership"])
def test_a_hundred_starts_without_a_repeat(store: SqlStore, track: str) -> None:
    bot = TestBot(
        Engine(CATALOG, store, HeuristicScorer(None), random.Random(3)),
        Tenant("console", "local"),
        user="newcomer",
    )
    seen = []
    for _ in range(100):
        (question,) = [o for o in bot.say(f"/mock start {track}") if isinstance(o, QuestionView)]
        seen.append(question.question_id)
        bot.say("skip")
    assert len(set(seen)) == 100
