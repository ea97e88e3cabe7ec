"""The console loop: what it sends the engine, in what order, and what it prints.

A fake engine records every call, so these tests pin the adapter's contract
(translation, tick before each line, resume/suspend, surviving failures)
without a database, a scorer or a clock that moves by itself.
"""

from __future__ import annotations

import io
import sys
import threading
import types
from datetime import UTC, datetime, timedelta

import pytest
from typer.testing import CliRunner

from bot.adapters.console.app import GOODBYE, TENANT, run_console
from bot.cli import app as cli_app
from bot.engine.messages import Inbound, Outbound, Say, Tenant, TimerSet

T0 = datetime(2025, 3, 4, 12, 0, tzinfo=UTC)


class FakeEngine:
    """Answers every message with `got <text>`; raises on the text `boom`."""

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.inbounds: list[Inbound] = []
        self.tick_outs: list[Outbound] = []
        self.resume_outs: list[Outbound] = []
        self.ticked = threading.Event()
        self.fail_suspend = False

    def handle(self, msg: Inbound) -> list[Outbound]:
        self.calls.append("handle")
        self.inbounds.append(msg)
        if msg.text == "boom":
            raise RuntimeError("database is locked")
        return [Say(msg.conversation_id, msg.user_id, f"got {msg.text}")]

    def tick(self, now: datetime, platform: str | None = None) -> list[Outbound]:
        self.calls.append("tick")
        outs, self.tick_outs = self.tick_outs, []
        self.ticked.set()
        return outs

    def suspend(self, now: datetime, platform: str, user_id: str | None = None) -> None:
        self.calls.append(f"suspend:{platform}")
        if self.fail_suspend:
            raise RuntimeError("disk full")

    def resume(self, now: datetime, platform: str, user_id: str | None = None) -> list[Outbound]:
        self.calls.append(f"resume:{platform}")
        return self.resume_outs


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


def run(engine: FakeEngine, text: str, user: str = "alice") -> list[str]:
    out = io.StringIO()
    code = run_console(engine, user, io.StringIO(text), out, Clock(), interactive=False)
    assert code == 0
    return out.getvalue().splitlines()


def test_each_line_becomes_one_inbound_for_the_console_tenant() -> None:
    engine = FakeEngine()
    run(engine, "start ml\n/mock start ml\nhint\n\n    return x\nsubmit\n", user="bob")
    assert [m.text for m in engine.inbounds] == [
        "start ml",
        "/mock start ml",
        "hint",
        "    return x",
        "submit",
    ]
    first = engine.inbounds[0]
    assert first.tenant == TENANT == Tenant("console", "local")
    assert first.user_id == "bob" and first.conversation_id == "console:bob"
    assert first.at.tzinfo is not None and first.at > T0
    ids = [m.event_id for m in engine.inbounds]
    assert len(set(ids)) == len(ids) and all(ids)


def test_resume_first_tick_before_every_line_suspend_last() -> None:
    engine = FakeEngine()
    run(engine, "start ml\n\nsubmit\n")
    assert engine.calls == [
        "resume:console",
        "tick",
        "handle",
        "tick",  # the blank line still ticks, but sends nothing
        "tick",
        "handle",
        "tick",
        "suspend:console",
    ]


def test_output_is_plain_with_welcome_replies_and_goodbye() -> None:
    engine = FakeEngine()
    lines = run(engine, "start ml\n")
    assert "/mock start ml" in lines[0] and "/mock loop" in lines[0] and "/mock help" in lines[0]
    assert "got start ml" in lines
    assert lines[-1] == GOODBYE
    assert not any("you>" in line for line in lines)


def test_resume_and_tick_output_is_printed_but_only_for_this_user() -> None:
    engine = FakeEngine()
    engine.resume_outs = [Say("console:alice", "alice", "Welcome back: 4:12 left.")]
    engine.tick_outs = [
        Say("console:alice", "alice", "One minute left.", "warning"),
        Say("console:carol", "carol", "Carol's warning."),
        TimerSet("console:alice", "alice", at=T0),
    ]
    lines = run(engine, "hint\n")
    # Carol's session is in the same database but not in this terminal; TimerSet prints nothing.
    assert lines[1:] == ["Welcome back: 4:12 left.", "One minute left.", "got hint", GOODBYE]


def test_engine_errors_are_shown_and_the_loop_continues() -> None:
    engine = FakeEngine()
    engine.fail_suspend = True
    lines = run(engine, "boom\nhint\n")
    errors = [line for line in lines if line.startswith("error:")]
    assert any("database is locked" in e for e in errors)
    assert "got hint" in lines
    assert any("disk full" in e for e in errors)
    assert lines[-1] == GOODBYE


class BrokenTicks(FakeEngine):
    def tick(self, now: datetime, platform: str | None = None) -> list[Outbound]:
        self.calls.append("tick")
        raise RuntimeError("no such table: rounds\n(background on this error...)")


def test_a_failing_tick_is_reported_once_in_one_line() -> None:
    engine = BrokenTicks()
    lines = run(engine, "hint\nsubmit\n")
    errors = [line for line in lines if line.startswith("error:")]
    assert errors == ["error: the engine failed during tick: RuntimeError: no such table: rounds"]
    assert "got hint" in lines and "got submit" in lines


class InterruptingStdin:
    """One line, then Ctrl-C."""

    def __init__(self) -> None:
        self.lines = ["start ml\n"]

    def readline(self) -> str:
        if self.lines:
            return self.lines.pop(0)
        raise KeyboardInterrupt


def test_ctrl_c_suspends_and_says_goodbye() -> None:
    engine = FakeEngine()
    out = io.StringIO()
    code = run_console(engine, "alice", InterruptingStdin(), out, Clock(), interactive=False)
    assert code == 0
    assert engine.calls[-1] == "suspend:console"
    assert out.getvalue().splitlines()[-1] == GOODBYE


class WaitForTick:
    """Blocks like a person who has not typed yet, until the background ticker has run."""

    def __init__(self, engine: FakeEngine) -> None:
        self.engine = engine

    def readline(self) -> str:
        assert self.engine.ticked.wait(5), "the background ticker never ran"
        return ""


def test_interactive_mode_prompts_and_ticks_in_the_background() -> None:
    engine = FakeEngine()
    engine.tick_outs = [Say("console:alice", "alice", "Half your time is left.", "warning")]
    out = io.StringIO()
    code = run_console(
        engine, "alice", WaitForTick(engine), out, Clock(), interactive=True, tick_seconds=0.01
    )
    assert code == 0
    text = out.getvalue()
    assert "you> " in text and "Half your time is left." in text
    assert engine.calls[0] == "resume:console" and engine.calls[-1] == "suspend:console"
    assert "handle" not in engine.calls


def test_cli_builds_the_engine_and_runs_the_console(monkeypatch: pytest.MonkeyPatch) -> None:
    engine = FakeEngine()
    urls: list[str | None] = []
    runners: list[object] = []

    def build_engine(runner: object, database_url: str | None = None) -> FakeEngine:
        runners.append(runner)
        urls.append(database_url)
        return engine

    monkeypatch.setitem(sys.modules, "bot.app", types.SimpleNamespace(build_engine=build_engine))
    monkeypatch.setenv("MOCKBOT_DATABASE_URL", "sqlite:///tmp/x.db")
    result = CliRunner().invoke(cli_app, ["console", "--user", "dana"], input="start ml\n")
    assert result.exit_code == 0, result.output
    assert urls == ["sqlite:///tmp/x.db"]
    assert getattr(runners[0], "isolation", None) in ("bubblewrap", "none")
    assert engine.inbounds[0].user_id == "dana"
    assert "got start ml" in result.stdout


def test_goodbye_mentions_a_saved_round_only_when_there_is_one() -> None:
    from bot.adapters.console.app import GOODBYE_SAVED

    class Pausing(FakeEngine):
        def suspend(self, now: datetime, platform: str, user_id: str | None = None) -> int:
            return 1

    engine = Pausing()
    out = io.StringIO()
    run_console(engine, "bob", io.StringIO("hint\n"), out, lambda: T0, interactive=False)
    assert out.getvalue().splitlines()[-1] == GOODBYE_SAVED
