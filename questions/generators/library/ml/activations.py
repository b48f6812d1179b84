"""Activation templates: softmax, the sigmoid's derivative, and any of eight activation
functions (value or derivative) with PyTorch's conventions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import sympy

from ... import params as P
from ...base import Mistake, Template, TemplateError
from ...formatting import decimal, steps
from ...formatting import vector as tex_vector
from ...registry import register
from ...values import exact
from . import activation_functions as F
from ._shared import DECIMAL, TO_3SF, check_optional_number, distinct, equals, pick, show, tidy

Z_VALUES = [
    -3, -2.5, -2, -1.5, -1.2, -1, -0.8, -0.5, -0.3, -0.1, 0,
    0.1, 0.3, 0.5, 0.8, 1, 1.2, 1.5, 2, 2.5, 3,
]  # fmt: skip


def _check_logits(value: Any) -> list:
    items = P.check_vector(value)
    if any(abs(item) > 100 for item in items):
        raise ValueError("keep the logits within ±100")
    return items


@register
class Softmax(Template):
    slug = "softmax"
    title = "Softmax of a logit vector"
    area = "ml"
    topic = "softmax"
    difficulty = 1
    kind = "vector"
    options = DECIMAL
    params = (
        P.custom(
            "z",
            lambda rng, v: [int(k) for k in rng.integers(-2, 4, size=int(rng.integers(3, 5)))],
            _check_logits,
            description="logits",
        ),
    )

    def reject(self, p: Mapping[str, Any]) -> str | None:
        if len(set(p["z"])) == 1:
            return "all logits equal (uniform output)"
        return None

    def answer(self, p: Mapping[str, Any]) -> list:
        exps = [sympy.exp(z) for z in map(exact, p["z"])]
        total = sum(exps)
        return [e / total for e in exps]

    def prompt(self, p: Mapping[str, Any]) -> str:
        return (
            f"The output layer of a classifier produces the logits "
            f"$z = {tex_vector([tidy(exact(z)) for z in p['z']], show)}$. "
            "Compute $\\operatorname{softmax}(z)$, as a vector.\n\n"
            "Give each entry to 3 significant figures (graded within 0.1%), or exactly."
        )

    def solution(self, p: Mapping[str, Any], answer: list) -> str:
        zs = list(map(exact, p["z"]))
        total = sum(sympy.exp(z) for z in zs)
        return steps(
            r"$\operatorname{softmax}(z)_i = \frac{e^{z_i}}{\sum_j e^{z_j}}$: exponentiate, then "
            "divide by the sum so the entries are positive and add up to 1.",
            "Exponentials: "
            + ", ".join(f"$e^{{{show(z)}}} \\approx {decimal(sympy.exp(z), 5)}$" for z in zs)
            + ".",
            f"Their sum: $\\sum_j e^{{z_j}} \\approx {decimal(total, 5)}$.",
            "Divide each exponential by the sum: "
            f"$\\operatorname{{softmax}}(z) \\approx {tex_vector(answer, lambda a: decimal(a, 4))}$.",
        )

    def mistakes(self, p: Mapping[str, Any], answer: list) -> list[Mistake]:
        zs = list(map(exact, p["z"]))
        found = [
            Mistake([sympy.exp(z) for z in zs], "Normalise: divide each e^(zᵢ) by the sum of all of them, so the entries add up to 1."),
            Mistake([F.sigmoid(z) for z in zs], "That is the sigmoid of each logit on its own; softmax normalises across all the logits."),
            Mistake([sympy.exp(-z) / sum(sympy.exp(-y) for y in zs) for z in zs], "Sign: softmax uses e^(+zᵢ), so the largest logit gets the largest probability."),
        ]  # fmt: skip
        if sum(zs) != 0:
            found.append(Mistake([tidy(z / sum(zs)) for z in zs], "Exponentiate first: softmax divides e^(zᵢ) by Σ e^(zⱼ), not zᵢ by Σ zⱼ."))  # fmt: skip
        return distinct(answer, found)


@register
class SigmoidDerivative(Template):
    slug = "sigmoid-derivative"
    title = "Derivative of the sigmoid"
    area = "ml"
    topic = "sigmoid-tanh"
    difficulty = 1
    kind = "numeric"
    options = DECIMAL
    params = (
        P.custom(
            "z",
            lambda rng, v: tidy(sympy.Rational(int(rng.integers(-40, 41)), 10)),
            lambda v: P.check_number(v, -100, 100),
            description="input of the sigmoid",
        ),
    )

    def answer(self, p: Mapping[str, Any]) -> Any:
        # σ(1 − σ) written as e^(−z)/(1 + e^(−z))², the shorter exact form
        e = sympy.exp(-exact(p["z"]))
        return e / (1 + e) ** 2

    def prompt(self, p: Mapping[str, Any]) -> str:
        return (
            "For the logistic sigmoid $\\sigma(z) = \\frac{1}{1 + e^{-z}}$, compute the "
            f"derivative $\\sigma'(z)$ at $z = {show(p['z'])}$.\n\n{TO_3SF}"
        )

    def solution(self, p: Mapping[str, Any], answer: Any) -> str:
        z = exact(p["z"])
        s = F.sigmoid(z)
        return steps(
            r"The sigmoid's derivative is $\sigma'(z) = \sigma(z)\,(1 - \sigma(z))$.",
            f"$\\sigma({show(z)}) = \\frac{{1}}{{1 + e^{{{show(-z)}}}}} \\approx {decimal(s, 5)}$.",
            f"$\\sigma'({show(z)}) \\approx {decimal(s, 5)} \\cdot {decimal(1 - s, 5)} "
            f"\\approx {decimal(answer, 4)}$.",
        )

    def mistakes(self, p: Mapping[str, Any], answer: Any) -> list[Mistake]:
        z = exact(p["z"])
        s = F.sigmoid(z)
        return distinct(answer, [
            Mistake(s, "That is σ(z) itself; the derivative is σ(z)(1 − σ(z))."),
            Mistake(tidy(z * (1 - z)), "Apply the formula to σ(z), not to z: σ′(z) = σ(z)(1 − σ(z))."),
            Mistake(1 - s**2, "1 − f² is the pattern of tanh′; for the sigmoid it is σ(1 − σ)."),
        ])  # fmt: skip


def _draw_alpha(rng: np.random.Generator, values: dict[str, Any]) -> Any:
    if values["fn"] == "leaky_relu":
        return pick(rng, [0.01, 0.05, 0.1, 0.2])
    if values["fn"] == "elu":
        return pick(rng, [1, 0.5, 2])
    return None


class _Activation(Template):
    """`activation` and `activation-derivative`: the same parameters, value or slope."""

    area = "ml"
    topic = "activations"  # spans sigmoid/tanh and the ReLU family: the parent topic
    kind = "numeric"
    options = DECIMAL
    slope = False
    params = (
        P.choice("fn", F.FUNCTIONS, description="activation function"),
        P.number("z", Z_VALUES, low=-20, high=20, description="input"),
        P.custom("alpha", _draw_alpha, check_optional_number, optional=True,
                 description="leaky ReLU slope or ELU scale (only for those; null = default)"),
    )  # fmt: skip

    def check(self, p: Mapping[str, Any]) -> None:
        alpha = p["alpha"]
        if alpha is None:
            return
        if p["fn"] not in F.DEFAULT_ALPHA:
            raise TemplateError(
                f"alpha applies only to leaky_relu and elu; leave it out (null) for {p['fn']}."
            )
        if not 0 < alpha <= 10:
            raise TemplateError(f"alpha must be greater than 0 and at most 10, got {alpha}.")

    def reject(self, p: Mapping[str, Any]) -> str | None:
        if p["fn"] == "gelu" and p["z"] == 0:
            return "GELU at 0 is trivial"
        return None

    @staticmethod
    def _args(p: Mapping[str, Any]) -> tuple[str, sympy.Rational, sympy.Rational]:
        fn = p["fn"]
        alpha = p["alpha"] if p["alpha"] is not None else F.DEFAULT_ALPHA.get(fn, 0)
        return fn, exact(p["z"]), exact(alpha)

    def answer(self, p: Mapping[str, Any]) -> Any:
        fn, z, alpha = self._args(p)
        return tidy(F.derivative(fn, z, alpha) if self.slope else F.value(fn, z, alpha))

    def prompt(self, p: Mapping[str, Any]) -> str:
        fn, z, alpha = self._args(p)
        name = F.NAMES[fn]
        if fn == "leaky_relu":
            name += f" with negative slope $\\alpha = {show(alpha)}$"
        elif fn == "elu":
            name += f" with $\\alpha = {show(alpha)}$"
        what = "the derivative $f'(z)$" if self.slope else "$f(z)$"
        note = ""
        if self.slope and fn in F.PIECEWISE and z == 0:
            note = " At the kink $z = 0$, use the value PyTorch's autograd uses (the left slope)."
        return (
            f"Let $f$ be {name}. Compute {what} at $z = {show(z)}$.{note}\n\n"
            "Give the answer to 3 significant figures (graded within 0.1%), or exactly."
        )

    def solution(self, p: Mapping[str, Any], answer: Any) -> str:
        fn, z, alpha = self._args(p)
        formula = F.DERIVATIVES[fn] if self.slope else F.DEFINITIONS[fn]
        alpha_note = f" with $\\alpha = {show(alpha)}$" if fn in F.DEFAULT_ALPHA else ""
        symbol = "f'" if self.slope else "f"
        return steps(
            f"${formula}${alpha_note}.",
            *F.working(fn, z, alpha, slope=self.slope),
            f"${symbol}({show(z)}) {equals(answer)}$.",
        )

    def mistakes(self, p: Mapping[str, Any], answer: Any) -> list[Mistake]:
        fn, z, alpha = self._args(p)
        found = (F.derivative_mistakes if self.slope else F.value_mistakes)(fn, z, alpha)
        return distinct(answer, [Mistake(tidy(m.answer), m.feedback) for m in found])


@register
class Activation(_Activation):
    slug = "activation"
    title = "Value of an activation function"
    difficulty = 1


@register
class ActivationDerivative(_Activation):
    slug = "activation-derivative"
    title = "Derivative of an activation function"
    difficulty = 2
    slope = True
