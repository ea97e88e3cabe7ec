"""Reading big-O claims from prose and comparing them with the optimal bound.

Candidates write the same bound many ways (O(R*C), O(m x n), O(rows*cols),
O(N log k)); comparing shapes (how many size factors, how many logs, or an
exponent) instead of strings accepts those spellings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.scoring.text import segments

_BIG_O_RE = re.compile(r"\b[oO]\s*\(\s*([^()]*(?:\([^()]*\)[^()]*)*)\)")
_SPACE_RE = re.compile(r"\b(?:space|memory|extra|auxiliary|storage)\b", re.I)
_TIME_RE = re.compile(r"\b(?:time|runtime|run time|runs in|complexity)\b", re.I)


@dataclass(frozen=True, order=True)
class Shape:
    """Polynomial degree in input sizes, then the number of log factors."""

    degree: float
    logs: int
    exponential: bool = False

    def cost(self) -> tuple[int, float, int]:
        return (int(self.exponential), self.degree, self.logs)


_SIZE_LETTERS = frozenset("nmkrcvewlhdpqst")
_EXPONENTIAL_RE = re.compile(r"\d\^[a-z(]|[a-z]\^[a-z(]|[a-z)]!|2\*\*[a-z]|\bexp\b")


def _term_shape(term: str) -> Shape:
    # The inverse Ackermann function (union-find) is a constant in practice.
    term = re.sub(r"(?:α|alpha|ackermann)\(?[a-z0-9_,]*\)?", " ", term)
    logs = len(re.findall(r"log", term))
    term = re.sub(r"log\w*\(?[a-z0-9_*]*\)?", " ", term)
    degree = 0.0
    for power in re.findall(r"(?:\^|\*\*)\(?(\d+(?:\.\d+)?)", term):
        degree += float(power) - 1
    term = re.sub(r"(?:\^|\*\*)\(?\d+(?:\.\d+)?\)?", " ", term)
    for name in re.findall(r"len\([^)]*\)|[a-z_][a-z_0-9]*", term):
        if name.startswith("len("):
            degree += 1
        elif 2 <= len(name) <= 3 and set(name) <= _SIZE_LETTERS:
            degree += len(name)  # juxtaposed sizes: O(mn), O(nk)
        else:
            degree += 1
    return Shape(degree, logs)


def shape(expr: str) -> Shape:
    """The growth shape of a big-O body; a sum takes its largest term."""
    e = expr.lower().strip()
    wrapped = re.fullmatch(r"o\s*\((.*)\)", e)
    if wrapped:  # bank content writes the bound with its O(...)
        e = wrapped.group(1)
    e = re.sub(r"\s+[x×·]\s+|[×·]", "*", e).replace(" ", "")
    if _EXPONENTIAL_RE.search(e):
        return Shape(99, 0, True)
    # min(a, b) and max(a, b) grow like one size.
    e = re.sub(r"(?:min|max)\([^()]*\)", "n", e)
    terms = [t for t in re.split(r"[+-]", e) if t]
    if not terms or all(re.fullmatch(r"[\d.]+", t) for t in terms):
        return Shape(0, 0)
    return max((_term_shape(t) for t in terms), key=Shape.cost)


@dataclass(frozen=True)
class Claims:
    time: str | None
    space: str | None


_ALTERNATIVE_RE = re.compile(
    r"\b(?:brute[- ]?force|naive|instead|rather than|compared|versus|vs\.?|alternative|"
    r"would|than)\b",
    re.I,
)


def read_claims(prose: str) -> Claims:
    """The candidate's own time and space bounds.

    Bounds stated while comparing alternatives ("the brute force is O(n^2)")
    count only when no other bound is stated, so naming the naive approach
    first does not make it the claim.
    """
    pieces = (p for seg in segments(prose) for p in re.split(r"(?<=[.!?])\s+", seg))
    sentences = [s for s in pieces if _BIG_O_RE.search(s)]
    own = [s for s in sentences if not _ALTERNATIVE_RE.search(s)]
    mine = _claims_in(own)
    other = _claims_in(sentences)
    return Claims(mine.time or other.time, mine.space or other.space)


_BOTH_RE = re.compile(r"\bboth\b|\btime and space\b|\bspace and time\b", re.I)


def _kind(sentence: str, start: int, end: int) -> str:
    """Time or space: the nearer of the two words decides, ties and neither mean time."""

    def distance(pattern: re.Pattern[str]) -> int:
        spans = [m.span() for m in pattern.finditer(sentence)]
        gaps = [s - end if s >= end else start - e for s, e in spans]
        return min((g for g in gaps if g >= 0), default=10_000)

    return "space" if distance(_SPACE_RE) < distance(_TIME_RE) else "time"


def _claims_in(sentences: list[str]) -> Claims:
    time_c: str | None = None
    space_c: str | None = None
    for sentence in sentences:
        found = list(_BIG_O_RE.finditer(sentence))
        shared = len(found) == 1 and _BOTH_RE.search(sentence) and _SPACE_RE.search(sentence)
        for m in found:
            if shared:  # "time and space are both O(n)"
                time_c, space_c = time_c or m.group(1), space_c or m.group(1)
            elif _kind(sentence, m.start(), m.end()) == "space":
                space_c = space_c or m.group(1)
            else:
                time_c = time_c or m.group(1)
    return Claims(time_c, space_c)


def compare(stated: str | None, optimal: str | None) -> int | None:
    """-1 better than optimal (a wrong claim), 0 matches, 1 worse, None unknown."""
    if stated is None or optimal is None:
        return None
    a, b = shape(stated).cost(), shape(optimal).cost()
    return (a > b) - (a < b)
