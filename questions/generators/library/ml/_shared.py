"""Helpers shared by the machine-learning templates: exact-number display, parameter checks
and the filter that keeps recognised mistakes apart under the grading tolerance."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from ...base import Mistake, TemplateError
from ...formatting import decimal, num, tex, vector
from ...params import check_number, check_vector
from ...values import exact

# The catalogue convention for answers a learner types as decimals.
DECIMAL = {"rel_tol": 1e-3}
TO_3SF = "Give the answer to 3 significant figures (graded within 0.1%)."
# Mistakes closer than this to the answer or to each other would be graded as one another.
_APART = 3e-3


def tidy(value: Any) -> Any:
    """An exact rational as a float when its decimal expansion terminates (0.35, not 7/20),
    so answers read as the decimals the prompt used, else as a Fraction (shown as 41/12, where
    a sympy Rational would be written out as a long decimal); other values unchanged."""
    if isinstance(value, list):
        return [tidy(item) for item in value]
    if isinstance(value, sympy.Rational):
        q = int(value.q)
        while q % 2 == 0:
            q //= 2
        while q % 5 == 0:
            q //= 5
        if q == 1:
            return int(value) if value.q == 1 else float(value)
        return Fraction(int(value.p), int(value.q))
    return value


def show(value: Any) -> str:
    """TeX for an exact or float number, preferring a short decimal to a fraction."""
    value = tidy(value)
    if isinstance(value, sympy.Basic) and not value.is_Rational:
        return decimal(value, 5)
    if isinstance(value, float) and "e" in repr(value):
        # 4e-05 would reach TeX as "4e-05": write small and large decimals out in full
        return np.format_float_positional(value, trim="-")
    return num(value)


def vec(items: list) -> str:
    """TeX for a vector of exact or float numbers."""
    return vector([tidy(item) for item in items], show)


def paren(value: Any) -> str:
    """`show`, in parentheses when negative (for products and differences)."""
    text = show(value)
    return f"({text})" if text.startswith("-") else text


def equals(value: Any) -> str:
    """TeX ending a computation: `= 0.35`, `= \frac{41}{12} \approx 3.417`,
    `= \\ln 2 \approx 0.6931`, or just `\approx 0.1325` for a long float or exact form."""
    value = tidy(value)
    rounded = decimal(value, 4)
    if isinstance(value, int) or (isinstance(value, float) and show(value) == rounded):
        return f"= {show(value)}"
    if isinstance(value, Fraction):
        return rf"= {num(value)} \approx {rounded}"
    if isinstance(value, sympy.Basic) and len(tex(value)) <= 30:
        return rf"= {tex(value)} \approx {rounded}"
    return rf"\approx {rounded}"


def as_float(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return [as_float(item) for item in value]
    if isinstance(value, sympy.Basic):
        return float(sympy.N(value, 20))
    return float(value)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, list) or isinstance(b, list):
        if not (isinstance(a, list) and isinstance(b, list)) or len(a) != len(b):
            return False
        return all(_same(x, y) for x, y in zip(a, b, strict=True))
    return abs(a - b) <= _APART * max(abs(a), abs(b)) or a == b


def distinct(answer: Any, mistakes: Sequence[Mistake]) -> list[Mistake]:
    """Drop mistakes the grader could not tell from the answer or from an earlier mistake
    (within 0.1%), and any whose value is not a finite number."""
    kept: list[Any] = [as_float(answer)]
    found = []
    for mistake in mistakes:
        try:
            value = as_float(mistake.answer)
        except (TypeError, ValueError):
            continue
        if not np.all(np.isfinite(value)) or any(_same(value, other) for other in kept):
            continue
        kept.append(value)
        found.append(mistake)
    return found


# -- parameter checks (ValueError for the engine to report per parameter) --------------------
def check_probability_vector(value: Any) -> list:
    """A probability distribution: non-negative entries summing to 1 (within 1e-6)."""
    items = check_vector(value)
    if any(item < 0 for item in items):
        raise ValueError("probabilities cannot be negative")
    if abs(sum(items) - 1) > 1e-6:
        raise ValueError(f"the probabilities must sum to 1, they sum to {sum(items):g}")
    return items


def check_probability(value: Any) -> int | float:
    return check_number(value, 0, 1)


def check_positive(value: Any, high: float | None = None) -> int | float:
    number = check_number(value, 0, high)
    if number == 0:
        raise ValueError("must be greater than 0")
    return number


def check_optional_number(value: Any) -> int | float | None:
    return None if value is None else check_number(value)


def check_counts(value: Any) -> list[int]:
    """A list of non-negative whole counts."""
    if not isinstance(value, list) or not value:
        raise ValueError("expected a non-empty list of counts")
    counts = []
    for item in check_vector(value):
        if not float(item).is_integer() or item < 0:
            raise ValueError(f"counts must be whole numbers ≥ 0, got {item!r}")
        counts.append(int(item))
    return counts


def same_length(p: Any, *names: str) -> None:
    """TemplateError unless the named vector parameters have equal lengths."""
    lengths = {name: len(p[name]) for name in names}
    if len(set(lengths.values())) > 1:
        shown = ", ".join(f"{name} has {n}" for name, n in lengths.items())
        raise TemplateError(f"The vectors must have the same length: {shown} entries.")


def exact_vector(values: list) -> list[sympy.Rational]:
    return [exact(v) for v in values]


def decimals(rng: np.random.Generator, n: int, low: int, high: int, scale: int = 10) -> list:
    """n exam-friendly decimals k/scale for whole k in [low, high] (ints stay ints)."""
    return [tidy(sympy.Rational(int(k), scale)) for k in rng.integers(low, high + 1, size=n)]


def pick(rng: np.random.Generator, options: Sequence[Any]) -> Any:
    return options[int(rng.integers(len(options)))]
