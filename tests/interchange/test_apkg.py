"""Anki packages: what write_apkg writes read_apkg reads back, and hostile packages are refused
with one clear error."""

from __future__ import annotations

import contextlib
import io
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from questions.interchange import (
    MAX_FIELD_CHARS,
    CardData,
    DeckData,
    InterchangeError,
    apkg_read,
    read_apkg,
    write_apkg,
)
from questions.interchange.apkg_read import (
    COLLECTION_TOO_LARGE,
    DAMAGED_PACKAGE,
    MISSING_TABLES,
    NO_COLLECTION,
    NOT_A_PACKAGE,
    NOT_SQLITE,
    TOO_COMPLEX,
    TOO_MANY_NOTES,
)

DECKS = [
    DeckData(
        "Linear Algebra::Eigen",
        (
            CardData(
                r"What is an eigenvalue of $A$?",
                "A $\\lambda$ with\n\n$$Av = \\lambda v$$",
                ("linalg", "eigen"),
            ),
            CardData("**Trace** of $A$?", r"$\operatorname{tr} A = \sum_i \lambda_i$", ("linalg",)),
            CardData("Same card", "twice"),
            CardData("Same card", "twice"),
        ),
    ),
    DeckData("NLP — word2vec", (CardData("king − man + woman ≈ ?", "*queen*", ("nlp",)),)),
]


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def _collection_of(package: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        return archive.read("collection.anki2")


def _edited_collection(tmp_path: Path, *statements: str, **values: object) -> bytes:
    """A package whose (real, genanki-written) collection had these statements run on it."""
    path = tmp_path / "edited.anki2"
    path.write_bytes(_collection_of(write_apkg(DECKS)))
    with sqlite3.connect(path) as conn:
        for statement in statements:
            conn.execute(statement, values)
    conn.close()
    return _zip({"collection.anki2": path.read_bytes()})


def _refusal(data: bytes) -> str:
    with pytest.raises(InterchangeError) as caught:
        read_apkg(data)
    return caught.value.message


def test_written_decks_read_back_equal():
    assert read_apkg(write_apkg(DECKS)) == DECKS


def test_decks_of_one_name_are_merged():
    cards = (CardData("q", "a"),)
    assert read_apkg(write_apkg([DeckData("D", cards), DeckData(" D ", cards)])) == [
        DeckData("D", cards * 2)
    ]


def test_unnamed_deck_is_refused():
    with pytest.raises(InterchangeError):
        write_apkg([DeckData("  ", (CardData("q", "a"),))])


def test_ids_are_the_same_on_every_export(tmp_path):
    def ids(package: bytes) -> tuple[set[str], set[str], list[str]]:
        path = tmp_path / "c.anki2"
        path.write_bytes(_collection_of(package))
        with sqlite3.connect(path) as conn:
            decks, models = conn.execute("SELECT decks, models FROM col").fetchone()
            guids = [guid for (guid,) in conn.execute("SELECT guid FROM notes ORDER BY id")]
        conn.close()
        return set(json.loads(decks)), set(json.loads(models)), guids

    first, second = ids(write_apkg(DECKS)), ids(write_apkg(DECKS))
    assert first == second
    assert len(set(first[2])) == len(first[2]) == 5  # the repeated card keeps its own note


def test_math_is_mathjax_in_the_package(tmp_path):
    path = tmp_path / "c.anki2"
    path.write_bytes(_collection_of(write_apkg(DECKS[:1])))
    with sqlite3.connect(path) as conn:
        front, back = conn.execute("SELECT flds FROM notes ORDER BY id").fetchone()[0].split("\x1f")
    conn.close()
    assert front == r"What is an eigenvalue of \(A\)?"
    assert back == r"<p>A \(\lambda\) with</p><div>\[Av = \lambda v\]</div>"


def test_random_bytes_are_not_a_package():
    assert _refusal(b"\x00garbage" * 100) == NOT_A_PACKAGE


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_give_decks_or_an_interchange_error(data):
    with contextlib.suppress(InterchangeError):
        read_apkg(data)


_VALID = write_apkg(DECKS)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.integers(0, len(_VALID) - 1), st.integers(0, 255)), min_size=1, max_size=8
    )
)
def test_corrupted_packages_give_decks_or_an_interchange_error(edits):
    data = bytearray(_VALID)
    for position, value in edits:
        data[position] = value
    with contextlib.suppress(InterchangeError):
        read_apkg(bytes(data))


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_corrupted_collections_give_decks_or_an_interchange_error(data):
    collection = bytearray(_collection_of(_VALID))
    for _ in range(data.draw(st.integers(1, 20))):
        collection[data.draw(st.integers(0, len(collection) - 1))] = data.draw(st.integers(0, 255))
    with contextlib.suppress(InterchangeError):
        read_apkg(_zip({"collection.anki2": bytes(collection)}))


def test_zip_without_a_collection_is_refused():
    assert _refusal(_zip({"media": b"{}", "0": b"\x89PNG"})) == NO_COLLECTION


def test_only_newer_format_asks_for_an_export_for_older_anki():
    message = _refusal(_zip({"collection.anki21b": b"(\xb5/\xfd\x00\x00", "meta": b"\x08\x03"}))
    assert "Support older Anki versions" in message
    assert "File → Export" in message


def test_newer_format_with_its_stub_collection_is_still_refused():
    # Anki ≥ 2.1.50 adds a stub collection.anki2 ("please update Anki") beside the real one.
    stub = _collection_of(write_apkg([DeckData("Default", (CardData("Please update", "x"),))]))
    message = _refusal(_zip({"collection.anki21b": b"(\xb5/\xfd", "collection.anki2": stub}))
    assert "Support older Anki versions" in message


def test_collection_anki21_wins_over_the_stub():
    real, stub = _collection_of(write_apkg(DECKS)), _collection_of(write_apkg([DeckData("S", ())]))
    package = _zip({"collection.anki2": stub, "collection.anki21": real})
    assert read_apkg(package) == DECKS


def test_collection_that_is_not_sqlite_is_refused():
    assert (
        _refusal(_zip({"collection.anki2": b"just some text, not a database" * 50})) == NOT_SQLITE
    )


def test_empty_collection_file_is_refused():
    assert _refusal(_zip({"collection.anki2": b""})) == MISSING_TABLES.format(
        tables="col or notes or cards"
    )


def test_truncated_collection_is_refused():
    collection = _collection_of(_VALID)
    with pytest.raises(InterchangeError):
        read_apkg(_zip({"collection.anki2": collection[: len(collection) // 3]}))


def test_collection_missing_the_notes_table_is_refused(tmp_path):
    assert _refusal(_edited_collection(tmp_path, "DROP TABLE notes")) == MISSING_TABLES.format(
        tables="notes"
    )


def test_notes_as_an_endless_view_is_refused(tmp_path):
    package = _edited_collection(
        tmp_path,
        "DROP TABLE notes",
        "CREATE VIEW notes AS WITH RECURSIVE n(id) AS (SELECT 1 UNION ALL SELECT id + 1 FROM n) "
        "SELECT id, 1 AS mid, 'q' AS flds, '' AS tags FROM n",
    )
    assert _refusal(package) == MISSING_TABLES.format(tables="notes")


def test_missing_column_is_refused(tmp_path):
    assert "damaged" in _refusal(_edited_collection(tmp_path, "ALTER TABLE col DROP COLUMN decks"))


def test_unreadable_deck_list_is_refused(tmp_path):
    assert "decks" in _refusal(_edited_collection(tmp_path, "UPDATE col SET decks = '[1, 2'"))


def test_deeply_nested_deck_list_is_refused(tmp_path):
    package = _edited_collection(tmp_path, "UPDATE col SET decks = :decks", decks="[" * 100_000)
    assert "decks" in _refusal(package)


def test_unknown_deck_gets_a_default_name(tmp_path):
    package = _edited_collection(tmp_path, "UPDATE col SET decks = '{}'")
    assert [deck.name for deck in read_apkg(package)] == [apkg_read.UNNAMED_DECK]


def test_notes_without_cards_are_skipped(tmp_path):
    package = _edited_collection(
        tmp_path, "DELETE FROM cards WHERE nid = (SELECT MIN(id) FROM notes)"
    )
    assert read_apkg(package)[0].cards == DECKS[0].cards[1:]


def test_field_over_the_limit_names_the_note(tmp_path):
    package = _edited_collection(
        tmp_path,
        "UPDATE notes SET flds = :flds WHERE id = (SELECT MIN(id) FROM notes)",
        flds="q\x1f" + "x" * (MAX_FIELD_CHARS + 1),
    )
    message = _refusal(package)
    assert "Linear Algebra::Eigen" in message and "nid:" in message


def test_non_text_fields_are_refused(tmp_path):
    package = _edited_collection(tmp_path, "UPDATE notes SET flds = x'00ff'")
    assert "damaged" in _refusal(package)


def test_invalid_utf8_in_a_field_is_replaced(tmp_path):
    package = _edited_collection(
        tmp_path,
        "UPDATE notes SET flds = CAST(x'71ff1f61' AS TEXT) WHERE id = (SELECT MIN(id) FROM notes)",
    )
    assert read_apkg(package)[0].cards[0] == CardData("q\ufffd", "a", ("linalg", "eigen"))


def test_more_notes_than_the_limit_are_refused(monkeypatch):
    monkeypatch.setattr(apkg_read, "MAX_CARDS", 4)
    assert _refusal(_VALID) == TOO_MANY_NOTES.format(limit=4)


def test_work_budget_stops_an_endless_query(monkeypatch):
    monkeypatch.setattr(apkg_read, "_STEPS_PER_CALL", 1)
    monkeypatch.setattr(apkg_read, "_MAX_HANDLER_CALLS", 10)
    assert _refusal(_VALID) == TOO_COMPLEX


def test_collection_declared_over_the_limit_is_refused(monkeypatch):
    monkeypatch.setattr(apkg_read, "MAX_COLLECTION_BYTES", 10 * 1024)
    bomb = _zip({"collection.anki2": b"\x00" * (2 * 1024 * 1024)})
    assert len(bomb) < 10 * 1024  # a real zip bomb: small on the wire
    assert _refusal(bomb) == COLLECTION_TOO_LARGE.format(limit=0)


def test_collection_lying_about_its_size_is_refused(monkeypatch):
    monkeypatch.setattr(apkg_read, "MAX_COLLECTION_BYTES", 10 * 1024)
    bomb = bytearray(_zip({"collection.anki2": b"\x00" * (2 * 1024 * 1024)}))
    declared = (2 * 1024 * 1024).to_bytes(4, "little")
    # Rewrite the uncompressed size in both the local and the central header to 1 KB.
    for _ in range(2):
        at = bomb.index(declared)
        bomb[at : at + 4] = (1024).to_bytes(4, "little")
    message = _refusal(bytes(bomb))
    assert message in (DAMAGED_PACKAGE, COLLECTION_TOO_LARGE.format(limit=0))


def test_member_paths_are_never_used_as_paths(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    package = _zip(
        {
            "../../escaped": b"x",
            str(tmp_path / "absolute"): b"x",
            "collection.anki2": _collection_of(_VALID),
        }
    )
    assert read_apkg(package) == DECKS
    assert not (tmp_path.parent.parent / "escaped").exists()
    assert not (tmp_path / "absolute").exists()


def test_collection_reached_only_by_an_odd_path_is_not_found():
    package = _zip({"../collection.anki2": _collection_of(_VALID)})
    assert _refusal(package) == NO_COLLECTION


def test_encrypted_or_unsupported_member_is_refused():
    package = bytearray(_VALID)
    # Set the "encrypted" flag bit in the central directory entry of the collection.
    central = package.index(b"PK\x01\x02")
    package[central + 8] |= 0x01
    assert _refusal(bytes(package)) in (DAMAGED_PACKAGE, NOT_A_PACKAGE)


def test_wal_mode_collection_is_read(tmp_path):
    path = tmp_path / "wal.anki2"
    path.write_bytes(_collection_of(_VALID))
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode = WAL").fetchone()[0] == "wal"
    conn.close()
    assert path.read_bytes()[18:20] == b"\x02\x02"
    assert read_apkg(_zip({"collection.anki2": path.read_bytes()})) == DECKS


def test_no_temporary_files_are_left(tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr("tempfile.tempdir", None)
    read_apkg(write_apkg(DECKS))
    with pytest.raises(InterchangeError):
        read_apkg(_zip({"collection.anki2": b"not sqlite" * 100}))
    assert list(tmp_path.iterdir()) == []
