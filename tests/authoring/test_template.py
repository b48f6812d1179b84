"""SpecTemplate under the unchanged engine: determinism, parameter overrides and validation,
constraints, answer kinds, and the values authored expressions compute."""

from __future__ import annotations

import pytest

from questions.authoring import Spec, SpecTemplate, TemplateInfo
from questions.authoring.examples import EXAMPLES
from questions.generators import TemplateError, generate, grade_response
from questions.generators.checking import check_template


def template(kind: str = "numeric", options=None, **fields) -> SpecTemplate:
    info = TemplateInfo(
        slug="t", title="T", area="math", topic="t", kind=kind, options=options or {}
    )
    fields.setdefault("prompt", "Question {{ n }}" if "n:" in fields.get("params", "") else "Q")
    return SpecTemplate(Spec(**fields), info)


def matrix_product() -> SpecTemplate:
    info, spec = EXAMPLES["matrix-product"]
    return SpecTemplate(spec, info)


def test_same_seed_same_variant_different_seeds_differ():
    first, second = matrix_product(), matrix_product()
    assert generate(first, 42) == generate(second, 42)
    assert generate(first, 42).prompt != generate(first, 43).prompt


def test_parameter_overrides_all_or_some():
    t = matrix_product()
    full = generate(t, 1, params={"A": [[1, 2], [3, 4]], "B": [[0, 1], [1, 0]]})
    assert full.answer_value == [[2, 1], [4, 3]]
    partial = generate(t, 5, params={"A": [[1, 2], [3, 4]]})
    assert partial.params["A"] == [[1, 2], [3, 4]]
    assert generate(t, 5, params={"A": [[1, 2], [3, 4]]}) == partial


def test_override_feeds_dependent_parameters():
    t = template(params="n: randint(2, 4)\nA: randmatrix(n, 3, -5, 5)", answer="rows(A)")
    variant = generate(t, 1, params={"n": 3})
    assert len(variant.params["A"]) == 3 and variant.answer_value == 3


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"A": [[1, 2], [2, 4]], "B": [[0, 1], [1, 0]]}, "constraints line 2 fails: det(A) != 0"),
        ({"A": [[1, 2], [3]]}, "Parameter A: every row must have the same"),
        ({"A": "[[1]]"}, "Parameter A: expected a matrix"),
        ({"C": 1}, "Unknown parameter(s) for authored-matrix-product: C"),
        (
            {"A": [[1, 2, 3], [4, 5, 6]], "B": [[1, 0], [0, 1]]},
            "derived line 2 (C): Cannot multiply a 2×3 matrix by a 2×2",
        ),
    ],
)
def test_invalid_user_values_are_refused_with_a_clear_message(params, message):
    with pytest.raises(TemplateError, match=message.replace("(", r"\(").replace(")", r"\)")):
        generate(matrix_product(), 1, params)


def test_constraints_redraw_until_satisfied():
    t = template(params="n: randint(1, 6)", answer="n", constraints="n > 4")
    assert {generate(t, seed).answer_value for seed in range(30)} == {5, 6}


def test_unsatisfiable_constraints_give_up_after_the_draw_limit():
    t = template(params="n: randint(1, 6)", answer="n", constraints="n > 6")
    with pytest.raises(TemplateError, match=r"no valid variant in 100 draws \(constraints line 1"):
        generate(t, 1)


def test_generators_draw_within_their_ranges():
    t = template(
        kind="tuple",
        params=(
            "a: randint(-2, 2)\nb: randnonzero(-1, 1)\nc: randreal(0.1, 0.3, 0.1)\n"
            'd: choice([0.5, "x"])\ng: choice([[1, 2], [3, 4]])\nv: randvector(3, 0, 1)\n'
            "M: randmatrix(2, 3, 5, 5)"
        ),
        variables="x",
        answer="(a, b, c, rows(M), sum(v))",
    )
    for seed in range(40):
        p = generate(t, seed).params
        assert -2 <= p["a"] <= 2 and p["b"] in (-1, 1) and p["c"] in (0.1, 0.2, 0.3)
        assert p["d"] in (0.5, "x") and p["g"] in ([1, 2], [3, 4]) and len(p["v"]) == 3
        assert p["M"] == [[5, 5, 5], [5, 5, 5]]


def test_decimals_are_exact():
    t = template(params="p: randreal(0.1, 0.1, 0.1)", answer="3*p")
    variant = generate(t, 1)
    assert variant.answer == "3/10"
    assert grade_response(variant, "0.3").correct


def test_choice_strings_are_expressions_in_arithmetic_and_text_in_prompts():
    t = template(
        kind="expression",
        variables="x",
        params='f: choice(["x^2", "sin(x)"])',
        answer="diff(f, x)",
        prompt="Differentiate `{{ f }}`, i.e. ${{ f | latex }}$.",
    )
    variants = {generate(t, seed).params["f"]: generate(t, seed) for seed in range(10)}
    assert variants["x^2"].answer == "2*x" and variants["sin(x)"].answer == "cos(x)"
    assert variants["x^2"].prompt == "Differentiate `x^2`, i.e. $x^{2}$."


@pytest.mark.parametrize(
    ("kind", "answer", "text"),
    [
        ("vector", "softmax([0, 0])", "[1/2, 1/2]"),
        ("tuple", "shape(eye(3))", "(3, 3)"),
        ("set", "{n, 2n}", "{2, 4}"),
        ("integer", "n*2", "4"),
        ("matrix", "[1, 2]", "[[1], [2]]"),
        ("matrix", "transpose([1, 2])", "[[1, 2]]"),
        ("numeric", "round(1/3, 2)", "33/100"),
    ],
)
def test_answer_kinds(kind, answer, text):
    t = template(kind=kind, params="n: randint(2, 2)", answer=answer)
    assert generate(t, 1).answer == text


def test_equation_answers():
    t = template(kind="equation", variables="x, y", params="m: randint(2, 2)", answer="y = m*x + 1")
    variant = generate(t, 1)
    assert variant.answer == "y = 1 + 2*x"
    assert grade_response(variant, "2y = 4x + 2").correct


@pytest.mark.parametrize(
    ("kind", "answer", "message"),
    [
        ("numeric", "[1, 2]", "needs a number or expression, not a vector of 2"),
        ("numeric", "x^2", "A numeric answer cannot contain x"),
        ("integer", "n/4", "must be a whole number, not 1/2"),
        ("matrix", "n", "A matrix answer cannot be a number"),
        ("numeric", "inv([[1, 2], [2, 4]])", "the matrix is singular"),
        ("numeric", "sqrt(-n)", "Not a real number"),
    ],
)
def test_answer_errors_name_the_problem(kind, answer, message):
    t = template(kind=kind, variables="x", params="n: randint(2, 2)", answer=answer)
    with pytest.raises(TemplateError, match=message):
        generate(t, 1)


def test_mistakes_that_coincide_with_the_answer_are_left_out_of_that_variant():
    t = template(
        params="n: randint(1, 2)",
        answer="n",
        mistakes="1 | You gave one.\n2*n | Doubled.\nn + n | Doubled again.",
    )
    assert generate(t, 1, params={"n": 2}).mistakes == (("1", "You gave one."), ("4", "Doubled."))
    outcomes = t.mistake_outcomes({"n": 1})
    assert [mistake is None for _, mistake, _ in outcomes] == [True, False, True]
    assert "graded as correct" in outcomes[0][2]
    assert "earlier mistake" in outcomes[2][2]


def test_feedback_may_show_values():
    t = template(
        params="n: randint(3, 3)", answer="n^2", mistakes="2n | That is 2·{{ n }} = {{ 2n }}."
    )
    assert generate(t, 1).mistakes == (("6", "That is 2·3 = 6."),)


def test_authored_templates_pass_the_generic_checks():
    t = template(
        params="a: randint(1, 9)\nb: randint(1, 9)",
        answer="a/b",
        prompt="Compute ${{ a }} / {{ b }}$ as a fraction: $\\frac{ {{ a }} }{ {{ b }} }$.",
        solution="$$\\frac{ {{ a }} }{ {{ b }} } = {{ answer | latex }} \\approx {{ answer | num }}$$",
    )
    report = check_template(t, range(50))
    assert report.ok, report.failures
