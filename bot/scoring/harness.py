"""Child side of `SubprocessRunner`: runs candidate code and reports raw return values.

This file's source is run with `python -c` in a fresh interpreter without
site-packages (possibly a different Python, inside a sandbox), so it imports only
the standard library and nothing from `bot`. The parent imports
`encode`/`decode` from here so both sides share one wire format.

The child never sees expected values: it reports what the candidate's function
returned and the parent compares. A candidate that forges a report therefore has to
produce the right value anyway, and one that overrides `__eq__` gains nothing.
"""

from __future__ import annotations

import builtins
import io
import json
import os
import resource
import signal
import sys
import traceback
from collections.abc import Callable
from types import FrameType
from typing import Any

SOURCE_NAME = "<answer>"
_MESSAGE_CHARS = 200


class Unsupported(Exception):
    """A value that has no faithful plain-data form (custom object, cycle, too large)."""


def encode(value: Any) -> Any:
    """Plain data to JSON-safe form; tuples become lists, other containers are tagged.

    JSON objects are used only as tags, so dicts with int keys and sets survive the
    trip; big ints go as hex because decimal conversion is capped at 4300 digits.
    """
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        return str(value)
    if isinstance(value, int):
        value = int(value)
        return value if value.bit_length() <= 63 else {"i": hex(value)}
    if isinstance(value, float):
        return float(value)
    if isinstance(value, list | tuple):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {"d": [[encode(k), encode(v)] for k, v in value.items()]}
    if isinstance(value, set | frozenset):
        return {"s": [encode(v) for v in value]}
    if isinstance(value, bytes | bytearray):
        return {"b": bytes(value).hex()}
    raise Unsupported(type(value).__name__)


def _freeze(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    if isinstance(value, dict):
        return frozenset((k, _freeze(v)) for k, v in value.items())
    if isinstance(value, set):
        return frozenset(value)
    return value


def decode(data: Any) -> Any:
    """Inverse of `encode`; container keys and set members are frozen to stay hashable."""
    if isinstance(data, list):
        return [decode(v) for v in data]
    if not isinstance(data, dict):
        return data
    if "i" in data:
        return int(data["i"], 16)
    if "b" in data:
        return bytes.fromhex(data["b"])
    if "s" in data:
        return {_freeze(decode(v)) for v in data["s"]}
    return {_freeze(decode(k)): decode(v) for k, v in data["d"]}


class _Timeout(BaseException):
    """BaseException so a candidate's `except Exception` cannot swallow it."""


class _Alarm:
    """SIGALRM raises only while armed, so a late signal cannot hit the harness itself."""

    def __init__(self) -> None:
        self.armed = False
        signal.signal(signal.SIGALRM, self._fire)

    def _fire(self, signum: int, frame: FrameType | None) -> None:
        if self.armed:
            raise _Timeout

    def start(self, seconds: float) -> None:
        self.armed = True
        # Re-fires until stopped, so `except BaseException: pass` in a loop cannot hide it.
        signal.setitimer(signal.ITIMER_REAL, seconds, min(0.1, seconds))

    def stop(self) -> None:
        self.armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)


class _Sink(io.TextIOBase):
    """Candidate prints land here and are dropped: output is never part of a result."""

    def writable(self) -> bool:
        return True

    def write(self, s: str) -> int:
        return len(s)


def _short(text: str) -> str:
    return text if len(text) <= _MESSAGE_CHARS else text[: _MESSAGE_CHARS - 3] + "..."


def _describe(exc: BaseException) -> dict[str, Any]:
    try:
        message = str(exc)
    except BaseException:
        message = "<unprintable>"
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == SOURCE_NAME]
    line = frames[-1].lineno if frames else getattr(exc, "lineno", None)
    line = line if type(line) is int else None  # `lineno` on a candidate's class may be anything
    return {"raised": type(exc).__name__, "message": _short(message), "line": line}


def _limit(kind: int, soft: int, hard: int | None = None) -> None:
    ceiling = resource.getrlimit(kind)[1]
    hard = soft if hard is None else hard
    if ceiling != resource.RLIM_INFINITY:
        soft, hard = min(soft, ceiling), min(hard, ceiling)
    resource.setrlimit(kind, (soft, hard))


def _apply_limits(job: dict[str, Any]) -> None:
    # Set here rather than in preexec_fn, which is unsafe when the bot has threads.
    _limit(resource.RLIMIT_AS, job["memory_mb"] * 1024 * 1024)
    _limit(resource.RLIMIT_CPU, job["cpu_seconds"], job["cpu_seconds"] + 1)
    _limit(resource.RLIMIT_FSIZE, job["file_bytes"])
    _limit(resource.RLIMIT_NOFILE, 64)
    # Counted per user namespace (Linux 5.14+), so inside the sandbox this caps the
    # answer's own processes, not every process of the sandbox uid on the host.
    _limit(resource.RLIMIT_NPROC, job["processes"])
    _limit(resource.RLIMIT_CORE, 0)
    os.nice(10)  # a busy answer yields the CPU to the bot and its database
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # oversized writes fail instead of killing
    sys.setrecursionlimit(10_000)


class _Reporter:
    """One JSON line per event on the result pipe, which candidate prints never reach.

    Lines start with the parent's per-run nonce, so blind writes to the pipe are dropped.
    """

    def __init__(self, fd: int, nonce: str, max_value_bytes: int) -> None:
        self.fd = fd
        self.prefix = nonce + " "
        self.max_value_bytes = max_value_bytes

    def send(self, message: dict[str, Any]) -> None:
        line = json.dumps(message, ensure_ascii=True)
        if "ok" in message and len(line) > self.max_value_bytes:
            shown = {"unsupported": "value too large to compare", "shown": ""}
            line = json.dumps({k: v for k, v in message.items() if k != "ok"} | shown)
        data = (self.prefix + line + "\n").encode("ascii")
        while data:
            data = data[os.write(self.fd, data) :]


def _safe_repr(value: Any) -> str:
    try:
        return _short(repr(value))
    except BaseException:
        return "<unprintable>"


def _entry(namespace: dict[str, Any], name: str) -> Any:
    fn = namespace.get(name)
    solution = namespace.get("Solution")
    if fn is None and isinstance(solution, type) and hasattr(solution, name):
        fn = getattr(solution(), name)  # LeetCode style: `class Solution` with the method
    return fn


def _load(
    code: str, entry_point: str, alarm: _Alarm, seconds: float
) -> tuple[Callable[..., Any] | None, str]:
    """The callable under test, or None and why the code cannot be run."""
    try:
        compiled = compile(code, SOURCE_NAME, "exec", dont_inherit=True)
    except SyntaxError as exc:
        where = f" on line {exc.lineno}" if exc.lineno else ""
        return None, f"SyntaxError{where}: {exc.msg}"
    except (ValueError, UnicodeError) as exc:
        return None, f"the code cannot be compiled: {_short(str(exc))}"
    except (MemoryError, RecursionError):
        return None, "the code is too large or too deeply nested to compile"
    namespace: dict[str, Any] = {"__name__": "__answer__", "__builtins__": builtins}
    try:
        alarm.start(seconds)
        try:
            exec(compiled, namespace)
            fn = _entry(namespace, entry_point)
        finally:
            alarm.stop()
    except _Timeout:
        return None, "timed out while loading the code"
    except BaseException as exc:
        info = _describe(exc)
        where = f" (line {info['line']})" if info["line"] else ""
        return None, f"raised {info['raised']} while loading{where}: {info['message']}"
    if fn is None:
        return None, f"{entry_point} is not defined"
    if not callable(fn):
        return None, f"{entry_point} is not callable"
    return fn, ""


def _run_test(fn: Callable[..., Any], args: Any, alarm: _Alarm, seconds: float) -> dict[str, Any]:
    try:
        alarm.start(seconds)
        try:
            value = fn(*decode(args))
            try:
                return {"ok": encode(value)}  # under the alarm: encoding runs candidate code
            except (Unsupported, RecursionError) as exc:
                name = str(exc) if isinstance(exc, Unsupported) else "self-referencing value"
                return {"unsupported": name, "shown": _safe_repr(value)}
        finally:
            alarm.stop()
    except _Timeout:
        return {"timeout": True}
    except BaseException as exc:
        return _describe(exc)


def _run_jobs(job: dict[str, Any], out: _Reporter) -> None:
    alarm = _Alarm()
    for j, item in enumerate(job["jobs"]):
        fn, why = _load(item["code"], item["entry_point"], alarm, job["per_test_seconds"])
        if fn is None:
            out.send({"job": j, "load_error": why})
            continue
        out.send({"job": j, "loaded": True})
        for index, args in item["tests"]:
            result = _run_test(fn, args, alarm, job["per_test_seconds"])
            out.send({"job": j, "test": index, **result})
    out.send({"done": True})


def main() -> None:
    job = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    # The job file stays open on fd 0 otherwise: the answer could read it back.
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    out = _Reporter(job["result_fd"], job["nonce"], job["max_value_bytes"])
    _apply_limits(job)
    real_stderr = sys.stderr
    sys.stdin = io.StringIO("")
    sys.stdout = sys.stderr = _Sink()
    try:
        _run_jobs(job, out)
    except BaseException:  # a harness failure: tell the parent's log why
        traceback.print_exc(file=real_stderr)
        real_stderr.flush()
        os._exit(1)
    os._exit(0)  # do not wait for threads or atexit hooks the candidate left behind


if __name__ == "__main__":
    main()
