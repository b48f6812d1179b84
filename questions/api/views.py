"""API entry points that are not about one resource: the root index and token issue."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from .openapi import errors
from .serializers import ApiRootOutputSerializer, TokenOutputSerializer


class ApiRoot(APIView):
    """Lists the API's endpoints; anyone may read it, every listed endpoint needs a login."""

    permission_classes = [AllowAny]

    @extend_schema(
        tags=["meta"],
        operation_id="root",
        summary="API index",
        description="Where each part of the API lives, and whether this request is logged in.",
        responses={200: ApiRootOutputSerializer, **errors(403)},
    )
    def get(self, request: Request) -> Response:
        links = {
            "version": "v1",
            "auth_token": reverse("api:auth-token", request=request),
            "tests": reverse("api:test-list", request=request),
            "preview": reverse("api:preview", request=request),
            "decks": reverse("api:deck-list", request=request),
            "cards": reverse("api:card-list", request=request),
            "reviews_due": reverse("api:reviews-due", request=request),
            "reviews": reverse("api:reviews", request=request),
            "exam_plan": reverse("api:exam-plan", request=request),
            "authenticated": request.user.is_authenticated,
        }
        return Response(ApiRootOutputSerializer(links).data)


@extend_schema_view(
    post=extend_schema(
        tags=["meta"],
        operation_id="auth_token",
        summary="Get an API token",
        description="A username and password for the account's token (the same each time).",
        auth=[],
        responses={200: TokenOutputSerializer, **errors(400, 403)},
    )
)
class TokenApi(ObtainAuthToken):
    """DRF's token view, documented."""
