"""A Slack workspace for tests: the real Bolt app, signed requests, a local Web API.

Requests are Slack's recorded payloads (tests/fixtures/slack/) with ids and
text filled in, signed with slack_sdk's SignatureVerifier and dispatched to
the real `App`, so Bolt's signature and timestamp checks run as in production.
Background work is drained with `settle()`, so tests are exact.
"""

from __future__ import annotations

import copy
import itertools
import json
import random
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from slack_bolt.request import BoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk.signature import SignatureVerifier

from bot.adapters.slack.app import SlackApp, build_app
from bot.adapters.slack.settings import SlackSettings
from bot.adapters.work import KeyedExecutor
from bot.engine.engine import Engine
from bot.scoring.base import Scorer
from bot.scoring.heuristic import HeuristicScorer
from bot.storage.sql_store import SqlStore
from tests.adapters.slack.stub_api import StubSlackApi
from tests.engine.conftest import fixture_catalog

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "slack"
START = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
_ids = itertools.count(1)


def payload(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / f"{name}.json").read_text())
    return copy.deepcopy(data)


def signed_headers(
    body: str, content_type: str, ts: int | None = None, secret: str = SECRET
) -> dict[str, list[str]]:
    stamp = str(int(time.time()) if ts is None else ts)
    sig = SignatureVerifier(secret).generate_signature(timestamp=stamp, body=body)
    return {
        "content-type": [content_type],
        "x-slack-signature": [sig],
        "x-slack-request-timestamp": [stamp],
    }


class Clock:
    def __init__(self) -> None:
        self.at = START

    def now(self) -> datetime:
        return self.at

    def advance(self, seconds: float) -> None:
        self.at += timedelta(seconds=seconds)


@dataclass
class Workspace:
    slack: SlackApp
    stub: StubSlackApi
    work: KeyedExecutor
    clock: Clock
    engine: Engine
    team: str = "T0001"

    # ------------------------------------------------------------ raw requests
    def dispatch(
        self,
        body: str,
        content_type: str,
        *,
        ts: int | None = None,
        secret: str = SECRET,
        retry: int | None = None,
    ) -> BoltResponse:
        headers = signed_headers(body, content_type, ts, secret)
        if retry is not None:
            headers["x-slack-retry-num"] = [str(retry)]
            headers["x-slack-retry-reason"] = ["http_timeout"]
        return self.slack.app.dispatch(BoltRequest(body=body, headers=headers))

    def form(self, fields: dict[str, Any], **kw: Any) -> BoltResponse:
        return self.dispatch(urlencode(fields), "application/x-www-form-urlencoded", **kw)

    def interaction(self, data: dict[str, Any], **kw: Any) -> BoltResponse:
        return self.form({"payload": json.dumps(data)}, **kw)

    def event(self, data: dict[str, Any], **kw: Any) -> BoltResponse:
        for auth in data.get("authorizations") or []:
            auth["team_id"] = data.get("team_id", auth["team_id"])
        return self.dispatch(json.dumps(data), "application/json", **kw)

    # ------------------------------------------------------------ what people do
    def command(self, text: str, user: str = "U1", channel: str = "D1") -> BoltResponse:
        body = payload("slash_command")
        body.update(
            text=text,
            user_id=user,
            user_name=user.lower(),
            channel_id=channel,
            team_id=self.team,
            trigger_id=f"trig-{next(_ids)}",
            response_url=f"{self.stub.url}respond",  # the stub, never hooks.slack.com
        )
        return self.form(body)

    def dm(
        self, text: str, user: str = "U1", event_id: str | None = None, **kw: Any
    ) -> BoltResponse:
        body = payload("message_im")
        body["team_id"] = self.team
        body["event_id"] = event_id or f"Ev{next(_ids):08d}"
        body["event"].update(user=user, text=text, channel=f"D{user}", ts=f"{next(_ids)}.0001")
        return self.event(body, **kw)

    def reply(
        self, text: str, thread_ts: str, user: str = "U1", channel: str = "C1"
    ) -> BoltResponse:
        body = payload("thread_reply")
        body["team_id"] = self.team
        body["event_id"] = f"Ev{next(_ids):08d}"
        body["event"].update(user=user, text=text, channel=channel, thread_ts=thread_ts)
        return self.event(body)

    def press(
        self,
        action: str,
        ref: str,
        user: str = "U1",
        channel: str = "D1",
        message_ts: str = "1700000000.000100",
        thread_ts: str | None = None,
    ) -> BoltResponse:
        body = payload("block_actions")
        body["user"].update(id=user, team_id=self.team)
        body["team"]["id"] = self.team
        body["trigger_id"] = f"trig-{next(_ids)}"
        body["container"].update(channel_id=channel, message_ts=message_ts)
        if thread_ts:
            body["container"]["thread_ts"] = thread_ts
        body["channel"]["id"] = channel
        body["actions"][0].update(action_id=f"mock_{action}", value=ref)
        return self.interaction(body)

    def submit_modal(self, text: str, metadata: str, user: str = "U1") -> BoltResponse:
        body = payload("view_submission")
        body["user"].update(id=user, team_id=self.team)
        body["team"]["id"] = self.team
        body["trigger_id"] = f"trig-{next(_ids)}"
        body["view"]["private_metadata"] = metadata
        body["view"]["state"]["values"]["answer"]["text"]["value"] = text
        return self.interaction(body)

    def open_home(self, user: str = "U1") -> BoltResponse:
        body = payload("app_home_opened")
        body["team_id"] = self.team
        body["event_id"] = f"Ev{next(_ids):08d}"
        body["event"]["user"] = user
        return self.event(body)

    def settle(self) -> None:
        assert self.slack.bridge.wait_idle(20), "background work did not finish"

    # ------------------------------------------------------------ reading what was posted
    def last_question_ref(self) -> str:
        for call in reversed(self.stub.calls):
            for block in call.args.get("blocks") or []:
                if block.get("block_id") == "mock_round":
                    return str(block["elements"][0]["value"])
        raise AssertionError("no question was posted")

    def posted_text(self) -> str:
        return "\n".join(
            json.dumps(c.args.get("blocks") or c.args.get("text") or c.args.get("view"))
            for c in self.stub.calls
        )


def make_workspace(
    store: SqlStore,
    stub: StubSlackApi,
    scorer: Scorer | None = None,
    settings: SlackSettings | None = None,
) -> Workspace:
    clock = Clock()
    engine = Engine(fixture_catalog(), store, scorer or HeuristicScorer(None), random.Random(3))
    work = KeyedExecutor(4, "test-slack")
    settings = settings or SlackSettings("xoxb-test", SECRET, None, stub.url, None, None)
    slack = build_app(engine, settings, clock.now, work, store.engine)
    return Workspace(slack, stub, work, clock, engine)


@pytest.fixture
def stub() -> Iterator[StubSlackApi]:
    api = StubSlackApi()
    yield api
    api.close()


@pytest.fixture
def ws(store: SqlStore, stub: StubSlackApi) -> Iterator[Workspace]:
    w = make_workspace(store, stub)
    yield w
    w.work.wait_idle(20)
    w.work.shutdown()
