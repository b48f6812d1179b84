"""Reading both sides of a check: the expected answer (any Python/sympy value or text) and the
learner's text, with the per-kind conveniences (thousands separators, `3x4` shapes)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from questions.mathinput import Parsed, ParseError, parse
from questions.mathinput.to_text import to_text

from .verdict import GradingSetupError

_THOUSANDS = re.compile(r"^\s*[-−]?\d{1,3}(,\d{3})+(\.\d+)?\s*$")
_SHAPE = re.compile(r"^\s*\(?\s*(\d+)\s*[x×X*]\s*(\d+)\s*\)?\s*$")


def expected_text(expected: object) -> str:
    if isinstance(expected, str):
        return expected
    try:
        return to_text(expected)
    except TypeError as exc:
        raise GradingSetupError(f"Cannot use {expected!r} as an expected answer.") from exc


@lru_cache(maxsize=4096)
def _parse_expected_cached(text: str, allow_percent: bool) -> Parsed:
    return parse(text, allow_percent=allow_percent)


def parse_expected(expected: object, *, allow_percent: bool = False) -> Parsed:
    """Parse the expected answer (trusted or not, it goes through the same safe parser)."""
    text = expected_text(expected)
    try:
        return _parse_expected_cached(text, allow_percent)
    except ParseError as exc:
        raise GradingSetupError(f"The expected answer {text!r} cannot be read: {exc}") from exc


def parse_given(
    text: str,
    kind: str,
    *,
    variables: Iterable[str] | None = None,
    allow_percent: bool = False,
) -> Parsed:
    """Parse the learner's answer; raises ParseError with a learner-facing message."""
    if not isinstance(text, str):
        raise ParseError("The answer must be text.")
    if kind in {"numeric", "integer"} and _THOUSANDS.match(text):
        text = text.replace(",", "")
    if kind == "tuple":
        shape = _SHAPE.match(text)
        if shape:
            text = f"({shape.group(1)}, {shape.group(2)})"
    declared = None if variables is None else frozenset(variables)
    return parse(text, variables=declared, allow_percent=allow_percent)
