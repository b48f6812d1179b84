"""Fit a learner's own FSRS parameters from their review logs, with fsrs-rs-python (no torch)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta

from fsrs.scheduler import DEFAULT_PARAMETERS, LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS

from questions.srs.scheduler import RATINGS

# Anki long advised a few hundred reviews before optimising; with fewer, the fitted weights
# mostly echo the noise of a handful of cards and are worse than the defaults.
MIN_REVIEWS_FOR_OPTIMISATION = 400

NOT_ENOUGH_REVIEWS = (
    "Optimising needs at least {needed} reviews on cards reviewed on two different days; "
    "there are {found}."
)
OPTIMISER_MISSING = "The optimiser needs the fsrs-rs-python package, which is not installed."

History = Sequence[tuple[datetime, int]]


class OptimisationError(ValueError):
    """Raised when parameters cannot be fitted (too few reviews, optimiser missing)."""


def optimise_parameters(
    histories: Iterable[History], *, day_starts_at: timedelta = timedelta(0)
) -> tuple[float, ...]:
    """Personal FSRS parameters from each card's (reviewed_at, rating) log.

    FSRS counts days, so reviews are grouped into learning days that start `day_starts_at`
    after midnight UTC (the learner's rollover hour in UTC). The result is checked against
    py-fsrs's bounds, so `SchedulerSettings(parameters=...)` accepts it.
    """
    sequences = _day_sequences(histories, day_starts_at)
    counted = _count(sequences)
    if counted < MIN_REVIEWS_FOR_OPTIMISATION:
        raise OptimisationError(
            NOT_ENOUGH_REVIEWS.format(needed=MIN_REVIEWS_FOR_OPTIMISATION, found=counted)
        )
    try:
        # a compiled wheel, imported only when a learner asks to optimise
        from fsrs_rs_python import FSRS, FSRSItem, FSRSReview
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise OptimisationError(OPTIMISER_MISSING) from exc
    # one training item per review on a later day than the one before: the model predicts
    # its outcome from all earlier reviews (same-day repeats only shape short-term memory)
    items = [
        FSRSItem([FSRSReview(rating, delta_t) for rating, delta_t in sequence[: end + 1]])
        for sequence in sequences
        for end in range(1, len(sequence))
        if sequence[end][1] > 0
    ]
    fitted = FSRS(list(DEFAULT_PARAMETERS)).compute_parameters(items)
    if len(fitted) != len(DEFAULT_PARAMETERS):
        raise OptimisationError(
            f"The optimiser returned {len(fitted)} parameters; FSRS needs {len(DEFAULT_PARAMETERS)}."
        )
    # fsrs-rs works in float32: round, then clamp into py-fsrs's closed bounds
    return tuple(
        min(max(round(float(w), 4), low), high)
        for w, low, high in zip(
            fitted, LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS, strict=True
        )
    )


def count_optimisable_reviews(
    histories: Iterable[History], *, day_starts_at: timedelta = timedelta(0)
) -> int:
    """How many reviews the optimiser can learn from (to show progress toward the minimum)."""
    return _count(_day_sequences(histories, day_starts_at))


def _count(sequences: list[list[tuple[int, int]]]) -> int:
    return sum(1 for sequence in sequences for _, delta_t in sequence[1:] if delta_t > 0)


def _day_sequences(
    histories: Iterable[History], day_starts_at: timedelta
) -> list[list[tuple[int, int]]]:
    """Each card's reviews as (rating, days since the previous review's learning day)."""
    sequences = []
    for history in histories:
        sequence: list[tuple[int, int]] = []
        previous: date | None = None
        for when, rating in sorted(history, key=lambda r: r[0]):
            if rating not in RATINGS:
                raise OptimisationError(f"rating must be 1..4, got {rating!r}")
            if when.tzinfo is None:
                raise OptimisationError("review times must be timezone-aware")
            day = (when.astimezone(UTC) - day_starts_at).date()
            sequence.append((rating, 0 if previous is None else (day - previous).days))
            previous = day
        if sequence:
            sequences.append(sequence)
    return sequences
