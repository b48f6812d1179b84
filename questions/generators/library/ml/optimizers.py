"""Optimiser templates: one step of gradient descent, momentum, Nesterov momentum and Adam."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from ... import params as P
from ...base import Mistake, Template
from ...formatting import decimal, steps
from ...formatting import vector as tex_vector
from ...registry import register
from ...values import exact
from ._shared import (
    DECIMAL,
    check_positive,
    decimals,
    distinct,
    exact_vector,
    pick,
    same_length,
    show,
    tidy,
    vec,
)

LEARNING_RATES = [0.01, 0.05, 0.1, 0.2, 0.5]
MOMENTA = [0.5, 0.8, 0.9]
EACH_3SF = "Give each entry to 3 significant figures (graded within 0.1%)."


def _weights(rng, values: dict[str, Any]) -> list:
    return decimals(rng, int(rng.integers(2, 4)), -20, 20)


def _like_w(low: int, high: int, scale: int = 10):
    """A vector as long as `w`, of decimals k/scale for whole k in [low, high]."""
    return lambda rng, values: decimals(rng, len(values["w"]), low, high, scale)


def _rate(values: list[float]) -> P.Param:
    return P.custom(
        "lr", lambda rng, v: pick(rng, values), _check_rate, description="learning rate η"
    )


def _momentum(name: str, values: list[float], description: str) -> P.Param:
    return P.custom(
        name, lambda rng, v: pick(rng, values), _check_momentum, description=description
    )


def _check_rate(value: Any) -> int | float:
    return check_positive(value, 100)


def _check_momentum(value: Any) -> int | float:
    number = P.check_number(value, 0)
    if number >= 1:
        raise ValueError(f"must be less than 1, got {number}")
    return number


def _vector_mistakes(answer: list, found: list[Mistake]) -> list[Mistake]:
    return distinct(answer, [Mistake([tidy(x) for x in m.answer], m.feedback) for m in found])


@register
class GradientDescentStep(Template):
    slug = "gradient-descent-step"
    title = "One gradient-descent step"
    area = "ml"
    topic = "gradient-descent"
    difficulty = 1
    kind = "vector"
    options = DECIMAL
    params = (
        P.custom("w", _weights, P.check_vector, description="current weights"),
        _rate(LEARNING_RATES),
        P.custom("grad", _like_w(-30, 30), P.check_vector, description="gradient of the loss at w"),
    )

    def check(self, p: Mapping[str, Any]) -> None:
        same_length(p, "w", "grad")

    def reject(self, p: Mapping[str, Any]) -> str | None:
        return None if all(p["grad"]) else "a zero gradient entry"

    def answer(self, p: Mapping[str, Any]) -> list:
        lr = exact(p["lr"])
        return tidy(
            [w - lr * g for w, g in zip(exact_vector(p["w"]), exact_vector(p["grad"]), strict=True)]
        )

    def prompt(self, p: Mapping[str, Any]) -> str:
        return (
            f"A model has weights $w = {vec(p['w'])}$ and the gradient of the loss there is "
            f"$\\nabla L(w) = {vec(p['grad'])}$. Take one step of gradient descent with "
            f"learning rate $\\eta = {show(p['lr'])}$: what are the new weights?\n\n{EACH_3SF}"
        )

    def solution(self, p: Mapping[str, Any], answer: list) -> str:
        lr = exact(p["lr"])
        update = [lr * g for g in exact_vector(p["grad"])]
        return steps(
            r"Gradient descent moves against the gradient: $w \leftarrow w - \eta \nabla L(w)$.",
            f"Step: $\\eta \\nabla L(w) = {show(lr)} \\cdot {vec(p['grad'])} = {vec(update)}$.",
            f"New weights: ${vec(p['w'])} - {vec(update)} = {vec(answer)}$.",
        )

    def mistakes(self, p: Mapping[str, Any], answer: list) -> list[Mistake]:
        lr, ws, gs = exact(p["lr"]), exact_vector(p["w"]), exact_vector(p["grad"])
        return _vector_mistakes(answer, [
            Mistake([w + lr * g for w, g in zip(ws, gs, strict=True)], "Sign: step against the gradient, w − η∇L, to decrease the loss."),
            Mistake([w - g for w, g in zip(ws, gs, strict=True)], "Scale the gradient by the learning rate η before subtracting it."),
            Mistake([-lr * g for g in gs], "That is only the change −η∇L; add it to the current weights."),
        ])  # fmt: skip


@register
class MomentumStep(Template):
    slug = "momentum-step"
    title = "One SGD step with momentum"
    area = "ml"
    topic = "momentum"
    difficulty = 2
    kind = "vector"
    options = DECIMAL
    params = (
        P.custom("w", _weights, P.check_vector, description="current weights"),
        P.custom("v", _like_w(-20, 20), P.check_vector, description="velocity (momentum buffer)"),
        P.custom("grad", _like_w(-20, 20), P.check_vector, description="gradient at w"),
        _rate(LEARNING_RATES),
        _momentum("mu", MOMENTA, "momentum μ"),
    )

    def check(self, p: Mapping[str, Any]) -> None:
        same_length(p, "w", "v", "grad")

    def reject(self, p: Mapping[str, Any]) -> str | None:
        return None if all(p["v"]) and all(p["grad"]) else "a zero velocity or gradient entry"

    def _velocity(self, p: Mapping[str, Any]) -> list:
        mu = exact(p["mu"])
        return [
            mu * v + g for v, g in zip(exact_vector(p["v"]), exact_vector(p["grad"]), strict=True)
        ]

    def answer(self, p: Mapping[str, Any]) -> list:
        lr = exact(p["lr"])
        return tidy(
            [w - lr * v for w, v in zip(exact_vector(p["w"]), self._velocity(p), strict=True)]
        )

    def prompt(self, p: Mapping[str, Any]) -> str:
        return (
            f"SGD with momentum (PyTorch's form: $v \\leftarrow \\mu v + \\nabla L(w)$, then "
            f"$w \\leftarrow w - \\eta v$) is at weights $w = {vec(p['w'])}$ with velocity "
            f"$v = {vec(p['v'])}$. The gradient at $w$ is $\\nabla L(w) = {vec(p['grad'])}$, "
            f"$\\eta = {show(p['lr'])}$ and $\\mu = {show(p['mu'])}$. What are the weights after "
            f"this step?\n\n{EACH_3SF}"
        )

    def solution(self, p: Mapping[str, Any], answer: list) -> str:
        velocity = self._velocity(p)
        return steps(
            f"New velocity: $v = \\mu v + \\nabla L(w) = {show(p['mu'])} \\cdot {vec(p['v'])} + "
            f"{vec(p['grad'])} = {vec(velocity)}$.",
            f"Step: $w - \\eta v = {vec(p['w'])} - {show(p['lr'])} \\cdot {vec(velocity)} = "
            f"{vec(answer)}$.",
        )

    def mistakes(self, p: Mapping[str, Any], answer: list) -> list[Mistake]:
        lr, ws = exact(p["lr"]), exact_vector(p["w"])
        gs, vs = exact_vector(p["grad"]), exact_vector(p["v"])
        new = self._velocity(p)
        return _vector_mistakes(answer, [
            Mistake([w - lr * g for w, g in zip(ws, gs, strict=True)], "That is plain gradient descent: add μ times the old velocity to the gradient first."),
            Mistake([w - lr * v for w, v in zip(ws, vs, strict=True)], "Update the velocity first (v ← μv + ∇L), then step with the new velocity."),
            Mistake([w + lr * v for w, v in zip(ws, new, strict=True)], "Sign: the step is w − ηv, against the accumulated gradient."),
        ])  # fmt: skip


@register
class NesterovStep(Template):
    slug = "nesterov-step"
    title = "One Nesterov momentum step"
    area = "ml"
    topic = "momentum"
    difficulty = 3
    kind = "numeric"
    options = DECIMAL
    params = (
        P.custom("w", lambda rng, v: decimals(rng, 1, -30, 30)[0], P.check_number, description="weight"),
        P.custom("v", lambda rng, v: decimals(rng, 1, -10, 10)[0], P.check_number, description="velocity"),
        _rate([0.05, 0.1, 0.2]),
        _momentum("mu", MOMENTA, "momentum μ"),
        P.custom("a", lambda rng, v: pick(rng, [0.5, 1, 2]), lambda v: check_positive(v, 100),
                 description="loss L(w) = a·w²"),
    )  # fmt: skip

    def reject(self, p: Mapping[str, Any]) -> str | None:
        if p["v"] == 0 or p["w"] == 0 or p["w"] + p["mu"] * p["v"] == 0:
            return "a zero velocity, weight or look-ahead point"
        return None

    @staticmethod
    def _parts(p: Mapping[str, Any]) -> tuple[Any, Any, Any]:
        w, v, mu, lr, a = (exact(p[k]) for k in ("w", "v", "mu", "lr", "a"))
        ahead = w + mu * v
        velocity = mu * v - lr * 2 * a * ahead
        return ahead, velocity, w + velocity

    def answer(self, p: Mapping[str, Any]) -> Any:
        return tidy(self._parts(p)[2])

    def prompt(self, p: Mapping[str, Any]) -> str:
        return (
            f"Minimise $L(w) = {show(p['a'])}\\,w^2$ with Nesterov momentum in the look-ahead "
            r"form: $v \leftarrow \mu v - \eta \nabla L(w + \mu v)$, then $w \leftarrow w + v$. "
            f"The current weight is $w = {show(p['w'])}$, the velocity $v = {show(p['v'])}$, "
            f"with $\\eta = {show(p['lr'])}$ and $\\mu = {show(p['mu'])}$. What is the new "
            "weight?\n\nGive the answer to 3 significant figures (graded within 0.1%)."
        )

    def solution(self, p: Mapping[str, Any], answer: Any) -> str:
        ahead, velocity, _ = self._parts(p)
        gradient = 2 * exact(p["a"]) * ahead
        return steps(
            "Nesterov takes the momentum step first and evaluates the gradient there: "
            f"$\\tilde w = w + \\mu v = {show(p['w'])} + {show(p['mu'])} \\cdot {show(p['v'])} = "
            f"{show(ahead)}$.",
            f"$\\nabla L(w) = {show(2 * exact(p['a']))}\\,w$, so $\\nabla L(\\tilde w) = "
            f"{show(gradient)}$.",
            f"New velocity: $v = {show(p['mu'])} \\cdot {show(p['v'])} - {show(p['lr'])} \\cdot "
            f"{show(gradient)} = {show(velocity)}$.",
            f"New weight: $w = {show(p['w'])} + {show(velocity)} = {show(answer)}$.",
        )

    def mistakes(self, p: Mapping[str, Any], answer: Any) -> list[Mistake]:
        w, v, mu, lr, a = (exact(p[k]) for k in ("w", "v", "mu", "lr", "a"))
        ahead = w + mu * v
        return distinct(answer, [
            Mistake(tidy(w + mu * v - lr * 2 * a * w), "That is classical momentum: Nesterov evaluates the gradient at the look-ahead point w + μv, not at w."),
            Mistake(tidy(w - lr * 2 * a * w), "That is plain gradient descent: include the momentum term μv."),
            Mistake(tidy(w + mu * v + lr * 2 * a * ahead), "Sign: subtract η∇L(w + μv) to move downhill."),
            Mistake(tidy(w + mu * v - lr * a * ahead), "The gradient of a·w² is 2a·w, not a·w."),
        ])  # fmt: skip


@register
class AdamFirstStep(Template):
    slug = "adam-first-step"
    title = "Adam's first step"
    area = "ml"
    topic = "adaptive-optimizers"
    difficulty = 3
    kind = "vector"
    options = DECIMAL
    eps = 1e-8
    params = (
        P.custom("w", _weights, P.check_vector, description="initial weights"),
        P.custom("grad", _like_w(-30, 30), P.check_vector, description="first gradient"),
        _rate([0.001, 0.01, 0.05, 0.1]),
        _momentum("beta1", [0.9, 0.8], "β₁"),
        _momentum("beta2", [0.999, 0.99], "β₂"),
    )

    def check(self, p: Mapping[str, Any]) -> None:
        same_length(p, "w", "grad")

    def reject(self, p: Mapping[str, Any]) -> str | None:
        return None if all(p["grad"]) else "a zero gradient entry"

    def _step(self, p: Mapping[str, Any], *, corrected: bool = True) -> list[float]:
        b1, b2, lr = float(p["beta1"]), float(p["beta2"]), float(p["lr"])
        out = []
        for w, g in zip(p["w"], p["grad"], strict=True):
            m, v = (1 - b1) * g, (1 - b2) * g * g
            if corrected:
                m, v = m / (1 - b1), v / (1 - b2)
            out.append(float(f"{w - lr * m / (math.sqrt(v) + self.eps):.12g}"))
        return out

    def answer(self, p: Mapping[str, Any]) -> list[float]:
        return self._step(p)

    def prompt(self, p: Mapping[str, Any]) -> str:
        return (
            f"Adam starts at $w = {vec(p['w'])}$ with $m_0 = v_0 = 0$ and receives the gradient "
            f"$g_1 = {vec(p['grad'])}$. With $\\eta = {show(p['lr'])}$, "
            f"$\\beta_1 = {show(p['beta1'])}$, $\\beta_2 = {show(p['beta2'])}$ and "
            r"$\epsilon = 10^{-8}$ (bias-corrected moments, as in PyTorch), what are the weights "
            f"after the first step?\n\n{EACH_3SF}"
        )

    def solution(self, p: Mapping[str, Any], answer: list) -> str:
        b1, b2 = exact(p["beta1"]), exact(p["beta2"])
        gs = exact_vector(p["grad"])
        return steps(
            f"First moment: $m_1 = (1 - \\beta_1) g_1 = {show(1 - b1)} \\cdot {vec(gs)} = "
            f"{vec([(1 - b1) * g for g in gs])}$.",
            f"Second moment: $v_1 = (1 - \\beta_2) g_1^2 = {vec([(1 - b2) * g**2 for g in gs])}$.",
            f"Bias correction divides by $1 - \\beta^t$ with $t = 1$: $\\hat m_1 = m_1 / {show(1 - b1)} = "
            f"{vec(gs)}$ and $\\hat v_1 = v_1 / {show(1 - b2)} = {vec([g**2 for g in gs])}$.",
            r"So $\hat m_1 / (\sqrt{\hat v_1} + \epsilon) = g_1 / (|g_1| + \epsilon)$, almost "
            "exactly the sign of each gradient entry: Adam's first step has size about η per "
            "weight, whatever the gradient's scale.",
            f"$w_1 = w - \\eta \\hat m_1 / (\\sqrt{{\\hat v_1}} + \\epsilon) \\approx "
            f"{tex_vector(answer, lambda x: decimal(x, 6))}$.",
        )

    def mistakes(self, p: Mapping[str, Any], answer: list) -> list[Mistake]:
        lr = float(p["lr"])
        pairs = list(zip(p["w"], p["grad"], strict=True))
        return _rounded(answer, [
            Mistake(self._step(p, corrected=False), "Apply the bias correction: divide m₁ by 1 − β₁ and v₁ by 1 − β₂ (the moments start at 0)."),
            Mistake([w - lr * g for w, g in pairs], "That is a plain SGD step: Adam divides by the root of the second moment."),
            Mistake([w - lr * g / (g * g + self.eps) for w, g in pairs], "Take the square root of v̂₁ before dividing."),
            Mistake([w + lr * g / (abs(g) + self.eps) for w, g in pairs], "Sign: Adam steps against the gradient."),
        ])  # fmt: skip


def _rounded(answer: list, found: list[Mistake]) -> list[Mistake]:
    """Float mistakes rounded to 12 significant figures, like the answer."""
    return distinct(
        answer, [Mistake([float(f"{x:.12g}") for x in m.answer], m.feedback) for m in found]
    )
