"""The expression kind: every equivalent form a teacher would accept, near-misses explained."""

from __future__ import annotations

import re

import pytest
import sympy
from sympy.parsing.sympy_parser import (
    convert_xor,
    implicit_multiplication_application,
    parse_expr,
    standard_transformations,
)

from questions.grading import check, feedback

# (expected, given) pairs a teacher accepts; variables are those of the expected answer.
EQUIVALENT = [
    ("2*x*exp(x^2)", "2x e^(x^2)"),
    ("2*x*exp(x^2)", "2 x exp(x²)"),
    ("2*x*exp(x^2)", "exp(x^2)*2*x"),
    ("2*x*exp(x^2)", "x*2*e^(x*x)"),
    ("x^2 - 1", "(x-1)(x+1)"),
    ("x^2 - 1", "(x+1)*(x-1)"),
    ("x^2 - 1", "-1 + x^2"),
    ("x^2 + 2*x + 1", "(x+1)^2"),
    ("(x+1)^2", "x^2 + 2x + 1"),
    ("(x+1)^3", "x^3 + 3x^2 + 3x + 1"),
    ("(a+b)^2", "a^2 + 2ab + b^2"),
    ("(a-b)*(a+b)", "a^2 - b^2"),
    ("x/2", "0.5x"),
    ("x/2", "x*0.5"),
    ("x/2", "(1/2)x"),
    ("x/2", "1/2x"),
    ("x/4", "0.25 x"),
    ("3*x/4", "0.75x"),
    ("1/x", "x^-1"),
    ("1/x^2", "x^(-2)"),
    ("1/(x+1)", "(x+1)^-1"),
    ("(x^2 - 1)/(x - 1)", "x + 1"),
    ("(x^3 - 1)/(x - 1)", "x^2 + x + 1"),
    ("1/(x*(x+1))", "1/x - 1/(x+1)"),
    ("(2*x + 3)/(x^2 + 3*x + 2)", "1/(x+1) + 1/(x+2)"),
    ("x^(1/2)", "sqrt(x)"),
    ("sqrt(x)", "x^0.5"),
    ("x^(3/2)", "x sqrt(x)"),
    ("1/sqrt(x)", "x^(-1/2)"),
    ("sqrt(8)", "2 sqrt(2)"),
    ("sqrt(12)*x", "2 sqrt(3) x"),
    ("exp(2*x)", "e^(2x)"),
    ("exp(2*x)", "(e^x)^2"),
    ("exp(x)*exp(y)", "exp(x+y)"),
    ("exp(-x)", "1/e^x"),
    ("exp(x)^2", "exp(2x)"),
    ("exp(log(x))", "x"),
    ("log(exp(x))", "x"),
    ("log(x^2)", "ln(x^2)"),
    ("log(x^4)", "2 ln(x^2)"),
    ("log(8)", "3 ln 2"),
    ("log(x)/log(2)", "log2(x)"),
    ("log(x)/log(10)", "log10(x)"),
    ("log(x, 3)", "ln(x)/ln(3)"),
    ("sin(x)^2 + cos(x)^2", "1"),
    ("1 - sin(x)^2", "cos(x)^2"),
    ("sin(2*x)", "2 sin(x) cos(x)"),
    ("sin(2*x)", "2 sin x cos x"),
    ("cos(2*x)", "cos(x)^2 - sin(x)^2"),
    ("cos(2*x)", "1 - 2sin^2 x"),
    ("tan(x)", "sin(x)/cos(x)"),
    ("1/cos(x)^2", "1 + tan(x)^2"),
    ("sec(x)", "1/cos x"),
    ("cot(x)", "cos(x)/sin(x)"),
    ("sin(x + pi/2)", "cos(x)"),
    ("sin(pi - x)", "sin x"),
    ("cos(-x)", "cos(x)"),
    ("sinh(x)", "(e^x - e^(-x))/2"),
    ("cosh(x)", "(exp(x) + exp(-x))/2"),
    ("tanh(x)", "sinh(x)/cosh(x)"),
    ("1 - tanh(x)^2", "1/cosh(x)^2"),
    ("1/(1 + exp(-x))", "e^x/(1 + e^x)"),
    ("exp(-x)/(1 + exp(-x))^2", "1/(1+e^(-x)) * (1 - 1/(1+e^(-x)))"),
    ("exp(x)/(1 + exp(x))^2", "exp(-x)/(1 + exp(-x))^2"),
    ("-exp(u)/(1 + exp(u))^2", "-e^u (1 + e^u)^(-2)"),
    ("x^2*y + x*y^2", "xy(x + y)"),
    ("6*x*y", "2*3*x*y"),
    ("x*y", "y x"),
    ("x*y", "xy"),
    ("2*x + 3*y", "3y + 2x"),
    ("x - y", "-(y - x)"),
    ("-x + 1", "1 - x"),
    ("a*(b + c)", "ab + ac"),
    ("(x + 1)/2", "x/2 + 1/2"),
    ("(x + 1)/2", "0.5x + 0.5"),
    ("x/3 + x/6", "x/2"),
    ("2/(4*x)", "1/(2x)"),
    ("x^2*x^3", "x^5"),
    ("(x^2)^3", "x^6"),
    ("x^a*x^b", "x^(a+b)"),
    ("abs(x)", "sqrt(x^2)"),
    ("abs(x)", "|x|"),
    ("abs(x*y)", "|x| |y|"),
    ("3*x^2", "d*0 + 3x^2"[4:]),
    ("pi*r^2", "π r²"),
    ("2*pi*r", "2πr"),
    ("4/3*pi*r^3", "(4 pi r^3)/3"),
    ("w_0*x_0 + w_1*x_1 + w_2", "w_2 + x_0 w_0 + w_1 x_1"),
    ("alpha*x + beta", "β + α x"),
    ("sigma^2", "σ²"),
    ("exp(-(x - mu)^2/(2*sigma^2))", "e^(-(x-mu)^2/(2 sigma^2))"),
    ("2*(x - t)", "2x - 2t"),
    ("x^2/2 + C", "C + 0.5 x^2"),
    ("floor(x) + 1", "1 + floor(x)"),
    ("max(x, 0)", "max(0, x)"),
    ("factorial(n)/(factorial(k)*factorial(n - k))", "binomial(n, k)"),
    ("n*(n - 1)/2", "binomial(n, 2)"),
    ("(n + 1)!", "(n+1) n!"),
    ("1/(1 - x)", "-1/(x - 1)"),
    ("x^4 - 1", "(x^2+1)(x+1)(x-1)"),
    ("x^3 - 8", "(x - 2)(x^2 + 2x + 4)"),
    ("(x - 1)^2 - 1", "x(x - 2)"),
    ("acos(x)", "pi/2 - asin(x)"),
    ("atan(-x)", "-atan(x)"),
    ("2^x", "e^(x ln 2)"),
    ("10^x", "exp(x*ln(10))"),
    ("x^2*exp(x)", "exp(x) x^2"),
    ("cos(x)*exp(sin(x))", "e^(sin x) cos x"),
    ("3*(2*x + 1)^2", "3 (1 + 2x)^2"),
    ("1/(2*sqrt(x))", "0.5/sqrt(x)"),
]

# (expected, given, feedback fragment): answers a teacher would mark wrong.
NEAR_MISSES = [
    ("2*x*exp(x^2)", "-2x e^(x^2)", feedback.WRONG_SIGN),
    ("2*x*exp(x^2)", "x e^(x^2)", "factor of 0.5"),
    ("x*y", "x", "does not depend on y"),
    ("2*x*exp(x^2)", "2x e^(x^2) + 1", "Off by a constant"),
    ("x^2 - 1", "x^2 + 1", "Off by a constant"),
    ("x/3", "0.333x", "rounded decimal"),
    ("x/3", "0.33x", "rounded decimal"),
    ("sqrt(2)*x", "1.414x", "rounded decimal"),
    ("x", "sqrt(x^2)", "Equal only when the variables are positive"),
    ("log(x^2)", "2 ln(x)", "Equal only when the variables are positive"),
    ("x + 1", "X + 1", "case-sensitive: X is not x"),
    ("x + 1", "y + 1", "which is not part of this question"),
    ("x^2", "x^3", feedback.NOT_EXPECTED),
    ("sin(x)", "cos(x)", feedback.NOT_EXPECTED),
    ("exp(x)", "x exp(x)", feedback.NOT_EXPECTED),
    ("log(x)", "log10(x)", "factor"),
    (
        "(x+1)^20",
        "x^20 + 20x^19 + 190x^18 + 1140x^17 + 4845x^16 + 15504x^15 + 38760x^14 + 77520x^13 + 125970x^12 + 167960x^11 + 184756x^10 + 167960x^9 + 125970x^8 + 77520x^7 + 38760x^6 + 15504x^5 + 4845x^4 + 1140x^3 + 190x^2 + 20x + 2",
        "Off by a constant",
    ),
    (
        "(x+1)^20",
        "x^20 + 20x^19 + 190x^18 + 1140x^17 + 4845x^16 + 15504x^15 + 38760x^14 + 77520x^13 + 125970x^12 + 167960x^11 + 184757x^10 + 167960x^9 + 125970x^8 + 77520x^7 + 38760x^6 + 15504x^5 + 4845x^4 + 1140x^3 + 190x^2 + 20x + 1",
        feedback.NOT_EXPECTED,
    ),
    ("sin(2*x)", "2 sin(x)", feedback.NOT_EXPECTED),
    ("1/(1 + exp(-x))", "1/(1 + exp(x))", feedback.NOT_EXPECTED),
    ("2*x", "2x + 0.0000001", "Off by a constant"),
    ("x^2*y", "x y^2", feedback.NOT_EXPECTED),
    ("exp(x)", "e^x + 10^-12", "Off by a constant"),
    ("atan(1/x)", "pi/2 - atan(x)", "Equal only when the variables are positive"),
    ("log(x*y)", "ln x + ln y", "Equal only when the variables are positive"),
]


@pytest.mark.parametrize(("expected", "given"), EQUIVALENT)
def test_equivalent_forms_are_accepted(expected, given):
    verdict = check("expression", expected, given, {})
    assert verdict.correct, verdict
    assert verdict.score == 1.0 and verdict.error is None
    assert verdict.interpreted


def test_the_corpus_is_large_enough():
    assert len(EQUIVALENT) >= 100 and len(NEAR_MISSES) >= 20


_SYMPY_TRANSFORMS = (*standard_transformations, implicit_multiplication_application, convert_xor)


def _sympy_reading(text: str):
    """An independent reading of a *trusted* corpus string with sympy's own parser."""
    text = text.replace("²", "^2").replace("π", "pi").replace("α", "alpha").replace("β", "beta")
    text = text.replace("σ", "sigma").replace("|x| |y|", "Abs(x)*Abs(y)").replace("|x|", "Abs(x)")
    text = re.sub(r"\be\^", "E^", text)
    text = re.sub(r"(\w)!", r"factorial(\1)", text).replace(")!", ")")
    local = {
        name: sympy.Symbol(name, real=True)
        for name in ["x", "y", "a", "b", "r", "t", "u", "n", "k", "mu", "C"]
    }
    local.update({"E": sympy.E, "ln": sympy.log, "log2": lambda v: sympy.log(v, 2)})
    local.update({"log10": lambda v: sympy.log(v, 10), "binomial": sympy.binomial})
    return parse_expr(text, local_dict=local, transformations=_SYMPY_TRANSFORMS)


def test_corpus_pairs_are_equivalent_by_an_independent_reading():
    """sympy's own parser and simplify agree that the accepted pairs are equal, where its
    grammar can read both sides the same way ours does."""
    confirmed = 0
    for expected, given in EQUIVALENT:
        try:
            left, right = _sympy_reading(expected), _sympy_reading(given)
        except (SyntaxError, TypeError, ValueError, AttributeError, sympy.SympifyError):
            continue  # some learner syntax is ours only
        if left.free_symbols != right.free_symbols:
            continue
        difference = sympy.simplify(sympy.expand_log(left - right, force=True))
        if difference == 0 or difference.equals(0):
            confirmed += 1
    assert confirmed >= 60


@pytest.mark.parametrize(("expected", "given", "message"), NEAR_MISSES)
def test_near_misses_are_rejected_with_a_reason(expected, given, message):
    verdict = check("expression", expected, given, {})
    assert not verdict.correct and verdict.score == 0.0
    assert message in verdict.feedback, verdict.feedback


@pytest.mark.parametrize(
    ("expected", "given"),
    [
        ("x", "sqrt(x^2)"),
        ("log(x^2)", "2 ln x"),
        ("log(x*y)", "ln x + ln y"),
        ("log(x/y)", "ln(x) - ln(y)"),
        ("atan(1/x)", "pi/2 - atan(x)"),
        ("x^(3/2)", "x sqrt(x)"),
    ],
)
def test_declared_positive_variables_allow_identities_for_positive_values(expected, given):
    assert check("expression", expected, given, {"positive": True}).correct
    assert check("expression", expected, given, {"positive": ["x", "y"]}).correct


def test_declared_variables_are_allowed_even_if_the_answer_lacks_them():
    verdict = check("expression", "3", "3 + 0*y", {"variables": ["x", "y"]})
    assert verdict.correct


def test_parse_errors_are_reported_as_errors_not_wrong_answers():
    verdict = check("expression", "x", "2 +", {})
    assert verdict.error and "ends too early" in verdict.error and not verdict.correct


def test_a_list_is_not_an_expression():
    assert "single expression" in check("expression", "x", "[x, 1]", {}).error


@pytest.mark.parametrize(
    ("given", "form", "correct", "message"),
    [
        ("x^2 - 1", "expanded", True, None),
        ("(x-1)(x+1)", "expanded", False, feedback.EQUIVALENT_NOT_EXPANDED),
        ("(x-1)(x+1)", "factored", True, None),
        ("x^2 - 1", "factored", False, feedback.EQUIVALENT_NOT_FACTORED),
        ("(x+1)(x-1)", "literal", False, feedback.EQUIVALENT_NOT_LITERAL),
        ("-1 + x^2", "literal", True, None),
    ],
)
def test_forms(given, form, correct, message):
    verdict = check("expression", "x^2 - 1", given, {"form": form})
    assert verdict.correct is correct
    if message:
        assert verdict.feedback == message


def test_factored_needs_irreducible_primitive_factors():
    expected = "2x^2 - 2"
    assert check("expression", expected, "2(x-1)(x+1)", {"form": "factored"}).correct
    assert not check("expression", expected, "(2x-2)(x+1)", {"form": "factored"}).correct
    assert not check("expression", "x^4-1", "(x^2-1)(x^2+1)", {"form": "factored"}).correct
    assert check("expression", "x^4-1", "(x-1)(x+1)(x^2+1)", {"form": "factored"}).correct


def test_literal_form_distinguishes_unsimplified_fractions():
    assert not check("expression", "1/2", "2/4", {"form": "literal"}).correct
    assert not check("expression", "3/4", "0.75", {"form": "literal"}).correct
    assert check("expression", "x*y + 1", "1 + y x", {"form": "literal"}).correct
