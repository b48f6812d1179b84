"""Copy each schedule's deck onto it (no join in queues and counts) and index for the queue."""

import django.db.models.deletion
from django.db import migrations, models


def copy_decks(apps, schema_editor):
    CardSchedule = apps.get_model("questions", "CardSchedule")
    for schedule in CardSchedule.objects.select_related("card").iterator():
        schedule.deck_id = schedule.card.deck_id
        schedule.save(update_fields=["deck"])


class Migration(migrations.Migration):
    dependencies = [("questions", "0004_flashcards")]

    operations = [
        migrations.AddField(
            model_name="cardschedule",
            name="deck",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="questions.deck",
            ),
        ),
        migrations.RunPython(copy_decks, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="cardschedule",
            name="deck",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="+", to="questions.deck"
            ),
        ),
        migrations.RemoveIndex(model_name="cardschedule", name="questions_c_user_id_8e214d_idx"),
        migrations.AddIndex(
            model_name="cardschedule",
            index=models.Index(fields=["user", "state", "due"], name="schedule_queue"),
        ),
        migrations.AddIndex(
            model_name="cardschedule",
            index=models.Index(fields=["user", "deck", "last_review"], name="schedule_deck_progress"),
        ),
        migrations.AddIndex(
            model_name="cardschedule",
            index=models.Index(fields=["user", "due"], name="schedule_due"),
        ),
    ]
