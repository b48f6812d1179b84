"""The author dialect: the learner grammar and limits plus template functions, comparisons,
`and`/`or`/`not` and double-quoted strings, for admin-authored templates (`questions.authoring`).

Loosest first: `or`, `and`, `not`, a comparison chain (`== != < <= > >=`, as in Python
`0 < p < 1`), then the learner grammar. Strings may only be arguments of a function, directly
or inside a list (`choice(["x^2", "sin(x)"])`). Evaluation lives in `questions.authoring`.
"""

from __future__ import annotations

from typing import ClassVar

from .errors import ParseError
from .limits import MAX_ITEMS
from .nodes import BoolOp, Call, Compare, Matrix, Node, Not, Seq, Str, children
from .parser import _LONGEST_NAME, FUNCTIONS, NEEDS_PARENTHESES, _Parser
from .tokens import Token

# Parameter generators: allowed only on the right of a `params` line (checked by authoring).
GENERATORS: dict[str, tuple[int, int]] = {
    "randint": (2, 2), "randnonzero": (2, 2), "randreal": (3, 3), "choice": (1, 1),
    "randmatrix": (4, 4), "randvector": (3, 3),
}  # fmt: skip
# canonical name -> (fewest, most) arguments, on top of the learner functions
TEMPLATE_FUNCTIONS: dict[str, tuple[int, int]] = {
    "transpose": (1, 1), "det": (1, 1), "inv": (1, 1), "trace": (1, 1), "rank": (1, 1),
    "hadamard": (2, 2), "dot": (2, 2), "outer": (2, 2), "norm": (1, 2), "shape": (1, 1),
    "rows": (1, 1), "cols": (1, 1), "entry": (2, 3), "eye": (1, 1), "zeros": (2, 2),
    "ones": (2, 2), "sum": (1, MAX_ITEMS), "mean": (1, MAX_ITEMS), "round": (1, 2),
    "sigmoid": (1, 1), "relu": (1, 1), "softmax": (1, 1), "diff": (2, 3), "simplify": (1, 1),
    "expand": (1, 1), "factor": (1, 1), "subs": (3, 3),
}  # fmt: skip
AUTHOR_FUNCTIONS: dict[str, tuple[int, int]] = {**FUNCTIONS, **TEMPLATE_FUNCTIONS, **GENERATORS}
KEYWORDS = frozenset({"and", "or", "not"})
COMPARISONS = ("==", "!=", "<", "<=", ">", ">=")


class AuthorParser(_Parser):
    functions: ClassVar = AUTHOR_FUNCTIONS
    longest_name: ClassVar[int] = max(_LONGEST_NAME, *map(len, AUTHOR_FUNCTIONS))
    lists_of_matrices: ClassVar[bool] = True

    def _resolve(self, token: Token) -> list[Token]:
        # Keywords only as whole words: `xand` must not hide an `and`.
        if token.text in KEYWORDS:
            return [Token("kw", token.text, token.position, token.space_before)]
        return super()._resolve(token)

    def needs_parentheses(self, name: str) -> bool:
        # Only the learner functions keep the `sin x` convenience; `det A` would surprise.
        return name in NEEDS_PARENTHESES or name not in FUNCTIONS

    def at_keyword(self, word: str) -> bool:
        token = self.peek()
        return token.kind == "kw" and token.text == word

    def top(self) -> Node:
        return self._either("or", self.conjunction)

    def conjunction(self) -> Node:
        return self._either("and", self.negation)

    def _either(self, word: str, operand) -> Node:
        operands = [operand()]
        while self.at_keyword(word):
            self.advance()
            operands.append(operand())
            if len(operands) > MAX_ITEMS:
                raise ParseError(f"Too many “{word}”s.")
        return operands[0] if len(operands) == 1 else BoolOp(word, tuple(operands))

    def negation(self) -> Node:
        if self.at_keyword("not"):
            self.advance()
            with self.nested():
                return Not(self.negation())
        return self.comparison()

    def comparison(self) -> Node:
        operands = [self.expression()]
        operators: list[str] = []
        while self.at_op(*COMPARISONS):
            operators.append(self.advance().text)
            operands.append(self.expression())
        if not operators:
            return operands[0]
        return Compare(tuple(operators), tuple(operands))

    def atom(self) -> Node:
        token = self.peek()
        if token.kind == "string":
            self.advance()
            return Str(token.text[1:-1])
        if token.kind == "kw":
            raise ParseError(
                f"“{token.text}” cannot stand here: it combines conditions, "
                "as in n > 1 and not (n == 3).",
                token.position,
            )
        return super().atom()


def check_strings(tree: Node) -> None:
    """Strings only as a function's argument, or as items of a list that is one."""
    stack: list[tuple[Node, Node | None]] = [(tree, None)]
    while stack:
        node, parent = stack.pop()
        if isinstance(node, Str) and not isinstance(parent, Call):
            raise ParseError(
                f'The string "{node.value}" can only be an argument of a function, '
                'as in choice(["x^2", "sin(x)"]).'
            )
        for child in children(node):
            # A list (or matrix) passed to a function passes the permission on to its items.
            passes = isinstance(node, Seq | Matrix) and isinstance(parent, Call)
            stack.append((child, parent if passes else node))
