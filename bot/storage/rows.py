"""Conversion between the engine's state dataclasses and plain column dicts.

The store works with Core rows rather than ORM objects on its hot paths, so
this is the one place that knows which field lands in which column. The dicts
double as change-detection snapshots: a row is written only when its dict
differs from the one read in the same transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement

from bot.engine.messages import Tenant
from bot.engine.state import Mode, RoundState, RoundStatus, SessionState, SessionStatus
from bot.storage.models import rounds, sessions, tenants, users

SESSION_FIELDS = (
    "conversation_id",
    "mode",
    "level",
    "difficulty",
    "topic",
    "status",
    "current",
    "started_at",
    "ended_at",
)
ROUND_FIELDS = (
    "index",
    "track",
    "question_id",
    "status",
    "started_at",
    "deadline",
    "warned_half",
    "warned_minute",
    "hints_used",
    "answer",
    "probes",
    "probe_index",
    "probe_answers",
    "submitted_at",
    "timed_out",
    "overall",
    "verdict",
    "next_event_at",
    "remaining_seconds",
)

# Column order of a loaded session row: identity first, then SESSION_FIELDS.
SESSION_COLUMNS: list[ColumnElement[Any]] = [
    sessions.c.id,
    tenants.c.platform,
    tenants.c.workspace,
    users.c.external_id,
    *(sessions.c[name] for name in SESSION_FIELDS),
]
# Column order of a loaded round row: id and session id, then ROUND_FIELDS.
ROUND_COLUMNS: list[ColumnElement[Any]] = [
    rounds.c.id,
    rounds.c.session_id,
    *(rounds.c[name] for name in ROUND_FIELDS),
]


def session_values(state: SessionState) -> dict[str, Any]:
    return {
        "conversation_id": state.conversation_id,
        "mode": str(state.mode),
        "level": state.level,
        "difficulty": state.difficulty,
        "topic": state.topic,
        "status": str(state.status),
        "current": state.current,
        "started_at": state.started_at,
        "ended_at": state.ended_at,
    }


def round_values(state: RoundState) -> dict[str, Any]:
    """Lists are copied so a snapshot does not change when the engine appends to them."""
    return {
        "index": state.index,
        "track": state.track,
        "question_id": state.question_id,
        "status": str(state.status),
        "started_at": state.started_at,
        "deadline": state.deadline,
        "warned_half": state.warned_half,
        "warned_minute": state.warned_minute,
        "hints_used": state.hints_used,
        "answer": state.answer,
        "probes": list(state.probes),
        "probe_index": state.probe_index,
        "probe_answers": list(state.probe_answers),
        "submitted_at": state.submitted_at,
        "timed_out": state.timed_out,
        "overall": state.overall,
        "verdict": state.verdict,
        "next_event_at": state.next_event_at,
        "remaining_seconds": state.remaining_seconds,
    }


def round_from_row(row: Sequence[Any]) -> tuple[RoundState, dict[str, Any]]:
    """The round and the snapshot of its stored values."""
    values: dict[str, Any] = dict(zip(ROUND_FIELDS, row[2:], strict=True))
    state = RoundState(
        id=row[0],
        index=values["index"],
        track=values["track"],
        question_id=values["question_id"],
        status=RoundStatus(values["status"]),
        started_at=values["started_at"],
        deadline=values["deadline"],
        warned_half=values["warned_half"],
        warned_minute=values["warned_minute"],
        hints_used=values["hints_used"],
        answer=values["answer"],
        probes=list(values["probes"]),
        probe_index=values["probe_index"],
        probe_answers=list(values["probe_answers"]),
        submitted_at=values["submitted_at"],
        timed_out=values["timed_out"],
        overall=values["overall"],
        verdict=values["verdict"],
        next_event_at=values["next_event_at"],
        remaining_seconds=values["remaining_seconds"],
    )
    return state, values


def session_from_row(
    row: Sequence[Any], round_states: Sequence[RoundState]
) -> tuple[SessionState, dict[str, Any]]:
    """The session and the snapshot of its stored values."""
    values: dict[str, Any] = dict(zip(SESSION_FIELDS, row[4 : len(SESSION_COLUMNS)], strict=True))
    state = SessionState(
        id=row[0],
        tenant=Tenant(platform=row[1], workspace=row[2]),
        user_id=row[3],
        conversation_id=values["conversation_id"],
        mode=Mode(values["mode"]),
        started_at=values["started_at"],
        level=values["level"],
        difficulty=values["difficulty"],
        topic=values["topic"],
        status=SessionStatus(values["status"]),
        current=values["current"],
        rounds=list(round_states),
        ended_at=values["ended_at"],
    )
    return state, values
