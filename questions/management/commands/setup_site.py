"""`manage.py setup_site`: everything `make run` needs before serving, in one process (each
`manage.py` start-up costs about as much as the work itself on a re-run)."""

from __future__ import annotations

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Migrate, load the built-in content, create the demo learner (and its demo history) and "
        "collect static files. Safe to re-run."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--password-file", help="where the demo learner's password is kept")

    def handle(self, *args, password_file: str | None, **options) -> None:
        verbosity = options["verbosity"]
        call_command("migrate", interactive=False, verbosity=verbosity)
        call_command("load_content", verbosity=verbosity)
        call_command("ensure_demo_user", password_file=password_file, verbosity=verbosity)
        call_command("seed_demo_history", verbosity=verbosity)
        call_command("collectstatic", interactive=False, verbosity=0)
