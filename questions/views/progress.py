"""Progress page (mastery, readiness, charts), the endless practice mode and data export."""

from __future__ import annotations

import json
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from questions.analytics.mastery import area_mastery, topic_mastery
from questions.analytics.readiness import DueByArea, readiness
from questions.models import Area, PracticeAnswer, Topic
from questions.selectors.flashcards import deck_summaries, today
from questions.selectors.progress import (
    cards_by_state,
    due_forecast,
    learner_answers,
    reviews_per_day,
    score_history,
    true_retention,
)
from questions.services import flashcards as flashcard_service
from questions.services.adaptive import practice_answer, practice_next
from questions.services.exam_plans import exam_plan_forecast
from questions.services.learner_data import (
    LearnerDataError,
    learner_data_export,
    learner_data_import,
)

from .practice import ANSWER_HINTS

HEATMAP_DAYS = 140


@login_required
def progress(request: HttpRequest) -> HttpResponse:
    settings = flashcard_service.study_settings_get(user=request.user)
    now = timezone.now()
    names = dict(Topic.objects.values_list("slug", "name"))
    mastery = topic_mastery(learner_answers(user=request.user, now=now))
    areas = area_mastery(mastery)
    forecast = exam_plan_forecast(user=request.user, now=now)
    day = today(settings, now)
    decks = deck_summaries(user=request.user, settings=settings, now=now)
    due_by_area: dict[str, int] = {}
    for deck in decks:
        area = deck.area or "mixed"
        due_by_area[area] = due_by_area.get(area, 0) + deck.due_count
    labels = {"math": "math", "ml": "ML", "dl": "DL", "nlp": "NLP", "mixed": "flashcard"}
    ready = readiness(
        predicted_recall=forecast.predicted_recall if forecast else None,
        mastery=mastery,
        topic_names=names,
        due=[DueByArea(a, labels.get(a, a), n) for a, n in due_by_area.items()],
        unseen_by_exam=forecast.unseen_by_exam if forecast else 0,
        days_left=forecast.days_left if forecast else None,
    )
    activity = reviews_per_day(user=request.user, settings=settings, now=now, days=HEATMAP_DAYS)
    start = (day.start - timedelta(days=HEATMAP_DAYS)).date()
    heatmap = [
        {
            "date": (start + timedelta(days=i)).isoformat(),
            "n": activity.get(start + timedelta(days=i), 0),
        }
        for i in range(HEATMAP_DAYS + 1)
    ]
    forecast_days = due_forecast(user=request.user, settings=settings, now=now)
    retention = true_retention(user=request.user, settings=settings, now=now)
    states = cards_by_state(user=request.user)
    scores = score_history(user=request.user)
    charts = {
        "heatmap": heatmap,
        "forecast": [{"date": d.isoformat(), "n": n} for d, n in forecast_days],
        "scores": [{"date": at.isoformat(), "percent": round(p, 1), "title": t} for at, p, t in scores],
        "states": states,
        "mastery": [
            {"topic": names.get(m.topic, m.topic), "percent": round(100 * m.accuracy),
             "low": round(100 * m.low), "high": round(100 * m.high)}
            for m in mastery[:15]
        ],
    }  # fmt: skip
    return render(
        request,
        "progress/progress.html",
        {
            "mastery": mastery,
            "areas": [(Area(a).label, round(100 * v)) for a, v in sorted(areas.items())],
            "names": names,
            "readiness": ready,
            "forecast": forecast,
            "retention": retention,
            "states": states,
            "scores": scores,
            "latest_score": scores[-1][1] if scores else None,
            "reviews_total": sum(activity.values()),
            "active_days": sum(1 for n in activity.values() if n),
            "due_next_week": sum(n for _, n in forecast_days[:7]),
            "charts": charts,
        },
    )


@login_required
def practice_mode(request: HttpRequest) -> HttpResponse:
    """Endless practice: one adaptive question at a time, feedback and solution at once."""
    if request.method == "POST":
        answer_id = request.POST.get("answer", "")
        try:
            answer = practice_answer(
                user=request.user,
                answer_id=int(answer_id),
                response=request.POST.get("response", ""),
            )
        except (ValueError, PracticeAnswer.DoesNotExist):
            raise Http404("No such question.") from None
        return render(request, "progress/practice.html", {"answer": answer, "graded": True})
    answer = practice_next(user=request.user)
    hint = ANSWER_HINTS.get(answer.variant.kind, "")
    return render(request, "progress/practice.html", {"answer": answer, "hint": hint})


@login_required
def data_export(request: HttpRequest) -> HttpResponse:
    data = learner_data_export(user=request.user)
    response = JsonResponse(data, json_dumps_params={"indent": 1, "ensure_ascii": False})
    stamp = timezone.now().strftime("%Y-%m-%d")
    response["Content-Disposition"] = (
        f'attachment; filename="cram-{request.user.get_username()}-{stamp}.json"'
    )
    return response


@login_required
@require_POST
def data_import(request: HttpRequest) -> HttpResponse:
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, "Choose a Cram export file (.json) to import.")
        return redirect("progress")
    try:
        data = json.loads(upload.read().decode("utf-8"))
        counts = learner_data_import(user=request.user, data=data)
    except (UnicodeDecodeError, json.JSONDecodeError):
        messages.error(request, "This is not a Cram export file (it is not JSON).")
    except LearnerDataError as exc:
        messages.error(request, f"Nothing was imported: {exc}")
    else:
        summary = ", ".join(f"{n} {what}" for what, n in counts.items() if n)
        messages.success(request, f"Imported {summary}.")
    return redirect("progress")
