"""Authored templates: the checks on save (200 seeds, in the worker) of each worked example, a
preview of one seed, and a published template's variant generated in the worker."""

from __future__ import annotations

from functools import partial

from questions.authoring import SpecTemplate
from questions.authoring.bounded import check_on_save, generate_bounded
from questions.authoring.examples import EXAMPLES
from questions.generators import generate

from .timing import Figure, measure

TITLE = "Authored templates (checks on save and preview, in the worker process)"
SAVE_SEEDS = 200
PREVIEWS = 50


def run(report) -> None:
    for name, (info, spec) in EXAMPLES.items():
        result = check_on_save(spec, info, seeds=range(SAVE_SEEDS))
        label = f"save check {name} ({SAVE_SEEDS} seeds{'' if result.ok else ', FAILED'})"
        report(Figure(label, result.seconds, "s"))
    for name, (info, spec) in EXAMPLES.items():
        generate_bounded(spec, info, 0)  # warm the worker
        calls = [partial(generate_bounded, spec, info, seed) for seed in range(PREVIEWS)]
        report(measure(f"preview one seed: {name}", calls))
        template = SpecTemplate(spec, info)
        calls = [partial(generate, template, seed) for seed in range(PREVIEWS)]
        report(measure(f"generate in process: {name}", calls))
