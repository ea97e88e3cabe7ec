"""Coding answers: tests decide correctness, prose decides the rest."""

from __future__ import annotations

from bot.content.schema import Question, Rubric
from bot.scoring.heuristic import HeuristicScorer
from bot.scoring.runner import NoRunner
from tests.fakes import ExecRunner

GOOD = """One pass with a hash map from value to index: for each number I look up its complement
(target - x) in the dict before inserting x, so an element is never paired with itself, which is
why duplicates like [3, 3] work. Trace on [2, 7, 11, 15], 9: 2 is stored, then 7 finds 2 -> [0, 1].

```python
def two_sum(nums, target):
    index_of = {}
    for i, x in enumerate(nums):
        if target - x in index_of:
            return [index_of[target - x], i]
        index_of[x] = i
```

Time O(n), one pass; space O(n) for the dict, instead of the O(n^2) brute force over all pairs.
Edge cases: duplicates, negative numbers, and an empty list (never called: one answer exists).
"""

BUGGY = """Two pointers over a sorted copy, then map the values back to indices.

```python
def two_sum(nums, target):
    values = sorted(nums)
    lo, hi = 0, len(values) - 1
    while lo < hi:
        total = values[lo] + values[hi]
        if total == target:
            return sorted([nums.index(values[lo]), nums.index(values[hi])])
        if total < target:
            lo += 1
        else:
            hi -= 1
```

O(n log n) time.
"""


def _scores(card):  # type: ignore[no-untyped-def]
    return {c.id: c.score for c in card.criteria}


def test_correct_explained_answer_scores_high(
    coding_question: Question, coding_rubric: Rubric, exec_runner: ExecRunner
) -> None:
    card = HeuristicScorer(exec_runner).score(coding_question, coding_rubric, GOOD)
    s = _scores(card)
    assert card.tests is not None and card.tests.passed == card.tests.total == 4
    assert s["correctness"] >= 4 and s["complexity"] >= 4
    assert card.overall >= 4.0


def test_hidden_edge_case_failure_caps_correctness_at_three(
    coding_question: Question, coding_rubric: Rubric, exec_runner: ExecRunner
) -> None:
    card = HeuristicScorer(exec_runner).score(coding_question, coding_rubric, BUGGY)
    assert _scores(card)["correctness"] == 3
    assert card.tests is not None and card.tests.hidden_failed >= 1


def test_no_code_means_correctness_one_and_runner_not_called(
    coding_question: Question, coding_rubric: Rubric, exec_runner: ExecRunner
) -> None:
    answer = "I would use a hash map from value to index and return the pair, O(n) time."
    card = HeuristicScorer(exec_runner).score(coding_question, coding_rubric, answer)
    assert _scores(card)["correctness"] == 1
    assert exec_runner.calls == []


def test_code_that_does_not_load_scores_one(
    coding_question: Question, coding_rubric: Rubric, exec_runner: ExecRunner
) -> None:
    answer = "```python\ndef two_sum(nums, target)\n    return []\n```"
    card = HeuristicScorer(exec_runner).score(coding_question, coding_rubric, answer)
    assert _scores(card)["correctness"] == 1
    assert card.tests is not None and card.tests.error


def test_without_a_runner_the_card_says_code_was_not_run(
    coding_question: Question, coding_rubric: Rubric
) -> None:
    card = HeuristicScorer(None).score(coding_question, coding_rubric, GOOD)
    assert any("not run" in n for n in card.notes)
    # Judged by reading, never above "meets the bar without proof", and it says why.
    correctness = next(c for c in card.criteria if c.id == "correctness")
    assert 1 <= correctness.score <= 3
    assert any("test results" in m and "not run" in m for m in correctness.missing)


def test_code_that_could_not_run_here_is_not_failed_as_broken(
    coding_question: Question, coding_rubric: Rubric
) -> None:
    """No sandbox is the machine's fault, not the candidate's: reading beats a flat 1."""
    card = HeuristicScorer(NoRunner("no sandbox on this machine")).score(
        coding_question, coding_rubric, GOOD
    )
    assert "code was not run: no sandbox on this machine" in card.notes
    assert _scores(card)["correctness"] >= 2


def test_code_only_answer_loses_on_communication(
    coding_question: Question, coding_rubric: Rubric, exec_runner: ExecRunner
) -> None:
    code_only = GOOD[GOOD.index("```python") : GOOD.index("```\n\nTime") + 3]
    card = HeuristicScorer(exec_runner).score(coding_question, coding_rubric, code_only)
    s = _scores(card)
    assert s["correctness"] >= 4
    assert s["communication"] == 1


def test_a_terse_list_of_edge_cases_counts_as_communication(
    coding_question: Question, coding_rubric: Rubric, exec_runner: ExecRunner
) -> None:
    body = GOOD[GOOD.index("```python") : GOOD.index("```\n\nTime") + 3]
    explained = "One pass with a hash map that stores each value's index as I go.\n\n" + body
    with_list = explained + "\nEdge cases: duplicates, negative numbers, empty list."
    scorer = HeuristicScorer(exec_runner)
    plain = _scores(scorer.score(coding_question, coding_rubric, explained))
    listed = _scores(scorer.score(coding_question, coding_rubric, with_list))
    assert listed["communication"] > plain["communication"]
