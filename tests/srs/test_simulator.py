"""Simulated learners: reproducible, budget-bound, and the planner's measured advantage."""

from __future__ import annotations

import numpy as np
import pytest
from django.core.management import call_command

from questions.srs.comparison import compare
from questions.srs.policies import FsrsPolicy, PlannerPolicy
from questions.srs.simulator import LearnerModel, simulate


def test_a_seed_gives_the_same_learner_every_time():
    runs = [
        simulate(PlannerPolicy(), n_cards=40, days=8, minutes_per_day=4, seed=3) for _ in range(2)
    ]
    assert runs[0] == runs[1]
    other = simulate(PlannerPolicy(), n_cards=40, days=8, minutes_per_day=4, seed=4)
    assert other.expected_exam_recall != runs[0].expected_exam_recall


@pytest.mark.parametrize("policy", [FsrsPolicy(0.9), FsrsPolicy(0.8, sweep=True), PlannerPolicy()])
def test_no_day_goes_past_its_budget_by_more_than_one_answer(policy):
    model = LearnerModel()
    result = simulate(policy, n_cards=120, days=10, minutes_per_day=3, seed=1, model=model)
    assert len(result.minutes_per_day) == 10
    assert max(result.minutes_per_day) <= 3 + model.new_card_seconds / 60
    assert result.minutes_used == pytest.approx(sum(result.minutes_per_day))
    assert result.reviews > result.introduced > 0


def test_cards_never_shown_count_as_forgotten():
    result = simulate(FsrsPolicy(0.9), n_cards=300, days=2, minutes_per_day=2, seed=0)
    assert result.unseen > 250
    assert result.expected_exam_recall <= result.introduced / 300


def test_fsrs_introduces_the_deck_at_a_steady_rate_and_reviews_what_is_due():
    result = simulate(FsrsPolicy(0.9), n_cards=100, days=10, minutes_per_day=60, seed=2)
    assert result.unseen == 0
    assert 0.85 < result.expected_exam_recall < 0.99


def test_per_day_budgets_must_match_the_days():
    with pytest.raises(ValueError, match="one per day"):
        simulate(PlannerPolicy(), n_cards=5, days=3, minutes_per_day=[5, 5], seed=0)


def test_planner_beats_fsrs_at_equal_minutes_by_two_points():
    """200 cards, 20 days, 10 min/day: the planner gets FSRS 0.9's very minutes, day by day."""
    gains = []
    for seed in range(3):
        fsrs_09 = simulate(FsrsPolicy(0.9), n_cards=200, days=20, minutes_per_day=10, seed=seed)
        planner = simulate(
            PlannerPolicy(),
            n_cards=200,
            days=20,
            minutes_per_day=[max(m, 0.01) for m in fsrs_09.minutes_per_day],
            seed=seed,
        )
        assert planner.minutes_used == pytest.approx(fsrs_09.minutes_used, rel=0.03)
        gains.append(planner.expected_exam_recall - fsrs_09.expected_exam_recall)
    assert np.mean(gains) >= 0.02
    assert min(gains) > 0


def test_compare_reports_every_policy_and_the_matched_gain():
    result = compare(n_cards=30, days=6, minutes_per_day=3, seeds=[0])
    names = [row.policy for row in result.rows]
    assert names == [
        "FSRS 0.9",
        "FSRS 0.8 + final sweep",
        "Exam planner",
        "Exam planner at FSRS 0.9's minutes",
        "Exam planner at FSRS 0.8 + final sweep's minutes",
    ]
    by_name = {row.policy: row for row in result.rows}
    gain = (
        by_name["Exam planner at FSRS 0.9's minutes"].exam_recall - by_name["FSRS 0.9"].exam_recall
    )
    assert result.planner_gain_points == pytest.approx(100 * gain)


def test_simulate_exam_command_prints_the_table(capsys):
    call_command("simulate_exam", cards=30, days=5, minutes=3, runs=1)
    out = capsys.readouterr().out
    assert "exam recall" in out and "FSRS 0.8 + final sweep" in out
    assert "Planner minus FSRS 0.9 at equal minutes" in out
