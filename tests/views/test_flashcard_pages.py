"""Flashcard pages: home, study session (reveal, rate, undo, drill), browser, forms, import,
export, settings, exam plan; ownership and query counts."""

from __future__ import annotations

import io
import zipfile
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from questions.models import Card, CardSchedule, Deck, ExamPlan, ReviewLog
from questions.services import flashcards as service
from tests.factories import CardFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def starter(topics):
    call_command("load_content", verbosity=0)


@pytest.fixture
def own_deck(user):
    deck = Deck.objects.create(owner=user, slug="own", name="Own deck")
    for i in range(3):
        CardFactory(deck=deck, front=f"What is $x^{i}$?", back=f"Answer {i}", tags="algebra")
    return deck


def test_home_lists_decks_with_counts(learner_client, starter):
    html = learner_client.get(reverse("flashcards")).content.decode()
    assert "Mathematics" in html or "essentials" in html
    assert "Study now" in html and "new" in html and "Plan for an exam" in html


def test_study_reveal_rate_and_undo(learner_client, user, own_deck):
    url = reverse("study") + f"?deck={own_deck.id}"
    front = learner_client.get(url).content.decode()
    first = own_deck.cards.order_by("id").first()
    assert "What is" in front and "Show answer" in front and "Answer 0" not in front
    revealed = learner_client.get(f"{url}&card={first.id}&reveal=1").content.decode()
    assert "Answer 0" in revealed
    for name in ("Again", "Hard", "Good", "Easy"):
        assert name in revealed
    assert "10m" in revealed  # Good on a new card: the 10-minute learning step
    response = learner_client.post(
        reverse("study-rate"),
        {"card": first.id, "rating": 4, "deck": own_deck.id, "duration_ms": "5000"},
    )
    assert response.status_code == 302
    log = ReviewLog.objects.get(user=user)
    assert log.rating == 4 and log.duration_ms == 5000
    learner_client.post(reverse("study-undo"), {"deck": own_deck.id})
    assert not ReviewLog.objects.filter(user=user).exists()


def test_finishing_shows_a_summary(learner_client, user, own_deck):
    for card in own_deck.cards.all():
        service.review_record(user=user, card_id=card.id, rating=4)
    html = learner_client.get(reverse("study") + f"?deck={own_deck.id}").content.decode()
    assert "Done for now" in html and "You reviewed <strong>3</strong> cards today" in html


def test_drill_cards_are_checked_then_rated(learner_client, user, own_deck, topics):
    card, _ = service.drill_card_for_template(deck=own_deck, template_slug="conv2d-output-size")
    own_deck.cards.exclude(pk=card.pk).delete()
    page = learner_client.get(reverse("study") + f"?deck={own_deck.id}").content.decode()
    variant = CardSchedule.objects.get(user=user, card=card).pending_variant
    assert "Check answer" in page and "Worked solution" not in page and "Add one" not in page
    checked = learner_client.post(
        reverse("study-check"), {"card": card.id, "deck": own_deck.id, "response": variant.answer}
    ).content.decode()
    assert "✓ Correct" in checked and "Worked solution" in checked and "is-suggested" in checked
    learner_client.post(
        reverse("study-rate"),
        {"card": card.id, "deck": own_deck.id, "rating": 3, "response": variant.answer},
    )
    log = ReviewLog.objects.get(user=user)
    assert log.correct is True and log.variant_id == variant.id


def test_browser_filters(learner_client, user, own_deck, starter):
    html = learner_client.get(reverse("card-browser") + "?q=What+is&tag=algebra").content.decode()
    assert "3 cards" in html
    html = learner_client.get(
        reverse("card-browser") + f"?deck={own_deck.id}&state=due"
    ).content.decode()
    assert "0 cards" in html
    assert learner_client.get(reverse("card-browser") + "?page=999").status_code == 200


def test_card_forms_create_edit_delete(learner_client, user, own_deck, topics):
    response = learner_client.post(
        reverse("card-new"),
        {
            "deck": own_deck.id,
            "front": "New $y$",
            "back": "b",
            "tags": "One Two",
            "topic": "calculus",
        },
    )
    assert response.status_code == 302
    card = Card.objects.get(front="New $y$")
    assert card.tags == "one two" and card.topic.slug == "calculus"
    learner_client.post(
        reverse("card-edit", args=[card.id]), {"deck": own_deck.id, "front": "Edited", "back": "b"}
    )
    card.refresh_from_db()
    assert card.front == "Edited"
    preview = learner_client.post(
        reverse("card-preview"), {"front": "$x^2$", "back": "**b**"}
    ).content.decode()
    assert "<math" in preview and "<strong>b</strong>" in preview
    learner_client.post(reverse("card-delete", args=[card.id]))
    assert not Card.objects.filter(pk=card.id).exists()


def test_built_in_cards_cannot_be_edited_by_learners(learner_client, own_deck, starter):
    builtin = Card.objects.filter(deck__owner__isnull=True).first()
    assert learner_client.get(reverse("card-edit", args=[builtin.id])).status_code == 404
    learner_client.post(reverse("card-delete", args=[builtin.id]))
    assert Card.objects.filter(pk=builtin.id).exists()


def test_csv_import_is_all_or_nothing(learner_client, own_deck):
    good = io.BytesIO(b"front,back,tags\nWhat is 2+2?,4,arith\nCapital of France?,Paris,geo\n")
    good.name = "cards.csv"
    response = learner_client.post(reverse("cards-import"), {"file": good, "deck": own_deck.id})
    assert response.status_code == 302 and own_deck.cards.count() == 5
    bad = io.BytesIO(b"front,back\nok,fine\nonly-one-column\n")
    bad.name = "bad.csv"
    response = learner_client.post(reverse("cards-import"), {"file": bad, "deck": own_deck.id})
    assert (
        response.status_code == 400 and "Line 3: found only one column" in response.content.decode()
    )
    assert own_deck.cards.count() == 5


def test_malformed_apkg_imports_nothing(learner_client, user):
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("collection.anki21b", b"zstd bytes")
    broken.seek(0)
    broken.name = "new.apkg"
    response = learner_client.post(reverse("cards-import"), {"file": broken})
    assert (
        response.status_code == 400 and "Support older Anki versions" in response.content.decode()
    )
    assert not Deck.objects.filter(owner=user).exists()


def test_export_and_reimport_round_trip(learner_client, user, own_deck):
    csv = learner_client.get(reverse("deck-export", args=[own_deck.id, "csv"]))
    assert csv["Content-Disposition"] == 'attachment; filename="own.csv"'
    apkg = learner_client.get(reverse("deck-export", args=[own_deck.id, "apkg"]))
    assert apkg.content[:2] == b"PK"
    upload = io.BytesIO(apkg.content)
    upload.name = "own.apkg"
    learner_client.post(reverse("cards-import"), {"file": upload})
    copy = Deck.objects.filter(owner=user).exclude(pk=own_deck.pk).get()
    assert sorted(copy.cards.values_list("front", flat=True)) == sorted(
        own_deck.cards.values_list("front", flat=True)
    )


def test_settings_and_exam_plan_pages(learner_client, user, own_deck):
    response = learner_client.post(
        reverse("study-settings"),
        {
            "desired_retention": 0.85,
            "learning_steps": "1 10",
            "relearning_steps": "10",
            "maximum_interval_days": 365,
            "new_per_day": 10,
            "reviews_per_day": 100,
            "timezone": "Asia/Shanghai",
            "day_starts_hour": 4,
        },
    )
    assert response.status_code == 302
    settings = service.study_settings_get(user=user)
    assert settings.desired_retention == 0.85 and settings.timezone == "Asia/Shanghai"
    assert settings.learning_steps_s == [60, 600]
    exam = (timezone.now() + timedelta(days=14)).date()
    response = learner_client.post(
        reverse("exam-plan"),
        {"exam_date": exam, "exam_hour": 9, "daily_minutes": 15, "decks": [own_deck.id]},
    )
    assert response.status_code == 302
    page = learner_client.get(reverse("exam-plan")).content.decode()
    assert "predicted recall on the exam morning" in page and "Minutes per day" in page
    assert ExamPlan.objects.get(user=user).daily_minutes == 15


def test_mistakes_button_on_the_review_page(learner_client, user, start_test):
    from questions.services.practice import practice_test_submit

    test = start_test(user, templates=("matrix-product",), count=2)
    practice_test_submit(user=user, test_id=test.id)
    review = learner_client.get(reverse("practice-test", args=[test.id])).content.decode()
    assert "Add my 2 mistakes to flashcards" in review
    learner_client.post(reverse("practice-test-mistakes-to-cards", args=[test.id]))
    assert Card.objects.filter(
        deck__owner=user, kind="drill", template_slug="matrix-product"
    ).exists()


def test_other_learners_decks_are_404(client, own_deck):
    client.force_login(UserFactory())
    assert client.get(reverse("deck-detail", args=[own_deck.id])).status_code == 404
    assert client.get(reverse("deck-export", args=[own_deck.id, "csv"])).status_code == 404
    assert client.get(reverse("study") + f"?deck={own_deck.id}").status_code == 404
    card = own_deck.cards.first()
    assert client.post(reverse("card-action", args=[card.id, "suspend"])).status_code == 404


def test_flashcard_pages_have_a_bounded_query_count(
    learner_client, user, starter, django_assert_max_num_queries
):
    for card in Card.objects.all()[:30]:
        service.review_record(user=user, card_id=card.id, rating=3)
    for name in ("flashcards", "study", "card-browser"):
        with django_assert_max_num_queries(25):
            assert learner_client.get(reverse(name)).status_code == 200
