"""The console adapter: the local, token-free way to run mock interviews.

`run_console` drives an engine from stdin/stdout; `render_rich` and
`render_plain` turn engine replies into terminal output and are reused by
anything else that prints a scorecard.
"""

from bot.adapters.console.app import ConsoleEngine, run_console
from bot.adapters.console.render import render_plain, render_rich

__all__ = ["ConsoleEngine", "render_plain", "render_rich", "run_console"]
