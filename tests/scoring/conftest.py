"""Small, hand-made questions and rubrics for scorer tests, built from the schema models."""

from __future__ import annotations

import pytest

from bot.content.schema import Question, Rubric
from tests.fakes import ExecRunner


def _rubric(rid: str, crits: list[tuple[str, float]]) -> Rubric:
    return Rubric.model_validate(
        {
            "rubric": rid,
            "title": rid,
            "scale": [1, 5],
            "criteria": [
                {
                    "id": c,
                    "title": c.title(),
                    "weight": w,
                    "anchors": {1: "low", 3: "mid", 5: "high"},
                }
                for c, w in crits
            ],
            "verdicts": [
                {"min": 4.5, "label": "Strong Hire"},
                {"min": 3.5, "label": "Hire"},
                {"min": 2.5, "label": "Lean No Hire"},
                {"min": 1.0, "label": "No Hire"},
            ],
        }
    )


@pytest.fixture
def ml_rubric() -> Rubric:
    return _rubric("ml-concepts", [("accuracy", 3), ("depth", 3), ("practice", 2), ("clarity", 1)])


@pytest.fixture
def coding_rubric() -> Rubric:
    return _rubric(
        "coding", [("correctness", 3), ("complexity", 3), ("code-quality", 1), ("communication", 2)]
    )


@pytest.fixture
def leadership_rubric() -> Rubric:
    return _rubric("leadership", [("star", 2), ("ownership", 2), ("results", 2), ("principle", 3)])


@pytest.fixture
def ml_question() -> Question:
    return Question.model_validate(
        {
            "id": "ml-attention-scaling",
            "title": "Why is attention scaled by sqrt(d_k)?",
            "difficulty": "medium",
            "track": "ml",
            "rubric": "ml-concepts",
            "time_limit_minutes": 8,
            "prompt": "In scaled dot-product attention, why divide QK^T by sqrt(d_k)? "
            "What goes wrong without it?",
            "key_points": [
                {
                    "text": "Dot products grow in magnitude with d_k because their variance is d_k",
                    "criterion": "accuracy",
                    "weight": 2,
                    "match": ["variance", "grows with d_k"],
                    "probe": "What happens to the logits as the head dimension grows?",
                },
                {
                    "text": "Large logits saturate the softmax so gradients vanish",
                    "criterion": "depth",
                    "probe": "What does a saturated softmax do to the gradients?",
                },
                {
                    "text": "Dividing by sqrt(d_k) keeps the logit variance near one at init",
                    "criterion": "practice",
                },
            ],
        }
    )


@pytest.fixture
def coding_question() -> Question:
    tests = [
        {"args": [[2, 7, 11, 15], 9], "expected": [0, 1]},
        {"args": [[3, 2, 4], 6], "expected": [1, 2]},
        {"args": [[3, 3], 6], "expected": [0, 1], "hidden": True},
        {"args": [[-1, -2, -3, -4], -7], "expected": [2, 3], "hidden": True},
    ]
    return Question.model_validate(
        {
            "id": "code-two-sum",
            "title": "Two sum",
            "difficulty": "easy",
            "track": "coding",
            "rubric": "coding",
            "time_limit_minutes": 20,
            "prompt": "Return the indices of the two numbers that add up to target.",
            "key_points": [
                {
                    "text": "One pass with a hash map from value to index",
                    "criterion": "correctness",
                    "match": ["hash map", "dict", "dictionary"],
                },
                {"text": "O(n) time and O(n) space", "criterion": "complexity", "match": ["O(n)"]},
                {
                    "text": "Edge cases: duplicates and negative numbers",
                    "criterion": "communication",
                    "match": ["duplicate", "negative"],
                },
            ],
            "coding": {
                "entry_point": "two_sum",
                "signature": "def two_sum(nums: list[int], target: int) -> list[int]:",
                "tests": tests,
                "reference_solution": "def two_sum(nums, target):\n    seen = {}\n"
                "    for i, x in enumerate(nums):\n        if target - x in seen:\n"
                "            return [seen[target - x], i]\n        seen[x] = i\n",
                "complexity": {"time": "O(n)", "space": "O(n)"},
            },
        }
    )


@pytest.fixture
def leadership_question() -> Question:
    return Question.model_validate(
        {
            "id": "lp-ownership-outage",
            "title": "Ownership beyond your role",
            "difficulty": "medium",
            "track": "leadership",
            "rubric": "leadership",
            "time_limit_minutes": 10,
            "principle": "ownership",
            "prompt": "Tell me about a time you took on something outside your area of "
            "responsibility because it mattered to customers.",
            "key_points": [
                {"text": "A problem nobody owned that hurt customers", "criterion": "principle"},
                {"text": "Personal actions to fix it end to end", "criterion": "ownership"},
                {"text": "A measured result and a lasting mechanism", "criterion": "results"},
            ],
        }
    )


@pytest.fixture
def exec_runner() -> ExecRunner:
    return ExecRunner()
