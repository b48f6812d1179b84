"""Linear-model templates: perceptron output, SVM margin, and the linear regions of a shallow
ReLU network."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import sympy

from ... import params as P
from ...base import Mistake, Template
from ...formatting import steps, tex
from ...registry import register
from ...values import exact
from ._shared import (
    DECIMAL,
    TO_3SF,
    decimals,
    distinct,
    equals,
    exact_vector,
    paren,
    same_length,
    show,
    tidy,
    vec,
)


@register
class PerceptronOutput(Template):
    slug = "perceptron-output"
    title = "Output of a perceptron"
    area = "ml"
    topic = "perceptron"
    difficulty = 1
    kind = "integer"

    @staticmethod
    def _draw_x(rng: np.random.Generator, values: dict[str, Any]) -> list[int]:
        n = len(values["w"])
        if rng.random() < 0.5:
            return [int(v) for v in rng.integers(0, 2, size=n)]
        return [int(v) for v in rng.integers(-2, 3, size=n)]

    params = (
        P.custom("w", lambda rng, v: decimals(rng, int(rng.integers(2, 5)), -10, 10),
                 P.check_vector, description="weights"),
        P.custom("x", _draw_x, P.check_vector, description="input"),
        P.custom("t", lambda rng, v: decimals(rng, 1, -5, 10)[0], P.check_number,
                 description="threshold"),
    )  # fmt: skip

    def check(self, p: Mapping[str, Any]) -> None:
        same_length(p, "w", "x")

    def reject(self, p: Mapping[str, Any]) -> str | None:
        if not any(p["x"]) or p["t"] == 0:
            return "a zero input or a zero threshold"
        return None

    @staticmethod
    def _net(p: Mapping[str, Any]) -> sympy.Rational:
        pairs = zip(exact_vector(p["w"]), exact_vector(p["x"]), strict=True)
        return sum(w * x for w, x in pairs)

    def answer(self, p: Mapping[str, Any]) -> int:
        return int(bool(self._net(p) - exact(p["t"]) > 0))

    def prompt(self, p: Mapping[str, Any]) -> str:
        return (
            f"A perceptron has weights $w = {vec(p['w'])}$ and threshold $t = {show(p['t'])}$: "
            "it outputs $Y = 1$ when the weighted sum of its inputs exceeds the threshold, and "
            f"$Y = 0$ otherwise. What does it output for the input $x = {vec(p['x'])}$?"
        )

    def solution(self, p: Mapping[str, Any], answer: int) -> str:
        net, t = self._net(p), exact(p["t"])
        terms = " + ".join(
            f"{paren(w)} \\cdot {paren(x)}" for w, x in zip(p["w"], p["x"], strict=True)
        )
        relation = ">" if net - t > 0 else r"\le"
        return steps(
            r"$Y = 1$ if $\sum_i w_i x_i - t > 0$, else $Y = 0$ (a step function).",
            f"Weighted sum: $\\sum_i w_i x_i = {terms} = {show(net)}$.",
            f"Compare: ${show(net)} - {paren(t)} = {show(net - t)} {relation} 0$, so $Y = {answer}$.",
        )

    def mistakes(self, p: Mapping[str, Any], answer: int) -> list[Mistake]:
        net, t = self._net(p), exact(p["t"])
        found = []
        if net == t:
            found.append(
                Mistake(1, "The weighted sum must exceed the threshold strictly: equal gives 0.")
            )
        found.append(
            Mistake(
                int(bool(net > 0)), "Subtract the threshold: compare Σ wᵢxᵢ with t, not with 0."
            )
        )
        found.append(
            Mistake(int(bool(net + t > 0)), "The threshold is subtracted (Σ wᵢxᵢ − t), not added.")
        )
        if answer == 0:
            found.append(
                Mistake(-1, "This perceptron outputs 0 or 1 (a step), not −1 or +1 (a sign).")
            )
        return found


@register
class SvmMargin(Template):
    slug = "svm-margin"
    title = "Margin of a linear SVM"
    area = "ml"
    topic = "svm"
    difficulty = 1
    kind = "numeric"
    options = DECIMAL
    params = (
        P.custom(
            "w",
            lambda rng, v: [int(k) for k in rng.integers(-4, 5, size=int(rng.integers(2, 4)))],
            lambda v: P.check_vector(v, nonzero=True),
            description="normal vector of the hyperplane",
        ),
    )

    def reject(self, p: Mapping[str, Any]) -> str | None:
        return None if sum(1 for w in p["w"] if w) >= 2 else "fewer than two non-zero entries"

    @staticmethod
    def _norm_squared(p: Mapping[str, Any]) -> sympy.Rational:
        return sum(w**2 for w in exact_vector(p["w"]))

    def answer(self, p: Mapping[str, Any]) -> Any:
        return tidy(2 / sympy.sqrt(self._norm_squared(p)))

    def prompt(self, p: Mapping[str, Any]) -> str:
        return (
            "A trained hard-margin linear SVM has the decision boundary $w^\\top x + b = 0$ "
            f"with $w = {vec(p['w'])}$, scaled so that the support vectors satisfy "
            "$|w^\\top x + b| = 1$. What is the width of the margin (the distance between the "
            f"hyperplanes $w^\\top x + b = 1$ and $w^\\top x + b = -1$)?\n\n{TO_3SF}"
        )

    def solution(self, p: Mapping[str, Any], answer: Any) -> str:
        squares = " + ".join(f"{paren(w)}^2" for w in p["w"])
        norm = sympy.sqrt(self._norm_squared(p))
        return steps(
            r"Each supporting hyperplane lies at distance $1/\lVert w \rVert$ from the boundary, "
            r"so the margin is $2/\lVert w \rVert$.",
            f"$\\lVert w \\rVert = \\sqrt{{{squares}}} {equals(norm)}$.",
            f"Margin: $2 / {tex(norm)} {equals(answer)}$.",
        )

    def mistakes(self, p: Mapping[str, Any], answer: Any) -> list[Mistake]:
        norm2 = self._norm_squared(p)
        l1 = sum(abs(w) for w in exact_vector(p["w"]))
        return distinct(answer, [
            Mistake(tidy(1 / sympy.sqrt(norm2)), "That is the distance from the boundary to one side; the margin spans both sides: 2/‖w‖."),
            Mistake(tidy(2 / norm2), "Divide by the norm ‖w‖, not by its square ‖w‖²."),
            Mistake(tidy(2 / l1), "Use the Euclidean norm ‖w‖₂ = √(Σwᵢ²), not the sum of |wᵢ|."),
            Mistake(tidy(sympy.sqrt(norm2) / 2), "Inverted: the margin is 2/‖w‖, so a larger ‖w‖ gives a narrower margin."),
        ])  # fmt: skip


@register
class ReluLinearRegions(Template):
    slug = "relu-linear-regions"
    title = "Linear regions of a shallow ReLU network"
    area = "ml"
    topic = "neural-network-theory"
    difficulty = 1
    kind = "integer"
    params = (P.count("n_hidden", 1, 100, limit=10_000, description="hidden ReLU units"),)

    def answer(self, p: Mapping[str, Any]) -> int:
        return p["n_hidden"] + 1

    def prompt(self, p: Mapping[str, Any]) -> str:
        return (
            "A shallow network maps a single input $x \\in \\mathbb{R}$ through one hidden "
            f"layer of {p['n_hidden']} ReLU units to a linear output. At most how many linear "
            "regions can its input-output function have?"
        )

    def solution(self, p: Mapping[str, Any], answer: int) -> str:
        n = p["n_hidden"]
        return steps(
            r"Hidden unit $i$ computes $\max(0, a_i x + b_i)$: it bends the output at one point, "
            r"$x = -b_i / a_i$ (its kink).",
            f"{n} units give at most {n} distinct kinks on the real line.",
            f"{n} points cut a line into at most {n} + 1 = {answer} intervals, and the output is "
            "linear on each: the maximum is reached when all kinks are distinct.",
        )

    def mistakes(self, p: Mapping[str, Any], answer: int) -> list[Mistake]:
        n = p["n_hidden"]
        found = [
            Mistake(n, "n kinks split the line into n + 1 pieces: add one."),
            Mistake(2 * n, "Each unit adds one kink (one new region), not two."),
        ]
        if n <= 1_000:
            found.append(
                Mistake(
                    2**n,
                    "2ⁿ counts on/off patterns; with a 1-D input only n + 1 of them can occur.",
                )
            )
        return found
