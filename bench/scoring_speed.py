"""Scoring speed: a 300-word answer, a coding answer with 10 tests, loading 1,000 questions.

Usage: python bench/scoring_speed.py [--repeat N]
Targets (issue 3): p99 <= 10 ms for a 300-word non-coding answer; <= 1 s for a
coding answer with 10 tests; <= 1 s to load and validate 1,000 questions.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import yaml

from bot import config
from bot.content.loader import load_catalog
from bot.content.schema import Track
from bot.scoring.heuristic import HeuristicScorer
from bot.scoring.runner import SubprocessRunner


def _pct(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))]


def _report(label: str, samples: list[float]) -> None:
    print(
        f"{label:<46} p50 {_pct(samples, 0.5) * 1000:8.2f} ms   "
        f"p99 {_pct(samples, 0.99) * 1000:8.2f} ms"
        f"   (n={len(samples)})"
    )


def bench_text(repeat: int) -> None:
    catalog = load_catalog(config.bank_paths(), config.rubric_paths())
    scorer = HeuristicScorer(None)
    for track in (Track.ML, Track.SYSTEM_DESIGN, Track.LEADERSHIP):
        q = catalog.by_track(track)[0]
        words = (q.reference_answer or q.prompt).split()
        answer = " ".join((words * (300 // max(1, len(words)) + 1))[:300])
        rubric = catalog.rubric_for(q)
        samples = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            scorer.score(q, rubric, answer)
            samples.append(time.perf_counter() - t0)
        _report(f"300-word {track.value} answer", samples)


def bench_code(repeat: int) -> None:
    catalog = load_catalog(config.bank_paths(), config.rubric_paths())
    q = next(q for q in catalog.by_track(Track.CODING) if q.coding and len(q.coding.tests) >= 6)
    assert q.coding is not None
    tests = (q.coding.tests * 10)[:10]
    q = q.model_copy(update={"coding": q.coding.model_copy(update={"tests": tests})})
    answer = (
        f"Approach explained.\n\n```python\n{q.coding.reference_solution if q.coding else ''}\n```"
    )
    scorer = HeuristicScorer(SubprocessRunner())
    rubric = catalog.rubric_for(q)
    samples = []
    for _ in range(max(5, repeat // 20)):
        t0 = time.perf_counter()
        card = scorer.score(q, rubric, answer)
        samples.append(time.perf_counter() - t0)
    assert card.tests is not None and card.tests.passed == 10, card.tests
    _report("coding answer, 10 tests (subprocess runner)", samples)


def bench_load(repeat: int) -> None:
    catalog = load_catalog(config.bank_paths(), config.rubric_paths())
    source = [q.model_dump(mode="json", exclude={"bank"}) for q in catalog.questions.values()]
    questions = []
    for i in range(1000):
        q = dict(source[i % len(source)])
        q["id"] = f"{q['id']}-{i}"
        questions.append(q)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.yaml"
        bank = {
            "bank": "big",
            "title": "Big",
            "track": "ml",
            "rubric": "ml-concepts",
            "time_limit_minutes": 10,
            "questions": questions,
        }
        path.write_text(yaml.safe_dump(bank, sort_keys=False), encoding="utf-8")
        samples = []
        for _ in range(max(3, repeat // 50)):
            t0 = time.perf_counter()
            loaded = load_catalog([path], config.rubric_paths())
            samples.append(time.perf_counter() - t0)
        assert len(loaded.questions) == 1000
        _report("load + validate 1,000 questions", samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    bench_text(args.repeat)
    bench_code(args.repeat)
    bench_load(args.repeat)


if __name__ == "__main__":
    main()
