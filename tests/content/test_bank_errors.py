"""One test per kind of bank mistake: the file, exact line, field and hint it is reported with.

Each test breaks the valid fixture bank (`mixed.yaml`) in one place; the
numbers are lines of that file.
"""

from __future__ import annotations

from bot.content.errors import ContentIssue
from tests.content.conftest import MIXED_TEXT, BankIssues, edit, line_with


def only(issues: list[ContentIssue]) -> ContentIssue:
    assert len(issues) == 1, [str(i) for i in issues]
    return issues[0]


def test_the_fixture_bank_is_clean(bank_issues: BankIssues) -> None:
    assert bank_issues(MIXED_TEXT) == []


def test_unknown_bank_rubric_is_reported_once_on_the_bank(bank_issues: BankIssues) -> None:
    issue = only(bank_issues(edit(MIXED_TEXT, "rubric: ml-concepts", "rubric: ml-concept")))
    assert issue.file.name == "bank.yaml"
    assert (issue.line, issue.field) == (4, "rubric")
    assert issue.message == "unknown rubric 'ml-concept'; did you mean 'ml-concepts'?"


def test_unknown_question_rubric(bank_issues: BankIssues) -> None:
    text = edit(MIXED_TEXT, "rubric: general\n    time", "rubric: nothing-like-it\n    time")
    issue = only(bank_issues(text))
    assert (issue.line, issue.field) == (27, "questions[1].rubric")
    assert issue.message == "unknown rubric 'nothing-like-it' (known: general, ml-concepts)"


def test_key_point_criterion_not_in_rubric(bank_issues: BankIssues) -> None:
    issue = only(bank_issues(edit(MIXED_TEXT, "criterion: depth", "criterion: dept")))
    assert (issue.line, issue.field) == (22, "questions[0].key_points[1].criterion")
    assert issue.message == (
        "'dept' is not a criterion of rubric 'ml-concepts' (criteria: accuracy, depth)"
        "; did you mean 'depth'?"
    )


def test_unknown_leadership_principle(bank_issues: BankIssues) -> None:
    issue = only(bank_issues(edit(MIXED_TEXT, "principle: ownership", "principle: ownershp")))
    assert (issue.line, issue.field) == (59, "questions[2].principle")
    assert "'ownershp' is not one of the 16 leadership principle ids" in issue.message
    assert issue.message.endswith("did you mean 'ownership'?")


def test_principle_on_other_tracks_is_ignored(bank_issues: BankIssues) -> None:
    text = edit(MIXED_TEXT, "    difficulty: easy\n", "    difficulty: easy\n    principle: zzz\n")
    assert bank_issues(text) == []


def test_unknown_question_track(bank_issues: BankIssues) -> None:
    issue = only(bank_issues(edit(MIXED_TEXT, "track: coding", "track: codng")))
    assert (issue.line, issue.field) == (26, "questions[1].track")
    assert issue.message == (
        "must be one of coding, ml, system-design, leadership (got 'codng'); did you mean 'coding'?"
    )


def test_unknown_bank_track_is_not_repeated_on_inheriting_questions(
    bank_issues: BankIssues,
) -> None:
    issue = only(bank_issues(edit(MIXED_TEXT, "track: ml\n", "track: mll\n")))
    assert (issue.line, issue.field) == (3, "track")
    assert issue.message.startswith("must be one of coding, ml, system-design, leadership")


def test_unknown_difficulty(bank_issues: BankIssues) -> None:
    issue = only(bank_issues(edit(MIXED_TEXT, "difficulty: easy", "difficulty: trivial")))
    assert (issue.line, issue.field) == (25, "questions[1].difficulty")
    assert issue.message == "must be one of easy, medium, hard (got 'trivial')"


def test_coding_question_needs_three_tests(bank_issues: BankIssues) -> None:
    third = "        - args: [[3, 3], 6]\n          expected: [0, 1]\n          hidden: true\n"
    issue = only(bank_issues(edit(MIXED_TEXT, third, "")))
    assert (issue.line, issue.field) == (37, "questions[1].coding.tests")
    assert issue.message == "needs at least 3 tests, got 2"


def test_entry_point_missing_from_reference_solution(bank_issues: BankIssues) -> None:
    issue = only(bank_issues(edit(MIXED_TEXT, "entry_point: two_sum", "entry_point: twosum")))
    assert (issue.line, issue.field) == (35, "questions[1].coding.entry_point")
    assert issue.message == (
        "'twosum' is not defined by reference_solution (it defines: two_sum)"
        "; did you mean 'two_sum'?"
    )


def test_reference_solution_that_does_not_parse(bank_issues: BankIssues) -> None:
    text = edit(MIXED_TEXT, "def two_sum(nums, target):", "def two_sum(nums, target)")
    issue = only(bank_issues(text))
    assert (issue.line, issue.field) == (45, "questions[1].coding.reference_solution")
    assert issue.message.startswith("is not valid Python:")
    assert "(line 1 of the solution)" in issue.message


def test_missing_required_field_points_at_the_question(bank_issues: BankIssues) -> None:
    issue = only(bank_issues(edit(MIXED_TEXT, "    title: Two sum\n", "")))
    assert (issue.line, issue.field, issue.message) == (23, "questions[1].title", "is required")


def test_coding_track_without_coding_block(bank_issues: BankIssues) -> None:
    issue = only(bank_issues(edit(MIXED_TEXT, "track: leadership", "track: coding")))
    assert (issue.line, issue.field) == (53, "questions[2].coding")
    assert issue.message == "coding questions need a 'coding' block"


def test_leadership_question_without_principle(bank_issues: BankIssues) -> None:
    issue = only(bank_issues(edit(MIXED_TEXT, "    principle: ownership\n", "")))
    assert (issue.line, issue.field) == (53, "questions[2].principle")
    assert issue.message == "leadership questions need a 'principle'"


def test_bad_id_spelling(bank_issues: BankIssues) -> None:
    issue = only(bank_issues(edit(MIXED_TEXT, "id: coding-two-sum", "id: Coding Two Sum")))
    assert (issue.line, issue.field) == (23, "questions[1].id")
    assert issue.message == (
        "must be an id of lowercase letters, digits and '-' (got 'Coding Two Sum')"
    )


def test_number_where_text_is_expected(bank_issues: BankIssues) -> None:
    issue = only(bank_issues(edit(MIXED_TEXT, "title: Two sum", "title: 42")))
    assert (issue.line, issue.field) == (24, "questions[1].title")
    assert issue.message == "must be text (got 42) - put it in quotes"


def test_duplicate_question_id_in_one_file(bank_issues: BankIssues) -> None:
    issues = bank_issues(edit(MIXED_TEXT, "id: lp-ownership-outage", "id: coding-two-sum"))
    issue = only(issues)
    assert (issue.line, issue.field) == (53, "questions[2].id")
    assert issue.message == (
        f"duplicate question id 'coding-two-sum' (first defined at {issue.file}:23)"
    )


def test_duplicate_yaml_key(bank_issues: BankIssues) -> None:
    text = edit(
        MIXED_TEXT, "    difficulty: easy\n", "    difficulty: easy\n    difficulty: hard\n"
    )
    issue = only(bank_issues(text))
    assert (issue.line, issue.field) == (26, "questions[1].difficulty")
    assert issue.message == "duplicate key 'difficulty' (first set on line 25)"


def test_question_that_is_not_a_mapping(bank_issues: BankIssues) -> None:
    text = MIXED_TEXT + "  - just a sentence\n"
    issue = only(bank_issues(text))
    assert (issue.line, issue.field) == (line_with(text, "just a sentence"), "questions[3]")
    assert issue.message == "each question must be a mapping (got 'just a sentence')"


def test_bank_without_questions(bank_issues: BankIssues) -> None:
    head = MIXED_TEXT.split("questions:")[0]
    issue = only(bank_issues(head + "questions: []\n"))
    assert (issue.line, issue.field, issue.message) == (
        6,
        "questions",
        "needs at least 1 question, got 0",
    )
    issue = only(bank_issues(head))
    assert (issue.line, issue.field, issue.message) == (1, "questions", "is required")


def test_every_issue_is_reported_not_just_the_first(bank_issues: BankIssues) -> None:
    text = edit(MIXED_TEXT, "difficulty: easy", "difficulty: trivial")
    text = edit(text, "criterion: depth", "criterion: dept")
    text = edit(text, "principle: ownership", "principle: ownershp")
    text = edit(text, "entry_point: two_sum", "entry_point: twosum")
    lines = [(i.line, i.field) for i in bank_issues(text)]
    assert lines == [
        (22, "questions[0].key_points[1].criterion"),
        (25, "questions[1].difficulty"),
        (35, "questions[1].coding.entry_point"),
        (59, "questions[2].principle"),
    ]
