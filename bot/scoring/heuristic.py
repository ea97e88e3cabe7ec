"""The deterministic, offline scorer: evidence in the answer -> rubric scores.

Each rubric criterion is judged by the rule whose name it carries (its id, or
words in its title), so teams' own rubrics with familiar criteria get the
same treatment; unfamiliar criteria fall back to key point coverage. Totals
and verdicts come from the rubric, computed here in code, never read from
anything the answer says.
"""

from __future__ import annotations

import re

from bot.content.schema import Question, Rubric, Track
from bot.scoring.analysis import Analysis, analyse
from bot.scoring.base import CriterionScore, Scorecard, TestSummary
from bot.scoring.criteria import coding, concepts, design, leadership
from bot.scoring.criteria.common import (
    Context,
    Judgement,
    Rule,
    criterion_coverage,
    keypoint_judgement,
    substance,
    to_scale,
)
from bot.scoring.keypoints import coverage
from bot.scoring.runner import CodeNotRun, CodeRunner, Outcome, RunReport

VERSION = "heuristic-1"

# (pattern on criterion id/title, rule); the first match wins, tracks first.
_TRACK_RULES: dict[Track, list[tuple[str, Rule]]] = {
    Track.CODING: [
        (r"correct", coding.correctness),
        (r"complex|efficien|big.?o", coding.complexity),
        (r"quality|readab|style|clean", coding.code_quality),
        (r"communic|explain|edge", coding.communication),
    ],
    Track.SYSTEM_DESIGN: [
        (r"requirement|scop|metric", design.requirements),
        (r"architect|design|component", design.architecture),
        (r"cost|budget|efficien", design.cost),
        (r"reliab|failure|monitor|resilien|operat", design.reliability),
    ],
    Track.LEADERSHIP: [
        (r"star|structure|story", leadership.star),
        (r"owner|first.person|personal", leadership.ownership),
        (r"result|impact|outcome", leadership.results),
        (r"principle|relevan", leadership.principle),
    ],
    Track.ML: [
        (r"accura|correct", concepts.accuracy),
        (r"depth|trade", concepts.depth),
        (r"practic|judg|applied", concepts.practice),
        (r"clarity|communic|structure", concepts.clarity),
    ],
}
_OFF_TOPIC = 0.22
_LIST_CAP = 2


def _generic(ctx: Context) -> Judgement:
    s = 0.6 * criterion_coverage(ctx) + 0.4 * substance(ctx.analysis)
    return keypoint_judgement(ctx, to_scale(s))


def rule_for(track: Track, criterion_id: str, title: str) -> Rule:
    for key in (criterion_id, title):
        for pattern, rule in _TRACK_RULES[track]:
            if re.search(pattern, key, re.I):
                return rule
    return _generic


def _test_summary(run: RunReport | None) -> TestSummary | None:
    if run is None:
        return None
    failed = [r for r in run.results if r.outcome is not Outcome.PASS]
    details = [f"test {r.index + 1}: {r.detail or r.outcome.value}" for r in failed][:5]
    return TestSummary(
        passed=run.passed,
        total=run.total,
        hidden_failed=sum(r.hidden for r in failed),
        details=details,
        error=run.load_error,
    )


class HeuristicScorer:
    """Scores without a network; `runner` runs coding answers (None: code is not run)."""

    name = "heuristic"
    version = VERSION

    def __init__(self, runner: CodeRunner | None) -> None:
        self.runner = runner

    def _run(self, question: Question, a: Analysis) -> tuple[RunReport | None, str | None]:
        spec = question.coding
        if spec is None:
            return None, None
        if a.code is None:
            return None, "no code found in the answer"
        if self.runner is None:
            return None, "code was not run: no code runner is available"
        try:
            return self.runner.run(a.code, spec.entry_point, spec.tests), None
        except CodeNotRun as exc:
            return None, f"code was not run: {exc}"

    def score(self, question: Question, rubric: Rubric, answer: str) -> Scorecard:
        a = analyse(question, answer)
        notes: list[str] = []
        if a.truncated:
            notes.append("The answer is very long; only its first 200,000 characters were read.")
        if a.removed:
            notes.append("Ignored text addressed to a grader; it earns nothing.")
        run, run_note = self._run(question, a)
        if run_note and question.coding is not None and a.code is not None:
            notes.append(run_note)
        cap = self._cap(question, a, notes)
        scale_lo, scale_hi = rubric.scale
        criteria: list[CriterionScore] = []
        tips: list[str] = []
        for crit in rubric.criteria:
            ctx = Context(question, crit, a, run, run_note)
            j = rule_for(question.track, crit.id, crit.title)(ctx)
            score = max(1, min(5, j.score, cap))
            score = _rescale(score, scale_lo, scale_hi)
            criteria.append(CriterionScore(crit.id, crit.title, score, j.evidence, j.missing))
            tips += [t for t in j.tips if t not in tips]
        overall = rubric.weighted_mean({c.id: c.score for c in criteria})
        return Scorecard(
            question_id=question.id,
            scorer=self.name,
            scorer_version=self.version,
            overall=overall,
            verdict=rubric.verdict(overall),
            criteria=criteria,
            feedback=tips[:5],
            notes=notes,
            tests=_test_summary(run),
        )

    @staticmethod
    def _cap(question: Question, a: Analysis, notes: list[str]) -> int:
        if not a.sentences and a.code is None:
            notes.append("The answer is empty: nothing to score.")
            return 1
        if a.list_like and a.code is None:
            notes.append("The answer reads as a list of terms; key points count only in sentences.")
            return 1 if a.prose_words < 5 else _LIST_CAP
        if a.prose_words < 5 and a.code is None:
            notes.append("The answer is too short to show any key point.")
            return 1
        cov = coverage(a.hits) or 0.0
        if a.topicality < _OFF_TOPIC and cov < 0.25 and a.code is None:
            notes.append("The answer does not address the question asked.")
            return 1
        return 5


def _rescale(score: int, lo: int, hi: int) -> int:
    """Rules think in 1..5; map onto a rubric whose scale differs."""
    if (lo, hi) == (1, 5):
        return score
    return round(lo + (score - 1) * (hi - lo) / 4)
