"""The exam plan as a use-case: validation, forecast and today's planned queue."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from questions.models import ExamPlan
from questions.services.exam_plans import (
    exam_plan_forecast,
    exam_plan_queue,
    exam_plan_set,
)
from questions.services.flashcards import FlashcardError, review_record

pytestmark = pytest.mark.django_db


def test_setting_a_plan_forecasts_exam_day_recall(user, deck, cards):
    today = timezone.now().date()
    exam_plan_set(
        user=user, exam_date=today + timedelta(days=10), daily_minutes=10, deck_ids=[deck.id]
    )
    forecast = exam_plan_forecast(user=user)
    assert forecast.total_cards == 5 and forecast.unseen_by_exam == 0
    assert 0.5 < forecast.predicted_recall <= 1.0
    assert forecast.days_left in (9, 10, 11)
    assert len(forecast.minutes_per_day) >= 9


def test_the_forecast_is_kept_until_reviews_or_the_plan_change(
    user, deck, cards, django_assert_max_num_queries
):
    exam_plan_set(
        user=user,
        exam_date=timezone.now().date() + timedelta(days=5),
        daily_minutes=5,
        deck_ids=[deck.id],
    )
    first = exam_plan_forecast(user=user)
    with django_assert_max_num_queries(5):
        assert exam_plan_forecast(user=user) == first
    review_record(user=user, card_id=cards[0].id, rating=1)
    key_before = ExamPlan.objects.get(user=user).forecast_key
    exam_plan_forecast(user=user)
    assert ExamPlan.objects.get(user=user).forecast_key != key_before


def test_todays_queue_is_planned_once_per_day_and_within_the_plan(user, deck, cards):
    exam_plan_set(
        user=user,
        exam_date=timezone.now().date() + timedelta(days=3),
        daily_minutes=30,
        deck_ids=[deck.id],
    )
    queue = exam_plan_queue(user=user)
    assert set(queue) <= {c.id for c in cards} and queue  # all new cards get introduced early
    assert exam_plan_queue(user=user) == queue


@pytest.mark.parametrize(
    ("days", "minutes", "decks", "message"),
    [
        (-2, 10, "mine", "today or later"),
        (3, 0, "mine", "1 to 600 minutes"),
        (3, 601, "mine", "1 to 600 minutes"),
        (3, 10, "none", "at least one deck"),
        (3, 10, "other", "Unknown deck"),
    ],
)
def test_bad_plans_are_refused(user, deck, days, minutes, decks, message):
    from questions.models import Deck
    from tests.factories import UserFactory

    ids = {
        "mine": [deck.id],
        "none": [],
        "other": [Deck.objects.create(owner=UserFactory(), slug="x", name="X").id],
    }
    with pytest.raises(FlashcardError, match=message):
        exam_plan_set(
            user=user,
            exam_date=timezone.now().date() + timedelta(days=days),
            daily_minutes=minutes,
            deck_ids=ids[decks],
        )
    assert not ExamPlan.objects.filter(user=user).exists()


def test_after_the_exam_there_is_no_planned_queue(user, deck, cards):
    exam_plan_set(
        user=user,
        exam_date=timezone.now().date(),
        daily_minutes=10,
        deck_ids=[deck.id],
        exam_hour=0,
    )
    assert exam_plan_queue(user=user, now=timezone.now() + timedelta(days=2)) is None
