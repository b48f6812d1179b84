"""Values from query strings. Lenient as the API has always been (a malformed number is
ignored), but never a 500: digits that `int()` refuses ("²".isdigit() is true) are malformed,
an id past the database's range names no row, and text loses the NUL characters PostgreSQL
refuses."""

from __future__ import annotations

MAX_ID = 2**63 - 1  # the largest id a BigAutoField can hold


def query_int(value: str | None) -> int | None:
    """ASCII digits as an int; anything else None."""
    return int(value) if value and value.isascii() and value.isdigit() else None


def query_id(value: str | None) -> int | None:
    """An id, or None; one past the range becomes MAX_ID, which no row has (so it filters
    everything out, as any other unknown id does)."""
    number = query_int(value)
    return None if number is None else min(number, MAX_ID)


def query_text(value: str | None, max_length: int) -> str:
    """At most `max_length` characters, without NUL (no stored text contains one)."""
    return (value or "").replace("\x00", "")[:max_length]
