"""Helpers for content tests: the valid fixture bank, and variants of it written to tmp_path.

Tests break the valid bank one edit at a time, so each test shows exactly the
mistake it checks and the line it expects to be blamed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from bot.content.errors import ContentIssue
from bot.content.loader import load_catalog_with_issues

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "content"
BANKS = FIXTURES / "banks"
RUBRICS = FIXTURES / "rubrics"
MIXED = BANKS / "mixed.yaml"
MIXED_TEXT = MIXED.read_text(encoding="utf-8")
ML_RUBRIC_TEXT = (RUBRICS / "ml-concepts.yaml").read_text(encoding="utf-8")


def line_with(text: str, needle: str, nth: int = 1) -> int:
    """1-based line of the nth line containing `needle`."""
    hits = [n for n, line in enumerate(text.splitlines(), 1) if needle in line]
    assert len(hits) >= nth, f"{needle!r} not found {nth} time(s)"
    return hits[nth - 1]


def edit(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"{old!r} must occur exactly once"
    return text.replace(old, new)


Writer = Callable[[str, str], Path]


@pytest.fixture
def write(tmp_path: Path) -> Writer:
    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return _write


BankIssues = Callable[[str], list[ContentIssue]]


@pytest.fixture
def bank_issues(write: Writer) -> BankIssues:
    """Issues from loading one bank text next to the fixture rubrics."""

    def _issues(text: str) -> list[ContentIssue]:
        path = write("bank.yaml", text)
        return load_catalog_with_issues([path], [RUBRICS])[1]

    return _issues
