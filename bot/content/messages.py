"""Readable issue text: pydantic's errors rephrased for people who write YAML, not Python.

pydantic says "Input should be 'coding', 'ml', ... or 'leadership'"; a bank
author wants "must be one of coding, ml, ... (got 'mll'); did you mean 'ml'?".
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import Any

from pydantic_core import ErrorDetails

from bot.content.errors import Loc
from bot.content.schema import ID_PATTERN

_PATTERN_NAMES = {
    ID_PATTERN: "an id of lowercase letters, digits and '-'",
    r"^[A-Za-z_][A-Za-z0-9_]*$": "a Python identifier",
}
_SINGULAR = {"criteria": "criterion", "key_points": "key point", "questions": "question"}


def close_match_hint(value: object, options: Iterable[str]) -> str:
    """`; did you mean 'x'?` when a near spelling exists, else an empty string."""
    if not isinstance(value, str):
        return ""
    matches = difflib.get_close_matches(value, list(options), n=1, cutoff=0.6)
    return f"; did you mean '{matches[0]}'?" if matches else ""


def show(value: Any) -> str:
    """A short description of a YAML value for 'got ...' clauses."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def describe_error(error: ErrorDetails) -> str:
    kind = error["type"]
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    value = error.get("input")
    loc = error["loc"]
    if kind == "missing":
        return "is required"
    if kind == "enum":
        options = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        hint = close_match_hint(value, options)
        return f"must be one of {', '.join(options)} (got {show(value)}){hint}"
    if kind in {"value_error", "assertion_error"}:
        return str(ctx.get("error", error["msg"]))
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        wanted = _PATTERN_NAMES.get(pattern, f"text matching {pattern}")
        return f"must be {wanted} (got {show(value)})"
    if kind == "string_too_short" and ctx.get("min_length") == 1:
        return "must not be empty"
    if kind == "too_short":
        return _too_short(loc, int(ctx.get("min_length", 0)), int(ctx.get("actual_length", 0)))
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return f"must be a mapping (got {show(value)})"
    if kind == "string_type":
        quote = " - put it in quotes" if isinstance(value, int | float) else ""
        return f"must be text (got {show(value)}){quote}"
    if kind == "int_parsing" and loc and loc[-1] == "[key]":
        return f"keys must be whole numbers (got {show(value)})"
    message = error["msg"].replace("Input should", "must", 1)
    return f"{message} (got {show(value)})"


def _too_short(loc: Loc, minimum: int, actual: int) -> str:
    name = loc[-1] if loc and isinstance(loc[-1], str) else "item"
    noun = name.replace("_", " ")
    if minimum == 1:
        noun = _SINGULAR.get(name, noun.removesuffix("s"))
    return f"needs at least {minimum} {noun}, got {actual}"


def model_error_loc(message: str, fields: Iterable[str]) -> Loc:
    """Point a whole-model error at the field its message names, e.g. "need a 'coding' block".

    Model validators can only fail the whole object; naming the field gets the
    author to the right line (or, when it is missing, to the object's line).
    """
    names = set(fields)
    for quoted in re.findall(r"'([^']*)'", message):
        if quoted in names:
            return (quoted,)
    return ()
