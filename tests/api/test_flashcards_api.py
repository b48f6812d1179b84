"""The flashcard API: decks, cards CRUD, due queue, reviews, undo, exam plan, ownership."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from questions.models import Card, Deck
from questions.services import flashcards as service
from tests.factories import CardFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(api_client, user):
    api_client.force_authenticate(user)
    return api_client


@pytest.fixture
def starter(topics):
    from django.core.management import call_command

    call_command("load_content", verbosity=0)
    return Deck.objects.filter(owner__isnull=True)


def test_deck_list_shows_counts_for_starter_and_own_decks(api, starter):
    created = api.post("/api/v1/decks/", {"name": "Attention formulas"}, format="json")
    assert created.status_code == 201
    decks = {d["name"]: d for d in api.get("/api/v1/decks/").json()}
    assert "Attention formulas" in decks and len(decks) == starter.count() + 1
    math = (
        decks["Mathematics essentials"]
        if "Mathematics essentials" in decks
        else next(d for d in decks.values() if d["builtin"])
    )
    assert set(math) >= {"id", "name", "card_count", "new_count", "due_count"}
    assert math["new_count"] == math["card_count"] > 0 and math["due_count"] == 0


def test_cards_crud_on_own_decks(api, user):
    deck = api.post("/api/v1/decks/", {"name": "Mine"}, format="json").json()
    made = api.post(
        "/api/v1/cards/",
        {
            "deck": deck["id"],
            "front": "What is $\\sigma'(z)$?",
            "back": "$\\sigma(z)(1-\\sigma(z))$",
            "tags": ["Sigmoid", "formula"],
        },
        format="json",
    )
    assert made.status_code == 201
    card = made.json()
    assert card["tags"] == ["sigmoid", "formula"] and card["state"] == "new"
    updated = api.put(
        f"/api/v1/cards/{card['id']}/",
        {"deck": deck["id"], "front": "Changed", "back": "b"},
        format="json",
    )
    assert updated.status_code == 200 and updated.json()["front"] == "Changed"
    listed = api.get(f"/api/v1/cards/?deck={deck['id']}").json()
    assert [c["id"] for c in listed] == [card["id"]]
    assert api.delete(f"/api/v1/cards/{card['id']}/").status_code == 204
    assert not Card.objects.filter(pk=card["id"]).exists()


def test_built_in_cards_are_read_only_and_others_are_invisible(api, api_client, starter, user):
    builtin = Card.objects.filter(deck__owner__isnull=True).first()
    assert api.get(f"/api/v1/cards/{builtin.id}/").status_code == 200
    response = api.put(
        f"/api/v1/cards/{builtin.id}/", {"deck": builtin.deck_id, "front": "x"}, format="json"
    )
    assert response.status_code in (403, 404)
    assert api.delete(f"/api/v1/cards/{builtin.id}/").status_code == 403
    own = api.post("/api/v1/decks/", {"name": "Private"}, format="json").json()
    card = api.post(
        "/api/v1/cards/", {"deck": own["id"], "front": "secret", "back": "s"}, format="json"
    ).json()
    api_client.force_authenticate(UserFactory())
    assert api_client.get(f"/api/v1/cards/{card['id']}/").status_code == 404
    assert api_client.delete(f"/api/v1/cards/{card['id']}/").status_code == 404
    assert (
        api_client.post(
            "/api/v1/cards/", {"deck": own["id"], "front": "x"}, format="json"
        ).status_code
        == 404
    )
    assert (
        api_client.post(
            "/api/v1/reviews/", {"card": card["id"], "rating": 3}, format="json"
        ).status_code
        == 404
    )
    assert "secret" not in json.dumps(api_client.get("/api/v1/cards/?q=secret").json())
    assert api_client.get(f"/api/v1/reviews/due/?deck={own['id']}").status_code == 404


def test_due_then_review_then_undo(api, user):
    deck = Deck.objects.create(owner=user, slug="d", name="D")
    card = CardFactory(deck=deck, front="2+2?", back="4")
    due = api.get(f"/api/v1/reviews/due/?deck={deck.id}&limit=5").json()
    assert due == [
        {"card": card.id, "kind": "basic", "front": "2+2?", "front_html": "<p>2+2?</p>\n"}
    ]
    reviewed = api.post(
        "/api/v1/reviews/", {"card": card.id, "rating": 4, "duration_ms": 3000}, format="json"
    )
    assert reviewed.status_code == 201
    body = reviewed.json()
    assert body["state"] == "review" and body["interval_days"] >= 1
    assert set(body) >= {
        "card",
        "due",
        "interval_days",
        "state",
        "stability",
        "difficulty",
        "retrievability",
    }
    assert api.get(f"/api/v1/reviews/due/?deck={deck.id}").json() == []
    assert api.post("/api/v1/reviews/undo/").json() == {"card": card.id}
    assert len(api.get(f"/api/v1/reviews/due/?deck={deck.id}").json()) == 1


def test_offline_review_times_are_validated(api, user):
    deck = Deck.objects.create(owner=user, slug="d", name="D")
    card = CardFactory(deck=deck, front="f", back="b")
    future = (timezone.now() + timedelta(days=1)).isoformat()
    response = api.post(
        "/api/v1/reviews/", {"card": card.id, "rating": 3, "reviewed_at": future}, format="json"
    )
    assert response.status_code == 400 and "future" in response.json()["detail"]
    now = timezone.now()
    api.post(
        "/api/v1/reviews/",
        {"card": card.id, "rating": 3, "reviewed_at": now.isoformat()},
        format="json",
    )
    earlier = (now - timedelta(hours=2)).isoformat()
    conflict = api.post(
        "/api/v1/reviews/", {"card": card.id, "rating": 3, "reviewed_at": earlier}, format="json"
    )
    assert conflict.status_code == 409
    assert (
        api.post("/api/v1/reviews/", {"card": card.id, "rating": 7}, format="json").status_code
        == 400
    )


def test_drill_cards_in_the_api_never_reveal_the_answer(api, user, topics):
    deck = Deck.objects.create(owner=user, slug="d", name="D")
    card, _ = service.drill_card_for_template(deck=deck, template_slug="matrix-product")
    due = api.get(f"/api/v1/reviews/due/?deck={deck.id}").json()
    assert due[0]["kind"] == "drill" and set(due[0]["variant"]) >= {"id", "prompt", "kind"}
    from questions.models import Variant

    variant = Variant.objects.get(pk=due[0]["variant"]["id"])
    assert variant.answer not in json.dumps(due) and variant.solution[:30] not in json.dumps(due)
    graded = api.post(
        "/api/v1/reviews/", {"card": card.id, "response": variant.answer}, format="json"
    ).json()
    assert graded["verdict"]["correct"] is True and graded["rating"] == 3


def test_exam_plan_get_and_put(api, user):
    deck = Deck.objects.create(owner=user, slug="d", name="D")
    for i in range(4):
        CardFactory(deck=deck, front=f"q{i}", back="a")
    assert api.get("/api/v1/exam-plan/").status_code == 404
    exam = (timezone.now() + timedelta(days=7)).date().isoformat()
    response = api.put(
        "/api/v1/exam-plan/",
        {"exam_date": exam, "daily_minutes": 15, "decks": [deck.id]},
        format="json",
    )
    assert response.status_code == 200
    body = response.json()
    assert body["exam_date"] == exam and body["decks"] == [deck.id]
    assert 0 < body["plan"]["predicted_recall"] <= 1 and body["plan"]["total_cards"] == 4
    past = api.put(
        "/api/v1/exam-plan/",
        {"exam_date": "2020-01-01", "daily_minutes": 15, "decks": [deck.id]},
        format="json",
    )
    assert past.status_code == 400 and "today or later" in past.json()["detail"]


def test_reviews_through_the_api_equal_the_reference_scheduler(api, user):
    """Review sequences replayed through POST /api/v1/reviews/ with reviewed_at, and through
    fsrs.Scheduler directly: the same stability, difficulty and due."""
    from datetime import UTC, datetime

    import fsrs
    import numpy as np

    from tests.factories import CardFactory

    deck = Deck.objects.create(owner=user, slug="replay", name="Replay")
    rng = np.random.default_rng(11)
    reference = fsrs.Scheduler(enable_fuzzing=False)
    start = datetime(2026, 3, 1, 8, tzinfo=UTC)
    for _ in range(4):
        card = CardFactory(deck=deck)
        expected = fsrs.Card()
        when = start
        for _ in range(10):
            when += timedelta(hours=float(rng.uniform(0.1, 24 * 15)))
            rating = int(rng.integers(1, 5))
            body = api.post(
                "/api/v1/reviews/",
                {"card": card.id, "rating": rating, "reviewed_at": when.isoformat()},
                format="json",
            ).json()
            expected, _ = reference.review_card(expected, fsrs.Rating(rating), when)
            assert datetime.fromisoformat(body["due"].replace("Z", "+00:00")) == expected.due
            assert body["stability"] == pytest.approx(expected.stability, rel=1e-12)
            assert body["difficulty"] == pytest.approx(expected.difficulty, rel=1e-12)
