"""The console adapter: stdin lines in, engine replies out, no tokens needed.

It only translates and prints. Every decision (what a line means, when time
is up, what a score is) belongs to the engine, so a console session behaves
exactly like a Slack or Discord one. Engine calls are serialised by one lock
because the interactive ticker thread calls `tick` while the user types.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable, Iterator
from datetime import datetime
from functools import partial
from typing import Protocol, TextIO

from rich.console import Console
from rich.text import Text

from bot.adapters.console.render import render_plain, render_rich
from bot.engine.messages import Inbound, Outbound, Tenant

PLATFORM = "console"
TENANT = Tenant(PLATFORM, "local")
PROMPT = "you> "
WELCOME = (
    "mockbot console. Start a round with /mock start ml (or coding, system-design, "
    "leadership), a full loop with /mock loop; /mock help lists everything. Ctrl-D quits."
)
GOODBYE = "Bye."
GOODBYE_SAVED = (
    "Bye. Your unfinished round is saved and resumes, with the time it had left, "
    "next time you run mockbot console."
)

log = logging.getLogger(__name__)


class ConsoleEngine(Protocol):
    """The part of the engine the console drives; a fake of this is enough for tests."""

    def handle(self, msg: Inbound) -> list[Outbound]: ...
    def tick(self, now: datetime, platform: str | None = None) -> list[Outbound]: ...
    def suspend(self, now: datetime, platform: str, user_id: str | None = None) -> object: ...
    def resume(
        self, now: datetime, platform: str, user_id: str | None = None
    ) -> list[Outbound]: ...


class LineSource(Protocol):
    """Where typed lines come from: `sys.stdin`, or anything with `readline` in tests."""

    def readline(self) -> str: ...


def conversation_id(user: str) -> str:
    return f"{PLATFORM}:{user}"


def to_inbound(line: str, user: str, at: datetime, event_id: str) -> Inbound | None:
    """One typed line as one message; blank lines carry nothing and are dropped."""
    if not line.strip():
        return None
    return Inbound(
        tenant=TENANT,
        user_id=user,
        conversation_id=conversation_id(user),
        at=at,
        # The engine reads commands with or without `/mock`; the console adds nothing.
        text=line,
        event_id=event_id,
        user_name=user,
    )


def _one_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {lines[0]}" if lines else type(exc).__name__


class _Terminal:
    """Prints engine replies in one of two forms, and guards every engine call."""

    def __init__(self, user: str, stdout: TextIO, interactive: bool) -> None:
        self.lock = threading.RLock()
        self.conversation = conversation_id(user)
        self._out = stdout
        self._rich = Console(file=stdout, highlight=False) if interactive else None
        self._at_prompt = False
        self._failing: set[str] = set()

    def call(self, what: str, fn: Callable[[], object], *, only_mine: bool = False) -> int:
        """Run one engine call and print its replies; a failure is shown, never fatal."""
        with self.lock:
            try:
                result = fn()
            except Exception as exc:
                log.debug("engine %s failed", what, exc_info=True)
                # The ticker retries every second: a broken database is reported once, not 60/min.
                if what not in self._failing:
                    self.say(f"error: the engine failed during {what}: {_one_line(exc)}", "red")
                if what == "tick":
                    self._failing.add(what)
                return 0
            self._failing.discard(what)
            outs = (
                [o for o in result if isinstance(o, Outbound)] if isinstance(result, list) else []
            )
            # tick/resume cover every console session in the database, not only this user's.
            mine = [o for o in outs if not only_mine or o.conversation_id == self.conversation]
            was_at_prompt = self._at_prompt
            shown = sum(self.show(o) for o in mine)
            if shown and was_at_prompt:
                self.prompt()  # the ticker printed over an open prompt: show it again
            return shown

    def show(self, out: Outbound) -> bool:
        try:
            if self._rich is not None:
                shown = render_rich(out)
                if shown is not None:
                    self._before_output()
                    self._rich.print(shown)
                return shown is not None
            text = render_plain(out)
        except Exception as exc:
            log.debug("rendering %r failed", out, exc_info=True)
            self.say(f"error: cannot show a {type(out).__name__}: {exc}", "red")
            return False
        if text:
            self._write(text + ("\n\n" if "\n" in text else "\n"))
        return bool(text)

    def say(self, text: str, style: str = "") -> None:
        with self.lock:
            if self._rich is None:
                self._write(text + "\n")
            else:
                self._before_output()
                self._rich.print(Text(text, style=style))

    def prompt(self) -> None:
        with self.lock:
            if self._rich is not None:
                self._rich.print(Text(PROMPT, style="bold cyan"), end="")
                self._out.flush()
                self._at_prompt = True

    def line_read(self, eof: bool = False) -> None:
        """At EOF or Ctrl-C the cursor still sits after the prompt: end that line first."""
        with self.lock:
            if eof:
                self._before_output()
            self._at_prompt = False

    def _before_output(self) -> None:
        if self._at_prompt and self._rich is not None:
            self._rich.print()
            self._at_prompt = False

    def _write(self, text: str) -> None:
        self._out.write(text)
        self._out.flush()


def _lines(stdin: LineSource, term: _Terminal, interactive: bool) -> Iterator[str]:
    while True:
        if interactive:
            term.prompt()
        line = stdin.readline()
        term.line_read(eof=not line)
        if not line:
            return
        yield line.rstrip("\r\n")


def _suspend(
    engine: ConsoleEngine, term: _Terminal, clock: Callable[[], datetime], user: str
) -> bool:
    """Freeze this user's running round; True when there was one to save."""
    try:
        return bool(engine.suspend(clock(), PLATFORM, user))
    except Exception as exc:
        term.say(f"error: could not save your round's clock: {_one_line(exc)}", "red")
        return False


def _tick_forever(
    engine: ConsoleEngine,
    term: _Terminal,
    clock: Callable[[], datetime],
    stop: threading.Event,
    seconds: float,
) -> None:
    while not stop.wait(seconds):
        term.call("tick", lambda: engine.tick(clock(), PLATFORM), only_mine=True)


def run_console(
    engine: ConsoleEngine,
    user: str,
    stdin: LineSource,
    stdout: TextIO,
    clock: Callable[[], datetime],
    interactive: bool,
    *,
    tick_seconds: float = 1.0,
) -> int:
    """Run one console session until EOF or Ctrl-C; returns the process exit code.

    Interactive mode (a TTY) renders with rich and ticks every `tick_seconds`
    in a background thread, so timer warnings arrive while the user is
    typing. Piped input prints plain text and ticks only before each line, so
    a transcript is deterministic.
    """
    term = _Terminal(user, stdout, interactive)
    term.say(WELCOME, "bold")
    term.call("resume", lambda: engine.resume(clock(), PLATFORM, user), only_mine=True)
    stop = threading.Event()
    ticker: threading.Thread | None = None
    if interactive:
        ticker = threading.Thread(
            target=_tick_forever,
            args=(engine, term, clock, stop, tick_seconds),
            name="mockbot-console-tick",
            daemon=True,
        )
        ticker.start()
    try:
        for line in _lines(stdin, term, interactive):
            term.call("tick", lambda: engine.tick(clock(), PLATFORM), only_mine=True)
            inbound = to_inbound(line, user, clock(), uuid.uuid4().hex)
            if inbound is not None:
                term.call("handle", partial(engine.handle, inbound))
    except KeyboardInterrupt:
        term.line_read(eof=True)
    finally:
        stop.set()
        if ticker is not None:
            ticker.join()
        term.call("tick", lambda: engine.tick(clock(), PLATFORM), only_mine=True)
        term.say(GOODBYE_SAVED if _suspend(engine, term, clock, user) else GOODBYE)
    return 0
