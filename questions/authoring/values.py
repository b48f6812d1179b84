"""The values authored expressions compute, and their plain-JSON form in a Variant's params.

A value is a scalar (an exact sympy expression: a Rational, `exp(2)`, `3*x^2`), a matrix
(`sympy.ImmutableMatrix`; a *vector* is a one-column matrix, so `A*v` works), a tuple, a
`Text` (a string from `choice`, read as an expression when used in arithmetic), a bool (from a
comparison), a set (`FiniteSet`), an equation (`Eq`) or, only as the options of `choice`, a list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sympy

from questions.mathinput.to_text import to_text


class EvalError(ValueError):
    """An authored expression has no value for these parameters; the message says why."""


@dataclass(frozen=True)
class Text:
    """A string value, e.g. `"sin(x)"` drawn by `choice`."""

    value: str


Value = Any  # sympy.Expr | sympy.ImmutableMatrix | tuple | Text | bool | list


def is_matrix(value: Value) -> bool:
    return isinstance(value, sympy.MatrixBase)


def is_scalar(value: Value) -> bool:
    """A number or expression: sympy Expr, but not a matrix (sympy counts those as Expr)."""
    return isinstance(value, sympy.Expr) and not isinstance(value, sympy.MatrixBase)


def is_vector(value: Value) -> bool:
    return is_matrix(value) and 1 in value.shape


def column(items: list) -> sympy.ImmutableMatrix:
    return sympy.ImmutableMatrix(len(items), 1, list(items))


def describe(value: Value) -> str:
    """A short name of the value's type for error messages: "a 2×3 matrix"."""
    if is_matrix(value):
        rows, cols = value.shape
        return f"a vector of {rows}" if cols == 1 else f"a {rows}×{cols} matrix"
    if isinstance(value, bool):
        return "a true/false condition"
    if isinstance(value, Text):
        return f'the string "{value.value}"'
    if isinstance(value, tuple):
        return f"a tuple of {len(value)}"
    if isinstance(value, list):
        return f"a list of {len(value)}"
    if isinstance(value, sympy.FiniteSet):
        return "a set"
    if isinstance(value, sympy.Eq):
        return "an equation"
    if is_scalar(value):
        return "a number" if value.is_number else "an expression"
    return type(value).__name__


# -- params as JSON -----------------------------------------------------------------------
def scalar_json(value: sympy.Expr) -> int | float | str:
    """Integers as int, decimals as the float that reads back exactly, anything else (1/3,
    sqrt(2), x^2) as input-syntax text, which reads back as the same value."""
    if value.is_Integer:
        return int(value)
    if value.is_Rational:
        number = float(value)
        if sympy.Rational(repr(number)) == value:
            return number
    return to_text(value)


def to_json(value: Value) -> Any:
    """A drawn value as plain JSON (a Variant's params are stored and passed as JSON)."""
    if isinstance(value, Text):
        return value.value
    if is_matrix(value):
        if value.shape[1] == 1:
            return [scalar_json(item) for item in value]
        return [[scalar_json(item) for item in row] for row in value.tolist()]
    if is_scalar(value):
        return scalar_json(value)
    if isinstance(value, tuple | list):
        return [to_json(item) for item in value]
    raise EvalError(f"A parameter cannot be {describe(value)}.")


def from_json(value: Any, scalar: Callable[[Any], sympy.Expr]) -> Value:
    """A JSON param as a value: numbers exact (0.1 is 1/10), strings as Text, a list of
    numbers as a vector, a list of lists as a matrix. `scalar` converts one entry."""
    if isinstance(value, bool) or value is None:
        raise EvalError(f"A parameter cannot be {value!r}.")
    if isinstance(value, str):
        return Text(value)
    if isinstance(value, int | float):
        return scalar(value)
    if isinstance(value, list) and value:
        if all(isinstance(row, list) for row in value):
            if len({len(row) for row in value}) != 1 or not value[0]:
                raise EvalError("Every row of a matrix needs the same, non-zero length.")
            return sympy.ImmutableMatrix([[scalar(item) for item in row] for row in value])
        return column([scalar(item) for item in value])
    raise EvalError(f"A parameter cannot be {value!r}.")


def exact_number(value: int | float) -> sympy.Rational:
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise EvalError("A parameter must be a finite number.")
        return sympy.Rational(repr(value))
    return sympy.Integer(value)
