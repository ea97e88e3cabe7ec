"""Every bundled question meets the authoring rules (docs/AUTHORING.md)."""

from __future__ import annotations

import pytest

from bot import config
from bot.content.loader import load_catalog_with_issues
from bot.content.schema import Track

CATALOG, _ = load_catalog_with_issues(config.bank_paths(), config.rubric_paths())
QUESTIONS = sorted(CATALOG.questions.values(), key=lambda q: q.id)
PREFIX = {
    Track.CODING: "code-",
    Track.ML: "ml-",
    Track.SYSTEM_DESIGN: "sd-",
    Track.LEADERSHIP: "lp-",
}


@pytest.mark.parametrize("q", QUESTIONS, ids=lambda q: q.id)
def test_question_is_complete(q) -> None:  # type: ignore[no-untyped-def]
    assert q.id.startswith(PREFIX[q.track])
    assert q.levels and q.topics
    assert len(q.key_points) >= 3
    assert q.hints and q.follow_ups
    assert q.reference_answer and len(q.reference_answer.split()) >= 60
    rubric = CATALOG.rubric_for(q)
    assert {kp.criterion for kp in q.key_points} <= {c.id for c in rubric.criteria}
    if q.coding:
        assert len(q.coding.tests) >= 6
        assert sum(t.hidden for t in q.coding.tests) >= 2
    if q.track is Track.LEADERSHIP:
        assert len(q.follow_ups) >= 2
    if q.track is Track.SYSTEM_DESIGN:
        assert len(q.key_points) >= 4
