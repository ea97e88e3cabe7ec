"""Turning the paths a user typed into content files, and telling banks from rubrics.

Path mistakes (a typo, an empty folder) are reported before any parsing so
the CLI can answer them as usage errors rather than as broken content.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path

from bot.content.errors import ContentIssue, ContentPathError

YAML_SUFFIXES = frozenset({".yaml", ".yml"})
_BANK_KEY = re.compile(r"^bank\s*:", re.MULTILINE)
_RUBRIC_KEY = re.compile(r"^rubric\s*:", re.MULTILINE)


class Kind(StrEnum):
    BANK = "bank"
    RUBRIC = "rubric"


def discover(paths: Sequence[Path]) -> list[Path]:
    """Files in the given order; folders give their *.yaml / *.yml files (not recursive), sorted.

    Raises ContentPathError listing every path that does not exist or names an
    empty folder. A file reached twice is kept once.
    """
    files: list[Path] = []
    seen: set[Path] = set()
    issues: list[ContentIssue] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix in YAML_SUFFIXES and p.is_file())
            if not found:
                issues.append(ContentIssue(path, None, "", "no .yaml or .yml files in this folder"))
        elif path.is_file():
            found = [path]
        else:
            issues.append(ContentIssue(path, None, "", "no such file or folder"))
            continue
        for file in found:
            key = file.resolve()
            if key not in seen:
                seen.add(key)
                files.append(file)
    if issues:
        raise ContentPathError(issues)
    return files


def sniff_kind(path: Path) -> Kind:
    """Rubric when the file has a top-level `rubric:` key and no `bank:` key, else bank.

    Banks have a top-level `rubric:` too (their default rubric), so only the
    absence of `bank:` marks a rubric. A text scan, not a parse: the file is
    parsed properly later, and a file that is neither gets its real errors
    from the bank checks.
    """
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return Kind.BANK
    if _RUBRIC_KEY.search(text) and not _BANK_KEY.search(text):
        return Kind.RUBRIC
    return Kind.BANK


def split_by_kind(files: Sequence[Path]) -> tuple[list[Path], list[Path]]:
    banks: list[Path] = []
    rubrics: list[Path] = []
    for file in files:
        (rubrics if sniff_kind(file) is Kind.RUBRIC else banks).append(file)
    return banks, rubrics
