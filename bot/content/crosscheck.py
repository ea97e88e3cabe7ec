"""Checks that need more than one file: unique ids everywhere, rubric and criterion references.

Issues are added to the file that has to change: the second of two
duplicates (naming where the first is), the question or bank that names a
rubric, the key point that names a criterion.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from bot.content.bank_file import BankFile, CheckedQuestion
from bot.content.messages import close_match_hint
from bot.content.rubric_file import RubricFile
from bot.content.schema import Rubric


def cross_check(banks: Sequence[BankFile], rubrics: Sequence[RubricFile]) -> None:
    """Add cross-file issues to `banks` and `rubrics` in place."""
    _unique_file_ids(rubrics, "rubric")
    _unique_file_ids(banks, "bank")
    _unique_question_ids(banks)
    available: dict[str, Rubric] = {}
    for rf in rubrics:
        if rf.rubric is not None and not rf.issues:
            available.setdefault(rf.rubric.id, rf.rubric)
    broken = {rf.rubric_id: rf.path for rf in rubrics if rf.rubric_id and rf.issues}
    for bf in banks:
        _check_references(bf, available, broken)


def _unique_file_ids(files: Sequence[BankFile] | Sequence[RubricFile], key: str) -> None:
    first: dict[str, tuple[Path, int | None]] = {}
    for file in files:
        file_id = file.bank_id if isinstance(file, BankFile) else file.rubric_id
        if file_id is None:
            continue
        source = file.source()
        line = source.line_of((key,))
        if file_id in first:
            where = _where(*first[file_id])
            file.issues.append(
                source.issue((key,), f"duplicate {key} id '{file_id}' (first defined at {where})")
            )
        else:
            first[file_id] = (file.path, line)


def _unique_question_ids(banks: Sequence[BankFile]) -> None:
    first: dict[str, tuple[Path, int | None]] = {}
    for bf in banks:
        source = bf.source()
        for index, question_id in bf.raw_ids:
            loc = ("questions", index, "id")
            if question_id in first:
                where = _where(*first[question_id])
                message = f"duplicate question id '{question_id}' (first defined at {where})"
                bf.issues.append(source.issue(loc, message))
            else:
                first[question_id] = (bf.path, source.line_of(loc))


def _check_references(bf: BankFile, available: dict[str, Rubric], broken: dict[str, Path]) -> None:
    bank_level_reported = False
    for checked in bf.questions:
        rubric_id = checked.question.rubric
        rubric = available.get(rubric_id)
        if rubric is not None:
            _check_criteria(bf, checked, rubric)
            continue
        if rubric_id in broken:
            message = f"rubric '{rubric_id}' did not load: {broken[rubric_id]} has errors"
        else:
            known = sorted({*available, *broken})
            hint = close_match_hint(rubric_id, known) or f" (known: {', '.join(known) or 'none'})"
            message = f"unknown rubric '{rubric_id}'{hint}"
        if checked.own_rubric:
            bf.issues.append(checked.source.issue(("rubric",), message))
        elif not bank_level_reported:
            bf.issues.append(bf.source().issue(("rubric",), message))
            bank_level_reported = True


def _check_criteria(bf: BankFile, checked: CheckedQuestion, rubric: Rubric) -> None:
    ids = [c.id for c in rubric.criteria]
    for index, point in enumerate(checked.question.key_points):
        if point.criterion in ids:
            continue
        hint = close_match_hint(point.criterion, ids)
        message = (
            f"'{point.criterion}' is not a criterion of rubric '{rubric.id}'"
            f" (criteria: {', '.join(ids)}){hint}"
        )
        bf.issues.append(checked.source.issue(("key_points", index, "criterion"), message))


def _where(path: Path, line: int | None) -> str:
    return f"{path}:{line}" if line is not None else str(path)
