"""`manage.py seed_demo_history`: a few weeks of plausible history for the demo learner."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from questions.services.accounts import DEMO_USERNAME
from questions.services.demo_history import demo_history_seed


class Command(BaseCommand):
    help = "Seed the demo account with tests, reviews and an exam plan (once; idempotent)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--username", default=DEMO_USERNAME)

    def handle(self, *args, username: str, **options) -> None:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user {username!r}; run ensure_demo_user first.")
        if demo_history_seed(user=user):
            self.stdout.write(f"Gave {username} three weeks of study history.")
        else:
            self.stdout.write(f"{username} already has history; left as is.")
