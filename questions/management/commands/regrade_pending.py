"""`manage.py regrade_pending`: check again every answer the checker could not decide in time
(run it from cron; pages also do it when a learner opens the test)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from questions.models import PracticeTestItem
from questions.services.practice import practice_test_regrade_pending


class Command(BaseCommand):
    help = "Re-grade test answers left pending by a stuck or dead grading worker."

    def handle(self, *args, **options) -> None:
        decided = 0
        tests = PracticeTestItem.objects.filter(pending_check=True).values_list(
            "test_id", "test__user"
        )
        for test_id, user_id in set(tests):
            user = get_user_model().objects.get(pk=user_id)
            decided += practice_test_regrade_pending(user=user, test_id=test_id)
        self.stdout.write(f"Decided {decided} pending answer(s).")
