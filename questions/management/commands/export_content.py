"""`manage.py export_content`: authored templates and shared decks as one JSON document."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from questions.models import AuthoredTemplate, Deck
from questions.services.content_exchange import content_export


class Command(BaseCommand):
    help = (
        "Export authored templates (with their published versions) and shared decks as JSON, "
        "for import_content or the admin's import page."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("-o", "--output", help="file to write (default: standard output)")
        parser.add_argument("--template", action="append", default=[], help="only this slug")
        parser.add_argument("--deck", action="append", default=[], help="only this deck slug")

    def handle(self, *args, **options) -> None:
        templates = decks = None
        if options["template"] or options["deck"]:
            templates = list(
                AuthoredTemplate.objects.filter(slug__in=options["template"]).select_related(
                    "topic"
                )
            )
            decks = list(Deck.objects.filter(owner__isnull=True, slug__in=options["deck"]))
            missing = set(options["template"]) - {t.slug for t in templates}
            missing |= set(options["deck"]) - {d.slug for d in decks}
            if missing:
                raise CommandError(f"Unknown slug(s): {', '.join(sorted(missing))}.")
        text = json.dumps(
            content_export(templates=templates, decks=decks), indent=1, ensure_ascii=False
        )
        if options["output"]:
            Path(options["output"]).write_text(text + "\n", encoding="utf-8")
            self.stderr.write(f"Wrote {options['output']}.")
        else:
            self.stdout.write(text)
