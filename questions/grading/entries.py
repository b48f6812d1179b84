"""Comparing the entries of arrays and sets one by one, and explaining the wrong ones."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from questions.mathinput.evaluate import EvaluationError
from questions.mathinput.nodes import Node, free_symbols

from . import feedback
from .numbers import Tolerance, close, value_of
from .numeric import tolerance_for
from .sampling import equal, sample


def extra_symbols_message(tree: Node, allowed: set[str]) -> str | None:
    """The refusal for symbols a numeric array or set answer should not contain."""
    extra = free_symbols(tree) - allowed
    return feedback.extra_variables(extra, allowed) if extra else None


class EntryComparer:
    """Compares entry trees under the kind's numeric options; symbolic entries by sampling."""

    def __init__(self, options: Mapping[str, Any], names: set[str], *seed: str) -> None:
        self.options = options
        self.names = sorted(names)
        self.seed = seed
        self._values: dict[int, object] = {}
        # Precision rules apply to a single written number; per entry they become tolerances.
        self.precision: Tolerance | None = None
        if "sig_figs" in options:
            self.precision = Tolerance(rel=0.5 * 10.0 ** (1 - options["sig_figs"]))
        elif "dec_places" in options:
            self.precision = Tolerance(abs=0.5 * 10.0 ** -options["dec_places"])

    def value(self, node: Node):
        key = id(node)
        if key not in self._values:
            self._values[key] = value_of(node)
        return self._values[key]

    def equal(self, expected: Node, given: Node) -> bool:
        if free_symbols(expected) or free_symbols(given):
            return bool(equal(sample(expected, given, self.names, set(), self.seed)))
        try:
            given_value = self.value(given)
        except EvaluationError:
            return False
        expected_value = self.value(expected)
        tolerance = self.precision or tolerance_for(self.options, expected, given)
        return close(given_value, expected_value, tolerance)

    def compare_grid(self, wanted: list[list[Node]], got: list[list[Node]]) -> list[list[bool]]:
        return [
            [self.equal(e, g) for e, g in zip(erow, grow, strict=True)]
            for erow, grow in zip(wanted, got, strict=True)
        ]

    def all_equal(self, wanted: list[list[Node]], got: list[list[Node]]) -> bool:
        return all(all(row) for row in self.compare_grid(wanted, got))

    def sort_key(self, node: Node) -> str:
        try:
            return f"{float(abs(self.value(node))):.12g}|{self.value(node)}"
        except (EvaluationError, TypeError):
            return repr(node)

    def explain(self, wanted, got, results: list[list[bool]]) -> str:
        pairs = [
            (e, g)
            for erow, grow in zip(wanted, got, strict=True)
            for e, g in zip(erow, grow, strict=True)
        ]
        try:
            values = [(self.value(e), self.value(g)) for e, g in pairs]
        except (EvaluationError, TypeError):
            values = None
        if values and any(e != 0 for e, _ in values):
            loose = Tolerance(rel=1e-6)
            if all(close(-g, e, loose) for e, g in values):
                return feedback.ALL_SIGNS_FLIPPED
            ratios = [g / e for e, g in values if e != 0]
            zero_ok = all(close(g, e, loose) for e, g in values if e == 0)
            scaled = ratios and ratios[0] != 0 and all(close(r, ratios[0], loose) for r in ratios)
            if zero_ok and scaled:
                return feedback.ENTRIES_SCALED.format(factor=f"{float(ratios[0]):.{6}g}")
        wrong_cells = [
            (i, j) for i, row in enumerate(results) for j, ok in enumerate(row) if not ok
        ]
        total = sum(len(row) for row in results)
        where = ""
        if len(wrong_cells) <= 2:
            if len(results) == 1:
                where = " (entry " + " and ".join(str(j + 1) for _, j in wrong_cells) + ")"
            else:
                where = (
                    " ("
                    + " and ".join(f"row {i + 1}, column {j + 1}" for i, j in wrong_cells)
                    + ")"
                )
        return feedback.WRONG_ENTRIES.format(
            count=len(wrong_cells),
            total=total,
            verb="is" if len(wrong_cells) == 1 else "are",
            where=where,
        )
