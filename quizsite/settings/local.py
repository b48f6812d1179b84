"""Settings for `make run` / `make dev` on a learner's own machine (plain HTTP on localhost)."""

from __future__ import annotations

from .base import *  # noqa: F403
from .base import env

# `make run` writes a random key into the git-ignored `.env`; this fallback only serves
# `manage.py` calls made before that, on a machine that is not a deployment.
SECRET_KEY = env("SECRET_KEY", default="django-insecure-local-only-run-make-run-to-replace")
