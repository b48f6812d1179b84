"""Authoring use-cases: save (with the automatic checks) and publish versions, preview any
seed, clone a built-in template, variant fairness, and the published templates learners get."""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import DatabaseError, transaction
from django.utils import timezone

from questions.analytics.fairness import Attempt, Fairness, fairness
from questions.authoring import Spec, SpecError, SpecTemplate, TemplateInfo
from questions.authoring.bounded import check_on_save, generate_bounded
from questions.generators import TemplateError, Variant, get_template, grade_response
from questions.generators.engine import generate
from questions.generators.registry import is_builtin, set_provider
from questions.grading import Verdict
from questions.models import (
    AuthoredTemplate,
    AuthoredTemplateVersion,
    PracticeAnswer,
    PracticeTest,
    PracticeTestItem,
    ReviewLog,
    Topic,
)
from questions.models.authoring import SPEC_FIELDS

logger = logging.getLogger(__name__)

SAVE_CHECK_SEEDS = 200
PROVIDER_TTL_SECONDS = 10.0
BUILTIN_SLUG = "“{slug}” is a built-in template; choose another slug."


class PublishedTemplate(SpecTemplate):
    """A published authored template as learners get it: generated in a worker process."""

    def generate_in_worker(self, seed: int, params: dict | None) -> Variant:
        return generate_bounded(self.spec, self.info, seed, params)


def spec_and_info(content: dict[str, Any], slug: str, version: int) -> tuple[Spec, TemplateInfo]:
    """The spec and metadata of a stored version's content."""
    topic = Topic.objects.get(slug=content["topic"])
    spec = Spec(**{name: content.get(name, "") for name in SPEC_FIELDS})
    info = TemplateInfo(
        slug=slug,
        title=content["title"],
        area=topic.area,
        topic=topic.slug,
        kind=content["kind"],
        difficulty=content["difficulty"],
        options=content.get("options") or {},
        version=version,
    )
    return spec, info


class _Published:
    """Published authored templates, rebuilt at most every few seconds per process (and at
    once after a save in this process)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._templates: list[PublishedTemplate] = []
        self._loaded_at = -1e9

    def invalidate(self) -> None:
        self._loaded_at = -1e9

    def __call__(self) -> list[PublishedTemplate]:
        with self._lock:
            if time.monotonic() - self._loaded_at > PROVIDER_TTL_SECONDS:
                try:
                    self._templates = self._load()
                except DatabaseError as exc:
                    # Built-in templates need no database (e.g. `manage.py templates` before
                    # `migrate`); try again on the next call.
                    logger.warning("Authored templates unavailable: %s", exc)
                    return []
                self._loaded_at = time.monotonic()
            return list(self._templates)

    @staticmethod
    def _load() -> list[PublishedTemplate]:
        latest: dict[int, AuthoredTemplateVersion] = {}
        with transaction.atomic():  # a savepoint: a failure leaves the caller's transaction usable
            versions = list(
                AuthoredTemplateVersion.objects.select_related("template").order_by("version")
            )
        for version in versions:
            latest[version.template_id] = version
        templates = []
        for version in latest.values():
            try:
                spec, info = spec_and_info(version.content, version.template.slug, version.version)
                templates.append(PublishedTemplate(spec, info))
            except (SpecError, Topic.DoesNotExist, KeyError):
                continue  # a version the current code cannot read is not offered
        return templates


published_templates = _Published()


def install_provider() -> None:
    """Let the template registry offer published authored templates (called at start-up)."""
    set_provider(published_templates)


@transaction.atomic
def authored_template_save(
    *, template: AuthoredTemplate, author: AbstractBaseUser, publish: bool
) -> AuthoredTemplate:
    """Save the fields, run the automatic checks (200 seeds, question tests) in a worker and,
    when asked and everything passes, publish them as a new version. A failing template is
    kept as a draft with its failures; a previously published version stays live."""
    if is_builtin(template.slug):
        raise TemplateError(BUILTIN_SLUG.format(slug=template.slug))
    report = check_on_save(template.spec(), template.info(), seeds=range(SAVE_CHECK_SEEDS))
    template.check_report = {
        "ok": report.ok,
        "failures": list(report.failures),
        "seeds": report.seeds,
        "distinct_prompts": report.distinct_prompts,
        "seconds": round(report.seconds, 1),
    }
    template.checked_at = timezone.now()
    template.updated_by = author
    if template.created_by_id is None:
        template.created_by = author
    last = template.versions.order_by("-version").first() if template.pk else None
    changed = last is None or last.content != template.content()
    if publish and report.ok and changed:
        template.version = (last.version + 1) if last else 1
        template.status = AuthoredTemplate.Status.PUBLISHED
        template.save()
        AuthoredTemplateVersion.objects.create(
            template=template, version=template.version, content=template.content(),
            published_by=author,
        )  # fmt: skip
    else:
        template.save()
    transaction.on_commit(published_templates.invalidate)
    return template


@dataclass(frozen=True)
class PreviewVariant:
    seed: int
    variant: Variant | None
    error: str | None
    verdict: Verdict | None = None


def authored_template_preview(
    *, spec: Spec, info: TemplateInfo, seeds: list[int], answer: str = ""
) -> tuple[list[str], list[PreviewVariant]]:
    """Spec problems (field and line), or each seed's variant (bounded in a worker), with the
    grader's verdict on `answer` when given."""
    try:
        SpecTemplate(spec, info)
    except SpecError as exc:
        return [str(issue) for issue in exc.issues], []
    rows = []
    for seed in seeds:
        try:
            variant = generate_bounded(spec, info, seed)
        except (TemplateError, SpecError) as exc:
            rows.append(PreviewVariant(seed, None, str(exc)))
            continue
        verdict = grade_response(variant, answer) if answer.strip() else None
        rows.append(PreviewVariant(seed, variant, None, verdict))
    return [], rows


def builtin_preview(*, slug: str, seeds: list[int]) -> list[PreviewVariant]:
    template = get_template(slug)
    return [PreviewVariant(seed, generate(template, seed), None) for seed in seeds]


@transaction.atomic
def builtin_clone(*, slug: str, author: AbstractBaseUser) -> AuthoredTemplate:
    """A draft authored template from a built-in one's seed-1 variant: its metadata, prompt,
    solution and answer as fixed values, ready to be turned into parameters."""
    template = get_template(slug)
    variant = generate(template, 1)
    new_slug, n = f"{slug}-copy", 1
    while AuthoredTemplate.objects.filter(slug=new_slug).exists() or is_builtin(new_slug):
        n += 1
        new_slug = f"{slug}-copy-{n}"
    kind = variant.kind
    options = dict(variant.options)
    variables = " ".join(options.pop("variables", ()) or ())
    return AuthoredTemplate.objects.create(
        slug=new_slug,
        title=f"{template.title} (copy)",
        topic=Topic.objects.get(slug=template.topic),
        difficulty=template.difficulty,
        kind=kind,
        options=options,
        variables=variables,
        answer=variant.answer if kind != "choice" else f'"{variant.answer}"',
        prompt=variant.prompt,
        solution=variant.solution,
        created_by=author,
        updated_by=author,
    )


def template_fairness(*, slug: str) -> Fairness:
    """Answers to this template's variants from tests, practice mode and drills."""
    attempts = []
    items = PracticeTestItem.objects.filter(
        variant__template_slug=slug, test__status=PracticeTest.Status.SUBMITTED
    ).values_list(
        "variant__params", "score", "test__started_at", "test__submitted_at", "test__max_score"
    )
    for params, score, started, submitted, count in items:
        seconds = (submitted - started).total_seconds() / count if submitted and count else None
        attempts.append(Attempt(params or {}, float(score or 0), seconds))
    for params, score, created, answered in PracticeAnswer.objects.filter(
        variant__template_slug=slug, answered_at__isnull=False
    ).values_list("variant__params", "score", "created_at", "answered_at"):
        attempts.append(
            Attempt(params or {}, float(score or 0), (answered - created).total_seconds())
        )
    for params, correct, duration in ReviewLog.objects.filter(
        variant__template_slug=slug, correct__isnull=False
    ).values_list("variant__params", "correct", "duration_ms"):
        attempts.append(
            Attempt(params or {}, 1.0 if correct else 0.0, duration / 1000 if duration else None)
        )
    return fairness(attempts)
