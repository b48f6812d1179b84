"""Locust users for `make bench-load`: learners taking timed tests and reviewing flashcards,
plus saturating probes (`/healthz`, the API root, the autosave path) for the capacity comparison.

Run by `run.py`; by hand: `CRAM_LOAD_USERS=users.json locust -f locustfile.py --host URL Learner`.
Requests are named by endpoint group (save, preview, start, submit, due, review, login,
healthz) so the statistics come out per group rather than per URL.
"""

from __future__ import annotations

import html
import itertools
import json
import os
import random
import re
from dataclasses import asdict
from pathlib import Path

import gevent
from locust import FastHttpUser, between, constant, events, task

from questions.benchmarks.load.cpu_time import CpuMeter

# Written by `users.py`: [{"username", "password", "token"}, ...]; one account per simulated user.
ACCOUNTS = json.loads(Path(os.environ["CRAM_LOAD_USERS"]).read_text())
_accounts = itertools.count()

# Think time between two actions of one learner, in seconds (typing pauses, reading).
THINK = (
    float(os.environ.get("CRAM_LOAD_THINK_MIN", "0.5")),
    float(os.environ.get("CRAM_LOAD_THINK_MAX", "1.5")),
)
TEST = {"areas": ["math", "ml", "dl", "nlp"], "count": 10, "time_limit_s": 3600}
# What a learner ends up typing, per answer kind; they type it a few characters at a time, so
# previews and autosaves also see half-typed input (which the parser reports as an error).
ANSWERS = {
    "integer": "42",
    "numeric": "sqrt(2)/2",
    "expression": "2x e^(x^2)",
    "equation": "y = 2x + 1",
    "matrix": "[[17,20],[9,14]]",
    "vector": "[1, -2, 0.5]",
    "tuple": "(3, 4)",
    "set": "{1, 2, 3}",
    "choice": "B",
    "text": "softmax",
}
RATINGS = (3, 3, 3, 3, 2, 4, 1)  # mostly Good, as in a real review log


_meter: list[CpuMeter] = []  # the measured window's, once the warm-up is over


def _start_meter() -> None:
    meter = CpuMeter(
        server_pgid=int(os.environ.get("CRAM_LOAD_SERVER_PGID", "0")),
        database=os.environ.get("CRAM_LOAD_DATABASE") or None,
    )
    _meter.append(meter)

    def tick() -> None:
        while True:
            gevent.sleep(1)
            meter.tick()

    gevent.spawn(tick)


@events.test_start.add_listener
def _measure_after_warmup(environment, **_) -> None:
    """Reset the statistics after CRAM_LOAD_WARMUP seconds (users ramping up, cold workers),
    first writing the warm-up's failures to CRAM_LOAD_WARMUP_FAILURES so none go unseen; from
    then on, meter CPU time (written to CRAM_LOAD_CPU when the test stops)."""
    warmup = float(os.environ.get("CRAM_LOAD_WARMUP", "0"))

    def reset() -> None:
        failures = [
            {"method": e.method, "name": e.name, "error": str(e.error), "count": e.occurrences}
            for e in environment.stats.errors.values()
        ]
        if os.environ.get("CRAM_LOAD_WARMUP_FAILURES"):
            Path(os.environ["CRAM_LOAD_WARMUP_FAILURES"]).write_text(json.dumps(failures))
        environment.stats.reset_all()
        _start_meter()

    if warmup > 0:
        gevent.spawn_later(warmup, reset)
    else:
        _start_meter()


@events.test_stopping.add_listener
def _write_cpu(environment, **_) -> None:
    if not _meter or not os.environ.get("CRAM_LOAD_CPU"):
        return
    usage = asdict(_meter[-1].usage())
    Path(os.environ["CRAM_LOAD_CPU"]).write_text(
        json.dumps({**usage, "requests": environment.stats.total.num_requests})
    )


class _Session(FastHttpUser):
    """A logged-in learner (token issued beforehand) working through one test at a time."""

    abstract = True

    def on_start(self) -> None:
        self.account = ACCOUNTS[next(_accounts) % len(ACCOUNTS)]
        self.headers = {"Authorization": f"Token {self.account['token']}"}
        self.test_id: int | None = None
        self.start_test()

    def start_test(self) -> None:
        self.test_id = None
        with self.client.post(
            "/api/v1/tests/", json=TEST, headers=self.headers, name="start", catch_response=True
        ) as response:
            if response.status_code != 201:
                response.failure(f"start: HTTP {response.status_code}")
                return
            data = response.json()
        self.test_id = data["id"]
        self.items = [(item["index"], item["kind"]) for item in data["items"]]
        self.position = 0
        self.typed = ""

    def type_more(self) -> tuple[str, str]:
        """The current question's kind and the answer as typed so far (a few keys more)."""
        _, kind = self.items[self.position]
        full = ANSWERS.get(kind, "42")
        self.typed = full[: len(self.typed) + random.randint(2, 6)]
        return kind, self.typed

    def save_answer(self, *, typing: bool) -> None:
        """Autosave what is typed (after typing a few more keys when `typing`)."""
        if self.test_id is None:
            self.start_test()
            return
        index, _ = self.items[self.position]
        if typing or not self.typed:
            self.type_more()
        self.client.put(
            f"/api/v1/tests/{self.test_id}/items/{index}/",
            json={"response": self.typed},
            headers=self.headers,
            name="save",
        )
        _, kind = self.items[self.position]
        if self.typed == ANSWERS.get(kind, "42"):  # answered: on to the next question
            self.position = (self.position + 1) % len(self.items)
            self.typed = ""


class Learner(_Session):
    """The crowd, weighted like the test page's own traffic: it previews 250 ms after a key and
    autosaves 700 ms after the last one, so a question costs a few previews and one or two
    saves. Per three tests of ten questions: ~120 previews, ~60 saves, 3 submits (each
    followed by a new test), 6 flashcard sessions (the due queue, then 1–3 reviews) and one
    fresh login (the rest of the time the learner holds a token)."""

    wait_time = between(*THINK)

    @task(60)
    def save(self) -> None:
        self.save_answer(typing=False)

    @task(120)
    def preview(self) -> None:
        if self.test_id is None:
            self.start_test()
            return
        kind, typed = self.type_more()
        self.client.post(
            "/api/v1/preview/",
            json={"kind": kind, "response": typed},
            headers=self.headers,
            name="preview",
        )

    @task(3)
    def submit(self) -> None:
        if self.test_id is not None:
            self.client.post(
                f"/api/v1/tests/{self.test_id}/submit/", headers=self.headers, name="submit"
            )
        self.start_test()

    @task(6)
    def review(self) -> None:
        with self.client.get(
            "/api/v1/reviews/due/?limit=10", headers=self.headers, name="due", catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"due: HTTP {response.status_code}")
                return
            cards = response.json()
        for card in cards[: random.randint(1, 3)]:
            self.client.post(
                "/api/v1/reviews/",
                json={"card": card["card"], "rating": random.choice(RATINGS)},
                headers=self.headers,
                name="review",
            )

    @task(1)
    def login(self) -> None:
        """A fresh login (password check with the production hasher) for a new token."""
        with self.client.post(
            "/api/v1/auth/token/",
            json={"username": self.account["username"], "password": self.account["password"]},
            name="login",
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"login: HTTP {response.status_code}")
                return
            self.headers = {"Authorization": f"Token {response.json()['token']}"}


class Saver(_Session):
    """Autosaves back to back (no think time): the save path's capacity."""

    wait_time = constant(0)

    @task
    def save(self) -> None:
        self.save_answer(typing=True)


class PageSaver(Saver):
    """The same autosaves as the test page sends them: the session cookie, its CSRF token and
    the autosave key the page carries (read from the page, as the browser's script does)."""

    def start_test(self) -> None:
        csrf = self.account["csrf"]
        page_headers = {  # Django's default cookie names, which Cram keeps
            "Cookie": f"sessionid={self.account['session']}; csrftoken={csrf}",
            "X-CSRFToken": csrf,
        }
        self.headers = page_headers
        super().start_test()
        if self.test_id is None:
            return
        url = f"/tests/{self.test_id}/q/1/"
        with self.client.get(url, headers=page_headers, name="page", catch_response=True) as page:
            found = re.search(r'data-autosave-key="([^"]+)"', page.text or "")
            if not found:
                page.failure(f"page: HTTP {page.status_code} without an autosave key")
                return
        self.headers = {**page_headers, "X-Autosave-Key": html.unescape(found.group(1))}


class ApiProbe(FastHttpUser):
    """`GET /api/v1/` with a token, back to back: the API's floor (DRF, token lookup, JSON)."""

    wait_time = constant(0)

    def on_start(self) -> None:
        token = ACCOUNTS[next(_accounts) % len(ACCOUNTS)]["token"]
        self.headers = {"Authorization": f"Token {token}"}

    @task
    def root(self) -> None:
        self.client.get("/api/v1/", headers=self.headers, name="api-root")


class HealthProbe(FastHttpUser):
    """`GET /healthz` back to back: the framework's floor (routing, middleware, one query)."""

    wait_time = constant(0)

    @task
    def healthz(self) -> None:
        self.client.get("/healthz", name="healthz")
