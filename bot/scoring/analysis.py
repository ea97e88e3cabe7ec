"""One pass over an answer that every criterion reads from.

Criteria look at the same answer from different angles (key points, numbers,
reasoning, structure); analysing it once keeps scoring of a 300-word answer
in the low milliseconds and keeps the criteria consistent with each other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from bot.content.schema import Question
from bot.scoring.extract import extract_code, prose_without_code
from bot.scoring.guard import strip_grader_text
from bot.scoring.keypoints import KeyPointHit, find_key_points
from bot.scoring.lexicon import REASONING
from bot.scoring.star import Story, read_story
from bot.scoring.text import Sentence, content_stems, split_sentences, tokens

MAX_ANSWER_CHARS = 200_000
_QUANTITY_RE = re.compile(
    r"(?:[$€£]\s?\d[\d,.]*\s*[kmb]?\b)"
    r"|(?:\b\d[\d,.]*\s?(?:%|x\b|ms\b|us\b|µs\b|s\b|sec|seconds?\b|minutes?\b|min\b|hours?\b|h\b"
    r"|days?\b|weeks?\b|months?\b|gb\b|tb\b|mb\b|kb\b|pb\b|k\b|m\b|b\b|bn\b|million|billion"
    r"|thousand|qps|rps|tokens?\b|gpus?\b|cores?\b|points?\b|pp\b|bytes?\b|users?\b|requests?\b"
    r"|per\b|/\s?(?:s|sec|day|month|hour)))"
    r"|(?:\b\d+(?:\.\d+)?\s?(?:->|→|to)\s?\d)"
    r"|(?:\b\d{2,}[\d,.]*\b)|(?:\b\d+\.\d+\b)",
    re.I,
)


@dataclass(frozen=True)
class Analysis:
    prose: str
    code: str | None
    removed: list[str]
    sentences: list[Sentence]
    prose_words: int
    numbers: int
    reasoning: int
    list_like: bool
    topicality: float
    hits: list[KeyPointHit]
    truncated: bool

    @cached_property
    def prose_sentences(self) -> list[Sentence]:
        return [s for s in self.sentences if s.is_prose]

    def hits_for(self, criterion: str) -> list[KeyPointHit]:
        return [h for h in self.hits if h.key_point.criterion == criterion]

    @cached_property
    def _prose_lower(self) -> str:
        return f" {' '.join(s.text for s in self.prose_sentences).lower()} "

    @cached_property
    def _all_lower(self) -> str:
        return f" {' '.join(s.text for s in self.sentences).lower()} "

    @cached_property
    def story(self) -> Story:
        """The answer read as a STAR story; every leadership criterion shares one reading."""
        return read_story(self.sentences)

    def count_terms(self, terms: tuple[str, ...], prose_only: bool = True) -> int:
        """How many of `terms` appear (each counted once) in the answer's prose."""
        low = self._prose_lower if prose_only else self._all_lower
        return sum(t in low for t in terms)


def _question_vocabulary(question: Question) -> frozenset[str]:
    parts = [question.title, question.prompt, question.reference_answer or ""]
    parts += question.hints + question.follow_ups
    for kp in question.key_points:
        parts.append(kp.text)
        parts += kp.match or []
        parts.append(kp.probe or "")
    return frozenset(content_stems(tokens(" ".join(parts))))


def _without_echo(sentences: list[Sentence], question: Question) -> list[Sentence]:
    """Drop repeated sentences and sentences copied from the prompt: neither is an answer."""
    prompt = frozenset(content_stems(tokens(question.title + " " + question.prompt)))
    seen: set[frozenset[str]] = set()
    kept = []
    for s in sentences:
        if len(s.stems) >= 4 and (s.stems in seen or len(s.stems & prompt) >= 0.85 * len(s.stems)):
            continue
        seen.add(s.stems)
        kept.append(s)
    return kept


def analyse(question: Question, answer: str) -> Analysis:
    truncated = len(answer) > MAX_ANSWER_CHARS
    text = answer[:MAX_ANSWER_CHARS]
    guarded = strip_grader_text(text)
    entry = question.coding.entry_point if question.coding else None
    code = extract_code(guarded.text, entry)
    prose = prose_without_code(guarded.text)
    sentences = _without_echo(split_sentences(prose), question)
    prose_sents = [s for s in sentences if s.is_prose]
    prose_words = sum(len(s.words) for s in prose_sents)
    all_words = sum(len(s.words) for s in sentences)
    joined = " ".join(s.text for s in prose_sents).lower()
    reasoning = sum(joined.count(marker) for marker in REASONING)
    stems = [st for s in sentences for st in s.stems]
    vocab = _question_vocabulary(question)
    topicality = sum(st in vocab for st in stems) / len(stems) if stems else 0.0
    return Analysis(
        prose=prose,
        code=code,
        removed=guarded.removed,
        sentences=sentences,
        prose_words=prose_words,
        numbers=len(_QUANTITY_RE.findall(joined)),
        reasoning=reasoning,
        list_like=all_words >= 8 and prose_words < 0.35 * all_words,
        topicality=topicality,
        hits=find_key_points(question.key_points, sentences),
        truncated=truncated,
    )
