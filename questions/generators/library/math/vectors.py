"""Vectors and tensors: reduced sums, vector norms and the dot product."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import sympy

from ... import params as P
from ...base import Mistake, Template, TemplateError
from ...formatting import matrix as tex_matrix
from ...formatting import num, steps, vector
from ...registry import register
from ...values import exact
from .common import approx, check_tensor, flatten, keep_distinct, plain, tensor_shape


def _paren(value: Any) -> str:
    return f"({num(value)})" if value < 0 else num(value)


def _draw_tensor(rng: np.random.Generator, values: dict) -> list:
    rank = int(rng.integers(1, 4))
    # rank-3 tensors stay at most 3×3×3 so the sum is doable by hand
    shape = [int(rng.integers(2, 5 if rank < 3 else 4)) for _ in range(rank)]
    if rank == 1:
        shape[0] = int(rng.integers(3, 7))
    size = int(np.prod(shape))
    # a quarter in the study notes' style: 1, 2, ..., n reshaped (their 4×4 example sums to 136)
    entries = np.arange(1, size + 1) if rng.random() < 0.25 else rng.integers(-5, 10, size=size)
    return np.asarray(entries, dtype=int).reshape(shape).tolist()


def _tensor_text(tensor: list) -> str:
    rows = ",\n     ".join(str(part) for part in tensor)
    return f"```\nT = [{rows}]\n```"


@register
class TensorReduceSum(Template):
    slug = "tensor-reduce-sum"
    title = "Reduced sum of a tensor"
    area = "math"
    topic = "tensors"
    difficulty = 1
    kind = "integer"
    params = (
        P.custom("T", _draw_tensor, check_tensor, description="rank 1–3 tensor as nested lists"),
    )

    def answer(self, p) -> int:
        return int(sum(int(v) for v in flatten(p["T"])))

    def prompt(self, p) -> str:
        tensor = p["T"]
        shape = tensor_shape(tensor)
        if len(shape) == 1:
            shown = f"$$T = {vector(tensor)}$$"
        elif len(shape) == 2:
            shown = f"$$T = {tex_matrix(tensor)}$$"
        else:
            shown = _tensor_text(tensor)
        return (
            f"A tensor $T$ of shape ${tuple(shape)}$ (rank {len(shape)}) holds\n\n{shown}\n\n"
            "What is its reduced sum, `T.sum()`, the sum of all its elements?"
        )

    def solution(self, p, answer) -> str:
        tensor = p["T"]
        shape = tensor_shape(tensor)
        lines = ["A reduction with no axis given sums over every axis, leaving a single number."]
        if len(shape) == 1:
            lines.append(f"${' + '.join(_paren(v) for v in tensor)} = {answer}$.")
        else:
            name = "row" if len(shape) == 2 else "slice"
            partial = [sum(flatten(part)) for part in tensor]
            for i, (part, total) in enumerate(zip(tensor, partial, strict=True)):
                lines.append(
                    f"Sum of {name} {i + 1}: ${' + '.join(_paren(v) for v in flatten(part))} = {total}$."
                )
            lines.append(f"Total: ${' + '.join(_paren(v) for v in partial)} = {answer}$.")
        return steps(*lines)

    def mistakes(self, p, answer) -> list[Mistake]:
        tensor = p["T"]
        flat = flatten(tensor)
        found = []
        if len(tensor_shape(tensor)) > 1:
            found.append(
                Mistake(
                    sum(flatten(tensor[0])),
                    "That is only the first slice (T[0].sum()); a reduction without an axis sums every element.",
                )
            )
        found.append(
            Mistake(len(flat), "That is the number of elements (T.numel()), not their sum.")
        )
        if any(v < 0 for v in flat):
            found.append(
                Mistake(
                    sum(abs(v) for v in flat),
                    "Keep the signs: negative entries are subtracted, not added.",
                )
            )
        return found


@register
class VectorNorm(Template):
    slug = "vector-norm"
    title = "Vector norm"
    area = "math"
    topic = "norms"
    difficulty = 1
    kind = "numeric"
    options = {"rel_tol": 1e-3}
    params = (
        P.int_vector("x", (2, 5), -6, 6, nonzero=True, description="vector"),
        P.choice("p", [1, 2, "inf"], description='which norm: 1, 2 or "inf"'),
    )

    def answer(self, p):
        x = exact(p["x"])
        if p["p"] == 1:
            return plain(sum(abs(v) for v in x))
        if p["p"] == 2:
            return plain(sympy.sqrt(sum(v**2 for v in x)))
        return plain(max(abs(v) for v in x))

    def prompt(self, p) -> str:
        which = r"\infty" if p["p"] == "inf" else str(p["p"])
        exact_hint = (
            "\n\nGive the exact value (type a root as `sqrt(...)`) or a decimal within 0.1%."
            if p["p"] == 2
            else ""
        )
        return (
            f"Compute the $L_{{{which}}}$ norm $\\lVert \\mathbf{{x}} \\rVert_{{{which}}}$ of\n\n"
            f"$$\\mathbf{{x}} = {vector(p['x'])}.$${exact_hint}"
        )

    def solution(self, p, answer) -> str:
        x = exact(p["x"])
        if p["p"] == 1:
            terms = " + ".join(f"|{num(v)}|" for v in x)
            return steps(
                r"$\lVert \mathbf{x} \rVert_1 = \sum_i |x_i|$, the sum of absolute values.",
                f"${terms} = {num(answer)}$.",
            )
        if p["p"] == 2:
            squares = " + ".join(f"({num(v)})^{{2}}" for v in x)
            total = sum(v**2 for v in x)
            return steps(
                r"$\lVert \mathbf{x} \rVert_2 = \sqrt{\sum_i x_i^{2}}$, the Euclidean length.",
                f"Sum of squares: ${squares} = {num(total)}$.",
                f"Square root: $\\sqrt{{{num(total)}}} = {num(answer)}{approx(answer)}$.",
            )
        return steps(
            r"$\lVert \mathbf{x} \rVert_\infty = \max_i |x_i|$, the largest absolute entry.",
            f"$\\max({', '.join(f'|{num(v)}|' for v in x)}) = {num(answer)}$.",
        )

    def mistakes(self, p, answer) -> list[Mistake]:
        x = exact(p["x"])
        l1 = sum(abs(v) for v in x)
        found = []
        if p["p"] == 1:
            found.append(
                Mistake(
                    sum(x),
                    "Take absolute values first: the L1 norm adds |xᵢ|, so negative entries count positively.",
                )
            )
            found.append(
                Mistake(
                    sympy.sqrt(sum(v**2 for v in x)),
                    "That is the L2 (Euclidean) norm; the L1 norm is the sum of absolute values.",
                )
            )
        elif p["p"] == 2:
            found.append(
                Mistake(
                    sum(v**2 for v in x), "You forgot the square root: the L2 norm is √(Σ xᵢ²)."
                )
            )
            found.append(
                Mistake(
                    l1,
                    "That is the L1 norm (sum of absolute values); the L2 norm squares, sums and takes the root.",
                )
            )
        else:
            found.append(
                Mistake(
                    max(x),
                    "The L∞ norm is the largest absolute value, max |xᵢ|, not the largest entry.",
                )
            )
            found.append(
                Mistake(l1, "That is the L1 norm; the L∞ norm keeps only the largest |xᵢ|.")
            )
        return keep_distinct(answer, found)


@register
class DotProduct(Template):
    slug = "dot-product"
    title = "Dot product"
    area = "math"
    topic = "matrix-operations"
    difficulty = 1
    kind = "numeric"
    params = (
        P.int_vector("x", (2, 5), -5, 7, nonzero=True, description="vector"),
        P.int_vector(
            "y", lambda v: len(v["x"]), -5, 7, nonzero=True, description="vector of the same length"
        ),
    )

    def check(self, p: Mapping[str, Any]) -> None:
        if len(p["x"]) != len(p["y"]):
            raise TemplateError(
                f"x has {len(p['x'])} entries and y has {len(p['y'])}: the dot product needs "
                "vectors of the same length."
            )

    def answer(self, p):
        return plain(sum(a * b for a, b in zip(exact(p["x"]), exact(p["y"]), strict=True)))

    def prompt(self, p) -> str:
        return (
            "Compute the dot product $\\mathbf{x} \\cdot \\mathbf{y}$ for\n\n"
            f"$$\\mathbf{{x}} = {vector(p['x'])}, \\quad \\mathbf{{y}} = {vector(p['y'])}.$$"
        )

    def solution(self, p, answer) -> str:
        terms = " + ".join(f"({num(a)})({num(b)})" for a, b in zip(p["x"], p["y"], strict=True))
        return steps(
            r"$\mathbf{x} \cdot \mathbf{y} = \sum_i x_i y_i$: multiply matching entries, then add.",
            f"${terms} = {num(answer)}$.",
        )

    def mistakes(self, p, answer) -> list[Mistake]:
        x, y = exact(p["x"]), exact(p["y"])
        found = [
            Mistake(
                sum(x) * sum(y),
                "Multiply matching entries and then add; (Σxᵢ)(Σyᵢ) also multiplies mismatched pairs.",
            ),
            Mistake(
                sum(x) + sum(y),
                "You added the entries; the dot product multiplies matching entries, then adds.",
            ),
        ]
        if any(a * b < 0 for a, b in zip(x, y, strict=True)):
            found.append(
                Mistake(
                    sum(abs(a * b) for a, b in zip(x, y, strict=True)),
                    "Keep the signs: a product of a negative and a positive entry is negative.",
                )
            )
        return keep_distinct(answer, found)
