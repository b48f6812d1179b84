"""Flashcards in and out of Cram: CSV (front, back, tags) both ways and Anki .apkg packages.
Pure Python; the service that stores the cards wraps these in a transaction."""

from .apkg_read import read_apkg
from .apkg_write import write_apkg
from .csvio import read_csv, write_csv
from .markup import anki_html_to_markdown, markdown_to_anki_html
from .model import (
    MAX_CARDS,
    MAX_COLLECTION_BYTES,
    MAX_FIELD_CHARS,
    MAX_FILE_BYTES,
    CardData,
    DeckData,
    InterchangeError,
    normalize_tags,
)

__all__ = [
    "MAX_CARDS",
    "MAX_COLLECTION_BYTES",
    "MAX_FIELD_CHARS",
    "MAX_FILE_BYTES",
    "CardData",
    "DeckData",
    "InterchangeError",
    "anki_html_to_markdown",
    "markdown_to_anki_html",
    "normalize_tags",
    "read_apkg",
    "read_csv",
    "write_apkg",
    "write_csv",
]
