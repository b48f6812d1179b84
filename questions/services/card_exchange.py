"""Importing cards (CSV into a deck, Anki packages as new decks) in one transaction each, and
exporting decks; the file formats themselves live in `questions.interchange`."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from questions.interchange import CardData, DeckData, read_apkg, read_csv, write_apkg, write_csv
from questions.models import Card, Deck
from questions.selectors.flashcards import visible_decks
from questions.services.deck_counts import deck_card_counts_refresh
from questions.services.flashcards import deck_create


def _rows(deck: Deck, cards: Iterable[CardData]) -> list[Card]:
    rows = [Card(deck=deck, front=c.front, back=c.back, tags=" ".join(c.tags)) for c in cards]
    for row in rows:
        row.full_clean(exclude=["deck", "topic"])
    return rows


@transaction.atomic
def cards_import_csv(*, user: AbstractBaseUser, deck_id: int, data: bytes) -> int:
    """Add every row of a CSV file to one of the learner's decks; all or nothing."""
    deck = Deck.objects.get(pk=deck_id, owner=user)
    added = len(Card.objects.bulk_create(_rows(deck, read_csv(data))))
    deck_card_counts_refresh([deck.id])
    return added


@transaction.atomic
def decks_import_apkg(*, user: AbstractBaseUser, data: bytes) -> list[Deck]:
    """Each deck of an Anki package becomes a new deck of the learner's; all or nothing."""
    created = []
    for imported in read_apkg(data):
        deck = deck_create(user=user, name=imported.name or "Imported from Anki")
        Card.objects.bulk_create(_rows(deck, imported.cards))
        created.append(deck)
    deck_card_counts_refresh([deck.id for deck in created])
    return created


def _card_data(deck: Deck) -> tuple[CardData, ...]:
    return tuple(
        CardData(front=card.front, back=card.back, tags=tuple(card.tag_list))
        for card in deck.cards.filter(kind=Card.Kind.BASIC).order_by("id")
    )


def deck_export_csv(*, user: AbstractBaseUser, deck_id: int) -> tuple[str, str]:
    deck = visible_decks(user=user).get(pk=deck_id)
    return deck.slug, write_csv(_card_data(deck))


def deck_export_apkg(*, user: AbstractBaseUser, deck_id: int) -> tuple[str, bytes]:
    deck = visible_decks(user=user).get(pk=deck_id)
    return deck.slug, write_apkg([DeckData(name=deck.name, cards=_card_data(deck))])
