"""The console on a fresh SQLite file with the bundled banks, as a newcomer runs it."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from bot.cli import app

TRANSCRIPT = (
    "/mock start ml\n"
    "The key idea is that variance grows with dimension, so we rescale to keep the softmax "
    "from saturating and the gradients from vanishing.\n"
    "submit\nskip\nskip\nskip\nskip\n"
)


def _run(db: Path, text: str, user: str = "newcomer") -> str:
    result = CliRunner().invoke(
        app,
        ["console", "--user", user],
        input=text,
        env={"MOCKBOT_DATABASE_URL": f"sqlite:///{db}"},
    )
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_scripted_transcript_ends_in_a_scorecard_with_a_verdict(tmp_path: Path) -> None:
    out = _run(tmp_path / "new" / "mockbot.db", TRANSCRIPT)
    assert "Round 1/1 · ml" in out
    assert re.search(r"Overall \d\.\d / 5 — (Strong Hire|Hire|Lean No Hire|No Hire)", out)
    assert "Reference answer:" in out


def test_a_full_loop_in_the_console(tmp_path: Path) -> None:
    out = _run(tmp_path / "loop.db", "/mock loop\n" + "skip\n" * 5)
    assert out.count("Round ") >= 5
    assert "Loop" in out or "loop" in out
    assert "No Hire" in out


def test_an_unfinished_round_resumes_in_the_next_console(tmp_path: Path) -> None:
    db = tmp_path / "resume.db"
    first = _run(db, "/mock start leadership\nI led the migration.\n")
    assert "saved" in first.splitlines()[-1]
    title = first.splitlines()[2]  # the line after the round header is the question's title
    second = _run(db, "time\n")
    assert "Welcome back" in second and "left." in second
    # The same question comes back, not a new one.
    assert "Round 1/1 · leadership" in second and title in second
