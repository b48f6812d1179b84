"""Convolution arithmetic: output sizes of Conv2d, pooling and transposed convolution, by
PyTorch's documented formulas."""

from __future__ import annotations

from typing import Any

import numpy as np

from ... import params as P
from ...base import Mistake, Template, TemplateError
from ...formatting import steps
from ...registry import register
from .common import Params


@register
class Conv2dOutputSize(Template):
    slug = "conv2d-output-size"
    title = "Conv2d output size"
    area = "dl"
    topic = "conv-output-size"
    difficulty = 1
    kind = "integer"
    params = (
        P.count("W", 5, 64, limit=10_000, description="input width (or height)"),
        P.count("K", 1, 7, limit=1_000, description="kernel size"),
        P.count("P", 0, 3, limit=1_000, description="padding"),
        P.count("S", 1, 3, limit=1_000, description="stride"),
        P.count("D", 1, 2, limit=100, description="dilation"),
    )

    @staticmethod
    def _numerator(p: Params) -> int:
        return p["W"] + 2 * p["P"] - p["D"] * (p["K"] - 1) - 1

    def reject(self, p: Params) -> str | None:
        if p["P"] > (p["D"] * (p["K"] - 1) + 1) // 2:
            return "more padding than half the kernel extent (unusual in practice)"
        return None

    def check(self, p: Params) -> None:
        if self._numerator(p) < 0:
            raise TemplateError(
                "the dilated kernel (extent D(K−1)+1) is larger than the padded input"
            )

    def answer(self, p: Params) -> int:
        return self._numerator(p) // p["S"] + 1

    def prompt(self, p: Params) -> str:
        return (
            "A `Conv2d` layer (PyTorch's formula) is applied to an input of width "
            f"$W = {p['W']}$ with kernel size $K = {p['K']}$, padding $P = {p['P']}$, "
            f"stride $S = {p['S']}$ and dilation $D = {p['D']}$. What is the output width?"
        )

    def solution(self, p: Params, answer: Any) -> str:
        numerator = self._numerator(p)
        return steps(
            r"PyTorch: $W_{out} = \left\lfloor \frac{W + 2P - D(K-1) - 1}{S} \right\rfloor + 1$.",
            f"Numerator: ${p['W']} + 2 \\cdot {p['P']} - {p['D']}({p['K']} - 1) - 1 = {numerator}$.",
            f"Divide by the stride and round down: $\\lfloor {numerator} / {p['S']} \\rfloor = "
            f"{numerator // p['S']}$.",
            f"Add one: $W_{{out}} = {answer}$.",
        )

    def mistakes(self, p: Params, answer: Any) -> list[Mistake]:
        numerator = self._numerator(p)
        found = []
        if numerator % p["S"]:
            found.append(
                Mistake(
                    numerator / p["S"] + 1,
                    "Round down: the window cannot start past the edge, so take the floor of the division before adding 1.",
                )
            )
            found.append(
                Mistake(
                    -(-numerator // p["S"]) + 1,
                    "Round down, not up: a partial last window is dropped.",
                )
            )
        found.append(Mistake(numerator // p["S"], "You forgot the +1 at the end of the formula."))
        if p["D"] > 1:
            found.append(
                Mistake(
                    (p["W"] + 2 * p["P"] - p["K"]) // p["S"] + 1,
                    "You ignored the dilation: the kernel spans D(K−1)+1 inputs.",
                )
            )
        if p["P"] > 0:
            found.append(
                Mistake(
                    (p["W"] - p["D"] * (p["K"] - 1) - 1) // p["S"] + 1,
                    "You forgot the padding: it is added on both sides, +2P.",
                )
            )
        return found


@register
class PoolOutputSize(Template):
    slug = "pool-output-size"
    title = "Pooling output size"
    area = "dl"
    topic = "pooling"
    difficulty = 1
    kind = "integer"
    params = (
        P.count("W", 4, 64, limit=10_000, description="input width (or height)"),
        P.count("K", 2, 4, limit=1_000, description="pooling window size"),
        P.count("S", 1, 4, limit=1_000, description="stride"),
        P.count("P", 0, 1, limit=1_000, description="padding"),
    )

    @staticmethod
    def _numerator(p: Params) -> int:
        return p["W"] + 2 * p["P"] - p["K"]

    def check(self, p: Params) -> None:
        if 2 * p["P"] > p["K"]:
            raise TemplateError(
                f"PyTorch requires padding at most half the window (P ≤ K/2); got P = {p['P']} "
                f"with K = {p['K']}."
            )
        if self._numerator(p) < 0:
            raise TemplateError(
                f"the window (K = {p['K']}) is larger than the padded input "
                f"(W + 2P = {p['W'] + 2 * p['P']})."
            )

    def reject(self, p: Params) -> str | None:
        if p["S"] > p["K"]:
            return "a stride larger than the window skips inputs (unusual)"
        return None

    def answer(self, p: Params) -> int:
        return self._numerator(p) // p["S"] + 1

    def prompt(self, p: Params) -> str:
        return (
            f"A `MaxPool2d(kernel_size={p['K']}, stride={p['S']}, padding={p['P']})` layer "
            f"(PyTorch, default `ceil_mode=False`) is applied to a feature map of width "
            f"$W = {p['W']}$. What is the output width?"
        )

    def solution(self, p: Params, answer: Any) -> str:
        numerator = self._numerator(p)
        return steps(
            r"PyTorch (dilation 1, `ceil_mode=False`): "
            r"$W_{out} = \left\lfloor \frac{W + 2P - K}{S} \right\rfloor + 1$.",
            f"Numerator: ${p['W']} + 2 \\cdot {p['P']} - {p['K']} = {numerator}$: the positions "
            "where a window can start, counted from 0.",
            f"Divide by the stride and round down: $\\lfloor {numerator} / {p['S']} \\rfloor = "
            f"{numerator // p['S']}$.",
            f"Add one for the window at position 0: $W_{{out}} = {answer}$.",
        )

    def mistakes(self, p: Params, answer: Any) -> list[Mistake]:
        numerator, stride = self._numerator(p), p["S"]
        found = []
        if numerator % stride:
            found.append(
                Mistake(
                    numerator / stride + 1,
                    "Round down before adding 1: the output width is a whole number of windows.",
                )
            )
            found.append(
                Mistake(
                    -(-numerator // stride) + 1,
                    "That is `ceil_mode=True`; by default PyTorch rounds down and drops the partial last window.",
                )
            )
        found.append(
            Mistake(numerator // stride, "You forgot the +1: the window at position 0 counts too.")
        )
        if p["P"]:
            found.append(
                Mistake(
                    (p["W"] - p["K"]) // stride + 1,
                    "You forgot the padding: it is added on both sides, +2P.",
                )
            )
        found.append(
            Mistake(
                p["W"] // stride,
                "Dividing the width by the stride ignores the window size and the padding; use ⌊(W + 2P − K)/S⌋ + 1.",
            )
        )
        return found


def _transposed(
    p: Params,
    *,
    padding: int = 1,
    output_padding: bool = True,
    dilation: bool = True,
    gaps: int = 1,
) -> int:
    """The transposed-conv size, with one term optionally altered (for the mistakes)."""
    d = p["D"] if dilation else 1
    op = p["output_padding"] if output_padding else 0
    return (p["W"] - gaps) * p["S"] - 2 * padding * p["P"] + d * (p["K"] - 1) + op + 1


def _output_padding(rng: np.random.Generator, values: dict[str, Any]) -> int:
    # Mostly 0, as in most models; otherwise below the stride, which PyTorch always accepts
    # (the dilation is drawn later).
    return 0 if rng.random() < 0.6 else int(rng.integers(0, values["S"]))


@register
class TransposedConvOutputSize(Template):
    slug = "transposed-conv-output-size"
    title = "ConvTranspose2d output size"
    area = "dl"
    topic = "transposed-conv"
    difficulty = 2
    kind = "integer"
    params = (
        P.count("W", 2, 16, limit=10_000, description="input width (or height)"),
        P.count("K", 2, 5, limit=1_000, description="kernel size"),
        P.count("S", 1, 3, limit=1_000, description="stride"),
        P.count("P", 0, 2, limit=1_000, description="padding"),
        P.custom(
            "output_padding",
            _output_padding,
            lambda v: P.check_int(v, 0, 1_000),
            description="extra size on one side",
        ),
        P.count("D", 1, 2, limit=100, description="dilation"),
    )

    def check(self, p: Params) -> None:
        if p["output_padding"] >= max(p["S"], p["D"]):
            raise TemplateError(
                "PyTorch requires output_padding smaller than the stride or the dilation "
                f"(output_padding < max(S, D) = {max(p['S'], p['D'])}); "
                f"got output_padding = {p['output_padding']}."
            )
        size = _transposed(p)
        if size < 1:
            raise TemplateError(f"the output width would be {size}: the padding is too large.")

    def reject(self, p: Params) -> str | None:
        if 2 * p["P"] > p["D"] * (p["K"] - 1):
            return "padding crops more than the kernel adds (unusual)"
        return None

    def answer(self, p: Params) -> int:
        return _transposed(p)

    def prompt(self, p: Params) -> str:
        return (
            f"A `ConvTranspose2d` layer with kernel size $K = {p['K']}$, stride $S = {p['S']}$, "
            f"padding $P = {p['P']}$, output padding $O = {p['output_padding']}$ and dilation "
            f"$D = {p['D']}$ is applied to an input of width $W = {p['W']}$. What is the output "
            "width (PyTorch's formula)?"
        )

    def solution(self, p: Params, answer: Any) -> str:
        w, k, s, pad, op, d = (p[n] for n in ("W", "K", "S", "P", "output_padding", "D"))
        return steps(
            r"PyTorch: $W_{out} = (W - 1)S - 2P + D(K - 1) + O + 1$, where $O$ is "
            "`output_padding`.",
            f"The $W - 1 = {w - 1}$ gaps between inputs are stretched by the stride: "
            f"$({w} - 1) \\cdot {s} = {(w - 1) * s}$.",
            f"The dilated kernel adds $D(K - 1) + 1 = {d}({k} - 1) + 1 = {d * (k - 1) + 1}$ "
            "around them.",
            f"Padding crops $2P = {2 * pad}$ and output padding adds ${op}$ on one side.",
            f"$W_{{out}} = {(w - 1) * s} - {2 * pad} + {d * (k - 1)} + {op} + 1 = {answer}$.",
        )

    def mistakes(self, p: Params, answer: Any) -> list[Mistake]:
        conv = (p["W"] + 2 * p["P"] - p["D"] * (p["K"] - 1) - 1) // p["S"] + 1
        found = []
        if p["P"]:
            found.append(
                Mistake(
                    _transposed(p, padding=-1),
                    "Padding is subtracted in a transposed convolution: it crops 2P from the output.",
                )
            )
        if p["output_padding"]:
            found.append(
                Mistake(
                    _transposed(p, output_padding=False),
                    "You forgot output_padding: it adds that many entries on one side.",
                )
            )
        if p["D"] > 1:
            found.append(
                Mistake(
                    _transposed(p, dilation=False),
                    "You ignored the dilation: the kernel spans D(K−1)+1 outputs.",
                )
            )
        found.append(
            Mistake(
                _transposed(p, gaps=0),
                "The stride multiplies the W − 1 gaps between inputs, not W: use (W − 1)S.",
            )
        )
        if conv >= 1:
            found.append(
                Mistake(
                    conv,
                    "That is the Conv2d formula: a transposed convolution upsamples, (W − 1)S − 2P + D(K − 1) + output_padding + 1.",
                )
            )
        return found
