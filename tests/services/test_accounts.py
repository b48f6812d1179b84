"""Account services and the commands `make run` calls."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from questions.models import Topic
from questions.services.accounts import demo_user_ensure

pytestmark = pytest.mark.django_db


def test_demo_user_is_created_once_with_a_random_password():
    user, password = demo_user_ensure()
    assert password and len(password) >= 12
    assert user.check_password(password)
    again, second = demo_user_ensure()
    assert again.pk == user.pk and second is None


def test_demo_user_passwords_differ_between_installs():
    _, first = demo_user_ensure(username="demo-a")
    _, second = demo_user_ensure(username="demo-b")
    assert first != second


def test_ensure_demo_user_command_prints_and_stores_the_password(tmp_path, capsys):
    password_file = tmp_path / "pw"
    call_command("ensure_demo_user", password_file=str(password_file))
    password = password_file.read_text().strip()
    assert f"password {password}" in capsys.readouterr().out
    assert get_user_model().objects.get(username="demo").check_password(password)
    call_command("ensure_demo_user", password_file=str(password_file))
    assert "already exists" in capsys.readouterr().out


def test_load_content_is_idempotent_and_builds_the_tree():
    call_command("load_content", verbosity=0)
    count = Topic.objects.count()
    call_command("load_content", verbosity=0)
    assert Topic.objects.count() == count >= 40
    assert set(Topic.objects.values_list("area", flat=True)) == {"math", "ml", "dl", "nlp"}
    conv = Topic.objects.get(slug="conv-output-size")
    assert conv.parent.slug == "convolution" and conv.area == "dl"
    for topic in Topic.objects.select_related("parent"):
        topic.full_clean()
