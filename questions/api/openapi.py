"""What the OpenAPI document needs beyond the views: component names and the error answers
that operations share (bodies as `errors.domain_errors` and DRF produce them)."""

from __future__ import annotations

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers

from .serializers import ErrorSerializer, ValidationErrorSerializer

_ERRORS = {
    400: OpenApiResponse(
        ValidationErrorSerializer,
        "Refused: an invalid field, or a request the rules do not allow (`detail` says which).",
    ),
    403: OpenApiResponse(
        ErrorSerializer,
        "Not logged in or an invalid token; for a write, the content is built-in (read-only).",
    ),
    404: OpenApiResponse(ErrorSerializer, "No such object among yours."),
    409: OpenApiResponse(
        ErrorSerializer,
        "Conflict with the current state: the test is closed (submitted or past its deadline), "
        "or the review is older than the card's last one.",
    ),
}


def errors(*codes: int) -> dict[int, OpenApiResponse]:
    """The documented error answers, by status code, for `@extend_schema(responses=...)`."""
    return {code: _ERRORS[code] for code in codes}


def path_id(name: str, description: str) -> OpenApiParameter:
    """An integer path parameter as the `<int:…>` route matches it (digits only)."""
    return OpenApiParameter(
        name,
        {"type": "integer", "minimum": 0},
        OpenApiParameter.PATH,
        description=description,
    )


def query(name: str, kind: OpenApiTypes | dict, description: str, **kwargs) -> OpenApiParameter:
    return OpenApiParameter(name, kind, OpenApiParameter.QUERY, description=description, **kwargs)


DECK_QUERY = query("deck", OpenApiTypes.INT, "Only this deck (built-in or yours).")


class CramAutoSchema(AutoSchema):
    """Names components after what they describe: `CardOutputSerializer` becomes `Card`."""

    def get_serializer_name(self, serializer: serializers.Serializer, direction: str) -> str:
        return super().get_serializer_name(serializer, direction).removesuffix("OutputSerializer")
