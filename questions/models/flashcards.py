"""Flashcards: decks, cards (basic or drill), each learner's schedule per card, the review log,
study settings and the exam plan."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from questions.srs import CardState as SrsCardState
from questions.srs import SchedulerSettings

from .content import Area, Topic
from .variants import Variant

MAX_FIELD_CHARS = 20_000


def default_learning_steps() -> list[int]:
    return [60, 600]  # py-fsrs: 1 minute, 10 minutes


def default_relearning_steps() -> list[int]:
    return [600]  # py-fsrs: 10 minutes


class Deck(models.Model):
    """A deck of cards. Built-in starter decks have no owner and are studied by everyone."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="decks",
    )
    slug = models.SlugField(max_length=80)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    area = models.CharField(max_length=8, choices=Area.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Kept by `services.deck_counts` after every card write, so counts need no scan.
    card_count = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["owner_id", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug"], condition=Q(owner__isnull=True), name="unique_builtin_deck_slug"
            ),
            models.UniqueConstraint(fields=["owner", "slug"], name="unique_deck_slug_per_owner"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_builtin(self) -> bool:
        return self.owner_id is None


class Card(models.Model):
    class Kind(models.TextChoices):
        BASIC = "basic", "Basic (front and back)"
        DRILL = "drill", "Drill (a fresh question each time)"

    deck = models.ForeignKey(Deck, on_delete=models.CASCADE, related_name="cards")
    key = models.SlugField(max_length=120, blank=True, help_text="Stable id of built-in cards.")
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.BASIC)
    front = models.TextField(max_length=MAX_FIELD_CHARS)
    back = models.TextField(max_length=MAX_FIELD_CHARS, blank=True)
    template_slug = models.SlugField(max_length=80, blank=True)
    tags = models.CharField(max_length=500, blank=True, help_text="Space-separated, lower case.")
    topic = models.ForeignKey(Topic, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["deck_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["deck", "key"], condition=~Q(key=""), name="unique_card_key_per_deck"
            ),
            models.UniqueConstraint(
                fields=["deck", "template_slug"],
                condition=Q(kind="drill"),
                name="one_drill_card_per_template_per_deck",
            ),
        ]

    def __str__(self) -> str:
        return self.front[:60]

    @property
    def tag_list(self) -> list[str]:
        return self.tags.split()


class StudySettings(models.Model):
    """A learner's scheduling preferences; defaults are py-fsrs's own."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="study_settings"
    )
    desired_retention = models.FloatField(
        default=0.9, validators=[MinValueValidator(0.7), MaxValueValidator(0.99)]
    )
    learning_steps_s = models.JSONField(default=default_learning_steps)
    relearning_steps_s = models.JSONField(default=default_relearning_steps)
    maximum_interval_days = models.PositiveIntegerField(
        default=36500, validators=[MinValueValidator(1), MaxValueValidator(36500)]
    )
    new_per_day = models.PositiveIntegerField(default=20, validators=[MaxValueValidator(9999)])
    reviews_per_day = models.PositiveIntegerField(default=200, validators=[MaxValueValidator(9999)])
    timezone = models.CharField(max_length=64, default="UTC")
    day_starts_hour = models.PositiveSmallIntegerField(
        default=4, validators=[MaxValueValidator(23)], help_text="Like Anki: a day ends at 4 am."
    )
    parameters = models.JSONField(null=True, blank=True, help_text="Fitted FSRS parameters.")
    optimised_at = models.DateTimeField(null=True, blank=True)
    optimised_reviews = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"Study settings of {self.user_id}"

    def scheduler(self) -> SchedulerSettings:
        return SchedulerSettings(
            desired_retention=self.desired_retention,
            learning_steps=tuple(timedelta(seconds=s) for s in self.learning_steps_s),
            relearning_steps=tuple(timedelta(seconds=s) for s in self.relearning_steps_s),
            maximum_interval_days=self.maximum_interval_days,
            parameters=tuple(self.parameters) if self.parameters else None,
        )


class CardSchedule(models.Model):
    """One learner's memory state of one card (created at the first review)."""

    class State(models.TextChoices):
        LEARNING = "learning", "Learning"
        REVIEW = "review", "Review"
        RELEARNING = "relearning", "Relearning"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="card_schedules"
    )
    card = models.ForeignKey(Card, on_delete=models.CASCADE, related_name="schedules")
    # The card's deck, copied here so queues and deck counts need no join (kept in step by the
    # services that create schedules or move cards).
    deck = models.ForeignKey(Deck, on_delete=models.CASCADE, related_name="+")
    state = models.CharField(max_length=12, choices=State.choices)
    step = models.PositiveSmallIntegerField(null=True, blank=True)
    stability = models.FloatField(null=True, blank=True)
    difficulty = models.FloatField(null=True, blank=True)
    due = models.DateTimeField()
    last_review = models.DateTimeField(null=True, blank=True)
    reps = models.PositiveIntegerField(default=0)
    lapses = models.PositiveIntegerField(default=0)
    suspended = models.BooleanField(default=False)
    buried_until = models.DateTimeField(null=True, blank=True)
    pending_variant = models.ForeignKey(
        Variant,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The drill question shown and not yet answered.",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "card"], name="one_schedule_per_user_and_card")
        ]
        indexes = [
            models.Index(fields=["user", "state", "due"], name="schedule_queue"),
            models.Index(fields=["user", "deck", "last_review"], name="schedule_deck_progress"),
            models.Index(fields=["user", "due"], name="schedule_due"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}/{self.card_id}: {self.state} due {self.due:%Y-%m-%d %H:%M}"

    def to_srs(self) -> SrsCardState:
        return SrsCardState(
            state=self.state,
            step=self.step,
            stability=self.stability,
            difficulty=self.difficulty,
            due=self.due,
            last_review=self.last_review,
        )

    def apply(self, state: SrsCardState) -> None:
        self.state = state.state
        self.step = state.step
        self.stability = state.stability
        self.difficulty = state.difficulty
        self.due = state.due
        self.last_review = state.last_review


class DeckProgress(models.Model):
    """How many cards of a deck a learner has studied (new cards = deck size − this)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    deck = models.ForeignKey(Deck, on_delete=models.CASCADE, related_name="+")
    studied = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "deck"], name="one_progress_per_user_and_deck")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}/{self.deck_id}: {self.studied} studied"


class ReviewLog(models.Model):
    """Every answer: what was rated when, and the state before it (for undo and optimising)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_logs"
    )
    card = models.ForeignKey(Card, on_delete=models.CASCADE, related_name="review_logs")
    rating = models.PositiveSmallIntegerField()
    reviewed_at = models.DateTimeField()
    # The learner's study day at the time (their zone, their day start): activity per day is
    # then a plain GROUP BY, with no per-row time-zone arithmetic.
    day = models.DateField()
    duration_ms = models.PositiveIntegerField(null=True, blank=True)
    state_before = models.JSONField(null=True, blank=True, help_text="Null for a new card.")
    reps_before = models.PositiveIntegerField(default=0)
    lapses_before = models.PositiveIntegerField(default=0)
    interval_days = models.FloatField()
    variant = models.ForeignKey(
        Variant, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    response = models.TextField(blank=True)
    correct = models.BooleanField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["user", "reviewed_at"]),
            models.Index(fields=["card", "user", "reviewed_at"]),
            models.Index(fields=["user", "day"], name="reviewlog_user_day"),
            # Drill answers feed topic mastery; most logs are plain cards and stay out of it.
            models.Index(
                fields=["user", "reviewed_at"],
                condition=Q(variant__isnull=False),
                name="reviewlog_drills",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}/{self.card_id} rated {self.rating} at {self.reviewed_at:%Y-%m-%d %H:%M}"


class ExamPlan(models.Model):
    """The exam a learner is cramming for: the date, a daily time budget and the decks."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exam_plan"
    )
    exam_date = models.DateField()
    exam_hour = models.PositiveSmallIntegerField(default=9, validators=[MaxValueValidator(23)])
    daily_minutes = models.PositiveIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(600)]
    )
    decks = models.ManyToManyField(Deck, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    # Planning a month of study takes about a second, so results are kept until they go stale.
    forecast = models.JSONField(null=True, blank=True)
    forecast_key = models.CharField(max_length=120, blank=True)
    queue_day = models.DateField(null=True, blank=True)
    queue_card_ids = models.JSONField(default=list, blank=True)

    def __str__(self) -> str:
        return f"Exam of {self.user_id} on {self.exam_date}"
