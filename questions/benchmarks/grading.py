"""Grading latency per answer kind over a fixed corpus (hostile inputs included), and the peak
memory of a CAS worker process."""

from __future__ import annotations

import resource

from questions.grading import cas, cas_worker, check
from questions.mathinput import parse

from .timing import Figure, measure

TITLE = "Grading (in process; p50/p99 per kind over a fixed corpus)"

NUMERIC = [
    ("ln(2)", "ln 2", {}), ("ln(2)", "0.693", {"rel_tol": 1e-3}), ("1/3", "0.333", {}),
    ("0.4567", "0.46", {"sig_figs": 2}), ("pi", "3.14", {"dec_places": 2}), ("2.5", "-2.5", {}),
    ("sqrt(2)/2", "1/sqrt(2)", {}), (0.5, "50%", {"percent": True}), ("ln(2)", "log10(2)", {}),
    (120, "5!", {}), ("exp(1)", "2.71828", {"rel_tol": 1e-3}), ("1e-3", "0.001", {}),
]  # fmt: skip
INTEGER = [(12, "12"), (12, "12.0"), (12, "13"), (23592960, "23,592,960"), (7, "14/2")]
MATRIX = [
    ([[84, 90, 96], [201, 216, 231], [318, 342, 366]], "[[84,90,96],[201,216,231],[318,342,366]]"),
    ([[1, 2], [3, 4]], "[[1, 3], [2, 4]]"), ([[1, 2], [3, 4]], "[1 2; 3 5]"),
    ([[0.5, 0.25], [1, 2]], "[1/2 0.25; 1 2]"), ([[1, 2, 3], [4, 5, 6]], "[1 4; 2 5; 3 6]"),
]  # fmt: skip
EXPRESSION = [
    ("2*x*exp(x^2)", "2x e^(x^2)"), ("x^2 - 1", "(x-1)(x+1)"), ("(x+1)^3", "x^3 + 3x^2 + 3x + 1"),
    ("sin(2*x)", "2 sin x cos x"), ("sin(x)^2 + cos(x)^2", "1"), ("log(x^2)", "2 ln x"),
    ("1/(1 + exp(-x))", "e^x/(1 + e^x)"), ("x/3", "0.333x"), ("(2*x + 3)/(x^2 + 3*x + 2)",
    "1/(x+1) + 1/(x+2)"), ("-exp(u)/(1 + exp(u))^2", "-e^u (1 + e^u)^(-2)"),
    ("cosh(x)", "(exp(x) + exp(-x))/2"), ("x^2*y + x*y^2", "xy(x + y)"), ("atan(-x)", "-atan(x)"),
    ("2*x*exp(x^2)", "-2x e^(x^2)"), ("x + 1", "X + 1"), ("exp(x)", "e^x + 10^-12"),
    ("(x+1)^20", "(1+x)^20"), ("sqrt(8)", "2 sqrt(2)"), ("tan(x)", "sin(x)/cos(x)"),
    ("factorial(n)/(factorial(k)*factorial(n - k))", "binomial(n, k)"),
]  # fmt: skip
HOSTILE = [
    "9^9^9", "10^10^10", "factorial(10^6)", "__import__('os').system('ls')", "(" * 300 + "1",
    "x" * 999, "1+" * 499 + "1", "exp(exp(exp(10)))", "[" + "1," * 390 + "1]", "2^2^2^2^2^2",
]  # fmt: skip
ROUNDS = 20


def _calls(cases, kind):
    return [lambda e=e, g=g, o=o: check(kind, e, g, o) for e, g, o in cases] * ROUNDS


def run(report) -> None:
    for expected, given, options in NUMERIC + [(e, g, {}) for e, g in EXPRESSION]:
        kind = "expression" if (expected, given) in EXPRESSION else "numeric"
        check(kind, expected, given, options)  # warm caches and the CAS pool
    report(measure("numeric", _calls(NUMERIC, "numeric")))
    report(measure("integer", _calls([(e, g, {}) for e, g in INTEGER], "integer")))
    report(measure("matrix", _calls([(e, g, {}) for e, g in MATRIX], "matrix")))
    report(measure("expression", _calls([(e, g, {}) for e, g in EXPRESSION], "expression")))
    hostile = [lambda t=t: check("numeric", "1", t, {}) for t in HOSTILE] * ROUNDS
    hostile += [lambda t=t: check("expression", "x", t, {}) for t in HOSTILE] * ROUNDS
    report(measure("hostile inputs (numeric and expression)", hostile))
    cas.run(
        cas_worker.symbolically_equal, parse("(x+1)^30").tree, parse("(1+x)^30").tree, frozenset()
    )
    worker_kib = cas.run(_peak_kib)
    own_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    report(Figure("peak RSS of a CAS worker process", worker_kib / 1024, "MiB"))
    report(Figure("peak RSS of this (web-like) process", own_kib / 1024, "MiB"))
    cas.shutdown()


def _peak_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
