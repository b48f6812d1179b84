"""Spec problems are reported all at once, each with its field and line."""

from __future__ import annotations

import dataclasses

import pytest

from questions.authoring import Issue, Spec, SpecError, SpecTemplate, TemplateInfo
from questions.authoring.spec import lines

INFO = TemplateInfo(slug="t", title="T", area="math", topic="matrix-operations", kind="matrix")
GOOD = Spec(
    params="A: randmatrix(2, 2, -5, 5)",
    answer="transpose(A)",
    prompt="Transpose $A = {{ A | latex }}$.",
)


def problems(spec: Spec, info: TemplateInfo = INFO) -> list[tuple[str, int | None, str]]:
    with pytest.raises(SpecError) as caught:
        SpecTemplate(spec, info)
    return [(issue.field, issue.line, issue.message) for issue in caught.value.issues]


def test_a_good_spec_compiles():
    assert SpecTemplate(GOOD, INFO).param_names() == ["A"]


def test_every_problem_is_reported_at_once_with_field_and_line():
    spec = Spec(
        params="# sizes\nn: randint(2, 4)\nB: rand(1, 2)\nC: randmatrix(n, n, -5, 5)",
        derived="D = C*foo",
        answer="E",
        constraints="\ndet(C)\n",
        mistakes="transpose(C) no separator",
        tests="{{ answer }} | maybe",
        prompt="Line one\n\n{{ C | bold }}",
        solution="{{ C }}\n{{ C",
    )
    found = [(field, line) for field, line, _ in problems(spec)]
    assert found == [
        ("params", 3),
        ("derived", 1),
        ("answer", None),
        ("constraints", 2),
        ("mistakes", 1),
        ("tests", 1),
        ("prompt", 3),
        ("solution", 2),
    ]


def test_messages_name_the_problem():
    spec = Spec(
        params="n: randint(2, 4)\nm: rand(1, 2)",
        answer="foo",
        prompt="{{ n | bold }}",
        constraints="n = 3",
    )
    messages = [str(Issue(*problem)) for problem in problems(spec)]
    assert messages == [
        "params line 2: unknown generator “rand”; use one of randint, randnonzero, randreal, "
        "choice, randmatrix, randvector.",
        "answer: I don't know “foo”.",
        "constraints line 1: A constraint is a condition such as det(A) != 0 (compare with ==, "
        "not =).",
        "prompt line 1: Unknown filter “bold” in {{ n | bold }}: use latex or num.",
    ]
    assert str(SpecError([Issue("answer", None, "x")])) == "answer: x"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"params": "n: randint(m, 4)\nm: randint(1, 2)"}, "“m” is defined later (params line 2)"),
        (
            {"params": "n: randint(1, 4)\nn: randint(1, 2)"},
            "“n” is already defined (params line 1)",
        ),
        ({"params": "det: randint(1, 4)"}, "“det” is reserved"),
        ({"params": "n = randint(1, 4)"}, "Write name: generator(...)"),
        ({"params": "n: 3"}, "use one of randint"),
        ({"params": "n: randint(1, 2) + 1"}, "exactly one generator call"),
        ({"derived": "k = randint(1, 2)"}, "randint(...) can only be used on a params line"),
        ({"params": "n: randint(5, 1)"}, "randint(a, b) needs a ≤ b"),
        ({"params": "n: randmatrix(1000, 1000, 0, 1)"}, "rows needs a whole number from 1 to 12"),
        ({"params": "n: choice([])"}, "Empty brackets"),
        ({"answer": "1\n2"}, "one expression on one line"),
        ({"answer": "x > 1", "variables": "x"}, "a value, not a condition"),
        ({"prompt": "{{ answer }}"}, "“answer” can only be used in the solution"),
        ({"prompt": "{{ }}"}, "Empty placeholder"),
        ({"prompt": " "}, "Write the question's text"),
        ({"mistakes": "A | "}, "wrong-answer expression | feedback"),
        ({"tests": "[[1]]"}, "response | correct"),
        ({"variables": "x, sin"}, "“sin” is reserved"),
        ({"derived": "x = 2", "variables": "x"}, "“x” is already defined (variables)"),
    ],
)
def test_specific_problems_have_clear_messages(changes, message):
    found = problems(dataclasses.replace(GOOD, **changes))
    assert any(message in text for _, _, text in found), found


@pytest.mark.parametrize(
    ("info", "field"),
    [
        (TemplateInfo(slug="Bad Slug", title="T", area="math", topic="t", kind="matrix"), "slug"),
        (TemplateInfo(slug="t", title="T", area="art", topic="t", kind="matrix"), "area"),
        (TemplateInfo(slug="t", title="T", area="math", topic="t", kind="essay"), "kind"),
        (
            TemplateInfo(slug="t", title="T", area="math", topic="t", kind="matrix", difficulty=7),
            "difficulty",
        ),
        (
            TemplateInfo(
                slug="t", title="T", area="math", topic="t", kind="matrix", options={"form": "x"}
            ),
            "options",
        ),
        (TemplateInfo(slug="t", title="T", area="math", topic="t", kind="expression"), "variables"),
    ],
)
def test_metadata_and_options_are_validated(info, field):
    assert field in [problem[0] for problem in problems(GOOD, info)]


def test_comments_and_blank_lines_are_skipped_but_line_numbers_kept():
    text = '# header\n\nn: randint(1, 2)   # trailing\nf: choice(["a # b"])\n'
    assert lines(text) == [(3, "n: randint(1, 2)"), (4, 'f: choice(["a # b"])')]
