"""Checking one rubric file on its own, against the `Rubric` model's rules.

The model's whole-rubric checks (scale, anchors, verdict order) fail without a
field location; `_locate` reads their message to point at the criterion or
key they are about, so the author lands on the right line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from bot.content.errors import ContentIssue, Loc
from bot.content.messages import describe_error, show
from bot.content.schema import Rubric
from bot.content.sources import Source
from bot.content.yaml_source import YamlDocument, parse_yaml


@dataclass
class RubricFile:
    path: Path
    issues: list[ContentIssue] = field(default_factory=list)
    doc: YamlDocument | None = None
    rubric: Rubric | None = None  # only when the file has no issue
    rubric_id: str | None = None

    def source(self) -> Source:
        return Source(self.path, (), self.doc.root if self.doc else None)


def check_rubric_file(path: Path) -> RubricFile:
    doc, issues = parse_yaml(path)
    result = RubricFile(path, issues=issues, doc=doc)
    if doc is None:
        return result
    data = doc.data
    source = result.source()
    if not isinstance(data, dict):
        message = f"the top level must be a mapping starting with 'rubric:' (got {show(data)})"
        result.issues.append(source.issue((), message))
        return result
    if isinstance(data.get("rubric"), str):
        result.rubric_id = data["rubric"]
    try:
        rubric = Rubric.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            message = describe_error(error)
            loc = error["loc"] or _locate(message, data)
            result.issues.append(source.issue(loc, message))
        return result
    if not result.issues:
        result.rubric = rubric
    return result


def _locate(message: str, data: dict[Any, Any]) -> Loc:
    criteria = data.get("criteria")
    ids = [c.get("id") if isinstance(c, dict) else None for c in criteria or []]
    named = re.search(r"criterion '([^']*)'", message)
    if named and named.group(1) in ids:
        return ("criteria", ids.index(named.group(1)), "anchors")
    dupes = re.search(r"duplicate criterion id\(s\): ([^,]+)", message)
    if dupes and ids.count(dupes.group(1)) > 1:
        second = ids.index(dupes.group(1), ids.index(dupes.group(1)) + 1)
        return ("criteria", second, "id")
    if message.startswith("scale"):
        return ("scale",)
    if "last verdict" in message:
        return ("verdicts", len(data.get("verdicts") or [1]) - 1, "min")
    if "verdict" in message:
        return ("verdicts",)
    return ()
