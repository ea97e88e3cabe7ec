"""How a session moves: start a round, take answers, probe, score, move on.

Shared by user turns and timer sweeps, so time-up and `submit` end a round
the same way. Each `Flow` works inside one storage transaction and collects
the replies to send once that transaction has committed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.content.catalog import Catalog
from bot.content.schema import Question
from bot.engine import selection, views
from bot.engine.messages import Outbound, ProbeView, Say, Tenant
from bot.engine.state import Mode, RoundState, RoundStatus, SessionState, SessionStatus
from bot.engine.texts import MAX_ANSWER_CHARS
from bot.engine.timers import TimerEvent, clock_text, due_event, next_event_at, seconds_left
from bot.scoring.analysis import analyse
from bot.scoring.base import Scorecard
from bot.storage.store import Tx

MAX_PROBES = 2
MAX_FOLLOW_UPS = 2


class NoQuestions(Exception):
    """No question matches the user's filters: said to the user, not a crash."""


@dataclass(frozen=True)
class ScoreJob:
    """A handed-in round to score after its transaction commits.

    Scoring may run code for seconds; holding a database transaction (and, on
    SQLite, the write lock) that long would stall every other user.
    """

    tenant: Tenant
    user_id: str
    conversation_id: str
    session_id: int
    round_id: int
    question_id: str
    answer: str

    @property
    def owner(self) -> str:
        return f"{self.tenant.platform}:{self.tenant.workspace}:{self.user_id}"


class Flow:
    def __init__(self, catalog: Catalog, rng: random.Random, tx: Tx, now: datetime) -> None:
        self.catalog = catalog
        self.rng = rng
        self.tx = tx
        self.now = now
        self.outs: list[Outbound] = []
        self.jobs: list[ScoreJob] = []

    # ------------------------------------------------------------ replies
    def say(self, s: SessionState, text: str, kind: str = "info") -> None:
        self.outs.append(Say(s.conversation_id, s.user_id, text, kind))

    def question(self, s: SessionState) -> Question:
        return self.catalog.question(s.round.question_id)

    def show_question(self, s: SessionState) -> None:
        self.outs.append(views.question_view(s, s.round, self.question(s), self.now))

    def show_probe(self, s: SessionState) -> None:
        r = s.round
        self.outs.append(
            ProbeView(
                s.conversation_id,
                s.user_id,
                r.probes[r.probe_index],
                r.probe_index + 1,
                len(r.probes),
            )
        )

    # ------------------------------------------------------------ rounds
    def pick(self, s: SessionState, r: RoundState) -> Question:
        pool = selection.matching(self.catalog, r.track, s.level, s.difficulty, s.topic)
        if not pool:
            raise NoQuestions(r.track)
        used = frozenset(x.question_id for x in s.rounds if x.question_id)
        principles = {
            self.catalog.question(q).principle for q in used if q in self.catalog.questions
        }
        varied = (
            [q for q in pool if q.principle not in principles] if r.track == "leadership" else []
        )
        asked = self.tx.asked_question_ids(s.tenant, s.user_id)
        return selection.choose(varied or pool, asked, self.rng, exclude=used)

    def begin_round(self, s: SessionState, index: int) -> None:
        s.current = index
        r = s.rounds[index]
        q = self.pick(s, r)
        r.question_id = q.id
        r.status = RoundStatus.ANSWERING
        r.started_at = self.now
        r.deadline = self.now + timedelta(minutes=q.time_limit_minutes)
        r.next_event_at = next_event_at(r)
        if len(s.rounds) > 1:
            title = views.TRACK_TITLES.get(r.track, r.track)
            self.say(s, f"Round {index + 1} of {len(s.rounds)}: {title}.")
        self.show_question(s)

    def add_text(self, s: SessionState, text: str) -> None:
        r = s.round
        probing = r.status is RoundStatus.PROBING
        current = r.probe_answers[r.probe_index] if probing else r.answer
        if len(current) + len(text) + 1 > MAX_ANSWER_CHARS:
            self.say(
                s,
                "That message is too long: your answer would pass "
                f"{MAX_ANSWER_CHARS:,} characters. "
                f"It was not added; what you wrote before is kept ({len(current):,} characters). "
                "Send a shorter message, or submit.",
                "error",
            )
            return
        joined = f"{current}\n{text}" if current else text
        if probing:
            r.probe_answers[r.probe_index] = joined
        else:
            r.answer = joined
            r.status = RoundStatus.ANSWERING
        assert r.id is not None
        self.tx.add_answer(s.tenant, r.id, "probe" if probing else "answer", text, self.now)

    def submit(self, s: SessionState, confirmed: bool = False) -> None:
        r = s.round
        if not r.answer.strip() and not confirmed:
            r.status = RoundStatus.CONFIRM_EMPTY
            self.say(
                s,
                "You haven't written an answer yet. Send `submit` again to hand in an "
                "empty answer, or write your answer first.",
                "warning",
            )
            return
        r.submitted_at = self.now
        r.next_event_at = None
        r.probes = self._probes(self.question(s), r.answer) if r.answer.strip() else []
        if r.probes:
            r.status = RoundStatus.PROBING
            r.probe_index = 0
            r.probe_answers = [""] * len(r.probes)
            self.show_probe(s)
        else:
            self.finish_round(s)

    def _probes(self, q: Question, answer: str) -> list[str]:
        """Like an interviewer: dig into what was missed, then the planned follow-ups."""
        missed = [
            h.key_point.probe
            for h in analyse(q, answer).hits
            if not h.covered and h.key_point.probe
        ]
        return missed[:MAX_PROBES] + q.follow_ups[:MAX_FOLLOW_UPS]

    def next_probe(self, s: SessionState) -> None:
        r = s.round
        r.probe_index += 1
        if r.probe_index < len(r.probes):
            self.show_probe(s)
        else:
            self.finish_round(s)

    def finish_round(self, s: SessionState) -> None:
        """Hand the round in: stored now, scored once this transaction has committed."""
        r = s.round
        r.submitted_at = r.submitted_at or self.now
        r.status = RoundStatus.SCORING
        r.next_event_at = None
        self.queue_scoring(s)

    def queue_scoring(self, s: SessionState) -> None:
        r = s.round
        assert s.id is not None and r.id is not None
        full = "\n\n".join(p for p in [r.answer, *r.probe_answers] if p.strip())
        job = ScoreJob(s.tenant, s.user_id, s.conversation_id, s.id, r.id, r.question_id, full)
        self.jobs.append(job)
        self.say(s, "Scoring your answer...", "progress")

    def complete_round(self, s: SessionState, card: Scorecard) -> None:
        r = s.round
        q = self.question(s)
        assert r.id is not None
        self.tx.save_score(s.tenant, r.id, card, self.now)
        r.status = RoundStatus.SCORED
        r.overall, r.verdict = card.overall, card.verdict
        r.next_event_at = None
        self.outs.append(views.scorecard_view(s, r, q, card, self.now))
        self.advance(s)

    def skip_round(self, s: SessionState) -> None:
        r = s.round
        r.status = RoundStatus.SKIPPED
        r.submitted_at = self.now
        r.next_event_at = None
        self.say(s, "Question skipped. Anything you wrote is kept.")
        self.advance(s)

    def advance(self, s: SessionState) -> None:
        if s.current + 1 < len(s.rounds):
            self.begin_round(s, s.current + 1)
            return
        s.status = SessionStatus.FINISHED
        s.ended_at = self.now
        if s.mode is Mode.LOOP:
            self.outs.append(views.loop_card(s, self._titles(s)))
        else:
            self.say(
                s,
                "Round complete. /mock start for another question, /mock history for "
                "your progress.",
            )

    def end_session(self, s: SessionState) -> None:
        r = s.round
        if r.status in (RoundStatus.ANSWERING, RoundStatus.CONFIRM_EMPTY, RoundStatus.PROBING):
            r.status = RoundStatus.SKIPPED
            r.next_event_at = None
        s.status = SessionStatus.ENDED
        s.ended_at = self.now
        self.say(s, "Interview ended. Your answers are saved.")
        if s.mode is Mode.LOOP and any(x.overall is not None for x in s.rounds):
            self.outs.append(views.loop_card(s, self._titles(s)))

    def _titles(self, s: SessionState) -> dict[str, str]:
        return {
            r.question_id: self.catalog.question(r.question_id).title
            for r in s.rounds
            if r.question_id in self.catalog.questions
        }

    # ------------------------------------------------------------ timers
    def fire_timers(self, s: SessionState) -> None:
        r = s.round
        event = due_event(r, self.now)
        if event is TimerEvent.HALF:
            r.warned_half = True
            self.say(s, f"Half time: {clock_text(seconds_left(r, self.now))} left.", "warning")
        elif event is TimerEvent.MINUTE:
            r.warned_half = r.warned_minute = True
            self.say(s, "One minute left. Wrap up, then submit.", "warning")
        elif event is TimerEvent.TIME_UP:
            r.warned_half = r.warned_minute = True
            r.timed_out = True
            self.say(s, "Time is up. Submitting what you wrote.", "warning")
            self.finish_round(s)
            return
        r.next_event_at = next_event_at(r)

    def pause(self, s: SessionState) -> None:
        r = s.round
        r.remaining_seconds = float(seconds_left(r, self.now))
        r.next_event_at = None
        s.status = SessionStatus.PAUSED

    def resume(self, s: SessionState) -> None:
        r = s.round
        if r.remaining_seconds is not None and r.deadline is not None and r.started_at is not None:
            shift = self.now + timedelta(seconds=r.remaining_seconds) - r.deadline
            r.deadline += shift
            r.started_at += shift
        r.remaining_seconds = None
        s.status = SessionStatus.ACTIVE
        r.next_event_at = next_event_at(r)
        if r.status in (RoundStatus.ANSWERING, RoundStatus.CONFIRM_EMPTY):
            self.say(
                s,
                f"Welcome back: your round resumes with "
                f"{clock_text(seconds_left(r, self.now))} left.",
            )
