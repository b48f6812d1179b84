"""Compare study policies on simulated learners, the planner at the baselines' very minutes.

At the same daily budget FSRS leaves minutes unused (nothing is due) while the planner spends
them all, so its recall is also reported when it is given, day by day, exactly the minutes a
baseline spent: equal total minutes, and no day with more time than the baseline had.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from questions.srs.policies import FsrsPolicy, PlannerPolicy
from questions.srs.simulator import LearnerModel, SimulationResult, simulate

# a day the baseline spent nothing still needs a positive budget for the simulator
_MIN_MINUTES = 0.01


@dataclass(frozen=True)
class ComparisonRow:
    """One policy, averaged over the learners (seeds)."""

    policy: str
    budget: str
    exam_recall: float  # mean expected fraction of cards recalled on the exam morning
    minutes_used: float  # mean total minutes
    reviews: float  # mean presentations, learning steps included
    unseen: float  # mean cards never shown


@dataclass(frozen=True)
class Comparison:
    rows: tuple[ComparisonRow, ...]
    planner_gain_points: float  # planner at FSRS 0.9's minutes minus FSRS 0.9, in points
    planner_gains_by_seed: tuple[float, ...]


def compare(
    *,
    n_cards: int,
    days: int,
    minutes_per_day: float,
    seeds: Sequence[int],
    model: LearnerModel | None = None,
) -> Comparison:
    """FSRS 0.9, FSRS 0.8 + final sweep and the planner; then the planner at each one's minutes."""
    if not seeds:
        raise ValueError("at least one seed is needed")
    runs: dict[str, list[SimulationResult]] = {}
    budgets: dict[str, str] = {}
    gains = []
    for seed in seeds:
        common = {"n_cards": n_cards, "days": days, "seed": seed, "model": model}
        fsrs_09 = simulate(FsrsPolicy(0.9), minutes_per_day=minutes_per_day, **common)
        fsrs_08 = simulate(FsrsPolicy(0.8, sweep=True), minutes_per_day=minutes_per_day, **common)
        planner = simulate(PlannerPolicy(), minutes_per_day=minutes_per_day, **common)
        for result in (fsrs_09, fsrs_08, planner):
            runs.setdefault(result.policy, []).append(result)
            budgets[result.policy] = f"{minutes_per_day:g} min/day"
        for baseline in (fsrs_09, fsrs_08):
            matched = simulate(
                PlannerPolicy(name=f"Exam planner at {baseline.policy}'s minutes"),
                minutes_per_day=[max(m, _MIN_MINUTES) for m in baseline.minutes_per_day],
                **common,
            )
            runs.setdefault(matched.policy, []).append(matched)
            budgets[matched.policy] = f"as {baseline.policy}, day by day"
            if baseline is fsrs_09:
                gains.append(100 * (matched.expected_exam_recall - fsrs_09.expected_exam_recall))
    return Comparison(
        rows=tuple(_row(name, budgets[name], results) for name, results in runs.items()),
        planner_gain_points=float(np.mean(gains)),
        planner_gains_by_seed=tuple(gains),
    )


def _row(name: str, budget: str, results: list[SimulationResult]) -> ComparisonRow:
    return ComparisonRow(
        policy=name,
        budget=budget,
        exam_recall=float(np.mean([r.expected_exam_recall for r in results])),
        minutes_used=float(np.mean([r.minutes_used for r in results])),
        reviews=float(np.mean([r.reviews for r in results])),
        unseen=float(np.mean([r.unseen for r in results])),
    )
