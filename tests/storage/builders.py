"""Sessions and scorecards with every field set, for storage tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.engine.messages import Tenant
from bot.engine.state import Mode, RoundState, RoundStatus, SessionState, SessionStatus
from bot.scoring.base import CriterionScore, Scorecard, TestSummary

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
ACME = Tenant("slack", "T-ACME")
GLOBEX = Tenant("discord", "G-GLOBEX")


def full_round(index: int, status: RoundStatus = RoundStatus.ANSWERING) -> RoundState:
    """A round with no field left at its default, so a lost column shows."""
    start = T0 + timedelta(minutes=10 * index)
    return RoundState(
        index=index,
        track="coding" if index % 2 == 0 else "ml",
        question_id=f"q-{index}",
        status=status,
        started_at=start,
        deadline=start + timedelta(minutes=45),
        warned_half=True,
        warned_minute=index % 2 == 1,
        hints_used=index + 1,
        answer=f"answer {index}\nwith a second line — and ünïcode",
        probes=[f"probe {index}.1", f"probe {index}.2"],
        probe_index=1,
        probe_answers=[f"reply {index}.1"],
        submitted_at=start + timedelta(minutes=30, microseconds=123456),
        timed_out=index == 1,
        overall=3.25 + index,
        verdict="Hire",
        next_event_at=start + timedelta(minutes=22, seconds=30),
        remaining_seconds=812.5,
    )


def session(
    tenant: Tenant = ACME,
    user: str = "U-ann",
    rounds: int = 2,
    status: SessionStatus = SessionStatus.ACTIVE,
    started_at: datetime = T0,
) -> SessionState:
    return SessionState(
        tenant=tenant,
        user_id=user,
        conversation_id=f"D-{user}",
        mode=Mode.LOOP if rounds > 1 else Mode.SINGLE,
        started_at=started_at,
        level="senior",
        difficulty="medium",
        topic="probability",
        status=status,
        current=rounds - 1,
        rounds=[full_round(i) for i in range(rounds)],
        ended_at=None,
    )


def card(question_id: str = "q-0", overall: float = 3.5) -> Scorecard:
    return Scorecard(
        question_id=question_id,
        scorer="heuristic",
        scorer_version="1.2",
        overall=overall,
        verdict="Hire",
        criteria=[
            CriterionScore("correctness", "Correctness", 4, ["passes 5/5"], []),
            CriterionScore("clarity", "Clarity", 3, [], ["no example"]),
        ],
        feedback=["Good."],
        notes=["note"],
        tests=TestSummary(passed=5, total=5, hidden_failed=0),
    )
