"""What every criterion rule shares: its inputs, its output and the scale mapping.

Rules compute a strength in [0, 1] from evidence; `to_scale` maps it onto the
rubric's anchors with fixed, evenly spaced cut points, so no rule carries
constants fitted to particular answers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from bot.content.schema import Criterion, Question
from bot.scoring.analysis import Analysis
from bot.scoring.keypoints import COVERED, KeyPointHit, coverage
from bot.scoring.runner import RunReport


@dataclass(frozen=True)
class Context:
    question: Question
    criterion: Criterion
    analysis: Analysis
    run: RunReport | None = None
    # Why code was not run (no sandbox, no code), when it was not.
    run_note: str | None = None


@dataclass
class Judgement:
    score: int
    evidence: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    tips: list[str] = field(default_factory=list)


Rule = Callable[[Context], Judgement]

CUTS = (0.15, 0.35, 0.55, 0.75)


def to_scale(strength: float) -> int:
    """Strength 0..1 -> 1..5 on even cut points."""
    return 1 + sum(strength >= c for c in CUTS)


def ramp(value: float, zero: float, full: float) -> float:
    """0 at `zero`, 1 at `full`, linear between, clamped."""
    if full == zero:
        return 1.0 if value >= full else 0.0
    return max(0.0, min(1.0, (value - zero) / (full - zero)))


def substance(a: Analysis) -> float:
    """How much real explanation there is: prose words, saturating around 300."""
    return float(ramp(a.prose_words, 10, 300) ** 0.8)


def criterion_hits(ctx: Context) -> list[KeyPointHit]:
    return ctx.analysis.hits_for(ctx.criterion.id)


def criterion_coverage(ctx: Context, fallback_to_all: bool = True) -> float:
    hits = criterion_hits(ctx)
    if not hits and fallback_to_all:
        hits = ctx.analysis.hits
    value = coverage(hits)
    return 0.0 if value is None else value


def clip(text: str, limit: int = 220) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def keypoint_judgement(ctx: Context, score: int) -> Judgement:
    """Evidence and what was missing for this criterion, from its key points."""
    hits = criterion_hits(ctx)
    evidence, missing, tips = [], [], []
    for h in hits:
        if h.coverage >= COVERED and h.evidence:
            if clip(h.evidence) not in evidence:
                evidence.append(clip(h.evidence))
        else:
            missing.append(h.key_point.text)
            if h.key_point.probe:
                tips.append(h.key_point.probe)
    return Judgement(score, evidence[:3], missing, tips)


def sentences_with(a: Analysis, terms: tuple[str, ...], limit: int = 2) -> list[str]:
    """Prose sentences that contain any of `terms`, as evidence quotes."""
    out = []
    for s in a.prose_sentences:
        low = f" {s.text.lower()} "
        if any(t in low for t in terms):
            out.append(clip(s.text))
            if len(out) >= limit:
                break
    return out
