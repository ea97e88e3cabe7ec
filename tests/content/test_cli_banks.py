"""`mockbot banks validate|stats`: exit codes 0/1/2 and what they print where."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from bot.cli import app as mockbot
from bot.cli.banks import app
from tests.content.conftest import BANKS, MIXED, MIXED_TEXT, RUBRICS, Writer, edit

cli = CliRunner()


def test_validate_ok() -> None:
    result = cli.invoke(app, ["validate", str(BANKS), str(RUBRICS)])
    assert result.exit_code == 0, result.output
    assert result.stdout == "OK: 3 questions in 1 bank, 2 rubrics\n"
    assert result.stderr == ""


def test_validate_through_the_main_app() -> None:
    result = cli.invoke(mockbot, ["banks", "validate", "--no-run", str(MIXED), str(RUBRICS)])
    assert result.exit_code == 0, result.output


def test_a_lone_bank_file_uses_the_configured_rubrics() -> None:
    result = cli.invoke(app, ["validate", str(MIXED)], env={"MOCKBOT_RUBRICS": str(RUBRICS)})
    assert result.exit_code == 0, result.output
    assert "OK: 3 questions in 1 bank, 2 rubrics" in result.stdout


def test_rubrics_option(tmp_path: Path) -> None:
    env = {"MOCKBOT_RUBRICS": str(tmp_path / "missing")}
    args = ["validate", "--no-run", str(MIXED), "--rubrics", str(RUBRICS)]
    result = cli.invoke(app, args, env=env)
    assert result.exit_code == 0, result.output


def test_defaults_come_from_the_environment() -> None:
    env = {"MOCKBOT_BANKS": str(BANKS), "MOCKBOT_RUBRICS": str(RUBRICS)}
    result = cli.invoke(app, ["validate", "--no-run"], env=env)
    assert result.exit_code == 0, result.output


def test_errors_exit_1_with_one_line_each(write: Writer) -> None:
    text = edit(MIXED_TEXT, "difficulty: easy", "difficulty: trivial")
    text = edit(text, "criterion: depth", "criterion: dept")
    bank = write("bank.yaml", text)
    result = cli.invoke(app, ["validate", "--no-run", str(bank), str(RUBRICS)])
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{bank}:22: questions[0].key_points[1].criterion: ")
    assert lines[1].startswith(f"{bank}:25: questions[1].difficulty: must be one of easy")
    assert lines[2:] == ["2 errors in 1 file"]


def test_failing_reference_solution_is_an_error_unless_no_run(write: Writer) -> None:
    text = edit(MIXED_TEXT, "return [seen[target - x], i]", "return [seen[target - x], i + 1]")
    bank = write("bank.yaml", text)
    result = cli.invoke(app, ["validate", str(bank), str(RUBRICS)])
    assert result.exit_code == 1
    assert f"{bank}:45: questions[1].coding.reference_solution: fails tests[0]" in result.stderr
    assert result.stderr.splitlines()[-1] == "3 errors in 1 file"
    assert cli.invoke(app, ["validate", "--no-run", str(bank), str(RUBRICS)]).exit_code == 0


def test_missing_path_exits_2(tmp_path: Path) -> None:
    result = cli.invoke(app, ["validate", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2
    assert result.stderr == f"error: {tmp_path / 'nope.yaml'}: no such file or folder\n"


def test_empty_folder_exits_2(tmp_path: Path) -> None:
    result = cli.invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 2
    assert "no .yaml or .yml files in this folder" in result.stderr
    env = {"MOCKBOT_BANKS": str(tmp_path), "MOCKBOT_RUBRICS": str(RUBRICS)}
    assert cli.invoke(app, ["stats"], env=env).exit_code == 2


def test_stats_tables() -> None:
    result = cli.invoke(app, ["stats", str(BANKS), str(RUBRICS)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.splitlines()[0] == "3 questions in 1 bank, 2 rubrics"
    for heading in ("Bank", "Track", "Difficulty", "Topic", "Leadership principle"):
        assert heading in out
    assert "success-and-scale-bring-broad-responsibility" in out
    assert "system-design" in out


def test_stats_with_broken_files_counts_the_rest_and_exits_1(write: Writer) -> None:
    broken = write("broken.yaml", "bank: x\n- nope\n")
    result = cli.invoke(app, ["stats", str(MIXED), str(broken), str(RUBRICS), "--topics", "2"])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == "3 questions in 1 bank, 2 rubrics"
    assert "Topic (top 2)" in result.stdout
    assert "1 error: the counts leave out the files that did not load" in result.stderr
