"""Exam-style functions to differentiate, built from random small coefficients and the classic
forms (polynomials, x²e³ˣ, quotients, sin(2x²+1), ln(x²+1), e^{x²}, √(…)), as input-syntax text."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import sympy

from questions.mathinput.to_text import to_text

from ...values import symbols

X, Y = symbols("x", "y")
Builder = Callable[[np.random.Generator], sympy.Expr]


def _int(rng: np.random.Generator, low: int, high: int, *, nonzero: bool = True) -> int:
    values = [v for v in range(low, high + 1) if v or not nonzero]
    return int(values[int(rng.integers(len(values)))])


def _pick(rng: np.random.Generator, options: list):
    return options[int(rng.integers(len(options)))]


# -- one variable -------------------------------------------------------------------------
def _polynomial(rng):
    degree = _int(rng, 2, 4)
    terms = [_int(rng, -5, 5) * X**degree]
    terms += [_int(rng, -6, 6, nonzero=False) * X**k for k in range(degree)]
    return sympy.Add(*terms)


def _power_times_exp(rng):
    return _pick(rng, [1, 1, 2, 3, -1]) * X ** _int(rng, 1, 3) * sympy.exp(_int(rng, -4, 4) * X)


def _power_times_trig(rng):
    trig = _pick(rng, [sympy.sin, sympy.cos])
    return _pick(rng, [1, 2, 3, -1]) * X ** _int(rng, 1, 3) * trig(_int(rng, 1, 4) * X)


def _power_times_log(rng):
    return _pick(rng, [1, 2, 3]) * X ** _int(rng, 1, 4) * sympy.log(X)


def _linear_times_exp(rng):
    return (_int(rng, 1, 5) * X + _int(rng, -5, 5)) * sympy.exp(_int(rng, -3, 3) * X)


def _linear_quotient(rng):
    while True:
        a, b, c, d = _int(rng, -5, 5), _int(rng, -6, 6), _int(rng, 1, 4), _int(rng, -6, 6)
        if a * d != b * c:
            return (a * X + b) / (c * X + d)


def _rational(rng):
    k = _int(rng, 1, 9)
    return _pick(rng, [_int(rng, 1, 5) * X / (X**2 + k), X**2 / (X + k), (X**2 - k) / (X**2 + k)])


def _exp_quotient(rng):
    return sympy.exp(_int(rng, -3, 3) * X) / (X**2 + _int(rng, 1, 4))


def _trig_chain(rng):
    trig = _pick(rng, [sympy.sin, sympy.cos])
    return trig(_int(rng, 1, 5) * X**2 + _int(rng, -4, 4, nonzero=False))


def _log_chain(rng):
    inner = _int(rng, 1, 5) * X**2 + _int(rng, 1, 9)
    return _pick(rng, [1, 1, 2, 3]) * sympy.log(inner)


def _exp_chain(rng):
    return sympy.exp(_int(rng, -3, 3) * X**2 + _int(rng, -4, 4, nonzero=False) * X)


def _sqrt_chain(rng):
    return sympy.sqrt(_int(rng, 1, 5) * X**2 + _int(rng, 1, 9))


def _power_chain(rng):
    if rng.random() < 0.5:
        return (_int(rng, 1, 5) * X + _int(rng, -5, 5)) ** _int(rng, 3, 6)
    return (X**2 + _int(rng, -4, 4)) ** _int(rng, 2, 4)


def _exp_of_trig(rng):
    return sympy.exp(_pick(rng, [sympy.sin, sympy.cos])(_int(rng, 1, 3) * X))


ONE_VARIABLE: tuple[Builder, ...] = (
    _polynomial, _power_times_exp, _power_times_trig, _power_times_log, _linear_times_exp,
    _linear_quotient, _rational, _exp_quotient, _trig_chain, _log_chain, _exp_chain,
    _sqrt_chain, _power_chain, _exp_of_trig,
)  # fmt: skip


# -- two variables ------------------------------------------------------------------------
def _monomials(rng):
    while True:
        powers = [
            (_int(rng, 0, 3, nonzero=False), _int(rng, 0, 3, nonzero=False)) for _ in range(2)
        ]
        f = sum(_int(rng, -5, 5) * X**m * Y**n for m, n in powers)
        if f.has(X) and f.has(Y) and powers[0] != powers[1]:
            return f


def _power_times_exp_y(rng):
    return _int(rng, 1, 4) * X ** _int(rng, 1, 3) * sympy.exp(_int(rng, -2, 2) * Y)


def _exp_of_product(rng):
    return sympy.exp(_int(rng, -2, 3) * X * Y)


def _trig_of_linear(rng):
    trig = _pick(rng, [sympy.sin, sympy.cos])
    return trig(_int(rng, -3, 3) * X + _int(rng, -3, 3) * Y)


def _log_of_squares(rng):
    return sympy.log(_int(rng, 1, 3) * X**2 + _int(rng, 1, 3) * Y**2 + _int(rng, 1, 4))


def _power_times_trig_y(rng):
    return _int(rng, -3, 3) * X ** _int(rng, 1, 3) * _pick(rng, [sympy.sin, sympy.cos])(Y)


def _power_of_linear(rng):
    return (_int(rng, -3, 3) * X + _int(rng, -3, 3) * Y) ** _int(rng, 2, 4)


def _quotient_xy(rng):
    return _int(rng, 1, 4) * X ** _int(rng, 1, 2) / (Y**2 + _int(rng, 1, 4))


def _sqrt_of_squares(rng):
    return sympy.sqrt(X**2 + Y**2 + _int(rng, 1, 9))


TWO_VARIABLES: tuple[Builder, ...] = (
    _monomials, _monomials, _power_times_exp_y, _exp_of_product, _trig_of_linear,
    _log_of_squares, _power_times_trig_y, _power_of_linear, _quotient_xy, _sqrt_of_squares,
)  # fmt: skip


def draw_function(rng: np.random.Generator, builders: tuple[Builder, ...]) -> str:
    """A random function from the bank, as text in the learner's input syntax."""
    return to_text(_pick(rng, list(builders))(rng))


def one_variable(rng: np.random.Generator, values: dict) -> str:
    return draw_function(rng, ONE_VARIABLE)


def two_variables(rng: np.random.Generator, values: dict) -> str:
    return draw_function(rng, TWO_VARIABLES)
