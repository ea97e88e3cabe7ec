"""Loading whole sets of files: the valid fixtures, malformed files, strictness, cross-file ids."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.content.errors import ContentError, ContentPathError
from bot.content.loader import load_catalog, load_catalog_with_issues
from bot.content.schema import Track
from tests.content.conftest import (
    BANKS,
    MIXED_TEXT,
    ML_RUBRIC_TEXT,
    RUBRICS,
    BankIssues,
    Writer,
    edit,
    line_with,
)


def test_valid_fixtures_load_with_bank_defaults_pushed_down() -> None:
    catalog = load_catalog([BANKS], [RUBRICS])
    assert len(catalog) == 3
    assert [b.id for b in catalog.banks] == ["mixed"]
    assert set(catalog.rubrics) == {"general", "ml-concepts"}
    ml, coding, lp = catalog.questions.values()
    assert (ml.id, ml.track, ml.rubric, ml.time_limit_minutes, ml.bank) == (
        "ml-attention-scaling",
        Track.ML,
        "ml-concepts",
        10,
        "mixed",
    )
    assert (coding.track, coding.rubric, coding.time_limit_minutes) == (Track.CODING, "general", 20)
    assert (lp.principle, lp.time_limit_minutes) == ("ownership", 10)
    assert catalog.issues == []


def test_sources_remember_lines_for_later_checks() -> None:
    catalog = load_catalog([BANKS], [RUBRICS])
    source = catalog.sources.question("coding-two-sum")
    issue = source.issue(("coding", "reference_solution"), "boom")
    assert str(issue) == f"{BANKS / 'mixed.yaml'}:45: questions[1].coding.reference_solution: boom"
    assert source.line_of(("coding", "tests", 2)) == 42
    assert catalog.sources.rubrics["general"].line_of(("criteria", 1)) == 9


def test_extra_optional_fields_are_accepted(bank_issues: BankIssues) -> None:
    text = edit(MIXED_TEXT, "title: Two sum\n", "title: Two sum\n    source: leetcode 1\n")
    assert bank_issues("owner: team-a\n" + text) == []


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("bank: x\nquestions:\n  - id: [a\n", 4, "YAML syntax error:"),
        ("bank: x\nquestions:\n\t- id: a\n", 3, "tab character found"),
        ("- bank: x\n", 1, "the top level must be a mapping starting with 'bank:' (got a list)"),
        ("", 1, "file is empty"),
        ("just words\n", 1, "the top level must be a mapping starting with 'bank:' (got 'just"),
    ],
    ids=["syntax", "tab", "list", "empty", "scalar"],
)
def test_malformed_yaml(bank_issues: BankIssues, text: str, line: int, message: str) -> None:
    issues = bank_issues(text)
    assert len(issues) == 1
    assert (issues[0].file.name, issues[0].line, issues[0].field) == ("bank.yaml", line, "")
    assert issues[0].message.startswith(message)


def test_strict_raises_with_every_issue_in_every_file(write: Writer) -> None:
    bad_a = write("a.yaml", edit(MIXED_TEXT, "difficulty: easy", "difficulty: x"))
    bad_b = write("b.yaml", "- nope\n")
    with pytest.raises(ContentError) as caught:
        load_catalog([bad_a, bad_b], [RUBRICS])
    assert [(i.file.name, i.line) for i in caught.value.issues] == [("a.yaml", 25), ("b.yaml", 1)]
    text = str(caught.value)
    assert text.splitlines()[0] == "2 content errors"
    assert f"{bad_a}:25: questions[1].difficulty: must be one of easy, medium, hard" in text


def test_a_broken_file_never_half_loads(write: Writer) -> None:
    good = write("good.yaml", MIXED_TEXT)
    broken_text = MIXED_TEXT.replace("bank: mixed", "bank: other")
    for qid in ("ml-attention-scaling", "coding-two-sum", "lp-ownership-outage"):
        broken_text = broken_text.replace(f"id: {qid}", f"id: other-{qid}")
    broken_text = edit(broken_text, "principle: ownership", "principle: nope")
    broken = write("broken.yaml", broken_text)
    catalog = load_catalog([good, broken], [RUBRICS], strict=False)
    assert [b.id for b in catalog.banks] == ["mixed"]
    assert not any(q.startswith("other-") for q in catalog.questions)
    assert [(i.file, i.field) for i in catalog.issues] == [(broken, "questions[2].principle")]


def test_duplicates_across_files_blame_the_second(write: Writer) -> None:
    first = write("first.yaml", MIXED_TEXT)
    second_text = MIXED_TEXT.replace("bank: mixed", "bank: copy")
    second = write("second.yaml", second_text)
    catalog, issues = load_catalog_with_issues([first, second], [RUBRICS])
    assert [b.id for b in catalog.banks] == ["mixed"]
    assert all(i.file == second for i in issues)
    assert [(i.line, i.field) for i in issues] == [
        (7, "questions[0].id"),
        (23, "questions[1].id"),
        (53, "questions[2].id"),
    ]
    assert issues[1].message == (
        f"duplicate question id 'coding-two-sum' (first defined at {first}:23)"
    )


def test_duplicate_bank_ids(write: Writer) -> None:
    first = write("first.yaml", MIXED_TEXT)
    second_only = "bank: mixed\n" + MIXED_TEXT.split("\n", 1)[1].split("  - id: coding")[0]
    second = write("second.yaml", second_only.replace("id: ml-attention", "id: x-attention"))
    issues = load_catalog_with_issues([first, second], [RUBRICS])[1]
    assert [str(i) for i in issues] == [
        f"{second}:1: bank: duplicate bank id 'mixed' (first defined at {first}:1)"
    ]


def test_duplicate_rubric_ids(write: Writer) -> None:
    copy = write("rubrics/copy.yaml", "# a copy\n" + ML_RUBRIC_TEXT)
    catalog, issues = load_catalog_with_issues([BANKS], [RUBRICS, copy])
    assert [str(i) for i in issues] == [
        f"{copy}:2: rubric: duplicate rubric id 'ml-concepts' (first defined at "
        f"{RUBRICS / 'ml-concepts.yaml'}:1)"
    ]
    assert len(catalog) == 3


@pytest.mark.parametrize(
    ("old", "new", "loc", "message"),
    [
        (
            "      5: Correct, precise, with the mechanism and its consequences.\n",
            "",
            ("criteria[0].anchors", "anchors:"),
            "criterion 'accuracy' lacks anchors for [5]",
        ),
        ("  - id: depth", "  - id: accuracy", ("criteria[1].id", "id: accuracy", 2), None),
        ("scale: [1, 5]", "scale: [5, 1]", ("scale", "scale:"), None),
        ("{min: 3.5, label: Hire}", "{min: 4.6, label: Hire}", ("verdicts", "verdicts:"), None),
        (
            "{min: 1.0, label: No Hire}",
            "{min: 2, label: No Hire}",
            ("verdicts[3].min", "min: 2,"),
            None,
        ),
        ("    weight: 3\n", "    weight: 0\n", ("criteria[0].weight", "weight: 0"), None),
        ("title: ML concepts\n", "", ("title", "rubric:"), "is required"),
    ],
    ids=["anchors", "dupe-criterion", "scale", "verdict-order", "last-verdict", "weight", "title"],
)
def test_rubric_errors_point_at_the_part_they_are_about(
    write: Writer,
    old: str,
    new: str,
    loc: tuple[str, str] | tuple[str, str, int],
    message: str | None,
) -> None:
    text = edit(ML_RUBRIC_TEXT, old, new)
    path = write("rubrics/ml.yaml", text)
    issues = load_catalog_with_issues([], [path])[1]
    assert len(issues) == 1, [str(i) for i in issues]
    field, needle, *nth = loc
    assert (issues[0].field, issues[0].line) == (field, line_with(text, needle, *nth))
    if message is not None:
        assert issues[0].message == message


def test_bank_on_a_broken_rubric_says_so(write: Writer) -> None:
    rubric = write("rubrics/ml.yaml", edit(ML_RUBRIC_TEXT, "scale: [1, 5]", "scale: [5, 1]"))
    general = RUBRICS / "general.yaml"
    catalog, issues = load_catalog_with_issues([BANKS], [rubric, general])
    bank_issue = [i for i in issues if i.file.name == "mixed.yaml"]
    assert [str(i) for i in bank_issue] == [
        f"{BANKS / 'mixed.yaml'}:4: rubric: rubric 'ml-concepts' did not load: {rubric} has errors"
    ]
    assert len(catalog) == 0


def test_rubric_file_given_as_a_bank(bank_issues: BankIssues) -> None:
    issues = bank_issues(ML_RUBRIC_TEXT)
    assert (issues[0].line, issues[0].field, issues[0].message) == (1, "bank", "is required")


def test_missing_paths_and_empty_folders(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ContentPathError) as caught:
        load_catalog([tmp_path / "nope.yaml", empty], [RUBRICS])
    assert [str(i) for i in caught.value.issues] == [
        f"{tmp_path / 'nope.yaml'}: no such file or folder",
        f"{empty}: no .yaml or .yml files in this folder",
    ]


def test_folders_read_yaml_and_yml_sorted(write: Writer, tmp_path: Path) -> None:
    write("banks/b.yml", MIXED_TEXT)
    write("banks/a.yaml", "- broken\n")
    write("banks/notes.txt", "ignored")
    issues = load_catalog_with_issues([tmp_path / "banks"], [RUBRICS])[1]
    assert [i.file.name for i in issues] == ["a.yaml"]


def test_a_thousand_questions_load_well_under_a_second(write: Writer) -> None:
    import time

    question = MIXED_TEXT.split("questions:\n")[1].split("  - id: coding-two-sum")[0]
    body = "".join(question.replace("ml-attention-scaling", f"q-{i}") for i in range(1000))
    path = write("big.yaml", MIXED_TEXT.split("questions:\n")[0] + "questions:\n" + body)
    start = time.perf_counter()
    catalog = load_catalog([path], [RUBRICS])
    assert len(catalog) == 1000
    assert time.perf_counter() - start < 1.0
