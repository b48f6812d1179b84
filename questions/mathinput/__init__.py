"""Learner text to math: a whitelist tokenizer and parser, bounded evaluation, LaTeX display.

Nothing here calls eval, exec, sympify or parse_expr; see `parser.py` for the grammar.
"""

from .errors import ParseError
from .parser import Parsed, parse

__all__ = ["ParseError", "Parsed", "parse"]
