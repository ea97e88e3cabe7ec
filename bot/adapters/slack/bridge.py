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
from bot.adapters.slack.delivery import Delivery, Respond, Root
from bot.adapters.work import KeyedExecutor
from bot.engine.engine import Engine, Reply
from bot.engine.messages import Inbound, Outbound, ReferenceView, Say, Tenant

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
        # Modals need their trigger_id used within 3 s: never queued behind scoring.
        self.ui = KeyedExecutor(4, "mockbot-slack-ui")

    # ------------------------------------------------------------ listeners (ack, queue)
    def on_command(
        self, ack: Callable[..., None], body: Body, client: WebClient, respond: Respond
    ) -> None:
        ack()
        tenant = translate.tenant(body.get("enterprise_id"), body.get("team_id"))
        task = functools.partial(self._command, body, client, respond)
        self._queue(tenant, body.get("user_id", ""), task)

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
        where = translate.action_conversation(body)
        view = render.long_answer_modal(where, action.get("value", ""))
        self._now_in_background(self._open, client, body, view)

    def on_reference(self, ack: Callable[..., None], body: Body, client: WebClient) -> None:
        ack()
        self._now_in_background(self._reference, body, client)

    def _now_in_background(self, fn: Callable[..., None], *args: Any) -> None:
        """Not in the user's queue: a trigger_id expires 3 s after the press."""

        def run() -> None:
            try:
                fn(*args)
            except Exception:
                log.exception("Slack modal task failed")

        self.ui.submit(object(), run)  # a key of its own: never waits behind another task

    def on_view_submission(self, ack: Callable[..., None], body: Body, client: WebClient) -> None:
        ack()  # closes the modal; the text is stored by the task
        msg = translate.from_view_submission(body, self.now())
        if msg is not None:
            self._queue_msg(msg, client)

    # ------------------------------------------------------------ tasks
    def _queue(self, tenant: Tenant, user: str, task: Callable[[], object]) -> None:
        """One queue per person: their messages are handled in the order sent."""
        self.work.submit((tenant.workspace, user), task)

    def _queue_msg(self, msg: Inbound, client: WebClient) -> None:
        self._queue(msg.tenant, msg.user_id, lambda: self.run(msg, client))

    def run(
        self,
        msg: Inbound,
        client: WebClient,
        root: Root | None = None,
        respond: Respond | None = None,
    ) -> None:
        reply = self.engine.receive(msg)
        self.deliver(reply, client, root, respond)

    def deliver(
        self,
        reply: Reply,
        client: WebClient,
        root: Root | None = None,
        respond: Respond | None = None,
    ) -> None:
        delivery = Delivery(client, respond)
        try:
            delivery.post(reply.outs, root)
        finally:  # whatever posting did, what was handed in is scored and stored
            if reply.jobs:
                delivery.post(self.engine.score(reply.jobs, self.now()))

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Every queued task done: for orderly shutdown and for tests."""
        return self.work.wait_idle(timeout) and self.ui.wait_idle(timeout)

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

    def _command(self, body: Body, client: WebClient, respond: Respond) -> None:
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
                Delivery(client, respond).send(Say(channel, user, NOT_IN_CHANNEL, "error"))
                return
            conversation = root.conversation_id
        else:
            conversation = channel  # replies not tied to a session are ephemeral here
        self.run(translate.from_command(body, at, conversation), client, root, respond)

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
            user = reply.outs[0].user_id if reply.outs else ""
            client = b.clients.for_tenant(tenant)
            if client is None:  # uninstalled meanwhile: still score and keep the result
                log.warning("no installation for %s: timer replies not posted", tenant.workspace)
                b._queue(tenant, user, functools.partial(b.engine.score, reply.jobs, b.now()))
                continue
            b._queue(tenant, user, functools.partial(b.deliver, reply, client))

    def stop(self) -> None:
        self.stopped.set()
        if self.is_alive():
            self.join(self.interval + 5)
