"""Tenant isolation: everything written as one workspace is invisible to another.

Tenant B uses the same user id and even the same workspace string on another
platform, so only the tenant scoping can keep the rows apart.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.engine.messages import Tenant
from bot.engine.state import RoundStatus, SessionStatus
from bot.storage.sql_store import SqlStore
from tests.storage.builders import ACME, T0, card, session

SAME_WORKSPACE_OTHER_PLATFORM = Tenant("discord", ACME.workspace)
OTHERS = [SAME_WORKSPACE_OTHER_PLATFORM, Tenant("slack", "T-OTHER")]


@pytest.fixture
def acme_data(store: SqlStore) -> list[int]:
    """Tenant A has a user, an open session, finished rounds, answers, a score, events."""
    state = session(rounds=3)
    state.rounds[0].status = RoundStatus.SCORED
    state.rounds[1].status = RoundStatus.SKIPPED
    with store.transaction() as tx:
        tx.claim_event(ACME, "Ev1", T0)
        tx.ensure_user(ACME, "U-ann", "Ann")
        tx.save_session(state)
        round_ids = [r.id for r in state.rounds if r.id is not None]
        tx.add_answer(ACME, round_ids[0], "answer", "secret answer", T0)
        tx.save_score(ACME, round_ids[0], card(), T0)
    with store.transaction() as tx:  # tenant A sees its own data
        assert tx.active_session(ACME, "U-ann") == state
        assert len(tx.history(ACME, "U-ann")) == 2
        assert tx.asked_question_ids(ACME, "U-ann") == ["q-0", "q-1", "q-2"]
    return round_ids


@pytest.mark.parametrize("other", OTHERS, ids=["same-workspace-id", "other-workspace"])
def test_reads_as_another_tenant_find_nothing(
    store: SqlStore, acme_data: list[int], other: Tenant
) -> None:
    for ensure_first in (False, True):  # whether or not tenant B has rows of its own
        with store.transaction() as tx:
            if ensure_first:
                tx.ensure_user(other, "U-ann", "Not Ann")
            assert tx.active_session(other, "U-ann") is None
            assert tx.history(other, "U-ann") == []
            assert tx.asked_question_ids(other, "U-ann") == []
    with store.transaction() as tx:
        assert tx.claim_event(other, "Ev1", T0) is True  # A's event id is not B's


@pytest.mark.parametrize("other", OTHERS, ids=["same-workspace-id", "other-workspace"])
def test_writes_as_another_tenant_cannot_reach_a_rows(
    store: SqlStore, acme_data: list[int], other: Tenant
) -> None:
    with store.transaction() as tx:
        tx.ensure_user(other, "U-ann", None)
    for write in (
        lambda tx: tx.add_answer(other, acme_data[0], "answer", "injected", T0),
        lambda tx: tx.save_score(other, acme_data[0], card(), T0),
    ):
        with pytest.raises(LookupError), store.transaction() as tx:
            write(tx)
    with store.transaction() as tx:
        stolen = tx.active_session(ACME, "U-ann")
    assert stolen is not None
    stolen.tenant = other
    stolen.status = SessionStatus.ENDED
    with pytest.raises(LookupError), store.transaction() as tx:
        tx.save_session(stolen)
    with store.transaction() as tx:
        assert tx.active_session(ACME, "U-ann") is not None


def test_sweeps_return_each_session_with_its_own_tenant(store: SqlStore) -> None:
    mine = session(rounds=1, status=SessionStatus.ACTIVE)
    theirs = session(tenant=SAME_WORKSPACE_OTHER_PLATFORM, rounds=1)
    paused_mine = session(user="U-bob", rounds=1, status=SessionStatus.PAUSED)
    paused_theirs = session(tenant=SAME_WORKSPACE_OTHER_PLATFORM, user="U-bob", rounds=1)
    paused_theirs.status = SessionStatus.PAUSED
    with store.transaction() as tx:
        for s in (mine, theirs, paused_mine, paused_theirs):
            tx.save_session(s)
    with store.transaction() as tx:
        due = tx.due_sessions(T0 + timedelta(hours=1))
        assert [(s.tenant, s.id) for s in due] == [(ACME, mine.id), (theirs.tenant, theirs.id)]
        assert tx.paused_sessions("slack") == [paused_mine]
        assert tx.paused_sessions("discord") == [paused_theirs]
