"""The exam-date planner: introductions, budget, final sweep, predicted recall."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from questions.srs.planner import (
    CONSOLIDATION_DAYS,
    ExamGoal,
    PlanCard,
    plan_exam,
    todays_queue,
)
from questions.srs.scheduler import CardState, SchedulerSettings, recall_probability, review

NOW = datetime(2030, 3, 1, 18, tzinfo=UTC)
SETTINGS = SchedulerSettings()


def new_cards(n: int, first_id: int = 0) -> list[PlanCard]:
    return [PlanCard(first_id + i, CardState.new(NOW - timedelta(days=1))) for i in range(n)]


def exam_in(days: int) -> datetime:
    """The exam at 09:00 the morning after `days` evening sessions (today's included)."""
    return NOW + timedelta(days=days - 1, hours=15)


def review_cards(n: int, seed: int) -> list[PlanCard]:
    rng = np.random.default_rng(seed)
    cards = []
    for i in range(n):
        last = NOW - timedelta(days=float(rng.integers(1, 30)))
        stability, difficulty = float(rng.uniform(1, 60)), float(rng.uniform(2, 9))
        state = CardState("review", None, stability, difficulty, last + timedelta(days=5), last)
        cards.append(PlanCard(i, state))
    return cards


def test_all_new_cards_are_introduced_early_when_the_budget_allows():
    plan = plan_exam(new_cards(60), ExamGoal(exam_in(10), 15), now=NOW, settings=SETTINGS)
    assert len(plan.days) == 10
    assert plan.unseen_card_ids == () and plan.warning is None
    assert sum(day.new_count for day in plan.days) == 60
    last_intro = max(i for i, day in enumerate(plan.days) if day.new_count)
    assert last_intro < len(plan.days) - plan.sweep_days - CONSOLIDATION_DAYS


def test_introductions_are_paced_over_the_days_a_daily_limit_allows():
    goal = ExamGoal(exam_in(12), 30, new_cards_per_day=9)
    plan = plan_exam(new_cards(60), goal, now=NOW, settings=SETTINGS)
    assert [day.new_count for day in plan.days[:7]] == [9, 9, 9, 9, 9, 9, 6]
    assert plan.unseen_card_ids == ()


def test_a_budget_too_small_leaves_cards_unseen_and_says_so():
    plan = plan_exam(new_cards(300), ExamGoal(exam_in(3), 2), now=NOW, settings=SETTINGS)
    assert len(plan.unseen_card_ids) > 200
    assert plan.warning is not None and f"{len(plan.unseen_card_ids)} of 300" in plan.warning
    assert plan.predicted_recall < 0.3


@pytest.mark.parametrize("minutes", [1, 4, 12])
def test_every_day_stays_within_the_budget(minutes):
    cards = new_cards(40, first_id=100) + review_cards(40, seed=1)
    plan = plan_exam(cards, ExamGoal(exam_in(8), minutes), now=NOW, settings=SETTINGS)
    assert all(day.expected_minutes <= minutes + 1e-9 for day in plan.days)
    assert max(day.expected_minutes for day in plan.days) > 0.8 * minutes  # and uses it
    assert len(set(plan.days[0].card_ids)) == len(plan.days[0].card_ids)


def test_daily_review_limit_is_respected():
    goal = ExamGoal(exam_in(5), 60, reviews_per_day=7)
    plan = plan_exam(review_cards(50, seed=2), goal, now=NOW, settings=SETTINGS)
    assert all(day.review_count <= 7 for day in plan.days)
    assert plan.days[0].review_count == 7


def test_the_last_day_sweeps_the_weakest_cards():
    cards = review_cards(30, seed=3)
    goal = ExamGoal(exam_in(1), 1.5)  # the exam is tomorrow morning; time for ~10 reviews
    queue = todays_queue(cards, goal, now=NOW, settings=SETTINGS)
    weakest = [
        c.card_id
        for c in sorted(cards, key=lambda c: recall_probability(c.state, goal.exam_at, SETTINGS))
    ]
    assert 8 <= len(queue) < 30
    # weakest first; only the last pick may be a stronger card that fits the seconds left
    assert list(queue[:-1]) == weakest[: len(queue) - 1]


def test_cards_part_way_through_learning_steps_come_first():
    started = review(CardState.new(NOW), 3, NOW - timedelta(minutes=30), SETTINGS).state
    assert started.state == "learning" and started.step == 1
    cards = [*new_cards(5), PlanCard(99, started)]
    queue = todays_queue(cards, ExamGoal(exam_in(10), 10), now=NOW, settings=SETTINGS)
    assert queue[0] == 99 and set(queue) == {0, 1, 2, 3, 4, 99}


def test_predicted_recall_is_a_probability_and_grows_with_the_budget():
    recalls = [
        plan_exam(new_cards(100), ExamGoal(exam_in(14), m), now=NOW, settings=SETTINGS)
        for m in (2, 4, 8)
    ]
    values = [p.predicted_recall for p in recalls]
    assert all(0 < v <= 1 for v in values)
    assert values[0] < values[1] < values[2]
    assert recalls[0].expected_recalled == pytest.approx(values[0] * 100)


def test_exact_plan_for_a_small_fixed_scenario():
    # weak: 20 days since a review at stability 5 (p = 0.78 now); strong: 2 days at 30;
    # new: never seen. The exam is tomorrow 09:00 and 40 seconds are left today.
    weak = CardState("review", None, 5.0, 6.0, NOW - timedelta(days=15), NOW - timedelta(days=20))
    strong = CardState("review", None, 30.0, 4.0, NOW + timedelta(days=28), NOW - timedelta(days=2))
    cards = [PlanCard(1, weak), PlanCard(2, strong), PlanCard(3, CardState.new(NOW))]
    plan = plan_exam(cards, ExamGoal(exam_in(1), 40 / 60), now=NOW, settings=SETTINGS)
    (day,) = plan.days
    # the new card (20 s + 8 s for its second learning step) is worth most; the weak card's
    # review (8 s, plus 8 s for relearning with probability 0.22) fits; the strong one does not
    assert day.card_ids == (3, 1)
    assert (day.new_count, day.review_count, day.sweep) == (1, 1, True)
    assert day.expected_minutes == pytest.approx((28 + 8 * (1 + (1 - 0.78213))) / 60, abs=1e-4)
    assert plan.expected_recalled == pytest.approx(2.93613, abs=1e-5)
    assert plan.predicted_recall == pytest.approx(0.97871, abs=1e-5)
    assert plan.unseen_card_ids == () and plan.warning is None


def test_todays_queue_is_the_first_day_of_the_plan():
    cards = new_cards(30, first_id=50) + review_cards(30, seed=5)
    goal = ExamGoal(exam_in(9), 6)
    plan = plan_exam(cards, goal, now=NOW, settings=SETTINGS)
    assert todays_queue(cards, goal, now=NOW, settings=SETTINGS) == plan.days[0].card_ids
    assert [d.sweep for d in plan.days].count(True) == plan.sweep_days


def test_per_card_review_seconds_are_used():
    cards = review_cards(20, seed=6)
    slow = [PlanCard(c.card_id, c.state, review_seconds=30.0) for c in cards]
    goal = ExamGoal(exam_in(1), 2)
    assert len(todays_queue(slow, goal, now=NOW, settings=SETTINGS)) < len(
        todays_queue(cards, goal, now=NOW, settings=SETTINGS)
    )


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: ExamGoal(datetime(2030, 4, 1), 10), "timezone-aware"),
        (lambda: ExamGoal(exam_in(3), 0), "minutes_per_day"),
        (lambda: ExamGoal(exam_in(3), 5, new_cards_per_day=-1), "limits"),
        (lambda: todays_queue([], ExamGoal(NOW, 5), now=NOW, settings=SETTINGS), "future"),
        (
            lambda: todays_queue(
                [], ExamGoal(exam_in(2), 5), now=datetime(2030, 3, 1), settings=SETTINGS
            ),
            "timezone-aware",
        ),
        (
            lambda: todays_queue(
                new_cards(2) + new_cards(1), ExamGoal(exam_in(2), 5), now=NOW, settings=SETTINGS
            ),
            "unique",
        ),
    ],
)
def test_bad_input_is_rejected(call, message):
    with pytest.raises(ValueError, match=message):
        call()
