"""What adapters send the engine (`Inbound`) and what it answers (`Outbound`).

Plain data with no platform types, so one engine test suite covers Slack,
Discord and the console, and each adapter only renders these values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from bot.scoring.base import Scorecard


@dataclass(frozen=True, order=True)
class Tenant:
    """A workspace on a platform: every stored row belongs to exactly one."""

    platform: str  # "console" | "slack" | "discord"
    workspace: str  # Slack team id, Discord guild id, "local" for the console


@dataclass(frozen=True)
class Inbound:
    tenant: Tenant
    user_id: str
    conversation_id: str  # DM channel or thread the session lives in
    at: datetime  # timezone-aware UTC
    text: str = ""
    # A button press ("hint", "submit", "skip", "end", "repeat", "time"): the text command words.
    action: str | None = None
    event_id: str | None = None  # platform delivery id, for exactly-once effects
    user_name: str | None = None
    # A plain message the user did not address to the bot (a reply in a shared thread):
    # it counts only in the conversation of that user's own running session.
    ambient: bool = False
    # The question a button belongs to: a press on an older question's button is refused.
    ref: str | None = None


@dataclass(frozen=True)
class Outbound:
    """Base of every reply; `conversation_id` says where it goes, `user_id` to whom."""

    conversation_id: str
    user_id: str


@dataclass(frozen=True)
class Say(Outbound):
    text: str
    # "info" | "warning" (timer) | "error" (bad input) | "help": lets adapters style it.
    kind: str = "info"


@dataclass(frozen=True)
class QuestionView(Outbound):
    round_number: int
    total_rounds: int
    track: str
    question_id: str
    title: str
    prompt: str
    difficulty: str
    time_limit_seconds: int
    deadline: datetime
    signature: str | None = None
    examples: list[str] = field(default_factory=list)  # visible tests, as "f(args) -> expected"
    hints_available: int = 0
    principle: str | None = None
    buttons: tuple[str, ...] = ("hint", "submit", "skip", "end")


@dataclass(frozen=True)
class ProbeView(Outbound):
    """An interviewer's follow-up after the main answer."""

    text: str
    number: int
    total: int


@dataclass(frozen=True)
class ScorecardView(Outbound):
    round_number: int
    total_rounds: int
    title: str
    card: Scorecard
    hints_used: int
    seconds_used: int
    reference_answer: str | None
    timed_out: bool = False


@dataclass(frozen=True)
class LoopRound:
    track: str
    title: str
    overall: float | None  # None: skipped
    verdict: str


@dataclass(frozen=True)
class LoopCardView(Outbound):
    rounds: list[LoopRound]
    overall: float
    recommendation: str
    weakest_area: str | None


@dataclass(frozen=True)
class HistoryEntry:
    finished_at: datetime
    track: str
    title: str
    overall: float | None
    verdict: str


@dataclass(frozen=True)
class HistoryView(Outbound):
    entries: list[HistoryEntry]
    by_track: dict[str, tuple[int, float]]  # track -> (rounds, mean overall)
    trend: str  # e.g. "up 0.6 over your last 5 rounds"


@dataclass(frozen=True)
class ReferenceView(Outbound):
    """A question's reference answer, shown on request once the user has been asked it."""

    question_id: str
    title: str
    text: str


@dataclass(frozen=True)
class TimerSet(Outbound):
    """Tells adapters that keep their own schedulers when the engine next wants a tick."""

    at: datetime
