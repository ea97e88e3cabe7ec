"""Turning answer prose into sentences, tokens and stems.

Key points must be found "inside real sentences": a bare list of terms is not
an explanation. So the unit here is the sentence, and every sentence knows
whether it reads like prose (enough words, some function words that glue a
claim together) or like a fragment of a keyword list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from bot.scoring.lexicon import FUNCTION_WORDS, STOPWORDS, SYNONYMS

_STEMMER = snowballstemmer.stemmer("english")

# Words, numbers with decimals/units, and big-O expressions stay single tokens.
_TOKEN_RE = re.compile(r"o\([^)]{1,30}\)|\d+(?:[.,]\d+)*%?|[a-z][a-z0-9_+'-]*", re.I)
# Sentence ends: punctuation followed by space; bullets and paragraphs start new segments.
_SENT_SPLIT_RE = re.compile(r"(?<=[.!?;])\s+(?=[^a-z0-9\s])|(?<=[.!?])\s+")
_BULLET_RE = re.compile(r"^\s*(?:[-*•>]|\d+[.)]|[a-z][.)]|#+)\s+", re.I)
_MAX_SENTENCES = 2_000


@lru_cache(maxsize=65_536)
def exact_stem(word: str) -> str:
    """Stem one lower-cased word, without synonym folding."""
    base: str = _STEMMER.stemWord(word)
    return base


@lru_cache(maxsize=65_536)
def stem(word: str) -> str:
    """Stem one lower-cased word, folded onto its synonym group's canonical stem."""
    base = exact_stem(word)
    return SYNONYMS.get(base, SYNONYMS.get(word, base))


def tokens(text: str) -> list[str]:
    return [t.lower() for t in _TOKEN_RE.findall(text)]


def content_stems(words: list[str]) -> list[str]:
    """Stems of the words that carry meaning (no stop words, no 1-letter tokens)."""
    return [stem(w) for w in words if w not in STOPWORDS and (len(w) > 1 or w.isdigit())]


@dataclass(frozen=True)
class Sentence:
    text: str
    words: tuple[str, ...]
    stems: frozenset[str]
    is_prose: bool
    # Unfolded stems of every word, in order: cue phrases are precise signals and match
    # these, as phrases, not synonyms scattered over the sentence.
    exact: tuple[str, ...] = ()


def _is_prose(words: list[str], text: str) -> bool:
    """A real sentence: several words with some glue, not a comma-separated term list."""
    if len(words) < 5:
        return False
    glue = sum(w in FUNCTION_WORDS for w in words)
    # Only fragments made of words count: "[1, 1, 1]" is data, not a term list.
    fragments = [f for f in re.split(r"[,;]", text) if re.search(r"[a-z]{2}", f, re.I)]
    if len(fragments) >= 4:
        mean_len = sum(len(tokens(f)) for f in fragments) / len(fragments)
        if mean_len < 3.5:
            return False
    return glue >= 2 and glue / len(words) >= 0.12


def segments(text: str) -> list[str]:
    """Lines re-joined into paragraphs, so hard-wrapped prose reads as whole sentences.

    A new segment starts at a blank line, a bullet, or after a line ending in ':'
    (a heading or a label), which is how people lay out lists in chat.
    """
    segments: list[str] = []
    current: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or _BULLET_RE.match(line) or (current and current[-1].endswith(":")):
            if current:
                segments.append(" ".join(current))
            current = [stripped] if stripped else []
        else:
            current.append(stripped)
    if current:
        segments.append(" ".join(current))
    return segments


def split_sentences(text: str) -> list[Sentence]:
    out: list[Sentence] = []
    raws = (raw for seg in segments(text) for raw in _SENT_SPLIT_RE.split(seg))
    for raw in raws:
        line = _BULLET_RE.sub("", raw).strip()
        if not line:
            continue
        words = tokens(line)
        if not words:
            continue
        out.append(
            Sentence(
                line,
                tuple(words),
                frozenset(content_stems(words)),
                _is_prose(words, line),
                tuple(exact_stem(w) for w in words),
            )
        )
        if len(out) >= _MAX_SENTENCES:
            break
    return out


@lru_cache(maxsize=16_384)
def cue_stems(phrase: str) -> tuple[str, ...]:
    """A `match` cue as exact stems: 'HBM' must not match every sentence about 'memory'."""
    words = tokens(phrase)
    kept = [
        w for w in words if w in _CUE_SIGNAL or (w not in STOPWORDS and (len(w) > 1 or w.isdigit()))
    ] or words
    return tuple(exact_stem(w) for w in kept)


# In a cue, whose action it was ("I built" vs "we built") and negation are the signal.
_CUE_SIGNAL = frozenset({"i", "we", "my", "our", "me", "not", "no", "never", "nor"})
