"""Loading banks and rubrics into a `Catalog`: every file checked, every issue reported.

A file either loads completely or not at all, so a typo in one team's bank
can never leave half its questions live. With `strict=False` the good files
still load beside the broken ones, which is what a running bot wants.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from bot.content.bank_file import BankFile, check_bank_file
from bot.content.catalog import Catalog
from bot.content.crosscheck import cross_check
from bot.content.discovery import discover
from bot.content.errors import ContentError, ContentIssue, ContentPathError
from bot.content.rubric_file import RubricFile, check_rubric_file
from bot.content.sources import SourceMap


def load_catalog(
    bank_paths: Sequence[Path], rubric_paths: Sequence[Path], *, strict: bool = True
) -> Catalog:
    """Load files or folders of banks and rubrics.

    strict=True raises ContentError with every issue in every file; otherwise
    the catalog holds the files without issues and `catalog.issues` the rest.
    Missing paths and empty folders always raise ContentPathError.
    """
    catalog = load_catalog_with_issues(bank_paths, rubric_paths)[0]
    if strict and catalog.issues:
        raise ContentError(catalog.issues)
    return catalog


def load_catalog_with_issues(
    bank_paths: Sequence[Path], rubric_paths: Sequence[Path]
) -> tuple[Catalog, list[ContentIssue]]:
    bank_files, rubric_files = _discover_both(bank_paths, rubric_paths)
    rubrics = [check_rubric_file(path) for path in rubric_files]
    banks = [check_bank_file(path) for path in bank_files]
    cross_check(banks, rubrics)
    files: list[RubricFile | BankFile] = [*rubrics, *banks]
    issues = [issue for file in files for issue in _in_line_order(file.issues)]
    catalog = _build(banks, rubrics)
    catalog.issues = issues
    return catalog, issues


def _discover_both(
    bank_paths: Sequence[Path], rubric_paths: Sequence[Path]
) -> tuple[list[Path], list[Path]]:
    found: list[list[Path]] = []
    problems: list[ContentIssue] = []
    for paths in (bank_paths, rubric_paths):
        try:
            found.append(discover(paths))
        except ContentPathError as exc:
            problems.extend(exc.issues)
    if problems:
        raise ContentPathError(problems)
    return found[0], found[1]


def _in_line_order(issues: list[ContentIssue]) -> list[ContentIssue]:
    return sorted(issues, key=lambda i: i.line or 0)


def _build(banks: list[BankFile], rubrics: list[RubricFile]) -> Catalog:
    sources = SourceMap()
    good_banks = []
    for bf in banks:
        if bf.bank is not None and not bf.issues:
            good_banks.append(bf.bank)
            sources.banks[bf.bank.id] = bf.source()
            sources.questions.update((c.question.id, c.source) for c in bf.questions)
    good_rubrics = []
    for rf in rubrics:
        if rf.rubric is not None and not rf.issues:
            good_rubrics.append(rf.rubric)
            sources.rubrics[rf.rubric.id] = rf.source()
    return Catalog(good_banks, good_rubrics, sources)
