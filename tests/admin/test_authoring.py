"""Authoring in the admin: create, preview, check, publish and version templates; built-in
templates read-only with clone; import/export; hostile input refused; staff only."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse

from questions.generators import all_templates
from questions.models import AuthoredTemplate, AuthoredTemplateVersion
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:questions_authoredtemplate_changelist"
ADD = "admin:questions_authoredtemplate_add"
PREVIEW = "admin:questions_authoredtemplate_preview"


def change_url(template: AuthoredTemplate) -> str:
    return reverse("admin:questions_authoredtemplate_change", args=[template.pk])


def test_an_author_creates_a_template_that_is_checked_and_published(author_client, example_form):
    page = author_client.get(reverse(ADD))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Live preview" in body and "randmatrix(rows, cols, low, high)" in body
    response = author_client.post(reverse(ADD), example_form(), follow=True)
    assert response.status_code == 200
    template = AuthoredTemplate.objects.get(slug="authored-softmax-entry")
    assert template.status == "published" and template.version == 1
    assert "version 1 is published" in response.content.decode()
    assert template.check_report["ok"] and template.check_report["seeds"] == 50


def test_editing_a_published_template_publishes_version_2_with_history(
    author_client, author, example_form
):
    author_client.post(reverse(ADD), example_form())
    template = AuthoredTemplate.objects.get()
    edited = example_form(title="Softmax: one class's probability")
    response = author_client.post(change_url(template), edited, follow=True)
    assert "version 2 is published" in response.content.decode()
    assert list(template.versions.values_list("version", flat=True)) == [2, 1]
    page = author_client.get(change_url(template)).content.decode()
    assert "v2" in page and "v1" in page  # the published versions table
    history = author_client.get(
        reverse("admin:questions_authoredtemplate_history", args=[template.pk])
    ).content.decode()
    assert "Changed Title" in history and author.username in history  # who changed what


def test_a_template_failing_its_checks_is_saved_as_a_draft_with_the_failures(
    author_client, example_form
):
    form = example_form(tests="{{ answer }} | correct\n1/3 | correct\n")
    response = author_client.post(reverse(ADD), form, follow=True)
    template = AuthoredTemplate.objects.get()
    assert template.status == "draft" and not template.versions.exists()
    body = response.content.decode()
    assert "Saved as a draft" in body
    page = author_client.get(change_url(template)).content.decode()
    assert "check(s) failed" in page and "tests line 2" in page


def test_spec_errors_are_shown_on_their_field_and_nothing_is_saved(author_client, example_form):
    form = example_form(derived="p = softmax(z)\nq = __import__('os').system('true')")
    response = author_client.post(reverse(ADD), form)
    assert response.status_code == 200  # the form again, with the errors
    errors = re.search(r'id="id_derived_error">(.*?)</ul>', response.content.decode()).group(1)
    assert "line 2: I can&#x27;t read the character “_”" in errors
    assert not AuthoredTemplate.objects.exists()


@pytest.mark.parametrize(
    ("field", "text", "message"),
    [
        ("derived", "p = softmax(z)\nhuge = 10^10^10", "line 2: This power is too large"),
        ("params", "z: randvector(3, -2, 3)\nk: randint(1, 3)\nn: __class__", "line 3: use one of"),
        ("answer", "eval('1')", "read the character “&#x27;”"),
        ("prompt", "{{ z.__class__ }}", "line 1: I can&#x27;t read the character “.”"),
    ],
)
def test_hostile_author_input_is_refused_with_a_clear_message(
    author_client, example_form, field, text, message
):
    response = author_client.post(reverse(ADD), example_form(**{field: text}))
    assert response.status_code == 200
    errors = re.search(rf'id="id_{field}_error">(.*?)</ul>', response.content.decode()).group(1)
    assert message in errors
    assert not AuthoredTemplate.objects.exists()


def test_a_prompt_over_the_field_limit_is_refused(author_client, example_form):
    response = author_client.post(reverse(ADD), example_form(prompt="x" * 100_000))
    assert response.status_code == 200 and "at most 20000 characters" in response.content.decode()
    assert not AuthoredTemplate.objects.exists()


def test_a_10_mb_prompt_is_a_400_and_nothing_is_saved(author_client, example_form):
    response = author_client.post(reverse(ADD), example_form(prompt="x" * 10_000_000))
    assert response.status_code == 400 and "too large" in response.content.decode()
    assert not AuthoredTemplate.objects.exists()


def test_a_builtin_slug_is_refused(author_client, example_form):
    response = author_client.post(reverse(ADD), example_form(slug="matrix-product"))
    assert "is a built-in template" in response.content.decode()
    assert not AuthoredTemplate.objects.exists()


def test_preview_renders_the_seeds_and_the_verdict_on_a_try(author_client, example_form):
    form = example_form("matrix-product", preview_seed="12345", try_answer="[[1, 2], [3, 4]]")
    response = author_client.post(reverse(PREVIEW), form, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    body = response.content.decode()
    assert [f'data-seed="{s}"' in body for s in (12345, 1, 2)] == [True, True, True]
    assert "<math" in body and "Your try:" in body and "wrong." in body
    assert "Worked solution" in body and "You transposed the product" in body


def test_preview_lists_spec_problems(author_client, example_form):
    form = example_form("matrix-product", answer="C +")
    body = author_client.post(reverse(PREVIEW), form).content.decode()
    assert "preview-issues" in body and "answer" in body


def test_preview_only_answers_post(author_client):
    assert author_client.get(reverse(PREVIEW)).status_code == 404


def test_builtin_templates_are_listed_read_only_and_can_be_cloned(author_client):
    page = author_client.get(reverse("admin:questions_authoredtemplate_builtin")).content.decode()
    assert all(template.slug in page for template in all_templates())
    detail = author_client.get(
        reverse("admin:questions_authoredtemplate_builtin_detail", args=["matrix-product"])
    )
    body = detail.content.decode()
    assert detail.status_code == 200 and 'data-seed="1"' in body and "Clone into" in body
    clone_url = reverse("admin:questions_authoredtemplate_clone", args=["matrix-product"])
    assert author_client.get(clone_url).status_code == 405
    response = author_client.post(clone_url)
    copy = AuthoredTemplate.objects.get(slug="matrix-product-copy")
    assert response.status_code == 302 and response["Location"] == change_url(copy)
    assert copy.status == "draft"
    missing = reverse("admin:questions_authoredtemplate_builtin_detail", args=["no-such"])
    assert author_client.get(missing).status_code == 404


def test_export_action_and_import_page_round_trip(author_client, example_form):
    author_client.post(reverse(ADD), example_form())
    author_client.post(reverse(ADD), example_form("matrix-product"))
    exported = author_client.post(
        reverse(CHANGELIST),
        {
            "action": "export_json",
            "_selected_action": list(AuthoredTemplate.objects.values_list("pk", flat=True)),
        },
    )
    assert exported["Content-Disposition"].startswith("attachment")
    data = json.loads(exported.content)
    assert {t["slug"] for t in data["templates"]} == {
        "authored-softmax-entry",
        "authored-matrix-product",
    }
    before = {t.slug: t.content() for t in AuthoredTemplate.objects.all()}
    AuthoredTemplate.objects.all().delete()
    upload = _upload(exported.content)
    response = author_client.post(
        reverse("admin:questions_authoredtemplate_import"), {"file": upload}
    )
    assert response.status_code == 302
    assert {t.slug: t.content() for t in AuthoredTemplate.objects.all()} == before
    assert AuthoredTemplateVersion.objects.count() == 2


def test_a_bad_import_file_names_the_fault_and_imports_nothing(author_client):
    url = reverse("admin:questions_authoredtemplate_import")
    response = author_client.post(url, {"file": _upload(b'{"format": "cram-content",\n  oops}')})
    assert response.status_code == 400 and "Line 2" in response.content.decode()
    assert not AuthoredTemplate.objects.exists()


def _upload(content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("content.json", content, content_type="application/json")


AUTHORING_URLS = [
    ("admin:questions_authoredtemplate_changelist", []),
    ("admin:questions_authoredtemplate_add", []),
    ("admin:questions_authoredtemplate_builtin", []),
    ("admin:questions_authoredtemplate_builtin_detail", ["matrix-product"]),
    ("admin:questions_authoredtemplate_import", []),
]


@pytest.mark.parametrize(("name", "args"), AUTHORING_URLS)
def test_learners_cannot_reach_authoring(learner_client, topics, name, args):
    response = learner_client.get(reverse(name, args=args))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_learners_cannot_preview_clone_or_import(learner_client, example_form):
    for url in (
        reverse(PREVIEW),
        reverse("admin:questions_authoredtemplate_clone", args=["matrix-product"]),
        reverse("admin:questions_authoredtemplate_import"),
    ):
        response = learner_client.post(url, example_form())
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert not AuthoredTemplate.objects.exists()


def test_staff_without_authoring_permissions_get_nothing(client, topics, example_form):
    client.force_login(UserFactory(is_staff=True))
    assert client.post(reverse(PREVIEW), example_form()).status_code == 404
    assert client.get(reverse("admin:questions_authoredtemplate_builtin")).status_code == 403
    assert client.post(reverse(ADD), example_form()).status_code == 403
    assert client.post(reverse("admin:questions_authoredtemplate_import")).status_code == 404
    assert not AuthoredTemplate.objects.exists()
