"""The real Anki client (the `anki` package, a test-only dependency) imports what Cram exports,
and Cram reads what Anki exports."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from anki.collection import (
    Collection,
    DeckIdLimit,
    ExportAnkiPackageOptions,
    ImportAnkiPackageOptions,
    ImportAnkiPackageRequest,
)

from questions.interchange import CardData, DeckData, InterchangeError, read_apkg, write_apkg
from questions.interchange.apkg_read import NEWER_FORMAT

EIGEN = DeckData(
    "Cram::Linear Algebra",
    tuple(
        CardData(
            front=f"What are the eigenvalues of $A_{{{i}}}$?",
            back=f"The roots of\n\n$$\\det(A_{{{i}}} - \\lambda I) = 0$$\n\n**Hint**: *trace* is {i}",
            tags=("eigen", "linalg", f"set-{i % 3}"),
        )
        for i in range(12)
    ),
)
WORD2VEC = DeckData(
    "Cram::NLP",
    (
        CardData("king − man + woman ≈ ?", "*queen*", ("nlp", "word2vec")),
        CardData("Cosine similarity of $u, v$?", r"$\frac{u \cdot v}{\|u\| \|v\|}$", ("nlp",)),
    ),
)


@pytest.fixture
def col(tmp_path: Path) -> Iterator[Collection]:
    collection = Collection(str(tmp_path / "collection.anki2"))
    yield collection
    collection.close()


def _import(col: Collection, package: bytes, tmp_path: Path) -> None:
    path = tmp_path / "cram.apkg"
    path.write_bytes(package)
    request = ImportAnkiPackageRequest(
        package_path=str(path), options=ImportAnkiPackageOptions(with_scheduling=True)
    )
    col.import_anki_package(request)


def _export(col: Collection, tmp_path: Path, *, deck: str | None, legacy: bool) -> bytes:
    path = tmp_path / f"anki-{legacy}.apkg"
    options = ExportAnkiPackageOptions(with_scheduling=False, with_media=False, legacy=legacy)
    limit = DeckIdLimit(deck_id=col.decks.id_for_name(deck)) if deck else None
    col.export_anki_package(out_path=str(path), options=options, limit=limit)
    return path.read_bytes()


def test_anki_imports_every_card_of_a_cram_export(col, tmp_path):
    _import(col, write_apkg([EIGEN]), tmp_path)

    assert col.note_count() == 12
    assert col.card_count() == 12
    assert col.decks.id_for_name("Cram::Linear Algebra") is not None
    assert len(col.find_cards('deck:"Cram::Linear Algebra"')) == 12
    note = col.get_note(col.find_notes(r'"front:*A\_{7}*"')[0])
    assert note.note_type()["name"] == "Cram Basic"
    assert note["Front"] == r"What are the eigenvalues of \(A_{7}\)?"
    assert note["Back"] == (
        r"<p>The roots of</p><div>\[\det(A_{7} - \lambda I) = 0\]</div>"
        "<p><strong>Hint</strong>: <em>trace</em> is 7</p>"
    )
    assert sorted(note.tags) == ["eigen", "linalg", "set-1"]


def test_exporting_again_updates_the_notes_in_anki(col, tmp_path):
    _import(col, write_apkg([EIGEN]), tmp_path)
    _import(col, write_apkg([EIGEN]), tmp_path)
    assert col.note_count() == 12


def test_anki_imports_several_decks(col, tmp_path):
    _import(col, write_apkg([EIGEN, WORD2VEC]), tmp_path)
    assert len(col.find_cards('deck:"Cram::Linear Algebra"')) == 12
    assert len(col.find_cards('deck:"Cram::NLP"')) == 2


def test_cram_to_anki_to_cram_keeps_every_card(col, tmp_path):
    _import(col, write_apkg([EIGEN, WORD2VEC]), tmp_path)
    decks = read_apkg(_export(col, tmp_path, deck=None, legacy=True))
    # Anki keeps a note's tags sorted; nothing else may change.
    assert {deck.name: deck.cards for deck in decks} == {
        deck.name: tuple(
            CardData(card.front, card.back, tuple(sorted(card.tags))) for card in deck.cards
        )
        for deck in (EIGEN, WORD2VEC)
    }


def _add(col: Collection, note_type: str, deck: str, fields: dict[str, str], tags: list[str]):
    note = col.new_note(col.models.by_name(note_type))
    for name, value in fields.items():
        note[name] = value
    note.tags = tags
    col.add_note(note, col.decks.id(deck))
    return note


@pytest.fixture
def anki_deck(col: Collection) -> Collection:
    """A deck as a learner makes it in Anki: three note types, HTML, MathJax, media."""
    _add(
        col,
        "Basic",
        "Calculus::Derivatives",
        {"Front": r"<b>Derivative</b> of \(x^n\)?", "Back": r"\(n x^{n-1}\)<br>power&nbsp;rule"},
        ["Calculus", "rules"],
    )
    reversed_note = _add(
        col,
        "Basic (and reversed card)",
        "Calculus::Derivatives",
        {"Front": "<div>chain</div><div>rule</div>", "Back": r"\[(f \circ g)' = f'(g) g'\]"},
        ["calculus"],
    )
    # Its reverse card lives elsewhere; the note still belongs to its first card's deck.
    reverse = next(card for card in reversed_note.cards() if card.ord == 1)
    reverse.did = col.decks.id("Elsewhere")
    col.update_card(reverse)
    _add(
        col,
        "Cloze",
        "Calculus::Derivatives",
        {
            "Text": r"The derivative of \(\sin x\) is {{c1::\(\cos x\)}}, of \(e^x\) {{c2::itself::what?}}",
            "Back Extra": '<img src="plot.png">[sound:say.mp3]',
        },
        ["calculus", "cloze"],
    )
    return col


def test_cram_reads_a_deck_made_and_exported_by_anki(anki_deck, tmp_path):
    decks = read_apkg(_export(anki_deck, tmp_path, deck="Calculus", legacy=True))

    assert decks == [
        DeckData(
            "Calculus::Derivatives",
            (
                CardData(
                    r"**Derivative** of $x^n$?",
                    "$n x^{n-1}$\npower rule",
                    ("calculus", "rules"),
                ),
                CardData("chain\nrule", "$$(f \\circ g)' = f'(g) g'$$", ("calculus",)),
                CardData(
                    r"The derivative of $\sin x$ is [...], of $e^x$ [what?]",
                    "The derivative of $\\sin x$ is **$\\cos x$**, of $e^x$ **itself**\n\n"
                    "(image omitted)  (sound omitted)",
                    ("calculus", "cloze"),
                ),
            ),
        )
    ]


def test_anki_export_in_the_newer_format_is_refused_with_instructions(anki_deck, tmp_path):
    package = _export(anki_deck, tmp_path, deck="Calculus", legacy=False)
    with pytest.raises(InterchangeError) as caught:
        read_apkg(package)
    assert caught.value.message == NEWER_FORMAT
    assert "Support older Anki versions" in NEWER_FORMAT
