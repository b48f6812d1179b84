"""A new learner signs up, logs out and in again, and sees the home page with real math."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.conftest import PHONE


def test_sign_up_log_in_and_see_rendered_math(page, topics, screenshot):
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Sign up").click()
    page.get_by_label("Username").fill("grace")
    page.get_by_label("Password:", exact=True).fill("Cram-before-the-exam-9")
    page.get_by_label("Password confirmation").fill("Cram-before-the-exam-9")
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()

    page.get_by_role("button", name="Log out").click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Log in").click()
    page.get_by_label("Username").fill("grace")
    page.get_by_label("Password:", exact=True).fill("Cram-before-the-exam-9")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("link", name="grace")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Cram for your"))

    # The attention formula is laid out by the browser's MathML engine: the fraction's
    # numerator sits above its denominator, and the square root has a real box.
    fraction = page.locator('math[display="block"] mfrac').first
    numerator = fraction.locator(":scope > *").nth(0).bounding_box()
    denominator = fraction.locator(":scope > *").nth(1).bounding_box()
    assert numerator["y"] + numerator["height"] <= denominator["y"] + 1
    assert page.locator('math[display="block"] msqrt').first.bounding_box()["height"] > 10

    page.set_viewport_size(PHONE)
    expect(page.get_by_text("Menu")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "home-phone")
