"""Statements the store runs, built once at import.

Building a statement costs more than running a cached one on SQLite, so the
per-message ones are module constants with named parameters. Fixed IN lists
are `literal()`s: a plain list becomes an "expanding" parameter that is
re-rendered on every execution. Each user-data query filters on `tenant_id`
(`:tid`), which every such table carries.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    BindParameter,
    Executable,
    Select,
    String,
    Text,
    bindparam,
    func,
    literal,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite

from bot.engine.state import RoundStatus, SessionStatus
from bot.storage.models import (
    UtcDateTime,
    answers,
    processed_events,
    rounds,
    scores,
    sessions,
    tenants,
    users,
)
from bot.storage.rows import ROUND_COLUMNS, SESSION_COLUMNS

_TID: BindParameter[int] = bindparam("tid")
_UID: BindParameter[str] = bindparam("uid")

TENANT_ID = select(tenants.c.id).where(
    tenants.c.platform == bindparam("platform"), tenants.c.workspace == bindparam("workspace")
)

USER_ID = select(users.c.id, users.c.display_name).where(
    users.c.tenant_id == _TID, users.c.external_id == _UID
)


_SESSION_JOINS = sessions.join(users, users.c.id == sessions.c.user_id).join(
    tenants, tenants.c.id == sessions.c.tenant_id
)


def sessions_query() -> Select[Any]:
    """Session rows in the shape `rows.session_from_row` reads, tenant and user joined."""
    return select(*SESSION_COLUMNS).select_from(_SESSION_JOINS)


# The user's open sessions with their rounds in one query, newest session first;
# uq(users), then ix(sessions: tenant, user, status), then uq(rounds: session, index).
ACTIVE_SESSION = (
    select(*SESSION_COLUMNS, *ROUND_COLUMNS)
    .select_from(
        _SESSION_JOINS.outerjoin(
            rounds, (rounds.c.session_id == sessions.c.id) & (rounds.c.tenant_id == _TID)
        )
    )
    .where(
        sessions.c.tenant_id == _TID,
        users.c.tenant_id == _TID,
        users.c.external_id == _UID,
        sessions.c.status.in_(
            [literal(str(SessionStatus.ACTIVE)), literal(str(SessionStatus.PAUSED))]
        ),
    )
    .order_by(sessions.c.id.desc(), rounds.c.index)
)

ROUNDS_OF_SESSIONS = (
    select(*ROUND_COLUMNS)
    .where(rounds.c.session_id.in_(bindparam("sids", expanding=True)))
    .order_by(rounds.c.session_id, rounds.c.index)
)

INSERT_SESSION = sessions.insert().returning(sessions.c.id)
INSERT_ROUND = rounds.insert().returning(rounds.c.id)
INSERT_SCORE = scores.insert().returning(scores.c.id)

UPDATE_SESSION = update(sessions).where(
    sessions.c.id == bindparam("b_id"), sessions.c.tenant_id == bindparam("b_tid")
)

UPDATE_ROUND = update(rounds).where(
    rounds.c.id == bindparam("b_id"),
    rounds.c.session_id == bindparam("b_sid"),
    rounds.c.tenant_id == bindparam("b_tid"),
)

# Insert-select: the answer is written only if the round belongs to the tenant.
ADD_ANSWER = (
    answers.insert()
    .from_select(
        ["tenant_id", "round_id", "kind", "text", "received_at"],
        select(
            rounds.c.tenant_id,
            rounds.c.id,
            bindparam("kind", type_=String()),
            bindparam("text", type_=Text()),
            bindparam("at", type_=UtcDateTime()),
        ).where(rounds.c.id == bindparam("rid"), rounds.c.tenant_id == bindparam("tid")),
    )
    .returning(answers.c.id)
)

ROUND_IN_TENANT = select(rounds.c.id).where(
    rounds.c.id == bindparam("rid"), rounds.c.tenant_id == _TID
)

_USER_ROUNDS = rounds.join(sessions, sessions.c.id == rounds.c.session_id).join(
    users, users.c.id == sessions.c.user_id
)
_OF_USER = (
    rounds.c.tenant_id == _TID,
    sessions.c.tenant_id == _TID,
    users.c.tenant_id == _TID,
    users.c.external_id == _UID,
)

# A pending loop round's question has not been shown yet, so it does not count.
ASKED = (
    select(rounds.c.question_id)
    .select_from(_USER_ROUNDS)
    .where(
        *_OF_USER,
        rounds.c.question_id != "",
        rounds.c.status != str(RoundStatus.PENDING),
    )
    .order_by(sessions.c.started_at, sessions.c.id, rounds.c.index)
)

_FINISHED_AT = func.coalesce(rounds.c.submitted_at, rounds.c.started_at, sessions.c.started_at)

HISTORY = (
    select(
        rounds.c.session_id,
        rounds.c.id,
        rounds.c.track,
        rounds.c.question_id,
        _FINISHED_AT,
        rounds.c.overall,
        rounds.c.verdict,
    )
    .select_from(_USER_ROUNDS)
    .where(
        *_OF_USER,
        rounds.c.status.in_([literal(str(RoundStatus.SCORED)), literal(str(RoundStatus.SKIPPED))]),
    )
    .order_by(_FINISHED_AT.desc(), rounds.c.id.desc())
    .limit(bindparam("limit"))
)


@dataclass(frozen=True)
class Upserts:
    """INSERT ... ON CONFLICT, built from each dialect's own `insert`.

    SQLite and PostgreSQL spell it alike in SQL; in SQLAlchemy it is dialect-specific.
    """

    claim: Executable  # returns the event id if the claim went in; nothing on redelivery
    add_tenant: Executable
    add_user: Executable
    upsert_user: Executable

    @classmethod
    def for_dialect(cls, name: str) -> Upserts:
        dialect = {"sqlite": sqlite, "postgresql": postgresql}.get(name)
        if dialect is None:
            raise ValueError(f"unsupported database {name!r}: use SQLite or PostgreSQL")
        upsert = dialect.insert(users)
        return cls(
            # RETURNING, not rowcount: not every driver keeps an INSERT's rowcount.
            claim=dialect.insert(processed_events)
            .on_conflict_do_nothing()
            .returning(processed_events.c.event_id),
            add_tenant=dialect.insert(tenants).on_conflict_do_nothing(),
            add_user=dialect.insert(users).on_conflict_do_nothing(),
            upsert_user=upsert.on_conflict_do_update(
                index_elements=[users.c.tenant_id, users.c.external_id],
                set_={"display_name": upsert.excluded.display_name},
            ),
        )
