"""Mastery of a topic from a learner's recent answers: accuracy, a 95% Wilson band, a trend."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

RECENT = 30  # answers per topic that count ("recent"), newest first
Z95 = 1.959963984540054


@dataclass(frozen=True)
class Answer:
    """One graded answer from a practice test, the practice mode or a drill card."""

    topic: str
    area: str
    template: str
    score: float  # 0..1 (partial credit counts fractionally)
    at: datetime


@dataclass(frozen=True)
class TopicMastery:
    topic: str
    area: str
    answered: int
    accuracy: float
    low: float
    high: float
    trend: float | None  # recent half minus older half, in accuracy points; None if too few

    @property
    def percent(self) -> int:
        return round(100 * self.accuracy)


def wilson(successes: float, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval for a proportion: honest even for few answers."""
    if n == 0:
        return 0.0, 1.0
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def topic_mastery(answers: Iterable[Answer], recent: int = RECENT) -> list[TopicMastery]:
    """Per topic, over its `recent` newest answers; weakest (lowest accuracy) first."""
    by_topic: dict[str, list[Answer]] = defaultdict(list)
    for answer in answers:
        by_topic[answer.topic].append(answer)
    rows = []
    for topic, items in by_topic.items():
        items = sorted(items, key=lambda a: a.at, reverse=True)[:recent]
        n = len(items)
        total = sum(a.score for a in items)
        low, high = wilson(total, n)
        trend = None
        if n >= 6:
            half = n // 2
            newer = sum(a.score for a in items[:half]) / half
            older = sum(a.score for a in items[half:]) / (n - half)
            trend = newer - older
        rows.append(TopicMastery(topic, items[0].area, n, total / n, low, high, trend))
    return sorted(rows, key=lambda m: (m.accuracy, -m.answered, m.topic))


def area_mastery(topics: Iterable[TopicMastery]) -> dict[str, float]:
    """Answer-weighted accuracy per area."""
    totals: dict[str, list[float]] = defaultdict(lambda: [0.0, 0])
    for row in topics:
        totals[row.area][0] += row.accuracy * row.answered
        totals[row.area][1] += row.answered
    return {area: score / n for area, (score, n) in totals.items() if n}
