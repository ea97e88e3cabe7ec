"""Whole conversations through the engine and real storage (SQLite and PostgreSQL)."""

from __future__ import annotations

from bot.engine.messages import LoopCardView, ProbeView, QuestionView, Say, ScorecardView
from tests.engine.conftest import TestBot

GOOD_ML = [
    "Dot products of q and k sum d_k terms, so their variance grows with d_k.",
    "Large logits saturate the softmax, so the gradients vanish and training stalls.",
]


def _question(outs: list) -> QuestionView:  # type: ignore[type-arg]
    (q,) = [o for o in outs if isinstance(o, QuestionView)]
    return q


def test_a_round_from_start_to_scorecard(testbot: TestBot) -> None:
    q = _question(testbot.say("/mock start ml topic=transformers"))
    assert q.question_id == "ml-one" and q.time_limit_seconds == 600
    assert q.round_number == 1 and q.total_rounds == 1 and q.hints_available == 2
    for line in GOOD_ML:
        assert testbot.say(line) == []
    assert testbot.texts("hint") == ["Hint 1/2: Think about the variance of a dot product."]
    testbot.now += __import__("datetime").timedelta(seconds=90)
    assert testbot.texts("time") == ["8:30 left."]
    assert _question(testbot.say("repeat")).question_id == "ml-one"
    probe = testbot.say("submit")
    assert [type(o) for o in probe] == [ProbeView]
    assert probe[0].text == "How does this interact with the causal mask?"  # type: ignore[attr-defined]
    assert testbot.say("The mask adds -inf before the softmax, after the scaling.") == []
    outs = testbot.say("submit")
    (card,) = [o for o in outs if isinstance(o, ScorecardView)]
    assert card.hints_used == 1 and card.seconds_used == 90
    assert card.reference_answer and card.card.verdict
    assert {c.id for c in card.card.criteria} == {"accuracy", "depth", "practice", "clarity"}
    assert any("Round complete" in o.text for o in outs if isinstance(o, Say))
    assert "not running" in testbot.texts("more text")[0]


def test_probe_answers_count_as_evidence(testbot: TestBot) -> None:
    def run(user: str, probe_reply: str | None) -> float:
        testbot.say("/mock start ml topic=transformers", user=user)
        testbot.say(GOOD_ML[0], user=user)
        outs = testbot.say("submit", user=user)
        probes = [o for o in outs if isinstance(o, ProbeView)]
        assert probes[0].text == "What does a saturated softmax do to the gradients?"
        if probe_reply:
            testbot.say(probe_reply, user=user)
        outs = []
        for _ in range(len(probes) and 4):
            outs = testbot.say("skip" if probe_reply is None else "submit", user=user)
            if any(isinstance(o, ScorecardView) for o in outs):
                break
        (card,) = [o for o in outs if isinstance(o, ScorecardView)]
        return {c.id: c.score for c in card.card.criteria}["depth"]

    skipped = run("skipper", None)
    answered = run("answerer", GOOD_ML[1] + " Scaling keeps the variance near one instead.")
    assert answered > skipped


def test_hints_run_out(testbot: TestBot) -> None:
    testbot.say("/mock start ml topic=transformers")
    testbot.say("hint")
    testbot.say("hint")
    assert testbot.texts("hint") == ["No more hints for this question."]


def test_empty_submit_asks_to_confirm(testbot: TestBot) -> None:
    testbot.say("/mock start ml topic=transformers")
    (warning,) = testbot.say("submit")
    assert isinstance(warning, Say) and "submit` again" in warning.text
    outs = testbot.say("submit")
    (card,) = [o for o in outs if isinstance(o, ScorecardView)]
    assert card.card.overall == 1.0


def test_writing_after_an_empty_submit_goes_back_to_answering(testbot: TestBot) -> None:
    testbot.say("/mock start ml topic=transformers")
    testbot.say("submit")
    testbot.say(GOOD_ML[0])
    assert any(isinstance(o, ProbeView) for o in testbot.say("submit"))


def test_over_long_answer_is_refused_and_earlier_text_kept(testbot: TestBot) -> None:
    testbot.say("/mock start ml topic=transformers")
    testbot.say("a" * 19_000)
    (err,) = testbot.say("b" * 2_000)
    assert isinstance(err, Say) and err.kind == "error" and "19,000" in err.text
    with testbot.engine.store.transaction() as tx:
        s = tx.active_session(testbot.tenant, testbot.user)
        assert s is not None and s.round.answer == "a" * 19_000
    assert testbot.say("c" * 500) == []


def test_skip_and_end(testbot: TestBot) -> None:
    testbot.say("/mock start ml")
    assert "skipped" in testbot.texts("skip")[0]
    testbot.say("/mock start ml")
    assert testbot.texts("end") == ["Interview ended. Your answers are saved."]
    assert "no interview running" in testbot.texts("end")[0]


def test_unknown_and_misplaced_commands(testbot: TestBot) -> None:
    (unknown,) = testbot.say("/mock frobnicate")
    assert isinstance(unknown, Say) and "Unknown command 'frobnicate'" in unknown.text
    assert "/mock start" in unknown.text
    for word in ("hint", "submit", "skip", "time", "repeat", "end"):
        (reply,) = testbot.say(word)
        assert "no interview running" in reply.text  # type: ignore[attr-defined]
    testbot.say("/mock start ml")
    (busy,) = testbot.say("/mock start coding")
    assert "already have an interview running" in busy.text  # type: ignore[attr-defined]
    (bad,) = testbot.say("/mock start ml level=L9")
    assert "level must be one of" in bad.text  # type: ignore[attr-defined]
    assert "help" in testbot.say("/mock help")[0].kind  # type: ignore[attr-defined]


def test_no_matching_questions(testbot: TestBot) -> None:
    (err,) = testbot.say("/mock start ml topic=astrology")
    assert "No ml questions match topic=astrology" in err.text  # type: ignore[attr-defined]


def test_no_repeats_until_the_pool_is_exhausted(testbot: TestBot) -> None:
    seen = []
    for _ in range(2):
        seen.append(_question(testbot.say("/mock start ml")).question_id)
        testbot.say("skip")
    assert sorted(seen) == ["ml-one", "ml-two"]
    third = _question(testbot.say("/mock start ml")).question_id
    assert third == seen[0]  # the least recently asked comes back first


def test_full_loop(testbot: TestBot) -> None:
    outs = testbot.say("/mock loop")
    first = _question(outs)
    assert (first.track, first.round_number, first.total_rounds) == ("coding", 1, 5)
    tracks, principles = [first.track], []
    for _ in range(4):
        outs = testbot.say("skip")
        q = _question(outs)
        tracks.append(q.track)
        if q.principle:
            principles.append(q.principle)
    assert tracks == ["coding", "ml", "system-design", "leadership", "leadership"]
    assert len(set(principles)) == 2
    testbot.say("We fixed the outage in a week and I wrote the runbook.")
    outs = testbot.say("submit")
    while not any(isinstance(o, LoopCardView) for o in outs):
        outs = testbot.say("skip")
    (loop,) = [o for o in outs if isinstance(o, LoopCardView)]
    assert [r.track for r in loop.rounds] == tracks
    assert loop.recommendation == "No Hire" and loop.weakest_area is not None


def test_history(testbot: TestBot) -> None:
    testbot.say("/mock start ml topic=transformers")
    testbot.say(GOOD_ML[0])
    testbot.say("submit")
    testbot.say("skip")
    testbot.say("skip")
    testbot.say("skip")
    testbot.say("/mock start ml topic=metrics")
    testbot.say("skip")
    (history,) = testbot.say("/mock history")
    entries = history.entries  # type: ignore[attr-defined]
    assert [e.title for e in entries] == ["Precision or recall?", "Why scale attention logits?"]
    assert entries[0].overall is None and entries[1].overall is not None
    assert history.by_track["ml"][0] == 1  # type: ignore[attr-defined]
