"""Every coding question's reference solution must pass its own tests.

A wrong test or a wrong reference solution would otherwise surface as a
candidate being marked down for a correct answer. This check runs code, so it
is kept out of loading and takes the runner as a parameter.
"""

from __future__ import annotations

import reprlib
from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from bot.content.catalog import Catalog
from bot.content.errors import ContentIssue
from bot.content.schema import CodingTest, Question
from bot.content.sources import Source
from bot.scoring.runner import CodeRunner, Limits, Outcome, RunReport

_SOLUTION: tuple[str, str] = ("coding", "reference_solution")
_SHORT = reprlib.Repr()
_SHORT.maxlist, _SHORT.maxstring, _SHORT.maxother = 6, 40, 40

Job = tuple[str, str, Sequence[CodingTest]]


@runtime_checkable
class BatchRunner(Protocol):
    """A runner that can run many trusted jobs in one go (much faster for a whole bank)."""

    def run_many(self, jobs: Sequence[Job], limits: Limits | None = None) -> list[RunReport]: ...


def check_reference_solutions(
    catalog: Catalog, runner: CodeRunner, limits: Limits | None = None
) -> list[ContentIssue]:
    """Issues for every coding question whose reference solution fails, or fails to load."""
    questions = [q for q in catalog.questions.values() if q.coding is not None]
    issues: list[ContentIssue] = []
    for question, report in zip(questions, _run_all(runner, questions, limits), strict=True):
        source = catalog.sources.question(question.id)
        if isinstance(report, Exception):
            message = f"could not run the reference solution: {report}"
            issues.append(source.issue(_SOLUTION, message))
        else:
            issues.extend(_report_issues(question, report, source))
    return issues


def _run_all(
    runner: CodeRunner, questions: Sequence[Question], limits: Limits | None
) -> list[RunReport | Exception]:
    jobs: list[Job] = []
    for q in questions:
        assert q.coding is not None
        jobs.append((q.coding.reference_solution, q.coding.entry_point, q.coding.tests))
    if isinstance(runner, BatchRunner) and jobs:
        try:
            return list(runner.run_many(jobs, limits))
        except Exception:  # fall back to one run a question, to pin the failure on one of them
            pass
    reports: list[RunReport | Exception] = []
    for code, entry_point, tests in jobs:
        try:
            reports.append(runner.run(code, entry_point, tests, limits))
        except Exception as exc:  # a runner bug must not hide the other questions' results
            reports.append(exc)
    return reports


def _report_issues(question: Question, report: RunReport, source: Source) -> list[ContentIssue]:
    assert question.coding is not None
    tests = question.coding.tests
    if report.load_error is not None:
        return [source.issue(_SOLUTION, f"reference solution does not load: {report.load_error}")]
    issues: list[ContentIssue] = []
    for result in report.results:
        if result.outcome is Outcome.PASS:
            continue
        test = tests[result.index] if 0 <= result.index < len(tests) else None
        line = source.line_of(("coding", "tests", result.index))
        where = f" (line {line})" if line is not None else ""
        detail = result.detail.removeprefix("hidden test: ")
        if test is not None and test.hidden:
            call = ", ".join(_SHORT.repr(a) for a in test.args)
            detail += (
                f"; {question.coding.entry_point}({call}), expected {_SHORT.repr(test.expected)}"
            )
        message = f"fails tests[{result.index}]{where}: {result.outcome}: {detail}"
        issues.append(source.issue(_SOLUTION, message))
    if len(report.results) != len(tests):
        message = f"the runner reported {len(report.results)} results for {len(tests)} tests"
        issues.append(source.issue(_SOLUTION, message))
    return issues
