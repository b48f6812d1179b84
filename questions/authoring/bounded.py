"""Running authored templates where a hang is impossible: in the CAS worker pool
(`questions.grading.cas.run`), killed after a time limit, under its memory cap.

`generate_variant` and `run_checks` are the module-level functions submitted to the pool (their
arguments are plain data: the spec and metadata as dicts, seeds); `generate_bounded` and
`check_on_save` are what the app calls. A single sympy call (a `simplify` of a monstrous
expression) cannot be interrupted in-process; only the worker's timeout stops it.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from questions.generators.base import TemplateError, Variant
from questions.generators.engine import generate
from questions.grading import cas

from .checks import SaveReport, check_spec
from .limits import SAVE_CHECK_SECONDS, VARIANT_SECONDS
from .spec import Spec, SpecError, TemplateInfo
from .template import SpecTemplate

# The first call in a fresh worker imports this package (numpy, the renderer, ...).
STARTUP_SECONDS = 30.0
TIMED_OUT = (
    "{what} took longer than {seconds:g} s (or ran out of memory) and was stopped: "
    "make the computation smaller (e.g. avoid simplify/factor of large expressions)."
)


# -- run inside the worker ----------------------------------------------------------------------
def warm_up() -> bool:
    """Import this package in the worker, so the first real call's time limit is honest."""
    return True


@lru_cache(maxsize=16)
def _template(spec: tuple[tuple[str, str], ...], info: str) -> SpecTemplate:
    import json

    return SpecTemplate(Spec(**dict(spec)), TemplateInfo(**json.loads(info)))


def _build(spec: Mapping[str, str], info: Mapping[str, Any]) -> SpecTemplate:
    import json

    return _template(tuple(sorted(spec.items())), json.dumps(dict(info), sort_keys=True))


def generate_variant(
    spec: Mapping[str, str], info: Mapping[str, Any], seed: int, params: Mapping | None = None
) -> Variant:
    """One variant of an authored template (run in the worker; raises TemplateError)."""
    with _inline_cas():
        try:
            return generate(_build(spec, info), seed, params)
        except (TemplateError, SpecError):
            raise
        except Exception as exc:  # anything else is still the spec's problem, never a crash
            raise TemplateError(f"{type(exc).__name__}: {exc}") from None


def run_checks(
    spec: Mapping[str, str], info: Mapping[str, Any], seeds: list[int], test_seeds: list[int]
) -> SaveReport:
    """`checks.check_spec` inside the worker; unexpected errors become a failed report."""
    with _inline_cas():
        try:
            return check_spec(
                Spec(**spec), TemplateInfo(**info), seeds=seeds, test_seeds=test_seeds
            )
        except Exception as exc:
            return SaveReport(False, (f"The checks failed: {type(exc).__name__}: {exc}",))


@contextmanager
def _inline_cas() -> Iterator[None]:
    """Inside a pool worker the grader's own CAS calls run inline: the worker already is the
    sandbox, and a pool started from inside a worker would outlive the worker when killed."""
    if multiprocessing.parent_process() is None:  # called in the main process (tests)
        yield
        return
    saved = cas.run
    cas.run = _run_inline
    try:
        yield
    finally:
        cas.run = saved


def _run_inline(function: Callable, *args: object, timeout: float | None = None) -> object:
    return function(*args)


# -- called by the app ------------------------------------------------------------------------
def _warm() -> None:
    cas.run(warm_up, timeout=STARTUP_SECONDS)


def generate_bounded(
    spec: Spec,
    info: TemplateInfo,
    seed: int | None = None,
    params: Mapping[str, Any] | None = None,
    *,
    timeout: float = VARIANT_SECONDS,
) -> Variant:
    """Generate in the worker pool; a TemplateError explains a refusal or a timeout."""
    from questions.generators.engine import new_seed

    seed = new_seed() if seed is None else seed
    try:
        _warm()
        return cas.run(
            generate_variant, spec.as_dict(), info.as_dict(), seed, dict(params or {}),
            timeout=timeout,
        )  # fmt: skip
    except cas.CasUnavailable:
        raise TemplateError(
            TIMED_OUT.format(what=f"Generating variant {seed}", seconds=timeout)
        ) from None


def check_on_save(
    spec: Spec,
    info: TemplateInfo,
    *,
    seeds: Sequence[int] = range(200),
    test_seeds: Sequence[int] = (1, 2, 3),
    variant_timeout: float = VARIANT_SECONDS,
    timeout: float = SAVE_CHECK_SECONDS,
) -> SaveReport:
    """The checks on save, bounded: compile here (static and cheap), generate one variant in the
    worker under the per-variant limit (so a monstrous computation is named quickly), then run
    every check there under the overall limit. Never raises for a bad spec."""
    started = time.perf_counter()
    try:
        SpecTemplate(spec, info)
    except SpecError as exc:
        return SaveReport(False, tuple(str(issue) for issue in exc.issues))
    seeds, test_seeds = list(seeds), list(test_seeds)
    try:
        _warm()
    except cas.CasUnavailable:
        return SaveReport(False, ("The checking worker could not start; try again.",))
    probe = seeds[0] if seeds else 0
    try:
        cas.run(
            generate_variant, spec.as_dict(), info.as_dict(), probe, {}, timeout=variant_timeout
        )
    except cas.CasUnavailable:
        what = f"Generating one variant (seed {probe})"
        return SaveReport(False, (TIMED_OUT.format(what=what, seconds=variant_timeout),))
    except TemplateError:
        pass  # the full checks report it with the rest
    try:
        report = cas.run(
            run_checks, spec.as_dict(), info.as_dict(), seeds, test_seeds, timeout=timeout
        )
    except cas.CasUnavailable:
        return SaveReport(False, (TIMED_OUT.format(what="The checks on save", seconds=timeout),))
    return SaveReport(
        report.ok,
        report.failures,
        report.seeds,
        report.distinct_prompts,
        round(time.perf_counter() - started, 3),
    )
