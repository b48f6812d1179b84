"""Flashcards over JSON: decks and cards. A learner sees built-in decks and their own;
anyone else's are 404, and built-in ones are read-only (403)."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from questions.models import MAX_FIELD_CHARS, Card
from questions.selectors.flashcards import (
    card_browser,
    cards_with_schedules,
    deck_summaries,
    visible_decks,
)
from questions.services import flashcards as service

from .errors import domain_errors
from .openapi import DECK_QUERY, errors, path_id, query
from .params import MAX_ID, query_id, query_int, query_text
from .serializers import CARD_STATES, CardOutputSerializer, DeckOutputSerializer

CARD_ID = path_id("card_id", "A card of a built-in deck or of yours.")


def deck_json(deck) -> dict:
    return {
        "id": deck.id,
        "name": deck.name,
        "description": deck.description,
        "builtin": deck.is_builtin,
        "card_count": deck.card_count,
        "new_count": deck.new_count,
        "due_count": deck.due_count,
    }


class DeckListCreateApi(APIView):
    @extend_schema_serializer(component_name="DeckCreate")
    class InputSerializer(serializers.Serializer):
        name = serializers.CharField(max_length=200)
        description = serializers.CharField(required=False, allow_blank=True, max_length=2000)

    @extend_schema(
        tags=["decks"],
        operation_id="decks_list",
        summary="List decks",
        description="The built-in decks and yours, with your new and due counts.",
        responses={200: DeckOutputSerializer(many=True), **errors(403)},
    )
    def get(self, request: Request) -> Response:
        settings = service.study_settings_get(user=request.user)
        summaries = deck_summaries(user=request.user, settings=settings, now=timezone.now())
        return Response(DeckOutputSerializer([deck_json(d) for d in summaries], many=True).data)

    @extend_schema(
        tags=["decks"],
        operation_id="decks_create",
        summary="Create a deck",
        request=InputSerializer,
        responses={201: DeckOutputSerializer, **errors(400, 403)},
    )
    @domain_errors
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        deck = service.deck_create(user=request.user, **serializer.validated_data)
        data = {"id": deck.id, "name": deck.name, "description": deck.description, "builtin": False,
                "card_count": 0, "new_count": 0, "due_count": 0}  # fmt: skip
        return Response(DeckOutputSerializer(data).data, status=status.HTTP_201_CREATED)


@extend_schema_serializer(component_name="CardWrite")
class CardSerializer(serializers.Serializer):
    deck = serializers.IntegerField()
    front = serializers.CharField(max_length=MAX_FIELD_CHARS, trim_whitespace=False)
    back = serializers.CharField(
        max_length=MAX_FIELD_CHARS, allow_blank=True, required=False, trim_whitespace=False
    )
    tags = serializers.ListField(
        child=serializers.CharField(max_length=60), required=False, max_length=30
    )
    topic = serializers.SlugField(required=False, allow_null=True, allow_blank=True)


def card_json(card: Card) -> dict:
    schedule = card.my_schedule[0] if getattr(card, "my_schedule", None) else None
    studied = schedule is not None and schedule.last_review is not None
    return {
        "id": card.id,
        "deck": card.deck_id,
        "kind": card.kind,
        "front": card.front,
        "back": card.back if card.kind == Card.Kind.BASIC else "",
        "template": card.template_slug or None,
        "tags": card.tag_list,
        "topic": card.topic.slug if card.topic_id else None,
        "builtin": card.deck.owner_id is None,
        "state": schedule.state if studied else "new",
        "due": schedule.due if studied else None,
        "suspended": bool(schedule and schedule.suspended),
    }


class CardListCreateApi(APIView):
    @extend_schema(
        tags=["cards"],
        operation_id="cards_list",
        summary="Browse cards",
        description="Cards of the built-in decks and yours, by deck name, then id.",
        parameters=[
            DECK_QUERY,
            query("q", str, "Text in the front, back or tags (first 200 characters used)."),
            query("tag", str, "Cards with this tag."),
            query("topic", str, "Cards of this topic slug or its subtopics."),
            query(
                "state", str, "Cards in this study state.", enum=[*CARD_STATES, "due", "suspended"]
            ),
            query(
                "limit",
                {"type": "integer", "minimum": 0},
                "At most this many (default 100, cap 500).",
            ),
        ],
        responses={200: CardOutputSerializer(many=True), **errors(403)},
    )
    def get(self, request: Request) -> Response:
        settings = service.study_settings_get(user=request.user)
        params = request.query_params
        cards = card_browser(
            user=request.user,
            settings=settings,
            now=timezone.now(),
            q=query_text(params.get("q"), 200),
            deck_id=query_id(params.get("deck")),
            tag=query_text(params.get("tag"), 60),
            topic=query_text(params.get("topic"), 80),
            state=params.get("state", ""),
        )
        limit = query_int(params.get("limit"))
        limit = 100 if limit is None else min(limit, 500)
        return Response(CardOutputSerializer([card_json(c) for c in cards[:limit]], many=True).data)

    @extend_schema(
        tags=["cards"],
        operation_id="cards_create",
        summary="Create a card",
        description="A basic card in one of your decks (built-in decks are read-only).",
        request=CardSerializer,
        responses={201: CardOutputSerializer, **errors(400, 403, 404)},
    )
    @domain_errors
    def post(self, request: Request) -> Response:
        serializer = CardSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        card = service.card_create(
            user=request.user, deck_id=data["deck"], front=data["front"], back=data.get("back", ""),
            tags=data.get("tags", []), topic=data.get("topic") or None,
        )  # fmt: skip
        card = cards_with_schedules(user=request.user, card_ids=[card.id])[card.id]
        return Response(CardOutputSerializer(card_json(card)).data, status=status.HTTP_201_CREATED)


class CardDetailApi(APIView):
    def _card(self, request: Request, card_id: int) -> Card:
        # An id past the database's range names no card (and would overflow the lookup).
        card = (
            cards_with_schedules(user=request.user, card_ids=[card_id]).get(card_id)
            if card_id <= MAX_ID
            else None
        )
        if card is None or not visible_decks(user=request.user).filter(pk=card.deck_id).exists():
            raise Card.DoesNotExist(service.NOT_YOUR_CARD)
        return card

    @extend_schema(
        tags=["cards"],
        operation_id="cards_retrieve",
        summary="Read a card",
        parameters=[CARD_ID],
        responses={200: CardOutputSerializer, **errors(403, 404)},
    )
    @domain_errors
    def get(self, request: Request, card_id: int) -> Response:
        return Response(CardOutputSerializer(card_json(self._card(request, card_id))).data)

    @extend_schema(
        tags=["cards"],
        operation_id="cards_update",
        summary="Replace a card",
        description=(
            "Edit one of your cards, or move it to another of your decks; 403 for built-in cards."
        ),
        parameters=[CARD_ID],
        request=CardSerializer,
        responses={200: CardOutputSerializer, **errors(400, 403, 404)},
    )
    @domain_errors
    def put(self, request: Request, card_id: int) -> Response:
        self._card(request, card_id)
        serializer = CardSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        service.card_update(
            user=request.user, card_id=card_id, front=data["front"], back=data.get("back", ""),
            tags=data.get("tags", []), topic=data.get("topic") or None, deck_id=data["deck"],
        )  # fmt: skip
        return Response(CardOutputSerializer(card_json(self._card(request, card_id))).data)

    @extend_schema(
        tags=["cards"],
        operation_id="cards_delete",
        summary="Delete a card",
        description="One of your cards, with your reviews of it; 403 for built-in cards.",
        parameters=[CARD_ID],
        responses={204: None, **errors(403, 404)},
    )
    @domain_errors
    def delete(self, request: Request, card_id: int) -> Response:
        self._card(request, card_id)
        service.card_delete(user=request.user, card_id=card_id)
        return Response(status=status.HTTP_204_NO_CONTENT)
