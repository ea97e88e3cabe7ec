from __future__ import annotations

from bot.content.schema import Question, Rubric
from bot.scoring.heuristic import HeuristicScorer

I_STORY = """Last year I was the on-call engineer for our ranking service when I noticed that the
nightly feature job owned by another team silently dropped 8% of new items. It was not my system,
but customers could not find new products. I traced the gap to a schema change, I wrote the fix
and reviewed it with their lead, and I added an end-to-end freshness alert that their on-call now
owns. As a result, missing items went from 8% to 0.1% and new-item sales rose 4% the next month.
I learned to watch the whole chain, not only my part, and since then I review upstream contracts."""

WE_STORY = """Last year our team had a problem with a feature job that was dropping items. We looked
into it and we fixed it together with the other team. We added some monitoring and things went
well after that, everyone was happy with the result."""

HYPOTHETICAL = """I always take ownership. I would look at the problem, talk to the owners and fix
it, because I think customers matter most and I believe in going beyond my role."""


def _s(card):  # type: ignore[no-untyped-def]
    return {c.id: c.score for c in card.criteria}


def test_first_person_measured_story_beats_we_story(
    leadership_question: Question, leadership_rubric: Rubric
) -> None:
    scorer = HeuristicScorer(None)
    mine = _s(scorer.score(leadership_question, leadership_rubric, I_STORY))
    ours = _s(scorer.score(leadership_question, leadership_rubric, WE_STORY))
    assert mine["ownership"] > ours["ownership"]
    assert mine["results"] > ours["results"]
    assert mine["star"] >= 4


def test_hypothetical_is_not_a_story(
    leadership_question: Question, leadership_rubric: Rubric
) -> None:
    card = HeuristicScorer(None).score(leadership_question, leadership_rubric, HYPOTHETICAL)
    assert _s(card)["star"] == 1
    assert card.overall <= 1.5
