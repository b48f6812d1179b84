"""Practice tests over JSON: build, list, read, autosave an answer, submit; and the preview.

Before submission nothing here serialises an answer, a solution or a recognised mistake."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import APIException
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from questions.grading import KINDS, interpret
from questions.mathinput.markdown import render_markdown
from questions.mathinput.mathml import latex_to_mathml_or_code
from questions.models import MAX_RESPONSE_LENGTH, PracticeTest
from questions.selectors.practice import practice_test_detail, practice_test_list
from questions.services.practice import (
    PracticeTestRequest,
    practice_test_regrade_pending,
    practice_test_start,
    practice_test_submit,
    practice_tests_submit_overdue,
    response_save,
    response_save_by_credential,
)

from .authentication import bearer_token
from .errors import domain_errors
from .openapi import errors, path_id
from .serializers import (
    AnswerSavedOutputSerializer,
    PracticeTestDetailOutputSerializer,
    PracticeTestSummaryOutputSerializer,
    PreviewOutputSerializer,
)

TAG = "practice tests"
AUTOSAVE_KEY_HEADER = "X-Autosave-Key"
TEST_ID = path_id("test_id", "One of your tests.")


class _Strings(serializers.ListField):
    child = serializers.CharField(max_length=80)

    def __init__(self, **kwargs):
        super().__init__(required=False, max_length=100, **kwargs)


def item_json(item, *, reveal: bool) -> dict:
    data = {
        "index": item.index,
        "prompt": item.variant.prompt,
        "prompt_html": render_markdown(item.variant.prompt),
        "kind": item.variant.kind,
        "topic": item.variant.topic.slug if item.variant.topic_id else None,
        "response": item.response,
        "flagged": item.flagged,
    }
    if reveal:
        data.update(
            correct=item.correct,
            score=item.score,
            answer=item.variant.answer,
            feedback=item.feedback,
            interpreted=item.interpreted,
            error=item.error or None,
            solution=item.variant.solution,
        )
    return data


def test_json(test: PracticeTest, *, with_items: bool = True) -> dict:
    now = timezone.now()
    data = {
        "id": test.id,
        "title": test.title,
        "status": test.status,
        "layout": test.layout,
        "started_at": test.started_at,
        "deadline": test.deadline,
        "time_limit_s": test.time_limit_s,
        "seconds_left": test.seconds_left(now) if not test.is_submitted else 0,
        "server_time": now,
        "current_index": test.current_index,
    }
    if test.is_submitted:
        data.update(
            submitted_at=test.submitted_at,
            auto_submitted=test.auto_submitted,
            score=test.score,
            max_score=test.max_score,
        )
    if with_items:
        data["items"] = [item_json(i, reveal=test.is_submitted) for i in test.items.all()]
    return data


class TestListCreateApi(APIView):
    """GET: your tests, newest first. POST: build and start a test."""

    @extend_schema_serializer(component_name="PracticeTestStart")
    class InputSerializer(serializers.Serializer):
        areas = _Strings()
        topics = _Strings()
        templates = _Strings()
        count = serializers.IntegerField()
        time_limit_s = serializers.IntegerField()
        difficulty = serializers.IntegerField(required=False, allow_null=True)
        layout = serializers.ChoiceField(choices=PracticeTest.Layout.choices, required=False)
        title = serializers.CharField(required=False, max_length=200, allow_blank=True)

    @extend_schema(
        tags=[TAG],
        operation_id="tests_list",
        summary="List your tests",
        description="Newest first, without their questions; overdue tests are submitted first.",
        responses={200: PracticeTestSummaryOutputSerializer(many=True), **errors(403)},
    )
    def get(self, request: Request) -> Response:
        practice_tests_submit_overdue(user=request.user)
        tests = practice_test_list(user=request.user)
        rows = [{**test_json(t, with_items=False), "item_count": t.item_count} for t in tests]
        return Response(PracticeTestSummaryOutputSerializer(rows, many=True).data)

    @extend_schema(
        tags=[TAG],
        operation_id="tests_start",
        summary="Start a test",
        description=(
            "Builds a test from the chosen areas, topics and/or templates (at least one), "
            "with `count` questions (1–100) and `time_limit_s` seconds (10–21600). The "
            "questions come without answers or solutions."
        ),
        request=InputSerializer,
        responses={201: PracticeTestDetailOutputSerializer, **errors(400, 403)},
    )
    @domain_errors
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        test = practice_test_start(
            user=request.user,
            request=PracticeTestRequest(
                areas=tuple(data.get("areas", ())),
                topics=tuple(data.get("topics", ())),
                templates=tuple(data.get("templates", ())),
                count=data["count"],
                time_limit_s=data["time_limit_s"],
                difficulty=data.get("difficulty"),
                layout=data.get("layout", PracticeTest.Layout.ONE_PER_PAGE),
                title=data.get("title", ""),
            ),
        )
        test = practice_test_detail(user=request.user, test_id=test.id)
        return Response(
            PracticeTestDetailOutputSerializer(test_json(test)).data,
            status=status.HTTP_201_CREATED,
        )


class TestDetailApi(APIView):
    @extend_schema(
        tags=[TAG],
        operation_id="tests_retrieve",
        summary="Read a test",
        description="Answers, solutions, feedback and scores appear once it is submitted.",
        parameters=[TEST_ID],
        responses={200: PracticeTestDetailOutputSerializer, **errors(403, 404)},
    )
    @domain_errors
    def get(self, request: Request, test_id: int) -> Response:
        practice_tests_submit_overdue(user=request.user)
        practice_test_regrade_pending(user=request.user, test_id=test_id)
        test = practice_test_detail(user=request.user, test_id=test_id)
        return Response(PracticeTestDetailOutputSerializer(test_json(test)).data)


class TestItemApi(APIView):
    """PUT an answer (autosave) and/or the review flag of one question.

    The hottest request of a test is one statement: with an API token, or with the test
    page's autosave key (`X-Autosave-Key`), the save itself checks who is asking together
    with the test's owner and deadline. Whatever that does not save goes through DRF's
    authentication and permissions first, so a bad token, a closed test or a missing
    question gets the same answer as on any other endpoint."""

    @extend_schema_serializer(component_name="AnswerSave")
    class InputSerializer(serializers.Serializer):
        response = serializers.CharField(
            required=False, allow_blank=True, trim_whitespace=False, max_length=MAX_RESPONSE_LENGTH
        )
        flagged = serializers.BooleanField(required=False)

    def initial(self, request: Request, *args, **kwargs) -> None:
        # The credential the save's own statement checks, if the request carries one.
        self.credential: dict[str, str] | None = None
        token = bearer_token(request)
        page_key = request.headers.get(AUTOSAVE_KEY_HEADER)
        if token is not None:
            self.credential = {"token": token}
        elif page_key:
            self.credential = {"page_key": page_key}
        super().initial(request, *args, **kwargs)

    def perform_authentication(self, request: Request) -> None:
        if self.credential is None:
            super().perform_authentication(request)

    def check_permissions(self, request: Request) -> None:
        if self.credential is None:
            super().check_permissions(request)

    def _authenticate_now(self, request: Request) -> None:
        super().perform_authentication(request)
        super().check_permissions(request)

    @extend_schema(
        tags=[TAG],
        operation_id="tests_answer_save",
        summary="Autosave an answer",
        description=(
            "Saves the response and/or the review flag of question `index` (from 0) and "
            "says how the response was read. 409 once the test is submitted or past its "
            "deadline."
        ),
        parameters=[
            TEST_ID,
            path_id("index", "The question's position in the test, from 0."),
            OpenApiParameter(
                AUTOSAVE_KEY_HEADER,
                str,
                OpenApiParameter.HEADER,
                required=False,
                description=(
                    "The test page's signed key for this test, instead of the session (and "
                    "its CSRF token); a key that does not fit is ignored."
                ),
            ),
        ],
        request=InputSerializer,
        responses={200: AnswerSavedOutputSerializer, **errors(400, 403, 404, 409)},
    )
    @domain_errors
    def put(self, request: Request, test_id: int, index: int) -> Response:
        try:
            serializer = self.InputSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
        except APIException:
            self._authenticate_now(request)  # who is asking comes before what is wrong
            raise
        data = serializer.validated_data
        saved = None
        if self.credential is not None and "response" in data:
            saved = response_save_by_credential(
                **self.credential,
                test_id=test_id,
                index=index,
                response=data["response"],
                flagged=data.get("flagged"),
            )
        if saved is None:
            self._authenticate_now(request)
            saved = response_save(
                user=request.user,
                test_id=test_id,
                index=index,
                response=data.get("response"),
                flagged=data.get("flagged"),
            )
        preview = (
            interpret(saved.kind, saved.response, variables=saved.variables)
            if saved.response.strip()
            else None
        )
        # AnswerSavedOutputSerializer's shape (the schema and the contract test hold it to
        # it), built directly: this is the hottest response, and a serializer costs more here.
        body = {
            "index": saved.index,
            "response": saved.response,
            "flagged": saved.flagged,
            "saved_at": saved.saved_at,
            "interpreted": preview.latex if preview else "",
            "error": preview.error if preview else None,
        }
        return Response(body)


class TestSubmitApi(APIView):
    @extend_schema(
        tags=[TAG],
        operation_id="tests_submit",
        summary="Submit a test",
        description="Grades and closes it; submitting again returns the same result.",
        parameters=[TEST_ID],
        request=None,
        responses={200: PracticeTestDetailOutputSerializer, **errors(403, 404)},
    )
    @domain_errors
    def post(self, request: Request, test_id: int) -> Response:
        practice_test_submit(user=request.user, test_id=test_id)
        test = practice_test_detail(user=request.user, test_id=test_id)
        return Response(PracticeTestDetailOutputSerializer(test_json(test)).data)


class PreviewApi(APIView):
    """How an answer is read, for the live "interpreted as" display."""

    @extend_schema_serializer(component_name="Preview")
    class InputSerializer(serializers.Serializer):
        kind = serializers.ChoiceField(choices=KINDS)
        response = serializers.CharField(
            allow_blank=True, trim_whitespace=False, max_length=MAX_RESPONSE_LENGTH
        )

    @extend_schema(
        tags=["preview"],
        operation_id="preview",
        summary="Preview how an answer is read",
        description="The response as LaTeX and MathML, or why it cannot be read; not graded.",
        request=InputSerializer,
        responses={200: PreviewOutputSerializer, **errors(400, 403)},
    )
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if not data["response"].strip():
            body = {"interpreted": "", "mathml": "", "error": None, "notes": []}
            return Response(PreviewOutputSerializer(body).data)
        preview = interpret(data["kind"], data["response"])
        body = {
            "interpreted": preview.latex,
            "mathml": latex_to_mathml_or_code(preview.latex) if preview.latex else "",
            "error": preview.error,
            "notes": list(preview.notes),
        }
        return Response(PreviewOutputSerializer(body).data)
