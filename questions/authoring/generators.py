"""The parameter generators of a `params` line, drawing with the engine's seeded rng, and the
validators for values a user passes instead (by type and shape; constraints re-check the rest).

Generated values are plain JSON (see `values.to_json`): whole numbers, exact decimals, strings,
lists (vectors) and lists of rows (matrices).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import sympy

from questions.generators import params as P

from .evaluator import Evaluator
from .limits import MAX_CHOICES, MAX_MATRIX_SIZE, MAX_RANDOM
from .values import EvalError, Text, describe, is_matrix, is_scalar, to_json

DOCS: dict[str, str] = {
    "randint(a, b)": "a whole number from a to b (inclusive)",
    "randnonzero(a, b)": "a whole number from a to b, never 0",
    "randreal(a, b, step)": "a multiple of step from a to b, e.g. randreal(0.1, 0.9, 0.1); "
    "exact (0.3 is 3/10)",
    "choice([v1, v2, ...])": 'one of the listed values: numbers, strings such as "x^2" '
    "(read as expressions in the variables when used in arithmetic), vectors or matrices",
    "randmatrix(rows, cols, low, high)": "a matrix of whole numbers from low to high "
    f"(at most {MAX_MATRIX_SIZE}×{MAX_MATRIX_SIZE})",
    "randvector(n, low, high)": "a vector of n whole numbers from low to high",
}


def _whole(ev: Evaluator, value: object, what: str, low: int = -MAX_RANDOM) -> int:
    return ev.integer(value, what, low, MAX_RANDOM)


def _range(ev: Evaluator, args: list, name: str) -> tuple[int, int]:
    low, high = _whole(ev, args[0], f"{name}: a"), _whole(ev, args[1], f"{name}: b")
    if low > high:
        raise EvalError(f"{name}(a, b) needs a ≤ b, got {low} > {high}.")
    return low, high


def _randint(ev: Evaluator, args: list, rng: np.random.Generator) -> int:
    low, high = _range(ev, args, "randint")
    return int(rng.integers(low, high + 1))


def _randnonzero(ev: Evaluator, args: list, rng: np.random.Generator) -> int:
    low, high = _range(ev, args, "randnonzero")
    if low == high == 0:
        raise EvalError("randnonzero(0, 0) has no non-zero value.")
    count = high - low + 1 - (1 if low <= 0 <= high else 0)
    value = low + int(rng.integers(count))
    return value + 1 if low <= 0 <= value else value


def _randreal(ev: Evaluator, args: list, rng: np.random.Generator) -> int | float:
    low, high, step = (ev.scalar(arg, "randreal") for arg in args)
    if not all(v.is_Rational for v in (low, high, step)) or step <= 0 or low > high:
        raise EvalError("randreal(a, b, step) needs decimals a ≤ b and a step > 0.")
    first, last = int(sympy.ceiling(low / step)), int(sympy.floor(high / step))
    if first > last:
        raise EvalError(f"randreal: no multiple of {step} between {low} and {high}.")
    if last - first > MAX_RANDOM or max(abs(low), abs(high)) > MAX_RANDOM:
        raise EvalError("randreal: the range is too large.")
    value = to_json(step * int(rng.integers(first, last + 1)))
    if isinstance(value, str):
        raise EvalError(f"randreal: {value} is not an exact decimal; use a decimal step.")
    return value


def _size(ev: Evaluator, value: object, what: str) -> int:
    return ev.integer(value, what, 1, MAX_MATRIX_SIZE)


def _randmatrix(ev: Evaluator, args: list, rng: np.random.Generator) -> list:
    rows, cols = _size(ev, args[0], "randmatrix: rows"), _size(ev, args[1], "randmatrix: cols")
    low, high = _range(ev, args[2:], "randmatrix")
    return [[int(v) for v in row] for row in rng.integers(low, high + 1, size=(rows, cols))]


def _randvector(ev: Evaluator, args: list, rng: np.random.Generator) -> list:
    n = _size(ev, args[0], "randvector: n")
    low, high = _range(ev, args[1:], "randvector")
    return [int(v) for v in rng.integers(low, high + 1, size=n)]


def choice_options(ev: Evaluator, value: object) -> list:
    """The options of choice([...]) as JSON values; a matrix literal offers its rows."""
    if isinstance(value, list):
        options = value
    elif is_matrix(value) and value.cols == 1:
        options = list(value)
    elif is_matrix(value):
        options = [list(row) for row in value.tolist()]
    else:
        raise EvalError(
            f'choice needs a list such as [1, 2, 3] or ["a", "b"], not {describe(value)}.'
        )
    if not 1 <= len(options) <= MAX_CHOICES:
        raise EvalError(f"choice needs 1 to {MAX_CHOICES} options.")
    found = []
    for option in options:
        if isinstance(option, list):
            option = sympy.ImmutableMatrix(len(option), 1, option)
        if not (is_scalar(option) or is_matrix(option) or isinstance(option, Text)):
            raise EvalError(
                f"choice options are numbers, strings or matrices, not {describe(option)}."
            )
        found.append(to_json(option))
    return found


def _choice(ev: Evaluator, args: list, rng: np.random.Generator) -> Any:
    options = choice_options(ev, args[0])
    return options[int(rng.integers(len(options)))]


Generator = Callable[[Evaluator, list, np.random.Generator], Any]
GENERATORS: dict[str, Generator] = {
    "randint": _randint,
    "randnonzero": _randnonzero,
    "randreal": _randreal,
    "randmatrix": _randmatrix,
    "randvector": _randvector,
    "choice": _choice,
}


# -- validators for user-given values -------------------------------------------------------
def _whole_number(value: Any) -> int:
    return P.check_int(value, -MAX_RANDOM, MAX_RANDOM)


def _nonzero(value: Any) -> int:
    value = _whole_number(value)
    if value == 0:
        raise ValueError("must not be 0")
    return value


def _decimal(value: Any) -> int | float:
    return P.check_number(value, -MAX_RANDOM, MAX_RANDOM)


def _vector(value: Any) -> list:
    items = P.check_vector(value)
    if len(items) > MAX_MATRIX_SIZE:
        raise ValueError(f"at most {MAX_MATRIX_SIZE} entries")
    return items


def choice_validator(options: list | None) -> Callable[[Any], Any]:
    """One of the options when they are known in advance, else any number, string or list."""
    if options is not None:
        return lambda value: P.check_choice(value, options)

    def validate(value: Any) -> Any:
        if isinstance(value, str):
            return value
        if isinstance(value, list):
            return P.check_matrix(value) if value and isinstance(value[0], list) else _vector(value)
        return _decimal(value)

    return validate


VALIDATORS: dict[str, Callable[[Any], Any]] = {
    "randint": _whole_number,
    "randnonzero": _nonzero,
    "randreal": _decimal,
    "randmatrix": P.check_matrix,
    "randvector": _vector,
}
