"""Recurrent networks: one vanilla RNN step, and LSTM / GRU parameter counts (one bias vector
per gate, the textbook convention; PyTorch keeps two)."""

from __future__ import annotations

from typing import Any, ClassVar

import sympy

from ... import params as P
from ...base import Mistake, Template, TemplateError
from ...formatting import column, decimal, num, steps
from ...formatting import matrix as tex_matrix
from ...registry import register
from ...values import matrix
from .common import Params, paren, typical

INPUTS = (1, 2, 3, 4, 5, 8, 10, 16, 20, 32, 50, 64, 100, 128, 300)
HIDDEN = (2, 3, 4, 5, 8, 10, 16, 20, 32, 50, 64, 100, 128, 256)


class GatedParamCount(Template):
    """Shared by LSTM and GRU: `gates` blocks, each with input weights, recurrent weights and
    one bias vector."""

    area = "dl"
    topic = "lstm-gru"
    difficulty = 2
    kind = "integer"
    params = (
        typical("input_size", INPUTS, limit=100_000, description="input features x"),
        typical("hidden_size", HIDDEN, limit=100_000, description="hidden units h"),
    )
    cell: ClassVar[str]
    gates: ClassVar[int]
    gate_names: ClassVar[str]
    other: ClassVar[tuple[str, int]]  # the other cell's name and gate count

    def _count(self, p: Params, gates: int, biases: int = 1, recurrent: bool = True) -> int:
        x, h = p["input_size"], p["hidden_size"]
        return gates * (h * x + (h * h if recurrent else 0) + biases * h)

    def answer(self, p: Params) -> int:
        return self._count(p, self.gates)

    def prompt(self, p: Params) -> str:
        return (
            f"A single-layer {self.cell} has input size $x = {p['input_size']}$ and hidden size "
            f"$h = {p['hidden_size']}$. How many learnable parameters does it have? Count one "
            "bias vector per gate (the textbook convention)."
        )

    def solution(self, p: Params, answer: Any) -> str:
        x, h = p["input_size"], p["hidden_size"]
        per_gate = h * (x + h) + h
        pytorch = self._count(p, self.gates, biases=2)
        return steps(
            f"The {self.cell} has {self.gates} gate blocks ({self.gate_names}).",
            f"Each block has input weights $h \\times x = {h} \\times {x} = {h * x}$, recurrent "
            f"weights $h \\times h = {h} \\times {h} = {h * h}$ and a bias of ${h}$: "
            f"$h(x + h) + h = {per_gate}$.",
            f"Total: ${self.gates} \\cdot {per_gate} = {answer}$.",
            f"PyTorch's `nn.{self.cell}` keeps two bias vectors per gate (`bias_ih` and "
            f"`bias_hh`), so summing its `numel()` gives ${self.gates}(h(x + h) + 2h) = "
            f"{pytorch}$; the two biases are redundant, which is why the textbook counts one.",
        )

    def mistakes(self, p: Params, answer: Any) -> list[Mistake]:
        other, other_gates = self.other
        return [
            Mistake(
                self._count(p, self.gates, biases=2),
                f"That is PyTorch's count, with two bias vectors per gate (bias_ih and bias_hh); the question asks for one bias per gate, {self.gates}(h(x + h) + h).",
            ),
            Mistake(
                self._count(p, self.gates, biases=0),
                "You forgot the biases: each gate has a bias vector of size h.",
            ),
            Mistake(
                self._count(p, self.gates, recurrent=False),
                "Each gate also reads the previous hidden state: add the h × h recurrent weights.",
            ),
            Mistake(
                self._count(p, 1),
                f"That is one gate; the {self.cell} has {self.gates} ({self.gate_names}).",
            ),
            Mistake(
                self._count(p, other_gates),
                f"That is the {other} count; the {self.cell} has {self.gates} gate blocks, not {other_gates}.",
            ),
        ]


@register
class LstmParamCount(GatedParamCount):
    slug = "lstm-param-count"
    title = "LSTM parameter count"
    cell = "LSTM"
    gates = 4
    gate_names = "input, forget and output gates and the cell candidate"
    other = ("GRU", 3)


@register
class GruParamCount(GatedParamCount):
    slug = "gru-param-count"
    title = "GRU parameter count"
    cell = "GRU"
    gates = 3
    gate_names = "reset and update gates and the candidate state"
    other = ("LSTM", 4)


@register
class RnnStep(Template):
    slug = "rnn-step"
    title = "One step of a vanilla RNN"
    area = "dl"
    topic = "rnn"
    difficulty = 2
    kind = "vector"
    options = {"rel_tol": 1e-3}
    params = (
        P.int_vector("a_prev", (2, 3), -1, 1, description="previous hidden state"),
        P.int_vector("x", (1, 3), -2, 2, description="input at this step"),
        P.int_matrix("Waa", lambda v: len(v["a_prev"]), lambda v: len(v["a_prev"]), -1, 1),
        P.int_matrix("Wax", lambda v: len(v["a_prev"]), lambda v: len(v["x"]), -1, 1),
        P.int_vector("ba", lambda v: len(v["a_prev"]), -1, 1, description="bias"),
    )

    def check(self, p: Params) -> None:
        n_a, n_x = len(p["a_prev"]), len(p["x"])
        shapes = {
            "Waa": (len(p["Waa"]), len(p["Waa"][0])),
            "Wax": (len(p["Wax"]), len(p["Wax"][0])),
        }
        if shapes["Waa"] != (n_a, n_a):
            raise TemplateError(
                f"Waa is {shapes['Waa'][0]}×{shapes['Waa'][1]} but a_prev has {n_a} entries: "
                f"Waa must be {n_a}×{n_a}."
            )
        if shapes["Wax"] != (n_a, n_x):
            raise TemplateError(
                f"Wax is {shapes['Wax'][0]}×{shapes['Wax'][1]} but a_prev has {n_a} entries and "
                f"x has {n_x}: Wax must be {n_a}×{n_x}."
            )
        if len(p["ba"]) != n_a:
            raise TemplateError(f"ba has {len(p['ba'])} entries but a_prev has {n_a}.")

    @staticmethod
    def _z(p: Params, *, bias: bool = True, swapped: bool = False) -> sympy.ImmutableMatrix:
        a, x = matrix([[v] for v in p["a_prev"]]), matrix([[v] for v in p["x"]])
        if swapped:
            a, x = x, a
        z = matrix(p["Waa"]) * a + matrix(p["Wax"]) * x
        return z + matrix([[v] for v in p["ba"]]) if bias else z

    def reject(self, p: Params) -> str | None:
        z = list(self._z(p))
        if all(v == 0 for v in z):
            return "every pre-activation is zero"
        if any(abs(v) > 3 for v in z):
            return "tanh saturates: pre-activations beyond ±3"
        return None

    def answer(self, p: Params) -> list:
        return [sympy.tanh(v) for v in self._z(p)]

    def prompt(self, p: Params) -> str:
        return (
            "A vanilla RNN cell computes "
            r"$a^{\langle t \rangle} = \tanh\left(W_{aa}\, a^{\langle t-1 \rangle} + W_{ax}\, "
            r"x^{\langle t \rangle} + b_a\right)$. With"
            "\n\n"
            f"$$W_{{aa}} = {tex_matrix(p['Waa'])}, \\quad W_{{ax}} = {tex_matrix(p['Wax'])}, "
            f"\\quad b_a = {column(p['ba'])},$$\n\n"
            f"$$a^{{\\langle t-1 \\rangle}} = {column(p['a_prev'])}, \\quad "
            f"x^{{\\langle t \\rangle}} = {column(p['x'])},$$\n\n"
            r"compute $a^{\langle t \rangle}$ as a vector, e.g. `[0.5, -0.2]` "
            "(each entry to 3 significant figures)."
        )

    def solution(self, p: Params, answer: Any) -> str:
        lines = [
            r"Pre-activation $z = W_{aa}\, a^{\langle t-1 \rangle} + W_{ax}\, x^{\langle t \rangle} + b_a$, row by row:"
        ]
        for i, z in enumerate(self._z(p)):
            terms = [f"({num(w)})({num(v)})" for w, v in zip(p["Waa"][i], p["a_prev"], strict=True)]
            terms += [f"({num(w)})({num(v)})" for w, v in zip(p["Wax"][i], p["x"], strict=True)]
            terms.append(paren(p["ba"][i]))
            lines.append(f"$z_{i + 1} = {' + '.join(terms)} = {num(z)}$")
        values = ", ".join(
            f"\\tanh({num(z)}) \\approx {decimal(t)}"
            for z, t in zip(self._z(p), answer, strict=True)
        )
        lines.append(f"Apply tanh entry by entry: ${values}$.")
        decimals = ", ".join(decimal(t) for t in answer)
        lines.append(f"$a^{{\\langle t \\rangle}} \\approx [{decimals}]$.")
        return steps(*lines)

    def mistakes(self, p: Params, answer: Any) -> list[Mistake]:
        z = list(self._z(p))
        found = [
            Mistake(z, "That is the pre-activation: apply tanh to each entry."),
            Mistake(
                [1 / (1 + sympy.exp(-v)) for v in z],
                "A vanilla RNN uses tanh, not the sigmoid, for the hidden state.",
            ),
        ]
        if any(p["ba"]):
            found.append(
                Mistake(
                    [sympy.tanh(v) for v in self._z(p, bias=False)],
                    "You forgot the bias b_a inside the tanh.",
                )
            )
        if len(p["a_prev"]) == len(p["x"]):
            found.append(
                Mistake(
                    [sympy.tanh(v) for v in self._z(p, swapped=True)],
                    "W_aa multiplies the previous state a⟨t−1⟩ and W_ax the input x⟨t⟩, not the other way round.",
                )
            )
        return found
