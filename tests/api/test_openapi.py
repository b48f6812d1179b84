"""The OpenAPI contract: the schema lists every /api/v1/ operation with its errors, the docs
pages load only local static files, and schemathesis finds no 5xx and no response outside it."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import timezone
from drf_spectacular.validation import validate_schema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from questions.api.errors import OUT_OF_RANGE
from questions.api.urls import urlpatterns
from questions.models import Card, Deck
from questions.services import flashcards as cards_service
from questions.services.exam_plans import EXAM_HORIZON, EXAM_TOO_FAR, exam_plan_set
from questions.services.flashcards import NOT_YOUR_CARD
from questions.services.practice import practice_test_submit
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CONTRACT_CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def api_v1_paths() -> set[str]:
    """Routes as OpenAPI paths: `tests/<int:test_id>/` → `/api/v1/tests/{test_id}/`."""
    return {"/api/v1/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", str(p.pattern)) for p in urlpatterns}


@pytest.fixture
def openapi(client) -> dict:
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    return response.json()


def test_schema_is_valid_openapi_3(openapi):
    validate_schema(openapi)
    assert openapi["openapi"].startswith("3.")
    assert openapi["info"]["title"] == "Cram API"


def test_schema_lists_every_api_v1_path(openapi):
    assert set(openapi["paths"]) == api_v1_paths()


def test_every_operation_is_tagged_summarised_and_documents_its_errors(openapi):
    for path, operations in openapi["paths"].items():
        for method, operation in operations.items():
            where = f"{method.upper()} {path}"
            assert operation.get("tags") and operation.get("summary"), where
            codes = set(operation["responses"])
            assert any(code.startswith("2") for code in codes), where
            errors = codes - {"200", "201", "204"}
            assert errors, f"{where} documents no error answer"
            for code in errors:
                schema = operation["responses"][code]["content"]["application/json"]["schema"]
                assert schema["$ref"].rsplit("/", 1)[1] in {"Error", "ValidationError"}, where


def test_every_operation_documents_403_and_id_paths_document_404(openapi):
    """A bad token is refused with 403 even where no login is needed."""
    for path, operations in openapi["paths"].items():
        for method, operation in operations.items():
            assert "403" in operation["responses"], f"{method.upper()} {path}"
            if "{" in path:
                assert "404" in operation["responses"], f"{method.upper()} {path}"


@pytest.mark.parametrize("url", ["/api/docs/", "/api/redoc/"])
def test_docs_pages_load_only_local_static_assets(client, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert not re.search(r"(?:https?:)?//[\w.-]+\.\w+", html), "an asset from another host"
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    # the sidecar's files, and (Swagger UI) its start-up script served by the view itself,
    # so the page needs no inline script under the Content-Security-Policy
    assert assets and all(
        a.startswith(("/static/drf_spectacular_sidecar/", f"{url}?script=")) for a in assets
    )
    for asset in assets:
        served = client.get(asset)
        assert served.status_code == 200, asset
        served.close()


# What the contract run found: inputs that were answered with a 500


@pytest.fixture
def api(api_client, user, topics):
    api_client.force_authenticate(user)
    api_client.raise_request_exception = False
    return api_client


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_a_card_id_past_the_database_range_is_not_found(api, method):
    response = getattr(api, method)(f"/api/v1/cards/{2**63}/", {"deck": 1, "front": "x"})
    assert response.status_code == 404
    assert response.json() == {"detail": NOT_YOUR_CARD}


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/cards/?deck=²",
        "/api/v1/cards/?limit=²",
        "/api/v1/reviews/due/?deck=²",
        "/api/v1/reviews/due/?limit=²",
    ],
)
def test_digits_that_are_not_ascii_are_ignored_like_any_malformed_number(api, url):
    assert api.get(url).status_code == 200


@pytest.mark.parametrize("param", ["q", "tag", "topic"])
def test_a_nul_character_in_a_card_search_is_ignored(api, param):
    """PostgreSQL refuses NUL in text; no card contains one."""
    response = api.get("/api/v1/cards/", {param: "euler\x00"})
    assert response.status_code == 200


def test_a_deck_filter_past_the_database_range_matches_nothing(api):
    assert api.get(f"/api/v1/cards/?deck={2**63}").json() == []
    assert api.get(f"/api/v1/reviews/due/?deck={2**63}").status_code == 404


def test_an_exam_plan_with_a_deck_id_past_the_range_is_refused(api):
    body = {"exam_date": str(timezone.localdate()), "daily_minutes": 10, "decks": [2**63]}
    response = api.put("/api/v1/exam-plan/", body, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"detail"}  # out of range (SQLite) or unknown (PostgreSQL)


def test_an_exam_too_far_ahead_is_refused_before_planning(api):
    """Planning simulates each day until the exam: decades took minutes, year 9999 crashed."""
    deck = Deck.objects.filter(owner__isnull=True).first()
    just_past = timezone.localdate() + EXAM_HORIZON + timedelta(days=1)
    for exam_date in (str(just_past), "9999-12-30"):
        body = {"exam_date": exam_date, "daily_minutes": 10, "decks": [deck.id]}
        response = api.put("/api/v1/exam-plan/", body, format="json")
        assert response.status_code == 400
        assert response.json() == {"detail": EXAM_TOO_FAR}


def test_a_review_dated_at_the_start_of_the_calendar_is_refused(api):
    card = Card.objects.filter(deck__owner__isnull=True).first()
    body = {"card": card.id, "rating": 3, "reviewed_at": "0001-01-01T00:00:00Z"}
    response = api.post("/api/v1/reviews/", body, format="json")
    assert response.status_code == 400
    assert response.json() == {"detail": OUT_OF_RANGE}


# The contract test

ID_SOURCES = ["generated", "own", "others", "beyond"]
BEYOND = 2**63  # one past the largest 64-bit id: names no row, and must not crash a lookup


@pytest.fixture
def learner(topics, start_test):
    """A learner with something behind every id, by source: `own` are theirs (an open test,
    a reviewed card, a drill card with its question drawn, a deck); `others` are a submitted
    test and built-in content; `beyond` is past any database id. Also an exam plan, and a
    review that undo can take back."""
    user = UserFactory()
    open_test = start_test(user)
    submitted = start_test(user, count=2)
    practice_test_submit(user=user, test_id=submitted.id)
    deck = cards_service.deck_create(user=user, name="Contract deck")
    card = cards_service.card_create(
        user=user, deck_id=deck.id, front="What is $e^{i\\pi}$?", back="$-1$", tags=["euler"]
    )
    cards_service.review_record(user=user, card_id=card.id, rating=3)
    drill, _ = cards_service.drill_card_for_template(deck=deck, template_slug="matrix-product")
    cards_service.drill_question(user=user, card=drill)
    exam_plan_set(
        user=user,
        exam_date=timezone.localdate() + timedelta(days=30),
        daily_minutes=20,
        deck_ids=[deck.id],
    )
    builtin = Card.objects.filter(deck__owner__isnull=True).order_by("id").first()
    return {
        "token": Token.objects.create(user=user).key,
        "own": {
            "path": {"test_id": open_test.id, "index": 0, "card_id": card.id},
            "body": {"card": drill.id, "deck": deck.id, "decks": [deck.id]},
            "query": {"deck": deck.id},
        },
        "others": {
            "path": {"test_id": submitted.id, "index": 1, "card_id": builtin.id},
            "body": {"card": builtin.id, "deck": builtin.deck_id, "decks": [builtin.deck_id]},
            "query": {"deck": builtin.deck_id},
        },
        "beyond": {
            "path": {"test_id": BEYOND, "index": BEYOND, "card_id": BEYOND},
            "body": {"card": BEYOND, "deck": BEYOND, "decks": [BEYOND]},
            "query": {"deck": BEYOND},
        },
    }


@pytest.fixture
def wsgi_app():
    """Django's WSGI app, kept from closing the test's connection after each request (as the
    test client does), so requests see the learner's rows inside the test transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(wsgi_app) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_wsgi("/api/schema/", wsgi_app)


def aim_at(case: schemathesis.Case, ids: dict) -> None:
    """Swap the generated ids in the path, the query and a JSON body for the chosen ones."""
    if case.path_parameters:
        case.path_parameters = {name: ids["path"][name] for name in case.path_parameters}
    if case.query:
        case.query = {**case.query, **{k: v for k, v in ids["query"].items() if k in case.query}}
    if isinstance(case.body, dict):
        case.body = {**case.body, **{k: v for k, v in ids["body"].items() if k in case.body}}


def assert_contract_holds(operation: schemathesis.APIOperation, learner: dict) -> None:
    """Generated requests to one operation, most of them aimed at chosen ids."""

    @given(case=operation.as_strategy(), source=st.sampled_from(ID_SOURCES))
    @settings(
        max_examples=25,
        deadline=timedelta(seconds=5),
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    def requests_honour_the_schema(case: schemathesis.Case, source: str) -> None:
        if source != "generated":
            aim_at(case, learner[source])
        case.call_and_validate(
            headers={"Authorization": f"Token {learner['token']}"}, checks=CONTRACT_CHECKS
        )

    requests_honour_the_schema()


@pytest.mark.slow
def test_api_honours_its_contract(subtests, api_schema, learner):
    """Every operation: never a 5xx, only documented status codes and content types, and
    bodies that match the schema."""
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert {op.path for op in operations} == api_v1_paths()
    for operation in operations:
        with subtests.test(msg=operation.label):
            assert_contract_holds(operation, learner)
