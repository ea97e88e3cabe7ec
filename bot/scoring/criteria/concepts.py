"""Rules for concept questions (ML depth): accuracy, depth, practice, clarity.

Accuracy rests on the key points found in prose; depth on the reasoning that
connects them; practice on concrete numbers and named methods; clarity on
whether the answer is organised prose at all.
"""

from __future__ import annotations

from bot.scoring.criteria.common import (
    Context,
    Judgement,
    criterion_coverage,
    keypoint_judgement,
    ramp,
    substance,
    to_scale,
)


def accuracy(ctx: Context) -> Judgement:
    a = ctx.analysis
    s = 0.6 * criterion_coverage(ctx) + 0.4 * substance(a)
    j = keypoint_judgement(ctx, to_scale(s))
    return j


def depth(ctx: Context) -> Judgement:
    a = ctx.analysis
    reasoning = ramp(a.reasoning, 0, 10)
    s = 0.4 * criterion_coverage(ctx) + 0.3 * substance(a) + 0.3 * reasoning
    j = keypoint_judgement(ctx, to_scale(s))
    if reasoning < 0.3:
        j.tips.append("Explain why each point holds and what it trades off, not only what it is.")
    return j


def practice(ctx: Context) -> Judgement:
    a = ctx.analysis
    numbers = ramp(a.numbers, 0, 6)
    s = 0.4 * criterion_coverage(ctx) + 0.3 * numbers + 0.3 * substance(a)
    j = keypoint_judgement(ctx, to_scale(s))
    if numbers < 0.3:
        j.tips.append(
            "Give concrete numbers, settings or named methods a practitioner could act on."
        )
    return j


def clarity(ctx: Context) -> Judgement:
    a = ctx.analysis
    prose = a.prose_sentences
    organised = len([p for p in a.prose.split("\n\n") if p.strip()]) >= 2 or len(prose) >= 6
    s = 0.5 * ramp(a.prose_words, 10, 120) + 0.25 * organised + 0.25 * criterion_coverage(ctx)
    j = keypoint_judgement(ctx, to_scale(s))
    if not j.evidence and prose:
        j.evidence.append(prose[0].text[:220])
    return j
