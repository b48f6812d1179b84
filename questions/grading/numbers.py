"""Numbers: high-precision values of parsed answers, tolerance rules, precision rules and the
diagnosis of near-misses (sign, factor, rounding, log base, degrees)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation

from questions.mathinput.evaluate import EvaluationError, context, evaluate
from questions.mathinput.nodes import Node

from . import feedback

DPS = 30
EXACT_RELATIVE = 1e-20  # "exactly equal" at 30 digits: far below any rounding a learner does
DEFAULT_FLOAT_RELATIVE = 1e-9


@dataclass(frozen=True)
class Tolerance:
    """One comparison rule; `exact` when both sides are exact and no tolerance was set."""

    rel: float | None = None
    abs: float | None = None

    def describe(self) -> str:
        if self.abs is not None:
            return f"±{self.abs:g}"
        return f"{(self.rel or 0) * 100:g}% relative"


def value_of(tree: Node):
    """The value of a constant tree at 30 digits (mpf or mpc); raises EvaluationError."""
    return evaluate(tree, {}, context(DPS))


def is_real(value) -> bool:
    ctx = context(DPS)
    return not isinstance(value, type(ctx.mpc(1, 1))) or value.imag == 0


def close(given, expected, tolerance: Tolerance | None) -> bool:
    """Whether two values agree: exactly (at 30 digits) when tolerance is None."""
    ctx = context(DPS)
    if ctx.isinf(expected) or ctx.isinf(given):
        return given == expected
    difference = abs(given - expected)
    scale = abs(expected)
    if tolerance is None:
        return difference <= EXACT_RELATIVE * max(scale, 1)
    if tolerance.abs is not None:
        return difference <= tolerance.abs * (1 + 1e-12)
    return difference <= (tolerance.rel or 0) * scale * (1 + 1e-12) or difference == 0


def _ratio_is(ratio, target: float, slack: float = 1e-6) -> bool:
    return abs(ratio - target) <= slack * abs(target)


_LN10 = math.log(10)
_LN2 = math.log(2)


def diagnose(given, expected, tolerance: Tolerance | None, given_literal: str | None) -> str:
    """The most specific explanation of why `given` is not `expected`."""
    ctx = context(DPS)
    if ctx.isinf(expected) or ctx.isinf(given) or not is_real(given) or not is_real(expected):
        return feedback.NOT_EXPECTED
    given, expected = ctx.re(given), ctx.re(expected)
    loose = Tolerance(rel=max(1e-6, (tolerance.rel or 0) if tolerance else 0))
    if expected != 0 and close(-given, expected, loose):
        return feedback.WRONG_SIGN
    if given_literal is not None and expected != 0:
        digits = significant_figures(given_literal)
        if digits is not None and close(given, round_significant(expected, digits), loose):
            return feedback.TOO_FEW_DIGITS.format(digits=digits + 1)
    if tolerance is not None and close(given, expected, Tolerance(rel=0.05)):
        return feedback.OUTSIDE_TOLERANCE.format(tolerance=tolerance.describe())
    if given == 0 or expected == 0:
        return feedback.NOT_EXPECTED
    if abs(given - expected) == 1 and ctx.isint(given) and ctx.isint(expected):
        return feedback.OFF_BY_ONE
    ratio = float(given / expected)
    for target, message in (
        (180 / math.pi, feedback.DEGREES),
        (math.pi / 180, feedback.RADIANS),
        (1 / _LN10, feedback.LOG10_USED),
        (1 / _LN2, feedback.LOG2_USED),
        (_LN2, feedback.LN_FOR_BITS),
        (_LN10, feedback.LN_FOR_LOG10),
        (100.0, feedback.PERCENT_SCALE),
        (0.01, feedback.PERCENT_SCALE),
    ):
        if _ratio_is(ratio, target):
            return message
    for power in range(1, 7):
        for factor in (10.0**power, 10.0**-power):
            if _ratio_is(ratio, factor):
                return feedback.POWER_OF_TEN.format(factor=f"{factor:g}")
    for factor, label in ((2.0, "2"), (0.5, "1/2"), (4.0, "4"), (0.25, "1/4"), (3.0, "3")):
        if _ratio_is(ratio, factor):
            return feedback.OFF_BY_FACTOR.format(factor=label)
    if close(given * expected, ctx.mpf(1), loose):
        return feedback.RECIPROCAL
    return feedback.NOT_EXPECTED


def significant_figures(literal: str) -> int | None:
    """Significant figures as written: `0.50` has 2, `1.20e3` has 3, `1200` has 2 to 4 (the
    smallest is returned; see `sig_figs_range`)."""
    bounds = sig_figs_range(literal)
    return bounds[0] if bounds else None


def sig_figs_range(literal: str) -> tuple[int, int] | None:
    mantissa = literal.lower().lstrip("+-").partition("e")[0]
    digits = mantissa.replace(".", "").lstrip("0")
    if not digits:
        return (1, 1)
    if "." in mantissa:
        return (len(digits), len(digits))
    stripped = digits.rstrip("0")
    return (len(stripped), len(digits))


def decimal_places(literal: str) -> int:
    mantissa, _, exponent = literal.lower().lstrip("+-").partition("e")
    places = len(mantissa.partition(".")[2])
    return max(0, places - int(exponent or 0))


# Precision rules apply to numbers of any size a learner may type (over 28 digits too).
_DECIMAL = Context(prec=2 * DPS + 10)


def _to_decimal(value) -> Decimal:
    ctx = context(DPS)
    return Decimal(
        ctx.nstr(ctx.re(value), DPS, strip_zeros=False, min_fixed=-math.inf, max_fixed=math.inf)
    )


def round_significant(value, figures: int):
    """Round half up to `figures` significant figures (exam rounding), as an mpf."""
    ctx = context(DPS)
    number = _to_decimal(value)
    if number == 0:
        return ctx.mpf(0)
    exponent = number.adjusted() - figures + 1
    rounded = number.quantize(Decimal(1).scaleb(exponent), rounding=ROUND_HALF_UP, context=_DECIMAL)
    return ctx.mpf(str(rounded))


def round_places(value, places: int):
    ctx = context(DPS)
    rounded = _to_decimal(value).quantize(
        Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP, context=_DECIMAL
    )
    return ctx.mpf(str(rounded))


def literal_value(literal: str):
    ctx = context(DPS)
    try:
        return ctx.mpf(str(Decimal(literal)))
    except InvalidOperation as exc:
        raise EvaluationError(str(exc)) from None
