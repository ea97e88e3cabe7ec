"""Scoring runs after the answer's transaction commits: nobody waits on a slow scorer's lock."""

from __future__ import annotations

from bot.content.schema import Question, Rubric
from bot.engine.messages import Outbound, QuestionView, Say, ScorecardView
from bot.engine.state import RoundStatus
from bot.scoring.base import Scorecard
from bot.scoring.heuristic import HeuristicScorer
from bot.scoring.runner import run_owner
from tests.engine.conftest import TestBot


class Meanwhile:
    """Scores normally, but first lets another user act and looks at the stored round."""

    name, version = "meanwhile", "0"

    def __init__(self, bot: TestBot) -> None:
        self.bot = bot
        self.inner = HeuristicScorer(None)
        self.other: list[Outbound] = []
        self.status_seen: list[RoundStatus] = []
        self.owners: list[str] = []

    def score(self, question: Question, rubric: Rubric, answer: str) -> Scorecard:
        self.owners.append(run_owner.get())
        # On SQLite a transaction still open here would hold the write lock: this
        # second user's start would wait, then fail with "database is locked".
        self.other = self.bot.say("/mock start ml topic=transformers", user="bob")
        with self.bot.engine.store.transaction() as tx:
            s = tx.active_session(self.bot.tenant, self.bot.user)
            assert s is not None
            self.status_seen.append(s.round.status)
        return self.inner.score(question, rubric, answer)


def test_another_user_is_served_while_an_answer_is_scored(testbot: TestBot) -> None:
    scorer = Meanwhile(testbot)
    testbot.engine.scorer = scorer
    testbot.say("/mock start ml topic=transformers")
    testbot.say("The variance of the dot product grows with the dimension.")
    outs = testbot.say("submit")
    while not any(isinstance(o, ScorecardView) for o in outs):
        outs = testbot.say("skip")
    assert any(isinstance(o, QuestionView) for o in scorer.other)
    assert scorer.status_seen == [RoundStatus.SCORING]  # committed before scoring began
    assert scorer.owners == ["console:local:alice"]  # the pool knows whose code it runs


def test_receive_then_score_lets_an_adapter_post_progress_first(testbot: TestBot) -> None:
    testbot.say("/mock start ml topic=transformers")
    testbot.say("An answer.")
    testbot.say("submit")
    outs: list[Outbound] = []
    for _ in range(4):
        msg = testbot.inbound("skip")
        reply = testbot.engine.receive(msg)
        outs = reply.outs
        if reply.jobs:
            break
    assert reply.jobs and not any(isinstance(o, ScorecardView) for o in outs)
    assert any(isinstance(o, Say) and o.kind == "progress" for o in outs)
    cards = testbot.engine.score(reply.jobs, testbot.now)
    assert any(isinstance(o, ScorecardView) for o in cards)
    # Scoring the same job twice (a retry, a second process) has no second effect.
    assert testbot.engine.score(reply.jobs, testbot.now) == []


def test_a_message_while_scoring_is_answered_not_lost(testbot: TestBot) -> None:
    testbot.say("/mock start ml topic=transformers")
    testbot.say("An answer.")
    testbot.say("submit")
    reply = None
    for _ in range(4):
        reply = testbot.engine.receive(testbot.inbound("skip"))
        if reply.jobs:
            break
    assert reply is not None and reply.jobs
    texts = [o.text for o in testbot.say("one more thought") if isinstance(o, Say)]
    assert any("being scored" in t for t in texts)
    assert any(isinstance(o, ScorecardView) for o in testbot.engine.score(reply.jobs, testbot.now))
