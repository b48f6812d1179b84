"""Backpropagation by hand: the gradient through the skip-connection network of the study
notes (x0 → a → b → c → d → e, with a skip from x_b into d and a squared-error loss)."""

from __future__ import annotations

from typing import Any

import sympy

from ... import params as P
from ...base import Mistake, Template
from ...formatting import num, steps
from ...registry import register
from ...values import exact
from .common import Params, paren, small

TARGETS = ("w_b", "b_b", "x_b")


def _tex(name: str) -> str:
    return {"w_d2": "w_{d2}", "b_d2": "b_{d2}", "x0": "x_0"}.get(name, name)


def _forward(p: Params) -> dict[str, sympy.Rational]:
    v = {name: exact(value) for name, value in p.items() if name != "wrt"}
    x_a = v["w_a"] * v["x0"] + v["b_a"]
    x_b = v["w_b"] * x_a + v["b_b"]
    x_c = v["w_c"] * x_b + v["b_c"]
    x_d = v["w_d"] * x_c + v["b_d"] + v["w_d2"] * x_b + v["b_d2"]
    x_e = v["w_e"] * x_d + v["b_e"]
    return {**v, "x_a": x_a, "x_b": x_b, "x_c": x_c, "x_d": x_d, "x_e": x_e}


def _gradient(p: Params, *, two: int = 2, main: bool = True, skip: bool = True, local: bool = True):
    """dloss/d(wrt), with a factor optionally dropped (for the mistakes)."""
    f = _forward(p)
    paths = (f["w_d"] * f["w_c"] if main else 0) + (f["w_d2"] if skip else 0)
    upstream = two * (f["x_e"] - f["t"]) * f["w_e"] * paths
    if p["wrt"] == "w_b" and local:
        return upstream * f["x_a"]
    return upstream


@register
class SkipConnectionGradient(Template):
    slug = "skip-connection-gradient"
    title = "Gradient through a skip connection"
    area = "dl"
    topic = "backpropagation"
    difficulty = 3
    kind = "numeric"
    params = (
        small("w_a", -2, 3, exclude=(0,)),
        small("b_a", -2, 2),
        small("w_b", -2, 3, exclude=(0,)),
        small("b_b", -2, 2),
        small("w_c", -2, 3, exclude=(0,)),
        small("b_c", -2, 2),
        small("w_d", -2, 3, exclude=(0,)),
        small("b_d", -2, 2),
        small("w_d2", -2, 3, exclude=(0,)),
        small("b_d2", -2, 2),
        small("w_e", -2, 3, exclude=(0,)),
        small("b_e", -2, 2),
        small("x0", -2, 2, exclude=(0,), description="input"),
        small("t", -3, 3, description="target"),
        P.choice("wrt", TARGETS, description="the variable to differentiate by"),
    )

    def reject(self, p: Params) -> str | None:
        f = _forward(p)
        if any(abs(f[name]) > 20 for name in ("x_a", "x_b", "x_c", "x_d", "x_e")):
            return "forward values too large to work by hand"
        if f["x_e"] == f["t"]:
            return "zero loss: every gradient is zero"
        if f["w_d"] * f["w_c"] + f["w_d2"] == 0:
            return "the two paths cancel"
        if abs(_gradient(p)) > 2_000:
            return "gradient too large to work by hand"
        return None

    def answer(self, p: Params) -> sympy.Rational:
        return _gradient(p)

    def prompt(self, p: Params) -> str:
        values = ", ".join(
            f"${_tex(name)} = {num(exact(p[name]))}$"
            for name in (param.name for param in self.params)
            if name != "wrt"
        )
        return (
            "A chain of scalar nodes has a skip connection from $x_b$ into node $d$:\n\n"
            "$$\\begin{aligned} x_a &= w_a x_0 + b_a, & x_b &= w_b x_a + b_b, & "
            "x_c &= w_c x_b + b_c, \\\\ x_d &= w_d x_c + b_d + w_{d2} x_b + b_{d2}, & "
            "x_e &= w_e x_d + b_e, & \\text{loss} &= (x_e - t)^2. \\end{aligned}$$\n\n"
            f"With {values}, compute "
            f"$\\dfrac{{\\partial\\, \\text{{loss}}}}{{\\partial {p['wrt']}}}$."
        )

    def solution(self, p: Params, answer: Any) -> str:
        f = _forward(p)
        n = {key: num(value) for key, value in f.items()}
        d_e = 2 * (f["x_e"] - f["t"])
        paths = f["w_d"] * f["w_c"] + f["w_d2"]
        d_b = d_e * f["w_e"] * paths
        lines = [
            f"Forward: $x_a = ({n['w_a']})({n['x0']}) + {paren(f['b_a'])} = {n['x_a']}$, "
            f"$x_b = ({n['w_b']})({n['x_a']}) + {paren(f['b_b'])} = {n['x_b']}$, "
            f"$x_c = ({n['w_c']})({n['x_b']}) + {paren(f['b_c'])} = {n['x_c']}$.",
            f"$x_d = ({n['w_d']})({n['x_c']}) + {paren(f['b_d'])} + ({n['w_d2']})({n['x_b']}) + "
            f"{paren(f['b_d2'])} = {n['x_d']}$, $x_e = ({n['w_e']})({n['x_d']}) + {paren(f['b_e'])} = "
            f"{n['x_e']}$.",
            f"$\\dfrac{{\\partial\\, \\text{{loss}}}}{{\\partial x_e}} = 2(x_e - t) = "
            f"2({n['x_e']} - {paren(f['t'])}) = {num(d_e)}$ and "
            f"$\\dfrac{{\\partial x_e}}{{\\partial x_d}} = w_e = {n['w_e']}$.",
            "$x_b$ reaches $x_d$ along two paths, through $c$ and through the skip: "
            f"$\\dfrac{{\\partial x_d}}{{\\partial x_b}} = w_d w_c + w_{{d2}} = "
            f"({n['w_d']})({n['w_c']}) + {paren(f['w_d2'])} = {num(paths)}$.",
            f"$\\dfrac{{\\partial\\, \\text{{loss}}}}{{\\partial x_b}} = ({num(d_e)})({n['w_e']})"
            f"({num(paths)}) = {num(d_b)}$.",
        ]
        if p["wrt"] == "w_b":
            lines.append(
                f"$\\dfrac{{\\partial x_b}}{{\\partial w_b}} = x_a = {n['x_a']}$, so "
                f"$\\dfrac{{\\partial\\, \\text{{loss}}}}{{\\partial w_b}} = ({num(d_b)})"
                f"({n['x_a']}) = {num(answer)}$."
            )
        elif p["wrt"] == "b_b":
            lines.append(
                f"$\\dfrac{{\\partial x_b}}{{\\partial b_b}} = 1$, so "
                f"$\\dfrac{{\\partial\\, \\text{{loss}}}}{{\\partial b_b}} = {num(answer)}$."
            )
        return steps(*lines)

    def mistakes(self, p: Params, answer: Any) -> list[Mistake]:
        found = [
            Mistake(
                _gradient(p, skip=False),
                "You forgot the skip path: x_b also feeds x_d directly, so ∂x_d/∂x_b = w_d·w_c + w_d2.",
            ),
            Mistake(
                _gradient(p, two=1),
                "You forgot the factor 2: the derivative of (x_e − t)² is 2(x_e − t).",
            ),
        ]
        if p["wrt"] == "w_b":
            found.append(
                Mistake(
                    _gradient(p, local=False),
                    "That is ∂loss/∂x_b; for w_b multiply by ∂x_b/∂w_b = x_a.",
                )
            )
        found.append(
            Mistake(
                _gradient(p, main=False),
                "You kept only the skip path: x_b also reaches x_d through x_c, adding w_d·w_c.",
            )
        )
        return found
