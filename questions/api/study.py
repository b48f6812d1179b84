"""Studying over JSON: the due queue, reviews (with drill grading), undo and the exam plan.
The queue never carries a card's back or a drill's answer."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from questions.mathinput.markdown import render_markdown
from questions.models import Card, ExamPlan
from questions.selectors.flashcards import cards_with_schedules, due_queue, visible_decks
from questions.services import flashcards as service
from questions.services.exam_plans import (
    exam_plan_forecast,
    exam_plan_queue,
    exam_plan_set,
)

from .errors import domain_errors
from .openapi import DECK_QUERY, errors, query
from .params import query_id, query_int
from .serializers import (
    DueItemOutputSerializer,
    ExamPlanOutputSerializer,
    ReviewOutputSerializer,
    ReviewUndoOutputSerializer,
)


def due_item(request: Request, card: Card) -> dict:
    item = {
        "card": card.id,
        "kind": card.kind,
        "front": card.front,
        "front_html": render_markdown(card.front),
    }
    if card.kind == Card.Kind.DRILL:
        variant = service.drill_question(user=request.user, card=card)
        item["variant"] = {
            "id": variant.id,
            "prompt": variant.prompt,
            "prompt_html": render_markdown(variant.prompt),
            "kind": variant.kind,
            "title": variant.title,
        }
    return item


class DueApi(APIView):
    """The cards to review now, in study order (no backs, no drill answers)."""

    @extend_schema(
        tags=["reviews"],
        operation_id="reviews_due",
        summary="What to study now",
        description=(
            "Due and new cards in study order, without backs; a drill card comes with a fresh "
            "question (`variant`) and no answer. Without `deck`, an exam plan picks the cards."
        ),
        parameters=[
            DECK_QUERY,
            query(
                "limit",
                {"type": "integer", "minimum": 0},
                "At most this many (default 50, cap 200).",
            ),
        ],
        responses={200: DueItemOutputSerializer(many=True), **errors(403, 404)},
    )
    @domain_errors
    def get(self, request: Request) -> Response:
        settings = service.study_settings_get(user=request.user)
        deck = query_id(request.query_params.get("deck"))
        limit = query_int(request.query_params.get("limit"))
        limit = 50 if limit is None else min(limit, 200)
        deck_ids = None if deck is None else [deck]
        if deck_ids and not visible_decks(user=request.user).filter(pk=deck_ids[0]).exists():
            return Response({"detail": "Not found."}, status=status.HTTP_404_NOT_FOUND)
        now = timezone.now()
        planned = exam_plan_queue(user=request.user, now=now) if deck_ids is None else None
        queue = due_queue(
            user=request.user, settings=settings, now=now, deck_ids=deck_ids, limit=limit,
            only_card_ids=planned,
        )  # fmt: skip
        cards = cards_with_schedules(user=request.user, card_ids=queue.card_ids)
        items = [due_item(request, cards[i]) for i in queue.card_ids if i in cards]
        return Response(DueItemOutputSerializer(items, many=True).data)


class ReviewApi(APIView):
    @extend_schema_serializer(component_name="ReviewCreate")
    class InputSerializer(serializers.Serializer):
        card = serializers.IntegerField()
        rating = serializers.IntegerField(min_value=1, max_value=4, required=False, allow_null=True)
        duration_ms = serializers.IntegerField(min_value=0, max_value=86_400_000, required=False)
        reviewed_at = serializers.DateTimeField(required=False)
        response = serializers.CharField(
            required=False, allow_blank=True, max_length=10_000, trim_whitespace=False
        )

    @extend_schema(
        tags=["reviews"],
        operation_id="reviews_create",
        summary="Record a review",
        description=(
            "Rate a card 1 (again) to 4 (easy); a drill card's `response` is graded and, "
            "without a rating, rated for you. `reviewed_at` records an offline review. "
            "Returns the new schedule; 409 for a review older than the card's last."
        ),
        request=InputSerializer,
        responses={201: ReviewOutputSerializer, **errors(400, 403, 404, 409)},
    )
    @domain_errors
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        result = service.review_record(
            user=request.user,
            card_id=data["card"],
            rating=data.get("rating"),
            reviewed_at=data.get("reviewed_at"),
            duration_ms=data.get("duration_ms"),
            response=data.get("response"),
        )
        schedule = result.schedule
        body = {
            "card": result.card_id,
            "rating": result.rating,
            "due": schedule.due,
            "interval_days": round(result.interval.total_seconds() / 86400, 6),
            "state": schedule.state,
            "stability": schedule.stability,
            "difficulty": schedule.difficulty,
            "retrievability": result.retrievability,
        }
        if result.verdict is not None:
            body["verdict"] = result.verdict.as_dict()
        return Response(ReviewOutputSerializer(body).data, status=status.HTTP_201_CREATED)


class ReviewUndoApi(APIView):
    @extend_schema(
        tags=["reviews"],
        operation_id="reviews_undo",
        summary="Undo your last review",
        description="The card goes back to its state before that review; 400 with nothing to undo.",
        request=None,
        responses={200: ReviewUndoOutputSerializer, **errors(400, 403)},
    )
    @domain_errors
    def post(self, request: Request) -> Response:
        card = service.review_undo(user=request.user)
        return Response(ReviewUndoOutputSerializer({"card": card.id}).data)


class ExamPlanApi(APIView):
    @extend_schema_serializer(component_name="ExamPlanSet")
    class InputSerializer(serializers.Serializer):
        exam_date = serializers.DateField()
        daily_minutes = serializers.IntegerField()
        decks = serializers.ListField(child=serializers.IntegerField(), max_length=100)
        exam_hour = serializers.IntegerField(required=False, min_value=0, max_value=23)

    def _body(self, request: Request) -> Response:
        plan = ExamPlan.objects.filter(user=request.user).prefetch_related("decks").first()
        if plan is None:
            return Response({"detail": "No exam plan yet."}, status=status.HTTP_404_NOT_FOUND)
        forecast = exam_plan_forecast(user=request.user)
        body = {
            "exam_date": plan.exam_date,
            "exam_hour": plan.exam_hour,
            "daily_minutes": plan.daily_minutes,
            "decks": sorted(d.id for d in plan.decks.all()),
            "plan": forecast.as_json() if forecast else None,
        }
        return Response(ExamPlanOutputSerializer(body).data)

    @extend_schema(
        tags=["exam plan"],
        operation_id="exam_plan_retrieve",
        summary="Read your exam plan",
        description="With the forecast: predicted recall on the exam morning and minutes per day.",
        responses={200: ExamPlanOutputSerializer, **errors(403, 404)},
    )
    def get(self, request: Request) -> Response:
        return self._body(request)

    @extend_schema(
        tags=["exam plan"],
        operation_id="exam_plan_set",
        summary="Set your exam plan",
        description=(
            "The exam date (from today to two years ahead), an hour (0–23, default 9), a "
            "daily budget of 1–600 minutes and the decks to prepare; returns the plan with "
            "its forecast."
        ),
        request=InputSerializer,
        responses={200: ExamPlanOutputSerializer, **errors(400, 403)},
    )
    @domain_errors
    def put(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        exam_plan_set(
            user=request.user, exam_date=data["exam_date"], daily_minutes=data["daily_minutes"],
            deck_ids=data["decks"], exam_hour=data.get("exam_hour", 9),
        )  # fmt: skip
        return self._body(request)
