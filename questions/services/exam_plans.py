"""The exam-date planner as a use-case: set the plan, forecast exam-day recall, and today's
queue chosen to maximise what is remembered on the exam morning (`srs.planner`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Avg, Max
from django.utils import timezone

from questions.models import Card, CardSchedule, ExamPlan, ReviewLog
from questions.selectors.flashcards import visible_decks
from questions.services.flashcards import FlashcardError, study_settings_get
from questions.srs import CardState, ExamGoal, PlanCard, plan_exam, todays_queue
from questions.srs.days import study_day, zone

EXAM_IN_THE_PAST = "The exam date must be today or later."
BAD_MINUTES = "The daily budget must be from 1 to 600 minutes."
NO_DECKS = "Choose at least one deck to prepare."
EXAM_TOO_FAR = "The exam date must be within two years."
# Planning simulates every day up to the exam: decades away would take minutes.
EXAM_HORIZON = timedelta(days=2 * 366)
MAX_PLANNED_CARDS = 5_000


@transaction.atomic
def exam_plan_set(
    *,
    user: AbstractBaseUser,
    exam_date: date,
    daily_minutes: int,
    deck_ids: list[int],
    exam_hour: int = 9,
    now: datetime | None = None,
) -> ExamPlan:
    now = now or timezone.now()
    settings = study_settings_get(user=user)
    today = study_day(now, zone(settings.timezone), settings.day_starts_hour)
    if exam_date < today:
        raise FlashcardError(EXAM_IN_THE_PAST)
    if exam_date > today + EXAM_HORIZON:
        raise FlashcardError(EXAM_TOO_FAR)
    if isinstance(daily_minutes, bool) or not 1 <= daily_minutes <= 600:
        raise FlashcardError(BAD_MINUTES)
    if not 0 <= exam_hour <= 23:
        raise FlashcardError("The exam hour must be from 0 to 23.")
    decks = list(visible_decks(user=user).filter(pk__in=deck_ids))
    if not decks or len(decks) != len(set(deck_ids)):
        raise FlashcardError(NO_DECKS if not deck_ids else "Unknown deck in the plan.")
    plan, _ = ExamPlan.objects.update_or_create(
        user=user,
        defaults={
            "exam_date": exam_date,
            "daily_minutes": daily_minutes,
            "exam_hour": exam_hour,
            "forecast": None,
            "forecast_key": "",
            "queue_day": None,
            "queue_card_ids": [],
        },
    )
    plan.decks.set(decks)
    return plan


@transaction.atomic
def exam_plan_delete(*, user: AbstractBaseUser) -> None:
    ExamPlan.objects.filter(user=user).delete()


def _exam_at(plan: ExamPlan, tz) -> datetime:
    return datetime.combine(plan.exam_date, time(plan.exam_hour), tzinfo=tz).astimezone(UTC)


def _plan_cards(user: AbstractBaseUser, plan: ExamPlan, now: datetime) -> list[PlanCard]:
    card_ids = list(
        Card.objects.filter(deck__in=plan.decks.all()).values_list("id", flat=True)[
            :MAX_PLANNED_CARDS
        ]
    )
    schedules = {
        s.card_id: s
        for s in CardSchedule.objects.filter(
            user=user, card_id__in=card_ids, last_review__isnull=False, suspended=False
        )
    }
    return [
        PlanCard(
            card_id, schedules[card_id].to_srs() if card_id in schedules else CardState.new(now)
        )
        for card_id in card_ids
    ]


def _goal(user: AbstractBaseUser, plan: ExamPlan, tz) -> ExamGoal:
    settings = study_settings_get(user=user)
    seconds = ReviewLog.objects.filter(user=user, duration_ms__gt=0).aggregate(
        average=Avg("duration_ms")
    )["average"]
    extra = {"review_seconds": min(max(seconds / 1000, 2.0), 120.0)} if seconds else {}
    return ExamGoal(
        exam_at=_exam_at(plan, tz),
        minutes_per_day=plan.daily_minutes,
        new_cards_per_day=None,
        reviews_per_day=settings.reviews_per_day,
        **extra,
    )


@dataclass(frozen=True)
class Forecast:
    exam_date: date
    days_left: int
    predicted_recall: float
    expected_recalled: float
    total_cards: int
    unseen_by_exam: int
    minutes_per_day: list[tuple[str, float]]
    warning: str | None

    def as_json(self) -> dict:
        return {
            "exam_date": self.exam_date.isoformat(),
            "days_left": self.days_left,
            "predicted_recall": self.predicted_recall,
            "expected_recalled": self.expected_recalled,
            "total_cards": self.total_cards,
            "unseen_by_exam": self.unseen_by_exam,
            "minutes_per_day": [list(row) for row in self.minutes_per_day],
            "warning": self.warning,
        }

    @classmethod
    def from_json(cls, data: dict) -> Forecast:
        return cls(
            exam_date=date.fromisoformat(data["exam_date"]),
            days_left=data["days_left"],
            predicted_recall=data["predicted_recall"],
            expected_recalled=data["expected_recalled"],
            total_cards=data["total_cards"],
            unseen_by_exam=data["unseen_by_exam"],
            minutes_per_day=[tuple(row) for row in data["minutes_per_day"]],
            warning=data["warning"],
        )


def _freshness_key(user: AbstractBaseUser, plan: ExamPlan, day: date) -> str:
    last = ReviewLog.objects.filter(user=user).aggregate(last=Max("id"))["last"] or 0
    return f"{day.isoformat()}:{last}:{plan.updated_at.isoformat()}"


def exam_plan_forecast(*, user: AbstractBaseUser, now: datetime | None = None) -> Forecast | None:
    """The plan's forecast (predicted exam-morning recall, unseen cards, minutes per day),
    recomputed only when reviews or the plan changed since it was last computed."""
    now = now or timezone.now()
    plan = ExamPlan.objects.filter(user=user).first()
    if plan is None:
        return None
    settings = study_settings_get(user=user)
    tz = zone(settings.timezone)
    day = study_day(now, tz, settings.day_starts_hour)
    key = _freshness_key(user, plan, day)
    if plan.forecast and plan.forecast_key == key:
        return Forecast.from_json(plan.forecast)
    result = plan_exam(
        _plan_cards(user, plan, now), _goal(user, plan, tz), now=now, settings=settings.scheduler()
    )
    forecast = Forecast(
        exam_date=plan.exam_date,
        days_left=max(0, (plan.exam_date - day).days),
        predicted_recall=result.predicted_recall,
        expected_recalled=result.expected_recalled,
        total_cards=result.total_cards,
        unseen_by_exam=len(result.unseen_card_ids),
        minutes_per_day=[(d.day.isoformat(), round(d.expected_minutes, 1)) for d in result.days],
        warning=result.warning,
    )
    ExamPlan.objects.filter(pk=plan.pk).update(forecast=forecast.as_json(), forecast_key=key)
    return forecast


def exam_plan_queue(*, user: AbstractBaseUser, now: datetime | None = None) -> list[int] | None:
    """Today's planned card ids (computed once per study day), or None without a plan or
    once the exam is over."""
    now = now or timezone.now()
    plan = ExamPlan.objects.filter(user=user).first()
    if plan is None:
        return None
    settings = study_settings_get(user=user)
    tz = zone(settings.timezone)
    if now >= _exam_at(plan, tz):
        return None
    day = study_day(now, tz, settings.day_starts_hour)
    if plan.queue_day == day:
        return list(plan.queue_card_ids)
    queue = list(
        todays_queue(
            _plan_cards(user, plan, now),
            _goal(user, plan, tz),
            now=now,
            settings=settings.scheduler(),
        )
    )
    ExamPlan.objects.filter(pk=plan.pk).update(queue_day=day, queue_card_ids=queue)
    return queue
