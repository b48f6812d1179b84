"""A learner reviews flashcards with the keyboard (reveal, rate, undo) and answers a drill card."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from questions.models import CardSchedule, Deck, ReviewLog
from questions.services import flashcards as service
from tests.e2e.conftest import PHONE
from tests.factories import CardFactory


def test_reveal_rate_by_keyboard_and_undo(logged_in, user, screenshot):
    page = logged_in
    deck = Deck.objects.create(owner=user, slug="keys", name="Keyboard deck")
    first = CardFactory(deck=deck, front="Derivative of $e^{x^2}$?", back="$2x e^{x^2}$")
    CardFactory(deck=deck, front="What does `zero_grad` do?", back="Resets gradients.")
    page.goto(f"/cards/study/?deck={deck.id}")
    expect(page.locator("#card-front math")).to_be_visible()
    expect(page.locator(".count-new strong")).to_have_text("2")
    page.keyboard.press("Space")
    expect(page.locator("#card-back math")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("Good"))).to_contain_text("10m")
    screenshot(page, "study-revealed-desktop")
    page.keyboard.press("4")  # Easy
    expect(page.locator("#card-front")).to_contain_text("zero_grad")
    log = ReviewLog.objects.get(user=user)
    assert log.card_id == first.id and log.rating == 4 and log.duration_ms > 0

    page.keyboard.press("u")  # undo: the first card comes back
    expect(page.locator("#card-front")).to_contain_text("Derivative of")
    assert not ReviewLog.objects.filter(user=user).exists()

    page.set_viewport_size(PHONE)
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name=re.compile("Again"))).to_be_visible()
    screenshot(page, "study-revealed-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
    page.get_by_role("button", name=re.compile("Again")).click()
    assert ReviewLog.objects.get(user=user).rating == 1


def test_a_drill_card_is_graded(logged_in, user, topics):
    page = logged_in
    deck = Deck.objects.create(owner=user, slug="drills", name="Drills")
    card, _ = service.drill_card_for_template(deck=deck, template_slug="conv2d-output-size")
    page.goto(f"/cards/study/?deck={deck.id}")
    expect(page.get_by_text("a fresh question")).to_be_visible()
    variant = CardSchedule.objects.get(user=user, card=card).pending_variant
    box = page.get_by_label(re.compile("Your answer"))
    box.fill(str(int(variant.answer) + 1000))  # a wrong answer
    expect(page.locator("#drill-preview math")).to_be_visible()
    box.press("Enter")
    expect(page.locator(".verdict")).to_contain_text("✗")
    expect(page.get_by_text("Worked solution")).to_be_visible()
    expect(page.locator("button.rate.is-suggested")).to_contain_text("Again")
    page.keyboard.press("1")  # Again: the card comes back within minutes, with new numbers
    expect(page.locator(".count-learning strong")).to_have_text("1")
    expect(page.get_by_text("a fresh question")).to_be_visible()
    log = ReviewLog.objects.get(user=user)
    assert log.correct is False and log.rating == 1 and log.variant_id == variant.id
    assert CardSchedule.objects.get(user=user, card=card).pending_variant_id != variant.id
