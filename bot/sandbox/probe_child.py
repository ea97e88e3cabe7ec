"""Run inside the sandbox by `mockbot sandbox check`: report what the code there can do.

Like the harness, this runs as `python -c` source in a bare interpreter, so it
uses only the standard library. It applies the harness's own limits first
(argv[1] is the harness source), so the check sees what an answer sees.
"""

from __future__ import annotations

import ctypes
import json
import os
import resource
import socket
import sys
import time
from typing import Any

_NAMESPACES = ("user", "pid", "net", "ipc", "uts", "mnt", "cgroup")


def _status(field: str) -> str:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return line.split(":", 1)[1].strip()
    return ""


def _can_write(path: str) -> bool:
    try:
        with open(path, "w") as f:
            f.write("x")
        return True
    except OSError:
        return False


def _forks(limit: int) -> int:
    kids, made = [], 0
    for _ in range(limit + 4):
        try:
            pid = os.fork()
        except OSError:
            break
        if pid == 0:
            time.sleep(3)
            os._exit(0)
        kids.append(pid)
        made += 1
    for pid in kids:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
    return made


def _loopback_open(port: int) -> bool:
    s = socket.socket()
    s.settimeout(1)
    try:
        s.connect(("127.0.0.1", port))
        return True
    except OSError:
        return False
    finally:
        s.close()


def _route_out() -> bool:
    # A UDP connect sends nothing; it only asks the kernel for a route.
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        s.connect(("192.0.2.1", 9))
        return True
    except OSError:
        return False
    finally:
        s.close()


def _sysv_shm() -> bool:
    libc = ctypes.CDLL(None, use_errno=True)
    return int(libc.shmget(0, 4096, 0o1600)) >= 0  # IPC_PRIVATE, IPC_CREAT | 0600


def main() -> None:
    job = json.loads(sys.argv[2])
    harness: dict[str, Any] = {"__name__": "mockbot_harness"}
    exec(compile(sys.argv[1], "harness", "exec"), harness)
    harness["_apply_limits"](job)
    libc = ctypes.CDLL(None, use_errno=True)
    sig = ctypes.c_int(0)
    libc.prctl(2, ctypes.byref(sig), 0, 0, 0)  # PR_GET_PDEATHSIG
    with open("/proc/net/dev") as f:
        interfaces = [line.split(":")[0].strip() for line in f.readlines()[2:]]
    vfs, shm = os.statvfs("/tmp"), os.statvfs("/dev/shm")
    facts = {
        "uid": os.getuid(),
        "gid": os.getgid(),
        "cap_eff": _status("CapEff"),
        "cap_bnd": _status("CapBnd"),
        "no_new_privs": _status("NoNewPrivs"),
        "namespaces": {n: os.readlink(f"/proc/self/ns/{n}") for n in _NAMESPACES},
        "interfaces": interfaces,
        "route_out": _route_out(),
        "loopback_open": {str(p): _loopback_open(p) for p in job["ports"]},
        "write_usr": _can_write("/usr/mockbot-probe"),
        "write_root": _can_write("/mockbot-probe"),
        "write_tmp": _can_write("/tmp/mockbot-probe"),
        "write_dev": _can_write("/dev/mockbot-probe"),
        "shm_bytes": shm.f_blocks * shm.f_frsize,
        "sysv_shm": _sysv_shm(),
        "nice": os.nice(0),
        "tmp_bytes": vfs.f_blocks * vfs.f_frsize,
        "env": sorted(os.environ),
        "visible": {p: os.path.exists(p) for p in job["paths"]},
        "pids": sorted(int(p) for p in os.listdir("/proc") if p.isdigit()),
        "pdeathsig": sig.value,
        "limits": {
            name: resource.getrlimit(getattr(resource, "RLIMIT_" + name))[0]
            for name in ("AS", "CPU", "FSIZE", "NOFILE", "NPROC")
        },
        "forks": _forks(job["processes"]),
    }
    print(json.dumps(facts))


if __name__ == "__main__":
    main()
