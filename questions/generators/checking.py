"""Running a template over many seeds and listing what is wrong with it, per seed.

Used by `manage.py check_templates`, the test suite and (later) authoring on save: every seed
must generate, render, have its answer accepted when typed back, and have each recognised
mistake rejected; and the template must produce enough distinct prompts.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from questions.grading import check
from questions.mathinput.markdown import render_markdown

from .base import Template
from .engine import generate
from .responses import grade_response

VARIETY_PER_100_SEEDS = 20


@dataclass
class TemplateReport:
    slug: str
    seeds: int = 0
    distinct_prompts: int = 0
    failures: list[tuple[int | None, str]] = field(default_factory=list)
    generation_ms: list[float] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


def _render_problem(text: str) -> str | None:
    html = render_markdown(text)
    if 'class="math-error"' in html:
        start = html.index('class="math-error"')
        return html[start : start + 160]
    outside_code = re.sub(r"<code>.*?</code>", "", html, flags=re.DOTALL)
    if "$" in outside_code:
        start = outside_code.index("$")
        return "math left unrendered near: " + outside_code[max(0, start - 40) : start + 80]
    return None


def check_template(
    template: Template, seeds: Iterable[int], *, give_up_after: int | None = None
) -> TemplateReport:
    """Generate every seed and check it; with `give_up_after`, stop once that many seeds in a
    row failed to generate (an unsatisfiable constraint would otherwise cost every seed's draws)."""
    report = TemplateReport(template.slug)
    prompts: set[str] = set()
    failed_in_a_row = 0
    for seed in seeds:
        report.seeds += 1
        started = time.perf_counter()
        try:
            variant = generate(template, seed)
        except Exception as exc:  # any crash is a finding, not an abort
            report.failures.append((seed, f"generation failed: {type(exc).__name__}: {exc}"))
            failed_in_a_row += 1
            if give_up_after and failed_in_a_row >= give_up_after:
                report.failures.append(
                    (None, f"stopped after {failed_in_a_row} seeds in a row failed to generate")
                )
                return report
            continue
        failed_in_a_row = 0
        report.generation_ms.append((time.perf_counter() - started) * 1000)
        prompts.add(variant.prompt)
        for part, text in (("prompt", variant.prompt), ("solution", variant.solution)):
            problem = _render_problem(text)
            if problem:
                report.failures.append((seed, f"{part} does not render: {problem}"))
        verdict = check(variant.kind, variant.answer, variant.answer, variant.options)
        if not verdict.correct:
            report.failures.append(
                (
                    seed,
                    f"answer {variant.answer!r} not accepted when typed back: "
                    f"{verdict.error or verdict.feedback}",
                )
            )
        for mistake, message in variant.mistakes:
            graded = grade_response(variant, mistake)
            if graded.correct:
                report.failures.append(
                    (seed, f"common mistake {mistake!r} is accepted as correct ({message})")
                )
            elif graded.feedback != message:
                report.failures.append(
                    (seed, f"common mistake {mistake!r} is not recognised as {message!r}")
                )
    report.distinct_prompts = len(prompts)
    needed = min(VARIETY_PER_100_SEEDS, math.ceil(report.seeds * VARIETY_PER_100_SEEDS / 100))
    if report.seeds and len(prompts) < needed:
        report.failures.append(
            (None, f"too little variety: {len(prompts)} distinct prompts over {report.seeds} seeds")
        )
    return report
