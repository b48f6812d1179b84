"""Applying layers to small matrices by hand: 2-D max / average pooling and a valid 2-D
convolution (cross-correlation, as PyTorch computes it)."""

from __future__ import annotations

from typing import Any

import numpy as np
import sympy

from ... import params as P
from ...base import Mistake, Template, TemplateError
from ...formatting import matrix as tex_matrix
from ...formatting import num, steps
from ...registry import register
from ...values import exact
from .common import Params, paren


def _windows(x: list[list[Any]], k: int, s: int) -> list[list[list[Any]]]:
    """The K×K windows at stride S, row by row: windows[i][j] is a flat list of entries."""
    rows, cols = (len(x) - k) // s + 1, (len(x[0]) - k) // s + 1
    return [
        [[x[i * s + a][j * s + b] for a in range(k) for b in range(k)] for j in range(cols)]
        for i in range(rows)
    ]


def _pool(x: list[list[Any]], k: int, s: int, mode: str) -> sympy.ImmutableMatrix:
    reduce = {
        "max": max,
        "avg": lambda w: sum(w) / len(w),
        "sum": sum,
    }[mode]
    grid = [[reduce(exact(w)) for w in row] for row in _windows(x, k, s)]
    return sympy.ImmutableMatrix(grid)


@register
class Pool2dMatrix(Template):
    slug = "pool2d-matrix"
    title = "2-D pooling of a matrix"
    area = "dl"
    topic = "pooling"
    difficulty = 1
    kind = "matrix"
    options = {"rel_tol": 1e-3}
    params = (
        P.int_matrix("X", (4, 6), (4, 6), 0, 9, description="input feature map"),
        P.count("K", 2, 3, limit=12, description="window size (square)"),
        P.count("S", 1, 3, limit=12, description="stride"),
        P.choice("mode", ("max", "avg"), description="max or average pooling"),
    )

    def check(self, p: Params) -> None:
        rows, cols = len(p["X"]), len(p["X"][0])
        if p["K"] > min(rows, cols):
            raise TemplateError(
                f"the {p['K']}×{p['K']} window does not fit in a {rows}×{cols} input."
            )

    def reject(self, p: Params) -> str | None:
        if p["S"] > p["K"]:
            return "a stride larger than the window skips entries"
        rows, cols = ((n - p["K"]) // p["S"] + 1 for n in (len(p["X"]), len(p["X"][0])))
        if rows * cols < 4 or rows * cols > 9:
            return "output too small or too large to work by hand"
        if len(set(self.answer(p))) == 1:
            return "every window gives the same value"
        return None

    def answer(self, p: Params) -> sympy.ImmutableMatrix:
        return _pool(p["X"], p["K"], p["S"], p["mode"])

    def prompt(self, p: Params) -> str:
        layer = "MaxPool2d" if p["mode"] == "max" else "AvgPool2d"
        precision = "" if p["mode"] == "max" else " (each entry to 3 significant figures)"
        return (
            f"Apply `nn.{layer}(kernel_size={p['K']}, stride={p['S']})` (no padding) to the "
            f"single-channel input\n\n$$X = {tex_matrix(p['X'])}.$$\n\n"
            f"Give the output as a matrix, e.g. `[[1, 2], [3, 4]]`{precision}."
        )

    def solution(self, p: Params, answer: Any) -> str:
        k, s = p["K"], p["S"]
        what = "largest entry" if p["mode"] == "max" else "mean"
        rows, cols = answer.shape
        lines = [
            f"Output size: $\\lfloor ({len(p['X'])} - {k}) / {s} \\rfloor + 1 = {rows}$ rows and "
            f"$\\lfloor ({len(p['X'][0])} - {k}) / {s} \\rfloor + 1 = {cols}$ columns.",
            f"Each output is the {what} of a ${k} \\times {k}$ window; windows start every "
            f"${s}$ entries:",
        ]
        for i, row in enumerate(_windows(p["X"], k, s)):
            for j, window in enumerate(row):
                entries = ", ".join(num(v) for v in window)
                op = r"\max" if p["mode"] == "max" else r"\operatorname{mean}"
                lines.append(f"$y_{{{i + 1}{j + 1}}} = {op}({entries}) = {num(answer[i, j])}$")
        lines.append(f"$$Y = {tex_matrix(answer)}$$")
        return steps(*lines)

    def mistakes(self, p: Params, answer: Any) -> list[Mistake]:
        k, s, x = p["K"], p["S"], p["X"]
        found = []
        if p["mode"] == "max":
            found.append(
                Mistake(
                    _pool(x, k, s, "avg"),
                    "That is average pooling; MaxPool2d keeps the largest entry of each window.",
                )
            )
        else:
            found.append(
                Mistake(
                    _pool(x, k, s, "max"),
                    "That is max pooling; AvgPool2d takes the mean of each window.",
                )
            )
            found.append(
                Mistake(
                    _pool(x, k, s, "sum"),
                    "Divide each window's sum by its K² entries to get the average.",
                )
            )
        if s != k and min(len(x), len(x[0])) >= 2 * k:
            found.append(
                Mistake(
                    _pool(x, k, k, p["mode"]),
                    f"The stride is {s}, not the window size: windows start every {s} entries.",
                )
            )
        return found


def _correlate(
    x: list[list[Any]], kernel: list[list[Any]], bias: Any, *, flip: bool = False
) -> sympy.ImmutableMatrix:
    w = [row[::-1] for row in kernel[::-1]] if flip else kernel
    kh, kw = len(w), len(w[0])
    grid = [
        [
            sum(exact(x[i + a][j + b]) * exact(w[a][b]) for a in range(kh) for b in range(kw))
            + exact(bias)
            for j in range(len(x[0]) - kw + 1)
        ]
        for i in range(len(x) - kh + 1)
    ]
    return sympy.ImmutableMatrix(grid)


def _draw_kernel(rng: np.random.Generator, values: dict[str, Any]) -> list[list[int]]:
    size = int(rng.integers(2, 4))
    return [[int(v) for v in row] for row in rng.integers(-1, 3, size=(size, size))]


@register
class Conv2dMatrix(Template):
    slug = "conv2d-matrix"
    title = "2-D convolution of a matrix"
    area = "dl"
    topic = "convolution"
    difficulty = 2
    kind = "matrix"
    params = (
        P.int_matrix("X", (3, 5), (3, 5), -2, 3, description="input (one channel)"),
        P.custom("kernel", _draw_kernel, P.check_matrix, description="kernel"),
        P.custom("b", lambda rng, v: int(rng.integers(-2, 3)), P.check_number, description="bias"),
    )

    def check(self, p: Params) -> None:
        x, w = p["X"], p["kernel"]
        if len(w) > len(x) or len(w[0]) > len(x[0]):
            raise TemplateError(
                f"the {len(w)}×{len(w[0])} kernel does not fit in the {len(x)}×{len(x[0])} input."
            )

    def reject(self, p: Params) -> str | None:
        x, w = p["X"], p["kernel"]
        outputs = (len(x) - len(w) + 1) * (len(x[0]) - len(w[0]) + 1)
        if not 2 <= outputs <= 6:
            return "output too small or too large to work by hand"
        if w == [row[::-1] for row in w[::-1]]:
            return "a symmetric kernel hides the flip"
        return None

    def answer(self, p: Params) -> sympy.ImmutableMatrix:
        return _correlate(p["X"], p["kernel"], p["b"])

    def prompt(self, p: Params) -> str:
        return (
            "A convolution layer as in PyTorch (cross-correlation: the kernel is not flipped), "
            f"stride 1 and no padding, with kernel $W$ and bias $b = {num(exact(p['b']))}$ is "
            f"applied to the input $X$:\n\n$$X = {tex_matrix(p['X'])}, \\quad "
            f"W = {tex_matrix(p['kernel'])}.$$\n\nGive the output as a matrix, e.g. "
            "`[[1, 2], [3, 4]]`."
        )

    def solution(self, p: Params, answer: Any) -> str:
        x, w = p["X"], p["kernel"]
        kh, kw = len(w), len(w[0])
        rows, cols = answer.shape
        lines = [
            f"Output size: $({len(x)} - {kh} + 1) \\times ({len(x[0])} - {kw} + 1) = "
            f"{rows} \\times {cols}$.",
            "Slide $W$ over $X$; each output is the sum of element-wise products with the "
            "window under it, plus the bias:",
        ]
        for i in range(rows):
            for j in range(cols):
                terms = " + ".join(
                    f"({num(x[i + a][j + c])})({num(w[a][c])})"
                    for a in range(kh)
                    for c in range(kw)
                )
                lines.append(
                    f"$y_{{{i + 1}{j + 1}}} = {terms} + {paren(exact(p['b']))} = {num(answer[i, j])}$"
                )
        lines.append(f"$$Y = {tex_matrix(answer)}$$")
        return steps(*lines)

    def mistakes(self, p: Params, answer: Any) -> list[Mistake]:
        x, w, b = p["X"], p["kernel"], p["b"]
        found = [
            Mistake(
                _correlate(x, w, b, flip=True),
                "You flipped the kernel (the mathematical convolution); PyTorch's Conv2d slides the kernel as is (cross-correlation).",
            )
        ]
        if b:
            found.append(
                Mistake(_correlate(x, w, 0), "You forgot to add the bias to every output.")
            )
        return found
