"""`mockbot console`: a mock interview in the terminal, with no chat platform or token.

The engine is built here, the composition root, and handed to the console
adapter, which only translates lines and renders replies. `bot.app` is
imported when the command runs, not when `mockbot` starts, so `mockbot score`
never pays for (or fails on) the database layer.
"""

from __future__ import annotations

import getpass
import sys
from datetime import UTC, datetime
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

from bot.adapters.console import run_console


def _utc_now() -> datetime:
    return datetime.now(UTC)


def console_command(
    user: Annotated[
        str | None,
        typer.Option("--user", help="Whose sessions and history to use (default: your login)."),
    ] = None,
    database_url: Annotated[
        str | None,
        typer.Option(
            "--database-url",
            envvar="MOCKBOT_DATABASE_URL",
            help="SQLAlchemy URL of the session store (default: a local SQLite file).",
        ),
    ] = None,
) -> None:
    """Run timed mock interviews in this terminal; an unfinished round resumes next time."""
    from bot.app import build_engine
    from bot.sandbox.policy import choose_runner

    name = user or getpass.getuser()
    choice = choose_runner(allow_unsafe=True)
    if choice.warning:
        Console(stderr=True).print(Text(choice.warning, style="yellow"))
    try:
        engine = build_engine(choice.runner, database_url=database_url)
    except Exception as exc:
        message = Text.assemble(("error:", "red"), f" cannot start the engine: {exc}")
        Console(stderr=True).print(message)
        raise typer.Exit(2) from None
    code = run_console(
        engine, name, sys.stdin, sys.stdout, _utc_now, interactive=sys.stdin.isatty()
    )
    raise typer.Exit(code)
