"""The `matrix`, `vector` and `tuple` kinds: shapes first (naming both, recognising a
transpose), then entries under the numeric rules, then patterns across the wrong entries."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from questions.mathinput import Parsed, ParseError
from questions.mathinput.evaluate import EvaluationError
from questions.mathinput.nodes import Matrix, Node, Seq, free_symbols, is_scalar

from . import feedback
from .entries import EntryComparer, extra_symbols_message
from .inputs import parse_expected, parse_given
from .verdict import GradingSetupError, Verdict, refused, right, wrong

_EXAMPLES = {"matrix": "[[1, 2], [3, 4]]", "vector": "[1, 2, 3]", "tuple": "(1, 2)"}


def _grid(tree: Node) -> list[list[Node]] | None:
    if isinstance(tree, Matrix):
        return [list(row) for row in tree.rows]
    if isinstance(tree, Seq) and all(is_scalar(item) for item in tree.items):
        return [list(tree.items)]
    return None


def _flat(tree: Node) -> list[Node] | None:
    if isinstance(tree, Seq) and all(is_scalar(item) for item in tree.items):
        return list(tree.items)
    if isinstance(tree, Matrix) and (len(tree.rows) == 1 or len(tree.rows[0]) == 1):
        return [item for row in tree.rows for item in row]
    return None


def _shape_words(rows: int, columns: int) -> str:
    return f"{rows}×{columns}"


def check_array(
    kind: str, expected: object, given_text: str, options: Mapping[str, Any]
) -> Verdict:
    expected_parsed = parse_expected(expected)
    names = set(options.get("variables", ())) | free_symbols(expected_parsed.tree)
    try:
        given = parse_given(given_text, kind, variables=names)
    except ParseError as exc:
        return refused(exc.message)
    extra = extra_symbols_message(given.tree, names)
    if extra:
        return refused(extra, given.latex)
    comparer = EntryComparer(options, names, expected_parsed.text, given.text)
    if kind == "matrix":
        return _check_matrix(expected_parsed, given, comparer)
    return _check_sequence(kind, expected_parsed, given, comparer)


def _check_matrix(expected: Parsed, given: Parsed, comparer: EntryComparer) -> Verdict:
    interpreted = given.latex
    wanted = _grid(expected.tree)
    if wanted is None:
        raise GradingSetupError(f"The expected answer {expected.text!r} is not a matrix.")
    got = _grid(given.tree)
    if got is None:
        return refused(
            feedback.NOT_AN_ARRAY.format(what="matrix", example=_EXAMPLES["matrix"]), interpreted
        )
    rows, columns = len(wanted), len(wanted[0])
    if (len(got), len(got[0])) != (rows, columns) and 1 in (rows, columns):
        flat = [item for row in got for item in row]
        if len(flat) == rows * columns and 1 in (len(got), len(got[0])):
            got = [flat[i * columns : (i + 1) * columns] for i in range(rows)]
    try:
        if (len(got), len(got[0])) != (rows, columns):
            if (len(got), len(got[0])) == (columns, rows) and comparer.all_equal(
                _transpose(wanted), got
            ):
                return wrong(interpreted, feedback.TRANSPOSED)
            return wrong(
                interpreted,
                feedback.WRONG_SHAPE.format(
                    given=_shape_words(len(got), len(got[0])),
                    expected=_shape_words(rows, columns),
                ),
            )
        results = comparer.compare_grid(wanted, got)
    except EvaluationError as exc:
        raise GradingSetupError(f"The expected answer has an entry with no value: {exc}") from None
    if all(all(row) for row in results):
        return right(interpreted)
    if rows == columns and rows > 1 and comparer.all_equal(_transpose(wanted), got):
        return wrong(interpreted, feedback.TRANSPOSED)
    return wrong(interpreted, comparer.explain(wanted, got, results))


def _transpose(grid: list[list[Node]]) -> list[list[Node]]:
    return [list(column) for column in zip(*grid, strict=True)]


def _check_sequence(kind: str, expected: Parsed, given: Parsed, comparer) -> Verdict:
    interpreted = given.latex
    wanted = _flat(expected.tree)
    if wanted is None:
        raise GradingSetupError(f"The expected answer {expected.text!r} is not a {kind}.")
    got = _flat(given.tree)
    if got is None:
        return refused(
            feedback.NOT_AN_ARRAY.format(what=kind, example=_EXAMPLES[kind]), interpreted
        )
    if len(got) != len(wanted):
        return wrong(
            interpreted,
            feedback.WRONG_SHAPE.format(
                given=f"{len(got)} entr{'y' if len(got) == 1 else 'ies'}",
                expected=f"{len(wanted)} entries",
            ),
        )
    results = comparer.compare_grid([wanted], [got])
    if all(results[0]):
        return right(interpreted)
    if sorted(map(comparer.sort_key, wanted)) == sorted(map(comparer.sort_key, got)):
        return wrong(interpreted, feedback.ORDER_MATTERS)
    return wrong(interpreted, comparer.explain([wanted], [got], results))
