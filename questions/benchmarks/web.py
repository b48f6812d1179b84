"""Request latency of the foundation pages, in process through Django's test client."""

from __future__ import annotations

from django.core.management import call_command
from django.test import Client

from .timing import measure, repeat

TITLE = "Pages (in process, test client)"


def run(report) -> None:
    call_command("load_content", verbosity=0)
    client = Client()
    client.get("/")  # warm template caches
    report(measure("GET /healthz", repeat(lambda: client.get("/healthz"), 300)))
    report(measure("GET / (home, renders MathML)", repeat(lambda: client.get("/"), 200)))
