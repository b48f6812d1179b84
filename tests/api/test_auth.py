"""API root and token authentication."""

from __future__ import annotations

import pytest

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_api_root_lists_the_token_endpoint(api_client):
    response = api_client.get("/api/v1/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response.json()["auth_token"].endswith("/api/v1/auth/token/")
    assert response.json()["authenticated"] is False


def test_token_is_issued_for_valid_credentials_and_authenticates(api_client, user):
    response = api_client.post(
        "/api/v1/auth/token/", {"username": user.username, "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200
    token = response.json()["token"]
    assert len(token) == 40
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api_client.get("/api/v1/").json()["authenticated"] is True


def test_token_refused_for_bad_credentials(api_client, user):
    response = api_client.post(
        "/api/v1/auth/token/", {"username": user.username, "password": "wrong"}, format="json"
    )
    assert response.status_code == 400
    assert "token" not in response.json()
