"""The loaded, cross-checked content the rest of the bot reads from.

A `Catalog` is only ever built from content that passed every check, so its
lookups can assume ids are unique and every question's rubric exists.
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.content.errors import ContentIssue
from bot.content.messages import close_match_hint
from bot.content.schema import Bank, Question, Rubric, Track
from bot.content.sources import SourceMap


class Catalog:
    def __init__(
        self,
        banks: Iterable[Bank],
        rubrics: Iterable[Rubric],
        sources: SourceMap | None = None,
    ) -> None:
        self.banks: list[Bank] = list(banks)
        self.rubrics: dict[str, Rubric] = {}
        for rubric in rubrics:
            if rubric.id in self.rubrics:
                raise ValueError(f"duplicate rubric id '{rubric.id}'")
            self.rubrics[rubric.id] = rubric
        self.questions: dict[str, Question] = {}
        for bank in self.banks:
            for question in bank.questions:
                if question.id in self.questions:
                    raise ValueError(f"duplicate question id '{question.id}'")
                self.questions[question.id] = question
        self.sources: SourceMap = sources if sources is not None else SourceMap()
        # What the loader left out (strict=False); empty when everything loaded.
        self.issues: list[ContentIssue] = []

    def __len__(self) -> int:
        return len(self.questions)

    def __repr__(self) -> str:
        return (
            f"Catalog({len(self.questions)} questions, {len(self.banks)} banks,"
            f" {len(self.rubrics)} rubrics)"
        )

    def question(self, question_id: str) -> Question:
        try:
            return self.questions[question_id]
        except KeyError:
            hint = close_match_hint(question_id, self.questions)
            raise KeyError(f"unknown question '{question_id}'{hint}") from None

    def rubric(self, rubric_id: str) -> Rubric:
        try:
            return self.rubrics[rubric_id]
        except KeyError:
            hint = close_match_hint(rubric_id, self.rubrics)
            raise KeyError(f"unknown rubric '{rubric_id}'{hint}") from None

    def rubric_for(self, question: Question) -> Rubric:
        return self.rubric(question.rubric)

    def by_track(self, track: Track | str) -> list[Question]:
        wanted = Track(track)
        return [q for q in self.questions.values() if q.track is wanted]
