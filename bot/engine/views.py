"""Building the engine's outbound views from state and content.

Kept apart from the state machine so what a user sees (question, card,
history) can change without touching how a session moves.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime

from bot.content.schema import Question
from bot.engine.messages import (
    HistoryEntry,
    HistoryView,
    LoopCardView,
    LoopRound,
    QuestionView,
    ScorecardView,
)
from bot.engine.state import RoundState, SessionState
from bot.scoring.base import Scorecard
from bot.storage.store import RoundRecord

TRACK_TITLES = {
    "coding": "Coding",
    "ml": "ML depth",
    "system-design": "ML system design",
    "leadership": "Leadership principles",
}
LOOP_VERDICTS = ((4.5, "Strong Hire"), (3.5, "Hire"), (2.5, "Lean No Hire"), (0.0, "No Hire"))


def _example(q: Question, args: list[object], expected: object) -> str:
    assert q.coding is not None
    call = ", ".join(json.dumps(a) for a in args)
    return f"{q.coding.entry_point}({call}) -> {json.dumps(expected)}"


def question_view(s: SessionState, r: RoundState, q: Question, now: datetime) -> QuestionView:
    examples = [_example(q, t.args, t.expected) for t in q.visible_tests][:3]
    assert r.deadline is not None
    return QuestionView(
        conversation_id=s.conversation_id,
        user_id=s.user_id,
        round_number=r.index + 1,
        total_rounds=len(s.rounds),
        track=r.track,
        question_id=q.id,
        title=q.title,
        prompt=q.prompt.strip(),
        difficulty=q.difficulty.value,
        time_limit_seconds=int(q.time_limit_minutes * 60),
        deadline=r.deadline,
        signature=q.coding.signature if q.coding else None,
        examples=examples,
        hints_available=len(q.hints) - r.hints_used,
        principle=q.principle,
    )


def scorecard_view(
    s: SessionState, r: RoundState, q: Question, card: Scorecard, now: datetime
) -> ScorecardView:
    used = int(((r.submitted_at or now) - (r.started_at or now)).total_seconds())
    return ScorecardView(
        conversation_id=s.conversation_id,
        user_id=s.user_id,
        round_number=r.index + 1,
        total_rounds=len(s.rounds),
        title=q.title,
        card=card,
        hints_used=r.hints_used,
        seconds_used=max(0, used),
        reference_answer=q.reference_answer,
        timed_out=r.timed_out,
    )


def loop_verdict(overall: float) -> str:
    return next(label for floor, label in LOOP_VERDICTS if overall >= floor)


def loop_card(s: SessionState, titles: dict[str, str]) -> LoopCardView:
    rounds = [
        LoopRound(
            track=r.track,
            title=titles.get(r.question_id, r.question_id),
            overall=r.overall,
            verdict=r.verdict or "Skipped",
        )
        for r in s.rounds
        if r.started_at is not None
    ]
    # A skipped round counts as the lowest score: an on-site loop has no skips.
    values = [r.overall if r.overall is not None else 1.0 for r in rounds]
    overall = round(sum(values) / len(values), 1) if values else 1.0
    weakest = min(rounds, key=lambda r: r.overall or 0.0) if rounds else None
    return LoopCardView(
        conversation_id=s.conversation_id,
        user_id=s.user_id,
        rounds=rounds,
        overall=overall,
        recommendation=loop_verdict(overall),
        weakest_area=TRACK_TITLES.get(weakest.track, weakest.track) if weakest else None,
    )


def _trend(scores: list[float]) -> str:
    if len(scores) < 2:
        return "Not enough rounds yet for a trend."
    recent, earlier = scores[:5], scores[5:10] or scores[len(scores) // 2 :]
    delta = sum(recent) / len(recent) - sum(earlier) / len(earlier)
    if abs(delta) < 0.2:
        return "Steady over your recent rounds."
    word = "Up" if delta > 0 else "Down"
    return f"{word} {abs(delta):.1f} over your recent rounds."


def history_view(
    conversation_id: str, user_id: str, records: list[RoundRecord], titles: dict[str, str]
) -> HistoryView:
    entries = [
        HistoryEntry(
            finished_at=r.finished_at,
            track=r.track,
            title=titles.get(r.question_id, r.question_id),
            overall=r.overall,
            verdict=r.verdict or "Skipped",
        )
        for r in records
    ]
    per_track: dict[str, list[float]] = defaultdict(list)
    for r in records:
        if r.overall is not None:
            per_track[r.track].append(r.overall)
    by_track = {t: (len(v), round(sum(v) / len(v), 1)) for t, v in per_track.items()}
    scored = [r.overall for r in records if r.overall is not None]
    return HistoryView(conversation_id, user_id, entries, by_track, _trend(scored))
