"""A staff author creates a template in the admin, previews seeds and tries an answer as they
type, publishes it, edits it into version 2, and learners then get it in practice tests."""

from __future__ import annotations

import json
import re

from playwright.sync_api import expect

from questions.authoring.examples import EXAMPLES
from questions.models import AuthoredTemplate, Topic
from questions.services import authoring
from questions.services.practice import PracticeTestRequest, practice_test_start
from tests.factories import PASSWORD, UserFactory


def test_author_creates_previews_publishes_and_versions_a_template(
    page, topics, quick_save_checks, screenshot
):
    author = UserFactory(is_staff=True, is_superuser=True)
    page.goto("/admin/login/")
    page.get_by_label("Username:").fill(author.username)
    page.get_by_label("Password:").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto("/admin/questions/authoredtemplate/add/")

    info, spec = EXAMPLES["softmax"]
    page.fill("#id_slug", info.slug)
    page.fill("#id_title", info.title)
    page.select_option("#id_topic", str(Topic.objects.get(slug=info.topic).pk))
    page.select_option("#id_kind", info.kind)
    page.fill("#id_options", json.dumps(dict(info.options)))
    for field in (
        "params",
        "derived",
        "answer",
        "constraints",
        "mistakes",
        "tests",
        "prompt",
        "solution",
    ):
        page.fill(f"#id_{field}", getattr(spec, field).strip())

    preview = page.locator("#preview-results")
    expect(preview.locator('[data-seed="1"] .preview-prompt')).to_contain_text("logits")
    expect(preview.locator('[data-seed="1"] math').first).to_be_visible()
    page.fill("#id_preview_seed", "4242")
    expect(preview.locator('[data-seed="4242"]')).to_be_visible()
    page.fill("#id_try_answer", "1/3")
    expect(preview.locator('[data-seed="4242"] .preview-verdict')).to_contain_text("wrong")
    page.fill("#id_answer", "entry(p, k) +")  # a typo shows at once, with its field
    expect(preview.locator(".preview-issues")).to_contain_text("answer")
    page.fill("#id_answer", spec.answer)
    expect(preview.locator('[data-seed="4242"]')).to_be_visible()
    screenshot(page, "authoring-preview")

    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("version 1 is published")
    template = AuthoredTemplate.objects.get(slug=info.slug)
    assert template.status == "published" and template.check_report["ok"]

    page.get_by_role("link", name=re.compile("Product of|One probability")).first.click()
    page.fill("#id_title", "Softmax: the probability of one class")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("version 2 is published")
    template.refresh_from_db()
    assert template.version == 2 and template.versions.count() == 2

    # Learners now get it: a practice test with the new template shows its prompt.
    authoring.published_templates.invalidate()
    test = practice_test_start(
        user=author,
        request=PracticeTestRequest(templates=(info.slug,), count=1, time_limit_s=600),
    )
    page.goto(f"/tests/{test.id}/")
    expect(page.locator("main")).to_contain_text("logits")
    assert test.items.get().variant.template_version == 2
