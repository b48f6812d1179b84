"""`manage.py ensure_demo_user`: create the demo learner once and print how to log in."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from questions.services.accounts import DEMO_USERNAME, demo_user_ensure


class Command(BaseCommand):
    help = "Create the demo learner account if it does not exist and print its credentials."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--username", default=DEMO_USERNAME)
        parser.add_argument(
            "--password-file",
            help="Write a newly created password here too (make run keeps it in .demo-password).",
        )

    def handle(self, *args, username: str, password_file: str | None, **options) -> None:
        user, password = demo_user_ensure(username=username)
        if password is None:
            hint = f" (password in {password_file})" if password_file else ""
            self.stdout.write(f"Demo account: {user.get_username()} already exists{hint}.")
            return
        if password_file:
            with open(password_file, "w", encoding="utf-8") as handle:
                handle.write(password + "\n")
        self.stdout.write(
            self.style.SUCCESS(f"Demo account created: username {username}  password {password}")
        )
