"""Helpers shared by the math templates: validators for tensors, distributions and angles, and
the filter that keeps only the recognised mistakes the grader can tell apart."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from fractions import Fraction
from typing import Any

import sympy

from ... import params as P
from ...base import Mistake
from ...formatting import decimal
from ...values import exact, expression

# Mistakes are graded with rel_tol 1e-3, so two values closer than this cannot be told apart.
SEPARATION = 2e-3
# Points where two candidate derivatives are compared; positive so that ln and sqrt are real.
_POINTS = ((0.7, 1.3), (1.9, 0.4), (2.6, 2.2), (0.35, 3.1))


def plain(value: Any) -> Any:
    """sympy integers and rationals as int / Fraction, inside lists, tuples, sets and matrices:
    the shared `to_text` writes a sympy Rational as a float (it is a `numbers.Real`), but a
    Fraction exactly as "p/q"."""
    if isinstance(value, sympy.MatrixBase):
        return plain(value.tolist())
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, tuple):
        return tuple(plain(item) for item in value)
    if isinstance(value, set | frozenset):
        return {plain(item) for item in value}
    if isinstance(value, sympy.Integer):
        return int(value)
    if isinstance(value, sympy.Rational):
        return Fraction(int(value.p), int(value.q))
    return value


def approx(value: Any) -> str:
    """The suffix ` ≈ 0.1234` after an exact value in a solution; empty for whole numbers."""
    number = as_float(value)
    if number.imag or number.real.is_integer():
        return ""
    return rf" \approx {decimal(value)}"


def as_float(value: Any) -> complex:
    """A number (JSON, Fraction or sympy) as a complex float, nan when it has no value."""
    try:
        return complex(sympy.N(value, 20))
    except (TypeError, ValueError):
        return complex("nan")


def numbers_close(a: Any, b: Any, rel: float = SEPARATION) -> bool:
    """Whether two numbers, vectors or matrices agree entry by entry within `rel`."""
    if isinstance(a, sympy.MatrixBase):
        a = a.tolist()
    if isinstance(b, sympy.MatrixBase):
        b = b.tolist()
    if isinstance(a, list | tuple | set | frozenset) or isinstance(
        b, list | tuple | set | frozenset
    ):
        if isinstance(a, set | frozenset) or isinstance(b, set | frozenset):
            a, b = (
                sorted(a, key=lambda v: as_float(v).real),
                sorted(b, key=lambda v: as_float(v).real),
            )
        a, b = list(a), list(b)
        return len(a) == len(b) and all(numbers_close(x, y, rel) for x, y in zip(a, b, strict=True))
    x, y = as_float(a), as_float(b)
    if x != x or y != y:  # nan: no value, never "close"
        return False
    return abs(x - y) <= rel * max(abs(x), abs(y)) or x == y


def _finite(value: Any) -> bool:
    if isinstance(value, sympy.MatrixBase | list | tuple | set | frozenset):
        return all(_finite(item) for item in value)
    number = as_float(value)
    return number == number and abs(number) != float("inf") and abs(number.imag) < 1e-12


def functions_equal(a: sympy.Expr, b: sympy.Expr, names: Sequence[sympy.Symbol]) -> bool:
    """Whether two expressions agree at a few fixed points (where both have a value)."""
    a, b = (v if isinstance(v, sympy.Basic) else sympy.Rational(v) for v in (a, b))
    compared = 0
    for point in _POINTS:
        subs = dict(zip(names, point, strict=False))
        x, y = as_float(a.evalf(20, subs=subs)), as_float(b.evalf(20, subs=subs))
        if x != x or y != y:
            continue
        compared += 1
        if abs(x - y) > 1e-9 * max(1.0, abs(x), abs(y)):
            return False
    return compared > 0


def keep_distinct(
    answer: Any,
    mistakes: Iterable[Mistake],
    same: Callable[[Any, Any], bool] = numbers_close,
    limit: int = 4,
) -> list[Mistake]:
    """Drop mistakes the grader would confuse with the answer or with an earlier mistake, and
    numeric ones with no finite value (the grader refuses those as expected answers)."""
    kept: list[Mistake] = []
    for mistake in mistakes:
        if same is numbers_close and not _finite(mistake.answer):
            continue
        if same(mistake.answer, answer) or any(same(mistake.answer, k.answer) for k in kept):
            continue
        kept.append(Mistake(plain(mistake.answer), mistake.feedback))
        if len(kept) == limit:
            break
    return kept


# -- validators ---------------------------------------------------------------------------
def check_int_matrix(value: Any, *, square: bool = False) -> list:
    rows = P.check_matrix(value)
    if any(not float(item).is_integer() for row in rows for item in row):
        raise ValueError("entries must be whole numbers")
    rows = [[int(item) for item in row] for row in rows]
    if square and len(rows) != len(rows[0]):
        raise ValueError(f"must be a square matrix, got {len(rows)}×{len(rows[0])}")
    return rows


def tensor_shape(value: Any) -> tuple[int, ...]:
    """The shape of a rectangular nested list of numbers, or ValueError."""
    if not isinstance(value, list):
        P.check_number(value)
        return ()
    if not value:
        raise ValueError("a tensor cannot have an empty axis")
    shapes = {tensor_shape(item) for item in value}
    if len(shapes) != 1:
        raise ValueError("every slice must have the same shape (a tensor is rectangular)")
    return (len(value), *shapes.pop())


def check_tensor(value: Any) -> list:
    """A rank 1–3 tensor of whole numbers as nested lists."""
    if not isinstance(value, list):
        raise ValueError("expected a nested list, e.g. [[1, 2], [3, 4]]")
    shape = tensor_shape(value)
    if len(shape) > 3:
        raise ValueError(f"rank 1 to 3 only, got rank {len(shape)}")
    if sympy.prod(shape) > P.MAX_ELEMENTS:
        raise ValueError(f"at most {P.MAX_ELEMENTS} elements")
    flat = flatten(value)
    if any(isinstance(v, bool) or not float(v).is_integer() for v in flat):
        raise ValueError("entries must be whole numbers")
    return value


def flatten(value: Any) -> list:
    if isinstance(value, list):
        return [item for part in value for item in flatten(part)]
    return [value]


def check_distribution(value: Any) -> list:
    """Probabilities: non-negative numbers that sum to exactly 1."""
    items = P.check_vector(value)
    if len(items) < 2:
        raise ValueError("a distribution needs at least 2 outcomes")
    if any(item < 0 for item in items):
        raise ValueError("probabilities cannot be negative")
    if sum(exact(items)) != 1:
        raise ValueError(f"probabilities must sum to 1, these sum to {float(sum(items)):g}")
    return items


def check_probability(value: Any) -> int | float:
    return P.check_number(value, 0, 1)


def check_angle(value: Any) -> int | float | str:
    """An angle in radians: a number or a constant expression such as "pi/4"."""
    if isinstance(value, str):
        P.check_expression(value, ())
        number = as_float(expression(value, ()))
        if number != number or number.imag:
            raise ValueError(f"{value!r} is not a real angle")
        if abs(number.real) > 1000:
            raise ValueError("use an angle between -1000 and 1000 radians")
        return value
    return P.check_number(value, -1000, 1000)


def angle(value: int | float | str) -> sympy.Expr:
    return expression(value, ()) if isinstance(value, str) else exact(value)


def check_point(value: Any) -> list:
    return P.check_vector(value, size=2)
