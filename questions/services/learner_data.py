"""A learner's own data as one JSON document, and restoring it into an empty account.

Everything the learner made or earned is included: study settings, their decks and cards,
tests with their questions (variants) and answers, practice-mode answers, card schedules, the
review log and the exam plan. Built-in cards are referred to by deck slug and card key, so an
export can be restored on another Cram installation with the same content.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from questions.models import (
    Card,
    CardSchedule,
    Deck,
    ExamPlan,
    PracticeAnswer,
    PracticeTest,
    PracticeTestItem,
    ReviewLog,
    StudySettings,
    Topic,
    Variant,
)
from questions.services.deck_counts import deck_card_counts_refresh, deck_progress_refresh

FORMAT = "cram-learner-data"
VERSION = 1
NOT_EMPTY = "this account already has tests, cards or reviews; import into a new, empty account."

SETTINGS_FIELDS = (
    "desired_retention", "learning_steps_s", "relearning_steps_s", "maximum_interval_days",
    "new_per_day", "reviews_per_day", "timezone", "day_starts_hour", "parameters",
    "optimised_at", "optimised_reviews",
)  # fmt: skip
VARIANT_FIELDS = (
    "template_slug", "template_version", "seed", "params", "title", "area", "difficulty",
    "kind", "options", "prompt", "answer", "answer_value", "solution", "mistakes",
)  # fmt: skip
TEST_FIELDS = (
    "title", "status", "layout", "request", "time_limit_s", "started_at", "deadline",
    "submitted_at", "auto_submitted", "current_index", "score", "max_score",
)  # fmt: skip
ITEM_FIELDS = (
    "index", "response", "response_saved_at", "flagged", "correct", "score", "feedback",
    "interpreted", "error",
)  # fmt: skip
ANSWER_FIELDS = (
    "response", "answered_at", "correct", "score", "feedback", "interpreted", "error",
)  # fmt: skip
SCHEDULE_FIELDS = (
    "state", "step", "stability", "difficulty", "due", "last_review", "reps", "lapses",
    "suspended", "buried_until",
)  # fmt: skip
LOG_FIELDS = (
    "rating", "reviewed_at", "day", "duration_ms", "state_before", "reps_before", "lapses_before",
    "interval_days", "response", "correct",
)  # fmt: skip
DATETIME_FIELDS = {
    "optimised_at", "started_at", "deadline", "submitted_at", "response_saved_at",
    "answered_at", "due", "last_review", "buried_until", "reviewed_at",
}  # fmt: skip


class LearnerDataError(ValueError):
    """An export file that cannot be restored; names the field at fault."""


def _json_value(name: str, value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _pick(obj: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    return {name: _json_value(name, getattr(obj, name)) for name in fields}


def learner_data_export(*, user: AbstractBaseUser) -> dict[str, Any]:
    settings = StudySettings.objects.filter(user=user).first()
    decks = list(Deck.objects.filter(owner=user).order_by("id"))
    deck_refs = {d.id: f"d{i}" for i, d in enumerate(decks)}
    cards = list(Card.objects.filter(deck__owner=user).select_related("topic").order_by("id"))
    card_refs: dict[int, Any] = {c.id: f"c{i}" for i, c in enumerate(cards)}
    schedules = list(
        CardSchedule.objects.filter(user=user).select_related("card__deck").order_by("id")
    )
    logs = list(ReviewLog.objects.filter(user=user).select_related("card__deck").order_by("id"))
    for row in [*schedules, *logs]:
        card = row.card
        if card.id not in card_refs:  # a built-in card
            card_refs[card.id] = {"deck": card.deck.slug, "key": card.key}
    tests = list(PracticeTest.objects.filter(user=user).order_by("id"))
    items = list(PracticeTestItem.objects.filter(test__user=user).order_by("test_id", "index"))
    answers = list(PracticeAnswer.objects.filter(user=user).order_by("id"))
    variant_ids = sorted(
        {i.variant_id for i in items}
        | {a.variant_id for a in answers}
        | {s.pending_variant_id for s in schedules if s.pending_variant_id}
        | {g.variant_id for g in logs if g.variant_id}
    )
    variants = Variant.objects.in_bulk(variant_ids)
    variant_refs = {vid: f"v{i}" for i, vid in enumerate(variant_ids)}
    items_by_test: dict[int, list[PracticeTestItem]] = {}
    for item in items:
        items_by_test.setdefault(item.test_id, []).append(item)
    topics = dict(Topic.objects.values_list("id", "slug"))
    plan = ExamPlan.objects.filter(user=user).prefetch_related("decks").first()
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().isoformat(),
        "username": user.get_username(),
        "settings": _pick(settings, SETTINGS_FIELDS) if settings else None,
        "decks": [
            {
                "ref": deck_refs[d.id],
                "slug": d.slug,
                "name": d.name,
                "description": d.description,
                "area": d.area,
                "cards": [
                    {
                        "ref": card_refs[c.id],
                        "key": c.key,
                        "kind": c.kind,
                        "front": c.front,
                        "back": c.back,
                        "template_slug": c.template_slug,
                        "tags": c.tags,
                        "topic": c.topic.slug if c.topic else None,
                    }
                    for c in cards
                    if c.deck_id == d.id
                ],
            }
            for d in decks
        ],
        "variants": [
            {
                "ref": variant_refs[vid],
                "topic": topics.get(variants[vid].topic_id),
                **_pick(variants[vid], VARIANT_FIELDS),
            }
            for vid in variant_ids
        ],
        "tests": [
            {
                **_pick(t, TEST_FIELDS),
                "items": [
                    {**_pick(i, ITEM_FIELDS), "variant": variant_refs[i.variant_id]}
                    for i in items_by_test.get(t.id, [])
                ],
            }
            for t in tests
        ],
        "practice_answers": [
            {**_pick(a, ANSWER_FIELDS), "variant": variant_refs[a.variant_id]} for a in answers
        ],
        "schedules": [
            {
                **_pick(s, SCHEDULE_FIELDS),
                "card": card_refs[s.card_id],
                "pending_variant": variant_refs.get(s.pending_variant_id),
            }
            for s in schedules
        ],
        "review_logs": [
            {
                **_pick(g, LOG_FIELDS),
                "card": card_refs[g.card_id],
                "variant": variant_refs.get(g.variant_id),
            }
            for g in logs
        ],
        "exam_plan": (
            {
                "exam_date": plan.exam_date.isoformat(),
                "exam_hour": plan.exam_hour,
                "daily_minutes": plan.daily_minutes,
                "decks": [
                    deck_refs.get(d.id, {"builtin": d.slug}) for d in plan.decks.order_by("id")
                ],
            }
            if plan
            else None
        ),
    }


class _Reader:
    """Field access on the imported document with errors that say where."""

    def __init__(self, data: Any, path: str = "") -> None:
        self.data, self.path = data, path

    def get(self, key: str, kind: type | tuple[type, ...] = object, optional: bool = False):
        where = f"{self.path}.{key}" if self.path else key
        if not isinstance(self.data, dict):
            raise LearnerDataError(f"{self.path or 'the file'}: expected an object")
        if key not in self.data:
            if optional:
                return None
            raise LearnerDataError(f"{where}: missing")
        value = self.data[key]
        if value is not None and not isinstance(value, kind):
            raise LearnerDataError(f"{where}: wrong type")
        return value

    def items(self, key: str) -> list[_Reader]:
        values = self.get(key, list)
        where = f"{self.path}.{key}" if self.path else key
        return [_Reader(v, f"{where}[{i}]") for i, v in enumerate(values)]

    def fields(self, names: tuple[str, ...]) -> dict[str, Any]:
        out = {}
        for name in names:
            value = self.get(name)
            if name == "day":
                parsed_day = parse_date(value) if isinstance(value, str) else None
                if parsed_day is None:
                    raise LearnerDataError(f"{self.path}.{name}: not an ISO date")
                value = parsed_day
            elif name in DATETIME_FIELDS and value is not None:
                parsed = parse_datetime(value) if isinstance(value, str) else None
                if parsed is None or timezone.is_naive(parsed):
                    raise LearnerDataError(f"{self.path}.{name}: not an ISO date-time with a zone")
                value = parsed
            out[name] = value
        return out


def _account_is_empty(user: AbstractBaseUser) -> bool:
    return not (
        PracticeTest.objects.filter(user=user).exists()
        or Deck.objects.filter(owner=user).exists()
        or CardSchedule.objects.filter(user=user).exists()
        or ReviewLog.objects.filter(user=user).exists()
        or PracticeAnswer.objects.filter(user=user).exists()
    )


@transaction.atomic
def learner_data_import(*, user: AbstractBaseUser, data: Any) -> dict[str, int]:
    """Restore an export into this (empty) account; all or nothing."""
    doc = _Reader(data)
    if doc.get("format", str) != FORMAT or doc.get("version", int) != VERSION:
        raise LearnerDataError("not a Cram learner-data export (format or version)")
    if not _account_is_empty(user):
        raise LearnerDataError(NOT_EMPTY)
    topics = dict(Topic.objects.values_list("slug", "id"))
    settings = doc.get("settings", dict, optional=True)
    if settings is not None:
        StudySettings.objects.update_or_create(
            user=user, defaults=_Reader(settings, "settings").fields(SETTINGS_FIELDS)
        )
    deck_ids: dict[str, int] = {}
    card_ids: dict[str, int] = {}
    for deck in doc.items("decks"):
        row = Deck.objects.create(
            owner=user, slug=deck.get("slug", str), name=deck.get("name", str),
            description=deck.get("description", str), area=deck.get("area", str),
        )  # fmt: skip
        deck_ids[deck.get("ref", str)] = row.id
        for card in deck.items("cards"):
            made = Card.objects.create(
                deck=row, key=card.get("key", str), kind=card.get("kind", str),
                front=card.get("front", str), back=card.get("back", str),
                template_slug=card.get("template_slug", str), tags=card.get("tags", str),
                topic_id=topics.get(card.get("topic", str, optional=True)),
            )  # fmt: skip
            card_ids[card.get("ref", str)] = made.id
    variant_ids: dict[str, int] = {}
    for variant in doc.items("variants"):
        made = Variant.objects.create(
            topic_id=topics.get(variant.get("topic", str, optional=True)),
            **variant.fields(VARIANT_FIELDS),
        )
        variant_ids[variant.get("ref", str)] = made.id

    def variant_of(reader: _Reader, key: str = "variant", optional: bool = False) -> int | None:
        ref = reader.get(key, str, optional=optional)
        if ref is None and optional:
            return None
        if ref not in variant_ids:
            raise LearnerDataError(f"{reader.path}.{key}: unknown variant {ref!r}")
        return variant_ids[ref]

    def card_of(reader: _Reader) -> Card:
        ref = reader.get("card", (str, dict))
        if isinstance(ref, str):
            if ref not in card_ids:
                raise LearnerDataError(f"{reader.path}.card: unknown card {ref!r}")
            return Card.objects.get(pk=card_ids[ref])
        card = Card.objects.filter(
            deck__owner__isnull=True, deck__slug=ref.get("deck"), key=ref.get("key")
        ).first()
        if card is None:
            raise LearnerDataError(f"{reader.path}.card: no built-in card {ref!r} here")
        return card

    tests = 0
    for test in doc.items("tests"):
        made = PracticeTest.objects.create(user=user, **test.fields(TEST_FIELDS))
        PracticeTestItem.objects.bulk_create(
            PracticeTestItem(test=made, variant_id=variant_of(item), **item.fields(ITEM_FIELDS))
            for item in test.items("items")
        )
        tests += 1
    answers = [
        PracticeAnswer(user=user, variant_id=variant_of(a), **a.fields(ANSWER_FIELDS))
        for a in doc.items("practice_answers")
    ]
    PracticeAnswer.objects.bulk_create(answers)
    schedules = []
    for schedule in doc.items("schedules"):
        card = card_of(schedule)
        schedules.append(
            CardSchedule(
                user=user,
                card=card,
                deck_id=card.deck_id,
                pending_variant_id=variant_of(schedule, "pending_variant", optional=True),
                **schedule.fields(SCHEDULE_FIELDS),
            )
        )
    CardSchedule.objects.bulk_create(schedules)
    logs = [
        ReviewLog(
            user=user,
            card=card_of(log),
            variant_id=variant_of(log, optional=True),
            **log.fields(LOG_FIELDS),
        )
        for log in doc.items("review_logs")
    ]
    ReviewLog.objects.bulk_create(logs)
    plan = doc.get("exam_plan", dict, optional=True)
    if plan is not None:
        reader = _Reader(plan, "exam_plan")
        exam_date = parse_date(reader.get("exam_date", str) or "")
        if exam_date is None:
            raise LearnerDataError("exam_plan.exam_date: not a date")
        made = ExamPlan.objects.create(
            user=user, exam_date=exam_date, exam_hour=reader.get("exam_hour", int),
            daily_minutes=reader.get("daily_minutes", int),
        )  # fmt: skip
        decks = []
        for ref in reader.get("decks", list):
            if isinstance(ref, str) and ref in deck_ids:
                decks.append(deck_ids[ref])
            elif isinstance(ref, dict) and "builtin" in ref:
                found = Deck.objects.filter(owner__isnull=True, slug=ref["builtin"]).first()
                if found is None:
                    raise LearnerDataError(f"exam_plan.decks: no built-in deck {ref['builtin']!r}")
                decks.append(found.id)
            else:
                raise LearnerDataError(f"exam_plan.decks: unknown deck {ref!r}")
        made.decks.set(decks)
    touched = set(deck_ids.values()) | {s.deck_id for s in schedules}
    deck_card_counts_refresh(deck_ids.values())
    deck_progress_refresh(deck_ids=touched, user_ids=[user.pk])
    return {
        "decks": len(deck_ids),
        "cards": len(card_ids),
        "tests": tests,
        "practice answers": len(answers),
        "card schedules": len(schedules),
        "reviews": len(logs),
    }
