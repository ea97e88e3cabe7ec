"""Session and round state as plain data, the shape the store persists.

Everything the engine needs to continue a conversation lives here, deadlines
included, so a restarted bot resumes where it stopped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from bot.engine.messages import Tenant


class Mode(StrEnum):
    SINGLE = "single"
    LOOP = "loop"


class SessionStatus(StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"  # bot shut down mid-round; `remaining_seconds` holds the time left
    FINISHED = "finished"
    ENDED = "ended"  # ended early by the user


class RoundStatus(StrEnum):
    PENDING = "pending"  # in a loop, not started yet
    ANSWERING = "answering"
    CONFIRM_EMPTY = "confirm_empty"  # `submit` with nothing written: asked to confirm
    PROBING = "probing"  # asking probes and follow-ups
    SCORING = "scoring"  # handed in; the scorer runs outside any transaction
    SCORED = "scored"
    SKIPPED = "skipped"


@dataclass
class RoundState:
    index: int
    track: str
    question_id: str = ""
    status: RoundStatus = RoundStatus.PENDING
    started_at: datetime | None = None
    deadline: datetime | None = None
    warned_half: bool = False
    warned_minute: bool = False
    hints_used: int = 0
    answer: str = ""
    probes: list[str] = field(default_factory=list)
    probe_index: int = 0
    probe_answers: list[str] = field(default_factory=list)
    submitted_at: datetime | None = None
    timed_out: bool = False
    overall: float | None = None
    verdict: str | None = None
    # When the next timer event (warning or time-up) is due; indexed for the sweep.
    next_event_at: datetime | None = None
    remaining_seconds: float | None = None  # set while the session is paused
    id: int | None = None


@dataclass
class SessionState:
    tenant: Tenant
    user_id: str
    conversation_id: str
    mode: Mode
    started_at: datetime
    level: str | None = None
    difficulty: str | None = None
    topic: str | None = None
    status: SessionStatus = SessionStatus.ACTIVE
    current: int = 0  # index into `rounds`
    rounds: list[RoundState] = field(default_factory=list)
    ended_at: datetime | None = None
    id: int | None = None

    @property
    def round(self) -> RoundState:
        return self.rounds[self.current]
