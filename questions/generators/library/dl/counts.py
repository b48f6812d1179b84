"""Parameter counts of layers: Conv2d, Linear, and a small CNN stack with pooling and a
classifier head."""

from __future__ import annotations

from typing import Any

import numpy as np

from ...base import Mistake, Template, TemplateError
from ...formatting import steps
from ...registry import register
from .common import Params, flag, pairs, typical

CHANNELS = (1, 3, 4, 8, 16, 32, 64, 128)
FILTERS = (4, 6, 8, 10, 16, 32, 64, 128, 256)
WIDTHS = (2, 3, 4, 5, 10, 16, 20, 32, 64, 100, 128, 256, 512, 784, 1000, 1024, 4096)


def _bias_words(bias: bool) -> str:
    return "with a bias" if bias else "without a bias (`bias=False`)"


@register
class Conv2dParamCount(Template):
    slug = "conv2d-param-count"
    title = "Conv2d parameter count"
    area = "dl"
    topic = "conv-parameters"
    difficulty = 1
    kind = "integer"
    params = (
        typical("C_in", CHANNELS, limit=100_000, description="input channels"),
        typical("C_out", FILTERS, limit=100_000, description="output channels (filters)"),
        typical("K", (1, 3, 3, 5, 7), limit=1_000, description="kernel size (square)"),
        flag("bias", description="whether each filter has a bias"),
    )

    def answer(self, p: Params) -> int:
        return p["C_out"] * p["C_in"] * p["K"] ** 2 + (p["C_out"] if p["bias"] else 0)

    def prompt(self, p: Params) -> str:
        return (
            f"How many learnable parameters does `nn.Conv2d({p['C_in']}, {p['C_out']}, "
            f"kernel_size={p['K']}, bias={p['bias']})` have? It maps ${p['C_in']}$ input "
            f"channels to ${p['C_out']}$ output channels with ${p['K']} \\times {p['K']}$ "
            f"kernels, {_bias_words(p['bias'])}."
        )

    def solution(self, p: Params, answer: Any) -> str:
        c_in, c_out, k = p["C_in"], p["C_out"], p["K"]
        per_filter = c_in * k * k
        lines = [
            f"Each filter covers all input channels: $K \\times K \\times C_{{in}} = {k} \\times "
            f"{k} \\times {c_in} = {per_filter}$ weights.",
            f"There is one filter per output channel: ${c_out} \\times {per_filter} = "
            f"{c_out * per_filter}$ weights.",
        ]
        if p["bias"]:
            lines.append(f"Plus one bias per filter: ${c_out * per_filter} + {c_out} = {answer}$.")
        else:
            lines.append(f"No biases (`bias=False`): ${answer}$ parameters.")
        return steps(*lines)

    def mistakes(self, p: Params, answer: Any) -> list[Mistake]:
        c_in, c_out, k, bias = p["C_in"], p["C_out"], p["K"], p["bias"]
        weights = c_out * c_in * k * k
        biases = c_out if bias else 0
        found = []
        if bias:
            found.append(
                Mistake(weights, "You forgot the biases: one per filter (output channel).")
            )
        else:
            found.append(
                Mistake(weights + c_out, "This layer has bias=False, so count the weights only.")
            )
        found.append(
            Mistake(
                c_out * k * k + biases,
                "Each filter spans all input channels: multiply by C_in as well.",
            )
        )
        if k > 1:
            found.append(Mistake(c_out * c_in * k + biases, "The kernel is K × K: use K², not K."))
        found.append(
            Mistake(
                c_in * k * k + (1 if bias else 0),
                "That is one filter; the layer has C_out of them.",
            )
        )
        return found


@register
class FcParamCount(Template):
    slug = "fc-param-count"
    title = "Linear layer parameter count"
    area = "dl"
    topic = "fully-connected"
    difficulty = 1
    kind = "integer"
    params = (
        typical("n_in", WIDTHS, limit=10_000_000, description="input features"),
        typical("n_out", WIDTHS, limit=10_000_000, description="output features"),
        flag("bias", description="whether the layer has a bias"),
    )

    def answer(self, p: Params) -> int:
        return p["n_in"] * p["n_out"] + (p["n_out"] if p["bias"] else 0)

    def prompt(self, p: Params) -> str:
        return (
            f"How many learnable parameters does the fully connected layer `nn.Linear("
            f"{p['n_in']}, {p['n_out']}, bias={p['bias']})` have ({_bias_words(p['bias'])})?"
        )

    def solution(self, p: Params, answer: Any) -> str:
        n_in, n_out = p["n_in"], p["n_out"]
        lines = [
            f"The weight matrix has one row per output and one column per input: "
            f"${n_out} \\times {n_in} = {n_in * n_out}$ weights.",
        ]
        if p["bias"]:
            lines.append(f"One bias per output: ${n_in * n_out} + {n_out} = {answer}$.")
        else:
            lines.append(f"No bias: ${answer}$ parameters.")
        return steps(*lines)

    def mistakes(self, p: Params, answer: Any) -> list[Mistake]:
        n_in, n_out, bias = p["n_in"], p["n_out"], p["bias"]
        found = []
        if bias:
            found.append(Mistake(n_in * n_out, "You forgot the bias: one per output unit."))
            found.append(
                Mistake(n_in * n_out + n_in, "There is one bias per output unit, not per input.")
            )
        else:
            found.append(
                Mistake(
                    n_in * n_out + n_out, "This layer has bias=False, so count the weights only."
                )
            )
        found.append(
            Mistake(
                n_in + n_out,
                "That counts units, not connections: every input connects to every output, n_in × n_out weights.",
            )
        )
        return found


def _draw_convs(rng: np.random.Generator, values: dict[str, Any]) -> list[list[int]]:
    count = int(rng.integers(1, 3)) + 1
    return [[FILTERS[int(rng.integers(1, 6))], (3, 5)[int(rng.integers(2))]] for _ in range(count)]


def _stack(p: Params) -> tuple[list[dict[str, int]], int]:
    """Per conv block: its input channels, sizes before and after; and the flattened size."""
    blocks, channels, size = [], p["C_in"], p["H"]
    for c_out, k in p["convs"]:
        conv = size - k + 1
        blocks.append(
            {"c_in": channels, "c_out": c_out, "k": k, "in": size, "conv": conv, "pool": conv // 2}
        )
        channels, size = c_out, conv // 2
    return blocks, channels * size * size


@register
class CnnParamCount(Template):
    slug = "cnn-param-count"
    title = "Parameter count of a small CNN"
    area = "dl"
    topic = "conv-parameters"
    difficulty = 3
    kind = "integer"
    params = (
        typical("H", (28, 32, 36, 40, 64), limit=4_096, description="input height = width"),
        typical("C_in", (1, 3), limit=1_000, description="input channels"),
        pairs(
            "convs",
            _draw_convs,
            first=("C_out", 10_000),
            second=("K", 100),
            max_layers=6,
            description="[[C_out, K], ...] conv blocks, each Conv2d + ReLU + MaxPool2d(2)",
        ),
        typical("n_out", (2, 5, 10, 100), limit=100_000, description="classifier outputs"),
    )

    def check(self, p: Params) -> None:
        size = p["H"]
        for i, (_, k) in enumerate(p["convs"], start=1):
            if size - k + 1 < 2:
                raise TemplateError(
                    f"block {i}: a {k}×{k} convolution on a {size}×{size} map leaves less than "
                    "2×2 for the 2×2 pooling."
                )
            size = (size - k + 1) // 2

    def answer(self, p: Params) -> int:
        blocks, flat = _stack(p)
        convs = sum((b["c_in"] * b["k"] ** 2 + 1) * b["c_out"] for b in blocks)
        return convs + (flat + 1) * p["n_out"]

    def prompt(self, p: Params) -> str:
        channels = p["C_in"]
        layers = []
        for c_out, k in p["convs"]:
            layers.append(
                f"    nn.Conv2d({channels}, {c_out}, kernel_size={k}), nn.ReLU(), nn.MaxPool2d(2),"
            )
            channels = c_out
        code = "\n".join(layers)
        return (
            f"A CNN takes ${p['C_in']} \\times {p['H']} \\times {p['H']}$ inputs (channels × "
            "height × width). Every layer has biases; convolutions use stride 1 and no padding.\n\n"
            f"```python\nnn.Sequential(\n{code}\n    nn.Flatten(), nn.LazyLinear({p['n_out']}),\n)\n```\n\n"
            f"The last layer is fully connected from all flattened features to {p['n_out']} "
            "outputs. How many learnable parameters does the network have?"
        )

    def solution(self, p: Params, answer: Any) -> str:
        blocks, flat = _stack(p)
        lines = [
            "Only the convolutions and the linear layer learn: ReLU and pooling have no parameters."
        ]
        total_terms = []
        for i, b in enumerate(blocks, start=1):
            count = (b["c_in"] * b["k"] ** 2 + 1) * b["c_out"]
            total_terms.append(str(count))
            lines.append(
                f"Block {i}: the conv has $({b['c_in']} \\cdot {b['k']}^2 + 1) \\cdot {b['c_out']} = "
                f"{count}$ parameters; the map goes ${b['in']} \\to {b['in']} - {b['k']} + 1 = "
                f"{b['conv']}$, then pooling halves it (rounding down) to ${b['pool']}$."
            )
        last = blocks[-1]
        head = (flat + 1) * p["n_out"]
        total_terms.append(str(head))
        lines.append(
            f"Flatten: ${last['c_out']} \\cdot {last['pool']} \\cdot {last['pool']} = {flat}$ "
            f"features; the linear layer has $({flat} + 1) \\cdot {p['n_out']} = {head}$ parameters."
        )
        lines.append(f"Total: ${' + '.join(total_terms)} = {answer}$.")
        return steps(*lines)

    def mistakes(self, p: Params, answer: Any) -> list[Mistake]:
        blocks, flat = _stack(p)
        n_out = p["n_out"]
        convs = sum((b["c_in"] * b["k"] ** 2 + 1) * b["c_out"] for b in blocks)
        no_bias = sum(b["c_in"] * b["k"] ** 2 * b["c_out"] for b in blocks) + flat * n_out
        last = blocks[-1]
        return [
            Mistake(
                no_bias,
                "You left out the biases: one per conv filter and one per output of the linear layer.",
            ),
            Mistake(
                convs + (last["c_out"] * last["conv"] ** 2 + 1) * n_out,
                "You forgot the last pooling when sizing the flattened features: it halves the height and width.",
            ),
            Mistake(
                convs + (last["pool"] ** 2 + 1) * n_out,
                "The flattened vector holds every channel: multiply the final height × width by the number of channels.",
            ),
            Mistake(convs, "You left out the final linear layer, usually the largest one."),
        ]
