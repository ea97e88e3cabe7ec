"""Wiring: content, storage, scorer and engine, built once per process.

Adapters and the CLI call `build_engine`; tests build an `Engine` directly
with their own store, clock and random source.
"""

from __future__ import annotations

import random

from bot import config
from bot.content.loader import load_catalog
from bot.engine.engine import Engine
from bot.scoring.heuristic import HeuristicScorer
from bot.scoring.runner import CodeRunner
from bot.storage.db import default_url, ensure_schema
from bot.storage.sql_store import SqlStore


def build_engine(
    runner: CodeRunner, database_url: str | None = None, seed: int | None = None
) -> Engine:
    """The default engine: bundled (or configured) content, the database, the heuristic scorer.

    The code runner is the caller's choice (`bot.sandbox.policy.choose_runner`): only
    the caller knows whether its users may opt out of the sandbox.
    """
    catalog = load_catalog(config.bank_paths(), config.rubric_paths())
    store = SqlStore(ensure_schema(database_url or default_url()))
    return Engine(catalog, store, HeuristicScorer(runner), random.Random(seed))
