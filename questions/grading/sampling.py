"""Comparing two expressions by their values at random points, the cheap layer of equivalence.

Rational functions are evaluated exactly at random rational points (Schwartz–Zippel: a wrong
answer survives six points with probability below 1e-30). Anything else is evaluated with 30
significant digits at random real points where the expected answer is real and finite; values
that agree to 20 digits count as equal, values apart by more than 1e-8 as different, anything in
between is left to the CAS. Points come from a generator seeded by the two texts, so a check is
reproducible.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from questions.mathinput.evaluate import (
    EvaluationError,
    context,
    evaluate,
    evaluate_exact,
    is_rational_function,
)
from questions.mathinput.nodes import Node, free_symbols

DPS = 30
SAME = 1e-20
DIFFERENT = 1e-8
EXACT_POINTS = 6
REAL_POINTS = 8
MAX_TRIES = 40


@dataclass(frozen=True)
class Samples:
    """Pairs (expected value, given value) at the points tried; `exact` when Fractions."""

    pairs: tuple[tuple[object, object], ...]
    exact: bool
    given_undefined: int = 0


def _rng(*texts: str) -> np.random.Generator:
    return np.random.default_rng(zlib.crc32("\x00".join(texts).encode()))


def _rational_point(rng: np.random.Generator, names: Sequence[str], positive: set[str]):
    point = {}
    for name in names:
        numerator = int(rng.integers(1, 20_000))
        denominator = int(rng.integers(1, 997))
        sign = 1 if name in positive or rng.random() < 0.5 else -1
        point[name] = Fraction(sign * numerator, denominator)
    return point


def _real_point(rng: np.random.Generator, names: Sequence[str], positive: set[str], ctx):
    point = {}
    for name in names:
        # mostly moderate values, sometimes small ones, both signs unless declared positive
        magnitude = rng.uniform(0.05, 1.0) if rng.random() < 0.3 else rng.uniform(1.0, 4.0)
        sign = 1 if name in positive or rng.random() < 0.6 else -1
        point[name] = ctx.mpf(sign * magnitude)
    return point


def _is_real_finite(ctx, value) -> bool:
    if isinstance(value, type(ctx.mpc(1, 1))):
        if value.imag != 0:
            return False
        value = value.real
    return bool(ctx.isfinite(value))


def sample(
    expected: Node,
    given: Node,
    names: Sequence[str],
    positive: set[str],
    seed_texts: tuple[str, str],
    *,
    need: int | None = None,
) -> Samples:
    """Evaluate both trees at the same random points (every symbol of either tree varies)."""
    names = sorted(set(names) | free_symbols(expected) | free_symbols(given))
    rng = _rng(*seed_texts)
    if is_rational_function(expected) and is_rational_function(given):
        pairs = []
        for _ in range(MAX_TRIES):
            point = _rational_point(rng, names, positive)
            try:
                pairs.append((evaluate_exact(expected, point), evaluate_exact(given, point)))
            except ZeroDivisionError:
                continue
            if len(pairs) >= (need or EXACT_POINTS):
                break
        return Samples(tuple(pairs), exact=True)
    ctx = context(DPS)
    pairs = []
    undefined = 0
    for _ in range(MAX_TRIES):
        point = _real_point(rng, names, positive, ctx)
        try:
            expected_value = evaluate(expected, point, ctx)
        except EvaluationError:
            continue
        if not _is_real_finite(ctx, expected_value):
            continue
        try:
            given_value = evaluate(given, point, ctx)
        except EvaluationError:
            undefined += 1
            given_value = None
        pairs.append((expected_value, given_value))
        if len(pairs) >= (need or REAL_POINTS):
            break
    return Samples(tuple(pairs), exact=False, given_undefined=undefined)


def relation(samples: Samples, holds: Callable[[object, object], bool | None]) -> bool | None:
    """True if `holds` is True at every point, False if False at any, None if undecided."""
    if not samples.pairs:
        return None
    verdicts = [holds(e, g) for e, g in samples.pairs]
    if any(v is False for v in verdicts):
        return False
    if any(v is None for v in verdicts):
        return None
    minimum = EXACT_POINTS if samples.exact else 3
    return True if len(verdicts) >= minimum else None


def agree(expected, given) -> bool | None:
    """Equality of one pair: exact for Fractions, three-way (same/different/unsure) for mpf."""
    if given is None:
        return False
    if isinstance(expected, Fraction) and isinstance(given, Fraction):
        return expected == given
    ctx = context(DPS)
    if isinstance(given, type(ctx.mpc(1, 1))) and given.imag != 0:
        return False
    difference = abs(given - expected)
    scale = max(abs(expected), ctx.mpf(1))
    if difference <= SAME * scale:
        return True
    if difference > DIFFERENT * scale:
        return False
    return None


def equal(samples: Samples) -> bool | None:
    return relation(samples, agree)


def negated(samples: Samples) -> bool | None:
    return relation(samples, lambda e, g: None if g is None else agree(-e, g))


def constant_ratio(samples: Samples):
    """The constant r with given = r·expected at every point, or None."""
    return _constant(samples, lambda e, g: g / e if e != 0 else None)


def constant_offset(samples: Samples):
    """The constant c with given = expected + c at every point, or None."""
    return _constant(samples, lambda e, g: g - e)


def _constant(samples: Samples, combine: Callable[[object, object], object]):
    values = []
    for e, g in samples.pairs:
        if g is None:
            return None
        value = combine(e, g)
        if value is not None:
            values.append(value)
    if len(values) < 3:
        return None
    first = values[0]
    if all(agree(first, value) for value in values[1:]):
        return first
    return None
