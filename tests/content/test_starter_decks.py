"""Checks on the starter flashcard decks in fixtures/decks/ (pure JSON, no database)."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from questions.mathinput.markdown import render_markdown

ROOT = Path(__file__).resolve().parents[2]
DECKS_DIR = ROOT / "fixtures" / "decks"
TOPICS_FILE = ROOT / "fixtures" / "topics.json"

DECK_SLUGS = ["math-essentials", "ml-essentials", "dl-essentials", "nlp-essentials"]
AREAS = {"math", "ml", "dl", "nlp"}
MIN_TOTAL_CARDS = 150
MIN_CARDS_PER_AREA = 30
KEY_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TAG_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
MATH_RE = re.compile(r"<math\b.*?</math>", re.DOTALL)


def _load_decks() -> list[dict]:
    return [
        json.loads((DECKS_DIR / f"{slug}.json").read_text(encoding="utf-8")) for slug in DECK_SLUGS
    ]


def _load_topic_areas() -> dict[str, str]:
    topics = json.loads(TOPICS_FILE.read_text(encoding="utf-8"))
    return {topic["fields"]["slug"]: topic["fields"]["area"] for topic in topics}


DECKS = _load_decks()
TOPIC_AREAS = _load_topic_areas()
CARDS = [(deck, card) for deck in DECKS for card in deck["cards"]]


def _card_id(param) -> str:
    return param[1]["key"] if isinstance(param, tuple) else str(param)


def test_deck_metadata():
    for slug, deck in zip(DECK_SLUGS, DECKS, strict=True):
        assert deck["slug"] == slug
        assert deck["area"] in AREAS
        assert deck["name"].strip()
        assert deck["description"].strip()
        assert isinstance(deck["cards"], list)
    assert {deck["area"] for deck in DECKS} == AREAS


def test_card_counts():
    assert len(CARDS) >= MIN_TOTAL_CARDS
    per_area = Counter(deck["area"] for deck, _ in CARDS)
    for area in AREAS:
        assert per_area[area] >= MIN_CARDS_PER_AREA, f"only {per_area[area]} {area} cards"


def test_keys_unique_across_decks_and_well_formed():
    keys = [card["key"] for _, card in CARDS]
    duplicates = [key for key, count in Counter(keys).items() if count > 1]
    assert not duplicates
    malformed = [key for key in keys if not KEY_RE.match(key)]
    assert not malformed


def test_fronts_unique():
    fronts = [card["front"].strip() for _, card in CARDS]
    duplicates = [front for front, count in Counter(fronts).items() if count > 1]
    assert not duplicates


@pytest.mark.parametrize("deck_card", CARDS, ids=_card_id)
def test_card_fields(deck_card):
    _, card = deck_card
    assert set(card) == {"key", "front", "back", "topic", "tags"}
    assert card["front"].strip()
    assert card["back"].strip()
    tags = card["tags"]
    assert isinstance(tags, list)
    assert 1 <= len(tags) <= 4
    assert all(isinstance(tag, str) and TAG_RE.match(tag) for tag in tags), tags


@pytest.mark.parametrize("deck_card", CARDS, ids=_card_id)
def test_card_topic_exists_in_deck_area(deck_card):
    deck, card = deck_card
    assert card["topic"] in TOPIC_AREAS, f"unknown topic {card['topic']!r}"
    assert TOPIC_AREAS[card["topic"]] == deck["area"]


@pytest.mark.parametrize("deck_card", CARDS, ids=_card_id)
@pytest.mark.parametrize("side", ["front", "back"])
def test_card_renders_without_math_errors(deck_card, side):
    _, card = deck_card
    html = render_markdown(card[side])
    assert "math-error" not in html, html
    # A `$` left over outside <math> means a formula was not recognised as math.
    assert "$" not in MATH_RE.sub("", html), html
