"""Queries and in-process time per request of the load test's endpoints, for a new learner and
again after a long history (submitted tests, reviews): the query count must not grow with it.

Run as `python -m questions.benchmarks.load.queries` against the load-test database (same
environment as the server; `run.py` does this before starting gunicorn). Prints a Markdown table.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

HISTORY_TESTS = 30
HISTORY_REVIEWS = 150
TEST = {"areas": ["math", "ml", "dl", "nlp"], "count": 10, "time_limit_s": 3600}


@dataclass(frozen=True)
class Probe:
    queries: int
    median_ms: float


class Learner:
    """A token-authenticated Django test client for one learner, with a test in progress."""

    def __init__(self, token: str) -> None:
        from django.test import Client
        from rest_framework.authtoken.models import Token

        self.client = Client(HTTP_AUTHORIZATION=f"Token {token}", HTTP_HOST="localhost")
        # The same learner in the browser: the page's autosave uses the session cookie.
        self.browser = Client(HTTP_HOST="localhost")
        self.browser.force_login(Token.objects.get(key=token).user)
        self.page_keys: dict[int, str] = {}
        self.test_id = self.start()["id"]
        self.index = 0

    def call(self, method: str, path: str, body: dict | None = None, expect: int = 200):
        response = getattr(self.client, method)(path, body, content_type="application/json")
        if response.status_code != expect:
            raise RuntimeError(f"{method.upper()} {path}: HTTP {response.status_code}")
        return response.json()

    def start(self) -> dict:
        return self.call("post", "/api/v1/tests/", TEST, expect=201)

    def save(self) -> None:
        self.index = (self.index + 1) % TEST["count"]
        path = f"/api/v1/tests/{self.test_id}/items/{self.index}/"
        self.call("put", path, {"response": "2x e^(x^2)"})

    def save_in_browser(self) -> None:
        """As the test page sends it: session cookie plus the page's autosave key."""
        from questions.models import PracticeTest
        from questions.services.practice import autosave_key

        if self.test_id not in self.page_keys:  # the page was rendered once, before typing
            test = PracticeTest.objects.get(pk=self.test_id)
            self.page_keys[self.test_id] = autosave_key(test)
        key = self.page_keys[self.test_id]
        path = f"/api/v1/tests/{self.test_id}/items/{self.index}/"
        response = self.browser.put(
            path, {"response": "2x"}, content_type="application/json", HTTP_X_AUTOSAVE_KEY=key
        )
        if response.status_code != 200:
            raise RuntimeError(f"PUT {path} in the browser: HTTP {response.status_code}")

    def preview(self) -> None:
        self.call("post", "/api/v1/preview/", {"kind": "expression", "response": "2x e^(x^2)"})

    def submit(self) -> None:
        self.call("post", f"/api/v1/tests/{self.test_id}/submit/")
        self.test_id = self.start()["id"]

    def due(self) -> list[dict]:
        return self.call("get", "/api/v1/reviews/due/?limit=10")

    def review(self) -> None:
        cards = self.due()
        if cards:
            self.call("post", "/api/v1/reviews/", {"card": cards[0]["card"], "rating": 3}, 201)

    def healthz(self) -> None:
        self.client.get("/healthz")


def measure(action: Callable[[], object], repeat: int) -> Probe:
    """Queries of one call (after a warm-up call) and the median time over `repeat` calls."""
    from django.db import connection

    action()
    counted: list[str] = []

    def count(execute, sql, params, many, context):
        counted.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        action()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(1000 * (time.perf_counter() - started))
    return Probe(len(counted), statistics.median(times))


def probes(learner: Learner) -> dict[str, Probe]:
    # `review` includes its `due` call, so its own figures are the difference.
    results = {
        "healthz": measure(learner.healthz, 50),
        "save": measure(learner.save, 30),
        "save (test page)": measure(learner.save_in_browser, 30),
        "preview": measure(learner.preview, 30),
        "due": measure(learner.due, 20),
        "review": measure(learner.review, 20),
        "start": measure(learner.start, 10),
        "submit": measure(learner.submit, 10),  # submit includes starting the next test
    }
    due = results["due"]
    results["review"] = Probe(
        results["review"].queries - due.queries, results["review"].median_ms - due.median_ms
    )
    start = results["start"]
    results["submit"] = Probe(
        results["submit"].queries - start.queries, results["submit"].median_ms - start.median_ms
    )
    return results


def build_history(learner: Learner) -> None:
    """Submitted tests, and reviews on earlier days (sent as offline reviews with
    `reviewed_at`), so today's limits still leave cards to study."""
    from datetime import timedelta

    from django.utils import timezone

    for _ in range(HISTORY_TESTS):
        for _ in range(TEST["count"]):
            learner.save()
        learner.submit()
    cards = learner.call("get", f"/api/v1/cards/?state=new&limit={HISTORY_REVIEWS // 5}")
    now = timezone.now()
    for days_ago in (40, 30, 20, 10, 5):
        for card in cards:
            when = (now - timedelta(days=days_ago)).isoformat()
            body = {"card": card["id"], "rating": 3, "reviewed_at": when}
            learner.call("post", "/api/v1/reviews/", body, expect=201)


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quizsite.settings.local")
    import django

    django.setup()
    from rest_framework.authtoken.models import Token

    from questions.benchmarks.load.users import create_users
    from questions.models import StudySettings

    prefix = f"loadprobe{time.time_ns()}-{{:d}}"  # a new learner on every run
    (account,) = create_users(1, "probe-not-used-for-login", prefix=prefix)
    # Daily limits out of the way, so the queue is never empty just because of them.
    StudySettings.objects.create(
        user_id=Token.objects.get(key=account["token"]).user_id,
        new_per_day=9999,
        reviews_per_day=9999,
    )
    learner = Learner(account["token"])
    probes(learner)  # warm-up: lazy imports, caches, the CAS worker
    fresh = probes(learner)
    build_history(learner)
    seasoned = probes(learner)
    print(
        f"Queries per request and in-process median time, new learner → after "
        f"{HISTORY_TESTS} submitted tests and {HISTORY_REVIEWS} reviews:\n"
    )
    print("| endpoint | queries | queries with history | ms | ms with history |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, probe in fresh.items():
        later = seasoned[name]
        print(
            f"| {name} | {probe.queries} | {later.queries} | {probe.median_ms:.1f} | "
            f"{later.median_ms:.1f} |"
        )


if __name__ == "__main__":
    main()
