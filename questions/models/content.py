"""Study content shared by every learner: the topic tree (area > topic > subtopic)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models


class Area(models.TextChoices):
    MATH = "math", "Mathematics"
    ML = "ml", "Machine learning"
    DL = "dl", "Deep learning"
    NLP = "nlp", "Natural language processing"


class TopicManager(models.Manager["Topic"]):
    def get_by_natural_key(self, slug: str) -> Topic:
        return self.get(slug=slug)


class Topic(models.Model):
    """A node of the syllabus. Roots are topics of an area; their children are subtopics."""

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120)
    area = models.CharField(max_length=8, choices=Area.choices, db_index=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, related_name="children", on_delete=models.PROTECT
    )
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    objects = TopicManager()

    class Meta:
        ordering = ["area", "order", "name"]

    def __str__(self) -> str:
        return f"{self.get_area_display()} / {self.name}"

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    def clean(self) -> None:
        if self.parent_id is None:
            return
        if self.parent_id == self.pk:
            raise ValidationError({"parent": "A topic cannot be its own parent."})
        if self.parent.parent_id is not None:
            raise ValidationError({"parent": "Subtopics cannot have subtopics (two levels only)."})
        if self.parent.area != self.area:
            raise ValidationError({"parent": "A subtopic must be in its parent's area."})
