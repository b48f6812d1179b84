"""Receptive fields: the extent of a dilated kernel and the receptive field of a stack of
convolution and pooling layers."""

from __future__ import annotations

from typing import Any

import numpy as np

from ... import params as P
from ...base import Mistake, Template
from ...formatting import steps
from ...registry import register
from .common import Params, pairs


@register
class DilatedKernelExtent(Template):
    slug = "dilated-kernel-extent"
    title = "Extent of a dilated kernel"
    area = "dl"
    topic = "receptive-field"
    difficulty = 1
    kind = "integer"
    params = (
        P.count("K", 2, 7, limit=1_000, description="kernel size"),
        P.count("D", 1, 8, limit=1_000, description="dilation"),
    )

    def reject(self, p: Params) -> str | None:
        return "no dilation" if p["D"] == 1 else None

    def answer(self, p: Params) -> int:
        return p["D"] * (p["K"] - 1) + 1

    def prompt(self, p: Params) -> str:
        return (
            f"A convolution has kernel size $K = {p['K']}$ and dilation $D = {p['D']}$. How many "
            "input positions does one kernel application span along one axis (the effective "
            "kernel size)?"
        )

    def solution(self, p: Params, answer: Any) -> str:
        k, d = p["K"], p["D"]
        return steps(
            f"The ${k}$ taps sit $D = {d}$ positions apart, so there are $K - 1 = {k - 1}$ gaps "
            f"of ${d}$.",
            f"Span from the first tap to the last: $D(K - 1) = {d} \\cdot {k - 1} = {d * (k - 1)}$, "
            "plus the first position itself.",
            f"Effective size $D(K - 1) + 1 = {answer}$ (equivalently $K + (K - 1)(D - 1)$: the "
            f"$K$ taps plus $D - 1 = {d - 1}$ skipped positions in each of the ${k - 1}$ gaps).",
        )

    def mistakes(self, p: Params, answer: Any) -> list[Mistake]:
        k, d = p["K"], p["D"]
        return [
            Mistake(d * k, "There are K − 1 gaps between the K taps, not K: D(K − 1) + 1."),
            Mistake(
                d * (k - 1),
                "You forgot the +1: D(K − 1) is the distance from the first tap to the last, add the first position.",
            ),
            Mistake(k, "Dilation spreads the taps apart, so the kernel spans more than K inputs."),
        ]


def _draw_layers(rng: np.random.Generator, values: dict[str, Any]) -> list[list[int]]:
    sizes, strides = (1, 2, 3, 3, 3, 5, 7), (1, 1, 2, 2, 3)
    count = int(rng.integers(2, 5))
    return [
        [sizes[int(rng.integers(len(sizes)))], strides[int(rng.integers(len(strides)))]]
        for _ in range(count)
    ]


@register
class ReceptiveField(Template):
    slug = "receptive-field"
    title = "Receptive field of a layer stack"
    area = "dl"
    topic = "receptive-field"
    difficulty = 2
    kind = "integer"
    params = (
        pairs(
            "layers",
            _draw_layers,
            first=("K", 1_000),
            second=("S", 100),
            description="[[K, S], ...] from the first layer to the last",
        ),
    )

    def reject(self, p: Params) -> str | None:
        strides = [s for _, s in p["layers"][:-1]]
        if all(s == 1 for s in strides):
            return "no stride before the last layer: strides would not matter"
        if self.answer(p) > 100:
            return "too large to be exam-friendly"
        return None

    @staticmethod
    def _field(layers: list[list[int]], *, own_stride: bool = False) -> int:
        field, jump = 1, 1
        for k, s in layers:
            if own_stride:
                jump *= s
            field += (k - 1) * jump
            if not own_stride:
                jump *= s
        return field

    def answer(self, p: Params) -> int:
        return self._field(p["layers"])

    def prompt(self, p: Params) -> str:
        rows = "\n".join(f"| {i} | {k} | {s} |" for i, (k, s) in enumerate(p["layers"], start=1))
        return (
            "These convolution or pooling layers (no dilation) are stacked, first to last:\n\n"
            "| layer | kernel $K$ | stride $S$ |\n| --- | --- | --- |\n"
            f"{rows}\n\n"
            "How many input positions along one axis does one output unit of the last layer "
            "see (its receptive field)?"
        )

    def solution(self, p: Params, answer: Any) -> str:
        lines = [
            "Track the receptive field $r$ and the jump $j$ (input positions between neighbouring "
            "units), starting from $r = 1$, $j = 1$ at the input; each layer does "
            r"$r \leftarrow r + (K - 1)\,j$, then $j \leftarrow j \cdot S$."
        ]
        field, jump = 1, 1
        for i, (k, s) in enumerate(p["layers"], start=1):
            new = field + (k - 1) * jump
            lines.append(
                f"Layer {i} ($K = {k}$, $S = {s}$): $r = {field} + ({k} - 1) \\cdot {jump} = {new}$, "
                f"$j = {jump} \\cdot {s} = {jump * s}$."
            )
            field, jump = new, jump * s
        lines.append(f"Receptive field: ${answer}$ input positions.")
        return steps(*lines)

    def mistakes(self, p: Params, answer: Any) -> list[Mistake]:
        layers = p["layers"]
        return [
            Mistake(
                1 + sum(k - 1 for k, _ in layers),
                "You ignored the strides: each later layer's K − 1 extra positions are spread by the product of the earlier strides.",
            ),
            Mistake(
                self._field(layers, own_stride=True),
                "A layer's own stride does not widen its own window: multiply by the strides of the earlier layers only.",
            ),
            Mistake(
                sum(k for k, _ in layers),
                "Adding the kernel sizes double-counts the shared position: each layer adds K − 1 (times the jump), starting from 1.",
            ),
        ]
