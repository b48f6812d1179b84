"""Flashcard use-cases: reviewing (with drill questions), undo, suspend and bury, study settings,
optimising FSRS parameters, and turning practice-test mistakes into drill cards."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from questions.generators import TemplateError, generate_fresh, get_template, grade_response
from questions.grading import Verdict
from questions.models import (
    Card,
    CardSchedule,
    Deck,
    PracticeTest,
    ReviewLog,
    StudySettings,
    Topic,
    Variant,
)
from questions.selectors.flashcards import today, visible_decks
from questions.services.deck_counts import (
    deck_card_counts_refresh,
    deck_progress_add,
    deck_progress_refresh,
)
from questions.services.variants import variant_store
from questions.srs import (
    MIN_REVIEWS_FOR_OPTIMISATION,
    CardState,
    OptimisationError,
    SchedulerSettings,
    count_optimisable_reviews,
    optimise_parameters,
    replay,
    retrievability,
    review,
)
from questions.srs.days import study_day, zone

CLOCK_SKEW = timedelta(minutes=1)

BAD_RATING = "Rating must be 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy)."
IN_THE_FUTURE = "reviewed_at is in the future."
BEFORE_LAST_REVIEW = "reviewed_at is before this card's last review."
NOT_YOUR_CARD = "No such card."
NOTHING_TO_UNDO = "There is no review to undo."
NO_DRILL_QUESTION = "Open the card first: no drill question was shown for it."
BUILTIN_READ_ONLY = "Built-in cards are read-only; add your own cards to your own decks."
TOO_FEW_REVIEWS = (
    "Optimising needs at least {needed} reviews on earlier days; you have {have} so far."
)
MISTAKES_DECK_SLUG = "my-mistakes"
MISTAKES_DECK_NAME = "My mistakes"


class FlashcardError(ValueError):
    """A refused request (message shown as is)."""


class ReviewConflict(FlashcardError):
    """The card's state changed underneath this review (a concurrent or replayed answer)."""


def study_settings_get(*, user: AbstractBaseUser) -> StudySettings:
    settings, _ = StudySettings.objects.get_or_create(user=user)
    return settings


def card_get(user: AbstractBaseUser, card_id: int) -> Card:
    """A card the learner can see (built-in or their own); DoesNotExist otherwise."""
    card = Card.objects.filter(pk=card_id, deck__in=visible_decks(user=user)).first()
    if card is None:
        raise Card.DoesNotExist(NOT_YOUR_CARD)
    return card


def _locked_schedule(user: AbstractBaseUser, card: Card, now: datetime) -> CardSchedule:
    """The learner's row for this card, locked; created (as new) if missing."""
    schedule = CardSchedule.objects.select_for_update().filter(user=user, card=card).first()
    if schedule is not None:
        return schedule
    fresh = CardState.new(now)
    try:
        with transaction.atomic():
            return CardSchedule.objects.create(
                user=user, card=card, deck_id=card.deck_id, state=fresh.state, step=fresh.step,
                due=fresh.due,
            )  # fmt: skip
    except IntegrityError:  # created by a concurrent request a moment ago
        return CardSchedule.objects.select_for_update().get(user=user, card=card)


def drill_question(*, user: AbstractBaseUser, card: Card, now: datetime | None = None) -> Variant:
    """The drill question to show for this card: the pending one, or a fresh variant."""
    now = now or timezone.now()
    with transaction.atomic():
        schedule = _locked_schedule(user, card, now)
        if schedule.pending_variant_id is not None:
            return schedule.pending_variant
        variant = variant_store(generated=generate_fresh(card.template_slug))
        schedule.pending_variant = variant
        schedule.save(update_fields=["pending_variant"])
        return variant


@dataclass(frozen=True)
class ReviewResult:
    card_id: int
    schedule: CardSchedule
    interval: timedelta
    retrievability: float | None
    rating: int
    verdict: Verdict | None = None


def suggested_rating(verdict: Verdict) -> int:
    """Wrong → Again, right → Good (the learner may still choose Hard or Easy)."""
    return 3 if verdict.correct else 1


def review_record(
    *,
    user: AbstractBaseUser,
    card_id: int,
    rating: int | None,
    reviewed_at: datetime | None = None,
    duration_ms: int | None = None,
    response: str | None = None,
    now: datetime | None = None,
) -> ReviewResult:
    """Record one answer: grade a drill response, run FSRS, log it. The schedule row is locked,
    so two concurrent reviews of a card apply one after the other."""
    now = now or timezone.now()
    when = reviewed_at or now
    if timezone.is_naive(when):
        raise FlashcardError("reviewed_at must include a time zone.")
    if when > now + CLOCK_SKEW:
        raise FlashcardError(IN_THE_FUTURE)
    if rating is not None and (isinstance(rating, bool) or rating not in (1, 2, 3, 4)):
        raise FlashcardError(BAD_RATING)
    settings = study_settings_get(user=user)
    scheduler = settings.scheduler()
    card = card_get(user, card_id)
    with transaction.atomic():
        schedule = _locked_schedule(user, card, now)
        before = schedule.to_srs()
        is_new = schedule.last_review is None
        if not is_new and when < schedule.last_review:
            raise ReviewConflict(BEFORE_LAST_REVIEW)
        verdict = None
        variant = None
        if card.kind == Card.Kind.DRILL:
            variant = schedule.pending_variant
            if variant is None:
                raise FlashcardError(NO_DRILL_QUESTION)
            verdict = grade_response(variant.as_generated(), response or "")
            rating = rating if rating is not None else suggested_rating(verdict)
        if rating is None:
            raise FlashcardError(BAD_RATING)
        recall = None if is_new else retrievability(before, when, scheduler)
        outcome = review(before, rating, when, scheduler)
        ReviewLog.objects.create(
            user=user,
            card=card,
            rating=rating,
            reviewed_at=when,
            day=study_day(when, zone(settings.timezone), settings.day_starts_hour),
            duration_ms=duration_ms,
            state_before=None if is_new else before.to_dict(),
            reps_before=schedule.reps,
            lapses_before=schedule.lapses,
            interval_days=outcome.interval.total_seconds() / 86400,
            variant=variant,
            response=response or "",
            correct=verdict.correct if verdict else None,
        )
        if is_new:
            deck_progress_add(user_id=user.pk, deck_id=schedule.deck_id, delta=1)
        schedule.apply(outcome.state)
        schedule.reps += 1
        if rating == 1 and before.state == "review":
            schedule.lapses += 1
        schedule.pending_variant = None
        schedule.buried_until = None
        schedule.save()
    return ReviewResult(card.id, schedule, outcome.interval, recall, rating, verdict)


def review_undo(*, user: AbstractBaseUser) -> Card:
    """Take back the learner's last review: the card's state goes back to what it was."""
    with transaction.atomic():
        log = (
            ReviewLog.objects.select_for_update()
            .filter(user=user)
            .order_by("-reviewed_at", "-id")
            .select_related("card")
            .first()
        )
        if log is None:
            raise FlashcardError(NOTHING_TO_UNDO)
        schedule = CardSchedule.objects.select_for_update().get(user=user, card=log.card)
        if log.state_before is None:
            schedule.apply(CardState.new(log.reviewed_at))
            deck_progress_add(user_id=user.pk, deck_id=schedule.deck_id, delta=-1)
        else:
            schedule.apply(CardState.from_dict(log.state_before))
        schedule.reps, schedule.lapses = log.reps_before, log.lapses_before
        if log.variant_id is not None:
            schedule.pending_variant_id = log.variant_id  # the same drill question again
        schedule.save()
        log.delete()
        return log.card


def card_suspend(*, user: AbstractBaseUser, card_id: int, suspended: bool) -> CardSchedule:
    card = card_get(user, card_id)
    with transaction.atomic():
        schedule = _locked_schedule(user, card, timezone.now())
        schedule.suspended = suspended
        schedule.save(update_fields=["suspended"])
    return schedule


def card_bury(*, user: AbstractBaseUser, card_id: int, now: datetime | None = None) -> CardSchedule:
    """Hide the card until the learner's next study day."""
    now = now or timezone.now()
    card = card_get(user, card_id)
    with transaction.atomic():
        schedule = _locked_schedule(user, card, now)
        schedule.buried_until = today(study_settings_get(user=user), now).end
        schedule.save(update_fields=["buried_until"])
    return schedule


def _own_deck(user: AbstractBaseUser, deck_id: int) -> Deck:
    deck = Deck.objects.filter(pk=deck_id, owner=user).first()
    if deck is None:
        raise Deck.DoesNotExist("No such deck of yours.")
    return deck


def _normalise_tags(tags: str | list[str] | tuple[str, ...]) -> str:
    words = tags.replace(",", " ").split() if isinstance(tags, str) else list(tags)
    return " ".join(dict.fromkeys(word.strip().lower() for word in words if word.strip()))


@transaction.atomic
def deck_create(*, user: AbstractBaseUser, name: str, description: str = "") -> Deck:
    name = name.strip()
    if not name:
        raise FlashcardError("A deck needs a name.")
    base = slugify(name)[:70] or "deck"
    slug, n = base, 1
    while Deck.objects.filter(owner=user, slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return Deck.objects.create(owner=user, slug=slug, name=name[:200], description=description)


def _card_fields(front: str, back: str, tags, topic_slug: str | None) -> dict:
    if not front.strip():
        raise FlashcardError("A card needs a front.")
    topic = None
    if topic_slug:
        topic = Topic.objects.filter(slug=topic_slug).first()
        if topic is None:
            raise FlashcardError(f"Unknown topic {topic_slug!r}.")
    return {"front": front, "back": back, "tags": _normalise_tags(tags), "topic": topic}


@transaction.atomic
def card_create(
    *,
    user: AbstractBaseUser,
    deck_id: int,
    front: str,
    back: str = "",
    tags="",
    topic: str | None = None,
) -> Card:
    deck = _own_deck(user, deck_id)
    card = Card(deck=deck, **_card_fields(front, back, tags, topic))
    card.full_clean()
    card.save()
    deck_card_counts_refresh([deck.id])
    return card


@transaction.atomic
def card_update(
    *,
    user: AbstractBaseUser,
    card_id: int,
    front: str,
    back: str = "",
    tags="",
    topic: str | None = None,
    deck_id: int | None = None,
) -> Card:
    card = card_get(user, card_id)
    if card.deck.owner_id != user.pk:
        raise FlashcardError(BUILTIN_READ_ONLY)
    for name, value in _card_fields(front, back, tags, topic).items():
        setattr(card, name, value)
    moved_from = None
    if deck_id is not None and deck_id != card.deck_id:
        moved_from = card.deck_id
        card.deck = _own_deck(user, deck_id)
        CardSchedule.objects.filter(card=card).update(deck=card.deck)
    card.full_clean()
    card.save()
    if moved_from is not None:
        deck_card_counts_refresh([moved_from, card.deck_id])
        deck_progress_refresh(deck_ids=[moved_from, card.deck_id])
    return card


@transaction.atomic
def card_delete(*, user: AbstractBaseUser, card_id: int) -> None:
    card = card_get(user, card_id)
    if card.deck.owner_id != user.pk:
        raise FlashcardError(BUILTIN_READ_ONLY)
    deck_id = card.deck_id
    card.delete()
    deck_card_counts_refresh([deck_id])
    deck_progress_refresh(deck_ids=[deck_id])


def _mistakes_deck(user: AbstractBaseUser) -> Deck:
    deck, _ = Deck.objects.get_or_create(
        owner=user,
        slug=MISTAKES_DECK_SLUG,
        defaults={
            "name": MISTAKES_DECK_NAME,
            "description": "Drill cards for the question types you missed in practice tests.",
        },
    )
    return deck


def drill_card_for_template(*, deck: Deck, template_slug: str) -> tuple[Card, bool]:
    """The deck's drill card for a template (one per template), created if missing."""
    template = get_template(template_slug)
    topic = Topic.objects.filter(slug=template.topic).first()
    card, created = Card.objects.get_or_create(
        deck=deck,
        kind=Card.Kind.DRILL,
        template_slug=template_slug,
        defaults={
            "front": f"**Drill: {template.title}.** A new question with fresh numbers each time.",
            "back": "",
            "tags": _normalise_tags(["drill", template.area]),
            "topic": topic,
        },
    )
    if created:
        deck_card_counts_refresh([deck.id])
    return card, created


@transaction.atomic
def mistakes_to_drill_cards(*, user: AbstractBaseUser, test_id: int) -> int:
    """One drill card per question type missed in a submitted test; returns how many are new."""
    test = PracticeTest.objects.get(pk=test_id, user=user)
    if not test.is_submitted:
        raise FlashcardError("Submit the test first.")
    slugs = sorted(
        set(test.items.filter(correct=False).values_list("variant__template_slug", flat=True))
    )
    deck = _mistakes_deck(user)
    created = 0
    for slug in slugs:
        try:
            _, made = drill_card_for_template(deck=deck, template_slug=slug)
        except TemplateError:
            continue  # a template since removed from the library
        created += made
    return created


@transaction.atomic
def study_settings_update(*, user: AbstractBaseUser, **fields) -> StudySettings:
    settings = study_settings_get(user=user)
    for name, value in fields.items():
        setattr(settings, name, value)
    settings.full_clean()
    try:
        settings.scheduler()
        zone(settings.timezone)
    except ValueError as exc:
        raise FlashcardError(str(exc)) from None
    settings.save()
    return settings


def _histories(user: AbstractBaseUser) -> dict[int, list[tuple[datetime, int]]]:
    histories: dict[int, list[tuple[datetime, int]]] = {}
    for card_id, at, rating in (
        ReviewLog.objects.filter(user=user)
        .order_by("card_id", "reviewed_at")
        .values_list("card_id", "reviewed_at", "rating")
    ):
        histories.setdefault(card_id, []).append((at, rating))
    return histories


def parameters_optimise(*, user: AbstractBaseUser, now: datetime | None = None) -> StudySettings:
    """Fit personal FSRS parameters to the learner's review log, then reschedule every card
    by replaying its history with them."""
    now = now or timezone.now()
    histories = _histories(user)
    have = count_optimisable_reviews(list(histories.values()))
    if have < MIN_REVIEWS_FOR_OPTIMISATION:
        raise FlashcardError(TOO_FEW_REVIEWS.format(needed=MIN_REVIEWS_FOR_OPTIMISATION, have=have))
    try:
        fitted = optimise_parameters(list(histories.values()))
    except OptimisationError as exc:
        raise FlashcardError(str(exc)) from None
    with transaction.atomic():
        settings = StudySettings.objects.select_for_update().get(
            pk=study_settings_get(user=user).pk
        )
        settings.parameters = list(fitted)
        settings.optimised_at = now
        settings.optimised_reviews = sum(len(h) for h in histories.values())
        settings.save()
        scheduler = settings.scheduler()
        schedules = list(
            CardSchedule.objects.select_for_update().filter(user=user, card_id__in=list(histories))
        )
        for schedule in schedules:
            reviews = histories[schedule.card_id]
            schedule.apply(replay(reviews, scheduler, created_at=reviews[0][0]))
        CardSchedule.objects.bulk_update(
            schedules, ["state", "step", "stability", "difficulty", "due", "last_review"]
        )
    return settings


def scheduler_for(user: AbstractBaseUser) -> SchedulerSettings:
    return study_settings_get(user=user).scheduler()
