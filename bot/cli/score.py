"""`mockbot score` and `mockbot demo` (to be implemented)."""

from __future__ import annotations


def score_command() -> None:
    """Score a batch of answers (SCHEMA.md)."""


def demo_command() -> None:
    """Score the bundled example answers and print the cards."""
