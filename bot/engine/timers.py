"""Round timers as data: warnings at half time and one minute left, then time-up.

The engine stores `next_event_at` with the round; a sweep calls `due_event`
and whatever is due fires, however late the sweep runs. Nothing sleeps.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from bot.engine.state import RoundState, RoundStatus


class TimerEvent(StrEnum):
    HALF = "half"
    MINUTE = "minute"
    TIME_UP = "time_up"


def _marks(r: RoundState) -> list[tuple[datetime, TimerEvent]]:
    assert r.deadline is not None and r.started_at is not None
    total = (r.deadline - r.started_at).total_seconds()
    marks = []
    if total >= 240 and not r.warned_half:
        marks.append((r.started_at + timedelta(seconds=total / 2), TimerEvent.HALF))
    if total > 90 and not r.warned_minute:
        marks.append((r.deadline - timedelta(minutes=1), TimerEvent.MINUTE))
    marks.append((r.deadline, TimerEvent.TIME_UP))
    return marks


def next_event_at(r: RoundState) -> datetime | None:
    if r.status not in (RoundStatus.ANSWERING, RoundStatus.CONFIRM_EMPTY) or r.deadline is None:
        return None
    return min(at for at, _ in _marks(r))


def due_event(r: RoundState, now: datetime) -> TimerEvent | None:
    """The latest event due at `now`; earlier missed warnings are folded into it."""
    if r.status not in (RoundStatus.ANSWERING, RoundStatus.CONFIRM_EMPTY) or r.deadline is None:
        return None
    due = [event for at, event in _marks(r) if at <= now]
    return due[-1] if due else None


def seconds_left(r: RoundState, now: datetime) -> int:
    if r.remaining_seconds is not None:
        return max(0, int(r.remaining_seconds))
    if r.deadline is None:
        return 0
    return max(0, int((r.deadline - now).total_seconds()))


def clock_text(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"
