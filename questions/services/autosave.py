"""The autosave of an open test as one SQL statement: the hottest write of a test, kept to a
single round trip. `practice.response_save` tries it first and falls back to its locked path,
which owns every refusal (closed, overdue, no such question, someone else's test)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection
from rest_framework.authtoken.models import Token

from questions.models import (
    DEADLINE_GRACE,
    MAX_RESPONSE_LENGTH,
    PracticeTest,
    PracticeTestItem,
    Variant,
)


@dataclass(frozen=True)
class SavedAnswer:
    """What an autosave stored, with what the "interpreted as" echo needs of the variant."""

    index: int
    response: str
    flagged: bool
    saved_at: datetime | None
    kind: str
    variables: Any = None


def _quoted(name: str) -> str:
    return connection.ops.quote_name(name)


def _token_owner() -> str:
    """The user id behind an API token of an active account (DRF's TokenAuthentication)."""
    user_model = get_user_model()
    user, token = _quoted(user_model._meta.db_table), _quoted(Token._meta.db_table)
    active = _quoted(user_model._meta.get_field("is_active").column)
    return (
        f"(SELECT k.{_quoted('user_id')} FROM {token} k INNER JOIN {user} u "  # noqa: S608
        f"ON u.{_quoted('id')} = k.{_quoted('user_id')} "
        f"WHERE k.{_quoted('key')} = %s AND u.{active} = %s)"
    )


def _open_test(owner: str, lock: str) -> str:
    """The learner's test if it accepts answers: `PracticeTest.accepts_answers` as SQL
    (in progress, deadline plus grace not passed). Parameters: id, owner, status, cut-off."""
    test = _quoted(PracticeTest._meta.db_table)
    return (
        f"SELECT t.{_quoted('id')}, t.{_quoted('current_index')} FROM {test} t "  # noqa: S608
        f"WHERE t.{_quoted('id')} = %s AND t.{_quoted('user_id')} = {owner} "
        f"AND t.{_quoted('status')} = %s AND t.{_quoted('deadline')} >= %s{lock}"
    )


@cache
def _statement(vendor: str, columns: tuple[str, ...], by_token: bool) -> str:
    """Save the item only while its test is open for the learner (a user id, or an API token
    checked here rather than by a query of its own); return what was stored, the variant's
    kind and options and the learner's place before the save.

    PostgreSQL does it all in one statement, moving the learner's place too: the test row is
    locked first (as a submit locks it), so a concurrent submit either waits for this save
    or makes it miss, and two saves queue instead of deadlocking. SQLite, whose writers are
    serialised anyway, moves the place in a second statement."""
    item, test, variant = (
        _quoted(model._meta.db_table) for model in (PracticeTestItem, PracticeTest, Variant)
    )
    owner = _token_owner() if by_token else "%s"
    sets = ", ".join(f"{_quoted(column)} = %s" for column in columns)
    index, test_id, current = _quoted("index"), _quoted("test_id"), _quoted("current_index")
    kind, options, pk = _quoted("kind"), _quoted("options"), _quoted("id")
    if vendor == "postgresql":
        return (
            f"WITH open_test AS ({_open_test(owner, ' FOR NO KEY UPDATE')}), "  # noqa: S608
            f"saved AS (UPDATE {item} SET {sets} FROM open_test o "
            f"WHERE {item}.{test_id} = o.{pk} AND {item}.{index} = %s "
            f"RETURNING {item}.{_quoted('response')}, {item}.{_quoted('flagged')}, "
            f"{item}.{_quoted('variant_id')}, o.{current}), "
            f"moved AS (UPDATE {test} SET {current} = %s "
            f"WHERE {pk} = (SELECT o.{pk} FROM open_test o) AND {current} <> %s "
            f"AND EXISTS (SELECT 1 FROM saved)) "
            f"SELECT s.{_quoted('response')}, s.{_quoted('flagged')}, v.{kind}, v.{options}, "
            f"s.{current} FROM saved s INNER JOIN {variant} v "
            f"ON v.{pk} = s.{_quoted('variant_id')}"
        )
    return (
        f"UPDATE {item} SET {sets} "  # noqa: S608 (quoted names; values are parameters)
        f"WHERE {item}.{test_id} = (SELECT {pk} FROM ({_open_test(owner, '')})) "
        f"AND {item}.{index} = %s "
        f"RETURNING {item}.{_quoted('response')}, {item}.{_quoted('flagged')}, "
        f"(SELECT v.{kind} FROM {variant} v WHERE v.{pk} = {item}.{_quoted('variant_id')}), "
        f"(SELECT v.{options} FROM {variant} v WHERE v.{pk} = {item}.{_quoted('variant_id')}), "
        f"(SELECT t.{current} FROM {test} t WHERE t.{pk} = {item}.{test_id})"
    )


def _is_index(index: object) -> bool:
    """A possible item position: anything else is refused by the locked path (and would not
    even bind as the column's type on PostgreSQL)."""
    if not isinstance(index, int) or isinstance(index, bool):
        return False
    low, high = connection.ops.integer_field_range("PositiveSmallIntegerField")
    return low <= index <= high


def supported() -> bool:
    """PostgreSQL, and SQLite from 3.35 (RETURNING); elsewhere only the locked path runs."""
    return connection.vendor == "postgresql" or (
        connection.vendor == "sqlite" and connection.features.can_return_columns_from_insert
    )


def save_while_open(
    *,
    user_id: int | None = None,
    token_key: str | None = None,
    test_id: int,
    index: int,
    response: str | None,
    flagged: bool | None,
    now: datetime,
) -> SavedAnswer | None:
    """Store the response (and flag, if given) of item `index` if the test accepts answers
    at `now`, and move the learner's place there. The learner is `user_id` or whoever holds
    `token_key`. None when nothing was stored, for any reason (an unknown token included); a
    flag alone (rare) always takes the locked path."""
    if (user_id is None) == (token_key is None):
        raise ValueError("Give the learner as exactly one of user_id and token_key.")
    if response is None or len(response) > MAX_RESPONSE_LENGTH:
        return None  # the locked path refuses an over-long answer with its message
    if not (supported() and _is_index(index)):
        return None
    values: dict[str, Any] = {
        "response": response,
        "response_saved_at": connection.ops.adapt_datetimefield_value(now),
    }
    if flagged is not None:
        values["flagged"] = bool(flagged)
    vendor = connection.vendor
    open_test = [
        test_id,
        *((user_id,) if token_key is None else (token_key, True)),
        PracticeTest.Status.IN_PROGRESS,
        connection.ops.adapt_datetimefield_value(now - DEADLINE_GRACE),
    ]
    if vendor == "postgresql":  # the test first, then the save, then the learner's new place
        params = [*open_test, *values.values(), index, index, index]
    else:
        params = [*values.values(), *open_test, index]
    with connection.cursor() as cursor:
        cursor.execute(_statement(vendor, tuple(values), token_key is not None), params)
        row = cursor.fetchone()
        if row is None:
            return None
        saved_response, saved_flag, kind, options, current_index = row
        if vendor != "postgresql" and current_index != index:
            cursor.execute(
                f"UPDATE {_quoted(PracticeTest._meta.db_table)} SET "  # noqa: S608
                f"{_quoted('current_index')} = %s WHERE {_quoted('id')} = %s",
                [index, test_id],
            )
    if isinstance(options, str):  # JSON arrives as text from both backends
        options = json.loads(options)
    return SavedAnswer(
        index=index,
        response=saved_response,
        flagged=bool(saved_flag),
        saved_at=now,
        kind=kind,
        variables=(options or {}).get("variables"),
    )
