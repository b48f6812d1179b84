"""Practice tests: a timed attempt made of stored variants, the learner's responses and, once
submitted, their grades. The server's clock is the only clock."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models

from .variants import Variant

# Answers already in flight when the deadline passes are still accepted for this long.
DEADLINE_GRACE = timedelta(seconds=5)
MAX_RESPONSE_LENGTH = 10_000


class PracticeTest(models.Model):
    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", "In progress"
        SUBMITTED = "submitted", "Submitted"

    class Layout(models.TextChoices):
        ONE_PER_PAGE = "one", "One question per page"
        ALL_ON_ONE_PAGE = "all", "All questions on one page"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practice_tests"
    )
    title = models.CharField(max_length=200)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.IN_PROGRESS)
    layout = models.CharField(max_length=3, choices=Layout.choices, default=Layout.ONE_PER_PAGE)
    request = models.JSONField(help_text="What the learner asked for, to retake with new numbers.")
    time_limit_s = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    deadline = models.DateTimeField()
    submitted_at = models.DateTimeField(null=True, blank=True)
    auto_submitted = models.BooleanField(default=False)
    current_index = models.PositiveSmallIntegerField(default=0)
    score = models.FloatField(null=True, blank=True)
    max_score = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        indexes = [
            models.Index(fields=["user", "-started_at"]),
            models.Index(fields=["status", "deadline"]),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.user_id}, {self.started_at:%Y-%m-%d %H:%M})"

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED

    def accepts_answers(self, now: datetime) -> bool:
        return not self.is_submitted and now <= self.deadline + DEADLINE_GRACE

    def is_overdue(self, now: datetime) -> bool:
        """Past the deadline and its grace but not yet submitted: submit it now."""
        return not self.is_submitted and now > self.deadline + DEADLINE_GRACE

    def seconds_left(self, now: datetime) -> int:
        return max(0, int((self.deadline - now).total_seconds()))

    @property
    def time_used(self) -> timedelta | None:
        if self.submitted_at is None:
            return None
        return min(self.submitted_at, self.deadline) - self.started_at

    @property
    def percent(self) -> float | None:
        if self.score is None or not self.max_score:
            return None
        return 100.0 * self.score / self.max_score


class PracticeTestItem(models.Model):
    test = models.ForeignKey(PracticeTest, on_delete=models.CASCADE, related_name="items")
    index = models.PositiveSmallIntegerField()
    variant = models.ForeignKey(Variant, on_delete=models.PROTECT, related_name="+")
    response = models.TextField(blank=True, max_length=MAX_RESPONSE_LENGTH)
    response_saved_at = models.DateTimeField(null=True, blank=True)
    flagged = models.BooleanField(default=False)
    correct = models.BooleanField(null=True)
    score = models.FloatField(null=True, blank=True)
    feedback = models.TextField(blank=True)
    interpreted = models.TextField(blank=True)
    error = models.TextField(blank=True)
    # The checker could not decide in time (a stuck or dead CAS worker): shown as "will be
    # checked again" and re-graded when the test is next opened.
    pending_check = models.BooleanField(default=False)

    class Meta:
        ordering = ["test", "index"]
        constraints = [
            models.UniqueConstraint(fields=["test", "index"], name="unique_item_index_per_test")
        ]

    def __str__(self) -> str:
        return f"Item {self.index + 1} of test {self.test_id}"

    @property
    def answered(self) -> bool:
        return bool(self.response.strip())


class PracticeAnswer(models.Model):
    """One answer in the endless practice mode: a question, graded at once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practice_answers"
    )
    variant = models.ForeignKey(Variant, on_delete=models.PROTECT, related_name="+")
    response = models.TextField(blank=True, max_length=MAX_RESPONSE_LENGTH)
    answered_at = models.DateTimeField(null=True, blank=True)
    correct = models.BooleanField(null=True)
    score = models.FloatField(null=True, blank=True)
    feedback = models.TextField(blank=True)
    interpreted = models.TextField(blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["user", "answered_at"])]

    def __str__(self) -> str:
        return f"Practice answer {self.pk} of {self.user_id}"
