"""`manage.py import_content FILE`: import authored templates and shared decks (all or nothing)."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from questions.services.content_exchange import ContentError, content_import, content_loads


class Command(BaseCommand):
    help = (
        "Import a JSON file made by export_content: create or update templates and shared decks "
        "by slug. A file with any problem is refused as a whole."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="the JSON file ('-' for standard input)")

    def handle(self, *args, **options) -> None:
        name = options["file"]
        try:
            raw = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {name}: {exc.strerror}.") from None
        try:
            counts = content_import(data=content_loads(raw))
        except ContentError as exc:
            raise CommandError(f"Nothing was imported: {exc}") from None
        self.stdout.write("Imported " + ", ".join(f"{n} {k}" for k, n in counts.items()) + ".")
