"""Practice-test pages: build, take, the no-JavaScript path, submit, review; no leaks."""

from __future__ import annotations

import pytest
from django.urls import reverse

from questions.models import PracticeTest
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_pages_need_a_login(client):
    response = client.get(reverse("practice-test-list"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_list_page_offers_presets_and_the_build_form(learner_client, topics):
    html = learner_client.get(reverse("practice-test-list")).content.decode()
    assert "Online test: Math + ML + DL + NLP" in html and "Quick 5-minute drill" in html
    assert "Finish a test or two" in html  # no weak topics yet
    assert 'name="areas"' in html and "Convolutional layers" in html


def test_building_from_the_form_starts_the_test(learner_client, user, topics):
    response = learner_client.post(
        reverse("practice-test-create"),
        {"areas": ["dl"], "count": 4, "minutes": 10, "difficulty": "", "layout": "all"},
    )
    test = PracticeTest.objects.get(user=user)
    assert response.status_code == 302 and response["Location"] == reverse(
        "practice-test", args=[test.id]
    )
    assert test.items.count() == 4 and test.time_limit_s == 600 and test.layout == "all"
    assert set(test.items.values_list("variant__area", flat=True)) == {"dl"}


def test_an_invalid_form_is_shown_again_with_errors(learner_client, user, topics):
    response = learner_client.post(
        reverse("practice-test-create"), {"count": 4, "minutes": 10, "layout": "one"}
    )
    assert response.status_code == 400
    assert "Choose at least one area or topic." in response.content.decode()
    assert not PracticeTest.objects.filter(user=user).exists()


def test_a_preset_starts_with_one_click(learner_client, user, topics):
    learner_client.post(reverse("practice-test-create"), {"preset": "quick"})
    test = PracticeTest.objects.get(user=user)
    assert (
        test.title == "Quick 5-minute drill"
        and test.items.count() == 5
        and test.time_limit_s == 300
    )


def test_taking_one_question_per_page_never_shows_answers(learner_client, user, start_test):
    test = start_test(user, templates=("matrix-product",), count=3)
    response = learner_client.get(reverse("practice-test", args=[test.id]))
    assert response.status_code == 302
    page = learner_client.get(response["Location"]).content.decode()
    assert "Question 1" in page and 'role="timer"' in page and "Interpreted as" in page
    for item in test.items.select_related("variant"):
        assert item.variant.answer not in page
        assert item.variant.solution[:40] not in page
        for mistake, _ in item.variant.mistakes:
            assert mistake not in page


def test_all_on_one_page_layout(learner_client, user, start_test):
    test = start_test(user, count=3, layout="all")
    page = learner_client.get(reverse("practice-test", args=[test.id])).content.decode()
    assert page.count('class="question card"') == 3


def test_the_no_javascript_path_saves_and_moves_on(learner_client, user, start_test):
    test = start_test(user, count=3)
    url = reverse("practice-test-question", args=[test.id, 1])
    response = learner_client.post(url, {"response": "42", "next": "1"})
    assert response["Location"] == reverse("practice-test-question", args=[test.id, 2])
    assert test.items.get(index=0).response == "42"
    learner_client.get(reverse("practice-test-question", args=[test.id, 3]))
    test.refresh_from_db()
    assert test.current_index == 2  # a reload resumes at question 3
    again = learner_client.get(reverse("practice-test", args=[test.id]))
    assert again["Location"] == reverse("practice-test-question", args=[test.id, 3])


def test_submitting_shows_the_review_with_solutions(learner_client, user, start_test):
    test = start_test(user, templates=("matrix-product",), count=2)
    first = test.items.select_related("variant").get(index=0)
    learner_client.post(
        reverse("practice-test-question", args=[test.id, 1]), {"response": first.variant.answer}
    )
    learner_client.post(reverse("practice-test-submit", args=[test.id]))
    review = learner_client.get(reverse("practice-test", args=[test.id])).content.decode()
    assert "1 / 2" in review and "50%" in review
    assert "Worked solution" in review and "✓ Correct" in review and "Not answered" in review
    assert "Retake with new numbers" in review and "By topic" in review
    assert "<math" in review


def test_retake_and_layout_switch(learner_client, user, start_test):
    test = start_test(user, count=2)
    learner_client.post(reverse("practice-test-layout", args=[test.id]), {"layout": "all"})
    test.refresh_from_db()
    assert test.layout == "all"
    learner_client.post(reverse("practice-test-submit", args=[test.id]))
    response = learner_client.post(reverse("practice-test-retake", args=[test.id]))
    newest = PracticeTest.objects.filter(user=user).latest("id")
    assert newest.id != test.id and response["Location"] == reverse(
        "practice-test", args=[newest.id]
    )


def test_other_learners_get_404(client, user, start_test):
    test = start_test(user)
    client.force_login(UserFactory())
    for url in (
        reverse("practice-test", args=[test.id]),
        reverse("practice-test-question", args=[test.id, 1]),
    ):
        assert client.get(url).status_code == 404
    assert client.post(reverse("practice-test-submit", args=[test.id])).status_code == 404
    assert client.post(reverse("practice-test-retake", args=[test.id])).status_code == 404


def test_page_query_counts_do_not_grow_with_test_length(
    learner_client, user, start_test, django_assert_max_num_queries
):
    short = start_test(user, count=2, layout="all")
    long = start_test(user, count=25, layout="all")
    for test in (short, long):
        with django_assert_max_num_queries(12):
            learner_client.get(reverse("practice-test", args=[test.id]))
    for test in (short, long):
        learner_client.post(reverse("practice-test-submit", args=[test.id]))
        with django_assert_max_num_queries(12):
            learner_client.get(reverse("practice-test", args=[test.id]))
    with django_assert_max_num_queries(12):
        learner_client.get(reverse("practice-test-list"))
