"""Reference solutions must pass their own tests; failures cite the question's lines."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from bot.content.catalog import Catalog
from bot.content.loader import load_catalog
from bot.content.references import check_reference_solutions
from bot.content.schema import CodingTest
from bot.scoring.runner import Limits, RunReport
from tests.content.conftest import BANKS, MIXED_TEXT, RUBRICS, Writer, edit
from tests.fakes import ExecRunner


class BrokenRunner:
    def run(
        self,
        code: str,
        entry_point: str,
        tests: Sequence[CodingTest],
        limits: Limits | None = None,
    ) -> RunReport:
        raise RuntimeError("runner exploded")


def _catalog(write: Writer, text: str) -> Catalog:
    return load_catalog([write("bank.yaml", text)], [RUBRICS])


def test_passing_reference_solutions_give_no_issues(write: Writer) -> None:
    assert check_reference_solutions(_catalog(write, MIXED_TEXT), ExecRunner()) == []


def test_failing_tests_are_reported_at_the_solution_with_the_test_line(write: Writer) -> None:
    text = edit(MIXED_TEXT, "expected: [1, 2]", "expected: [2, 1]")
    text = edit(text, "args: [[3, 3], 6]", "args: [[3, 4], 6]")
    path = write("bank.yaml", text)
    issues = check_reference_solutions(load_catalog([path], [RUBRICS]), ExecRunner())
    assert [str(i) for i in issues] == [
        f"{path}:45: questions[1].coding.reference_solution: fails tests[1] (line 40): fail:"
        " returned [1, 2]",
        f"{path}:45: questions[1].coding.reference_solution: fails tests[2] (line 42): fail:"
        " wrong answer; two_sum([3, 4], 6), expected [0, 1]",
    ]


def test_solution_that_does_not_load(write: Writer) -> None:
    text = edit(MIXED_TEXT, "|\n        def two_sum", "|\n        1 / 0\n        def two_sum")
    issues = check_reference_solutions(_catalog(write, text), ExecRunner())
    assert len(issues) == 1
    assert (issues[0].line, issues[0].field) == (45, "questions[1].coding.reference_solution")
    assert (
        issues[0].message == "reference solution does not load: ZeroDivisionError: division by zero"
    )


def test_a_crashing_runner_is_an_issue_not_a_crash(write: Writer) -> None:
    issues = check_reference_solutions(_catalog(write, MIXED_TEXT), BrokenRunner())
    assert [i.message for i in issues] == ["could not run the reference solution: runner exploded"]


def test_with_the_subprocess_runner(write: Writer) -> None:
    runner_module = pytest.importorskip("bot.scoring.runner")
    runner = getattr(runner_module, "SubprocessRunner", None)
    if runner is None:
        pytest.skip("SubprocessRunner is not there yet")
    assert check_reference_solutions(_catalog(write, MIXED_TEXT), runner()) == []
    broken = edit(MIXED_TEXT, "return [seen[target - x], i]", "return [i, seen[target - x]]")
    issues = check_reference_solutions(_catalog(write, broken), runner())
    assert [(i.line, i.message.split(":")[0]) for i in issues] == [
        (45, "fails tests[0] (line 38)"),
        (45, "fails tests[1] (line 40)"),
        (45, "fails tests[2] (line 42)"),
    ]


def test_catalog_built_in_code_still_names_the_question() -> None:
    loaded = load_catalog([BANKS], [RUBRICS])
    bare = Catalog(loaded.banks, loaded.rubrics.values())
    issues = check_reference_solutions(bare, BrokenRunner())
    assert str(issues[0]) == (
        "<question coding-two-sum>: coding.reference_solution:"
        " could not run the reference solution: runner exploded"
    )
