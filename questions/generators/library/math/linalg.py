"""Least squares by the normal equation, determinants, 2×2 inverses and eigenvalues."""

from __future__ import annotations

from collections.abc import Mapping
from functools import reduce
from math import gcd, lcm
from typing import Any

import numpy as np
import sympy

from ... import params as P
from ...base import Mistake, Template, TemplateError
from ...formatting import column, num, steps
from ...formatting import matrix as tex_matrix
from ...registry import register
from ...values import exact, matrix
from .common import check_int_matrix, keep_distinct, plain


# -- normal equation ------------------------------------------------------------------------
def _draw_design(rng: np.random.Generator, values: dict) -> list[list[int]]:
    n = int(rng.integers(3, 6))
    if rng.random() < 0.7:
        # the usual design: an intercept column of ones and one feature
        xs = sorted(int(v) for v in rng.choice(np.arange(-3, 7), size=n, replace=False))
        return [[1, x] for x in xs]
    return [[int(v) for v in row] for row in rng.integers(-3, 5, size=(n, 2))]


def _draw_targets(rng: np.random.Generator, values: dict) -> list[int]:
    """y = Xθ + r with integer θ and an integer residual r orthogonal to the columns of X, so
    the least-squares solution is θ exactly and the fit is not perfect."""
    x = sympy.Matrix(values["X"])
    theta = sympy.Matrix([int(v) for v in rng.integers(-4, 6, size=x.shape[1])])
    residual = sympy.zeros(x.shape[0], 1)
    for basis in x.T.nullspace():
        scale = reduce(lcm, (sympy.fraction(v)[1] for v in basis), 1)
        integral = [int(v * scale) for v in basis]
        divisor = reduce(gcd, integral) or 1
        weight = int(rng.choice([-2, -1, 1, 2]))
        residual += sympy.Matrix([v // divisor for v in integral]) * weight
    return [int(v) for v in x * theta + residual]


@register
class NormalEquation(Template):
    slug = "normal-equation"
    title = "Least squares by the normal equation"
    area = "math"
    topic = "least-squares"
    difficulty = 3
    kind = "vector"
    options = {"rel_tol": 1e-3}
    params = (
        P.custom("X", _draw_design, P.check_matrix, description="n×k design matrix, used as given"),
        P.custom("y", _draw_targets, P.check_vector, description="n targets"),
    )

    def check(self, p: Mapping[str, Any]) -> None:
        x = matrix(p["X"])
        if len(p["y"]) != x.rows:
            raise TemplateError(
                f"X has {x.rows} rows but y has {len(p['y'])} entries: one target per row."
            )
        if (x.T * x).det() == 0:
            raise TemplateError(
                "XᵀX is singular (the columns of X are linearly dependent, or there are fewer "
                "rows than columns), so the normal equation has no unique solution."
            )

    def reject(self, p):
        if max(abs(v) for v in p["y"]) > 40:
            return "targets too large"
        return None

    def _parts(self, p):
        x, y = matrix(p["X"]), matrix([[v] for v in p["y"]])
        return x, y, x.T * x, x.T * y

    def answer(self, p) -> list[sympy.Expr]:
        _, _, xtx, xty = self._parts(p)
        return plain(list(xtx.inv() * xty))

    def prompt(self, p) -> str:
        return (
            "Fit a linear model $\\hat{y} = X\\theta$ by least squares. Use the design matrix "
            "exactly as given (any column of ones is already there for the intercept):\n\n"
            f"$$X = {tex_matrix(p['X'])}, \\quad y = {column(p['y'])}.$$\n\n"
            "Compute $\\theta = (X^{\\top}X)^{-1}X^{\\top}y$ as a vector in square brackets "
            "(fractions or decimals within 0.1%)."
        )

    def solution(self, p, answer) -> str:
        _, _, xtx, xty = self._parts(p)
        lines = [
            "The normal equation $X^{\\top}X\\,\\theta = X^{\\top}y$ sets the gradient of "
            "$\\lVert y - X\\theta \\rVert^{2}$ to zero.",
            f"$X^{{\\top}}X = {tex_matrix(xtx)}$ (entry $(i, j)$: column $i$ of $X$ dotted with column $j$).",
            f"$X^{{\\top}}y = {column(list(xty))}$.",
        ]
        if xtx.shape == (2, 2):
            (a, b), (c, d) = xtx.tolist()
            det = a * d - b * c
            lines.append(
                f"$\\det(X^{{\\top}}X) = ({num(a)})({num(d)}) - ({num(b)})({num(c)}) = {num(det)}$, so "
                f"$(X^{{\\top}}X)^{{-1}} = \\frac{{1}}{{{num(det)}}}{tex_matrix([[d, -b], [-c, a]])}$."
            )
        else:
            lines.append(f"$(X^{{\\top}}X)^{{-1}} = {tex_matrix(xtx.inv())}$.")
        lines.append(f"$$\\theta = (X^{{\\top}}X)^{{-1}}X^{{\\top}}y = {column(answer)}$$")
        return steps(*lines)

    def mistakes(self, p, answer) -> list[Mistake]:
        x, y, xtx, xty = self._parts(p)
        k = x.cols
        found = [
            Mistake(list(xty), "That is only Xᵀy: you still have to multiply by (XᵀX)⁻¹."),
            Mistake(list(xtx * xty), "Multiply by the inverse (XᵀX)⁻¹, not by XᵀX itself."),
        ]
        square = x[:k, :]
        if square.det() != 0:
            found.append(
                Mistake(
                    list(square.inv() * y[:k, :]),
                    f"You solved Xθ = y exactly with the first {k} rows only; least squares uses every row through XᵀX θ = Xᵀy.",
                )
            )
        return keep_distinct(answer, found)


# -- determinants, inverses, eigenvalues ----------------------------------------------------
def _draw_square(rng: np.random.Generator, values: dict) -> list[list[int]]:
    n = int(rng.integers(2, 4))
    low, high = (-5, 7) if n == 2 else (-3, 5)
    return [[int(v) for v in row] for row in rng.integers(low, high, size=(n, n))]


def _check_small_square(value: Any) -> list:
    rows = check_int_matrix(value, square=True)
    if len(rows) > 3:
        raise ValueError("a 2×2 or 3×3 matrix")
    return rows


def _minor(a: sympy.Matrix, j: int) -> sympy.Matrix:
    return a.minor_submatrix(0, j)


@register
class Determinant(Template):
    slug = "determinant"
    title = "Determinant"
    area = "math"
    topic = "determinants-inverses"
    difficulty = 1
    kind = "integer"
    params = (
        P.custom("A", _draw_square, _check_small_square, description="2×2 or 3×3 integer matrix"),
    )

    def reject(self, p):
        return "singular" if matrix(p["A"]).det() == 0 else None

    def answer(self, p) -> int:
        return int(matrix(p["A"]).det())

    def prompt(self, p) -> str:
        return f"Compute the determinant of\n\n$$A = {tex_matrix(p['A'])}.$$"

    def solution(self, p, answer) -> str:
        a = matrix(p["A"])
        if a.rows == 2:
            (w, x), (y, z) = p["A"]
            return steps(
                r"For a $2 \times 2$ matrix, $\det\begin{bmatrix} a & b \\ c & d \end{bmatrix} = ad - bc$.",
                f"$\\det A = ({w})({z}) - ({x})({y}) = {w * z} - ({x * y}) = {answer}$.",
            )
        lines = [
            r"Expand along the first row with signs $+, -, +$: $\det A = a_{11}M_{11} - a_{12}M_{12} + a_{13}M_{13}$."
        ]
        for j in range(3):
            minor = _minor(a, j)
            lines.append(f"$M_{{1{j + 1}}} = \\det{tex_matrix(minor)} = {num(minor.det())}$.")
        terms = [f"({num(a[0, j])})({num(_minor(a, j).det())})" for j in range(3)]
        lines.append(f"$\\det A = {terms[0]} - {terms[1]} + {terms[2]} = {answer}$.")
        return steps(*lines)

    def mistakes(self, p, answer) -> list[Mistake]:
        a = matrix(p["A"])
        if a.rows == 2:
            (w, x), (y, z) = p["A"]
            found = [
                Mistake(w * z + x * y, "The second diagonal is subtracted: det = ad − bc."),
                Mistake(x * y - w * z, "Main diagonal first: det = ad − bc, you computed bc − ad."),
                Mistake(
                    w * x - y * z, "Multiply along the diagonals (a·d and b·c), not along the rows."
                ),
            ]
        else:
            found = [
                Mistake(
                    sum(a[0, j] * _minor(a, j).det() for j in range(3)),
                    "Cofactor signs alternate + − +: the middle term is subtracted.",
                ),
                Mistake(
                    -answer,
                    "Sign error: the diagonals going down-right are added, those going up-right subtracted.",
                ),
                Mistake(
                    a[0, 0] * a[1, 1] * a[2, 2],
                    "The product of the diagonal is the determinant only for triangular matrices.",
                ),
            ]
        return keep_distinct(answer, found)


def _draw_invertible(rng: np.random.Generator, values: dict) -> list[list[int]]:
    while True:
        a = [[int(v) for v in row] for row in rng.integers(-5, 7, size=(2, 2))]
        if 0 < abs(a[0][0] * a[1][1] - a[0][1] * a[1][0]) <= 6:
            return a


@register
class MatrixInverse2x2(Template):
    slug = "matrix-inverse-2x2"
    title = "Inverse of a 2×2 matrix"
    area = "math"
    topic = "determinants-inverses"
    difficulty = 2
    kind = "matrix"
    options = {"rel_tol": 1e-3}
    params = (
        P.custom("A", _draw_invertible, lambda v: check_square_2(v), description="2×2 matrix"),
    )

    def check(self, p: Mapping[str, Any]) -> None:
        if matrix(p["A"]).det() == 0:
            raise TemplateError("A is singular (det A = ad − bc = 0), so it has no inverse.")

    def answer(self, p) -> sympy.Matrix:
        return plain(matrix(p["A"]).inv())

    def prompt(self, p) -> str:
        return (
            f"Compute the inverse $A^{{-1}}$ of\n\n$$A = {tex_matrix(p['A'])}.$$\n\n"
            "Answer as `[[a, b], [c, d]]` with exact fractions such as `7/3` (decimals within 0.1% "
            "are accepted)."
        )

    def solution(self, p, answer) -> str:
        (a, b), (c, d) = exact(p["A"])
        det = a * d - b * c
        return steps(
            r"$\begin{bmatrix} a & b \\ c & d \end{bmatrix}^{-1} = \frac{1}{ad - bc}\begin{bmatrix} d & -b \\ -c & a \end{bmatrix}$: swap the diagonal, negate the off-diagonal, divide by the determinant.",
            f"$\\det A = ({num(a)})({num(d)}) - ({num(b)})({num(c)}) = {num(det)}$.",
            f"$$A^{{-1}} = \\frac{{1}}{{{num(det)}}}{tex_matrix([[d, -b], [-c, a]])} = {tex_matrix(answer)}$$",
            "Check: $AA^{-1} = I$.",
        )

    def mistakes(self, p, answer) -> list[Mistake]:
        (a, b), (c, d) = exact(p["A"])
        det = a * d - b * c
        found = [
            Mistake(
                sympy.Matrix([[d, -b], [-c, a]]),
                "Divide by the determinant: A⁻¹ = (1/det A)·[[d, −b], [−c, a]].",
            ),
            Mistake(
                sympy.Matrix([[a, -b], [-c, d]]) / det,
                "Swap the diagonal entries a and d as well as negating b and c.",
            ),
            Mistake(
                sympy.Matrix([[d, b], [c, a]]) / det,
                "Negate the off-diagonal entries b and c as well as swapping a and d.",
            ),
            Mistake(
                sympy.Matrix([[d, -b], [-c, a]]) / -det, "Sign of the determinant: det A = ad − bc."
            ),
        ]
        return keep_distinct(answer, found)


def check_square_2(value: Any) -> list:
    rows = P.check_matrix(value)
    if (len(rows), len(rows[0])) != (2, 2):
        raise ValueError(f"must be a 2×2 matrix, got {len(rows)}×{len(rows[0])}")
    return rows


def _draw_diagonalisable(rng: np.random.Generator, values: dict) -> list[list[int]]:
    """P·diag(λ₁, λ₂)·P⁻¹ with an integer P of determinant 1: integer entries and eigenvalues."""
    while True:
        first, second = (int(v) for v in rng.choice(np.arange(-4, 6), size=2, replace=False))
        s, t = (int(v) for v in rng.integers(-2, 3, size=2))
        change = sympy.Matrix([[1 + s * t, s], [t, 1]])
        a = change * sympy.diag(first, second) * change.inv()
        if a[0, 1] != 0 and a[1, 0] != 0 and max(abs(v) for v in a) <= 12:
            return [[int(v) for v in row] for row in a.tolist()]


@register
class Eigenvalues2x2(Template):
    slug = "eigenvalues-2x2"
    title = "Eigenvalues of a 2×2 matrix"
    area = "math"
    topic = "eigenvalues"
    difficulty = 2
    kind = "set"
    options = {"rel_tol": 1e-3}
    params = (
        P.custom("A", _draw_diagonalisable, lambda v: check_square_2(v), description="2×2 matrix"),
    )

    @staticmethod
    def _trace_det(p) -> tuple[sympy.Expr, sympy.Expr]:
        a = matrix(p["A"])
        return a.trace(), a.det()

    def check(self, p: Mapping[str, Any]) -> None:
        trace, det = self._trace_det(p)
        if trace**2 - 4 * det < 0:
            raise TemplateError(
                "A has complex eigenvalues (tr² − 4·det < 0); use a matrix with real ones."
            )

    def answer(self, p) -> set:
        trace, det = self._trace_det(p)
        root = sympy.sqrt(trace**2 - 4 * det)
        return plain({(trace + root) / 2, (trace - root) / 2})

    def prompt(self, p) -> str:
        return (
            f"Find the eigenvalues of\n\n$$A = {tex_matrix(p['A'])}.$$\n\n"
            "Answer with a set in braces, `{λ₁, λ₂}`."
        )

    def solution(self, p, answer) -> str:
        trace, det = self._trace_det(p)
        (a, b), (c, d) = exact(p["A"])
        values = sorted(answer, key=lambda v: float(v))
        return steps(
            r"Eigenvalues solve $\det(A - \lambda I) = 0$, i.e. $\lambda^{2} - (\operatorname{tr} A)\lambda + \det A = 0$.",
            f"$\\operatorname{{tr}} A = {num(a)} + ({num(d)}) = {num(trace)}$ and "
            f"$\\det A = ({num(a)})({num(d)}) - ({num(b)})({num(c)}) = {num(det)}$.",
            f"$\\lambda^{{2}} - ({num(trace)})\\lambda + ({num(det)}) = 0$, so "
            f"$\\lambda = \\frac{{{num(trace)} \\pm \\sqrt{{({num(trace)})^{{2}} - 4({num(det)})}}}}{{2}}$.",
            f"$\\lambda \\in \\{{{', '.join(num(v) for v in values)}\\}}$ (check: they add up to the trace and multiply to the determinant).",
        )

    def mistakes(self, p, answer) -> list[Mistake]:
        trace, det = self._trace_det(p)
        (a, _), (_, d) = exact(p["A"])
        found = [
            Mistake(
                {a, d},
                "The diagonal entries are the eigenvalues only for triangular matrices; solve det(A − λI) = 0.",
            ),
            Mistake(
                {-v for v in answer},
                "Sign error: the characteristic polynomial is λ² − (tr A)λ + det A.",
            ),
        ]
        if trace**2 + 4 * det >= 0:
            root = sympy.sqrt(trace**2 + 4 * det)
            found.append(
                Mistake(
                    {(trace + root) / 2, (trace - root) / 2},
                    "The constant term is +det A = ad − bc; check the sign of det A in λ² − (tr A)λ + det A.",
                )
            )
        return keep_distinct(answer, found)
