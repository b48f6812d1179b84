"""factory_boy factories for the suite's rows."""

from __future__ import annotations

import factory
from django.contrib.auth import get_user_model

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"learner{n}")
    password = factory.django.Password(PASSWORD)


class DeckFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "questions.Deck"

    owner = factory.SubFactory(UserFactory)
    slug = factory.Sequence(lambda n: f"deck-{n}")
    name = factory.Sequence(lambda n: f"Deck {n}")


class CardFactory(factory.django.DjangoModelFactory):
    """A basic card; the deck's card count is refreshed as the services would."""

    class Meta:
        model = "questions.Card"
        skip_postgeneration_save = True

    deck = factory.SubFactory(DeckFactory)
    front = factory.Sequence(lambda n: f"Front {n}")
    back = factory.Sequence(lambda n: f"Back {n}")

    @factory.post_generation
    def refresh_counts(card, create, extracted, **kwargs):
        if create:
            from questions.services.deck_counts import deck_card_counts_refresh

            deck_card_counts_refresh([card.deck_id])
