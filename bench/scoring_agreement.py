"""How closely the heuristic scorer agrees with human grades.

Usage: python bench/scoring_agreement.py [--set DIR] [--per-answer]
DIR holds bank.yaml, rubrics/ and answers.yaml (each answer: question, kind,
grade, answer); the default is ../shared/calibration beside the project.
Prints quadratic weighted kappa (rounded overall vs grade), Spearman, exact
and within-1 agreement, per track, and per adversarial kind the mean and max
of (score - grade).
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from agreement_metrics import quadratic_weighted_kappa, round_half_up, spearman

from bot.content.loader import load_catalog
from bot.scoring.heuristic import HeuristicScorer
from bot.scoring.runner import SubprocessRunner

DEFAULT_SET = Path(__file__).resolve().parents[2] / "shared" / "calibration"
TRACKS = ("coding", "ml", "system-design", "leadership")


def _line(label: str, grades: list[int], overall: list[float]) -> str:
    rounded = [round_half_up(x) for x in overall]
    n = len(grades)
    exact = sum(a == b for a, b in zip(rounded, grades, strict=True)) / n
    within = sum(abs(a - b) <= 1 for a, b in zip(rounded, grades, strict=True)) / n
    return (
        f"{label:<14} n={n:<3} QWK {quadratic_weighted_kappa(rounded, grades):.3f}  "
        f"Spearman {spearman(overall, [float(g) for g in grades]):.3f}  "
        f"exact {exact:.0%}  within-1 {within:.0%}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=DEFAULT_SET, help="graded answer set folder")
    parser.add_argument("--per-answer", action="store_true", help="print every answer's score")
    args = parser.parse_args()
    catalog = load_catalog([args.set / "bank.yaml"], [args.set / "rubrics"])
    answers = yaml.safe_load((args.set / "answers.yaml").read_text(encoding="utf-8"))
    scorer = HeuristicScorer(SubprocessRunner())
    rows: list[tuple[str, str, int, float]] = []
    for item in answers:
        question = catalog.question(item["question"])
        card = scorer.score(question, catalog.rubric_for(question), item["answer"])
        rows.append((question.track.value, item.get("kind", "normal"), item["grade"], card.overall))
        if args.per_answer:
            print(
                f"{question.id:<40} {item.get('kind', 'normal'):<10} grade {item['grade']} "
                f"score {card.overall:.1f}"
            )
    print(f"Agreement on {args.set} ({len(rows)} answers, scorer {scorer.version})")
    print(_line("overall", [r[2] for r in rows], [r[3] for r in rows]))
    for track in TRACKS:
        sel = [r for r in rows if r[0] == track]
        if sel:
            print(_line(track, [r[2] for r in sel], [r[3] for r in sel]))
    by_kind: dict[str, list[float]] = defaultdict(list)
    for _, kind, grade, overall in rows:
        by_kind[kind].append(overall - grade)
    print("score - grade by kind:")
    for kind, diffs in sorted(by_kind.items()):
        print(
            f"  {kind:<11} n={len(diffs):<3} mean {sum(diffs) / len(diffs):+.2f}  "
            f"max {max(diffs):+.2f}  min {min(diffs):+.2f}"
        )


if __name__ == "__main__":
    main()
