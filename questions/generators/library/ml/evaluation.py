"""Model-evaluation templates: precision, recall and F1 from counts, accuracy from a
confusion matrix."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import sympy

from ... import params as P
from ...base import Mistake, Template, TemplateError
from ...formatting import matrix as tex_matrix
from ...formatting import steps
from ...registry import register
from ._shared import DECIMAL, check_counts, distinct, equals, tidy

METRICS = ("precision", "recall", "f1")
FRACTION_OR_3SF = "Give the answer as a fraction or to 3 significant figures (graded within 0.1%)."


def _check_count(value: Any) -> int:
    return P.check_int(value, 0, 10**9)


@register
class PrecisionRecallF1(Template):
    slug = "precision-recall-f1"
    title = "Precision, recall and F1"
    area = "ml"
    topic = "model-evaluation"
    difficulty = 1
    kind = "numeric"
    options = DECIMAL
    params = (
        P.custom("tp", lambda rng, v: int(rng.integers(5, 61)), _check_count, description="true positives"),
        P.custom("fp", lambda rng, v: int(rng.integers(1, 31)), _check_count, description="false positives"),
        P.custom("fn", lambda rng, v: int(rng.integers(1, 31)), _check_count, description="false negatives"),
        P.choice("metric", METRICS, description="which metric"),
    )  # fmt: skip

    def check(self, p: Mapping[str, Any]) -> None:
        tp, fp, fn, metric = p["tp"], p["fp"], p["fn"], p["metric"]
        if metric == "precision" and tp + fp == 0:
            raise TemplateError("Precision is undefined with no predicted positives (tp + fp = 0).")
        if metric == "recall" and tp + fn == 0:
            raise TemplateError("Recall is undefined with no actual positives (tp + fn = 0).")
        if metric == "f1" and tp + fp + fn == 0:
            raise TemplateError("F1 is undefined when tp, fp and fn are all 0.")

    def reject(self, p: Mapping[str, Any]) -> str | None:
        return "precision equals recall" if p["fp"] == p["fn"] else None

    @staticmethod
    def _ratio(num: int, den: int) -> Any:
        return sympy.Rational(num, den) if den else None

    def answer(self, p: Mapping[str, Any]) -> Any:
        tp, fp, fn = p["tp"], p["fp"], p["fn"]
        value = {
            "precision": lambda: sympy.Rational(tp, tp + fp),
            "recall": lambda: sympy.Rational(tp, tp + fn),
            "f1": lambda: sympy.Rational(2 * tp, 2 * tp + fp + fn),
        }[p["metric"]]()
        return tidy(value)

    def prompt(self, p: Mapping[str, Any]) -> str:
        name = {"precision": "precision", "recall": "recall", "f1": "F1 score"}[p["metric"]]
        return (
            f"On a test set, a binary classifier makes {p['tp']} true positives, {p['fp']} false "
            f"positives and {p['fn']} false negatives. What is its {name}?\n\n{FRACTION_OR_3SF}"
        )

    def solution(self, p: Mapping[str, Any], answer: Any) -> str:
        tp, fp, fn, metric = p["tp"], p["fp"], p["fn"], p["metric"]
        precision = rf"$P = \frac{{TP}}{{TP + FP}} = \frac{{{tp}}}{{{tp} + {fp}}}"
        recall = rf"$R = \frac{{TP}}{{TP + FN}} = \frac{{{tp}}}{{{tp} + {fn}}}"
        if metric == "precision":
            return steps(
                "Precision: of everything predicted positive, the share that is positive.",
                f"{precision} {equals(answer)}$.",
            )
        if metric == "recall":
            return steps(
                "Recall: of everything actually positive, the share the classifier finds.",
                f"{recall} {equals(answer)}$.",
            )
        lines = ["F1 is the harmonic mean of precision and recall: $F_1 = \\frac{2PR}{P + R}$."]
        if tp + fp and tp + fn:
            lines.append(f"{precision} {equals(tidy(sympy.Rational(tp, tp + fp)))}$.")
            lines.append(f"{recall} {equals(tidy(sympy.Rational(tp, tp + fn)))}$.")
        lines.append(
            "Equivalently $F_1 = \\frac{2\\,TP}{2\\,TP + FP + FN} = "
            f"\\frac{{{2 * tp}}}{{{2 * tp} + {fp} + {fn}}} {equals(answer)}$."
        )
        return steps(*lines)

    def mistakes(self, p: Mapping[str, Any], answer: Any) -> list[Mistake]:
        tp, fp, fn, metric = p["tp"], p["fp"], p["fn"], p["metric"]
        precision, recall = self._ratio(tp, tp + fp), self._ratio(tp, tp + fn)
        found = []
        if metric == "precision":
            if recall is not None:
                found.append(
                    Mistake(
                        tidy(recall),
                        "That is recall, TP/(TP + FN): precision divides by the predicted positives, TP + FP.",
                    )
                )
            found.append(
                Mistake(
                    tidy(1 - precision),
                    "That is the share of false positives among the predictions: precision is TP/(TP + FP).",
                )
            )
        elif metric == "recall":
            if precision is not None:
                found.append(
                    Mistake(
                        tidy(precision),
                        "That is precision, TP/(TP + FP): recall divides by the actual positives, TP + FN.",
                    )
                )
            found.append(
                Mistake(
                    tidy(1 - recall), "That is the miss rate FN/(TP + FN): recall is TP/(TP + FN)."
                )
            )
        elif precision is not None and recall is not None:
            found.append(
                Mistake(
                    tidy((precision + recall) / 2),
                    "F1 is the harmonic mean 2PR/(P + R), not the arithmetic mean.",
                )
            )
            if precision + recall:
                found.append(
                    Mistake(
                        tidy(precision * recall / (precision + recall)),
                        "Missing factor 2: F1 = 2PR/(P + R).",
                    )
                )
            found.append(
                Mistake(
                    tidy(sympy.Rational(tp, tp + fp + fn)),
                    "TP/(TP + FP + FN) is the Jaccard index; F1 = 2TP/(2TP + FP + FN).",
                )
            )
        return distinct(answer, found)  # fmt: skip


def _check_confusion(value: Any) -> list[list[int]]:
    rows = P.check_matrix(value)
    if len(rows) != len(rows[0]):
        raise ValueError(f"a confusion matrix is square, got {len(rows)}×{len(rows[0])}")
    if len(rows) < 2:
        raise ValueError("a confusion matrix has at least two classes")
    return [check_counts(row) for row in rows]


@register
class AccuracyFromConfusion(Template):
    slug = "accuracy-from-confusion"
    title = "Accuracy from a confusion matrix"
    area = "ml"
    topic = "model-evaluation"
    difficulty = 1
    kind = "numeric"
    options = DECIMAL

    @staticmethod
    def _draw(rng: np.random.Generator, values: dict[str, Any]) -> list[list[int]]:
        k = 2 if rng.random() < 0.6 else 3
        grid = rng.integers(0, 11, size=(k, k))
        np.fill_diagonal(grid, rng.integers(10, 51, size=k))
        return [[int(v) for v in row] for row in grid]

    params = (
        P.custom("matrix", _draw, _check_confusion,
                 description="counts: rows are the true classes, columns the predicted ones"),
    )  # fmt: skip

    def check(self, p: Mapping[str, Any]) -> None:
        if sum(map(sum, p["matrix"])) == 0:
            raise TemplateError("The confusion matrix holds no examples.")

    def reject(self, p: Mapping[str, Any]) -> str | None:
        return None if self._errors(p) else "no errors"

    @staticmethod
    def _correct(p: Mapping[str, Any]) -> int:
        return sum(p["matrix"][i][i] for i in range(len(p["matrix"])))

    def _errors(self, p: Mapping[str, Any]) -> int:
        return sum(map(sum, p["matrix"])) - self._correct(p)

    def answer(self, p: Mapping[str, Any]) -> Any:
        return tidy(sympy.Rational(self._correct(p), sum(map(sum, p["matrix"]))))

    def prompt(self, p: Mapping[str, Any]) -> str:
        return (
            f"A classifier's confusion matrix on a test set (rows: true class, columns: predicted "
            f"class) is\n\n$$C = {tex_matrix(p['matrix'])}$$\n\nWhat is its accuracy?\n\n"
            f"{FRACTION_OR_3SF}"
        )

    def solution(self, p: Mapping[str, Any], answer: Any) -> str:
        m = p["matrix"]
        diagonal = " + ".join(str(m[i][i]) for i in range(len(m)))
        return steps(
            "Correct predictions sit on the diagonal (predicted class = true class).",
            f"Correct: ${diagonal} = {self._correct(p)}$; all examples: the sum of every entry, "
            f"${sum(map(sum, m))}$.",
            f"Accuracy $= {self._correct(p)} / {sum(map(sum, m))} {equals(answer)}$.",
        )

    def mistakes(self, p: Mapping[str, Any], answer: Any) -> list[Mistake]:
        m = p["matrix"]
        correct, errors = self._correct(p), self._errors(p)
        found = [
            Mistake(tidy(sympy.Rational(errors, correct + errors)), "That is the error rate: accuracy counts the diagonal (correct) entries."),
            Mistake(tidy(sympy.Rational(correct, errors)), "Divide by all examples, not only the wrong ones."),
        ]  # fmt: skip
        recalls = [sympy.Rational(m[i][i], sum(m[i])) for i in range(len(m)) if sum(m[i])]
        if len(recalls) == len(m):
            found.append(Mistake(tidy(sum(recalls) / len(m)), "That is the balanced accuracy (mean per-class recall); plain accuracy pools all examples."))  # fmt: skip
        return distinct(answer, found)
