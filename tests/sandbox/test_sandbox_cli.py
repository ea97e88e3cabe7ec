"""`mockbot sandbox check`, and coding answers in `mockbot score` running in the sandbox."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from bot.cli import app
from bot.sandbox.bwrap import Sandbox

runner = CliRunner()
GOOD = (
    "I keep a set and count runs only from their starts, so each id is walked once: "
    "O(n) time and O(n) space.\n\n"
    "```python\n"
    "def longest_consecutive(ids):\n"
    "    present = set(ids)\n"
    "    best = 0\n"
    "    for x in present:\n"
    "        if x - 1 in present:\n"
    "            continue\n"
    "        end = x\n"
    "        while end + 1 in present:\n"
    "            end += 1\n"
    "        best = max(best, end - x + 1)\n"
    "    return best\n"
    "```\n"
)
SNOOP = GOOD.replace(
    "    present = set(ids)\n", "    present = set(ids) | {len(open('/etc/shadow').read())}\n"
)


def _score(tmp_path: Path, answer: str) -> dict[str, object]:
    path = tmp_path / "answers.yaml"
    item = {"question": "code-longest-consecutive-ids", "answer": answer}
    path.write_text(yaml.safe_dump([item]), encoding="utf-8")
    result = runner.invoke(app, ["score", "--answers", str(path)])
    line = next(x for x in result.stdout.splitlines() if x.startswith("{"))
    card: dict[str, object] = json.loads(line)
    return card


def test_check_lists_every_protection_and_passes_here(sandbox: Sandbox) -> None:
    result = runner.invoke(app, ["sandbox", "check"])
    assert result.exit_code == 0, result.output
    for name in (
        "namespaces",
        "network",
        "capabilities",
        "non-root uid",
        "read-only system",
        "private tmpfs",
        "cleared environment",
        "dies with parent",
        "memory limit",
        "CPU limit",
        "file size limit",
        "open files limit",
        "process limit",
    ):
        assert f"✓ {name}:" in result.stdout, name
    assert "✗" not in result.stdout and "Sandbox OK" in result.stdout


def test_check_without_bubblewrap_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOCKBOT_BWRAP", "/nonexistent/bwrap")
    result = runner.invoke(app, ["sandbox", "check"])
    assert result.exit_code == 1
    assert "no sandbox" in result.stdout and "apt-get install bubblewrap" in result.stdout


def test_score_runs_coding_answers_in_the_sandbox(sandbox: Sandbox, tmp_path: Path) -> None:
    card = _score(tmp_path, GOOD)
    tests = card["tests"]
    assert isinstance(tests, dict) and tests["passed"] == tests["total"] and tests["total"] >= 3
    # The same answer reaching for a host file fails its tests instead of reading it.
    snoop = _score(tmp_path, SNOOP)["tests"]
    assert isinstance(snoop, dict) and snoop["passed"] == 0


def test_score_without_a_sandbox_says_the_code_was_not_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MOCKBOT_BWRAP", "/nonexistent/bwrap")
    monkeypatch.delenv("MOCKBOT_UNSAFE_LOCAL_RUNNER", raising=False)
    card = _score(tmp_path, GOOD)
    assert "tests" not in card or card["tests"] is None
    notes = card.get("notes")
    assert isinstance(notes, list) and any("code was not run: no sandbox" in n for n in notes)
