"""The CAS worker pool: answers, times out, and recovers after a kill."""

from __future__ import annotations

import pytest

from questions.grading import cas, cas_worker, check, feedback
from questions.mathinput import parse


@pytest.fixture(autouse=True)
def _fresh_pool():
    yield
    cas.shutdown()


def test_symbolic_equality_runs_in_a_worker():
    left, right = parse("sin(x)^2 + cos(x)^2").tree, parse("1").tree
    assert cas.run(cas_worker.symbolically_equal, left, right, frozenset()) is True


def test_a_timeout_kills_the_worker_and_the_next_call_gets_a_new_one():
    tree = parse("(x+1)^200").tree
    with pytest.raises(cas.CasUnavailable):
        cas.run(cas_worker.is_fully_factored, tree, ("x",), frozenset(), timeout=0.0001)
    assert cas.run(cas_worker.symbolically_equal, tree, tree, frozenset()) is True


def test_undecidable_in_time_gives_an_error_not_a_crash(monkeypatch):
    monkeypatch.setattr(cas, "CAS_TIMEOUT_SECONDS", 0.0001)
    # 1e-12 apart: sampling cannot decide between "equal" and "different", the CAS must
    verdict = check("expression", "exp(x)", "exp(x) + 10^-12", {})
    assert verdict.correct is False
    assert verdict.error == feedback.UNDECIDED
