"""Converting between template values and JSON / sympy: exact where possible."""

from __future__ import annotations

from fractions import Fraction
from numbers import Integral, Real
from typing import Any

import numpy as np
import sympy

from questions.mathinput import parse
from questions.mathinput.to_sympy import to_sympy
from questions.mathinput.to_text import to_text


def to_json(value: Any) -> Any:
    """Plain JSON for an answer: numbers, nested lists, or input-syntax text for symbolic
    values (including exact non-integers like `ln(2)`, which JSON cannot hold exactly)."""
    if isinstance(value, bool | str) or value is None:
        return value
    if isinstance(value, np.ndarray):
        return to_json(value.tolist())
    if isinstance(value, np.generic):
        return to_json(value.item())
    if isinstance(value, Integral):
        return int(value)
    if isinstance(value, Fraction):
        return value.numerator if value.denominator == 1 else float(value)
    if isinstance(value, Real):
        return float(value)
    if isinstance(value, sympy.MatrixBase):
        return to_json(value.tolist())
    if isinstance(value, sympy.Basic):
        if value.is_Integer:
            return int(value)
        if value.is_Rational:
            return float(value)
        return to_text(value)
    if isinstance(value, list | tuple):
        return [to_json(item) for item in value]
    if isinstance(value, set | frozenset):
        return sorted((to_json(item) for item in value), key=repr)
    raise TypeError(f"cannot store {type(value).__name__}")


def exact(value: Any) -> sympy.Basic:
    """A JSON number as an exact sympy number (decimals as the rational they spell)."""
    if isinstance(value, bool):
        raise TypeError("booleans are not numbers")
    if isinstance(value, int):
        return sympy.Integer(value)
    if isinstance(value, float):
        return sympy.Rational(repr(value))
    if isinstance(value, list):
        return [exact(item) for item in value]
    raise TypeError(f"not a number: {value!r}")


def matrix(value: list) -> sympy.ImmutableMatrix:
    return sympy.ImmutableMatrix(exact(value))


def expression(text: str, variables: tuple[str, ...] = ("x",), positive: frozenset = frozenset()):
    """An expression parameter (learner syntax) as sympy, through Cram's safe parser."""
    return to_sympy(parse(text, variables=variables).tree, positive=positive)


def symbols(*names: str) -> tuple[sympy.Symbol, ...]:
    """The real symbols the parser produces, so template answers compare with parsed ones."""
    return tuple(sympy.Symbol(name, real=True) for name in names)
