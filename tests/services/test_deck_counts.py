"""The denormalised deck counts stay equal to a recount after every kind of card write."""

from __future__ import annotations

import pytest
from django.utils import timezone

from questions.models import Card, CardSchedule, Deck
from questions.selectors.flashcards import deck_summaries
from questions.services import flashcards as service
from questions.services.card_exchange import cards_import_csv

pytestmark = pytest.mark.django_db


def recount(user, deck):
    cards = Card.objects.filter(deck=deck).count()
    studied = CardSchedule.objects.filter(user=user, deck=deck, last_review__isnull=False).count()
    return cards, cards - studied


def summary(user, deck):
    settings = service.study_settings_get(user=user)
    row = next(
        d
        for d in deck_summaries(user=user, settings=settings, now=timezone.now())
        if d.id == deck.id
    )
    return row.card_count, row.new_count


def test_counts_follow_creates_reviews_undos_moves_deletes_and_imports(user, topics):
    first = service.deck_create(user=user, name="First")
    second = service.deck_create(user=user, name="Second")
    cards = [
        service.card_create(user=user, deck_id=first.id, front=f"q{i}", back="a") for i in range(4)
    ]
    assert summary(user, first) == recount(user, first) == (4, 4)
    service.review_record(user=user, card_id=cards[0].id, rating=3)
    service.review_record(user=user, card_id=cards[1].id, rating=4)
    assert summary(user, first) == recount(user, first) == (4, 2)
    service.review_undo(user=user)
    assert summary(user, first) == recount(user, first) == (4, 3)
    service.card_update(user=user, card_id=cards[0].id, front="moved", deck_id=second.id)
    assert summary(user, first) == recount(user, first) == (3, 3)
    assert summary(user, second) == recount(user, second) == (1, 0)
    service.card_delete(user=user, card_id=cards[0].id)
    assert summary(user, second) == recount(user, second) == (0, 0)
    cards_import_csv(user=user, deck_id=first.id, data=b"a,b\nc,d\n")
    assert summary(user, first) == recount(user, first) == (5, 5)
    service.drill_card_for_template(deck=first, template_slug="matrix-product")
    assert summary(user, first) == recount(user, first) == (6, 6)
    assert Deck.objects.get(pk=first.pk).card_count == 6
