"""Stored variants re-grade exactly as generated."""

from __future__ import annotations

import pytest

from questions.generators import generate, grade_response
from questions.models import Variant
from questions.services.variants import variant_store

pytestmark = pytest.mark.django_db


def test_a_stored_variant_round_trips_and_grades_the_same(topics):
    generated = generate("matrix-product", 11)
    stored = variant_store(generated=generated)
    reloaded = Variant.objects.select_related("topic").get(pk=stored.pk)
    assert reloaded.topic.slug == "matrix-operations"
    assert reloaded.as_generated() == generated
    for response in (generated.answer, generated.mistakes[0][0], "[[0]]"):
        assert grade_response(reloaded.as_generated(), response) == grade_response(
            generated, response
        )
