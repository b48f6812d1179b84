"""Denormalised counts behind the deck pages and queues: each deck's size and each learner's
studied count per deck. Writers call these after changing cards or first reviews."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from questions.models import Card, CardSchedule, Deck, DeckProgress


def deck_card_counts_refresh(deck_ids: Iterable[int]) -> None:
    counts = (
        Card.objects.filter(deck=OuterRef("pk"))
        .order_by()
        .values("deck")
        .annotate(n=Count("id"))
        .values("n")
    )
    Deck.objects.filter(pk__in=list(deck_ids)).update(
        card_count=Coalesce(Subquery(counts), Value(0))
    )


def deck_progress_add(*, user_id: int, deck_id: int, delta: int) -> None:
    """A card of the deck became studied (+1) or new again (−1) for this learner."""
    progress, _ = DeckProgress.objects.get_or_create(user_id=user_id, deck_id=deck_id)
    DeckProgress.objects.filter(pk=progress.pk).update(studied=F("studied") + delta)


def deck_progress_refresh(
    *, deck_ids: Iterable[int], user_ids: Iterable[int] | None = None
) -> None:
    """Recount studied cards for these decks (and learners), after cards moved or vanished."""
    deck_ids = list(deck_ids)
    schedules = CardSchedule.objects.filter(deck_id__in=deck_ids, last_review__isnull=False)
    progress = DeckProgress.objects.filter(deck_id__in=deck_ids)
    if user_ids is not None:
        user_ids = list(user_ids)
        schedules = schedules.filter(user_id__in=user_ids)
        progress = progress.filter(user_id__in=user_ids)
    counts = {
        (row["user_id"], row["deck_id"]): row["n"]
        for row in schedules.values("user_id", "deck_id").annotate(n=Count("id")).order_by()
    }
    progress.exclude(pk__in=[p.pk for p in progress if (p.user_id, p.deck_id) in counts]).update(
        studied=0
    )
    for (user_id, deck_id), n in counts.items():
        DeckProgress.objects.update_or_create(
            user_id=user_id, deck_id=deck_id, defaults={"studied": n}
        )
