"""Test doubles shared by several suites."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

from bot.content.schema import CodingTest
from bot.scoring.runner import Limits, Outcome, RunReport
from bot.scoring.runner import TestResult as Result  # not collected by pytest


class ExecRunner:
    """Runs trusted test code in-process and records each call: a fake, not a sandbox."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def run(
        self,
        code: str,
        entry_point: str,
        tests: Sequence[CodingTest],
        limits: Limits | None = None,
    ) -> RunReport:
        self.calls.append(code)
        namespace: dict[str, Any] = {}
        try:
            exec(code, namespace)
            function = namespace[entry_point]
        except Exception as exc:
            return RunReport(load_error=f"{type(exc).__name__}: {exc}")
        results = []
        for i, test in enumerate(tests):
            try:
                got = function(*copy.deepcopy(test.args))
            except Exception as exc:
                results.append(Result(i, test.hidden, Outcome.ERROR, f"raised {exc!r}"))
                continue
            if got == test.expected:
                results.append(Result(i, test.hidden, Outcome.PASS))
            else:
                detail = "hidden test: wrong answer" if test.hidden else f"returned {got!r}"
                results.append(Result(i, test.hidden, Outcome.FAIL, detail))
        return RunReport(results)
