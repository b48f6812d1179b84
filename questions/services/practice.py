"""Practice-test use-cases: build (and retake) a test, save responses, flag, submit and the
automatic submission at the deadline. Every write locks the test row first."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import numpy as np
from django.contrib.auth.models import AbstractBaseUser
from django.core import signing
from django.db import transaction
from django.utils import timezone

from questions.generators import (
    TemplateError,
    available_templates,
    generate_fresh,
    get_template,
    new_seed,
)
from questions.generators.responses import grade_response
from questions.generators.selection import Candidate, choose, choose_weighted
from questions.grading.feedback import UNDECIDED
from questions.models import (
    DEADLINE_GRACE,
    MAX_RESPONSE_LENGTH,
    Area,
    PracticeTest,
    PracticeTestItem,
    Topic,
    Variant,
)
from questions.services.autosave import SavedAnswer, save_while_open
from questions.services.variants import variant_row

MIN_COUNT, MAX_COUNT = 1, 100
MIN_TIME_LIMIT_S, MAX_TIME_LIMIT_S = 10, 6 * 60 * 60

NOTHING_CHOSEN = "Choose at least one area, topic or template."
UNKNOWN_AREAS = "Unknown area(s): {names}. Areas are math, ml, dl and nlp."
UNKNOWN_TOPICS = "Unknown topic(s): {names}."
UNKNOWN_TEMPLATES = "Unknown template(s): {names}."
BAD_COUNT = f"The number of questions must be from {MIN_COUNT} to {MAX_COUNT}."
BAD_TIME_LIMIT = (
    f"The time limit must be from {MIN_TIME_LIMIT_S} seconds to {MAX_TIME_LIMIT_S // 3600} hours."
)
BAD_DIFFICULTY = "Difficulty must be 1, 2 or 3 (or left empty for any)."
BAD_LAYOUT = "Layout must be 'one' (one question per page) or 'all' (all on one page)."
NO_MATCHING_TEMPLATES = "No questions match this choice; widen the areas, topics or difficulty."
ALREADY_SUBMITTED = "This test has been submitted; answers can no longer change."
DEADLINE_PASSED = "Time is up: this test was submitted with the answers saved before the deadline."
RESPONSE_TOO_LONG = f"An answer can be at most {MAX_RESPONSE_LENGTH:,} characters."
NO_ANSWER = "No answer given."
NO_SUCH_QUESTION = "This test has no question {number}."
CHECK_PENDING = "Could not be checked just now; Cram will check it again shortly."
AUTOSAVE_KEY_SALT = "cram.practice.autosave"
GRADED_FIELDS = ["correct", "score", "feedback", "interpreted", "error", "pending_check"]


class PracticeTestError(ValueError):
    """A request that cannot be carried out as asked (shown to the learner as is)."""


class PracticeTestClosed(PracticeTestError):
    """The test no longer accepts answers (submitted, or past the deadline and its grace)."""


@dataclass(frozen=True)
class PracticeTestRequest:
    """What the learner asked for; stored on the test so it can be retaken with new numbers."""

    areas: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    templates: tuple[str, ...] = ()
    count: int = 10
    time_limit_s: int = 600
    difficulty: int | None = None
    layout: str = PracticeTest.Layout.ONE_PER_PAGE
    title: str = ""
    weights: dict[str, float] | None = None  # topic slug -> weight
    template_weights: dict[str, float] | None = None  # slug -> weight (adaptive practice)

    def as_json(self) -> dict[str, Any]:
        return {
            "areas": list(self.areas),
            "topics": list(self.topics),
            "templates": list(self.templates),
            "count": self.count,
            "time_limit_s": self.time_limit_s,
            "difficulty": self.difficulty,
            "layout": self.layout,
            "title": self.title,
            "weights": self.weights,
            "template_weights": self.template_weights,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PracticeTestRequest:
        return cls(
            areas=tuple(data.get("areas") or ()),
            topics=tuple(data.get("topics") or ()),
            templates=tuple(data.get("templates") or ()),
            count=data.get("count", 10),
            time_limit_s=data.get("time_limit_s", 600),
            difficulty=data.get("difficulty"),
            layout=data.get("layout") or PracticeTest.Layout.ONE_PER_PAGE,
            title=data.get("title") or "",
            weights=data.get("weights"),
            template_weights=data.get("template_weights"),
        )


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _validate(request: PracticeTestRequest) -> None:
    if not (request.areas or request.topics or request.templates or request.template_weights):
        raise PracticeTestError(NOTHING_CHOSEN)
    unknown_areas = sorted(set(request.areas) - set(Area.values))
    if unknown_areas:
        raise PracticeTestError(UNKNOWN_AREAS.format(names=", ".join(unknown_areas)))
    if not _is_int(request.count) or not MIN_COUNT <= request.count <= MAX_COUNT:
        raise PracticeTestError(BAD_COUNT)
    limit = request.time_limit_s
    if not _is_int(limit) or not MIN_TIME_LIMIT_S <= limit <= MAX_TIME_LIMIT_S:
        raise PracticeTestError(BAD_TIME_LIMIT)
    if request.difficulty is not None and request.difficulty not in (1, 2, 3):
        raise PracticeTestError(BAD_DIFFICULTY)
    if request.layout not in PracticeTest.Layout.values:
        raise PracticeTestError(BAD_LAYOUT)


def _topic_closure(slugs: Iterable[str]) -> dict[str, str]:
    """Each requested topic and its subtopics, mapped to the requested topic."""
    slugs = list(slugs)
    found = dict(Topic.objects.filter(slug__in=slugs).values_list("slug", "slug"))
    unknown = sorted(set(slugs) - set(found))
    if unknown:
        raise PracticeTestError(UNKNOWN_TOPICS.format(names=", ".join(unknown)))
    for child, parent in Topic.objects.filter(parent__slug__in=slugs).values_list(
        "slug", "parent__slug"
    ):
        found.setdefault(child, parent)
    return found


def _candidates(request: PracticeTestRequest) -> list[Candidate]:
    unknown = []
    explicit = []
    for slug in request.templates:
        try:
            explicit.append(get_template(slug))
        except TemplateError:
            unknown.append(slug)
    if unknown:
        raise PracticeTestError(UNKNOWN_TEMPLATES.format(names=", ".join(sorted(unknown))))
    topics = _topic_closure(request.topics) if request.topics else {}
    chosen = {t.slug: t for t in explicit}
    for template in available_templates():
        if template.area in request.areas or template.topic in topics:
            chosen.setdefault(template.slug, template)
    if request.difficulty is not None:
        chosen = {s: t for s, t in chosen.items() if t.difficulty == request.difficulty}
    weights = request.weights or {}

    def group(template) -> str:
        if template.slug in request.templates:
            return f"template:{template.slug}"
        return topics.get(template.topic) or template.area

    def weight(template) -> float:
        for key in (template.topic, topics.get(template.topic), template.area):
            if key in weights:
                return float(weights[key])
        return 1.0

    return [
        Candidate(t.slug, t.topic, group(t), weight(t))
        for t in sorted(chosen.values(), key=lambda t: t.slug)
    ]


_SHORT_AREAS = {"math": "Math", "ml": "ML", "dl": "DL", "nlp": "NLP"}


def _default_title(request: PracticeTestRequest) -> str:
    """ "Math + DL", "Attention + tf-idf", "Matrix product + 2 more"."""
    names = [_SHORT_AREAS[a] for a in request.areas]
    names += list(
        Topic.objects.filter(slug__in=request.topics)
        .order_by("area", "order")
        .values_list("name", flat=True)
    )
    names += [get_template(slug).title for slug in request.templates]
    if len(names) > 3:
        return " + ".join(names[:2]) + f" + {len(names) - 2} more"
    return " + ".join(names)


@transaction.atomic
def practice_test_start(
    *, user: AbstractBaseUser, request: PracticeTestRequest, now: datetime | None = None
) -> PracticeTest:
    """Validate the request, draw fresh variants in a balanced mix of topics and start the clock."""
    _validate(request)
    rng = np.random.default_rng(new_seed())
    if request.template_weights:
        known = {t.slug for t in available_templates()}
        weights = {s: w for s, w in request.template_weights.items() if s in known}
        slugs = choose_weighted(weights, request.count, rng)
    else:
        candidates = _candidates(request)
        if not candidates:
            raise PracticeTestError(NO_MATCHING_TEMPLATES)
        slugs = choose(candidates, request.count, rng)
    if not slugs:
        raise PracticeTestError(NO_MATCHING_TEMPLATES)
    topic_ids = dict(Topic.objects.values_list("slug", "id"))
    variants = []
    for slug in slugs:
        variants.append(variant_row(generate_fresh(slug, rng), topic_ids))
    Variant.objects.bulk_create(variants)
    now = now or timezone.now()
    test = PracticeTest.objects.create(
        user=user,
        title=request.title or _default_title(request),
        layout=request.layout,
        request=request.as_json(),
        time_limit_s=request.time_limit_s,
        started_at=now,
        deadline=now + timedelta(seconds=request.time_limit_s),
    )
    PracticeTestItem.objects.bulk_create(
        PracticeTestItem(test=test, index=i, variant=v) for i, v in enumerate(variants)
    )
    return test


def practice_test_retake(
    *, user: AbstractBaseUser, test: PracticeTest, now: datetime | None = None
) -> PracticeTest:
    """The same choice of areas, topics and templates, with new numbers."""
    return practice_test_start(
        user=user, request=PracticeTestRequest.from_json(test.request), now=now
    )


def _locked(user: AbstractBaseUser, test_id: int) -> PracticeTest:
    return PracticeTest.objects.select_for_update().get(pk=test_id, user=user)


def practice_test_submit(
    *, user: AbstractBaseUser, test_id: int, now: datetime | None = None
) -> PracticeTest:
    """Grade and close the test. Idempotent: a second (or concurrent) submit returns the
    first result and grades nothing twice."""
    now = now or timezone.now()
    with transaction.atomic():
        test = _locked(user, test_id)
        if test.is_submitted:
            return test
        items = list(test.items.select_related("variant"))
        for item in items:
            _grade(item)
        PracticeTestItem.objects.bulk_update(items, GRADED_FIELDS)
        ran_out = now >= test.deadline  # by the page's countdown or the server's own check
        test.status = PracticeTest.Status.SUBMITTED
        test.submitted_at = min(now, test.deadline)
        test.auto_submitted = ran_out
        test.score = sum(item.score or 0.0 for item in items)
        test.max_score = float(len(items))
        test.save(update_fields=["status", "submitted_at", "auto_submitted", "score", "max_score"])
    return test


def _grade(item: PracticeTestItem) -> None:
    item.pending_check = False
    if not item.answered:
        item.correct, item.score, item.feedback = False, 0.0, NO_ANSWER
        item.interpreted, item.error = "", ""
        return
    verdict = grade_response(item.variant.as_generated(), item.response)
    if verdict.error == UNDECIDED:
        item.correct, item.score, item.feedback = None, 0.0, CHECK_PENDING
        item.interpreted, item.error, item.pending_check = verdict.interpreted, "", True
        return
    item.correct = verdict.correct
    item.score = verdict.score
    item.feedback = verdict.feedback
    item.interpreted = verdict.interpreted
    item.error = verdict.error or ""


def practice_test_regrade_pending(*, user: AbstractBaseUser, test_id: int) -> int:
    """Check again the answers the checker could not decide at submission; returns how many
    were decided now. The test's score is updated."""
    with transaction.atomic():
        test = _locked(user, test_id)
        pending = list(test.items.filter(pending_check=True).select_related("variant"))
        if not pending:
            return 0
        for item in pending:
            _grade(item)
        PracticeTestItem.objects.bulk_update(pending, GRADED_FIELDS)
        test.score = sum(test.items.values_list("score", flat=True), 0.0)
        test.save(update_fields=["score"])
    return sum(not item.pending_check for item in pending)


def practice_tests_submit_overdue(
    *, user: AbstractBaseUser | None = None, now: datetime | None = None
) -> int:
    """Submit every test whose deadline (plus grace) has passed; returns how many."""
    now = now or timezone.now()
    overdue = PracticeTest.objects.filter(
        status=PracticeTest.Status.IN_PROGRESS, deadline__lt=now - DEADLINE_GRACE
    )
    if user is not None:
        overdue = overdue.filter(user=user)
    submitted = 0
    for test_id, owner in overdue.values_list("id", "user"):
        practice_test_submit(user=owner, test_id=test_id, now=now)
        submitted += 1
    return submitted


def _refuse_if_closed(test: PracticeTest, now: datetime) -> None:
    if test.is_submitted:
        raise PracticeTestClosed(DEADLINE_PASSED if test.auto_submitted else ALREADY_SUBMITTED)
    if not test.accepts_answers(now):
        raise PracticeTestClosed(DEADLINE_PASSED)


def _no_such_question(index: object) -> PracticeTestItem.DoesNotExist:
    number = index + 1 if _is_int(index) else index
    return PracticeTestItem.DoesNotExist(NO_SUCH_QUESTION.format(number=number))


def _item(test: PracticeTest, index: int) -> PracticeTestItem:
    item = test.items.filter(index=index).first() if _is_int(index) and index >= 0 else None
    if item is None:
        raise _no_such_question(index)
    return item


def _locked_item(user: AbstractBaseUser, test_id: int, index: int) -> PracticeTestItem | None:
    """One of the learner's items with its variant and its test, the test row locked: the
    lock and the reads of the hottest write in one query. None when there is no such item."""
    if not (_is_int(index) and index >= 0):
        return None
    items = PracticeTestItem.objects.select_related("test", "variant")
    try:
        return items.select_for_update(of=("test",)).get(
            test_id=test_id, test__user=user, index=index
        )
    except PracticeTestItem.DoesNotExist:
        return None


def _submit_if_overdue(user: AbstractBaseUser, test_id: int, now: datetime) -> None:
    test = PracticeTest.objects.filter(pk=test_id, user=user).only("status", "deadline").first()
    if test is None:
        raise PracticeTest.DoesNotExist
    if test.is_overdue(now):
        practice_test_submit(user=user, test_id=test_id, now=now)


def response_save(
    *,
    user: AbstractBaseUser,
    test_id: int,
    index: int,
    response: str | None = None,
    flagged: bool | None = None,
    now: datetime | None = None,
) -> SavedAnswer:
    """Autosave one answer (and/or its review flag). Refused with PracticeTestClosed once the
    test is submitted or the deadline's grace has passed; an overdue test is submitted.
    The hottest write of a test: an answer to an open test is one statement
    (`autosave.save_while_open`); anything else takes the locked path below, which decides
    the refusal."""
    now = now or timezone.now()
    if response is not None and len(response) > MAX_RESPONSE_LENGTH:
        raise PracticeTestError(RESPONSE_TOO_LONG)
    if user.pk is not None:
        saved = save_while_open(
            user_id=user.pk,
            test_id=test_id,
            index=index,
            response=response,
            flagged=flagged,
            now=now,
        )
        if saved is not None:
            return saved
    with transaction.atomic():
        item = _locked_item(user, test_id, index)
        test = item.test if item is not None else _locked(user, test_id)
        overdue = test.is_overdue(now)
        if not overdue:
            _refuse_if_closed(test, now)
            if item is None:
                raise _no_such_question(index)
            fields = []
            if response is not None:
                item.response, item.response_saved_at = response, now
                fields += ["response", "response_saved_at"]
            if flagged is not None:
                item.flagged = bool(flagged)
                fields.append("flagged")
            if fields:
                item.save(update_fields=fields)
            if test.current_index != index:
                test.current_index = index
                test.save(update_fields=["current_index"])
    if overdue:  # closed in its own transaction, so the submission stands when we refuse
        practice_test_submit(user=user, test_id=test_id, now=now)
        raise PracticeTestClosed(DEADLINE_PASSED)
    return SavedAnswer(
        index=item.index,
        response=item.response,
        flagged=item.flagged,
        saved_at=item.response_saved_at,
        kind=item.variant.kind,
        variables=item.variant.options.get("variables"),
    )


def autosave_key(test: PracticeTest) -> str:
    """What the test page sends with each autosave: a signed capability naming the learner
    and the test, so the save needs no session or user query. It can only write answers to
    that one test, and only while the test accepts them."""
    return signing.dumps([test.user_id, test.id], salt=AUTOSAVE_KEY_SALT)


def response_save_by_credential(
    *,
    token: str | None = None,
    page_key: str | None = None,
    test_id: int,
    index: int,
    response: str,
    flagged: bool | None = None,
    now: datetime | None = None,
) -> SavedAnswer | None:
    """An autosave whose credential, an API token or the page's `autosave_key`, is checked by
    the save's own single statement: the hottest request makes no query to authenticate.
    None when it did not save (unknown token, forged key or one for another test, closed or
    overdue test, no such question): the caller then authenticates as usual and calls
    `response_save`, which refuses or submits with the reason."""
    if (token is None) == (page_key is None):
        raise ValueError("Give exactly one of token and page_key.")
    owner: dict[str, Any] = {"token_key": token}
    if page_key is not None:
        try:
            user_id, key_test_id = signing.loads(page_key, salt=AUTOSAVE_KEY_SALT)
        except (signing.BadSignature, TypeError, ValueError):
            return None
        if not (_is_int(user_id) and key_test_id == test_id):
            return None
        owner = {"user_id": user_id}
    return save_while_open(
        **owner,
        test_id=test_id,
        index=index,
        response=response,
        flagged=flagged,
        now=now or timezone.now(),
    )


def practice_test_move(
    *, user: AbstractBaseUser, test_id: int, index: int, now: datetime | None = None
) -> PracticeTest:
    """Remember where the learner is, so a reload or another device resumes there."""
    now = now or timezone.now()
    _submit_if_overdue(user, test_id, now)
    with transaction.atomic():
        test = _locked(user, test_id)
        if not test.is_submitted:
            _item(test, index)
            if test.current_index != index:
                test.current_index = index
                test.save(update_fields=["current_index"])
    return test


def practice_test_set_layout(*, user: AbstractBaseUser, test_id: int, layout: str) -> PracticeTest:
    if layout not in PracticeTest.Layout.values:
        raise PracticeTestError(BAD_LAYOUT)
    with transaction.atomic():
        test = _locked(user, test_id)
        test.layout = layout
        test.save(update_fields=["layout"])
    return test


def practice_test_presets(
    adaptive: dict[str, float] | None = None,
) -> dict[str, PracticeTestRequest]:
    """The one-click presets on the build page; "My weak topics" needs some history and
    draws templates by the adaptive rule's weights (see `analytics.adaptive`)."""
    presets = {
        "online": PracticeTestRequest(
            areas=("math", "ml", "dl", "nlp"),
            count=20,
            time_limit_s=30 * 60,
            title="Online test: Math + ML + DL + NLP",
        ),
        "quick": PracticeTestRequest(
            areas=("math", "ml", "dl", "nlp"),
            count=5,
            time_limit_s=5 * 60,
            title="Quick 5-minute drill",
        ),
    }
    if adaptive:
        presets["weak"] = PracticeTestRequest(
            count=10,
            time_limit_s=15 * 60,
            title="My weak topics",
            template_weights=dict(adaptive),
        )
    return presets
