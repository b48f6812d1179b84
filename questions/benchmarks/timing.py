"""Timing helpers: run a callable many times and summarise latencies in milliseconds."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Latency:
    label: str
    count: int
    p50_ms: float
    p99_ms: float
    max_ms: float

    def row(self) -> str:
        return (
            f"  {self.label:<44} n={self.count:<6} p50={self.p50_ms:8.3f} ms"
            f"  p99={self.p99_ms:8.3f} ms  max={self.max_ms:8.3f} ms"
        )


@dataclass(frozen=True)
class Figure:
    """A single measured quantity (a memory peak, a total time, a throughput)."""

    label: str
    value: float
    unit: str

    def row(self) -> str:
        return f"  {self.label:<44} {self.value:10.1f} {self.unit}"


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def measure(label: str, calls: Iterable[Callable[[], object]]) -> Latency:
    """Time each call (seconds → ms) and return the summary."""
    samples = []
    for call in calls:
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    return Latency(
        label=label,
        count=len(samples),
        p50_ms=statistics.median(samples) if samples else 0.0,
        p99_ms=percentile(samples, 99),
        max_ms=max(samples, default=0.0),
    )


def repeat(call: Callable[[], object], times: int) -> list[Callable[[], object]]:
    return [call] * times
