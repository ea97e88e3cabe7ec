"""Choosing a scorer by name, with a visible fallback to the heuristic.

The LLM judge is a later piece of work; asking for it today must still give
a score, and the card must say plainly that the heuristic produced it.
"""

from __future__ import annotations

import dataclasses

from bot.content.schema import Question, Rubric
from bot.scoring.base import Scorecard, Scorer
from bot.scoring.heuristic import HeuristicScorer
from bot.scoring.runner import CodeRunner

SCORER_NAMES = ("heuristic", "llm")


class FallbackScorer:
    """Scores with `inner` and marks every card with why the requested scorer was not used."""

    def __init__(self, inner: Scorer, requested: str, reason: str) -> None:
        self.inner = inner
        self.name = f"{inner.name} (fallback from {requested})"
        self.version = inner.version
        self.reason = reason

    def score(self, question: Question, rubric: Rubric, answer: str) -> Scorecard:
        card = self.inner.score(question, rubric, answer)
        note = f"Scored by the {self.inner.name} scorer: {self.reason}."
        return dataclasses.replace(card, scorer=self.name, notes=[note, *card.notes])


def make_scorer(name: str, runner: CodeRunner | None) -> Scorer:
    heuristic = HeuristicScorer(runner)
    if name == "heuristic":
        return heuristic
    if name == "llm":
        return FallbackScorer(heuristic, "llm", "the LLM judge is not available in this version")
    raise ValueError(f"unknown scorer '{name}': choose one of {', '.join(SCORER_NAMES)}")
