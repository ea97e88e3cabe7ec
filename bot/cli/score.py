"""`mockbot score` (SCHEMA.md's batch contract) and `mockbot demo`.

Exit codes: 0 every answer scored; 1 some answers were errors (their lines
say why); 2 the inputs could not be read at all (content or answers file).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
import yaml
from rich.console import Console

from bot import config
from bot.cli.cards import print_card
from bot.content.catalog import Catalog
from bot.content.errors import ContentError
from bot.content.loader import load_catalog
from bot.sandbox.policy import choose_runner
from bot.scoring.batch import score_batch
from bot.scoring.factory import SCORER_NAMES, make_scorer
from bot.scoring.runner import CodeRunner

_err = Console(stderr=True)


def _fail(message: str, code: int = 2) -> typer.Exit:
    _err.print(f"[red]error:[/red] {message}", highlight=False)
    return typer.Exit(code)


def _runner() -> CodeRunner:
    """The sandbox, or the user's explicit opt-out; the choice is said on stderr."""
    choice = choose_runner(allow_unsafe=True)
    if choice.warning:
        _err.print(choice.warning, style="yellow", highlight=False, markup=False)
    return choice.runner


def _load_content(bank: list[Path] | None, rubrics: list[Path] | None) -> Catalog:
    try:
        return load_catalog(bank or config.bank_paths(), rubrics or config.rubric_paths())
    except ContentError as exc:
        for issue in exc.issues:
            _err.print(str(issue), highlight=False, markup=False)
        raise _fail(f"{len(exc.issues)} problem(s) in the question banks or rubrics") from None


def _read_answers(path: Path) -> list[Any]:
    try:
        text = sys.stdin.read() if str(path) == "-" else path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(f"cannot read answers file {path}: {exc}") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise _fail(f"{where}: not valid YAML: {getattr(exc, 'problem', exc)}") from None
    if isinstance(data, dict) and isinstance(data.get("answers"), list):
        data = data["answers"]
    if not isinstance(data, list):
        raise _fail(f"{path}: expected a list of {{question, answer}} items")
    return data


def score_command(
    answers: Annotated[
        Path, typer.Option("--answers", help="YAML list of {question, answer}; '-' reads stdin.")
    ],
    bank: Annotated[
        list[Path] | None, typer.Option("--bank", help="Bank file or folder (repeatable).")
    ] = None,
    rubrics: Annotated[
        list[Path] | None, typer.Option("--rubrics", help="Rubric folder or file (repeatable).")
    ] = None,
    scorer: Annotated[str, typer.Option("--scorer", help="heuristic or llm.")] = "heuristic",
    fmt: Annotated[
        str, typer.Option("--format", help="json (one line an answer) or text.")
    ] = "json",
) -> None:
    """Score a batch of answers: one JSON object a line, in input order (SCHEMA.md)."""
    if scorer not in SCORER_NAMES:
        raise _fail(f"unknown scorer '{scorer}': choose one of {', '.join(SCORER_NAMES)}")
    if fmt not in ("json", "text"):
        raise _fail(f"unknown format '{fmt}': choose json or text")
    catalog = _load_content(bank, rubrics)
    items = _read_answers(answers)
    judge = make_scorer(scorer, _runner())
    out = Console(soft_wrap=True)
    failures = 0
    for item in score_batch(catalog, judge, items):
        failures += not item.ok
        if fmt == "json":
            sys.stdout.write(json.dumps(item.result, ensure_ascii=False) + "\n")
            sys.stdout.flush()
        else:
            print_card(out, item.result, title=f"#{item.index + 1} {item.result.get('question')}")
    if failures:
        _err.print(f"{failures} of {len(items)} answer(s) could not be scored.")
        raise typer.Exit(1)


def demo_command() -> None:
    """Score the bundled example answers and print their cards."""
    examples = config.PROJECT_ROOT / "examples" / "answers.yaml"
    catalog = _load_content(None, None)
    judge = make_scorer("heuristic", _runner())
    out = Console()
    out.print(
        f"mockbot: {len(catalog.questions)} questions in {len(catalog.banks)} banks. "
        f"Scoring the example answers in {examples.relative_to(config.PROJECT_ROOT)}.\n"
    )
    for item in score_batch(catalog, judge, _read_answers(examples)):
        print_card(out, item.result)
    out.print("Score your own: mockbot score --answers FILE [--format text]")
