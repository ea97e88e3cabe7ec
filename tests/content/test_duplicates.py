"""Near-duplicate questions are flagged with the file, line and the twin they resemble."""

from __future__ import annotations

from pathlib import Path

from bot import config
from bot.content.duplicates import find_near_duplicates
from bot.content.loader import load_catalog

BANK = """bank: {bank}
title: T
track: ml
rubric: ml-concepts
time_limit_minutes: 10
questions:
  - id: {qid}
    title: {title}
    difficulty: easy
    prompt: {prompt}
    key_points:
      - {{text: A key point, criterion: accuracy}}
"""


def _catalog(tmp_path: Path, *questions: tuple[str, str, str]):  # type: ignore[no-untyped-def]
    paths = []
    for i, (qid, title, prompt) in enumerate(questions):
        path = tmp_path / f"b{i}.yaml"
        path.write_text(BANK.format(bank=f"b{i}", qid=qid, title=title, prompt=prompt))
        paths.append(path)
    return load_catalog(paths, config.rubric_paths())


def test_same_question_in_other_words_is_flagged(tmp_path: Path) -> None:
    catalog = _catalog(
        tmp_path,
        (
            "ml-a",
            "Why scale attention by sqrt d_k",
            "In scaled dot-product attention why do we "
            "divide the logits by the square root of the key dimension and what breaks without it",
        ),
        (
            "ml-b",
            "Why scale the attention by sqrt d_k?",
            "In scaled dot-product attention why do "
            "we divide the logits by the square root of the key dimension and what goes wrong",
        ),
    )
    issues = find_near_duplicates(catalog)
    assert {i.field for i in issues} == {"questions[0].title", "questions[0].prompt"}
    for issue in issues:
        assert issue.file.name == "b1.yaml" and issue.line is not None
        assert "near-duplicate of question 'ml-a'" in issue.message and "b0.yaml:" in issue.message


def test_distinct_questions_pass(tmp_path: Path) -> None:
    catalog = _catalog(
        tmp_path,
        ("ml-a", "Why scale attention logits", "Why divide QK^T by sqrt(d_k) in attention?"),
        ("ml-b", "Precision or recall for fraud", "When would you prefer recall for fraud?"),
    )
    assert find_near_duplicates(catalog) == []


def test_bundled_banks_have_no_near_duplicates() -> None:
    catalog = load_catalog(config.bank_paths(), config.rubric_paths())
    assert find_near_duplicates(catalog) == []
