"""`check(kind, expected, given, options) -> Verdict` and `interpret(kind, given)`: the one
entry point every page, the API, the admin preview and the CLI use."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from questions.mathinput import ParseError
from questions.mathinput.limits import MAX_INPUT_LENGTH

from .arrays import check_array
from .choice import check_choice, check_text
from .expression import check_equation, check_expression
from .inputs import parse_given
from .numeric import check_integer, check_numeric
from .options import validate
from .sets import check_set
from .verdict import Verdict, refused

_CHECKERS = {
    "numeric": check_numeric,
    "integer": check_integer,
    "expression": check_expression,
    "equation": check_equation,
    "set": check_set,
    "choice": check_choice,
    "text": check_text,
}


def check(
    kind: str, expected: object, given: str, options: Mapping[str, Any] | None = None
) -> Verdict:
    """Grade `given` (the learner's text) against `expected` for an answer `kind`.

    Raises GradingSetupError when the kind, options or expected answer are unusable; every
    problem with `given` is reported in the returned Verdict instead."""
    clean = validate(kind, options)
    if not isinstance(given, str):
        return refused("The answer must be text.")
    if len(given) > MAX_INPUT_LENGTH:
        return refused(f"Your answer is too long (over {MAX_INPUT_LENGTH:,} characters).")
    if kind in {"matrix", "vector", "tuple"}:
        return check_array(kind, expected, given, clean)
    return _CHECKERS[kind](expected, given, clean)


@dataclass(frozen=True)
class Interpretation:
    latex: str
    error: str | None
    notes: tuple[str, ...] = ()


def interpret(
    kind: str, given: str, *, variables: tuple[str, ...] | None = None, percent: bool = False
) -> Interpretation:
    """How the learner's text is read, for the live "interpreted as" preview."""
    if kind in {"choice", "text"}:
        return Interpretation(latex="", error=None)
    if kind in {"numeric", "integer"} and variables is None:
        variables = ()
    try:
        parsed = parse_given(given, kind, variables=variables, allow_percent=percent)
    except ParseError as exc:
        return Interpretation(latex="", error=exc.message)
    return Interpretation(latex=parsed.latex, error=None, notes=parsed.notes)
