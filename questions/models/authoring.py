"""Question templates written by staff in the admin (no Python), their published versions and
the report of the automatic checks that run on every save."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from questions.authoring import Spec, TemplateInfo
from questions.grading import KINDS

from .content import Topic

MAX_SPEC_FIELD = 20_000
SPEC_FIELDS = (
    "params", "derived", "answer", "constraints", "mistakes", "tests", "variables", "prompt",
    "solution",
)  # fmt: skip


class AuthoredTemplate(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft (not shown to learners)"
        PUBLISHED = "published", "Published"

    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=200)
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="+")
    difficulty = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(3)]
    )
    kind = models.CharField(max_length=16, choices=[(k, k) for k in KINDS])
    options = models.JSONField(
        default=dict, blank=True, help_text='Grading options, e.g. {"rel_tol": 0.001}.'
    )
    params = models.TextField(blank=True, max_length=MAX_SPEC_FIELD)
    derived = models.TextField(blank=True, max_length=MAX_SPEC_FIELD)
    answer = models.TextField(max_length=MAX_SPEC_FIELD)
    constraints = models.TextField(blank=True, max_length=MAX_SPEC_FIELD)
    mistakes = models.TextField(blank=True, max_length=MAX_SPEC_FIELD)
    tests = models.TextField("question tests", blank=True, max_length=MAX_SPEC_FIELD)
    variables = models.CharField(
        max_length=200, blank=True, help_text="For expression answers, e.g. x y."
    )
    prompt = models.TextField(max_length=MAX_SPEC_FIELD)
    solution = models.TextField(blank=True, max_length=MAX_SPEC_FIELD)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveIntegerField(default=1, editable=False)
    check_report = models.JSONField(default=dict, blank=True, editable=False)
    checked_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = "authored question template"

    def __str__(self) -> str:
        return f"{self.title} ({self.slug})"

    def spec(self) -> Spec:
        return Spec(**{name: getattr(self, name) for name in SPEC_FIELDS})

    def info(self) -> TemplateInfo:
        return TemplateInfo(
            slug=self.slug,
            title=self.title,
            area=self.topic.area,
            topic=self.topic.slug,
            kind=self.kind,
            difficulty=self.difficulty,
            options=dict(self.options or {}),
            version=self.version,
        )

    def content(self) -> dict:
        """Everything that defines the question (a change to any of it is a new version)."""
        return {
            **{name: getattr(self, name) for name in SPEC_FIELDS},
            "title": self.title,
            "topic": self.topic.slug,
            "difficulty": self.difficulty,
            "kind": self.kind,
            "options": self.options or {},
        }


class AuthoredTemplateVersion(models.Model):
    """A published version, kept so history shows what learners saw when."""

    template = models.ForeignKey(
        AuthoredTemplate, on_delete=models.CASCADE, related_name="versions"
    )
    version = models.PositiveIntegerField()
    content = models.JSONField()
    published_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["template", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["template", "version"], name="unique_template_version")
        ]

    def __str__(self) -> str:
        return f"{self.template.slug} v{self.version}"
