"""Pydantic models of the content contract (`SCHEMA.md`, v1).

The models are strict about the required fields and their meaning and lenient
about extra optional fields, because SCHEMA.md promises teams that optional
fields may be added without breaking older loaders. Bank-level defaults
(track, rubric, time limit) are resolved by the loader, so every `Question`
handed to the rest of the bot is complete.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

ID_PATTERN = r"^[a-z0-9-]+$"
Id = Annotated[str, Field(pattern=ID_PATTERN, min_length=1, max_length=120)]
NonEmpty = Annotated[str, Field(min_length=1)]


class Track(StrEnum):
    CODING = "coding"
    ML = "ml"
    SYSTEM_DESIGN = "system-design"
    LEADERSHIP = "leadership"


class Difficulty(StrEnum):
    EASY = "easy"
    MEDIUM = "medium"
    HARD = "hard"


LEADERSHIP_PRINCIPLES: tuple[str, ...] = (
    "customer-obsession",
    "ownership",
    "invent-and-simplify",
    "are-right-a-lot",
    "learn-and-be-curious",
    "hire-and-develop-the-best",
    "insist-on-the-highest-standards",
    "think-big",
    "bias-for-action",
    "frugality",
    "earn-trust",
    "dive-deep",
    "have-backbone-disagree-and-commit",
    "deliver-results",
    "strive-to-be-earths-best-employer",
    "success-and-scale-bring-broad-responsibility",
)


class _Model(BaseModel):
    # Extra keys are allowed (SCHEMA.md: optional fields may be added) but not kept.
    model_config = ConfigDict(extra="ignore", frozen=True, str_strip_whitespace=False)


# ----------------------------------------------------------------- rubrics


class Criterion(_Model):
    id: Id
    title: NonEmpty
    weight: float = Field(gt=0)
    anchors: dict[int, NonEmpty]

    def anchor(self, score: int) -> str:
        """The anchor text for `score`, or the nearest lower anchor that exists."""
        for s in range(score, min(self.anchors) - 1, -1):
            if s in self.anchors:
                return self.anchors[s]
        return self.anchors[min(self.anchors)]


class Verdict(_Model):
    min: float
    label: NonEmpty


class Rubric(_Model):
    id: Id = Field(alias="rubric")
    title: NonEmpty
    scale: tuple[int, int]
    criteria: list[Criterion] = Field(min_length=1)
    verdicts: list[Verdict] = Field(min_length=1)

    @model_validator(mode="after")
    def _check(self) -> Rubric:
        lo, hi = self.scale
        if lo >= hi:
            raise ValueError(f"scale must be [low, high] with low < high, got {list(self.scale)}")
        ids = [c.id for c in self.criteria]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate criterion id(s): {', '.join(dupes)}")
        for c in self.criteria:
            missing = [a for a in (lo, (lo + hi) // 2, hi) if a not in c.anchors]
            if missing:
                raise ValueError(f"criterion '{c.id}' lacks anchors for {missing}")
            outside = [a for a in c.anchors if not lo <= a <= hi]
            if outside:
                raise ValueError(f"criterion '{c.id}' has anchors outside the scale: {outside}")
        mins = [v.min for v in self.verdicts]
        if mins != sorted(mins, reverse=True):
            raise ValueError("verdicts must be ordered from the highest min to the lowest")
        if mins[-1] > lo:
            raise ValueError(f"the last verdict's min must be <= {lo} so every score has one")
        return self

    def criterion(self, criterion_id: str) -> Criterion | None:
        return next((c for c in self.criteria if c.id == criterion_id), None)

    def weighted_mean(self, scores: dict[str, int]) -> float:
        """Rubric-weighted mean of per-criterion scores, rounded to one decimal."""
        total = sum(c.weight for c in self.criteria)
        value = sum(c.weight * scores[c.id] for c in self.criteria) / total
        return round(value, 1)

    def verdict(self, overall: float) -> str:
        for v in self.verdicts:
            if overall >= v.min:
                return v.label
        return self.verdicts[-1].label


# ----------------------------------------------------------------- questions


class KeyPoint(_Model):
    text: NonEmpty
    criterion: Id
    weight: float = Field(default=1.0, gt=0)
    match: list[NonEmpty] | None = None
    probe: str | None = None


class CodingTest(_Model):
    args: list[Any]
    expected: Any
    hidden: bool = False


class Complexity(_Model):
    time: NonEmpty
    space: NonEmpty | None = None


class CodingSpec(_Model):
    language: str = "python"
    entry_point: Annotated[str, Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")]
    signature: NonEmpty
    tests: list[CodingTest] = Field(min_length=3)
    reference_solution: NonEmpty
    complexity: Complexity

    @field_validator("language")
    @classmethod
    def _python_only(cls, value: str) -> str:
        if value.lower() not in {"python", "python3", "py"}:
            raise ValueError(f"only python is supported, got '{value}'")
        return "python"


class Question(_Model):
    id: Id
    title: NonEmpty
    difficulty: Difficulty
    levels: list[str] = Field(default_factory=list)
    topics: list[NonEmpty] = Field(default_factory=list)
    track: Track
    rubric: Id
    time_limit_minutes: float = Field(gt=0, le=240)
    prompt: NonEmpty
    hints: list[NonEmpty] = Field(default_factory=list)
    follow_ups: list[NonEmpty] = Field(default_factory=list)
    key_points: list[KeyPoint] = Field(min_length=1)
    reference_answer: str | None = None
    coding: CodingSpec | None = None
    principle: str | None = None
    bank: str = ""

    @model_validator(mode="after")
    def _track_blocks(self) -> Question:
        if self.track is Track.CODING and self.coding is None:
            raise ValueError("coding questions need a 'coding' block")
        if self.track is Track.LEADERSHIP and self.principle is None:
            raise ValueError("leadership questions need a 'principle'")
        return self

    @property
    def visible_tests(self) -> list[CodingTest]:
        return [t for t in self.coding.tests if not t.hidden] if self.coding else []


class Bank(_Model):
    """A bank file after defaults were pushed down into its questions."""

    id: Id = Field(alias="bank")
    title: NonEmpty
    track: Track
    rubric: Id
    time_limit_minutes: float = Field(gt=0, le=240)
    questions: list[Question] = Field(min_length=1)
