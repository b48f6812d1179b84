"""Size limits that keep hostile input cheap; every refusal names the limit it hit."""

from __future__ import annotations

MAX_INPUT_LENGTH = 1_000
MAX_TOKENS = 600
MAX_DEPTH = 40
MAX_NODES = 1_500
MAX_NUMBER_DIGITS = 100
# |log10| of any constant the input can build; 10^1000 is already absurd as an exam answer.
MAX_LOG10_MAGNITUDE = 1_000.0
MAX_SCIENTIFIC_EXPONENT = 1_000
MAX_FACTORIAL_ARGUMENT = 1_000
MAX_BINOMIAL_ARGUMENT = 100_000
# A power of a non-constant base above this is never an exam answer and makes the CAS slow.
MAX_SYMBOLIC_EXPONENT = 1_000
MAX_MATRIX_ENTRIES = 400
MAX_ITEMS = 400
# Author dialect only: a double-quoted string such as an option of choice([...]).
MAX_STRING_LENGTH = 200
