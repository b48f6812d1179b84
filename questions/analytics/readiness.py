"""Exam readiness: one figure from predicted card recall and test accuracy, and the next steps."""

from __future__ import annotations

from dataclasses import dataclass

from .mastery import TopicMastery

CARD_WEIGHT = 0.4  # the rest is estimated test accuracy: practising questions is the exam
WEAK = 0.6


@dataclass(frozen=True)
class Readiness:
    score: float  # 0..1
    recall: float | None
    accuracy: float | None
    advice: tuple[str, ...]


@dataclass(frozen=True)
class DueByArea:
    area: str
    label: str
    due: int


def readiness(
    *,
    predicted_recall: float | None,
    mastery: list[TopicMastery],
    topic_names: dict[str, str],
    due: list[DueByArea],
    unseen_by_exam: int = 0,
    days_left: int | None = None,
) -> Readiness:
    """Combine predicted exam-morning recall of cards with answer-weighted topic accuracy
    (either alone when the other is unknown) and say what to do next, most useful first."""
    answered = sum(m.answered for m in mastery)
    accuracy = sum(m.accuracy * m.answered for m in mastery) / answered if answered else None
    parts = [(CARD_WEIGHT, predicted_recall), (1 - CARD_WEIGHT, accuracy)]
    known = [(w, v) for w, v in parts if v is not None]
    score = sum(w * v for w, v in known) / sum(w for w, _ in known) if known else 0.0
    advice: list[str] = []
    weakest = [m for m in mastery if m.accuracy < WEAK and m.answered >= 3]
    busiest = max(due, key=lambda d: d.due, default=None)
    mentioned: set[str] = set()
    if busiest and busiest.due:
        cards = f"{busiest.due} {busiest.label} card{'s' if busiest.due != 1 else ''} due"
        if weakest:
            name = topic_names.get(weakest[0].topic, weakest[0].topic)
            advice.append(
                f"{cards}, {name} questions at {weakest[0].percent}%: review the cards, "
                f"then do a 10-minute {name} drill."
            )
            mentioned.add(weakest[0].topic)
        else:
            advice.append(f"{cards}: review them first.")
    for topic in weakest:
        if topic.topic in mentioned or len(advice) >= 3:
            continue
        name = topic_names.get(topic.topic, topic.topic)
        advice.append(
            f"{name} questions at {topic.percent}% over your last {topic.answered}: practise {name}."
        )
    if unseen_by_exam:
        advice.append(
            f"{unseen_by_exam} cards would not be seen before the exam: add a few minutes a day."
        )
    if not answered:
        advice.append("Take a practice test so Cram can estimate your accuracy per topic.")
    if days_left is not None and days_left <= 1 and not advice:
        advice.append("Last day: a quick mixed test, then sleep.")
    return Readiness(score, predicted_recall, accuracy, tuple(advice))
