"""The machine-learning templates: engine checks, independent cross-checks of every core
answer (plain-Python formulas, finite differences, hand-written entropy loops, a simulated ReLU
network), textbook cases from the study notes, validation and determinism."""

from __future__ import annotations

import json
import math
from fractions import Fraction
from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest

from questions.generators import TemplateError, all_templates, generate, get_template
from questions.generators.checking import check_template
from questions.generators.responses import grade_response
from questions.grading import check

CORE = [
    "mse", "cross-entropy", "softmax", "sigmoid-derivative", "activation",
    "activation-derivative", "gradient-descent-step", "perceptron-output", "svm-margin",
    "relu-linear-regions", "precision-recall-f1", "information-gain",
]  # fmt: skip
ML_SLUGS = sorted(t.slug for t in all_templates() if t.area == "ml")
SEEDS = range(50)


def matches(variant, expected, tol: float = 1e-9) -> bool:
    """Whether the variant's answer text equals an independently computed value (a float or a
    list of floats) within an absolute tolerance, read back by the grader."""
    if isinstance(expected, list):
        text = "[" + ", ".join(repr(float(x)) for x in expected) + "]"
        return check("vector", variant.answer, text, {"abs_tol": tol}).correct
    return check("numeric", variant.answer, repr(float(expected)), {"abs_tol": tol}).correct


def sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-z))


def activation(fn: str, z: float, alpha: float | None) -> float:
    """Each function written out from its textbook definition."""
    alpha = {"leaky_relu": 0.01, "elu": 1.0}.get(fn, 0) if alpha is None else alpha
    if fn == "sigmoid":
        return sigmoid(z)
    if fn == "tanh":
        return math.tanh(z)
    if fn == "relu":
        return z if z > 0 else 0.0
    if fn == "leaky_relu":
        return z if z > 0 else alpha * z
    if fn == "elu":
        return z if z > 0 else alpha * math.expm1(z)
    if fn == "softplus":
        return math.log1p(math.exp(z))
    if fn == "gelu":
        return z * 0.5 * math.erfc(-z / math.sqrt(2))
    return z * sigmoid(z)


def slope(f, z: float, h: float = 1e-6) -> float:
    return (f(z + h) - f(z - h)) / (2 * h)


def entropy_bits(counts: list[int]) -> float:
    total = sum(counts)
    result = 0.0
    for count in counts:
        if count:
            share = count / total
            result -= share * math.log2(share)
    return result


# -- the engine's own checks ---------------------------------------------------------------
@pytest.mark.parametrize("slug", ML_SLUGS)
def test_template_passes_engine_checks_over_100_seeds(slug):
    report = check_template(get_template(slug), range(100))
    assert report.ok, report.failures[:5]


def test_area_has_every_core_template_and_at_least_four_extras():
    assert set(CORE) <= set(ML_SLUGS)
    assert len(set(ML_SLUGS) - set(CORE)) >= 4


def test_every_template_uses_an_ml_topic():
    topics = json.loads((Path(__file__).parents[2] / "fixtures" / "topics.json").read_text())
    ml_topics = {t["fields"]["slug"] for t in topics if t["fields"]["area"] == "ml"}
    for slug in ML_SLUGS:
        assert get_template(slug).topic in ml_topics, slug


# -- independent cross-checks of the core templates ----------------------------------------
@pytest.mark.parametrize("seed", SEEDS)
def test_mse_matches_plain_mean_of_squares(seed):
    v = generate("mse", seed)
    y, y_hat = v.params["y"], v.params["y_hat"]
    assert matches(v, sum((a - b) ** 2 for a, b in zip(y, y_hat, strict=True)) / len(y))


@pytest.mark.parametrize("seed", SEEDS)
def test_cross_entropy_matches_natural_log_sum(seed):
    v = generate("cross-entropy", seed)
    p, q = v.params["p"], v.params["q"]
    assert matches(v, -sum(pi * math.log(qi) for pi, qi in zip(p, q, strict=True) if pi))


@pytest.mark.parametrize("seed", SEEDS)
def test_softmax_matches_max_shifted_exponentials(seed):
    v = generate("softmax", seed)
    z = v.params["z"]
    shifted = [math.exp(x - max(z)) for x in z]
    expected = [e / sum(shifted) for e in shifted]
    assert matches(v, expected)
    assert math.isclose(sum(expected), 1)


@pytest.mark.parametrize("seed", SEEDS)
def test_sigmoid_derivative_matches_finite_difference(seed):
    v = generate("sigmoid-derivative", seed)
    assert matches(v, slope(sigmoid, v.params["z"]), tol=1e-8)


@pytest.mark.parametrize("seed", range(100))
def test_activation_matches_textbook_definition(seed):
    v = generate("activation", seed)
    assert matches(v, activation(v.params["fn"], v.params["z"], v.params["alpha"]))


@pytest.mark.parametrize("seed", range(100))
def test_activation_derivative_matches_finite_difference_off_the_kink(seed):
    v = generate("activation-derivative", seed)
    fn, z, alpha = v.params["fn"], v.params["z"], v.params["alpha"]
    if z == 0 and fn in ("relu", "leaky_relu", "elu"):
        # PyTorch's autograd takes the left slope at the kink.
        expected = {"relu": 0, "leaky_relu": alpha, "elu": alpha}[fn]
        assert matches(v, expected)
    else:
        assert matches(v, slope(lambda x: activation(fn, x, alpha), z), tol=1e-7)


@pytest.mark.parametrize("seed", range(100))
def test_alpha_is_drawn_only_for_the_functions_that_use_it(seed):
    params = generate("activation", seed).params
    assert (params["alpha"] is None) == (params["fn"] not in ("leaky_relu", "elu"))


@pytest.mark.parametrize("seed", SEEDS)
def test_gradient_descent_step_matches_elementwise_update(seed):
    v = generate("gradient-descent-step", seed)
    w, lr, g = v.params["w"], v.params["lr"], v.params["grad"]
    assert matches(v, [wi - lr * gi for wi, gi in zip(w, g, strict=True)])


@pytest.mark.parametrize("seed", SEEDS)
def test_perceptron_output_matches_explicit_loop(seed):
    v = generate("perceptron-output", seed)
    total = Fraction(0)
    for wi, xi in zip(v.params["w"], v.params["x"], strict=True):
        total += Fraction(str(wi)) * Fraction(str(xi))
    assert v.answer_value == (1 if total - Fraction(str(v.params["t"])) > 0 else 0)


@pytest.mark.parametrize("seed", SEEDS)
def test_svm_margin_matches_distance_between_supporting_hyperplanes(seed):
    v = generate("svm-margin", seed)
    w = np.array(v.params["w"], dtype=float)
    # x± = ±w/‖w‖² lie on w·x = ±1 (take b = 0); the margin is the distance between them.
    on_plus, on_minus = w / (w @ w), -w / (w @ w)
    assert matches(v, float(np.linalg.norm(on_plus - on_minus)))


def count_linear_regions(n_hidden: int, rng: np.random.Generator) -> int:
    """Build a random 1-D shallow ReLU network and count its linear pieces by probing slopes
    between (and beyond) its kinks."""
    a = rng.choice([-1, 1], size=n_hidden) * rng.uniform(0.5, 2, size=n_hidden)
    kinks = np.sort(rng.choice(np.arange(-5 * n_hidden, 5 * n_hidden), n_hidden, replace=False))
    b = -a * kinks
    v = rng.choice([-1, 1], size=n_hidden) * rng.uniform(0.5, 2, size=n_hidden)

    def f(x: float) -> float:
        return float(v @ np.maximum(0, a * x + b))

    probes = [kinks[0] - 1.0, *((kinks[:-1] + kinks[1:]) / 2), kinks[-1] + 1.0]
    slopes = [(f(x + 1e-3) - f(x - 1e-3)) / 2e-3 for x in probes]
    return 1 + sum(1 for s, t in pairwise(slopes) if abs(s - t) > 1e-6)


@pytest.mark.parametrize("seed", SEEDS)
def test_relu_linear_regions_matches_a_simulated_network(seed):
    v = generate("relu-linear-regions", seed)
    rng = np.random.default_rng(seed)
    assert v.answer_value == count_linear_regions(v.params["n_hidden"], rng)


@pytest.mark.parametrize("seed", SEEDS)
def test_precision_recall_f1_match_definitions(seed):
    v = generate("precision-recall-f1", seed)
    tp, fp, fn = v.params["tp"], v.params["fp"], v.params["fn"]
    precision, recall = Fraction(tp, tp + fp), Fraction(tp, tp + fn)
    harmonic = 2 / (1 / precision + 1 / recall)
    expected = {"precision": precision, "recall": recall, "f1": harmonic}[v.params["metric"]]
    assert matches(v, expected)


@pytest.mark.parametrize("seed", SEEDS)
def test_information_gain_matches_hand_written_entropy(seed):
    v = generate("information-gain", seed)
    parent, children = v.params["parent"], v.params["children"]
    n = sum(parent)
    expected = entropy_bits(parent) - sum(sum(c) / n * entropy_bits(c) for c in children)
    assert matches(v, expected)


# -- independent cross-checks of the extra templates ---------------------------------------
@pytest.mark.parametrize("seed", SEEDS)
def test_momentum_step_matches_pytorch_sgd_loop(seed):
    v = generate("momentum-step", seed)
    p = v.params
    expected = []
    for w, vel, g in zip(p["w"], p["v"], p["grad"], strict=True):
        vel = p["mu"] * vel + g
        expected.append(w - p["lr"] * vel)
    assert matches(v, expected)


@pytest.mark.parametrize("seed", SEEDS)
def test_nesterov_step_matches_look_ahead_with_numeric_gradient(seed):
    v = generate("nesterov-step", seed)
    p = v.params

    def loss(w: float) -> float:
        return p["a"] * w * w

    velocity = p["mu"] * p["v"] - p["lr"] * slope(loss, p["w"] + p["mu"] * p["v"])
    assert matches(v, p["w"] + velocity, tol=1e-7)


@pytest.mark.parametrize("seed", SEEDS)
def test_adam_first_step_matches_hand_written_adam(seed):
    v = generate("adam-first-step", seed)
    p = v.params
    w, g = np.array(p["w"], dtype=float), np.array(p["grad"], dtype=float)
    m, s = np.zeros_like(w), np.zeros_like(w)
    m = p["beta1"] * m + (1 - p["beta1"]) * g
    s = p["beta2"] * s + (1 - p["beta2"]) * g * g
    m_hat, s_hat = m / (1 - p["beta1"]), s / (1 - p["beta2"])
    assert matches(v, list(w - p["lr"] * m_hat / (np.sqrt(s_hat) + 1e-8)))


@pytest.mark.parametrize("seed", SEEDS)
def test_naive_bayes_posterior_matches_bayes_rule_loop(seed):
    v = generate("naive-bayes-posterior", seed)
    p = v.params
    scores = []
    for prior, row in zip(p["prior"], p["likelihood"], strict=True):
        score = prior
        for q, x in zip(row, p["x"], strict=True):
            score *= q if x else 1 - q
        scores.append(score)
    assert matches(v, scores[0] / sum(scores))


@pytest.mark.parametrize("seed", SEEDS)
def test_accuracy_and_l2_loss_match_plain_formulas(seed):
    v = generate("accuracy-from-confusion", seed)
    grid = np.array(v.params["matrix"])
    assert matches(v, np.trace(grid) / grid.sum())
    v = generate("l2-regularized-loss", seed)
    p = v.params
    assert matches(v, p["data_loss"] + p["lam"] * sum(w * w for w in p["w"]))


@pytest.mark.parametrize(
    "slug", ["bias-variance-concepts", "data-splits-concepts", "regularization-concepts"]
)
def test_concept_answer_follows_the_correct_option_through_the_shuffle(slug):
    labels = "ABCD"
    seen = set()
    for seed in range(100):
        v = generate(slug, seed)
        assert v.answer == labels[v.params["order"].index(0)]
        assert {m[0] for m in v.mistakes} == set(labels) - {v.answer}
        seen.add(v.params["item"])
    assert len(seen) >= 8


# -- textbook cases ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("slug", "params", "expected"),
    [
        ("mse", {"y": [1, 2, 3], "y_hat": [1, 2, 5]}, 4 / 3),
        # seed 004: H(p, q) = −Σ pᵢ log qᵢ; a one-hot target keeps −ln of the true class
        ("cross-entropy", {"p": [0, 1, 0], "q": [0.2, 0.7, 0.1]}, -math.log(0.7)),
        ("cross-entropy", {"p": [1, 0], "q": [0.5, 0.5]}, math.log(2)),
        ("cross-entropy", {"p": [0.5, 0.5], "q": [0.25, 0.75]}, 0.5 * math.log(4) + 0.5 * math.log(4 / 3)),
        # seed 001: softmax turns arbitrary logits into a distribution
        ("softmax", {"z": [1, 2, 3]}, [0.09003057317038046, 0.24472847105479767, 0.6652409557748219]),
        ("softmax", {"z": [0, 0]}, [0.5, 0.5]),
        ("sigmoid-derivative", {"z": 0}, 0.25),
        ("activation", {"fn": "relu", "z": -2}, 0),
        ("activation", {"fn": "leaky_relu", "z": -2, "alpha": None}, -0.02),
        ("activation", {"fn": "leaky_relu", "z": -2, "alpha": 0.2}, -0.4),
        ("activation", {"fn": "elu", "z": -1, "alpha": None}, math.exp(-1) - 1),
        ("activation", {"fn": "softplus", "z": 0}, math.log(2)),
        ("activation", {"fn": "gelu", "z": 1}, 0.8413447460685429),
        ("activation", {"fn": "silu", "z": 1}, 0.7310585786300049),
        ("activation", {"fn": "tanh", "z": 0.5}, 0.46211715726000974),
        ("activation-derivative", {"fn": "relu", "z": 0}, 0),
        ("activation-derivative", {"fn": "leaky_relu", "z": 0, "alpha": 0.2}, 0.2),
        ("activation-derivative", {"fn": "leaky_relu", "z": 0, "alpha": None}, 0.01),
        ("activation-derivative", {"fn": "tanh", "z": 0}, 1),
        ("activation-derivative", {"fn": "gelu", "z": 0}, 0.5),
        ("activation-derivative", {"fn": "softplus", "z": 0}, 0.5),
        ("activation-derivative", {"fn": "elu", "z": -1, "alpha": 2}, 2 * math.exp(-1)),
        ("gradient-descent-step", {"w": [1, 2], "lr": 0.1, "grad": [0.5, -1]}, [0.95, 2.1]),
        ("svm-margin", {"w": [3, 4]}, 0.4),
        ("precision-recall-f1", {"tp": 8, "fp": 2, "fn": 4, "metric": "precision"}, 0.8),
        ("precision-recall-f1", {"tp": 8, "fp": 2, "fn": 4, "metric": "recall"}, 2 / 3),
        ("precision-recall-f1", {"tp": 8, "fp": 2, "fn": 4, "metric": "f1"}, 8 / 11),
        # Mitchell's PlayTennis: the split on Outlook gains 0.2467 bits
        ("information-gain", {"parent": [9, 5], "children": [[2, 3], [4, 0], [3, 2]]}, 0.24674981977443911),
        ("information-gain", {"parent": [2, 2], "children": [[2, 0], [0, 2]]}, 1),
        ("l2-regularized-loss", {"data_loss": 1, "lam": 0.1, "w": [1, -2]}, 1.5),
        ("momentum-step", {"w": [1], "v": [0.5], "grad": [2], "lr": 0.1, "mu": 0.9}, [0.755]),
        ("nesterov-step", {"w": 1, "v": 0, "lr": 0.1, "mu": 0.9, "a": 0.5}, 0.9),
        ("adam-first-step", {"w": [1, 1], "grad": [3, -0.5], "lr": 0.1, "beta1": 0.9, "beta2": 0.999}, [0.9, 1.1]),
        ("naive-bayes-posterior", {"prior": [0.5, 0.5], "likelihood": [[0.8], [0.2]], "x": [1]}, 0.8),
        ("accuracy-from-confusion", {"matrix": [[40, 10], [5, 45]]}, 0.85),
    ],
)  # fmt: skip
def test_textbook_case(slug, params, expected):
    v = generate(slug, 0, params)
    assert matches(v, expected, tol=1e-6), v.answer


@pytest.mark.parametrize(
    ("slug", "params", "answer"),
    [
        # seed 001: "number of ReLUs + 1 = regions"
        ("relu-linear-regions", {"n_hidden": 3}, 4),
        ("relu-linear-regions", {"n_hidden": 1}, 2),
        # seed 002: Y = I(Σ wᵢxᵢ − t > 0)
        ("perceptron-output", {"w": [0.3, 0.3, 0.3], "x": [1, 0, 1], "t": 0.4}, 1),
        ("perceptron-output", {"w": [0.3, 0.3, 0.3], "x": [1, 0, 0], "t": 0.4}, 0),
        ("perceptron-output", {"w": [1, 1], "x": [1, 1], "t": 2}, 0),
    ],
)
def test_integer_textbook_case(slug, params, answer):
    assert generate(slug, 0, params).answer_value == answer


def test_user_values_the_generator_would_redraw_are_accepted():
    assert generate("mse", 0, {"y": [1, 2], "y_hat": [1, 2]}).answer_value == 0
    assert generate("softmax", 0, {"z": [5]}).answer_value == [1]
    assert generate("activation", 0, {"fn": "gelu", "z": 0, "alpha": None}).answer_value == 0


def test_omitted_alpha_is_none_for_functions_without_it():
    assert generate("activation", 3, {"fn": "relu", "z": 1}).params["alpha"] is None


def test_omitted_alpha_means_the_pytorch_default_and_is_drawn_only_when_nothing_is_given():
    omitted = generate("activation", 0, {"fn": "elu", "z": -1})
    assert omitted.params["alpha"] is None and matches(omitted, math.exp(-1) - 1)
    leaky = generate("activation", 0, {"fn": "leaky_relu", "z": -2})
    assert matches(leaky, -0.02)
    explicit = generate("activation", 0, {"fn": "elu", "z": -1, "alpha": None})
    assert matches(explicit, math.exp(-1) - 1)
    drawn = {
        generate("activation", seed).params["alpha"]
        for seed in range(60)
        if generate("activation", seed).params["fn"] == "elu"
    }
    assert drawn <= {0.5, 1, 2} and len(drawn) > 1


# -- recognised mistakes ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("slug", "params", "typed", "words"),
    [
        ("cross-entropy", {"p": [0, 1], "q": [0.3, 0.7]}, repr(-math.log10(0.7)), "base 10"),
        ("cross-entropy", {"p": [0, 1], "q": [0.3, 0.7]}, repr(-math.log2(0.7)), "base 2"),
        ("mse", {"y": [1, 2, 3], "y_hat": [2, 2, 5]}, "5", "sum of squared errors"),
        ("mse", {"y": [1, 2, 3], "y_hat": [2, 2, 5]}, "sqrt(5/3)", "RMSE"),
        ("softmax", {"z": [1, 2]}, "[e, e^2]", "Normalise"),
        ("softmax", {"z": [1, 2]}, "[1/3, 2/3]", "Exponentiate first"),
        ("sigmoid-derivative", {"z": 2}, repr(sigmoid(2)), "σ(z) itself"),
        ("sigmoid-derivative", {"z": 2}, "-2", "not to z"),
        ("gradient-descent-step", {"w": [1, 2], "lr": 0.1, "grad": [0.5, -1]}, "[1.05, 1.9]", "Sign"),
        ("svm-margin", {"w": [3, 4]}, "0.2", "both sides"),
        ("precision-recall-f1", {"tp": 8, "fp": 2, "fn": 4, "metric": "precision"}, "2/3", "recall"),
        ("precision-recall-f1", {"tp": 8, "fp": 2, "fn": 4, "metric": "recall"}, "0.8", "precision"),
        ("information-gain", {"parent": [9, 5], "children": [[2, 3], [4, 0], [3, 2]]}, repr(0.24674981977443911 * math.log(2)), "natural log"),
        ("information-gain", {"parent": [9, 5], "children": [[2, 3], [4, 0], [3, 2]]}, repr(entropy_bits([9, 5]) - 2 * entropy_bits([2, 3]) / 3), "share of the examples"),
        ("activation-derivative", {"fn": "relu", "z": 0}, "1", "ReLU′(0) = 0"),
        ("perceptron-output", {"w": [1, 1], "x": [1, 1], "t": 2}, "1", "strictly"),
    ],
)  # fmt: skip
def test_common_mistake_gets_its_feedback(slug, params, typed, words):
    v = generate(slug, 0, params)
    verdict = grade_response(v, typed)
    assert not verdict.correct
    assert words in verdict.feedback


# -- validation ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("slug", "params", "words"),
    [
        ("mse", {"y": [1, 2], "y_hat": [1, 2, 3]}, "same length"),
        ("mse", {"y": [], "y_hat": []}, "non-empty"),
        ("cross-entropy", {"p": [0.5, 0.6], "q": [0.5, 0.5]}, "sum to 1"),
        ("cross-entropy", {"p": [1.5, -0.5], "q": [0.5, 0.5]}, "negative"),
        ("cross-entropy", {"p": [0.5, 0.5], "q": [1, 0]}, "infinite"),
        ("cross-entropy", {"p": [1, 0], "q": [0.2, 0.3, 0.5]}, "same length"),
        ("softmax", {"z": "1, 2"}, "list"),
        ("sigmoid-derivative", {"z": "x"}, "number"),
        ("activation", {"fn": "swish", "z": 1, "alpha": None}, "must be one of"),
        ("activation", {"fn": "relu", "z": 1, "alpha": 0.1}, "alpha applies only"),
        ("activation", {"fn": "leaky_relu", "z": 1, "alpha": -0.1}, "alpha must be greater than 0"),
        ("activation-derivative", {"fn": "tanh", "z": 1000, "alpha": None}, "at most"),
        ("gradient-descent-step", {"w": [1, 2], "lr": 0.1, "grad": [1]}, "same length"),
        ("gradient-descent-step", {"w": [1], "lr": 0, "grad": [1]}, "greater than 0"),
        ("perceptron-output", {"w": [1, 2], "x": [1], "t": 0}, "same length"),
        ("svm-margin", {"w": [0, 0]}, "zero vector"),
        ("relu-linear-regions", {"n_hidden": -1}, "at least 1"),
        ("relu-linear-regions", {"n_hidden": 2.5}, "whole number"),
        ("precision-recall-f1", {"tp": 0, "fp": 0, "fn": 3, "metric": "precision"}, "undefined"),
        ("precision-recall-f1", {"tp": 0, "fp": 3, "fn": 0, "metric": "recall"}, "undefined"),
        ("precision-recall-f1", {"tp": -1, "fp": 3, "fn": 0, "metric": "recall"}, "at least 0"),
        ("precision-recall-f1", {"tp": 1, "fp": 3, "fn": 0, "metric": "accuracy"}, "must be one of"),
        ("information-gain", {"parent": [4, 4], "children": [[2, 2], [2, 1]]}, "add up"),
        ("information-gain", {"parent": [4, 4], "children": [[4, 4, 0], [0, 0, 0]]}, "one count per class"),
        ("information-gain", {"parent": [4, 4], "children": [[4, 4], [0, 0]]}, "at least one example"),
        ("information-gain", {"parent": [4, 4], "children": [[1.5, 2], [2.5, 2]]}, "whole numbers"),
        ("momentum-step", {"w": [1], "v": [0], "grad": [1], "lr": 0.1, "mu": 1}, "less than 1"),
        ("naive-bayes-posterior", {"prior": [0.5, 0.5], "likelihood": [[0.5, 0.5]], "x": [1, 1]}, "one row per class"),
        ("accuracy-from-confusion", {"matrix": [[1, 2, 3], [4, 5, 6]]}, "square"),
        ("svm-margin", {"w": [1, 2], "b": 3}, "Unknown parameter"),
    ],
)  # fmt: skip
def test_invalid_parameters_are_refused_with_a_clear_message(slug, params, words):
    with pytest.raises(TemplateError, match=words):
        generate(slug, 0, params)


# -- determinism -----------------------------------------------------------------------------
@pytest.mark.parametrize("slug", ML_SLUGS)
def test_same_seed_gives_the_same_variant(slug):
    assert generate(slug, 12345).as_dict() == generate(slug, 12345).as_dict()
    assert len({generate(slug, seed).prompt for seed in range(10)}) > 1
