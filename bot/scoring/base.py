"""The scorer contract: what every scorer (heuristic, LLM judge) returns.

A `Scorecard` is plain data so it can be stored, rendered by any adapter and
printed as the JSON line `mockbot score` promises in SCHEMA.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from bot.content.schema import Question, Rubric


@dataclass(frozen=True)
class CriterionScore:
    id: str
    title: str
    score: int
    evidence: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "score": self.score,
            "evidence": self.evidence,
            "missing": self.missing,
        }


@dataclass(frozen=True)
class TestSummary:
    """What the candidate may see of a code run: counts, and details of visible tests only."""

    passed: int
    total: int
    hidden_failed: int
    details: list[str] = field(default_factory=list)
    error: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "passed": self.passed,
            "total": self.total,
            "hidden_failed": self.hidden_failed,
            "details": self.details,
            "error": self.error,
        }


@dataclass(frozen=True)
class Scorecard:
    question_id: str
    scorer: str
    scorer_version: str
    overall: float
    verdict: str
    criteria: list[CriterionScore]
    feedback: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    tests: TestSummary | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "question": self.question_id,
            "scorer": self.scorer,
            "scorer_version": self.scorer_version,
            "overall": self.overall,
            "verdict": self.verdict,
            "criteria": [c.to_json() for c in self.criteria],
            "feedback": self.feedback,
        }
        if self.notes:
            out["notes"] = self.notes
        if self.tests is not None:
            out["tests"] = self.tests.to_json()
        return out


class Scorer(Protocol):
    """Anything that turns an answer into a scorecard; injected into the engine."""

    name: str
    version: str

    def score(self, question: Question, rubric: Rubric, answer: str) -> Scorecard: ...
