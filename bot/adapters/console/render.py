"""Engine replies as rich renderables, for a person at a terminal.

Pure functions from `Outbound` values to renderables: nothing here prints,
reads state or decides anything, so a view can be tested by rendering it into
a string. Wording comes from `plain`, so the styled and the transcript forms
never disagree about a number. Every string from the engine or the candidate
goes into `Text` objects, never through rich markup, so `arr[i]` in a
prompt or an answer is shown as written.
"""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.syntax import Syntax
from rich.table import Table
from rich.text import Text

from bot.adapters.console.plain import (
    by_track_text,
    command_words,
    criterion_label,
    question_header,
    rounds_text,
    score_text,
    scorer_label,
    tests_line,
    usage_line,
)
from bot.adapters.console.plain import render_plain as render_plain
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

__all__ = ["render_plain", "render_rich", "scorecard_panel", "scorecard_parts"]

_SCORE_STYLES = {1: "red", 2: "red", 3: "yellow", 4: "green", 5: "bold green"}
_SAY_STYLES = {"warning": "yellow", "error": "red"}


def score_style(score: float | None) -> str:
    if score is None:
        return "dim"
    return _SCORE_STYLES[min(5, max(1, round(score)))]


def _question(q: QuestionView) -> Panel:
    parts: list[RenderableType] = [Text(q.title, style="bold"), Text(), Text(q.prompt)]
    if q.principle:
        parts.append(Text.assemble(("Principle: ", "bold"), q.principle))
    code = [q.signature.strip()] if q.signature else []
    if q.examples:
        code += ["", "# examples", *q.examples] if code else ["# examples", *q.examples]
    if code:
        parts += [
            Text(),
            Syntax(
                "\n".join(code),
                "python",
                theme="ansi_dark",
                background_color="default",
                word_wrap=True,
            ),
        ]
    if q.hints_available:
        parts.append(Text(f"Hints available: {q.hints_available}", style="dim"))
    return Panel(
        Group(*parts),
        title=Text(question_header(q), style="bold cyan"),
        title_align="left",
        subtitle=Text(command_words(q), style="dim"),
        subtitle_align="left",
    )


def _probe(p: ProbeView) -> Text:
    return Text.assemble(
        ("Interviewer", "bold magenta"),
        (f" (follow-up {p.number}/{p.total}): ", "magenta"),
        (p.text, "bold"),
    )


def _evidence(evidence: list[str], missing: list[str]) -> Text:
    out = Text()
    for i, (mark, style, line) in enumerate(
        [("✓ ", "green", e) for e in evidence] + [("✗ ", "red", m) for m in missing]
    ):
        out.append(("\n" if i else "") + mark, style=style)
        out.append(line)
    return out


def scorecard_parts(card: Scorecard) -> list[RenderableType]:
    """Overall, criteria, tests and notes: the card's body wherever a card is shown."""
    head = Text.assemble(
        ("Overall ", "bold"),
        (f"{card.overall:.1f}", f"bold {score_style(card.overall)}"),
        " / 5 — ",
        (card.verdict, "bold cyan"),
        (f"   scorer: {scorer_label(card)}", "dim"),
    )
    table = Table(show_header=True, header_style="bold", expand=True, box=box.SIMPLE_HEAD)
    table.add_column("Criterion", ratio=2)
    table.add_column("Score", justify="center", ratio=1)
    table.add_column("Evidence ✓ / missing ✗", ratio=7)
    for c in card.criteria:
        label = c.title if c.title.strip() else criterion_label(c.id, c.title)
        table.add_row(
            Text(label),
            Text(f"{c.score}/5", style=score_style(c.score)),
            _evidence(c.evidence, c.missing),
        )
    parts: list[RenderableType] = [head, table]
    if card.tests is not None:
        style = "bold green" if card.tests.passed == card.tests.total else "bold yellow"
        parts.append(Text(tests_line(card.tests), style=style))
        parts += [Text(f"  {d}") for d in card.tests.details]
        if card.tests.error:
            parts.append(Text(f"  error: {card.tests.error}", style="red"))
    parts += [Text(f"Note: {n}", style="yellow") for n in card.notes]
    return parts


def _feedback(card: Scorecard) -> list[RenderableType]:
    if not card.feedback:
        return []
    return [Text("Next steps:", style="bold"), *[Text(f"  • {f}") for f in card.feedback]]


def scorecard_panel(card: Scorecard, title: str | None = None) -> Panel:
    """A bare card (no round around it), as `mockbot score --format text` prints it."""
    return Panel(Group(*scorecard_parts(card), *_feedback(card)), title=title or card.question_id)


def _scorecard(view: ScorecardView) -> Group:
    parts: list[RenderableType] = []
    if view.timed_out:
        parts.append(Text("Time ran out: this scores what you had written.", style="yellow"))
    parts += [*scorecard_parts(view.card), Text(usage_line(view), style="dim")]
    parts += _feedback(view.card)
    title = Text(f"Round {view.round_number}/{view.total_rounds} · {view.title}", style="bold")
    shown: list[RenderableType] = [Panel(Group(*parts), title=title, title_align="left")]
    if view.reference_answer:
        shown.append(
            Panel(
                Text(view.reference_answer.strip()),
                title="Reference answer",
                title_align="left",
                style="dim",
            )
        )
    return Group(*shown)


def _loop(view: LoopCardView) -> Panel:
    table = Table(show_header=True, header_style="bold", box=box.SIMPLE_HEAD)
    table.add_column("#", justify="right")
    table.add_column("Track")
    table.add_column("Question")
    table.add_column("Score", justify="center")
    table.add_column("Verdict")
    for i, r in enumerate(view.rounds, 1):
        score = Text(score_text(r.overall), style=score_style(r.overall))
        table.add_row(str(i), r.track, Text(r.title), score, r.verdict)
    head = Text.assemble(
        ("Overall ", "bold"),
        (f"{view.overall:.1f}", f"bold {score_style(view.overall)}"),
        " / 5 — ",
        (view.recommendation, "bold cyan"),
    )
    parts: list[RenderableType] = [table, head]
    if view.weakest_area:
        parts.append(Text.assemble(("Weakest area: ", "bold"), view.weakest_area))
    return Panel(Group(*parts), title="Loop result", title_align="left")


def _history(view: HistoryView) -> RenderableType:
    if not view.entries:
        return Text("No finished rounds yet.")
    table = Table(show_header=True, header_style="bold", box=box.SIMPLE_HEAD)
    for name in ("Date", "Track", "Question", "Score", "Verdict"):
        table.add_column(name, justify="center" if name == "Score" else "left")
    for e in view.entries:
        score = Text(score_text(e.overall), style=score_style(e.overall))
        table.add_row(e.finished_at.strftime("%Y-%m-%d"), e.track, Text(e.title), score, e.verdict)
    parts: list[RenderableType] = [table]
    by_track = by_track_text(view)
    if by_track:
        parts.append(Text(by_track))
    parts.append(Text(view.trend, style="bold"))
    title = f"Your history ({rounds_text(len(view.entries))})"
    return Panel(Group(*parts), title=title, title_align="left")


def render_rich(out: Outbound) -> RenderableType | None:
    """One engine reply for a terminal; None for replies only schedulers care about."""
    if isinstance(out, Say):
        return Text(out.text, style=_SAY_STYLES.get(out.kind, ""))
    if isinstance(out, QuestionView):
        return _question(out)
    if isinstance(out, ProbeView):
        return _probe(out)
    if isinstance(out, ScorecardView):
        return _scorecard(out)
    if isinstance(out, LoopCardView):
        return _loop(out)
    if isinstance(out, HistoryView):
        return _history(out)
    if isinstance(out, TimerSet):
        return None
    return Text(render_plain(out), style="dim")
