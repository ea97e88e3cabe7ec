"""Engine replies as Block Kit: pure functions from `Outbound` to Slack payloads.

Nothing here calls Slack. Every string from the engine or a candidate is
escaped for mrkdwn (&, <, >), so `a<b` in a prompt or an answer is shown as
written and cannot ping a channel; long text is split to fit Slack's limits
(3,000 characters a section, 50 blocks a message, 150 a header).
"""

from __future__ import annotations

from typing import Any

from bot.adapters.slack.translate import LONG_ANSWER, REFERENCE, long_answer_metadata
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
    ReferenceView,
    Say,
    ScorecardView,
)
from bot.scoring.base import Scorecard

Block = dict[str, Any]
SECTION_CHARS = 3000
MAX_BLOCKS = 50
HEADER_CHARS = 150
MODAL_INPUT_CHARS = 3000
_SAY_ICONS = {
    "warning": ":alarm_clock:",
    "error": ":warning:",
    "progress": ":hourglass_flowing_sand:",
}
_BUTTONS = {"hint": "Hint", "submit": "Submit", "skip": "Skip", "end": "End"}


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _chunks(text: str, size: int = SECTION_CHARS - 10) -> list[str]:
    """Split at line ends where possible, so code blocks and lists stay readable."""
    out: list[str] = []
    while len(text) > size:
        cut = text.rfind("\n", 0, size)
        cut = cut if cut > size // 2 else size
        out.append(text[:cut])
        text = text[cut:].lstrip("\n")
    return [*out, text] if text else out


def _plain(text: str, limit: int) -> dict[str, Any]:
    return {"type": "plain_text", "text": text if len(text) <= limit else text[: limit - 1] + "…"}


def header(text: str) -> Block:
    return {"type": "header", "text": _plain(text, HEADER_CHARS)}


def sections(text: str, escaped: bool = False) -> list[Block]:
    body = text if escaped else escape(text)
    return [{"type": "section", "text": {"type": "mrkdwn", "text": c}} for c in _chunks(body)]


def context(text: str) -> Block:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text[:SECTION_CHARS]}]}


def code(text: str) -> list[Block]:
    return sections(f"```{escape(text.strip())}```", escaped=True)


def button(label: str, action_id: str, value: str, style: str | None = None) -> dict[str, Any]:
    b: dict[str, Any] = {
        "type": "button",
        "text": _plain(label, 75),
        "action_id": action_id,
        "value": value[:2000],
    }
    if style:
        b["style"] = style
    return b


def fit(blocks: list[Block]) -> list[Block]:
    """At most 50 blocks; what is cut is text from the middle, never the buttons at the end."""
    if len(blocks) <= MAX_BLOCKS:
        return blocks
    tail = [b for b in blocks[-2:] if b.get("type") in ("actions", "context")]
    keep = MAX_BLOCKS - 1 - len(tail)
    return [*blocks[:keep], context("_(cut to fit one Slack message)_"), *tail]


# ------------------------------------------------------------------ views


def question(q: QuestionView) -> tuple[str, list[Block]]:
    deadline = int(q.deadline.timestamp())
    when = f"<!date^{deadline}^due {{time}}|due in {clock_text(q.time_limit_seconds)}>"
    blocks = [header(q.title), context(f"{escape(question_header(q))} · {when}")]
    blocks += sections(q.prompt)
    if q.principle:
        blocks.append(context(f"*Principle:* {escape(q.principle)}"))
    if q.signature:
        blocks += code(q.signature)
    if q.examples:
        blocks += sections("*Examples*\n" + "\n".join(f"• `{escape(e)}`" for e in q.examples), True)
    hints = f"{q.hints_available} hint(s) available. " if q.hints_available else ""
    blocks.append(
        context(
            f"{hints}Answer in replies here (several messages are fine), then press *Submit*. "
            "Commands: `hint`, `submit`, `skip`, `end`, `time`, `repeat`."
        )
    )
    elements = [
        button(_BUTTONS[b], f"mock_{b}", q.question_id, "primary" if b == "submit" else None)
        for b in q.buttons
        if b in _BUTTONS
    ]
    elements.append(button("Write a long answer", LONG_ANSWER, q.question_id))
    for e in elements:
        if e["action_id"] == "mock_end":
            e["style"] = "danger"
            e["confirm"] = {
                "title": _plain("End the interview?", 100),
                "text": _plain("Your answers so far are kept.", 300),
                "confirm": _plain("End it", 30),
                "deny": _plain("Keep going", 30),
            }
    blocks.append({"type": "actions", "block_id": "mock_round", "elements": elements})
    return escape(f"{q.title}: {q.prompt[:200]}"), fit(blocks)


def probe(p: ProbeView) -> tuple[str, list[Block]]:
    blocks = [
        context(f"Follow-up {p.number} of {p.total}"),
        *sections(p.text),
        context("Reply here, then `submit` (or `skip`)."),
    ]
    return escape(f"Follow-up {p.number}/{p.total}: {p.text[:200]}"), fit(blocks)


def _stars(score: int) -> str:
    return "●" * score + "○" * (5 - score)


def scorecard_blocks(card: Scorecard) -> list[Block]:
    blocks = [*sections(f"*{escape(overall_line(card))}*", escaped=True)]
    blocks.append(context(f"Scored by {escape(scorer_label(card))}"))
    for c in card.criteria:
        lines = [f"*{escape(criterion_label(c.id, c.title))}*  {_stars(c.score)} {c.score}/5"]
        lines += [f"> {escape(e)}" for e in c.evidence]
        lines += [f"_Missing:_ {escape(m)}" for m in c.missing]
        blocks += sections("\n".join(lines), escaped=True)
    if card.tests is not None:
        lines = [escape(tests_line(card.tests)), *[f"• {escape(d)}" for d in card.tests.details]]
        if card.tests.error:
            lines.append(f"_error:_ {escape(card.tests.error)}")
        blocks += sections("\n".join(lines), escaped=True)
    if card.notes:
        blocks.append(context("\n".join(f"Note: {escape(n)}" for n in card.notes)))
    if card.feedback:
        blocks.append({"type": "divider"})
        next_steps = "\n".join(f"• {escape(f)}" for f in card.feedback)
        blocks += sections(f"*Next steps*\n{next_steps}", escaped=True)
    return blocks


def scorecard(view: ScorecardView) -> tuple[str, list[Block]]:
    card = view.card
    blocks = [header(f"Scorecard: {view.title}")]
    if view.total_rounds > 1:
        blocks.append(context(f"Round {view.round_number} of {view.total_rounds}"))
    if view.timed_out:
        blocks.append(context(":alarm_clock: Time ran out: this scores what you had written."))
    blocks += scorecard_blocks(card)
    blocks.append(context(escape(usage_line(view))))
    if view.reference_answer:
        ref = button("Show reference answer", REFERENCE, card.question_id)
        blocks.append({"type": "actions", "block_id": "mock_card", "elements": [ref]})
    return escape(f"{overall_line(card)} — {view.title}"), fit(blocks)


def loop_card(view: LoopCardView) -> tuple[str, list[Block]]:
    rows = [
        f"• {escape(r.title)} ({escape(r.track)}): *{score_text(r.overall)}* {escape(r.verdict)}"
        for r in view.rounds
    ]
    blocks = [
        header("Loop debrief"),
        *sections("\n".join(rows), escaped=True),
        *sections(f"*Overall {view.overall:.1f} / 5 — {escape(view.recommendation)}*", True),
    ]
    if view.weakest_area:
        blocks.append(context(f"Weakest area: {escape(view.weakest_area)}"))
    return escape(f"Loop debrief: {view.overall:.1f} — {view.recommendation}"), fit(blocks)


def say(s: Say) -> tuple[str, list[Block]]:
    icon = _SAY_ICONS.get(s.kind)
    text = f"{icon} {escape(s.text)}" if icon else escape(s.text)
    return escape(s.text[:3000]), fit(sections(text, escaped=True))


def message(out: Outbound) -> tuple[str, list[Block]] | None:
    """Fallback text and blocks for a message; None for what is not a message."""
    if isinstance(out, QuestionView):
        return question(out)
    if isinstance(out, ProbeView):
        return probe(out)
    if isinstance(out, ScorecardView):
        return scorecard(out)
    if isinstance(out, LoopCardView):
        return loop_card(out)
    if isinstance(out, Say):
        return say(out)
    if isinstance(out, HistoryView):
        return "Your mock interview history", history_blocks(out)
    return None


# ------------------------------------------------------------------ App Home and modals


def history_blocks(view: HistoryView) -> list[Block]:
    blocks: list[Block] = []
    if view.by_track:
        rows = [
            f"• *{escape(track)}*: {n} round(s), mean {mean:.1f}"
            for track, (n, mean) in sorted(view.by_track.items())
        ]
        blocks += sections("*Scores by track*\n" + "\n".join(rows), escaped=True)
    if view.trend:
        blocks.append(context(escape(view.trend)))
    if view.entries:
        rows = [
            f"• {e.finished_at:%Y-%m-%d} {escape(e.title)} ({escape(e.track)}): "
            f"*{score_text(e.overall)}* {escape(e.verdict)}"
            for e in view.entries[:40]
        ]
        blocks += sections("*Recent rounds*\n" + "\n".join(rows), escaped=True)
    else:
        blocks += sections("No rounds yet. Type `/mock start` in a DM with me, or in a channel.")
    return blocks


def home_view(out: Outbound) -> dict[str, Any]:
    blocks = [header("Your mock interviews")]
    if isinstance(out, HistoryView):
        blocks += history_blocks(out)
    elif isinstance(out, Say):
        blocks += sections(out.text)
    blocks.append(
        context(
            "`/mock start [coding|ml|system-design|leadership]` for one round · "
            "`/mock loop` for a full loop · `/mock help`"
        )
    )
    return {"type": "home", "blocks": fit(blocks)}


def long_answer_modal(conversation_id: str, question_id: str) -> dict[str, Any]:
    return {
        "type": "modal",
        "callback_id": LONG_ANSWER,
        "private_metadata": long_answer_metadata(conversation_id, question_id),
        "title": _plain("Your answer", 24),
        "submit": _plain("Add to answer", 24),
        "close": _plain("Cancel", 24),
        "blocks": [
            {
                "type": "input",
                "block_id": "answer",
                "label": _plain("Answer", 2000),
                "hint": _plain(
                    "Added to your answer; you can add more, then press Submit on the question.",
                    2000,
                ),
                "element": {
                    "type": "plain_text_input",
                    "action_id": "text",
                    "multiline": True,
                    "max_length": MODAL_INPUT_CHARS,
                },
            }
        ],
    }


def reference_modal(ref: ReferenceView) -> dict[str, Any]:
    return {
        "type": "modal",
        "title": _plain("Reference answer", 24),
        "close": _plain("Close", 24),
        "blocks": fit([header(ref.title), *sections(ref.text)])[:100],
    }
