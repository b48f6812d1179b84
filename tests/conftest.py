"""Fixtures shared by the whole suite."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from tests.factories import UserFactory


@pytest.fixture
def topics(db) -> None:
    """The built-in topic tree, as `make run` loads it."""
    call_command("load_content", verbosity=0)


@pytest.fixture
def quick_save_checks(monkeypatch):
    """Authored-template saves check 50 seeds instead of 200 (one test keeps the full 200)."""
    from questions.services import authoring

    monkeypatch.setattr(authoring, "SAVE_CHECK_SEEDS", 50)


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def learner_client(client, user):
    client.force_login(user)
    return client


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    from tests.e2e.conftest import CHROMIUM_FOUND, SKIP_REASON

    if not CHROMIUM_FOUND:
        terminalreporter.section("browser tests skipped", yellow=True, bold=True)
        terminalreporter.write_line(f"NOTICE: the e2e tests did not run. {SKIP_REASON}.")


@pytest.fixture
def start_test(topics):
    """Start a practice test through the service (defaults: matrix product + conv size)."""
    from questions.services.practice import PracticeTestRequest, practice_test_start

    def start(user, **overrides):
        fields = {
            "templates": ("matrix-product", "conv2d-output-size"),
            "count": 3,
            "time_limit_s": 600,
            **overrides,
        }
        for key in ("templates", "areas", "topics"):
            fields[key] = tuple(fields.get(key, ()))
        now = fields.pop("now", None)
        return practice_test_start(user=user, request=PracticeTestRequest(**fields), now=now)

    return start


@pytest.fixture(autouse=True)
def _authored_templates_need_the_database(request):
    """Tests without database access see only the built-in templates (the published authored
    ones come from the database through the registry's provider)."""
    from questions.generators.registry import set_provider
    from questions.services.authoring import published_templates

    uses_db = request.node.get_closest_marker("django_db") is not None or any(
        name in request.fixturenames for name in ("db", "transactional_db", "live_server")
    )
    published_templates.invalidate()
    if not uses_db:
        set_provider(None)
    yield
    set_provider(published_templates)
