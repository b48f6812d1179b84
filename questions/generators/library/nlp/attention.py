"""Attention and transformer templates: scaled dot-product attention, attention weights of one
query, sinusoidal positional encoding."""

from __future__ import annotations

import math

import numpy as np
import sympy

from ... import params as P
from ...base import Mistake, Template, TemplateError
from ...formatting import decimal, matrix, num, steps, tex, vector
from ...registry import register
from .common import distinct, pick, sig

FOUR_FIGURES = "Give each entry to 4 significant figures (answers within 0.1% are accepted)."


def _softmax_rows(scores: np.ndarray) -> np.ndarray:
    exps = np.exp(scores - scores.max(axis=-1, keepdims=True))
    return exps / exps.sum(axis=-1, keepdims=True)


def _rounded(values: np.ndarray) -> list:
    return [_rounded(row) for row in values] if values.ndim > 1 else [sig(x) for x in values]


def _shown(values) -> str:
    return vector(values, lambda x: decimal(x, 4))


@register
class ScaledDotProductAttention(Template):
    slug = "scaled-dot-product-attention"
    title = "Scaled dot-product attention"
    area = "nlp"
    topic = "attention"
    difficulty = 3
    kind = "matrix"
    options = {"rel_tol": 1e-3}
    params = (
        P.int_matrix("Q", 2, 4, 0, 1, description="queries, n_q × d_k"),
        P.int_matrix("K", (2, 3), lambda v: len(v["Q"][0]), 0, 1, description="keys, n_k × d_k"),
        P.int_matrix("V", lambda v: len(v["K"]), 2, 0, 4, description="values, n_k × d_v"),
    )

    def check(self, p) -> None:
        if len(p["Q"][0]) != len(p["K"][0]):
            raise TemplateError(
                f"Q has {len(p['Q'][0])} columns and K has {len(p['K'][0])}: queries and keys "
                "must have the same dimension d_k"
            )
        if len(p["V"]) != len(p["K"]):
            raise TemplateError(
                f"K has {len(p['K'])} rows and V has {len(p['V'])}: every key needs one value"
            )

    @staticmethod
    def _arrays(p) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return tuple(np.array(p[name], dtype=float) for name in ("Q", "K", "V"))

    def _scaled(self, p) -> np.ndarray:
        q, k, _ = self._arrays(p)
        return q @ k.T / math.sqrt(q.shape[1])

    def reject(self, p):
        scores = self._scaled(p)
        if all(np.ptp(row) == 0 for row in scores):
            return "every query weighs the keys equally"
        if np.abs(np.array(self.answer(p))).min() < 0.05:
            return "an output entry is close to zero (hostile to a relative tolerance)"
        return None

    def answer(self, p) -> list:
        return _rounded(_softmax_rows(self._scaled(p)) @ self._arrays(p)[2])

    def prompt(self, p) -> str:
        d_k = len(p["Q"][0])
        return (
            "Compute the scaled dot-product attention "
            r"$\mathrm{Attention}(Q, K, V) = \mathrm{softmax}\left(\frac{QK^\top}{\sqrt{d_k}}\right)V$"
            f", with the softmax applied to each row (one row per query) and $d_k = {d_k}$:"
            f"\n\n$$Q = {matrix(p['Q'])}, \\quad K = {matrix(p['K'])}, \\quad "
            f"V = {matrix(p['V'])}.$$\n\n{FOUR_FIGURES}"
        )

    def solution(self, p, answer) -> str:
        q, k, v = self._arrays(p)
        raw = (q @ k.T).astype(int)
        d_k = q.shape[1]
        weights = _softmax_rows(self._scaled(p))
        lines = [
            f"Scores $QK^\\top = {matrix(raw)}$ (row $i$, column $j$: query $i$ · key $j$).",
            f"Scale by $\\sqrt{{d_k}} = \\sqrt{{{d_k}}}$: "
            f"${matrix(self._scaled(p), lambda x: decimal(x, 4))}$.",
        ]
        for i, row in enumerate(weights):
            lines.append(
                f"Row {i + 1}: softmax gives weights ${_shown(row)}$ (they sum to 1); output row "
                f"$= \\sum_j w_j v_j = {_shown(row @ v)}$."
            )
        lines.append(
            f"$$\\mathrm{{Attention}}(Q, K, V) = {matrix(answer, lambda x: decimal(x, 4))}$$"
        )
        return steps(*lines)

    def mistakes(self, p, answer) -> list[Mistake]:
        q, k, v = self._arrays(p)
        raw = q @ k.T
        columns = np.exp(raw / math.sqrt(q.shape[1]))
        columns = columns / columns.sum(axis=0, keepdims=True)
        return distinct(answer, [
            Mistake(_rounded(_softmax_rows(raw) @ v),
                    "Scale the scores by 1/√d_k before the softmax."),
            Mistake(_rounded(columns @ v),
                    "Apply the softmax along each row (over the keys of one query), not down "
                    "each column."),
            Mistake(_rounded(_softmax_rows(raw / q.shape[1]) @ v),
                    "Divide by √d_k, the square root of the key dimension, not by d_k itself."),
        ])  # fmt: skip


@register
class AttentionWeights(Template):
    slug = "attention-weights"
    title = "Attention weights of one query"
    area = "nlp"
    topic = "attention"
    difficulty = 2
    kind = "vector"
    options = {"rel_tol": 1e-3}
    params = (
        P.int_vector("q", 4, 0, 2, nonzero=True, description="the query, length d_k"),
        P.int_matrix("K", (3, 4), lambda v: len(v["q"]), 0, 1, description="one key per row"),
    )

    def check(self, p) -> None:
        if len(p["K"][0]) != len(p["q"]):
            raise TemplateError(
                f"q has {len(p['q'])} entries but the keys have {len(p['K'][0])}: they must "
                "have the same dimension d_k"
            )

    def _scores(self, p) -> np.ndarray:
        return np.array(p["K"], dtype=float) @ np.array(p["q"], dtype=float)

    def reject(self, p):
        return "all keys score the same" if np.ptp(self._scores(p)) == 0 else None

    def answer(self, p) -> list[float]:
        return _rounded(_softmax_rows(self._scores(p) / math.sqrt(len(p["q"]))))

    def prompt(self, p) -> str:
        keys = ", ".join(f"k_{{{j + 1}}} = {vector(row)}" for j, row in enumerate(p["K"]))
        return (
            f"A query $q = {vector(p['q'])}$ attends over the keys ${keys}$. Compute its "
            r"attention weights $\mathrm{softmax}_j\left(\frac{q \cdot k_j}{\sqrt{d_k}}\right)$ "
            f"with $d_k = {len(p['q'])}$, as a vector. {FOUR_FIGURES}"
        )

    def solution(self, p, answer) -> str:
        scores = self._scores(p)
        scaled = scores / math.sqrt(len(p["q"]))
        exps = np.exp(scaled)
        return steps(
            f"Dot products $q \\cdot k_j$: ${vector([int(s) for s in scores])}$.",
            f"Divide by $\\sqrt{{{len(p['q'])}}}$: ${_shown(scaled)}$.",
            f"Exponentiate: ${_shown(exps)}$, which sum to ${decimal(exps.sum(), 5)}$.",
            f"Normalise: weights ${_shown(answer)}$.",
        )

    def mistakes(self, p, answer) -> list[Mistake]:
        scores = self._scores(p)
        d_k = len(p["q"])
        return distinct(answer, [
            Mistake(_rounded(_softmax_rows(scores)),
                    "Scale the scores by 1/√d_k before the softmax."),
            Mistake(_rounded(scores / math.sqrt(d_k)),
                    "Those are the scaled scores: apply the softmax so the weights sum to 1."),
            Mistake(_rounded(_softmax_rows(scores / d_k)),
                    "Divide by √d_k, the square root of the key dimension, not by d_k itself."),
        ])  # fmt: skip


@register
class PositionalEncoding(Template):
    slug = "positional-encoding"
    title = "Sinusoidal positional encoding"
    area = "nlp"
    topic = "positional-encoding"
    difficulty = 2
    kind = "numeric"
    options = {"rel_tol": 1e-3}
    params = (
        P.custom("pos", lambda rng, v: int(rng.integers(1, 21)),
                 lambda v: P.check_int(v, 0, 100_000), description="position (from 0)"),
        P.custom("i", lambda rng, v: int(rng.integers(0, 8)), lambda v: P.check_int(v, 0, 9_999),
                 description="dimension index (from 0)"),
        P.custom("d_model", lambda rng, v: pick(rng, [4, 8])[0] if v["i"] < 4 else 8,
                 lambda v: P.check_int(v, 1, 10_000), description="model dimension"),
    )  # fmt: skip

    def check(self, p) -> None:
        if p["i"] >= p["d_model"]:
            raise TemplateError(
                f"dimension index i = {p['i']} must be below d_model = {p['d_model']}"
            )

    @staticmethod
    def _angle(pos: int, exponent_numerator: int, d_model: int) -> sympy.Expr:
        return sympy.Integer(pos) / sympy.Integer(10_000) ** sympy.Rational(
            exponent_numerator, d_model
        )

    def answer(self, p):
        angle = self._angle(p["pos"], 2 * (p["i"] // 2), p["d_model"])
        return sympy.cos(angle) if p["i"] % 2 else sympy.sin(angle)

    def reject(self, p):
        return "value close to zero" if abs(float(self.answer(p))) < 0.05 else None

    def prompt(self, p) -> str:
        return (
            "The transformer's sinusoidal positional encoding is "
            r"$PE(pos, 2k) = \sin\left(\frac{pos}{10000^{2k/d_{model}}}\right)$ and "
            r"$PE(pos, 2k+1) = \cos\left(\frac{pos}{10000^{2k/d_{model}}}\right)$, with positions "
            f"and dimensions indexed from 0. For $d_{{model}} = {p['d_model']}$, compute "
            f"$PE(pos = {p['pos']}, i = {p['i']})$ (angles in radians). Give 4 significant "
            "figures or an exact form."
        )

    def solution(self, p, answer) -> str:
        pos, i, d = p["pos"], p["i"], p["d_model"]
        k = i // 2
        base = sympy.Integer(10_000) ** sympy.Rational(2 * k, d)
        angle = self._angle(pos, 2 * k, d)
        function = "cos" if i % 2 else "sin"
        return steps(
            f"$i = {i}$ is {'odd' if i % 2 else 'even'}, so use $\\{function}$ with "
            f"$k = \\lfloor i/2 \\rfloor = {k}$.",
            f"Exponent $2k/d_{{model}} = {2 * k}/{d} = {num(sympy.Rational(2 * k, d))}$, so the "
            f"divisor is $10000^{{{num(sympy.Rational(2 * k, d))}}} = {tex(base)}$.",
            f"Angle $= {pos} / {tex(base)} = {tex(angle)} \\approx {decimal(angle)}$ rad.",
            f"$PE = \\{function}({decimal(angle)}) \\approx {decimal(answer)}$.",
        )

    def mistakes(self, p, answer) -> list[Mistake]:
        pos, i, d = p["pos"], p["i"], p["d_model"]
        angle = self._angle(pos, 2 * (i // 2), d)
        trig, other = (sympy.cos, sympy.sin) if i % 2 else (sympy.sin, sympy.cos)
        return distinct(answer, [
            Mistake(trig(self._angle(pos, i, d)),
                    "The exponent uses 2⌊i/2⌋, the even index of the sin/cos pair, not i itself."),
            Mistake(trig(self._angle(pos, 2 * i, d)),
                    "In the formula's 2k, k is the pair index ⌊i/2⌋: do not double the "
                    "dimension index i."),
            Mistake(other(angle),
                    "Even dimensions use sin and odd dimensions use cos."),
            Mistake(trig(angle * sympy.pi / 180),
                    "The angle is in radians, not degrees."),
        ])  # fmt: skip
