"""Symbolic differentiation: the derivative f′(x) and the partial derivatives of f(x, y)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import sympy

from questions.mathinput.to_text import to_text

from ... import params as P
from ...base import Mistake, Template, TemplateError
from ...formatting import steps, tex
from ...registry import register
from ...values import expression
from . import bank, rules
from .common import functions_equal, keep_distinct

XY = ("x", "y")
SYMBOL = {"x": bank.X, "y": bank.Y}


@lru_cache(maxsize=512)
def function(text: str, names: tuple[str, ...]) -> sympy.Expr:
    return expression(text, names)


@lru_cache(maxsize=512)
def derivative(text: str, names: tuple[str, ...], var: str) -> sympy.Expr:
    """The derivative of a function parameter, tidied, or TemplateError when Cram's input syntax
    cannot write it (e.g. the derivative of abs involves sign)."""
    result = rules.tidy(sympy.diff(function(text, names), SYMBOL[var]))
    if not _writable(result, names):
        raise TemplateError(
            f"The derivative of {text} cannot be written in the answer syntax; use a function "
            "built from powers, exp, ln, sqrt and trigonometric functions."
        )
    return result


def log_note(f: sympy.Expr) -> str:
    return (
        "\n\nHere $\\ln$ (typed `ln` or `log`) is the natural logarithm."
        if f.has(sympy.log)
        else ""
    )


def distinct_functions(
    answer: sympy.Expr, found: list[Mistake], names: tuple[str, ...]
) -> list[Mistake]:
    """Mistakes the grader can tell apart and read back (for any function a user passes)."""
    symbols = [SYMBOL[name] for name in names]
    readable = [m for m in found if _writable(m.answer, names)]
    return keep_distinct(answer, readable, lambda a, b: functions_equal(a, b, symbols))


def _writable(value: sympy.Expr, names: tuple[str, ...]) -> bool:
    try:
        P.check_expression(to_text(value), names)
    except ValueError:
        return False
    return True


@register
class Derivative(Template):
    slug = "derivative"
    title = "Derivative of a function"
    area = "math"
    topic = "derivatives"
    difficulty = 2
    kind = "expression"
    options = {"variables": ["x"]}
    params = (
        P.custom(
            "f",
            bank.one_variable,
            lambda v: P.check_expression(v, ("x",)),
            description='f(x) in input syntax, e.g. "x^2*exp(3x)"',
        ),
    )

    def check(self, p: Mapping[str, Any]) -> None:
        derivative(p["f"], ("x",), "x")

    def answer(self, p) -> sympy.Expr:
        return derivative(p["f"], ("x",), "x")

    def prompt(self, p) -> str:
        f = function(p["f"], ("x",))
        return f"Differentiate with respect to $x$:\n\n$$f(x) = {tex(f)}$${log_note(f)}"

    def solution(self, p, answer) -> str:
        f = function(p["f"], ("x",))
        return steps(*rules.explain(f, bank.X), f"$$f'(x) = {tex(answer)}$$")

    def mistakes(self, p, answer) -> list[Mistake]:
        f = function(p["f"], ("x",))
        return distinct_functions(answer, rules.mistakes(f, bank.X), ("x",))


@register
class PartialDerivative(Template):
    slug = "partial-derivative"
    title = "Partial derivative"
    area = "math"
    topic = "partial-derivatives"
    difficulty = 2
    kind = "expression"
    options = {"variables": ["x", "y"]}
    params = (
        P.custom(
            "f",
            bank.two_variables,
            lambda v: P.check_expression(v, XY),
            description="f(x, y) in input syntax",
        ),
        P.choice("var", ["x", "y"], description="differentiate with respect to x or y"),
    )

    def check(self, p: Mapping[str, Any]) -> None:
        derivative(p["f"], XY, p["var"])

    def reject(self, p):
        f = function(p["f"], XY)
        if not (f.has(bank.X) and f.has(bank.Y)):
            return "f should depend on both variables"
        if derivative(p["f"], XY, p["var"]) == 0:
            return "the partial derivative is zero"
        return None

    def answer(self, p) -> sympy.Expr:
        return derivative(p["f"], XY, p["var"])

    def prompt(self, p) -> str:
        f = function(p["f"], XY)
        return (
            f"Find the partial derivative $\\frac{{\\partial f}}{{\\partial {p['var']}}}$ of\n\n"
            f"$$f(x, y) = {tex(f)}$${log_note(f)}"
        )

    def solution(self, p, answer) -> str:
        f = function(p["f"], XY)
        var, other = p["var"], "y" if p["var"] == "x" else "x"
        return steps(
            f"Treat ${other}$ as a constant and differentiate with respect to ${var}$ only.",
            *rules.explain(f, SYMBOL[var], partial=True),
            f"$$\\frac{{\\partial f}}{{\\partial {var}}} = {tex(answer)}$$",
        )

    def mistakes(self, p, answer) -> list[Mistake]:
        f = function(p["f"], XY)
        var, other = p["var"], "y" if p["var"] == "x" else "x"
        found = rules.mistakes(f, SYMBOL[var])
        found.insert(
            1,
            Mistake(
                sympy.diff(f, SYMBOL[other]),
                f"That is ∂f/∂{other}: differentiate with respect to {var} and treat {other} as a constant.",
            ),
        )
        if f.is_Add:
            constant = sum(term for term in f.args if not term.has(SYMBOL[var]))
            if constant != 0:
                found.append(
                    Mistake(
                        answer + constant,
                        f"A term without {var} is a constant here: its partial derivative is 0.",
                    )
                )
        return distinct_functions(answer, found, XY)
