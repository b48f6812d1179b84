"""The practice-test API: shapes, limits, ownership, deadline and no answer leaks."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from questions.models import PracticeTest
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(api_client, user):
    api_client.force_authenticate(user)
    return api_client


def create(api, **body):
    payload = {
        "templates": ["matrix-product", "conv2d-output-size"],
        "count": 3,
        "time_limit_s": 600,
    }
    payload.update(body)
    return api.post("/api/v1/tests/", payload, format="json")


def test_create_returns_the_test_without_answers(api, topics):
    response = create(api)
    assert response.status_code == 201
    data = response.json()
    assert set(data) >= {"id", "status", "deadline", "time_limit_s", "items"}
    assert data["status"] == "in_progress" and data["time_limit_s"] == 600
    assert [item["index"] for item in data["items"]] == [0, 1, 2]
    for item in data["items"]:
        assert set(item) >= {"index", "prompt", "kind", "response"}
        assert not {"answer", "solution", "mistakes", "correct", "feedback"} & set(item)
    test = PracticeTest.objects.get(pk=data["id"])
    body = json.dumps(data)
    for item in test.items.select_related("variant"):
        assert item.variant.solution not in body
        if len(item.variant.answer) > 4:
            assert item.variant.answer not in body


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ({"templates": []}, 400, "Choose at least one area"),
        ({"areas": ["alchemy"], "templates": []}, 400, "Unknown area(s): alchemy"),
        ({"templates": [], "topics": ["nope"]}, 400, "Unknown topic(s): nope"),
        ({"count": 0}, 400, "number of questions"),
        ({"count": 101}, 400, "number of questions"),
        ({"time_limit_s": 5}, 400, "time limit"),
        ({"time_limit_s": 30000}, 400, "time limit"),
        ({"count": "many"}, 400, "valid integer"),
    ],
)
def test_bad_create_requests_are_400_with_a_message(api, topics, body, status, message):
    response = create(api, **body)
    assert response.status_code == status
    assert message in json.dumps(response.json())
    assert PracticeTest.objects.count() == 0


def test_autosave_preview_and_submit(api, topics):
    data = create(api).json()
    test = PracticeTest.objects.get(pk=data["id"])
    first = test.items.select_related("variant").get(index=0)
    url = f"/api/v1/tests/{test.id}/items/0/"
    saved = api.put(url, {"response": first.variant.answer}, format="json")
    assert saved.status_code == 200
    assert saved.json()["response"] == first.variant.answer and saved.json()["error"] is None
    assert saved.json()["interpreted"]
    broken = api.put(f"/api/v1/tests/{test.id}/items/1/", {"response": "[[1, 2"}, format="json")
    assert broken.status_code == 200 and broken.json()["error"]
    flagged = api.put(f"/api/v1/tests/{test.id}/items/2/", {"flagged": True}, format="json")
    assert flagged.json()["flagged"] is True

    result = api.post(f"/api/v1/tests/{test.id}/submit/")
    assert result.status_code == 200
    body = result.json()
    assert body["status"] == "submitted" and body["score"] == 1.0 and body["max_score"] == 3.0
    item = body["items"][0]
    assert set(item) >= {
        "index",
        "prompt",
        "response",
        "correct",
        "score",
        "answer",
        "feedback",
        "solution",
    }
    assert item["correct"] is True and item["answer"] == first.variant.answer
    again = api.post(f"/api/v1/tests/{test.id}/submit/").json()
    assert again["submitted_at"] == body["submitted_at"]
    late = api.put(url, {"response": "1"}, format="json")
    assert late.status_code == 409 and "submitted" in late.json()["detail"]


def test_answers_after_the_deadline_are_409(api, topics):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        data = create(api, time_limit_s=10).json()
        clock.shift(timedelta(seconds=16))
        response = api.put(f"/api/v1/tests/{data['id']}/items/0/", {"response": "1"}, format="json")
        assert response.status_code == 409 and "Time is up" in response.json()["detail"]
        detail = api.get(f"/api/v1/tests/{data['id']}/").json()
    assert detail["status"] == "submitted" and detail["auto_submitted"] is True


def test_index_out_of_range_and_oversized_responses(api, topics):
    test_id = create(api).json()["id"]
    missing = api.put(f"/api/v1/tests/{test_id}/items/7/", {"response": "1"}, format="json")
    assert missing.status_code == 404 and "no question 8" in missing.json()["detail"]
    huge = api.put(
        f"/api/v1/tests/{test_id}/items/0/", {"response": "1" * 1_000_000}, format="json"
    )
    assert huge.status_code in (400, 413)
    assert PracticeTest.objects.get(pk=test_id).items.get(index=0).response == ""


def test_learners_only_see_their_own_tests(api, api_client, topics):
    test_id = create(api).json()["id"]
    other = UserFactory()
    api_client.force_authenticate(other)
    assert api_client.get(f"/api/v1/tests/{test_id}/").status_code == 404
    assert (
        api_client.put(
            f"/api/v1/tests/{test_id}/items/0/", {"response": "1"}, format="json"
        ).status_code
        == 404
    )
    assert api_client.post(f"/api/v1/tests/{test_id}/submit/").status_code == 404
    assert api_client.get("/api/v1/tests/").json() == []


def test_anonymous_requests_are_refused(api_client):
    assert api_client.get("/api/v1/tests/").status_code in (401, 403)
    assert api_client.post(
        "/api/v1/preview/", {"kind": "numeric", "response": "1"}
    ).status_code in (401, 403)


def test_list_shows_own_tests_newest_first(api, topics):
    first = create(api).json()["id"]
    second = create(api).json()["id"]
    listed = api.get("/api/v1/tests/").json()
    assert [t["id"] for t in listed] == [second, first]
    assert listed[0]["item_count"] == 3 and "items" not in listed[0]


@pytest.mark.parametrize(
    ("kind", "response", "latex", "error"),
    [
        ("expression", "1/2x", r"\frac{1}{2} x", None),
        ("matrix", "[1 2; 3 4]", r"\begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}", None),
        ("numeric", "2 +", "", "ends too early"),
        ("numeric", "", "", None),
    ],
)
def test_preview(api, kind, response, latex, error):
    data = api.post("/api/v1/preview/", {"kind": kind, "response": response}, format="json").json()
    assert data["interpreted"] == latex
    if latex:
        assert data["mathml"].startswith("<math")
    assert (error in data["error"]) if error else data["error"] is None


def test_preview_rejects_unknown_kinds(api):
    assert (
        api.post("/api/v1/preview/", {"kind": "colour", "response": "1"}, format="json").status_code
        == 400
    )


def test_token_clients_can_take_a_test(api_client, user, topics):
    from tests.factories import PASSWORD

    token = api_client.post(
        "/api/v1/auth/token/", {"username": user.username, "password": PASSWORD}
    ).json()["token"]
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert create(api_client).status_code == 201


@pytest.fixture
def token_api(api_client, user):
    """A script's client: `Authorization: Token <key>`, so the autosave checks the token in
    its own statement."""
    from rest_framework.authtoken.models import Token

    api_client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return api_client


def test_a_token_autosave_is_one_query_and_answers_like_any_other(
    token_api, topics, django_assert_num_queries
):
    test = PracticeTest.objects.get(pk=create(token_api).json()["id"])
    first = test.items.select_related("variant").get(index=0)
    with django_assert_num_queries(1):
        saved = token_api.put(
            f"/api/v1/tests/{test.id}/items/0/",
            {"response": first.variant.answer, "flagged": True},
            format="json",
        )
    assert saved.status_code == 200
    body = saved.json()
    assert set(body) == {"index", "response", "flagged", "saved_at", "interpreted", "error"}
    assert body["response"] == first.variant.answer and body["flagged"] is True
    assert body["saved_at"].endswith("Z") and body["error"] is None and body["interpreted"]
    first.refresh_from_db()
    assert first.response == first.variant.answer and first.flagged


@pytest.mark.parametrize(
    ("header", "detail"),
    [
        ("Token not-a-token", "Invalid token."),
        ("Token two parts", "Invalid token header. Token string should not contain spaces."),
        ("Token", "Invalid token header. No credentials provided."),
    ],
)
@pytest.mark.parametrize("body", [{"response": "1"}, {"response": ["not", "text"]}, {}])
def test_a_bad_token_is_refused_before_the_body_is_judged(
    api_client, user, start_test, header, detail, body
):
    test = start_test(user)
    api_client.credentials(HTTP_AUTHORIZATION=header)
    refused = api_client.put(f"/api/v1/tests/{test.id}/items/0/", body, format="json")
    assert refused.status_code == 403 and refused.json()["detail"] == detail
    assert test.items.get(index=0).response == ""


def test_a_token_gets_the_same_refusals_as_a_session(token_api, user, start_test):
    mine, theirs = start_test(user), start_test(UserFactory())
    url = "/api/v1/tests/{}/items/{}/"
    assert token_api.put(url.format(theirs.id, 0), {"response": "1"}).status_code == 404
    missing = token_api.put(url.format(mine.id, 9), {"response": "1"}, format="json")
    assert missing.status_code == 404 and "no question 10" in missing.json()["detail"]
    bad = token_api.put(url.format(mine.id, 0), {"response": ["x"]}, format="json")
    assert bad.status_code == 400 and "response" in bad.json()
    token_api.post(f"/api/v1/tests/{mine.id}/submit/")
    closed = token_api.put(url.format(mine.id, 0), {"response": "1"}, format="json")
    assert closed.status_code == 409 and "submitted" in closed.json()["detail"]
    user.is_active = False
    user.save(update_fields=["is_active"])
    inactive = token_api.put(url.format(mine.id, 1), {"response": "1"}, format="json")
    assert inactive.status_code == 403 and inactive.json()["detail"] == "User inactive or deleted."
    assert set(theirs.items.values_list("response", flat=True)) == {""}


def test_the_test_page_autosaves_with_its_key_in_one_query(
    client, user, start_test, django_assert_num_queries
):
    """The page's script sends the key it was rendered with; no session or CSRF needed."""
    import html
    import re

    test = start_test(user)
    client.force_login(user)
    page = client.get(f"/tests/{test.id}/", follow=True).content.decode()
    key = html.unescape(re.search(r'data-autosave-key="([^"]+)"', page).group(1))
    client.logout()
    url = f"/api/v1/tests/{test.id}/items/0/"
    with django_assert_num_queries(1):
        saved = client.put(
            url, {"response": "17"}, content_type="application/json", HTTP_X_AUTOSAVE_KEY=key
        )
    assert saved.status_code == 200 and saved.json()["response"] == "17"
    forged = client.put(
        url, {"response": "18"}, content_type="application/json", HTTP_X_AUTOSAVE_KEY=key + "x"
    )
    assert forged.status_code == 403  # a key that does not fit falls back to the session: none
    assert test.items.get(index=0).response == "17"
    client.force_login(user)
    fallback = client.put(
        url, {"response": "19"}, content_type="application/json", HTTP_X_AUTOSAVE_KEY="stale"
    )
    assert fallback.status_code == 200 and test.items.get(index=0).response == "19"
