"""Counts that show what a catalog covers, and where it is thin.

Every track, difficulty and leadership principle is listed even at zero:
a missing principle is exactly what a bank author needs to notice.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from bot.content.catalog import Catalog
from bot.content.schema import LEADERSHIP_PRINCIPLES, Difficulty, Track


@dataclass(frozen=True)
class ContentStats:
    banks: int
    questions: int
    rubrics: int
    by_track: dict[str, int]  # every track, schema order
    by_difficulty: dict[str, int]  # every difficulty, easy to hard
    by_topic: dict[str, int]  # topics in use, most common first, then by name
    by_principle: dict[str, int]  # all 16 principles, SCHEMA.md order
    by_bank: dict[str, int]  # bank id -> questions, load order


def compute_stats(catalog: Catalog) -> ContentStats:
    questions = list(catalog.questions.values())
    tracks = Counter(q.track for q in questions)
    difficulties = Counter(q.difficulty for q in questions)
    topics = Counter(topic for q in questions for topic in dict.fromkeys(q.topics))
    principles = Counter(
        q.principle for q in questions if q.track is Track.LEADERSHIP and q.principle
    )
    return ContentStats(
        banks=len(catalog.banks),
        questions=len(questions),
        rubrics=len(catalog.rubrics),
        by_track={t.value: tracks[t] for t in Track},
        by_difficulty={d.value: difficulties[d] for d in Difficulty},
        by_topic=dict(sorted(topics.items(), key=lambda kv: (-kv[1], kv[0]))),
        by_principle={p: principles[p] for p in LEADERSHIP_PRINCIPLES},
        by_bank={b.id: len(b.questions) for b in catalog.banks},
    )
