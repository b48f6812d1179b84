"""Bounded numeric evaluation of expression trees: mpmath for everything, Fractions when exact.

Every intermediate value is checked against `MAX_LOG10_MAGNITUDE` *before* it is computed, so
`9^9^9` or `factorial(10^6)` is refused in microseconds instead of being computed.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Mapping
from fractions import Fraction

import mpmath

from .errors import ParseError
from .limits import (
    MAX_BINOMIAL_ARGUMENT,
    MAX_FACTORIAL_ARGUMENT,
    MAX_LOG10_MAGNITUDE,
    MAX_SYMBOLIC_EXPONENT,
)
from .nodes import (
    Add,
    Call,
    Const,
    Div,
    Factorial,
    Mul,
    Neg,
    Node,
    Num,
    Percent,
    Pow,
    Sub,
    Sym,
    children,
    is_scalar,
)

MAX_EXACT_EXPONENT = 64
_LN10 = math.log(10)


class EvaluationError(ArithmeticError):
    """The expression has no value here (a pole, a domain error, an unknown symbol)."""


class TooLarge(EvaluationError):
    """A value beyond the magnitude limit."""


class NotRational(ValueError):
    """The tree is not a rational function, so exact Fraction evaluation does not apply."""


_contexts = threading.local()


def context(dps: int) -> mpmath.ctx_mp.MPContext:
    """A per-thread mpmath context: mpmath raises its precision inside some functions, which
    would race if threads shared one context."""
    cache = getattr(_contexts, "cache", None)
    if cache is None:
        cache = _contexts.cache = {}
    if dps not in cache:
        ctx = mpmath.MPContext()
        ctx.dps = dps
        cache[dps] = ctx
    return cache[dps]


_LOG10_2 = math.log10(2)


def _log10_abs(ctx, value) -> float:
    """log10|value| to within about one unit: mpmath's `mag` reads the binary exponent,
    far cheaper than a logarithm, and the limits are orders of magnitude."""
    return float(ctx.mag(value)) * _LOG10_2


def _guard(ctx, value):
    if ctx.isinf(value) or ctx.isnan(value):
        return value
    if value != 0 and abs(_log10_abs(ctx, value)) > MAX_LOG10_MAGNITUDE:
        raise TooLarge("This number is too large to work with.")
    return value


def _real(ctx, value, what: str):
    if isinstance(value, mpmath.ctx_mp_python.mpc):
        if abs(value.imag) > abs(value) * ctx.mpf(10) ** (-ctx.dps + 5):
            raise EvaluationError(f"{what} needs a real number.")
        return value.real
    return value


def _power(ctx, base, exponent):
    if base == 0:
        if ctx.re(exponent) < 0:
            raise EvaluationError("Division by zero.")
        return ctx.mpf(0) if ctx.re(exponent) > 0 else ctx.mpf(1)
    if not ctx.isinf(base) and not ctx.isinf(exponent):
        magnitude = abs(float(ctx.re(exponent)) * _log10_abs(ctx, base))
        if magnitude > MAX_LOG10_MAGNITUDE:
            raise TooLarge("This power is too large to work with.")
    return ctx.power(base, exponent)


def _exp_guard(ctx, x):
    if not ctx.isinf(x) and abs(float(ctx.re(x))) > MAX_LOG10_MAGNITUDE * _LN10:
        raise TooLarge("This exponential is too large to work with.")
    return x


def _integer(ctx, value, what: str) -> int:
    value = _real(ctx, value, what)
    if not ctx.isint(value):
        raise EvaluationError(f"{what} needs a whole number.")
    return int(value)


def _factorial(ctx, x):
    x = _real(ctx, x, "factorial")
    if x > MAX_FACTORIAL_ARGUMENT:
        raise TooLarge(f"Factorials above {MAX_FACTORIAL_ARGUMENT}! are too large to work with.")
    if ctx.isint(x) and x < 0:
        raise EvaluationError("The factorial of a negative integer is undefined.")
    return ctx.factorial(x)


def _binomial(ctx, n, k):
    n = _real(ctx, n, "binomial")
    k = _real(ctx, k, "binomial")
    if abs(n) > MAX_BINOMIAL_ARGUMENT or abs(k) > MAX_BINOMIAL_ARGUMENT:
        raise TooLarge("This binomial coefficient is too large to work with.")
    return ctx.binomial(n, k)


def _log(ctx, x, base=None):
    if x == 0:
        raise EvaluationError("log(0) is undefined.")
    if base is None:
        return ctx.log(x)
    if base == 1 or base == 0:
        raise EvaluationError("A logarithm's base cannot be 0 or 1.")
    return ctx.log(x) / ctx.log(base)


def _tan_like(function: Callable) -> Callable:
    def safe(ctx, x):
        try:
            return function(ctx, x)
        except ZeroDivisionError:
            raise EvaluationError("Undefined (division by zero).") from None

    return safe


_FUNCTIONS: dict[str, Callable] = {
    "sqrt": lambda ctx, x: ctx.sqrt(x),
    "exp": lambda ctx, x: ctx.exp(_exp_guard(ctx, x)),
    "ln": lambda ctx, x: _log(ctx, x),
    "log": _log,
    "log10": lambda ctx, x: _log(ctx, x, 10),
    "log2": lambda ctx, x: _log(ctx, x, 2),
    "sin": lambda ctx, x: ctx.sin(x),
    "cos": lambda ctx, x: ctx.cos(x),
    "tan": _tan_like(lambda ctx, x: ctx.tan(x)),
    "cot": _tan_like(lambda ctx, x: ctx.cot(x)),
    "sec": _tan_like(lambda ctx, x: ctx.sec(x)),
    "csc": _tan_like(lambda ctx, x: ctx.csc(x)),
    "asin": lambda ctx, x: ctx.asin(x),
    "acos": lambda ctx, x: ctx.acos(x),
    "atan": lambda ctx, x: ctx.atan(x),
    "sinh": lambda ctx, x: ctx.sinh(_exp_guard(ctx, x)),
    "cosh": lambda ctx, x: ctx.cosh(_exp_guard(ctx, x)),
    "tanh": lambda ctx, x: ctx.tanh(x),
    "abs": lambda ctx, x: abs(x),
    "floor": lambda ctx, x: ctx.floor(_real(ctx, x, "floor")),
    "ceil": lambda ctx, x: ctx.ceil(_real(ctx, x, "ceil")),
    "max": lambda ctx, *xs: max(_real(ctx, x, "max") for x in xs),
    "min": lambda ctx, *xs: min(_real(ctx, x, "min") for x in xs),
    "factorial": _factorial,
    "binomial": _binomial,
}


def evaluate(node: Node, env: Mapping[str, object], ctx) -> object:
    """Value of a scalar tree with the symbols in `env`, in the mpmath context `ctx`."""
    match node:
        case Num(value):
            result = ctx.mpf(value.numerator) / value.denominator
        case Const(name):
            result = {"pi": ctx.pi, "e": ctx.e, "inf": ctx.inf}[name]
            return +result
        case Sym(name):
            if name not in env:
                raise EvaluationError(f"{name} has no value here.")
            return env[name]
        case Neg(operand):
            return -evaluate(operand, env, ctx)
        case Add(left, right):
            result = evaluate(left, env, ctx) + evaluate(right, env, ctx)
        case Sub(left, right):
            result = evaluate(left, env, ctx) - evaluate(right, env, ctx)
        case Mul(left, right, _):
            a, b = evaluate(left, env, ctx), evaluate(right, env, ctx)
            finite = a != 0 and b != 0 and not (ctx.isinf(a) or ctx.isinf(b))
            if finite and _log10_abs(ctx, a) + _log10_abs(ctx, b) > MAX_LOG10_MAGNITUDE + 1:
                raise TooLarge("This product is too large to work with.")
            result = a * b
        case Div(left, right):
            a, b = evaluate(left, env, ctx), evaluate(right, env, ctx)
            if b == 0:
                raise EvaluationError("Division by zero.")
            result = a / b
        case Pow(base, exponent):
            result = _power(ctx, evaluate(base, env, ctx), evaluate(exponent, env, ctx))
        case Call(name, args, _):
            function = _FUNCTIONS.get(name)
            if function is None:  # an author-dialect function (det, diff, ...): not numeric
                raise EvaluationError(f"{name} has no numeric value here.")
            values = [evaluate(arg, env, ctx) for arg in args]
            try:
                result = function(ctx, *values)
            except (ValueError, ZeroDivisionError) as exc:
                raise EvaluationError(str(exc)) from None
        case Factorial(operand):
            result = _factorial(ctx, evaluate(operand, env, ctx))
        case Percent(operand):
            result = evaluate(operand, env, ctx) / 100
        case _:
            raise EvaluationError("Not a single number or expression.")
    if ctx.isnan(result):
        raise EvaluationError("Undefined value.")
    return _guard(ctx, result)


def evaluate_exact(node: Node, env: Mapping[str, Fraction]) -> Fraction:
    """Exact value of a rational-function tree; raises NotRational for anything else and
    ZeroDivisionError at a pole."""
    match node:
        case Num(value):
            return value
        case Sym(name):
            return env[name]
        case Neg(operand):
            return -evaluate_exact(operand, env)
        case Add(left, right):
            return evaluate_exact(left, env) + evaluate_exact(right, env)
        case Sub(left, right):
            return evaluate_exact(left, env) - evaluate_exact(right, env)
        case Mul(left, right, _):
            return evaluate_exact(left, env) * evaluate_exact(right, env)
        case Div(left, right):
            return evaluate_exact(left, env) / evaluate_exact(right, env)
        case Percent(operand):
            return evaluate_exact(operand, env) / 100
        case Pow(base, exponent):
            power = evaluate_exact(exponent, env)
            if power.denominator != 1 or abs(power) > MAX_EXACT_EXPONENT:
                raise NotRational("non-integer or large exponent")
            return evaluate_exact(base, env) ** int(power)
    raise NotRational(type(node).__name__)


def is_rational_function(node: Node) -> bool:
    """True when the tree uses only + − × ÷, numbers, symbols and small integer powers."""
    match node:
        case Num() | Sym():
            return True
        case Neg(operand) | Percent(operand):
            return is_rational_function(operand)
        case Add(left, right) | Sub(left, right) | Mul(left, right, _) | Div(left, right):
            return is_rational_function(left) and is_rational_function(right)
        case Pow(base, exponent):
            if not is_constant(exponent) or not is_rational_function(exponent):
                return False
            try:
                power = evaluate_exact(exponent, {})
            except (NotRational, ZeroDivisionError):
                return False
            return (
                power.denominator == 1
                and abs(power) <= MAX_EXACT_EXPONENT
                and is_rational_function(base)
            )
    return False


def is_constant(node: Node) -> bool:
    return not any(isinstance(n, Sym) for n in _iter(node))


def _iter(node: Node):
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(children(current))


def check_constant_sizes(tree: Node, *, strict: bool = False) -> None:
    """Refuse (ParseError) any constant part of the tree whose value would be astronomically
    large or small, and powers of variables with huge exponents.

    `strict` (the author dialect) also looks inside constant parts that have no single number
    as value, such as `det([[10^10^10]])`, `[1, 9^9^9]` or `n > 10^10^10`."""
    ctx = context(15)

    def visit(node: Node) -> bool:
        flags = [visit(child) for child in children(node)]
        constant = all(flags) and not isinstance(node, Sym)
        if isinstance(node, Pow) and not flags[0] and flags[1]:
            _check_symbolic_exponent(node.exponent, ctx)
        if not constant:
            for child, child_constant in zip(children(node), flags, strict=True):
                if child_constant:
                    _evaluate_for_size(child, ctx, strict)
        return constant

    if visit(tree):
        _evaluate_for_size(tree, ctx, strict)


def _evaluate_for_size(node: Node, ctx, strict: bool = False) -> None:
    if is_scalar(node):
        try:
            evaluate(node, {}, ctx)
            return
        except TooLarge as exc:
            raise ParseError(str(exc)) from None
        except EvaluationError:
            pass
    if strict:
        for child in children(node):
            _evaluate_for_size(child, ctx, strict)


def _check_symbolic_exponent(exponent: Node, ctx) -> None:
    try:
        value = evaluate(exponent, {}, ctx)
    except TooLarge:
        value = ctx.inf
    except EvaluationError:
        return
    if abs(value) > MAX_SYMBOLIC_EXPONENT:
        raise ParseError(f"Exponents above {MAX_SYMBOLIC_EXPONENT} are too large to work with.")
