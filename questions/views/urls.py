"""URL routes of the learner-facing pages."""

from django.urls import path

from . import cards, practice, progress, study, study_settings
from .pages import home

urlpatterns = [
    path("", home, name="home"),
    path("tests/", practice.test_list, name="practice-test-list"),
    path("tests/new/", practice.test_create, name="practice-test-create"),
    path("tests/<int:test_id>/", practice.test_page, name="practice-test"),
    path(
        "tests/<int:test_id>/q/<int:number>/", practice.question_page, name="practice-test-question"
    ),
    path("tests/<int:test_id>/submit/", practice.test_submit, name="practice-test-submit"),
    path("tests/<int:test_id>/retake/", practice.test_retake, name="practice-test-retake"),
    path("tests/<int:test_id>/layout/", practice.test_layout, name="practice-test-layout"),
    path(
        "tests/<int:test_id>/mistakes-to-cards/",
        study_settings.mistakes_to_cards,
        name="practice-test-mistakes-to-cards",
    ),
    path("cards/", study.flashcards_home, name="flashcards"),
    path("cards/study/", study.study, name="study"),
    path("cards/study/check/", study.study_check, name="study-check"),
    path("cards/study/rate/", study.study_rate, name="study-rate"),
    path("cards/study/undo/", study.study_undo, name="study-undo"),
    path("cards/browse/", cards.card_browser_page, name="card-browser"),
    path("cards/new/", cards.card_new, name="card-new"),
    path("cards/preview/", cards.markdown_preview, name="card-preview"),
    path("cards/<int:card_id>/edit/", cards.card_edit, name="card-edit"),
    path("cards/<int:card_id>/delete/", cards.card_delete, name="card-delete"),
    path("cards/<int:card_id>/<str:action>/", study.card_action, name="card-action"),
    path("cards/decks/new/", cards.deck_new, name="deck-new"),
    path("cards/decks/<int:deck_id>/", cards.deck_detail, name="deck-detail"),
    path("cards/decks/<int:deck_id>/export.<str:fmt>", cards.deck_export, name="deck-export"),
    path("cards/import/", cards.cards_import, name="cards-import"),
    path("cards/settings/", study_settings.study_settings, name="study-settings"),
    path("cards/settings/optimise/", study_settings.optimise, name="study-optimise"),
    path("cards/exam/", study_settings.exam_plan, name="exam-plan"),
    path("progress/", progress.progress, name="progress"),
    path("progress/export/", progress.data_export, name="data-export"),
    path("progress/import/", progress.data_import, name="data-import"),
    path("practice/", progress.practice_mode, name="practice-mode"),
]
