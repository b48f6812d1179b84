"""Equations, sets, choices and text; options validation; interpret()."""

from __future__ import annotations

import re

import pytest

from questions.grading import GradingSetupError, check, feedback, interpret


@pytest.mark.parametrize(
    ("expected", "given", "correct"),
    [
        ("x + y = 1", "y = 1 - x", True),
        ("x + y = 1", "2x + 2y = 2", True),
        ("x + y = 1", "x + y - 1 = 0", True),
        ("x^2 = y^2", "(x-y)(x+y) = 0", True),
        ("y = 2x + 1", "y - 1 = 2x", True),
        ("(x-2)^2 = 0", "x = 2", False),
        ("a*x = a*y", "x = y", False),
        ("x + y = 1", "x + y = 2", False),
        ("y = sin(x)", "y - sin x = 0", True),
    ],
)
def test_equations_up_to_a_constant_multiple(expected, given, correct):
    assert check("equation", expected, given).correct is correct


def test_equation_specific_messages():
    assert check("equation", "x = 1", "x + 1").error == feedback.NEEDS_EQUATION
    assert check("equation", "x = 1", "x = x").feedback == feedback.TRIVIAL_EQUATION


@pytest.mark.parametrize(
    ("expected", "given", "correct"),
    [
        ("{1, 4}", "{4, 1}", True),
        ("{1, 4}", "{1, 2+2}", True),
        ("{1, 4}", "{1, 1, 4}", True),
        ("{1, 4}", "{1}", False),
        ("{1, 4}", "{1, 4, 5}", False),
        ("{1/2}", "{0.5}", True),
    ],
)
def test_sets(expected, given, correct):
    assert check("set", expected, given).correct is correct


def test_set_feedback_counts_missing_and_extra():
    verdict = check("set", "{1, 2, 3}", "{1, 5}")
    assert (
        verdict.feedback
        == "2 element(s) of the correct set are missing. 1 element(s) of your set are not in the correct set."
    )


def test_single_choice():
    assert check("choice", "B", "b").correct
    assert check("choice", "B", " (B) ").correct
    assert not check("choice", "B", "C").correct
    assert check("choice", "B", "A, B").error == feedback.CHOICE_ONE_ONLY
    assert check("choice", "B", "Z", {"choices": ["A", "B", "C"]}).error == "Choose from A, B, C."
    assert check("choice", True, "yes").correct


def test_multiple_choice_partial_credit():
    options = {"multiple": True}
    assert check("choice", ["A", "C"], "C A", options).correct
    half = check("choice", ["A", "C"], "A", options)
    assert not half.correct and half.score == 0.5
    assert half.feedback == "Partly right: 1 of 2 correct option(s) chosen."
    assert check("choice", ["A", "C"], "A, B", options).score == 0.0
    assert check("choice", ["A", "B", "C", "D"], "A B C E", options).score == 0.5


def test_text_normalises_whitespace_and_case():
    assert check("text", "zero_grad", "  Zero_Grad ").correct
    assert not check("text", "zero_grad", "Zero_Grad", {"case_sensitive": True}).correct
    assert check("text", ["ReLU", "rectified linear unit"], "Rectified  linear unit.").correct


@pytest.mark.parametrize(
    ("kind", "options", "message"),
    [
        ("numbers", {}, "Unknown answer kind"),
        ("numeric", {"tolerance": 1}, "Unknown option(s) for numeric: tolerance"),
        ("numeric", {"rel_tol": 0.1, "abs_tol": 0.1}, "one of rel_tol"),
        ("numeric", {"rel_tol": -1}, "non-negative"),
        ("numeric", {"sig_figs": 0}, "sig_figs must be"),
        ("expression", {"form": "pretty"}, "form must be one of"),
        ("expression", {"variables": "x"}, "list of names"),
        ("choice", {"multiple": "yes"}, "true or false"),
    ],
)
def test_bad_options_are_setup_errors(kind, options, message):
    with pytest.raises(GradingSetupError, match=re.escape(message)):
        check(kind, "1", "1", options)


def test_overlong_answers_are_refused_before_parsing():
    assert "too long" in check("numeric", 1, "1" * 2000).error


def test_interpret_previews_what_was_read():
    preview = interpret("expression", "1/2x", variables=("x",))
    assert preview.latex == r"\frac{1}{2} x" and preview.error is None
    assert any("(1/2)·x" in note for note in preview.notes)
    assert interpret("numeric", "2 +").error.startswith("The answer ends too early")
    assert interpret("matrix", "[1 2; 3 4]").latex.startswith(r"\begin{bmatrix}")
    assert interpret("tuple", "3x4").latex == r"\left(3, 4\right)"
    assert interpret("choice", "A").latex == ""
