"""Public pages: the home page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from questions.selectors.topics import area_summaries


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/home.html", {"areas": area_summaries()})
