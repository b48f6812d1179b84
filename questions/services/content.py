"""Loading the built-in content: the topic tree and the starter decks (idempotent)."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management import call_command
from django.db import transaction

from questions.models import Card, Deck, Topic
from questions.services.deck_counts import deck_card_counts_refresh

FIELDS = ("front", "back", "tags", "topic_id", "kind")


def topics_load(path: Path) -> None:
    call_command("loaddata", str(path), verbosity=0)


@transaction.atomic
def starter_decks_load(directory: Path) -> tuple[int, int]:
    """Create or update the built-in decks and their cards by slug and key; returns
    (decks, cards). Learners' progress on existing cards is kept."""
    topics = dict(Topic.objects.values_list("slug", "id"))
    deck_count = card_count = 0
    loaded = []
    for path in sorted(directory.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        deck, _ = Deck.objects.update_or_create(
            owner=None,
            slug=data["slug"],
            defaults={
                "name": data["name"],
                "description": data["description"],
                "area": data["area"],
            },
        )
        existing = {card.key: card for card in deck.cards.exclude(key="")}
        new, changed = [], []
        for item in data["cards"]:
            values = {
                "front": item["front"],
                "back": item["back"],
                "tags": " ".join(item.get("tags", [])),
                "topic_id": topics.get(item.get("topic")),
                "kind": Card.Kind.BASIC,
            }
            card = existing.get(item["key"])
            if card is None:
                new.append(Card(deck=deck, key=item["key"], **values))
            elif any(getattr(card, f) != values[f] for f in FIELDS):
                for name, value in values.items():
                    setattr(card, name, value)
                changed.append(card)
        Card.objects.bulk_create(new)
        Card.objects.bulk_update(changed, list(FIELDS))
        deck_count += 1
        card_count += len(data["cards"])
        loaded.append(deck.id)
    deck_card_counts_refresh(loaded)
    return deck_count, card_count
