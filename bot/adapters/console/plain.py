"""Engine replies as plain text: what a piped console prints and a transcript keeps.

No colour and no box characters, one fact a line, so the output diffs well,
greps well and reads the same in a log file as on a terminal. The small
formatting helpers live here too, because the rich renderer must say exactly
the same things (round header, clock, scores), only styled.
"""

from __future__ import annotations

from bot.adapters.wording import (
    clock_text,
    criterion_label,
    overall_line,
    question_header,
    score_text,
    scorer_label,
    tests_line,
    usage_line,
)
from bot.engine.messages import (
    HistoryView,
    LoopCardView,
    Outbound,
    ProbeView,
    QuestionView,
    Say,
    ScorecardView,
    TimerSet,
)
from bot.scoring.base import Scorecard

__all__ = [
    "clock_text",
    "criterion_label",
    "overall_line",
    "question_header",
    "score_text",
    "scorer_label",
    "tests_line",
    "usage_line",
]

# In-round words the engine always understands, shown after the question's own buttons.
EXTRA_WORDS = ("time", "repeat")


def command_words(q: QuestionView) -> str:
    words = list(q.buttons) + [w for w in EXTRA_WORDS if w not in q.buttons]
    return " · ".join(words)


def _indent(text: str, prefix: str = "    ") -> list[str]:
    return [prefix + line if line.strip() else "" for line in text.strip("\n").splitlines()]


def _question(q: QuestionView) -> list[str]:
    lines = [question_header(q), q.title, "", q.prompt]
    if q.principle:
        lines.append(f"Principle: {q.principle}")
    if q.signature:
        lines += ["", "Signature:", *_indent(q.signature)]
    if q.examples:
        lines += ["Examples:", *[f"    {e}" for e in q.examples]]
    if q.hints_available:
        lines.append(f"Hints available: {q.hints_available}")
    return [*lines, "", f"Commands: {command_words(q)}"]


def scorecard_lines(card: Scorecard) -> list[str]:
    """The card itself, shared by the console round view and any other plain output."""
    lines = [f"{overall_line(card)}  (scorer: {scorer_label(card)})"]
    for c in card.criteria:
        lines.append(f"{criterion_label(c.id, c.title)}: {c.score}/5")
        lines += [f"  + {e}" for e in c.evidence]
        lines += [f"  - {m}" for m in c.missing]
    if card.tests is not None:
        lines.append(tests_line(card.tests))
        lines += [f"  {d}" for d in card.tests.details]
        if card.tests.error:
            lines.append(f"  error: {card.tests.error}")
    lines += [f"Note: {n}" for n in card.notes]
    return lines


def _scorecard(view: ScorecardView) -> list[str]:
    lines = [f"Round {view.round_number}/{view.total_rounds} · {view.title} — scorecard"]
    if view.timed_out:
        lines.append("Time ran out: this scores what you had written.")
    lines += [*scorecard_lines(view.card), usage_line(view)]
    if view.card.feedback:
        lines += ["Next steps:", *[f"  * {f}" for f in view.card.feedback]]
    if view.reference_answer:
        lines += ["", "Reference answer:", *_indent(view.reference_answer)]
    return lines


def _loop(view: LoopCardView) -> list[str]:
    lines = ["Loop result"]
    for i, r in enumerate(view.rounds, 1):
        lines.append(f"{i}. {r.track} · {r.title}: {score_text(r.overall)} — {r.verdict}")
    lines.append(f"Overall {view.overall:.1f} / 5 — {view.recommendation}")
    if view.weakest_area:
        lines.append(f"Weakest area: {view.weakest_area}")
    return lines


def rounds_text(n: int) -> str:
    return f"{n} round{'' if n == 1 else 's'}"


def by_track_text(view: HistoryView) -> str:
    parts = [
        f"{track} {rounds_text(n)}, mean {mean:.1f}"
        for track, (n, mean) in sorted(view.by_track.items())
    ]
    return "By track: " + "; ".join(parts) if parts else ""


def _history(view: HistoryView) -> list[str]:
    if not view.entries:
        return ["No finished rounds yet."]
    lines = [f"Your history ({rounds_text(len(view.entries))})"]
    for e in view.entries:
        day = e.finished_at.strftime("%Y-%m-%d")
        lines.append(f"{day}  {e.track}  {e.title}  {score_text(e.overall)}  {e.verdict}")
    by_track = by_track_text(view)
    return [*lines, *([by_track] if by_track else []), view.trend]


def render_plain(out: Outbound) -> str:
    """One engine reply as text; empty for replies that are only for schedulers (TimerSet)."""
    if isinstance(out, Say):
        return out.text
    if isinstance(out, QuestionView):
        return "\n".join(_question(out))
    if isinstance(out, ProbeView):
        return f"Interviewer (follow-up {out.number}/{out.total}): {out.text}"
    if isinstance(out, ScorecardView):
        return "\n".join(_scorecard(out))
    if isinstance(out, LoopCardView):
        return "\n".join(_loop(out))
    if isinstance(out, HistoryView):
        return "\n".join(_history(out))
    if isinstance(out, TimerSet):
        return ""
    # A reply type newer than this adapter: say that something arrived rather than drop it.
    return f"({type(out).__name__})"
