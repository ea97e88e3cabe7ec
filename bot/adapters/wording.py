"""How every adapter words the same facts: round headers, clocks, scores, test counts.

Kept apart from any one renderer so the console, Slack and Discord never
disagree about a number or how a timer reads.
"""

from __future__ import annotations

from bot.engine.messages import QuestionView, ScorecardView
from bot.scoring.base import Scorecard, TestSummary


def clock_text(seconds: int) -> str:
    """`10:00`, `1:05:00`: the form people read on an interview timer."""
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def score_text(overall: float | None) -> str:
    return "skipped" if overall is None else f"{overall:.1f}"


def question_header(q: QuestionView) -> str:
    parts = [f"Round {q.round_number}/{q.total_rounds}", q.track, q.difficulty]
    return " · ".join([*parts, clock_text(q.time_limit_seconds)])


def overall_line(card: Scorecard) -> str:
    return f"Overall {card.overall:.1f} / 5 — {card.verdict}"


def scorer_label(card: Scorecard) -> str:
    """`heuristic-1` rather than `heuristic heuristic-1` when the version already names it."""
    if card.scorer_version.startswith(card.scorer):
        return card.scorer_version or card.scorer
    return " ".join(part for part in (card.scorer, card.scorer_version) if part)


def usage_line(view: ScorecardView) -> str:
    return f"Hints used: {view.hints_used} · Time used: {clock_text(view.seconds_used)}"


def tests_line(tests: TestSummary) -> str:
    """Counts only: hidden tests are reported as a number, never by their inputs."""
    line = f"Tests: {tests.passed}/{tests.total} passed"
    if tests.hidden_failed:
        line += f" ({tests.hidden_failed} hidden test(s) failed)"
    return line


def criterion_label(crit_id: str, title: str) -> str:
    """The id is what the rubric and JSON use; the title is added only when it says more."""
    same = title.strip().lower() in (crit_id.lower(), crit_id.lower().replace("-", " "))
    return crit_id if same or not title.strip() else f"{crit_id} ({title})"
