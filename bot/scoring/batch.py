"""Scoring a batch of answers (`mockbot score`): one result per input item, in order.

A bad item (unknown question id, missing answer, wrong types) becomes an
error object on its own line; the items around it are still scored, so a
typo in one answer never costs a team the rest of the batch.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from bot.content.catalog import Catalog
from bot.scoring.base import Scorer


@dataclass(frozen=True)
class BatchItem:
    index: int
    result: dict[str, Any]

    @property
    def ok(self) -> bool:
        return "error" not in self.result


def _error(question: object, message: str) -> dict[str, Any]:
    return {"question": question if isinstance(question, str) else None, "error": message}


def score_item(catalog: Catalog, scorer: Scorer, raw: object) -> dict[str, Any]:
    if not isinstance(raw, dict):
        return _error(None, "each answer must be a mapping with 'question' and 'answer'")
    qid = raw.get("question")
    answer = raw.get("answer")
    if not isinstance(qid, str) or not qid.strip():
        return _error(qid, "missing 'question' (a question id)")
    if qid not in catalog.questions:
        close = difflib.get_close_matches(qid, list(catalog.questions), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return _error(qid, f"unknown question id '{qid}'{hint}")
    if answer is None:
        answer = ""
    if not isinstance(answer, str):
        return _error(qid, f"'answer' must be text, got {type(answer).__name__}")
    question = catalog.questions[qid]
    try:
        card = scorer.score(question, catalog.rubric_for(question), answer)
    except Exception as exc:  # one broken answer must not stop the batch
        return _error(qid, f"could not score this answer: {type(exc).__name__}: {exc}")
    return card.to_json()


def score_batch(catalog: Catalog, scorer: Scorer, items: Iterable[object]) -> Iterator[BatchItem]:
    for i, raw in enumerate(items):
        yield BatchItem(i, score_item(catalog, scorer, raw))
