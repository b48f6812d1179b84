"""`manage.py simulate_exam`: exam-day recall of study policies on simulated learners."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from questions.srs.comparison import compare


class Command(BaseCommand):
    help = (
        "Simulate learners cramming a deck before an exam (FSRS as the memory model) under "
        "FSRS 0.9, FSRS 0.8 + a final sweep and the exam planner; print exam-day recall."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--cards", type=int, default=500, help="new cards in the deck")
        parser.add_argument("--days", type=int, default=30, help="study days before the exam")
        parser.add_argument("--minutes", type=float, default=20, help="daily budget in minutes")
        parser.add_argument("--seed", type=int, default=0, help="first learner's seed")
        parser.add_argument("--runs", type=int, default=3, help="learners (seeds) to average")

    def handle(self, *args, cards: int, days: int, minutes: float, seed: int, runs: int, **opts):
        if cards < 1 or days < 1 or minutes <= 0 or runs < 1:
            raise CommandError("--cards, --days, --minutes and --runs must be positive")
        started = time.perf_counter()
        result = compare(
            n_cards=cards, days=days, minutes_per_day=minutes, seeds=range(seed, seed + runs)
        )
        self.stdout.write(
            f"{cards} cards, {days} days, {minutes:g} min/day, {runs} simulated learner(s) "
            f"(seeds {seed}..{seed + runs - 1})\n"
        )
        width = max(len(r.policy) for r in result.rows)
        budget_width = max(len(r.budget) for r in result.rows)
        header = (
            f"{'policy':<{width}}  {'budget':<{budget_width}}  {'exam recall':>11}  "
            f"{'minutes':>8}  {'reviews':>8}  {'unseen':>6}"
        )
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        for row in result.rows:
            self.stdout.write(
                f"{row.policy:<{width}}  {row.budget:<{budget_width}}  "
                f"{100 * row.exam_recall:>10.2f}%  {row.minutes_used:>8.1f}  "
                f"{row.reviews:>8.0f}  {row.unseen:>6.1f}"
            )
        by_seed = ", ".join(f"{g:+.2f}" for g in result.planner_gains_by_seed)
        self.stdout.write(
            f"\nPlanner minus FSRS 0.9 at equal minutes: {result.planner_gain_points:+.2f} points "
            f"(per learner: {by_seed}). {time.perf_counter() - started:.1f} s."
        )
