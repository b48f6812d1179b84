"""Tree to sympy objects, node by node: sympy never sees the learner's text.

Run only on trees that passed `parse`, whose constants are already size-checked. With
`evaluate=False` the structure is kept as typed (for literal-form checks).
"""

from __future__ import annotations

from collections.abc import Iterable

import sympy

from .nodes import (
    Add,
    Call,
    Const,
    Div,
    Equation,
    Factorial,
    Matrix,
    Mul,
    Neg,
    Node,
    Num,
    Percent,
    Pow,
    Seq,
    SetOf,
    Sub,
    Sym,
)

_FUNCTIONS = {
    "sqrt": sympy.sqrt, "exp": sympy.exp, "ln": sympy.log, "sin": sympy.sin, "cos": sympy.cos,
    "tan": sympy.tan, "cot": sympy.cot, "sec": sympy.sec, "csc": sympy.csc, "asin": sympy.asin,
    "acos": sympy.acos, "atan": sympy.atan, "sinh": sympy.sinh, "cosh": sympy.cosh,
    "tanh": sympy.tanh, "abs": sympy.Abs, "floor": sympy.floor, "ceil": sympy.ceiling,
    "factorial": sympy.factorial, "binomial": sympy.binomial,
}  # fmt: skip


def make_symbol(name: str, positive: Iterable[str] = ()) -> sympy.Symbol:
    if name in set(positive):
        return sympy.Symbol(name, positive=True)
    return sympy.Symbol(name, real=True)


def to_sympy(node: Node, *, positive: frozenset[str] = frozenset(), evaluate: bool = True):
    """Build the sympy object for a tree; symbols are real (or positive when declared so)."""

    def build(n: Node):
        match n:
            case Num(value):
                return sympy.Rational(value.numerator, value.denominator)
            case Const(name):
                return {"pi": sympy.pi, "e": sympy.E, "inf": sympy.oo}[name]
            case Sym(name):
                return make_symbol(name, positive)
            case Neg(operand):
                return sympy.Mul(-1, build(operand), evaluate=evaluate)
            case Add(left, right):
                return sympy.Add(build(left), build(right), evaluate=evaluate)
            case Sub(left, right):
                negated = sympy.Mul(-1, build(right), evaluate=evaluate)
                return sympy.Add(build(left), negated, evaluate=evaluate)
            case Mul(left, right, _):
                return sympy.Mul(build(left), build(right), evaluate=evaluate)
            case Div(left, right):
                inverse = sympy.Pow(build(right), -1, evaluate=evaluate)
                return sympy.Mul(build(left), inverse, evaluate=evaluate)
            case Pow(base, exponent):
                return sympy.Pow(build(base), build(exponent), evaluate=evaluate)
            case Factorial(operand):
                return sympy.factorial(build(operand), evaluate=evaluate)
            case Percent(operand):
                return sympy.Mul(build(operand), sympy.Rational(1, 100), evaluate=evaluate)
            case Call("log", (argument, base), _):
                return sympy.log(build(argument), build(base), evaluate=evaluate)
            case Call("log" | "ln", (argument,), _):
                return sympy.log(build(argument), evaluate=evaluate)
            case Call("log10", (argument,), _):
                return sympy.log(build(argument), 10, evaluate=evaluate)
            case Call("log2", (argument,), _):
                return sympy.log(build(argument), 2, evaluate=evaluate)
            case Call("max", args, _):
                return sympy.Max(*(build(a) for a in args), evaluate=evaluate)
            case Call("min", args, _):
                return sympy.Min(*(build(a) for a in args), evaluate=evaluate)
            case Call(name, args, _):
                return _FUNCTIONS[name](*(build(a) for a in args), evaluate=evaluate)
            case Seq(items, _):
                return sympy.Tuple(*(build(item) for item in items))
            case Matrix(rows):
                return sympy.ImmutableMatrix([[build(item) for item in row] for row in rows])
            case SetOf(items):
                return sympy.FiniteSet(*(build(item) for item in items), evaluate=evaluate)
            case Equation(left, right):
                return sympy.Eq(build(left), build(right), evaluate=False)
        raise TypeError(f"cannot build {type(n).__name__}")

    return build(node)
