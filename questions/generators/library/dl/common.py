"""Helpers shared by the deep-learning templates: parameter kinds the generic constructors
lack (flags, sizes drawn from typical values, layer lists) and multiple-choice banks."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np

from ... import params as P
from ...base import Mistake, Template, TemplateError
from ...formatting import num, steps

Params = Mapping[str, Any]
LABELS = ("A", "B", "C", "D")


def paren(value: Any) -> str:
    """A number for a sum or difference: bracketed when negative, so `3 - (-2)` reads right."""
    text = num(value)
    return f"({text})" if text.startswith("-") else text


def flag(name: str, *, description: str = "") -> P.Param:
    """A boolean drawn fairly; users must pass true or false (not 0 or 1)."""

    def draw(rng: np.random.Generator, values: dict[str, Any]) -> bool:
        return bool(rng.integers(2))

    def validate(value: Any) -> bool:
        if not isinstance(value, bool):
            raise ValueError(f"expected true or false, got {value!r}")
        return value

    return P.custom(name, draw, validate, description=description)


def typical(
    name: str, values: Sequence[int], *, low: int = 1, limit: int, description: str = ""
) -> P.Param:
    """A whole number drawn from typical values (channel counts, layer widths); users may pass
    any whole number from `low` to `limit`."""
    values = list(values)

    def draw(rng: np.random.Generator, so_far: dict[str, Any]) -> int:
        return values[int(rng.integers(len(values)))]

    return P.custom(name, draw, lambda v: P.check_int(v, low, limit), description=description)


def small(
    name: str, low: int, high: int, *, exclude: Sequence[int] = (), description=""
) -> P.Param:
    """A small whole number drawn from [low, high]; users may pass any number (decimals too)."""
    allowed = [v for v in range(low, high + 1) if v not in exclude]

    def draw(rng: np.random.Generator, values: dict[str, Any]) -> int:
        return allowed[int(rng.integers(len(allowed)))]

    return P.custom(name, draw, lambda v: P.check_number(v, -1e6, 1e6), description=description)


def pairs(
    name: str,
    draw: Callable[[np.random.Generator, dict[str, Any]], list[list[int]]],
    *,
    first: tuple[str, int],
    second: tuple[str, int],
    max_layers: int = 12,
    description: str = "",
) -> P.Param:
    """A list of layers, each a pair of whole numbers ≥ 1, e.g. [[K, S], ...]; `first` and
    `second` name each entry and give its upper limit, for the error messages."""

    def validate(value: Any) -> list[list[int]]:
        if not isinstance(value, list) or not value:
            raise ValueError(f"expected a non-empty list of [{first[0]}, {second[0]}] pairs")
        if len(value) > max_layers:
            raise ValueError(f"at most {max_layers} layers")
        clean = []
        for i, layer in enumerate(value, start=1):
            if not isinstance(layer, list) or len(layer) != 2:
                raise ValueError(
                    f"layer {i} must be a pair [{first[0]}, {second[0]}], got {layer!r}"
                )
            try:
                a = P.check_int(layer[0], 1, first[1])
                b = P.check_int(layer[1], 1, second[1])
            except ValueError as exc:
                raise ValueError(f"layer {i}: {exc}") from None
            clean.append([a, b])
        return clean

    return P.custom(name, draw, validate, description=description)


def permutation(name: str, size: int, *, description: str = "") -> P.Param:
    """An order of `size` items, e.g. [2, 0, 3, 1]: a shuffle of the options."""

    def draw(rng: np.random.Generator, values: dict[str, Any]) -> list[int]:
        return [int(i) for i in rng.permutation(size)]

    def validate(value: Any) -> list[int]:
        wanted = f"expected an order of 0…{size - 1}, e.g. {list(range(size))}"
        if not isinstance(value, list):
            raise ValueError(wanted)
        order = [P.check_int(v) for v in value]
        if sorted(order) != list(range(size)):
            raise ValueError(wanted)
        return order

    return P.custom(name, draw, validate, description=description)


@dataclass(frozen=True)
class Item:
    """A multiple-choice question: the right option and three wrong ones, each wrong one with
    the feedback a learner who picked it needs."""

    question: str
    right: str
    why: str
    wrong: tuple[tuple[str, str], tuple[str, str], tuple[str, str]]


class ConceptQuestion(Template):
    """Multiple choice from a bank: `item` picks the question, `order` shuffles the options
    (position i shows option order[i]; option 0 is the right one)."""

    kind = "choice"
    options = {"choices": list(LABELS)}
    bank: ClassVar[tuple[Item, ...]] = ()

    def _item(self, p: Params) -> Item:
        if not 0 <= p["item"] < len(self.bank):
            raise TemplateError(f"item must be from 0 to {len(self.bank) - 1}")
        return self.bank[p["item"]]

    def check(self, p: Params) -> None:
        self._item(p)

    def _texts(self, p: Params) -> list[str]:
        item = self._item(p)
        texts = [item.right, *(text for text, _ in item.wrong)]
        return [texts[i] for i in p["order"]]

    def answer(self, p: Params) -> str:
        return LABELS[p["order"].index(0)]

    def prompt(self, p: Params) -> str:
        lines = [self._item(p).question, ""]
        lines += [
            f"- **{label}.** {text}" for label, text in zip(LABELS, self._texts(p), strict=True)
        ]
        return "\n".join(lines)

    def solution(self, p: Params, answer: Any) -> str:
        item = self._item(p)
        texts = self._texts(p)
        lines = [f"**{answer}** is right: {item.right}. {item.why}"]
        for label, text in zip(LABELS, texts, strict=True):
            for wrong_text, feedback in item.wrong:
                if text == wrong_text:
                    lines.append(f"**{label}** ({wrong_text}) is wrong: {feedback}")
        return steps(*lines)

    def mistakes(self, p: Params, answer: Any) -> list[Mistake]:
        item = self._item(p)
        found = []
        for position, index in enumerate(p["order"]):
            if index:
                found.append(Mistake(LABELS[position], item.wrong[index - 1][1]))
        return found


def concept_params(bank_size: int) -> tuple[P.Param, ...]:
    return (
        P.count("item", 0, bank_size - 1, limit=bank_size - 1, description="question in the bank"),
        permutation("order", len(LABELS), description="option order; 0 is the right option"),
    )
