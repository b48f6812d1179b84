"""Routes of /api/v1/."""

from django.urls import path

from .flashcards import CardDetailApi, CardListCreateApi, DeckListCreateApi
from .practice import PreviewApi, TestDetailApi, TestItemApi, TestListCreateApi, TestSubmitApi
from .study import DueApi, ExamPlanApi, ReviewApi, ReviewUndoApi
from .views import ApiRoot, TokenApi

app_name = "api"

urlpatterns = [
    path("", ApiRoot.as_view(), name="root"),
    path("auth/token/", TokenApi.as_view(), name="auth-token"),
    path("tests/", TestListCreateApi.as_view(), name="test-list"),
    path("tests/<int:test_id>/", TestDetailApi.as_view(), name="test-detail"),
    path("tests/<int:test_id>/items/<int:index>/", TestItemApi.as_view(), name="test-item"),
    path("tests/<int:test_id>/submit/", TestSubmitApi.as_view(), name="test-submit"),
    path("preview/", PreviewApi.as_view(), name="preview"),
    path("decks/", DeckListCreateApi.as_view(), name="deck-list"),
    path("cards/", CardListCreateApi.as_view(), name="card-list"),
    path("cards/<int:card_id>/", CardDetailApi.as_view(), name="card-detail"),
    path("reviews/due/", DueApi.as_view(), name="reviews-due"),
    path("reviews/", ReviewApi.as_view(), name="reviews"),
    path("reviews/undo/", ReviewUndoApi.as_view(), name="reviews-undo"),
    path("exam-plan/", ExamPlanApi.as_view(), name="exam-plan"),
]
