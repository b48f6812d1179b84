"""Property-based tests: random text never crashes the parser or the grader, and values written
by `to_text` read back to themselves."""

from __future__ import annotations

from fractions import Fraction

import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from questions.grading import check
from questions.mathinput import ParseError, parse
from questions.mathinput.limits import MAX_NODES
from questions.mathinput.mathml import latex_to_mathml
from questions.mathinput.nodes import walk
from questions.mathinput.to_sympy import to_sympy
from questions.mathinput.to_text import to_text

MATHY = st.text(
    alphabet=st.sampled_from(list("0123456789.+-*/^()[]{},;|!% xyzeπ√²×−=abcsinlogexpqrt_")),
    max_size=60,
)
SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.text(max_size=200))
def test_any_text_parses_or_is_refused_with_a_message(text):
    try:
        parsed = parse(text)
    except ParseError as exc:
        assert exc.message
        return
    assert sum(1 for _ in walk(parsed.tree)) <= MAX_NODES
    latex_to_mathml(parsed.latex)  # the preview always renders


@SETTINGS
@given(MATHY)
def test_mathy_text_parses_or_is_refused_and_the_preview_renders(text):
    try:
        parsed = parse(text, allow_percent=True)
    except ParseError as exc:
        assert exc.message
        return
    latex_to_mathml(parsed.latex)


@settings(max_examples=150, deadline=None)
@given(MATHY, st.sampled_from(["numeric", "integer", "expression", "vector", "matrix", "set"]))
def test_the_grader_never_raises_on_learner_text(text, kind):
    expected = {
        "numeric": "ln(2)",
        "integer": 3,
        "expression": "x^2 + 1",
        "vector": [1, 2],
        "matrix": [[1, 2], [3, 4]],
        "set": "{1, 2}",
    }[kind]
    verdict = check(kind, expected, text, {})
    assert 0.0 <= verdict.score <= 1.0
    assert verdict.correct is (verdict.score == 1.0)


small_fractions = st.fractions(min_value=-1000, max_value=1000, max_denominator=50)


@SETTINGS
@given(small_fractions)
def test_numbers_round_trip_through_text(value):
    parsed = parse(to_text(value))
    assert to_sympy(parsed.tree) == sympy.Rational(value.numerator, value.denominator)


@SETTINGS
@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False))
def test_floats_round_trip_exactly(value):
    parsed = parse(to_text(value))
    assert float(to_sympy(parsed.tree)) == value


@SETTINGS
@given(st.lists(st.lists(st.integers(-50, 50), min_size=2, max_size=2), min_size=1, max_size=4))
def test_matrices_round_trip_and_grade_correct(rows):
    text = to_text(rows)
    assert to_sympy(parse(text).tree) == sympy.ImmutableMatrix(rows)
    assert check("matrix", rows, text).correct


x = sympy.Symbol("x", real=True)
EXPRESSIONS = [
    sympy.exp(x**2) * 2 * x,
    sympy.log(x**2 + 1),
    sympy.sqrt(x + 3) / (x - 1),
    sympy.sin(2 * x) ** 2,
    sympy.Abs(x) + sympy.E,
    sympy.pi * x / 4,
    sympy.atan(x) * sympy.cosh(x),
    x ** Fraction(3, 2),
]


def test_sympy_expressions_round_trip_through_text():
    for expression in EXPRESSIONS:
        text = to_text(expression)
        assert sympy.simplify(to_sympy(parse(text).tree) - expression) == 0, text
        assert check("expression", expression, text).correct, text
