"""Gradients at a point, directional derivatives, and the chain rule through a logistic unit."""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import suppress
from typing import Any

import numpy as np
import sympy

from ... import params as P
from ...base import Mistake, Template, TemplateError
from ...formatting import num, steps, tex
from ...registry import register
from ...values import exact
from . import bank, rules
from .calculus import XY, derivative, function, log_note
from .common import (
    angle,
    approx,
    as_float,
    check_angle,
    check_point,
    functions_equal,
    keep_distinct,
    plain,
)

ANGLES = ["0", "pi/6", "pi/4", "pi/3", "pi/2", "2*pi/3", "3*pi/4", "5*pi/6", "pi", "5*pi/4", "4*pi/3", "3*pi/2", "7*pi/4", "-pi/4", "-pi/3"]  # fmt: skip


def _draw_point(rng: np.random.Generator, values: dict) -> list[int]:
    return [int(v) for v in rng.integers(-2, 3, size=2)]


def _has_value(value: Any) -> bool:
    number = as_float(value)
    return number == number and abs(number.imag) < 1e-12 and abs(number.real) < 1e12


def _at(expr: sympy.Expr, point: list) -> sympy.Expr:
    x0, y0 = exact(point)
    return sympy.simplify(expr.subs({bank.X: x0, bank.Y: y0}))


def gradient(p: Mapping[str, Any]) -> list[sympy.Expr]:
    """∇f at the point, or TemplateError when a partial derivative has no real value there."""
    values = [_at(derivative(p["f"], XY, var), p["point"]) for var in XY]
    if not all(_has_value(v) for v in values):
        raise TemplateError(
            f"f is not differentiable at ({num(p['point'][0])}, {num(p['point'][1])}): "
            "a partial derivative has no real value there."
        )
    return values


def _unfriendly(values: list[sympy.Expr]) -> str | None:
    sizes = [abs(as_float(v)) for v in values if v != 0]
    if any(size > 100 or size < 0.01 for size in sizes):
        return "numbers too large or too small for an exam"
    return None


def _partials_steps(p: Mapping[str, Any], grad: list[sympy.Expr]) -> list[str]:
    x0, y0 = (num(v) for v in p["point"])
    lines = []
    for var, value in zip(XY, grad, strict=True):
        partial = derivative(p["f"], XY, var)
        other = "y" if var == "x" else "x"
        lines.append(
            f"$\\frac{{\\partial f}}{{\\partial {var}}} = {tex(partial)}$ (treat ${other}$ as a "
            f"constant; {rules.label(function(p['f'], XY), bank.X if var == 'x' else bank.Y)})."
        )
        lines.append(
            f"At $({x0}, {y0})$: $\\frac{{\\partial f}}{{\\partial {var}}} = {tex(value)}$."
        )
    return lines


def _first_rule_mistake(p: Mapping[str, Any], var: str) -> Mistake | None:
    f, symbol = function(p["f"], XY), bank.X if var == "x" else bank.Y
    right = derivative(p["f"], XY, var)
    for wrong in rules.mistakes(f, symbol):
        value = _at(wrong.answer, p["point"])
        if _has_value(value) and not functions_equal(wrong.answer, right, (bank.X, bank.Y)):
            return Mistake(value, wrong.feedback)
    return None


def _gradient_mistakes(p: Mapping[str, Any], grad: list[sympy.Expr]) -> list[Mistake]:
    fx, fy = grad
    found = [
        Mistake(
            [fy, fx], "The components are in the order of the variables: first ∂f/∂x, then ∂f/∂y."
        )
    ]
    swapped = {**p, "point": list(reversed(p["point"]))}
    with suppress(TemplateError):  # f may be undefined at the swapped point
        found.append(
            Mistake(
                gradient(swapped),
                "Substitute x = x₀ and y = y₀: you evaluated at the point with its coordinates swapped.",
            )
        )
    for index, var in enumerate(XY):
        wrong = _first_rule_mistake(p, var)
        if wrong is not None:
            vector = list(grad)
            vector[index] = wrong.answer
            found.append(Mistake(vector, f"In ∂f/∂{var}: {wrong.feedback}"))
    return found


@register
class GradientAtPoint(Template):
    slug = "gradient-at-point"
    title = "Gradient at a point"
    area = "math"
    topic = "partial-derivatives"
    difficulty = 2
    kind = "vector"
    options = {"rel_tol": 1e-3}
    params = (
        P.custom(
            "f",
            bank.two_variables,
            lambda v: P.check_expression(v, XY),
            description="f(x, y) in input syntax",
        ),
        P.custom("point", _draw_point, check_point, description="[x0, y0]"),
    )

    def check(self, p: Mapping[str, Any]) -> None:
        gradient(p)

    def reject(self, p):
        grad = gradient(p)
        if all(v == 0 for v in grad):
            return "the gradient is zero"
        return _unfriendly(grad)

    def answer(self, p) -> list[sympy.Expr]:
        return plain(gradient(p))

    def prompt(self, p) -> str:
        f = function(p["f"], XY)
        x0, y0 = (num(v) for v in p["point"])
        return (
            f"Let\n\n$$f(x, y) = {tex(f)}.$$\n\nCompute the gradient $\\nabla f({x0}, {y0})$ as a "
            "vector `[df/dx, df/dy]`; exact values or decimals within 0.1% are accepted."
            f"{log_note(f)}"
        )

    def solution(self, p, answer) -> str:
        return steps(
            r"$\nabla f = \left[\frac{\partial f}{\partial x}, \frac{\partial f}{\partial y}\right]$.",
            *_partials_steps(p, gradient(p)),
            f"$$\\nabla f = \\left[{num(answer[0])}, {num(answer[1])}\\right]$$",
        )

    def mistakes(self, p, answer) -> list[Mistake]:
        return keep_distinct(answer, _gradient_mistakes(p, gradient(p)))


@register
class DirectionalDerivative(Template):
    slug = "directional-derivative"
    title = "Directional derivative"
    area = "math"
    topic = "directional-derivatives"
    difficulty = 2
    kind = "numeric"
    options = {"rel_tol": 1e-3}
    params = (
        P.custom(
            "f",
            bank.two_variables,
            lambda v: P.check_expression(v, XY),
            description="f(x, y) in input syntax",
        ),
        P.custom("point", _draw_point, check_point, description="[x0, y0]"),
        P.custom(
            "alpha",
            lambda rng, v: ANGLES[int(rng.integers(len(ANGLES)))],
            check_angle,
            description='direction angle in radians, a number or e.g. "pi/4"',
        ),
    )

    def check(self, p: Mapping[str, Any]) -> None:
        gradient(p)

    def reject(self, p):
        grad = gradient(p)
        if all(v == 0 for v in grad) or self.answer(p) == 0:
            return "trivial: zero gradient or zero rate"
        return _unfriendly([*grad, self.answer(p)])

    def _direction(self, p) -> tuple[sympy.Expr, sympy.Expr]:
        alpha = angle(p["alpha"])
        return sympy.cos(alpha), sympy.sin(alpha)

    def answer(self, p) -> sympy.Expr:
        (fx, fy), (c, s) = gradient(p), self._direction(p)
        return plain(sympy.radsimp(sympy.expand(fx * c + fy * s)))

    def prompt(self, p) -> str:
        f = function(p["f"], XY)
        x0, y0 = (num(v) for v in p["point"])
        return (
            f"Let\n\n$$f(x, y) = {tex(f)}.$$\n\nCompute the directional derivative of $f$ at "
            f"$({x0}, {y0})$ in the direction of the unit vector "
            f"$\\mathbf{{u}} = (\\cos\\alpha, \\sin\\alpha)$ with $\\alpha = {tex(angle(p['alpha']))}$ "
            "(radians). Give the exact value or a decimal within 0.1%."
            f"{log_note(f)}"
        )

    def solution(self, p, answer) -> str:
        (fx, fy), (c, s) = gradient(p), self._direction(p)
        return steps(
            r"$D_{\mathbf{u}} f = \nabla f \cdot \mathbf{u} = \frac{\partial f}{\partial x}\cos\alpha + \frac{\partial f}{\partial y}\sin\alpha$.",
            *_partials_steps(p, [fx, fy]),
            f"$\\mathbf{{u}} = (\\cos\\alpha, \\sin\\alpha) = \\left({tex(c)}, {tex(s)}\\right)$.",
            f"$D_{{\\mathbf{{u}}}} f = \\left({tex(fx)}\\right)\\left({tex(c)}\\right) + "
            f"\\left({tex(fy)}\\right)\\left({tex(s)}\\right) = {num(answer)}{approx(answer)}$.",
            f"(The largest rate, along $\\nabla f$ itself, would be $\\lVert \\nabla f \\rVert = "
            f"{tex(sympy.sqrt(fx**2 + fy**2))}$.)",
        )

    def mistakes(self, p, answer) -> list[Mistake]:
        (fx, fy), (c, s) = gradient(p), self._direction(p)
        found = [
            Mistake(
                fx * s + fy * c, "Pair ∂f/∂x with cos α and ∂f/∂y with sin α: u = (cos α, sin α)."
            ),
            Mistake(
                sympy.sqrt(fx**2 + fy**2),
                "That is |∇f|, the largest rate (along the gradient); project onto u with a dot product.",
            ),
            Mistake(
                fx + fy,
                "Dot the gradient with the unit vector u = (cos α, sin α), do not just add the partial derivatives.",
            ),
        ]
        alpha = as_float(angle(p["alpha"])).real
        degrees = sympy.Float(alpha, 20) * sympy.pi / 180
        in_degrees = sympy.N(fx * sympy.cos(degrees) + fy * sympy.sin(degrees), 15)
        found.append(Mistake(in_degrees, "α is in radians: your calculator was in degree mode."))
        return keep_distinct(answer, [m for m in found if _has_value(m.answer)])


WRT = {"w0": "x0", "w1": "x1", "w2": None, "x0": "w0", "x1": "w1"}


@register
class ChainRuleLogistic(Template):
    slug = "chain-rule-logistic"
    title = "Chain rule through a logistic unit"
    area = "math"
    topic = "chain-rule"
    difficulty = 2
    kind = "numeric"
    options = {"rel_tol": 1e-3}
    params = (
        *(
            P.number(name, [-2, -1, 0, 1, 2, 0.5, -0.5, 3], low=-50, high=50)
            for name in ("w0", "w1", "w2", "x0", "x1")
        ),
        P.choice(
            "wrt", list(WRT), description="differentiate with respect to w0, w1, w2, x0 or x1"
        ),
    )

    @staticmethod
    def _u(p) -> sympy.Expr:
        w0, w1, w2, x0, x1 = exact([p[k] for k in ("w0", "w1", "w2", "x0", "x1")])
        return w0 * x0 + w1 * x1 + w2

    @staticmethod
    def _factor(p) -> sympy.Expr:
        partner = WRT[p["wrt"]]
        return sympy.Integer(1) if partner is None else exact(p[partner])

    def reject(self, p):
        if abs(self._u(p)) > 3:
            return "u too large: the gradient vanishes"
        if self._factor(p) == 0:
            return "zero gradient"
        return None

    def answer(self, p) -> sympy.Expr:
        eu = sympy.exp(self._u(p))
        return plain(-eu / (1 + eu) ** 2 * self._factor(p))

    def prompt(self, p) -> str:
        values = ", ".join(f"${k[0]}_{k[1]} = {num(p[k])}$" for k in ("w0", "w1", "w2", "x0", "x1"))
        wrt = f"{p['wrt'][0]}_{p['wrt'][1]}"
        return (
            "Consider\n\n$$L = \\frac{1}{1 + \\exp(w_0 x_0 + w_1 x_1 + w_2)}.$$\n\n"
            f"With {values}, compute $\\frac{{\\partial L}}{{\\partial {wrt}}}$. Give the exact "
            "value or a decimal within 0.1%."
        )

    def solution(self, p, answer) -> str:
        u, factor = self._u(p), self._factor(p)
        eu = sympy.exp(u)
        dldu = -eu / (1 + eu) ** 2
        wrt = f"{p['wrt'][0]}_{p['wrt'][1]}"
        partner = WRT[p["wrt"]]
        inner = "1" if partner is None else f"{partner[0]}_{partner[1]} = {num(factor)}"
        return steps(
            f"Let $u = w_0 x_0 + w_1 x_1 + w_2 = ({num(p['w0'])})({num(p['x0'])}) + "
            f"({num(p['w1'])})({num(p['x1'])}) + ({num(p['w2'])}) = {num(u)}$.",
            r"$L = \frac{1}{1 + e^{u}}$, so $\frac{dL}{du} = -\frac{e^{u}}{(1 + e^{u})^{2}}$ "
            r"(the derivative of $\frac{1}{g}$ is $-\frac{g'}{g^{2}}$ with $g = 1 + e^{u}$).",
            f"At $u = {num(u)}$: $\\frac{{dL}}{{du}} = {tex(dldu)}{approx(dldu)}$.",
            f"Chain rule: $\\frac{{\\partial L}}{{\\partial {wrt}}} = \\frac{{dL}}{{du}} \\cdot "
            f"\\frac{{\\partial u}}{{\\partial {wrt}}}$ with $\\frac{{\\partial u}}{{\\partial {wrt}}} = {inner}$.",
            f"$\\frac{{\\partial L}}{{\\partial {wrt}}} = {num(answer)}{approx(answer)}$.",
        )

    def mistakes(self, p, answer) -> list[Mistake]:
        u, factor = self._u(p), self._factor(p)
        eu = sympy.exp(u)
        found = [
            Mistake(
                eu / (1 + eu) ** 2 * factor,
                "Sign error: d/du (1 + eᵘ)⁻¹ = −eᵘ/(1 + eᵘ)², negative because L falls as u grows.",
            ),
            Mistake(
                -eu / (1 + eu) ** 2,
                "You stopped at dL/du: multiply by the inner factor ∂u/∂(variable) from the chain rule.",
            ),
            Mistake(
                -eu / (1 + eu) * factor,
                "The denominator is squared: d/dg (1/g) = −1/g², with g = 1 + eᵘ.",
            ),
        ]
        if p["wrt"] != "w2":
            wrong = exact(p[p["wrt"]])
            found.append(
                Mistake(
                    -eu / (1 + eu) ** 2 * wrong,
                    f"∂u/∂{p['wrt']} is the variable it multiplies ({WRT[p['wrt']]}), not {p['wrt']} itself.",
                )
            )
        return keep_distinct(answer, found)
