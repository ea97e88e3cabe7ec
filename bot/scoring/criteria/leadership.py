"""Rules for behavioural questions: STAR structure, ownership, results, principle."""

from __future__ import annotations

from bot.scoring.criteria.common import (
    Context,
    Judgement,
    clip,
    criterion_coverage,
    keypoint_judgement,
    ramp,
    substance,
    to_scale,
)
from bot.scoring.star import Story


def _story(ctx: Context) -> Story:
    return ctx.analysis.story


def star(ctx: Context) -> Judgement:
    st = _story(ctx)
    if st.hypothetical:
        return Judgement(
            1,
            [],
            ["a specific past situation"],
            ["Tell one real story: the situation, what you did, and what happened."],
        )
    s = 0.45 * (st.parts / 4) + 0.3 * substance(ctx.analysis) + 0.25 * bool(st.reflection)
    missing = [
        name
        for name, ok in (
            ("situation", st.situation),
            ("task", st.task),
            ("action", bool(st.actions)),
            ("result", bool(st.results)),
            ("reflection", bool(st.reflection)),
        )
        if not ok
    ]
    tips = ["End with what you learned or changed afterwards."] if not st.reflection else []
    evidence = [clip(x) for x in (st.actions[:1] + st.reflection[:1])]
    return Judgement(to_scale(s), evidence, missing, tips)


def ownership(ctx: Context) -> Judgement:
    st = _story(ctx)
    if st.hypothetical:
        return Judgement(1, [], ["your own actions in a real situation"], [])
    n = len(st.actions)
    s = 0.5 * ramp(n, 0, 7) + 0.3 * st.first_person_share + 0.2 * substance(ctx.analysis)
    tips = (
        [] if st.first_person_share >= 0.5 else ["Say what you did yourself: 'I', not only 'we'."]
    )
    missing = [] if n >= 2 else ["first-person actions and decisions"]
    return Judgement(to_scale(s), [clip(x) for x in st.actions[:2]], missing, tips)


def results(ctx: Context) -> Judgement:
    st = _story(ctx)
    if st.hypothetical:
        return Judgement(1, [], ["a result"], [])
    s = (
        0.25 * bool(st.results)
        + 0.35 * ramp(st.quantified_results, 0, 4)
        + 0.15 * st.business_tie
        + 0.1 * st.lasting
        + 0.15 * substance(ctx.analysis)
    )
    tips = [] if st.quantified_results else ["Quantify the result: before and after, in numbers."]
    missing = [] if st.quantified_results else ["a measured result"]
    return Judgement(to_scale(s), [clip(x) for x in st.results[:2]], missing, tips)


def principle(ctx: Context) -> Judgement:
    st = _story(ctx)
    cov = criterion_coverage(ctx)
    s = 0.5 * cov + 0.3 * substance(ctx.analysis) + 0.2 * (st.parts / 4)
    j = keypoint_judgement(ctx, 1 if st.hypothetical else to_scale(s))
    return j
