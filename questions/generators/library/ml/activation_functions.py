"""The activation functions of the `activation` templates: values, derivatives, their formulas
and the wrong values students typically compute. Exact (sympy) except GELU, whose erf the
answer syntax cannot write, so GELU values are floats."""

from __future__ import annotations

import math
from typing import Any

import sympy

from ...base import Mistake
from ...formatting import decimal
from ._shared import show

FUNCTIONS = ("sigmoid", "tanh", "relu", "leaky_relu", "elu", "softplus", "gelu", "silu")
# PyTorch's defaults: LeakyReLU(negative_slope=0.01), ELU(alpha=1.0).
DEFAULT_ALPHA = {"leaky_relu": 0.01, "elu": 1.0}
PIECEWISE = ("relu", "leaky_relu", "elu")
NAMES = {
    "sigmoid": "the logistic sigmoid $\\sigma$",
    "tanh": "$\\tanh$",
    "relu": "ReLU",
    "leaky_relu": "leaky ReLU",
    "elu": "ELU",
    "softplus": "softplus",
    "gelu": "GELU (exact erf form, PyTorch's default)",
    "silu": "SiLU (swish)",
}
DEFINITIONS = {
    "sigmoid": r"\sigma(z) = \frac{1}{1 + e^{-z}}",
    "tanh": r"\tanh z = \frac{e^{z} - e^{-z}}{e^{z} + e^{-z}}",
    "relu": r"\mathrm{ReLU}(z) = \max(0, z)",
    "leaky_relu": r"f(z) = z \text{ if } z > 0, \text{ else } \alpha z",
    "elu": r"f(z) = z \text{ if } z > 0, \text{ else } \alpha (e^{z} - 1)",
    "softplus": r"f(z) = \ln(1 + e^{z})",
    "gelu": r"f(z) = z\,\Phi(z), \text{ where } \Phi(z) = \tfrac{1}{2}\left(1 + \operatorname{erf}(z/\sqrt{2})\right)",
    "silu": r"f(z) = z\,\sigma(z) = \frac{z}{1 + e^{-z}}",
}  # fmt: skip
DERIVATIVES = {
    "sigmoid": r"\sigma'(z) = \sigma(z)\,(1 - \sigma(z))",
    "tanh": r"\frac{d}{dz}\tanh z = 1 - \tanh^2 z",
    "relu": r"\mathrm{ReLU}'(z) = 1 \text{ if } z > 0, \text{ else } 0 \text{ (also at } z = 0)",
    "leaky_relu": r"f'(z) = 1 \text{ if } z > 0, \text{ else } \alpha \text{ (also at } z = 0)",
    "elu": r"f'(z) = 1 \text{ if } z > 0, \text{ else } \alpha e^{z}",
    "softplus": r"f'(z) = \frac{e^{z}}{1 + e^{z}} = \sigma(z)",
    "gelu": r"f'(z) = \Phi(z) + z\,\varphi(z), \text{ where } \varphi(z) = \frac{e^{-z^2/2}}{\sqrt{2\pi}}",
    "silu": r"f'(z) = \sigma(z) + z\,\sigma(z)\,(1 - \sigma(z))",
}  # fmt: skip


def sigmoid(z: Any) -> Any:
    return 1 / (1 + sympy.exp(-z))


def _cdf(z: float) -> float:
    return 0.5 * (1 + math.erf(z / math.sqrt(2)))


def _pdf(z: float) -> float:
    return math.exp(-z * z / 2) / math.sqrt(2 * math.pi)


def value(fn: str, z: sympy.Rational, alpha: sympy.Rational) -> Any:
    if fn == "sigmoid":
        return sigmoid(z)
    if fn == "tanh":
        return sympy.tanh(z)
    if fn == "relu":
        return max(z, sympy.Integer(0))
    if fn == "leaky_relu":
        return z if z > 0 else alpha * z
    if fn == "elu":
        return z if z > 0 else alpha * (sympy.exp(z) - 1)
    if fn == "softplus":
        return sympy.log(1 + sympy.exp(z))
    if fn == "gelu":
        return float(z) * _cdf(float(z))
    return z * sigmoid(z)


def derivative(fn: str, z: sympy.Rational, alpha: sympy.Rational) -> Any:
    """f′(z); at the kink z = 0 the value PyTorch's autograd uses."""
    if fn == "sigmoid":
        return sigmoid(z) * (1 - sigmoid(z))
    if fn == "tanh":
        return 1 - sympy.tanh(z) ** 2
    if fn == "relu":
        return sympy.Integer(1 if z > 0 else 0)
    if fn == "leaky_relu":
        return sympy.Integer(1) if z > 0 else alpha
    if fn == "elu":
        return sympy.Integer(1) if z > 0 else alpha * sympy.exp(z)
    if fn == "softplus":
        return sigmoid(z)
    if fn == "gelu":
        return _cdf(float(z)) + float(z) * _pdf(float(z))
    return sigmoid(z) * (1 + z * (1 - sigmoid(z)))


def working(fn: str, z: sympy.Rational, alpha: sympy.Rational, *, slope: bool) -> list[str]:
    """The intermediate values a worked solution shows for f(z) or f′(z)."""
    zt = show(z)
    lines = []
    if fn in ("sigmoid", "silu") or (fn == "softplus" and slope):
        lines.append(
            f"$\\sigma({zt}) = \\frac{{1}}{{1 + e^{{{show(-z)}}}}} \\approx {decimal(sigmoid(z), 5)}$."
        )
    if fn == "tanh":
        lines.append(f"$\\tanh({zt}) \\approx {decimal(sympy.tanh(z), 5)}$.")
    if fn in PIECEWISE:
        side = "> 0$, so the positive" if z > 0 else "\\le 0$, so the negative"
        lines.append(f"Here $z = {zt} {side} branch applies.")
    if (
        fn in ("softplus", "elu")
        and not (fn == "elu" and z > 0)
        and not (fn == "softplus" and slope)
    ):
        lines.append(f"$e^{{{zt}}} \\approx {decimal(sympy.exp(z), 5)}$.")
    if fn == "gelu":
        lines.append(f"$\\Phi({zt}) \\approx {decimal(_cdf(float(z)), 5)}$.")
        if slope:
            lines.append(f"$\\varphi({zt}) \\approx {decimal(_pdf(float(z)), 5)}$.")
    return lines


def value_mistakes(fn: str, z: sympy.Rational, alpha: sympy.Rational) -> list[Mistake]:
    s = sigmoid(z)
    found: list[Mistake] = []
    if fn == "sigmoid":
        found += [
            Mistake(sigmoid(-z), "Sign of the exponent: σ(z) = 1/(1 + e^(−z)), so σ(z) > 1/2 for z > 0."),
            Mistake(sympy.tanh(z), "That is tanh(z); the sigmoid squashes into (0, 1), tanh into (−1, 1)."),
        ]  # fmt: skip
    elif fn == "tanh":
        found += [
            Mistake(s, "That is the sigmoid σ(z); tanh(z) = (e^z − e^(−z))/(e^z + e^(−z)) lies in (−1, 1)."),
            Mistake(sympy.sinh(z), "That is sinh(z): divide (e^z − e^(−z)) by (e^z + e^(−z)), not by 2."),
        ]  # fmt: skip
    elif fn == "relu" and z < 0:
        found.append(Mistake(z, "ReLU outputs 0 for negative inputs: max(0, z)."))
    elif fn == "leaky_relu":
        if z < 0:
            found.append(
                Mistake(
                    0,
                    "That is plain ReLU: leaky ReLU keeps a slope α for negative inputs, giving αz.",
                )
            )
            found.append(
                Mistake(
                    sympy.Rational(1, 100) * z, "Use the given slope α, not PyTorch's default 0.01."
                )
            )
            found.append(
                Mistake(z, "Negative inputs are multiplied by α: the output is αz, not z.")
            )
        elif z > 0:
            found.append(
                Mistake(alpha * z, "Positive inputs pass unchanged; α only scales negative inputs.")
            )
    elif fn == "elu":
        if z < 0:
            found.append(
                Mistake(alpha * z, "That is leaky ReLU; ELU's negative branch is α(e^z − 1).")
            )
            found.append(Mistake(sympy.exp(z) - 1, "Multiply e^z − 1 by α."))
            found.append(
                Mistake(
                    alpha * sympy.exp(z),
                    "The negative branch is α(e^z − 1): subtract 1 before scaling.",
                )
            )
        elif z > 0:
            found.append(
                Mistake(
                    alpha * (sympy.exp(z) - 1),
                    "Positive inputs pass unchanged: ELU(z) = z for z > 0.",
                )
            )
    elif fn == "softplus":
        found += [
            Mistake(sympy.log(1 + sympy.exp(z), 10), "Softplus uses the natural log: ln(1 + e^z)."),
            Mistake(max(z, sympy.Integer(0)), "That is ReLU; softplus is its smooth version ln(1 + e^z), which is never exactly max(0, z)."),
            Mistake(s, "That is softplus's derivative σ(z), not its value ln(1 + e^z)."),
        ]  # fmt: skip
    elif fn == "gelu":
        x = float(z)
        found += [
            Mistake(x / (1 + math.exp(-x)), "That is SiLU, zσ(z): GELU weights z by the normal CDF Φ(z)."),
            Mistake(_cdf(x), "Multiply by z: GELU(z) = z·Φ(z), not Φ(z)."),
        ]  # fmt: skip
    elif fn == "silu":
        found += [
            Mistake(s, "Multiply by z: SiLU(z) = z·σ(z)."),
            Mistake(z * sigmoid(-z), "Sign of the exponent: σ(z) = 1/(1 + e^(−z))."),
        ]  # fmt: skip
    return found


def derivative_mistakes(fn: str, z: sympy.Rational, alpha: sympy.Rational) -> list[Mistake]:
    s = sigmoid(z)
    found = [
        Mistake(value(fn, z, alpha), "That is the function's value f(z), not its slope f′(z).")
    ]
    if fn == "sigmoid":
        found.append(Mistake(z * (1 - z), "Apply σ(1 − σ) to σ(z), not to z itself."))
    elif fn == "tanh":
        found.append(Mistake(1 - sympy.tanh(z), "Square tanh: the derivative is 1 − tanh²(z)."))
        found.append(
            Mistake(s * (1 - s), "That is the sigmoid's derivative; tanh′(z) = 1 − tanh²(z).")
        )
    elif fn == "relu":
        if z == 0:
            found.append(
                Mistake(1, "At z = 0 ReLU has a kink; PyTorch's autograd uses ReLU′(0) = 0.")
            )
        elif z < 0:
            found.append(
                Mistake(1, "ReLU is flat (0) for negative inputs, so its slope there is 0.")
            )
    elif fn == "leaky_relu":
        if z <= 0:
            found.append(
                Mistake(0, "That is plain ReLU's slope: leaky ReLU has slope α for z ≤ 0.")
            )
            found.append(Mistake(1, "For z ≤ 0 the slope is α (PyTorch also uses α at z = 0)."))
            found.append(
                Mistake(
                    sympy.Rational(1, 100), "Use the given slope α, not PyTorch's default 0.01."
                )
            )
        else:
            found.append(Mistake(alpha, "For z > 0 leaky ReLU is the identity, slope 1."))
    elif fn == "elu":
        if z <= 0:
            found.append(Mistake(sympy.exp(z), "Keep the factor α: the slope is αe^z for z ≤ 0."))
            found.append(Mistake(1, "For z ≤ 0 the slope is αe^z, not 1."))
        else:
            found.append(Mistake(alpha * sympy.exp(z), "For z > 0 ELU is the identity, slope 1."))
    elif fn == "softplus":
        found.append(Mistake(sigmoid(-z), "Sign: d/dz ln(1 + e^z) = e^z/(1 + e^z) = σ(z)."))
    elif fn == "gelu":
        found.append(
            Mistake(
                _cdf(float(z)),
                "Product rule: the derivative of zΦ(z) is Φ(z) + zφ(z); you dropped zφ(z).",
            )
        )
        found.append(
            Mistake(
                float(z) * _pdf(float(z)),
                "Product rule: the derivative of zΦ(z) is Φ(z) + zφ(z); you dropped Φ(z).",
            )
        )
    elif fn == "silu":
        found.append(Mistake(s, "Product rule: d/dz [zσ(z)] = σ(z) + zσ′(z); you dropped zσ′(z)."))
        found.append(
            Mistake(
                s * (1 - s), "That is σ′(z); SiLU is zσ(z), so its slope is σ(z) + zσ(z)(1 − σ(z))."
            )
        )
    return found
