"""Which runner a process gets for candidate code: the sandbox, or plainly none.

Never a silent fallback. Without a working sandbox, code answers are not run
and every scorecard says why. Only a person on their own console (or running
`mockbot score` on their own answers) may opt into running code unsandboxed
with MOCKBOT_UNSAFE_LOCAL_RUNNER=1, and they are warned each time it starts.
Chat adapters never honour that switch: their code comes from other people;
nor does anything running as root, where one `kill -9 -1` ends the machine.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass

from bot.sandbox.bwrap import BwrapLauncher, Sandbox, SandboxUnavailable, find
from bot.sandbox.pool import PooledRunner
from bot.scoring.runner import CodeRunner, Limits, NoRunner, SubprocessRunner

UNSAFE_VAR = "MOCKBOT_UNSAFE_LOCAL_RUNNER"
WORKERS_VAR = "MOCKBOT_SANDBOX_WORKERS"
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RunnerChoice:
    runner: CodeRunner
    isolation: str  # "bubblewrap", "local" (unsafe, opted in) or "none"
    warning: str | None = None  # for the operator, at start-up
    sandbox: Sandbox | None = None


def default_workers(env: Mapping[str, str] = os.environ) -> int:
    raw = env.get(WORKERS_VAR, "")
    if raw.strip().isdigit() and int(raw) > 0:
        return int(raw)
    return max(1, os.cpu_count() or 1)


def choose_runner(
    env: Mapping[str, str] = os.environ,
    *,
    allow_unsafe: bool,
    limits: Limits | None = None,
) -> RunnerChoice:
    """The sandbox when it works here; else the opted-in local runner; else none."""
    try:
        box = find(env)
    except SandboxUnavailable as exc:
        why = str(exc)
    else:
        inner = SubprocessRunner(limits or Limits(), launcher=BwrapLauncher(box))
        return RunnerChoice(PooledRunner(inner, default_workers(env)), "bubblewrap", sandbox=box)
    unsafe = env.get(UNSAFE_VAR) == "1"
    if unsafe and allow_unsafe and os.geteuid() == 0:
        # As root an answer's `os.system("kill -9 -1")` ends every process on the machine.
        note = f"no sandbox on this machine: {why} ({UNSAFE_VAR} is refused as root)"
        warning = f"Code answers will not be run: {note}."
        _log.warning(warning)
        return RunnerChoice(NoRunner(note), "none", warning)
    if unsafe and allow_unsafe:
        warning = (
            f"WARNING: {UNSAFE_VAR}=1: code answers run WITHOUT a sandbox, as your own "
            f"user, with your files and network ({why}). Only run code you trust."
        )
        _log.warning(warning)
        return RunnerChoice(SubprocessRunner(limits or Limits()), "local", warning)
    note = f"no sandbox on this machine: {why}"
    if unsafe:
        note += f" ({UNSAFE_VAR} is ignored here: chat users' code is never run unsandboxed)"
    elif allow_unsafe:
        note += f"; or set {UNSAFE_VAR}=1 to run your own code unsandboxed"
    warning = f"Code answers will not be run: {note}. Run `mockbot sandbox check` for details."
    _log.warning(warning)
    return RunnerChoice(NoRunner(note), "none", warning)


def trusted_runner(env: Mapping[str, str] = os.environ) -> tuple[SubprocessRunner, str | None]:
    """For a bank's own reference solutions: sandboxed when possible, else local with a note.

    Reference code is the content author's, reviewed like the rest of the repository,
    so running it locally is the author running their own code. Unpooled, so a whole
    bank runs in one batch.
    """
    try:
        return SubprocessRunner(launcher=BwrapLauncher(find(env))), None
    except SandboxUnavailable as exc:
        return SubprocessRunner(), f"reference solutions ran without a sandbox ({exc})"
