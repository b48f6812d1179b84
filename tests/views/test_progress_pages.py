"""Progress page, practice mode, and the export/import round trip of a learner's data."""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from questions.models import (
    CardSchedule,
    Deck,
    PracticeAnswer,
    PracticeTest,
    ReviewLog,
)
from questions.selectors.progress import due_forecast, reviews_per_day, true_retention
from questions.services import flashcards as service
from questions.services.exam_plans import exam_plan_set
from questions.services.learner_data import (
    LearnerDataError,
    learner_data_export,
    learner_data_import,
)
from questions.services.practice import practice_test_submit, response_save
from tests.factories import CardFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(user, start_test, topics):
    """Two submitted tests, a few reviews and drills, a practice answer and an exam plan."""
    call_command("load_content", verbosity=0)
    for _ in range(2):
        test = start_test(user, templates=("matrix-product", "conv2d-output-size"), count=4)
        first = test.items.select_related("variant").get(index=0)
        response_save(user=user, test_id=test.id, index=0, response=first.variant.answer)
        practice_test_submit(user=user, test_id=test.id)
    own = service.deck_create(user=user, name="Own")
    cards = [CardFactory(deck=own, front=f"q{i}", back="a", tags="x y") for i in range(3)]
    start = timezone.now() - timedelta(days=3)
    for i, card in enumerate(cards):
        service.review_record(
            user=user, card_id=card.id, rating=3 if i else 1, reviewed_at=start, now=start
        )
    builtin = Deck.objects.filter(owner__isnull=True).first()
    service.review_record(user=user, card_id=builtin.cards.first().id, rating=4)
    drill, _ = service.drill_card_for_template(deck=own, template_slug="conv2d-output-size")
    variant = service.drill_question(user=user, card=drill)
    service.review_record(user=user, card_id=drill.id, rating=None, response=variant.answer)
    from questions.services.adaptive import practice_answer, practice_next

    open_question = practice_next(user=user)
    practice_answer(user=user, answer_id=open_question.id, response="0")
    exam_plan_set(
        user=user,
        exam_date=timezone.now().date() + timedelta(days=10),
        daily_minutes=20,
        deck_ids=[own.id, builtin.id],
    )
    return own


def test_progress_page_with_history(learner_client, history):
    html = learner_client.get(reverse("progress")).content.decode()
    for text in ("Exam readiness", "What to do next", "Mastery by topic", "Practice-test scores",
                 "Reviews per day", "Due in the next 30 days", "Desired retention", "Cards by state",
                 "Export all my data"):  # fmt: skip
        assert text in html, text
    assert 'id="progress-data"' in html and '"heatmap"' in html
    assert "vendor/chart.umd.min.js" in html and "cdn" not in html.lower()


def test_progress_page_for_a_new_learner(learner_client):
    html = learner_client.get(reverse("progress")).content.decode()
    assert "No graded answers yet" in html and "Take a practice test" in html


def test_progress_page_query_count_is_bounded(
    learner_client, history, django_assert_max_num_queries
):
    with django_assert_max_num_queries(30):
        learner_client.get(reverse("progress"))


def test_practice_mode_grades_at_once_and_moves_on(learner_client, user, topics):
    page = learner_client.get(reverse("practice-mode")).content.decode()
    answer = PracticeAnswer.objects.get(user=user)
    assert "Check" in page and answer.variant.solution[:30] not in page
    assert learner_client.get(reverse("practice-mode")).content.decode().count("Check") >= 1
    assert PracticeAnswer.objects.filter(user=user).count() == 1  # same open question on reload
    graded = learner_client.post(
        reverse("practice-mode"), {"answer": answer.id, "response": answer.variant.answer}
    ).content.decode()
    assert "✓ Correct" in graded and "Worked solution" in graded and "Next question" in graded
    learner_client.get(reverse("practice-mode"))
    assert PracticeAnswer.objects.filter(user=user).count() == 2


@pytest.mark.parametrize(
    ("zone_name", "expected"),
    [
        ("Asia/Shanghai", {date(2026, 11, 21): 1, date(2026, 11, 22): 1}),
        ("America/Los_Angeles", {date(2026, 11, 21): 2}),
    ],
)
def test_reviews_per_day_use_the_learners_zone(zone_name, expected):
    """Reviews at 10:00 and 17:00 UTC on Nov 21: 18:00 and 01:00 (next day) in Shanghai,
    02:00 and 09:00 in Los Angeles (days starting at midnight)."""
    learner = UserFactory()
    settings = service.study_settings_update(user=learner, timezone=zone_name, day_starts_hour=0)
    deck = Deck.objects.create(owner=learner, slug="z", name="Z")
    for when in (datetime(2026, 11, 21, 10, tzinfo=UTC), datetime(2026, 11, 21, 17, tzinfo=UTC)):
        card = CardFactory(deck=deck)
        service.review_record(user=learner, card_id=card.id, rating=4, reviewed_at=when, now=when)
    now = datetime(2026, 11, 22, 12, tzinfo=UTC)
    assert reviews_per_day(user=learner, settings=settings, now=now, days=5) == expected


@pytest.fixture
def deck_with_reviews_at(user):
    deck = Deck.objects.create(owner=user, slug="z", name="Z")
    for when in (datetime(2026, 11, 21, 10, tzinfo=UTC), datetime(2026, 11, 21, 17, tzinfo=UTC)):
        card = CardFactory(deck=deck)
        service.review_record(user=user, card_id=card.id, rating=4, reviewed_at=when, now=when)
    return deck


def test_due_forecast_and_true_retention(user, deck_with_reviews_at):
    settings = service.study_settings_get(user=user)
    now = datetime(2026, 11, 21, 18, tzinfo=UTC)
    forecast = dict(due_forecast(user=user, settings=settings, now=now, days=30))
    assert sum(forecast.values()) == 2 and len(forecast) == 30
    retention = true_retention(user=user, settings=settings, now=now)
    assert retention.reviews == 0 and retention.true is None  # only first reviews so far
    card = CardSchedule.objects.filter(user=user).first().card
    due = CardSchedule.objects.get(user=user, card=card).due
    service.review_record(user=user, card_id=card.id, rating=1, reviewed_at=due, now=due)
    retention = true_retention(user=user, settings=settings, now=due)
    assert (retention.reviews, retention.recalled, retention.true) == (1, 0, 0.0)


def _normalised(data):
    data = json.loads(json.dumps(data))
    data.pop("exported_at")
    data.pop("username")
    return data


def test_export_import_round_trip_is_lossless(user, history):
    exported = learner_data_export(user=user)
    assert len(exported["tests"]) == 2 and exported["review_logs"] and exported["exam_plan"]
    other = UserFactory()
    counts = learner_data_import(user=other, data=json.loads(json.dumps(exported)))
    assert counts["tests"] == 2 and counts["reviews"] == len(exported["review_logs"])
    assert _normalised(learner_data_export(user=other)) == _normalised(exported)
    assert PracticeTest.objects.filter(user=other).count() == 2
    assert (
        ReviewLog.objects.filter(user=other).count() == ReviewLog.objects.filter(user=user).count()
    )
    settings = service.study_settings_get(user=other)
    from questions.selectors.flashcards import deck_summaries

    mine = {
        d.name: d.new_count
        for d in deck_summaries(user=user, settings=settings, now=timezone.now())
    }
    theirs = {
        d.name: d.new_count
        for d in deck_summaries(user=other, settings=settings, now=timezone.now())
    }
    assert mine == theirs


def test_import_refuses_a_used_account_and_bad_files(user, history):
    exported = learner_data_export(user=user)
    with pytest.raises(LearnerDataError, match="already has tests"):
        learner_data_import(user=user, data=exported)
    fresh = UserFactory()
    broken = json.loads(json.dumps(exported))
    broken["tests"][0]["items"][0]["variant"] = "v999"
    with pytest.raises(LearnerDataError, match=r"tests\[0\]\.items\[0\]\.variant: unknown variant"):
        learner_data_import(user=fresh, data=broken)
    assert not PracticeTest.objects.filter(user=fresh).exists()  # nothing half-imported
    with pytest.raises(LearnerDataError, match="format or version"):
        learner_data_import(user=fresh, data={"format": "anki"})


def test_export_and_import_pages(learner_client, user, history, client):
    response = learner_client.get(reverse("data-export"))
    assert response["Content-Disposition"].startswith('attachment; filename="cram-')
    upload = io.BytesIO(response.content)
    upload.name = "export.json"
    fresh = UserFactory()
    client.force_login(fresh)
    client.post(reverse("data-import"), {"file": upload})
    assert PracticeTest.objects.filter(user=fresh).count() == 2
    bad = io.BytesIO(b"not json")
    bad.name = "x.json"
    follow = client.post(reverse("data-import"), {"file": bad}, follow=True).content.decode()
    assert "not JSON" in follow
