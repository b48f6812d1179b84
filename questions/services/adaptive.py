"""Adaptive practice: the weights of the documented rule (`analytics.adaptive`) for a
learner, the endless practice mode (one question at a time, graded at once)."""

from __future__ import annotations

from datetime import datetime

import numpy as np
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from questions.analytics.adaptive import TemplateInfo, template_weights
from questions.generators import available_templates, generate_fresh, grade_response, new_seed
from questions.generators.selection import choose_weighted
from questions.models import PracticeAnswer, Topic
from questions.selectors.progress import learner_answers
from questions.services.variants import variant_row

NOTHING_TO_ANSWER = "This question was already answered; here is a new one."


def adaptive_weights(*, user: AbstractBaseUser, now: datetime | None = None) -> dict[str, float]:
    """Every template's weight for this learner under the adaptive rule."""
    now = now or timezone.now()
    infos = [TemplateInfo(t.slug, t.topic, t.difficulty) for t in available_templates()]
    return template_weights(infos, learner_answers(user=user, now=now), now)


def weak_spot_weights(*, user: AbstractBaseUser, now: datetime | None = None) -> dict | None:
    """The adaptive weights once the learner has answered something, else None."""
    now = now or timezone.now()
    answers = learner_answers(user=user, now=now)
    if not answers:
        return None
    infos = [TemplateInfo(t.slug, t.topic, t.difficulty) for t in available_templates()]
    return template_weights(infos, answers, now)


@transaction.atomic
def practice_next(*, user: AbstractBaseUser, now: datetime | None = None) -> PracticeAnswer:
    """The learner's open practice question, or a new one drawn by the adaptive weights."""
    open_one = (
        PracticeAnswer.objects.filter(user=user, answered_at__isnull=True)
        .select_related("variant")
        .order_by("-id")
        .first()
    )
    if open_one is not None:
        return open_one
    rng = np.random.default_rng(new_seed())
    slug = choose_weighted(adaptive_weights(user=user, now=now), 1, rng)[0]
    topic_ids = dict(Topic.objects.values_list("slug", "id"))
    variant = variant_row(generate_fresh(slug), topic_ids)
    variant.save()
    return PracticeAnswer.objects.create(user=user, variant=variant)


@transaction.atomic
def practice_answer(
    *, user: AbstractBaseUser, answer_id: int, response: str, now: datetime | None = None
) -> PracticeAnswer:
    """Grade the learner's answer to an open practice question (once)."""
    answer = (
        PracticeAnswer.objects.select_for_update()
        .select_related("variant")
        .get(pk=answer_id, user=user)
    )
    if answer.answered_at is not None:
        return answer
    verdict = grade_response(answer.variant.as_generated(), response[:10_000])
    answer.response = response[:10_000]
    answer.answered_at = now or timezone.now()
    answer.correct, answer.score = verdict.correct, verdict.score
    answer.feedback, answer.interpreted, answer.error = (
        verdict.feedback,
        verdict.interpreted,
        verdict.error or "",
    )
    answer.save()
    return answer
