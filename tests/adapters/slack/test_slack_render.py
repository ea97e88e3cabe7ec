"""Block Kit rendering and payload translation: Slack's limits and escaping, offline."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime

from bot.adapters.slack import render, translate
from bot.adapters.work import KeyedExecutor
from bot.engine.messages import QuestionView, Say, ScorecardView
from bot.scoring.base import CriterionScore, Scorecard
from tests.adapters.slack.conftest import payload

AT = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def _question(prompt: str = "Why <scale> & how?", title: str = "T") -> QuestionView:
    return QuestionView(
        "D1", "U1", 1, 1, "ml", "ml-one", title, prompt, "medium", 600, AT, hints_available=2
    )


def test_text_is_escaped_so_it_cannot_ping_or_break_markup() -> None:
    _, blocks = render.question(_question("Compare a<b & <!channel> please"))
    body = json.dumps(blocks)
    assert "a&lt;b &amp; &lt;!channel&gt;" in body and "<!channel>" not in body


def test_long_text_is_split_to_fit_slack_limits() -> None:
    prompt = "\n".join(f"line {i} " + "x" * 90 for i in range(200))  # ~20,000 characters
    _, blocks = render.question(_question(prompt, title="A" * 400))
    assert len(blocks) <= render.MAX_BLOCKS
    assert all(len(b["text"]["text"]) <= 3000 for b in blocks if b["type"] == "section")
    header = next(b for b in blocks if b["type"] == "header")
    assert len(header["text"]["text"]) <= render.HEADER_CHARS


def test_a_scorecard_shows_every_criterion_evidence_missing_and_verdict() -> None:
    card = Scorecard(
        "ml-one",
        "heuristic",
        "heuristic-1",
        3.4,
        "Lean No Hire",
        [CriterionScore("depth", "Depth", 3, ["quoted <evidence>"], ["a missing point"])],
        feedback=["Say why."],
        notes=["code was not run: no sandbox"],
    )
    view = ScorecardView("D1", "U1", 1, 1, "Scaling", card, 0, 120, "ref")
    text, blocks = render.scorecard(view)
    body = json.dumps(blocks)
    assert "Lean No Hire" in text and "3/5" in body and "quoted &lt;evidence&gt;" in body
    assert "a missing point" in body and "no sandbox" in body and "mock_reference" in body


def test_progress_and_errors_have_their_own_look() -> None:
    _, blocks = render.say(Say("D1", "U1", "Scoring your answer...", "progress"))
    assert ":hourglass_flowing_sand:" in json.dumps(blocks)


def test_thread_and_dm_conversations() -> None:
    dm = payload("message_im")
    msg = translate.from_message(dm, AT)
    assert msg is not None and msg.conversation_id == "D024BE91L" and not msg.ambient
    reply = translate.from_message(payload("thread_reply"), AT)
    assert reply is not None and reply.conversation_id == "C2147483705:1700000000.000100"
    assert reply.ambient and reply.event_id == "Ev0PV52K21"


def test_actions_and_modals_translate_with_their_question() -> None:
    press = translate.from_action(payload("block_actions"), AT)
    assert press is not None and press.action == "submit" and press.ref == "question-id"
    assert press.conversation_id == "C2147483705:1700000000.000100"
    view = payload("view_submission")
    view["view"]["private_metadata"] = translate.long_answer_metadata("D1", "ml-one")
    sub = translate.from_view_submission(view, AT)
    assert sub is not None and sub.text == "A long answer." and sub.conversation_id == "D1"
    view["view"]["private_metadata"] = "not json"
    assert translate.from_view_submission(view, AT) is None


def test_enterprise_grid_tenants_are_qualified() -> None:
    assert translate.workspace_of("E1", "T1") == "E1:T1"
    assert translate.split_workspace("E1:T1") == ("E1", "T1")
    assert translate.split_workspace("T1") == (None, "T1")


def test_work_runs_in_order_per_key_and_in_parallel_across_keys() -> None:
    work = KeyedExecutor(2)
    seen: list[str] = []
    gate = threading.Event()

    def slow() -> None:
        gate.wait(5)
        seen.append("a1")

    work.submit("a", slow)
    work.submit("a", lambda: seen.append("a2"))
    work.submit("b", lambda: seen.append("b1"))  # not held up by a's slow first task
    for _ in range(200):
        if seen:
            break
        threading.Event().wait(0.01)
    assert seen == ["b1"]
    gate.set()
    assert work.wait_idle(5)
    assert seen == ["b1", "a1", "a2"]
    work.shutdown()
