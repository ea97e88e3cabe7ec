"""The database schema as typed ORM models; Alembic migrations are generated from it.

Every table holding user data carries `tenant_id`, so a query can always be
scoped by tenant without a join, and a missing filter is visible in review.
Enums are stored as their string values: a new status needs no migration.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Named constraints let Alembic's SQLite batch mode drop and recreate them by name.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[datetime]):
    """An aware UTC datetime in, an aware UTC datetime out, on every dialect.

    SQLite drops the offset on write and returns naive values, PostgreSQL returns
    the session's zone: converting at the boundary makes stored values comparable
    as text on SQLite and keeps the engine's arithmetic free of naive/aware errors.
    A naive value is refused rather than guessed at.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: store timezone-aware UTC values")
        return value.astimezone(UTC)

    def process_result_value(self, value: Any | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)  # type: ignore[no-any-return]
        return value.astimezone(UTC)  # type: ignore[no-any-return]


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _tenant_fk() -> Mapped[int]:
    return mapped_column(ForeignKey("tenants.id"), nullable=False)


class TenantRow(Base):
    __tablename__ = "tenants"
    __table_args__ = (UniqueConstraint("platform", "workspace"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform: Mapped[str] = mapped_column(String(32))
    workspace: Mapped[str] = mapped_column(String(255))


class UserRow(Base):
    __tablename__ = "users"
    __table_args__ = (UniqueConstraint("tenant_id", "external_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = _tenant_fk()
    external_id: Mapped[str] = mapped_column(String(255))
    display_name: Mapped[str | None] = mapped_column(Text)


class SessionRow(Base):
    __tablename__ = "sessions"
    __table_args__ = (
        Index(None, "tenant_id", "user_id", "status"),
        # paused_sessions() at adapter start looks sessions up by status alone.
        Index(None, "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = _tenant_fk()
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    conversation_id: Mapped[str] = mapped_column(String(255))
    mode: Mapped[str] = mapped_column(String(16))
    level: Mapped[str | None] = mapped_column(String(64))
    difficulty: Mapped[str | None] = mapped_column(String(64))
    topic: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    current: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime())
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime())

    rounds: Mapped[list[RoundRow]] = relationship(
        back_populates="session",
        order_by="RoundRow.index",
        cascade="all, delete-orphan",
        passive_deletes=True,  # the database's ON DELETE CASCADE does the work
    )


class RoundRow(Base):
    __tablename__ = "rounds"
    # One round per position; also the index that loads a session's rounds in order.
    __table_args__ = (UniqueConstraint("session_id", "index"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"))
    tenant_id: Mapped[int] = _tenant_fk()
    index: Mapped[int] = mapped_column(Integer)
    track: Mapped[str] = mapped_column(String(64))
    question_id: Mapped[str] = mapped_column(String(255))
    status: Mapped[str] = mapped_column(String(16))
    started_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    deadline: Mapped[datetime | None] = mapped_column(UtcDateTime())
    warned_half: Mapped[bool] = mapped_column(Boolean)
    warned_minute: Mapped[bool] = mapped_column(Boolean)
    hints_used: Mapped[int] = mapped_column(Integer)
    answer: Mapped[str] = mapped_column(Text)
    probes: Mapped[list[str]] = mapped_column(JSON)
    probe_index: Mapped[int] = mapped_column(Integer)
    probe_answers: Mapped[list[str]] = mapped_column(JSON)
    submitted_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    timed_out: Mapped[bool] = mapped_column(Boolean)
    overall: Mapped[float | None] = mapped_column(Float)
    verdict: Mapped[str | None] = mapped_column(String(64))
    next_event_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), index=True)
    remaining_seconds: Mapped[float | None] = mapped_column(Float)

    session: Mapped[SessionRow] = relationship(back_populates="rounds")


class AnswerRow(Base):
    """Every message as it arrived, before scoring, so a crash mid-score loses nothing."""

    __tablename__ = "answers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = _tenant_fk()
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime())


class ScoreRow(Base):
    """A score as computed once, with the scorer's name and version, never recomputed."""

    __tablename__ = "scores"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = _tenant_fk()
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    scorer: Mapped[str] = mapped_column(String(64))
    scorer_version: Mapped[str] = mapped_column(String(64))
    overall: Mapped[float] = mapped_column(Float)
    verdict: Mapped[str] = mapped_column(String(64))
    card: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())

    criteria: Mapped[list[ScoreCriterionRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )


class ScoreCriterionRow(Base):
    """Criterion scores as rows, so per-criterion trends are plain SQL, not JSON digging."""

    __tablename__ = "score_criteria"

    score_id: Mapped[int] = mapped_column(
        ForeignKey("scores.id", ondelete="CASCADE"), primary_key=True
    )
    criterion_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    score: Mapped[int] = mapped_column(Integer)


class ProcessedEvent(Base):
    """Platform delivery ids already handled; the key makes a redelivery a no-op."""

    __tablename__ = "processed_events"

    # The composite primary key is the UNIQUE(tenant_id, event_id) the dedupe relies on.
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenants.id"), primary_key=True)
    event_id: Mapped[str] = mapped_column(String(255), primary_key=True)
    processed_at: Mapped[datetime] = mapped_column(UtcDateTime())


# Core handles for the hot paths, which skip the ORM's identity-map bookkeeping.
tenants = Base.metadata.tables["tenants"]
users = Base.metadata.tables["users"]
sessions = Base.metadata.tables["sessions"]
rounds = Base.metadata.tables["rounds"]
answers = Base.metadata.tables["answers"]
scores = Base.metadata.tables["scores"]
score_criteria = Base.metadata.tables["score_criteria"]
processed_events = Base.metadata.tables["processed_events"]
