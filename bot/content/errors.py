"""Content problems as data, so every check can report all of them at once.

Authors fix banks in an editor, so each issue reads like a compiler message
(`path:line: field: message`) that editors and CI logs turn into a link.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

# A location inside a YAML document, as pydantic reports it: ('questions', 3, 'title').
Loc = tuple[str | int, ...]


def format_loc(loc: Loc) -> str:
    """Render a location the way authors read it: `questions[3].key_points[0].criterion`."""
    out = ""
    for segment in loc:
        if segment == "[key]":  # pydantic's marker for "the key itself" in dict errors
            continue
        if isinstance(segment, int):
            out += f"[{segment}]"
        else:
            out += f".{segment}" if out else str(segment)
    return out


@dataclass(frozen=True)
class ContentIssue:
    file: Path
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else str(self.file)
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


class ContentError(Exception):
    """Raised with every issue found, not just the first, so one run fixes a whole bank."""

    def __init__(self, issues: Iterable[ContentIssue]) -> None:
        self.issues: list[ContentIssue] = list(issues)
        super().__init__(self.issues)

    def __str__(self) -> str:
        count = len(self.issues)
        head = f"{count} content error{'' if count == 1 else 's'}"
        return "\n".join([head, *(str(i) for i in self.issues)])


class ContentPathError(ContentError):
    """The paths themselves are wrong (missing, empty folder): nothing could be checked.

    Kept apart from `ContentError` because the CLI answers it with a usage error
    (exit 2) rather than a content failure (exit 1).
    """
