"""Finding a question's key points in an answer, with the sentence that shows each.

A key point counts only inside prose sentences, so pasting the cue words as a
list earns nothing. Each key point is looked for two ways and the better one
wins: its `match` cue phrases, and its own wording (stems folded through the
synonym table), read over a window of two adjacent sentences because people
spread one idea over a couple of sentences.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from bot.content.schema import KeyPoint
from bot.scoring.lexicon import words
from bot.scoring.text import Sentence, content_stems, cue_stems, tokens

# Stems too common in technical prose to show that a specific idea is present.
_GENERIC = frozenset(
    content_stems(
        words(
            """
        answer question candidate explain explains say says state states name names
        approach solution system design way thing things case cases work works time step
        good well need needs want first second new high low number value values describe
        describes mention mentions give gives show shows
    """
        )
    )
)
_SYMBOLIC_RE = re.compile(r"[^a-z0-9\s-]", re.I)

COVERED = 0.55
PARTIAL = 0.3


@dataclass(frozen=True)
class KeyPointHit:
    key_point: KeyPoint
    coverage: float  # 0..1
    evidence: str | None

    @property
    def covered(self) -> bool:
        return self.coverage >= COVERED


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text.lower())


def _cue_hit(cue: str, sentence: Sentence, squashed: str) -> bool:
    if _SYMBOLIC_RE.search(cue):
        return _squash(cue) in squashed
    return _in_order(cue_stems(cue), sentence.exact)


def _in_order(cue: tuple[str, ...], words: tuple[str, ...], max_gap: int = 2) -> bool:
    """The cue's words in order, with at most `max_gap` words (articles, 'of') between."""
    if not cue:
        return False
    for start, word in enumerate(words):
        if word != cue[0]:
            continue
        pos = start
        for stem in cue[1:]:
            window = range(pos + 1, min(len(words), pos + 2 + max_gap))
            pos = next((j for j in window if words[j] == stem), -1)
            if pos < 0:
                break
        else:
            return True
    return False


@lru_cache(maxsize=16_384)
def _target_stems(text: str) -> frozenset[str]:
    """A key point's own meaningful words, computed once per key point text."""
    return frozenset(content_stems(tokens(text))) - _GENERIC


def _wording_coverage(target: frozenset[str], window: frozenset[str]) -> float:
    if not target:
        return 0.0
    hits = len(target & window)
    # Long key points are rarely restated in full: about half of their words suffice.
    needed = max(2.0, 0.5 * len(target))
    return min(1.0, hits / needed)


def find_key_point(kp: KeyPoint, sentences: Sequence[Sentence]) -> KeyPointHit:
    prose = [s for s in sentences if s.is_prose]
    if not prose:
        return KeyPointHit(kp, 0.0, None)
    target = _target_stems(kp.text)
    best, best_sentence = 0.0, None
    cues = kp.match or []
    for i, sent in enumerate(prose):
        window = sent.stems | prose[i + 1].stems if i + 1 < len(prose) else sent.stems
        score = _wording_coverage(target, window)
        if cues:
            squashed = _squash(sent.text)
            hits = sum(_cue_hit(c, sent, squashed) for c in cues)
            if hits:
                score = max(score, min(1.0, 0.75 + 0.15 * (hits - 1) + 0.25 * score))
        if score > best:
            best, best_sentence = score, sent.text
    return KeyPointHit(kp, round(best, 3), best_sentence if best >= PARTIAL else None)


def find_key_points(
    key_points: Sequence[KeyPoint], sentences: Sequence[Sentence]
) -> list[KeyPointHit]:
    return [find_key_point(kp, sentences) for kp in key_points]


def coverage(hits: Sequence[KeyPointHit]) -> float | None:
    """Weight-averaged coverage of some key points; None when there are none to find."""
    total = sum(h.key_point.weight for h in hits)
    if not total:
        return None
    return sum(h.coverage * h.key_point.weight for h in hits) / total
