"""Candidate code under bubblewrap: what the sandbox looks like and how to find one.

Why bubblewrap: it is one small, unprivileged binary from the distribution that
sets up the same kernel namespaces container runtimes use, needs no daemon, and
costs a few milliseconds per run. The sandbox it builds here has no network, no
capabilities, no view of the host's processes or files beyond the read-only
system directories, and one small private tmpfs as the only writable place.

Running as root, we hand bubblewrap to an unprivileged host uid first: the
kernel never enforces RLIMIT_NPROC for root, and a sandbox that maps back to
uid 0 is one kernel bug away from root on the host.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from bot import config
from bot.sandbox import seccomp
from bot.scoring.runner import Launch

NOBODY = 65534
TMPFS_BYTES = 32 * 1024 * 1024
SHM_BYTES = 4 * 1024 * 1024
SANDBOX_ENV = {
    "PATH": "/usr/bin:/bin",
    "HOME": "/tmp",
    "LANG": "C.UTF-8",
    "PYTHONDONTWRITEBYTECODE": "1",
    "PYTHONHASHSEED": "0",
}
# Merged-/usr systems make these symlinks into /usr; older ones have real directories.
_SYSTEM_DIRS = ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
_PROBE_TIMEOUT_SECONDS = 10.0
INSTALL_HINT = (
    "install bubblewrap (Debian/Ubuntu: `sudo apt-get install bubblewrap`; "
    "Fedora: `sudo dnf install bubblewrap`; Arch: `sudo pacman -S bubblewrap`)"
)


@dataclass(frozen=True)
class Sandbox:
    """A sandbox that was found to work on this machine."""

    bwrap: str
    python: str  # the interpreter, at the same path inside as outside
    python_root: str | None  # its install, bound read-only when it is not under /usr
    run_as: int | None  # host uid (and gid) to start bubblewrap as; None: our own
    version: str = ""


class SandboxUnavailable(Exception):
    """No working sandbox here; the message says why and what to do."""


class BwrapLauncher:
    name = "bubblewrap"

    def __init__(self, sandbox: Sandbox, tmpfs_bytes: int = TMPFS_BYTES) -> None:
        self.sandbox = sandbox
        self.tmpfs_bytes = tmpfs_bytes

    def launch(self, harness_argv: list[str], workdir: str) -> Launch:
        # `workdir` is the host's temporary directory; the sandbox never sees it.
        fds: tuple[int, ...] = ()
        opts = self.options()
        program = seccomp.filter_program()
        if program is not None:
            fd = _readable_fd(program)
            fds = (fd,)
            opts += ["--seccomp", str(fd)]
        argv = [*opts, "--", self.sandbox.python, *harness_argv]
        uid = self.sandbox.run_as
        return Launch(argv, "/", user=uid, group=uid, signal_as_exit_status=True, fds=fds)

    def options(self) -> list[str]:
        box = self.sandbox
        opts = [
            box.bwrap,
            "--unshare-all",  # user, pid, net, ipc, uts, mount, cgroup namespaces
            "--unshare-user",  # explicit: needed as root, and for --disable-userns
            "--disable-userns",  # no nested user namespace to regain capabilities in
            "--cap-drop",
            "ALL",
            "--die-with-parent",
            "--new-session",  # no TIOCSTI into a terminal
            "--uid",
            str(NOBODY),
            "--gid",
            str(NOBODY),
            "--hostname",
            "sandbox",
            "--ro-bind",
            "/usr",
            "/usr",
        ]
        for path in _SYSTEM_DIRS:
            if os.path.islink(path):
                opts += ["--symlink", os.readlink(path), path]
            elif os.path.isdir(path):
                opts += ["--ro-bind", path, path]
        opts += ["--ro-bind-try", "/etc/ld.so.cache", "/etc/ld.so.cache"]
        if box.python_root:
            opts += ["--ro-bind", box.python_root, box.python_root]
        opts += ["--proc", "/proc", "--dev", "/dev"]
        # /dev is a writable tmpfs as --dev makes it: give /dev/shm its own small one, then
        # freeze /dev, so /tmp and /dev/shm are the only, bounded, writable places.
        opts += ["--size", str(SHM_BYTES), "--tmpfs", "/dev/shm", "--remount-ro", "/dev"]
        opts += ["--size", str(self.tmpfs_bytes), "--tmpfs", "/tmp", "--chdir", "/tmp"]
        opts += ["--remount-ro", "/", "--clearenv"]
        for key, value in SANDBOX_ENV.items():
            opts += ["--setenv", key, value]
        return opts


def _readable_fd(data: bytes) -> int:
    """A pipe's read end already holding `data` (a few hundred bytes: fits the buffer)."""
    r, w = os.pipe()
    try:
        os.write(w, data)
    finally:
        os.close(w)
    return r


def run_probe(box: Sandbox, argv: list[str], timeout: float) -> subprocess.CompletedProcess[str]:
    """Run a trusted probe program in the sandbox exactly as answers run."""
    launch = BwrapLauncher(box).launch(argv, "/")
    try:
        return subprocess.run(
            launch.argv,
            capture_output=True,
            text=True,
            timeout=timeout,
            env=SANDBOX_ENV,
            cwd=launch.cwd,
            user=launch.user,
            group=launch.group,
            extra_groups=[] if launch.group is not None else None,
            pass_fds=launch.fds,
        )
    finally:
        launch.close()


def find(env: Mapping[str, str] = os.environ) -> Sandbox:
    """A working sandbox, or SandboxUnavailable saying why; tries a real run to be sure."""
    bwrap = env.get("MOCKBOT_BWRAP") or shutil.which("bwrap")
    if not bwrap or not os.access(bwrap, os.X_OK):
        raise SandboxUnavailable(f"bubblewrap (bwrap) is not installed: {INSTALL_HINT}")
    run_as = _run_as(env)
    python = _python(env, run_as)
    box = Sandbox(bwrap, python, _install_root(python), run_as, _version(bwrap))
    _try(box)
    return box


def _run_as(env: Mapping[str, str]) -> int | None:
    if os.geteuid() != 0:
        return None
    raw = env.get("MOCKBOT_SANDBOX_UID", str(NOBODY))
    try:
        uid = int(raw)
    except ValueError:
        raise SandboxUnavailable(f"MOCKBOT_SANDBOX_UID must be a number, not {raw!r}") from None
    if uid == 0:
        raise SandboxUnavailable(
            "MOCKBOT_SANDBOX_UID must not be 0: the sandbox never runs as root"
        )
    return uid


def _python(env: Mapping[str, str], run_as: int | None) -> str:
    """An interpreter the sandbox uid can run: ours if it can, else the system's."""
    wanted = env.get("MOCKBOT_SANDBOX_PYTHON")
    candidates = (
        [wanted] if wanted else [sys.executable, "/usr/bin/python3", "/usr/local/bin/python3"]
    )
    for candidate in candidates:
        real = os.path.realpath(candidate)
        if os.path.isfile(real) and _runnable_by(real, run_as) and _bindable(real):
            return real
    if wanted:
        raise SandboxUnavailable(
            f"MOCKBOT_SANDBOX_PYTHON={wanted} is not an interpreter the sandbox can run"
        )
    who = f"uid {run_as}" if run_as is not None else "this user"
    raise SandboxUnavailable(
        f"no Python interpreter that {who} can run: install python3 from the "
        "distribution, or set MOCKBOT_SANDBOX_PYTHON"
    )


def _runnable_by(path: str, run_as: int | None) -> bool:
    """For a uid we switch to, every directory on the way must be open to others."""
    if run_as is None:
        return os.access(path, os.X_OK)
    p = Path(path)
    for part in [p, *p.parents]:
        try:
            st = part.stat()
        except OSError:
            return False
        need = stat.S_IXOTH | (stat.S_IROTH if part == p else 0)
        if st.st_uid != run_as and st.st_mode & need != need:
            return False
    return True


def _install_root(python: str) -> str | None:
    """The directory holding the interpreter's bin/ and lib/, when /usr does not cover it."""
    root = str(Path(python).parent.parent)
    return None if root == "/usr" or root.startswith("/usr/") else root


def _bindable(python: str) -> bool:
    """An install root we may expose: never `/`, never one holding the bot's own files."""
    root = _install_root(python)
    if root is None:
        return True
    project = str(config.PROJECT_ROOT)
    return root != "/" and not (project == root or project.startswith(root.rstrip("/") + "/"))


def _version(bwrap: str) -> str:
    try:
        done = subprocess.run([bwrap, "--version"], capture_output=True, text=True, timeout=5)
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip()


def _try(box: Sandbox) -> None:
    try:
        done = run_probe(box, ["-S", "-c", "print('ok')"], _PROBE_TIMEOUT_SECONDS)
    except (OSError, subprocess.SubprocessError) as exc:
        raise SandboxUnavailable(f"bubblewrap could not start: {exc}") from None
    if done.returncode != 0 or done.stdout.strip() != "ok":
        why = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise SandboxUnavailable(
            f"bubblewrap is installed but cannot build a sandbox here ({why}); "
            "unprivileged user namespaces may be disabled "
            "(sysctl kernel.unprivileged_userns_clone=1, or the AppArmor "
            "restriction on Ubuntu 24.04+), or bubblewrap is older than 0.8"
        )
