"""`mockbot migrate`: bring the database schema up to date.

The bot upgrades itself on start, so this is for deploy steps that should
fail, loudly and before new code serves anyone, when a migration cannot run.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from bot.storage.db import default_url, upgrade

_err = Console(stderr=True)


def migrate_command(
    database_url: Annotated[
        str | None,
        typer.Option(
            "--database-url",
            help="SQLAlchemy URL; default MOCKBOT_DATABASE_URL, else the local SQLite file.",
        ),
    ] = None,
) -> None:
    """Upgrade the database to the newest schema and print its revision."""
    url = database_url or default_url()
    shown = make_url(url).render_as_string(hide_password=True)
    try:
        revision = upgrade(url)
    except SQLAlchemyError as exc:
        _err.print(f"[red]error:[/red] cannot migrate {shown}: {exc}", highlight=False)
        raise typer.Exit(1) from None
    typer.echo(f"{shown}: at revision {revision}")
