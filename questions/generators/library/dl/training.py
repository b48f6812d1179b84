"""Training-time layers by hand: batch normalisation of a small batch and inverted dropout."""

from __future__ import annotations

from typing import Any

import sympy

from ... import params as P
from ...base import Mistake, Template, TemplateError
from ...formatting import decimal, num, steps
from ...formatting import vector as tex_vector
from ...registry import register
from ...values import exact
from .common import Params


def _normalise(
    p: Params, *, unbiased: bool = False, sqrt: bool = True, affine: bool = True
) -> list:
    x = exact(p["x"])
    n = len(x)
    mean = sum(x) / n
    variance = sum((v - mean) ** 2 for v in x) / (n - 1 if unbiased else n)
    scale = sympy.sqrt(variance) if sqrt else variance
    gamma, beta = (exact(p["gamma"]), exact(p["beta"])) if affine else (1, 0)
    return [gamma * (v - mean) / scale + beta for v in x]


@register
class BatchNorm(Template):
    slug = "batch-norm"
    title = "Batch normalisation of a small batch"
    area = "dl"
    topic = "training-practice"
    difficulty = 2
    kind = "vector"
    options = {"rel_tol": 1e-3}
    params = (
        P.int_vector("x", (3, 5), 0, 9, description="one feature over the batch"),
        P.number("gamma", (1, 1, 2, 3, 0.5), description="scale γ"),
        P.number("beta", (0, 0, 1, -1, 2, 0.5), description="shift β"),
    )

    def check(self, p: Params) -> None:
        if len(p["x"]) < 2:
            raise TemplateError("x needs at least 2 values: a batch of one has no variance.")
        if len(set(p["x"])) == 1:
            raise TemplateError("all values of x are equal: the variance is 0 and ε = 0.")

    def reject(self, p: Params) -> str | None:
        mean = sum(p["x"]) / len(p["x"])
        if len({abs(v - mean) for v in p["x"]}) == 1:
            return "every value is exactly one standard deviation from the mean"
        return None

    def answer(self, p: Params) -> list:
        return _normalise(p)

    def prompt(self, p: Params) -> str:
        return (
            "A batch-normalisation layer in training mode normalises one feature over a batch "
            f"of {len(p['x'])} examples with values $x = {tex_vector(p['x'])}$, using the batch "
            "mean and the biased batch variance (divide by $n$, as PyTorch does when "
            f"normalising) and $\\varepsilon = 0$; then it applies $\\gamma = {num(p['gamma'])}$ "
            f"and $\\beta = {num(p['beta'])}$. Give the outputs $y$ as a vector, e.g. "
            "`[1.2, -0.5, 0.3]` (each entry to 3 significant figures)."
        )

    def solution(self, p: Params, answer: Any) -> str:
        x = exact(p["x"])
        n = len(x)
        mean = sum(x) / n
        variance = sum((v - mean) ** 2 for v in x) / n
        squares = " + ".join(f"({num(v - mean)})^2" for v in x)
        normalised = ", ".join(decimal((v - mean) / sympy.sqrt(variance)) for v in x)
        return steps(
            f"Mean: $\\mu = ({' + '.join(num(v) for v in x)}) / {n} = {num(mean)}$.",
            f"Biased variance: $\\sigma^2 = \\frac{{1}}{{{n}}}\\left({squares}\\right) = "
            f"{num(variance)}$, so $\\sigma = \\sqrt{{{num(variance)}}} \\approx "
            f"{decimal(sympy.sqrt(variance))}$.",
            f"Normalise: $\\hat{{x}}_i = (x_i - \\mu) / \\sigma \\approx [{normalised}]$.",
            f"Scale and shift: $y_i = {num(p['gamma'])}\\,\\hat{{x}}_i + ({num(p['beta'])}) "
            f"\\approx [{', '.join(decimal(v) for v in answer)}]$.",
        )

    def mistakes(self, p: Params, answer: Any) -> list[Mistake]:
        found = [
            Mistake(
                _normalise(p, unbiased=True),
                "Batch norm normalises with the biased variance (divide by n, not n − 1); the unbiased one only feeds the running estimate.",
            ),
            Mistake(
                _normalise(p, sqrt=False),
                "Divide by the standard deviation σ = √σ², not by the variance.",
            ),
        ]
        if (p["gamma"], p["beta"]) != (1, 0):
            found.append(
                Mistake(
                    _normalise(p, affine=False),
                    "You stopped at the normalised values: multiply by γ and add β.",
                )
            )
        return found


@register
class InvertedDropout(Template):
    slug = "inverted-dropout"
    title = "Inverted dropout scaling"
    area = "dl"
    topic = "training-practice"
    difficulty = 1
    kind = "numeric"
    options = {"rel_tol": 1e-3}
    params = (
        P.number(
            "a",
            (0.5, 1, 1.2, 1.5, 2, 2.4, 3, 4, 5, 6, -1, -2),
            low=-1e6,
            high=1e6,
            description="activation",
        ),
        P.number(
            "p",
            (0.1, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.75, 0.8),
            low=0,
            high=1,
            description="drop probability",
        ),
        P.choice("mode", ("train", "eval"), description="model.train() or model.eval()"),
    )

    def check(self, p: Params) -> None:
        if p["p"] >= 1:
            raise TemplateError("the drop probability p must be below 1 (p = 1 drops every unit).")

    def answer(self, p: Params) -> sympy.Rational:
        a, keep = exact(p["a"]), 1 - exact(p["p"])
        return a / keep if p["mode"] == "train" else a

    def prompt(self, p: Params) -> str:
        if p["mode"] == "train":
            situation = (
                "The model is in training mode (`model.train()`) and this unit is kept (not "
                "zeroed) in this forward pass."
            )
        else:
            situation = "The model is in evaluation mode (`model.eval()`)."
        return (
            f"A layer `nn.Dropout(p={num(p['p'])})` (PyTorch's inverted dropout; $p$ is the "
            f"probability of zeroing a unit) receives an activation $a = {num(p['a'])}$. "
            f"{situation} What value does the layer output for this unit (within 0.1%)?"
        )

    def solution(self, p: Params, answer: Any) -> str:
        keep = 1 - exact(p["p"])
        if p["mode"] == "train":
            approx = "" if answer.is_Integer else f" \\approx {decimal(answer)}"
            return steps(
                f"A unit is kept with probability $1 - p = {num(keep)}$.",
                "Inverted dropout scales kept units up by $1/(1 - p)$ at training time, so the "
                "expected activation stays $a$ and evaluation needs no change.",
                f"Output: ${num(p['a'])} / {num(keep)} = {num(answer)}{approx}$.",
            )
        return steps(
            "In evaluation mode dropout is switched off: nothing is zeroed.",
            "Inverted dropout already did its scaling by $1/(1 - p)$ during training, so no "
            f"scaling happens now: the output is $a = {num(answer)}$.",
        )

    def mistakes(self, p: Params, answer: Any) -> list[Mistake]:
        a, drop = exact(p["a"]), exact(p["p"])
        if p["mode"] == "train":
            return [
                Mistake(
                    a * (1 - drop),
                    "Multiplying by 1 − p is the old (non-inverted) rule at test time; inverted dropout divides kept units by 1 − p during training.",
                ),
                Mistake(
                    a / drop, "Divide by the keep probability 1 − p, not by the drop probability p."
                ),
                Mistake(
                    a,
                    "Kept units are scaled by 1/(1 − p) in training mode, so the expected output stays a.",
                ),
            ]
        return [
            Mistake(
                a / (1 - drop),
                "The 1/(1 − p) scaling happens only in training mode; in eval mode dropout is the identity.",
            ),
            Mistake(
                a * (1 - drop),
                "Scaling by 1 − p at test time belongs to the original dropout; PyTorch's inverted dropout leaves eval outputs unchanged.",
            ),
            Mistake(0, "In eval mode no unit is dropped: the activation passes through unchanged."),
        ]
