"""Cram's models, one module per aggregate; import them from here."""

from .authoring import AuthoredTemplate, AuthoredTemplateVersion
from .content import Area, Topic
from .flashcards import (
    MAX_FIELD_CHARS,
    Card,
    CardSchedule,
    Deck,
    DeckProgress,
    ExamPlan,
    ReviewLog,
    StudySettings,
)
from .practice import (
    DEADLINE_GRACE,
    MAX_RESPONSE_LENGTH,
    PracticeAnswer,
    PracticeTest,
    PracticeTestItem,
)
from .variants import Variant

__all__ = [
    "DEADLINE_GRACE",
    "MAX_FIELD_CHARS",
    "MAX_RESPONSE_LENGTH",
    "Area",
    "AuthoredTemplate",
    "AuthoredTemplateVersion",
    "Card",
    "CardSchedule",
    "Deck",
    "DeckProgress",
    "ExamPlan",
    "PracticeAnswer",
    "PracticeTest",
    "PracticeTestItem",
    "ReviewLog",
    "StudySettings",
    "Topic",
    "Variant",
]
