"""Variant fairness: how a template's variants fare, and which parameter values (or ranges)
make questions clearly harder or easier than their siblings.

A group is flagged when it has at least `MIN_GROUP` answers and its accuracy is more than
`Z_FLAG` standard errors from the template's accuracy: z = (p_group − p) / sqrt(p(1 − p) / n_group).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from numbers import Real
from typing import Any

MIN_GROUP = 5
Z_FLAG = 2.0
MAX_DISTINCT = 6  # more distinct numeric values than this are grouped into quartile ranges


@dataclass(frozen=True)
class Attempt:
    params: Mapping[str, Any]
    score: float
    seconds: float | None = None


@dataclass(frozen=True)
class Group:
    label: str
    n: int
    accuracy: float
    z: float
    flagged: bool


@dataclass(frozen=True)
class Fairness:
    n: int
    accuracy: float | None
    mean_seconds: float | None
    groups: tuple[Group, ...]

    @property
    def flagged(self) -> tuple[Group, ...]:
        return tuple(g for g in self.groups if g.flagged)


def _scalar(value: Any) -> bool:
    return isinstance(value, str | bool) or (isinstance(value, Real) and math.isfinite(value))


def _labels(name: str, values: list[Any]) -> dict[Any, str]:
    distinct = sorted(set(values), key=repr)
    numeric = all(isinstance(v, Real) and not isinstance(v, bool) for v in distinct)
    if not numeric or len(distinct) <= MAX_DISTINCT:
        return {v: f"{name} = {v}" for v in distinct}
    ordered = sorted(values)
    cuts = [ordered[min(len(ordered) - 1, len(ordered) * q // 4)] for q in (1, 2, 3)]
    labels = {}
    for v in distinct:
        quartile = sum(v > c for c in cuts)
        low = ordered[0] if quartile == 0 else cuts[quartile - 1]
        high = cuts[quartile] if quartile < 3 else ordered[-1]
        labels[v] = f"{low} ≤ {name} ≤ {high}" if quartile else f"{name} ≤ {high}"
    return labels


def fairness(attempts: Iterable[Attempt]) -> Fairness:
    attempts = list(attempts)
    if not attempts:
        return Fairness(0, None, None, ())
    n = len(attempts)
    p = sum(a.score for a in attempts) / n
    times = [a.seconds for a in attempts if a.seconds is not None]
    buckets: dict[str, list[float]] = defaultdict(list)
    names = sorted({k for a in attempts for k, v in a.params.items() if _scalar(v)})
    for name in names:
        values = [a.params[name] for a in attempts if _scalar(a.params.get(name))]
        labels = _labels(name, values)
        for attempt in attempts:
            value = attempt.params.get(name)
            if _scalar(value):
                buckets[labels[value]].append(attempt.score)
    groups = []
    for label, scores in buckets.items():
        m = len(scores)
        accuracy = sum(scores) / m
        spread = math.sqrt(p * (1 - p) / m) if 0 < p < 1 else 0.0
        z = (accuracy - p) / spread if spread else 0.0
        groups.append(Group(label, m, accuracy, z, m >= MIN_GROUP and abs(z) >= Z_FLAG))
    groups.sort(key=lambda g: (not g.flagged, -abs(g.z), g.label))
    return Fairness(n, p, sum(times) / len(times) if times else None, tuple(groups))
