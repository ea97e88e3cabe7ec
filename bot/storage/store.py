"""The storage contract the engine depends on: a unit of work per inbound event.

Everything one event changes (its claim, the answer, the session, a score)
commits together or not at all, so a crash never leaves half an effect and a
redelivered event finds its claim and changes nothing.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from bot.engine.messages import Tenant
from bot.engine.state import SessionState
from bot.scoring.base import Scorecard


@dataclass(frozen=True)
class RoundRecord:
    """A finished round, for history."""

    session_id: int
    round_id: int
    track: str
    question_id: str
    finished_at: datetime
    overall: float | None  # None: skipped
    verdict: str | None


class Tx(Protocol):
    def claim_event(self, tenant: Tenant, event_id: str, at: datetime) -> bool:
        """True the first time an event id is seen for this tenant, False on redelivery."""

    def ensure_user(self, tenant: Tenant, user_id: str, display_name: str | None) -> None: ...

    def active_session(self, tenant: Tenant, user_id: str) -> SessionState | None:
        """The user's ACTIVE or PAUSED session with all its rounds, or None."""

    def save_session(self, state: SessionState) -> None:
        """Insert or update the session and its rounds; sets `id` on new rows."""

    def add_answer(self, tenant: Tenant, round_id: int, kind: str, text: str, at: datetime) -> None:
        """Store a message as it arrives (kind: "answer" or "probe"), before any scoring."""

    def save_score(self, tenant: Tenant, round_id: int, card: Scorecard, at: datetime) -> None: ...

    def asked_question_ids(self, tenant: Tenant, user_id: str) -> list[str]:
        """Question ids this user has been given, oldest first."""

    def history(self, tenant: Tenant, user_id: str, limit: int = 20) -> list[RoundRecord]:
        """Finished (scored or skipped) rounds, newest first."""

    def due_sessions(self, now: datetime) -> list[SessionState]:
        """ACTIVE sessions, any tenant, whose current round has a timer event at or before now."""

    def paused_sessions(self, platform: str) -> list[SessionState]:
        """PAUSED sessions of one platform, to resume when its adapter starts."""


class Store(Protocol):
    def transaction(self) -> AbstractContextManager[Tx]: ...
