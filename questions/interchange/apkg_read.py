"""Anki .apkg packages in: decks and notes from the legacy SQLite collection inside the zip,
read as a hostile file (size caps, read-only SQLite with a work budget, one error type)."""

from __future__ import annotations

import io
import json
import lzma
import sqlite3
import tempfile
import zipfile
import zlib
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .markup import anki_html_to_markdown, cloze_sides
from .model import (
    MAX_CARDS,
    MAX_COLLECTION_BYTES,
    MAX_FIELD_CHARS,
    CardData,
    DeckData,
    InterchangeError,
    normalize_tags,
)

NOT_A_PACKAGE = "This is not an Anki package (.apkg): it is not a zip file."
DAMAGED_PACKAGE = "This .apkg file is damaged and cannot be unpacked."
NO_COLLECTION = "This .apkg holds no Anki collection (no collection.anki2 or collection.anki21)."
NEWER_FORMAT = (
    "This .apkg uses the newer Anki format, which Cram cannot read. In Anki, choose "
    "File → Export…, pick “Anki Deck Package (.apkg)”, tick “Support older Anki versions”, "
    "export again and import that file."
)
COLLECTION_TOO_LARGE = "The collection inside this .apkg is larger than {limit} MB."
NOT_SQLITE = "The collection inside this .apkg is damaged or is not an Anki collection."
MISSING_TABLES = (
    "The collection inside this .apkg has no {tables} table; export it from Anki again."
)
DAMAGED_COLLECTION = "The collection inside this .apkg is damaged ({detail})."
TOO_COMPLEX = "The collection inside this .apkg takes too long to read."
TOO_MANY_NOTES = "This .apkg has more than {limit:,} notes; export fewer decks at a time."
FIELD_TOO_LONG = (
    "A note in deck “{deck}” has a field longer than {limit:,} characters "
    "(search “nid:{note_id}” in Anki's browser to find it)."
)

UNNAMED_DECK = "Imported from Anki"
EMPTY_SIDE = "(empty)"
# Anki's HTML carries styling; the Markdown made from it must still fit MAX_FIELD_CHARS.
MAX_HTML_CHARS = 5 * MAX_FIELD_CHARS

# Newest first. A package from Anki ≥ 2.1.50 also holds a stub collection.anki2 whose one note
# says "please update Anki", so that name counts only when neither newer one is there.
_MEMBERS = ("collection.anki21", "collection.anki21b", "collection.anki2")
_NEWER_MEMBER = "collection.anki21b"
_REQUIRED_TABLES = ("col", "notes", "cards")
_CLOZE_MODEL_TYPE = 1
_FIELD_SEPARATOR = "\x1f"
_CHUNK_BYTES = 1 << 20
# SQLite calls the handler every _STEPS_PER_CALL virtual-machine steps; a real collection of
# MAX_CARDS notes takes a few million, a crafted one (deep views, huge sorts) is cut off.
_STEPS_PER_CALL = 10_000
_MAX_HANDLER_CALLS = 20_000
# One row per note: its deck is the deck of its first card; notes without cards are not cards.
_NOTES_SQL = """
SELECT n.id, n.mid, n.flds, n.tags, c.did
FROM notes AS n
JOIN (SELECT nid, did, MIN(ord) FROM cards GROUP BY nid) AS c ON c.nid = n.id
ORDER BY n.id
LIMIT ?
"""
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    OSError,
    EOFError,
    ValueError,
    NotImplementedError,
    RuntimeError,
    zlib.error,
    lzma.LZMAError,
)


@dataclass(frozen=True)
class _Collection:
    notes: list[tuple[Any, ...]]
    deck_names: dict[int, str]
    cloze_models: frozenset[int]


def read_apkg(data: bytes) -> list[DeckData]:
    """The decks of an Anki package, one card per note; raises InterchangeError on any problem."""
    with tempfile.TemporaryDirectory(prefix="cram-apkg-") as tmp:
        # The member's own name never becomes a path: only this fixed one is written.
        path = Path(tmp) / "collection.sqlite"
        _extract_collection(data, path)
        collection = _read_collection(path)
    return _decks(collection)


def _extract_collection(data: bytes, path: Path) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except _ZIP_ERRORS:
        raise InterchangeError(NOT_A_PACKAGE) from None
    with archive:
        names = set(archive.namelist())
        member = next((name for name in _MEMBERS if name in names), None)
        if member is None:
            raise InterchangeError(NO_COLLECTION)
        if member == _NEWER_MEMBER:
            raise InterchangeError(NEWER_FORMAT)
        too_large = InterchangeError(
            COLLECTION_TOO_LARGE.format(limit=MAX_COLLECTION_BYTES // (1024 * 1024))
        )
        if archive.getinfo(member).file_size > MAX_COLLECTION_BYTES:
            raise too_large
        copied = 0
        try:
            with archive.open(member) as source, path.open("wb") as target:
                # The declared size may lie; count what actually comes out.
                while chunk := source.read(_CHUNK_BYTES):
                    copied += len(chunk)
                    if copied > MAX_COLLECTION_BYTES:
                        break
                    target.write(chunk)
        except _ZIP_ERRORS:
            raise InterchangeError(DAMAGED_PACKAGE) from None
        if copied > MAX_COLLECTION_BYTES:
            raise too_large


def _read_collection(path: Path) -> _Collection:
    # immutable=1: no locks, no journal or WAL recovery, nothing written beside the file.
    uri = f"{path.as_uri()}?mode=ro&immutable=1"
    calls = 0

    def budget() -> int:
        nonlocal calls
        calls += 1
        return calls > _MAX_HANDLER_CALLS  # non-zero interrupts the statement

    try:
        with closing(sqlite3.connect(uri, uri=True)) as conn:
            conn.text_factory = lambda raw: raw.decode("utf-8", "replace")
            conn.set_progress_handler(budget, _STEPS_PER_CALL)
            conn.execute("PRAGMA trusted_schema = OFF")
            _check_tables(conn)
            row = conn.execute("SELECT decks, models FROM col LIMIT 1").fetchone()
            notes = conn.execute(_NOTES_SQL, (MAX_CARDS + 1,)).fetchall()
    except UnicodeDecodeError:
        # SQLite's own message about a mangled schema can be invalid UTF-8.
        raise InterchangeError(NOT_SQLITE) from None
    except sqlite3.Error as error:
        if calls > _MAX_HANDLER_CALLS:
            raise InterchangeError(TOO_COMPLEX) from None
        if isinstance(error, sqlite3.DatabaseError) and "not a database" in str(error):
            raise InterchangeError(NOT_SQLITE) from None
        raise InterchangeError(DAMAGED_COLLECTION.format(detail=error)) from None
    if row is None:
        raise InterchangeError(DAMAGED_COLLECTION.format(detail="its settings row is missing"))
    if len(notes) > MAX_CARDS:
        raise InterchangeError(TOO_MANY_NOTES.format(limit=MAX_CARDS))
    decks, models = _json_object(row[0], "decks"), _json_object(row[1], "models")
    return _Collection(
        notes=notes,
        deck_names={
            deck_id: name
            for key, deck in decks.items()
            if isinstance(deck, dict) and (deck_id := _int(deck.get("id", key))) is not None
            if isinstance(name := deck.get("name"), str) and name.strip()
        },
        cloze_models=frozenset(
            model_id
            for key, model in models.items()
            if isinstance(model, dict) and model.get("type") == _CLOZE_MODEL_TYPE
            if (model_id := _int(model.get("id", key))) is not None
        ),
    )


def _check_tables(conn: sqlite3.Connection) -> None:
    """The three tables must be plain tables: a view or virtual table could compute forever."""
    found = {
        name: sql
        for name, sql in conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'")
    }
    missing = [name for name in _REQUIRED_TABLES if name not in found]
    if missing:
        raise InterchangeError(MISSING_TABLES.format(tables=" or ".join(missing)))
    for name in _REQUIRED_TABLES:
        if not str(found[name]).upper().startswith("CREATE TABLE"):
            raise InterchangeError(DAMAGED_COLLECTION.format(detail=f"{name} is not a table"))


def _json_object(value: object, name: str) -> dict[str, Any]:
    try:
        parsed = json.loads(value) if isinstance(value, str | bytes) else None
    except (ValueError, RecursionError):
        parsed = None
    if not isinstance(parsed, dict):
        raise InterchangeError(DAMAGED_COLLECTION.format(detail=f"its {name} list is unreadable"))
    return parsed


def _int(value: object) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.isascii() and value.lstrip("-").isdigit():
        return int(value)
    return None


def _decks(collection: _Collection) -> list[DeckData]:
    by_name: dict[str, list[CardData]] = {}
    for note_id, model_id, fields, tags, deck_id in collection.notes:
        name = collection.deck_names.get(deck_id, UNNAMED_DECK).strip() or UNNAMED_DECK
        if not isinstance(fields, str) or not isinstance(tags, str):
            raise InterchangeError(DAMAGED_COLLECTION.format(detail=f"note {note_id} is not text"))
        card = _card(fields.split(_FIELD_SEPARATOR), tags, model_id in collection.cloze_models)
        if card is None:
            raise InterchangeError(
                FIELD_TOO_LONG.format(deck=name, limit=MAX_FIELD_CHARS, note_id=note_id)
            )
        by_name.setdefault(name, []).append(card)
    return [DeckData(name=name, cards=tuple(cards)) for name, cards in by_name.items()]


def _card(fields: list[str], tags: str, cloze: bool) -> CardData | None:
    """The note as a card (first field front, second back; a cloze's text gives both), or
    None when a field is too long."""
    first, second = [*fields, "", ""][:2]
    if len(first) > MAX_HTML_CHARS or len(second) > MAX_HTML_CHARS:
        return None
    front, back = anki_html_to_markdown(first), anki_html_to_markdown(second)
    if cloze:
        front, revealed = cloze_sides(front)
        back = f"{revealed}\n\n{back}" if back else revealed
    if len(front) > MAX_FIELD_CHARS or len(back) > MAX_FIELD_CHARS:
        return None
    return CardData(
        front=front or EMPTY_SIDE, back=back or EMPTY_SIDE, tags=normalize_tags(tags.split())
    )
