"""Flashcard queries at scale: one learner with 100k cards and 1M review logs."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import numpy as np
from django.db import connection
from django.utils import timezone
from rest_framework.test import APIClient

from questions.models import Card, CardSchedule, Deck, ReviewLog
from questions.selectors.flashcards import daily_limits, deck_summaries, due_queue
from questions.services.deck_counts import deck_card_counts_refresh, deck_progress_refresh
from questions.services.flashcards import study_settings_get

from .timing import Figure, measure
from .users import bench_user

TITLE = "Flashcards at scale (one learner: 100k cards, 1M review logs)"
CARDS = 100_000
LOGS_PER_CARD = 10
BATCH = 5_000


def _populate(user) -> Deck:
    rng = np.random.default_rng(0)
    now = timezone.now()
    deck = Deck.objects.create(owner=user, slug="bench", name="Bench deck")
    for start in range(0, CARDS, BATCH):
        Card.objects.bulk_create(
            Card(deck=deck, front=f"Question {i}", back=f"Answer {i}", tags="bench")
            for i in range(start, start + BATCH)
        )
    card_ids = list(deck.cards.values_list("id", flat=True))
    dues = rng.uniform(-3, 60, size=len(card_ids))
    for start in range(0, len(card_ids), BATCH):
        CardSchedule.objects.bulk_create(
            CardSchedule(
                user=user,
                card_id=card_id,
                deck=deck,
                state="review",
                step=None,
                stability=10.0,
                difficulty=5.0,
                due=now + timedelta(days=float(dues[k])),
                last_review=now - timedelta(days=5),
                reps=LOGS_PER_CARD,
            )
            for k, card_id in enumerate(card_ids[start : start + BATCH], start=start)
        )
    epoch = datetime(2025, 1, 1, tzinfo=UTC)
    logs = []
    for k, card_id in enumerate(card_ids):
        for n in range(LOGS_PER_CARD):
            logs.append(
                ReviewLog(
                    user=user,
                    card_id=card_id,
                    rating=3,
                    reviewed_at=epoch + timedelta(days=n * 30, seconds=k),
                    day=(epoch + timedelta(days=n * 30, seconds=k) - timedelta(hours=4)).date(),
                    duration_ms=6000,
                    state_before={"state": "review"},
                    interval_days=30.0,
                )
            )
        if len(logs) >= BATCH * 4:
            ReviewLog.objects.bulk_create(logs)
            logs = []
    ReviewLog.objects.bulk_create(logs)
    deck_card_counts_refresh([deck.id])
    deck_progress_refresh(deck_ids=[deck.id])
    return deck


def run(report) -> None:
    user = bench_user("bench-cards")
    started = time.perf_counter()
    deck = _populate(user)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh planner statistics on SQLite and PostgreSQL alike
    report(
        Figure("populate 100k cards + 100k schedules + 1M logs", time.perf_counter() - started, "s")
    )
    settings = study_settings_get(user=user)
    now = timezone.now()
    report(
        measure(
            "due_queue (today's queue, limit 50)",
            [lambda: due_queue(user=user, settings=settings, now=now, limit=50)] * 30,
        )
    )
    report(
        measure(
            "due_queue for one deck",
            [lambda: due_queue(user=user, settings=settings, now=now, deck_ids=[deck.id])] * 30,
        )
    )
    report(
        measure(
            "daily_limits (today's counts from the log)",
            [lambda: daily_limits(user=user, settings=settings, now=now)] * 30,
        )
    )
    report(
        measure(
            "deck_summaries (decks page counts)",
            [lambda: deck_summaries(user=user, settings=settings, now=now)] * 20,
        )
    )
    client = APIClient()
    client.force_authenticate(user)
    due = due_queue(user=user, settings=settings, now=now, limit=200).card_ids
    reviews = [
        lambda c=c: client.post("/api/v1/reviews/", {"card": c, "rating": 3}, format="json")
        for c in due[:100]
    ]
    report(measure("POST /api/v1/reviews/ (one review)", reviews))
    report(
        measure(
            "GET /api/v1/reviews/due/?limit=20",
            [lambda: client.get("/api/v1/reviews/due/?limit=20")] * 20,
        )
    )
