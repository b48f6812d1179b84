"""Authoring use-cases: save runs the checks and publishes versions, learners get the published
version (in tests and `generate`), old variants keep their version, clone and fairness."""

from __future__ import annotations

import dataclasses
from collections import Counter

import numpy as np
import pytest
from django.core.management import call_command

from questions.authoring.examples import EXAMPLES
from questions.generators import (
    TemplateError,
    available_templates,
    generate,
    get_template,
    grade_response,
)
from questions.models import AuthoredTemplate, AuthoredTemplateVersion, PracticeTestItem
from questions.services import authoring
from questions.services import practice as practice_service
from tests.factories import UserFactory


@pytest.fixture
def staff(db):
    return UserFactory(is_staff=True, is_superuser=True)


pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("quick_save_checks")]


@pytest.fixture
def authored(topics):
    """An unsaved authored template holding one of the worked examples."""
    from questions.models import Topic

    def make(example: str = "softmax", **changes) -> AuthoredTemplate:
        info, spec = EXAMPLES[example]
        fields = {**spec.as_dict(), **changes}
        return AuthoredTemplate(
            slug=fields.pop("slug", info.slug),
            title=fields.pop("title", info.title),
            topic=Topic.objects.get(slug=info.topic),
            difficulty=info.difficulty,
            kind=info.kind,
            options=dict(info.options),
            **fields,
        )

    return make


def test_a_passing_template_is_published_as_version_1_and_offered_to_learners(
    authored, staff, monkeypatch
):
    monkeypatch.setattr(authoring, "SAVE_CHECK_SEEDS", 200)
    template = authoring.authored_template_save(template=authored(), author=staff, publish=True)
    assert template.check_report["ok"] and template.check_report["seeds"] == 200
    assert template.status == AuthoredTemplate.Status.PUBLISHED and template.version == 1
    assert AuthoredTemplateVersion.objects.get(template=template).content == template.content()
    authoring.published_templates.invalidate()
    assert template.slug in {t.slug for t in available_templates()}
    variant = generate(get_template(template.slug), 4)
    z = np.ravel(np.array(variant.params["z"], dtype=float))
    exact = np.exp(z)[variant.params["k"] - 1] / np.exp(z).sum()  # independent of the spec
    assert grade_response(variant, f"{exact:.6f}").correct
    assert not grade_response(variant, f"{exact * 1.01:.6f}").correct


def test_a_failing_template_stays_a_draft_with_its_failures_per_seed(authored, staff):
    broken = authored(
        constraints="entry(z, 1) > 100"
    )  # never satisfiable with randvector(3, -2, 3)
    template = authoring.authored_template_save(template=broken, author=staff, publish=True)
    assert not template.check_report["ok"]
    assert template.status == AuthoredTemplate.Status.DRAFT and not template.versions.exists()
    failures = template.check_report["failures"]
    assert any("constraint" in failure.lower() for failure in failures)
    assert failures[-1] == "stopped after 5 seeds in a row failed to generate"
    authoring.published_templates.invalidate()
    assert template.slug not in {t.slug for t in available_templates()}


def test_a_failing_question_test_blocks_publishing(authored, staff):
    spec = EXAMPLES["softmax"][1]
    wrong_test = spec.tests + "\n1/3 | correct\n"  # the author expects a wrong answer to pass
    template = authoring.authored_template_save(
        template=authored(tests=wrong_test), author=staff, publish=True
    )
    assert not template.check_report["ok"] and template.status == "draft"
    assert any("1/3" in failure for failure in template.check_report["failures"])


def test_editing_a_published_template_makes_version_2_and_old_variants_keep_version_1(
    authored, staff, user, start_test
):
    template = authoring.authored_template_save(template=authored(), author=staff, publish=True)
    authoring.published_templates.invalidate()
    test = practice_service.practice_test_start(
        user=user,
        request=practice_service.PracticeTestRequest(
            templates=(template.slug,), count=1, time_limit_s=600
        ),
    )
    old = PracticeTestItem.objects.get(test=test).variant
    assert old.template_version == 1
    template.prompt = template.prompt.replace("classifier's", "network's")
    authoring.authored_template_save(template=template, author=staff, publish=True)
    template.refresh_from_db()
    assert template.version == 2 and template.versions.count() == 2
    authoring.published_templates.invalidate()
    assert get_template(template.slug).version == 2
    # The old variant grades exactly as it was generated (version 1's stored answer).
    practice_service.response_save(user=user, test_id=test.id, index=0, response=old.answer)
    practice_service.practice_test_submit(user=user, test_id=test.id)
    item = PracticeTestItem.objects.get(test=test)
    assert item.correct and item.variant.template_version == 1


def test_saving_unchanged_content_does_not_publish_a_new_version(authored, staff):
    template = authoring.authored_template_save(template=authored(), author=staff, publish=True)
    authoring.authored_template_save(template=template, author=staff, publish=True)
    assert template.version == 1 and template.versions.count() == 1


def test_a_draft_edit_keeps_the_published_version_live(authored, staff):
    template = authoring.authored_template_save(template=authored(), author=staff, publish=True)
    template.title = "Draft title"
    authoring.authored_template_save(template=template, author=staff, publish=False)
    authoring.published_templates.invalidate()
    assert get_template(template.slug).title == EXAMPLES["softmax"][0].title


def test_a_builtin_slug_is_refused(authored, staff):
    with pytest.raises(TemplateError, match="built-in"):
        authoring.authored_template_save(
            template=authored(slug="matrix-product"), author=staff, publish=True
        )


def test_published_template_appears_in_manage_py_generate(authored, staff, capsys):
    template = authoring.authored_template_save(
        template=authored("matrix-product"), author=staff, publish=True
    )
    authoring.published_templates.invalidate()
    call_command("generate", template.slug, "--seed", "3")
    out = capsys.readouterr().out
    assert template.slug in out and '"seed": 3' in out


def test_preview_reports_spec_problems_with_field_and_line(topics):
    info, spec = EXAMPLES["softmax"]
    bad = dataclasses.replace(spec, derived="p = softmax(z)\nq = import os")
    issues, rows = authoring.authored_template_preview(spec=bad, info=info, seeds=[1])
    assert rows == [] and any(issue.startswith("derived line 2") for issue in issues)


def test_preview_shows_each_seed_and_grades_a_try(topics):
    info, spec = EXAMPLES["matrix-product"]
    issues, rows = authoring.authored_template_preview(spec=spec, info=info, seeds=[1, 2, 99])
    assert issues == [] and [row.seed for row in rows] == [1, 2, 99]
    a, b = rows[0].variant.params["A"], rows[0].variant.params["B"]
    product = [[sum(a[i][k] * b[k][j] for k in range(2)) for j in range(2)] for i in range(2)]
    _, tried = authoring.authored_template_preview(
        spec=spec, info=info, seeds=[1], answer=str(product)
    )
    assert tried[0].verdict.correct


def test_clone_copies_a_builtin_as_an_editable_draft(topics, staff):
    copy = authoring.builtin_clone(slug="conv2d-output-size", author=staff)
    again = authoring.builtin_clone(slug="conv2d-output-size", author=staff)
    assert (copy.slug, again.slug) == ("conv2d-output-size-copy", "conv2d-output-size-copy-2")
    assert (
        copy.status == "draft"
        and copy.prompt == generate(get_template("conv2d-output-size"), 1).prompt
    )
    saved = authoring.authored_template_save(template=copy, author=staff, publish=True)
    assert saved.check_report["failures"], "fixed numbers give one prompt: not enough variants"


def test_template_fairness_flags_a_harder_parameter_value(topics, user):
    from questions.models import Variant as VariantRow
    from questions.services.practice import practice_test_submit

    tests = []
    for _ in range(40):
        test = practice_service.practice_test_start(
            user=user,
            request=practice_service.PracticeTestRequest(
                templates=("conv2d-output-size",), count=1, time_limit_s=600
            ),
        )
        tests.append(test)
    strides = Counter(
        VariantRow.objects.filter(template_slug="conv2d-output-size").values_list(
            "params__S", flat=True
        )
    )
    hardest = strides.most_common(1)[0][0]  # at least 40 / (number of strides) answers
    for test in tests:
        item = test.items.select_related("variant").get()
        if item.variant.params["S"] != hardest:  # learners always miss this stride
            practice_service.response_save(
                user=user, test_id=test.id, index=0, response=item.variant.answer
            )
        practice_test_submit(user=user, test_id=test.id)
    report = authoring.template_fairness(slug="conv2d-output-size")
    assert report.n == 40 and 0 < report.accuracy < 1
    flagged = {group.label: group for group in report.flagged}
    assert flagged[f"S = {hardest}"].accuracy == 0.0 and flagged[f"S = {hardest}"].z < -2


def test_builtin_templates_stay_available_when_the_database_cannot_answer(topics, monkeypatch):
    from django.db import DatabaseError

    from questions.generators import all_templates

    def unmigrated():
        raise DatabaseError("no such table: questions_authoredtemplateversion")

    monkeypatch.setattr(authoring._Published, "_load", staticmethod(unmigrated))
    authoring.published_templates.invalidate()
    assert [t.slug for t in available_templates()] == [t.slug for t in all_templates()]
