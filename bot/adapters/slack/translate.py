"""Slack payloads in, engine `Inbound`s out: no decisions, only translation.

Conversation ids name where a session lives, in one string the renderer can
read back: a DM channel ("D123"), a thread ("C123:1700000000.000100"), a
channel where only ephemeral replies go ("C123"), or a user's App Home
("home:U123").
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from bot.engine.messages import Inbound, Tenant

PLATFORM = "slack"
ACTION_PREFIX = "mock_"
ROUND_ACTIONS = ("hint", "submit", "skip", "end")
LONG_ANSWER = "mock_long_answer"
REFERENCE = "mock_reference"
# Message subtypes that are a person writing; every other subtype (edits, joins,
# bot posts, deletions) is not an answer.
_PEOPLE_SUBTYPES = {None, "thread_broadcast", "file_share"}

Body = Mapping[str, Any]


def workspace_of(enterprise_id: str | None, team_id: str | None) -> str:
    """Tenant key: the team, qualified by its Enterprise Grid org when there is one."""
    team = team_id or ""
    return f"{enterprise_id}:{team}" if enterprise_id else team


def split_workspace(workspace: str) -> tuple[str | None, str | None]:
    enterprise, sep, team = workspace.partition(":")
    return (enterprise, team or None) if sep else (None, workspace or None)


def tenant(enterprise_id: str | None, team_id: str | None) -> Tenant:
    return Tenant(PLATFORM, workspace_of(enterprise_id, team_id))


def thread(channel: str, ts: str) -> str:
    return f"{channel}:{ts}"


def home(user_id: str) -> str:
    return f"home:{user_id}"


def is_dm(channel: str) -> bool:
    return channel.startswith("D")


_LINK = re.compile(r"<([^<>|]+)(?:\|([^<>]*))?>")


def _plain_link(match: re.Match[str]) -> str:
    target, label = match.group(1), match.group(2)
    if target.startswith("@"):
        return f"@{label or target[1:]}"
    if target.startswith("#"):
        return f"#{label or target[1:]}"
    if target.startswith("!"):
        return f"@{(label or target[1:]).split('^')[0]}"
    return label or target


def unescape(text: str) -> str:
    """Slack's markup back to what the person typed: links, mentions, &amp; &lt; &gt;.

    Slack wraps anything that looks like a link (`x.py` included) as `<target|label>`
    and escapes &, < and >; a code answer needs its original characters back.
    """
    if "<" in text:
        text = _LINK.sub(_plain_link, text)
    return html.unescape(text) if "&" in text else text


def from_command(body: Body, at: datetime, conversation_id: str) -> Inbound:
    return Inbound(
        tenant=tenant(body.get("enterprise_id"), body.get("team_id")),
        user_id=body["user_id"],
        conversation_id=conversation_id,
        at=at,
        text=f"/mock {unescape(body.get('text') or '')}".strip(),
        event_id=f"cmd:{body['trigger_id']}" if body.get("trigger_id") else None,
        user_name=body.get("user_name"),
    )


def from_message(body: Body, at: datetime) -> Inbound | None:
    """A DM to the bot, or a reply in a thread; None for anything that is not a person's text."""
    event = body.get("event") or {}
    if event.get("subtype") not in _PEOPLE_SUBTYPES or event.get("bot_id") or "user" not in event:
        return None
    channel = event.get("channel", "")
    parent = event.get("thread_ts")
    if is_dm(channel) or event.get("channel_type") == "im":
        conversation, ambient = channel, False
    elif parent:
        conversation, ambient = thread(channel, parent), True
    else:
        return None  # top-level channel chatter is never an answer
    return Inbound(
        tenant=tenant(body.get("enterprise_id"), body.get("team_id")),
        user_id=event["user"],
        conversation_id=conversation,
        at=at,
        text=unescape(event.get("text") or ""),
        event_id=body.get("event_id"),
        ambient=ambient,
    )


def from_home_opened(body: Body, at: datetime) -> Inbound | None:
    event = body.get("event") or {}
    if event.get("tab") != "home" or "user" not in event:
        return None
    return Inbound(
        tenant=tenant(body.get("enterprise_id"), body.get("team_id")),
        user_id=event["user"],
        conversation_id=home(event["user"]),
        at=at,
        text="/mock history",
        event_id=body.get("event_id"),
    )


def interaction_tenant(body: Body) -> Tenant:
    enterprise = (body.get("enterprise") or {}).get("id")
    team = (body.get("team") or {}).get("id") or (body.get("user") or {}).get("team_id")
    return tenant(enterprise, team)


def action_conversation(body: Body) -> str:
    """Where a pressed button's message lives: its thread, or the DM."""
    container = body.get("container") or {}
    channel = str(container.get("channel_id") or (body.get("channel") or {}).get("id", ""))
    if is_dm(channel):
        return channel
    root = container.get("thread_ts") or (body.get("message") or {}).get("thread_ts")
    return thread(channel, root or container.get("message_ts", ""))


def from_action(body: Body, at: datetime) -> Inbound | None:
    """A Hint/Submit/Skip/End press; other buttons are handled by the adapter itself."""
    actions = body.get("actions") or []
    if not actions:
        return None
    action = actions[0]
    word = str(action.get("action_id", "")).removeprefix(ACTION_PREFIX)
    if word not in ROUND_ACTIONS:
        return None
    conversation = action_conversation(body)
    return Inbound(
        tenant=interaction_tenant(body),
        user_id=body["user"]["id"],
        conversation_id=conversation,
        at=at,
        action=word,
        event_id=f"act:{body.get('trigger_id') or action.get('action_ts')}",
        user_name=body["user"].get("username"),
        ref=action.get("value") or None,
        # In a shared channel anyone can press a button; only the candidate's count.
        ambient=not is_dm(conversation.partition(":")[0]),
    )


def long_answer_metadata(conversation_id: str, question_id: str) -> str:
    return json.dumps({"c": conversation_id, "q": question_id})


def from_view_submission(body: Body, at: datetime) -> Inbound | None:
    view = body.get("view") or {}
    try:
        meta = json.loads(view.get("private_metadata") or "{}")
    except ValueError:
        return None
    values = (view.get("state") or {}).get("values") or {}
    text = next(
        (
            field.get("value") or ""
            for block in values.values()
            for field in block.values()
            if isinstance(field, dict)
        ),
        "",
    )
    if not isinstance(meta, dict) or "c" not in meta:
        return None
    return Inbound(
        tenant=interaction_tenant(body),
        user_id=body["user"]["id"],
        conversation_id=str(meta["c"]),
        at=at,
        text=text,
        event_id=f"view:{body.get('trigger_id') or view.get('id')}:{view.get('hash', '')}",
        ref=str(meta.get("q") or "") or None,
    )
