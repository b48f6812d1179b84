"""Spaced-repetition scheduling: a thin adapter over py-fsrs, the exam planner, the simulator."""

from __future__ import annotations

from questions.srs.optimizer import (
    MIN_REVIEWS_FOR_OPTIMISATION,
    OptimisationError,
    count_optimisable_reviews,
    optimise_parameters,
)
from questions.srs.planner import ExamGoal, ExamPlan, PlanCard, PlanDay, plan_exam, todays_queue
from questions.srs.scheduler import (
    RATING_NAMES,
    RATINGS,
    CardState,
    ReviewOutcome,
    SchedulerSettings,
    format_interval,
    preview,
    recall_probability,
    replay,
    retrievability,
    review,
)

__all__ = [
    "MIN_REVIEWS_FOR_OPTIMISATION",
    "RATINGS",
    "RATING_NAMES",
    "CardState",
    "ExamGoal",
    "ExamPlan",
    "OptimisationError",
    "PlanCard",
    "PlanDay",
    "ReviewOutcome",
    "SchedulerSettings",
    "count_optimisable_reviews",
    "format_interval",
    "optimise_parameters",
    "plan_exam",
    "preview",
    "recall_probability",
    "replay",
    "retrievability",
    "review",
    "todays_queue",
]
