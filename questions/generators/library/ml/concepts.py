"""Multiple-choice concept templates (bias and variance, data splits, regularisation): one item
drawn from a bank, its four options shuffled, each wrong option with its own feedback."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import numpy as np

from ... import params as P
from ...base import Mistake, Template
from ...formatting import steps
from ...registry import register
from .concept_bank import BIAS_VARIANCE, DATA_SPLITS, REGULARIZATION, Item

LABELS = ("A", "B", "C", "D")


def _draw_order(rng: np.random.Generator, values: dict[str, Any]) -> list[int]:
    return [int(i) for i in rng.permutation(len(LABELS))]


def _check_order(value: Any) -> list[int]:
    if not isinstance(value, list) or sorted(value) != list(range(len(LABELS))):
        raise ValueError("expected a permutation of [0, 1, 2, 3] (0 is the correct option)")
    return [int(i) for i in value]


class _Concept(Template):
    """Option 0 of an item is the correct one; `order` lists which option each label shows."""

    area = "ml"
    kind = "choice"
    options = {"choices": list(LABELS)}
    bank: ClassVar[tuple[Item, ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.params = (
            P.integer("item", 0, len(cls.bank) - 1, description="question number in the bank"),
            P.custom("order", _draw_order, _check_order,
                     description="option shown under A–D (0 = the correct one)"),
        )  # fmt: skip

    def _options(self, p: Mapping[str, Any]) -> list[tuple[str, str]]:
        item = self.bank[p["item"]]
        return [(item.answer, item.why), *item.distractors]

    def answer(self, p: Mapping[str, Any]) -> str:
        return LABELS[p["order"].index(0)]

    def prompt(self, p: Mapping[str, Any]) -> str:
        options = self._options(p)
        listed = "\n".join(
            f"- **{label}.** {options[k][0]}" for label, k in zip(LABELS, p["order"], strict=True)
        )
        return f"{self.bank[p['item']].question}\n\n{listed}\n\nChoose one option."

    def solution(self, p: Mapping[str, Any], answer: str) -> str:
        options = self._options(p)
        lines = [f"**{answer}** ({options[0][0]}) is right. {options[0][1]}"]
        for label, k in zip(LABELS, p["order"], strict=True):
            if k:
                lines.append(f"{label} is wrong. {options[k][1]}")
        return steps(*lines)

    def mistakes(self, p: Mapping[str, Any], answer: str) -> list[Mistake]:
        options = self._options(p)
        return [
            Mistake(label, options[k][1]) for label, k in zip(LABELS, p["order"], strict=True) if k
        ]


@register
class BiasVarianceConcepts(_Concept):
    slug = "bias-variance-concepts"
    title = "Bias, variance and noise"
    topic = "bias-variance"
    difficulty = 1
    bank = BIAS_VARIANCE


@register
class DataSplitsConcepts(_Concept):
    slug = "data-splits-concepts"
    title = "Training, validation and test sets"
    topic = "data-splits"
    difficulty = 1
    bank = DATA_SPLITS


@register
class RegularizationConcepts(_Concept):
    slug = "regularization-concepts"
    title = "What regularisation does"
    topic = "regularization"
    difficulty = 1
    bank = REGULARIZATION
