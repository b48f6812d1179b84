"""Tree to LaTeX for the "interpreted as" preview: faithful to what was typed, every grouping
made visible (function arguments always in brackets, `1/2x` as a fraction times x)."""

from __future__ import annotations

import re

from .nodes import (
    Add,
    BoolOp,
    Call,
    Compare,
    Const,
    Div,
    Equation,
    Factorial,
    Matrix,
    Mul,
    Neg,
    Node,
    Not,
    Num,
    Percent,
    Pow,
    Seq,
    SetOf,
    Str,
    Sub,
    Sym,
)
from .tokens import GREEK_LETTERS

_GREEK = set(GREEK_LETTERS.values())
_NAMED_FUNCTIONS = {
    "sin": r"\sin", "cos": r"\cos", "tan": r"\tan", "cot": r"\cot", "sec": r"\sec",
    "csc": r"\csc", "asin": r"\arcsin", "acos": r"\arccos", "atan": r"\arctan",
    "sinh": r"\sinh", "cosh": r"\cosh", "tanh": r"\tanh", "ln": r"\ln", "log": r"\log",
    "exp": r"\exp", "max": r"\max", "min": r"\min", "log10": r"\log_{10}", "log2": r"\log_{2}",
}  # fmt: skip
# The author dialect's comparisons and connectives (authored templates' constraints).
_RELATIONS = {
    "==": "=", "!=": r"\ne", "<": "<", "<=": r"\le", ">": ">", ">=": r"\ge",
    "and": r"\land", "or": r"\lor",
}  # fmt: skip
_STRING_UNSAFE = re.compile(r"[^A-Za-z0-9 .,:;+*/()=<>'-]")

# Binding strength: higher binds tighter.
_EQUATION, _SUM, _PRODUCT, _UNARY, _POWER, _ATOM = range(6)


def precedence(node: Node) -> int:
    match node:
        case Equation() | Compare() | BoolOp() | Not():
            return _EQUATION
        case Add() | Sub():
            return _SUM
        case Mul() | Div():
            return _PRODUCT
        case Neg():
            return _UNARY
        case Pow():
            return _POWER
    return _ATOM


def _wrap(node: Node, minimum: int) -> str:
    latex = to_latex(node)
    return rf"\left({latex}\right)" if precedence(node) < minimum else latex


def symbol_latex(name: str) -> str:
    base, _, subscript = name.partition("_")
    if base in _GREEK:
        base = "\\" + base
    elif len(base) > 1:
        base = rf"\mathrm{{{base}}}"
    return f"{base}_{{{subscript}}}" if subscript else base


def _number_latex(text: str) -> str:
    mantissa, _, exponent = text.lower().partition("e")
    if not exponent:
        return text
    return rf"{mantissa} \times 10^{{{int(exponent)}}}"


def _call_latex(name: str, args: tuple[Node, ...]) -> str:
    inner = ", ".join(to_latex(arg) for arg in args)
    if name == "sqrt":
        return rf"\sqrt{{{inner}}}"
    if name == "abs":
        return rf"\left|{inner}\right|"
    if name == "floor":
        return rf"\left\lfloor {inner} \right\rfloor"
    if name == "ceil":
        return rf"\left\lceil {inner} \right\rceil"
    if name == "factorial":
        return rf"\left({inner}\right)!"
    if name == "binomial":
        return rf"\binom{{{to_latex(args[0])}}}{{{to_latex(args[1])}}}"
    if name == "log" and len(args) == 2:
        return rf"\log_{{{to_latex(args[1])}}}\left({to_latex(args[0])}\right)"
    command = _NAMED_FUNCTIONS.get(name, rf"\operatorname{{{name}}}")
    return rf"{command}\left({inner}\right)"


def _starts_with_digit(latex: str) -> bool:
    return latex[:1].isdigit() or latex[:1] == "."


def to_latex(node: Node) -> str:
    """LaTeX for a parsed tree; uses only commands the MathML renderer allows."""
    match node:
        case Num(_, text):
            return _number_latex(text)
        case Const(name):
            return {"pi": r"\pi", "e": "e", "inf": r"\infty"}[name]
        case Sym(name):
            return symbol_latex(name)
        case Neg(operand):
            return f"-{_wrap(operand, _POWER)}"
        case Add(left, right):
            return f"{to_latex(left)} + {_wrap(right, _PRODUCT)}"
        case Sub(left, right):
            return f"{to_latex(left)} - {_wrap(right, _PRODUCT)}"
        case Mul(left, right, implicit):
            left_latex, right_latex = _wrap(left, _PRODUCT), _wrap(right, _POWER)
            if implicit and not _starts_with_digit(right_latex):
                return f"{left_latex} {right_latex}"
            return rf"{left_latex} \cdot {right_latex}"
        case Div(left, right):
            return rf"\frac{{{to_latex(left)}}}{{{to_latex(right)}}}"
        case Pow(base, exponent):
            base_latex = to_latex(base)
            if precedence(base) <= _POWER or (isinstance(base, Num) and "." in base.text):
                base_latex = rf"\left({base_latex}\right)"
            return f"{{{base_latex}}}^{{{to_latex(exponent)}}}"
        case Call(name, args, _):
            return _call_latex(name, args)
        case Factorial(operand):
            return f"{_wrap(operand, _ATOM)}!"
        case Percent(operand):
            return rf"{_wrap(operand, _ATOM)}\%"
        case Seq(items, bracket):
            inner = ", ".join(to_latex(item) for item in items)
            return rf"\left[{inner}\right]" if bracket == "[" else rf"\left({inner}\right)"
        case Matrix(rows):
            body = r" \\ ".join(" & ".join(to_latex(item) for item in row) for row in rows)
            return rf"\begin{{bmatrix}} {body} \end{{bmatrix}}"
        case SetOf(items):
            return r"\left\{" + ", ".join(to_latex(item) for item in items) + r"\right\}"
        case Equation(left, right):
            return f"{to_latex(left)} = {to_latex(right)}"
        case Compare(operators, operands):
            parts = [_wrap(operands[0], _SUM)]
            for operator, operand in zip(operators, operands[1:], strict=True):
                parts += [_RELATIONS[operator], _wrap(operand, _SUM)]
            return " ".join(parts)
        case BoolOp(operator, operands):
            return f" {_RELATIONS[operator]} ".join(_wrap(o, _ATOM) for o in operands)
        case Not(operand):
            return rf"\neg {_wrap(operand, _ATOM)}"
        case Str(value):
            return rf"\text{{{_STRING_UNSAFE.sub(' ', value)}}}"
    raise TypeError(f"cannot render {type(node).__name__}")
