"""The numeric and integer kinds: tolerances, exam precision rules and named near-misses."""

from __future__ import annotations

import pytest

from questions.grading import GradingSetupError, check, feedback


@pytest.mark.parametrize(
    ("expected", "given"),
    [
        ("ln(2)", "ln 2"),
        ("ln(2)", "log(2)"),
        ("ln(2)", "ln(8)/3"),
        ("1/3", "1/3"),
        ("1/3", "2/6"),
        ("0.5", "1/2"),
        (0.5, "0.50"),
        (2, "sqrt(4)"),
        ("sqrt(2)/2", "1/sqrt(2)"),
        ("pi/4", "atan(1)"),
        ("exp(1)", "e"),
        (1e-3, "1e-3"),
        (1e-3, "0.001"),
        (120, "5!"),
        (-3, "−3"),
        (23592960, "23,592,960"),
        ("inf", "∞"),
    ],
)
def test_exact_values_are_accepted_in_any_form(expected, given):
    verdict = check("numeric", expected, given)
    assert verdict.correct, verdict


@pytest.mark.parametrize(
    ("given", "correct"),
    [("0.693", True), ("0.6931", True), ("0.6935", True), ("0.69", False), ("0.694", False)],
)
def test_relative_tolerance(given, correct):
    assert check("numeric", "ln(2)", given, {"rel_tol": 1e-3}).correct is correct


def test_absolute_tolerance():
    assert check("numeric", "0.1234", "0.12", {"abs_tol": 0.01}).correct
    assert not check("numeric", "0.1234", "0.11", {"abs_tol": 0.01}).correct


def test_default_is_exact_for_exact_values_and_tight_for_decimals():
    assert not check("numeric", "1/3", "0.333333").correct
    assert check("numeric", 0.1 + 0.2, "0.3").correct  # float noise is within 1e-9
    assert not check("numeric", "0.3", "0.3000001").correct


@pytest.mark.parametrize(
    ("given", "correct", "message"),
    [
        ("0.46", True, None),
        ("0.460", False, "written with 3 significant figure(s); the question asks for exactly 2"),
        ("0.5", False, "written with 1 significant figure(s)"),
        ("0.45", False, feedback.SIG_FIGS_VALUE.format(wanted=2)),
        ("-0.46", False, feedback.WRONG_SIGN),
        ("23/50", False, feedback.NEEDS_LITERAL_NUMBER),
        ("4.6e-1", True, None),
    ],
)
def test_significant_figures_rule(given, correct, message):
    verdict = check("numeric", "0.4567", given, {"sig_figs": 2})
    assert verdict.correct is correct
    if message:
        assert message in verdict.feedback


def test_significant_figures_of_integers_with_trailing_zeros():
    assert check("numeric", 1234, "1200", {"sig_figs": 2}).correct
    assert check("numeric", 1234, "1.2e3", {"sig_figs": 2}).correct
    assert check("numeric", 1250, "1300", {"sig_figs": 2}).correct  # exam rounding: half up


@pytest.mark.parametrize(
    ("given", "correct", "message"),
    [
        ("3.14", True, None),
        ("3.142", False, "written with 3 decimal place(s)"),
        ("3.1", False, "written with 1 decimal place(s)"),
        ("3.15", False, feedback.DEC_PLACES_VALUE.format(wanted=2)),
        ("pi", False, feedback.NEEDS_LITERAL_NUMBER),
    ],
)
def test_decimal_places_rule(given, correct, message):
    verdict = check("numeric", "pi", given, {"dec_places": 2})
    assert verdict.correct is correct
    if message:
        assert message in verdict.feedback


def test_decimal_places_round_half_up():
    assert check("numeric", "2.675", "2.68", {"dec_places": 2}).correct


@pytest.mark.parametrize(
    ("expected", "given", "message"),
    [
        ("2.5", "-2.5", feedback.WRONG_SIGN),
        ("ln(2)", "0.69", "give at least 3 significant figures"),
        ("ln(2)", "log10(2)", feedback.LOG10_USED),
        ("ln(2)", "log2(2)", feedback.LOG2_USED),
        ("log2(3)", "ln(3)", feedback.LN_FOR_BITS),
        ("0.5", "50", feedback.PERCENT_SCALE),
        ("pi/6", "30", feedback.DEGREES),
        ("30", "pi/6", feedback.RADIANS),
        ("0.25", "2.5", "factor of 10: check the decimal point"),
        ("0.25", "0.5", "factor of 2"),
        ("4", "0.25", feedback.RECIPROCAL),
        ("1.5", "1.56", "not within the tolerance of this question (0.1% relative)"),
        ("7", "13", feedback.NOT_EXPECTED),
    ],
)
def test_near_misses_are_named(expected, given, message):
    options = {"rel_tol": 1e-3} if expected == "1.5" else {}
    verdict = check("numeric", expected, given, options)
    assert not verdict.correct
    assert message in verdict.feedback, verdict.feedback


def test_percent_only_where_the_question_says_so():
    assert check("numeric", 0.25, "25%", {"percent": True}).correct
    assert "Percent signs" in check("numeric", 0.25, "25%").error


def test_variables_are_not_numbers():
    verdict = check("numeric", 3, "x + 1")
    assert verdict.error == feedback.NOT_A_NUMBER.format(names="x")


def test_undefined_answers_get_an_error():
    assert "no value" in check("numeric", 1, "1/0").error
    assert "no value" in check("numeric", 1, "ln(0)").error


def test_integer_kind():
    assert check("integer", 12, "12").correct
    assert check("integer", 12, "12.0").correct
    assert check("integer", 12, "24/2").correct
    assert check("integer", 12, "12.5").feedback == feedback.NOT_WHOLE
    assert check("integer", 12, "13").feedback == feedback.OFF_BY_ONE
    assert check("integer", 12, "11").feedback == feedback.OFF_BY_ONE
    assert not check("integer", 12, "sqrt(-144)").correct


def test_expected_answers_that_are_not_numbers_are_setup_errors():
    with pytest.raises(GradingSetupError, match="not a number"):
        check("numeric", "x + 1", "1")
    with pytest.raises(GradingSetupError, match="not an integer"):
        check("integer", 2.5, "2")
    with pytest.raises(GradingSetupError, match="cannot be read"):
        check("numeric", "2 +", "2")
