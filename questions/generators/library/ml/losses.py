"""Loss templates: mean squared error, cross-entropy and an L2-regularised loss."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import sympy

from ... import params as P
from ...base import Mistake, Template, TemplateError
from ...formatting import decimal, steps
from ...registry import register
from ...values import exact
from ._shared import (
    DECIMAL,
    TO_3SF,
    check_probability_vector,
    decimals,
    distinct,
    equals,
    exact_vector,
    same_length,
    show,
    tidy,
    vec,
)


@register
class MeanSquaredError(Template):
    slug = "mse"
    title = "Mean squared error"
    area = "ml"
    topic = "mse"
    difficulty = 1
    kind = "numeric"
    options = DECIMAL

    @staticmethod
    def _draw_y_hat(rng: np.random.Generator, values: dict[str, Any]) -> list:
        # predictions within ±2 of the targets, in halves
        offsets = rng.integers(-4, 5, size=len(values["y"]))
        return [
            tidy(exact(y) + sympy.Rational(int(k), 2))
            for y, k in zip(values["y"], offsets, strict=True)
        ]

    params = (
        P.int_vector("y", (3, 5), -2, 8, description="targets"),
        P.custom("y_hat", _draw_y_hat, P.check_vector, description="predictions"),
    )

    def check(self, p: Mapping[str, Any]) -> None:
        same_length(p, "y", "y_hat")

    def reject(self, p: Mapping[str, Any]) -> str | None:
        if sum(a != b for a, b in zip(p["y"], p["y_hat"], strict=True)) < 2:
            return "fewer than two predictions miss their targets"
        return None

    @staticmethod
    def _errors(p: Mapping[str, Any]) -> list[sympy.Rational]:
        return [a - b for a, b in zip(exact_vector(p["y"]), exact_vector(p["y_hat"]), strict=True)]

    def answer(self, p: Mapping[str, Any]) -> Any:
        errors = self._errors(p)
        return tidy(sum(e**2 for e in errors) / len(errors))

    def prompt(self, p: Mapping[str, Any]) -> str:
        return (
            f"A regression model predicts $\\hat y = {vec(p['y_hat'])}$ for the targets "
            f"$y = {vec(p['y'])}$. Compute the mean squared error (MSE) of these predictions.\n\n"
            f"{TO_3SF}"
        )

    def solution(self, p: Mapping[str, Any], answer: Any) -> str:
        errors = self._errors(p)
        squares = [e**2 for e in errors]
        total = sum(squares)
        return steps(
            r"$\mathrm{MSE} = \frac{1}{n}\sum_{i=1}^{n} (y_i - \hat y_i)^2$, "
            f"here with $n = {len(errors)}$.",
            f"Errors $y_i - \\hat y_i$: ${vec(errors)}$.",
            f"Squared errors: ${vec(squares)}$, which sum to ${show(total)}$.",
            f"Divide by $n$: $\\mathrm{{MSE}} = {show(total)} / {len(errors)} {equals(answer)}$.",
        )

    def mistakes(self, p: Mapping[str, Any], answer: Any) -> list[Mistake]:
        errors = self._errors(p)
        n = len(errors)
        total = sum(e**2 for e in errors)
        return distinct(answer, [
            Mistake(tidy(total), "That is the sum of squared errors: MSE is the mean, so divide by n."),
            Mistake(sympy.sqrt(total / n), "That is the root mean squared error (RMSE): MSE has no square root."),
            Mistake(tidy(sum(abs(e) for e in errors) / n), "That is the mean absolute error: square each error before averaging."),
            Mistake(tidy((sum(errors) / n) ** 2), "You squared the mean error: square each error first, then take the mean."),
        ])  # fmt: skip


def _composition(rng: np.random.Generator, total: int, parts: int) -> list[int]:
    """`parts` positive whole numbers summing to `total`, uniformly over compositions."""
    cuts = sorted(int(c) for c in rng.choice(np.arange(1, total), size=parts - 1, replace=False))
    return [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]


@register
class CrossEntropy(Template):
    slug = "cross-entropy"
    title = "Cross-entropy between two distributions"
    area = "ml"
    topic = "cross-entropy"
    difficulty = 2
    kind = "numeric"
    options = DECIMAL

    @staticmethod
    def _draw_p(rng: np.random.Generator, values: dict[str, Any]) -> list:
        k = int(rng.integers(2, 5))
        if rng.random() < 0.6:  # a one-hot label, as in classification
            p = [0] * k
            p[int(rng.integers(k))] = 1
            return p
        return [tidy(sympy.Rational(c, 10)) for c in _composition(rng, 10, k)]

    @staticmethod
    def _draw_q(rng: np.random.Generator, values: dict[str, Any]) -> list:
        scale = 10 if rng.random() < 0.6 else 20
        parts = _composition(rng, scale, len(values["p"]))
        return [tidy(sympy.Rational(c, scale)) for c in parts]

    params = (
        P.custom("p", _draw_p, check_probability_vector, description="target distribution"),
        P.custom("q", _draw_q, check_probability_vector, description="predicted distribution"),
    )

    def check(self, p: Mapping[str, Any]) -> None:
        same_length(p, "p", "q")
        for i, (pi, qi) in enumerate(zip(p["p"], p["q"], strict=True), start=1):
            if pi > 0 and qi <= 0:
                raise TemplateError(
                    f"q_{i} is 0 where p_{i} > 0: the cross-entropy is infinite. "
                    "The prediction must give every possible target a positive probability."
                )

    @staticmethod
    def _terms(p: Mapping[str, Any]) -> list[tuple[int, sympy.Rational, sympy.Rational]]:
        pairs = zip(exact_vector(p["p"]), exact_vector(p["q"]), strict=True)
        return [(i, pi, qi) for i, (pi, qi) in enumerate(pairs, start=1) if pi != 0]

    def answer(self, p: Mapping[str, Any]) -> Any:
        return -sum(pi * sympy.log(qi) for _, pi, qi in self._terms(p))

    def prompt(self, p: Mapping[str, Any]) -> str:
        return (
            f"A classifier predicts the distribution $q = {vec(p['q'])}$ over "
            f"{len(p['q'])} classes; the target distribution is $p = {vec(p['p'])}$. "
            "Compute the cross-entropy $H(p, q)$, using the natural log.\n\n"
            f"{TO_3SF}"
        )

    def solution(self, p: Mapping[str, Any], answer: Any) -> str:
        terms = [
            f"{show(pi)} \\ln {show(qi)}" if pi != 1 else f"\\ln {show(qi)}"
            for _, pi, qi in self._terms(p)
        ]
        lines = [
            r"$H(p, q) = -\sum_i p_i \ln q_i$; classes with $p_i = 0$ contribute nothing.",
            f"Here: $H(p, q) = -\\left({' + '.join(terms)}\\right)$.",
        ]
        for i, pi, qi in self._terms(p):
            lines.append(
                f"Class {i}: $-{show(pi)} \\cdot \\ln {show(qi)} = "
                f"{decimal(-pi * sympy.log(qi), 4)}$."
            )
        lines.append(f"Sum: $H(p, q) \\approx {decimal(answer, 4)}$ (nats).")
        return steps(*lines)

    def mistakes(self, p: Mapping[str, Any], answer: Any) -> list[Mistake]:
        found = [
            Mistake(answer / sympy.log(10), "You used log base 10: here log is the natural log (ln)."),
            Mistake(answer / sympy.log(2), "You used log base 2 (bits): here log is the natural log, so the answer is in nats."),
            Mistake(-answer, "Mind the minus sign: H(p, q) = −Σ pᵢ ln qᵢ is positive because ln qᵢ ≤ 0."),
            Mistake(-sum(sympy.log(q) for q in exact_vector(p["q"])), "Weight each −ln qᵢ by the target probability pᵢ; do not sum over all classes equally."),
        ]  # fmt: skip
        if all(pi > 0 for pi in p["p"]):
            pairs = zip(exact_vector(p["p"]), exact_vector(p["q"]), strict=True)
            swapped = -sum(qi * sympy.log(pi) for pi, qi in pairs)
            found.append(
                Mistake(
                    swapped,
                    "You swapped p and q: the log goes on the prediction q, the weights are the targets p.",
                )
            )
        return distinct(answer, found)


@register
class L2RegularisedLoss(Template):
    slug = "l2-regularized-loss"
    title = "L2-regularised loss"
    area = "ml"
    topic = "regularization"
    difficulty = 1
    kind = "numeric"
    options = DECIMAL
    params = (
        P.custom("data_loss", lambda rng, v: decimals(rng, 1, 2, 30)[0],
                 lambda v: P.check_number(v, 0), description="unregularised loss"),
        P.number("lam", [0.01, 0.05, 0.1, 0.2, 0.5, 1], low=0, description="penalty weight λ"),
        P.custom("w", lambda rng, v: decimals(rng, int(rng.integers(2, 5)), -4, 4, scale=2),
                 P.check_vector, description="weights (no bias)"),
    )  # fmt: skip

    def reject(self, p: Mapping[str, Any]) -> str | None:
        if sum(1 for w in p["w"] if w != 0) < 2:
            return "fewer than two non-zero weights"
        return None

    def _penalty(self, p: Mapping[str, Any]) -> sympy.Rational:
        return sum(w**2 for w in exact_vector(p["w"]))

    def answer(self, p: Mapping[str, Any]) -> Any:
        return tidy(exact(p["data_loss"]) + exact(p["lam"]) * self._penalty(p))

    def prompt(self, p: Mapping[str, Any]) -> str:
        return (
            f"A model with weights $w = {vec(p['w'])}$ has a data loss of "
            f"${show(p['data_loss'])}$ on a batch. Training minimises "
            r"$L = L_{\text{data}} + \lambda \sum_j w_j^2$ "
            f"with $\\lambda = {show(p['lam'])}$. What is $L$?\n\n{TO_3SF}"
        )

    def solution(self, p: Mapping[str, Any], answer: Any) -> str:
        squares = [w**2 for w in exact_vector(p["w"])]
        penalty = self._penalty(p)
        weighted = exact(p["lam"]) * penalty
        return steps(
            r"The L2 penalty is $\lambda \lVert w \rVert_2^2 = \lambda \sum_j w_j^2$ "
            "(the sum of squares, no square root).",
            f"Squares: ${' + '.join(show(s) for s in squares)} = {show(penalty)}$.",
            f"Penalty: ${show(p['lam'])} \\cdot {show(penalty)} = {show(weighted)}$.",
            f"Total: $L = {show(p['data_loss'])} + {show(weighted)} = {show(answer)}$.",
        )

    def mistakes(self, p: Mapping[str, Any], answer: Any) -> list[Mistake]:
        data, lam, ws = exact(p["data_loss"]), exact(p["lam"]), exact_vector(p["w"])
        penalty = self._penalty(p)
        return distinct(answer, [
            Mistake(tidy(data + lam * sum(abs(w) for w in ws)), "That is the L1 penalty (sum of |wⱼ|): L2 sums the squares."),
            Mistake(data + lam * sympy.sqrt(penalty), "The L2 penalty uses the squared norm, not the norm itself: no square root."),
            Mistake(tidy(data + penalty), "Multiply the sum of squares by λ before adding it."),
            Mistake(tidy(data + lam * penalty / 2), "This question's penalty is λΣwⱼ², without the ½ some texts use."),
        ])  # fmt: skip
