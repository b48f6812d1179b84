"""The values that cross the import/export boundary, their limits and the one error type."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

MAX_CARDS = 20_000
MAX_FIELD_CHARS = 20_000
MAX_FILE_BYTES = 20 * 1024 * 1024
# A real collection of MAX_CARDS notes is a few tens of MB; anything far past that is an attack.
MAX_COLLECTION_BYTES = 200 * 1024 * 1024

_TAG_SEPARATORS = re.compile(r"[\s,]+")


class InterchangeError(ValueError):
    """A file Cram refuses to import; `message` is shown to the learner as is."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line

    def __str__(self) -> str:
        return self.message


def normalize_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Lowercase words, split on whitespace and commas, first occurrence kept."""
    if isinstance(tags, str):
        tags = (tags,)
    words = (word for tag in tags for word in _TAG_SEPARATORS.split(tag.lower()))
    return tuple(dict.fromkeys(word for word in words if word))


@dataclass(frozen=True)
class CardData:
    """One flashcard: Markdown with `$...$` / `$$...$$` math on both sides."""

    front: str
    back: str
    tags: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # Normalised here so every reader and writer agrees on what a tag is, and a card
        # written by write_csv or write_apkg reads back equal.
        object.__setattr__(self, "tags", normalize_tags(self.tags))


@dataclass(frozen=True)
class DeckData:
    """A named deck of cards, as found in or written to an Anki package."""

    name: str
    cards: tuple[CardData, ...]
