"""The three worked examples (also shown in docs/authoring.md and the admin's help) generate,
pass check_template over 200 seeds and pass their own question tests."""

from __future__ import annotations

import dataclasses

import pytest

from questions.authoring import SpecTemplate, check_spec, run_question_tests
from questions.authoring.examples import EXAMPLES
from questions.generators import generate, grade_response


@pytest.fixture(params=sorted(EXAMPLES))
def example(request):
    return EXAMPLES[request.param]


@pytest.mark.slow
def test_example_passes_every_check_on_save_over_200_seeds(example):
    info, spec = example
    report = check_spec(spec, info, seeds=range(200))
    assert report.ok, report.failures
    assert report.seeds == 200 and report.distinct_prompts >= 40


def test_example_question_tests_pass(example):
    assert run_question_tests(SpecTemplate(example[1], example[0]), seeds=range(10)) == []


def test_matrix_product_recognises_the_transposed_product():
    info, spec = EXAMPLES["matrix-product"]
    variant = generate(SpecTemplate(spec, info), 7)
    a, b = variant.params["A"], variant.params["B"]
    product = [[sum(a[i][k] * b[k][j] for k in range(2)) for j in range(2)] for i in range(2)]
    assert variant.answer_value == product
    transposed = str([[product[0][0], product[1][0]], [product[0][1], product[1][1]]])
    verdict = grade_response(variant, transposed)
    assert not verdict.correct and "You transposed the product" in verdict.feedback


def test_derivative_recognises_the_forgotten_chain_rule():
    info, spec = EXAMPLES["derivative"]
    template = SpecTemplate(spec, info)
    variant = generate(template, 3, params={"a": 2, "n": 3, "b": -2})
    assert variant.options == {"variables": ["x"]}
    assert grade_response(variant, "6x^2 e^(-2x) - 4x^3 e^(-2x)").correct
    verdict = grade_response(variant, "6x^2 e^(-2x) + 2x^3 e^(-2x)")
    assert "chain rule" in verdict.feedback


def test_softmax_accepts_three_significant_figures_within_rel_tol():
    info, spec = EXAMPLES["softmax"]
    variant = generate(SpecTemplate(spec, info), 1, params={"z": [1, 2, 3], "k": 3})
    assert grade_response(variant, "0.665").correct
    assert not grade_response(variant, "0.66").correct
    assert "Normalise" in grade_response(variant, "20.09").feedback


def test_a_failing_question_test_is_reported_with_seed_and_line():
    info, spec = EXAMPLES["matrix-product"]
    tests = "{{ answer }} | wrong\n{{ transpose(answer) }} | wrong | commute\n[[1]] | correct"
    template = SpecTemplate(dataclasses.replace(spec, tests=tests), info)
    failures = run_question_tests(template, seeds=(1,))
    assert [(f.seed, f.line) for f in failures] == [(1, 1), (1, 2), (1, 3)]
    assert "expected wrong, graded correct" in failures[0].message
    assert "does not contain “commute”" in failures[1].message
    assert str(failures[2]).startswith("tests line 3, seed 1: “[[1]]” expected correct")
