"""Running candidate code against a question's tests, outside the bot's process.

`CodeRunner` is what the scorer depends on. `SubprocessRunner` feeds the job to
a child interpreter and judges what comes back; *where* that child runs is a
`Launcher`: `LocalLauncher` (a plain child process, for trusted code or an
explicit opt-in) or `bot.sandbox.bwrap.BwrapLauncher` (the real sandbox). The
child side is `harness.py`; judging what it reports, and wording it so hidden
tests stay hidden, is `outcomes.py`.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import math
import os
import secrets
import selectors
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import IO, Any, BinaryIO, Protocol

from bot.content.schema import CodingTest
from bot.scoring import outcomes
from bot.scoring.harness import Unsupported, encode


class Outcome(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    ERROR = "error"
    TIMEOUT = "timeout"


@dataclass(frozen=True)
class Limits:
    per_test_seconds: float = 2.0
    per_answer_seconds: float = 20.0
    # Address space per process. With `processes` this bounds an answer at 2 GB in all,
    # far above what an interview answer needs, and a few answers at once fit any host.
    memory_mb: int = 256
    output_bytes: int = 64_000
    # Processes and threads the answer may have at once (RLIMIT_NPROC, counted inside
    # the sandbox's own user namespace; not enforced for a child running as root).
    processes: int = 8


@dataclass(frozen=True)
class TestResult:
    index: int
    hidden: bool
    outcome: Outcome
    # Safe to show the candidate: for hidden tests never the input or expected value.
    detail: str = ""


@dataclass(frozen=True)
class RunReport:
    results: list[TestResult] = field(default_factory=list)
    # Set when the code could not be loaded at all (syntax error, missing entry point, crash).
    load_error: str | None = None

    @property
    def passed(self) -> int:
        return sum(r.outcome is Outcome.PASS for r in self.results)

    @property
    def total(self) -> int:
        return len(self.results)


# Whose answer is being run ("platform:team:user"): a pool uses it to share workers
# fairly. A context variable, so the Scorer protocol need not carry it.
run_owner: ContextVar[str] = ContextVar("run_owner", default="")


@contextlib.contextmanager
def running_for(owner: str) -> Iterator[None]:
    token = run_owner.set(owner)
    try:
        yield
    finally:
        run_owner.reset(token)


class CodeNotRun(Exception):
    """The code was not run, through no fault of the answer (no sandbox, queue full).

    The scorer says so on the card and judges the code by reading it instead.
    """


class CodeRunner(Protocol):
    def run(
        self,
        code: str,
        entry_point: str,
        tests: Sequence[CodingTest],
        limits: Limits | None = None,
    ) -> RunReport: ...


class NoRunner:
    """Stands in where code must not run (no sandbox): every run says why, plainly."""

    isolation = "none"

    def __init__(self, reason: str) -> None:
        self.reason = reason

    def run(
        self,
        code: str,
        entry_point: str,
        tests: Sequence[CodingTest],
        limits: Limits | None = None,
    ) -> RunReport:
        raise CodeNotRun(self.reason)


@dataclass(frozen=True)
class Launch:
    """How to start the harness: argv, and the uid/gid to start it as (None: ours)."""

    argv: list[str]
    cwd: str
    user: int | None = None
    group: int | None = None
    # bubblewrap reports a child killed by signal N as exit status 128+N.
    signal_as_exit_status: bool = False
    # Descriptors the child inherits (a seccomp program to read); the parent closes them.
    fds: tuple[int, ...] = ()

    def close(self) -> None:
        for fd in self.fds:
            with contextlib.suppress(OSError):
                os.close(fd)

    def returncode(self, raw: int) -> int:
        """The harness's own status: negative for a signal, as subprocess reports it."""
        if self.signal_as_exit_status and 128 < raw < 128 + 65:
            return -(raw - 128)
        return raw


class Launcher(Protocol):
    """Wraps the harness command line: the one place isolation is decided."""

    name: str

    def launch(self, harness_argv: list[str], workdir: str) -> Launch: ...


class LocalLauncher:
    """A plain child process: the bot's user, files and network. Trusted code only."""

    name = "local"

    def __init__(self, python: str = sys.executable) -> None:
        self.python = python

    def launch(self, harness_argv: list[str], workdir: str) -> Launch:
        return Launch([self.python, *harness_argv], workdir)


# ----------------------------------------------------------------- implementation

# The harness goes in as `-c` source, not a path: inside a sandbox, or as a uid that
# cannot read the bot's install, no file of ours needs to be visible.
_HARNESS_SOURCE = Path(__file__).with_name("harness.py").read_text(encoding="utf-8")
# -I implies -E, which would drop PYTHONHASHSEED; the environment is ours anyway,
# so -s -S -P give the rest of -I (no user or site packages, no script dir on sys.path).
HARNESS_ARGV = ["-s", "-S", "-P", "-c", _HARNESS_SOURCE]
_ENV = {
    "PATH": "/usr/bin:/bin",
    "LANG": "C.UTF-8",
    "PYTHONDONTWRITEBYTECODE": "1",
    "PYTHONHASHSEED": "0",  # set order, hence scores, repeat from run to run
}
_STARTUP_GRACE_SECONDS = 0.5
_FILE_BYTES = 1 << 20
_STDERR_BYTES = 8192
_log = logging.getLogger(__name__)

Job = tuple[str, str, Sequence[CodingTest]]


class SubprocessRunner:
    """Runs code in a fresh, resource-limited interpreter, one per answer.

    With the default `LocalLauncher` this is process isolation, not a sandbox: the
    child runs as the bot's user, so it can read what the bot can read and open
    network connections. It cannot see the bot's environment, memory or stdout, and
    it cannot hang or flood the bot. Candidate code gets a `BwrapLauncher`.
    """

    def __init__(
        self,
        limits: Limits = Limits(),
        python: str = sys.executable,
        launcher: Launcher | None = None,
    ) -> None:
        self.limits = limits
        self.launcher = launcher or LocalLauncher(python)

    @property
    def isolation(self) -> str:
        return self.launcher.name

    def run(
        self,
        code: str,
        entry_point: str,
        tests: Sequence[CodingTest],
        limits: Limits | None = None,
    ) -> RunReport:
        """Visible tests first, then hidden ones in a second, fresh child.

        Hidden inputs never share a process with a visible test, whose error text the
        candidate sees: code that digs the job out of memory during a visible test finds
        only visible inputs.
        """
        visible = [t for t in tests if not t.hidden]
        hidden = [t for t in tests if t.hidden]
        if not visible or not hidden:
            return self.run_many([(code, entry_point, tests)], limits)[0]
        limits = limits or self.limits
        started = time.monotonic()
        shown = self.run_many([(code, entry_point, visible)], limits)[0]
        if shown.load_error is not None:
            return _unloadable(tests, shown.load_error)
        left = limits.per_answer_seconds - (time.monotonic() - started)
        if left < limits.per_test_seconds / 2:  # the answer's time went on the visible tests
            late = "hidden test: not run: no time left"
            secret = RunReport(
                [TestResult(i, True, Outcome.TIMEOUT, late) for i in range(len(hidden))]
            )
        else:
            rest = dataclasses.replace(limits, per_answer_seconds=left)
            secret = self.run_many([(code, entry_point, hidden)], rest)[0]
        parts = {False: iter(shown.results), True: iter(secret.results)}
        merged = [dataclasses.replace(next(parts[t.hidden]), index=i) for i, t in enumerate(tests)]
        return RunReport(merged, load_error=secret.load_error)

    def run_many(self, jobs: Sequence[Job], limits: Limits | None = None) -> list[RunReport]:
        """Run several programs in ONE child, each in a fresh namespace: TRUSTED code only.

        Meant for checking a bank's reference solutions quickly. The jobs share a
        process, so one can tamper with the next (builtins, modules, memory): never
        pass candidate answers here. A job that ends the child ends its batch; the
        jobs after it are run again in a new child.
        """
        limits = limits or self.limits
        reports: list[RunReport] = []
        while len(reports) < len(jobs):
            reports += self._batch(jobs[len(reports) :], limits)
        return reports

    def _batch(self, jobs: Sequence[Job], limits: Limits) -> list[RunReport]:
        """Reports for a prefix of `jobs`, up to and including the one that ended the child."""
        result_r, result_w = os.pipe()
        nonce = secrets.token_hex(16)
        payload, n_sent, rejected = _payload(jobs, limits, result_w, nonce)
        seconds = limits.per_answer_seconds * len(jobs)
        cap = (n_sent + 2 * len(jobs) + 1) * (limits.output_bytes + 1024)
        with (
            tempfile.TemporaryDirectory(prefix="mockbot-run-", ignore_cleanup_errors=True) as cwd,
            tempfile.TemporaryFile() as stdin,
        ):
            stdin.write(payload)
            stdin.seek(0)
            launch = self.launcher.launch(HARNESS_ARGV, cwd)
            try:
                proc = subprocess.Popen(
                    launch.argv,
                    stdin=stdin,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.PIPE,
                    cwd=launch.cwd,
                    env=_ENV,
                    pass_fds=(result_w, *launch.fds),
                    start_new_session=True,
                    user=launch.user,
                    group=launch.group,
                    extra_groups=[] if launch.group is not None else None,
                )
            except OSError as exc:
                os.close(result_r)
                _log.error("cannot start the code runner %s: %s", launch.argv[0], exc)
                return [_unloadable(t, "the code runner could not start") for _, _, t in jobs]
            finally:
                os.close(result_w)
                launch.close()
            assert proc.stderr is not None
            with proc, open(result_r, "rb", buffering=0) as results:  # exit waits for the child
                deadline = time.monotonic() + seconds + _STARTUP_GRACE_SECONDS
                done = f'{nonce} {{"done": true}}\n'.encode()
                try:
                    status, data, stderr = _collect(results, proc.stderr, deadline, cap, done)
                finally:  # also kills what the code forked; unreaped, so the id is still ours
                    with contextlib.suppress(ProcessLookupError, PermissionError):
                        os.killpg(proc.pid, signal.SIGKILL)
        if status != "done":
            _log.info(
                "code runner ended early (%s, %s): %r", status, proc.returncode, stderr[-300:]
            )
        events = outcomes.parse_events(data, len(jobs), nonce)
        end = outcomes.ended(status, launch.returncode(proc.returncode), seconds)
        reports: list[RunReport] = []
        for (_, entry_point, tests), bad, ev in zip(jobs, rejected, events, strict=True):
            report, complete = _report(entry_point, tests, bad, ev, end, limits.per_test_seconds)
            reports.append(report)
            if not complete:
                break
        return reports


def harness_limits(limits: Limits, n_jobs: int = 1) -> dict[str, int]:
    """The rlimits the harness applies to itself: the job fields `_apply_limits` reads."""
    return {
        "memory_mb": limits.memory_mb,
        "cpu_seconds": math.ceil(limits.per_answer_seconds * n_jobs) + 1,
        "file_bytes": _FILE_BYTES,
        "processes": limits.processes,
    }


def _payload(
    jobs: Sequence[Job], limits: Limits, result_fd: int, nonce: str
) -> tuple[bytes, int, list[dict[int, str]]]:
    """The child's job: code and arguments only; expected values never leave the parent."""
    items, rejected, n_sent = [], [], 0
    for code, entry_point, tests in jobs:
        encoded: list[list[Any]] = []
        bad: dict[int, str] = {}
        for i, test in enumerate(tests):
            try:
                encoded.append([i, encode(list(test.args))])
            except (Unsupported, RecursionError) as exc:
                bad[i] = f"its arguments cannot be passed to the code ({exc})"
        items.append({"code": code, "entry_point": entry_point, "tests": encoded})
        rejected.append(bad)
        n_sent += len(encoded)
    job = {
        "result_fd": result_fd,
        "nonce": nonce,
        **harness_limits(limits, len(jobs)),
        "per_test_seconds": max(limits.per_test_seconds, 0.001),
        "max_value_bytes": limits.output_bytes,
        "jobs": items,
    }
    return json.dumps(job, ensure_ascii=True).encode("ascii"), n_sent, rejected


def _collect(
    results: BinaryIO, errors: IO[bytes], deadline: float, cap: int, done: bytes
) -> tuple[str, bytes, bytes]:
    """Read the result pipe until the child is done, the deadline passes or `cap` is hit.

    Memory stays bounded whatever the child writes: results are capped, stderr keeps
    only its tail, and stdout goes to /dev/null.
    """
    data, err = bytearray(), b""
    with selectors.DefaultSelector() as sel:
        sel.register(results, selectors.EVENT_READ)
        sel.register(errors, selectors.EVENT_READ)
        while (remaining := deadline - time.monotonic()) > 0:
            for key, _ in sel.select(remaining):
                chunk = os.read(key.fd, 65536)
                if key.fileobj is errors:
                    err = (err + chunk)[-_STDERR_BYTES:]
                    if not chunk:
                        sel.unregister(errors)
                    continue
                data += chunk
                if data.endswith(done):
                    return "done", bytes(data), err
                if not chunk:
                    return "eof", bytes(data), err
                if len(data) > cap:
                    return "overflow", bytes(data), err
    return "timeout", bytes(data), err


def _unloadable(tests: Sequence[CodingTest], message: str) -> RunReport:
    hidden = "hidden test: the code did not load"
    results = [
        TestResult(i, t.hidden, Outcome.ERROR, hidden if t.hidden else message)
        for i, t in enumerate(tests)
    ]
    return RunReport(results, load_error=message)


def _report(
    entry_point: str,
    tests: Sequence[CodingTest],
    rejected: dict[int, str],
    ev: outcomes.Events,
    end: outcomes.Ended,
    per_test_seconds: float,
) -> tuple[RunReport, bool]:
    """The job's report, and whether the child got through all of the job's tests."""
    if ev.load_error is not None:
        return _unloadable(tests, ev.load_error), True
    if not ev.loaded:
        return _unloadable(tests, f"the code {end.why} while loading"), False
    results: list[TestResult] = []
    missing = 0
    for i, test in enumerate(tests):
        call = outcomes.call_text(entry_point, test.args)
        if i in rejected:
            outcome, shown, hidden = "error", f"{call}: {rejected[i]}", "could not be run"
        elif i in ev.results:
            outcome, shown, hidden = outcomes.judge(call, test, ev.results[i], per_test_seconds)
        else:
            missing += 1
            outcome, shown, hidden = outcomes.unfinished(call, end, first=missing == 1)
        detail = f"hidden test: {hidden}" if test.hidden else shown
        if outcome == "pass":
            detail = ""
        results.append(TestResult(i, test.hidden, Outcome(outcome), detail))
    return RunReport(results), missing == 0
