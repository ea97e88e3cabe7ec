"""Rules for ML system design: requirements, architecture, cost, reliability.

Each criterion looks for its own kind of evidence besides the key points:
scale numbers and metrics, a data flow, estimates with units, and specific
failures with their fallbacks and monitoring.
"""

from __future__ import annotations

from bot.scoring.criteria.common import (
    Context,
    Judgement,
    criterion_coverage,
    keypoint_judgement,
    ramp,
    sentences_with,
    substance,
    to_scale,
)

REQUIREMENT_TERMS = (
    "qps",
    "latency",
    "p99",
    "p95",
    "users",
    "metric",
    "success",
    "requirement",
    "sla",
    "assum",
    "throughput",
    "freshness",
    "scale",
    "per day",
    "a day",
    "per second",
    "daily active",
    "budget",
    "constraint",
    "goal",
    "kpi",
    "slo",
)
COST_TERMS = (
    "cost",
    "$",
    "dollar",
    "cheap",
    "expensive",
    "budget",
    "gpu",
    "cores",
    "instances",
    "per month",
    "a month",
    "per day",
    "spend",
    "price",
    "tokens",
    "capacity",
    "hardware",
    "machines",
    "servers",
    "storage",
    "memory",
)
FAILURE_TERMS = (
    "fail",
    "fallback",
    "fall back",
    "degrade",
    "timeout",
    "time out",
    "outage",
    "down",
    "retry",
    "circuit",
    "backup",
    "stale",
    "rollback",
    "roll back",
    "canary",
    "shadow",
    "redundan",
    "replica",
    "if the",
    "when the",
)
MONITOR_TERMS = (
    "monitor",
    "alert",
    "drift",
    "dashboard",
    "track",
    "audit",
    "human review",
    "delayed label",
    "feedback loop",
    "a/b",
    "experiment",
    "online metric",
    "quality",
    "precision",
    "recall",
    "calibrat",
    "retrain",
)
FLOW_TERMS = (
    "offline",
    "online",
    "pipeline",
    "stream",
    "batch",
    "feature",
    "serving",
    "index",
    "candidate",
    "retriev",
    "rank",
    "train",
    "->",
    "then",
    "store",
    "cache",
    "model",
)


def requirements(ctx: Context) -> Judgement:
    a = ctx.analysis
    s = (
        0.35 * criterion_coverage(ctx)
        + 0.3 * ramp(a.count_terms(REQUIREMENT_TERMS), 0, 5)
        + 0.35 * ramp(a.numbers, 0, 8)
    )
    j = keypoint_judgement(ctx, to_scale(s))
    if not j.evidence:
        j.evidence = sentences_with(a, REQUIREMENT_TERMS)
    return j


def architecture(ctx: Context) -> Judgement:
    a = ctx.analysis
    flow = ramp(a.count_terms(FLOW_TERMS), 1, 9)
    s = 0.4 * criterion_coverage(ctx) + 0.35 * substance(a) + 0.25 * flow
    return keypoint_judgement(ctx, to_scale(s))


def cost(ctx: Context) -> Judgement:
    a = ctx.analysis
    cost_sentences = sentences_with(a, COST_TERMS, limit=50)
    numeric = sum(any(ch.isdigit() for ch in s) for s in cost_sentences)
    s = (
        0.35 * criterion_coverage(ctx)
        + 0.3 * ramp(a.count_terms(COST_TERMS), 0, 6)
        + 0.35 * ramp(numeric, 0, 4)
    )
    j = keypoint_judgement(ctx, to_scale(s))
    if not j.evidence:
        j.evidence = cost_sentences[:2]
    if numeric == 0:
        j.tips.append("Put a back-of-envelope number on the cost (QPS x compute, GPUs, $/month).")
    return j


def reliability(ctx: Context) -> Judgement:
    a = ctx.analysis
    failures = ramp(a.count_terms(FAILURE_TERMS), 0, 6)
    monitoring = ramp(a.count_terms(MONITOR_TERMS), 0, 6)
    s = 0.4 * criterion_coverage(ctx) + 0.3 * failures + 0.3 * monitoring
    j = keypoint_judgement(ctx, to_scale(s))
    if not j.evidence:
        j.evidence = sentences_with(a, FAILURE_TERMS + MONITOR_TERMS)
    if monitoring < 0.3:
        j.tips.append("Say what you monitor (model quality, data drift) and what alerts fire.")
    return j
