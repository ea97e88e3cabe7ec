"""Posting engine replies to Slack, each to where its conversation id points.

A failed Web API call is logged and the rest still go out: the answer it
replied to was stored before anything was posted, so nothing is lost, and
the user's next message or `/mock history` shows where things stand.
Rate limits are the WebClient's retry handlers' job (see `clients.py`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.adapters.slack import render
from bot.adapters.slack.translate import is_dm, thread
from bot.engine.messages import Outbound, QuestionView

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Root:
    """A placeholder posted in a channel for a new session: the question replaces it."""

    channel: str
    ts: str

    @property
    def conversation_id(self) -> str:
        return thread(self.channel, self.ts)


def _where(conversation_id: str) -> tuple[str, str | None]:
    channel, _, ts = conversation_id.partition(":")
    return channel, ts or None


# Bolt's `respond`: posts to a slash command's response_url, which works in channels
# the bot is not a member of (chat.postEphemeral does not).
Respond = Callable[..., object]


class Delivery:
    def __init__(self, client: WebClient, respond: Respond | None = None) -> None:
        self.client = client
        self.respond = respond

    def post(self, outs: Sequence[Outbound], root: Root | None = None) -> None:
        asked = root is not None and any(
            isinstance(o, QuestionView) and o.conversation_id == root.conversation_id for o in outs
        )
        if root is not None and not asked:
            # The start was refused (a session already running, bad filters): no thread.
            self._call("chat_delete", channel=root.channel, ts=root.ts)
        pending_root = root if asked else None
        lead: list[Outbound] = []
        for out in outs:
            if pending_root and out.conversation_id == pending_root.conversation_id:
                if isinstance(out, QuestionView):
                    self._fill_root(pending_root, lead, out)
                    pending_root, lead = None, []
                else:
                    lead.append(out)  # "Round 1 of 5: ..." goes into the question message
                continue
            if root is not None and not asked and out.conversation_id == root.conversation_id:
                self._ephemeral(root.channel, out)
                continue
            self.send(out)

    def send(self, out: Outbound) -> None:
        cid = out.conversation_id
        if cid.startswith("home:"):
            view = render.home_view(out)
            self._call("views_publish", user_id=out.user_id, view=view)
            return
        channel, ts = _where(cid)
        if ts is None and not is_dm(channel):
            self._ephemeral(channel, out)
            return
        rendered = render.message(out)
        if rendered is None:
            return
        text, blocks = rendered
        extra = {"thread_ts": ts} if ts else {}
        self._call("chat_postMessage", channel=channel, text=text, blocks=blocks, **extra)

    def _fill_root(self, root: Root, lead: list[Outbound], q: QuestionView) -> None:
        text, blocks = render.question(q)
        intro = [render.message(o) for o in lead]
        before = [b for r in intro if r for b in r[1]]
        blocks = render.fit(before + blocks)
        self._call("chat_update", channel=root.channel, ts=root.ts, text=text, blocks=blocks)

    def _ephemeral(self, channel: str, out: Outbound) -> None:
        rendered = render.message(out)
        if rendered is None:
            return
        text, blocks = rendered
        if self.respond is not None:
            try:
                self.respond(text=text, blocks=blocks, response_type="ephemeral")
                return
            except Exception as exc:  # an expired or unreachable response_url
                log.warning("respond failed (%s); trying chat.postEphemeral", exc)
        user = out.user_id
        self._call("chat_postEphemeral", channel=channel, user=user, text=text, blocks=blocks)

    def _call(self, method: str, **kwargs: Any) -> dict[str, Any] | None:
        try:
            response = getattr(self.client, method)(**kwargs)
        except SlackApiError as exc:
            log.warning("Slack %s failed: %s", method, exc.response.get("error", exc))
            return None
        except (SlackClientError, OSError) as exc:  # retries spent: URLError, timeouts
            log.warning("Slack %s failed: %s", method, exc)
            return None
        data: dict[str, Any] = dict(response.data) if isinstance(response.data, dict) else {}
        return data
