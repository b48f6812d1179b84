"""Practice-test pages: build, take (one per page or all on one), submit, review, retake."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from questions.forms import PracticeTestForm
from questions.models import Area, PracticeTest, PracticeTestItem
from questions.selectors.practice import (
    practice_test_detail,
    practice_test_list,
    topic_breakdown,
    topics_by_area,
)
from questions.services.adaptive import weak_spot_weights
from questions.services.practice import (
    PracticeTestClosed,
    PracticeTestError,
    PracticeTestRequest,
    autosave_key,
    practice_test_move,
    practice_test_presets,
    practice_test_regrade_pending,
    practice_test_retake,
    practice_test_set_layout,
    practice_test_start,
    practice_test_submit,
    practice_tests_submit_overdue,
    response_save,
)

ANSWER_HINTS = {
    "numeric": "a number or an exact expression, e.g. 0.693 or ln 2",
    "integer": "a whole number, e.g. 12",
    "expression": "an expression, e.g. 2x e^(x^2)",
    "equation": "an equation, e.g. y = 2x + 1",
    "matrix": "a matrix, e.g. [[1, 2], [3, 4]] or [1 2; 3 4]",
    "vector": "a vector, e.g. [1, 2, 3]",
    "tuple": "a tuple, e.g. (3, 4)",
    "set": "a set, e.g. {1, 2}",
    "choice": "the letter of your choice",
    "text": "a word or short phrase",
}


def _topic_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    labels = dict(Area.choices)
    return [
        (labels[area], [(t.slug, ("— " if t.parent_id else "") + t.name) for t in topics])
        for area, topics in topics_by_area().items()
    ]


def _load(request: HttpRequest, test_id: int) -> PracticeTest:
    practice_tests_submit_overdue(user=request.user)
    try:
        practice_test_regrade_pending(user=request.user, test_id=test_id)
        return practice_test_detail(user=request.user, test_id=test_id)
    except PracticeTest.DoesNotExist:
        raise Http404("No such test.") from None


def _list_context(request: HttpRequest, form: PracticeTestForm) -> dict:
    tests = list(practice_test_list(user=request.user)[:50])
    return {
        "form": form,
        "in_progress": [t for t in tests if not t.is_submitted],
        "history": [t for t in tests if t.is_submitted],
        "presets": practice_test_presets(weak_spot_weights(user=request.user)),
    }


@login_required
def test_list(request: HttpRequest) -> HttpResponse:
    practice_tests_submit_overdue(user=request.user)
    form = PracticeTestForm(topic_choices=_topic_choices())
    return render(request, "practice/list.html", _list_context(request, form))


@login_required
@require_POST
def test_create(request: HttpRequest) -> HttpResponse:
    preset = request.POST.get("preset")
    if preset:
        presets = practice_test_presets(weak_spot_weights(user=request.user))
        if preset not in presets:
            messages.error(request, "Take a test first: “My weak topics” needs some history.")
            return redirect("practice-test-list")
        test_request = presets[preset]
    else:
        form = PracticeTestForm(request.POST, topic_choices=_topic_choices())
        if not form.is_valid():
            context = _list_context(request, form)
            return render(request, "practice/list.html", context, status=400)
        data = form.cleaned_data
        test_request = PracticeTestRequest(
            areas=tuple(data["areas"]),
            topics=tuple(data["topics"]),
            count=data["count"],
            time_limit_s=data["minutes"] * 60,
            difficulty=data["difficulty"],
            layout=data["layout"],
        )
    try:
        test = practice_test_start(user=request.user, request=test_request)
    except PracticeTestError as exc:
        messages.error(request, str(exc))
        return redirect("practice-test-list")
    return redirect("practice-test", test_id=test.id)


@login_required
def test_page(request: HttpRequest, test_id: int) -> HttpResponse:
    test = _load(request, test_id)
    if test.is_submitted:
        return _review(request, test)
    if test.layout == PracticeTest.Layout.ONE_PER_PAGE:
        return redirect("practice-test-question", test_id=test.id, number=test.current_index + 1)
    return _take(request, test, list(test.items.all()))


@login_required
def question_page(request: HttpRequest, test_id: int, number: int) -> HttpResponse:
    """One question; a POST (the no-JavaScript path) saves the answer and moves on."""
    test = _load(request, test_id)
    if test.is_submitted:
        return redirect("practice-test", test_id=test.id)
    items = list(test.items.all())
    if not 1 <= number <= len(items):
        raise Http404("No such question.")
    item = items[number - 1]
    if request.method == "POST":
        try:
            response_save(
                user=request.user,
                test_id=test.id,
                index=item.index,
                response=request.POST.get("response", ""),
                flagged=request.POST.get("flagged") == "on",
            )
        except PracticeTestClosed as exc:
            messages.warning(request, str(exc))
            return redirect("practice-test", test_id=test.id)
        except PracticeTestError as exc:
            messages.error(request, str(exc))
            return redirect("practice-test-question", test_id=test.id, number=number)
        target = number + 1 if "next" in request.POST and number < len(items) else number
        if "previous" in request.POST and number > 1:
            target = number - 1
        return redirect("practice-test-question", test_id=test.id, number=target)
    try:
        practice_test_move(user=request.user, test_id=test.id, index=item.index)
    except PracticeTestClosed:
        return redirect("practice-test", test_id=test.id)
    return _take(request, test, [item], items=items)


def _take(request, test: PracticeTest, shown: list[PracticeTestItem], items=None) -> HttpResponse:
    items = items if items is not None else shown
    answered = sum(1 for i in items if i.answered)
    flagged = sum(1 for i in items if i.flagged)
    context = {
        "test": test,
        "items": items,
        "shown": [(item, ANSWER_HINTS.get(item.variant.kind, "")) for item in shown],
        "answered": answered,
        "flagged": flagged,
        "left": len(items) - answered,
        "seconds_left": test.seconds_left(timezone.now()),
        "server_time": timezone.now(),
        "single": len(shown) == 1 and len(items) > 1,
        "autosave_key": autosave_key(test),
    }
    return render(request, "practice/take.html", context)


def _review(request: HttpRequest, test: PracticeTest) -> HttpResponse:
    items = list(test.items.all())
    context = {
        "test": test,
        "items": items,
        "breakdown": topic_breakdown(test),
        "wrong": sum(1 for i in items if not i.correct),
    }
    return render(request, "practice/review.html", context)


@login_required
@require_POST
def test_submit(request: HttpRequest, test_id: int) -> HttpResponse:
    try:
        practice_test_submit(user=request.user, test_id=test_id)
    except PracticeTest.DoesNotExist:
        raise Http404("No such test.") from None
    return redirect("practice-test", test_id=test_id)


@login_required
@require_POST
def test_retake(request: HttpRequest, test_id: int) -> HttpResponse:
    test = _load(request, test_id)
    try:
        new = practice_test_retake(user=request.user, test=test)
    except PracticeTestError as exc:
        messages.error(request, str(exc))
        return redirect("practice-test", test_id=test.id)
    messages.success(request, "Same topics, new numbers. Good luck!")
    return redirect("practice-test", test_id=new.id)


@login_required
@require_POST
def test_layout(request: HttpRequest, test_id: int) -> HttpResponse:
    try:
        practice_test_set_layout(
            user=request.user, test_id=test_id, layout=request.POST.get("layout", "")
        )
    except PracticeTest.DoesNotExist:
        raise Http404("No such test.") from None
    except PracticeTestError as exc:
        messages.error(request, str(exc))
    return redirect(reverse("practice-test", args=[test_id]))
