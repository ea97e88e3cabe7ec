"""Rendering scorecards for people reading a terminal (rich).

`mockbot score` holds cards in their JSON form (SCHEMA.md), so this turns a
JSON card back into a `Scorecard` and draws it with the console adapter's
renderer: one look for a card, whether it comes from a batch or a live round.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.panel import Panel
from rich.text import Text

from bot.adapters.console.render import scorecard_panel
from bot.scoring.base import CriterionScore, Scorecard, TestSummary


def card_from_json(card: dict[str, Any]) -> Scorecard:
    """The inverse of `Scorecard.to_json`; JSON has no criterion titles, so ids stand in."""
    tests = card.get("tests")
    return Scorecard(
        question_id=card["question"],
        scorer=card.get("scorer", ""),
        scorer_version=card.get("scorer_version", ""),
        overall=float(card["overall"]),
        verdict=card["verdict"],
        criteria=[
            CriterionScore(c["id"], c["id"], c["score"], c["evidence"], c["missing"])
            for c in card["criteria"]
        ],
        feedback=list(card.get("feedback", [])),
        notes=list(card.get("notes", [])),
        tests=TestSummary(
            tests["passed"],
            tests["total"],
            tests.get("hidden_failed", 0),
            tests.get("details", []),
            tests.get("error"),
        )
        if tests
        else None,
    )


def card_renderable(card: dict[str, Any], title: str | None = None) -> Panel:
    """A scorecard as printed by `mockbot score --format text` (takes the JSON form)."""
    if "error" in card:
        return Panel(Text(card["error"], style="red"), title=card.get("question") or "error")
    return scorecard_panel(card_from_json(card), title)


def print_card(console: Console, card: dict[str, Any], title: str | None = None) -> None:
    console.print(card_renderable(card, title))
