"""Prompt, solution, feedback and test-response templates: text with `{{ expr }}` placeholders.

`{{ expr }}` shows the value in the learner's input syntax (`[1, 2]`, `3/4`, `x^2`),
`{{ expr | latex }}` as LaTeX (put it inside `$...$`), `{{ expr | num }}` as a short decimal
(4 significant figures). Nothing else: no loops, conditions or attribute access. In LaTeX,
`x^{ {{ n }} }` keeps the braces apart (`{{{ n }}}` also works).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import sympy

from questions.generators.formatting import decimal, num, tex
from questions.generators.formatting import matrix as tex_matrix
from questions.mathinput.nodes import Node
from questions.mathinput.to_text import to_text

from .evaluator import Evaluator
from .limits import MAX_PLACEHOLDERS, MAX_RENDERED_LENGTH
from .values import EvalError, Text, describe, is_matrix, is_scalar

FILTERS = ("text", "latex", "num")
_PLACEHOLDER = re.compile(r"\{\{(?!\{)([^\n]*?)\}\}")
_FILTER = re.compile(r"^(.*?)(?:\|\s*([A-Za-z_]+)\s*)?$", re.DOTALL)


@dataclass(frozen=True)
class Placeholder:
    tree: Node
    filter: str
    line: int
    source: str


@dataclass(frozen=True)
class TextTemplate:
    parts: tuple[str | Placeholder, ...] = ()

    @property
    def placeholders(self) -> tuple[Placeholder, ...]:
        return tuple(part for part in self.parts if isinstance(part, Placeholder))


# (expression text, line) -> tree, or None after reporting a problem through `report`
ParseExpression = Callable[[str, int], Node | None]


def parse_template(
    text: str, report: Callable[[int, str], None], parse_expression: ParseExpression, first_line=1
) -> TextTemplate:
    """Split text into literal parts and placeholders; problems go to `report(line, message)`."""
    parts: list[str | Placeholder] = []
    position = 0
    for count, match in enumerate(_PLACEHOLDER.finditer(text), start=1):
        line = first_line + text.count("\n", 0, match.start())
        if count > MAX_PLACEHOLDERS:
            report(line, f"Too many placeholders (over {MAX_PLACEHOLDERS}).")
            break
        _literal(text[position : match.start()], line, report, parts)
        position = match.end()
        inner = match.group(1)
        expression, name = _FILTER.match(inner).groups()
        name = name or "text"
        if name not in FILTERS:
            report(line, f"Unknown filter “{name}” in {{{{{inner}}}}}: use latex or num.")
            continue
        if not expression.strip():
            report(line, "Empty placeholder {{ }}: put an expression inside, e.g. {{ A | latex }}.")
            continue
        tree = parse_expression(expression.strip(), line)
        if tree is not None:
            parts.append(Placeholder(tree, name, line, match.group()))
    rest_line = first_line + text.count("\n", 0, position)
    _literal(text[position:], rest_line, report, parts)
    return TextTemplate(tuple(parts))


def _literal(text: str, line: int, report: Callable[[int, str], None], parts: list) -> None:
    if "{{" in text:
        at = line + text.count("\n", 0, text.index("{{"))
        report(at, "“{{” without a matching “}}” on the same line (in LaTeX, write “{ {”).")
    if text:
        parts.append(text)


def render(template: TextTemplate, ev: Evaluator) -> str:
    pieces: list[str] = []
    length = 0
    for part in template.parts:
        if isinstance(part, Placeholder):
            try:
                part = display(ev.value(part.tree), part.filter, ev)
            except EvalError as exc:
                raise EvalError(f"line {part.line}, {part.source}: {exc}") from None
        pieces.append(part)
        length += len(part)
        if length > MAX_RENDERED_LENGTH:
            raise EvalError(f"The text is too long once filled in (over {MAX_RENDERED_LENGTH:,}).")
    return "".join(pieces)


def display(value: object, filter_name: str, ev: Evaluator) -> str:
    if filter_name == "latex":
        return as_latex(value, ev)
    if filter_name == "num":
        return as_decimal(value, ev)
    return as_text(value)


def as_text(value: object) -> str:
    """Learner input syntax; a vector is written as a list, `[1, 2, 3]`."""
    if isinstance(value, Text):
        return value.value
    if isinstance(value, bool):
        return "true" if value else "false"
    if is_matrix(value) and value.cols == 1:
        return to_text(list(value))
    if isinstance(value, tuple):
        return "(" + ", ".join(as_text(item) for item in value) + ")"
    if isinstance(value, list):
        return "[" + ", ".join(as_text(item) for item in value) + "]"
    if isinstance(value, sympy.Eq):
        return f"{to_text(value.lhs)} = {to_text(value.rhs)}"
    return to_text(value)


def as_latex(value: object, ev: Evaluator) -> str:
    if isinstance(value, Text):
        value = ev.read(value)
    if is_matrix(value):
        return tex_matrix(value.tolist())
    if is_scalar(value):
        return num(value)
    if isinstance(value, tuple | list):
        inner = ", ".join(as_latex(item, ev) for item in value)
        return rf"\left({inner}\right)" if isinstance(value, tuple) else rf"\left[{inner}\right]"
    if isinstance(value, sympy.FiniteSet):
        return r"\left\{" + ", ".join(num(item) for item in value.args) + r"\right\}"
    if isinstance(value, sympy.Eq):
        return f"{tex(value.lhs)} = {tex(value.rhs)}"
    if isinstance(value, bool):
        return r"\text{true}" if value else r"\text{false}"
    raise EvalError(f"Cannot show {describe(value)} as LaTeX.")


def as_decimal(value: object, ev: Evaluator) -> str:
    """Up to 4 significant figures: `0.2447`, `[0.09003, 0.2447, 0.6652]`."""
    value = ev.operand(value)
    if is_matrix(value):
        rows = [[as_decimal(item, ev) for item in row] for row in value.tolist()]
        if value.cols == 1:
            return "[" + ", ".join(row[0] for row in rows) + "]"
        return "[" + ", ".join("[" + ", ".join(row) + "]" for row in rows) + "]"
    if isinstance(value, tuple):
        return "(" + ", ".join(as_decimal(item, ev) for item in value) + ")"
    if is_scalar(value) and value.is_number:
        number = sympy.N(value, 20)
        if not number.is_real:
            raise EvalError(f"{to_text(value)} is not a real number.")
        return decimal(number)
    raise EvalError(f"num needs a number, not {describe(value)}.")
