"""Exam-date planner: each day's queue chosen to maximise expected recall on the exam morning.

The rule, applied afresh every day so that today's queue adapts to yesterday's answers:

1. Cards part-way through their (re)learning steps come first: they are half answered.
2. New cards: at least ceil(unseen / days left for introductions) today. Introductions end
   CONSOLIDATION_DAYS before the final stretch, so every card has reviews to build stability.
3. The rest of the budget goes greedily to the items with the highest expected gain in
   exam-morning recall per expected second. For a review, with p = FSRS's recall probability
   now and V(x) the value of memory state x:
       gain = p * V(after Good) + (1 - p) * V(after Again and relearning) - V(no review)
       cost = seconds * (1 + (1 - p) * relearning steps)
   Further new cards compete with gain V(after the learning steps) and their step costs.
4. V looks ahead to the final stretch, the last days needed to review every card once (at
   most MAX_SWEEP_DAYS). Before it, V(x) is the expected exam recall of x after one more
   review in that stretch, so an early review is worth what it adds to the success and the
   stability of the card's last review. Within it, V(x) is x's own exam-morning recall, and
   the rule becomes the final sweep: the largest gains are the cards with the lowest
   predicted exam-morning recall. (In the simulator, 500 cards over 30 days, a strict
   weakest-first sweep scored 0.3 points lower and a V without the look-ahead 0.5 lower.)

Stability after success or failure comes from py-fsrs through the adapter; recall at the exam
is FSRS's curve at fractional days (see `recall_probability`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from questions.srs.scheduler import (
    CardState,
    SchedulerSettings,
    recall_probability,
    retrievability,
    review,
)

# Seconds a learner spends per presentation when their own logs do not say: a new card is read
# and understood, a known card is recalled and checked. Callers pass measured figures.
REVIEW_SECONDS = 8.0
NEW_CARD_SECONDS = 20.0
# days between the last introduction and the final stretch, for a first review or two
CONSOLIDATION_DAYS = 2
# the final stretch never starts earlier than this: with a small budget, one pass over every
# card would take so long that it stops being a last review
MAX_SWEEP_DAYS = 5
# A review that adds less than this to a card's expected exam recall is not worth the learner's
# time, even with budget left: the day ends early instead.
MIN_GAIN = 0.001
DAY = timedelta(days=1)
GOOD, AGAIN = 3, 1


@dataclass(frozen=True)
class PlanCard:
    """One card to plan: its scheduler state and, if known, the learner's seconds per review."""

    card_id: int
    state: CardState
    review_seconds: float | None = None


@dataclass(frozen=True)
class ExamGoal:
    """The learner's exam and daily budget for the chosen decks."""

    exam_at: datetime
    minutes_per_day: float
    new_cards_per_day: int | None = None
    reviews_per_day: int | None = None
    review_seconds: float = REVIEW_SECONDS
    new_card_seconds: float = NEW_CARD_SECONDS

    def __post_init__(self) -> None:
        if self.exam_at.tzinfo is None:
            raise ValueError("exam_at must be timezone-aware")
        if self.minutes_per_day <= 0:
            raise ValueError("minutes_per_day must be positive")
        if self.review_seconds <= 0 or self.new_card_seconds <= 0:
            raise ValueError("seconds per card must be positive")
        for limit in (self.new_cards_per_day, self.reviews_per_day):
            if limit is not None and limit < 0:
                raise ValueError("daily limits must not be negative")


@dataclass(frozen=True)
class PlanDay:
    """One study day of the plan: the queue of first presentations and its expected time.

    `day` is the UTC date of the session (the caller shows it in the learner's zone).
    """

    day: date
    card_ids: tuple[int, ...]
    new_count: int
    review_count: int
    expected_minutes: float
    sweep: bool


@dataclass(frozen=True)
class ExamPlan:
    """The projected plan up to the exam and what it predicts for the exam morning."""

    days: tuple[PlanDay, ...]
    expected_recalled: float
    total_cards: int
    unseen_card_ids: tuple[int, ...]
    warning: str | None = None
    sweep_days: int = 0

    @property
    def predicted_recall(self) -> float:
        """Expected fraction of the cards recalled on the exam morning."""
        return self.expected_recalled / self.total_cards if self.total_cards else 0.0


@dataclass
class _Card:
    card_id: int
    state: CardState
    seconds: float
    # the last planned review's branches: recall probability, state if recalled, if forgotten
    branches: tuple[float, CardState, CardState] | None = None


@dataclass(frozen=True)
class _Pick:
    card: _Card
    kind: str  # "new", "learning" or "review"
    cost: float


def todays_queue(
    cards: Sequence[PlanCard], goal: ExamGoal, *, now: datetime, settings: SchedulerSettings
) -> tuple[int, ...]:
    """Card ids to present today, in order (cards in learning steps return when due, as usual)."""
    work = _work_cards(cards, goal)
    sessions = _sessions_left(now, goal)
    picks = _choose(work, goal, now, settings, sessions, _sweep_days(len(work), goal))
    return tuple(p.card.card_id for p in picks)


def plan_exam(
    cards: Sequence[PlanCard], goal: ExamGoal, *, now: datetime, settings: SchedulerSettings
) -> ExamPlan:
    """Project the daily rule up to the exam, each review taking its most likely answer (Good).

    Exam-morning recall of a card is weighted over both answers of its last planned review.
    """
    work = _work_cards(cards, goal)
    sessions = _sessions_left(now, goal)
    sweep_days = _sweep_days(len(work), goal)
    days = []
    for k in range(sessions):
        moment = now + k * DAY
        picks = _choose(work, goal, moment, settings, sessions - k, sweep_days)
        for pick in picks:
            _apply(pick, moment, settings)
        days.append(
            PlanDay(
                day=moment.date(),
                card_ids=tuple(p.card.card_id for p in picks),
                new_count=sum(p.kind == "new" for p in picks),
                review_count=sum(p.kind != "new" for p in picks),
                expected_minutes=sum(p.cost for p in picks) / 60,
                sweep=sessions - k <= sweep_days,
            )
        )
    expected = sum(_exam_recall(c, goal, settings) for c in work)
    unseen = tuple(c.card_id for c in work if c.state.is_new)
    warning = None
    if unseen:
        warning = (
            f"{len(unseen)} of {len(work)} cards would not be seen before the exam at "
            f"{goal.minutes_per_day:g} minutes a day; raise the budget or drop some decks."
        )
    return ExamPlan(
        days=tuple(days),
        expected_recalled=expected,
        total_cards=len(work),
        unseen_card_ids=unseen,
        warning=warning,
        sweep_days=min(sweep_days, sessions),
    )


def _work_cards(cards: Sequence[PlanCard], goal: ExamGoal) -> list[_Card]:
    if len({c.card_id for c in cards}) != len(cards):
        raise ValueError("card ids must be unique")
    return [_Card(c.card_id, c.state, c.review_seconds or goal.review_seconds) for c in cards]


def _sessions_left(now: datetime, goal: ExamGoal) -> int:
    """Daily sessions from `now` (included) until the exam."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    if goal.exam_at <= now:
        raise ValueError("the exam must be in the future")
    return math.ceil((goal.exam_at - now) / DAY)


def sweep_days(n_cards: int, minutes_per_day: float, review_seconds: float) -> int:
    """Days needed to review every card once at the budget: the final stretch.

    At least one day and at most MAX_SWEEP_DAYS.
    """
    needed = math.ceil(n_cards * review_seconds / (minutes_per_day * 60))
    return min(max(needed, 1), MAX_SWEEP_DAYS)


def _sweep_days(n_cards: int, goal: ExamGoal) -> int:
    return sweep_days(n_cards, goal.minutes_per_day, goal.review_seconds)


def _choose(
    cards: list[_Card],
    goal: ExamGoal,
    now: datetime,
    settings: SchedulerSettings,
    sessions: int,
    sweep_days: int,
) -> list[_Pick]:
    budget = goal.minutes_per_day * 60
    picks = [
        _Pick(c, "learning", _steps_left(c, settings) * c.seconds)
        for c in cards
        if not c.state.is_new and c.state.state != "review"
    ]
    budget -= sum(p.cost for p in picks)

    new_cost = (
        goal.new_card_seconds + max(0, len(settings.learning_steps) - 1) * goal.review_seconds
    )
    unseen = [c for c in cards if c.state.is_new]
    new_allowance = len(unseen) if goal.new_cards_per_day is None else goal.new_cards_per_day
    intro_days = sessions - sweep_days - CONSOLIDATION_DAYS
    quota = len(unseen) if intro_days <= 0 else math.ceil(len(unseen) / intro_days)
    quota = min(quota, new_allowance, max(0, int(budget // new_cost)))
    picks += [_Pick(c, "new", new_cost) for c in unseen[:quota]]
    budget -= quota * new_cost

    review_allowance = len(cards) if goal.reviews_per_day is None else goal.reviews_per_day
    final_at = _final_review_at(now, sessions, sweep_days)
    ranked = []
    for card in cards:
        if card.state.state == "review":
            gain, cost = _review_gain(card, goal, now, settings, final_at)
            if gain >= MIN_GAIN:
                ranked.append((gain / cost, card.card_id, _Pick(card, "review", cost)))
    extra_new = unseen[quota:new_allowance]
    if extra_new:
        learned = _learned(extra_new[0].state, now, settings)
        rate = _value(learned, goal, settings, final_at) / new_cost
        ranked += [(rate, c.card_id, _Pick(c, "new", new_cost)) for c in extra_new]
    ranked.sort(key=lambda r: (-r[0], r[1]))

    for _, _, pick in ranked:
        if pick.cost > budget:
            continue
        if pick.kind == "review":
            if review_allowance <= 0:
                continue
            review_allowance -= 1
        picks.append(pick)
        budget -= pick.cost
    return picks


def _final_review_at(now: datetime, sessions: int, sweep_days: int) -> datetime | None:
    """The session V assumes a last review in: mid final stretch; None once inside it."""
    if sessions <= sweep_days:
        return None
    return now + (sessions - max(1, sweep_days // 2)) * DAY


def _value(
    state: CardState, goal: ExamGoal, settings: SchedulerSettings, final_at: datetime | None
) -> float:
    """Expected exam-morning recall of `state`, after one more review at `final_at` if given."""
    if final_at is None or state.is_new:
        return recall_probability(state, goal.exam_at, settings)
    return _value_with_review(state, goal.exam_at, settings, final_at)


@lru_cache(maxsize=65536)
def _value_with_review(
    state: CardState, exam_at: datetime, settings: SchedulerSettings, final_at: datetime
) -> float:
    # cached: final_at is the same instant from one day to the next, and most cards keep
    # their state, so each day re-uses yesterday's values
    p = retrievability(state, final_at, settings)
    recalled, forgotten = _branches(state, final_at, settings)
    return p * recall_probability(recalled, exam_at, settings) + (1 - p) * (
        recall_probability(forgotten, exam_at, settings)
    )


def _review_gain(
    card: _Card,
    goal: ExamGoal,
    now: datetime,
    settings: SchedulerSettings,
    final_at: datetime | None,
) -> tuple[float, float]:
    """(expected gain in exam-morning recall, expected seconds) of reviewing `card` now."""
    p = retrievability(card.state, now, settings)
    recalled, forgotten = _branches(card.state, now, settings)
    gain = (
        p * _value(recalled, goal, settings, final_at)
        + (1 - p) * _value(forgotten, goal, settings, final_at)
        - _value(card.state, goal, settings, final_at)
    )
    cost = card.seconds * (1 + (1 - p) * len(settings.relearning_steps))
    return gain, cost


def _branches(
    state: CardState, now: datetime, settings: SchedulerSettings
) -> tuple[CardState, CardState]:
    """The state after a Good now, and after an Again now followed by the relearning steps."""
    recalled = review(state, GOOD, now, settings).state
    return recalled, _through_steps(review(state, AGAIN, now, settings).state, now, settings)


def _learned(state: CardState, now: datetime, settings: SchedulerSettings) -> CardState:
    """A card's state after answering Good at once and at each learning step."""
    return _through_steps(review(state, GOOD, now, settings).state, now, settings)


def _through_steps(state: CardState, now: datetime, settings: SchedulerSettings) -> CardState:
    moment = now
    for _ in range(len(settings.learning_steps) + len(settings.relearning_steps) + 1):
        if state.state == "review":
            break
        moment = max(moment, state.due)
        state = review(state, GOOD, moment, settings).state
    return state


def _steps_left(card: _Card, settings: SchedulerSettings) -> int:
    steps = settings.learning_steps if card.state.state == "learning" else settings.relearning_steps
    return max(1, len(steps) - (card.state.step or 0))


def _apply(pick: _Pick, now: datetime, settings: SchedulerSettings) -> None:
    card = pick.card
    if pick.kind == "review":
        p = retrievability(card.state, now, settings)
        recalled, forgotten = _branches(card.state, now, settings)
        card.branches = (p, recalled, forgotten)
        card.state = recalled
    elif pick.kind == "new":
        card.state = _learned(card.state, now, settings)
        card.branches = None
    else:
        card.state = _through_steps(card.state, max(now, card.state.due), settings)
        card.branches = None


def _exam_recall(card: _Card, goal: ExamGoal, settings: SchedulerSettings) -> float:
    if card.branches is None:
        return recall_probability(card.state, goal.exam_at, settings)
    p, recalled, forgotten = card.branches
    return p * recall_probability(recalled, goal.exam_at, settings) + (1 - p) * recall_probability(
        forgotten, goal.exam_at, settings
    )
