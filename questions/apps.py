"""App configuration for `questions`."""

from django.apps import AppConfig


class QuestionsConfig(AppConfig):
    name = "questions"
    verbose_name = "Cram"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from questions.services.authoring import install_provider

        install_provider()
