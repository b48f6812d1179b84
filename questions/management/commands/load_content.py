"""`manage.py load_content`: load (or refresh) the built-in content; safe to run repeatedly."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand

from questions.services.content import starter_decks_load, topics_load


class Command(BaseCommand):
    help = "Load the built-in topics and starter flashcard decks. Idempotent."

    def handle(self, *args, **options) -> None:
        fixtures = settings.BASE_DIR / "fixtures"
        topics_load(fixtures / "topics.json")
        decks, cards = starter_decks_load(fixtures / "decks")
        if options["verbosity"]:
            self.stdout.write(f"Built-in content loaded: topics, {decks} decks, {cards} cards.")
