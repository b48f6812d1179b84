"""Practice-test API latency in process: autosave, preview, reading a test, submitting one."""

from __future__ import annotations

from django.core.management import call_command
from rest_framework.test import APIClient

from questions.models import PracticeTest

from .timing import measure
from .users import bench_user

TITLE = "Practice tests (in process, DRF test client, 20-question tests)"
BODY = {"areas": ["math", "ml", "dl", "nlp"], "count": 20, "time_limit_s": 3600}


def run(report) -> None:
    call_command("load_content", verbosity=0)
    client = APIClient()
    client.force_authenticate(bench_user("bench-practice"))
    test_id = client.post("/api/v1/tests/", BODY, format="json").json()["id"]
    answers = {
        i.index: i.variant.answer
        for i in PracticeTest.objects.get(pk=test_id).items.select_related("variant")
    }
    report(
        measure(
            "POST /api/v1/tests/ (start, 20 questions)",
            [lambda: client.post("/api/v1/tests/", BODY, format="json")] * 20,
        )
    )
    saves = [
        lambda i=i: client.put(
            f"/api/v1/tests/{test_id}/items/{i % 20}/", {"response": answers[i % 20]}, format="json"
        )
        for i in range(200)
    ]
    report(measure("PUT …/items/{i}/ (autosave an answer)", saves))
    previews = [
        lambda r=r: client.post(
            "/api/v1/preview/", {"kind": "expression", "response": r}, format="json"
        )
        for r in ["2x e^(x^2)", "sin x cos x", "(x+1)^2/(x-1)", "1/2x", "[1 2; 3 4]"] * 40
    ]
    report(measure("POST /api/v1/preview/", previews))
    report(
        measure(
            "GET /api/v1/tests/{id}/ (in progress)",
            [lambda: client.get(f"/api/v1/tests/{test_id}/")] * 50,
        )
    )
    to_submit = []
    for _ in range(20):
        new_id = client.post("/api/v1/tests/", BODY, format="json").json()["id"]
        test = PracticeTest.objects.get(pk=new_id)
        for item in test.items.select_related("variant"):
            client.put(
                f"/api/v1/tests/{new_id}/items/{item.index}/",
                {"response": item.variant.answer},
                format="json",
            )
        to_submit.append(new_id)
    report(
        measure(
            "POST …/submit/ (grade 20 answers)",
            [lambda t=t: client.post(f"/api/v1/tests/{t}/submit/") for t in to_submit],
        )
    )
