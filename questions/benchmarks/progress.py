"""The progress page for a heavy learner: 20k graded answers and 100k review logs."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from questions.generators import generate
from questions.models import (
    Card,
    CardSchedule,
    Deck,
    PracticeTest,
    PracticeTestItem,
    ReviewLog,
    Topic,
)
from questions.services.deck_counts import deck_card_counts_refresh, deck_progress_refresh
from questions.services.variants import variant_row

from .timing import Figure, measure
from .users import bench_user

TITLE = "Progress page (one learner: 20k answers, 100k review logs)"
TESTS, PER_TEST = 200, 100
LOGS = 100_000


def _populate(user) -> None:
    rng = np.random.default_rng(1)
    now = timezone.now()
    topic_ids = dict(Topic.objects.values_list("slug", "id"))
    slugs = ["matrix-product", "conv2d-output-size", "softmax", "tf-idf", "derivative", "mse"]
    variants = [variant_row(generate(slug, seed=i), topic_ids) for i, slug in enumerate(slugs * 5)]
    for variant in variants:
        variant.save()
    for t in range(TESTS):
        at = now - timedelta(days=float(rng.uniform(0, 170)))
        test = PracticeTest.objects.create(
            user=user, title=f"Bench {t}", status="submitted", request={}, time_limit_s=3600,
            started_at=at, deadline=at + timedelta(hours=1), submitted_at=at + timedelta(minutes=40),
            score=0, max_score=PER_TEST,
        )  # fmt: skip
        scores = rng.random(PER_TEST) < 0.6
        PracticeTestItem.objects.bulk_create(
            PracticeTestItem(
                test=test,
                index=i,
                variant=variants[i % len(variants)],
                response="1",
                correct=bool(s),
                score=float(s),
            )
            for i, s in enumerate(scores)
        )
        PracticeTest.objects.filter(pk=test.pk).update(score=float(scores.sum()))
    deck = Deck.objects.create(owner=user, slug="bench-progress", name="Bench")
    Card.objects.bulk_create(Card(deck=deck, front=f"q{i}", back="a") for i in range(5000))
    cards = list(deck.cards.values_list("id", flat=True))
    CardSchedule.objects.bulk_create(
        CardSchedule(
            user=user,
            card_id=c,
            deck=deck,
            state="review",
            stability=20.0,
            difficulty=5.0,
            due=now + timedelta(days=float(rng.uniform(-2, 40))),
            last_review=now - timedelta(days=3),
            reps=20,
        )
        for c in cards
    )
    logs = [
        ReviewLog(
            user=user,
            card_id=cards[i % len(cards)],
            rating=int(rng.integers(1, 5)),
            reviewed_at=(at := now - timedelta(days=float(rng.uniform(0, 200)))),
            day=(at - timedelta(hours=4)).date(),
            duration_ms=5000,
            state_before={"state": "review"},
            interval_days=10.0,
        )
        for i in range(LOGS)
    ]
    ReviewLog.objects.bulk_create(logs, batch_size=5000)
    deck_card_counts_refresh([deck.id])
    deck_progress_refresh(deck_ids=[deck.id])


def run(report) -> None:
    call_command("load_content", verbosity=0)
    user = bench_user("bench-progress")
    _populate(user)
    client = Client()
    client.force_login(user)
    report(Figure("answers in the last six months", 20_000, "answers"))
    report(measure("GET /progress/", [lambda: client.get("/progress/")] * 15))
    report(measure("GET /tests/ (history of 200 tests)", [lambda: client.get("/tests/")] * 15))
