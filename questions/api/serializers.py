"""The API's response shapes: output serializers over the dicts the views build, so the JSON
sent and the OpenAPI contract come from one declaration; and the error bodies."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from questions.grading import KINDS
from questions.models import Card, CardSchedule, PracticeTest

CARD_STATES = ("new", *CardSchedule.State.values)


class ShapeSerializer(serializers.Serializer):
    """Serialises a hand-built dict. A field declared `required=False` is one the view sends
    only sometimes (e.g. answers once a test is submitted): it is left out when the dict lacks
    it, where DRF would send a nullable field as null."""

    def to_representation(self, instance: Mapping[str, Any]) -> dict[str, Any]:
        data = super().to_representation(instance)
        return {k: v for k, v in data.items() if self.fields[k].required or k in instance}


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What went wrong, for a person to read.")


class ValidationErrorSerializer(serializers.Serializer):
    """A refused request: `detail` for a rule of the domain, otherwise each invalid field
    named with its messages (`non_field_errors` for the request as a whole)."""

    detail = serializers.CharField(required=False)
    non_field_errors = serializers.ListField(child=serializers.CharField(), required=False)


class ApiRootOutputSerializer(serializers.Serializer):
    version = serializers.CharField()
    auth_token = serializers.URLField()
    tests = serializers.URLField()
    preview = serializers.URLField()
    decks = serializers.URLField()
    cards = serializers.URLField()
    reviews_due = serializers.URLField()
    reviews = serializers.URLField()
    exam_plan = serializers.URLField()
    authenticated = serializers.BooleanField(help_text="Whether this request is logged in.")


class TokenOutputSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Send as `Authorization: Token <token>`.")


# Practice tests


class PracticeTestItemOutputSerializer(ShapeSerializer):
    """One question; the answer fields are present only once the test is submitted."""

    index = serializers.IntegerField(min_value=0)
    prompt = serializers.CharField(help_text="Markdown with $…$ math.")
    prompt_html = serializers.CharField()
    kind = serializers.ChoiceField(choices=KINDS, help_text="How the answer is read and graded.")
    topic = serializers.CharField(allow_null=True)
    response = serializers.CharField()
    flagged = serializers.BooleanField()
    correct = serializers.BooleanField(required=False, allow_null=True)
    score = serializers.FloatField(required=False, allow_null=True)
    answer = serializers.CharField(required=False)
    feedback = serializers.CharField(required=False)
    interpreted = serializers.CharField(required=False)
    error = serializers.CharField(required=False, allow_null=True)
    solution = serializers.CharField(required=False)


class PracticeTestOutputSerializer(ShapeSerializer):
    """A test; the result fields are present only once it is submitted."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    status = serializers.ChoiceField(choices=PracticeTest.Status.choices)
    layout = serializers.ChoiceField(choices=PracticeTest.Layout.choices)
    started_at = serializers.DateTimeField()
    deadline = serializers.DateTimeField()
    time_limit_s = serializers.IntegerField()
    seconds_left = serializers.IntegerField(min_value=0)
    server_time = serializers.DateTimeField(help_text="To correct the client's clock.")
    current_index = serializers.IntegerField(min_value=0)
    submitted_at = serializers.DateTimeField(required=False)
    auto_submitted = serializers.BooleanField(required=False)
    score = serializers.FloatField(required=False, allow_null=True)
    max_score = serializers.FloatField(required=False, allow_null=True)


class PracticeTestSummaryOutputSerializer(PracticeTestOutputSerializer):
    item_count = serializers.IntegerField(min_value=0)


class PracticeTestDetailOutputSerializer(PracticeTestOutputSerializer):
    items = PracticeTestItemOutputSerializer(many=True)


class AnswerSavedOutputSerializer(serializers.Serializer):
    index = serializers.IntegerField(min_value=0)
    response = serializers.CharField()
    flagged = serializers.BooleanField()
    saved_at = serializers.DateTimeField(allow_null=True)
    interpreted = serializers.CharField(help_text="LaTeX of how it was read.")
    error = serializers.CharField(allow_null=True, help_text="Why it could not be read.")


class PreviewOutputSerializer(serializers.Serializer):
    interpreted = serializers.CharField(help_text="LaTeX.")
    mathml = serializers.CharField()
    error = serializers.CharField(allow_null=True)
    notes = serializers.ListField(child=serializers.CharField())


# Flashcards


class DeckOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    description = serializers.CharField()
    builtin = serializers.BooleanField(help_text="Built-in decks are read-only.")
    card_count = serializers.IntegerField(min_value=0)
    new_count = serializers.IntegerField(min_value=0, help_text="Cards you have never studied.")
    due_count = serializers.IntegerField(min_value=0, help_text="Cards due by the end of today.")


class CardOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    deck = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=Card.Kind.choices)
    front = serializers.CharField()
    back = serializers.CharField(help_text="Empty for drill cards.")
    template = serializers.CharField(allow_null=True, help_text="The drill's question template.")
    tags = serializers.ListField(child=serializers.CharField())
    topic = serializers.CharField(allow_null=True)
    builtin = serializers.BooleanField()
    state = serializers.ChoiceField(choices=CARD_STATES)
    due = serializers.DateTimeField(allow_null=True, help_text="Null until first studied.")
    suspended = serializers.BooleanField()


class DrillVariantOutputSerializer(serializers.Serializer):
    """The fresh question a drill card asks this time (never its answer)."""

    id = serializers.IntegerField()
    prompt = serializers.CharField()
    prompt_html = serializers.CharField()
    kind = serializers.ChoiceField(choices=KINDS)
    title = serializers.CharField()


class DueItemOutputSerializer(ShapeSerializer):
    """A card to study now: its front only (the back is for after answering)."""

    card = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=Card.Kind.choices)
    front = serializers.CharField()
    front_html = serializers.CharField()
    variant = DrillVariantOutputSerializer(required=False, help_text="Drill cards only.")


class VerdictOutputSerializer(serializers.Serializer):
    correct = serializers.BooleanField()
    score = serializers.FloatField()
    feedback = serializers.CharField()
    interpreted = serializers.CharField()
    error = serializers.CharField(allow_null=True)


class ReviewOutputSerializer(ShapeSerializer):
    """The card's schedule after the review."""

    card = serializers.IntegerField()
    rating = serializers.IntegerField(min_value=1, max_value=4)
    due = serializers.DateTimeField()
    interval_days = serializers.FloatField()
    state = serializers.ChoiceField(choices=CardSchedule.State.choices)
    stability = serializers.FloatField(allow_null=True)
    difficulty = serializers.FloatField(allow_null=True)
    retrievability = serializers.FloatField(
        allow_null=True, help_text="Recall probability at review time; null for a new card."
    )
    verdict = VerdictOutputSerializer(required=False, help_text="Drill cards only: the grading.")


class ReviewUndoOutputSerializer(serializers.Serializer):
    card = serializers.IntegerField(help_text="The card whose last review was taken back.")


@extend_schema_field(
    {
        "type": "array",
        "items": {
            "type": "array",
            "minItems": 2,
            "maxItems": 2,
            "items": {"oneOf": [{"type": "string", "format": "date"}, {"type": "number"}]},
        },
        "description": "[day, expected minutes] for each day until the exam.",
    }
)
class _DayMinutesField(serializers.JSONField):
    pass


class ForecastOutputSerializer(serializers.Serializer):
    exam_date = serializers.DateField()
    days_left = serializers.IntegerField(min_value=0)
    predicted_recall = serializers.FloatField(help_text="Mean recall expected on the exam morning.")
    expected_recalled = serializers.FloatField()
    total_cards = serializers.IntegerField(min_value=0)
    unseen_by_exam = serializers.IntegerField(min_value=0)
    minutes_per_day = _DayMinutesField()
    warning = serializers.CharField(allow_null=True)


class ExamPlanOutputSerializer(serializers.Serializer):
    exam_date = serializers.DateField()
    exam_hour = serializers.IntegerField(min_value=0, max_value=23)
    daily_minutes = serializers.IntegerField()
    decks = serializers.ListField(child=serializers.IntegerField())
    plan = ForecastOutputSerializer(allow_null=True)
