"""Matrix operations: the matrix product and its shape, the Hadamard and scalar products."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sympy

from ... import params as P
from ...base import Mistake, Template, TemplateError
from ...formatting import matrix as tex_matrix
from ...formatting import num, steps
from ...registry import register
from ...values import exact, matrix
from .common import keep_distinct, plain


def _shape(rows: list) -> str:
    return f"{len(rows)} \\times {len(rows[0])}"


@register
class MatrixProduct(Template):
    slug = "matrix-product"
    title = "Matrix product"
    area = "math"
    topic = "matrix-operations"
    difficulty = 1
    kind = "matrix"
    params = (
        P.int_matrix("A", (2, 3), (2, 3), -4, 6, description="m×n matrix"),
        P.int_matrix("B", lambda v: len(v["A"][0]), (2, 3), -4, 6, description="n×p matrix"),
    )

    def check(self, p: Mapping[str, Any]) -> None:
        if len(p["A"][0]) != len(p["B"]):
            raise TemplateError(
                f"A is {len(p['A'])}×{len(p['A'][0])} and B is {len(p['B'])}×{len(p['B'][0])}: "
                "the columns of A must equal the rows of B."
            )

    def answer(self, p):
        return plain(matrix(p["A"]) * matrix(p["B"]))

    def prompt(self, p) -> str:
        return (
            f"Compute the matrix product $AB$ for\n\n"
            f"$$A = {tex_matrix(p['A'])}, \\quad B = {tex_matrix(p['B'])}.$$"
        )

    def solution(self, p, answer) -> str:
        a, b = p["A"], p["B"]
        lines = [
            f"$A$ is ${_shape(a)}$ and $B$ is ${_shape(b)}$, so $AB$ is "
            f"${len(a)} \\times {len(b[0])}$.",
            "Each entry $(AB)_{ij}$ is row $i$ of $A$ times column $j$ of $B$:",
        ]
        for i, row in enumerate(a):
            for j in range(len(b[0])):
                terms = " + ".join(f"({num(row[k])})({num(b[k][j])})" for k in range(len(b)))
                lines.append(f"$(AB)_{{{i + 1}{j + 1}}} = {terms} = {num(answer[i][j])}$")
        lines.append(f"$$AB = {tex_matrix(answer)}$$")
        return steps(*lines)

    def mistakes(self, p, answer) -> list[Mistake]:
        a, b = matrix(p["A"]), matrix(p["B"])
        found = [
            Mistake(
                (a * b).T,
                "You transposed the product: entry (i, j) is row i of A times column j of B.",
            )
        ]
        if a.shape[0] == b.shape[1]:
            found.append(
                Mistake(
                    b * a,
                    "That is BA: matrix products do not commute; compute AB, rows of A times columns of B.",
                )
            )
        if a.shape[1] == b.shape[1]:
            found.append(
                Mistake(
                    a * b.T,
                    "You multiplied rows of A by rows of B; entry (i, j) uses row i of A and column j of B.",
                )
            )
        if a.shape == b.shape:
            found.append(
                Mistake(
                    a.multiply_elementwise(b),
                    "That is the element-wise (Hadamard) product, not the matrix product.",
                )
            )
        return keep_distinct(answer, found)


@register
class MatrixProductShape(Template):
    slug = "matrix-product-shape"
    title = "Shape of a matrix product"
    area = "math"
    topic = "matrix-operations"
    difficulty = 1
    kind = "tuple"
    params = (
        P.count("m", 1, 9, limit=100_000, description="rows of A"),
        P.count("n", 1, 9, limit=100_000, description="columns of A = rows of B"),
        P.count("p", 1, 9, limit=100_000, description="columns of B"),
    )

    def reject(self, p):
        if len({p["m"], p["n"], p["p"]}) < 3:
            return "repeated sizes make the shape guessable"
        return None

    def answer(self, p) -> tuple[int, int]:
        return (p["m"], p["p"])

    def prompt(self, p) -> str:
        return (
            f"Matrix $A$ has shape ${p['m']} \\times {p['n']}$ and matrix $B$ has shape "
            f"${p['n']} \\times {p['p']}$ (rows × columns). What is the shape of the product "
            "$AB$? Answer as a tuple `(rows, columns)`."
        )

    def solution(self, p, answer) -> str:
        m, n, k = p["m"], p["n"], p["p"]
        return steps(
            f"$(m \\times n) \\cdot (n \\times p) \\to (m \\times p)$: the inner sizes must agree "
            f"(here both are ${n}$) and they disappear, because each entry sums over them.",
            f"Each of the ${m}$ rows of $A$ meets each of the ${k}$ columns of $B$ once.",
            f"So $AB$ has shape $({m}, {k})$.",
        )

    def mistakes(self, p, answer) -> list[Mistake]:
        m, n, k = p["m"], p["n"], p["p"]
        return [
            Mistake(
                (n, n),
                "The inner sizes (columns of A, rows of B) must match and then vanish; the result keeps the outer ones.",
            ),
            Mistake(
                (m, n), "That is the shape of A: the product keeps A's rows but takes B's columns."
            ),
            Mistake(
                (k, m),
                "Rows come first: AB has the rows of A and the columns of B; (p, m) would be the shape of (AB)ᵀ = BᵀAᵀ.",
            ),
        ]


@register
class HadamardProduct(Template):
    slug = "hadamard-product"
    title = "Hadamard (element-wise) product"
    area = "math"
    topic = "matrix-operations"
    difficulty = 1
    kind = "matrix"
    params = (
        P.int_matrix("A", (2, 3), (2, 4), -5, 9, description="m×n matrix"),
        P.int_matrix(
            "B", lambda v: len(v["A"]), lambda v: len(v["A"][0]), -5, 9, description="m×n matrix"
        ),
    )

    def check(self, p: Mapping[str, Any]) -> None:
        if (len(p["A"]), len(p["A"][0])) != (len(p["B"]), len(p["B"][0])):
            raise TemplateError(
                f"A is {len(p['A'])}×{len(p['A'][0])} and B is {len(p['B'])}×{len(p['B'][0])}: "
                "the Hadamard product needs two matrices of the same shape."
            )

    def answer(self, p):
        return plain(matrix(p["A"]).multiply_elementwise(matrix(p["B"])))

    def prompt(self, p) -> str:
        return (
            "Compute the Hadamard (element-wise) product $A \\circ B$ for\n\n"
            f"$$A = {tex_matrix(p['A'])}, \\quad B = {tex_matrix(p['B'])}.$$"
        )

    def solution(self, p, answer) -> str:
        a, b = p["A"], p["B"]
        products = [
            [
                f"{num(x)} \\times {'(' + num(y) + ')' if y < 0 else num(y)}"
                for x, y in zip(ra, rb, strict=True)
            ]
            for ra, rb in zip(a, b, strict=True)
        ]
        return steps(
            f"Both matrices are ${_shape(a)}$, so $A \\circ B$ is too: "
            "$(A \\circ B)_{ij} = a_{ij} b_{ij}$, no sums involved.",
            f"$$A \\circ B = {tex_matrix(products, str)}$$",
            f"$$A \\circ B = {tex_matrix(answer)}$$",
        )

    def mistakes(self, p, answer) -> list[Mistake]:
        a, b = matrix(p["A"]), matrix(p["B"])
        found = [
            Mistake(
                a + b, "You added the entries: the Hadamard product multiplies matching entries."
            )
        ]
        if a.shape[1] == b.shape[0]:
            found.append(
                Mistake(
                    a * b,
                    "That is the matrix product AB; the Hadamard product multiplies entry by entry.",
                )
            )
        return keep_distinct(answer, found)


@register
class ScalarMatrixProduct(Template):
    slug = "scalar-matrix-product"
    title = "Scalar times a matrix"
    area = "math"
    topic = "matrix-operations"
    difficulty = 1
    kind = "matrix"
    params = (
        P.number(
            "c",
            [-3, -2, -1, 2, 3, 4, 5, 0.5, -0.5, 1.5, 10],
            low=-1e6,
            high=1e6,
            description="scalar",
        ),
        P.int_matrix("A", (2, 3), (2, 4), -6, 9, description="matrix"),
    )

    def answer(self, p):
        return plain(exact(p["c"]) * matrix(p["A"]))

    def prompt(self, p) -> str:
        return (
            f"Let $c = {num(p['c'])}$ and\n\n$$A = {tex_matrix(p['A'])}.$$\n\n"
            "Compute the matrix $cA$."
        )

    def solution(self, p, answer) -> str:
        c = num(p["c"])
        cells = [
            [f"{c} \\cdot {'(' + num(v) + ')' if v < 0 else num(v)}" for v in row] for row in p["A"]
        ]
        return steps(
            "A scalar multiplies every entry: $(cA)_{ij} = c \\, a_{ij}$.",
            f"$$cA = {tex_matrix(cells, str)}$$",
            f"$$cA = {tex_matrix(answer)}$$",
        )

    def mistakes(self, p, answer) -> list[Mistake]:
        c, a = exact(p["c"]), matrix(p["A"])
        first_row = sympy.Matrix(a)
        first_row[0, :] = c * a[0, :]
        found = [
            Mistake(
                a.applyfunc(lambda v: v + c),
                "You added c to each entry; scalar multiplication multiplies every entry by c.",
            ),
            Mistake(
                first_row,
                "Every entry is multiplied by c, not just the first row (scaling one row is a row operation).",
            ),
        ]
        if c < 0:
            found.append(
                Mistake(
                    -c * a, "Keep the sign of c: a negative scalar flips the sign of every entry."
                )
            )
        return keep_distinct(answer, found)
