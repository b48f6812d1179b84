"""Read queries behind the progress page: every graded answer, review activity per day, the
due forecast, true retention, cards by state and test scores over time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Case, Count, F, IntegerField, Q, Value, When, Window
from django.db.models.functions import RowNumber

from questions.analytics.mastery import RECENT, Answer
from questions.models import (
    CardSchedule,
    DeckProgress,
    PracticeAnswer,
    PracticeTest,
    PracticeTestItem,
    ReviewLog,
    StudySettings,
)
from questions.selectors.flashcards import visible_decks
from questions.srs.days import day_bounds, study_day, zone

ANSWER_WINDOW = timedelta(days=180)


def _recent_per_topic(queryset, topic: str, at: str, fields: tuple[str, ...]):
    """The newest RECENT rows per topic, ranked in the database (a window function), so a
    learner with tens of thousands of answers costs a few hundred rows here."""
    ranked = queryset.annotate(
        rank=Window(RowNumber(), partition_by=F(topic), order_by=F(at).desc())
    ).filter(rank__lte=RECENT)
    return ranked.values_list(*fields)


def learner_answers(*, user: AbstractBaseUser, now: datetime) -> list[Answer]:
    """The newest graded answers per topic (tests, the practice mode and drill cards) from
    the last six months; unanswered test questions count as wrong."""
    since = now - ANSWER_WINDOW
    sources = [
        (
            PracticeTestItem.objects.filter(
                test__user=user,
                test__status=PracticeTest.Status.SUBMITTED,
                test__submitted_at__gte=since,
                variant__topic__isnull=False,
            ),
            "test__submitted_at",
            "score",
        ),
        (
            PracticeAnswer.objects.filter(
                user=user, answered_at__gte=since, variant__topic__isnull=False
            ),
            "answered_at",
            "score",
        ),
        (
            ReviewLog.objects.filter(
                user=user, variant__isnull=False, reviewed_at__gte=since,
                correct__isnull=False, variant__topic__isnull=False,
            ),
            "reviewed_at",
            "correct",
        ),
    ]  # fmt: skip
    answers = []
    for queryset, at, score in sources:
        fields = ("variant__topic__slug", "variant__area", "variant__template_slug", score, at)
        for topic, area, slug, value, when in _recent_per_topic(
            queryset, "variant__topic_id", at, fields
        ):
            answers.append(Answer(topic, area, slug, float(value or 0), when))
    return answers


def reviews_per_day(
    *, user: AbstractBaseUser, settings: StudySettings, now: datetime, days: int = 140
) -> dict[date, int]:
    """Reviews per study day over the last `days` days (each review keeps the study day it
    was made on, in the learner's zone at the time)."""
    first = study_day(now, zone(settings.timezone), settings.day_starts_hour) - timedelta(days=days)
    rows = (
        ReviewLog.objects.filter(user=user, day__gte=first)
        .values("day")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {row["day"]: row["n"] for row in rows}


def due_forecast(
    *, user: AbstractBaseUser, settings: StudySettings, now: datetime, days: int = 30
) -> list[tuple[date, int]]:
    """Cards falling due on each of the next `days` study days (overdue ones count today).
    Each due time is put in its day by comparisons with the days' UTC bounds, in the database,
    so the learner's zone (and daylight saving) is exact without per-row conversions."""
    tz = zone(settings.timezone)
    first = study_day(now, tz, settings.day_starts_hour)
    calendar = [first + timedelta(days=i) for i in range(days)]
    ends = [day_bounds(day, tz, settings.day_starts_hour)[1] for day in calendar]
    bucket = Case(
        *(When(due__lt=end, then=Value(i)) for i, end in enumerate(ends)),
        default=Value(-1),
        output_field=IntegerField(),
    )
    rows = (
        CardSchedule.objects.filter(
            user=user, suspended=False, last_review__isnull=False, due__lt=ends[-1]
        )
        .annotate(bucket=bucket)
        .values("bucket")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts = dict.fromkeys(range(days), 0)
    for row in rows:
        if row["bucket"] >= 0:
            counts[row["bucket"]] += row["n"]
    return [(calendar[i], counts[i]) for i in range(days)]


@dataclass(frozen=True)
class Retention:
    reviews: int
    recalled: int
    desired: float

    @property
    def true(self) -> float | None:
        return self.recalled / self.reviews if self.reviews else None


def true_retention(
    *, user: AbstractBaseUser, settings: StudySettings, now: datetime, days: int = 30
) -> Retention:
    """Of the reviews of mature cards (in review state) in the last `days` days, the share
    recalled (rated Hard, Good or Easy): what FSRS aims to keep at the desired retention."""
    row = ReviewLog.objects.filter(
        user=user, reviewed_at__gte=now - timedelta(days=days), state_before__state="review"
    ).aggregate(n=Count("id"), ok=Count("id", filter=Q(rating__gt=1)))
    return Retention(row["n"], row["ok"], settings.desired_retention)


def cards_by_state(*, user: AbstractBaseUser) -> dict[str, int]:
    """New, learning, review, relearning and suspended cards over the visible decks."""
    total = sum(d.card_count for d in visible_decks(user=user).only("card_count"))
    studied = sum(DeckProgress.objects.filter(user=user).values_list("studied", flat=True))
    rows = dict(
        CardSchedule.objects.filter(user=user, last_review__isnull=False, suspended=False)
        .values_list("state")
        .annotate(n=Count("id"))
        .order_by()
    )
    suspended = CardSchedule.objects.filter(user=user, suspended=True).count()
    return {
        "new": max(0, total - studied),
        "learning": rows.get("learning", 0),
        "review": rows.get("review", 0),
        "relearning": rows.get("relearning", 0),
        "suspended": suspended,
    }


def score_history(*, user: AbstractBaseUser, limit: int = 60) -> list[tuple[datetime, float, str]]:
    """(submitted at, percent, title) of the learner's tests, oldest first."""
    rows = list(
        PracticeTest.objects.filter(
            user=user, status=PracticeTest.Status.SUBMITTED, max_score__gt=0
        )
        .order_by("-submitted_at")
        .values_list("submitted_at", "score", "max_score", "title")[:limit]
    )
    return [(at, 100 * score / top, title) for at, score, top, title in reversed(rows)]
