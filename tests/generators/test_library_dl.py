"""The deep-learning templates: every seed checks out, each core answer agrees with an
independent computation (window counting, explicit weight shapes, finite differences, loops),
textbook cases from the study notes, refused parameters and determinism."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from questions.generators import TemplateError, all_templates, generate, grade_response
from questions.generators.checking import check_template
from questions.grading import check

CORE = {
    "conv2d-output-size",
    "pool-output-size",
    "transposed-conv-output-size",
    "conv2d-param-count",
    "fc-param-count",
    "receptive-field",
    "dilated-kernel-extent",
    "skip-connection-gradient",
    "lstm-param-count",
    "gru-param-count",
    "rnn-step",
}
EXTRA = {
    "pool2d-matrix",
    "conv2d-matrix",
    "batch-norm",
    "inverted-dropout",
    "cnn-param-count",
    "cnn-concepts",
    "gradient-flow-concepts",
    "training-concepts",
}
DL_SLUGS = sorted(t.slug for t in all_templates() if t.area == "dl")
SEEDS = range(50)


def test_area_has_the_core_and_extra_templates() -> None:
    assert set(DL_SLUGS) == CORE | EXTRA


@pytest.mark.parametrize("slug", DL_SLUGS)
def test_template_passes_the_checker_over_100_seeds(slug: str) -> None:
    template = next(t for t in all_templates() if t.slug == slug)
    report = check_template(template, range(100))
    assert report.failures == []
    assert report.distinct_prompts >= 20


@pytest.mark.parametrize("slug", DL_SLUGS)
def test_same_seed_gives_the_same_variant(slug: str) -> None:
    assert generate(slug, 1234).as_dict() == generate(slug, 1234).as_dict()


# -- independent computations ---------------------------------------------------------------
def window_starts(width: int, extent: int, stride: int) -> int:
    """Slide a window of `extent` over a 1-D array of `width` cells and count where it fits."""
    cells = list(range(width))
    return sum(1 for start in cells[::stride] if start + extent <= width)


def transposed_length(w: int, k: int, s: int, p: int, output_padding: int, d: int) -> int:
    """Scatter every input through every kernel tap, then crop the padding and extend."""
    full = np.zeros((w - 1) * s + (k - 1) * d + 10)
    last = 0
    for i in range(w):
        for j in range(k):
            full[i * s + j * d] += 1
            last = max(last, i * s + j * d)
    used = full[: last + 1]
    cropped = used[p : len(used) - p] if p else used
    return len(cropped) + output_padding


def receptive_by_tracing(layers: list[list[int]]) -> int:
    """Walk back from one output unit and collect every input position it depends on."""
    positions = {0}
    for k, s in reversed(layers):
        positions = {i * s + j for i in positions for j in range(k)}
    return max(positions) - min(positions) + 1


def skip_loss(v: dict[str, float], x_b: float | None = None) -> float:
    x_a = v["w_a"] * v["x0"] + v["b_a"]
    if x_b is None:
        x_b = v["w_b"] * x_a + v["b_b"]
    x_c = v["w_c"] * x_b + v["b_c"]
    x_d = v["w_d"] * x_c + v["b_d"] + v["w_d2"] * x_b + v["b_d2"]
    x_e = v["w_e"] * x_d + v["b_e"]
    return (x_e - v["t"]) ** 2


def skip_gradient_by_differences(params: dict, h: float = 1e-4) -> float:
    v = {k: float(val) for k, val in params.items() if k != "wrt"}
    if params["wrt"] == "x_b":
        x_b = v["w_b"] * (v["w_a"] * v["x0"] + v["b_a"]) + v["b_b"]
        return (skip_loss(v, x_b + h) - skip_loss(v, x_b - h)) / (2 * h)
    up, down = dict(v), dict(v)
    up[params["wrt"]] += h
    down[params["wrt"]] -= h
    return (skip_loss(up) - skip_loss(down)) / (2 * h)


def gated_shapes(x: int, h: int, gates: int) -> list[tuple[int, ...]]:
    """The weight shapes of an LSTM (4 gates) or GRU (3): W (h×x), U (h×h), b (h) per gate."""
    return [shape for _ in range(gates) for shape in ((h, x), (h, h), (h,))]


def numel(shapes: list[tuple[int, ...]]) -> int:
    return sum(np.zeros(shape).size for shape in shapes)


@pytest.mark.parametrize("seed", SEEDS)
def test_conv2d_output_size_counts_window_positions(seed: int) -> None:
    v = generate("conv2d-output-size", seed)
    p = v.params
    extent = p["D"] * (p["K"] - 1) + 1
    assert v.answer_value == window_starts(p["W"] + 2 * p["P"], extent, p["S"])


@pytest.mark.parametrize("seed", SEEDS)
def test_pool_output_size_counts_window_positions(seed: int) -> None:
    v = generate("pool-output-size", seed)
    p = v.params
    assert v.answer_value == window_starts(p["W"] + 2 * p["P"], p["K"], p["S"])


@pytest.mark.parametrize("seed", SEEDS)
def test_transposed_conv_output_size_matches_scattering(seed: int) -> None:
    v = generate("transposed-conv-output-size", seed)
    p = v.params
    args = (p["W"], p["K"], p["S"], p["P"], p["output_padding"], p["D"])
    assert v.answer_value == transposed_length(*args)


@pytest.mark.parametrize("seed", SEEDS)
def test_transposed_conv_is_undone_by_the_matching_conv(seed: int) -> None:
    v = generate("transposed-conv-output-size", seed)
    p = v.params
    extent = p["D"] * (p["K"] - 1) + 1
    assert window_starts(v.answer_value + 2 * p["P"], extent, p["S"]) == p["W"]


@pytest.mark.parametrize("seed", SEEDS)
def test_conv2d_param_count_matches_weight_shapes(seed: int) -> None:
    v = generate("conv2d-param-count", seed)
    p = v.params
    shapes = [(p["C_out"], p["C_in"], p["K"], p["K"])] + ([(p["C_out"],)] if p["bias"] else [])
    assert v.answer_value == numel(shapes)


@pytest.mark.parametrize("seed", SEEDS)
def test_fc_param_count_matches_weight_shapes(seed: int) -> None:
    v = generate("fc-param-count", seed)
    p = v.params
    shapes = [(p["n_out"], p["n_in"])] + ([(p["n_out"],)] if p["bias"] else [])
    assert v.answer_value == numel(shapes)


@pytest.mark.parametrize("seed", SEEDS)
def test_receptive_field_matches_tracing_back_the_inputs(seed: int) -> None:
    v = generate("receptive-field", seed)
    assert v.answer_value == receptive_by_tracing(v.params["layers"])


@pytest.mark.parametrize("seed", SEEDS)
def test_dilated_extent_spans_the_kernel_taps(seed: int) -> None:
    v = generate("dilated-kernel-extent", seed)
    taps = [j * v.params["D"] for j in range(v.params["K"])]
    assert v.answer_value == max(taps) - min(taps) + 1


@pytest.mark.parametrize("seed", SEEDS)
def test_skip_connection_gradient_matches_finite_differences(seed: int) -> None:
    v = generate("skip-connection-gradient", seed)
    assert v.answer_value == pytest.approx(skip_gradient_by_differences(v.params), rel=1e-6)


@pytest.mark.parametrize("slug,gates", [("lstm-param-count", 4), ("gru-param-count", 3)])
@pytest.mark.parametrize("seed", range(20))
def test_gated_param_counts_match_weight_shapes(slug: str, gates: int, seed: int) -> None:
    v = generate(slug, seed)
    x, h = v.params["input_size"], v.params["hidden_size"]
    assert v.answer_value == numel(gated_shapes(x, h, gates))
    pytorch = numel(gated_shapes(x, h, gates) + [(h,)] * gates)
    assert str(pytorch) in dict(v.mistakes)


@pytest.mark.parametrize("seed", SEEDS)
def test_rnn_step_matches_plain_loops(seed: int) -> None:
    v = generate("rnn-step", seed)
    p = v.params
    out = []
    for i in range(len(p["a_prev"])):
        z = p["ba"][i]
        z += sum(p["Waa"][i][j] * p["a_prev"][j] for j in range(len(p["a_prev"])))
        z += sum(p["Wax"][i][j] * p["x"][j] for j in range(len(p["x"])))
        out.append(math.tanh(z))
    text = "[" + ", ".join(repr(value) for value in out) + "]"
    assert check(v.kind, v.answer, text, {"rel_tol": 1e-9}).correct


@pytest.mark.parametrize("seed", range(20))
def test_cnn_param_count_matches_shapes_and_window_counts(seed: int) -> None:
    v = generate("cnn-param-count", seed)
    p = v.params
    shapes, channels, size = [], p["C_in"], p["H"]
    for c_out, k in p["convs"]:
        shapes += [(c_out, channels, k, k), (c_out,)]
        size = window_starts(window_starts(size, k, 1), 2, 2)
        channels = c_out
    shapes += [(p["n_out"], channels * size * size), (p["n_out"],)]
    assert v.answer_value == numel(shapes)


@pytest.mark.parametrize("seed", range(20))
def test_pool2d_matrix_matches_numpy_windows(seed: int) -> None:
    v = generate("pool2d-matrix", seed)
    x, k, s = np.array(v.params["X"], dtype=float), v.params["K"], v.params["S"]
    reduce = np.max if v.params["mode"] == "max" else np.mean
    rows, cols = window_starts(x.shape[0], k, s), window_starts(x.shape[1], k, s)
    out = [
        [reduce(x[i * s : i * s + k, j * s : j * s + k]) for j in range(cols)] for i in range(rows)
    ]
    assert np.allclose(v.answer_value, out)


@pytest.mark.parametrize("seed", range(20))
def test_conv2d_matrix_matches_numpy_cross_correlation(seed: int) -> None:
    v = generate("conv2d-matrix", seed)
    x, w = np.array(v.params["X"]), np.array(v.params["kernel"])
    windows = np.lib.stride_tricks.sliding_window_view(x, w.shape)
    out = np.einsum("ijkl,kl->ij", windows, w) + v.params["b"]
    assert v.answer_value == out.tolist()


@pytest.mark.parametrize("seed", range(20))
def test_batch_norm_matches_numpy(seed: int) -> None:
    v = generate("batch-norm", seed)
    x = np.array(v.params["x"], dtype=float)
    y = v.params["gamma"] * (x - x.mean()) / np.sqrt(x.var()) + v.params["beta"]
    text = "[" + ", ".join(repr(float(value)) for value in y) + "]"
    assert check(v.kind, v.answer, text, {"rel_tol": 1e-9}).correct


@pytest.mark.parametrize("seed", range(20))
def test_inverted_dropout_matches_float_arithmetic(seed: int) -> None:
    v = generate("inverted-dropout", seed)
    a, p = v.params["a"], v.params["p"]
    expected = a / (1 - p) if v.params["mode"] == "train" else a
    assert v.answer_value == pytest.approx(expected, rel=1e-12)


# -- textbook cases -------------------------------------------------------------------------
@pytest.mark.parametrize(
    "slug,params,answer",
    [
        ("conv2d-output-size", {"W": 227, "K": 11, "P": 0, "S": 4, "D": 1}, 55),  # AlexNet conv1
        ("conv2d-output-size", {"W": 224, "K": 3, "P": 1, "S": 1, "D": 1}, 224),  # VGG "same"
        ("conv2d-output-size", {"W": 32, "K": 5, "P": 0, "S": 1, "D": 1}, 28),  # LeNet conv1
        ("conv2d-output-size", {"W": 7, "K": 3, "P": 0, "S": 1, "D": 2}, 3),
        ("pool-output-size", {"W": 55, "K": 3, "S": 2, "P": 0}, 27),  # AlexNet pool1
        ("pool-output-size", {"W": 13, "K": 3, "S": 2, "P": 0}, 6),  # AlexNet pool5
        ("pool-output-size", {"W": 28, "K": 2, "S": 2, "P": 0}, 14),  # LeNet
        ("pool-output-size", {"W": 112, "K": 3, "S": 2, "P": 1}, 56),  # ResNet stem
        # the notes' example: 3×3 input, 3×3 kernel, stride 2 gives a 5×5 output
        (
            "transposed-conv-output-size",
            {"W": 3, "K": 3, "S": 2, "P": 1, "output_padding": 0, "D": 1},
            5,
        ),
        (
            "transposed-conv-output-size",
            {"W": 3, "K": 3, "S": 2, "P": 1, "output_padding": 1, "D": 1},
            6,
        ),
        (
            "transposed-conv-output-size",
            {"W": 3, "K": 3, "S": 2, "P": 0, "output_padding": 0, "D": 1},
            7,
        ),
        (
            "transposed-conv-output-size",
            {"W": 4, "K": 4, "S": 2, "P": 1, "output_padding": 0, "D": 1},
            8,
        ),  # DCGAN
        ("conv2d-param-count", {"C_in": 3, "C_out": 96, "K": 11, "bias": True}, 34_944),  # AlexNet
        ("conv2d-param-count", {"C_in": 3, "C_out": 64, "K": 3, "bias": True}, 1_792),  # VGG
        ("conv2d-param-count", {"C_in": 1, "C_out": 6, "K": 5, "bias": True}, 156),  # LeNet
        ("conv2d-param-count", {"C_in": 16, "C_out": 32, "K": 1, "bias": False}, 512),
        ("fc-param-count", {"n_in": 9216, "n_out": 4096, "bias": True}, 37_752_832),  # AlexNet
        ("fc-param-count", {"n_in": 4096, "n_out": 1000, "bias": True}, 4_097_000),
        ("fc-param-count", {"n_in": 400, "n_out": 120, "bias": False}, 48_000),
        ("receptive-field", {"layers": [[3, 1], [3, 1]]}, 5),  # two 3×3 convs see 5×5
        ("receptive-field", {"layers": [[3, 1], [3, 1], [3, 1]]}, 7),
        ("receptive-field", {"layers": [[3, 1], [2, 2], [3, 1]]}, 8),
        (
            "receptive-field",  # AlexNet's convolutions and pools
            {"layers": [[11, 4], [3, 2], [5, 1], [3, 2], [3, 1], [3, 1], [3, 1], [3, 2]]},
            195,
        ),
        ("dilated-kernel-extent", {"K": 3, "D": 2}, 5),  # the notes: 3×3 at rate 2 covers 5×5
        ("dilated-kernel-extent", {"K": 3, "D": 4}, 9),
        ("dilated-kernel-extent", {"K": 3, "D": 1}, 3),
        ("lstm-param-count", {"input_size": 10, "hidden_size": 20}, 2_480),
        ("gru-param-count", {"input_size": 10, "hidden_size": 20}, 1_860),
        ("inverted-dropout", {"a": 2, "p": 0.5, "mode": "train"}, 4),
        ("inverted-dropout", {"a": 2, "p": 0.5, "mode": "eval"}, 2),
        ("cnn-param-count", {"H": 32, "C_in": 1, "convs": [[6, 5], [16, 5]], "n_out": 10}, 6_582),
    ],
)
def test_textbook_case(slug: str, params: dict, answer: int) -> None:
    assert generate(slug, 0, params).answer_value == answer


# The notes' skip network with w_d = w_d2 = 1, so x_d = x_c + x_b (+ biases):
# x_a = 3, x_b = 2, x_c = 6, x_d = 8, x_e = 7, dloss/dx_e = 4, dx_d/dx_b = w_c + 1 = 4.
NOTES_SKIP = {
    "w_a": 2, "b_a": 1, "w_b": 1, "b_b": -1, "w_c": 3, "b_c": 0, "w_d": 1, "b_d": 0,
    "w_d2": 1, "b_d2": 0, "w_e": 1, "b_e": -1, "x0": 1, "t": 5,
}  # fmt: skip


@pytest.mark.parametrize("wrt,answer", [("x_b", 16), ("b_b", 16), ("w_b", 48)])
def test_skip_gradient_of_the_notes_network(wrt: str, answer: int) -> None:
    v = generate("skip-connection-gradient", 0, {**NOTES_SKIP, "wrt": wrt})
    assert v.answer_value == answer
    assert "2(x_e - t) = 2(7 - 5) = 4" in v.solution
    assert "w_d w_c + w_{d2} = (1)(3) + 1 = 4" in v.solution


def test_skip_gradient_recognises_a_forgotten_skip_path() -> None:
    v = generate("skip-connection-gradient", 0, {**NOTES_SKIP, "wrt": "w_b"})
    # without the skip: 4 · 1 · 3 · 3 = 36
    assert "skip path" in grade_response(v, "36").feedback
    assert "factor 2" in grade_response(v, "24").feedback
    assert "x_a" in grade_response(v, "16").feedback


def test_lstm_pytorch_count_is_explained_as_a_convention() -> None:
    v = generate("lstm-param-count", 0, {"input_size": 10, "hidden_size": 20})
    verdict = grade_response(v, "2560")
    assert not verdict.correct
    assert "PyTorch" in verdict.feedback and "bias" in verdict.feedback
    assert "2560" in v.solution
    assert "one bias vector per gate" in v.prompt


def test_gru_pytorch_count_is_explained_as_a_convention() -> None:
    v = generate("gru-param-count", 0, {"input_size": 10, "hidden_size": 20})
    assert "PyTorch" in grade_response(v, "1920").feedback


def test_rnn_step_textbook_case() -> None:
    params = {"a_prev": [0, 0], "x": [1], "Waa": [[1, 0], [0, 1]], "Wax": [[1], [-1]], "ba": [0, 0]}
    v = generate("rnn-step", 0, params)
    assert check(v.kind, v.answer, "[0.7616, -0.7616]", v.options).correct
    assert "pre-activation" in grade_response(v, "[1, -1]").feedback


def test_pool2d_matrix_textbook_case() -> None:
    x = [[1, 1, 2, 4], [5, 6, 7, 8], [3, 2, 1, 0], [1, 2, 3, 4]]
    assert generate("pool2d-matrix", 0, {"X": x, "K": 2, "S": 2, "mode": "max"}).answer_value == [
        [6, 8],
        [3, 4],
    ]
    avg = generate("pool2d-matrix", 0, {"X": x, "K": 2, "S": 2, "mode": "avg"})
    assert check(avg.kind, avg.answer, "[[3.25, 5.25], [2, 2]]", avg.options).correct


def test_conv2d_matrix_flipped_kernel_is_recognised() -> None:
    params = {"X": [[1, 2, 0], [0, 1, 3], [2, 0, 1]], "kernel": [[1, 0], [0, -1]], "b": 0}
    v = generate("conv2d-matrix", 0, params)
    assert v.answer_value == [[0, -1], [0, 0]]
    assert "flipped" in grade_response(v, "[[0, 1], [0, 0]]").feedback


def test_batch_norm_textbook_case() -> None:
    v = generate("batch-norm", 0, {"x": [1, 2, 3, 4], "gamma": 1, "beta": 0})
    assert check(v.kind, v.answer, "[-1.342, -0.4472, 0.4472, 1.342]", v.options).correct
    assert "biased" in grade_response(v, "[-1.162, -0.3873, 0.3873, 1.162]").feedback


def test_concept_question_shuffles_options_and_explains_wrong_ones() -> None:
    v = generate("training-concepts", 0, {"item": 0, "order": [2, 0, 3, 1]})
    assert v.answer == "B"
    assert "- **B.** zero_grad → forward → loss → backward → step" in v.prompt
    assert "wipes the new gradients" in grade_response(v, "A").feedback
    assert "backward must come before it" in grade_response(v, "D").feedback
    assert grade_response(v, "b").correct


@pytest.mark.parametrize("slug", ["cnn-concepts", "gradient-flow-concepts", "training-concepts"])
def test_concept_banks_have_at_least_8_items_with_a_right_answer_each(slug: str) -> None:
    answers = {generate(slug, seed).answer for seed in range(40)}
    assert answers == {"A", "B", "C", "D"}
    template = next(t for t in all_templates() if t.slug == slug)
    assert len(template.bank) >= 8


# -- values the generator would redraw are still accepted from a user ------------------------
@pytest.mark.parametrize(
    "slug,params",
    [
        ("conv2d-output-size", {"W": 10, "K": 3, "P": 4, "S": 1, "D": 1}),
        ("pool-output-size", {"W": 10, "K": 2, "S": 5, "P": 1}),
        ("receptive-field", {"layers": [[3, 1]]}),
        ("skip-connection-gradient", {**NOTES_SKIP, "t": 7, "wrt": "x_b"}),  # zero loss
        ("skip-connection-gradient", {**NOTES_SKIP, "w_b": 0.5, "wrt": "w_b"}),
        ("rnn-step", {"a_prev": [0.5], "x": [2, 1], "Waa": [[4]], "Wax": [[1, 1]], "ba": [0]}),
    ],
)
def test_unusual_but_valid_params_are_accepted(slug: str, params: dict) -> None:
    v = generate(slug, 0, params)
    assert check(v.kind, v.answer, v.answer, v.options).correct


def test_partial_params_keep_the_given_values() -> None:
    v = generate("skip-connection-gradient", 5, {"wrt": "w_b"})
    assert v.params["wrt"] == "w_b"
    assert v.answer_value == pytest.approx(skip_gradient_by_differences(v.params), rel=1e-6)


# -- refused params -------------------------------------------------------------------------
@pytest.mark.parametrize(
    "slug,params,message",
    [
        ("conv2d-output-size", {"W": 3, "K": 5, "P": 0, "S": 1, "D": 1}, "larger than the padded"),
        ("conv2d-output-size", {"W": -4}, "at least 1"),
        ("conv2d-output-size", {"width": 4}, "Unknown parameter"),
        ("pool-output-size", {"W": 10, "K": 2, "S": 2, "P": 2}, "P ≤ K/2"),
        ("pool-output-size", {"W": 1, "K": 3, "S": 1, "P": 0}, "larger than the padded"),
        (
            "transposed-conv-output-size",
            {"W": 3, "K": 3, "S": 2, "P": 0, "output_padding": 2, "D": 1},
            "output_padding < max(S, D)",
        ),
        (
            "transposed-conv-output-size",
            {"W": 1, "K": 2, "S": 1, "P": 3, "output_padding": 0, "D": 1},
            "padding is too large",
        ),
        ("conv2d-param-count", {"C_in": 3, "C_out": 8, "K": 3, "bias": 1}, "true or false"),
        ("conv2d-param-count", {"C_in": 0}, "at least 1"),
        ("fc-param-count", {"n_in": 2.5}, "whole number"),
        ("receptive-field", {"layers": []}, "non-empty list"),
        ("receptive-field", {"layers": [[3]]}, "layer 1 must be a pair"),
        ("receptive-field", {"layers": [[3, 1], [0, 1]]}, "layer 2"),
        ("dilated-kernel-extent", {"K": 3, "D": 0}, "at least 1"),
        ("skip-connection-gradient", {"wrt": "w_a"}, "must be one of"),
        ("skip-connection-gradient", {"w_b": "two"}, "expected a number"),
        ("lstm-param-count", {"hidden_size": 0}, "at least 1"),
        ("gru-param-count", {"input_size": -3}, "at least 1"),
        (
            "rnn-step",
            {
                "a_prev": [1, 0],
                "x": [1],
                "Waa": [[1, 0, 0], [0, 1, 0]],
                "Wax": [[1], [1]],
                "ba": [0, 0],
            },
            "Waa must be 2×2",
        ),
        (
            "rnn-step",
            {
                "a_prev": [1, 0],
                "x": [1],
                "Waa": [[1, 0], [0, 1]],
                "Wax": [[1, 1], [1, 1]],
                "ba": [0, 0],
            },
            "Wax must be 2×1",
        ),
        (
            "rnn-step",
            {"a_prev": [1, 0], "x": [1], "Waa": [[1, 0], [0, 1]], "Wax": [[1], [1]], "ba": [0]},
            "ba has 1 entries",
        ),
        ("rnn-step", {"Waa": [[1, 2], [3]]}, "same, non-zero number"),
        ("cnn-param-count", {"H": 8, "C_in": 1, "convs": [[4, 5], [4, 3]], "n_out": 2}, "block 2"),
        ("pool2d-matrix", {"X": [[1, 2], [3, 4]], "K": 3, "S": 1, "mode": "max"}, "does not fit"),
        ("pool2d-matrix", {"mode": "min"}, "must be one of"),
        (
            "conv2d-matrix",
            {"X": [[1, 2], [3, 4]], "kernel": [[1, 0, 0]] * 3, "b": 0},
            "does not fit",
        ),
        ("batch-norm", {"x": [2, 2, 2], "gamma": 1, "beta": 0}, "variance is 0"),
        ("inverted-dropout", {"p": 1}, "below 1"),
        ("inverted-dropout", {"p": -0.2}, "at least 0"),
        ("cnn-concepts", {"item": 99}, "at most"),
        ("training-concepts", {"order": [0, 1, 1, 2]}, "order of 0…3"),
    ],
)
def test_invalid_params_are_refused_with_a_clear_message(
    slug: str, params: dict, message: str
) -> None:
    with pytest.raises(TemplateError, match=re.escape(message)):
        generate(slug, 0, params)
