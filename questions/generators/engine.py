"""`generate(slug, seed, params)`: one deterministic Variant per (template, version, seed)."""

from __future__ import annotations

import secrets
import zlib
from collections.abc import Mapping
from typing import Any

import numpy as np

from questions.mathinput.to_text import to_text

from .base import Template, TemplateError, Variant
from .registry import get_template
from .values import to_json

MAX_SEED = 2**32 - 1


def rng_for(template: Template, seed: int) -> np.random.Generator:
    """The generator of one variant: seeded by the seed, the slug and the template version."""
    return np.random.default_rng([seed, zlib.crc32(template.slug.encode()), template.version])


def new_seed() -> int:
    return secrets.randbelow(MAX_SEED)


FRESH_SEED_TRIES = 5


def generate_fresh(slug: str | Template, rng: np.random.Generator | None = None) -> Variant:
    """A new variant for a learner, from a random seed (drawn from `rng` when given). A seed
    whose every draw is rejected (rare, e.g. one word-analogy seed in thousands) cannot give
    a variant; it is skipped for the next one rather than failing the learner's request."""

    def seed() -> int:
        return int(rng.integers(0, MAX_SEED)) if rng is not None else new_seed()

    for _ in range(FRESH_SEED_TRIES - 1):
        try:
            return generate(slug, seed=seed())
        except TemplateError:
            continue
    return generate(slug, seed=seed())


def generate(
    slug: str | Template, seed: int | None = None, params: Mapping[str, Any] | None = None
) -> Variant:
    """Generate a variant. Explicit `params` override drawn ones (all or some) and are
    validated; a clear TemplateError explains anything refused."""
    template = get_template(slug) if isinstance(slug, str) else slug
    if seed is None:
        seed = new_seed()
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= MAX_SEED:
        raise TemplateError(f"seed must be a whole number from 0 to {MAX_SEED}.")
    in_worker = getattr(template, "generate_in_worker", None)
    if in_worker is not None:  # authored templates: untrusted, so bounded in a worker process
        return in_worker(seed, params)
    given = template.normalise(params or {})
    rng = rng_for(template, seed)
    if set(given) == set(template.param_names()):
        # Every value came from the user: refuse invalid ones, but never second-guess valid
        # ones that the generator itself would have redrawn as unusual.
        values = template.draw(rng, given)
        template.check(values)
        return build_variant(template, seed, values)
    valid: dict[str, Any] | None = None
    reason = None
    for _ in range(template.max_draws):
        values = template.draw(rng, given)
        try:
            template.check(values)
        except TemplateError as exc:
            reason = str(exc)
            continue
        valid = values
        reason = template.reject(values)
        if reason is None:
            break
    else:
        if valid is None or not given:
            raise TemplateError(
                f"{template.slug}: no valid variant in {template.max_draws} draws ({reason})."
            )
        values = valid
    return build_variant(template, seed, values)


def _same_value(a: Any, b: Any) -> bool:
    a, b = to_json(a), to_json(b)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same_value(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, int | float) and isinstance(b, int | float):
        return abs(a - b) <= 1e-12 * max(1.0, abs(a), abs(b))
    return a == b


def build_variant(template: Template, seed: int, values: dict[str, Any]) -> Variant:
    answer = template.answer(values)
    answer_text = to_text(answer)
    # A mistake that coincides with the answer (a transpose of a symmetric matrix) or with an
    # earlier mistake says nothing for this variant.
    kept: list[Any] = [answer]
    mistakes = []
    for mistake in template.mistakes(values, answer):
        if not any(_same_value(mistake.answer, other) for other in kept):
            kept.append(mistake.answer)
            mistakes.append((to_text(mistake.answer), mistake.feedback))
    return Variant(
        slug=template.slug,
        version=template.version,
        seed=seed,
        params=values,
        title=template.title,
        area=template.area,
        topic=template.topic,
        difficulty=template.difficulty,
        kind=template.kind,
        options=dict(template.options),
        prompt=template.prompt(values),
        answer=answer_text,
        answer_value=to_json(answer),
        solution=template.solution(values, answer),
        mistakes=tuple(mistakes),
    )
