"""Authored expressions: exact arithmetic, matrices and vectors, the whitelisted functions, the
placeholder filters, and the bounds around them."""

from __future__ import annotations

import pytest
import sympy

from questions.authoring.evaluator import Evaluator
from questions.authoring.guards import Budget, TimeLimit
from questions.authoring.render import as_decimal, as_latex, as_text
from questions.authoring.values import EvalError, Text, column
from questions.mathinput import parse

ENV = {
    "A": sympy.ImmutableMatrix([[1, 2], [3, 4]]),
    "v": column([1, 2, 3]),
    "f": Text("x^2*sin(x)"),
    "n": sympy.Integer(3),
    "p": sympy.Rational(1, 10),
}


def value(text: str):
    evaluator = Evaluator(ENV, ("x",), Budget())
    return evaluator.value(parse(text, variables=set(ENV) | {"x"}, author=True).tree)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("A*A", "[[7, 10], [15, 22]]"),
        ("A^2", "[[7, 10], [15, 22]]"),
        ("A^-1", "[[-2, 1], [3/2, -1/2]]"),
        ("inv(A)", "[[-2, 1], [3/2, -1/2]]"),
        ("2A - A", "[[1, 2], [3, 4]]"),
        ("det(A)", "-2"),
        ("trace(A)", "5"),
        ("rank(A)", "2"),
        ("transpose(v)*v", "[14]"),
        ("dot(v, v)", "14"),
        ("outer([1, 2], [3, 4])", "[[3, 4], [6, 8]]"),
        ("hadamard(A, A)", "[[1, 4], [9, 16]]"),
        ("norm(v)", "sqrt(14)"),
        ("norm(v, 1)", "6"),
        ("norm(v, inf)", "3"),
        ("shape(A)", "(2, 2)"),
        ("rows(v)", "3"),
        ("cols(v)", "1"),
        ("entry(A, 2, 1)", "3"),
        ("entry(v, 3)", "3"),
        ("eye(2)", "[[1, 0], [0, 1]]"),
        ("zeros(1, 2) + ones(1, 2)", "[[1, 1]]"),
        ("sum(v)", "6"),
        ("sum(1, 2, 3)", "6"),
        ("mean(v)", "2"),
        ("max(v)", "3"),
        ("min(4, n)", "3"),
        ("round(1/3, 3)", "333/1000"),
        ("round(2.5)", "3"),
        ("round(-2.5)", "-3"),
        ("10p", "1"),
        ("sigmoid(0)", "1/2"),
        ("relu(-2)", "0"),
        ("softmax([0, 0])", "[1/2, 1/2]"),
        ("exp(v)", "[e, exp(2), exp(3)]"),
        ("diff(f, x)", "x^2*cos(x) + 2*x*sin(x)"),
        ("diff(x^3, x, 2)", "6*x"),
        ("simplify(sin(x)^2 + cos(x)^2)", "1"),
        ("factor(x^2 - 1)", "(1 + x)*(-1 + x)"),
        ("subs(f, x, pi/2)", "pi^2/4"),
        ("f + 1", "1 + x^2*sin(x)"),
        ("binomial(5, 2) + 3!", "16"),
        ("log(8, 2) + ln(e) + log10(100)", "6"),
        ("floor(7/2) + ceil(p) + abs(-3)", "7"),
        ("(n, p)", "(3, 1/10)"),
        ("det(A) != 0 and 0 < p < 1", "true"),
        ("not (n == 3) or p >= 1", "false"),
        ("[1, 2] == [1, 2] and A != transpose(A)", "true"),
        ("sin(x)^2 + cos(x)^2 == 1", "true"),
    ],
)
def test_values(text, shown):
    assert as_text(value(text)) == shown


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("A*v", "Cannot multiply a 2×2 matrix by a vector of 3"),
        ("A + 1", "Cannot combine a 2×2 matrix and a number"),
        ("v + [1, 2]", "the shapes differ"),
        ("1/A", "Cannot divide by a 2×2 matrix (for a matrix, use inv(A))"),
        ("1/(n - 3)", "Division by zero"),
        ("inv([[1, 2], [2, 4]])", "singular"),
        ("det([[1, 2, 3]])", "det needs a square matrix"),
        ("entry(A, 3, 1)", "i needs a whole number from 1 to 2, not 3"),
        ("diff(f, n)", "diff(f, x) needs one of the variables (x)"),
        ("log(0)", "log(0) is undefined"),
        ("sqrt(-1)", "Not a real number"),
        ("n > x", "compares numbers, not expressions"),
        ("eye(13)", "eye needs a whole number from 1 to 12"),
        ("A^21", "A matrix power needs a whole number from -20 to 20"),
        ("expand((x + 1)^90 * (x + 2)^90)", "over 5,000 terms"),
        ("n and p", "needs a condition"),
        ("round(x)", "round needs a number"),
    ],
)
def test_errors_explain_themselves(text, message):
    with pytest.raises(EvalError, match=message.replace("(", r"\(").replace(")", r"\)")):
        value(text)


def test_strings_are_read_with_the_learner_parser_only_when_used():
    assert value("f") == Text("x^2*sin(x)")
    with pytest.raises(EvalError, match="is not an expression"):
        Evaluator({"g": Text("relu")}, ("x",), Budget()).value(
            parse("g + 1", variables={"g", "x"}, author=True).tree
        )


def test_the_step_budget_stops_long_chains():
    evaluator = Evaluator(ENV, ("x",), Budget(seconds=0))
    with pytest.raises(TimeLimit):
        evaluator.value(parse("n + 1", variables=set(ENV), author=True).tree)


@pytest.mark.parametrize(
    ("text", "latex", "decimal"),
    [
        ("A", r"\begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}", "[[1, 2], [3, 4]]"),
        ("v", r"\begin{bmatrix} 1 \\ 2 \\ 3 \end{bmatrix}", "[1, 2, 3]"),
        ("p", r"\frac{1}{10}", "0.1"),
        (
            "softmax([1, 2])",
            r"\begin{bmatrix} \frac{e}{e + e^{2}} \\ \frac{e^{2}}{e + e^{2}} \end{bmatrix}",
            "[0.2689, 0.7311]",
        ),
        ("(1, n)", r"\left(1, 3\right)", "(1, 3)"),
    ],
)
def test_filters(text, latex, decimal):
    evaluator = Evaluator(ENV, ("x",), Budget())
    assert as_latex(value(text), evaluator) == latex
    assert as_decimal(value(text), evaluator) == decimal


def test_num_needs_a_number_and_latex_reads_strings():
    evaluator = Evaluator(ENV, ("x",), Budget())
    assert as_latex(value("f"), evaluator) == r"x^{2} \sin{\left(x \right)}"
    with pytest.raises(EvalError, match="num needs a number"):
        as_decimal(value("f"), evaluator)
