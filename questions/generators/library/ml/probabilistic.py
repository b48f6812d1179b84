"""Probabilistic-model templates: the naive Bayes posterior and the information gain of a
decision-tree split."""

from __future__ import annotations

import math
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
    check_counts,
    check_probability_vector,
    decimals,
    distinct,
    equals,
    show,
    tidy,
    vec,
)


def _entropy(counts: list[int]) -> Any:
    """Entropy in bits, exact."""
    total = sum(counts)
    return -sum(
        sympy.Rational(c, total) * sympy.log(sympy.Rational(c, total), 2) for c in counts if c
    )


def _float(value: Any) -> float:
    return float(sympy.N(value, 20))


def _check_children(value: Any) -> list[list[int]]:
    rows = P.check_matrix(value)
    for row in rows:
        check_counts(row)
    return [[int(c) for c in row] for row in rows]


@register
class InformationGain(Template):
    slug = "information-gain"
    title = "Information gain of a split"
    area = "ml"
    topic = "decision-trees"
    difficulty = 2
    kind = "numeric"
    options = DECIMAL

    @staticmethod
    def _draw_parent(rng: np.random.Generator, values: dict[str, Any]) -> list[int]:
        classes = 2 if rng.random() < 0.7 else 3
        return [int(c) for c in rng.integers(2, 11, size=classes)]

    @staticmethod
    def _draw_children(rng: np.random.Generator, values: dict[str, Any]) -> list[list[int]]:
        k = int(rng.integers(2, 4))
        columns = []
        for count in values["parent"]:
            cuts = sorted(int(c) for c in rng.integers(0, count + 1, size=k - 1))
            columns.append([b - a for a, b in zip([0, *cuts], [*cuts, count], strict=True)])
        return [list(row) for row in zip(*columns, strict=True)]

    params = (
        P.custom("parent", _draw_parent, check_counts, description="class counts at the node"),
        P.custom("children", _draw_children, _check_children,
                 description="class counts in each child, one row per child"),
    )  # fmt: skip

    def check(self, p: Mapping[str, Any]) -> None:
        parent, children = p["parent"], p["children"]
        if any(len(child) != len(parent) for child in children):
            raise TemplateError(
                f"Each child needs one count per class ({len(parent)} classes in parent)."
            )
        if len(children) < 2:
            raise TemplateError("A split needs at least two children.")
        if any(sum(child) == 0 for child in children):
            raise TemplateError("Every child must hold at least one example.")
        sums = [sum(column) for column in zip(*children, strict=True)]
        if sums != parent:
            raise TemplateError(
                f"The children's counts must add up to the parent's class by class: they sum to "
                f"{sums}, the parent has {parent}."
            )

    def reject(self, p: Mapping[str, Any]) -> str | None:
        if self.answer(p) < 0.01:
            return "the split gains (almost) nothing"
        return None

    @staticmethod
    def _weighted(p: Mapping[str, Any]) -> Any:
        n = sum(p["parent"])
        return sum(sympy.Rational(sum(c), n) * _entropy(c) for c in p["children"])

    def answer(self, p: Mapping[str, Any]) -> float:
        # a decimal: the exact form (sums of log2 of fractions) is no help to a learner
        return _float(_entropy(p["parent"]) - self._weighted(p))

    def prompt(self, p: Mapping[str, Any]) -> str:
        children = "\n".join(
            f"- child {i}: ${vec(c)}$" for i, c in enumerate(p["children"], start=1)
        )
        return (
            f"A decision-tree node holds examples with class counts ${vec(p['parent'])}$. "
            "A split sends them to children with these class counts:\n\n"
            f"{children}\n\nWhat is the information gain of the split, in bits (log base 2)?"
            f"\n\n{TO_3SF}"
        )

    def solution(self, p: Mapping[str, Any], answer: float) -> str:
        n = sum(p["parent"])
        lines = [
            r"Information gain: $IG = H(\text{parent}) - \sum_i \frac{n_i}{n} H(\text{child}_i)$ "
            r"with $H = -\sum_c p_c \log_2 p_c$ (empty classes contribute 0).",
            f"$H(\\text{{parent}}) = {self._entropy_terms(p['parent'])} \\approx "
            f"{decimal(_entropy(p['parent']), 4)}$ bits.",
        ]
        for i, child in enumerate(p["children"], start=1):
            entropy = (
                f"{self._entropy_terms(child)} \\approx {decimal(_entropy(child), 4)}$"
                if sum(1 for c in child if c) > 1
                else "0$ (a pure node)"
            )
            lines.append(f"Child {i} ($n_{i} = {sum(child)}$): $H = {entropy}.")
        weights = " + ".join(
            f"\\frac{{{sum(c)}}}{{{n}}} \\cdot {decimal(_entropy(c), 4)}" for c in p["children"]
        )
        lines.append(
            f"Weighted child entropy: ${weights} \\approx {decimal(self._weighted(p), 4)}$."
        )
        lines.append(
            f"$IG \\approx {decimal(_entropy(p['parent']), 4)} - "
            f"{decimal(self._weighted(p), 4)} \\approx {decimal(answer, 4)}$ bits."
        )
        return steps(*lines)

    @staticmethod
    def _entropy_terms(counts: list[int]) -> str:
        total = sum(counts)
        terms = [f"\\frac{{{c}}}{{{total}}} \\log_2 \\frac{{{c}}}{{{total}}}" for c in counts if c]
        if len(terms) == 1:
            return "0"
        return "-\\left(" + " + ".join(terms) + "\\right)"

    def mistakes(self, p: Mapping[str, Any], answer: float) -> list[Mistake]:
        parent = _entropy(p["parent"])
        children = [_entropy(c) for c in p["children"]]
        weighted = self._weighted(p)
        return distinct(answer, [
            Mistake(answer * math.log(2), "You used the natural log: information gain in bits uses log base 2."),
            Mistake(_float(parent - sum(children) / len(children)), "Weight each child's entropy by its share of the examples, nᵢ/n, not equally."),
            Mistake(_float(parent - sum(children)), "Weight each child's entropy by nᵢ/n before subtracting."),
            Mistake(_float(weighted), "That is the weighted entropy after the split; the gain is H(parent) minus it."),
        ])  # fmt: skip


def _check_likelihoods(value: Any) -> list[list]:
    rows = P.check_matrix(value)
    if any(not 0 <= item <= 1 for row in rows for item in row):
        raise ValueError("every likelihood must be a probability between 0 and 1")
    return rows


def _check_binary(value: Any) -> list[int]:
    items = P.check_vector(value)
    if any(item not in (0, 1) for item in items):
        raise ValueError("each observed feature must be 0 (absent) or 1 (present)")
    return [int(item) for item in items]


@register
class NaiveBayesPosterior(Template):
    slug = "naive-bayes-posterior"
    title = "Naive Bayes posterior"
    area = "ml"
    topic = "naive-bayes"
    difficulty = 2
    kind = "numeric"
    options = DECIMAL

    @staticmethod
    def _draw_prior(rng: np.random.Generator, values: dict[str, Any]) -> list:
        spam = int(rng.integers(2, 9))
        return [tidy(sympy.Rational(spam, 10)), tidy(sympy.Rational(10 - spam, 10))]

    @staticmethod
    def _draw_likelihood(rng: np.random.Generator, values: dict[str, Any]) -> list[list]:
        m = int(rng.integers(2, 4))
        return [decimals(rng, m, 1, 9) for _ in values["prior"]]

    @staticmethod
    def _draw_x(rng: np.random.Generator, values: dict[str, Any]) -> list[int]:
        m = len(values["likelihood"][0])
        while True:
            x = [int(v) for v in rng.integers(0, 2, size=m)]
            if any(x):
                return x

    params = (
        P.custom("prior", _draw_prior, check_probability_vector, description="P(class)"),
        P.custom("likelihood", _draw_likelihood, _check_likelihoods,
                 description="P(feature j present | class), one row per class"),
        P.custom("x", _draw_x, _check_binary, description="observed features (1 present, 0 absent)"),
    )  # fmt: skip

    def check(self, p: Mapping[str, Any]) -> None:
        if len(p["likelihood"]) != len(p["prior"]):
            raise TemplateError(
                f"likelihood needs one row per class: {len(p['prior'])} classes in prior, "
                f"{len(p['likelihood'])} rows."
            )
        if len(p["likelihood"][0]) != len(p["x"]):
            raise TemplateError(
                f"x has {len(p['x'])} features but likelihood has {len(p['likelihood'][0])} columns."
            )
        if sum(self._scores(p)) == 0:
            raise TemplateError("Every class gives this observation probability 0.")

    def _factors(self, p: Mapping[str, Any], row: list, *, absent_flip: bool = True) -> list:
        return [
            exact(q) if x or not absent_flip else 1 - exact(q)
            for q, x in zip(row, p["x"], strict=True)
        ]

    def _scores(self, p: Mapping[str, Any], **kwargs: bool) -> list:
        return [
            exact(prior) * sympy.Mul(*self._factors(p, row, **kwargs))
            for prior, row in zip(p["prior"], p["likelihood"], strict=True)
        ]

    def answer(self, p: Mapping[str, Any]) -> Any:
        scores = self._scores(p)
        return tidy(scores[0] / sum(scores))

    def _names(self, p: Mapping[str, Any]) -> list[str]:
        if len(p["prior"]) == 2:
            return ["spam", "ham"]
        return [f"C_{i}" for i in range(1, len(p["prior"]) + 1)]

    def prompt(self, p: Mapping[str, Any]) -> str:
        m = len(p["x"])
        names = self._names(p)
        header = "| class | $P(\\text{class})$ | " + " | ".join(
            f"$P(x_{j} = 1 \\mid \\text{{class}})$" for j in range(1, m + 1)
        )
        rows = [
            f"| {name} | ${show(prior)}$ | " + " | ".join(f"${show(q)}$" for q in row) + " |"
            for name, prior, row in zip(names, p["prior"], p["likelihood"], strict=True)
        ]
        observed = ", ".join(f"$x_{j} = {x}$" for j, x in enumerate(p["x"], start=1))
        return (
            "A naive Bayes filter uses binary features ($x_j = 1$: word $j$ appears in the "
            "message) with these estimates:\n\n"
            f"{header} |\n|---|---|{'---|' * m}\n" + "\n".join(rows) + "\n\n"
            f"A new message has {observed}. What posterior probability does the filter give "
            f"to the class {names[0]}?\n\n{TO_3SF}"
        )

    def solution(self, p: Mapping[str, Any], answer: Any) -> str:
        names = self._names(p)
        lines = [
            r"Naive Bayes: $P(c \mid x) \propto P(c) \prod_j P(x_j \mid c)$, with "
            r"$P(x_j = 0 \mid c) = 1 - P(x_j = 1 \mid c)$ for absent features.",
        ]
        scores = self._scores(p)
        for name, prior, row, score in zip(names, p["prior"], p["likelihood"], scores, strict=True):
            factors = " \\cdot ".join(show(f) for f in self._factors(p, row))
            lines.append(f"{name}: ${show(prior)} \\cdot {factors} = {show(score)}$.")
        total = " + ".join(show(s) for s in scores)
        lines.append(
            f"Normalise: $P(\\text{{{names[0]}}} \\mid x) = {show(scores[0])} / ({total}) "
            f"{equals(answer)}$."
        )
        return steps(*lines)

    def mistakes(self, p: Mapping[str, Any], answer: Any) -> list[Mistake]:
        scores = self._scores(p)
        plain = self._scores(p, absent_flip=False)
        flat = [sympy.Mul(*self._factors(p, row)) for row in p["likelihood"]]
        found = [
            Mistake(tidy(scores[0]), "Normalise: divide this class's score by the sum of the scores of all classes."),
            Mistake(tidy(flat[0] / sum(flat)), "Multiply by the prior P(class) before normalising."),
        ]  # fmt: skip
        if 0 in p["x"] and sum(plain):
            found.append(Mistake(tidy(plain[0] / sum(plain)), "For an absent word use P(xⱼ = 0 | class) = 1 − P(xⱼ = 1 | class)."))  # fmt: skip
        return distinct(answer, found)
