"""Before submission, no learner-facing response carries an answer, a solution or a
recognised mistake of the test's questions (HTML pages and JSON alike)."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from questions.models import PracticeTest

pytestmark = pytest.mark.django_db


def secrets_of(test: PracticeTest) -> list[str]:
    found = []
    for item in test.items.select_related("variant"):
        variant = item.variant
        if len(variant.answer) >= 6:  # short numbers could appear in any prompt by chance
            found.append(variant.answer)
        found.append(variant.solution[:60])
        found += [mistake for mistake, _ in variant.mistakes if len(mistake) >= 6]
    return found


def strings(value) -> list[str]:
    """Every string inside a decoded JSON document (escapes undone, so a leak is visible)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


def readable(response) -> str:
    body = response.content.decode()
    if response.get("Content-Type", "").startswith("application/json"):
        body += "\n".join(strings(json.loads(body)))
    return body


def test_every_learner_facing_response_of_an_in_progress_test_is_clean(
    learner_client, user, start_test
):
    test = start_test(
        user, templates=("matrix-product", "scaled-dot-product-attention", "derivative"), count=6
    )
    pages = [
        reverse("practice-test-list"),
        reverse("practice-test", args=[test.id]),
        *(reverse("practice-test-question", args=[test.id, n]) for n in range(1, 7)),
        reverse("api:test-list"),
        reverse("api:test-detail", args=[test.id]),
        reverse("progress"),
        reverse("flashcards"),
    ]
    bodies = [readable(learner_client.get(url, follow=True)) for url in pages]
    save = learner_client.put(
        reverse("api:test-item", args=[test.id, 0]), {"response": "[[1, 2], [3, 4]]"},
        content_type="application/json",
    )  # fmt: skip
    bodies.append(readable(save))
    layout = learner_client.post(
        reverse("practice-test-layout", args=[test.id]), {"layout": "all"}, follow=True
    )
    bodies.append(layout.content.decode())
    secrets = secrets_of(test)
    assert len(secrets) >= 6
    for body in bodies:
        for secret in secrets:
            assert secret not in body, secret
    # the scan can find them: after submission the same JSON carries them
    learner_client.post(reverse("practice-test-submit", args=[test.id]))
    submitted = readable(learner_client.get(reverse("api:test-detail", args=[test.id])))
    revealed = [i.variant.solution[:60] for i in test.items.select_related("variant")]
    assert all(solution in submitted for solution in revealed)
