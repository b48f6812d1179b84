"""Storing generated variants (the moment a question is shown, its numbers are fixed)."""

from __future__ import annotations

from questions.generators import Variant as GeneratedVariant
from questions.models import Topic, Variant


def variant_row(generated: GeneratedVariant, topic_ids: dict[str, int]) -> Variant:
    """An unsaved row for a generated variant (for bulk inserts); `topic_ids` maps slug → id."""
    return Variant(
        template_slug=generated.slug,
        template_version=generated.version,
        seed=generated.seed,
        params=generated.params,
        title=generated.title,
        area=generated.area,
        topic_id=topic_ids.get(generated.topic),
        difficulty=generated.difficulty,
        kind=generated.kind,
        options=generated.options,
        prompt=generated.prompt,
        answer=generated.answer,
        answer_value=generated.answer_value,
        solution=generated.solution,
        mistakes=[list(m) for m in generated.mistakes],
    )


def variant_store(*, generated: GeneratedVariant) -> Variant:
    """Persist one generated variant."""
    topic_ids = dict(Topic.objects.filter(slug=generated.topic).values_list("slug", "id"))
    row = variant_row(generated, topic_ids)
    row.save()
    return row
