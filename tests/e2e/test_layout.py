"""Every template's review (prompt, answers, feedback, worked solution) fits a phone's width:
a long formula scrolls inside its own line, never the page."""

from __future__ import annotations

from questions.generators import all_templates
from questions.services.practice import (
    PracticeTestRequest,
    practice_test_start,
    practice_test_submit,
    response_save,
)
from tests.e2e.conftest import PHONE

WIDE_ITEMS = """() => [...document.querySelectorAll('.review-item')]
  .filter((item) => [...item.querySelectorAll('*')]
    .some((el) => el.getBoundingClientRect().right > window.innerWidth + 1))
  .map((item) => item.querySelector('h3').textContent.replace(/\\s+/g, ' ').trim())"""


def test_every_template_review_fits_a_phone(logged_in, user, topics, screenshot):
    page = logged_in
    page.set_viewport_size(PHONE)
    slugs = tuple(template.slug for template in all_templates())
    for _ in range(2):
        test = practice_test_start(
            user=user,
            request=PracticeTestRequest(templates=slugs, count=len(slugs), time_limit_s=3600),
        )
        for item in test.items.order_by("index")[::2]:
            response_save(user=user, test_id=test.id, index=item.index, response="[[999]]")
        practice_test_submit(user=user, test_id=test.id)
        page.goto(f"/tests/{test.id}/")
        page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"] + 1:
            screenshot(page, "review-all-templates-phone")
            wide = page.evaluate(WIDE_ITEMS)  # candidates (scrolling boxes included)
            raise AssertionError(f"the page is {width}px wide; look at: {wide}")
