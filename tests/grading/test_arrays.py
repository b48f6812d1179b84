"""Matrices, vectors and tuples: shapes named, transposes recognised, entries compared."""

from __future__ import annotations

import pytest

from questions.grading import check, feedback

PRODUCT = [[84, 90, 96], [201, 216, 231], [318, 342, 366]]


@pytest.mark.parametrize(
    "given",
    [
        "[[84,90,96],[201,216,231],[318,342,366]]",
        "[84 90 96; 201 216 231; 318 342 366]",
        "[84, 90, 96; 201, 216, 231; 318, 342, 366]",
        "[[84, 90, 96], [201, 216, 231], [318, 342, 366.0]]",
        "[[2*42, 90, 96], [201, 216, 231], [318, 342, 366]]",
    ],
)
def test_matrix_forms_are_accepted(given):
    assert check("matrix", PRODUCT, given).correct


def test_transposed_matrix_gets_named_feedback():
    verdict = check("matrix", [[1, 2], [3, 4]], "[[1, 3], [2, 4]]")
    assert not verdict.correct and verdict.feedback == feedback.TRANSPOSED
    verdict = check("matrix", [[1, 2, 3], [4, 5, 6]], "[1 4; 2 5; 3 6]")
    assert verdict.feedback == feedback.TRANSPOSED


def test_wrong_shape_names_both_shapes():
    verdict = check("matrix", [[1, 2, 3], [4, 5, 6]], "[1 2; 3 4]")
    assert verdict.feedback == "Your answer is 2×2; the correct answer is 2×3."


def test_wrong_entries_are_counted_and_located():
    verdict = check("matrix", [[1, 2], [3, 4]], "[1 2; 3 5]")
    assert verdict.feedback == "1 of 4 entries is wrong (row 2, column 2)."
    verdict = check("matrix", [[1, 2], [3, 4]], "[0 0; 0 0]")
    assert verdict.feedback == "4 of 4 entries are wrong."


def test_patterns_across_entries():
    assert (
        check("matrix", [[1, 2], [3, 4]], "[-1 -2; -3 -4]").feedback == feedback.ALL_SIGNS_FLIPPED
    )
    assert "factor of 2" in check("matrix", [[1, 2], [3, 4]], "[2 4; 6 8]").feedback


def test_matrix_tolerances_apply_per_entry():
    expected = [[0.3333333, 0.5]]
    assert check("matrix", expected, "[[0.333, 0.5]]", {"rel_tol": 1e-3}).correct
    assert not check("matrix", expected, "[[0.33, 0.5]]", {"rel_tol": 1e-3}).correct
    assert check("matrix", expected, "[[0.33, 0.50]]", {"sig_figs": 2}).correct


def test_a_column_matrix_accepts_a_flat_list():
    assert check("matrix", [[1], [2], [3]], "[1, 2, 3]").correct


def test_vectors_accept_either_bracket_and_name_the_order():
    assert check("vector", [1, 2, 3], "[1, 2, 3]").correct
    assert check("vector", [1, 2, 3], "(1, 2, 3)").correct
    assert check("vector", [1, 2, 3], "[1 2 3]").correct
    assert check("vector", [0.5, 0.25], "[1/2, 1/4]").correct
    assert check("vector", [1, 2, 3], "[3, 2, 1]").feedback == feedback.ORDER_MATTERS
    assert check("vector", [1, 2, 3], "[1, 2]").feedback == (
        "Your answer is 2 entries; the correct answer is 3 entries."
    )


def test_vectors_with_symbolic_entries():
    assert check("vector", "[2*x, 2*y]", "[2x, y + y]").correct
    assert not check("vector", "[2*x, 2*y]", "[2x, 2x]").correct


def test_tuples_accept_shapes_written_with_x():
    for given in ("(3, 4)", "3x4", "3 × 4", "(3x4)"):
        assert check("tuple", (3, 4), given).correct, given
    assert not check("tuple", (3, 4), "4x3").correct


def test_non_arrays_are_refused_with_an_example():
    verdict = check("matrix", [[1, 2], [3, 4]], "5")
    assert verdict.error == feedback.NOT_AN_ARRAY.format(what="matrix", example="[[1, 2], [3, 4]]")
