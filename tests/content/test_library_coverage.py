"""The bundled library keeps the coverage the question-library issue asks for.

Counts and seed topics are asserted so they cannot silently regress when
questions are edited or removed.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from bot import config
from bot.content.loader import load_catalog
from bot.content.schema import LEADERSHIP_PRINCIPLES, Question, Track

CATALOG = load_catalog(config.bank_paths(), config.rubric_paths())
MINIMUMS = {Track.CODING: 100, Track.ML: 150, Track.SYSTEM_DESIGN: 50, Track.LEADERSHIP: 112}
ML_CODING_TOPIC = "ml-coding"

SEED_TOPICS: dict[Track, list[str]] = {
    Track.CODING: [
        "hash",
        "two pointers|two-pointers",
        "sliding window|sliding-window",
        "stack",
        "heap",
        "interval",
        "binary search|binary-search",
        "linked list|linked-list",
        "tree",
        "bfs|breadth-first",
        "dfs|depth-first",
        "topological",
        "union-find|union find",
        "shortest path|shortest-path|dijkstra",
        "dynamic programming|dynamic-programming",
        "softmax",
        "attention",
        "top-k|top-p|nucleus",
        "k-means|kmeans",
        "logistic regression|logistic-regression",
        "auc",
        "iou|non-max",
        "tokeniz",
        "reservoir",
    ],
    Track.ML: [
        "scaled|scaling",
        "causal",
        "padding",
        "rope|rotary",
        "layernorm|layer norm",
        "batchnorm|batch norm",
        "rmsnorm",
        "pre-norm|post-norm",
        "kv cache|kv-cache",
        "batching",
        "quantiz",
        "speculative",
        "flashattention|flash attention",
        "mixture of experts|moe",
        "lora",
        "rlhf",
        "dpo",
        "retrieval",
        "rag",
        "embedding",
        "hallucinat",
        "judge",
        "contamination",
        "bias-variance|bias and variance",
        "regulariz",
        "gradient boosting|gradient-boosting",
        "xgboost",
        "svm",
        "cluster",
        "precision",
        "roc",
        "pr auc|pr-auc|precision-recall",
        "calibrat",
        "ndcg",
        "map",
        "power|sample size|sample-size",
        "p-value",
        "peeking|sequential",
        "cuped",
        "multiple testing|multiple-testing",
        "novelty",
        "leakage",
        "imbalance",
        "drift",
        "label noise|label-noise|noisy labels",
        "adam|optimizer",
        "initiali",
        "vanishing",
        "mixed precision|mixed-precision",
        "distributed|parallel",
    ],
    Track.SYSTEM_DESIGN: [
        "recommend",
        "search",
        "ads|ctr|click",
        "fraud",
        "forecast",
        "llm serving|serving",
        "rag|retrieval",
        "moderation",
        "feature store|feature-store",
        "experiment",
        "pipeline",
    ],
    Track.LEADERSHIP: [],
}


def _text(q: Question) -> str:
    return " ".join([q.title, q.prompt, *q.topics]).lower()


def test_track_minimums() -> None:
    counts = Counter(q.track for q in CATALOG.questions.values())
    for track, minimum in MINIMUMS.items():
        assert counts[track] >= minimum, (track, counts[track])


def test_every_leadership_principle_has_seven_questions() -> None:
    counts = Counter(q.principle for q in CATALOG.by_track(Track.LEADERSHIP))
    assert {p: counts[p] for p in LEADERSHIP_PRINCIPLES if counts[p] < 7} == {}


def test_ml_flavoured_coding_tasks() -> None:
    tagged = [q for q in CATALOG.by_track(Track.CODING) if ML_CODING_TOPIC in q.topics]
    assert len(tagged) >= 20


@pytest.mark.parametrize(
    ("track", "seed"), [(t, s) for t, seeds in SEED_TOPICS.items() for s in seeds]
)
def test_seed_topic_is_covered(track: Track, seed: str) -> None:
    pattern = re.compile(rf"\b(?:{seed})", re.I)
    assert any(pattern.search(_text(q)) for q in CATALOG.by_track(track)), seed
