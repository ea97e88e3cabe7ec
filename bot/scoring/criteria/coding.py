"""Rules for coding questions: correctness, complexity, code quality, communication.

Correctness is what the tests say, never what the answer claims; the other
criteria read the explanation around the code.
"""

from __future__ import annotations

import re

from bot.scoring.complexity import compare, read_claims
from bot.scoring.criteria.common import (
    Context,
    Judgement,
    clip,
    criterion_coverage,
    keypoint_judgement,
    ramp,
    sentences_with,
    to_scale,
)
from bot.scoring.lexicon import (
    CORRECTNESS_ARGUMENT_TERMS,
    EDGE_CASE_TERMS,
    EXAMPLE_TERMS,
    TRADEOFF_TERMS,
)
from bot.scoring.runner import Outcome


def _pass_rate(ctx: Context) -> float | None:
    run = ctx.run
    if run is None or run.total == 0:
        return None
    return run.passed / run.total


def _only_hidden_failed(ctx: Context) -> bool:
    run = ctx.run
    if run is None:
        return False
    failed = [r for r in run.results if r.outcome is not Outcome.PASS]
    return bool(failed) and all(r.hidden for r in failed)


def correctness(ctx: Context) -> Judgement:
    a = ctx.analysis
    rate = _pass_rate(ctx)
    if a.code is None:
        return Judgement(
            1, [], ["runnable code"], ["Write the function in Python so it can be run."]
        )
    if ctx.run is None and ctx.run_note:
        # Not run through no fault of the answer: judge it by reading, and say so.
        j = keypoint_judgement(ctx, min(3, to_scale(criterion_coverage(ctx))))
        j.missing.append(f"test results ({ctx.run_note})")
        return j
    if rate is None or (ctx.run is not None and ctx.run.load_error):
        err = ctx.run.load_error if ctx.run and ctx.run.load_error else ctx.run_note
        return Judgement(
            1,
            [],
            [f"code that runs ({err})" if err else "code that runs"],
            ["Make sure the code runs: define the function the question names."],
        )
    j = keypoint_judgement(ctx, 1)
    edge = a.count_terms(EDGE_CASE_TERMS, prose_only=False)
    argued = a.count_terms(CORRECTNESS_ARGUMENT_TERMS) + min(2, edge // 2)
    if rate == 1.0:
        j.score = 5 if argued >= 3 else 4
        if j.score == 4:
            j.tips.append("Show why it is correct: an invariant, or a trace of one example.")
    elif _only_hidden_failed(ctx) or rate >= 0.7:
        j.score = 3
        j.tips.append("Your code fails an edge case: check empty input, duplicates and boundaries.")
    else:
        j.score = 2 if rate >= 0.3 else 1
    j.evidence.insert(0, f"{ctx.run.passed}/{ctx.run.total} tests passed" if ctx.run else "")
    return j


def complexity(ctx: Context) -> Judgement:
    a = ctx.analysis
    spec = ctx.question.coding.complexity if ctx.question.coding else None
    claims = read_claims(a.prose)
    rate = _pass_rate(ctx)
    works = rate is not None and (rate == 1.0 or _only_hidden_failed(ctx))
    time_cmp = compare(claims.time, spec.time if spec else None)
    space_cmp = compare(claims.space, spec.space if spec else None)
    evidence = [f"time O({claims.time})"] if claims.time else []
    if claims.space:
        evidence.append(f"space O({claims.space})")
    missing = []
    if spec and time_cmp != 0:
        missing.append(f"the optimal time bound ({spec.time})")
    if spec and spec.space and space_cmp != 0:
        missing.append(f"the space bound ({spec.space})")
    if a.code is None and claims.time is None:
        score = 1
    elif time_cmp == 0:
        tradeoff = a.count_terms(TRADEOFF_TERMS) >= 1
        score = 5 if space_cmp == 0 and tradeoff and works else 4
        if not works and rate is not None and rate < 0.7:
            score = 2
    elif time_cmp is None:
        score = 3 if works else 2
    else:
        score = 3 if works else 2
    tips = [] if score >= 4 else ["State the time and space complexity and why."]
    return Judgement(score, evidence, missing, tips)


def _identifiers(code: str) -> list[str]:
    return re.findall(r"\b(?:def|for|as)\s+([A-Za-z_]\w*)|\b([A-Za-z_]\w*)\s*=(?!=)", code)


def code_quality(ctx: Context) -> Judgement:
    a = ctx.analysis
    rate = _pass_rate(ctx)
    if a.code is None or rate is None or (ctx.run is not None and ctx.run.load_error):
        return Judgement(1, [], ["runnable code"], [])
    names = [n for pair in _identifiers(a.code) for n in pair if n]
    mean_len = sum(map(len, names)) / len(names) if names else 0.0
    lines = [ln for ln in a.code.splitlines() if ln.strip() and not ln.strip().startswith("#")]
    ref = ctx.question.coding.reference_solution if ctx.question.coding else ""
    ref_lines = max(1, len([ln for ln in ref.splitlines() if ln.strip()]))
    lean = len(lines) <= 1.6 * ref_lines + 2
    if rate < 0.3:
        score = 2
    elif rate < 1.0 and not _only_hidden_failed(ctx):
        score = 3
    else:
        score = 4
        if lean and mean_len >= 3.0 and a.prose_words >= 60:
            score = 5
    if not lean:
        score = min(score, 3)
    evidence = [f"{len(lines)} lines of code"]
    return Judgement(
        score, evidence, [], [] if score >= 4 else ["Keep the code minimal and names meaningful."]
    )


def communication(ctx: Context) -> Judgement:
    a = ctx.analysis
    if a.prose_words < 8:
        return Judgement(
            1,
            [],
            ["an explanation of the approach"],
            ["Explain the approach, walk through an example, name the edge cases."],
        )
    # "Edge cases: empty list, one element" is how people list them: lists count here.
    edge = a.count_terms(EDGE_CASE_TERMS, prose_only=False)
    example = a.count_terms(EXAMPLE_TERMS) > 0
    s = (
        0.35 * ramp(a.prose_words, 10, 180)
        + 0.3 * ramp(edge, 0, 4)
        + 0.15 * example
        + 0.2 * criterion_coverage(ctx)
    )
    j = keypoint_judgement(ctx, to_scale(s))
    rate = _pass_rate(ctx)
    if rate is not None and rate < 1.0 and edge:
        # Edge cases claimed handled that the tests show are not.
        j.score = min(j.score, 2 if _only_hidden_failed(ctx) else 3)
    if not j.evidence:
        j.evidence = (
            sentences_with(a, EDGE_CASE_TERMS + EXAMPLE_TERMS) or [clip(a.prose_sentences[0].text)]
            if a.prose_sentences
            else []
        )
    return j
