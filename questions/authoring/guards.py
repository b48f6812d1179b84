"""Bounds checked around every step of an authored computation: sizes, magnitudes, time.

Checks run *before* an expensive or explosive operation where its cost can be estimated
(powers, exponentials, factorials, expansions) and on every value after it. A single sympy call
cannot be interrupted in-process, so the hard time limit is the CAS worker that runs
authored templates (`bounded.py`); the step budget here stops long chains of cheap steps.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import sympy

from questions.mathinput.limits import MAX_SYMBOLIC_EXPONENT

from .limits import (
    MAX_DIGITS,
    MAX_EXPANSION_TERMS,
    MAX_EXPRESSION_SIZE,
    MAX_MATRIX_SIZE,
    MAX_STEPS,
    VARIANT_SECONDS,
)
from .values import EvalError, Text, describe, is_matrix, is_scalar

_MAX_BITS = math.ceil(MAX_DIGITS * math.log2(10))
_MAX_EXP_ARGUMENT = MAX_DIGITS * math.log(10)


class TooLarge(EvalError):
    """A value beyond the size or magnitude limits."""


class TimeLimit(EvalError):
    """The variant took too long to compute."""


@dataclass
class Budget:
    """Steps and wall time left for one call (the prompt, the answer, ...) of one variant."""

    seconds: float = VARIANT_SECONDS
    steps: int = 0
    deadline: float = field(init=False)

    def __post_init__(self) -> None:
        self.deadline = time.monotonic() + self.seconds

    def tick(self) -> None:
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise TimeLimit(f"Too much work (over {MAX_STEPS:,} steps) for one variant.")
        if time.monotonic() > self.deadline:
            raise TimeLimit(f"Computing this variant took longer than {self.seconds:g} s.")


def tree_size(expression: sympy.Basic, limit: int = MAX_EXPRESSION_SIZE) -> int:
    """Nodes of a sympy tree, counting stops just past `limit` (cheap on huge trees)."""
    count = 0
    stack = [expression]
    while stack and count <= limit:
        node = stack.pop()
        count += 1
        stack.extend(node.args)
    return count


def log10_abs(number: sympy.Expr) -> float | None:
    """log10 of |number| from a 15-digit evaluation; None for 0 or when it has no value."""
    if number.is_Rational:
        if number == 0:
            return None
        return _log10_int(number.p) - _log10_int(number.q)
    try:
        value = sympy.N(number, 15)
        parts = value.as_real_imag()
    except (TypeError, ValueError, ArithmeticError):
        return None
    magnitudes = [_log10_float(part) for part in parts if isinstance(part, sympy.Float)]
    magnitudes = [m for m in magnitudes if m is not None]
    return max(magnitudes) if magnitudes else None


def _log10_float(number: sympy.Float) -> float | None:
    if number == 0:
        return None
    _, _, exponent, bits = number._mpf_  # mantissa × 2^exponent, mantissa of `bits` bits
    if abs(exponent + bits) < 1000:
        return math.log10(abs(float(number)))
    return (exponent + bits) * math.log10(2)


def _log10_int(value: int) -> float:
    bits = abs(value).bit_length()
    if bits < 1000:
        return math.log10(abs(value))
    return bits * math.log10(2)  # within one bit: enough for a limit of 10^1000


def check_value(value: object) -> None:
    """Refuse values that are undefined, astronomically large, or too big to work with."""
    if is_matrix(value):
        rows, cols = value.shape
        if rows > MAX_MATRIX_SIZE or cols > MAX_MATRIX_SIZE:
            raise TooLarge(f"Matrices are limited to {MAX_MATRIX_SIZE}×{MAX_MATRIX_SIZE}.")
        for item in value:
            check_scalar(item)
    elif is_scalar(value):
        check_scalar(value)
    elif isinstance(value, tuple | list):
        for item in value:
            check_value(item)
    elif isinstance(value, sympy.FiniteSet | sympy.Eq):
        for item in value.args:
            check_value(item)
    elif not isinstance(value, bool | Text):
        raise EvalError(f"Unexpected value {describe(value)}.")


def check_scalar(value: sympy.Expr) -> None:
    if value.is_Rational:
        if value.p.bit_length() > _MAX_BITS or value.q.bit_length() > _MAX_BITS:
            raise TooLarge(f"A number has more than {MAX_DIGITS} digits.")
        return
    _check_tree(value)
    if value.has(sympy.zoo, sympy.nan):
        raise EvalError("Undefined value (a division by zero?).")
    if value.is_number:
        _check_real(value)
        magnitude = log10_abs(value)
        if magnitude is not None and abs(magnitude) > MAX_DIGITS:
            raise TooLarge(f"A number beyond 10^±{MAX_DIGITS}.")


def _check_real(number: sympy.Expr) -> None:
    """Complex numbers are out of scope: sqrt(-1), log(-1) and asin(2) have no value here."""
    try:
        real, imaginary = sympy.N(number, 15).as_real_imag()
    except (TypeError, ValueError, ArithmeticError):
        return
    if isinstance(imaginary, sympy.Float) and imaginary != 0:
        scale = abs(real) if isinstance(real, sympy.Float) else 1
        if abs(imaginary) > 1e-12 * max(1, scale):
            raise EvalError("Not a real number (complex values are not supported).")


def _check_tree(value: sympy.Expr) -> None:
    """Bounded walk: too many nodes, or a power of a symbol grown past the exponent limit by
    multiplication ((x+1)^900 cubed), is refused before anything expands it."""
    count = 0
    stack = [value]
    while stack:
        node = stack.pop()
        count += 1
        if count > MAX_EXPRESSION_SIZE:
            raise TooLarge(
                f"An expression grew too large (over {MAX_EXPRESSION_SIZE:,} parts); "
                "simplify the formula or use smaller parameters."
            )
        symbolic_power = node.is_Pow and node.exp.is_Number and not node.base.is_number
        if symbolic_power and abs(node.exp) > MAX_SYMBOLIC_EXPONENT:
            raise TooLarge(f"Exponents of symbols above {MAX_SYMBOLIC_EXPONENT} are too large.")
        stack.extend(node.args)


def check_power(base: sympy.Expr, exponent: sympy.Expr) -> None:
    """Before computing base^exponent: no 0^-1, no 10^10^10, no x^100000."""
    if base.is_number and exponent.is_number:
        if base == 0 and exponent.is_negative:
            raise EvalError("Division by zero (0 to a negative power).")
        size, power = log10_abs(base), log10_abs(exponent)
        if size is not None and power is not None and power < 20:
            if abs(size) * 10**power > MAX_DIGITS:
                raise TooLarge(f"This power is beyond 10^±{MAX_DIGITS}.")
        elif size is not None and power is not None:
            raise TooLarge(f"This power is beyond 10^±{MAX_DIGITS}.")
    elif exponent.is_number:
        power = log10_abs(exponent)
        if power is not None and 10 ** min(power, 20) > MAX_SYMBOLIC_EXPONENT:
            raise TooLarge(f"Exponents of symbols above {MAX_SYMBOLIC_EXPONENT} are too large.")


def check_exp_argument(argument: sympy.Expr) -> None:
    if argument.is_number:
        try:
            real = float(sympy.re(sympy.N(argument, 15)))
        except (TypeError, ValueError):
            return
        if abs(real) > _MAX_EXP_ARGUMENT:
            raise TooLarge(f"This exponential is beyond 10^±{MAX_DIGITS}.")


def check_expandable(expression: sympy.Expr, what: str) -> None:
    """Before expand / simplify / factor: refuse when the expansion would be huge."""
    if tree_size(expression) > MAX_EXPRESSION_SIZE:
        raise TooLarge(f"{what}: the expression is too large (over {MAX_EXPRESSION_SIZE:,} parts).")
    if expansion_terms(expression) > MAX_EXPANSION_TERMS:
        raise TooLarge(
            f"{what}: expanding this expression would give over {MAX_EXPANSION_TERMS:,} terms."
        )


def expansion_terms(expression: sympy.Basic) -> int:
    """An upper estimate of the number of terms `expand` would produce, capped."""
    cap = MAX_EXPANSION_TERMS + 1
    if expression.is_Add:
        return min(cap, sum(expansion_terms(arg) for arg in expression.args))
    if expression.is_Mul:
        total = 1
        for arg in expression.args:
            total = min(cap, total * expansion_terms(arg))
        return total
    if expression.is_Pow and expression.exp.is_Integer and expression.exp > 1:
        terms = expansion_terms(expression.base)
        if terms == 1:
            return 1
        if terms >= cap or expression.exp >= cap:
            return cap
        return min(cap, math.comb(int(expression.exp) + terms - 1, terms - 1))
    if not expression.args:
        return 1
    return min(cap, sum(expansion_terms(arg) for arg in expression.args))
