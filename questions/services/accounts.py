"""Learner accounts: sign-up and the demo account `make run` creates."""

from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

DEMO_USERNAME = "demo"


@transaction.atomic
def user_sign_up(*, username: str, password: str) -> AbstractBaseUser:
    """Create a learner account (the form has validated the password)."""
    return get_user_model().objects.create_user(username=username, password=password)


@transaction.atomic
def demo_user_ensure(*, username: str = DEMO_USERNAME) -> tuple[AbstractBaseUser, str | None]:
    """Create the demo learner if missing; return it and its new password (None if it existed)."""
    user_model = get_user_model()
    existing = user_model.objects.filter(username=username).first()
    if existing is not None:
        return existing, None
    password = secrets.token_urlsafe(12)
    return user_model.objects.create_user(username=username, password=password), password
