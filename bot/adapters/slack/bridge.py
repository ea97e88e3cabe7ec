"""Between Bolt's listeners and the engine: acknowledge at once, work in the background.

Slack wants every request answered within 3 seconds, so each listener only
acks and queues a task. Tasks run in order per user (their answer lines, then
`submit`) and in parallel across users. A task stores the message through the
engine, posts the replies, and only then scores what was handed in and posts
the scorecard, so a slow scorer delays nobody's ack and nobody else's round.
"""

from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Callable
from datetime import datetime
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.adapters.slack import render, translate
from bot.adapters.slack.clients import Clients
from bot.adapters.slack.delivery import Delivery, Root
from bot.adapters.work import KeyedExecutor
from bot.engine.engine import Engine, Reply
from bot.engine.messages import Inbound, Outbound, ReferenceView, Tenant

log = logging.getLogger(__name__)
Body = dict[str, Any]
Clock = Callable[[], datetime]
NOT_IN_CHANNEL = (
    "I can't post in this channel yet. Invite me with `/invite @mockbot`, or send "
    "`/mock start` in a direct message with me."
)


class SlackBridge:
    def __init__(self, engine: Engine, clients: Clients, now: Clock, work: KeyedExecutor) -> None:
        self.engine = engine
        self.clients = clients
        self.now = now
        self.work = work

    # ------------------------------------------------------------ listeners (ack, queue)
    def on_command(self, ack: Callable[..., None], body: Body, client: WebClient) -> None:
        ack()
        tenant = translate.tenant(body.get("enterprise_id"), body.get("team_id"))
        self._queue(tenant, body.get("user_id", ""), lambda: self._command(body, client))

    def on_message(self, body: Body, client: WebClient) -> None:
        msg = translate.from_message(body, self.now())
        if msg is not None:
            self._queue_msg(msg, client)

    def on_home_opened(self, body: Body, client: WebClient) -> None:
        msg = translate.from_home_opened(body, self.now())
        if msg is not None:
            self._queue_msg(msg, client)

    def on_round_action(self, ack: Callable[..., None], body: Body, client: WebClient) -> None:
        ack()
        msg = translate.from_action(body, self.now())
        if msg is not None:
            self._queue_msg(msg, client)

    def on_long_answer(self, ack: Callable[..., None], body: Body, client: WebClient) -> None:
        ack()
        action = (body.get("actions") or [{}])[0]
        view = render.long_answer_modal(
            translate.action_conversation(body), action.get("value", "")
        )
        tenant = translate.interaction_tenant(body)
        self._queue(tenant, body["user"]["id"], lambda: self._open(client, body, view))

    def on_reference(self, ack: Callable[..., None], body: Body, client: WebClient) -> None:
        ack()
        tenant = translate.interaction_tenant(body)
        self._queue(tenant, body["user"]["id"], lambda: self._reference(body, client))

    def on_view_submission(self, ack: Callable[..., None], body: Body, client: WebClient) -> None:
        ack()  # closes the modal; the text is stored by the task
        msg = translate.from_view_submission(body, self.now())
        if msg is not None:
            self._queue_msg(msg, client)

    # ------------------------------------------------------------ tasks
    def _queue(self, tenant: Tenant, user: str, task: Callable[[], None]) -> None:
        """One queue per person: their messages are handled in the order sent."""
        self.work.submit((tenant.workspace, user), task)

    def _queue_msg(self, msg: Inbound, client: WebClient) -> None:
        self._queue(msg.tenant, msg.user_id, lambda: self.run(msg, client))

    def run(self, msg: Inbound, client: WebClient, root: Root | None = None) -> None:
        reply = self.engine.receive(msg)
        self.deliver(reply, client, root)

    def deliver(self, reply: Reply, client: WebClient, root: Root | None = None) -> None:
        delivery = Delivery(client)
        delivery.post(reply.outs, root)
        if reply.jobs:
            delivery.post(self.engine.score(reply.jobs, self.now()))

    def deliver_resumed(self, resumed: list[tuple[Tenant, list[Outbound]]]) -> None:
        """After a restart: re-post the questions of rounds that were paused, per workspace."""
        for tenant, outs in resumed:
            client = self.clients.for_tenant(tenant)
            if client is not None:
                self._queue(
                    tenant,
                    outs[0].user_id if outs else "",
                    functools.partial(Delivery(client).post, outs),
                )

    def _command(self, body: Body, client: WebClient) -> None:
        at = self.now()
        channel, user = body.get("channel_id", ""), body["user_id"]
        words = (body.get("text") or "").split()
        starting = bool(words) and words[0].lower() in ("start", "loop")
        root = None
        if translate.is_dm(channel) or not channel:
            conversation = self._dm(client, user) or channel
        elif starting:
            root = self._placeholder(client, channel, user)
            if root is None:
                self._respond(client, body, NOT_IN_CHANNEL)
                return
            conversation = root.conversation_id
        else:
            conversation = channel  # replies not tied to a session are ephemeral here
        self.run(translate.from_command(body, at, conversation), client, root)

    def _dm(self, client: WebClient, user: str) -> str | None:
        try:
            response = client.conversations_open(users=user)
        except SlackApiError as exc:
            log.warning("conversations.open failed: %s", exc.response.get("error"))
            return None
        channel = (response.data or {}).get("channel") if isinstance(response.data, dict) else None
        return str(channel["id"]) if isinstance(channel, dict) and "id" in channel else None

    def _placeholder(self, client: WebClient, channel: str, user: str) -> Root | None:
        try:
            response = client.chat_postMessage(
                channel=channel, text=f"<@{user}> is starting a mock interview..."
            )
        except SlackApiError as exc:
            log.info("cannot post in %s: %s", channel, exc.response.get("error"))
            return None
        return Root(channel, str(response["ts"]))

    def _respond(self, client: WebClient, body: Body, text: str) -> None:
        try:
            client.chat_postEphemeral(channel=body["channel_id"], user=body["user_id"], text=text)
        except SlackApiError:
            log.info("could not tell %s that the channel is closed to us", body["user_id"])

    def _open(self, client: WebClient, body: Body, view: dict[str, Any]) -> None:
        try:
            client.views_open(trigger_id=body["trigger_id"], view=view)
        except SlackApiError as exc:
            log.warning("views.open failed: %s", exc.response.get("error"))

    def _reference(self, body: Body, client: WebClient) -> None:
        action = (body.get("actions") or [{}])[0]
        tenant = translate.interaction_tenant(body)
        conversation = translate.action_conversation(body)
        out = self.engine.reference(
            tenant, body["user"]["id"], action.get("value", ""), conversation
        )
        if isinstance(out, ReferenceView):
            self._open(client, body, render.reference_modal(out))
        else:
            Delivery(client).post([out])


class Sweeper(threading.Thread):
    """Fires timer warnings and time-up for Slack sessions every few seconds."""

    def __init__(self, bridge: SlackBridge, interval: float = 5.0) -> None:
        super().__init__(name="mockbot-slack-timers", daemon=True)
        self.bridge = bridge
        self.interval = interval
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(self.interval):
            try:
                self.sweep_once()
            except Exception:
                log.exception("timer sweep failed; trying again next time")

    def sweep_once(self) -> None:
        b = self.bridge
        for tenant, reply in b.engine.sweep(b.now(), translate.PLATFORM):
            client = b.clients.for_tenant(tenant)
            if client is None:
                log.warning("no installation for %s: timer replies not posted", tenant.workspace)
                continue
            user = reply.outs[0].user_id if reply.outs else ""
            b._queue(tenant, user, functools.partial(b.deliver, reply, client))

    def stop(self) -> None:
        self.stopped.set()
