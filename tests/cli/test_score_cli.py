"""`mockbot score`: the JSON-lines contract of SCHEMA.md and its failure modes."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from typer.testing import CliRunner

from bot.cli import app

runner = CliRunner()
ML_ANSWER = (
    "Per token the cache stores keys and values for every layer and head: 2 x 32 x 32 x 128 x "
    "2 bytes = 0.5 MiB, so a 4,096-token sequence takes 2 GiB and 16 requests take 32 GiB."
)


def _write(tmp_path: Path, items: object) -> Path:
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump(items), encoding="utf-8")
    return path


def _lines(output: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_one_json_line_per_answer_in_input_order(tmp_path: Path) -> None:
    items = [
        {"question": "ml-kv-cache-memory-budget", "answer": ML_ANSWER},
        {"question": "lp-hardest-debugging", "answer": "We fixed it."},
    ]
    result = runner.invoke(app, ["score", "--answers", str(_write(tmp_path, items))])
    assert result.exit_code == 0, result.output
    lines = _lines(result.stdout)
    assert [line["question"] for line in lines] == [i["question"] for i in items]
    first = lines[0]
    assert first["scorer"] == "heuristic"
    assert {"overall", "verdict", "criteria", "feedback"} <= set(first)
    crit = first["criteria"][0]  # type: ignore[index]
    assert {"id", "score", "evidence", "missing"} <= set(crit)


def test_unknown_question_gets_an_error_line_and_the_rest_are_scored(tmp_path: Path) -> None:
    items = [
        {"question": "ml-kv-cache-memory-budgte", "answer": ML_ANSWER},
        {"question": "ml-kv-cache-memory-budget", "answer": ML_ANSWER},
        "not a mapping",
        {"question": "ml-kv-cache-memory-budget", "answer": 42},
    ]
    result = runner.invoke(app, ["score", "--answers", str(_write(tmp_path, items))])
    assert result.exit_code == 1
    lines = _lines(result.stdout)
    assert len(lines) == 4
    assert "did you mean 'ml-kv-cache-memory-budget'" in str(lines[0]["error"])
    assert "overall" in lines[1]
    assert "error" in lines[2] and "error" in lines[3]


def test_empty_and_huge_answers_are_scored_not_crashed(tmp_path: Path) -> None:
    items = [
        {"question": "ml-kv-cache-memory-budget", "answer": ""},
        {"question": "ml-kv-cache-memory-budget"},
        {"question": "ml-kv-cache-memory-budget", "answer": ML_ANSWER * 4000},
    ]
    result = runner.invoke(app, ["score", "--answers", str(_write(tmp_path, items))])
    assert result.exit_code == 0, result.output
    empty, missing, huge = _lines(result.stdout)
    assert empty["overall"] == 1.0 and empty["notes"]
    assert missing["overall"] == 1.0
    assert any("very long" in n for n in huge["notes"])  # type: ignore[union-attr]


def test_malformed_answers_file_exits_2_with_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("- question: a\n  answer: [unclosed\n", encoding="utf-8")
    result = runner.invoke(app, ["score", "--answers", str(path)])
    assert result.exit_code == 2
    assert f"{path}:" in result.stderr and "YAML" in result.stderr


def test_answers_file_that_is_not_a_list(tmp_path: Path) -> None:
    result = runner.invoke(app, ["score", "--answers", str(_write(tmp_path, {"a": 1}))])
    assert result.exit_code == 2
    assert "list" in result.stderr


def test_broken_bank_exits_2_and_names_the_file(tmp_path: Path) -> None:
    bank = tmp_path / "bank.yaml"
    bank.write_text("bank: x\ntitle: X\ntrack: ml\nrubric: nope\n", encoding="utf-8")
    answers = _write(tmp_path, [{"question": "a", "answer": "b"}])
    result = runner.invoke(app, ["score", "--bank", str(bank), "--answers", str(answers)])
    assert result.exit_code == 2
    assert str(bank) in result.stderr


def test_llm_scorer_falls_back_visibly(tmp_path: Path) -> None:
    items = [{"question": "ml-kv-cache-memory-budget", "answer": ML_ANSWER}]
    args = ["score", "--scorer", "llm", "--answers", str(_write(tmp_path, items))]
    result = runner.invoke(app, args)
    assert result.exit_code == 0
    (line,) = _lines(result.stdout)
    assert "fallback" in str(line["scorer"])
    assert any("heuristic" in n for n in line["notes"])  # type: ignore[union-attr]


def test_unknown_scorer_is_refused(tmp_path: Path) -> None:
    items = [{"question": "ml-kv-cache-memory-budget", "answer": ML_ANSWER}]
    args = ["score", "--scorer", "gpt", "--answers", str(_write(tmp_path, items))]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "unknown scorer" in result.stderr


def test_text_format_prints_cards(tmp_path: Path) -> None:
    items = [{"question": "ml-kv-cache-memory-budget", "answer": ML_ANSWER}]
    args = ["score", "--format", "text", "--answers", str(_write(tmp_path, items))]
    result = runner.invoke(app, args)
    assert result.exit_code == 0
    assert "Overall" in result.stdout and "accuracy" in result.stdout


def test_demo_runs() -> None:
    result = runner.invoke(app, ["demo"])
    assert result.exit_code == 0, result.output
    assert "Overall" in result.stdout
