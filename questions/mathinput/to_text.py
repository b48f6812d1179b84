"""Values to text in the learner's input syntax: what a template shows as "the answer", and
text the parser reads back to the same value."""

from __future__ import annotations

from fractions import Fraction
from numbers import Integral, Real

import numpy as np
import sympy
from sympy.printing.str import StrPrinter


class _InputSyntaxPrinter(StrPrinter):
    """sympy's str() with Cram's spelling: e, inf, abs, ceil, max/min, ^ for powers."""

    def _print_Exp1(self, expr) -> str:
        return "e"

    def _print_Infinity(self, expr) -> str:
        return "inf"

    def _print_NegativeInfinity(self, expr) -> str:
        return "-inf"

    def _print_Abs(self, expr) -> str:
        return f"abs({self._print(expr.args[0])})"

    def _print_ceiling(self, expr) -> str:
        return f"ceil({self._print(expr.args[0])})"

    def _print_Max(self, expr) -> str:
        return "max(" + ", ".join(self._print(a) for a in expr.args) + ")"

    def _print_Min(self, expr) -> str:
        return "min(" + ", ".join(self._print(a) for a in expr.args) + ")"

    def _print_Float(self, expr) -> str:
        return format_decimal(float(expr))

    def _print_Pow(self, expr, rational=False) -> str:
        return super()._print_Pow(expr, rational).replace("**", "^")

    def _print_ImmutableDenseMatrix(self, expr) -> str:
        return to_text(expr.tolist())

    _print_MutableDenseMatrix = _print_ImmutableDenseMatrix


_printer = _InputSyntaxPrinter({"order": "none"})


def format_decimal(value: float) -> str:
    """Shortest decimal that reads back as the same float, without a trailing `.0`."""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value))


def to_text(value: object) -> str:
    """Input-syntax text for numbers, sympy objects, vectors (lists), matrices (nested lists)
    and tuples."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, np.ndarray):
        return to_text(value.tolist())
    if isinstance(value, np.generic):
        return to_text(value.item())
    # sympy numbers register as numbers.Real: look at sympy objects first, so that
    # Rational(3, 7) is written 3/7 and not as a rounded float.
    if isinstance(value, sympy.MatrixBase):
        return to_text(value.tolist())
    if isinstance(value, sympy.Basic):
        return _printer.doprint(value)
    if isinstance(value, Integral):
        return str(int(value))
    if isinstance(value, Fraction):
        return str(value)
    if isinstance(value, Real):
        return format_decimal(float(value))
    if isinstance(value, tuple):
        return "(" + ", ".join(to_text(item) for item in value) + ")"
    if isinstance(value, list):
        return "[" + ", ".join(to_text(item) for item in value) + "]"
    if isinstance(value, set | frozenset):
        return "{" + ", ".join(sorted(to_text(item) for item in value)) + "}"
    if isinstance(value, str):
        return value
    raise TypeError(f"cannot write {type(value).__name__} as an answer")
