"""Evaluating author-dialect trees over an environment of parameter and derived values, node by
node with sympy: exact numbers, real symbols, matrices; every step bounded (`guards.py`).

Arithmetic: `+ -` on two scalars or two same-shape matrices; `*` is the matrix product when
both sides are matrices and scales otherwise; `/` divides by a scalar only; `A^n` is a matrix
power (square A, whole n, |n| ≤ 20, negative n through the inverse). A string used in arithmetic
is read (with Cram's safe parser) as an expression in the declared variables.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import lru_cache

import sympy

from questions.mathinput import ParseError, parse
from questions.mathinput.nodes import (
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
    Pow,
    Seq,
    SetOf,
    Str,
    Sub,
    Sym,
)

from .guards import Budget, check_power, check_value
from .limits import MAX_MATRIX_POWER
from .values import EvalError, Text, column, describe, is_matrix, is_scalar

_CONSTANTS = {"pi": sympy.pi, "e": sympy.E, "inf": sympy.oo}
# Points where symbolic values are compared (`f == g` for expressions): agreement at all of
# them, to 12 digits, counts as equal.
_SAMPLES = ((0.7, 1.3, 0.45), (1.9, 0.4, 2.2), (2.6, 2.2, 1.1), (0.35, 3.1, 0.8))


@lru_cache(maxsize=1024)
def _parse_text(text: str, variables: tuple[str, ...]) -> Node:
    return parse(text, variables=variables).tree


class Evaluator:
    """Evaluates trees over `env` (name -> value); `variables` are the declared symbols."""

    def __init__(self, env: Mapping[str, object], variables: tuple[str, ...], budget: Budget):
        self.env = dict(env)
        self.variables = variables
        self.symbols = {name: sympy.Symbol(name, real=True) for name in variables}
        self.env.update(self.symbols)
        self.budget = budget

    # -- coercions used by the functions ---------------------------------------------------
    def scalar(self, value: object, what: str) -> sympy.Expr:
        if isinstance(value, Text):
            value = self.read(value)
        if not is_scalar(value):
            raise EvalError(f"{what} needs a number or expression, not {describe(value)}.")
        return value

    def matrix(self, value: object, what: str) -> sympy.ImmutableMatrix:
        value = self.operand(value)
        if not is_matrix(value):
            raise EvalError(f"{what} needs a matrix or vector, not {describe(value)}.")
        return value

    def integer(self, value: object, what: str, low: int, high: int) -> int:
        value = self.scalar(value, what)
        if not value.is_Integer or not low <= int(value) <= high:
            raise EvalError(f"{what} needs a whole number from {low} to {high}, not {value}.")
        return int(value)

    def variable(self, value: object, what: str) -> sympy.Symbol:
        if not isinstance(value, sympy.Symbol) or value.name not in self.symbols:
            names = ", ".join(self.variables) or "none declared"
            raise EvalError(f"{what} needs one of the variables ({names}).")
        return value

    def operand(self, value: object) -> object:
        """A value as arithmetic sees it: strings read as expressions, lists as vectors."""
        if isinstance(value, Text):
            return self.read(value)
        if isinstance(value, list):
            return column([self.scalar(item, "A vector") for item in value])
        return value

    def entrywise(self, value: object, what: str, function: Callable) -> object:
        """Apply a scalar function to a scalar, or to each entry of a matrix."""
        value = self.operand(value)
        if is_matrix(value):
            entries = []
            for item in value:
                self.budget.tick()
                entries.append(function(item))
            return sympy.ImmutableMatrix(value.rows, value.cols, entries)
        return function(self.scalar(value, what))

    def read(self, text: Text) -> sympy.Expr:
        """A string as an expression in the declared variables (learner syntax)."""
        try:
            tree = _parse_text(text.value, self.variables)
        except ParseError as exc:
            raise EvalError(f'The string "{text.value}" is not an expression: {exc}') from None
        reader = Evaluator({}, self.variables, self.budget)
        return reader.scalar(reader.value(tree), f'The string "{text.value}"')

    # -- evaluation ---------------------------------------------------------------------------
    def value(self, node: Node) -> object:
        self.budget.tick()
        try:
            result = self._evaluate(node)
        except EvalError:
            raise
        except Exception as exc:  # sympy's own errors on odd input: a refusal, never a crash
            raise EvalError(f"{type(exc).__name__}: {exc}") from None
        check_value(result)
        return result

    def _evaluate(self, node: Node) -> object:
        from .functions import call

        match node:
            case Num(value):
                return sympy.Rational(value.numerator, value.denominator)
            case Const(name):
                return _CONSTANTS[name]
            case Sym(name):
                if name not in self.env:
                    raise EvalError(f"“{name}” has no value here.")
                return self.env[name]
            case Str(value):
                return Text(value)
            case Neg(operand):
                return self.negate(self.value(operand))
            case Add(left, right):
                return self.add(self.value(left), self.value(right), "+")
            case Sub(left, right):
                return self.add(self.value(left), self.negate(self.value(right)), "-")
            case Mul(left, right, _):
                return self.multiply(self.value(left), self.value(right))
            case Div(left, right):
                return self.divide(self.value(left), self.value(right))
            case Pow(base, exponent):
                return self.power(self.value(base), self.value(exponent))
            case Factorial(operand):
                return call(self, "factorial", [self.value(operand)])
            case Call(name, args, _):
                return call(self, name, [self.value(arg) for arg in args])
            case Seq(items, bracket):
                values = [self.value(item) for item in items]
                if bracket == "(":
                    return tuple(self.operand(v) for v in values)
                if all(is_scalar(v) for v in values):
                    return column(values)
                return values
            case Matrix(rows):
                return sympy.ImmutableMatrix(
                    [
                        [self.scalar(self.value(item), "A matrix entry") for item in row]
                        for row in rows
                    ]
                )
            case SetOf(items):
                return sympy.FiniteSet(*(self.scalar(self.value(i), "A set") for i in items))
            case Equation(left, right):
                sides = (self.scalar(self.value(side), "An equation") for side in (left, right))
                return sympy.Eq(*sides, evaluate=False)
            case Compare(operators, operands):
                return self.compare_chain(operators, operands)
            case BoolOp(operator, operands):
                return self.connect(operator, operands)
            case Not(operand):
                return not self.condition(self.value(operand), "not")
        raise EvalError(f"Cannot evaluate {type(node).__name__} here.")

    # -- arithmetic -----------------------------------------------------------------------------
    def negate(self, value: object) -> object:
        value = self.operand(value)
        if is_matrix(value) or is_scalar(value):
            return -value
        raise EvalError(f"Cannot negate {describe(value)}.")

    def add(self, left: object, right: object, sign: str) -> object:
        left, right = self.operand(left), self.operand(right)
        if is_scalar(left) and is_scalar(right):
            return left + right
        if is_matrix(left) and is_matrix(right):
            if left.shape != right.shape:
                raise EvalError(
                    f"Cannot {'add' if sign == '+' else 'subtract'} {describe(left)} and "
                    f"{describe(right)}: the shapes differ."
                )
            return left + right
        raise EvalError(f"Cannot combine {describe(left)} and {describe(right)} with “{sign}”.")

    def multiply(self, left: object, right: object) -> object:
        left, right = self.operand(left), self.operand(right)
        if is_matrix(left) and is_matrix(right):
            if left.cols != right.rows:
                raise EvalError(
                    f"Cannot multiply {describe(left)} by {describe(right)}: the columns of the "
                    "first must equal the rows of the second (hadamard(A, B) multiplies "
                    "entry by entry, dot(u, v) is the scalar product)."
                )
            return left * right
        if (is_matrix(left) or is_scalar(left)) and (is_matrix(right) or is_scalar(right)):
            return left * right
        raise EvalError(f"Cannot multiply {describe(left)} by {describe(right)}.")

    def divide(self, left: object, right: object) -> object:
        left, right = self.operand(left), self.operand(right)
        if not is_scalar(right):
            raise EvalError(f"Cannot divide by {describe(right)} (for a matrix, use inv(A)).")
        if right == 0:
            raise EvalError("Division by zero.")
        if is_matrix(left) or is_scalar(left):
            return left / right
        raise EvalError(f"Cannot divide {describe(left)}.")

    def power(self, base: object, exponent: object) -> object:
        base = self.operand(base)
        exponent = self.scalar(exponent, "An exponent")
        if is_matrix(base):
            if base.rows != base.cols:
                raise EvalError(f"Only a square matrix has powers, not {describe(base)}.")
            n = self.integer(exponent, "A matrix power", -MAX_MATRIX_POWER, MAX_MATRIX_POWER)
            if n < 0:
                from .functions import call

                return call(self, "inv", [base]) ** -n
            return base**n
        base = self.scalar(base, "A power")
        check_power(base, exponent)
        return base**exponent

    # -- conditions -------------------------------------------------------------------------
    def condition(self, value: object, what: str) -> bool:
        if not isinstance(value, bool):
            raise EvalError(f"“{what}” needs a condition such as n > 1, not {describe(value)}.")
        return value

    def connect(self, operator: str, operands: tuple[Node, ...]) -> bool:
        for operand in operands:
            holds = self.condition(self.value(operand), operator)
            if holds == (operator == "or"):
                return holds
        return operator == "and"

    def compare_chain(self, operators: tuple[str, ...], operands: tuple[Node, ...]) -> bool:
        left = self.value(operands[0])
        for operator, node in zip(operators, operands[1:], strict=True):
            right = self.value(node)
            if not self.compare(operator, left, right):
                return False
            left = right
        return True

    def compare(self, operator: str, left: object, right: object) -> bool:
        if operator in {"==", "!="}:
            return self.equal(left, right) == (operator == "==")
        left = self.scalar(left, f"“{operator}”")
        right = self.scalar(right, f"“{operator}”")
        difference = _real_number(left - right, operator)
        return {"<": difference < 0, "<=": difference <= 0, ">": difference > 0}.get(
            operator, difference >= 0
        )

    def equal(self, left: object, right: object) -> bool:
        if isinstance(left, Text) and isinstance(right, Text):
            return left.value == right.value
        left, right = self.operand(left), self.operand(right)
        if is_matrix(left) and is_matrix(right):
            return left.shape == right.shape and all(
                self.equal(a, b) for a, b in zip(left, right, strict=True)
            )
        if isinstance(left, tuple) and isinstance(right, tuple):
            return len(left) == len(right) and all(
                self.equal(a, b) for a, b in zip(left, right, strict=True)
            )
        if isinstance(left, bool) and isinstance(right, bool):
            return left == right
        if is_scalar(left) and is_scalar(right):
            self.budget.tick()
            return _scalars_equal(left, right)
        if type(left) is type(right):
            return left == right
        return False


def _real_number(value: sympy.Expr, operator: str) -> float | int:
    """The sign-faithful value of a difference, for ordering comparisons."""
    if value.is_Rational:
        return value
    if not value.is_number:
        raise EvalError(f"“{operator}” compares numbers, not expressions in a variable.")
    number = sympy.N(value, 30)
    if not number.is_real:
        raise EvalError(f"“{operator}” compares real numbers only.")
    return float(number) if abs(number) > 1e-25 else 0


def _scalars_equal(left: sympy.Expr, right: sympy.Expr) -> bool:
    difference = left - right
    if difference == 0:
        return True
    if difference.is_number:
        value = sympy.N(difference, 30)
        return bool(abs(value) < 1e-20 * max(1, abs(sympy.N(left, 30))))
    symbols = sorted(difference.free_symbols, key=lambda s: s.name)
    compared = 0
    for point in _SAMPLES:
        subs = {s: sympy.Float(point[i % len(point)]) for i, s in enumerate(symbols)}
        value = difference.evalf(20, subs=subs)
        if not value.is_number or value.has(sympy.zoo, sympy.nan):
            continue
        compared += 1
        scale = max(1.0, abs(complex(left.evalf(20, subs=subs))))
        if abs(complex(value)) > 1e-12 * scale:
            return False
    return compared > 0
