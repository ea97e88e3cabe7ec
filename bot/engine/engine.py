"""The engine: one inbound message in, the replies out; no platform in sight.

Each message is one storage transaction: its event id is claimed, the answer
stored, the session moved on, and only then are replies returned. A
redelivered event finds its claim and does nothing; nothing a user types
raises out of `handle`.

A handed-in round is scored after that transaction commits, then saved in a
second one: scoring may run code for seconds, and no other user should wait on
a database lock meanwhile. `receive` and `score` are the two halves, for
adapters that post the first replies before scoring starts; `handle` does both.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from bot.content.catalog import Catalog
from bot.engine import views
from bot.engine.commands import Command, parse
from bot.engine.flow import Flow, NoQuestions, ScoreJob
from bot.engine.messages import Inbound, Outbound, ReferenceView, Say, Tenant
from bot.engine.state import Mode, RoundState, RoundStatus, SessionState, SessionStatus
from bot.engine.texts import HELP, HELP_LINE, NO_SESSION, START_HINT
from bot.engine.timers import clock_text, seconds_left
from bot.scoring.base import Scorer
from bot.scoring.runner import running_for
from bot.storage.store import Store, Tx

log = logging.getLogger(__name__)

LOOP_TRACKS = ("coding", "ml", "system-design", "leadership", "leadership")
TRACKS = ("coding", "ml", "system-design", "leadership")
_FAR_FUTURE = datetime(9999, 1, 1, tzinfo=UTC)
_ANSWERING = (RoundStatus.ANSWERING, RoundStatus.CONFIRM_EMPTY)
# A round left "scoring" by a crash (or by another process that died) may be
# scored again on `submit` once no scorer here has it and this long has passed.
RESCORE_AFTER = timedelta(seconds=30)
SCORING_FAILED = (
    "Scoring failed on our side. Your answer is saved: send `submit` to score it again."
)


@dataclass
class Reply:
    """What one event produced: replies to send now, and rounds to score next."""

    outs: list[Outbound] = field(default_factory=list)
    jobs: list[ScoreJob] = field(default_factory=list)


class Engine:
    def __init__(self, catalog: Catalog, store: Store, scorer: Scorer, rng: random.Random) -> None:
        self.catalog = catalog
        self.store = store
        self.scorer = scorer
        self.rng = rng
        self._scoring: set[int] = set()  # round ids a thread of this process is scoring
        self._scoring_lock = threading.Lock()

    def _flow(self, tx: Tx, now: datetime) -> Flow:
        return Flow(self.catalog, self.rng, tx, now)

    # ------------------------------------------------------------ entry points
    def handle(self, msg: Inbound) -> list[Outbound]:
        """Everything for one message, scorecards included."""
        reply = self.receive(msg)
        return reply.outs + self.score(reply.jobs, msg.at)

    def receive(self, msg: Inbound) -> Reply:
        """The message's transaction; rounds it handed in come back as jobs to `score`."""
        try:
            with self.store.transaction() as tx:
                stored = tx.active_session(msg.tenant, msg.user_id)
                if msg.ambient and (
                    stored is None or stored.conversation_id != msg.conversation_id
                ):
                    return Reply()  # someone else's thread, or chatter: not for us, no write
                if msg.event_id and not tx.claim_event(msg.tenant, msg.event_id, msg.at):
                    return Reply()
                flow = self._flow(tx, msg.at)
                if stored is not None:
                    self._catch_up(flow, stored)
                live = stored if stored and stored.status is SessionStatus.ACTIVE else None
                cmd = parse(msg.text, msg.action)
                if msg.ref and live is not None and msg.ref != live.round.question_id:
                    flow.say(live, "That button belongs to an earlier question.", "error")
                    cmd = Command("noop")
                self._dispatch(flow, msg, cmd, live)
                if stored is not None:
                    tx.save_session(stored)
                return Reply(flow.outs, self._claim(flow.jobs))
        except Exception:
            log.exception("engine failed on a message from %s", msg.user_id)
            oops = (
                "Something went wrong on our side. What you wrote before is saved; "
                "please try that again."
            )
            return Reply([Say(msg.conversation_id, msg.user_id, oops, "error")])

    def score(self, jobs: Sequence[ScoreJob], now: datetime) -> list[Outbound]:
        """Score handed-in rounds outside any transaction, then save each in its own."""
        outs: list[Outbound] = []
        for job in jobs:
            try:
                outs += self._score_one(job, now)
            finally:
                with self._scoring_lock:
                    self._scoring.discard(job.round_id)
        return outs

    def _score_one(self, job: ScoreJob, now: datetime) -> list[Outbound]:
        q = self.catalog.questions.get(job.question_id)
        try:
            if q is None:
                raise LookupError(f"question {job.question_id} is no longer in the library")
            with running_for(job.owner):
                card = self.scorer.score(q, self.catalog.rubric_for(q), job.answer)
        except Exception:
            log.exception("scoring failed for round %s of %s", job.round_id, job.user_id)
            return [Say(job.conversation_id, job.user_id, SCORING_FAILED, "error")]
        with self.store.transaction() as tx:
            flow = self._flow(tx, now)
            s = tx.active_session(job.tenant, job.user_id)
            if s is None or s.id != job.session_id or s.round.id != job.round_id:
                return []  # ended or already scored meanwhile: nothing to say twice
            if s.round.status is not RoundStatus.SCORING:
                return []
            flow.complete_round(s, card)
            tx.save_session(s)
            return flow.outs

    def _claim(self, jobs: list[ScoreJob]) -> list[ScoreJob]:
        with self._scoring_lock:
            mine = [j for j in jobs if j.round_id not in self._scoring]
            self._scoring.update(j.round_id for j in mine)
        return mine

    def _scoring_here(self, round_id: int | None) -> bool:
        with self._scoring_lock:
            return round_id in self._scoring

    def tick(self, now: datetime, platform: str | None = None) -> list[Outbound]:
        """Fire due timer events and score what time-up handed in."""
        outs: list[Outbound] = []
        for _, reply in self.sweep(now, platform):
            outs += reply.outs + self.score(reply.jobs, now)
        return outs

    def sweep(self, now: datetime, platform: str | None = None) -> list[tuple[Tenant, Reply]]:
        """Fire due timer events; called by a sweep, any number of times.

        Replies come per workspace, since each is posted with that workspace's
        credentials. An adapter sweeps only its own platform's sessions: several
        adapters may share one database, and only its own adapter can deliver a reply.
        """
        replies: list[tuple[Tenant, Reply]] = []
        with self.store.transaction() as tx:
            for s in tx.due_sessions(now):
                if platform is not None and s.tenant.platform != platform:
                    continue
                flow = self._flow(tx, now)
                flow.fire_timers(s)
                tx.save_session(s)
                if flow.outs or flow.jobs:
                    replies.append((s.tenant, Reply(flow.outs, flow.jobs)))
        return [(t, Reply(r.outs, self._claim(r.jobs))) for t, r in replies]

    def suspend(self, now: datetime, platform: str, user_id: str | None = None) -> int:
        """On shutdown: freeze the clock of running rounds so they resume with the time left.

        `user_id` limits it to one user: a console process speaks for one person.
        Returns how many rounds were paused.
        """
        paused = 0
        with self.store.transaction() as tx:
            flow = self._flow(tx, now)
            for s in tx.due_sessions(_FAR_FUTURE):
                mine = user_id is None or s.user_id == user_id
                if mine and s.tenant.platform == platform and s.round.status in _ANSWERING:
                    flow.pause(s)
                    tx.save_session(s)
                    paused += 1
        return paused

    def resume(self, now: datetime, platform: str, user_id: str | None = None) -> list[Outbound]:
        """On start: restart the clocks `suspend` froze, each with the time it had left."""
        return [o for _, outs in self.resume_by_tenant(now, platform, user_id) for o in outs]

    def resume_by_tenant(
        self, now: datetime, platform: str, user_id: str | None = None
    ) -> list[tuple[Tenant, list[Outbound]]]:
        """`resume`, with each session's replies under its workspace (for per-workspace tokens)."""
        resumed: list[tuple[Tenant, list[Outbound]]] = []
        with self.store.transaction() as tx:
            for s in tx.paused_sessions(platform):
                if user_id is not None and s.user_id != user_id:
                    continue
                flow = self._flow(tx, now)
                flow.resume(s)
                flow.show_question(s)
                tx.save_session(s)
                resumed.append((s.tenant, flow.outs))
        return resumed

    # ------------------------------------------------------------ dispatch
    def _catch_up(self, flow: Flow, s: SessionState) -> None:
        """Resume a paused session and fire timers a late sweep has not fired yet."""
        if s.status is SessionStatus.PAUSED:
            flow.resume(s)
        if s.status is SessionStatus.ACTIVE:
            flow.fire_timers(s)

    def reference(self, tenant: Tenant, user_id: str, question_id: str, to: str) -> Outbound:
        """A reference answer, only for a question this user has already been asked."""
        with self.store.transaction() as tx:
            asked = question_id in tx.asked_question_ids(tenant, user_id)
        q = self.catalog.questions.get(question_id)
        if q is None or not asked or not q.reference_answer:
            text = "No reference answer to show: answer the question first."
            return Say(to, user_id, text, "error")
        return ReferenceView(to, user_id, q.id, q.title, q.reference_answer)

    def _dispatch(self, flow: Flow, msg: Inbound, cmd: Command, s: SessionState | None) -> None:
        if cmd.name == "noop":
            return
        if cmd.name == "help":
            flow.outs.append(Say(msg.conversation_id, msg.user_id, HELP, "help"))
        elif cmd.name == "history":
            records = flow.tx.history(msg.tenant, msg.user_id)
            titles = {q.id: q.title for q in self.catalog.questions.values()}
            flow.outs.append(views.history_view(msg.conversation_id, msg.user_id, records, titles))
        elif cmd.name in ("start", "loop"):
            self._start(flow, msg, cmd, s)
        elif cmd.name == "unknown":
            flow.outs.append(
                Say(
                    msg.conversation_id,
                    msg.user_id,
                    f"Unknown command '{cmd.text}'. {HELP_LINE}",
                    "error",
                )
            )
        elif s is None:
            text = NO_SESSION if cmd.name != "answer" else "I'm not running an interview for you."
            flow.outs.append(Say(msg.conversation_id, msg.user_id, f"{text} {START_HINT}", "help"))
        else:
            self._in_round(flow, cmd, s)

    def _start(self, flow: Flow, msg: Inbound, cmd: Command, s: SessionState | None) -> None:
        def error(text: str) -> None:
            flow.outs.append(Say(msg.conversation_id, msg.user_id, text, "error"))

        if cmd.error:
            return error(f"{cmd.error}. {HELP_LINE}")
        if s is not None:
            left = clock_text(seconds_left(s.round, flow.now))
            title = self.catalog.question(s.round.question_id).title
            return error(
                f"You already have an interview running ({title}, {left} left). "
                "Keep answering, or send `end` to finish it first."
            )
        mode = Mode.LOOP if cmd.name == "loop" else Mode.SINGLE
        tracks = (
            list(LOOP_TRACKS)
            if mode is Mode.LOOP
            else [cmd.args.get("track") or self.rng.choice(TRACKS)]
        )
        new = SessionState(
            tenant=msg.tenant,
            user_id=msg.user_id,
            conversation_id=msg.conversation_id,
            mode=mode,
            started_at=msg.at,
            level=cmd.args.get("level"),
            difficulty=cmd.args.get("difficulty"),
            topic=cmd.args.get("topic"),
            rounds=[RoundState(index=i, track=t) for i, t in enumerate(tracks)],
        )
        try:
            flow.begin_round(new, 0)
        except NoQuestions as exc:
            filters = ", ".join(f"{k}={v}" for k, v in cmd.args.items() if k != "track")
            return error(
                f"No {exc} questions match {filters or 'your filters'}. "
                "Try without filters, or another level or topic."
            )
        flow.tx.ensure_user(msg.tenant, msg.user_id, msg.user_name)
        flow.tx.save_session(new)  # rows get ids before the first answer arrives

    def _in_round(self, flow: Flow, cmd: Command, s: SessionState) -> None:
        r = s.round
        name = "submit" if cmd.name == "done" else cmd.name
        probing = r.status is RoundStatus.PROBING
        if r.status is RoundStatus.SCORING:
            self._while_scoring(flow, name, s)
        elif name == "end":
            flow.end_session(s)
        elif name == "answer":
            flow.add_text(s, cmd.text)
        elif name == "submit":
            if probing:
                flow.next_probe(s)
            else:
                flow.submit(s, confirmed=r.status is RoundStatus.CONFIRM_EMPTY)
        elif name == "skip":
            flow.next_probe(s) if probing else flow.skip_round(s)
        elif name == "repeat":
            flow.show_probe(s) if probing else flow.show_question(s)
        elif name == "time":
            text = (
                "No clock on follow-ups: answer, then `submit`, or `skip`."
                if probing
                else f"{clock_text(seconds_left(r, flow.now))} left."
            )
            flow.say(s, text)
        elif name == "hint":
            self._hint(flow, s, probing)

    def _while_scoring(self, flow: Flow, name: str, s: SessionState) -> None:
        r = s.round
        handed_in = r.submitted_at or flow.now
        orphaned = not self._scoring_here(r.id) and flow.now - handed_in >= RESCORE_AFTER
        if name == "submit" and orphaned:
            flow.queue_scoring(s)
        elif orphaned:
            flow.say(s, "Your answer was handed in but not scored yet: send `submit` to score it.")
        else:
            flow.say(
                s,
                "Your answer is being scored; the scorecard will follow. "
                "Anything you send now is not part of it.",
            )

    def _hint(self, flow: Flow, s: SessionState, probing: bool) -> None:
        r = s.round
        hints = flow.question(s).hints
        if probing:
            flow.say(s, "Hints are for the main question; answer this follow-up or `skip` it.")
        elif r.hints_used >= len(hints):
            flow.say(s, "No more hints for this question.")
        else:
            r.hints_used += 1
            flow.say(s, f"Hint {r.hints_used}/{len(hints)}: {hints[r.hints_used - 1]}")
