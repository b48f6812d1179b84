"""Simulated learners cramming for an exam, to compare study policies at the same budget.

Memory model: each card has a true FSRS state (py-fsrs default parameters) that starts from a
per-card perturbed difficulty and stability and gets lognormal noise on every later stability.
Answers are drawn from the true recall probability with a seeded numpy Generator; the policy
and its scheduler only see the answers. Exam-day recall is the mean true recall probability of
all cards on the exam morning; a card never shown counts 0 (it was never learned).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

import numpy as np

from questions.srs.planner import NEW_CARD_SECONDS, REVIEW_SECONDS
from questions.srs.policies import DayView, Policy
from questions.srs.scheduler import CardState, SchedulerSettings, recall_probability, review

# Sessions start at 18:00 UTC each day; the exam is at 09:00 the morning after the last one.
START = datetime(2030, 1, 7, 18, tzinfo=UTC)
EXAM_AFTER_LAST_SESSION = timedelta(hours=15)
# Policies decide at this offset into the session: later than any card's review slot, so
# py-fsrs's whole-day counts agree with the calendar (see `_slot`).
DECIDE_AFTER = timedelta(hours=5)
DAY = timedelta(days=1)
DRAWS_PER_CARD = 256  # a card's k-th presentation uses draw k (mod this)
MAX_PRESENTATIONS_PER_DAY = 20  # a stop for a card stuck answering Hard on a learning step
TRUTH = SchedulerSettings()


@dataclass(frozen=True)
class LearnerModel:
    """How simulated memory departs from FSRS's prediction, and how long answers take."""

    difficulty_sd: float = 1.0  # normal offset to the first difficulty (1..10 scale)
    stability_sd: float = 0.5  # lognormal factor on the first stability
    growth_sd: float = 0.2  # lognormal factor on every later (next-day) stability
    # first answers, and Hard/Good/Easy when recalled: fsrs-rs's simulator defaults
    first_rating_probs: tuple[float, float, float, float] = (0.24, 0.094, 0.495, 0.171)
    recall_rating_probs: tuple[float, float, float] = (0.224, 0.632, 0.144)
    review_seconds: float = REVIEW_SECONDS
    new_card_seconds: float = NEW_CARD_SECONDS


@dataclass(frozen=True)
class SimulationResult:
    """One simulated learner under one policy."""

    policy: str
    expected_exam_recall: float  # fraction of all cards
    minutes_used: float
    reviews: int  # presentations, learning steps included
    introduced: int
    unseen: int
    minutes_per_day: tuple[float, ...]


@dataclass
class _SimCard:
    seen: CardState  # the scheduler's view
    truth: CardState  # the simulated memory
    difficulty_offset: float
    stability_factor: float
    answer_draws: np.ndarray
    rating_draws: np.ndarray
    growth: np.ndarray
    slot: datetime | None = None  # time of the last presentation
    slot_day: int = 0
    presentations: int = 0


def simulate(
    policy: Policy,
    *,
    n_cards: int,
    days: int,
    minutes_per_day: float | Sequence[float],
    seed: int,
    model: LearnerModel | None = None,
) -> SimulationResult:
    """One learner with `n_cards` new cards and `days` daily sessions before the exam.

    `minutes_per_day` is the daily budget: one figure, or one per day (to give a policy the
    very minutes another one spent).
    """
    budgets = _budgets(minutes_per_day, days)
    if n_cards < 1:
        raise ValueError("n_cards must be positive")
    model = model or LearnerModel()
    cards = _learner(n_cards, seed, model)
    exam_at = START + (days - 1) * DAY + EXAM_AFTER_LAST_SESSION
    per_day = []
    for day in range(days):
        view = DayView(
            day=day,
            days=days,
            now=START + day * DAY + DECIDE_AFTER,
            exam_at=exam_at,
            minutes_per_day=budgets[day],
            states=tuple(c.seen for c in cards),
            review_seconds=model.review_seconds,
            new_card_seconds=model.new_card_seconds,
        )
        per_day.append(_session(cards, policy, view, day, budgets[day] * 60, model) / 60)
    introduced = sum(not c.seen.is_new for c in cards)
    return SimulationResult(
        policy=policy.name,
        expected_exam_recall=float(
            np.mean([recall_probability(c.truth, exam_at, TRUTH) for c in cards])
        ),
        minutes_used=sum(per_day),
        reviews=sum(c.presentations for c in cards),
        introduced=introduced,
        unseen=n_cards - introduced,
        minutes_per_day=tuple(per_day),
    )


def _learner(n_cards: int, seed: int, model: LearnerModel) -> list[_SimCard]:
    # card noise and answer draws depend on the seed only, so every policy meets the same
    # learner and the same luck on each card's k-th presentation
    rng = np.random.default_rng(seed)
    offsets = rng.normal(0.0, model.difficulty_sd, n_cards)
    factors = rng.lognormal(0.0, model.stability_sd, n_cards)
    answers = rng.random((n_cards, DRAWS_PER_CARD))
    ratings = rng.random((n_cards, DRAWS_PER_CARD))
    growth = rng.lognormal(0.0, model.growth_sd, (n_cards, DRAWS_PER_CARD))
    new = CardState.new(START)
    return [
        _SimCard(new, new, float(offsets[i]), float(factors[i]), answers[i], ratings[i], growth[i])
        for i in range(n_cards)
    ]


def _session(
    cards: list[_SimCard],
    policy: Policy,
    view: DayView,
    day: int,
    budget: float,
    model: LearnerModel,
) -> float:
    """Present the policy's queue until the budget is spent; returns the seconds used."""
    used = 0.0
    shown: set[int] = set()
    for card_id in policy.queue(view):
        if used >= budget:
            break
        if card_id in shown:
            continue
        shown.add(card_id)
        card = cards[card_id]
        moment = _slot(card, day)
        for _ in range(MAX_PRESENTATIONS_PER_DAY):
            used += model.new_card_seconds if card.seen.is_new else model.review_seconds
            _present(card, moment, day, policy.settings, model)
            # learning steps that fall due within this session are answered in it
            if card.seen.state == "review" or card.seen.due > view.now or used >= budget:
                break
            moment = max(moment, card.seen.due)
    return used


def _budgets(minutes_per_day: float | Sequence[float], days: int) -> list[float]:
    """Minutes for each day: one figure for every day, or one per day."""
    if days < 1:
        raise ValueError("days must be positive")
    if isinstance(minutes_per_day, int | float):
        budgets = [float(minutes_per_day)] * days
    else:
        budgets = [float(m) for m in minutes_per_day]
    if len(budgets) != days or any(m <= 0 for m in budgets):
        raise ValueError("minutes_per_day must be positive: one figure, or one per day")
    return budgets


def _slot(card: _SimCard, day: int) -> datetime:
    """When the card is shown today: at the time of day of its last presentation.

    py-fsrs counts elapsed whole 24-hour periods, so a card seen at 18:11 yesterday and at 18:05
    today would count as seen the same day. Keeping each card's time of day makes every gap
    exactly the number of calendar days (plus the minutes of any learning steps in between).
    """
    if card.slot is None:
        return START + day * DAY
    return card.slot + (day - card.slot_day) * DAY


def _present(
    card: _SimCard, moment: datetime, day: int, settings: SchedulerSettings, model: LearnerModel
) -> None:
    k = card.presentations % DRAWS_PER_CARD
    card.presentations += 1
    first = card.truth.is_new
    if first:
        rating = 1 + _pick(model.first_rating_probs, card.rating_draws[k])
    elif card.answer_draws[k] < recall_probability(card.truth, moment, TRUTH):
        rating = 2 + _pick(model.recall_rating_probs, card.rating_draws[k])
    else:
        rating = 1
    next_day = card.truth.last_review is not None and moment - card.truth.last_review >= DAY
    truth = review(card.truth, rating, moment, TRUTH).state
    if first:
        truth = replace(
            truth,
            stability=truth.stability * card.stability_factor,
            difficulty=min(10.0, max(1.0, truth.difficulty + card.difficulty_offset)),
        )
    elif next_day:
        truth = replace(truth, stability=truth.stability * float(card.growth[k]))
    card.truth = truth
    card.seen = review(card.seen, rating, moment, settings).state
    card.slot, card.slot_day = moment, day


def _pick(probabilities: Sequence[float], draw: float) -> int:
    """Index of the outcome a uniform draw falls on."""
    index = int(np.searchsorted(np.cumsum(probabilities), draw, side="right"))
    return min(index, len(probabilities) - 1)
