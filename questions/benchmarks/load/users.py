"""Create the load-test learners (with API tokens) through the ORM and write them to a JSON file.

Run as `python -m questions.benchmarks.load.users --count 160 --out users.json` with the same
`DATABASE_URL` and settings as the server; `run.py` does. Idempotent: existing users are kept.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

USERNAME = "load{:04d}"


def create_users(count: int, password: str, *, prefix: str = USERNAME) -> list[dict[str, str]]:
    """`count` learners sharing one password (hashed once: the production hasher is slow on
    purpose), each with a token and a logged-in browser session (its cookie and a CSRF
    secret), returned as username/password/token/session/csrf records."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.utils.crypto import get_random_string
    from rest_framework.authtoken.models import Token

    user_model = get_user_model()
    names = [prefix.format(i) for i in range(count)]
    existing = set(user_model.objects.filter(username__in=names).values_list("username", flat=True))
    hashed = make_password(password)
    user_model.objects.bulk_create(
        user_model(username=name, password=hashed) for name in names if name not in existing
    )
    user_model.objects.filter(username__in=names).update(password=hashed)
    users = dict(user_model.objects.filter(username__in=names).values_list("username", "id"))
    tokens = dict(Token.objects.filter(user_id__in=users.values()).values_list("user_id", "key"))
    Token.objects.bulk_create(
        Token(user_id=uid, key=Token.generate_key()) for uid in users.values() if uid not in tokens
    )
    tokens = dict(Token.objects.filter(user_id__in=users.values()).values_list("user_id", "key"))
    sessions = {
        user.pk: _logged_in_session(user)
        for user in user_model.objects.filter(pk__in=users.values())
    }
    return [
        {
            "username": n,
            "password": password,
            "token": tokens[users[n]],
            "session": sessions[users[n]],
            "csrf": get_random_string(32),
        }
        for n in names
    ]


def _logged_in_session(user) -> str:
    """A session as `django.contrib.auth.login` leaves it, without the password check."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quizsite.settings.local")
    import django

    django.setup()
    args.out.write_text(json.dumps(create_users(args.count, args.password)))


if __name__ == "__main__":
    main()
