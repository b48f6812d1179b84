"""Template parameters: a seeded generator for each, and a validator for values users pass.

Values are always plain JSON (ints, floats, strings, booleans, lists), so a Variant's params can
be stored and passed on the command line as they are; templates convert them when computing.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from questions.mathinput import ParseError, parse
from questions.mathinput.nodes import free_symbols, is_scalar

Draw = Callable[[np.random.Generator, dict[str, Any]], Any]
# A size: fixed, another parameter's value (by name), a random range (low, high) inclusive, or
# computed from the values drawn so far.
Size = int | str | tuple[int, int] | Callable[[dict[str, Any]], int]

MAX_DIMENSION = 12
MAX_ELEMENTS = 200


@dataclass(frozen=True)
class Param:
    name: str
    draw: Draw
    validate: Callable[[Any], Any]
    description: str = ""
    # Optional parameters a user leaves out (while passing others) are None, meaning "the
    # usual default" (e.g. PyTorch's alpha), instead of being drawn at random.
    optional: bool = False


# -- validators (raise ValueError with a message for the user) ------------------------------
def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def check_int(value: Any, low: int | None = None, high: int | None = None) -> int:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"expected a whole number, got {value!r}")
    if low is not None and value < low:
        raise ValueError(f"must be at least {low}, got {value}")
    if high is not None and value > high:
        raise ValueError(f"must be at most {high}, got {value}")
    return value


def check_number(value: Any, low: float | None = None, high: float | None = None) -> int | float:
    if not _is_number(value):
        raise ValueError(f"expected a number, got {value!r}")
    if low is not None and value < low:
        raise ValueError(f"must be at least {low}, got {value}")
    if high is not None and value > high:
        raise ValueError(f"must be at most {high}, got {value}")
    return int(value) if isinstance(value, float) and value.is_integer() else value


def check_vector(value: Any, *, size: int | None = None, nonzero: bool = False) -> list:
    if not isinstance(value, list) or not value:
        raise ValueError("expected a non-empty list of numbers")
    if len(value) > MAX_ELEMENTS:
        raise ValueError(f"at most {MAX_ELEMENTS} entries")
    items = [check_number(item) for item in value]
    if size is not None and len(items) != size:
        raise ValueError(f"expected {size} entries, got {len(items)}")
    if nonzero and all(item == 0 for item in items):
        raise ValueError("must not be the zero vector")
    return items


def check_matrix(value: Any) -> list[list]:
    if not isinstance(value, list) or not value or not all(isinstance(r, list) for r in value):
        raise ValueError("expected a matrix as a list of rows, e.g. [[1, 2], [3, 4]]")
    width = len(value[0])
    if width == 0 or any(len(row) != width for row in value):
        raise ValueError("every row must have the same, non-zero number of entries")
    if len(value) > MAX_DIMENSION or width > MAX_DIMENSION:
        raise ValueError(f"at most {MAX_DIMENSION}×{MAX_DIMENSION}")
    return [[check_number(item) for item in row] for row in value]


def check_choice(value: Any, options: Sequence[Any]) -> Any:
    if value not in options:
        shown = ", ".join(repr(option) for option in options)
        raise ValueError(f"must be one of {shown}, got {value!r}")
    return value


def check_expression(value: Any, variables: Sequence[str]) -> str:
    """An expression string in the learner syntax, over the given variables only."""
    if not isinstance(value, str):
        raise ValueError('expected an expression as text, e.g. "x^2 + 1"')
    try:
        parsed = parse(value, variables=variables)
    except ParseError as exc:
        raise ValueError(str(exc)) from None
    extra = free_symbols(parsed.tree) - set(variables)
    if not is_scalar(parsed.tree) or extra:
        raise ValueError(f"must be an expression in {', '.join(variables)}")
    return value


# -- parameter constructors ---------------------------------------------------------------
def _size(size: Size, values: dict[str, Any], rng: np.random.Generator) -> int:
    if isinstance(size, int):
        return size
    if isinstance(size, str):
        return int(values[size])
    if isinstance(size, tuple):
        return int(rng.integers(size[0], size[1] + 1))
    return int(size(values))


def integer(
    name: str, low: int, high: int, *, exclude: Sequence[int] = (), description=""
) -> Param:
    """A whole number drawn uniformly from [low, high] (inclusive), users may pass any value
    in the same range."""
    allowed = [v for v in range(low, high + 1) if v not in exclude]

    def draw(rng: np.random.Generator, values: dict[str, Any]) -> int:
        return int(rng.choice(allowed))

    return Param(name, draw, lambda v: check_int(v, low, high), description)


def count(name: str, low: int, high: int, *, limit: int, description: str = "") -> Param:
    """A size drawn from [low, high]; users may pass any size from 1 (or 0) up to `limit`."""

    def draw(rng: np.random.Generator, values: dict[str, Any]) -> int:
        return int(rng.integers(low, high + 1))

    return Param(name, draw, lambda v: check_int(v, 0 if low == 0 else 1, limit), description)


def choice(name: str, options: Sequence[Any], *, description: str = "") -> Param:
    options = list(options)

    def draw(rng: np.random.Generator, values: dict[str, Any]) -> Any:
        return options[int(rng.integers(len(options)))]

    return Param(name, draw, lambda v: check_choice(v, options), description)


def number(
    name: str,
    values: Sequence[float],
    *,
    low: float | None = None,
    high: float | None = None,
    description: str = "",
) -> Param:
    """Drawn from a list of exam-friendly values; users may pass any number in [low, high]."""
    values = list(values)

    def draw(rng: np.random.Generator, so_far: dict[str, Any]) -> float:
        return values[int(rng.integers(len(values)))]

    return Param(name, draw, lambda v: check_number(v, low, high), description)


def int_vector(
    name: str, size: Size, low: int, high: int, *, nonzero: bool = False, description: str = ""
) -> Param:
    def draw(rng: np.random.Generator, values: dict[str, Any]) -> list[int]:
        n = _size(size, values, rng)
        while True:
            vector = [int(v) for v in rng.integers(low, high + 1, size=n)]
            if not nonzero or any(vector):
                return vector

    return Param(name, draw, lambda v: check_vector(v, nonzero=nonzero), description)


def int_matrix(
    name: str, rows: Size, cols: Size, low: int, high: int, *, description: str = ""
) -> Param:
    def draw(rng: np.random.Generator, values: dict[str, Any]) -> list[list[int]]:
        r, c = _size(rows, values, rng), _size(cols, values, rng)
        return [[int(v) for v in row] for row in rng.integers(low, high + 1, size=(r, c))]

    return Param(name, draw, check_matrix, description)


def expression(
    name: str, options: Sequence[str], variables: Sequence[str], *, description=""
) -> Param:
    options = list(options)
    names = tuple(variables)

    def draw(rng: np.random.Generator, values: dict[str, Any]) -> str:
        return options[int(rng.integers(len(options)))]

    return Param(name, draw, lambda v: check_expression(v, names), description)


def custom(
    name: str,
    draw: Draw,
    validate: Callable[[Any], Any],
    *,
    description: str = "",
    optional: bool = False,
) -> Param:
    return Param(name, draw, validate, description, optional)
