"""Checking one bank file on its own: YAML shape, bank defaults, every question's fields.

Each question is validated separately, after the bank's defaults are pushed
into it, so one bad question yields precise errors without hiding the rest.
Checks that need other files (rubrics, ids elsewhere) live in `crosscheck`.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from bot.content.errors import ContentIssue, Loc
from bot.content.messages import close_match_hint, describe_error, model_error_loc, show
from bot.content.schema import LEADERSHIP_PRINCIPLES, Bank, Question, Track
from bot.content.sources import Source
from bot.content.yaml_source import YamlDocument, parse_yaml

# Bank-level keys a question inherits unless it sets its own.
DEFAULTED = ("track", "rubric", "time_limit_minutes")


@dataclass
class CheckedQuestion:
    index: int
    question: Question
    source: Source
    own_rubric: bool  # set on the question rather than inherited from the bank


@dataclass
class BankFile:
    path: Path
    issues: list[ContentIssue] = field(default_factory=list)
    doc: YamlDocument | None = None
    bank: Bank | None = None  # only when the file alone has no issue
    bank_id: str | None = None
    # Every question id as written, valid question or not, for duplicate checks: (index, id).
    raw_ids: list[tuple[int, str]] = field(default_factory=list)
    questions: list[CheckedQuestion] = field(default_factory=list)

    def source(self, prefix: Loc = ()) -> Source:
        node = self.doc.root.node_at(prefix) if self.doc else None
        return Source(self.path, prefix, node)

    def add(self, loc: Loc, message: str) -> None:
        self.issues.append(self.source().issue(loc, message))


def check_bank_file(path: Path) -> BankFile:
    doc, issues = parse_yaml(path)
    result = BankFile(path, issues=issues, doc=doc)
    if doc is None:
        return result
    data = doc.data
    if not isinstance(data, dict):
        result.add((), f"the top level must be a mapping starting with 'bank:' (got {show(data)})")
        return result
    if isinstance(data.get("bank"), str):
        result.bank_id = data["bank"]
    raw_questions = data.get("questions")
    question_list = raw_questions if isinstance(raw_questions, list) else []
    has_questions = bool(question_list)
    for index, raw in enumerate(question_list):
        if isinstance(raw, dict) and isinstance(raw.get("id"), str):
            result.raw_ids.append((index, raw["id"]))
        checked = _check_question(result, index, raw, data)
        if checked is not None:
            result.questions.append(checked)
    header = {k: v for k, v in data.items() if k != "questions"}
    if "questions" in data:
        header["questions"] = (
            [c.question for c in result.questions] if has_questions else raw_questions
        )
    try:
        bank = Bank.model_validate(header)
    except ValidationError as exc:
        for error in exc.errors():
            # Question errors were reported one by one above, with their own lines.
            if not (has_questions and error["loc"][:1] == ("questions",)):
                result.add(error["loc"], describe_error(error))
        return result
    if not result.issues:
        result.bank = bank
    return result


def _check_question(
    result: BankFile, index: int, raw: Any, bank: dict[Any, Any]
) -> CheckedQuestion | None:
    prefix: Loc = ("questions", index)
    source = result.source(prefix)
    if not isinstance(raw, dict):
        result.issues.append(source.issue((), f"each question must be a mapping (got {show(raw)})"))
        return None
    merged = dict(raw)
    for key in DEFAULTED:
        if key not in raw and key in bank:
            merged[key] = bank[key]
    merged["bank"] = bank.get("bank") if isinstance(bank.get("bank"), str) else ""
    # Run on the raw mapping so these show up even when other fields of the question are wrong.
    result.issues.extend(_track_checks(merged, source))
    try:
        question = Question.model_validate(merged)
    except ValidationError as exc:
        for error in exc.errors():
            loc = error["loc"]
            # An inherited (or absent) default is wrong on the bank: reported once, there.
            if loc and loc[0] in (*DEFAULTED, "bank") and loc[0] not in raw:
                continue
            message = describe_error(error)
            if not loc:
                loc = model_error_loc(message, Question.model_fields)
            result.issues.append(source.issue(loc, message))
        return None
    return CheckedQuestion(index, question, source, own_rubric="rubric" in raw)


def _track_checks(question: dict[Any, Any], source: Source) -> list[ContentIssue]:
    issues: list[ContentIssue] = []
    principle = question.get("principle")
    leadership = question.get("track") == Track.LEADERSHIP
    if leadership and isinstance(principle, str) and principle not in LEADERSHIP_PRINCIPLES:
        hint = close_match_hint(principle, LEADERSHIP_PRINCIPLES)
        message = f"'{principle}' is not one of the 16 leadership principle ids in SCHEMA.md"
        issues.append(source.issue(("principle",), message + hint))
    coding = question.get("coding")
    if isinstance(coding, dict):
        solution, entry_point = coding.get("reference_solution"), coding.get("entry_point")
        # A malformed entry_point is reported by the model; "not defined" would only repeat it.
        if (
            isinstance(solution, str)
            and solution.strip()
            and isinstance(entry_point, str)
            and entry_point.isidentifier()
        ):
            issues.extend(_entry_point_checks(solution, entry_point, source))
    return issues


def _entry_point_checks(solution: str, entry_point: str, source: Source) -> list[ContentIssue]:
    try:
        tree = ast.parse(solution)
    except SyntaxError as exc:
        where = f" (line {exc.lineno} of the solution)" if exc.lineno else ""
        message = f"is not valid Python: {exc.msg}{where}"
        return [source.issue(("coding", "reference_solution"), message)]
    names = top_level_names(tree)
    if entry_point in names:
        return []
    hint = close_match_hint(entry_point, names)
    defined = f" (it defines: {', '.join(sorted(names))})" if names else ""
    message = f"'{entry_point}' is not defined by reference_solution{defined}{hint}"
    return [source.issue(("coding", "entry_point"), message)]


def top_level_names(tree: ast.Module) -> set[str]:
    """Names a test harness could call after exec'ing the module: defs, classes, assignments."""
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return names
