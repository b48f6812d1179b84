"""Thin adapter over py-fsrs: settings, a plain card state, and review/preview/recall.

Every stability, difficulty and due date comes from `fsrs.Scheduler`; this module only converts
values, validates input and makes interval fuzzing reproducible.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any, Literal

import fsrs
import numpy as np
from fsrs.scheduler import DEFAULT_PARAMETERS, FUZZ_RANGES

StateName = Literal["learning", "review", "relearning"]

RATINGS: tuple[int, ...] = (1, 2, 3, 4)
RATING_NAMES = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}
MIN_RETENTION, MAX_RETENTION = 0.7, 0.99
MAX_INTERVAL_DAYS = 36500

_STATE_TO_FSRS = {
    "learning": fsrs.State.Learning,
    "review": fsrs.State.Review,
    "relearning": fsrs.State.Relearning,
}
_FSRS_TO_STATE: dict[fsrs.State, StateName] = {
    fsrs.State.Learning: "learning",
    fsrs.State.Review: "review",
    fsrs.State.Relearning: "relearning",
}
_DAY_SECONDS = 86400.0


@dataclass(frozen=True)
class SchedulerSettings:
    """A learner's scheduling preferences; the defaults are py-fsrs's own.

    Fuzzing is off by default. py-fsrs fuzzes with the global `random` module, so the same answer
    could get a different due date on replay and tests could not pin intervals. When switched on
    here, the fuzz is drawn from a generator seeded by the card's state and the rating, so a
    replay, the button preview and the real answer all agree.
    """

    desired_retention: float = 0.9
    learning_steps: tuple[timedelta, ...] = (timedelta(minutes=1), timedelta(minutes=10))
    relearning_steps: tuple[timedelta, ...] = (timedelta(minutes=10),)
    maximum_interval_days: int = MAX_INTERVAL_DAYS
    parameters: tuple[float, ...] | None = None
    enable_fuzzing: bool = False

    def __post_init__(self) -> None:
        if not MIN_RETENTION <= self.desired_retention <= MAX_RETENTION:
            raise ValueError(
                f"desired_retention must be between {MIN_RETENTION} and {MAX_RETENTION}, "
                f"got {self.desired_retention}"
            )
        for name in ("learning_steps", "relearning_steps"):
            steps = tuple(getattr(self, name))
            object.__setattr__(self, name, steps)
            if any(not isinstance(s, timedelta) or s <= timedelta(0) for s in steps):
                raise ValueError(f"{name} must be positive timedeltas, got {steps!r}")
        if not 1 <= self.maximum_interval_days <= MAX_INTERVAL_DAYS:
            raise ValueError(
                f"maximum_interval_days must be between 1 and {MAX_INTERVAL_DAYS}, "
                f"got {self.maximum_interval_days}"
            )
        if self.parameters is not None:
            object.__setattr__(self, "parameters", tuple(float(p) for p in self.parameters))
            # fsrs checks the count and the bounds of each weight; surface its message as ours
            fsrs.Scheduler(parameters=self.parameters)

    @property
    def weights(self) -> tuple[float, ...]:
        """The FSRS parameters in force (py-fsrs's defaults when none were fitted)."""
        return self.parameters if self.parameters is not None else tuple(DEFAULT_PARAMETERS)


@dataclass(frozen=True)
class CardState:
    """What the database stores per (learner, card): py-fsrs's Card without its id."""

    state: StateName
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime
    last_review: datetime | None = None

    def __post_init__(self) -> None:
        if self.state not in _STATE_TO_FSRS:
            raise ValueError(f"unknown card state {self.state!r}")
        object.__setattr__(self, "due", _utc(self.due, "due"))
        if self.last_review is not None:
            object.__setattr__(self, "last_review", _utc(self.last_review, "last_review"))
        if (self.stability is None) != (self.difficulty is None):
            raise ValueError("stability and difficulty are set together or not at all")
        if (self.state == "review") != (self.step is None):
            raise ValueError("a card has a step exactly when it is learning or relearning")

    @classmethod
    def new(cls, now: datetime) -> CardState:
        """A card never reviewed, due at `now`."""
        return cls(state="learning", step=0, stability=None, difficulty=None, due=now)

    @property
    def is_new(self) -> bool:
        return self.last_review is None

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form; datetimes as ISO 8601 strings in UTC."""
        return {
            "state": self.state,
            "step": self.step,
            "stability": self.stability,
            "difficulty": self.difficulty,
            "due": self.due.isoformat(),
            "last_review": self.last_review.isoformat() if self.last_review else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CardState:
        last = data.get("last_review")
        return cls(
            state=data["state"],
            step=data["step"],
            stability=None if data["stability"] is None else float(data["stability"]),
            difficulty=None if data["difficulty"] is None else float(data["difficulty"]),
            due=datetime.fromisoformat(data["due"]),
            last_review=datetime.fromisoformat(last) if last else None,
        )


@dataclass(frozen=True)
class ReviewOutcome:
    """The result of one answer: the card's new state and what the learner should be told."""

    state: CardState
    rating: int
    reviewed_at: datetime
    interval: timedelta
    retrievability: float | None = None  # recall probability at review time; None if new


def review(
    state: CardState, rating: int, reviewed_at: datetime, settings: SchedulerSettings
) -> ReviewOutcome:
    """Apply one answer (1 Again, 2 Hard, 3 Good, 4 Easy) given at `reviewed_at` (aware)."""
    rating = _check_rating(rating)
    when = _utc(reviewed_at, "reviewed_at")
    if state.last_review is not None and when < state.last_review:
        raise ValueError("reviewed_at is earlier than the card's last review")
    scheduler = _scheduler(settings)
    card = _to_fsrs(state)
    before = None if state.is_new else scheduler.get_card_retrievability(card, when)
    reviewed, _ = scheduler.review_card(card, fsrs.Rating(rating), when)
    new_state = _from_fsrs(reviewed)
    if settings.enable_fuzzing and new_state.state == "review":
        new_state = replace(
            new_state, due=when + _fuzz(new_state.due - when, state, rating, settings)
        )
    return ReviewOutcome(
        state=new_state,
        rating=rating,
        reviewed_at=when,
        interval=new_state.due - when,
        retrievability=before,
    )


def preview(state: CardState, now: datetime, settings: SchedulerSettings) -> dict[int, timedelta]:
    """The next interval for each rating, for printing on the answer buttons."""
    return {r: review(state, r, now, settings).interval for r in RATINGS}


def retrievability(state: CardState, at: datetime, settings: SchedulerSettings) -> float:
    """py-fsrs's recall probability at `at` (0 for a new card; elapsed time in whole days)."""
    return float(_scheduler(settings).get_card_retrievability(_to_fsrs(state), _utc(at, "at")))


def recall_probability(state: CardState, at: datetime, settings: SchedulerSettings) -> float:
    """FSRS's forgetting curve with elapsed time in fractional days.

    py-fsrs counts whole days, which would call a card studied last evening certain at this
    morning's exam; the planner and the simulator need the hours. Equal to `retrievability`
    at whole days (tested).
    """
    if state.stability is None or state.last_review is None:
        return 0.0
    elapsed = max(0.0, (_utc(at, "at") - state.last_review).total_seconds() / _DAY_SECONDS)
    return forgetting_curve(elapsed, state.stability, settings.weights[20])


def forgetting_curve(elapsed_days: float, stability: float, decay: float) -> float:
    """FSRS-6 power forgetting curve R(t, S), with R(S, S) = 0.9 for any decay."""
    factor = 0.9 ** (-1.0 / decay) - 1.0
    return (1.0 + factor * elapsed_days / stability) ** -decay


def replay(
    reviews: Iterable[tuple[datetime, int]], settings: SchedulerSettings, created_at: datetime
) -> CardState:
    """Rebuild a card's state from its review log (e.g. after fitting new parameters)."""
    state = CardState.new(created_at)
    for when, rating in sorted(reviews, key=lambda r: _utc(r[0], "reviewed_at")):
        state = review(state, rating, when, settings).state
    return state


def format_interval(interval: timedelta) -> str:
    """Anki-style short label: "<1m", "10m", "1h", "3d", "2.5mo", "1.2y"."""
    seconds = interval.total_seconds()
    if seconds < 0:
        raise ValueError("interval must not be negative")
    minutes = seconds / 60
    if minutes < 1:
        return "<1m"
    if round(minutes) < 60:
        return f"{round(minutes)}m"
    hours = minutes / 60
    if round(hours, 1) < 24:
        return f"{_one_decimal(hours)}h"
    days = hours / 24
    if round(days) < 30:
        return f"{round(days)}d"
    if round(days / 30, 1) < 12:
        return f"{_one_decimal(days / 30)}mo"
    return f"{_one_decimal(days / 365)}y"


def _one_decimal(value: float) -> str:
    text = f"{value:.1f}"
    return text.removesuffix(".0")


def _check_rating(rating: int) -> int:
    if isinstance(rating, bool) or not isinstance(rating, int) or rating not in RATINGS:
        raise ValueError(
            f"rating must be 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy), got {rating!r}"
        )
    return int(rating)


def _utc(value: datetime, name: str) -> datetime:
    if isinstance(value, datetime) and value.tzinfo is UTC:
        return value  # the common case, and the planner calls this in its inner loop
    if not isinstance(value, datetime) or value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be a timezone-aware datetime, got {value!r}")
    return value.astimezone(UTC)


@lru_cache(maxsize=128)
def _scheduler(settings: SchedulerSettings) -> fsrs.Scheduler:
    # fuzz is applied by `_fuzz` below, never by py-fsrs (global random state)
    return fsrs.Scheduler(
        parameters=settings.weights,
        desired_retention=settings.desired_retention,
        learning_steps=settings.learning_steps,
        relearning_steps=settings.relearning_steps,
        maximum_interval=settings.maximum_interval_days,
        enable_fuzzing=False,
    )


def _to_fsrs(state: CardState) -> fsrs.Card:
    # an explicit card_id: py-fsrs otherwise sleeps a millisecond to make a unique one
    return fsrs.Card(
        card_id=0,
        state=_STATE_TO_FSRS[state.state],
        step=state.step,
        stability=state.stability,
        difficulty=state.difficulty,
        due=state.due,
        last_review=state.last_review,
    )


def _from_fsrs(card: fsrs.Card) -> CardState:
    return CardState(
        state=_FSRS_TO_STATE[card.state],
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=card.due,
        last_review=card.last_review,
    )


def fuzz_range(interval_days: int, maximum_interval_days: int) -> tuple[int, int]:
    """The shortest and longest interval in days py-fsrs's fuzz can turn `interval_days` into."""
    low, high = _fuzz_window(interval_days, maximum_interval_days)
    return low, min(high + 1, maximum_interval_days)


def _fuzz_window(interval_days: int, maximum_interval_days: int) -> tuple[int, int]:
    # py-fsrs's window (from its FUZZ_RANGES table); its draw rounds, so high + 1 can occur
    delta = 1.0
    for band in FUZZ_RANGES:
        delta += band["factor"] * max(min(float(interval_days), band["end"]) - band["start"], 0.0)
    low = max(2, round(interval_days - delta))
    high = min(round(interval_days + delta), maximum_interval_days)
    return min(low, high), high


def _fuzz(
    interval: timedelta, before: CardState, rating: int, settings: SchedulerSettings
) -> timedelta:
    """py-fsrs's fuzz with a seeded draw instead of the global `random` module."""
    days = interval.days
    if days < 2.5:  # py-fsrs leaves short intervals alone
        return interval
    low, high = _fuzz_window(days, settings.maximum_interval_days)
    # the pre-review state names the card and the moment; the rating tells the buttons apart
    anchor = before.last_review or before.due
    draw = np.random.default_rng([_micros(anchor), _micros(before.due), rating]).random()
    fuzzed = round(draw * (high - low + 1) + low)
    return timedelta(days=min(fuzzed, settings.maximum_interval_days))


def _micros(moment: datetime) -> int:
    return int(moment.timestamp() * 1_000_000) % 2**63


__all__ = [
    "RATINGS",
    "RATING_NAMES",
    "CardState",
    "ReviewOutcome",
    "SchedulerSettings",
    "forgetting_curve",
    "format_interval",
    "fuzz_range",
    "preview",
    "recall_probability",
    "replay",
    "retrievability",
    "review",
]
