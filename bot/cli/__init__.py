"""The `mockbot` command line: one typer app, one sub-module per command group."""

from __future__ import annotations

import typer

from bot.cli import banks, console, migrate, sandbox, score, slack

app = typer.Typer(
    name="mockbot",
    help="A mock interviewer for ML-engineer interview loops.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(banks.app, name="banks")
app.add_typer(sandbox.app, name="sandbox")
app.command("score")(score.score_command)
app.command("demo")(score.demo_command)
app.command("console")(console.console_command)
app.command("migrate")(migrate.migrate_command)
app.command("slack")(slack.slack_command)


def main() -> None:
    app()
