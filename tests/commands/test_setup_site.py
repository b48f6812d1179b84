"""`manage.py setup_site` (what `make run` calls): a ready site, and a re-run changes nothing."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from questions.models import Card, PracticeTest, ReviewLog, Topic

pytestmark = pytest.mark.django_db(transaction=True)


def test_setup_site_prepares_everything_and_is_safe_to_rerun(tmp_path, settings, capsys):
    settings.STATIC_ROOT = tmp_path / "static"
    password_file = tmp_path / "pw"
    call_command("setup_site", password_file=str(password_file), verbosity=0)
    password = password_file.read_text().strip()
    demo = get_user_model().objects.get(username="demo")
    assert demo.check_password(password)
    counts = (
        Topic.objects.count(),
        Card.objects.count(),
        PracticeTest.objects.filter(user=demo).count(),
        ReviewLog.objects.filter(user=demo).count(),
    )
    assert counts[0] >= 40 and counts[1] >= 200 and counts[2] > 0 and counts[3] > 0
    assert (tmp_path / "static" / "css" / "cram.css").exists()
    call_command("setup_site", password_file=str(password_file), verbosity=0)
    assert password_file.read_text().strip() == password
    assert counts == (
        Topic.objects.count(),
        Card.objects.count(),
        PracticeTest.objects.filter(user=demo).count(),
        ReviewLog.objects.filter(user=demo).count(),
    )
