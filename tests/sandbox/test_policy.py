"""Which runner a process gets: the sandbox, an explicit opt-out, or plainly none."""

from __future__ import annotations

import pytest

from bot.content.schema import CodingTest
from bot.sandbox import policy
from bot.sandbox.bwrap import Sandbox
from bot.sandbox.policy import UNSAFE_VAR, choose_runner
from bot.scoring.runner import CodeNotRun, NoRunner, SubprocessRunner

NO_BWRAP = {"MOCKBOT_BWRAP": "/nonexistent/bwrap"}
TESTS = [CodingTest(args=[1], expected=1)]


def test_the_sandbox_is_the_default_where_it_works(sandbox: Sandbox) -> None:
    choice = choose_runner({}, allow_unsafe=True)
    assert choice.isolation == "bubblewrap" and choice.warning is None
    report = choice.runner.run("def f(x):\n    return x\n", "f", TESTS)
    assert report.passed == 1


def test_without_a_sandbox_code_is_not_run_and_the_reason_is_plain() -> None:
    choice = choose_runner(NO_BWRAP, allow_unsafe=False)
    assert choice.isolation == "none" and isinstance(choice.runner, NoRunner)
    assert choice.warning and "bubblewrap" in choice.warning and "apt-get" in choice.warning
    with pytest.raises(CodeNotRun, match="no sandbox on this machine"):
        choice.runner.run("def f(x):\n    return x\n", "f", TESTS)


def test_chat_adapters_ignore_the_unsafe_switch() -> None:
    choice = choose_runner({**NO_BWRAP, UNSAFE_VAR: "1"}, allow_unsafe=False)
    assert isinstance(choice.runner, NoRunner)
    assert "never run unsandboxed" in choice.runner.reason


def test_the_unsafe_switch_is_refused_as_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(policy.os, "geteuid", lambda: 0)
    choice = choose_runner({**NO_BWRAP, UNSAFE_VAR: "1"}, allow_unsafe=True)
    assert isinstance(choice.runner, NoRunner) and "refused as root" in choice.runner.reason


def test_the_unsafe_switch_runs_locally_with_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(policy.os, "geteuid", lambda: 1000)
    choice = choose_runner({**NO_BWRAP, UNSAFE_VAR: "1"}, allow_unsafe=True)
    assert isinstance(choice.runner, SubprocessRunner) and choice.isolation == "local"
    assert choice.warning and "WITHOUT a sandbox" in choice.warning


def test_a_hint_about_the_switch_only_where_it_is_allowed() -> None:
    console = choose_runner(NO_BWRAP, allow_unsafe=True)
    chat = choose_runner(NO_BWRAP, allow_unsafe=False)
    assert UNSAFE_VAR in (console.warning or "")
    assert UNSAFE_VAR not in (chat.warning or "")


def test_a_bad_sandbox_uid_is_a_clear_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("bot.sandbox.bwrap.os.geteuid", lambda: 0)
    for raw, words in (("abc", "must be a number"), ("0", "never runs as root")):
        choice = choose_runner({"MOCKBOT_SANDBOX_UID": raw}, allow_unsafe=False)
        assert isinstance(choice.runner, NoRunner) and words in choice.runner.reason


def test_workers_default_to_the_cores_and_can_be_set() -> None:
    assert policy.default_workers({"MOCKBOT_SANDBOX_WORKERS": "3"}) == 3
    assert policy.default_workers({"MOCKBOT_SANDBOX_WORKERS": "zero"}) >= 1
