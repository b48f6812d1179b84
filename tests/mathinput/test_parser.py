"""The input syntax: what learners type and how it is read (compared with sympy built by hand)."""

from __future__ import annotations

import pytest
import sympy
from sympy import E, Rational, pi, sqrt

from questions.mathinput import ParseError, parse
from questions.mathinput.nodes import Equation, Matrix, Seq, SetOf
from questions.mathinput.to_sympy import to_sympy

x, y, n = (sympy.Symbol(name, real=True) for name in "xyn")
w0, xb = sympy.Symbol("w_0", real=True), sympy.Symbol("x_b", real=True)
alpha, sigma = sympy.Symbol("alpha", real=True), sympy.Symbol("sigma", real=True)


def value(text: str, **kwargs):
    return to_sympy(parse(text, **kwargs).tree)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3", 3),
        ("-2.5", Rational(-5, 2)),
        ("1e-3", Rational(1, 1000)),
        ("2.5E2", 250),
        ("3/4", Rational(3, 4)),
        (".5", Rational(1, 2)),
        ("pi", pi),
        ("π", pi),
        ("e", E),
        ("2 pi", 2 * pi),
        ("2π", 2 * pi),
        ("x²", x**2),
        ("x³ + x⁻¹", x**3 + 1 / x),
        ("2 × 3", 6),
        ("6 ÷ 4", Rational(3, 2)),
        ("2 · x", 2 * x),
        ("5 − 3", 2),
        ("2**10", 1024),
        ("2^10", 1024),
        ("2x", 2 * x),
        ("2(x+1)", 2 * (x + 1)),
        ("(x+1)(x-1)", (x + 1) * (x - 1)),
        ("x y", x * y),
        ("2x^2", 2 * x**2),
        ("1/2x", x / 2),
        ("-x^2", -(x**2)),
        ("2^3^2", 2**9),
        ("x^-1", 1 / x),
        ("sqrt(2)", sqrt(2)),
        ("√2", sqrt(2)),
        ("√(x+1)", sqrt(x + 1)),
        ("exp(x)", sympy.exp(x)),
        ("ln 2", sympy.log(2)),
        ("log(x)", sympy.log(x)),
        ("log10(100)", 2),
        ("log2(8)", 3),
        ("log(8, 2)", 3),
        ("log_2 8", 3),
        ("sin x", sympy.sin(x)),
        ("sin x^2", sympy.sin(x**2)),
        ("sin 2x", sympy.sin(2 * x)),
        ("sin x cos x", sympy.sin(x) * sympy.cos(x)),
        ("sin^2 x", sympy.sin(x) ** 2),
        ("sinx", sympy.sin(x)),
        ("sin2x", sympy.sin(2 * x)),
        ("ln 2/3", sympy.log(2) / 3),
        ("asin(1)", pi / 2),
        ("arctan(1)", pi / 4),
        ("tanh(0)", 0),
        ("abs(-3)", 3),
        ("|x - 1|", sympy.Abs(x - 1)),
        ("2|x|", 2 * sympy.Abs(x)),
        ("floor(7/2)", 3),
        ("ceil(7/2)", 4),
        ("max(1, 5, 3)", 5),
        ("min(1, 5, 3)", 1),
        ("factorial(5)", 120),
        ("5!", 120),
        ("n!", sympy.factorial(n)),
        ("binomial(5, 2)", 10),
        ("w_0 + x_b", w0 + xb),
        ("alpha sigma", alpha * sigma),
        ("α + σ", alpha + sigma),
        ("2e^x", 2 * sympy.exp(x)),
        ("e^(x^2)", sympy.exp(x**2)),
        ("2x e^(x^2)", 2 * x * sympy.exp(x**2)),
        ("inf", sympy.oo),
        ("x*2", 2 * x),
    ],
)
def test_scalar_syntax(text, expected):
    got = value(text)
    assert got == expected or sympy.simplify(got - expected) == 0


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        ("[[1,2],[3,4]]", [[1, 2], [3, 4]]),
        ("[1 2; 3 4]", [[1, 2], [3, 4]]),
        ("[1, 2; 3, 4]", [[1, 2], [3, 4]]),
        ("[1 -2; 3 4]", [[1, -2], [3, 4]]),
        ("[[17, 20], [9, 14]]", [[17, 20], [9, 14]]),
        ("[1/2 0; 0 1/2]", [[Rational(1, 2), 0], [0, Rational(1, 2)]]),
    ],
)
def test_matrix_syntax(text, rows):
    parsed = parse(text)
    assert isinstance(parsed.tree, Matrix)
    assert to_sympy(parsed.tree) == sympy.ImmutableMatrix(rows)


def test_spaced_minus_inside_brackets_is_subtraction():
    with pytest.raises(ParseError, match="Row 2 has 2 entries but row 1 has 1"):
        parse("[1 - 2; 3 4]")


def test_vectors_tuples_sets_and_equations():
    assert isinstance(parse("[1, 2]").tree, Seq) and parse("[1, 2]").tree.bracket == "["
    assert parse("(1, 2)").tree.bracket == "("
    assert parse("[1 2 3]").tree.items[2].value == 3
    assert isinstance(parse("{1, 2}").tree, SetOf)
    assert isinstance(parse("x + y = 1").tree, Equation)
    assert parse("(x)").tree == parse("x").tree


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("1/2x", "1/2x means (1/2)·x"),
        ("e^2x", "e^2x means e²·x"),
        ("sin 2x", "sin applies to the whole product"),
        ("xy", "“xy” was read as the product x·y"),
        ("1e-3", "scientific notation"),
    ],
)
def test_ambiguous_inputs_come_with_a_note(text, note):
    assert any(note in shown for shown in parse(text).notes)


@pytest.mark.parametrize(
    ("text", "latex"),
    [
        ("1/2x", r"\frac{1}{2} x"),
        ("sin x^2", r"\sin\left({x}^{2}\right)"),
        ("2 * 3", r"2 \cdot 3"),
        ("-(x+1)", r"-\left(x + 1\right)"),
        ("[1 2; 3 4]", r"\begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}"),
        ("0.50", "0.50"),
        ("w_0", "w_{0}"),
        ("alpha", r"\alpha"),
        ("log(8, 2)", r"\log_{2}\left(8\right)"),
        ("x = 2", "x = 2"),
    ],
)
def test_latex_shows_how_the_input_was_read(text, latex):
    assert parse(text).latex == latex


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Type an answer first"),
        ("   ", "Type an answer first"),
        ("2 +", "ends too early"),
        ("(2 + 3", "Expected “)”"),
        ("2 + 3)", "unmatched “)”"),
        ("x2", "ambiguous: write x^2"),
        ("2 3", "Two numbers stand side by side"),
        ("1.2.3", "two decimal points"),
        ("sin", "needs an argument"),
        ("log(1, 2, 3)", "log takes 1 to 2 argument(s), not 3"),
        ("[[1, 2], [3]]", "Row 2 has 1 entries but row 1 has 2"),
        ("[[1, 2], 3]", "Mixed rows and numbers"),
        ("50%", "Percent signs are only accepted"),
        ("x = y = z", "only one “=”"),
        ("\\frac{1}{2}", "No backslash commands"),
        ("sin^-1 x", "ambiguous: write asin(x)"),
        ("max 3", "max needs parentheses"),
        ("2 # 3", "can't read the character “#”"),
        ("()", "Empty parentheses"),
        ("[]", "Empty brackets"),
    ],
)
def test_errors_say_what_is_wrong(text, message):
    with pytest.raises(ParseError) as caught:
        parse(text)
    assert message in caught.value.message


def test_declared_variables_refuse_unknown_words_but_keep_single_letters():
    with pytest.raises(ParseError, match="I don't know “sigmoid”"):
        parse("sigmoid(x)", variables=["x"])
    assert parse("x + y", variables=["x"]).tree is not None  # the grader names y
    assert value("xy", variables=["x", "y"]) == x * y
    assert value("x2", variables=["x2"]) == sympy.Symbol("x2", real=True)


def test_percent_is_read_where_allowed():
    assert value("50%", allow_percent=True) == Rational(1, 2)


def test_thin_and_full_width_characters_are_normalised():
    assert value("２ｘ") == 2 * x
    assert value("1\u00a0+\u20092") == 3


def test_number_literal_keeps_the_digits_as_typed():
    assert parse("0.50").number_literal == "0.50"
    assert parse("-1.20e3").number_literal == "-1.20e3"
    assert parse("1/2").number_literal is None
