"""Feedback sentences, kept in one place so pages, API and tests say exactly the same thing."""

from __future__ import annotations

CORRECT = "Correct."
NOT_EXPECTED = "Not the expected answer."
WRONG_SIGN = "Check the sign: your answer has the opposite sign of the correct one."
RECIPROCAL = "Your answer is the reciprocal of the correct one: check what divides what."
OFF_BY_ONE = "Off by one: check a +1 or −1 in your formula (for example the +1 in an output size)."
OFF_BY_FACTOR = "Off by a factor of {factor}: check a constant or a step you may have skipped."
POWER_OF_TEN = "Off by a factor of {factor}: check the decimal point or the units."
DEGREES = "Your answer looks like it is in degrees; this question works in radians."
RADIANS = "Your answer looks like it is in radians; this question works in degrees."
LOG10_USED = "It looks like you used log base 10; here log means the natural log (ln)."
LOG2_USED = "It looks like you used log base 2; here log means the natural log (ln)."
LN_FOR_BITS = "It looks like you used the natural log; this answer is in bits (log base 2)."
LN_FOR_LOG10 = "It looks like you used the natural log; this question uses log base 10."
PERCENT_SCALE = "Off by a factor of 100: check whether the answer is a fraction or a percentage."
TOO_FEW_DIGITS = (
    "Close, but rounded too coarsely: give at least {digits} significant figures "
    "(or an exact form)."
)
OUTSIDE_TOLERANCE = "Close, but not within the tolerance of this question ({tolerance})."
SIG_FIGS_COUNT = (
    "Right value, but written with {given} significant figure(s); "
    "the question asks for exactly {wanted}."
)
SIG_FIGS_VALUE = "Not the correct value rounded to {wanted} significant figure(s)."
DEC_PLACES_COUNT = "Right value, but written with {given} decimal place(s); the question asks for exactly {wanted}."
DEC_PLACES_VALUE = "Not the correct value rounded to {wanted} decimal place(s)."
NEEDS_LITERAL_NUMBER = "Write a plain number with the requested precision, not an expression."
NOT_WHOLE = "The answer must be a whole number."
NOT_A_NUMBER = "Your answer should be a number, but it contains {names}."
EXTRA_VARIABLE = (
    "Your answer uses {names}, which {verb} not part of this question (variables: {allowed})."
)
CASE_SENSITIVE = " Variables are case-sensitive: {given} is not {expected}."
MISSING_VARIABLE = "Your answer does not depend on {names}, but the correct answer does."
CONSTANT_OFFSET = "Off by a constant: your answer differs from the correct one by {offset}."
EQUIVALENT_NOT_EXPANDED = "Equivalent, but not expanded: multiply out all brackets."
EQUIVALENT_NOT_FACTORED = (
    "Equivalent, but not fully factored: write it as a product of factors that cannot be "
    "factored further over the integers."
)
EQUIVALENT_NOT_LITERAL = "Equivalent, but the question asks for exactly the requested form."
ROUNDED_DECIMAL = (
    "Very close, but a rounded decimal is not exact: in an expression, write exact values such as "
    "1/3 or sqrt(2)."
)
ONLY_FOR_POSITIVE = (
    "Equal only when the variables are positive, but here they can be negative "
    "(for example sqrt(x^2) is |x|, not x)."
)
UNDECIDED = "Cram could not decide in time whether this is equivalent; simplify it and try again."
NEEDS_EQUATION = "Write an equation with an “=” sign."
TRIVIAL_EQUATION = "Your equation is true for every value, so it says nothing."
EQUATION_NOT_EQUIVALENT = "This equation does not describe the same relation."
WRONG_SHAPE = "Your answer is {given}; the correct answer is {expected}."
TRANSPOSED = "You transposed it: your answer is the transpose of the correct one."
WRONG_ENTRIES = "{count} of {total} entries {verb} wrong{where}."
ALL_SIGNS_FLIPPED = "Every entry has the wrong sign."
ENTRIES_SCALED = "Every entry is off by the same factor of {factor}."
ORDER_MATTERS = "Right entries, wrong order."
NOT_AN_ARRAY = "Expected a {what}, for example {example}."
SET_MISSING = "{count} element(s) of the correct set are missing."
SET_EXTRA = "{count} element(s) of your set are not in the correct set."
NOT_A_SET = "Expected a set such as {1, 2}."
CHOICE_PARTIAL = "Partly right: {right} of {total} correct option(s) chosen{extra}."
CHOICE_UNKNOWN = "Choose from {labels}."
CHOICE_ONE_ONLY = "Choose exactly one option."


def extra_variables(extra: set[str], allowed: set[str]) -> str:
    """Name the symbols that do not belong, pointing out case mix-ups (X for x)."""
    message = EXTRA_VARIABLE.format(
        names=", ".join(sorted(extra)),
        verb="is" if len(extra) == 1 else "are",
        allowed=", ".join(sorted(allowed)) or "none",
    )
    for name in sorted(extra):
        twins = [a for a in allowed if a.lower() == name.lower() and a != name]
        if twins:
            message += CASE_SENSITIVE.format(given=name, expected=twins[0])
    return message
