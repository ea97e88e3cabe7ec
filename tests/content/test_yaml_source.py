"""YAML parsing with line numbers: locations, malformed files, speed."""

from __future__ import annotations

import time
from pathlib import Path

from bot.content.yaml_source import parse_yaml, parse_yaml_text

DOC = """\
bank: demo
questions:
  - id: a
    tests:
      - args: [1]
        expected: 2
  - id: b
    prompt: |
      multi
      line
"""


def parse(text: str) -> tuple[object, list[str]]:
    doc, issues = parse_yaml_text(text, Path("x.yaml"))
    return doc, [str(i) for i in issues]


def test_lines_follow_pydantic_locations() -> None:
    doc, issues = parse_yaml_text(DOC, Path("x.yaml"))
    assert doc is not None and not issues
    assert doc.data["questions"][1]["prompt"] == "multi\nline\n"
    assert doc.line_of(("bank",)) == 1
    assert doc.line_of(("questions", 0)) == 3
    assert doc.line_of(("questions", 0, "tests", 0, "expected")) == 6
    assert doc.line_of(("questions", 1, "prompt")) == 8


def test_missing_key_points_at_the_nearest_existing_parent() -> None:
    doc, _ = parse_yaml_text(DOC, Path("x.yaml"))
    assert doc is not None
    assert doc.line_of(("questions", 1, "title")) == 7
    assert doc.line_of(("questions", 0, "tests", 0, "nope", 3)) == 5
    assert doc.line_of(("questions", 9)) == 2
    assert doc.line_of(()) == 1


def test_scalars_keep_yaml_types() -> None:
    doc, _ = parse_yaml_text("a: 1\nb: 1.5\nc: true\nd: null\ne: '1'\nf: {1: x}\n", Path("x"))
    assert doc is not None
    assert doc.data == {"a": 1, "b": 1.5, "c": True, "d": None, "e": "1", "f": {1: "x"}}


def test_duplicate_keys_are_reported_with_both_lines() -> None:
    doc, issues = parse("bank: a\ntitle: x\nbank: b\n")
    assert doc is not None
    assert issues == ["x.yaml:3: bank: duplicate key 'bank' (first set on line 1)"]


def test_merge_keys_fill_in_without_counting_as_duplicates() -> None:
    text = "base: &b {x: 1, y: 2}\nitem:\n  <<: *b\n  y: 3\n"
    doc, issues = parse_yaml_text(text, Path("x.yaml"))
    assert doc is not None and not issues
    assert doc.data["item"] == {"x": 1, "y": 3}
    assert doc.line_of(("item", "y")) == 4


def test_syntax_error_names_the_line() -> None:
    doc, issues = parse("bank: a\nquestions:\n  - id: [unclosed\n  - id: b\n")
    assert doc is None
    assert len(issues) == 1
    assert issues[0].startswith("x.yaml:4: YAML syntax error:")


def test_tab_indentation_is_explained() -> None:
    doc, issues = parse("bank: a\nquestions:\n\t- id: b\n")
    assert doc is None
    assert issues == ["x.yaml:3: tab character found: YAML indentation must use spaces"]


def test_empty_and_comment_only_files() -> None:
    for text in ("", "# nothing here\n"):
        doc, issues = parse(text)
        assert doc is None
        assert issues == ["x.yaml:1: file is empty"]


def test_two_documents_are_an_error() -> None:
    doc, issues = parse("a: 1\n---\nb: 2\n")
    assert doc is None
    assert issues[0].startswith("x.yaml:2: YAML syntax error:")


def test_unknown_tag_is_an_error_not_a_crash() -> None:
    doc, issues = parse("a: !python/object x\n")
    assert doc is None
    assert issues[0].startswith("x.yaml:1: YAML syntax error:")


def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"bank: \xff\xfe\n")
    doc, issues = parse_yaml(path)
    assert doc is None
    assert str(issues[0]).startswith(f"{path}: cannot read file:")


def test_a_thousand_questions_parse_fast(tmp_path: Path) -> None:
    question = (
        "  - id: q-{i}\n    title: Q {i}\n    difficulty: medium\n    topics: [a, b]\n"
        "    prompt: |\n      Why?\n    key_points:\n      - text: because\n"
        "        criterion: accuracy\n        match: [x, y, z]\n"
    )
    path = tmp_path / "big.yaml"
    path.write_text("bank: big\nquestions:\n" + "".join(question.format(i=i) for i in range(1000)))
    start = time.perf_counter()
    doc, issues = parse_yaml(path)
    elapsed = time.perf_counter() - start
    assert doc is not None and not issues
    assert len(doc.data["questions"]) == 1000
    assert doc.line_of(("questions", 999, "key_points", 0, "criterion")) == 2 + 999 * 10 + 9
    assert elapsed < 1.0
