"""Slack's rules: signatures, fast acks, retried deliveries, rate limits, workspaces."""

from __future__ import annotations

import http.client
import json
import threading
import time
import urllib.request
from datetime import datetime

import pytest
from slack_sdk import WebClient
from slack_sdk.oauth.installation_store import Installation
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from sqlalchemy import text

from bot.adapters.slack.server import make_http_server
from bot.adapters.slack.settings import SlackSettings
from bot.content.schema import Question, Rubric
from bot.scoring.base import Scorecard
from bot.scoring.heuristic import HeuristicScorer
from bot.storage.sql_store import SqlStore
from tests.adapters.slack.conftest import SECRET, Workspace, make_workspace, payload, signed_headers
from tests.adapters.slack.stub_api import StubSlackApi
from tests.adapters.slack.test_slack_round import scorecards, stored_answers


def test_a_bad_signature_is_refused_and_changes_nothing(ws: Workspace) -> None:
    assert ws.command("start ml").status == 200
    ws.settle()
    before = len(ws.stub.calls)
    body = payload("message_im")
    body["event"].update(user="U1", channel="DU1", text="forged answer")
    assert ws.event(body, secret="not-the-secret").status == 401
    ws.settle()
    assert len(ws.stub.calls) == before and stored_answers(ws) == []


def test_a_stale_timestamp_is_refused(ws: Workspace) -> None:
    ws.command("start ml")
    ws.settle()
    body = payload("message_im")
    body["event"].update(user="U1", channel="DU1", text="replayed answer")
    assert ws.event(body, ts=int(time.time()) - 600).status == 401
    ws.settle()
    assert stored_answers(ws) == []


def test_the_same_event_four_times_has_one_effect(ws: Workspace) -> None:
    ws.command("start ml")
    ws.settle()
    for retry in (None, 1, 2, 3):
        assert ws.dm("only once", event_id="Ev-same-event", retry=retry).status == 200
    ws.settle()
    assert stored_answers(ws) == ["only once"]


def test_a_rate_limited_call_is_retried_after_retry_after(ws: Workspace) -> None:
    ws.stub.fail("chat.postMessage", status=429, retry_after=1)
    ws.command("start ml")
    ws.settle()
    attempts = ws.stub.posts()
    assert len(attempts) == 2  # refused once, then sent
    assert attempts[1].at - attempts[0].at >= 0.9  # waited as Slack asked
    assert "mock_round" in json.dumps(attempts[1].args["blocks"])


def test_a_failing_web_api_never_loses_the_answer(ws: Workspace) -> None:
    ws.command("start ml")
    ws.settle()
    ws.stub.fail("chat.postMessage", status=500, error="internal_error", times=10)
    ws.dm("my answer survives")
    ws.dm("submit")
    ws.settle()
    assert stored_answers(ws) == ["my answer survives"]
    ws.stub.failures.clear()
    ws.dm("repeat")  # the next message works as normal, where the round really is
    ws.settle()
    assert "Follow-up 1 of" in json.dumps(ws.stub.posts()[-1].args["blocks"])


class SlowScorer:
    """Blocks in `score` until released: stands in for a 2 s coding run."""

    name, version = "slow", "1"

    def __init__(self) -> None:
        self.inner = HeuristicScorer(None)
        self.started = threading.Event()
        self.release = threading.Event()

    def score(self, question: Question, rubric: Rubric, answer: str) -> Scorecard:
        self.started.set()
        assert self.release.wait(20)
        return self.inner.score(question, rubric, answer)


def test_the_ack_returns_before_a_slow_scorer_finishes(store: SqlStore, stub: StubSlackApi) -> None:
    scorer = SlowScorer()
    ws = make_workspace(store, stub, scorer)
    try:
        ws.command("start ml")
        ws.settle()
        ref = ws.last_question_ref()
        ws.dm("An answer.")
        ws.settle()
        for _ in range(4):  # submit, then skip the follow-ups; the last one starts scoring
            response = ws.press("submit", ref, channel="DU1") if _ == 0 else ws.dm("skip")
            assert response.status == 200  # acknowledged while scoring may be running
            if scorer.started.wait(2):
                break
        assert scorer.started.is_set() and not scorecards(ws)
        other = ws.command("start ml", user="U2")  # another user is served meanwhile
        assert other.status == 200
        deadline = time.monotonic() + 10
        while not any(c.args.get("channel") == "DU2" for c in ws.stub.posts()):
            assert time.monotonic() < deadline, "the other user waited on the slow scorer"
            time.sleep(0.02)
        # A modal opens at once although this user's queue is busy with the slow score.
        ws.press("long_answer", ref, channel="DU1")
        deadline = time.monotonic() + 10
        while not ws.stub.of("views.open"):
            assert time.monotonic() < deadline, "the modal waited behind the scorer"
            time.sleep(0.02)
        scorer.release.set()
        ws.settle()
        assert len(scorecards(ws)) == 1
    finally:
        scorer.release.set()
        ws.work.wait_idle(20)
        ws.work.shutdown()


def _install(store: SqlStore, team: str, token: str) -> None:
    installs = SQLAlchemyInstallationStore("111.222", store.engine)
    installs.save(
        Installation(
            app_id="A123456",
            enterprise_id=None,
            team_id=team,
            bot_token=token,
            bot_id="BBOT",
            bot_user_id="UBOT",
            bot_scopes="commands,chat:write",
            user_id="UADMIN",
            installed_at=datetime.now().timestamp(),
        )
    )


def test_two_workspaces_see_nothing_of_each_other(store: SqlStore, stub: StubSlackApi) -> None:
    stub.teams = {"xoxb-one": "T0001", "xoxb-two": "T0002"}
    _install(store, "T0001", "xoxb-one")
    _install(store, "T0002", "xoxb-two")
    oauth = SlackSettings(None, SECRET, None, stub.url, "111.222", "client-secret")
    one = make_workspace(store, stub, settings=oauth)
    two = make_workspace(store, stub, settings=oauth)
    two.team = "T0002"
    try:
        one.command("start ml", user="U1")
        one.settle()
        one.dm("answer in workspace one", user="U1")
        one.settle()
        two.dm("same user id, other workspace", user="U1")
        two.settle()
        by_token = {c.token for c in stub.posts()}
        assert by_token == {"xoxb-one", "xoxb-two"}
        two_posts = [c for c in stub.posts() if c.token == "xoxb-two"]
        assert "not running an interview" in json.dumps([c.args for c in two_posts])
        assert stored_answers(one) == ["answer in workspace one"]
        with store.engine.connect() as conn:
            tenants = conn.execute(text("select workspace from tenants order by workspace"))
            assert [r[0] for r in tenants] == ["T0001", "T0002"]
    finally:
        for w in (one, two):
            w.work.wait_idle(20)
            w.work.shutdown()


def test_over_real_http_signed_requests_are_served(ws: Workspace) -> None:
    server = make_http_server(ws.slack.app, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/slack/events"
        body = payload("message_im")
        body["event"].update(user="U1", channel="DU1", text="hello over http")
        raw = json.dumps(body)
        headers = {k: v[0] for k, v in signed_headers(raw, "application/json").items()}
        req = urllib.request.Request(url, raw.encode(), headers, method="POST")
        with urllib.request.urlopen(req, timeout=5) as resp:
            assert resp.status == 200
        headers["x-slack-signature"] = "v0=" + "0" * 64
        bad = urllib.request.Request(url, raw.encode(), headers, method="POST")
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(bad, timeout=5)
        assert err.value.code == 401
        conn = http.client.HTTPConnection("127.0.0.1", server.server_port, timeout=5)
        conn.putrequest("POST", "/slack/events")
        conn.putheader("Content-Length", str(2 * 1024 * 1024))  # refused before it is read
        conn.endheaders()
        assert conn.getresponse().status == 413
        conn.close()
        ws.settle()
        assert "not running an interview" in ws.posted_text()
    finally:
        server.shutdown()
        server.server_close()


def test_a_network_error_while_posting_still_scores_the_round(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws.command("start ml")
    ws.settle()
    ws.dm("an answer")
    ws.settle()

    def unreachable(self: object, **kwargs: object) -> None:
        raise urllib.error.URLError("connection refused")  # what slack_sdk re-raises

    monkeypatch.setattr(WebClient, "chat_postMessage", unreachable)
    posted = len(ws.stub.posts())
    for _ in range(5):
        ws.dm("submit" if _ == 0 else "skip")
        ws.settle()
    assert len(ws.stub.posts()) == posted  # every post failed on the way out
    with store_engine(ws).connect() as conn:
        assert conn.execute(text("select count(*) from scores")).scalar() == 1


def store_engine(ws: Workspace):  # type: ignore[no-untyped-def]
    return ws.engine.store.engine  # type: ignore[attr-defined]
