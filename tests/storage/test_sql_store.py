"""SqlStore on SQLite and PostgreSQL: round trips, claims, answers, scores, queries."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.exc import StatementError

from bot.engine.state import RoundState, RoundStatus, SessionState, SessionStatus
from bot.storage.models import Base, answers, score_criteria, scores
from bot.storage.rows import ROUND_FIELDS, SESSION_FIELDS
from bot.storage.sql_store import SqlStore
from tests.storage.builders import ACME, GLOBEX, T0, card, full_round, session


def _count(engine: Engine, table: str) -> int:
    with engine.connect() as conn:
        return int(
            conn.execute(select(func.count()).select_from(Base.metadata.tables[table])).scalar_one()
        )


def _saved(store: SqlStore, state: SessionState) -> SessionState:
    with store.transaction() as tx:
        tx.ensure_user(state.tenant, state.user_id, "Ann")
        tx.save_session(state)
    return state


def _load(store: SqlStore, state: SessionState) -> SessionState | None:
    with store.transaction() as tx:
        return tx.active_session(state.tenant, state.user_id)


def _datetimes(state: SessionState) -> list[datetime]:
    values = [state.started_at, state.ended_at]
    for r in state.rounds:
        values += [r.started_at, r.deadline, r.submitted_at, r.next_event_at]
    return [v for v in values if v is not None]


def test_every_state_field_has_a_column() -> None:
    """A field added to the engine's state fails here until storage persists it."""
    assert {f.name for f in dataclasses.fields(RoundState)} == {*ROUND_FIELDS, "id"}
    identity = {"id", "tenant", "user_id", "rounds"}
    assert {f.name for f in dataclasses.fields(SessionState)} == {*SESSION_FIELDS, *identity}


def test_session_round_trips_every_field(store: SqlStore) -> None:
    state = session(rounds=3)
    state.ended_at = T0 + timedelta(hours=2, microseconds=7)
    _saved(store, state)
    assert state.id is not None and all(r.id is not None for r in state.rounds)
    loaded = _load(store, state)
    assert loaded == state
    assert loaded is not None and len(_datetimes(loaded)) == 14
    assert all(d.utcoffset() == timedelta(0) for d in _datetimes(loaded))


def test_defaults_and_other_offsets_round_trip(store: SqlStore) -> None:
    plus_two = timezone(timedelta(hours=2))
    state = session(rounds=1)
    state.level = state.difficulty = state.topic = None
    state.rounds[0] = dataclasses.replace(
        full_round(0),
        started_at=datetime(2026, 11, 23, 11, 0, tzinfo=plus_two),
        deadline=None,
        submitted_at=None,
        next_event_at=None,
        overall=None,
        verdict=None,
        remaining_seconds=None,
        probes=[],
        probe_answers=[],
    )
    _saved(store, state)
    loaded = _load(store, state)
    assert loaded == state
    assert loaded is not None and loaded.rounds[0].started_at == T0
    assert loaded.rounds[0].started_at.tzinfo is not None
    assert loaded.rounds[0].started_at.utcoffset() == timedelta(0)


def test_changes_and_new_rounds_are_saved(store: SqlStore) -> None:
    state = _saved(store, session(rounds=1))
    with store.transaction() as tx:
        loaded = tx.active_session(ACME, "U-ann")
        assert loaded is not None
        loaded.rounds[0].answer += "\nmore"
        loaded.rounds[0].probe_answers.append("second reply")
        loaded.rounds.append(full_round(1, RoundStatus.PENDING))
        loaded.current = 1
        loaded.status = SessionStatus.PAUSED
        tx.save_session(loaded)
    again = _load(store, state)
    assert again == loaded and again is not None and again.rounds[1].id is not None
    # A state read in an earlier transaction is written in full, not diffed.
    loaded.status = SessionStatus.FINISHED
    loaded.ended_at = T0 + timedelta(hours=1)
    with store.transaction() as tx:
        tx.save_session(loaded)
    assert _load(store, state) is None


def test_naive_datetimes_are_refused(store: SqlStore) -> None:
    state = session()
    state.started_at = datetime(2026, 11, 23, 9, 0)
    with pytest.raises((ValueError, StatementError), match="naive"), store.transaction() as tx:
        tx.save_session(state)


def test_claim_event_is_idempotent_per_tenant(store: SqlStore) -> None:
    with store.transaction() as tx:
        assert tx.claim_event(ACME, "Ev1", T0) is True
        assert tx.claim_event(ACME, "Ev1", T0) is False
    with store.transaction() as tx:
        assert tx.claim_event(ACME, "Ev1", T0) is False
        assert tx.claim_event(GLOBEX, "Ev1", T0) is True
        assert tx.claim_event(ACME, "Ev2", T0) is True


def test_rollback_leaves_nothing(store: SqlStore, db_engine: Engine) -> None:
    with pytest.raises(RuntimeError), store.transaction() as tx:
        tx.claim_event(ACME, "Ev1", T0)
        state = session()
        tx.ensure_user(ACME, state.user_id, "Ann")
        tx.save_session(state)
        assert state.rounds[0].id is not None
        tx.add_answer(ACME, state.rounds[0].id, "answer", "text", T0)
        raise RuntimeError("crash mid-event")
    assert all(_count(db_engine, t) == 0 for t in Base.metadata.tables)
    # Ids seen in the rolled-back transaction are not cached: the tenant is created anew.
    with store.transaction() as tx:
        assert tx.claim_event(ACME, "Ev1", T0) is True
        assert tx.active_session(ACME, "U-ann") is None


def test_answers_are_stored_before_scoring(store: SqlStore, db_engine: Engine) -> None:
    state = _saved(store, session(rounds=1))
    round_id = state.rounds[0].id
    assert round_id is not None
    with store.transaction() as tx:
        tx.add_answer(ACME, round_id, "answer", "my answer", T0)
    with pytest.raises(RuntimeError), store.transaction() as tx:
        tx.add_answer(ACME, round_id, "probe", "my follow-up", T0 + timedelta(seconds=5))
        raise RuntimeError("scorer crashed")
    with db_engine.connect() as conn:
        rows = conn.execute(select(answers.c.kind, answers.c.text, answers.c.received_at)).all()
    assert [tuple(r) for r in rows] == [("answer", "my answer", T0)]
    assert _count(db_engine, "scores") == 0

    with store.transaction() as tx:
        tx.save_score(ACME, round_id, card(), T0 + timedelta(seconds=9))
    with db_engine.connect() as conn:
        stored = conn.execute(select(scores)).one()
        crits = conn.execute(select(score_criteria.c.criterion_id, score_criteria.c.score)).all()
    assert (stored.scorer, stored.scorer_version, stored.overall) == ("heuristic", "1.2", 3.5)
    assert stored.card == card().to_json()
    assert stored.created_at == T0 + timedelta(seconds=9)
    assert sorted(tuple(c) for c in crits) == [("clarity", 3), ("correctness", 4)]


def test_unknown_rounds_are_refused(store: SqlStore) -> None:
    with store.transaction() as tx:
        tx.ensure_user(ACME, "U-ann", None)
    with pytest.raises(LookupError), store.transaction() as tx:
        tx.add_answer(ACME, 12345, "answer", "x", T0)
    with pytest.raises(LookupError), store.transaction() as tx:
        tx.save_score(ACME, 12345, card(), T0)


def test_ensure_user_is_an_upsert(store: SqlStore, db_engine: Engine) -> None:
    for name in ("Ann", None, "Ann B."):
        with store.transaction() as tx:
            tx.ensure_user(ACME, "U-ann", name)
    fresh = SqlStore(db_engine)  # no cached ids
    with fresh.transaction() as tx:
        tx.ensure_user(ACME, "U-ann", None)
    fresh.close()
    assert _count(db_engine, "tenants") == 1 and _count(db_engine, "users") == 1
    with db_engine.connect() as conn:
        users = Base.metadata.tables["users"]
        assert conn.execute(select(users.c.display_name)).scalar_one() == "Ann B."


def test_active_session_is_the_newest_open_one(store: SqlStore) -> None:
    _saved(store, session(status=SessionStatus.FINISHED))
    with store.transaction() as tx:
        assert tx.active_session(ACME, "U-ann") is None
    paused = _saved(store, session(status=SessionStatus.PAUSED))
    assert _load(store, paused) == paused
    newer = _saved(store, session(rounds=3))
    assert _load(store, newer) == newer


def test_history_is_newest_first_and_finished_only(store: SqlStore) -> None:
    old = session(rounds=3)
    old.rounds[0].status = RoundStatus.SCORED
    old.rounds[1].status = RoundStatus.SKIPPED
    old.rounds[1].overall = old.rounds[1].verdict = None
    old.rounds[2].status = RoundStatus.PROBING  # not finished
    new = session(rounds=1, started_at=T0 + timedelta(days=1))
    new.rounds[0] = dataclasses.replace(
        full_round(0, RoundStatus.SCORED),
        submitted_at=T0 + timedelta(days=1, minutes=5),
        question_id="q-new",
    )
    old.status = SessionStatus.FINISHED
    _saved(store, old)
    _saved(store, new)
    with store.transaction() as tx:
        records = tx.history(ACME, "U-ann")
        assert tx.history(ACME, "U-ann", limit=1) == records[:1]
    assert [r.question_id for r in records] == ["q-new", "q-1", "q-0"]
    assert [r.overall for r in records] == [3.25, None, 3.25]
    assert records[0].finished_at == T0 + timedelta(days=1, minutes=5)
    assert records[0].session_id == new.id and records[0].round_id == new.rounds[0].id
    assert records[1].verdict is None and records[1].track == "ml"


def test_asked_question_ids_oldest_first(store: SqlStore) -> None:
    first = session(rounds=3, status=SessionStatus.ENDED)
    first.rounds[2].status = RoundStatus.PENDING  # never shown
    second = session(rounds=1, started_at=T0 + timedelta(days=1))
    second.rounds[0].question_id = "q-later"
    _saved(store, first)
    _saved(store, second)
    with store.transaction() as tx:
        assert tx.asked_question_ids(ACME, "U-ann") == ["q-0", "q-1", "q-later"]


def test_due_sessions_are_active_with_a_due_current_round(store: SqlStore) -> None:
    due = session(user="U-due", rounds=2)  # current round 1: next event at T0+32:30
    later = session(user="U-later", rounds=1)  # next event at T0+22:30
    later.rounds[0].next_event_at = T0 + timedelta(hours=2)
    paused = session(user="U-paused", rounds=1, status=SessionStatus.PAUSED)
    other_round = session(user="U-other", rounds=2)
    other_round.rounds[1].next_event_at = None  # only the non-current round is due
    elsewhere = session(tenant=GLOBEX, user="U-due", rounds=1)
    for s in (due, later, paused, other_round, elsewhere):
        _saved(store, s)
    now = T0 + timedelta(minutes=40)
    with store.transaction() as tx:
        found = tx.due_sessions(now)
        assert tx.due_sessions(T0) == []
    assert [(s.tenant, s.user_id) for s in found] == [(ACME, "U-due"), (GLOBEX, "U-due")]
    assert found == [due, elsewhere]


def test_paused_sessions_by_platform(store: SqlStore) -> None:
    slack = _saved(store, session(user="U1", status=SessionStatus.PAUSED))
    _saved(store, session(user="U2"))
    discord = _saved(store, session(tenant=GLOBEX, user="U1", status=SessionStatus.PAUSED))
    with store.transaction() as tx:
        assert tx.paused_sessions("slack") == [slack]
        assert tx.paused_sessions("discord") == [discord]
        assert tx.paused_sessions("console") == []
