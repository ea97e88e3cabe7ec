"""`mockbot banks validate|stats` (to be implemented)."""

from __future__ import annotations

import typer

app = typer.Typer(help="Check and describe question banks and rubrics.", no_args_is_help=True)
