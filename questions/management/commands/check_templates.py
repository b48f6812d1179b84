"""`manage.py check_templates [--seeds 200]`: run every template over many seeds; fail on any
generation error, unrendered math, answer not accepted, mistake accepted, or low variety."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from questions.generators import all_templates
from questions.generators.checking import check_template


class Command(BaseCommand):
    help = "Check every question template over many seeds (exit 1 on any failure)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--seeds", type=int, default=200)
        parser.add_argument("slugs", nargs="*", help="only these templates")

    def handle(self, *args, seeds: int, slugs: list[str], **options) -> None:
        templates = [t for t in all_templates() if not slugs or t.slug in slugs]
        started = time.perf_counter()
        failed = []
        progress = tqdm(templates, desc="templates", unit="tpl", disable=options["verbosity"] == 0)
        for template in progress:
            progress.set_postfix_str(template.slug)
            report = check_template(template, range(seeds))
            if not report.ok:
                failed.append(report)
        elapsed = time.perf_counter() - started
        for report in failed:
            self.stderr.write(f"\n{report.slug}: {len(report.failures)} failure(s)")
            for seed, message in report.failures[:10]:
                self.stderr.write(f"  seed {seed}: {message}")
        summary = f"{len(templates)} templates × {seeds} seeds checked in {elapsed:.1f} s"
        if failed:
            raise CommandError(f"{len(failed)} template(s) failed; {summary}")
        self.stdout.write(self.style.SUCCESS(f"All good: {summary}"))
