"""Parsing what a user types into a command, the same words on every platform.

`/mock start ml level=L5` in Slack, `start ml` in the console and a button
press all become one `Command`, so the engine has one vocabulary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

SESSION_COMMANDS = ("start", "loop", "history", "help")
ROUND_COMMANDS = ("hint", "time", "repeat", "submit", "done", "skip", "end")
TRACK_ALIASES = {
    "coding": "coding",
    "code": "coding",
    "ml": "ml",
    "ml-depth": "ml",
    "concepts": "ml",
    "system-design": "system-design",
    "systemdesign": "system-design",
    "design": "system-design",
    "sd": "system-design",
    "leadership": "leadership",
    "lp": "leadership",
    "behavioral": "leadership",
    "behavioural": "leadership",
}
OPTIONS = ("level", "difficulty", "topic")
LEVELS = ("L4", "L5", "L6", "L7")
DIFFICULTIES = ("easy", "medium", "hard")
_PREFIX_RE = re.compile(r"^\s*/?mock\b\s*", re.I)


@dataclass(frozen=True)
class Command:
    name: str  # a SESSION_COMMANDS or ROUND_COMMANDS word, "answer" for plain text, or "unknown"
    args: dict[str, str] = field(default_factory=dict)
    text: str = ""  # the raw text (plain answers, or the unknown word)
    error: str | None = None  # a problem with the arguments, said to the user


def _parse_options(words: list[str], allow_track: bool) -> tuple[dict[str, str], str | None]:
    args: dict[str, str] = {}
    for word in words:
        key, sep, value = word.partition("=")
        key = key.lower()
        if not sep:
            track = TRACK_ALIASES.get(key)
            if allow_track and track and "track" not in args:
                args["track"] = track
                continue
            if track and not allow_track:
                return args, "a loop covers every track; it only takes level="
            tracks = ", ".join(sorted(set(TRACK_ALIASES.values())))
            return args, f"'{word}' is not a track ({tracks}) or an option like level=L5"
        if key not in OPTIONS:
            return args, f"unknown option '{key}': use level=, difficulty= or topic="
        if key == "level":
            value = value.upper()
            if value not in LEVELS:
                return args, f"level must be one of {', '.join(LEVELS)}"
        if key == "difficulty":
            value = value.lower()
            if value not in DIFFICULTIES:
                return args, f"difficulty must be one of {', '.join(DIFFICULTIES)}"
        if not value:
            return args, f"'{key}=' needs a value"
        args[key] = value
    return args, None


def parse(text: str, action: str | None = None) -> Command:
    """A button `action` wins over text; text with `/mock` or a command word is a command."""
    if action:
        word = action.strip().lower()
        if word == "noop":  # the engine's own: a refused button press, already answered
            return Command("noop")
        return Command(word if word in ROUND_COMMANDS else "unknown", text=word)
    prefixed = bool(_PREFIX_RE.match(text))
    body = _PREFIX_RE.sub("", text, count=1) if prefixed else text
    words = body.split()
    if not words:
        return Command("help" if prefixed else "answer", text=text)
    head = words[0].lower()
    if head in ROUND_COMMANDS and len(words) == 1:
        return Command(head, text=head)
    if head in SESSION_COMMANDS and (prefixed or len(words) <= 5):
        if head in ("start", "loop"):
            args, error = _parse_options(words[1:], allow_track=head == "start")
            if error and not prefixed:
                # "start with the requirements..." is an answer, not a malformed command.
                return Command("answer", text=text)
            return Command(head, args, text, error)
        if len(words) == 1 or prefixed:
            return Command(head, text=text)
    if prefixed:
        return Command("unknown", text=head)
    return Command("answer", text=text)
