"""`mockbot sandbox check`: is candidate code safe to run on this machine?

Exit 0 when the sandbox works and every protection holds, 1 otherwise, so a
deployment script can refuse to start a chat bot on a machine that fails it.
"""

from __future__ import annotations

import typer
from rich.console import Console
from rich.text import Text

from bot.sandbox.check import run_check
from bot.sandbox.policy import UNSAFE_VAR, default_workers

app = typer.Typer(no_args_is_help=True, help="The sandbox that runs candidate code.")


@app.command("check")
def check_command() -> None:
    """Try the sandbox here and list which protections are active."""
    out = Console(highlight=False)
    report = run_check()
    if report.error is not None:
        out.print(Text.assemble(("✗ ", "red"), "no sandbox: ", report.error))
        out.print(
            "Code answers will not be run on this machine. "
            f"On your own console only, {UNSAFE_VAR}=1 runs them unsandboxed."
        )
        raise typer.Exit(1)
    box = report.sandbox
    assert box is not None
    who = f"uid {box.run_as}" if box.run_as is not None else "this user"
    out.print(f"{box.version or 'bubblewrap'} at {box.bwrap}, as {who}, python {box.python}")
    for c in report.checks:
        mark = ("✓ ", "green") if c.ok else ("✗ ", "red")
        out.print(Text.assemble(mark, (f"{c.name}: ", "bold"), c.detail))
    if report.ok:
        out.print(
            f"Sandbox OK: code answers run here, {default_workers()} at a time "
            "(MOCKBOT_SANDBOX_WORKERS)."
        )
        return
    failed = sum(not c.ok for c in report.checks)
    out.print(Text(f"{failed} protection(s) missing: code answers would run less safely.", "red"))
    raise typer.Exit(1)
