"""Finding the Python in a chat answer, and the prose around it.

Candidates answer in chat: fenced blocks (tagged or not, sometimes Slack-style with
code on the fence line), or a function pasted straight into a sentence. Both are
handled with one linear pass over the lines; bare code is confirmed with
`ast.parse` under a fixed budget, so a 1 MB answer costs milliseconds, not minutes.
"""

from __future__ import annotations

import ast
import re
import textwrap
from dataclasses import dataclass

_PYTHON_TAGS = frozenset({"python", "py", "python3", "py3"})
_TEXT_TAGS = frozenset({"text", "txt", "plaintext", "plain", "markdown", "md"})
_FENCE = re.compile(r"([ \t]*)(`{3,}|~{3,})(.*)")
_INFO = re.compile(r"[\w+#.{}-]+")
_DEFINITION = re.compile(
    r"^[ \t]*(?:(?:async[ \t]+)?def[ \t]+\w|class[ \t]+\w"
    r"|import[ \t]+\w|from[ \t]+[\w.]+[ \t]+import\b)",
    re.M,
)
_START = re.compile(
    r"[ \t]*(?:(?:async[ \t]+)?def[ \t]+\w+[ \t]*\(|class[ \t]+\w+[ \t]*[(:]"
    r"|import[ \t]+\w|from[ \t]+[\w.]+[ \t]+import\b|@\w)"
)
_ASSIGNMENT = re.compile(r"[ \t]*[A-Za-z_][\w.]*(?:\[[^\]]*\])?[ \t]*(?::[^=]+)?=[^=]")
_PARSE_BUDGET = 300_000  # characters handed to ast.parse per answer
_MAX_REGION_LINES = 2_000
_MAX_SHRINKS = 8
_MAX_PARSE_CHARS = 200_000  # an untagged block longer than this is judged by its lines


@dataclass(frozen=True)
class _Block:
    first: int  # index of the opening fence line
    last: int  # index of the closing fence line (or the last line when unclosed)
    lang: str  # "python", "" for untagged, or the tag as written
    body: str


def _defines(code: str, name: str) -> bool:
    return (
        re.search(rf"^[ \t]*(?:async[ \t]+)?def[ \t]+{re.escape(name)}\b", code, re.M) is not None
    )


def _parses(code: str) -> bool:
    try:
        ast.parse(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


def _open(line: str) -> tuple[str, str, list[str], bool] | None:
    """(fence, language, code on the fence line, closed on that line) if `line` opens a block."""
    m = _FENCE.fullmatch(line)
    if m is None:
        return None
    fence, info = m.group(2), m.group(3).strip()
    if fence[0] == "`" and "`" in info:  # Slack style ```code``` on one line, else inline code
        return (fence, "", [info.rstrip("`")], True) if info.endswith("```") else None
    first = info.split(maxsplit=1)[0].lower().strip("{}.") if info else ""
    if first in _PYTHON_TAGS:
        return fence, "python", [], False
    if _INFO.fullmatch(info):
        return fence, first, [], False
    return fence, "", [info] if info else [], False  # Slack style: code right after ```


def _closes(line: str, fence: str) -> bool:
    bare = line.strip()
    return len(bare) >= len(fence) and bare == fence[0] * len(bare)


def _blocks(lines: list[str]) -> list[_Block]:
    """Fenced blocks in order; an unclosed fence runs to the end, as in CommonMark."""
    blocks: list[_Block] = []
    i = 0
    while i < len(lines):
        opened = _open(lines[i])
        if opened is None:
            i += 1
            continue
        fence, lang, body, closed = opened
        j = i
        while not closed and (j := j + 1) < len(lines):
            line = lines[j].rstrip()
            if _closes(line, fence):
                break
            if fence[0] == "`" and line.endswith(fence):  # Slack style: `return x```
                body.append(line.rstrip("`"))
                break
            body.append(lines[j])
        blocks.append(_Block(i, min(j, len(lines) - 1), lang, textwrap.dedent("\n".join(body))))
        i = j + 1
    return blocks


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _region_ends(lines: list[str | None], start: int) -> list[int]:
    """Where a region of code starting at `start` may end, longest first.

    A region is the start line, lines indented deeper than it, and later lines at its
    indentation that look like code; it may end after any top-level statement.
    """
    top = _indent(lines[start] or "")
    ends = [start]
    for j in range(start + 1, min(len(lines), start + _MAX_REGION_LINES)):
        line = lines[j]
        if line is None:
            break
        if not line.strip():
            continue
        indent = _indent(line)
        if indent > top or (indent == top and line.lstrip()[:1] in (")", "]", "}")):
            ends[-1] = j
        elif indent == top and (_START.match(line) or _ASSIGNMENT.match(line)):
            ends.append(j)
        else:
            break
    return ends[::-1]


def _bare_regions(lines: list[str | None]) -> list[tuple[int, int]]:
    """Line ranges (first, last) of code pasted into prose that `ast.parse` accepts."""
    regions: list[tuple[int, int]] = []
    budget = _PARSE_BUDGET
    i = 0
    while i < len(lines) and budget > 0:
        line = lines[i]
        if line is None or not _START.match(line):
            i += 1
            continue
        found = None
        for end in _region_ends(lines, i)[:_MAX_SHRINKS]:
            code = textwrap.dedent("\n".join(s or "" for s in lines[i : end + 1]))
            budget -= len(code) + 2_000  # a fixed share too, so many tiny tries stay cheap
            if budget < 0:
                break
            if _parses(code):
                found = end
                break
        if found is None:
            i += 1
        else:
            regions.append((i, found))
            i = found + 1
    return regions


def _masked(lines: list[str], blocks: list[_Block]) -> list[str | None]:
    """`lines` with fenced blocks blanked out, so bare-code search skips them."""
    masked: list[str | None] = list(lines)
    for b in blocks:
        masked[b.first : b.last + 1] = [None] * (b.last + 1 - b.first)
    return masked


def _is_python(block: _Block) -> bool:
    if block.lang == "python":
        return True
    if block.lang or not block.body.strip():
        return False
    if _DEFINITION.search(block.body):
        return True
    return len(block.body) <= _MAX_PARSE_CHARS and _parses(block.body)


def extract_code(answer: str, entry_point: str | None = None) -> str | None:
    """The answer's Python, or None when it has none.

    Fenced Python (tagged, or untagged and Python-looking) wins; with several blocks
    and some defining `entry_point`, usage and output blocks are left out. Without
    fenced Python, code pasted into prose is found line by line.
    """
    lines = answer.splitlines()
    blocks = _blocks(lines)
    code = [b.body for b in blocks if _is_python(b)]
    if entry_point and len(code) > 1 and any(_defines(c, entry_point) for c in code):
        code = [c for c in code if _defines(c, entry_point) or _DEFINITION.search(c)]
    if not code:
        code = [
            textwrap.dedent("\n".join(lines[first : last + 1]))
            for first, last in _bare_regions(_masked(lines, blocks))
        ]
        if not any(re.search(r"^[ \t]*(?:async[ \t]+)?(?:def|class)[ \t]", c, re.M) for c in code):
            return None
    joined = "\n\n".join(c.strip("\n") for c in code if c.strip())
    return joined + "\n" if joined else None


def prose_without_code(answer: str) -> str:
    """The answer with code blocks and pasted code removed; text-tagged blocks stay."""
    lines = answer.splitlines()
    blocks = _blocks(lines)
    drop = [False] * len(lines)
    for b in blocks:
        drop[b.first : b.last + 1] = [True] * (b.last + 1 - b.first)
        if b.lang in _TEXT_TAGS:
            last = b.last - 1 if _FENCE.fullmatch(lines[b.last]) and b.last > b.first else b.last
            drop[b.first + 1 : last + 1] = [False] * (last - b.first)
    for first, last in _bare_regions(_masked(lines, blocks)):
        drop[first : last + 1] = [True] * (last + 1 - first)
    out: list[str] = []
    gap = False  # just after removed code: one blank line stands for it
    for line, dropped in zip(lines, drop, strict=True):
        if dropped:
            if out and out[-1].strip():
                out.append("")
            gap = True
        elif line.strip() or not gap:
            out.append(line)
            gap = False
    return "\n".join(out).strip()
