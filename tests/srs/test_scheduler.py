"""The py-fsrs adapter: equal to the reference, strict on input, reproducible fuzz."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import fsrs
import numpy as np
import pytest

from questions.srs.scheduler import (
    CardState,
    SchedulerSettings,
    format_interval,
    fuzz_range,
    preview,
    recall_probability,
    replay,
    retrievability,
    review,
)

START = datetime(2030, 3, 1, 18, 0, tzinfo=UTC)
FITTED = (
    0.4719, 0.8164, 0.8164, 4.1856, 6.3, 0.7, 2.8, 0.01, 1.9, 0.2, 0.85,
    1.5, 0.07, 0.3, 1.7, 0.5, 2.0, 0.6, 0.1, 0.07, 0.2,
)  # fmt: skip
SETTINGS = [
    SchedulerSettings(),
    SchedulerSettings(
        desired_retention=0.8,
        learning_steps=(timedelta(minutes=5),),
        relearning_steps=(),
        maximum_interval_days=60,
    ),
    SchedulerSettings(
        desired_retention=0.95,
        learning_steps=(),
        relearning_steps=(timedelta(minutes=5), timedelta(hours=1)),
        parameters=FITTED,
    ),
]


def reference_scheduler(settings: SchedulerSettings) -> fsrs.Scheduler:
    return fsrs.Scheduler(
        parameters=settings.weights,
        desired_retention=settings.desired_retention,
        learning_steps=settings.learning_steps,
        relearning_steps=settings.relearning_steps,
        maximum_interval=settings.maximum_interval_days,
        enable_fuzzing=False,
    )


def irregular_gap(rng: np.random.Generator, due_in: timedelta) -> timedelta:
    """Minutes, hours, around the due date, or long overdue: every branch of py-fsrs."""
    kind = rng.integers(4)
    if kind == 0:
        return timedelta(minutes=int(rng.integers(1, 90)), seconds=int(rng.integers(60)))
    if kind == 1:
        return timedelta(hours=float(rng.uniform(1, 40)))
    if kind == 2:
        return max(timedelta(seconds=1), due_in + timedelta(hours=float(rng.normal(0, 20))))
    return timedelta(days=float(rng.uniform(1, 200)))


@pytest.mark.parametrize("settings", SETTINGS)
def test_random_review_sequences_match_fsrs_scheduler_exactly(settings):
    rng = np.random.default_rng(2030)
    reference = reference_scheduler(settings)
    checked = 0
    for _ in range(80):
        when = START
        state = CardState.new(when)
        card = fsrs.Card(card_id=1, due=when)
        for _ in range(int(rng.integers(1, 16))):
            when += irregular_gap(rng, card.due - when)
            rating = int(rng.integers(1, 5))
            outcome = review(state, rating, when, settings)
            card, _ = reference.review_card(card, fsrs.Rating(rating), when)
            state = outcome.state
            assert (state.stability, state.difficulty) == (card.stability, card.difficulty)
            assert (state.due, state.last_review, state.step) == (
                card.due,
                card.last_review,
                card.step,
            )
            assert state.state == card.state.name.lower()
            assert outcome.interval == card.due - when
            checked += 1
    assert checked > 400


def test_retrievability_at_review_is_fsrs_and_none_for_a_new_card():
    settings = SchedulerSettings()
    first = review(CardState.new(START), 3, START, settings)
    assert first.retrievability is None
    later = START + timedelta(days=4)
    second = review(first.state, 3, later, settings)
    card = fsrs.Card(
        card_id=1,
        state=fsrs.State.Review,
        step=None,
        stability=first.state.stability,
        difficulty=first.state.difficulty,
        due=first.state.due,
        last_review=first.state.last_review,
    )
    expected = reference_scheduler(settings).get_card_retrievability(card, later)
    assert second.retrievability == expected == retrievability(first.state, later, settings)
    assert 0 < expected < 0.9


def test_an_aware_non_utc_time_is_the_same_instant_as_utc():
    settings = SchedulerSettings()
    paris = START.astimezone(ZoneInfo("Europe/Paris"))
    assert review(CardState.new(START), 4, paris, settings) == review(
        CardState.new(START), 4, START, settings
    )
    assert review(CardState.new(START), 4, paris, settings).state.due.tzinfo is UTC


def test_naive_datetimes_are_rejected():
    with pytest.raises(ValueError, match="timezone-aware"):
        review(CardState.new(START), 3, datetime(2030, 3, 1, 18), SchedulerSettings())
    with pytest.raises(ValueError, match="timezone-aware"):
        CardState.new(datetime(2030, 3, 1))
    with pytest.raises(ValueError, match="timezone-aware"):
        retrievability(CardState.new(START), datetime(2030, 3, 2), SchedulerSettings())


@pytest.mark.parametrize("rating", [0, 5, -1, True, 3.0, "3", None])
def test_bad_ratings_are_rejected(rating):
    with pytest.raises(ValueError, match="rating must be 1"):
        review(CardState.new(START), rating, START, SchedulerSettings())


def test_a_review_before_the_last_one_is_rejected():
    state = review(CardState.new(START), 3, START, SchedulerSettings()).state
    with pytest.raises(ValueError, match="earlier than the card's last review"):
        review(state, 3, START - timedelta(seconds=1), SchedulerSettings())


def test_preview_intervals_grow_from_again_to_easy_for_review_cards():
    settings = SchedulerSettings()
    rng = np.random.default_rng(5)
    for _ in range(200):
        state = CardState(
            state="review",
            step=None,
            stability=float(rng.uniform(0.5, 400)),
            difficulty=float(rng.uniform(1, 10)),
            due=START,
            last_review=START - timedelta(days=float(rng.uniform(0, 300))),
        )
        intervals = preview(state, START, settings)
        assert list(intervals) == [1, 2, 3, 4]
        assert intervals[1] <= intervals[2] <= intervals[3] <= intervals[4]
        assert intervals[1] == timedelta(minutes=10)  # Again goes to the relearning step


def test_preview_shows_what_the_answer_will_schedule():
    settings = SchedulerSettings(enable_fuzzing=True)
    state = review(CardState.new(START), 4, START, settings).state
    later = state.due
    shown = preview(state, later, settings)
    assert all(review(state, r, later, settings).interval == shown[r] for r in (1, 2, 3, 4))


def test_new_card_intervals_follow_the_learning_steps():
    intervals = preview(CardState.new(START), START, SchedulerSettings())
    assert intervals[1] == timedelta(minutes=1)
    assert intervals[2] == timedelta(minutes=5, seconds=30)  # Hard: between the two steps
    assert intervals[3] == timedelta(minutes=10)
    assert intervals[4] >= timedelta(days=1)


@pytest.mark.parametrize(
    ("interval", "label"),
    [
        (timedelta(seconds=0), "<1m"),
        (timedelta(seconds=59), "<1m"),
        (timedelta(minutes=1), "1m"),
        (timedelta(minutes=5, seconds=30), "6m"),
        (timedelta(minutes=10), "10m"),
        (timedelta(minutes=59), "59m"),
        (timedelta(minutes=59, seconds=40), "1h"),
        (timedelta(hours=1), "1h"),
        (timedelta(minutes=90), "1.5h"),
        (timedelta(hours=23, minutes=59), "1d"),
        (timedelta(days=3), "3d"),
        (timedelta(days=29), "29d"),
        (timedelta(days=45), "1.5mo"),
        (timedelta(days=75), "2.5mo"),
        (timedelta(days=360), "1y"),
        (timedelta(days=438), "1.2y"),
        (timedelta(days=36500), "100y"),
    ],
)
def test_format_interval_reads_like_anki(interval, label):
    assert format_interval(interval) == label


def test_format_interval_rejects_negative_intervals():
    with pytest.raises(ValueError, match="negative"):
        format_interval(timedelta(seconds=-1))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"desired_retention": 0.69}, "desired_retention"),
        ({"desired_retention": 0.995}, "desired_retention"),
        ({"learning_steps": (timedelta(0),)}, "learning_steps"),
        ({"relearning_steps": (timedelta(minutes=-10),)}, "relearning_steps"),
        ({"maximum_interval_days": 0}, "maximum_interval_days"),
        ({"maximum_interval_days": 36501}, "maximum_interval_days"),
        ({"parameters": (0.2,) * 19}, "Expected 21 parameters"),
        ({"parameters": (*FITTED[:4], 11.0, *FITTED[5:])}, "out of bounds"),
    ],
)
def test_settings_out_of_range_are_rejected(kwargs, message):
    with pytest.raises(ValueError, match=message):
        SchedulerSettings(**kwargs)


def test_settings_default_to_py_fsrs_defaults():
    ours, theirs = SchedulerSettings(), fsrs.Scheduler()
    assert ours.desired_retention == theirs.desired_retention
    assert ours.learning_steps == theirs.learning_steps
    assert ours.relearning_steps == theirs.relearning_steps
    assert ours.maximum_interval_days == theirs.maximum_interval
    assert ours.weights == theirs.parameters
    assert ours.enable_fuzzing is False  # reproducible by default (see SchedulerSettings)


def test_card_state_round_trips_through_json():
    settings = SchedulerSettings()
    state = CardState.new(START)
    for rating, gap in [(3, 0), (3, 10), (1, 60 * 24 * 3), (3, 10)]:
        state = review(
            state, rating, (state.last_review or START) + timedelta(minutes=gap), settings
        ).state
        data = json.loads(json.dumps(state.to_dict()))
        assert CardState.from_dict(data) == state
    assert CardState.from_dict(CardState.new(START).to_dict()).is_new


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"state": "suspended", "step": 0}, "unknown card state"),
        ({"state": "review", "step": 0}, "step"),
        ({"state": "learning", "step": None}, "step"),
        ({"state": "learning", "step": 0, "stability": 1.0}, "together"),
    ],
)
def test_inconsistent_card_states_are_rejected(kwargs, message):
    fields = {"stability": None, "difficulty": None, "due": START} | kwargs
    with pytest.raises(ValueError, match=message):
        CardState(**fields)


def test_recall_probability_is_fsrs_at_whole_days_and_counts_the_hours():
    settings = SchedulerSettings()
    state = CardState("review", None, 7.0, 5.0, START + timedelta(days=7), START)
    for days in (0, 1, 7, 30):
        at = START + timedelta(days=days)
        assert recall_probability(state, at, settings) == pytest.approx(
            retrievability(state, at, settings), rel=1e-12
        )
    assert recall_probability(state, START + timedelta(days=7), settings) == pytest.approx(0.9)
    evening_to_morning = START + timedelta(hours=15)
    assert retrievability(state, evening_to_morning, settings) == 1.0  # py-fsrs: 0 days
    assert recall_probability(state, evening_to_morning, settings) < 0.995
    assert recall_probability(CardState.new(START), START, settings) == 0.0


def test_replay_rebuilds_the_state_from_the_log_in_any_order():
    settings = SchedulerSettings()
    log = [(START, 3), (START + timedelta(minutes=10), 3), (START + timedelta(days=3), 2)]
    state = CardState.new(START)
    for when, rating in log:
        state = review(state, rating, when, settings).state
    assert replay(reversed(log), settings, START) == state


def test_fuzz_is_reproducible_inside_fsrs_window_and_leaves_memory_alone():
    fuzzy, plain = SchedulerSettings(enable_fuzzing=True), SchedulerSettings()
    intervals = set()
    for minute in range(60):
        created = START + timedelta(minutes=minute)
        card = review(CardState.new(created), 4, created, plain).state
        when = card.due + timedelta(days=5)
        a = review(card, 3, when, fuzzy)
        b = review(card, 3, when, fuzzy)
        unfuzzed = review(card, 3, when, plain)
        assert a == b
        assert (a.state.stability, a.state.difficulty) == (
            unfuzzed.state.stability,
            unfuzzed.state.difficulty,
        )
        low, high = fuzz_range(unfuzzed.interval.days, fuzzy.maximum_interval_days)
        assert low <= a.interval.days <= high
        intervals.add(a.interval.days)
    assert len(intervals) >= 3  # it does spread cards out


@pytest.mark.parametrize("days", [3, 6, 12, 45, 400])
def test_fuzz_window_is_py_fsrs_own(days):
    saved = random.getstate()
    try:
        random.seed(days)
        scheduler = fsrs.Scheduler(maximum_interval=36500)
        seen = {
            scheduler._get_fuzzed_interval(interval=timedelta(days=days)).days for _ in range(600)
        }
    finally:
        random.setstate(saved)
    assert (min(seen), max(seen)) == fuzz_range(days, 36500)


def test_fuzz_leaves_global_random_state_untouched():
    saved = random.getstate()
    card = review(CardState.new(START), 4, START, SchedulerSettings()).state
    review(card, 3, card.due + timedelta(days=9), SchedulerSettings(enable_fuzzing=True))
    assert random.getstate() == saved
