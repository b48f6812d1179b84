"""Reviewing with FSRS: equal to the reference scheduler, limits, undo, drills, time zones."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import fsrs
import numpy as np
import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from questions.models import CardSchedule, ReviewLog
from questions.selectors.flashcards import daily_limits, due_queue
from questions.services import flashcards as service
from questions.services.flashcards import FlashcardError, ReviewConflict, review_record
from tests.factories import CardFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_first_review_creates_the_schedule_and_logs_it(user, cards):
    now = timezone.now()
    result = review_record(user=user, card_id=cards[0].id, rating=3, now=now, duration_ms=4200)
    schedule = CardSchedule.objects.get(user=user, card=cards[0])
    assert schedule.state == "learning" and schedule.reps == 1 and schedule.last_review == now
    assert result.retrievability is None and result.interval == timedelta(minutes=10)
    log = ReviewLog.objects.get(user=user)
    assert log.state_before is None and log.rating == 3 and log.duration_ms == 4200


def test_scheduling_equals_the_reference_fsrs_scheduler(user, cards):
    """Random rating sequences at irregular times, through the service and through
    fsrs.Scheduler directly: same stability, difficulty and due."""
    rng = np.random.default_rng(7)
    reference = fsrs.Scheduler(enable_fuzzing=False)
    start = datetime(2026, 1, 1, 9, tzinfo=UTC)
    for card in cards:
        fsrs_card = fsrs.Card()
        when = start
        for _ in range(12):
            when += timedelta(hours=float(rng.uniform(0.05, 24 * 20)))
            rating = int(rng.integers(1, 5))
            review_record(user=user, card_id=card.id, rating=rating, reviewed_at=when, now=when)
            fsrs_card, _ = reference.review_card(fsrs_card, fsrs.Rating(rating), when)
            ours = CardSchedule.objects.get(user=user, card=card)
            assert ours.due == fsrs_card.due
            assert ours.stability == pytest.approx(fsrs_card.stability, rel=1e-12)
            assert ours.difficulty == pytest.approx(fsrs_card.difficulty, rel=1e-12)


def test_offline_reviews_are_checked_against_the_clock(user, cards):
    now = timezone.now()
    with pytest.raises(FlashcardError, match="in the future"):
        review_record(
            user=user, card_id=cards[0].id, rating=3, reviewed_at=now + timedelta(hours=1), now=now
        )
    review_record(user=user, card_id=cards[0].id, rating=3, now=now)
    with pytest.raises(ReviewConflict, match="before this card's last review"):
        review_record(
            user=user, card_id=cards[0].id, rating=3, reviewed_at=now - timedelta(hours=1), now=now
        )
    with pytest.raises(FlashcardError, match="Rating must be"):
        review_record(user=user, card_id=cards[0].id, rating=5, now=now)


def test_undo_puts_the_card_back(user, cards):
    now = timezone.now()
    review_record(user=user, card_id=cards[0].id, rating=3, now=now)
    first = CardSchedule.objects.get(user=user, card=cards[0])
    review_record(user=user, card_id=cards[0].id, rating=1, now=now + timedelta(minutes=11))
    assert service.review_undo(user=user).id == cards[0].id
    restored = CardSchedule.objects.get(user=user, card=cards[0])
    assert (restored.due, restored.stability, restored.reps) == (first.due, first.stability, 1)
    assert ReviewLog.objects.filter(user=user).count() == 1
    service.review_undo(user=user)
    assert CardSchedule.objects.get(user=user, card=cards[0]).last_review is None  # new again
    with pytest.raises(FlashcardError, match="no review to undo"):
        service.review_undo(user=user)


def test_daily_limits_cap_new_cards_and_reviews(user, cards, settings_for):
    settings = settings_for(user, new_per_day=2)
    now = timezone.now()
    queue = due_queue(user=user, settings=settings, now=now)
    assert len(queue.new) == 2
    for card_id in queue.new:
        review_record(user=user, card_id=card_id, rating=4, now=now)  # Easy: straight to review
    assert daily_limits(user=user, settings=settings, now=now).new_left == 0
    assert due_queue(user=user, settings=settings, now=now).new == []


def test_suspended_and_buried_cards_leave_the_queue(user, cards, settings_for):
    settings = settings_for(user)
    now = timezone.now()
    service.card_suspend(user=user, card_id=cards[0].id, suspended=True)
    service.card_bury(user=user, card_id=cards[1].id, now=now)
    queue = due_queue(user=user, settings=settings, now=now)
    assert cards[0].id not in queue.card_ids and cards[1].id not in queue.card_ids
    assert (
        cards[1].id in due_queue(user=user, settings=settings, now=now + timedelta(days=1)).card_ids
    )


@pytest.mark.parametrize(
    ("zone_name", "due_today"),
    [("Asia/Shanghai", False), ("America/Los_Angeles", True)],
)
def test_today_follows_the_learners_time_zone(user, cards, settings_for, zone_name, due_today):
    """A card due at 22:30 UTC on the 22nd is tomorrow's card in Shanghai (06:30 on the 23rd)
    but today's card in Los Angeles (14:30 on the 22nd), both seen at 15:00 UTC."""
    settings = settings_for(user, timezone=zone_name, day_starts_hour=4)
    learned = datetime(2026, 11, 1, 12, tzinfo=UTC)
    review_record(user=user, card_id=cards[0].id, rating=4, now=learned)
    CardSchedule.objects.filter(user=user, card=cards[0]).update(
        due=datetime(2026, 11, 22, 22, 30, tzinfo=UTC)
    )
    now = datetime(2026, 11, 22, 15, 0, tzinfo=UTC)
    queue = due_queue(user=user, settings=settings, now=now)
    assert (cards[0].id in queue.review) is due_today


def test_drill_cards_show_a_fresh_variant_and_grade_the_response(user, drill_card):
    variant = service.drill_question(user=user, card=drill_card)
    assert service.drill_question(user=user, card=drill_card).id == variant.id  # until answered
    result = review_record(user=user, card_id=drill_card.id, rating=None, response=variant.answer)
    assert result.verdict.correct and result.rating == 3  # suggested Good
    log = ReviewLog.objects.get(user=user)
    assert log.variant_id == variant.id and log.correct is True
    later = timezone.now() + timedelta(minutes=11)
    fresh = service.drill_question(user=user, card=drill_card, now=later)
    assert fresh.id != variant.id
    wrong = review_record(user=user, card_id=drill_card.id, rating=None, response="-1", now=later)
    assert not wrong.verdict.correct and wrong.rating == 1  # suggested Again
    override = service.drill_question(user=user, card=drill_card, now=later + timedelta(minutes=1))
    kept = review_record(
        user=user,
        card_id=drill_card.id,
        rating=2,
        response=override.answer,
        now=later + timedelta(minutes=1),
    )
    assert kept.rating == 2 and kept.verdict.correct


def test_a_drill_review_needs_a_shown_question(user, drill_card):
    with pytest.raises(FlashcardError, match="no drill question was shown"):
        review_record(user=user, card_id=drill_card.id, rating=3, response="1")


def test_cards_of_other_learners_are_invisible(user, cards):
    stranger = UserFactory()
    with pytest.raises(service.Card.DoesNotExist):
        review_record(user=stranger, card_id=cards[0].id, rating=3)


@pytest.mark.django_db(transaction=True)
def test_concurrent_reviews_of_one_card_apply_one_after_the_other(topics):
    from questions.models import Deck

    user = UserFactory()
    card = CardFactory(
        deck=Deck.objects.create(owner=user, slug="d", name="D"), front="f", back="b"
    )
    barrier = threading.Barrier(2)
    errors = []

    def answer(rating):
        try:
            barrier.wait(timeout=10)
            review_record(user=user, card_id=card.id, rating=rating)
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=answer, args=(rating,)) for rating in (3, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    # Either both answers apply in turn, or the later-stamped one is refused as a conflict;
    # never a lost update or a crash.
    assert all(isinstance(e, ReviewConflict) for e in errors) and len(errors) <= 1
    schedule = CardSchedule.objects.get(user=user, card=card)
    logs = list(ReviewLog.objects.filter(card=card).order_by("id"))
    assert schedule.reps == len(logs) == 2 - len(errors)
    assert logs[0].state_before is None
    if len(logs) == 2:
        assert logs[1].state_before is not None


def test_mistakes_from_a_test_become_drill_cards_once(user, start_test):
    from questions.models import Card
    from questions.services.practice import practice_test_submit

    test = start_test(user, templates=("matrix-product", "conv2d-output-size"), count=4)
    practice_test_submit(user=user, test_id=test.id)  # nothing answered: all wrong
    assert service.mistakes_to_drill_cards(user=user, test_id=test.id) == 2
    assert service.mistakes_to_drill_cards(user=user, test_id=test.id) == 0
    drills = Card.objects.filter(deck__owner=user, kind="drill")
    assert sorted(drills.values_list("template_slug", flat=True)) == [
        "conv2d-output-size",
        "matrix-product",
    ]
    assert drills.first().deck.name == "My mistakes"


def test_study_settings_are_validated(user):
    with pytest.raises(FlashcardError, match="Unknown time zone"):
        service.study_settings_update(user=user, timezone="Mars/Base")
    with pytest.raises(ValidationError, match=r"0\.7"):
        service.study_settings_update(user=user, desired_retention=0.5)


def test_optimising_needs_enough_reviews(user, cards):
    review_record(user=user, card_id=cards[0].id, rating=3)
    with pytest.raises(FlashcardError, match="at least"):
        service.parameters_optimise(user=user)


def test_optimising_fits_parameters_and_reschedules(user, deck):

    rng = np.random.default_rng(3)
    start = datetime(2026, 1, 1, 9, tzinfo=UTC)
    many = [CardFactory(deck=deck, front=f"q{i}", back="a") for i in range(60)]
    for card in many:
        when = start + timedelta(hours=float(rng.uniform(0, 48)))
        for _ in range(9):
            rating = 1 if rng.random() < 0.15 else 3
            review_record(user=user, card_id=card.id, rating=rating, reviewed_at=when, now=when)
            when += timedelta(days=float(rng.uniform(1, 6)))
    settings = service.parameters_optimise(user=user, now=when)
    assert len(settings.parameters) == len(fsrs.scheduler.DEFAULT_PARAMETERS)
    assert settings.parameters != list(fsrs.scheduler.DEFAULT_PARAMETERS)
    assert settings.optimised_reviews == 540
    fsrs.Scheduler(parameters=settings.parameters)  # a valid parameter set
