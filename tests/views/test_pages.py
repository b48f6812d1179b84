"""The home page, health check and account pages."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import DatabaseError
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_home_lists_the_syllabus_and_renders_math(client, topics):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Cram for your math, ML, DL and NLP exam" in html
    assert "Convolutional layers" in html and "Attention and transformers" in html
    assert '<math display="block">' in html and "<mfrac>" in html
    assert "http://" not in html.replace("http://www.w3.org", "")  # no external assets


def test_healthz_reports_ok_after_querying_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"].startswith("max-age=0")


def test_healthz_is_503_when_the_database_fails(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr("questions.views.health.connection.cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"


def test_sign_up_creates_the_account_and_logs_in(client):
    response = client.post(
        reverse("signup"),
        {
            "username": "ada",
            "password1": "a-long-Passphrase-42",
            "password2": "a-long-Passphrase-42",
        },
    )
    assert response.status_code == 302
    assert get_user_model().objects.filter(username="ada").exists()
    home = client.get("/")
    assert "ada" in home.content.decode() and "Log out" in home.content.decode()


def test_sign_up_with_mismatched_passwords_is_a_400_and_creates_nothing(client):
    response = client.post(
        reverse("signup"), {"username": "bob", "password1": "a-long-Pass-1", "password2": "other"}
    )
    assert response.status_code == 400
    assert "didn\u2019t match" in response.content.decode()
    assert not get_user_model().objects.filter(username="bob").exists()


def test_log_in_and_log_out(client, user):
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/").context["user"].is_authenticated
    client.post(reverse("logout"))
    assert not client.get("/").context["user"].is_authenticated


def test_wrong_password_shows_the_form_again(client, user):
    response = client.post(reverse("login"), {"username": user.username, "password": "nope"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


def test_password_change_requires_login_and_changes_the_password(client, user):
    assert client.get(reverse("password_change")).status_code == 302
    client.force_login(user)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Brand-new-pass-77",
            "new_password2": "Brand-new-pass-77",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Brand-new-pass-77")


def test_admin_login_page_is_served(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert (
        "Django administration" in response.content.decode()
        or "Log in" in response.content.decode()
    )


def test_admin_link_only_for_staff(client, user):
    client.force_login(user)
    assert "/admin/" not in client.get("/").content.decode()
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    assert "/admin/" in client.get("/").content.decode()
