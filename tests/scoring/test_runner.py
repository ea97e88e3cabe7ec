"""SubprocessRunner: candidate code runs in a limited child and cannot harm or fool the bot."""

from __future__ import annotations

import os
from typing import Any

import pytest

from bot.content.schema import CodingTest
from bot.scoring.runner import Limits, Outcome, RunReport, SubprocessRunner

FAST = Limits(per_test_seconds=0.5, per_answer_seconds=5.0, memory_mb=256)


def t(args: list[Any], expected: Any, hidden: bool = False) -> CodingTest:
    return CodingTest(args=args, expected=expected, hidden=hidden)


def run(code: str, tests: list[CodingTest], limits: Limits = FAST, entry: str = "f") -> RunReport:
    return SubprocessRunner(limits).run(code, entry, tests)


def outcomes(report: RunReport) -> list[Outcome]:
    return [r.outcome for r in report.results]


P, F, E, T = Outcome.PASS, Outcome.FAIL, Outcome.ERROR, Outcome.TIMEOUT

MIXED = """
def f(x):
    if x == 2:
        return [][0]
    if x == 3:
        while True:
            pass
    return x * 10
"""


def test_each_test_gets_its_own_outcome_and_a_loop_does_not_stop_the_rest() -> None:
    tests = [t([1], 10), t([1], 11), t([2], 0), t([3], 30), t([4], 40)]
    report = run(MIXED, tests)
    assert outcomes(report) == [P, F, E, T, P]
    assert report.load_error is None and report.passed == 2 and report.total == 5
    details = [r.detail for r in report.results]
    assert details[1] == "f(1) returned 10, expected 11"
    assert details[2] == "f(2) raised IndexError: list index out of range (line 4)"
    assert details[3] == "f(3) timed out after 0.5 s"


def test_per_answer_timeout_when_the_per_test_alarm_is_disabled() -> None:
    code = "import signal\ndef f(x):\n    signal.signal(signal.SIGALRM, signal.SIG_IGN)\n"
    code += "    while True:\n        pass\n"
    limits = Limits(per_test_seconds=0.5, per_answer_seconds=1.0)
    report = run(code, [t([1], 1), t([2], 2, hidden=True)], limits)
    assert outcomes(report) == [T, T]
    assert "ran out of time" in report.results[0].detail
    assert report.results[1].detail == "hidden test: not run: no time left"


@pytest.mark.parametrize(
    "body",
    ["return bytearray(1 << 34)", "x = []\n    while True:\n        x.append(bytearray(1 << 24))"],
)
def test_memory_bomb_is_an_error_not_a_crash(body: str) -> None:
    # Generous time limits: the memory limit must stop this, however loaded the machine is.
    roomy = Limits(per_test_seconds=10.0, per_answer_seconds=30.0, memory_mb=256)
    report = run(f"def f(x):\n    {body}\n", [t([1], 1), t([2], 2)], roomy)
    assert outcomes(report) == [E, E]
    assert "MemoryError" in report.results[0].detail


def test_huge_output_is_dropped_and_results_still_arrive() -> None:
    code = """
import os, sys
def f(x):
    print("x" * 100_000_000)
    sys.__stdout__.write("y" * 10_000_000)
    os.write(2, b"z" * 10_000_000)
    return x
"""
    assert outcomes(run(code, [t([1], 1), t([2], 2)])) == [P, P]


def test_candidate_sees_a_clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOCKBOT_SLACK_BOT_TOKEN", "xoxb-secret-token")
    code = "import os\ndef f():\n    return sorted(os.environ.items())\n"
    expected = [
        ["LANG", "C.UTF-8"],
        ["PATH", "/usr/bin:/bin"],
        ["PYTHONDONTWRITEBYTECODE", "1"],
        ["PYTHONHASHSEED", "0"],
    ]
    report = run(code, [t([], expected)])
    assert outcomes(report) == [P], report.results[0].detail


def test_code_runs_in_a_temporary_directory_that_is_removed() -> None:
    report = run("import os\ndef f():\n    return os.getcwd()\n", [t([], "?")])
    cwd = report.results[0].detail.split("returned ")[1].split(",")[0].strip("'")
    assert "mockbot-run-" in cwd and not os.path.exists(cwd)


def test_printed_or_written_result_lines_do_not_count() -> None:
    forged = '{"job": 0, "test": 0, "ok": 42}\\n{"job": 0, "test": 1, "ok": 42}\\n{"done": true}'
    code = f"""
import os
def f(x):
    print("@@RESULT@@ {{\\"passed\\": 2, \\"total\\": 2}}")
    print('{forged}')
    for fd in range(3, 64):
        try:
            os.write(fd, b'{forged}\\n')
        except OSError:
            pass
    return -1
"""
    report = run(code, [t([1], 42), t([2], 42, hidden=True)])
    assert outcomes(report) == [F, F]


HIDDEN_ARGS, HIDDEN_EXPECTED = 987654321, 123456789


@pytest.mark.parametrize(
    ("body", "outcome", "detail"),
    [
        ("return x + 1", F, "hidden test: wrong answer"),
        ("raise ValueError(repr(x))", E, "hidden test: raised ValueError"),
        ("while True:\n        pass", T, "hidden test: timed out"),
        ("import os; os._exit(1)", E, "hidden test: stopped early (exit status 1)"),
        (
            "os.write(2, repr(x).encode()); os._exit(1)",
            E,
            "hidden test: stopped early (exit status 1)",
        ),
        ("raise type(f'E{x}', (Exception,), {})()", E, "hidden test: raised an exception"),
    ],
)
def test_hidden_test_details_never_show_input_or_expected(
    body: str, outcome: Outcome, detail: str
) -> None:
    code = f"import os\ndef f(x):\n    {body}\n"
    report = run(code, [t([HIDDEN_ARGS], HIDDEN_EXPECTED, hidden=True), t([5], 5, hidden=True)])
    assert report.results[0].outcome is outcome
    assert report.results[0].detail == detail
    for r in report.results:
        assert str(HIDDEN_ARGS) not in r.detail and str(HIDDEN_EXPECTED) not in r.detail


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("def f(x):\n    y = 1\n    return (x +\n", "SyntaxError on line 3: "),
        ("def g(x):\n    return x\n", "f is not defined"),
        ("f = 3\n", "f is not callable"),
        ("import numpy\n", "raised ModuleNotFoundError while loading (line 1): "),
        ("", "f is not defined"),
        ("x = '\udcff'\n", "the code cannot be compiled"),
        ("x = 1\0\n", "SyntaxError"),
        ("import os\nos._exit(0)\n", "the code stopped early (exit status 0) while loading"),
    ],
)
def test_code_that_cannot_load_sets_load_error(code: str, message: str) -> None:
    report = run(code, [t([1], 1), t([2], 2, hidden=True)])
    assert report.load_error is not None and report.load_error.startswith(message)
    assert outcomes(report) == [E, E]
    assert report.results[1].detail == "hidden test: the code did not load"


def test_a_megabyte_of_code_runs_or_is_refused_politely() -> None:
    code = "x = 1\n" * 170_000 + "def f(a):\n    return a\n"
    assert outcomes(run(code, [t([1], 1)], Limits(memory_mb=512))) == [P]
    report = run(code, [t([1], 1)], Limits(memory_mb=128))
    assert report.load_error == "the code is too large or too deeply nested to compile"


def test_a_segfault_gives_errors_for_the_remaining_tests() -> None:
    code = "import ctypes\ndef f(x):\n    return x if x < 2 else ctypes.string_at(0)\n"
    report = run(code, [t([1], 1), t([2], 2), t([3], 3)])
    assert outcomes(report) == [P, E, E]
    assert report.results[1].detail == "f(2) crashed (SIGSEGV)"
    assert "earlier test" in report.results[2].detail


@pytest.mark.parametrize(
    ("returned", "expected", "outcome"),
    [
        ("(0, 1)", [0, 1], P),
        ("[(1, 2), (3, (4,))]", [[1, 2], [3, [4]]], P),
        ("[0.1 + 0.2, 1 / 3]", [0.3, 0.3333333], P),
        ("{'p': [0.09003057, 0.24472847, 0.66524096]}", {"p": [0.0900306, 0.2447285, 0.665241]}, P),
        ("{1: 'a', 2: 'b'}", {1: "a", 2: "b"}, P),
        ("[0.31]", [0.3], F),
        ("float('nan')", float("nan"), F),
        ("1", True, F),
        ("'1'", 1, F),
        ("[1, 2]", [1, 2, 3], F),
        ("10 ** 5000", 10**5000, P),
        ("10 ** 5000 + 1", 10**5000, F),
        ("object()", None, F),
    ],
    ids=lambda v: v if isinstance(v, str) else type(v).__name__,
)
def test_return_values_are_normalised_and_compared(
    returned: str, expected: Any, outcome: Outcome
) -> None:
    assert outcomes(run(f"def f():\n    return {returned}\n", [t([], expected)])) == [outcome]


def test_arguments_are_fresh_for_every_test_and_class_solutions_work() -> None:
    code = "class Solution:\n    def f(self, xs):\n        xs.append(9)\n        return len(xs)\n"
    args = [[1, 2]]
    report = run(code, [t(args, 3), t(args, 3)])
    assert outcomes(report) == [P, P] and args == [[1, 2]]


def test_run_many_runs_trusted_jobs_and_survives_one_that_kills_the_child() -> None:
    ok = "def f(x):\n    return x\n"
    jobs = [
        (ok, "f", [t([1], 1), t([2], 2)]),
        ("def f(:\n", "f", [t([1], 1)]),
        ("import os\ndef g(x):\n    os._exit(3)\n", "g", [t([1], 1)]),
        (ok, "f", [t([1], 2)]),
        (ok, "f", [t([5], 5)]),
    ]
    reports = SubprocessRunner(FAST).run_many(jobs)
    assert [outcomes(r) for r in reports] == [[P, P], [E], [E], [F], [P]]
    assert reports[1].load_error is not None and reports[2].load_error is None
    assert SubprocessRunner(FAST).run_many([]) == []


def test_a_missing_interpreter_is_reported_not_raised() -> None:
    report = SubprocessRunner(FAST, python="/nonexistent/python").run("x", "f", [t([1], 1)])
    assert report.load_error == "the code runner could not start"
