"""Anki .apkg packages out, with genanki: one Cram note type (Front/Back, MathJax math) and
ids derived from names, so exporting the same deck twice updates it in Anki instead of copying."""

from __future__ import annotations

import hashlib
import io
import itertools
import sqlite3
import tempfile
import time
import zipfile
from collections.abc import Iterable
from contextlib import closing
from pathlib import Path

import genanki

from .markup import markdown_to_anki_html
from .model import CardData, DeckData, InterchangeError

UNNAMED_DECK = "Every deck needs a name to be exported to Anki."
MODEL_NAME = "Cram Basic"
DECK_DESCRIPTION = "Exported from Cram."

_CSS = """.card {
  font-family: arial, sans-serif;
  font-size: 20px;
  text-align: center;
  color: black;
  background-color: white;
}"""


def _stable_id(text: str) -> int:
    """An Anki id from a name: the same on every export, in genanki's recommended range."""
    digest = int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")
    return (1 << 30) + digest % (1 << 30)


_MODEL = genanki.Model(
    model_id=_stable_id("cram:model:basic:v1"),
    name=MODEL_NAME,
    fields=[{"name": "Front"}, {"name": "Back"}],
    templates=[
        {
            "name": "Card 1",
            "qfmt": "{{Front}}",
            "afmt": '{{FrontSide}}\n\n<hr id="answer">\n\n{{Back}}',
        }
    ],
    css=_CSS,
)


def write_apkg(decks: Iterable[DeckData]) -> bytes:
    """An Anki package (legacy collection.anki2, which every Anki imports) of these decks;
    decks of the same name are merged."""
    cards_by_name: dict[str, list[CardData]] = {}
    for deck in decks:
        name = deck.name.strip()
        if not name:
            raise InterchangeError(UNNAMED_DECK)
        cards_by_name.setdefault(name, []).extend(deck.cards)
    package = genanki.Package([_anki_deck(name, cards) for name, cards in cards_by_name.items()])
    with tempfile.TemporaryDirectory(prefix="cram-apkg-") as tmp:
        # Package.write_to_file would leave its own temporary database behind on every call,
        # so the collection is built here and zipped as write_to_file does.
        db_path = Path(tmp) / "collection.anki2"
        timestamp = time.time()
        with closing(sqlite3.connect(db_path)) as conn:
            package.write_to_db(conn.cursor(), timestamp, itertools.count(int(timestamp * 1000)))
            conn.commit()
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.write(db_path, "collection.anki2")
            archive.writestr("media", "{}")
    return out.getvalue()


def _anki_deck(name: str, cards: list[CardData]) -> genanki.Deck:
    deck = genanki.Deck(
        deck_id=_stable_id(f"cram:deck:{name}"), name=name, description=DECK_DESCRIPTION
    )
    seen: dict[tuple[str, str], int] = {}
    for card in cards:
        # Anki merges notes of equal guid on import; a repeated card in one deck stays a card.
        occurrence = seen[card.front, card.back] = seen.get((card.front, card.back), -1) + 1
        deck.add_note(
            genanki.Note(
                model=_MODEL,
                fields=[markdown_to_anki_html(card.front), markdown_to_anki_html(card.back)],
                tags=list(card.tags),
                guid=genanki.guid_for(name, card.front, card.back, occurrence),
            )
        )
    return deck
