"""A learner's study day: "today" in their time zone, ending at their chosen hour (Anki's
default is 4 am, so a late-night session still counts as the same day)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def zone(name: str) -> ZoneInfo:
    """The IANA zone, or ValueError with a clear message."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"Unknown time zone {name!r}; use a name like Europe/Paris.") from None


def study_day(now: datetime, tz: ZoneInfo, day_starts_hour: int = 4) -> date:
    """The study day `now` belongs to for a learner in `tz`."""
    return (now.astimezone(tz) - timedelta(hours=day_starts_hour)).date()


def day_bounds(day: date, tz: ZoneInfo, day_starts_hour: int = 4) -> tuple[datetime, datetime]:
    """[start, end) of a study day, in UTC (23 or 25 hours long across DST changes)."""
    start = datetime.combine(day, time(day_starts_hour), tzinfo=tz)
    end = datetime.combine(day + timedelta(days=1), time(day_starts_hour), tzinfo=tz)
    return start.astimezone(UTC), end.astimezone(UTC)
