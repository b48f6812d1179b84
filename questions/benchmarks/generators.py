"""Variant generation time per template (in process) and the time of a check_templates run."""

from __future__ import annotations

import time

from questions.generators import all_templates, generate
from questions.generators.checking import check_template

from .timing import Figure, measure

TITLE = "Question templates (generation per variant, in process)"
SEEDS = 100
CHECK_SEEDS = 50


def run(report) -> None:
    templates = all_templates()
    everything = []
    slowest = []
    for template in templates:
        generate(template, 0)  # warm imports and caches
        calls = [lambda t=template, s=seed: generate(t, s) for seed in range(SEEDS)]
        latency = measure(template.slug, calls)
        slowest.append(latency)
        everything.extend(calls)
    report(measure(f"all {len(templates)} templates × {SEEDS} seeds", everything))
    for latency in sorted(slowest, key=lambda lat: lat.p99_ms, reverse=True)[:5]:
        report(latency)
    started = time.perf_counter()
    for template in templates:
        check_template(template, range(CHECK_SEEDS))
    elapsed = time.perf_counter() - started
    report(Figure(f"check_templates --seeds {CHECK_SEEDS} (all templates)", elapsed, "s"))
