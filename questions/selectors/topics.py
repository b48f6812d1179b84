"""Queries over the topic tree."""

from __future__ import annotations

from dataclasses import dataclass

from questions.models import Area, Topic


@dataclass(frozen=True)
class AreaSummary:
    area: str
    label: str
    topics: list[str]


def area_summaries() -> list[AreaSummary]:
    """Each area with the names of its top-level topics, in syllabus order."""
    names: dict[str, list[str]] = {area.value: [] for area in Area}
    for area, name in Topic.objects.filter(parent__isnull=True).values_list("area", "name"):
        names[area].append(name)
    return [AreaSummary(area.value, area.label, names[area.value]) for area in Area]
