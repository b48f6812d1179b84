"""`manage.py bench`: run the benchmarks in `questions.benchmarks` on a throwaway database."""

from __future__ import annotations

import importlib
import platform
import time

from django.core.management.base import BaseCommand
from django.db import connection
from django.test.utils import setup_test_environment, teardown_test_environment

SECTIONS = ["web", "grading", "generators", "authoring", "practice", "flashcards", "progress"]


class Command(BaseCommand):
    help = "Print speed and memory figures (a throwaway database is created and dropped)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("sections", nargs="*", help=f"subset of: {', '.join(SECTIONS)}")

    def handle(self, *args, sections: list[str], **options) -> None:
        chosen = sections or SECTIONS
        unknown = sorted(set(chosen) - set(SECTIONS))
        if unknown:
            self.stderr.write(f"unknown sections: {', '.join(unknown)}")
            raise SystemExit(2)
        self.stdout.write(
            f"Cram benchmarks on {platform.machine()} / Python {platform.python_version()} / "
            f"{connection.vendor}, {time.strftime('%Y-%m-%d %H:%M')}"
        )
        setup_test_environment()
        old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
        try:
            for name in chosen:
                module = importlib.import_module(f"questions.benchmarks.{name}")
                self.stdout.write(f"\n{module.TITLE}")
                module.run(lambda row: self.stdout.write(row.row()))
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)
            teardown_test_environment()
