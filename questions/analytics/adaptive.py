"""The adaptive practice rule: which templates to practise next, and how much.

For each template the weight is

    weight = weakness(topic) × difficulty_fit × (1 + retest_bonus)

- weakness = 1 − p, where p = (score + 1) / (answers + 2) is the topic's recent accuracy with
  one imagined right and one imagined wrong answer (so an unseen topic counts as 50%);
- difficulty_fit prefers templates near the learner's level in that topic: 1 for difficulty 1
  when p < 0.5, for 2 when 0.5 ≤ p < 0.8, for 3 when p ≥ 0.8, and 0.5 one step away, 0.25
  two steps away;
- retest_bonus = 2 for a template the learner got wrong whose spaced re-test is due: after the
  k-th wrong answer (k = 1, 2, 3, ...) the re-test comes 1, 3, 7, 14 days later, and it is
  dropped once the template is answered right after its last miss.

A test built from these weights draws templates in proportion to them (see `selection`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from .mastery import RECENT, Answer

RETEST_AFTER_DAYS = (1, 3, 7, 14)
RETEST_BONUS = 2.0


@dataclass(frozen=True)
class TemplateInfo:
    slug: str
    topic: str
    difficulty: int


def smoothed_accuracy(answers: Sequence[Answer]) -> float:
    recent = sorted(answers, key=lambda a: a.at, reverse=True)[:RECENT]
    return (sum(a.score for a in recent) + 1) / (len(recent) + 2)


def level(p: float) -> int:
    return 1 if p < 0.5 else 2 if p < 0.8 else 3


def difficulty_fit(difficulty: int, p: float) -> float:
    return {0: 1.0, 1: 0.5}.get(abs(difficulty - level(p)), 0.25)


def retest_due(answers: Sequence[Answer], now: datetime) -> bool:
    """A missed template whose spaced re-test has come (and not been passed since)."""
    ordered = sorted(answers, key=lambda a: a.at)
    misses = [a for a in ordered if a.score < 1]
    if not misses:
        return False
    last_miss = misses[-1]
    if any(a.score >= 1 and a.at > last_miss.at for a in ordered):
        return False
    wait = RETEST_AFTER_DAYS[min(len(misses), len(RETEST_AFTER_DAYS)) - 1]
    return now >= last_miss.at + timedelta(days=wait)


def template_weights(
    templates: Iterable[TemplateInfo], answers: Iterable[Answer], now: datetime
) -> dict[str, float]:
    """The weight of every template under the rule above."""
    by_topic: dict[str, list[Answer]] = defaultdict(list)
    by_template: dict[str, list[Answer]] = defaultdict(list)
    for answer in answers:
        by_topic[answer.topic].append(answer)
        by_template[answer.template].append(answer)
    weights = {}
    for template in templates:
        p = smoothed_accuracy(by_topic.get(template.topic, []))
        bonus = RETEST_BONUS if retest_due(by_template.get(template.slug, []), now) else 0.0
        weights[template.slug] = (1 - p) * difficulty_fit(template.difficulty, p) * (1 + bonus)
    return weights
