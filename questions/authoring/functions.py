"""The whitelist of functions authored expressions may call, each bounded (see `DOCS`).

One-argument scalar functions (sqrt, exp, ln, trig, abs, floor, ceil, round, sigmoid, relu,
simplify, expand, factor, diff, subs) apply entry by entry to a matrix or vector.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

import mpmath
import sympy

from questions.mathinput.limits import MAX_BINOMIAL_ARGUMENT, MAX_FACTORIAL_ARGUMENT

from .guards import check_exp_argument, check_expandable, check_value, log10_abs, tree_size
from .limits import (
    MAX_DIFF_ORDER,
    MAX_DIGITS,
    MAX_EXPRESSION_SIZE,
    MAX_MATRIX_SIZE,
    MAX_ROUND_DIGITS,
    MAX_SYMBOLIC_MATRIX,
)
from .values import EvalError, column, describe, is_matrix

if TYPE_CHECKING:
    from .evaluator import Evaluator

Function = Callable[["Evaluator", list], object]

DOCS: dict[str, str] = {
    # learners' functions
    "sqrt(x)": "square root", "exp(x)": "e to the x", "ln(x), log(x)": "natural logarithm",
    "log(x, b)": "logarithm to base b", "log10(x), log2(x)": "base-10 and base-2 logarithms",
    "sin cos tan cot sec csc asin acos atan sinh cosh tanh": "trigonometry, in radians",
    "abs(x), floor(x), ceil(x)": "absolute value, rounding down and up",
    "max(a, b, ...), min(...)": "largest / smallest argument, or entry of one vector or matrix",
    "factorial(n), n!": "n! for whole n up to 1000", "binomial(n, k)": "n choose k",
    # matrices and vectors
    "transpose(A)": "the transpose", "det(A)": "determinant (square A)",
    "inv(A)": "inverse (square, non-singular A)", "trace(A)": "sum of the diagonal",
    "rank(A)": "rank", "hadamard(A, B)": "entry-by-entry product of same-shape matrices",
    "dot(u, v)": "scalar product of two vectors with as many entries",
    "outer(u, v)": "outer product u vᵀ", "norm(v), norm(v, p)":
        "p-norm of a vector (p = 1, 2 (default), inf or a whole number up to 10); of a matrix, "
        "of its entries (2: the Frobenius norm)",
    "shape(A)": "(rows, columns) as a tuple", "rows(A), cols(A)": "number of rows / columns",
    "entry(A, i, j), entry(v, i)": "one entry, counting from 1",
    "eye(n), zeros(r, c), ones(r, c)": "identity, all-zero and all-one matrices",
    "sum(v), sum(a, b, ...)": "sum of a vector's (or matrix's) entries, or of the arguments",
    "mean(v), mean(a, b, ...)": "mean, likewise",
    # numbers and ML
    "round(x), round(x, n)": "rounded half away from zero to n decimals (exact decimal)",
    "sigmoid(x)": "1 / (1 + exp(-x))", "relu(x)": "max(0, x)",
    "softmax(v)": "exp(vᵢ) / Σⱼ exp(vⱼ) over a vector, same shape",
    # calculus and algebra (in the declared variables)
    "diff(f, x), diff(f, x, n)": "derivative (n-th, n ≤ 10) with respect to a variable",
    "simplify(f), expand(f), factor(f)": "sympy's simplify / expand / factor, size-bounded",
    "subs(f, x, value)": "f with the variable x replaced by value",
}  # fmt: skip


def call(ev: Evaluator, name: str, args: list) -> object:
    function = FUNCTIONS.get(name)
    if function is None:
        raise EvalError(f"“{name}” can only be used on a params line.")
    try:
        return function(ev, args)
    except EvalError:
        raise
    except Exception as exc:  # sympy raises many types on odd input: a refusal, never a crash
        raise EvalError(f"{name}: {type(exc).__name__}: {exc}") from None


# -- helpers ------------------------------------------------------------------------------
def _unary(function: Callable, guard: Callable | None = None) -> Function:
    def apply(ev: Evaluator, args: list) -> object:
        def one(x):
            if guard is not None:
                guard(x)
            return function(x)

        return ev.entrywise(args[0], "This function", one)

    return apply


def _square(ev: Evaluator, value: object, what: str) -> sympy.ImmutableMatrix:
    matrix = ev.matrix(value, what)
    if matrix.rows != matrix.cols:
        raise EvalError(f"{what} needs a square matrix, not {describe(matrix)}.")
    if matrix.free_symbols and matrix.rows > MAX_SYMBOLIC_MATRIX:
        raise EvalError(
            f"{what} of a matrix with symbols is limited to "
            f"{MAX_SYMBOLIC_MATRIX}×{MAX_SYMBOLIC_MATRIX}."
        )
    return matrix


def _vector(ev: Evaluator, value: object, what: str) -> list:
    matrix = ev.matrix(value, what)
    if 1 not in matrix.shape:
        raise EvalError(f"{what} needs a vector, not {describe(matrix)}.")
    return list(matrix)


def _items(ev: Evaluator, args: list, what: str) -> list:
    """The entries of one vector/matrix argument, or the arguments themselves."""
    if len(args) == 1 and is_matrix(ev.operand(args[0])):
        return list(ev.operand(args[0]))
    return [ev.scalar(arg, what) for arg in args]


def _log(x: sympy.Expr, base: sympy.Expr | None = None) -> sympy.Expr:
    if x == 0:
        raise EvalError("log(0) is undefined.")
    if base is None:
        return sympy.log(x)
    if base in (0, 1):
        raise EvalError("A logarithm's base cannot be 0 or 1.")
    return sympy.log(x, base)


def _factorial(ev: Evaluator, args: list) -> sympy.Expr:
    n = ev.scalar(args[0], "factorial")
    if n.is_number:
        if not n.is_Integer or n < 0:
            raise EvalError("factorial needs a whole number ≥ 0.")
        if n > MAX_FACTORIAL_ARGUMENT:
            raise EvalError(f"Factorials above {MAX_FACTORIAL_ARGUMENT}! are too large.")
    return sympy.factorial(n)


def _binomial(ev: Evaluator, args: list) -> sympy.Expr:
    n, k = (ev.scalar(arg, "binomial") for arg in args)
    if n.is_number and k.is_number:
        if max(abs(n), abs(k)) > MAX_BINOMIAL_ARGUMENT:
            raise EvalError("This binomial coefficient is too large.")
        size = mpmath.binomial(mpmath.mpf(float(n)), mpmath.mpf(float(k)))
        if size and abs(float(mpmath.log10(abs(size)))) > MAX_DIGITS:
            raise EvalError(f"This binomial coefficient is beyond 10^{MAX_DIGITS}.")
    return sympy.binomial(n, k)


def _extreme(function: Callable) -> Function:
    def apply(ev: Evaluator, args: list) -> sympy.Expr:
        return function(*_items(ev, args, "max/min"))

    return apply


def _log_function(ev: Evaluator, args: list) -> object:
    if len(args) == 2:
        return _log(ev.scalar(args[0], "log"), ev.scalar(args[1], "log"))
    return ev.entrywise(args[0], "log", _log)


# -- matrices and vectors -------------------------------------------------------------------
def _det(ev: Evaluator, args: list) -> sympy.Expr:
    return _square(ev, args[0], "det").det(method="bareiss")


def _inv(ev: Evaluator, args: list) -> sympy.ImmutableMatrix:
    matrix = _square(ev, args[0], "inv")
    if ev.equal(matrix.det(method="bareiss"), sympy.Integer(0)):
        raise EvalError("inv: the matrix is singular (its determinant is 0).")
    return sympy.ImmutableMatrix(matrix.inv())


def _rank(ev: Evaluator, args: list) -> sympy.Expr:
    matrix = ev.matrix(args[0], "rank")
    if matrix.free_symbols and max(matrix.shape) > MAX_SYMBOLIC_MATRIX:
        raise EvalError(f"rank of a matrix with symbols is limited to {MAX_SYMBOLIC_MATRIX} rows.")
    return sympy.Integer(matrix.rank())


def _hadamard(ev: Evaluator, args: list) -> sympy.ImmutableMatrix:
    a, b = ev.matrix(args[0], "hadamard"), ev.matrix(args[1], "hadamard")
    if a.shape != b.shape:
        raise EvalError(f"hadamard needs same-shape matrices, not {describe(a)} and {describe(b)}.")
    return sympy.ImmutableMatrix(a.multiply_elementwise(b))


def _dot(ev: Evaluator, args: list) -> sympy.Expr:
    u, v = _vector(ev, args[0], "dot"), _vector(ev, args[1], "dot")
    if len(u) != len(v):
        raise EvalError(f"dot needs vectors of the same length, not {len(u)} and {len(v)}.")
    return sympy.Add(*(a * b for a, b in zip(u, v, strict=True)))


def _outer(ev: Evaluator, args: list) -> sympy.ImmutableMatrix:
    u, v = _vector(ev, args[0], "outer"), _vector(ev, args[1], "outer")
    return column(u) * sympy.ImmutableMatrix(1, len(v), v)


def _norm(ev: Evaluator, args: list) -> sympy.Expr:
    entries = list(ev.matrix(args[0], "norm"))
    p = ev.scalar(args[1], "norm") if len(args) == 2 else sympy.Integer(2)
    if p == sympy.oo:
        return sympy.Max(*(sympy.Abs(x) for x in entries))
    ev.integer(p, "The p of norm(v, p)", 1, 10)
    return sympy.Add(*(sympy.Abs(x) ** p for x in entries)) ** (1 / p)


def _entry(ev: Evaluator, args: list) -> sympy.Expr:
    matrix = ev.matrix(args[0], "entry")
    if len(args) == 2:
        items = _vector(ev, matrix, "entry(v, i)")
        return items[ev.integer(args[1], "entry(v, i): i", 1, len(items)) - 1]
    i = ev.integer(args[1], "entry(A, i, j): i", 1, matrix.rows)
    j = ev.integer(args[2], "entry(A, i, j): j", 1, matrix.cols)
    return matrix[i - 1, j - 1]


def _size(ev: Evaluator, value: object, what: str) -> int:
    return ev.integer(value, what, 1, MAX_MATRIX_SIZE)


def _filled(fill: int) -> Function:
    def apply(ev: Evaluator, args: list) -> sympy.ImmutableMatrix:
        rows, cols = _size(ev, args[0], "rows"), _size(ev, args[1], "columns")
        return sympy.ImmutableMatrix(rows, cols, [fill] * (rows * cols))

    return apply


def _sum(ev: Evaluator, args: list) -> sympy.Expr:
    return sympy.Add(*_items(ev, args, "sum"))


def _mean(ev: Evaluator, args: list) -> sympy.Expr:
    items = _items(ev, args, "mean")
    return sympy.Add(*items) / len(items)


# -- numbers and ML -------------------------------------------------------------------------
def _round(ev: Evaluator, args: list) -> object:
    digits = ev.integer(args[1], "round(x, n): n", 0, MAX_ROUND_DIGITS) if len(args) == 2 else 0

    def one(x: sympy.Expr) -> sympy.Expr:
        if not x.is_number:
            raise EvalError("round needs a number.")
        value = Decimal(str(sympy.N(x, 40)))
        rounded = value.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
        return sympy.Rational(str(rounded))

    return ev.entrywise(args[0], "round", one)


def _sigmoid(x: sympy.Expr) -> sympy.Expr:
    check_exp_argument(-x)
    return 1 / (1 + sympy.exp(-x))


def _softmax(ev: Evaluator, args: list) -> sympy.ImmutableMatrix:
    matrix = ev.matrix(args[0], "softmax")
    _vector(ev, matrix, "softmax")
    for x in matrix:
        check_exp_argument(x)
    exps = [sympy.exp(x) for x in matrix]
    total = sympy.Add(*exps)
    return sympy.ImmutableMatrix(matrix.rows, matrix.cols, [e / total for e in exps])


# -- calculus and algebra -------------------------------------------------------------------
def _bounded(what: str, function: Callable) -> Function:
    def apply(ev: Evaluator, args: list) -> object:
        def one(x: sympy.Expr) -> sympy.Expr:
            check_expandable(x, what)
            return function(x)

        return ev.entrywise(args[0], what, one)

    return apply


def _diff(ev: Evaluator, args: list) -> object:
    x = ev.variable(args[1], "diff(f, x)")
    order = ev.integer(args[2], "diff(f, x, n): n", 1, MAX_DIFF_ORDER) if len(args) == 3 else 1

    def one(f: sympy.Expr) -> sympy.Expr:
        if tree_size(f) > MAX_EXPRESSION_SIZE // 4:
            raise EvalError("diff: the expression is too large to differentiate.")
        return sympy.diff(f, x, order)

    return ev.entrywise(args[0], "diff", one)


def _subs(ev: Evaluator, args: list) -> object:
    x = ev.variable(args[1], "subs(f, x, value)")
    value = ev.scalar(args[2], "subs(f, x, value)")

    def one(f: sympy.Expr) -> sympy.Expr:
        if value.is_number and f.is_number is False:
            # Estimate first (15 digits, cheap), so x^900 at x = 10^900 is refused, not computed.
            magnitude = log10_abs(f.evalf(15, subs={x: value}))
            if magnitude is not None and abs(magnitude) > MAX_DIGITS:
                raise EvalError(f"subs: the result is beyond 10^±{MAX_DIGITS}.")
        result = f.subs(x, value)
        check_value(result)
        return result

    return ev.entrywise(args[0], "subs", one)


FUNCTIONS: dict[str, Function] = {
    "sqrt": _unary(sympy.sqrt), "exp": _unary(sympy.exp, check_exp_argument),
    "ln": _unary(_log), "log": _log_function, "log10": _unary(lambda x: _log(x, 10)),
    "log2": _unary(lambda x: _log(x, 2)), "sin": _unary(sympy.sin), "cos": _unary(sympy.cos),
    "tan": _unary(sympy.tan), "cot": _unary(sympy.cot), "sec": _unary(sympy.sec),
    "csc": _unary(sympy.csc), "asin": _unary(sympy.asin), "acos": _unary(sympy.acos),
    "atan": _unary(sympy.atan), "sinh": _unary(sympy.sinh, check_exp_argument),
    "cosh": _unary(sympy.cosh, check_exp_argument), "tanh": _unary(sympy.tanh),
    "abs": _unary(sympy.Abs), "floor": _unary(sympy.floor), "ceil": _unary(sympy.ceiling),
    "max": _extreme(sympy.Max), "min": _extreme(sympy.Min), "factorial": _factorial,
    "binomial": _binomial,
    "transpose": lambda ev, a: ev.matrix(a[0], "transpose").T, "det": _det, "inv": _inv,
    "trace": lambda ev, a: _square(ev, a[0], "trace").trace(), "rank": _rank,
    "hadamard": _hadamard, "dot": _dot, "outer": _outer, "norm": _norm,
    "shape": lambda ev, a: tuple(map(sympy.Integer, ev.matrix(a[0], "shape").shape)),
    "rows": lambda ev, a: sympy.Integer(ev.matrix(a[0], "rows").rows),
    "cols": lambda ev, a: sympy.Integer(ev.matrix(a[0], "cols").cols),
    "entry": _entry, "eye": lambda ev, a: sympy.ImmutableMatrix.eye(_size(ev, a[0], "eye")),
    "zeros": _filled(0), "ones": _filled(1), "sum": _sum, "mean": _mean, "round": _round,
    "sigmoid": _unary(_sigmoid), "relu": _unary(lambda x: sympy.Max(0, x)),
    "softmax": _softmax, "diff": _diff, "simplify": _bounded("simplify", sympy.simplify),
    "expand": _bounded("expand", sympy.expand), "factor": _bounded("factor", sympy.factor),
    "subs": _subs,
}  # fmt: skip
