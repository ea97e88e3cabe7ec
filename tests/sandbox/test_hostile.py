"""A hostile corpus: each program tries one way out, each is contained.

Most programs return what the attack got, and the test's expected value is
what a *successful* attack would return: a pass would mean the sandbox leaked.
Each test also checks the host side (files, processes, listeners), and after
every test a normal answer must still run and pass.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import socket
import sqlite3
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.content.schema import CodingTest
from bot.sandbox.bwrap import BwrapLauncher, Sandbox
from bot.scoring.runner import Limits, Outcome, RunReport, SubprocessRunner

LIMITS = Limits(per_test_seconds=1.0, per_answer_seconds=4.0, memory_mb=256)
SLOW_WRITER = Limits(per_test_seconds=4.0, per_answer_seconds=6.0, memory_mb=256)
NORMAL = "def solve(a, b):\n    return a + b\n"
NORMAL_TESTS = [CodingTest(args=[i, i], expected=2 * i) for i in range(10)]


@pytest.fixture(scope="module")
def runner(sandbox: Sandbox) -> SubprocessRunner:
    return SubprocessRunner(LIMITS, launcher=BwrapLauncher(sandbox))


@pytest.fixture(autouse=True)
def next_answer_runs_fine(runner: SubprocessRunner) -> Iterator[None]:
    yield
    report = runner.run(NORMAL, "solve", NORMAL_TESTS)
    assert report.passed == 10, report


def attack(runner: SubprocessRunner, code: str, expected: Any, *args: Any) -> RunReport:
    """Run `solve(*args)` once; `expected` is what a successful attack returns."""
    report = runner.run(code, "solve", [CodingTest(args=list(args), expected=expected)])
    assert report.total == 1
    assert report.results[0].outcome is not Outcome.PASS, report
    return report


def details(report: RunReport) -> str:
    return " ".join([r.detail for r in report.results] + [report.load_error or ""])


def got(report: RunReport) -> str:
    """What the code produced, without the test's expected value (the canary itself)."""
    return " ".join(r.detail.split(", expected ")[0] for r in report.results)


def _host_pids_matching(marker: str) -> list[int]:
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if marker.encode() in cmd:
            found.append(int(pid))
    return found


# ------------------------------------------------------------------ secrets on disk


def test_cannot_read_etc_shadow(runner: SubprocessRunner) -> None:
    shadow = Path("/etc/shadow")
    expected = shadow.read_text() if os.access(shadow, os.R_OK) else "root:"
    code = "def solve():\n    return open('/etc/shadow').read()\n"
    report = attack(runner, code, expected)
    assert report.results[0].outcome is Outcome.ERROR
    assert "FileNotFoundError" in details(report)


def test_cannot_list_host_users(runner: SubprocessRunner) -> None:
    code = "def solve():\n    return open('/etc/passwd').read().count(':x:') > 0\n"
    attack(runner, code, True)


def test_cannot_read_the_bots_database_file(runner: SubprocessRunner, tmp_path: Path) -> None:
    db = tmp_path / "mockbot.db"
    with sqlite3.connect(db) as conn:
        conn.execute("create table secrets (token text)")
        conn.execute("insert into secrets values ('xoxb-database-canary')")
    conn.close()
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    code = (
        "def solve(path):\n"
        "    data = open(path, 'rb').read()\n"
        "    open(path, 'wb').write(b'')\n"
        "    return data.hex()\n"
    )
    report = attack(runner, code, db.read_bytes().hex(), str(db))
    assert "FileNotFoundError" in got(report)
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_cannot_read_the_bots_source_or_home(runner: SubprocessRunner) -> None:
    root = str(Path(__file__).resolve().parents[2])
    code = (
        "import os\n"
        "def solve(root):\n"
        "    return [p for p in (root, '/root', '/home', os.path.expanduser('~/.ssh')) "
        "if os.path.exists(p) and os.listdir(p)]\n"
    )
    report = attack(runner, code, [root], root)
    assert "returned []" in got(report)


# ------------------------------------------------------------------ the bot's environment


def test_cannot_see_the_bots_environment(
    runner: SubprocessRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MOCKBOT_SLACK_BOT_TOKEN", "xoxb-env-canary")
    code = "import os\ndef solve():\n    return os.environ.get('MOCKBOT_SLACK_BOT_TOKEN')\n"
    report = attack(runner, code, "xoxb-env-canary")
    assert "returned None" in got(report) and "canary" not in got(report)


def test_cannot_read_other_processes_environ_through_proc(
    runner: SubprocessRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MOCKBOT_OPENAI_API_KEY", "sk-proc-canary")
    code = (
        "import os\n"
        "def solve(ppid):\n"
        "    found = []\n"
        "    for pid in [p for p in os.listdir('/proc') if p.isdigit()] + [str(ppid)]:\n"
        "        try:\n"
        "            found.append(open(f'/proc/{pid}/environ', 'rb').read().decode())\n"
        "        except OSError:\n"
        "            pass\n"
        "    return [e for e in found if 'canary' in e]\n"
    )
    report = attack(runner, code, ["sk-proc-canary"], os.getpid())
    assert "returned []" in got(report) and "canary" not in got(report)


def test_proc_shows_only_the_sandbox(runner: SubprocessRunner) -> None:
    code = (
        "import os\n"
        "def solve():\n"
        "    pids = [p for p in os.listdir('/proc') if p.isdigit()]\n"
        "    cmds = [open(f'/proc/{p}/cmdline', 'rb').read() for p in pids]\n"
        "    return len(pids) > 3 or any(b'pytest' in c or b'postgres' in c for c in cmds)\n"
    )
    attack(runner, code, True)


# ------------------------------------------------------------------ writing


def test_cannot_write_outside_the_tmpfs(runner: SubprocessRunner, tmp_path: Path) -> None:
    target = tmp_path / "pwned"
    code = (
        "def solve(target):\n"
        "    wrote = []\n"
        "    for path in (target, '/usr/pwned', '/pwned', '/etc/pwned'):\n"
        "        try:\n"
        "            open(path, 'w').write('x')\n"
        "            wrote.append(path)\n"
        "        except OSError:\n"
        "            pass\n"
        "    return wrote\n"
    )
    attack(runner, code, [str(target)], str(target))
    assert not target.exists()
    assert not Path("/usr/pwned").exists() and not Path("/pwned").exists()


def test_the_tmpfs_is_private_and_gone_after_the_run(runner: SubprocessRunner) -> None:
    marker = f"mockbot-private-{os.getpid()}"
    code = f"def solve():\n    open('/tmp/{marker}', 'w').write('x')\n    return 1\n"
    report = runner.run(code, "solve", [CodingTest(args=[], expected=1)])
    assert report.passed == 1  # writing there is allowed...
    assert not Path(f"/tmp/{marker}").exists()  # ...and invisible to the host


def test_cannot_fill_memory_through_the_tmpfs(runner: SubprocessRunner) -> None:
    code = (
        "def solve():\n"
        "    n = 0\n"
        "    try:\n"
        "        for i in range(200):\n"
        "            with open(f'/tmp/f{i}', 'wb') as f:\n"
        "                f.write(b'x' * 1_000_000)\n"
        "            n += 1\n"
        "    except OSError:\n"
        "        pass\n"
        "    return n\n"
    )
    report = attack(runner, code, 200)
    assert report.results[0].outcome is Outcome.FAIL  # stopped by the 32 MB tmpfs


# ------------------------------------------------------------------ network


def test_cannot_reach_a_host_service_on_loopback(runner: SubprocessRunner) -> None:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.5)
    port = server.getsockname()[1]
    accepted: list[object] = []

    def accept() -> None:
        with contextlib.suppress(OSError):
            accepted.append(server.accept())

    thread = threading.Thread(target=accept)
    thread.start()
    code = (
        "import socket\n"
        "def solve(port):\n"
        "    s = socket.create_connection(('127.0.0.1', port), timeout=0.5)\n"
        "    s.sendall(b'pwned')\n"
        "    return True\n"
    )
    report = attack(runner, code, True, port)
    thread.join()
    server.close()
    assert accepted == []
    assert "ConnectionRefusedError" in details(report)


def test_cannot_reach_postgresql(runner: SubprocessRunner) -> None:
    code = (
        "import socket\n"
        "def solve():\n"
        "    socket.create_connection(('127.0.0.1', 5432), timeout=0.5)\n"
        "    return 'connected'\n"
    )
    attack(runner, code, "connected")


def test_has_no_route_to_the_outside(runner: SubprocessRunner) -> None:
    # A UDP connect sends no packet; it only asks the kernel for a route.
    code = (
        "import socket\n"
        "def solve():\n"
        "    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
        "    s.connect(('192.0.2.1', 53))\n"
        "    return open('/proc/net/dev').read().count(':')\n"
    )
    report = attack(runner, code, 2)
    assert "OSError" in details(report)  # Network is unreachable


def test_cannot_resolve_names(runner: SubprocessRunner) -> None:
    code = "import socket\ndef solve():\n    return socket.gethostbyname('localhost.localdomain')\n"
    attack(runner, code, "127.0.0.1")


# ------------------------------------------------------------------ starving the host


def test_fork_bomb_is_contained(runner: SubprocessRunner) -> None:
    code = "import os\ndef solve():\n    while True:\n        os.fork()\n"
    report = attack(runner, code, None)
    assert "BlockingIOError" in details(report) or "crashed" in details(report)


def test_the_process_limit_stops_a_fork_loop(runner: SubprocessRunner) -> None:
    code = (
        "import os, time\n"
        "def solve():\n"
        "    made = 0\n"
        "    try:\n"
        "        for _ in range(64):\n"
        "            if os.fork() == 0:\n"
        "                time.sleep(5)\n"
        "                os._exit(0)\n"
        "            made += 1\n"
        "    except OSError:\n"
        "        pass\n"
        "    return made\n"
    )
    report = attack(runner, code, 64)
    made = int(got(report).split("returned ")[1])
    assert made < LIMITS.processes  # RLIMIT_NPROC holds, well before the wall clock


def test_thread_bomb_is_contained(runner: SubprocessRunner) -> None:
    code = (
        "import threading, time\n"
        "def solve():\n"
        "    for _ in range(10_000):\n"
        "        threading.Thread(target=time.sleep, args=(60,), daemon=True).start()\n"
        "    return 'started'\n"
    )
    report = attack(runner, code, "started")
    assert "can't start new thread" in details(report)


def test_memory_bomb_is_contained(runner: SubprocessRunner) -> None:
    code = "def solve():\n    return len(bytearray(8 * 1024**3))\n"
    report = attack(runner, code, 8 * 1024**3)
    assert "MemoryError" in details(report)


def test_slow_memory_growth_is_contained(runner: SubprocessRunner) -> None:
    code = "def solve():\n    keep = []\n    while True:\n        keep.append(b' ' * 10_000_000)\n"
    report = attack(runner, code, None)
    assert "MemoryError" in details(report)


def test_infinite_loop_times_out(runner: SubprocessRunner) -> None:
    report = attack(runner, "def solve():\n    while True:\n        pass\n", None)
    assert report.results[0].outcome is Outcome.TIMEOUT


def test_sleeping_forever_times_out(runner: SubprocessRunner) -> None:
    report = attack(runner, "import time\ndef solve():\n    time.sleep(10**6)\n", None)
    assert report.results[0].outcome is Outcome.TIMEOUT


def test_ignoring_the_alarm_still_ends_at_the_wall_clock(runner: SubprocessRunner) -> None:
    code = (
        "import signal, time\n"
        "def solve():\n"
        "    signal.signal(signal.SIGALRM, signal.SIG_IGN)\n"
        "    signal.setitimer(signal.ITIMER_REAL, 0)\n"
        "    time.sleep(10**6)\n"
    )
    report = attack(runner, code, None)
    assert report.results[0].outcome is Outcome.TIMEOUT


def test_100_mb_of_output_is_dropped(runner: SubprocessRunner) -> None:
    code = (
        "import os, sys\n"
        "def solve():\n"
        "    print('x' * 50_000_000)\n"
        "    os.write(1, b'y' * 25_000_000)\n"
        "    os.write(2, b'z' * 25_000_000)\n"
        "    return 7\n"
    )
    report = runner.run(code, "solve", [CodingTest(args=[], expected=7)])
    assert report.passed == 1  # the output went nowhere and cost the bot nothing


def test_flooding_the_result_pipe_is_cut_off(runner: SubprocessRunner) -> None:
    code = (
        "import os, stat\n"
        "def solve():\n"
        "    for fd in range(3, 64):\n"
        "        try:\n"
        "            if stat.S_ISFIFO(os.fstat(fd).st_mode):\n"
        "                while True:\n"
        "                    os.write(fd, b'0' * 1_000_000)\n"
        "        except OSError:\n"
        "            pass\n"
        "    return 'flooded'\n"
    )
    report = attack(runner, code, "flooded")
    assert report.results[0].outcome is Outcome.ERROR
    assert "more data than allowed" in details(report)


def test_huge_recursion_is_an_error(runner: SubprocessRunner) -> None:
    code = "def solve(n=0):\n    return solve(n + 1)\n"
    report = attack(runner, code, 0)
    assert "RecursionError" in details(report)


def test_a_crash_in_c_is_reported_as_a_crash(runner: SubprocessRunner) -> None:
    code = "import ctypes\ndef solve():\n    return ctypes.string_at(0)\n"
    report = attack(runner, code, b"")
    assert report.results[0].outcome is Outcome.ERROR
    assert "crashed (SIG" in details(report)


# ------------------------------------------------------------------ processes and signals


def test_spawned_subprocesses_run_as_nobody_inside(runner: SubprocessRunner) -> None:
    code = (
        "import subprocess\n"
        "def solve():\n"
        "    return subprocess.run(['id', '-u'], capture_output=True, text=True).stdout.strip()\n"
    )
    report = attack(runner, code, "0")
    assert "returned '65534'" in details(report)


def test_os_system_kill_all_cannot_touch_host_processes(runner: SubprocessRunner) -> None:
    # A host process with the sandbox's own host uid: `kill -9 -1` must not reach it.
    neighbour = subprocess.Popen(["sleep", "60"], user=65534 if os.geteuid() == 0 else None)
    try:
        code = "import os\ndef solve():\n    os.system('kill -9 -1')\n    return 'killed'\n"
        attack(runner, code, "killed")
        assert neighbour.poll() is None
    finally:
        neighbour.kill()
        neighbour.wait()


def test_signals_cannot_reach_the_bot(runner: SubprocessRunner) -> None:
    code = (
        "import os, signal\n"
        "def solve(bot_pid):\n"
        "    hit = []\n"
        "    for pid in (bot_pid, os.getppid(), 1):\n"
        "        try:\n"
        "            os.kill(pid, signal.SIGKILL)\n"
        "            hit.append(pid)\n"
        "        except OSError:\n"
        "            pass\n"
        "    return hit\n"
    )
    attack(runner, code, [os.getpid()], os.getpid())
    # Still here: the test process (standing in for the bot) was not signalled.


def test_killing_its_own_process_group_only_ends_the_answer(runner: SubprocessRunner) -> None:
    report = attack(runner, "import os\ndef solve():\n    os.killpg(0, 9)\n", None)
    assert report.results[0].outcome is Outcome.ERROR


def test_a_setsid_grandchild_does_not_outlive_the_run(runner: SubprocessRunner) -> None:
    marker = "4242.4242"
    code = (
        "import subprocess\n"
        "def solve():\n"
        f"    subprocess.Popen(['sleep', '{marker}'], start_new_session=True)\n"
        f"    subprocess.Popen(['setsid', 'sh', '-c', 'sleep {marker} &'])\n"
        "    return 'escaped'\n"
    )
    attack(runner, code, "never")
    deadline = time.monotonic() + 5
    while _host_pids_matching(f"sleep\0{marker}") and time.monotonic() < deadline:
        time.sleep(0.05)  # the kernel tears the pid namespace down asynchronously
    assert _host_pids_matching(f"sleep\0{marker}") == []


def test_no_privilege_back_through_ctypes(runner: SubprocessRunner) -> None:
    code = (
        "import ctypes\n"
        "def solve():\n"
        "    libc = ctypes.CDLL(None, use_errno=True)\n"
        "    ok = []\n"
        "    if libc.setuid(0) == 0: ok.append('setuid')\n"
        "    if libc.unshare(0x10000000) == 0: ok.append('unshare user')\n"
        "    if libc.mount(b'none', b'/tmp', b'tmpfs', 0, None) == 0: ok.append('mount')\n"
        "    if libc.chroot(b'/tmp') == 0: ok.append('chroot')\n"
        "    return ok\n"
    )
    report = attack(runner, code, ["setuid", "unshare user", "mount", "chroot"])
    assert "returned []" in details(report)


def test_no_nested_namespaces_or_mounts_from_the_shell(runner: SubprocessRunner) -> None:
    code = (
        "import subprocess\n"
        "def solve():\n"
        "    cmds = [['unshare', '-r', 'id'], ['mount', '-t', 'tmpfs', 'x', '/tmp']]\n"
        "    return [subprocess.run(c, capture_output=True).returncode for c in cmds]\n"
    )
    report = attack(runner, code, [0, 0])
    codes = got(report).split("returned ")[1]
    assert "0" not in codes.strip("[]").split(", ")  # every one refused, none missing (127)


def test_no_devices_or_sysfs(runner: SubprocessRunner) -> None:
    code = (
        "import os\n"
        "def solve():\n"
        "    return [p for p in ('/dev/mem', '/dev/sda', '/dev/kmsg', '/sys/kernel') "
        "if os.path.exists(p)]\n"
    )
    report = attack(runner, code, ["/dev/mem"])
    assert "returned []" in got(report)


def test_dev_and_dev_shm_cannot_hold_much(runner: SubprocessRunner) -> None:
    code = (
        "def solve():\n"
        "    wrote = 0\n"
        "    for path in ('/dev/x', *(f'/dev/shm/f{i}' for i in range(64))):\n"
        "        try:\n"
        "            with open(path, 'wb') as f:\n"
        "                f.write(b'x' * 1_000_000)\n"
        "            wrote += 1\n"
        "        except OSError:\n"
        "            pass\n"
        "    return wrote\n"
    )
    report = attack(runner, code, 65)
    assert int(got(report).split("returned ")[1]) <= 4  # /dev read-only, /dev/shm 4 MB


def test_system_v_shared_memory_is_denied(runner: SubprocessRunner) -> None:
    # Segments outlive the process that made them and are not counted by RLIMIT_AS.
    code = (
        "import ctypes\n"
        "def solve():\n"
        "    libc = ctypes.CDLL(None, use_errno=True)\n"
        "    ids = [libc.shmget(0, 64 << 20, 0o1600) for _ in range(8)]\n"
        "    return [i >= 0 for i in ids].count(True)\n"
    )
    report = attack(runner, code, 8)
    assert "returned 0" in got(report)


def test_the_job_cannot_be_read_back_from_stdin(runner: SubprocessRunner) -> None:
    code = "import os\ndef solve(x):\n    return os.pread(0, 4096, 0).decode()\n"
    report = runner.run(code, "solve", [CodingTest(args=["SECRET-ARG"], expected="")])
    assert 'SECRET-ARG"' not in got(report).replace("solve('SECRET-ARG')", "")
    assert report.results[0].outcome is Outcome.PASS  # fd 0 is /dev/null by then


def test_hidden_inputs_are_not_in_memory_during_visible_tests(runner: SubprocessRunner) -> None:
    code = (
        "import gc\n"
        "def solve(x):\n"
        "    seen = [repr(o) for o in gc.get_objects() if isinstance(o, list)]\n"
        "    raise ValueError([s for s in seen if 'HIDDEN-' + 'INPUT' in s][:1])\n"
    )
    report = runner.run(
        code,
        "solve",
        [
            CodingTest(args=[1], expected=1),
            CodingTest(args=["HIDDEN-INPUT"], expected=1, hidden=True),
        ],
    )
    assert "HIDDEN-INPUT" not in " ".join(r.detail for r in report.results)
    assert report.results[0].detail.endswith("raised ValueError: [] (line 4)")


def test_too_many_open_files_is_contained(runner: SubprocessRunner) -> None:
    code = "def solve():\n    return len([open('/dev/null') for _ in range(100_000)])\n"
    report = attack(runner, code, 100_000)
    assert "Too many open files" in details(report)


# ------------------------------------------------------------------ other answers and the harness


def test_cannot_read_another_answers_files(runner: SubprocessRunner) -> None:
    writer = "def solve():\n    open('/tmp/answer.txt', 'w').write('alice-secret')\n    return 1\n"
    assert runner.run(writer, "solve", [CodingTest(args=[], expected=1)]).passed == 1
    reader = "def solve():\n    return open('/tmp/answer.txt').read()\n"
    report = attack(runner, reader, "alice-secret")
    assert "FileNotFoundError" in details(report)


def test_cannot_read_a_concurrent_answers_files(runner: SubprocessRunner) -> None:
    writer = (
        "import time\n"
        "def solve():\n"
        "    open('/tmp/live.txt', 'w').write('bob-secret')\n"
        "    time.sleep(2.5)\n"
        "    return 1\n"
    )
    result: list[RunReport] = []
    thread = threading.Thread(
        target=lambda: result.append(
            runner.run(writer, "solve", [CodingTest(args=[], expected=1)], SLOW_WRITER)
        )
    )
    thread.start()
    time.sleep(0.5)  # the writer is asleep with its file written for 2.5 s after this
    reader = (
        "import os\n"
        "def solve():\n"
        "    for pid in [p for p in os.listdir('/proc') if p.isdigit()]:\n"
        "        try:\n"
        "            return open(f'/proc/{pid}/root/tmp/live.txt').read()\n"
        "        except OSError:\n"
        "            pass\n"
        "    return open('/tmp/live.txt').read()\n"
    )
    attack(runner, reader, "bob-secret")
    thread.join()
    assert result[0].passed == 1


def test_printing_a_fake_pass_gains_nothing(runner: SubprocessRunner) -> None:
    code = (
        "import json\n"
        "def solve(x):\n"
        "    for line in ('PASS', json.dumps({'job': 0, 'test': 0, 'ok': 2 * x}), 'done'):\n"
        "        print(line)\n"
        "    return -1\n"
    )
    report = attack(runner, code, 14, 7)
    assert report.results[0].outcome is Outcome.FAIL


def test_forging_reports_on_the_result_pipe_gains_nothing(runner: SubprocessRunner) -> None:
    # Finds the harness's reporter (nonce included) in memory and sends forged
    # results; it still cannot know the expected value, which never enters the child.
    code = (
        "import gc\n"
        "def solve(x):\n"
        "    for o in gc.get_objects():\n"
        "        if type(o).__name__ == '_Reporter':\n"
        "            o.send({'job': 0, 'test': 0, 'ok': 'pass'})\n"
        "            o.send({'done': True})\n"
        "    return -1\n"
    )
    report = runner.run(
        code,
        "solve",
        [CodingTest(args=[1], expected=2), CodingTest(args=[2], expected=4, hidden=True)],
    )
    assert report.passed == 0
    assert all(r.outcome is not Outcome.PASS for r in report.results)
