"""The expression tree the parser produces: small frozen dataclasses, nothing executable."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class Num:
    """A number literal, kept exact; `text` is how the learner wrote it (for sig. figs)."""

    value: Fraction
    text: str

    @property
    def is_decimal(self) -> bool:
        return "." in self.text or "e" in self.text.lower()


@dataclass(frozen=True)
class Const:
    name: str  # "pi", "e" or "inf"


@dataclass(frozen=True)
class Sym:
    name: str


@dataclass(frozen=True)
class Neg:
    operand: Node


@dataclass(frozen=True)
class Add:
    left: Node
    right: Node


@dataclass(frozen=True)
class Sub:
    left: Node
    right: Node


@dataclass(frozen=True)
class Mul:
    left: Node
    right: Node
    implicit: bool = False


@dataclass(frozen=True)
class Div:
    left: Node
    right: Node


@dataclass(frozen=True)
class Pow:
    base: Node
    exponent: Node


@dataclass(frozen=True)
class Call:
    """A whitelisted function; `name` is canonical (`asin`, not `arcsin`)."""

    name: str
    args: tuple[Node, ...]
    parenthesised: bool = True


@dataclass(frozen=True)
class Factorial:
    operand: Node


@dataclass(frozen=True)
class Percent:
    operand: Node


@dataclass(frozen=True)
class Seq:
    """`[a, b]` (bracket "[") or `(a, b)` (bracket "(")."""

    items: tuple[Node, ...]
    bracket: str


@dataclass(frozen=True)
class Matrix:
    rows: tuple[tuple[Node, ...], ...]

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.rows), len(self.rows[0]) if self.rows else 0


@dataclass(frozen=True)
class SetOf:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Equation:
    left: Node
    right: Node


@dataclass(frozen=True)
class Str:
    """A double-quoted string; author dialect only, and only as a function's argument."""

    value: str


@dataclass(frozen=True)
class Compare:
    """`a < b <= c` (author dialect): a chain of comparisons, as in Python."""

    operators: tuple[str, ...]
    operands: tuple[Node, ...]


@dataclass(frozen=True)
class BoolOp:
    """`a and b and c` or `a or b` (author dialect)."""

    operator: str
    operands: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    operand: Node


Node = (
    Num
    | Const
    | Sym
    | Neg
    | Add
    | Sub
    | Mul
    | Div
    | Pow
    | Call
    | Factorial
    | Percent
    | Seq
    | Matrix
    | SetOf
    | Equation
    | Str
    | Compare
    | BoolOp
    | Not
)
SCALAR_TYPES = (Num, Const, Sym, Neg, Add, Sub, Mul, Div, Pow, Call, Factorial, Percent)


def is_scalar(node: Node) -> bool:
    return isinstance(node, SCALAR_TYPES)


def walk(node: Node):
    """Yield every node of the tree, parents before children."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(children(current)))


def children(node: Node) -> tuple[Node, ...]:
    match node:
        case Neg(operand) | Factorial(operand) | Percent(operand) | Not(operand):
            return (operand,)
        case (
            Add(left, right)
            | Sub(left, right)
            | Mul(left, right, _)
            | Div(left, right)
            | Equation(left, right)
        ):
            return (left, right)
        case Pow(base, exponent):
            return (base, exponent)
        case Call(_, args, _):
            return args
        case Seq(items, _) | SetOf(items) | Compare(_, items) | BoolOp(_, items):
            return items
        case Matrix(rows):
            return tuple(item for row in rows for item in row)
    return ()


def free_symbols(node: Node) -> set[str]:
    return {n.name for n in walk(node) if isinstance(n, Sym)}


def has_decimal(node: Node) -> bool:
    """Whether any number in the tree was typed with a decimal point or exponent."""
    return any(isinstance(n, Num) and n.is_decimal for n in walk(node))
