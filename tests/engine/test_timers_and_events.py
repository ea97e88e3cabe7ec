"""Timers firing, restart resume, duplicate events and tenant isolation."""

from __future__ import annotations

import random
from datetime import timedelta

from bot.engine.engine import Engine
from bot.engine.messages import Outbound, QuestionView, Say, ScorecardView, Tenant
from bot.engine.state import RoundStatus
from bot.scoring.heuristic import HeuristicScorer
from tests.engine.conftest import TestBot, fixture_catalog


def _says(outs: list) -> list[str]:  # type: ignore[type-arg]
    return [o.text for o in outs if isinstance(o, Say)]


def test_warnings_then_time_up_submits_what_was_written(testbot: TestBot) -> None:
    testbot.say("/mock start ml topic=transformers")  # 10 minutes
    testbot.say("The variance of the dot product grows with d_k.")
    assert testbot.advance(299) == []
    assert _says(testbot.advance(1)) == ["Half time: 5:00 left."]
    assert testbot.advance(200) == []
    assert _says(testbot.advance(40)) == ["One minute left. Wrap up, then submit."]
    outs = testbot.advance(60)
    assert _says(outs)[0] == "Time is up. Submitting what you wrote."
    (card,) = [o for o in outs if isinstance(o, ScorecardView)]
    assert card.timed_out and card.card.overall > 1.0
    assert testbot.advance(600) == []


def test_a_late_sweep_fires_once_with_the_latest_event(testbot: TestBot) -> None:
    testbot.say("/mock start ml topic=transformers")
    outs = testbot.advance(560)
    assert _says(outs) == ["One minute left. Wrap up, then submit."]


def test_a_message_after_the_deadline_finds_the_round_submitted(testbot: TestBot) -> None:
    testbot.say("/mock start ml topic=transformers")
    testbot.say("The variance grows with d_k.")
    testbot.now += timedelta(minutes=11)
    outs = testbot.say("and one more thing")
    assert any(isinstance(o, ScorecardView) for o in outs)


def test_restart_resumes_with_the_time_left(testbot: TestBot) -> None:
    testbot.say("/mock start ml topic=transformers")
    testbot.say("The variance grows with d_k.")
    testbot.now += timedelta(minutes=3)
    testbot.engine.suspend(testbot.now, "console")
    # The process is gone for an hour; a new engine on the same database takes over.
    fresh = Engine(fixture_catalog(), testbot.engine.store, HeuristicScorer(None), random.Random(1))
    testbot.engine = fresh
    testbot.now += timedelta(hours=1)
    outs = fresh.resume(testbot.now, "console")
    assert _says(outs) == ["Welcome back: your round resumes with 7:00 left."]
    assert any(isinstance(o, QuestionView) for o in outs)
    assert testbot.texts("time") == ["7:00 left."]
    outs = testbot.advance(7 * 60)
    assert any(isinstance(o, ScorecardView) for o in outs)


def test_a_paused_session_resumes_when_the_user_writes(testbot: TestBot) -> None:
    testbot.say("/mock start ml topic=transformers")
    testbot.engine.suspend(testbot.now, "console")
    testbot.now += timedelta(hours=2)
    outs = testbot.say("time")
    assert _says(outs) == ["Welcome back: your round resumes with 10:00 left.", "10:00 left."]


def test_the_same_event_twice_has_one_effect(testbot: TestBot) -> None:
    testbot.say("/mock start ml topic=transformers")
    assert testbot.say("hint", event_id="slack-ev-1") != []
    assert testbot.say("hint", event_id="slack-ev-1") == []
    assert testbot.texts("hint") == ["Hint 2/2: What does a saturated softmax do to gradients?"]
    testbot.say("some answer", event_id="ev-a")
    testbot.say("some answer", event_id="ev-a")
    with testbot.engine.store.transaction() as tx:
        s = tx.active_session(testbot.tenant, testbot.user)
        assert s is not None and s.round.answer == "some answer"


def test_tenants_are_isolated(testbot: TestBot) -> None:
    testbot.say("/mock start ml topic=transformers")
    other = TestBot(testbot.engine, Tenant("slack", "T-OTHER"))
    other.now = testbot.now
    assert "not running" in other.texts("an answer")[0]
    (history,) = other.say("/mock history")
    assert history.entries == []  # type: ignore[attr-defined]
    q = [o for o in other.say("/mock start ml topic=transformers") if isinstance(o, QuestionView)]
    assert q  # alice in the other workspace is a different user with her own session
    outs = testbot.advance(600)
    assert {o.conversation_id for o in outs} == {"dm:alice"}
    assert len([o for o in outs if isinstance(o, ScorecardView)]) == 2


def test_a_failing_scorer_never_raises_out_of_the_engine(testbot: TestBot) -> None:
    class Broken:
        name, version = "broken", "0"

        def score(self, *args: object) -> None:
            raise RuntimeError("boom")

    real = testbot.engine.scorer
    testbot.engine.scorer = Broken()  # type: ignore[assignment]
    testbot.say("/mock start ml topic=transformers")
    testbot.say("The variance grows.")
    outs = testbot.say("submit")
    for _ in range(4):
        if any(isinstance(o, Say) and o.kind == "error" for o in outs):
            break
        outs = testbot.say("skip")
    assert isinstance(outs[-1], Say) and outs[-1].kind == "error"
    assert "Your answer is saved" in outs[-1].text
    with testbot.engine.store.transaction() as tx:
        s = tx.active_session(testbot.tenant, testbot.user)
        assert s is not None and s.round.answer == "The variance grows."
        assert s.round.status is RoundStatus.SCORING

    # Soon after, the round is still "being scored"; later, `submit` scores it again.
    testbot.engine.scorer = real
    assert "being scored" in _texts(testbot.say("submit"))
    testbot.advance(31)
    outs = testbot.say("submit")
    assert any(isinstance(o, ScorecardView) for o in outs)


def _texts(outs: list[Outbound]) -> str:
    return "\n".join(o.text for o in outs if isinstance(o, Say))
