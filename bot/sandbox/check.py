"""`mockbot sandbox check`: does the sandbox work here, and which protections hold?

Every line is measured from inside a real sandbox run, not read off our own
configuration: a kernel or distribution that quietly drops a protection shows
up as a red line instead of a false promise.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from bot import config
from bot.sandbox import seccomp
from bot.sandbox.bwrap import (
    SANDBOX_ENV,
    SHM_BYTES,
    TMPFS_BYTES,
    Sandbox,
    SandboxUnavailable,
    find,
    run_probe,
)
from bot.scoring.runner import HARNESS_ARGV, Limits, harness_limits

_PROBE = Path(__file__).with_name("probe_child.py").read_text(encoding="utf-8")
_HARNESS_SOURCE = HARNESS_ARGV[-1]
_TIMEOUT_SECONDS = 20.0
_PORTS = (5432, 6379)  # PostgreSQL and Redis: the services most likely to be near the bot
_NAMESPACES = ("user", "pid", "net", "ipc", "uts", "mnt", "cgroup")
_MB = 1024 * 1024


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str


@dataclass(frozen=True)
class Report:
    sandbox: Sandbox | None
    checks: list[Check]
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and all(c.ok for c in self.checks)


def run_check(env: Mapping[str, str] = os.environ, limits: Limits | None = None) -> Report:
    limits = limits or Limits()
    try:
        box = find(env)
    except SandboxUnavailable as exc:
        return Report(None, [], str(exc))
    try:
        facts = _probe(box, limits)
    except (OSError, subprocess.SubprocessError, ValueError) as exc:
        return Report(box, [], f"the probe did not run in the sandbox: {exc}")
    return Report(box, _judge(box, facts, limits))


def _probe(box: Sandbox, limits: Limits) -> dict[str, object]:
    secret = [str(config.PROJECT_ROOT), "/etc/shadow", "/root", "/home", "/var/lib/postgresql"]
    job = {
        **harness_limits(limits),  # exactly what an answer's harness sets
        "ports": list(_PORTS),
        "paths": secret,
    }
    done = run_probe(box, ["-S", "-c", _PROBE, _HARNESS_SOURCE, json.dumps(job)], _TIMEOUT_SECONDS)
    if done.returncode != 0:
        raise ValueError((done.stderr.strip().splitlines() or ["no output"])[-1])
    facts: dict[str, object] = json.loads(done.stdout)
    return facts


def _judge(box: Sandbox, f: dict[str, object], limits: Limits) -> list[Check]:
    ns = f["namespaces"]
    assert isinstance(ns, dict)
    host_ns = {n: os.readlink(f"/proc/self/ns/{n}") for n in _NAMESPACES}
    shared = [n for n in _NAMESPACES if ns.get(n) == host_ns[n]]
    host_uid = box.run_as if box.run_as is not None else os.getuid()
    loop = f["loopback_open"]
    assert isinstance(loop, dict)
    opened = [p for p, is_open in loop.items() if is_open]
    visible = f["visible"]
    assert isinstance(visible, dict)
    seen = [p for p, there in visible.items() if there]
    lim = f["limits"]
    assert isinstance(lim, dict)
    env = f["env"]
    assert isinstance(env, list)
    forks = f["forks"]
    assert isinstance(forks, int)
    tmp_bytes, shm_bytes = f["tmp_bytes"], f["shm_bytes"]
    assert isinstance(tmp_bytes, int) and isinstance(shm_bytes, int)
    caps_zero = f["cap_eff"] == f["cap_bnd"] == "0000000000000000"
    return [
        Check(
            "namespaces",
            not shared,
            "own " + ", ".join(_NAMESPACES)
            if not shared
            else "shared with the host: " + ", ".join(shared),
        ),
        Check(
            "network",
            f["interfaces"] == ["lo"] and not f["route_out"] and not opened,
            f"interfaces {f['interfaces']}; no route out; host ports "
            f"{', '.join(map(str, _PORTS))} unreachable"
            if not opened and not f["route_out"]
            else f"reachable: {opened or 'a route out'}",
        ),
        Check(
            "capabilities", caps_zero, "all dropped" if caps_zero else f"effective {f['cap_eff']}"
        ),
        Check("no new privileges", f["no_new_privs"] == "1", f"NoNewPrivs={f['no_new_privs']}"),
        Check(
            "non-root uid",
            f["uid"] != 0 and host_uid != 0,
            f"uid {f['uid']} inside, host uid {host_uid}",
        ),
        Check(
            "read-only system",
            not f["write_usr"] and not f["write_root"] and not f["write_dev"],
            "/, /usr and /dev read-only"
            if not (f["write_usr"] or f["write_root"] or f["write_dev"])
            else "writable: "
            + ", ".join(
                p
                for p, w in (
                    ("/usr", f["write_usr"]),
                    ("/", f["write_root"]),
                    ("/dev", f["write_dev"]),
                )
                if w
            ),
        ),
        Check(
            "private tmpfs",
            bool(f["write_tmp"]) and 0 < tmp_bytes <= TMPFS_BYTES and 0 < shm_bytes <= SHM_BYTES,
            f"/tmp writable, {tmp_bytes // _MB} MB, and /dev/shm, {shm_bytes // _MB} MB; "
            "gone after the run",
        ),
        Check(
            "syscall filter",
            not f["sysv_shm"] if seccomp.filter_program() is not None else False,
            "seccomp denies " + ", ".join(seccomp.denied_names())
            if not f["sysv_shm"]
            else "System V shared memory allowed: no seccomp filter for this machine",
        ),
        Check("low priority", f["nice"] == 10, f"nice {f['nice']}: the bot's work goes first"),
        Check(
            "host files hidden",
            not seen,
            "not visible: " + ", ".join(visible) if not seen else "visible: " + ", ".join(seen),
        ),
        Check(
            "cleared environment",
            set(env) <= {*SANDBOX_ENV, "PWD"},
            "only " + ", ".join(env),
        ),
        Check(
            "dies with parent",
            f["pdeathsig"] == 9,
            f"SIGKILL on parent exit (got {f['pdeathsig']})",
        ),
        Check("process view", len(f["pids"]) <= 3, f"sees {len(f['pids'])} processes"),  # type: ignore[arg-type]
        Check(
            "memory limit",
            lim["AS"] == limits.memory_mb * _MB,
            f"{lim['AS'] // _MB} MB address space",
        ),
        Check("CPU limit", 0 < lim["CPU"] <= limits.per_answer_seconds + 1, f"{lim['CPU']} s CPU"),
        Check(
            "file size limit", 0 < lim["FSIZE"] <= 1 << 20, f"{lim['FSIZE'] // 1024} KB per file"
        ),
        Check("open files limit", 0 < lim["NOFILE"] <= 64, f"{lim['NOFILE']} files"),
        Check(
            "process limit",
            lim["NPROC"] == limits.processes and forks < limits.processes,
            f"{lim['NPROC']} processes, enforced (a fork loop stopped at {forks})"
            if forks < limits.processes
            else f"NOT enforced: a fork loop made {forks}",
        ),
    ]
