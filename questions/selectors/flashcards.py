"""Read queries for flashcards: visible decks with counts, today's queue, the card browser.

A card is *new* for a learner until their first review of it (no schedule row, or one that
only holds a pending drill question). "Today" is the learner's study day (`srs.days`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from questions.models import Card, CardSchedule, Deck, DeckProgress, ReviewLog, StudySettings
from questions.srs.days import day_bounds, study_day, zone

LEARN_AHEAD = timedelta(minutes=20)  # Anki shows learning cards due within 20 minutes


@dataclass(frozen=True)
class StudyDay:
    start: datetime
    end: datetime


def today(settings: StudySettings, now: datetime) -> StudyDay:
    tz = zone(settings.timezone)
    start, end = day_bounds(
        study_day(now, tz, settings.day_starts_hour), tz, settings.day_starts_hour
    )
    return StudyDay(start, end)


def visible_decks(*, user: AbstractBaseUser) -> QuerySet[Deck]:
    """The built-in decks and the learner's own."""
    return Deck.objects.filter(Q(owner__isnull=True) | Q(owner=user))


def _studied(user: AbstractBaseUser) -> Exists:
    return Exists(
        CardSchedule.objects.filter(user=user, card=OuterRef("pk"), last_review__isnull=False)
    )


def _available(user: AbstractBaseUser, now: datetime) -> Q:
    """Schedules the learner can review now: not suspended, not buried."""
    return Q(user=user, suspended=False) & (Q(buried_until__isnull=True) | Q(buried_until__lte=now))


@dataclass(frozen=True)
class DeckSummary:
    id: int
    name: str
    description: str
    area: str
    is_builtin: bool
    card_count: int
    new_count: int
    due_count: int


def _card_counts(deck_ids: list[int]) -> dict[int, int]:
    return dict(Deck.objects.filter(pk__in=deck_ids).values_list("id", "card_count"))


def _studied_counts(user: AbstractBaseUser) -> dict[int, int]:
    return dict(DeckProgress.objects.filter(user=user).values_list("deck_id", "studied"))


def deck_summaries(
    *, user: AbstractBaseUser, settings: StudySettings, now: datetime
) -> list[DeckSummary]:
    """Each visible deck with its card count, unseen (new) cards and cards due today
    (three queries: decks, progress, and an index range over today's due cards)."""
    day = today(settings, now)
    decks = list(visible_decks(user=user).order_by("owner_id", "name"))
    studied = _studied_counts(user)
    # Counted here rather than with GROUP BY, which steers SQLite away from the due index.
    due = Counter(
        CardSchedule.objects.filter(
            _available(user, now), last_review__isnull=False, due__lt=day.end
        ).values_list("deck_id", flat=True)
    )
    return [
        DeckSummary(
            id=d.id,
            name=d.name,
            description=d.description,
            area=d.area,
            is_builtin=d.is_builtin,
            card_count=d.card_count,
            new_count=max(0, d.card_count - studied.get(d.id, 0)),
            due_count=due.get(d.id, 0),
        )
        for d in decks
    ]


@dataclass(frozen=True)
class DailyLimits:
    new_left: int
    reviews_left: int
    reviewed_today: int


def daily_limits(*, user: AbstractBaseUser, settings: StudySettings, now: datetime) -> DailyLimits:
    """What the daily limits still allow (learning steps never count against them)."""
    day = today(settings, now)
    logs = ReviewLog.objects.filter(user=user, reviewed_at__gte=day.start, reviewed_at__lt=day.end)
    counts = logs.aggregate(
        total=Count("id"),
        new=Count("id", filter=Q(state_before__isnull=True)),
        reviews=Count("id", filter=Q(state_before__state="review")),
    )
    return DailyLimits(
        new_left=max(0, settings.new_per_day - counts["new"]),
        reviews_left=max(0, settings.reviews_per_day - counts["reviews"]),
        reviewed_today=counts["total"],
    )


@dataclass(frozen=True)
class Queue:
    learning: list[int]
    review: list[int]
    new: list[int]

    @property
    def card_ids(self) -> list[int]:
        return self.learning + self.review + self.new

    @property
    def counts(self) -> dict[str, int]:
        return {"new": len(self.new), "learning": len(self.learning), "review": len(self.review)}


def due_queue(
    *,
    user: AbstractBaseUser,
    settings: StudySettings,
    now: datetime,
    deck_ids: list[int] | None = None,
    limit: int | None = None,
    only_card_ids: list[int] | None = None,
) -> Queue:
    """Today's cards in study order: learning steps due now, reviews due today (oldest first)
    within the review limit, then new cards within the new-card limit. Decks whose cards are
    all studied are not scanned for new cards."""
    day = today(settings, now)
    limits = daily_limits(user=user, settings=settings, now=now)
    schedules = CardSchedule.objects.filter(_available(user, now), last_review__isnull=False)
    if deck_ids is None:
        deck_ids = list(visible_decks(user=user).values_list("id", flat=True))
    else:
        schedules = schedules.filter(deck_id__in=deck_ids)
    if only_card_ids is not None:
        schedules = schedules.filter(card_id__in=only_card_ids)
    # One indexed range per state: SQLite plans `state IN (...)` with the wrong index.
    learning = [
        card_id
        for _, card_id in sorted(
            row
            for state in ("learning", "relearning")
            for row in schedules.filter(state=state, due__lte=now + LEARN_AHEAD)
            .order_by("due")
            .values_list("due", "card_id")
        )
    ]
    review = list(
        schedules.filter(state="review", due__lt=day.end)
        .order_by("due")
        .values_list("card_id", flat=True)[: limits.reviews_left]
    )
    new: list[int] = []
    if limits.new_left:
        cards, studied = _card_counts(deck_ids), _studied_counts(user)
        with_new = [d for d in deck_ids if cards.get(d, 0) > studied.get(d, 0)]
        hidden = CardSchedule.objects.filter(user=user, card=OuterRef("pk")).filter(
            Q(suspended=True) | Q(buried_until__gt=now) | Q(last_review__isnull=False)
        )
        candidates = Card.objects.filter(deck_id__in=with_new).filter(~Exists(hidden))
        if only_card_ids is not None:
            candidates = candidates.filter(id__in=only_card_ids)
        new = list(
            candidates.order_by("deck_id", "id").values_list("id", flat=True)[: limits.new_left]
        )
    queue = Queue(learning, review, new)
    if limit is not None:
        ids = set(queue.card_ids[:limit])
        queue = Queue(
            [i for i in learning if i in ids],
            [i for i in review if i in ids],
            [i for i in new if i in ids],
        )
    return queue


def cards_with_schedules(*, user: AbstractBaseUser, card_ids: list[int]) -> dict[int, Card]:
    """Cards by id, each with `.my_schedule` (a list of zero or one of the learner's rows)."""
    mine = Prefetch(
        "schedules", queryset=CardSchedule.objects.filter(user=user), to_attr="my_schedule"
    )
    cards = (
        Card.objects.filter(id__in=card_ids).select_related("deck", "topic").prefetch_related(mine)
    )
    return {card.id: card for card in cards}


BROWSER_STATES = ("new", "learning", "review", "suspended", "due")


def card_browser(
    *,
    user: AbstractBaseUser,
    settings: StudySettings,
    now: datetime,
    q: str = "",
    deck_id: int | None = None,
    tag: str = "",
    topic: str = "",
    state: str = "",
) -> QuerySet[Card]:
    """Search and filter the visible cards; each comes with `.my_schedule`."""
    cards = Card.objects.filter(deck__in=visible_decks(user=user)).select_related("deck", "topic")
    if q:
        cards = cards.filter(Q(front__icontains=q) | Q(back__icontains=q) | Q(tags__icontains=q))
    if deck_id:
        cards = cards.filter(deck_id=deck_id)
    if tag:
        tag = tag.strip().lower()
        cards = cards.filter(
            Q(tags=tag)
            | Q(tags__startswith=f"{tag} ")
            | Q(tags__endswith=f" {tag}")
            | Q(tags__contains=f" {tag} ")
        )
    if topic:
        cards = cards.filter(Q(topic__slug=topic) | Q(topic__parent__slug=topic))
    mine = CardSchedule.objects.filter(user=user, card=OuterRef("pk"))
    if state == "new":
        cards = cards.filter(~_studied(user))
    elif state in ("learning", "review"):
        states = ["learning", "relearning"] if state == "learning" else ["review"]
        cards = cards.filter(Exists(mine.filter(state__in=states, last_review__isnull=False)))
    elif state == "suspended":
        cards = cards.filter(Exists(mine.filter(suspended=True)))
    elif state == "due":
        cards = cards.filter(
            Exists(mine.filter(last_review__isnull=False, due__lt=today(settings, now).end))
        )
    return cards.prefetch_related(
        Prefetch(
            "schedules", queryset=CardSchedule.objects.filter(user=user), to_attr="my_schedule"
        )
    ).order_by("deck__name", "id")


def all_tags(*, user: AbstractBaseUser) -> list[str]:
    tags: set[str] = set()
    for value in Card.objects.filter(deck__in=visible_decks(user=user)).values_list(
        "tags", flat=True
    ):
        tags.update(value.split())
    return sorted(tags)
