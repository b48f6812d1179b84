"""The `numeric` and `integer` kinds: values under a tolerance or an exam precision rule."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from questions.mathinput import Parsed, ParseError
from questions.mathinput.evaluate import EvaluationError
from questions.mathinput.nodes import free_symbols, has_decimal, is_scalar

from . import feedback
from .inputs import parse_expected, parse_given
from .numbers import (
    DEFAULT_FLOAT_RELATIVE,
    Tolerance,
    close,
    decimal_places,
    diagnose,
    is_real,
    literal_value,
    round_places,
    round_significant,
    sig_figs_range,
    value_of,
)
from .verdict import GradingSetupError, Verdict, refused, right, wrong


def ctx_int(value) -> int:
    return int(value.real if hasattr(value, "imag") else value)


def expected_value(expected: object):
    parsed = parse_expected(expected, allow_percent=True)
    if not is_scalar(parsed.tree) or free_symbols(parsed.tree):
        raise GradingSetupError(f"The expected answer {parsed.text!r} is not a number.")
    try:
        return parsed, value_of(parsed.tree)
    except EvaluationError as exc:
        raise GradingSetupError(
            f"The expected answer {parsed.text!r} has no value: {exc}"
        ) from None


def read_number(given_text: str, kind: str, *, allow_percent: bool = False):
    """Parse and evaluate a learner's number: (parsed, value) or a refusal Verdict."""
    try:
        given = parse_given(given_text, kind, variables=(), allow_percent=allow_percent)
    except ParseError as exc:
        return refused(exc.message)
    names = free_symbols(given.tree)
    if names:
        return refused(feedback.NOT_A_NUMBER.format(names=", ".join(sorted(names))), given.latex)
    if not is_scalar(given.tree):
        return refused("Expected a single number, not a list, set or equation.", given.latex)
    try:
        return given, value_of(given.tree)
    except EvaluationError as exc:
        return refused(f"Your answer has no value: {exc}", given.latex)


def tolerance_for(options: Mapping[str, Any], *exact_trees) -> Tolerance | None:
    if "rel_tol" in options:
        return Tolerance(rel=options["rel_tol"])
    if "abs_tol" in options:
        return Tolerance(abs=options["abs_tol"])
    if any(has_decimal(tree) for tree in exact_trees):
        return Tolerance(rel=DEFAULT_FLOAT_RELATIVE)
    return None


def compare_values(given: Parsed, given_value, expected: Parsed, value, options) -> Verdict:
    """Shared by `numeric` and the entries of arrays and sets."""
    interpreted = given.latex
    if "sig_figs" in options or "dec_places" in options:
        return _precision_rule(given, given_value, value, options)
    tolerance = tolerance_for(options, given.tree, expected.tree)
    if close(given_value, value, tolerance):
        return right(interpreted)
    return wrong(interpreted, diagnose(given_value, value, tolerance, given.number_literal))


def _precision_rule(given: Parsed, given_value, value, options) -> Verdict:
    """Exam precision: the number must be *written* with the requested figures or places and
    equal the correct value rounded (half up) to them."""
    interpreted = given.latex
    literal = given.number_literal
    if literal is None:
        return wrong(interpreted, feedback.NEEDS_LITERAL_NUMBER)
    written = literal_value(literal)
    if "sig_figs" in options:
        wanted = options["sig_figs"]
        low, high = sig_figs_range(literal)
        counts, rounder = range(low, high + 1), round_significant
        count_message, value_message = feedback.SIG_FIGS_COUNT, feedback.SIG_FIGS_VALUE
    else:
        wanted = options["dec_places"]
        counts, rounder = [decimal_places(literal)], round_places
        count_message, value_message = feedback.DEC_PLACES_COUNT, feedback.DEC_PLACES_VALUE
    if close(written, rounder(value, wanted), None):
        if wanted in counts:
            return right(interpreted)
        return wrong(interpreted, count_message.format(given=counts[0], wanted=wanted))
    for count in counts:
        if close(written, rounder(value, count), None):
            return wrong(interpreted, count_message.format(given=count, wanted=wanted))
    if close(-written, rounder(value, wanted), None) and written != 0:
        return wrong(interpreted, feedback.WRONG_SIGN)
    return wrong(interpreted, value_message.format(wanted=wanted))


def check_numeric(expected: object, given_text: str, options: Mapping[str, Any]) -> Verdict:
    expected_parsed, value = expected_value(expected)
    read = read_number(given_text, "numeric", allow_percent=options.get("percent", False))
    if isinstance(read, Verdict):
        return read
    given, given_value = read
    return compare_values(given, given_value, expected_parsed, value, options)


def check_integer(expected: object, given_text: str, options: Mapping[str, Any]) -> Verdict:
    expected_parsed, value = expected_value(expected)
    if not is_real(value) or ctx_int(value) != value:
        raise GradingSetupError(f"The expected answer {expected_parsed.text!r} is not an integer.")
    read = read_number(given_text, "integer")
    if isinstance(read, Verdict):
        return read
    given, given_value = read
    if close(given_value, value, None):
        return right(given.latex)
    if not is_real(given_value) or ctx_int(given_value) != given_value:
        return wrong(given.latex, feedback.NOT_WHOLE)
    return wrong(given.latex, diagnose(given_value, value, None, given.number_literal))
