"""The SQL implementation of the `Store` contract, for SQLite and PostgreSQL.

A plain chat message costs one transaction of four statements (claim the
event, load the session with its rounds, insert the answer, update the one
changed round), all prebuilt and served by indexes, so the bot keeps up with
thousands of messages a second on SQLite. The hot paths use Core statements: the ORM's identity map
buys nothing for one short unit of work. Tenant and user ids are cached per
store once committed, as those rows are never deleted.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, Select

from bot.engine.messages import Tenant
from bot.engine.state import SessionState, SessionStatus
from bot.scoring.base import Scorecard
from bot.storage import queries as q
from bot.storage.checkpoint import WalCheckpointer
from bot.storage.db import SQLITE_BUSY_TIMEOUT_MS, begin_writing
from bot.storage.models import rounds, score_criteria, sessions, tenants
from bot.storage.rows import (
    SESSION_COLUMNS,
    round_from_row,
    round_values,
    session_from_row,
    session_values,
)
from bot.storage.store import RoundRecord

if TYPE_CHECKING:
    from bot.storage.store import Store, Tx

_UserKey = tuple[int, str]  # (tenant id, platform user id)
_IN_CHUNK = 500  # ids per IN (...): well under SQLite's and PostgreSQL's parameter limits


class SqlStore:
    """Hands out units of work, one per inbound event or timer sweep.

    Not tied to a request: one store serves a whole process. On a SQLite file it
    also runs the WAL checkpointer; `close()` stops it.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.upserts = q.Upserts.for_dialect(engine.dialect.name)
        self._checkpointer = WalCheckpointer.for_engine(engine, SQLITE_BUSY_TIMEOUT_MS)
        if self._checkpointer is not None:
            weakref.finalize(self, self._checkpointer.stop)
        # Ids of committed rows only, filled after each commit (see `transaction`).
        self._tenant_ids: dict[Tenant, int] = {}
        self._user_ids: dict[_UserKey, tuple[int, str | None]] = {}

    def close(self) -> None:
        """Stop background work; the engine stays open (the caller owns it)."""
        if self._checkpointer is not None:
            self._checkpointer.stop()

    @contextmanager
    def transaction(self) -> Iterator[SqlTx]:
        """Commit when the block ends, roll back if it raises; then cache the new ids."""
        with begin_writing(self.engine) as conn:  # every unit of work writes
            if self._checkpointer is not None:
                pooled = conn.connection
                self._checkpointer.owns(pooled.info, pooled.driver_connection)
            tx = SqlTx(self, conn)
            yield tx
        self._tenant_ids.update(tx.new_tenants)
        self._user_ids.update(tx.new_users)


class SqlTx:
    """One connection in one database transaction; see `bot.storage.store.Tx` for the contract.

    Methods raise LookupError when asked to write to a round or session that is
    not the given tenant's: that is a bug upstream, and the whole unit rolls back.
    """

    def __init__(self, store: SqlStore, conn: Connection) -> None:
        self._store = store
        self._conn = conn
        self.new_tenants: dict[Tenant, int] = {}
        self.new_users: dict[_UserKey, tuple[int, str | None]] = {}
        # Values as read in this transaction, so save_session writes changed rows only.
        self._seen_sessions: dict[int, dict[str, Any]] = {}
        self._seen_rounds: dict[int, dict[str, Any]] = {}

    # -- ids ---------------------------------------------------------------

    def _find_tenant(self, tenant: Tenant) -> int | None:
        tid = self._store._tenant_ids.get(tenant)
        if tid is None:
            tid = self.new_tenants.get(tenant)
        if tid is None:
            key = {"platform": tenant.platform, "workspace": tenant.workspace}
            tid = self._conn.execute(q.TENANT_ID, key).scalar()
            if tid is not None:
                self.new_tenants[tenant] = tid
        return tid

    def _tenant_id(self, tenant: Tenant) -> int:
        """The tenant's id, its row created if missing (race-safe: insert, then read)."""
        tid = self._find_tenant(tenant)
        if tid is None:
            key = {"platform": tenant.platform, "workspace": tenant.workspace}
            self._conn.execute(self._store.upserts.add_tenant, key)
            tid = int(self._conn.execute(q.TENANT_ID, key).scalar_one())
            self.new_tenants[tenant] = tid
        return tid

    def _user_pk(self, tid: int, user_id: str, display_name: str | None) -> int:
        key = (tid, user_id)
        known = self._store._user_ids.get(key) or self.new_users.get(key)
        if known is not None and (display_name is None or display_name == known[1]):
            return known[0]
        params = {"tenant_id": tid, "external_id": user_id, "display_name": display_name}
        # With no name given, insert only if missing: never blank a name set earlier.
        upsert = (
            self._store.upserts.upsert_user
            if display_name is not None
            else self._store.upserts.add_user
        )
        self._conn.execute(upsert, params)
        row = self._conn.execute(q.USER_ID, {"tid": tid, "uid": user_id}).one()
        self.new_users[key] = (row[0], row[1])
        return int(row[0])

    # -- Tx ----------------------------------------------------------------

    def claim_event(self, tenant: Tenant, event_id: str, at: datetime) -> bool:
        tid = self._tenant_id(tenant)
        params = {"tenant_id": tid, "event_id": event_id, "processed_at": at}
        return self._conn.execute(self._store.upserts.claim, params).first() is not None

    def ensure_user(self, tenant: Tenant, user_id: str, display_name: str | None) -> None:
        self._user_pk(self._tenant_id(tenant), user_id, display_name)

    def active_session(self, tenant: Tenant, user_id: str) -> SessionState | None:
        tid = self._find_tenant(tenant)
        if tid is None:
            return None
        rows = self._conn.execute(q.ACTIVE_SESSION, {"tid": tid, "uid": user_id}).all()
        if not rows:
            return None
        newest = rows[0][0]
        width = len(SESSION_COLUMNS)
        round_rows = [row[width:] for row in rows if row[0] == newest and row[width] is not None]
        return self._build([rows[0]], round_rows)[0]

    def save_session(self, state: SessionState) -> None:
        tid = self._tenant_id(state.tenant)
        values = session_values(state)
        if state.id is None:
            user_pk = self._user_pk(tid, state.user_id, None)
            params = {"tenant_id": tid, "user_id": user_pk, **values}
            state.id = self._conn.execute(q.INSERT_SESSION, params).scalar_one()
        elif self._seen_sessions.get(state.id) != values:
            params = {"b_id": state.id, "b_tid": tid, **values}
            if self._conn.execute(q.UPDATE_SESSION, params).rowcount != 1:
                raise LookupError(f"session {state.id} not found for {state.tenant}")
        assert state.id is not None
        self._seen_sessions[state.id] = values
        for rnd in state.rounds:
            values = round_values(rnd)
            if rnd.id is None:
                params = {"session_id": state.id, "tenant_id": tid, **values}
                rnd.id = self._conn.execute(q.INSERT_ROUND, params).scalar_one()
            elif self._seen_rounds.get(rnd.id) != values:
                params = {"b_id": rnd.id, "b_sid": state.id, "b_tid": tid, **values}
                if self._conn.execute(q.UPDATE_ROUND, params).rowcount != 1:
                    raise LookupError(f"round {rnd.id} not found in session {state.id}")
            assert rnd.id is not None
            self._seen_rounds[rnd.id] = values

    def add_answer(self, tenant: Tenant, round_id: int, kind: str, text: str, at: datetime) -> None:
        tid = self._find_tenant(tenant)
        params = {"tid": tid, "rid": round_id, "kind": kind, "text": text, "at": at}
        if tid is None or self._conn.execute(q.ADD_ANSWER, params).first() is None:
            raise LookupError(f"round {round_id} not found for {tenant}")

    def save_score(self, tenant: Tenant, round_id: int, card: Scorecard, at: datetime) -> None:
        tid = self._find_tenant(tenant)
        owned = (
            tid is not None
            and self._conn.execute(q.ROUND_IN_TENANT, {"rid": round_id, "tid": tid}).first()
        )
        if not owned:
            raise LookupError(f"round {round_id} not found for {tenant}")
        score_id = self._conn.execute(
            q.INSERT_SCORE,
            {
                "tenant_id": tid,
                "round_id": round_id,
                "scorer": card.scorer,
                "scorer_version": card.scorer_version,
                "overall": card.overall,
                "verdict": card.verdict,
                "card": card.to_json(),
                "created_at": at,
            },
        ).scalar_one()
        if card.criteria:
            self._conn.execute(
                score_criteria.insert(),
                [
                    {"score_id": score_id, "criterion_id": c.id, "score": c.score}
                    for c in card.criteria
                ],
            )

    def asked_question_ids(self, tenant: Tenant, user_id: str) -> list[str]:
        tid = self._find_tenant(tenant)
        if tid is None:
            return []
        return list(self._conn.execute(q.ASKED, {"tid": tid, "uid": user_id}).scalars())

    def history(self, tenant: Tenant, user_id: str, limit: int = 20) -> list[RoundRecord]:
        tid = self._find_tenant(tenant)
        if tid is None:
            return []
        params = {"tid": tid, "uid": user_id, "limit": limit}
        return [RoundRecord(*row) for row in self._conn.execute(q.HISTORY, params)]

    def due_sessions(self, now: datetime) -> list[SessionState]:
        stmt = q.sessions_query().join(
            rounds, (rounds.c.session_id == sessions.c.id) & (rounds.c.index == sessions.c.current)
        )
        stmt = stmt.where(
            sessions.c.status == str(SessionStatus.ACTIVE), rounds.c.next_event_at <= now
        )
        return self._load(stmt)

    def paused_sessions(self, platform: str) -> list[SessionState]:
        stmt = q.sessions_query().where(
            sessions.c.status == str(SessionStatus.PAUSED), tenants.c.platform == platform
        )
        return self._load(stmt)

    # -- loading -------------------------------------------------------------

    def _load(self, stmt: Select[Any]) -> list[SessionState]:
        """Sessions matching `stmt` with their rounds: two queries, bar very long IN lists."""
        session_rows = self._conn.execute(stmt.order_by(sessions.c.id)).all()
        ids = [row[0] for row in session_rows]
        round_rows: list[Sequence[Any]] = []
        for start in range(0, len(ids), _IN_CHUNK):
            chunk = {"sids": ids[start : start + _IN_CHUNK]}
            round_rows += self._conn.execute(q.ROUNDS_OF_SESSIONS, chunk).all()
        return self._build(session_rows, round_rows)

    def _build(
        self, session_rows: Sequence[Sequence[Any]], round_rows: Sequence[Sequence[Any]]
    ) -> list[SessionState]:
        by_session: dict[int, list[Any]] = {}
        for row in round_rows:
            rnd, snapshot = round_from_row(row)
            assert rnd.id is not None
            self._seen_rounds[rnd.id] = snapshot
            by_session.setdefault(row[1], []).append(rnd)
        states = []
        for row in session_rows:
            state, snapshot = session_from_row(row, by_session.get(row[0], []))
            self._seen_sessions[row[0]] = snapshot
            states.append(state)
        return states


if TYPE_CHECKING:

    def _conforms(store: SqlStore, tx: SqlTx) -> tuple[Store, Tx]:
        return store, tx
