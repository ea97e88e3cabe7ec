"""Flagging near-duplicate questions across every loaded bank.

Users practise daily for months; two questions that are the same question in
other words waste a day and skew the no-repeat rotation. Titles are compared
as word sets, prompts by shared word 3-grams; an inverted index keeps this
fast on hundreds of questions.
"""

from __future__ import annotations

import re
from collections import defaultdict
from itertools import combinations

from bot.content.catalog import Catalog
from bot.content.errors import ContentIssue
from bot.content.schema import Question

TITLE_SIMILARITY = 0.8
PROMPT_SIMILARITY = 0.5
_STOP = frozenset(
    {
        *("a", "an", "the", "of", "to", "in", "on", "for", "and", "or", "with", "by"),
        *("is", "are", "how", "what", "why", "you", "your"),
    }
)


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOP]


def _title_key(q: Question) -> frozenset[str]:
    return frozenset(_words(q.title))


def _shingles(q: Question) -> frozenset[tuple[str, ...]]:
    w = _words(q.prompt)
    return frozenset(tuple(w[i : i + 3]) for i in range(max(0, len(w) - 2)))


def _jaccard(a: frozenset[object], b: frozenset[object]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _candidate_pairs(keys: dict[str, frozenset[object]]) -> set[tuple[str, str]]:
    """Pairs sharing at least one element; rarer elements are what make pairs similar."""
    index: dict[object, list[str]] = defaultdict(list)
    for qid, key in keys.items():
        for element in key:
            index[element].append(qid)
    pairs: set[tuple[str, str]] = set()
    for qids in index.values():
        if len(qids) <= 50:  # a very common element says nothing about similarity
            pairs.update(combinations(sorted(qids), 2))
    return pairs


def find_near_duplicates(catalog: Catalog) -> list[ContentIssue]:
    questions = catalog.questions
    titles: dict[str, frozenset[object]] = {q.id: _title_key(q) for q in questions.values()}
    prompts: dict[str, frozenset[object]] = {q.id: _shingles(q) for q in questions.values()}
    issues: list[ContentIssue] = []
    for field, keys, threshold in (
        ("title", titles, TITLE_SIMILARITY),
        ("prompt", prompts, PROMPT_SIMILARITY),
    ):
        for first, second in sorted(_candidate_pairs(keys)):
            sim = _jaccard(keys[first], keys[second])
            if sim < threshold or (field == "title" and len(keys[first]) < 3):
                continue
            where = catalog.sources.question(first)
            other = f"{where.file}:{where.line_of((field,)) or '?'}"
            message = (
                f"near-duplicate of question '{first}' ({other}): {field}s are "
                f"{sim:.0%} alike; rewrite one or remove it"
            )
            issues.append(catalog.sources.question(second).issue((field,), message))
    return issues
