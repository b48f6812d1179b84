"""Tokenizer: normalises typed math (unicode operators, superscripts) and splits it into tokens."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .errors import ParseError
from .limits import MAX_INPUT_LENGTH, MAX_NUMBER_DIGITS, MAX_STRING_LENGTH, MAX_TOKENS

GREEK_LETTERS = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ϵ": "epsilon",
    "ζ": "zeta", "η": "eta", "θ": "theta", "ι": "iota", "κ": "kappa", "λ": "lambda", "μ": "mu",
    "ν": "nu", "ξ": "xi", "ρ": "rho", "σ": "sigma", "τ": "tau", "υ": "upsilon", "φ": "phi",
    "ϕ": "phi", "χ": "chi", "ψ": "psi", "ω": "omega", "Γ": "Gamma", "Δ": "Delta",
    "Θ": "Theta", "Λ": "Lambda", "Σ": "Sigma", "Φ": "Phi", "Ψ": "Psi", "Ω": "Omega",
}  # fmt: skip
_REPLACEMENTS = {
    "×": "*", "·": "*", "⋅": "*", "∙": "*", "∗": "*", "÷": "/", "∕": "/",
    "−": "-", "–": "-", "—": "-", "‐": "-", "‒": "-", "﹣": "-",
    "π": " pi ", "∞": " inf ", "√": " sqrt ", "∣": "|", "［": "[", "］": "]",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\t": " ", "\n": " ", "\r": " ",
}  # fmt: skip
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
_SUBSCRIPTS = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")
_SUPERSCRIPT_RUN = re.compile("[⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺]+")
_SUBSCRIPT_RUN = re.compile("[₀₁₂₃₄₅₆₇₈₉]+")

_TOKEN = re.compile(
    r"""
    (?P<number>(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)
  | (?P<name>[A-Za-z]+(?:_(?:\{[A-Za-z0-9]+\}|[A-Za-z0-9]+))?\d*)
  | (?P<op>\*\*|[-+*/^!%=(),;\[\]{}|])
    """,
    re.VERBOSE,
)
# The author dialect adds double-quoted strings (no quotes, backslashes or newlines inside)
# and comparison operators; learners' text never reaches this pattern.
_AUTHOR_TOKEN = re.compile(
    r"""
    (?P<number>(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)
  | (?P<name>[A-Za-z]+(?:_(?:\{[A-Za-z0-9]+\}|[A-Za-z0-9]+))?\d*)
  | (?P<string>"[^"\\]*")
  | (?P<op>\*\*|==|!=|<=|>=|[-+*/^!%=(),;\[\]{}|<>])
    """,
    re.VERBOSE,
)
_SCIENTIFIC = re.compile(r"[eE][+-]?\d+$")


@dataclass(frozen=True)
class Token:
    kind: str  # "number", "name", "op" or "end"
    text: str
    position: int
    space_before: bool


def normalise(text: str) -> str:
    """Map the unicode a learner may paste or type on a phone onto the ASCII syntax."""
    if len(text) > MAX_INPUT_LENGTH:
        raise ParseError(f"Your answer is too long (over {MAX_INPUT_LENGTH:,} characters).")
    for char in text:
        if char in "\t\n\r":
            continue
        if unicodedata.category(char) in {"Cc", "Cf", "Cs", "Co"}:
            raise ParseError("Your answer contains an invisible control character; retype it.")
    text = _SUPERSCRIPT_RUN.sub(lambda m: "^(" + m.group().translate(_SUPERSCRIPTS) + ")", text)
    text = _SUBSCRIPT_RUN.sub(lambda m: "_" + m.group().translate(_SUBSCRIPTS), text)
    text = "".join(_REPLACEMENTS.get(char, char) for char in text)
    text = "".join(GREEK_LETTERS.get(char, char) for char in text)
    text = unicodedata.normalize("NFKC", text)
    if len(text) > 2 * MAX_INPUT_LENGTH:
        raise ParseError(f"Your answer is too long (over {MAX_INPUT_LENGTH:,} characters).")
    return text


def tokenize(text: str, *, author: bool = False) -> list[Token]:
    """Split normalised text into tokens, remembering which ones follow whitespace; `author`
    also accepts strings and comparison operators (see `author.py`)."""
    pattern = _AUTHOR_TOKEN if author else _TOKEN
    tokens: list[Token] = []
    position = 0
    space_before = False
    length = len(text)
    while position < length:
        char = text[position]
        if char == " ":
            space_before = True
            position += 1
            continue
        if char == "\\":
            raise ParseError(
                "No backslash commands needed: type sqrt(x), pi, alpha, x^2 and so on.", position
            )
        match = pattern.match(text, position)
        if match is None:
            if author and char == '"':
                raise ParseError(
                    'A string is not closed or contains a backslash: write strings as "x^2".',
                    position,
                )
            raise ParseError(f"I can't read the character “{char}” here.", position)
        kind = match.lastgroup or "op"
        value = match.group()
        if kind == "number":
            _check_number(value, text, match.end(), position)
        if kind == "string" and len(value) - 2 > MAX_STRING_LENGTH:
            raise ParseError(
                f"A string is too long (over {MAX_STRING_LENGTH} characters).", position
            )
        if kind == "op" and value == "**":
            value = "^"
        tokens.append(Token(kind, value, position, space_before))
        if len(tokens) > MAX_TOKENS:
            raise ParseError("Your answer is too long to check (too many symbols).")
        position = match.end()
        space_before = False
    tokens.append(Token("end", "", length, space_before))
    return tokens


def _check_number(value: str, text: str, end: int, position: int) -> None:
    digits = sum(ch.isdigit() for ch in _SCIENTIFIC.sub("", value))
    if digits > MAX_NUMBER_DIGITS:
        raise ParseError(f"That number is too long (over {MAX_NUMBER_DIGITS} digits).", position)
    if end < len(text) and text[end] == "." and value.count(".") == 1:
        raise ParseError("A number has two decimal points.", position)
