"""Resilience: a database hiccup is a clear 503, a stuck checker leaves answers pending and
they are re-graded later, and concurrent SQLite writers lose nothing."""

from __future__ import annotations

import threading

import pytest
from django.db import OperationalError, connection
from django.urls import reverse

from questions.grading import cas, expression
from questions.models import PracticeTest, PracticeTestItem
from questions.services import practice as service
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_database_outage_is_a_503_with_retry_after(learner_client, monkeypatch):
    def down(*args, **kwargs):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr("questions.views.practice.practice_tests_submit_overdue", down)
    page = learner_client.get(reverse("practice-test-list"))
    assert page.status_code == 503 and page["Retry-After"] == "5"
    assert "Nothing you saved is lost" in page.content.decode()
    monkeypatch.setattr("questions.api.practice.practice_tests_submit_overdue", down)
    api = learner_client.get(reverse("api:test-list"))
    assert api.status_code == 503 and "Nothing you saved is lost" in api.json()["detail"]


def test_an_undecided_check_is_pending_then_regraded(learner_client, user, start_test, monkeypatch):
    test = start_test(user, templates=("derivative",), count=2)
    items = list(test.items.select_related("variant"))
    # An answer that sampling cannot settle alone (forced here), so the CAS must decide it.
    service.response_save(
        user=user, test_id=test.id, index=0, response=items[0].variant.answer + " + 10^-12"
    )
    service.response_save(user=user, test_id=test.id, index=1, response=items[1].variant.answer)
    sampling_verdict = expression.equal
    undecided_when_different = lambda samples: sampling_verdict(samples) or None  # noqa: E731
    monkeypatch.setattr(expression, "equal", undecided_when_different)
    monkeypatch.setattr(cas, "CAS_TIMEOUT_SECONDS", 0.00001)  # the worker "hangs"
    service.practice_test_submit(user=user, test_id=test.id)
    first = PracticeTestItem.objects.get(test=test, index=0)
    assert first.pending_check and first.correct is None
    assert "check it again" in first.feedback
    assert PracticeTestItem.objects.get(test=test, index=1).correct  # nothing else affected
    review = learner_client.get(reverse("practice-test", args=[test.id])).content.decode()
    assert "Being checked" in review  # still stuck: shown as pending, not as wrong
    monkeypatch.setattr(cas, "CAS_TIMEOUT_SECONDS", 5.0)  # the worker is back
    monkeypatch.setattr(expression, "equal", sampling_verdict)
    learner_client.get(reverse("practice-test", args=[test.id]))
    first.refresh_from_db()
    assert not first.pending_check and first.correct is False  # 10^-12 off: decided wrong
    assert PracticeTest.objects.get(pk=test.id).score == 1.0
    cas.shutdown()


@pytest.mark.django_db(transaction=True)
def test_concurrent_autosaves_lose_nothing(topics, start_test):
    user = UserFactory()
    test = start_test(user, templates=("conv2d-output-size",), count=8)
    barrier = threading.Barrier(8)
    errors = []

    def save(index):
        try:
            barrier.wait(timeout=10)
            for attempt in range(5):
                service.response_save(
                    user=user, test_id=test.id, index=index, response=f"{index}-{attempt}"
                )
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors
    saved = dict(PracticeTestItem.objects.filter(test=test).values_list("index", "response"))
    assert saved == {i: f"{i}-4" for i in range(8)}
