"""Probability and information: Bayes' rule, entropy in bits, and the KL divergence."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import sympy

from ... import params as P
from ...base import Mistake, Template, TemplateError
from ...formatting import decimal, num, steps, tex, vector
from ...registry import register
from ...values import exact
from .common import approx, check_distribution, check_probability, keep_distinct, plain

STORIES = {
    "disease": (
        "A disease affects {prior} of a population. A test is positive for {sens} of people who "
        "have the disease and for {fpr} of people who do not. A randomly chosen person tests "
        "positive. What is the probability that they have the disease?",
        "D",
        "+",
    ),
    "spam": (
        "{prior} of incoming emails are spam. A filter flags {sens} of spam emails and also "
        "{fpr} of legitimate ones. An email is flagged. What is the probability that it is spam?",
        "S",
        "F",
    ),
    "defect": (
        "{prior} of the parts a machine makes are defective. An inspection alarm sounds for "
        "{sens} of defective parts and for {fpr} of good parts. The alarm sounds for a part. What "
        "is the probability that the part is defective?",
        "D",
        "A",
    ),
}


def _percent(value: Any) -> str:
    return f"{float(value) * 100:g}%"


@register
class BayesPosterior(Template):
    slug = "bayes-posterior"
    title = "Bayes' rule: posterior after a positive test"
    area = "math"
    topic = "bayes-rule"
    difficulty = 2
    kind = "numeric"
    options = {"rel_tol": 1e-3}
    params = (
        P.custom(
            "prior",
            lambda rng, v: [0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3][int(rng.integers(7))],
            check_probability,
            description="P(H)",
        ),
        P.custom(
            "sensitivity",
            lambda rng, v: [0.7, 0.8, 0.9, 0.95, 0.99][int(rng.integers(5))],
            check_probability,
            description="P(E | H)",
        ),
        P.custom(
            "false_positive",
            lambda rng, v: [0.01, 0.02, 0.05, 0.1, 0.2][int(rng.integers(5))],
            check_probability,
            description="P(E | not H)",
        ),
        P.choice("story", list(STORIES), description="the setting of the question"),
    )

    @staticmethod
    def _numbers(p) -> tuple[sympy.Rational, sympy.Rational, sympy.Rational]:
        return exact(p["prior"]), exact(p["sensitivity"]), exact(p["false_positive"])

    def check(self, p: Mapping[str, Any]) -> None:
        prior, sens, fpr = self._numbers(p)
        if sens * prior + fpr * (1 - prior) == 0:
            raise TemplateError("The evidence has probability 0, so the posterior is undefined.")

    def answer(self, p):
        prior, sens, fpr = self._numbers(p)
        return plain(sens * prior / (sens * prior + fpr * (1 - prior)))

    def prompt(self, p) -> str:
        text, _, _ = STORIES[p["story"]]
        filled = text.format(
            prior=_percent(p["prior"]),
            sens=_percent(p["sensitivity"]),
            fpr=_percent(p["false_positive"]),
        )
        return f"{filled[0].upper()}{filled[1:]} Give a fraction or a decimal within 0.1%."

    def solution(self, p, answer) -> str:
        prior, sens, fpr = self._numbers(p)
        _, h, e = STORIES[p["story"]]
        joint, other = sens * prior, fpr * (1 - prior)
        return steps(
            f"Bayes' rule: $P({h} \\mid {e}) = \\frac{{P({e} \\mid {h})\\,P({h})}}{{P({e})}}$.",
            f"Numerator: $P({e} \\mid {h})\\,P({h}) = {num(sens)} \\cdot {num(prior)} = {num(joint)}$.",
            f"Total probability: $P({e}) = P({e} \\mid {h})P({h}) + P({e} \\mid \\neg {h})P(\\neg {h}) = "
            f"{num(joint)} + {num(fpr)} \\cdot {num(1 - prior)} = {num(joint + other)}$.",
            f"$P({h} \\mid {e}) = \\frac{{{num(joint)}}}{{{num(joint + other)}}} = {num(answer)}{approx(answer)}$.",
        )

    def mistakes(self, p, answer) -> list[Mistake]:
        prior, sens, fpr = self._numbers(p)
        found = [
            Mistake(
                sens,
                "That is P(evidence | hypothesis), the test's sensitivity; Bayes' rule turns it around using the prior.",
            ),
            Mistake(
                sens * prior,
                "That is the joint probability P(E and H); divide by the total probability of the evidence P(E).",
            ),
            Mistake(
                sens / (sens + fpr),
                "You left out the prior: weight each likelihood by P(H) and P(not H).",
            ),
        ]
        return keep_distinct(answer, found)


def _draw_distribution(rng: np.random.Generator, values: dict) -> list[float]:
    if rng.random() < 0.5:
        bank = [
            [2, 2],
            [2, 4, 4],
            [4, 4, 4, 4],
            [2, 4, 8, 8],
            [4, 4, 4, 8, 8],
            [2, 8, 8, 8, 8],
            [8, 8, 4, 2],
        ]
        probabilities = [1 / d for d in bank[int(rng.integers(len(bank)))]]
    else:
        # tenths: a random composition of 10 into 2–4 positive parts
        parts = int(rng.integers(2, 5))
        cuts = sorted(int(c) for c in rng.choice(np.arange(1, 10), size=parts - 1, replace=False))
        probabilities = [(b - a) / 10 for a, b in zip([0, *cuts], [*cuts, 10], strict=True)]
    return [float(v) for v in rng.permutation(probabilities)]


def ln(r: sympy.Rational) -> sympy.Expr:
    """ln r as a sum over the prime factors of r, so that sums of logs collect into one
    canonical form (e.g. 3/2 bits rather than log(2)/2 + log(4)/2 over log(2))."""
    r = sympy.Rational(r)
    up, down = sympy.factorint(r.p), sympy.factorint(r.q)
    return sum(e * sympy.log(q) for q, e in up.items()) - sum(
        e * sympy.log(q) for q, e in down.items()
    )


def _in_base(nats: sympy.Expr, base: int | None) -> sympy.Expr:
    return sympy.expand(nats / ln(base) if base else nats)


def _entropy(ps: list, base: int | None) -> sympy.Expr:
    return _in_base(-sum(p * ln(p) for p in exact(ps) if p), base)


@register
class EntropyBits(Template):
    slug = "entropy-bits"
    title = "Entropy of a distribution in bits"
    area = "math"
    topic = "entropy"
    difficulty = 2
    kind = "numeric"
    options = {"rel_tol": 1e-3}
    params = (
        P.custom(
            "p", _draw_distribution, check_distribution, description="probabilities summing to 1"
        ),
    )

    def answer(self, p):
        return plain(_entropy(p["p"], 2))

    def prompt(self, p) -> str:
        return (
            f"A random variable takes {len(p['p'])} values with probabilities\n\n"
            f"$$p = {vector(p['p'])}.$$\n\n"
            "Compute its entropy $H(p) = -\\sum_i p_i \\log_2 p_i$ in bits. Give the exact value "
            "or a decimal within 0.1%."
        )

    def solution(self, p, answer) -> str:
        terms = [
            f"-{num(q)}\\log_2 {num(q)} = {decimal(-q * ln(q) / ln(2))}" for q in exact(p["p"]) if q
        ]
        return steps(
            "Each outcome contributes $-p_i \\log_2 p_i$ bits (outcomes with $p_i = 0$ contribute 0).",
            *(f"${term}$" for term in terms),
            f"$H = {num(answer)}{approx(answer)}$ bits.",
        )

    def mistakes(self, p, answer) -> list[Mistake]:
        bits = _entropy(p["p"], 2)
        found = [
            Mistake(
                _entropy(p["p"], None),
                "That is the entropy in nats (natural log); for bits use log base 2, i.e. divide by ln 2.",
            ),
            Mistake(
                -bits,
                "Entropy is never negative: the formula has a minus sign because log₂ pᵢ ≤ 0.",
            ),
            Mistake(_entropy(p["p"], 10), "You used log base 10; bits need log base 2."),
        ]
        return keep_distinct(answer, found)


def _draw_positive(rng: np.random.Generator, size: int) -> list[float]:
    cuts = sorted(int(c) for c in rng.choice(np.arange(1, 10), size=size - 1, replace=False))
    return [(b - a) / 10 for a, b in zip([0, *cuts], [*cuts, 10], strict=True)]


def _kl(ps: list, qs: list, base: int | None = None) -> sympy.Expr:
    total = sum(p * (ln(p) - ln(q)) for p, q in zip(exact(ps), exact(qs), strict=True) if p)
    return _in_base(total, base)


@register
class KLDivergence(Template):
    slug = "kl-divergence"
    title = "KL divergence between two distributions"
    area = "math"
    topic = "entropy"
    difficulty = 3
    kind = "numeric"
    options = {"rel_tol": 1e-3}
    params = (
        P.custom(
            "p",
            lambda rng, v: _draw_positive(rng, int(rng.integers(2, 4))),
            check_distribution,
            description="distribution P",
        ),
        P.custom(
            "q",
            lambda rng, v: _draw_positive(rng, len(v["p"])),
            check_distribution,
            description="distribution Q, same length",
        ),
    )

    def check(self, p: Mapping[str, Any]) -> None:
        if len(p["p"]) != len(p["q"]):
            raise TemplateError(
                f"P has {len(p['p'])} outcomes and Q has {len(p['q'])}: they must match."
            )
        if any(a > 0 and b == 0 for a, b in zip(p["p"], p["q"], strict=True)):
            raise TemplateError("Q is 0 where P is positive, so D_KL(P‖Q) is infinite.")

    def reject(self, p):
        return "P equals Q" if p["p"] == p["q"] else None

    def answer(self, p):
        return plain(_kl(p["p"], p["q"]))

    def prompt(self, p) -> str:
        return (
            "Two distributions over the same outcomes are\n\n"
            f"$$P = {vector(p['p'])}, \\quad Q = {vector(p['q'])}.$$\n\n"
            "Compute $D_{\\mathrm{KL}}(P \\parallel Q) = \\sum_i P_i \\ln \\frac{P_i}{Q_i}$ in nats "
            "(natural log). Give the exact value or a decimal within 0.1%."
        )

    def solution(self, p, answer) -> str:
        rows = [
            f"${num(a)} \\ln \\frac{{{num(a)}}}{{{num(b)}}} = {decimal(a * ln(a / b))}$"
            for a, b in zip(exact(p["p"]), exact(p["q"]), strict=True)
            if a
        ]
        return steps(
            "Sum $P_i \\ln(P_i / Q_i)$ over the outcomes (terms with $P_i = 0$ are 0).",
            *rows,
            f"$D_{{\\mathrm{{KL}}}}(P \\parallel Q) = {tex(_kl(p['p'], p['q']))}{approx(answer)}$ nats.",
        )

    def mistakes(self, p, answer) -> list[Mistake]:
        found = []
        if all(b == 0 or a > 0 for a, b in zip(p["p"], p["q"], strict=True)):
            found.append(
                Mistake(
                    _kl(p["q"], p["p"]),
                    "That is D_KL(Q‖P): KL divergence is not symmetric; weight by P and put P on top.",
                )
            )
        found += [
            Mistake(
                -_kl(p["p"], p["q"]),
                "The ratio is P/Q inside the log (or −Σ P ln(Q/P)); KL divergence is never negative.",
            ),
            Mistake(
                _kl(p["p"], p["q"], 2),
                "That is in bits (log base 2); the question asks for nats, the natural log.",
            ),
            Mistake(
                -sum(a * ln(b) for a, b in zip(exact(p["p"]), exact(p["q"]), strict=True) if a),
                "That is the cross-entropy H(P, Q); subtract the entropy H(P) to get the KL divergence.",
            ),
        ]
        return keep_distinct(answer, found)
