"""Security: lockout after repeated failures, the Content-Security-Policy, authoring out of
reach for learners, request size limits."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_the_login_page_locks_after_five_wrong_passwords(client, user):
    for _ in range(4):
        response = client.post(reverse("login"), {"username": user.username, "password": "nope"})
        assert response.status_code == 200
    fifth = client.post(reverse("login"), {"username": user.username, "password": "nope"})
    assert fifth.status_code == 429
    locked = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert locked.status_code == 429 and "Too many attempts" in locked.content.decode()


def test_the_token_endpoint_locks_too(api_client, user):
    for _ in range(5):
        api_client.post("/api/v1/auth/token/", {"username": user.username, "password": "x"})
    locked = api_client.post(
        "/api/v1/auth/token/", {"username": user.username, "password": PASSWORD}
    )
    assert locked.status_code in (400, 403, 429)  # the right password no longer helps
    assert "token" not in locked.json()


def test_a_right_password_resets_the_count(client, user):
    for _ in range(4):
        client.post(reverse("login"), {"username": user.username, "password": "nope"})
    assert (
        client.post(reverse("login"), {"username": user.username, "password": PASSWORD}).status_code
        == 302
    )


def test_every_page_sends_a_csp_without_inline_scripts(client):
    policy = client.get("/")["Content-Security-Policy"]
    script = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
    assert "'self'" in script and "unsafe-inline" not in script and "unsafe-eval" not in script
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy


def test_pages_contain_no_inline_scripts(learner_client, start_test, user):
    import re

    test = start_test(user)
    for url in (
        "/",
        "/tests/",
        f"/tests/{test.id}/q/1/",
        "/cards/",
        "/progress/",
        "/api/docs/",
        "/api/redoc/",
    ):
        html = learner_client.get(url, follow=True).content.decode()
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag or 'type="application/json"' in tag, (url, tag)


def test_learners_never_reach_the_admin(learner_client):
    response = learner_client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_oversized_requests_are_refused(learner_client):
    big = "x" * 3_000_000
    response = learner_client.post("/api/v1/preview/", {"kind": "numeric", "response": big})
    assert response.status_code in (400, 413)
