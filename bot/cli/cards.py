"""Rendering scorecards for people reading a terminal (rich)."""

from __future__ import annotations

from typing import Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

_COLOURS = {1: "red", 2: "red", 3: "yellow", 4: "green", 5: "bold green"}


def card_renderable(card: dict[str, Any], title: str | None = None) -> Panel:
    """A scorecard as printed by `mockbot score --format text` (takes the JSON form)."""
    if "error" in card:
        return Panel(Text(card["error"], style="red"), title=card.get("question") or "error")
    table = Table(show_header=True, header_style="bold", expand=True)
    table.add_column("Criterion", ratio=2)
    table.add_column("Score", justify="center", ratio=1)
    table.add_column("Evidence / missing", ratio=7)
    for c in card["criteria"]:
        lines = [f"✓ {e}" for e in c["evidence"][:2]] + [f"✗ {m}" for m in c["missing"][:2]]
        table.add_row(
            c["id"], Text(str(c["score"]), style=_COLOURS.get(c["score"], "")), "\n".join(lines)
        )
    head = Text.assemble(
        ("Overall ", "bold"),
        (f"{card['overall']:.1f}", "bold"),
        "  ",
        (card["verdict"], "bold cyan"),
        f"   scorer: {card['scorer']}",
    )
    parts: list[Any] = [head, table]
    tests = card.get("tests")
    if tests:
        parts.append(Text(f"Tests: {tests['passed']}/{tests['total']} passed", style="bold"))
        parts += [Text(f"  {d}") for d in tests["details"]]
        if tests.get("error"):
            parts.append(Text(f"  {tests['error']}", style="red"))
    if card.get("notes"):
        parts += [Text(f"Note: {n}", style="yellow") for n in card["notes"]]
    if card.get("feedback"):
        parts.append(Text("Next steps:", style="bold"))
        parts += [Text(f"  • {f}") for f in card["feedback"]]
    return Panel(Group(*parts), title=title or card["question"])


def print_card(console: Console, card: dict[str, Any], title: str | None = None) -> None:
    console.print(card_renderable(card, title))
