"""What the code-runner child reported, turned into outcomes and candidate-safe wording.

Kept apart from the process handling in `runner.py` so the rules a candidate is
judged by (equality, float tolerance, what a hidden test may reveal) are plain
functions that read and test on their own. Everything the child wrote is treated
as untrusted data: malformed lines are dropped, text is clipped.
"""

from __future__ import annotations

import builtins
import json
import math
import reprlib
import signal
from dataclasses import dataclass, field
from typing import Any, Literal

from bot.content.schema import CodingTest
from bot.scoring.harness import decode

OutcomeName = Literal["pass", "fail", "error", "timeout"]

_BUILTINS = frozenset(
    name
    for name, value in vars(builtins).items()
    if isinstance(value, type) and issubclass(value, BaseException)
)
_REPR = reprlib.Repr()
_REPR.maxlevel, _REPR.maxlist, _REPR.maxdict, _REPR.maxstring = 3, 8, 6, 60


def clip(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def short(value: Any, limit: int = 120) -> str:
    """A repr bounded in work as well as length, so a 1 MB argument costs nothing."""
    try:
        return clip(_REPR.repr(value), limit)
    except ValueError:  # an int past the 4300-digit conversion limit
        return f"<{type(value).__name__}>"


def call_text(entry_point: str, args: list[Any]) -> str:
    return f"{entry_point}({clip(', '.join(short(a, 1000) for a in args))})"


def values_equal(got: Any, expected: Any) -> bool:
    """Exact equality, except floats (isclose; NaN never equal) and bools (never ints).

    `got` is already normalised (tuples are lists); `expected` may hold tuples when a
    test was built in Python rather than loaded from YAML.
    """
    if isinstance(got, bool) or isinstance(expected, bool):
        return type(got) is type(expected) and got == expected
    if isinstance(got, float) or isinstance(expected, float):
        if not (isinstance(got, int | float) and isinstance(expected, int | float)):
            return False
        try:
            return math.isclose(got, expected, rel_tol=1e-6, abs_tol=1e-9)
        except OverflowError:
            return False
    if isinstance(expected, list | tuple):
        return (
            isinstance(got, list)
            and len(got) == len(expected)
            and all(values_equal(g, e) for g, e in zip(got, expected, strict=True))
        )
    if isinstance(expected, dict):
        return (
            isinstance(got, dict)
            and got.keys() == expected.keys()
            and all(values_equal(got[k], v) for k, v in expected.items())
        )
    return not isinstance(got, list | dict) and bool(got == expected)


@dataclass
class Events:
    """One job's reports from the child; only the first report per test counts."""

    load_error: str | None = None
    loaded: bool = False
    results: dict[int, dict[str, Any]] = field(default_factory=dict)


def parse_events(data: bytes, n_jobs: int, nonce: str) -> list[Events]:
    """Lines without the run's nonce were not written by the harness and are dropped."""
    events = [Events() for _ in range(n_jobs)]
    prefix = f"{nonce} ".encode()
    for line in data.split(b"\n")[:-1]:  # the last piece is empty or cut off
        if not line.startswith(prefix):
            continue
        try:
            msg = json.loads(line[len(prefix) :])
        except (ValueError, RecursionError):
            continue
        if not isinstance(msg, dict) or type(msg.get("job")) is not int:
            continue
        if not 0 <= msg["job"] < n_jobs:
            continue
        ev = events[msg["job"]]
        if "load_error" in msg and not ev.loaded and ev.load_error is None:
            ev.load_error = clip(str(msg["load_error"]), 300)
        elif msg.get("loaded") is True and ev.load_error is None:
            ev.loaded = True
        elif type(msg.get("test")) is int:
            ev.results.setdefault(msg["test"], msg)
    return events


@dataclass(frozen=True)
class Ended:
    """How the child ended, worded to follow the call it was running when it did."""

    outcome: OutcomeName
    why: str


def ended(status: str, returncode: int, per_answer_seconds: float) -> Ended:
    """Worded from facts the parent saw, never from the child's text (it may hold hidden input)."""
    if status == "timeout":
        return Ended("timeout", f"ran out of time ({per_answer_seconds:g} s for the whole answer)")
    if status == "overflow":
        return Ended("error", "sent more data than allowed")
    if returncode == -signal.SIGXCPU:
        return Ended("timeout", "used up its CPU time")
    if returncode < 0:
        try:
            name = signal.Signals(-returncode).name
        except ValueError:
            name = f"signal {-returncode}"
        return Ended("error", f"crashed ({name})")
    return Ended("error", f"stopped early (exit status {returncode})")


def unfinished(call: str, end: Ended, first: bool) -> tuple[OutcomeName, str, str]:
    """A test without a report: the one running when the child ended, or one never started."""
    if first:
        return (
            end.outcome,
            f"{call} {end.why}",
            "timed out" if end.outcome == "timeout" else end.why,
        )
    if end.outcome == "timeout":
        return end.outcome, "not run: no time left", "not run: no time left"
    text = f"not run: the code {end.why} on an earlier test"
    return end.outcome, text, text


def judge(
    call: str, test: CodingTest, msg: dict[str, Any], per_test_seconds: float
) -> tuple[OutcomeName, str, str]:
    """Outcome, detail for a visible test, and detail for a hidden one (no input, no expected)."""
    expected = short(test.expected)
    if "ok" in msg:
        try:
            got = decode(msg["ok"])
        except Exception:
            return "error", f"{call}: unreadable result", "unreadable result"
        if values_equal(got, test.expected):
            return "pass", "", ""
        return "fail", f"{call} returned {short(got)}, expected {expected}", "wrong answer"
    if "unsupported" in msg:
        what = clip(f"{msg.get('shown') or ''} ({msg['unsupported']})".strip())
        return "fail", f"{call} returned {what}, expected {expected}", "wrong answer"
    if msg.get("timeout") is True:
        return "timeout", f"{call} timed out after {per_test_seconds:g} s", "timed out"
    if "raised" in msg:
        name = clip(str(msg["raised"]), 60)
        text = clip(str(msg.get("message") or ""))
        line = msg.get("line")
        where = f" (line {line})" if type(line) is int else ""
        shown = f"{call} raised {name}{': ' + text if text else ''}{where}"
        # A class name is the candidate's to choose: a hidden test names only builtin ones.
        return "error", shown, f"raised {name if name in _BUILTINS else 'an exception'}"
    return "error", f"{call}: unreadable result", "unreadable result"
