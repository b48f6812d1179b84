"""A few weeks of plausible study history for the demo learner, so every page has data.

Seeded, so two installations get the same story: practice tests with accuracy that improves
unevenly across topics, daily flashcard sessions (new cards and due reviews, rated as a
learner with FSRS-like memory would), a practice-mode session, drill cards from mistakes and
an exam in ten days.
"""

from __future__ import annotations

from datetime import timedelta

import numpy as np
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from questions.models import Card, CardSchedule, Deck, PracticeTest, ReviewLog
from questions.services.adaptive import practice_answer, practice_next
from questions.services.exam_plans import exam_plan_set
from questions.services.flashcards import mistakes_to_drill_cards, review_record
from questions.services.practice import (
    PracticeTestRequest,
    practice_test_start,
    practice_test_submit,
    response_save,
)

DAYS = 21
TESTS = (  # days ago, areas, questions
    (20, ("math", "ml"), 8),
    (16, ("dl", "nlp"), 8),
    (12, ("math", "ml", "dl", "nlp"), 10),
    (8, ("dl",), 6),
    (5, ("nlp",), 6),
    (2, ("math", "ml", "dl", "nlp"), 12),
)
# Chance of a right answer per area, rising over the weeks (NLP stays the weak spot).
SKILL = {"math": (0.55, 0.85), "ml": (0.5, 0.8), "dl": (0.4, 0.75), "nlp": (0.3, 0.5)}


def has_history(user: AbstractBaseUser) -> bool:
    return (
        PracticeTest.objects.filter(user=user).exists()
        or ReviewLog.objects.filter(user=user).exists()
    )


def _skill(area: str, days_ago: float) -> float:
    start, end = SKILL.get(area, (0.5, 0.7))
    return start + (end - start) * (1 - days_ago / DAYS)


def _tests(user, rng: np.random.Generator, now) -> None:
    for days_ago, areas, count in TESTS:
        started = now - timedelta(days=days_ago, hours=float(rng.uniform(1, 5)))
        test = practice_test_start(
            user=user,
            request=PracticeTestRequest(areas=areas, count=count, time_limit_s=count * 120),
            now=started,
        )
        items = list(test.items.select_related("variant"))
        for offset, item in enumerate(items):
            at = started + timedelta(seconds=60 * (offset + 1))
            if rng.random() < 0.08:
                continue  # left blank
            right = rng.random() < _skill(item.variant.area, days_ago)
            response = item.variant.answer
            if not right:
                response = item.variant.mistakes[0][0] if item.variant.mistakes else "0"
            response_save(user=user, test_id=test.id, index=item.index, response=response, now=at)
        practice_test_submit(
            user=user, test_id=test.id, now=started + timedelta(seconds=75 * len(items))
        )
    mistakes_to_drill_cards(user=user, test_id=test.id)


def _flashcards(user, rng: np.random.Generator, now) -> None:
    starter = list(Card.objects.filter(deck__owner__isnull=True).order_by("deck_id", "id"))
    introduced = 0
    for days_ago in range(DAYS, 0, -1):
        if rng.random() < 0.15:
            continue  # a day off
        session = now - timedelta(days=days_ago) + timedelta(hours=float(rng.uniform(-2, 2)))
        due = CardSchedule.objects.filter(
            user=user, last_review__isnull=False, due__lte=session
        ).values_list("card_id", flat=True)
        fresh = [c.id for c in starter[introduced : introduced + 12]]
        introduced += len(fresh)
        for k, card_id in enumerate([*due, *fresh]):
            at = session + timedelta(seconds=12 * k)
            rating = int(rng.choice([1, 2, 3, 4], p=[0.12, 0.13, 0.65, 0.10]))
            review_record(
                user=user, card_id=card_id, rating=rating, reviewed_at=at, now=at,
                duration_ms=int(rng.uniform(3000, 15000)),
            )  # fmt: skip
            if rating == 1:  # relearned later in the same session
                review_record(
                    user=user, card_id=card_id, rating=3, reviewed_at=at + timedelta(minutes=11),
                    now=at + timedelta(minutes=11), duration_ms=int(rng.uniform(3000, 9000)),
                )  # fmt: skip


def _practice(user, rng: np.random.Generator, now) -> None:
    for k in range(8):
        question = practice_next(user=user, now=now - timedelta(days=1, minutes=30 - 3 * k))
        right = rng.random() < _skill(question.variant.area, 1)
        practice_answer(
            user=user,
            answer_id=question.id,
            response=question.variant.answer if right else "0",
            now=now - timedelta(days=1, minutes=29 - 3 * k),
        )


@transaction.atomic
def demo_history_seed(*, user: AbstractBaseUser, seed: int = 2026) -> bool:
    """Give the learner a few weeks of history unless they have some; True if seeded."""
    if has_history(user):
        return False
    rng = np.random.default_rng(seed)
    now = timezone.now()
    _tests(user, rng, now)
    _flashcards(user, rng, now)
    _practice(user, rng, now)
    exam_plan_set(
        user=user,
        exam_date=(now + timedelta(days=10)).date(),
        daily_minutes=20,
        deck_ids=list(Deck.objects.filter(owner__isnull=True).values_list("id", flat=True)),
    )
    return True
