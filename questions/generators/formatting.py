"""LaTeX and number formatting for prompts and worked solutions (MathML-renderer safe)."""

from __future__ import annotations

from fractions import Fraction
from numbers import Integral
from typing import Any

import sympy


def num(value: Any, digits: int = 6) -> str:
    """A number for display: integers as is, exact rationals as fractions, floats rounded."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, Integral):
        return str(int(value))
    if isinstance(value, Fraction):
        value = sympy.Rational(value.numerator, value.denominator)
    if isinstance(value, sympy.Basic):
        if value.is_Integer:
            return str(int(value))
        if value.is_Rational:
            sign = "-" if value < 0 else ""
            return rf"{sign}\frac{{{abs(value.p)}}}{{{value.q}}}"
        if value.is_number:
            return tex(value)
        return tex(value)
    value = float(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.{digits}g}"


def decimal(value: Any, digits: int = 4) -> str:
    """A value as a decimal with up to `digits` significant figures (for approximate results)."""
    number = float(sympy.N(value)) if isinstance(value, sympy.Basic) else float(value)
    if number.is_integer() and abs(number) < 1e15:
        return str(int(number))
    return f"{number:.{digits}g}"


def tex(expression: Any) -> str:
    """sympy's LaTeX with the natural log written `\\ln`."""
    if isinstance(expression, Fraction):
        expression = sympy.Rational(expression.numerator, expression.denominator)
    return sympy.latex(expression, ln_notation=True)


def matrix(rows: Any, formatter=num) -> str:
    rows = rows.tolist() if hasattr(rows, "tolist") else rows
    body = r" \\ ".join(" & ".join(formatter(item) for item in row) for row in rows)
    return rf"\begin{{bmatrix}} {body} \end{{bmatrix}}"


def vector(items: Any, formatter=num) -> str:
    items = items.tolist() if hasattr(items, "tolist") else items
    return r"\left[" + ", ".join(formatter(item) for item in items) + r"\right]"


def column(items: Any, formatter=num) -> str:
    items = items.tolist() if hasattr(items, "tolist") else items
    return matrix([[item] for item in items], formatter)


def steps(*lines: str) -> str:
    """A worked solution: numbered Markdown steps."""
    return "\n".join(f"{i}. {line}" for i, line in enumerate(lines, start=1))
