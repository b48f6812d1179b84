"""A question variant as it was shown to a learner: stored whole, so it re-grades identically
after its template changes."""

from __future__ import annotations

from django.db import models

from questions.generators import Variant as GeneratedVariant

from .content import Area, Topic


class Variant(models.Model):
    template_slug = models.SlugField(max_length=80)
    template_version = models.PositiveIntegerField()
    seed = models.BigIntegerField()
    params = models.JSONField()
    title = models.CharField(max_length=200)
    area = models.CharField(max_length=8, choices=Area.choices)
    topic = models.ForeignKey(Topic, null=True, on_delete=models.SET_NULL, related_name="+")
    difficulty = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=16)
    options = models.JSONField(default=dict, blank=True)
    prompt = models.TextField()
    answer = models.TextField()
    answer_value = models.JSONField(null=True)
    solution = models.TextField()
    mistakes = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["template_slug", "template_version"])]

    def __str__(self) -> str:
        return f"{self.template_slug} v{self.template_version} seed {self.seed}"

    def as_generated(self) -> GeneratedVariant:
        """The pure-core value the grader works with (`generators.grade_response`)."""
        return GeneratedVariant(
            slug=self.template_slug,
            version=self.template_version,
            seed=self.seed,
            params=self.params,
            title=self.title,
            area=self.area,
            topic=self.topic.slug if self.topic_id else "",
            difficulty=self.difficulty,
            kind=self.kind,
            options=self.options,
            prompt=self.prompt,
            answer=self.answer,
            answer_value=self.answer_value,
            solution=self.solution,
            mistakes=tuple(tuple(m) for m in self.mistakes),
        )
