"""The one-statement autosave: the same rules as the locked path (owner, deadline, status),
the learner's place, the token and page-key checks, and a submit racing a save."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from django.core import signing
from django.db import connection
from django.utils import timezone
from rest_framework.authtoken.models import Token

from questions.models import DEADLINE_GRACE, PracticeTest
from questions.services import practice as service
from questions.services.autosave import save_while_open, supported
from questions.services.practice import (
    PracticeTestClosed,
    autosave_key,
    practice_test_submit,
    response_save,
    response_save_by_credential,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def test(user, start_test):
    return start_test(user)


def _save(test, now=None, **owner):
    owner = owner or {"user_id": test.user_id}
    return save_while_open(
        **owner,
        test_id=test.id,
        index=2,
        response="[[1, 2]]",
        flagged=None,
        now=now or timezone.now(),
    )


def test_this_database_takes_the_one_statement_path():
    assert supported()


def test_an_open_test_is_saved_in_one_statement(test, django_assert_num_queries):
    item = test.items.select_related("variant").get(index=2)
    # PostgreSQL also moves the learner's place in that statement; SQLite needs a second one.
    with django_assert_num_queries(1 if connection.vendor == "postgresql" else 2):
        saved = _save(test)
    assert saved is not None
    assert (saved.index, saved.response, saved.flagged) == (2, "[[1, 2]]", False)
    assert saved.kind == item.variant.kind
    assert saved.variables == item.variant.options.get("variables")
    item.refresh_from_db()
    assert item.response == "[[1, 2]]" and item.response_saved_at == saved.saved_at
    test.refresh_from_db()
    assert test.current_index == 2  # a reload resumes at the question just answered


def test_saving_where_the_learner_already_is_is_one_query(user, test, django_assert_num_queries):
    with django_assert_num_queries(1):
        saved = response_save(user=user, test_id=test.id, index=0, response="42", flagged=True)
    assert saved.flagged and test.items.get(index=0).flagged


@pytest.mark.parametrize("offset_us", [-1, 0, 1])
@pytest.mark.parametrize("whole_second", [False, True])
def test_the_deadline_rule_is_the_models_to_the_microsecond(
    user, start_test, offset_us, whole_second
):
    start = timezone.now().replace(microsecond=0) if whole_second else timezone.now()
    test = start_test(user, time_limit_s=60, now=start)
    now = test.deadline + DEADLINE_GRACE + timedelta(microseconds=offset_us)
    saved = _save(test, now=now)
    assert (saved is not None) == test.accepts_answers(now)
    assert (saved is not None) == (offset_us <= 0)


def test_nothing_is_saved_for_a_closed_test_or_a_stranger(user, test):
    stranger = UserFactory()
    assert _save(test, user_id=stranger.pk) is None
    practice_test_submit(user=user, test_id=test.id)
    assert _save(test) is None
    assert set(test.items.values_list("response", flat=True)) == {""}


def test_a_missing_question_saves_nothing_and_does_not_move_the_learner(test):
    for index in (3, 32767, 10**6, -1):
        saved = save_while_open(
            user_id=test.user_id,
            test_id=test.id,
            index=index,
            response="1",
            flagged=None,
            now=timezone.now(),
        )
        assert saved is None
    test.refresh_from_db()
    assert test.current_index == 0


def test_a_flag_alone_takes_the_locked_path(user, test):
    assert (
        save_while_open(
            user_id=user.pk,
            test_id=test.id,
            index=1,
            response=None,
            flagged=True,
            now=timezone.now(),
        )
        is None
    )
    saved = response_save(user=user, test_id=test.id, index=1, flagged=True)
    assert saved.flagged and saved.saved_at is None


def test_exactly_one_learner_is_named(test):
    with pytest.raises(ValueError, match="exactly one"):
        save_while_open(test_id=test.id, index=0, response="1", flagged=None, now=timezone.now())


def test_a_token_saves_only_its_own_learners_open_test(user, test):
    token = Token.objects.create(user=user)
    other = Token.objects.create(user=UserFactory())
    assert _save(test, token_key="not-a-token") is None
    assert _save(test, token_key=other.key) is None
    assert test.items.get(index=2).response == ""
    assert _save(test, token_key=token.key).response == "[[1, 2]]"
    user.is_active = False
    user.save(update_fields=["is_active"])
    saved = response_save_by_credential(token=token.key, test_id=test.id, index=2, response="9")
    assert saved is None and test.items.get(index=2).response == "[[1, 2]]"


@pytest.mark.django_db(transaction=True)
def test_a_save_racing_a_submit_never_lands_after_grading(topics, start_test, monkeypatch):
    """The submit holds the test while it grades; a save arriving meanwhile waits and is then
    refused, so the stored answers are exactly the graded ones."""
    user = UserFactory()
    test = start_test(user, count=3)
    grading, saved, errors = threading.Event(), [], []
    original = service._grade

    def slow_grade(item):
        grading.set()
        time.sleep(0.4)
        original(item)

    monkeypatch.setattr(service, "_grade", slow_grade)

    def submit():
        try:
            practice_test_submit(user=user, test_id=test.id)
        except Exception as exc:  # reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()  # this thread's own connection

    def save():
        grading.wait(10)
        try:
            saved.append(response_save(user=user, test_id=test.id, index=1, response="late"))
        except PracticeTestClosed as exc:
            saved.append(exc)
        except Exception as exc:  # reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit), threading.Thread(target=save)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    assert len(saved) == 1 and isinstance(saved[0], PracticeTestClosed)
    test.refresh_from_db()
    assert test.status == PracticeTest.Status.SUBMITTED
    item = test.items.get(index=1)
    assert item.response == "" and item.feedback == service.NO_ANSWER


def test_the_pages_autosave_key_writes_only_to_its_own_open_test(user, test, start_test):
    other_test = start_test(user)
    key = autosave_key(test)

    def save(key, test_id=test.id):
        return response_save_by_credential(page_key=key, test_id=test_id, index=0, response="7")

    assert save(key[:-1] + ("A" if key[-1] != "A" else "B")) is None  # forged signature
    assert save("not a key") is None
    assert save(signing.dumps([user.pk, test.id], salt="another purpose")) is None
    assert save(key, test_id=other_test.id) is None  # the key names one test only
    assert other_test.items.get(index=0).response == ""
    assert save(key).response == "7"
    practice_test_submit(user=user, test_id=test.id)
    assert response_save_by_credential(page_key=key, test_id=test.id, index=0, response="8") is None
    assert test.items.get(index=0).response == "7"
