"""Expressions and equations: equivalence by sampling first and the CAS only when sampling
cannot decide; then the requested form (literal, expanded, factored)."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from questions.mathinput import ParseError
from questions.mathinput.nodes import (
    Add,
    Div,
    Equation,
    Mul,
    Neg,
    Node,
    Num,
    Pow,
    Sub,
    children,
    free_symbols,
    has_decimal,
    is_scalar,
)

from . import cas, cas_worker, feedback
from .inputs import parse_expected, parse_given
from .sampling import agree, constant_offset, constant_ratio, equal, negated, sample
from .verdict import GradingSetupError, Verdict, refused, right, wrong

logger = logging.getLogger(__name__)


def _cas(function, *args) -> bool | None:
    try:
        return cas.run(function, *args)
    except cas.CasUnavailable:
        return None
    except Exception:  # sympy raises many types on odd input; undecided, never a crash
        logger.warning("CAS call %s failed", function.__name__, exc_info=True)
        return None


def _positive(options: Mapping[str, Any], names: set[str]) -> frozenset[str]:
    positive = options.get("positive", ())
    return frozenset(names) if positive is True else frozenset(positive or ())


def _diagnose(expected: Node, given: Node, names: list[str], positive, seed) -> str:
    samples = sample(expected, given, names, positive, seed)
    if negated(samples):
        return feedback.WRONG_SIGN
    if (
        names
        and len(positive) < len(names)
        and equal(sample(expected, given, names, set(names), seed))
    ):
        return feedback.ONLY_FOR_POSITIVE
    ratio = constant_ratio(samples)
    if ratio is not None and ratio != 0:
        factor = float(ratio)
        if has_decimal(given) and abs(factor - 1) < 0.05:
            return feedback.ROUNDED_DECIMAL
        label = f"{factor:g}" if abs(factor - round(factor)) > 1e-12 else str(round(factor))
        return feedback.OFF_BY_FACTOR.format(factor=label)
    offset = constant_offset(samples)
    if offset is not None and names:
        return feedback.CONSTANT_OFFSET.format(offset=f"{float(offset):g}")
    return feedback.NOT_EXPECTED


def check_expression(expected: object, given_text: str, options: Mapping[str, Any]) -> Verdict:
    expected_parsed = parse_expected(expected)
    if not is_scalar(expected_parsed.tree):
        raise GradingSetupError("An expression answer must be a single expression.")
    expected_names = free_symbols(expected_parsed.tree)
    declared = set(options.get("variables", ())) | expected_names
    try:
        given = parse_given(given_text, "expression", variables=declared)
    except ParseError as exc:
        return refused(exc.message)
    interpreted = given.latex
    if not is_scalar(given.tree):
        return refused("Expected a single expression, not a list, set or equation.", interpreted)
    given_names = free_symbols(given.tree)
    extra = given_names - declared
    if extra:
        return wrong(interpreted, feedback.extra_variables(extra, declared))
    names = sorted(declared)
    positive = _positive(options, declared)
    seed = (expected_parsed.text, given.text)
    outcome = equal(sample(expected_parsed.tree, given.tree, names, positive, seed))
    if outcome is None:
        outcome = _cas(cas_worker.symbolically_equal, expected_parsed.tree, given.tree, positive)
        if outcome is None:
            return refused(feedback.UNDECIDED, interpreted)
    if not outcome:
        missing = expected_names - given_names
        if missing and not (given_names - expected_names):
            message = feedback.MISSING_VARIABLE.format(names=", ".join(sorted(missing)))
            diagnosis = _diagnose(expected_parsed.tree, given.tree, names, positive, seed)
            if diagnosis == feedback.NOT_EXPECTED:
                return wrong(interpreted, message)
            return wrong(interpreted, diagnosis)
        return wrong(
            interpreted, _diagnose(expected_parsed.tree, given.tree, names, positive, seed)
        )
    return _check_form(options.get("form", "any"), expected_parsed.tree, given, names, positive)


def _check_form(form: str, expected: Node, given, names, positive) -> Verdict:
    interpreted = given.latex
    if form == "literal" and canonical(given.tree) != canonical(expected):
        return wrong(interpreted, feedback.EQUIVALENT_NOT_LITERAL)
    if form == "expanded" and not is_expanded(given.tree):
        return wrong(interpreted, feedback.EQUIVALENT_NOT_EXPANDED)
    if form == "factored" and not _cas(
        cas_worker.is_fully_factored, given.tree, tuple(names), positive
    ):
        return wrong(interpreted, feedback.EQUIVALENT_NOT_FACTORED)
    return right(interpreted)


def _is_sum(node: Node) -> bool:
    return isinstance(node, Add | Sub) or (isinstance(node, Neg) and _is_sum(node.operand))


def is_expanded(node: Node) -> bool:
    """No product, power or quotient is applied to a sum, except sums in a denominator."""
    match node:
        case Mul(left, right, _):
            if _is_sum(left) or _is_sum(right):
                return False
        case Neg(operand) if _is_sum(operand):
            return False
        case Pow(base, _) if _is_sum(base):
            return False
        case Div(left, right):
            return not _is_sum(left) and is_expanded(left) and is_expanded(right)
    return all(is_expanded(child) for child in children(node))


def canonical(node: Node) -> object:
    """A form equal for trees that differ only by commutativity and associativity of + and ×
    (subtraction is addition of a negated term); everything else must match exactly."""

    def terms(n: Node, sign: bool, out: list) -> None:
        if isinstance(n, Add):
            terms(n.left, sign, out)
            terms(n.right, sign, out)
        elif isinstance(n, Sub):
            terms(n.left, sign, out)
            terms(n.right, not sign, out)
        else:
            out.append(("neg", canonical(n)) if not sign else canonical(n))

    def factors(n: Node, out: list) -> None:
        if isinstance(n, Mul):
            factors(n.left, out)
            factors(n.right, out)
        else:
            out.append(canonical(n))

    match node:
        case Add() | Sub():
            collected: list = []
            terms(node, True, collected)
            return ("+", tuple(sorted(collected, key=repr)))
        case Mul():
            collected = []
            factors(node, collected)
            return ("*", tuple(sorted(collected, key=repr)))
        case Num(value):
            return ("num", value)
        case Neg(operand):
            return ("neg", canonical(operand))
        case Div(left, right):
            return ("/", canonical(left), canonical(right))
        case Pow(base, exponent):
            return ("^", canonical(base), canonical(exponent))
    kids = children(node)
    return (type(node).__name__, *(canonical(c) for c in kids)) if kids else repr(node)


def check_equation(expected: object, given_text: str, options: Mapping[str, Any]) -> Verdict:
    expected_parsed = parse_expected(expected)
    if not isinstance(expected_parsed.tree, Equation):
        raise GradingSetupError("An equation answer must contain “=”.")
    expected_names = free_symbols(expected_parsed.tree)
    declared = set(options.get("variables", ())) | expected_names
    try:
        given = parse_given(given_text, "equation", variables=declared)
    except ParseError as exc:
        return refused(exc.message)
    interpreted = given.latex
    if not isinstance(given.tree, Equation):
        return refused(feedback.NEEDS_EQUATION, interpreted)
    extra = free_symbols(given.tree) - declared
    if extra:
        return wrong(interpreted, feedback.extra_variables(extra, declared))
    names = sorted(declared)
    positive = _positive(options, declared)
    expected_side = Sub(expected_parsed.tree.left, expected_parsed.tree.right)
    given_side = Sub(given.tree.left, given.tree.right)
    seed = (expected_parsed.text, given.text)
    if equal(sample(Num(Fraction(0), "0"), given_side, names, positive, seed)):
        return wrong(interpreted, feedback.TRIVIAL_EQUATION)
    decided = _same_relation(given_side, expected_side, names, positive, seed)
    if decided is None:
        decided = _cas(cas_worker.constant_ratio_nonzero, expected_side, given_side, positive)
        if decided is None:
            return refused(feedback.UNDECIDED, interpreted)
    return right(interpreted) if decided else wrong(interpreted, feedback.EQUATION_NOT_EQUIVALENT)


def _same_relation(given_side: Node, expected_side: Node, names, positive, seed) -> bool | None:
    """Whether expected_side = r·given_side for one non-zero constant r at every point."""
    samples = sample(given_side, expected_side, names, positive, seed, need=10)
    ratios = [e / g for g, e in samples.pairs if e is not None and g != 0]
    if any(e is None for _, e in samples.pairs) or len(ratios) < 3:
        return None
    if ratios[0] == 0:
        return False
    verdicts = [agree(ratios[0], r) for r in ratios[1:]]
    if any(v is False for v in verdicts):
        return False
    return None if any(v is None for v in verdicts) else True
