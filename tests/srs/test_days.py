"""Study days in the learner's time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from questions.srs.days import day_bounds, study_day, zone

SHANGHAI, LOS_ANGELES = zone("Asia/Shanghai"), zone("America/Los_Angeles")


def test_the_same_instant_is_a_different_day_in_utc_plus_8_and_minus_7():
    instant = datetime(2026, 11, 22, 22, 30, tzinfo=UTC)  # 06:30 on the 23rd in Shanghai
    assert study_day(instant, SHANGHAI) == date(2026, 11, 23)
    assert study_day(instant, LOS_ANGELES) == date(2026, 11, 22)  # 14:30 on the 22nd


def test_the_day_ends_at_the_chosen_hour():
    late = datetime(2026, 11, 23, 19, 30, tzinfo=UTC)  # 03:30 on the 24th in Shanghai
    assert study_day(late, SHANGHAI) == date(2026, 11, 23)
    assert study_day(late, SHANGHAI, day_starts_hour=0) == date(2026, 11, 24)


def test_day_bounds_are_utc_and_follow_daylight_saving():
    start, end = day_bounds(date(2026, 10, 31), LOS_ANGELES)  # clocks go back that night
    assert start == datetime(2026, 10, 31, 11, 0, tzinfo=UTC)
    assert (end - start).total_seconds() == 25 * 3600
    start, end = day_bounds(date(2026, 11, 22), SHANGHAI)
    assert start == datetime(2026, 11, 21, 20, 0, tzinfo=UTC)


def test_unknown_zones_are_refused():
    with pytest.raises(ValueError, match="Unknown time zone"):
        zone("Mars/Olympus")
