"""Running candidate code against a question's tests, outside the bot's process.

INTERFACE (fixed; implementation to be filled in): `CodeRunner` is what the
scorer depends on; `SubprocessRunner` is the first implementation (a later
issue swaps in a real sandbox behind the same protocol).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

from bot.content.schema import CodingTest


class Outcome(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    ERROR = "error"
    TIMEOUT = "timeout"


@dataclass(frozen=True)
class Limits:
    per_test_seconds: float = 2.0
    per_answer_seconds: float = 20.0
    memory_mb: int = 512
    output_bytes: int = 64_000


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


class CodeRunner(Protocol):
    def run(
        self,
        code: str,
        entry_point: str,
        tests: Sequence[CodingTest],
        limits: Limits | None = None,
    ) -> RunReport: ...
