"""Fixtures for flashcard tests: a small own deck, starter decks, a drill card."""

from __future__ import annotations

import pytest

from questions.models import Deck
from questions.services import flashcards as service
from tests.factories import CardFactory


@pytest.fixture
def deck(user):
    return Deck.objects.create(owner=user, slug="mine", name="Mine")


@pytest.fixture
def cards(deck):
    return [
        CardFactory(deck=deck, front=f"Front {i}", back=f"Back {i}", tags="t") for i in range(5)
    ]


@pytest.fixture
def drill_card(user, deck, topics):
    card, _ = service.drill_card_for_template(deck=deck, template_slug="conv2d-output-size")
    return card


@pytest.fixture
def settings_for(db):
    def make(user, **fields):
        return service.study_settings_update(user=user, **fields)

    return make
