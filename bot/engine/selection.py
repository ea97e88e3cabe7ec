"""Choosing the next question: matching filters, no repeats until the pool runs out.

The random source is injected so tests pick exactly the question they expect.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from bot.content.catalog import Catalog
from bot.content.schema import Question


def matching(
    catalog: Catalog,
    track: str,
    level: str | None = None,
    difficulty: str | None = None,
    topic: str | None = None,
) -> list[Question]:
    out = []
    for q in catalog.by_track(track):
        if level and q.levels and level not in q.levels:
            continue
        if difficulty and q.difficulty.value != difficulty:
            continue
        if topic and not any(topic.lower() in t.lower() for t in q.topics):
            continue
        out.append(q)
    return out


def choose(
    pool: Sequence[Question],
    asked: Sequence[str],
    rng: random.Random,
    exclude: frozenset[str] = frozenset(),
) -> Question:
    """A question not asked before; once all were, the least recently asked ones."""
    candidates = [q for q in pool if q.id not in exclude] or list(pool)
    seen = set(asked)
    fresh = [q for q in candidates if q.id not in seen]
    if fresh:
        return rng.choice(fresh)
    last_asked = {qid: i for i, qid in enumerate(asked)}
    oldest = min(last_asked.get(q.id, -1) for q in candidates)
    return rng.choice([q for q in candidates if last_asked.get(q.id, -1) == oldest])
