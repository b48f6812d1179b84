"""Fixtures for the admin: a staff author and the form data of a worked example."""

from __future__ import annotations

import pytest

from questions.authoring.examples import EXAMPLES
from questions.models import Topic
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _quick_save_checks(quick_save_checks):
    pass


@pytest.fixture
def author(db):
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def author_client(client, author, topics):
    client.force_login(author)
    return client


@pytest.fixture
def example_form(topics):
    """The admin form's POST data for a worked example (what an author types)."""

    def form(example: str = "softmax", **changes) -> dict[str, str]:
        info, spec = EXAMPLES[example]
        import json

        return {
            "slug": info.slug,
            "title": info.title,
            "topic": str(Topic.objects.get(slug=info.topic).pk),
            "difficulty": str(info.difficulty),
            "kind": info.kind,
            "options": json.dumps(dict(info.options)),
            **spec.as_dict(),
            "publish": "on",
            "_save": "Save",
            **changes,
        }

    return form
