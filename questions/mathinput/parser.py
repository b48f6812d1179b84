"""Recursive-descent parser from tokens to the `nodes` tree; the whitelist lives here.

Precedence, loosest first: `=` (top level only), `+ -`, `* /` and implicit multiplication
(left-associative, so `1/2x` is (1/2)·x), unary minus (`-x^2` is −(x²)), `^` (right-associative,
`2^3^2` is 2^9), postfix `!` and `%`. A function without parentheses takes the juxtaposed
factors after it up to the next operator or function name: `sin x^2` = sin(x²),
`sin 2x` = sin(2x), `sin x cos x` = sin(x)·cos(x), `ln 2/3` = ln(2)/3.
Inside `[...]` without commas, whitespace separates entries as in MATLAB: `[1 -2; 3 4]`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from fractions import Fraction
from typing import ClassVar

from .errors import ParseError
from .limits import (
    MAX_DEPTH,
    MAX_ITEMS,
    MAX_MATRIX_ENTRIES,
    MAX_NODES,
    MAX_SCIENTIFIC_EXPONENT,
    MAX_TOKENS,
)
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
    is_scalar,
    walk,
)
from .tokens import GREEK_LETTERS, Token, normalise, tokenize

# canonical name -> (fewest, most) arguments
FUNCTIONS: dict[str, tuple[int, int]] = {
    "sqrt": (1, 1), "exp": (1, 1), "ln": (1, 1), "log": (1, 2), "log10": (1, 1), "log2": (1, 1),
    "sin": (1, 1), "cos": (1, 1), "tan": (1, 1), "cot": (1, 1), "sec": (1, 1), "csc": (1, 1),
    "asin": (1, 1), "acos": (1, 1), "atan": (1, 1), "sinh": (1, 1), "cosh": (1, 1),
    "tanh": (1, 1), "abs": (1, 1), "floor": (1, 1), "ceil": (1, 1), "max": (1, MAX_ITEMS),
    "min": (1, MAX_ITEMS), "factorial": (1, 1), "binomial": (2, 2),
}  # fmt: skip
ALIASES = {
    "arcsin": "asin", "arccos": "acos", "arctan": "atan", "ceiling": "ceil", "binom": "binomial",
    "choose": "binomial", "lg": "log10",
}  # fmt: skip
# Functions whose power may be written `sin^2 x`, meaning (sin x)^2.
POWERABLE = {"sin", "cos", "tan", "cot", "sec", "csc", "sinh", "cosh", "tanh", "ln", "log"}
NEEDS_PARENTHESES = {"max", "min", "binomial"}
CONSTANTS = {"pi": "pi", "e": "e", "inf": "inf", "infinity": "inf", "oo": "inf"}
GREEK_NAMES = frozenset(GREEK_LETTERS.values()) | {"lamda", "Alpha", "Beta"}

_LONGEST_NAME = max(map(len, [*FUNCTIONS, *ALIASES, *CONSTANTS, *GREEK_NAMES]))
_LETTERS_DIGITS = re.compile(r"([A-Za-z]+)(\d+)")
_OPENERS = {"(": ")", "[": "]", "{": "}"}


@dataclass(frozen=True)
class Parsed:
    """A parsed answer: the tree, the normalised text and notes on how it was read."""

    tree: Node
    text: str
    notes: tuple[str, ...] = ()

    @property
    def latex(self) -> str:
        from .latex import to_latex

        return to_latex(self.tree)

    @property
    def number_literal(self) -> str | None:
        """The literal as typed when the whole answer is one (signed) number, else None."""
        node = self.tree
        sign = ""
        if isinstance(node, Neg):
            node, sign = node.operand, "-"
        return sign + node.text if isinstance(node, Num) else None


def parse(
    text: str,
    *,
    variables: Iterable[str] | None = None,
    allow_percent: bool = False,
    author: bool = False,
) -> Parsed:
    """Parse learner text. `variables` lists the names the question declares; when given,
    unknown multi-letter words are refused instead of being split into letters.

    `author=True` reads the author dialect (`author.py`): the same grammar and limits plus the
    template functions, comparisons, `and`/`or`/`not` and strings as function arguments."""
    normalised = normalise(text)
    if not normalised.strip():
        raise ParseError("Type an answer first.")
    declared = frozenset(variables) if variables is not None else None
    if author:
        from .author import AuthorParser, check_strings

        parser: _Parser = AuthorParser(tokenize(normalised, author=True), declared or frozenset())
    else:
        parser = _Parser(tokenize(normalised), declared)
    tree = parser.parse_all()
    count = 0
    for node in walk(tree):
        count += 1
        if isinstance(node, Percent) and not allow_percent:
            raise ParseError(
                "Percent signs are only accepted where the question asks for a percentage; "
                "write 50% as 0.5."
            )
    if count > MAX_NODES:
        raise ParseError("Your answer is too long to check.")
    from .evaluate import check_constant_sizes

    if author:
        check_strings(tree)
    check_constant_sizes(tree, strict=author)
    return Parsed(tree=tree, text=normalised.strip(), notes=tuple(dict.fromkeys(parser.notes)))


@dataclass
class _Parser:
    raw_tokens: list[Token]
    declared: frozenset[str] | None
    notes: list[str] = field(default_factory=list)
    depth: int = 0
    abs_depth: int = 0
    space_separates: bool = False
    # The vocabulary; the author dialect (`author.AuthorParser`) extends it.
    functions: ClassVar[Mapping[str, tuple[int, int]]] = FUNCTIONS
    longest_name: ClassVar[int] = _LONGEST_NAME
    lists_of_matrices: ClassVar[bool] = False

    def __post_init__(self) -> None:
        self.tokens: list[Token] = []
        for token in self.raw_tokens:
            self.tokens.extend(self._resolve(token) if token.kind == "name" else [token])
            if len(self.tokens) > MAX_TOKENS:
                raise ParseError("Your answer is too long to check (too many symbols).")
        self.index = 0

    # -- names ---------------------------------------------------------------------------
    def _known(self, word: str) -> Token | None:
        if self.declared is not None and word in self.declared:
            return Token("var", word, 0, False)
        if word in self.functions or word in ALIASES:
            return Token("func", ALIASES.get(word, word), 0, False)
        if word in CONSTANTS:
            return Token("const", CONSTANTS[word], 0, False)
        if word in GREEK_NAMES:
            return Token("var", "lambda" if word == "lamda" else word, 0, False)
        return None

    def _resolve(self, token: Token) -> list[Token]:
        word = token.text

        def at(kind: str, text: str, first: bool) -> Token:
            return Token(kind, text, token.position, token.space_before and first)

        if "_" in word:
            base, subscript = word.split("_", 1)
            subscript = subscript.strip("{}")
            if base == "log" and subscript.isdigit() and int(subscript) > 1:
                return [at("func", f"log_{subscript}", True)]
            if base in self.functions or base in ALIASES:
                raise ParseError(f"“{word}”: functions do not take subscripts.", token.position)
            return [at("var", f"{base}_{subscript}", True)]
        known = self._known(word)
        if known is not None:
            return [at(known.kind, known.text, True)]
        letters_digits = _LETTERS_DIGITS.fullmatch(word)
        if letters_digits:
            letters, digits = letters_digits.groups()
            pieces = self._split(letters, token)
            if pieces[-1].kind == "func":
                return [*pieces, at("number", digits, False)]
            raise ParseError(
                f"“{word}” is ambiguous: write {letters}^{digits} for a power, "
                f"{digits}{letters} for a product or {letters}_{digits} for a subscript.",
                token.position,
            )
        if len(word) == 1:
            return [at("var", word, True)]
        pieces = self._split(word, token)
        if len(pieces) > 1:
            shown = "·".join(p.text for p in pieces if p.kind != "func")
            if all(p.kind != "func" for p in pieces):
                self.notes.append(f"“{word}” was read as the product {shown}.")
        return pieces

    def _split(self, word: str, token: Token) -> list[Token]:
        """Split a run of letters into known names, longest first (`xsin` → x, sin)."""
        pieces: list[Token] = []
        start = 0
        longest = max(self.longest_name, max(map(len, self.declared or ()), default=0))
        while start < len(word):
            for end in range(min(len(word), start + longest), start, -1):
                known = self._known(word[start:end])
                if known is not None:
                    break
            else:
                end = start + 1
                letter = word[start]
                if self.declared is not None and letter not in self.declared:
                    allowed = ", ".join(sorted(self.declared)) or "none"
                    raise ParseError(
                        f"I don't know “{word}”. Variables in this question: {allowed}. "
                        "Use * or spaces between factors.",
                        token.position,
                    )
                known = Token("var", letter, 0, False)
            pieces.append(
                Token(known.kind, known.text, token.position, token.space_before and not pieces)
            )
            start = end
        return pieces

    # -- token helpers --------------------------------------------------------------------
    def peek(self, offset: int = 0) -> Token:
        return self.tokens[min(self.index + offset, len(self.tokens) - 1)]

    def advance(self) -> Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def at_op(self, *texts: str) -> bool:
        token = self.peek()
        return token.kind == "op" and token.text in texts

    def expect(self, text: str) -> Token:
        if not self.at_op(text):
            token = self.peek()
            found = "the end of your answer" if token.kind == "end" else f"“{token.text}”"
            raise ParseError(f"Expected “{text}” but found {found}.", token.position)
        return self.advance()

    @contextmanager
    def nested(self):
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ParseError(f"Your answer is nested too deeply (over {MAX_DEPTH} levels).")
        try:
            yield
        finally:
            self.depth -= 1

    @contextmanager
    def spacing(self, separates: bool, abs_depth: int | None = None):
        saved = self.space_separates, self.abs_depth
        self.space_separates = separates
        if abs_depth is not None:
            self.abs_depth = abs_depth
        try:
            yield
        finally:
            self.space_separates, self.abs_depth = saved

    def needs_parentheses(self, name: str) -> bool:
        return name in NEEDS_PARENTHESES

    # -- grammar --------------------------------------------------------------------------
    def top(self) -> Node:
        """What a whole answer or a parenthesised group holds (the author dialect adds
        comparisons and and/or/not around the arithmetic)."""
        return self.expression()

    def parse_all(self) -> Node:
        node = self.top()
        if self.at_op("="):
            self.advance()
            node = Equation(node, self.top())
            if self.at_op("="):
                raise ParseError("An answer can contain only one “=”.", self.peek().position)
        token = self.peek()
        if token.kind != "end":
            if token.text in {")", "]", "}"}:
                raise ParseError(f"There is an unmatched “{token.text}”.", token.position)
            raise ParseError(f"I can't read the answer from “{token.text}” on.", token.position)
        return node

    def expression(self) -> Node:
        node = self.term()
        while self.at_op("+", "-"):
            if self.space_separates and self._starts_new_entry():
                break
            op = self.advance().text
            right = self.term()
            node = Add(node, right) if op == "+" else Sub(node, right)
        return node

    def _starts_new_entry(self) -> bool:
        """In `[1 -2]`, a sign after a space and glued to its operand starts a new entry."""
        sign, after = self.peek(), self.peek(1)
        return sign.space_before and not after.space_before

    def term(self) -> Node:
        node = self.unary()
        while True:
            token = self.peek()
            if token.kind == "op" and token.text in {"*", "/"}:
                self.advance()
                right = self.unary()
                node = Mul(node, right) if token.text == "*" else Div(node, right)
            elif self._starts_implicit_operand(token):
                right = self.power()
                self._note_implicit(node, right, token)
                node = Mul(node, right, implicit=True)
            else:
                return node

    def _starts_implicit_operand(self, token: Token) -> bool:
        if self.space_separates and token.space_before:
            return False
        if token.kind in {"number", "var", "const", "func"}:
            return True
        return token.kind == "op" and (
            token.text in {"(", "[", "{"} or (token.text == "|" and self.abs_depth == 0)
        )

    def _note_implicit(self, left: Node, right: Node, token: Token) -> None:
        if isinstance(left, Num) and isinstance(right, Num | Neg):
            raise ParseError(
                "Two numbers stand side by side: write 2*3 for a product, or one number.",
                token.position,
            )
        if isinstance(left, Div):
            self.notes.append(
                "A division followed by a product is read left to right: 1/2x means (1/2)·x; "
                "write 1/(2x) for the other reading."
            )
        if isinstance(left, Pow) and not token.space_before and is_scalar(left.exponent):
            self.notes.append(
                "A power followed by a product: e^2x means e²·x; write e^(2x) for e to the 2x."
            )

    def unary(self) -> Node:
        with self.nested():
            if self.at_op("-"):
                self.advance()
                return Neg(self.unary())
            if self.at_op("+"):
                self.advance()
                return self.unary()
            return self.power()

    def power(self) -> Node:
        base = self.postfix()
        if self.at_op("^"):
            self.advance()
            return Pow(base, self.unary())
        return base

    def postfix(self) -> Node:
        node = self.atom()
        while self.at_op("!", "%"):
            node = Factorial(node) if self.advance().text == "!" else Percent(node)
        return node

    def atom(self) -> Node:
        with self.nested():
            token = self.peek()
            if token.kind == "number":
                return self.number(self.advance())
            if token.kind == "const":
                self.advance()
                return Const(token.text)
            if token.kind == "var":
                self.advance()
                return Sym(token.text)
            if token.kind == "func":
                return self.function(self.advance())
            if token.kind == "op":
                if token.text == "(":
                    return self.parenthesised()
                if token.text == "[":
                    return self.bracketed()
                if token.text == "{":
                    return self.set_literal()
                if token.text == "|":
                    return self.absolute_value()
            raise self._unexpected(token)

    def _unexpected(self, token: Token) -> ParseError:
        if token.kind == "end":
            return ParseError("The answer ends too early: something is missing at the end.")
        if token.text in {")", "]", "}"}:
            return ParseError(f"There is an unmatched “{token.text}”.", token.position)
        if token.text == "=":
            return ParseError("“=” needs something on both sides.", token.position)
        return ParseError(f"Something is missing before “{token.text}”.", token.position)

    def number(self, token: Token) -> Num:
        text = token.text
        mantissa, _, exponent = text.lower().partition("e")
        if exponent and abs(int(exponent)) > MAX_SCIENTIFIC_EXPONENT:
            raise ParseError("That number's exponent is too large to work with.", token.position)
        value = Fraction(mantissa if mantissa != "." else "0")
        if exponent:
            value *= Fraction(10) ** int(exponent)
            self.notes.append(f"{text} was read in scientific notation: {mantissa}×10^{exponent}.")
        return Num(value, text)

    def function(self, token: Token) -> Node:
        name = token.text
        log_base: Node | None = None
        if name.startswith("log_"):
            name, log_base = "log", Num(Fraction(int(token.text[4:])), token.text[4:])
        power: Node | None = None
        if self.at_op("^"):
            if name not in POWERABLE:
                raise ParseError(f"Write the power after the argument: {name}(x)^2.")
            self.advance()
            power = self.unary()
            if isinstance(power, Neg):
                raise ParseError(
                    f"{name}^-1 is ambiguous: write a{name}(x) for the inverse function "
                    f"or 1/{name}(x) for the reciprocal.",
                    token.position,
                )
        if self.at_op("("):
            args = self.argument_list()
            parenthesised = True
        else:
            if self.needs_parentheses(name):
                raise ParseError(f"{name} needs parentheses: {name}(a, b).", token.position)
            args = (self.implicit_argument(token),)
            parenthesised = False
        if log_base is not None:
            if len(args) != 1:
                raise ParseError(f"log_{log_base.text} takes one argument.", token.position)
            args = (args[0], log_base)
        fewest, most = self.functions[name]
        if not fewest <= len(args) <= most:
            wanted = str(fewest) if fewest == most else f"{fewest} to {most}"
            raise ParseError(f"{name} takes {wanted} argument(s), not {len(args)}.", token.position)
        node: Node = Call(name, args, parenthesised)
        return Pow(node, power) if power is not None else node

    def argument_list(self) -> tuple[Node, ...]:
        self.expect("(")
        args = []
        with self.spacing(False, abs_depth=0):
            if self.at_op(")"):
                raise ParseError(
                    "Empty parentheses: put the argument inside.", self.peek().position
                )
            args.append(self.expression())
            while self.at_op(","):
                self.advance()
                args.append(self.expression())
                if len(args) > MAX_ITEMS:
                    raise ParseError("Too many arguments.")
        self.expect(")")
        return tuple(args)

    def implicit_argument(self, function: Token) -> Node:
        token = self.peek()
        with self.spacing(False):
            starts = self._starts_implicit_operand(token)
        if not starts and not self.at_op("-"):
            raise ParseError(
                f"“{function.text}” needs an argument, for example {function.text}(x).",
                function.position,
            )
        if self.at_op("-"):
            return self.unary()
        with self.spacing(False):
            node = self.power()
        factors = 1
        while self._starts_implicit_operand(self.peek()) and self.peek().kind != "func":
            node = Mul(node, self.power(), implicit=True)
            factors += 1
        if factors > 1:
            self.notes.append(
                f"Without parentheses, {function.text} applies to the whole product after it."
            )
        return node

    def parenthesised(self) -> Node:
        open_token = self.expect("(")
        with self.spacing(False, abs_depth=0):
            if self.at_op(")"):
                raise ParseError("Empty parentheses.", open_token.position)
            items = [self.top()]
            while self.at_op(","):
                self.advance()
                items.append(self.top())
                if len(items) > MAX_ITEMS:
                    raise ParseError(f"Too many entries (over {MAX_ITEMS}).")
        self.expect(")")
        return items[0] if len(items) == 1 else Seq(tuple(items), "(")

    def absolute_value(self) -> Node:
        self.expect("|")
        with self.spacing(False, abs_depth=self.abs_depth + 1):
            inner = self.expression()
        self.expect("|")
        return Call("abs", (inner,), True)

    def set_literal(self) -> Node:
        self.expect("{")
        items: list[Node] = []
        with self.spacing(False, abs_depth=0):
            if not self.at_op("}"):
                items.append(self.expression())
                while self.at_op(","):
                    self.advance()
                    items.append(self.expression())
                    if len(items) > MAX_ITEMS:
                        raise ParseError(f"Too many entries (over {MAX_ITEMS}).")
        self.expect("}")
        return SetOf(tuple(items))

    def _top_level_separators(self) -> set[str]:
        """The separators directly inside the bracket at self.index (which is a “[”)."""
        found: set[str] = set()
        depth = 0
        for token in self.tokens[self.index :]:
            if token.kind != "op":
                continue
            if token.text in _OPENERS:
                depth += 1
            elif token.text in {")", "]", "}"}:
                depth -= 1
                if depth == 0:
                    break
            elif depth == 1 and token.text in {",", ";"}:
                found.add(token.text)
        return found

    def bracketed(self) -> Node:
        separators = self._top_level_separators()
        open_token = self.expect("[")
        rows: list[list[Node]] = [[]]
        with self.spacing("," not in separators, abs_depth=0):
            if self.at_op("]"):
                raise ParseError("Empty brackets: put the entries inside.", open_token.position)
            while True:
                rows[-1].append(self.expression())
                if sum(len(row) for row in rows) > MAX_MATRIX_ENTRIES:
                    raise ParseError(f"Too many entries (over {MAX_MATRIX_ENTRIES}).")
                if self.at_op(","):
                    self.advance()
                elif self.at_op(";"):
                    self.advance()
                    if self.at_op("]"):
                        break
                    rows.append([])
                elif self.at_op("]"):
                    break
                elif not (self.space_separates and self.peek().space_before):
                    raise self._bad_separator(self.peek())
        self.expect("]")
        if ";" in separators:
            return self._matrix(rows)
        items = rows[0]
        nested = [item for item in items if isinstance(item, Seq) and item.bracket == "["]
        if nested and len(nested) == len(items):
            return self._matrix([list(item.items) for item in nested])
        if self.lists_of_matrices and all(isinstance(item, Matrix) for item in items):
            return Seq(tuple(items), "[")
        if nested or any(isinstance(item, Matrix) for item in items):
            raise ParseError(
                "Mixed rows and numbers: a matrix is [[1, 2], [3, 4]] or [1 2; 3 4].",
                open_token.position,
            )
        return Seq(tuple(items), "[")

    def _bad_separator(self, token: Token) -> ParseError:
        if token.kind == "end":
            return ParseError("A “[” is never closed.")
        return ParseError(f"Expected “,” or “]” but found “{token.text}”.", token.position)

    def _matrix(self, rows: list[list[Node]]) -> Matrix:
        width = len(rows[0])
        for number, row in enumerate(rows, start=1):
            if len(row) != width:
                raise ParseError(
                    f"Row {number} has {len(row)} entries but row 1 has {width}: "
                    "every row of a matrix needs the same number of entries."
                )
            for item in row:
                if not is_scalar(item):
                    raise ParseError("Matrix entries must be numbers or expressions.")
        return Matrix(tuple(tuple(row) for row in rows))
