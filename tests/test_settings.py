"""Production settings pass Django's deployment checklist when the usual variables are set."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="quizsite.settings.production",
        SECRET_KEY="k" * 20 + "Zr8#Lq!w2@Xv9$Mn5^Tb7&Hy3*Pd6(Fs4)Jg1-Kc0_Ue",
        ALLOWED_HOSTS="cram.example.com",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = _manage("check", DJANGO_SETTINGS_MODULE="quizsite.settings.production", SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def _postgres_options(**env: str) -> str:
    code = "from django.conf import settings; print(settings.DATABASES['default']['OPTIONS'])"
    result = _manage(
        "shell",
        "-c",
        code,
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/cram",
        DJANGO_SETTINGS_MODULE="quizsite.settings.local",
        **env,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_postgres_prepares_hot_queries_unless_a_pooler_forbids_it():
    assert "'server_side_binding': True, 'prepare_threshold': 5" in _postgres_options()
    off = _postgres_options(DATABASE_PREPARE_THRESHOLD="0")
    assert "'prepare_threshold': None" in off
