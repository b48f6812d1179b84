"""Benchmark accounts."""

from __future__ import annotations

from django.contrib.auth import get_user_model


def bench_user(username: str):
    user, _ = get_user_model().objects.get_or_create(username=username)
    return user
