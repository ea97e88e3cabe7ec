"""Console rendering: every engine reply, styled and plain, says what the engine said.

Hand-built values, so a test fails only when the renderer changes, never when
the engine or the scorer does.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest
from rich.console import Console, RenderableType
from rich.text import Text

from bot.adapters.console.render import render_plain, render_rich
from bot.cli.cards import card_from_json, card_renderable
from bot.engine.messages import (
    HistoryEntry,
    HistoryView,
    LoopCardView,
    LoopRound,
    Outbound,
    ProbeView,
    QuestionView,
    Say,
    ScorecardView,
    TimerSet,
)

# Aliased so pytest does not mistake it for a test class.
from bot.scoring.base import CriterionScore, Scorecard
from bot.scoring.base import TestSummary as RunSummary

NOW = datetime(2025, 3, 4, 12, 0, tzinfo=UTC)
WHO = ("console:alice", "alice")  # conversation_id, user_id: every view starts with them


def _rich_text(renderable: RenderableType | None) -> str:
    assert renderable is not None
    console = Console(file=io.StringIO(), width=110, color_system=None)
    with console.capture() as capture:
        console.print(renderable)
    return capture.get()


def coding_question() -> QuestionView:
    return QuestionView(
        *WHO,
        round_number=1,
        total_rounds=5,
        track="coding",
        question_id="code-two-sum",
        title="Two sum",
        prompt="Return indices i, j with nums[i] + nums[j] == target.",
        difficulty="medium",
        time_limit_seconds=600,
        deadline=NOW + timedelta(minutes=10),
        signature="def two_sum(nums: list[int], target: int) -> list[int]:",
        examples=["two_sum([2, 7, 11], 9) -> [0, 1]"],
        hints_available=2,
    )


def leadership_question() -> QuestionView:
    return QuestionView(
        *WHO,
        round_number=3,
        total_rounds=4,
        track="leadership",
        question_id="lp-ownership",
        title="A time you owned a failure",
        prompt="Tell me about a time you owned a failure.",
        difficulty="easy",
        time_limit_seconds=3900,
        deadline=NOW,
        principle="Ownership",
    )


def scorecard(
    tests: RunSummary | None = None,
    timed_out: bool = False,
    reference: str | None = "Keep a dict of value -> index.",
) -> ScorecardView:
    card = Scorecard(
        question_id="code-two-sum",
        scorer="heuristic",
        scorer_version="heuristic-1",
        overall=3.4,
        verdict="Lean No Hire",
        criteria=[
            CriterionScore("accuracy", "Accuracy", 4, ["uses a hash map"], ["duplicates"]),
            CriterionScore("complexity", "Time and space complexity", 2, [], ["space bound"]),
        ],
        feedback=["State the space bound."],
        notes=["Text addressed to a grader was removed."],
        tests=tests,
    )
    return ScorecardView(
        *WHO,
        round_number=1,
        total_rounds=5,
        title="Two sum",
        card=card,
        hints_used=1,
        seconds_used=452,
        reference_answer=reference,
        timed_out=timed_out,
    )


TESTS = RunSummary(7, 9, 2, ["two_sum([3, 3], 6): expected [0, 1], got None"], "Timeout")


def loop_card() -> LoopCardView:
    rounds = [
        LoopRound("coding", "Two sum", 4.0, "Hire"),
        LoopRound("ml", "KV cache", None, "Skipped"),
        LoopRound("leadership", "Owned a failure", 3.2, "Lean No Hire"),
    ]
    return LoopCardView(*WHO, rounds=rounds, overall=2.7, recommendation="Lean No Hire",
                        weakest_area="ML depth")  # fmt: skip


def history() -> HistoryView:
    entries = [
        HistoryEntry(NOW, "coding", "Two sum", 4.0, "Hire"),
        HistoryEntry(NOW - timedelta(days=1), "ml", "KV cache", None, "Skipped"),
    ]
    return HistoryView(*WHO, entries=entries, by_track={"coding": (1, 4.0)},
                       trend="Up 0.6 over your recent rounds.")  # fmt: skip


def every_outbound() -> list[Outbound]:
    return [
        Say(*WHO, text="Half your time is left.", kind="warning"),
        coding_question(),
        leadership_question(),
        ProbeView(*WHO, text="What if the list is sorted?", number=1, total=2),
        scorecard(TESTS, timed_out=True),
        loop_card(),
        history(),
    ]


def test_question_header_code_and_footer() -> None:
    q = coding_question()
    for text in (render_plain(q), _rich_text(render_rich(q))):
        assert "Round 1/5 · coding · medium · 10:00" in text
        assert "def two_sum(nums: list[int], target: int) -> list[int]:" in text
        assert "two_sum([2, 7, 11], 9) -> [0, 1]" in text
        assert "nums[i] + nums[j] == target" in text  # brackets are text, not markup
        assert "hint · submit · skip · end · time · repeat" in text
        assert "Hints available: 2" in text


def test_leadership_question_shows_principle_and_long_clock() -> None:
    q = leadership_question()
    for text in (render_plain(q), _rich_text(render_rich(q))):
        assert "Round 3/4 · leadership · easy · 1:05:00" in text
        assert "Principle: Ownership" in text
        assert "Signature" not in text and "examples" not in text.lower()


def test_probe_is_an_interviewer_line() -> None:
    p = ProbeView(*WHO, text="What if the list is sorted?", number=1, total=2)
    assert render_plain(p) == "Interviewer (follow-up 1/2): What if the list is sorted?"
    assert "Interviewer (follow-up 1/2): What if the list is sorted?" in _rich_text(render_rich(p))


def test_plain_scorecard_lines() -> None:
    lines = render_plain(scorecard(TESTS, timed_out=True)).splitlines()
    assert lines[0] == "Round 1/5 · Two sum — scorecard"
    assert "Time ran out: this scores what you had written." in lines
    assert "Overall 3.4 / 5 — Lean No Hire  (scorer: heuristic-1)" in lines
    i = lines.index("accuracy: 4/5")
    assert lines[i + 1 : i + 3] == ["  + uses a hash map", "  - duplicates"]
    assert "complexity (Time and space complexity): 2/5" in lines
    assert "Note: Text addressed to a grader was removed." in lines
    assert "Hints used: 1 · Time used: 7:32" in lines
    assert "  * State the space bound." in lines
    assert lines[-2:] == ["Reference answer:", "    Keep a dict of value -> index."]


def test_tests_show_counts_and_only_the_visible_details_given() -> None:
    lines = render_plain(scorecard(TESTS)).splitlines()
    i = lines.index("Tests: 7/9 passed (2 hidden test(s) failed)")
    # Exactly the visible detail and the error follow: nothing about hidden inputs is made up.
    assert lines[i + 1 : i + 3] == [
        "  two_sum([3, 3], 6): expected [0, 1], got None",
        "  error: Timeout",
    ]
    assert not lines[i + 3].startswith("  ")
    rich = _rich_text(render_rich(scorecard(TESTS)))
    assert "Tests: 7/9 passed (2 hidden test(s) failed)" in rich
    assert rich.count("two_sum([3, 3], 6)") == 1


def test_scorecard_without_tests_or_reference() -> None:
    view = scorecard(None, reference=None)
    for text in (render_plain(view), _rich_text(render_rich(view))):
        assert "Tests:" not in text and "Reference answer" not in text
        assert "Time ran out" not in text


def test_rich_scorecard_table_and_reference() -> None:
    text = _rich_text(render_rich(scorecard(TESTS, timed_out=True)))
    for expected in (
        "Round 1/5 · Two sum",
        "Overall 3.4 / 5 — Lean No Hire",
        "Accuracy",
        "4/5",
        "✓ uses a hash map",
        "✗ duplicates",
        "Hints used: 1 · Time used: 7:32",
        "• State the space bound.",
        "Reference answer",
        "Keep a dict of value -> index.",
        "Time ran out",
    ):
        assert expected in text, expected


def test_loop_card() -> None:
    plain = render_plain(loop_card()).splitlines()
    assert "1. coding · Two sum: 4.0 — Hire" in plain
    assert "2. ml · KV cache: skipped — Skipped" in plain
    assert "Overall 2.7 / 5 — Lean No Hire" in plain
    assert "Weakest area: ML depth" in plain
    rich = _rich_text(render_rich(loop_card()))
    for expected in ("Loop result", "Two sum", "skipped", "Overall 2.7 / 5 — Lean No Hire"):
        assert expected in rich
    assert "Weakest area: ML depth" in rich


def test_history_table_means_and_trend() -> None:
    plain = render_plain(history()).splitlines()
    assert plain[0] == "Your history (2 rounds)"
    assert "2025-03-04  coding  Two sum  4.0  Hire" in plain
    assert "2025-03-03  ml  KV cache  skipped  Skipped" in plain
    assert "By track: coding 1 round, mean 4.0" in plain
    assert plain[-1] == "Up 0.6 over your recent rounds."
    rich = _rich_text(render_rich(history()))
    for expected in ("2025-03-04", "Two sum", "By track: coding 1 round, mean 4.0", "Up 0.6"):
        assert expected in rich


def test_empty_history() -> None:
    empty = HistoryView(*WHO, entries=[], by_track={}, trend="Not enough rounds yet.")
    assert render_plain(empty) == "No finished rounds yet."
    assert "No finished rounds yet." in _rich_text(render_rich(empty))


@pytest.mark.parametrize(("kind", "style"), [("warning", "yellow"), ("error", "red"),
                                             ("help", ""), ("info", "")])  # fmt: skip
def test_say_is_styled_by_kind_and_plain_verbatim(kind: str, style: str) -> None:
    say = Say(*WHO, text="Use [hint] for a hint.", kind=kind)
    assert render_plain(say) == "Use [hint] for a hint."
    shown = render_rich(say)
    assert isinstance(shown, Text)
    assert shown.plain == "Use [hint] for a hint." and shown.style == style


def test_timer_set_renders_nothing() -> None:
    timer = TimerSet(*WHO, at=NOW)
    assert render_plain(timer) == ""
    assert render_rich(timer) is None


def test_plain_text_has_no_colour_or_box_characters() -> None:
    for out in every_outbound():
        text = render_plain(out)
        assert text and "\x1b" not in text
        assert not set(text) & set("│─╭╮╰╯┃━┏┓┗┛┡┩╇"), type(out).__name__


def test_json_cards_render_through_the_same_renderer() -> None:
    card = scorecard(TESTS).card
    back = card_from_json(card.to_json())
    assert back.overall == card.overall and back.tests == card.tests
    assert [c.id for c in back.criteria] == ["accuracy", "complexity"]
    text = _rich_text(card_renderable(card.to_json(), title="#1"))
    assert "Overall 3.4 / 5 — Lean No Hire" in text and "✗ duplicates" in text
    assert "boom" in _rich_text(card_renderable({"question": "q", "error": "boom"}))
