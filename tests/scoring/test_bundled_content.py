"""The bundled banks and the scorer agree with each other.

A reference answer is what a strong candidate could say; if the scorer does
not rate it a hire, either the answer or the scorer is wrong.
"""

from __future__ import annotations

import pytest

from bot import config
from bot.content.loader import load_catalog_with_issues
from bot.content.schema import Track
from bot.scoring.heuristic import HeuristicScorer
from bot.scoring.runner import SubprocessRunner

# Lenient: a broken bank file is reported by its own test below and leaves the others testable.
CATALOG, ISSUES = load_catalog_with_issues(config.bank_paths(), config.rubric_paths())


def test_every_bundled_file_loads() -> None:
    assert ISSUES == []


def test_starter_bank_has_ten_questions_per_track() -> None:
    for track in Track:
        assert len(CATALOG.by_track(track)) >= 10, track


@pytest.mark.parametrize("qid", sorted(CATALOG.questions))
def test_reference_answer_scores_as_a_hire(qid: str) -> None:
    q = CATALOG.question(qid)
    answer = q.reference_answer or ""
    assert answer.strip(), f"{qid} has no reference answer"
    if q.coding and "```" not in answer:
        answer += f"\n\n```python\n{q.coding.reference_solution}\n```"
    card = HeuristicScorer(SubprocessRunner()).score(q, CATALOG.rubric_for(q), answer)
    assert card.overall >= 3.5, (qid, card.overall, [(c.id, c.score) for c in card.criteria])
