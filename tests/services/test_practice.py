"""Practice-test rules: building, saving, the deadline (with a frozen clock), submitting once."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.utils import timezone

from questions.models import PracticeTest, PracticeTestItem, Variant
from questions.services import practice as service
from questions.services.practice import (
    PracticeTestClosed,
    PracticeTestError,
    PracticeTestRequest,
    practice_test_start,
    practice_test_submit,
    practice_tests_submit_overdue,
    response_save,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_test_draws_fresh_variants_balanced_across_topics(user, start_test):
    test = start_test(user, templates=(), areas=("math", "dl"), count=8)
    items = list(test.items.select_related("variant"))
    assert [i.index for i in items] == list(range(8))
    assert {i.variant.area for i in items} == {"math", "dl"}
    assert len({i.variant.seed for i in items}) == 8
    assert test.deadline - test.started_at == timedelta(seconds=600)
    assert test.status == PracticeTest.Status.IN_PROGRESS


def test_every_requested_topic_appears_before_any_repeats(user, start_test):
    test = start_test(user, templates=(), topics=("linear-algebra", "convolution"), count=2)
    areas = sorted(test.items.values_list("variant__area", flat=True))
    assert areas == ["dl", "math"]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"templates": ()}, service.NOTHING_CHOSEN),
        ({"areas": ("chemistry",)}, "Unknown area(s): chemistry"),
        ({"templates": ("nope",)}, "Unknown template(s): nope"),
        ({"templates": (), "topics": ("astrology",)}, "Unknown topic(s): astrology"),
        ({"count": 0}, service.BAD_COUNT),
        ({"count": 101}, service.BAD_COUNT),
        ({"time_limit_s": 9}, service.BAD_TIME_LIMIT),
        ({"time_limit_s": 21601}, service.BAD_TIME_LIMIT),
        ({"difficulty": 4}, service.BAD_DIFFICULTY),
        ({"layout": "grid"}, service.BAD_LAYOUT),
    ],
)
def test_bad_requests_are_refused_and_write_nothing(user, start_test, overrides, message):
    with pytest.raises(PracticeTestError) as caught:
        start_test(user, **overrides)
    assert message in str(caught.value)
    assert PracticeTest.objects.count() == 0 and Variant.objects.count() == 0


def test_a_difficulty_no_template_has_is_refused(user, start_test):
    with pytest.raises(PracticeTestError, match="No questions match"):
        start_test(user, templates=("conv2d-output-size",), difficulty=3)


def test_saving_an_answer_and_resuming_at_the_same_place(user, start_test):
    test = start_test(user)
    response_save(user=user, test_id=test.id, index=2, response="[[1, 2], [3, 4]]")
    response_save(user=user, test_id=test.id, index=1, flagged=True)
    test.refresh_from_db()
    assert test.current_index == 1
    item = test.items.get(index=2)
    assert item.response == "[[1, 2], [3, 4]]" and item.response_saved_at is not None
    assert test.items.get(index=1).flagged


def test_saving_checks_the_index_and_the_length(user, start_test):
    test = start_test(user)
    with pytest.raises(PracticeTestItem.DoesNotExist, match="no question 4"):
        response_save(user=user, test_id=test.id, index=3, response="1")
    with pytest.raises(PracticeTestError, match="at most 10,000 characters"):
        response_save(user=user, test_id=test.id, index=0, response="1" * 10_001)


def test_another_learner_cannot_touch_the_test(user, start_test):
    test = start_test(user)
    stranger = UserFactory()
    with pytest.raises(PracticeTest.DoesNotExist):
        response_save(user=stranger, test_id=test.id, index=0, response="1")
    with pytest.raises(PracticeTest.DoesNotExist):
        practice_test_submit(user=stranger, test_id=test.id)


def test_the_deadline_with_a_frozen_clock(user, start_test):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        test = start_test(user, time_limit_s=60, now=start)
        response_save(user=user, test_id=test.id, index=0, response="12")
        clock.shift(timedelta(seconds=63))  # inside the 5-second grace: still accepted
        response_save(user=user, test_id=test.id, index=1, response="34")
        clock.shift(timedelta(seconds=3))  # 66 s: closed, and submitted on the spot
        with pytest.raises(PracticeTestClosed, match="Time is up"):
            response_save(user=user, test_id=test.id, index=2, response="56")
    test.refresh_from_db()
    assert test.status == PracticeTest.Status.SUBMITTED and test.auto_submitted
    assert test.submitted_at == test.deadline
    responses = dict(test.items.values_list("index", "response"))
    assert responses == {0: "12", 1: "34", 2: ""}


def test_overdue_tests_are_submitted_with_what_was_saved(user, start_test):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        test = start_test(user, time_limit_s=30, now=start)
        item = test.items.select_related("variant").get(index=0)
        response_save(user=user, test_id=test.id, index=0, response=item.variant.answer)
        clock.shift(timedelta(seconds=34))
        assert practice_tests_submit_overdue(user=user) == 0  # grace not over yet
        clock.shift(timedelta(seconds=2))
        assert practice_tests_submit_overdue(user=user) == 1
    test.refresh_from_db()
    assert test.auto_submitted and test.score == 1.0 and test.max_score == 3.0


def test_submit_grades_with_the_recognised_mistakes(user, start_test):
    test = start_test(user, templates=("matrix-product",), count=2)
    first, second = test.items.select_related("variant").order_by("index")
    response_save(user=user, test_id=test.id, index=0, response=first.variant.answer)
    # The variant's first recognised mistake (transposed, BA or Hadamard: which ones apply
    # depends on the numbers drawn).
    mistake, explanation = second.variant.mistakes[0]
    response_save(user=user, test_id=test.id, index=1, response=mistake)
    submitted = practice_test_submit(user=user, test_id=test.id)
    graded = {i.index: i for i in submitted.items.all()}
    assert graded[0].correct and graded[0].score == 1.0 and graded[0].feedback == "Correct."
    assert not graded[1].correct and graded[1].feedback == explanation
    assert explanation.startswith(("You transposed", "That is BA", "That is the entry-by-entry"))
    assert submitted.score == 1.0 and submitted.max_score == 2.0 and not submitted.auto_submitted


def test_unanswered_questions_score_zero_with_a_note(user, start_test):
    test = practice_test_submit(user=user, test_id=start_test(user).id)
    assert set(test.items.values_list("feedback", flat=True)) == {service.NO_ANSWER}
    assert test.score == 0.0


def test_submitting_twice_grades_once_and_returns_the_same_result(user, start_test):
    test = start_test(user)
    first = practice_test_submit(user=user, test_id=test.id)
    PracticeTestItem.objects.filter(test=test).update(feedback="graded once")
    second = practice_test_submit(user=user, test_id=test.id)
    assert second.submitted_at == first.submitted_at and second.score == first.score
    assert set(test.items.values_list("feedback", flat=True)) == {"graded once"}
    with pytest.raises(PracticeTestClosed, match="has been submitted"):
        response_save(user=user, test_id=test.id, index=0, response="1")


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_submits_grade_once(topics, start_test):
    user = UserFactory()
    test = start_test(user, count=6)
    barrier = threading.Barrier(2)
    results, errors = [], []
    calls = []
    original = service._grade

    def counting_grade(item):
        calls.append(item.pk)
        original(item)

    def submit():
        try:
            barrier.wait(timeout=10)
            results.append(practice_test_submit(user=user, test_id=test.id).submitted_at)
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    service._grade = counting_grade
    try:
        threads = [threading.Thread(target=submit) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
    finally:
        service._grade = original
    assert not errors
    assert len(results) == 2 and results[0] == results[1]
    assert len(calls) == 6  # each item graded exactly once


def test_retake_keeps_the_choice_with_new_numbers(user, start_test):
    test = start_test(user, templates=("matrix-product",), count=2)
    again = service.practice_test_retake(user=user, test=test)
    assert again.id != test.id and again.request == test.request
    old = set(test.items.values_list("variant__seed", flat=True))
    new = set(again.items.values_list("variant__seed", flat=True))
    assert old.isdisjoint(new)


def test_presets_include_weak_topics_only_with_history():
    assert set(service.practice_test_presets(None)) == {"online", "quick"}
    presets = service.practice_test_presets({"tf-idf": 0.7, "softmax": 0.1})
    assert presets["weak"].template_weights == {"tf-idf": 0.7, "softmax": 0.1}
    online = presets["online"]
    assert (online.count, online.time_limit_s) == (20, 1800)


def test_an_adaptive_test_draws_by_the_weights(user, start_test):
    test = start_test(
        user, templates=(), count=3, template_weights={"matrix-product": 5.0, "softmax": 0.0}
    )
    slugs = list(test.items.values_list("variant__template_slug", flat=True))
    assert slugs == ["matrix-product"] * 3  # a zero weight is never drawn


def test_request_json_round_trips():
    request = PracticeTestRequest(areas=("ml",), count=4, time_limit_s=120, difficulty=2)
    assert PracticeTestRequest.from_json(request.as_json()) == request


def test_starting_a_test_takes_a_constant_number_of_queries(
    user, start_test, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        start_test(user, count=3)
    with django_assert_max_num_queries(12):
        start_test(user, count=30)


def test_started_with_explicit_start_time(user):
    start = timezone.now() - timedelta(minutes=1)
    test = practice_test_start(
        user=user,
        request=PracticeTestRequest(templates=("matrix-product",), count=1, time_limit_s=600),
        now=start,
    )
    assert test.started_at == start
