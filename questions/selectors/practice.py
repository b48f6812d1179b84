"""Read queries for practice tests: a learner's history, one test with its items, breakdowns."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Prefetch, Q, QuerySet

from questions.models import PracticeTest, PracticeTestItem, Topic


def practice_test_list(*, user: AbstractBaseUser) -> QuerySet[PracticeTest]:
    """The learner's tests, newest first, with item counts (one query)."""
    return (
        PracticeTest.objects.filter(user=user)
        .annotate(
            item_count=Count("items"),
            answered_count=Count("items", filter=~Q(items__response="")),
        )
        .order_by("-started_at", "-id")
    )


def practice_test_detail(*, user: AbstractBaseUser, test_id: int) -> PracticeTest:
    """One of the learner's tests with its items and their variants and topics (three
    queries whatever the length); raises PracticeTest.DoesNotExist for anyone else's."""
    items = PracticeTestItem.objects.select_related("variant", "variant__topic").order_by("index")
    return (
        PracticeTest.objects.filter(user=user)
        .prefetch_related(Prefetch("items", queryset=items))
        .get(pk=test_id)
    )


@dataclass(frozen=True)
class TopicScore:
    topic: str
    area: str
    questions: int
    score: float

    @property
    def percent(self) -> float:
        return 100.0 * self.score / self.questions if self.questions else 0.0


def topic_breakdown(test: PracticeTest) -> list[TopicScore]:
    """Score per topic of a submitted test (from prefetched items), weakest first."""
    totals: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0, 0.0])
    for item in test.items.all():
        topic = item.variant.topic
        key = (topic.name if topic else item.variant.title, item.variant.area)
        totals[key][0] += 1
        totals[key][1] += item.score or 0.0
    rows = [TopicScore(name, area, int(n), score) for (name, area), (n, score) in totals.items()]
    return sorted(rows, key=lambda row: (row.percent, row.topic))


def topics_by_area() -> dict[str, list[Topic]]:
    """Per area, each top-level topic followed by its subtopics, in syllabus order."""
    topics = list(Topic.objects.order_by("order", "name"))
    children: dict[int, list[Topic]] = defaultdict(list)
    for topic in topics:
        if topic.parent_id:
            children[topic.parent_id].append(topic)
    grouped: dict[str, list[Topic]] = defaultdict(list)
    for topic in topics:
        if topic.parent_id is None:
            grouped[topic.area] += [topic, *children[topic.id]]
    return dict(grouped)
