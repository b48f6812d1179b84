"""Hostile author input: refused quickly with a clear message, never executed, never a hang.
An author's text is as untrusted as a learner's."""

from __future__ import annotations

import dataclasses
import threading
import time

import pytest

from questions.authoring import Spec, SpecError, SpecTemplate, TemplateInfo
from questions.authoring.bounded import check_on_save, generate_bounded
from questions.authoring.examples import EXAMPLES
from questions.generators import TemplateError, generate
from questions.grading import cas

GENEROUS_SECONDS = 10  # liveness only: a hang fails
INFO = TemplateInfo(slug="t", title="T", area="math", topic="t", kind="expression")
BASE = Spec(
    variables="x", params="n: randint(2, 3)", answer="x^n", prompt="Differentiate x^{{ n }}."
)
MONSTROUS = "simplify((sin(x)+cos(x))^40 - (sin(x)-cos(x))^40)"


def _within_deadline(function, *args):
    result: dict[str, object] = {}

    def target():
        try:
            result["value"] = function(*args)
        except BaseException as exc:
            result["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(GENEROUS_SECONDS)
    assert not thread.is_alive(), f"{function.__name__} did not finish"
    return result


def spec_error(**changes) -> str:
    outcome = _within_deadline(SpecTemplate, dataclasses.replace(BASE, **changes), INFO)
    assert isinstance(outcome.get("error"), SpecError), outcome
    return str(outcome["error"])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("__import__('os').system('ls')", "I can't read the character “_”"),
        ("().__class__", "I can't read the character “.”"),
        ("x.__class__", "I can't read the character “.”"),
        ("lambda", "I don't know “lambda”"),
        ("lambda x: x", "I can't read the character “:”"),
        ("eval('1')", "I can't read the character “'”"),
        ("exec(x)", "I don't know “exec”"),
        ("open(x)", "I don't know “open”"),
        ("x if n else 1", "I don't know “if”"),
        ("10^10^10", "too large"),
        ("factorial(10^6)", "Factorials above 1000!"),
        ("(" * 100 + "x" + ")" * 100, "nested too deeply"),
        ("x" + "+x" * 700, "too long"),
        ("sympify(x)", "I don't know “sympify”"),
        ("x; import os", "I don't know “import”"),
    ],
)
def test_code_and_huge_values_in_expressions_are_refused(text, message):
    assert message in spec_error(answer=text)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"prompt": "x" * 10_000_000}, "prompt: Too long (10,000,000 characters; at most 20,000)"),
        ({"params": "n: randint(1, 2)\n" * 600_000}, "params: Too long"),
        ({"prompt": "{{ __import__('os').system('ls') }}"}, "prompt line 1: I can't read"),
        ({"prompt": "{{ ().__class__.__bases__[0] }}"}, "prompt line 1:"),
        ({"solution": "ok\n{{ n.__dict__ }}"}, "solution line 2: I can't read the character “.”"),
        ({"params": "n: randmatrix(1000, 1000, 0, 1)"}, "params line 1: randmatrix: rows needs"),
        ({"params": "n: randint(1, 10^10^10)"}, "too large"),
        (
            {"params": "f: choice([\"__import__('os').system('ls')\", \"x^2\"])"},
            "The string \"__import__('os').system('ls')\" is neither a plain label",
        ),
        ({"params": 'f: choice(["x^2; rm -rf /"])'}, "neither a plain label"),
        ({"tests": "{{ open(x) }} | correct"}, "tests line 1: I don't know “open”"),
        ({"mistakes": "x | {{ eval(x) }}"}, "mistakes line 1: I don't know “eval”"),
        ({"prompt": "{{ x " + "{{ " * 300 + "}}"}, "prompt line 1"),
        ({"params": "n: randint(1, 2)\n" * 40}, "params: At most 30 lines"),
        ({"answer": None}, "answer: Must be text"),
    ],
)
def test_hostile_fields_are_refused_with_field_and_line(changes, message):
    assert message in spec_error(**changes)


def test_template_syntax_of_other_engines_is_plain_text():
    t = SpecTemplate(
        dataclasses.replace(BASE, prompt="{% for i in x %}{{ n }}{% endfor %} ${x}"), INFO
    )
    assert generate(t, 1, params={"n": 2}).prompt == "{% for i in x %}2{% endfor %} ${x}"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"params": "n: randint(5000, 6000)", "answer": "exp(n)"}, "exponential is beyond"),
        ({"params": "n: randint(5000, 6000)", "answer": "2^n"}, "power is beyond"),
        ({"params": "n: randint(2000, 3000)", "answer": "factorial(n)"}, "Factorials above 1000!"),
        (
            {"params": "n: randint(300, 400)", "answer": "expand((x + n)^n * (x - 1)^n)"},
            "over 5,000 terms",
        ),
        (
            {
                "answer": "det([[x, 1, 2, 3, 4], [1, x, 2, 3, 4], [1, 2, x, 3, 4], [1, 2, 3, x, 4], [1, 2, 3, 4, x]])"
            },
            "limited to 4×4",
        ),
        (
            {"params": "n: randint(2, 3)\nM: randmatrix(n, 13, 0, 1)", "answer": "x"},
            "cols needs a whole number from 1 to 12",
        ),
        ({"derived": "f = (x + 1)^900\ng = expand(f*f*f)", "answer": "g"}, "above 1000"),
    ],
)
def test_runaway_computations_are_refused_when_drawn(changes, message):
    t = SpecTemplate(dataclasses.replace(BASE, **changes), INFO)
    outcome = _within_deadline(generate, t, 1)
    assert isinstance(outcome.get("error"), TemplateError), outcome
    assert message in str(outcome["error"])


@pytest.fixture
def pool():
    yield
    cas.shutdown()


def test_a_good_example_generates_in_the_worker_pool_like_in_process(pool):
    info, spec = EXAMPLES["derivative"]
    assert generate_bounded(spec, info, 11) == generate(SpecTemplate(spec, info), 11)


def test_a_monstrous_simplify_hits_the_time_limit_in_the_worker(pool):
    spec = dataclasses.replace(BASE, answer=MONSTROUS)
    started = time.perf_counter()
    report = check_on_save(spec, INFO, variant_timeout=2)
    assert not report.ok
    assert "took longer than 2 s" in report.failures[0]
    with pytest.raises(TemplateError, match="took longer than 2 s"):
        generate_bounded(spec, INFO, 1, timeout=2)
    assert time.perf_counter() - started < 60
    info, good = EXAMPLES["softmax"]
    assert generate_bounded(good, info, 1).answer  # the pool recovered


def test_the_checks_on_save_have_an_overall_time_limit(pool):
    info, spec = EXAMPLES["derivative"]
    report = check_on_save(spec, info, seeds=range(10_000), timeout=1)
    assert not report.ok and "The checks on save took longer than 1 s" in report.failures[0]


def test_check_on_save_reports_instead_of_raising(pool):
    report = check_on_save(dataclasses.replace(BASE, answer="foo"), INFO)
    assert report.failures == ("answer: I don't know “foo”.",)
    info, spec = EXAMPLES["softmax"]
    good = check_on_save(spec, info, seeds=range(20))
    assert good.ok and good.seeds == 20
