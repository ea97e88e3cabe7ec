"""Whole interviews over Slack, with the real Bolt app and a local Web API."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import text

from bot.adapters.slack.translate import tenant
from bot.engine.state import RoundStatus
from tests.adapters.slack.conftest import Workspace


def scorecards(ws: Workspace) -> list[dict[str, Any]]:
    return [c.args for c in ws.stub.posts() if _header(c.args).startswith("Scorecard")]


def _header(args: dict[str, Any]) -> str:
    for b in args.get("blocks") or []:
        if b.get("type") == "header":
            return str(b["text"]["text"])
    return ""


def stored_answers(ws: Workspace) -> list[str]:
    with ws.engine.store.engine.connect() as conn:  # type: ignore[attr-defined]
        return [r[0] for r in conn.execute(text("select text from answers order by id"))]


def finish(ws: Workspace, send: Any) -> None:
    """Skip follow-ups until the scorecard is posted."""
    for _ in range(5):
        if len(scorecards(ws)) > finish.count:  # type: ignore[attr-defined]
            break
        send("skip")
        ws.settle()
    finish.count = len(scorecards(ws))  # type: ignore[attr-defined]


def test_a_round_in_a_dm(ws: Workspace) -> None:
    assert ws.command("start ml").status == 200
    ws.settle()
    assert ws.stub.of("conversations.open")  # the bot's own DM with the user
    question = ws.stub.posts()[-1].args
    assert question["channel"] == "DU1" and "thread_ts" not in question
    actions = next(b for b in question["blocks"] if b.get("block_id") == "mock_round")
    labels = [e["text"]["text"] for e in actions["elements"]]
    assert labels == ["Hint", "Submit", "Skip", "End", "Write a long answer"]
    ref = ws.last_question_ref()

    ws.dm("The dot product's variance grows with the dimension d, so scores get large.")
    ws.dm("Dividing by sqrt(d) keeps a&lt;b softmax out of saturation &amp; gradients alive.")
    ws.settle()
    assert stored_answers(ws)[1].startswith("Dividing by sqrt(d) keeps a<b softmax")
    ws.press("hint", ref, channel="DU1")
    ws.settle()
    assert "Hint 1/" in ws.posted_text()

    ws.press("submit", ref, channel="DU1")
    ws.settle()
    finish.count = 0  # type: ignore[attr-defined]
    finish(ws, ws.dm)
    cards = scorecards(ws)
    assert len(cards) == 1 and cards[0]["channel"] == "DU1"
    body = json.dumps(cards[0]["blocks"])
    assert "Overall" in body and "/5" in body and "Next steps" in body
    assert "mock_reference" in body
    with ws.engine.store.transaction() as tx:
        history = tx.history(tenant(None, ws.team), "U1")
    assert len(history) == 1 and history[0].overall is not None

    # The reference answer sits behind its button, in a modal.
    ws.press("reference", ref, channel="DU1")
    ws.settle()
    modal = ws.stub.of("views.open")[-1].args["view"]
    assert modal["title"]["text"] == "Reference answer"


def test_a_full_loop_in_a_channel_thread(ws: Workspace) -> None:
    ws.command("loop", channel="C1")
    ws.settle()
    placeholder = ws.stub.posts()[0]
    assert placeholder.args["channel"] == "C1" and "thread_ts" not in placeholder.args
    root_ts = "1700000001.000100"
    update = ws.stub.of("chat.update")[0].args
    assert update["ts"] == root_ts  # the placeholder became the question message
    assert "Round 1 of 5" in json.dumps(update["blocks"])
    finish.count = 0  # type: ignore[attr-defined]

    def send(words: str) -> None:
        ws.reply(words, root_ts)

    for round_number in range(1, 6):
        ref = ws.last_question_ref()
        ws.reply(f"My answer for round {round_number}: trade-offs, numbers, a fallback.", root_ts)
        ws.reply("Someone else's comment on the thread.", root_ts, user="U2")
        ws.settle()
        ws.press("submit", ref, channel="C1", thread_ts=root_ts)
        ws.settle()
        finish(ws, send)
        assert len(scorecards(ws)) == round_number
    later = [c.args for c in ws.stub.posts()[1:]]
    assert all(a.get("thread_ts") == root_ts for a in later)  # everything stays in the thread
    assert "Loop debrief" in ws.posted_text()
    assert not any("Someone else" in a for a in stored_answers(ws))
    assert not any(c.args.get("channel") == "DU2" for c in ws.stub.posts())  # U2 never answered


def test_a_start_refused_in_a_channel_leaves_no_thread(ws: Workspace) -> None:
    ws.command("start ml")
    ws.settle()
    ws.command("start ml", channel="C1")
    ws.settle()
    assert ws.stub.of("chat.delete")  # the placeholder is gone
    ephemeral = ws.stub.of("respond")[-1].args  # through the command's response_url
    assert ephemeral["response_type"] == "ephemeral"
    assert "already have an interview" in ephemeral["text"]


def test_a_channel_the_bot_is_not_in_gets_a_clear_hint(ws: Workspace) -> None:
    ws.stub.fail("chat.postMessage", error="not_in_channel")
    ws.command("start ml", channel="C9")
    ws.settle()
    assert "/invite @mockbot" in ws.stub.of("respond")[-1].args["text"]
    assert not ws.stub.of("chat.postEphemeral")  # would fail too: the bot is not in C9


def test_buttons_on_an_older_question_are_refused(ws: Workspace) -> None:
    ws.command("start ml")
    ws.settle()
    ws.press("submit", "some-older-question", channel="DU1")
    ws.settle()
    assert "earlier question" in ws.posted_text()
    with ws.engine.store.transaction() as tx:
        s = tx.active_session(tenant(None, ws.team), "U1")
    assert s is not None and s.round.status is RoundStatus.ANSWERING


def test_the_long_answer_modal_adds_to_the_answer(ws: Workspace) -> None:
    ws.command("start ml")
    ws.settle()
    ref = ws.last_question_ref()
    ws.press("long_answer", ref, channel="DU1")
    ws.settle()
    modal = ws.stub.of("views.open")[-1].args["view"]
    field = modal["blocks"][0]["element"]
    assert field["type"] == "plain_text_input" and field["multiline"] is True
    ws.submit_modal("A long, careful answer\nover several lines.", modal["private_metadata"])
    ws.settle()
    assert stored_answers(ws) == ["A long, careful answer\nover several lines."]


def test_app_home_shows_history_by_track(ws: Workspace) -> None:
    ws.command("start ml")
    ws.settle()
    ws.dm("Scaling keeps the variance of the scores at one.")
    ws.dm("submit")
    ws.settle()
    finish.count = 0  # type: ignore[attr-defined]
    finish(ws, ws.dm)
    ws.open_home()
    ws.settle()
    home = ws.stub.of("views.publish")[-1].args
    assert home["user_id"] == "U1" and home["view"]["type"] == "home"
    assert "Scores by track" in json.dumps(home["view"]) and "ml" in json.dumps(home["view"])


def test_timer_warnings_arrive_in_the_session(ws: Workspace) -> None:
    from bot.adapters.slack.bridge import Sweeper

    ws.command("start ml", channel="C1")
    ws.settle()
    sweeper = Sweeper(ws.slack.bridge)
    ws.clock.advance(60 * 60)
    sweeper.sweep_once()
    ws.settle()
    posted = [c.args for c in ws.stub.posts()]
    assert any("Time is up" in json.dumps(a.get("blocks")) for a in posted)
    assert all(a.get("thread_ts") for a in posted[1:])
    assert scorecards(ws)  # time-up hands the answer in and scores it


def test_bot_messages_edits_and_channel_chatter_are_ignored(ws: Workspace) -> None:
    from tests.adapters.slack.conftest import payload

    ws.command("start ml")
    ws.settle()
    before = len(ws.stub.calls)
    edit = payload("message_im")
    edit["event"].update(subtype="message_changed", channel="DU1", user="U1")
    ws.event(edit)
    own = payload("message_im")
    own["event"].update(bot_id="BBOT", channel="DU1", user="UBOT")
    ws.event(own)
    chatter = payload("thread_reply")
    chatter["event"].pop("thread_ts")
    ws.event(chatter)
    ws.settle()
    assert len(ws.stub.calls) == before and stored_answers(ws) == []


def test_a_bystanders_button_press_in_a_thread_does_nothing(ws: Workspace) -> None:
    ws.command("start ml", channel="C1")
    ws.settle()
    ref = ws.last_question_ref()
    before = len(ws.stub.calls)
    ws.press("submit", ref, user="U2", channel="C1", message_ts="1700000001.000100")
    ws.press("end", ref, user="U2", channel="C1", message_ts="1700000001.000100")
    ws.settle()
    assert len(ws.stub.calls) == before
    with ws.engine.store.transaction() as tx:
        s = tx.active_session(tenant(None, ws.team), "U1")
    assert s is not None and s.round.status is RoundStatus.ANSWERING


def test_slack_link_and_mention_markup_is_undone_in_answers(ws: Workspace) -> None:
    ws.command("start ml")
    ws.settle()
    ws.dm("see <http://x.py|x.py> and <https://example.com/a?b=1&amp;c=2>, ask <@U2|dana>")
    ws.settle()
    assert stored_answers(ws) == ["see x.py and https://example.com/a?b=1&c=2, ask @dana"]
