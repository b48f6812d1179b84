"""The math templates: every seed checks out, each answer agrees with an independent computation
(explicit loops, numpy, finite differences, plain float formulas), textbook cases from the study
notes, refused parameters and determinism."""

from __future__ import annotations

import itertools
import json
import math
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
import sympy

from questions.generators import TemplateError, all_templates, generate, get_template
from questions.generators.checking import check_template
from questions.generators.values import expression, symbols
from questions.grading import check

CORE = {
    "matrix-product",
    "matrix-product-shape",
    "hadamard-product",
    "scalar-matrix-product",
    "tensor-reduce-sum",
    "vector-norm",
    "derivative",
    "partial-derivative",
    "gradient-at-point",
    "directional-derivative",
    "normal-equation",
    "chain-rule-logistic",
}
EXTRA = {
    "determinant",
    "matrix-inverse-2x2",
    "eigenvalues-2x2",
    "dot-product",
    "bayes-posterior",
    "entropy-bits",
    "kl-divergence",
}
MATH_SLUGS = sorted(t.slug for t in all_templates() if t.area == "math")
SEEDS = range(50)
X, Y = symbols("x", "y")
TOPICS = Path(__file__).resolve().parents[2] / "fixtures" / "topics.json"


def accepts(variant, text: str) -> bool:
    return check(variant.kind, variant.answer, text, variant.options).correct


def test_area_has_the_core_and_extra_templates() -> None:
    assert set(MATH_SLUGS) == CORE | EXTRA


def test_topics_are_math_topics_from_the_fixture() -> None:
    topics = {
        row["fields"]["slug"]: row["fields"]["area"] for row in json.loads(TOPICS.read_text())
    }
    for slug in MATH_SLUGS:
        assert topics[get_template(slug).topic] == "math", slug


@pytest.mark.parametrize("slug", MATH_SLUGS)
def test_template_passes_the_checker_over_100_seeds(slug: str) -> None:
    report = check_template(get_template(slug), range(100))
    assert report.failures == []
    assert report.distinct_prompts >= 20


@pytest.mark.parametrize("slug", MATH_SLUGS)
def test_same_seed_gives_the_same_variant(slug: str) -> None:
    assert generate(slug, 1234).as_dict() == generate(slug, 1234).as_dict()


# -- independent computations: linear algebra -----------------------------------------------
def loop_product(a: list, b: list) -> list:
    rows, inner, cols = len(a), len(b), len(b[0])
    out = [[0] * cols for _ in range(rows)]
    for i in range(rows):
        for j in range(cols):
            for k in range(inner):
                out[i][j] += a[i][k] * b[k][j]
    return out


@pytest.mark.parametrize("seed", SEEDS)
def test_matrix_product_matches_explicit_loops(seed: int) -> None:
    v = generate("matrix-product", seed)
    assert v.answer_value == loop_product(v.params["A"], v.params["B"])


@pytest.mark.parametrize("seed", SEEDS)
def test_product_shape_matches_numpy(seed: int) -> None:
    v = generate("matrix-product-shape", seed)
    m, n, p = v.params["m"], v.params["n"], v.params["p"]
    shape = (np.ones((m, n)) @ np.ones((n, p))).shape
    assert tuple(v.answer_value) == shape
    assert accepts(v, f"{shape[0]}x{shape[1]}")


@pytest.mark.parametrize("seed", SEEDS)
def test_hadamard_product_matches_explicit_loops(seed: int) -> None:
    v = generate("hadamard-product", seed)
    a, b = v.params["A"], v.params["B"]
    expected = [[a[i][j] * b[i][j] for j in range(len(a[0]))] for i in range(len(a))]
    assert v.answer_value == expected


@pytest.mark.parametrize("seed", SEEDS)
def test_scalar_product_matches_explicit_loops(seed: int) -> None:
    v = generate("scalar-matrix-product", seed)
    c = Fraction(str(v.params["c"]))
    expected = [[c * entry for entry in row] for row in v.params["A"]]
    assert accepts(v, str([[str(entry) for entry in row] for row in expected]).replace("'", ""))


@pytest.mark.parametrize("seed", SEEDS)
def test_reduce_sum_matches_numpy(seed: int) -> None:
    v = generate("tensor-reduce-sum", seed)
    assert v.answer_value == int(np.array(v.params["T"]).sum())


@pytest.mark.parametrize("seed", SEEDS)
def test_vector_norm_matches_plain_loops(seed: int) -> None:
    v = generate("vector-norm", seed)
    x, p = v.params["x"], v.params["p"]
    if p == "inf":
        expected = 0.0
        for item in x:
            expected = max(expected, abs(item))
    else:
        total = 0.0
        for item in x:
            total += abs(item) ** p
        expected = total ** (1 / p)
    assert accepts(v, repr(expected))


@pytest.mark.parametrize("seed", SEEDS)
def test_normal_equation_matches_lstsq(seed: int) -> None:
    v = generate("normal-equation", seed)
    theta = np.linalg.lstsq(np.array(v.params["X"], float), np.array(v.params["y"], float))[0]
    # rounded: a relative tolerance cannot accept 1e-16 for an exact 0, and neither would a learner type it
    assert accepts(v, str([round(float(t), 9) for t in theta]))
    assert np.allclose([float(Fraction(str(t))) for t in v.answer_value], theta)


@pytest.mark.parametrize("seed", SEEDS)
def test_determinant_matches_leibniz_formula(seed: int) -> None:
    v = generate("determinant", seed)
    a = v.params["A"]
    n = len(a)
    total = 0
    for perm in itertools.permutations(range(n)):
        inversions = sum(perm[i] > perm[j] for i in range(n) for j in range(i + 1, n))
        total += (-1) ** inversions * math.prod(a[i][perm[i]] for i in range(n))
    assert v.answer_value == total


@pytest.mark.parametrize("seed", SEEDS)
def test_inverse_matches_numpy(seed: int) -> None:
    v = generate("matrix-inverse-2x2", seed)
    inverse = np.linalg.inv(np.array(v.params["A"], float))
    assert np.allclose(np.array(v.answer_value, float), inverse)
    assert accepts(v, str(np.round(inverse, 9).tolist()))


@pytest.mark.parametrize("seed", SEEDS)
def test_eigenvalues_match_numpy(seed: int) -> None:
    v = generate("eigenvalues-2x2", seed)
    values = np.linalg.eigvals(np.array(v.params["A"], float))
    text = "{" + ", ".join(repr(round(float(value.real), 9)) for value in values) + "}"
    assert accepts(v, text)


@pytest.mark.parametrize("seed", SEEDS)
def test_dot_product_matches_loop(seed: int) -> None:
    v = generate("dot-product", seed)
    total = 0
    for a, b in zip(v.params["x"], v.params["y"], strict=True):
        total += a * b
    assert v.answer_value == total


# -- independent computations: calculus by finite differences -------------------------------
def at(expr, point: dict):
    """The value at 40 significant digits (sympy), so that differences do not cancel."""
    return expr.evalf(40, subs={name: sympy.Float(value, 40) for name, value in point.items()})


def value_at(expr, point: dict) -> complex:
    return complex(at(expr, point))


def finite_difference(f, point: dict, direction: dict, h: float = 1e-12) -> complex:
    """Central difference (f(p + h·d) − f(p − h·d)) / 2h, accurate to ~1e-20 at 40 digits."""
    step = sympy.Float(h, 40)
    ahead = {k: sympy.Float(point[k], 40) + step * direction.get(k, 0) for k in point}
    behind = {k: sympy.Float(point[k], 40) - step * direction.get(k, 0) for k in point}
    return complex((at(f, ahead) - at(f, behind)) / (2 * step))


def usable(value: complex) -> bool:
    return math.isfinite(value.real) and abs(value.imag) < 1e-12 and abs(value) < 1e8


def close(a: complex, b: complex) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


@pytest.mark.parametrize("seed", SEEDS)
def test_derivative_matches_finite_differences(seed: int) -> None:
    v = generate("derivative", seed)
    f, derivative = expression(v.params["f"], ("x",)), expression(v.answer, ("x",))
    rng = np.random.default_rng(seed)
    checked = 0
    for x0 in rng.uniform(0.3, 2.5, size=8):
        exact_value = value_at(derivative, {X: x0})
        numeric = finite_difference(f, {X: x0}, {X: 1})
        if usable(exact_value) and usable(numeric):
            assert close(exact_value, numeric), (v.params["f"], x0)
            checked += 1
    assert checked >= 3


@pytest.mark.parametrize("seed", SEEDS)
def test_partial_derivative_matches_finite_differences(seed: int) -> None:
    v = generate("partial-derivative", seed)
    f, partial = expression(v.params["f"], ("x", "y")), expression(v.answer, ("x", "y"))
    var = X if v.params["var"] == "x" else Y
    rng = np.random.default_rng(seed)
    for x0, y0 in rng.uniform(-2, 2, size=(5, 2)):
        point = {X: x0, Y: y0}
        assert close(value_at(partial, point), finite_difference(f, point, {var: 1}))


@pytest.mark.parametrize("seed", SEEDS)
def test_gradient_matches_finite_differences(seed: int) -> None:
    v = generate("gradient-at-point", seed)
    f = expression(v.params["f"], ("x", "y"))
    point = dict(zip((X, Y), v.params["point"], strict=True))
    gradient = [finite_difference(f, point, {X: 1}).real, finite_difference(f, point, {Y: 1}).real]
    assert accepts(v, str(gradient))


@pytest.mark.parametrize("seed", SEEDS)
def test_directional_derivative_matches_finite_differences(seed: int) -> None:
    v = generate("directional-derivative", seed)
    f = expression(v.params["f"], ("x", "y"))
    alpha = float(expression(v.params["alpha"], ()))
    point = dict(zip((X, Y), v.params["point"], strict=True))
    rate = finite_difference(f, point, {X: math.cos(alpha), Y: math.sin(alpha)}).real
    assert accepts(v, repr(rate))


def logistic_loss(w0: float, w1: float, w2: float, x0: float, x1: float) -> float:
    return 1 / (1 + math.exp(w0 * x0 + w1 * x1 + w2))


@pytest.mark.parametrize("seed", SEEDS)
def test_logistic_chain_rule_matches_finite_differences(seed: int) -> None:
    v = generate("chain-rule-logistic", seed)
    values = {k: float(v.params[k]) for k in ("w0", "w1", "w2", "x0", "x1")}
    h = 1e-6
    ahead = logistic_loss(**{**values, v.params["wrt"]: values[v.params["wrt"]] + h})
    behind = logistic_loss(**{**values, v.params["wrt"]: values[v.params["wrt"]] - h})
    assert accepts(v, repr((ahead - behind) / (2 * h)))


# -- independent computations: probability --------------------------------------------------
@pytest.mark.parametrize("seed", SEEDS)
def test_bayes_posterior_matches_counting_a_population(seed: int) -> None:
    v = generate("bayes-posterior", seed)
    population = 1_000_000
    sick = population * v.params["prior"]
    true_positives = sick * v.params["sensitivity"]
    false_positives = (population - sick) * v.params["false_positive"]
    assert accepts(v, repr(true_positives / (true_positives + false_positives)))


@pytest.mark.parametrize("seed", SEEDS)
def test_entropy_matches_plain_floats(seed: int) -> None:
    v = generate("entropy-bits", seed)
    total = 0.0
    for p in v.params["p"]:
        if p > 0:
            total -= p * math.log2(p)
    assert accepts(v, repr(total))


@pytest.mark.parametrize("seed", SEEDS)
def test_kl_divergence_matches_plain_floats(seed: int) -> None:
    v = generate("kl-divergence", seed)
    total = 0.0
    for p, q in zip(v.params["p"], v.params["q"], strict=True):
        if p > 0:
            total += p * math.log(p / q)
    assert accepts(v, repr(total))


# -- textbook cases from the study notes -----------------------------------------------------
def test_three_by_three_product_from_the_notes() -> None:
    v = generate(
        "matrix-product",
        params={
            "A": [[1, 2, 3], [4, 5, 6], [7, 8, 9]],
            "B": [[10, 11, 12], [13, 14, 15], [16, 17, 18]],
        },
    )
    assert v.answer_value == [[84, 90, 96], [201, 216, 231], [318, 342, 366]]


def test_three_by_two_times_two_by_four_from_the_notes() -> None:
    v = generate(
        "matrix-product", params={"A": [[2, 3], [4, 1], [5, 2]], "B": [[1, 2, 3, 4], [5, 6, 7, 8]]}
    )
    # The notes print the first row as [17, 20, 23, 26], but their own sums there read
    # (2·2)+(3·6) = 22, (2·3)+(3·7) = 27, (2·4)+(3·8) = 32: the printed row is a slip.
    assert v.answer_value == [[17, 22, 27, 32], [9, 14, 19, 24], [15, 22, 29, 36]]


def test_hadamard_example_from_the_notes() -> None:
    v = generate(
        "hadamard-product", params={"A": [[2, 3, 1], [0, 8, -2]], "B": [[3, 1, 4], [7, 9, 5]]}
    )
    assert v.answer_value == [[6, 3, 4], [0, 72, -10]]


def test_scalar_example_from_the_notes() -> None:
    v = generate("scalar-matrix-product", params={"c": 2, "A": [[1, 2, 3], [4, 5, 6], [7, 8, 9]]})
    assert v.answer_value == [[2, 4, 6], [8, 10, 12], [14, 16, 18]]


def test_reduced_sum_136_from_the_notes() -> None:
    tensor = [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12], [13, 14, 15, 16]]
    assert generate("tensor-reduce-sum", params={"T": tensor}).answer_value == 136


def test_matrix_times_vector_shape_from_the_notes() -> None:
    v = generate("matrix-product-shape", params={"m": 5, "n": 3, "p": 1})
    assert v.answer == "(5, 1)"


@pytest.mark.parametrize(
    ("x", "p", "typed"),
    [([2, 3, 4], 2, "sqrt(29)"), ([3, -4], 2, "5"), ([1, -2, 3], 1, "6"), ([1, -7, 3], "inf", "7")],
)
def test_norm_textbook_values(x: list, p, typed: str) -> None:
    v = generate("vector-norm", params={"x": x, "p": p})
    assert accepts(v, typed)


def test_l2_norm_accepts_a_decimal_and_names_the_forgotten_root() -> None:
    v = generate("vector-norm", params={"x": [2, 3, 4], "p": 2})
    assert v.answer == "sqrt(29)"
    assert accepts(v, "5.385")
    assert "square root" in dict(v.mistakes)["29"]


def test_derivative_of_x_squared_e_to_3x() -> None:
    v = generate("derivative", params={"f": "x^2*exp(3x)"})
    assert accepts(v, "2x e^(3x) + 3x^2 e^(3x)")
    assert "Product rule" in v.solution and "chain rule" in v.solution


def test_derivative_names_the_forgotten_inner_factor() -> None:
    v = generate("derivative", params={"f": "sin(2x^2+1)"})
    assert accepts(v, "4x cos(2x^2+1)")
    feedback = dict(v.mistakes)
    wrong = next(text for text, message in feedback.items() if "inner factor" in message)
    assert check("expression", wrong, "cos(2x^2+1)", v.options).correct


def test_product_rule_sign_error_is_recognised() -> None:
    v = generate("derivative", params={"f": "x^3*ln(x)"})
    assert accepts(v, "3x^2 ln(x) + x^2")
    messages = [
        m for text, m in v.mistakes if check("expression", text, "3x^2 ln(x) - x^2").correct
    ]
    assert messages and "adds" in messages[0]


def test_partial_derivative_treats_the_other_variable_as_constant() -> None:
    v = generate("partial-derivative", params={"f": "x^2*y + sin(x*y)", "var": "y"})
    assert accepts(v, "x^2 + x cos(x y)")


def test_gradient_textbook_case() -> None:
    v = generate("gradient-at-point", params={"f": "x^2*y + 3*x*y^2", "point": [1, 2]})
    assert v.answer_value == [16, 13]


@pytest.mark.parametrize(("alpha", "typed"), [("pi/4", "2 sqrt(2)"), (0, "2"), ("pi/2", "2")])
def test_directional_derivative_textbook_cases(alpha, typed: str) -> None:
    v = generate(
        "directional-derivative", params={"f": "x^2 + y^2", "point": [1, 1], "alpha": alpha}
    )
    assert accepts(v, typed)


@pytest.mark.parametrize(
    ("wrt", "factor"), [("w0", 3), ("x0", 1), ("w2", 1), ("w1", -1), ("x1", 2)]
)
def test_logistic_chain_rule_from_the_notes(wrt: str, factor: int) -> None:
    # u = 1·3 + 2·(−1) − 1 = 0, so dL/du = −e⁰/(1 + e⁰)² = −1/4 and each partial is −1/4 · ∂u/∂wrt
    params = {"w0": 1, "w1": 2, "w2": -1, "x0": 3, "x1": -1, "wrt": wrt}
    v = generate("chain-rule-logistic", params=params)
    assert Fraction(v.answer) == Fraction(-1, 4) * factor


def test_normal_equation_textbook_case() -> None:
    v = generate("normal-equation", params={"X": [[1, 1], [1, 2], [1, 3]], "y": [1, 2, 2]})
    assert v.answer == "[2/3, 1/2]"
    assert accepts(v, "[0.6667, 0.5]")


def test_inverse_is_exact_fractions() -> None:
    v = generate("matrix-inverse-2x2", params={"A": [[4, 7], [2, 6]]})
    assert v.answer == "[[3/5, -7/10], [-1/5, 2/5]]"


def test_eigenvalues_textbook_case() -> None:
    v = generate("eigenvalues-2x2", params={"A": [[2, 1], [1, 2]]})
    assert accepts(v, "{3, 1}")
    assert not accepts(v, "{2}")


def test_entropy_of_a_fair_coin_is_one_bit() -> None:
    assert generate("entropy-bits", params={"p": [0.5, 0.5]}).answer == "1"


# -- any valid user values are accepted ---------------------------------------------------
def test_user_values_outside_the_drawn_range_are_accepted() -> None:
    big = [[1.5, 2, 0, -1, 3], [0, 1, 1, 1, 1], [2, 2, 2, 2, 2], [1, 0, 0, 0, 1]]
    v = generate("matrix-product", params={"A": big, "B": [[1]] * 5})
    assert v.answer_value == [[5.5], [4], [10], [2]]
    assert generate("partial-derivative", params={"f": "y^2", "var": "x"}).answer == "0"
    assert generate("gradient-at-point", params={"f": "x*y", "point": [0, 0]}).answer == "[0, 0]"
    assert generate("derivative", params={"f": "tan(x)"}).answer


# -- refused parameters -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("slug", "params", "message"),
    [
        ("matrix-product", {"A": [[1, 2, 3], [4, 5, 6]], "B": [[1, 2], [3, 4]]}, "columns of A"),
        ("hadamard-product", {"A": [[1, 2]], "B": [[1, 2, 3]]}, "same shape"),
        ("matrix-product-shape", {"m": -1, "n": 2, "p": 3}, "at least 1"),
        ("vector-norm", {"x": [0, 0, 0], "p": 2}, "zero vector"),
        ("vector-norm", {"x": [1, 2], "p": 3}, "must be one of"),
        ("tensor-reduce-sum", {"T": [[1, 2], [3]]}, "same shape"),
        ("tensor-reduce-sum", {"T": [[[[1]]]]}, "rank 1 to 3"),
        ("derivative", {"f": "x^2 + z"}, "Parameter f"),
        ("derivative", {"f": "abs(x)"}, "cannot be written"),
        ("partial-derivative", {"f": "x*y", "var": "z"}, "must be one of"),
        ("gradient-at-point", {"f": "x*y", "point": [1, 2, 3]}, "expected 2 entries"),
        ("gradient-at-point", {"f": "sqrt(x^2 + y^2)", "point": [0, 0]}, "not differentiable"),
        ("directional-derivative", {"f": "x*y", "point": [1, 1], "alpha": "x"}, "Parameter alpha"),
        ("normal-equation", {"X": [[1, 2], [2, 4], [3, 6]], "y": [1, 2, 3]}, "singular"),
        ("normal-equation", {"X": [[1, 0], [1, 1], [1, 2]], "y": [1, 2]}, "one target per row"),
        ("chain-rule-logistic", {"wrt": "w3"}, "must be one of"),
        ("determinant", {"A": [[1, 2, 3], [4, 5, 6]]}, "square"),
        ("matrix-inverse-2x2", {"A": [[1, 2], [2, 4]]}, "singular"),
        ("eigenvalues-2x2", {"A": [[0, -1], [1, 0]]}, "complex"),
        ("dot-product", {"x": [1, 2], "y": [1, 2, 3]}, "same length"),
        ("bayes-posterior", {"prior": 1.5}, "at most 1"),
        ("entropy-bits", {"p": [0.5, 0.4]}, "sum to 1"),
        ("kl-divergence", {"p": [0.5, 0.5], "q": [1, 0]}, "infinite"),
        ("kl-divergence", {"p": [0.5, 0.5], "q": [0.2, 0.3, 0.5]}, "must match"),
        ("matrix-product", {"C": [[1]]}, "Unknown parameter"),
    ],
)
def test_invalid_parameters_are_refused_clearly(slug: str, params: dict, message: str) -> None:
    with pytest.raises(TemplateError, match=message):
        generate(slug, 0, params=params)
