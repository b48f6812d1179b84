"""The parser's author dialect: template functions, comparisons, and/or/not and strings, with
the learner limits; learner input is read exactly as before."""

from __future__ import annotations

import pytest

from questions.mathinput import ParseError, parse
from questions.mathinput.latex import to_latex
from questions.mathinput.mathml import latex_to_mathml
from questions.mathinput.nodes import BoolOp, Call, Compare, Equation, Factorial, Not, Seq, Str

NAMES = {"A", "B", "n", "p", "x"}


def author(text: str):
    return parse(text, variables=NAMES, author=True).tree


@pytest.mark.parametrize(
    "text", ["det(A)", "transpose(A)", "x > 1", "a and b", 'choice(["x"])', "softmax([1, 2])"]
)
def test_learner_mode_refuses_the_author_vocabulary(text):
    with pytest.raises(ParseError):
        parse(text, variables={"A", "x", "a", "b"})


def test_learner_mode_still_reads_x_bang_equals_as_a_factorial_equation():
    assert parse("x != 1").tree == Equation(Factorial(parse("x").tree), parse("1").tree)


def test_template_functions_and_generators_parse_with_their_arity():
    assert author("transpose(A*B)") == Call("transpose", (author("A*B"),), True)
    assert author("randmatrix(n, 3, -5, 5)").name == "randmatrix"
    with pytest.raises(ParseError, match="randint takes 2 argument"):
        author("randint(1)")
    with pytest.raises(ParseError, match="det needs parentheses"):
        author("det A")


def test_comparisons_chain_and_connectives_nest_like_python():
    tree = author("0 < p <= 1 and not (n == 2) or det(A) != 0")
    assert isinstance(tree, BoolOp) and tree.operator == "or"
    conjunction, last = tree.operands
    assert isinstance(conjunction, BoolOp) and conjunction.operator == "and"
    assert conjunction.operands[0] == Compare(("<", "<="), (author("0"), author("p"), author("1")))
    assert isinstance(conjunction.operands[1], Not)
    assert isinstance(last, Compare) and last.operators == ("!=",)


def test_keywords_are_whole_words_only():
    with pytest.raises(ParseError, match="I don't know “nand”"):
        author("nand x")
    with pytest.raises(ParseError, match="combines conditions"):
        author("1 + and")


def test_strings_only_as_function_arguments():
    assert author('choice(["x^2", "sin(x)"])') == Call(
        "choice", (Seq((Str("x^2"), Str("sin(x)")), "["),), True
    )
    for text in ['"x" + 1', '["a"]', 'n == "a"']:
        with pytest.raises(ParseError, match="can only be an argument of a function"):
            author(text)
    with pytest.raises(ParseError, match="not closed or contains a backslash"):
        author('choice(["a\\b"])')


def test_a_list_of_matrices_is_an_author_only_list():
    tree = author("choice([[[1, 2], [3, 4]], [[5, 6], [7, 8]]])")
    assert isinstance(tree.args[0], Seq) and len(tree.args[0].items) == 2
    with pytest.raises(ParseError, match="Mixed rows"):
        parse("[[[1, 2], [3, 4]], [[5, 6], [7, 8]]]")


@pytest.mark.parametrize(
    "text",
    ["det([[10^10^10]])", "n > 9^9^9", "[1, 10^10^10]", "randint(1, factorial(10^6))"],
)
def test_huge_constants_inside_author_calls_and_conditions_are_refused(text):
    with pytest.raises(ParseError, match="too large"):
        author(text)


def test_unknown_names_and_python_syntax_stay_errors():
    for text in ["foo(x)", "__import__('os')", "A.T", "lambda x: x", "x if n else p"]:
        with pytest.raises(ParseError):
            author(text)


@pytest.mark.parametrize(
    "text", ["det(A) != 0", "0 < p <= 1 and not (n == 2)", 'choice(["x^2", "<b>"])', "diff(x^2, x)"]
)
def test_latex_of_author_nodes_renders_instead_of_crashing(text):
    latex = to_latex(author(text))
    assert latex
    latex_to_mathml(latex)
