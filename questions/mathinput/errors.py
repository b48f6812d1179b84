"""The one error type of the math input layer, with the column it points at."""

from __future__ import annotations


class ParseError(ValueError):
    """Input Cram refuses to read; `message` is shown to the learner as is."""

    def __init__(self, message: str, position: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.position = position

    def __str__(self) -> str:
        return self.message
