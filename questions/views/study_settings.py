"""Study settings (FSRS preferences, limits, time zone), parameter optimisation, exam plan."""

from __future__ import annotations

from zoneinfo import available_timezones

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from questions.models import ExamPlan, PracticeTest, ReviewLog
from questions.selectors.flashcards import visible_decks
from questions.services import flashcards as service
from questions.services.exam_plans import exam_plan_delete, exam_plan_forecast, exam_plan_set
from questions.srs import MIN_REVIEWS_FOR_OPTIMISATION

ZONES = sorted(available_timezones())


class SettingsForm(forms.Form):
    desired_retention = forms.FloatField(
        min_value=0.7, max_value=0.99, help_text="Chance of remembering a card when it comes due."
    )
    learning_steps = forms.CharField(help_text="Minutes, e.g. “1 10”.")
    relearning_steps = forms.CharField(help_text="Minutes, e.g. “10”.")
    maximum_interval_days = forms.IntegerField(min_value=1, max_value=36500)
    new_per_day = forms.IntegerField(min_value=0, max_value=9999, label="New cards per day")
    reviews_per_day = forms.IntegerField(min_value=0, max_value=9999, label="Reviews per day")
    timezone = forms.ChoiceField(choices=[(z, z) for z in ZONES])
    day_starts_hour = forms.IntegerField(
        min_value=0, max_value=23, label="Next day starts at (hour)", help_text="Anki uses 4."
    )

    @staticmethod
    def _steps(value: str) -> list[int]:
        try:
            minutes = [float(part) for part in value.replace(",", " ").split()]
        except ValueError:
            raise ValidationError("Write minutes separated by spaces, e.g. 1 10.") from None
        if not minutes or any(m <= 0 or m > 60 * 24 * 7 for m in minutes) or len(minutes) > 10:
            raise ValidationError("Between 1 and 10 steps, each from a few seconds to a week.")
        return [round(m * 60) for m in minutes]

    def clean_learning_steps(self) -> list[int]:
        return self._steps(self.cleaned_data["learning_steps"])

    def clean_relearning_steps(self) -> list[int]:
        return self._steps(self.cleaned_data["relearning_steps"])


def _minutes(seconds: list[int]) -> str:
    return " ".join(f"{s / 60:g}" for s in seconds)


@login_required
def study_settings(request: HttpRequest) -> HttpResponse:
    settings = service.study_settings_get(user=request.user)
    initial = {
        "desired_retention": settings.desired_retention,
        "learning_steps": _minutes(settings.learning_steps_s),
        "relearning_steps": _minutes(settings.relearning_steps_s),
        "maximum_interval_days": settings.maximum_interval_days,
        "new_per_day": settings.new_per_day,
        "reviews_per_day": settings.reviews_per_day,
        "timezone": settings.timezone,
        "day_starts_hour": settings.day_starts_hour,
    }
    form = SettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            service.study_settings_update(
                user=request.user,
                desired_retention=data["desired_retention"],
                learning_steps_s=data["learning_steps"],
                relearning_steps_s=data["relearning_steps"],
                maximum_interval_days=data["maximum_interval_days"],
                new_per_day=data["new_per_day"],
                reviews_per_day=data["reviews_per_day"],
                timezone=data["timezone"],
                day_starts_hour=data["day_starts_hour"],
            )
        except (service.FlashcardError, ValidationError) as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Settings saved.")
            return redirect("study-settings")
    return render(
        request,
        "flashcards/settings.html",
        {
            "form": form,
            "settings": settings,
            "reviews": ReviewLog.objects.filter(user=request.user).count(),
            "needed": MIN_REVIEWS_FOR_OPTIMISATION,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def optimise(request: HttpRequest) -> HttpResponse:
    try:
        settings = service.parameters_optimise(user=request.user)
    except service.FlashcardError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            f"Personal FSRS parameters fitted to {settings.optimised_reviews} reviews; "
            "every card was rescheduled with them.",
        )
    return redirect("study-settings")


class ExamPlanForm(forms.Form):
    exam_date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    exam_hour = forms.IntegerField(
        min_value=0, max_value=23, initial=9, label="Exam starts at (hour)"
    )
    daily_minutes = forms.IntegerField(
        min_value=1, max_value=600, label="Minutes a day for flashcards"
    )
    decks = forms.ModelMultipleChoiceField(queryset=None, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decks"].queryset = visible_decks(user=user).order_by("name")


@login_required
def exam_plan(request: HttpRequest) -> HttpResponse:
    plan = ExamPlan.objects.filter(user=request.user).prefetch_related("decks").first()
    initial = {"exam_hour": 9, "daily_minutes": 20}
    if plan:
        initial = {"exam_date": plan.exam_date, "exam_hour": plan.exam_hour,
                   "daily_minutes": plan.daily_minutes, "decks": list(plan.decks.all())}  # fmt: skip
    form = ExamPlanForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST":
        if "delete" in request.POST:
            exam_plan_delete(user=request.user)
            messages.info(request, "Exam plan removed; reviews follow FSRS again.")
            return redirect("exam-plan")
        if form.is_valid():
            data = form.cleaned_data
            try:
                exam_plan_set(
                    user=request.user, exam_date=data["exam_date"], daily_minutes=data["daily_minutes"],
                    deck_ids=[d.id for d in data["decks"]], exam_hour=data["exam_hour"],
                )  # fmt: skip
            except service.FlashcardError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "Exam plan saved.")
                return redirect("exam-plan")
    forecast = exam_plan_forecast(user=request.user, now=timezone.now()) if plan else None
    peak = max((minutes for _, minutes in forecast.minutes_per_day), default=0) if forecast else 0
    return render(
        request,
        "flashcards/exam.html",
        {"form": form, "plan": plan, "forecast": forecast, "peak": peak},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def mistakes_to_cards(request: HttpRequest, test_id: int) -> HttpResponse:
    try:
        created = service.mistakes_to_drill_cards(user=request.user, test_id=test_id)
    except PracticeTest.DoesNotExist:
        raise Http404("No such test.") from None
    except service.FlashcardError as exc:
        messages.error(request, str(exc))
        return redirect("practice-test", test_id=test_id)
    if created:
        messages.success(
            request,
            f"{created} drill card{'s' if created != 1 else ''} added to “My mistakes”: each "
            "review shows a fresh question of that type.",
        )
    else:
        messages.info(request, "Those question types are already in “My mistakes”.")
    return redirect("flashcards")
