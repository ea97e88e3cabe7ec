"""Catalog lookups and the statistics computed from it."""

from __future__ import annotations

import pytest

from bot.content.catalog import Catalog
from bot.content.loader import load_catalog
from bot.content.schema import LEADERSHIP_PRINCIPLES, Track
from bot.content.stats import compute_stats
from tests.content.conftest import BANKS, RUBRICS


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog([BANKS], [RUBRICS])


def test_lookups(catalog: Catalog) -> None:
    question = catalog.question("coding-two-sum")
    assert catalog.rubric_for(question).id == "general"
    assert [q.id for q in catalog.by_track(Track.LEADERSHIP)] == ["lp-ownership-outage"]
    assert [q.id for q in catalog.by_track("ml")] == ["ml-attention-scaling"]
    assert catalog.by_track("system-design") == []
    assert len(catalog) == 3


def test_unknown_question_suggests_a_close_id(catalog: Catalog) -> None:
    with pytest.raises(KeyError, match="unknown question 'coding-two-summ'; did you mean"):
        catalog.question("coding-two-summ")


def test_catalog_refuses_duplicate_ids(catalog: Catalog) -> None:
    with pytest.raises(ValueError, match="duplicate question id"):
        Catalog(catalog.banks * 2, catalog.rubrics.values())


def test_stats_list_every_track_difficulty_and_principle(catalog: Catalog) -> None:
    stats = compute_stats(catalog)
    assert (stats.banks, stats.questions, stats.rubrics) == (1, 3, 2)
    assert stats.by_track == {"coding": 1, "ml": 1, "system-design": 0, "leadership": 1}
    assert stats.by_difficulty == {"easy": 1, "medium": 2, "hard": 0}
    assert list(stats.by_principle) == list(LEADERSHIP_PRINCIPLES)
    assert stats.by_principle["ownership"] == 1
    assert sum(stats.by_principle.values()) == 1
    assert stats.by_topic == {
        "arrays": 1,
        "attention": 1,
        "hashing": 1,
        "incidents": 1,
        "transformers": 1,
    }
    assert stats.by_bank == {"mixed": 3}
