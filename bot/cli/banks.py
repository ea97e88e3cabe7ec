"""`mockbot banks validate|stats`: check and describe question banks and rubrics.

Both take bank or rubric files or folders; each file is sorted into bank or
rubric by its top-level key, so `mockbot banks validate team.yaml` just works.
When no rubric is named, the configured (bundled) rubrics are used, since
team banks usually build on them.

Exit codes: 0 clean; 1 content errors (one `file:line: field: message` line
each, on stderr); 2 the paths themselves are wrong (missing, empty folder).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from bot import config
from bot.content.catalog import Catalog
from bot.content.discovery import discover, split_by_kind
from bot.content.duplicates import find_near_duplicates
from bot.content.errors import ContentIssue, ContentPathError
from bot.content.loader import load_catalog_with_issues
from bot.content.references import check_reference_solutions
from bot.content.stats import compute_stats
from bot.sandbox.policy import trusted_runner

app = typer.Typer(help="Check and describe question banks and rubrics.", no_args_is_help=True)

PathsArg = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Bank or rubric files or folders. Default: MOCKBOT_BANKS and MOCKBOT_RUBRICS, "
        "or the bundled question_banks/ and rubrics/.",
        show_default=False,
    ),
]
RubricsOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--rubrics",
        help="Rubric file or folder (repeatable). Default: rubrics among PATHS, "
        "else the configured ones.",
        show_default=False,
    ),
]


def validate(
    paths: PathsArg = None,
    rubrics: RubricsOpt = None,
    no_run: Annotated[
        bool, typer.Option("--no-run", help="Skip running reference solutions against tests.")
    ] = False,
) -> None:
    """Check every bank and rubric; print each problem as `file:line: field: message`."""
    catalog, issues = _load(paths, rubrics)
    issues = issues + find_near_duplicates(catalog)
    if not no_run:
        runner, note = trusted_runner()
        if note:
            typer.echo(f"note: {note}", err=True)
        issues = issues + check_reference_solutions(catalog, runner)
    for issue in issues:
        typer.echo(str(issue), err=True)
    if issues:
        files = len({issue.file for issue in issues})
        typer.echo(f"{_count(len(issues), 'error')} in {_count(files, 'file')}", err=True)
        raise typer.Exit(1)
    typer.echo(f"OK: {_summary(catalog)}")


def stats(
    paths: PathsArg = None,
    rubrics: RubricsOpt = None,
    topics: Annotated[
        int, typer.Option("--topics", help="Show the N most common topics (0: all).", min=0)
    ] = 25,
) -> None:
    """Count questions by track, difficulty, topic and leadership principle."""
    catalog, issues = _load(paths, rubrics)
    console = Console(highlight=False)
    numbers = compute_stats(catalog)
    shown = list(numbers.by_topic.items())
    topic_title = "Topic" if not topics or len(shown) <= topics else f"Topic (top {topics})"
    console.print(_summary(catalog))
    for table in (
        _table("Bank", numbers.by_bank),
        _table("Track", numbers.by_track),
        _table("Difficulty", numbers.by_difficulty),
        _table(topic_title, dict(shown[:topics] if topics else shown)),
        _table("Leadership principle", numbers.by_principle),
    ):
        console.print()
        console.print(table)
    if issues:
        typer.echo(
            f"{_count(len(issues), 'error')}: the counts leave out the files that did not load;"
            " run `mockbot banks validate` to see them",
            err=True,
        )
        raise typer.Exit(1)


app.command("validate")(validate)
app.command("stats")(stats)


def _load(
    paths: list[Path] | None, rubrics: list[Path] | None
) -> tuple[Catalog, list[ContentIssue]]:
    try:
        bank_paths, rubric_paths = _split_paths(paths or [], rubrics or [])
        return load_catalog_with_issues(bank_paths, rubric_paths)
    except ContentPathError as exc:
        for issue in exc.issues:
            typer.echo(f"error: {issue}", err=True)
        raise typer.Exit(2) from None


def _split_paths(paths: list[Path], rubrics: list[Path]) -> tuple[list[Path], list[Path]]:
    if not paths:
        return config.bank_paths(), rubrics or config.rubric_paths()
    bank_files, rubric_files = split_by_kind(discover(paths))
    if rubrics:
        return bank_files, [*rubric_files, *rubrics]
    return bank_files, rubric_files or config.rubric_paths()


def _table(label: str, counts: dict[str, int]) -> Table:
    table = Table(show_edge=False, pad_edge=False)
    table.add_column(label)
    table.add_column("Questions", justify="right")
    for name, count in counts.items():
        table.add_row(name, str(count), style="dim" if count == 0 else None)
    return table


def _summary(catalog: Catalog) -> str:
    return (
        f"{_count(len(catalog), 'question')} in {_count(len(catalog.banks), 'bank')}, "
        f"{_count(len(catalog.rubrics), 'rubric')}"
    )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
