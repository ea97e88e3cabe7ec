from __future__ import annotations

import pytest

from bot.engine.commands import parse


@pytest.mark.parametrize(
    ("text", "name", "args"),
    [
        ("/mock start ml level=L5", "start", {"track": "ml", "level": "L5"}),
        (
            "start sd difficulty=HARD topic=ranking",
            "start",
            {"track": "system-design", "difficulty": "hard", "topic": "ranking"},
        ),
        ("/mock start", "start", {}),
        ("mock loop level=l6", "loop", {"level": "L6"}),
        ("/mock history", "history", {}),
        ("help", "help", {}),
        ("/mock", "help", {}),
        ("hint", "hint", {}),
        ("  Submit ", "submit", {}),
        ("done", "done", {}),
        ("/mock skip", "skip", {}),
    ],
)
def test_commands(text: str, name: str, args: dict[str, str]) -> None:
    cmd = parse(text)
    assert (cmd.name, cmd.args, cmd.error) == (name, args, None)


@pytest.mark.parametrize(
    "text",
    [
        "hint me please, what is the variance?",
        "start with the requirements and the scale",
        "The end of the story is that I shipped it.",
        "history shows the model drifted",
    ],
)
def test_prose_is_an_answer(text: str) -> None:
    assert parse(text).name == "answer"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("/mock start chemistry", "not a track"),
        ("/mock start ml level=L9", "level must be one of"),
        ("/mock start ml difficulty=brutal", "difficulty must be one of"),
        ("/mock start ml colour=blue", "unknown option"),
        ("/mock loop ml", "covers every track"),
    ],
)
def test_bad_arguments_are_explained(text: str, fragment: str) -> None:
    cmd = parse(text)
    assert cmd.error is not None and fragment in cmd.error


def test_unknown_command_and_buttons() -> None:
    assert parse("/mock frobnicate").name == "unknown"
    assert parse("/mock frobnicate").text == "frobnicate"
    assert parse("whatever", action="submit").name == "submit"
    assert parse("", action="explode").name == "unknown"
