"""The progress page with a seeded history renders its charts in Chromium, on a phone too."""

from __future__ import annotations

from playwright.sync_api import expect

from questions.services.demo_history import demo_history_seed
from tests.e2e.conftest import PHONE


def test_progress_page_draws_its_charts(logged_in, user, topics, screenshot):
    from django.core.management import call_command

    call_command("load_content", verbosity=0)
    assert demo_history_seed(user=user)
    page = logged_in
    page.goto("/progress/")
    expect(page.get_by_role("heading", name="Exam readiness")).to_be_visible()
    expect(page.locator(".advice li").first).to_be_visible()
    for chart in (
        "chart-mastery",
        "chart-scores",
        "chart-heatmap",
        "chart-forecast",
        "chart-states",
    ):
        page.wait_for_function(f"window.Chart && Chart.getChart('{chart}') !== undefined")
        box = page.locator(f"#{chart}").bounding_box()
        assert box["width"] > 100 and box["height"] > 50, chart
    screenshot(page, "progress-desktop")
    page.set_viewport_size(PHONE)
    page.reload()
    page.wait_for_function("window.Chart && Chart.getChart('chart-mastery') !== undefined")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
    screenshot(page, "progress-phone")
    page.get_by_text("Mastery as a table").click()
    expect(page.locator(".data-table table")).to_be_visible()
