"""Flashcard home and the review session (Anki-like: front, reveal, rate 1–4, undo)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Min, Q, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from questions.generators import grade_response
from questions.models import Card, CardSchedule, ReviewLog
from questions.selectors.flashcards import (
    cards_with_schedules,
    deck_summaries,
    due_queue,
    today,
    visible_decks,
)
from questions.services import flashcards as service
from questions.services.exam_plans import exam_plan_forecast, exam_plan_queue
from questions.srs import RATING_NAMES, CardState, format_interval, preview

from .practice import ANSWER_HINTS


@login_required
def flashcards_home(request: HttpRequest) -> HttpResponse:
    settings = service.study_settings_get(user=request.user)
    now = timezone.now()
    decks = deck_summaries(user=request.user, settings=settings, now=now)
    queue = due_queue(user=request.user, settings=settings, now=now)
    return render(
        request,
        "flashcards/home.html",
        {
            "decks": decks,
            "counts": queue.counts,
            "forecast": exam_plan_forecast(user=request.user, now=now),
        },
    )


def _study_url(deck_id: int | None, **extra) -> str:
    url = reverse("study")
    params = [f"deck={deck_id}"] if deck_id else []
    params += [f"{key}={value}" for key, value in extra.items()]
    return url + ("?" + "&".join(params) if params else "")


def _deck_param(request: HttpRequest) -> int | None:
    value = request.GET.get("deck") or request.POST.get("deck") or ""
    if not value.isdigit():
        return None
    if not visible_decks(user=request.user).filter(pk=int(value)).exists():
        raise Http404("No such deck.")
    return int(value)


def _session_summary(request: HttpRequest, settings, now) -> dict:
    day = today(settings, now)
    logs = ReviewLog.objects.filter(user=request.user, reviewed_at__gte=day.start)
    stats = logs.aggregate(
        total=Count("id"), again=Count("id", filter=Q(rating=1)), ms=Sum("duration_ms")
    )
    upcoming = CardSchedule.objects.filter(
        user=request.user, suspended=False, last_review__isnull=False, due__gt=now
    ).aggregate(next=Min("due"))["next"]
    return {
        "reviewed": stats["total"],
        "again": stats["again"],
        "minutes": round((stats["ms"] or 0) / 60000, 1),
        "next_due": upcoming,
    }


@login_required
def study(request: HttpRequest) -> HttpResponse:
    settings = service.study_settings_get(user=request.user)
    now = timezone.now()
    deck_id = _deck_param(request)
    planned = exam_plan_queue(user=request.user, now=now) if deck_id is None else None
    queue = due_queue(
        user=request.user,
        settings=settings,
        now=now,
        deck_ids=[deck_id] if deck_id else None,
        only_card_ids=planned,
    )
    card_id = request.GET.get("card", "")
    if card_id.isdigit() and int(card_id) in queue.card_ids:
        current_id = int(card_id)
    else:
        current_id = queue.card_ids[0] if queue.card_ids else None
    context = {
        "deck_id": deck_id,
        "counts": queue.counts,
        "exam_mode": planned is not None,
        "can_undo": ReviewLog.objects.filter(user=request.user).exists(),
    }
    if current_id is None:
        context["summary"] = _session_summary(request, settings, now)
        return render(request, "flashcards/study.html", context)
    card = cards_with_schedules(user=request.user, card_ids=[current_id])[current_id]
    schedule = card.my_schedule[0] if card.my_schedule else None
    state = schedule.to_srs() if schedule and schedule.last_review else CardState.new(now)
    revealed = request.GET.get("reveal") == "1" and card.kind == Card.Kind.BASIC
    context.update(card=card, revealed=revealed, is_new=state.is_new)
    if card.kind == Card.Kind.DRILL:
        variant = service.drill_question(user=request.user, card=card, now=now)
        context.update(variant=variant, hint=ANSWER_HINTS.get(variant.kind, ""))
    if revealed:
        context["buttons"] = _buttons(state, now, settings, suggested=None)
    return render(request, "flashcards/study.html", context)


def _buttons(state: CardState, now, settings, suggested: int | None) -> list[dict]:
    intervals = preview(state, now, settings.scheduler())
    return [
        {
            "rating": rating,
            "name": RATING_NAMES[rating],
            "interval": format_interval(intervals[rating]),
            "suggested": rating == suggested,
        }
        for rating in (1, 2, 3, 4)
    ]


@login_required
@require_POST
def study_check(request: HttpRequest) -> HttpResponse:
    """Grade a drill answer (without recording it) and show the verdict and solution; the
    learner then confirms or overrides the suggested rating."""
    settings = service.study_settings_get(user=request.user)
    now = timezone.now()
    deck_id = _deck_param(request)
    card_id = request.POST.get("card", "")
    try:
        card = service.card_get(request.user, int(card_id))
    except (ValueError, Card.DoesNotExist):
        raise Http404("No such card.") from None
    if card.kind != Card.Kind.DRILL:
        return redirect(_study_url(deck_id, card=card.id, reveal=1))
    variant = service.drill_question(user=request.user, card=card, now=now)
    response = request.POST.get("response", "")[:10_000]
    verdict = grade_response(variant.as_generated(), response)
    schedule = CardSchedule.objects.filter(user=request.user, card=card).first()
    state = schedule.to_srs() if schedule and schedule.last_review else CardState.new(now)
    card = cards_with_schedules(user=request.user, card_ids=[card.id])[card.id]
    context = {
        "deck_id": deck_id,
        "card": card,
        "variant": variant,
        "response": response,
        "verdict": verdict,
        "revealed": True,
        "is_new": state.is_new,
        "counts": due_queue(
            user=request.user, settings=settings, now=now, deck_ids=[deck_id] if deck_id else None
        ).counts,
        "can_undo": ReviewLog.objects.filter(user=request.user).exists(),
        "buttons": _buttons(state, now, settings, suggested=service.suggested_rating(verdict)),
    }
    return render(request, "flashcards/study.html", context)


@login_required
@require_POST
def study_rate(request: HttpRequest) -> HttpResponse:
    deck_id = _deck_param(request)
    try:
        card_id = int(request.POST.get("card", ""))
        rating = int(request.POST.get("rating", ""))
    except ValueError:
        messages.error(request, service.BAD_RATING)
        return redirect(_study_url(deck_id))
    duration = request.POST.get("duration_ms", "")
    try:
        service.review_record(
            user=request.user,
            card_id=card_id,
            rating=rating,
            duration_ms=min(int(duration), 3_600_000) if duration.isdigit() else None,
            response=request.POST.get("response"),
        )
    except Card.DoesNotExist:
        raise Http404("No such card.") from None
    except service.FlashcardError as exc:
        messages.error(request, str(exc))
    return redirect(_study_url(deck_id))


@login_required
@require_POST
def study_undo(request: HttpRequest) -> HttpResponse:
    deck_id = _deck_param(request)
    try:
        card = service.review_undo(user=request.user)
    except service.FlashcardError as exc:
        messages.info(request, str(exc))
        return redirect(_study_url(deck_id))
    messages.info(request, "Undone: here is that card again.")
    return redirect(_study_url(deck_id, card=card.id))


@login_required
@require_POST
def card_action(request: HttpRequest, card_id: int, action: str) -> HttpResponse:
    """Suspend, unsuspend or bury a card, then go back where the learner came from."""
    try:
        if action == "bury":
            service.card_bury(user=request.user, card_id=card_id)
            messages.info(request, "Buried until tomorrow.")
        elif action in ("suspend", "unsuspend"):
            service.card_suspend(user=request.user, card_id=card_id, suspended=action == "suspend")
            messages.info(request, "Suspended." if action == "suspend" else "Back in your reviews.")
        else:
            raise Http404("Unknown action.")
    except Card.DoesNotExist:
        raise Http404("No such card.") from None
    target = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
    return redirect(target if target and safe else reverse("flashcards"))
