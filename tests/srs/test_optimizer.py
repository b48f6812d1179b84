"""Fitting personal FSRS parameters from review logs (fsrs-rs-python)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import fsrs
import numpy as np
import pytest
from fsrs.scheduler import DEFAULT_PARAMETERS

from questions.srs.optimizer import (
    MIN_REVIEWS_FOR_OPTIMISATION,
    OptimisationError,
    count_optimisable_reviews,
    optimise_parameters,
)
from questions.srs.scheduler import CardState, SchedulerSettings, recall_probability, review

START = datetime(2030, 1, 1, 18, tzinfo=UTC)


def synthetic_histories(true_weights: tuple[float, ...], n_cards: int, seed: int) -> list:
    """Logs of a learner whose memory follows `true_weights`, scheduled with the defaults."""
    truth, scheduler = SchedulerSettings(parameters=true_weights), SchedulerSettings()
    rng = np.random.default_rng(seed)
    histories = []
    for _ in range(n_cards):
        when = START + timedelta(days=int(rng.integers(0, 20)))
        seen = remembered = CardState.new(when)
        history = []
        for _ in range(8):
            if seen.is_new:
                rating = int(rng.choice([1, 2, 3, 4], p=[0.2, 0.1, 0.5, 0.2]))
            else:
                recalled = rng.random() < recall_probability(remembered, when, truth)
                rating = 3 if recalled else 1
            history.append((when, rating))
            seen = review(seen, rating, when, scheduler).state
            remembered = review(remembered, rating, when, truth).state
            when = max(seen.due, when + timedelta(minutes=1))
        histories.append(history)
    return histories


def test_fitted_parameters_are_valid_and_recover_a_slow_first_memory():
    # this learner's first Good gives 0.8 days of stability, not py-fsrs's default 2.3
    weights = list(DEFAULT_PARAMETERS)
    weights[2], weights[3] = 0.8, 3.0
    fitted = optimise_parameters(synthetic_histories(tuple(weights), n_cards=200, seed=1))
    assert len(fitted) == len(DEFAULT_PARAMETERS) == 21
    assert all(isinstance(w, float) for w in fitted)
    fsrs.Scheduler(parameters=fitted)  # py-fsrs accepts them (raises otherwise)
    assert SchedulerSettings(parameters=fitted).weights == fitted
    assert fitted[2] < 1.5 < DEFAULT_PARAMETERS[2]


def test_too_few_reviews_is_a_clear_error():
    histories = synthetic_histories(tuple(DEFAULT_PARAMETERS), n_cards=10, seed=2)
    found = count_optimisable_reviews(histories)
    assert 0 < found < MIN_REVIEWS_FOR_OPTIMISATION
    with pytest.raises(OptimisationError, match=f"at least {MIN_REVIEWS_FOR_OPTIMISATION}"):
        optimise_parameters(histories)


def test_only_reviews_on_a_later_learning_day_count():
    day = timedelta(days=1)
    history = [
        (START, 1),
        (START + timedelta(minutes=1), 3),  # same day: short-term only
        (START + 2 * day, 3),
        (START + 2 * day + timedelta(hours=5), 3),  # 23:00 UTC: still that day
        (START + 4 * day, 3),
    ]
    assert count_optimisable_reviews([history]) == 2
    # with days starting at 20:00 UTC, the 23:00 review falls on the next learning day
    assert count_optimisable_reviews([history], day_starts_at=timedelta(hours=20)) == 3


def test_naive_times_and_bad_ratings_are_rejected():
    with pytest.raises(OptimisationError, match="timezone-aware"):
        count_optimisable_reviews([[(datetime(2030, 1, 1), 3)]])
    with pytest.raises(OptimisationError, match="rating"):
        count_optimisable_reviews([[(START, 5)]])
