"""Store each review's study day, filled from its time in the learner's zone."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.db import migrations, models


def fill_days(apps, schema_editor):
    ReviewLog = apps.get_model("questions", "ReviewLog")
    StudySettings = apps.get_model("questions", "StudySettings")
    zones = {s.user_id: (s.timezone, s.day_starts_hour) for s in StudySettings.objects.all()}
    for log in ReviewLog.objects.all().iterator():
        name, hour = zones.get(log.user_id, ("UTC", 4))
        local = log.reviewed_at.astimezone(ZoneInfo(name)) - timedelta(hours=hour)
        log.day = local.date()
        log.save(update_fields=["day"])


class Migration(migrations.Migration):
    dependencies = [("questions", "0007_practice_answers")]

    operations = [
        migrations.AddField(
            model_name="reviewlog", name="day", field=models.DateField(null=True)
        ),
        migrations.RunPython(fill_days, migrations.RunPython.noop),
        migrations.AlterField(model_name="reviewlog", name="day", field=models.DateField()),
        migrations.AddIndex(
            model_name="reviewlog",
            index=models.Index(fields=["user", "day"], name="reviewlog_user_day"),
        ),
    ]
