"""Agreement with the public graded set stays at the issue's targets.

This guards against a scorer change that quietly degrades agreement; the
figures themselves are printed by bench/scoring_agreement.py.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from bot.content.loader import load_catalog
from bot.scoring.heuristic import HeuristicScorer
from bot.scoring.runner import SubprocessRunner

ROOT = Path(__file__).resolve().parents[2]
CALIBRATION = ROOT.parent / "shared" / "calibration"
sys.path.insert(0, str(ROOT / "bench"))
from agreement_metrics import quadratic_weighted_kappa, round_half_up  # noqa: E402

pytestmark = pytest.mark.skipif(
    not (CALIBRATION / "answers.yaml").exists(), reason=f"no calibration set at {CALIBRATION}"
)


@pytest.fixture(scope="module")
def scored() -> list[tuple[str, str, int, float]]:
    catalog = load_catalog([CALIBRATION / "bank.yaml"], [CALIBRATION / "rubrics"])
    answers = yaml.safe_load((CALIBRATION / "answers.yaml").read_text(encoding="utf-8"))
    scorer = HeuristicScorer(SubprocessRunner())
    rows = []
    for item in answers:
        q = catalog.question(item["question"])
        card = scorer.score(q, catalog.rubric_for(q), item["answer"])
        rows.append((q.track.value, item["kind"], item["grade"], card.overall))
    return rows


def _qwk(rows: list[tuple[str, str, int, float]]) -> float:
    return quadratic_weighted_kappa([round_half_up(r[3]) for r in rows], [r[2] for r in rows])


def test_overall_agreement(scored: list[tuple[str, str, int, float]]) -> None:
    assert _qwk(scored) >= 0.85
    within = sum(abs(round_half_up(r[3]) - r[2]) <= 1 for r in scored) / len(scored)
    assert within >= 0.95


def test_every_track_agrees(scored: list[tuple[str, str, int, float]]) -> None:
    by_track: dict[str, list[tuple[str, str, int, float]]] = defaultdict(list)
    for r in scored:
        by_track[r[0]].append(r)
    assert set(by_track) == {"coding", "ml", "system-design", "leadership"}
    for track, rows in by_track.items():
        assert _qwk(rows) >= 0.75, track


def test_adversarial_kinds(scored: list[tuple[str, str, int, float]]) -> None:
    for _, kind, grade, overall in scored:
        if kind in ("stuffing", "injection"):
            assert overall - grade <= 0.5, (kind, grade, overall)
        if kind == "paraphrase":
            assert overall - grade >= -1.0, (kind, grade, overall)
