"""Checks run when an authored template is saved: the generic template checks over many seeds,
each mistakes line's usefulness, and the author's question tests."""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from questions.generators.base import TemplateError
from questions.generators.checking import check_template
from questions.generators.engine import generate
from questions.generators.responses import grade_response

from .render import render
from .spec import Spec, SpecError, TemplateInfo
from .template import SpecTemplate
from .values import EvalError

MAX_REPORTED = 50
GIVE_UP_AFTER = 5  # seeds in a row that fail to generate: the author has enough to fix


@dataclass(frozen=True)
class TestFailure:
    seed: int
    line: int | None
    response: str
    message: str

    def __str__(self) -> str:
        where = "tests" if self.line is None else f"tests line {self.line}"
        shown = f" “{self.response}”" if self.response else ""
        return f"{where}, seed {self.seed}:{shown} {self.message}"


def run_question_tests(
    template: SpecTemplate, seeds: Iterable[int] = (1, 2, 3)
) -> list[TestFailure]:
    """Grade every test response against the variant of each seed, as a learner's answer."""
    failures: list[TestFailure] = []
    for seed in seeds:
        try:
            variant = generate(template, seed)
            evaluator = template.environment(variant.params)
        except TemplateError as exc:
            failures.append(TestFailure(seed, None, "", f"generation failed: {exc}"))
            continue
        for test in template.compiled.tests:
            try:
                response = render(test.response, evaluator)
            except EvalError as exc:
                failures.append(TestFailure(seed, test.line, "", f"cannot fill in: {exc}"))
                continue
            verdict = grade_response(variant, response)
            problem = None
            if verdict.error:
                problem = f"could not be read: {verdict.error}"
            elif verdict.correct != test.correct:
                got = "correct" if verdict.correct else f"wrong ({verdict.feedback})"
                problem = f"expected {'correct' if test.correct else 'wrong'}, graded {got}"
            elif test.fragment and test.fragment.lower() not in verdict.feedback.lower():
                problem = f"the feedback “{verdict.feedback}” does not contain “{test.fragment}”"
            if problem:
                failures.append(TestFailure(seed, test.line, response, problem))
    return failures


def mistake_report(template: SpecTemplate, seeds: Iterable[int]) -> list[str]:
    """Mistakes lines that apply to none of these seeds' variants, with the last reason."""
    reasons: dict[int, str] = {line.line: "" for line in template.compiled.mistakes}
    applied: set[int] = set()
    for seed in seeds:
        try:
            variant = generate(template, seed)
            outcomes = template.mistake_outcomes(variant.params)
        except TemplateError:
            continue  # check_template reports generation failures
        for line, mistake, reason in outcomes:
            if mistake is not None:
                applied.add(line.line)
            else:
                reasons[line.line] = reason
    return [
        f"mistakes line {number} never applies: {reason or 'no variant generated'}"
        for number, reason in reasons.items()
        if number not in applied
    ]


@dataclass(frozen=True)
class SaveReport:
    """What the checks on save found; `failures` are ready to show, one per line."""

    ok: bool
    failures: tuple[str, ...]
    seeds: int = 0
    distinct_prompts: int = 0
    seconds: float = 0.0


def check_spec(
    spec: Spec,
    info: TemplateInfo,
    *,
    seeds: Sequence[int] = range(200),
    test_seeds: Sequence[int] = (1, 2, 3),
) -> SaveReport:
    """Compile, run `check_template` over `seeds`, the mistakes report and the question tests.
    In-process: call it through `bounded.check_on_save` for untrusted specs."""
    started = time.perf_counter()
    try:
        template = SpecTemplate(spec, info)
    except SpecError as exc:
        return SaveReport(False, tuple(str(issue) for issue in exc.issues))
    seeds = list(seeds)
    report = check_template(template, seeds, give_up_after=GIVE_UP_AFTER)
    failures = [
        message if seed is None else f"seed {seed}: {message}" for seed, message in report.failures
    ]
    if report.seeds == len(seeds):  # not given up: mistakes and tests can generate too
        failures += mistake_report(template, list(seeds)[:20])
        failures += [str(failure) for failure in run_question_tests(template, test_seeds)]
    if len(failures) > MAX_REPORTED:
        failures = [*failures[:MAX_REPORTED], f"... and {len(failures) - MAX_REPORTED} more."]
    return SaveReport(
        ok=not failures,
        failures=tuple(failures),
        seeds=report.seeds,
        distinct_prompts=report.distinct_prompts,
        seconds=round(time.perf_counter() - started, 3),
    )
