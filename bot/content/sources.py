"""Where each loaded object was written, so checks that run after loading can still cite lines.

Reference-solution runs and later checks see only validated models; a
`Source` lets them report `bank.yaml:57: questions[3].coding.reference_solution`
without re-reading the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bot.content.errors import ContentIssue, Loc, format_loc
from bot.content.yaml_source import LocNode


@dataclass(frozen=True)
class Source:
    file: Path
    # Location of the object inside its file, e.g. ('questions', 3); () for a whole file.
    prefix: Loc = ()
    node: LocNode | None = None

    def line_of(self, loc: Loc = ()) -> int | None:
        return self.node.line_of(loc) if self.node is not None else None

    def issue(self, loc: Loc, message: str) -> ContentIssue:
        return ContentIssue(self.file, self.line_of(loc), format_loc(self.prefix + loc), message)


@dataclass
class SourceMap:
    """Sources of banks, questions and rubrics by id."""

    banks: dict[str, Source] = field(default_factory=dict)
    questions: dict[str, Source] = field(default_factory=dict)
    rubrics: dict[str, Source] = field(default_factory=dict)

    def question(self, question_id: str) -> Source:
        """The question's source; a line-less stand-in naming it for catalogs built in code."""
        found = self.questions.get(question_id)
        return found if found is not None else Source(Path(f"<question {question_id}>"))
