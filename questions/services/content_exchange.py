"""Authored templates and shared decks as one JSON document, and back (idempotent by slug).

Used by the admin's export action and import page and by `manage.py export_content` /
`import_content`. An import is all or nothing, and a bad file is refused with the line (for
JSON syntax) or the field path at fault.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import prefetch_related_objects

from questions.authoring import SpecError, SpecTemplate
from questions.models import AuthoredTemplate, AuthoredTemplateVersion, Card, Deck, Topic
from questions.models.authoring import SPEC_FIELDS
from questions.services.authoring import published_templates, spec_and_info
from questions.services.deck_counts import deck_card_counts_refresh

FORMAT = "cram-content"
VERSION = 1
MAX_BYTES = 20 * 1024 * 1024


class ContentError(ValueError):
    """A content file Cram refuses; the message names the line or the field."""


def content_export(
    *, templates: list[AuthoredTemplate] | None = None, decks: list[Deck] | None = None
) -> dict[str, Any]:
    templates = (
        list(AuthoredTemplate.objects.select_related("topic").order_by("slug"))
        if templates is None
        else templates
    )
    decks = (
        list(Deck.objects.filter(owner__isnull=True).order_by("slug")) if decks is None else decks
    )
    prefetch_related_objects(templates, "versions")
    prefetch_related_objects(decks, "cards__topic")
    return {
        "format": FORMAT,
        "version": VERSION,
        "templates": [
            {
                "slug": t.slug,
                **t.content(),
                "status": t.status,
                "versions": [
                    {"version": v.version, "content": v.content}
                    for v in sorted(t.versions.all(), key=lambda v: v.version)
                ],
            }
            for t in templates
        ],
        "decks": [
            {
                "slug": d.slug,
                "name": d.name,
                "description": d.description,
                "area": d.area,
                "cards": [
                    {
                        "key": c.key or f"card-{c.id}",
                        "kind": c.kind,
                        "front": c.front,
                        "back": c.back,
                        "template_slug": c.template_slug,
                        "tags": c.tags,
                        "topic": c.topic.slug if c.topic else None,
                    }
                    for c in sorted(d.cards.all(), key=lambda c: c.id)
                ],
            }
            for d in decks
        ],
    }


def content_loads(text: bytes | str) -> dict[str, Any]:
    if len(text) > MAX_BYTES:
        raise ContentError(f"The file is larger than {MAX_BYTES // 2**20} MB.")
    try:
        data = json.loads(text)
    except UnicodeDecodeError:
        raise ContentError("The file is not UTF-8 text.") from None
    except json.JSONDecodeError as exc:
        raise ContentError(f"Line {exc.lineno}, column {exc.colno}: {exc.msg}.") from None
    return data


def _get(obj: Any, key: str, path: str, kind: type | tuple[type, ...], optional: bool = False):
    if not isinstance(obj, dict):
        raise ContentError(f"{path}: expected an object.")
    if key not in obj:
        if optional:
            return None
        raise ContentError(f"{path}.{key}: missing.")
    value = obj[key]
    if value is None and optional:
        return None
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
        raise ContentError(f"{path}.{key}: wrong type.")
    return value


def _list(obj: Any, key: str, path: str) -> list:
    return _get(obj, key, path, list)


def _topic(slug: str | None, path: str) -> Topic | None:
    if slug is None:
        return None
    topic = Topic.objects.filter(slug=slug).first()
    if topic is None:
        raise ContentError(f"{path}: unknown topic {slug!r}.")
    return topic


def _validate(instance, path: str) -> None:
    try:
        instance.full_clean()
    except ValidationError as exc:
        raise ContentError(f"{path}: {'; '.join(exc.messages)}") from None


@transaction.atomic
def content_import(*, data: Any) -> dict[str, int]:
    """Create or update templates and shared decks by slug (cards by key); all or nothing."""
    if _get(data, "format", "file", str) != FORMAT or _get(data, "version", "file", int) != VERSION:
        raise ContentError("file: not a Cram content export (format or version).")
    counts = {"templates": 0, "versions": 0, "decks": 0, "cards": 0}
    for i, item in enumerate(_list(data, "templates", "file")):
        path = f"templates[{i}]"
        slug = _get(item, "slug", path, str)
        fields = {name: _get(item, name, path, str) for name in SPEC_FIELDS}
        template, _ = AuthoredTemplate.objects.update_or_create(
            slug=slug,
            defaults={
                **fields,
                "title": _get(item, "title", path, str),
                "topic": _topic(_get(item, "topic", path, str), f"{path}.topic"),
                "difficulty": _get(item, "difficulty", path, int),
                "kind": _get(item, "kind", path, str),
                "options": _get(item, "options", path, dict),
                "status": _get(item, "status", path, str),
            },
        )
        try:
            template.full_clean()
            SpecTemplate(template.spec(), template.info())
        except ValidationError as exc:
            raise ContentError(f"{path}: {'; '.join(exc.messages)}") from None
        except SpecError as exc:
            raise ContentError(f"{path}.{exc.issues[0]}") from None
        for j, version in enumerate(_list(item, "versions", path)):
            number = _get(version, "version", f"{path}.versions[{j}]", int)
            content = _get(version, "content", f"{path}.versions[{j}]", dict)
            try:
                SpecTemplate(*spec_and_info(content, slug, number))
            except (SpecError, KeyError, TypeError, Topic.DoesNotExist) as exc:
                raise ContentError(
                    f"{path}.versions[{j}].content: not a readable template ({exc})."
                ) from None
            _, made = AuthoredTemplateVersion.objects.get_or_create(
                template=template, version=number, defaults={"content": content}
            )
            counts["versions"] += made
            template.version = max(template.version, number)
        template.save(update_fields=["version"])
        counts["templates"] += 1
    for i, item in enumerate(_list(data, "decks", "file")):
        path = f"decks[{i}]"
        deck, _ = Deck.objects.update_or_create(
            owner=None,
            slug=_get(item, "slug", path, str),
            defaults={
                "name": _get(item, "name", path, str),
                "description": _get(item, "description", path, str),
                "area": _get(item, "area", path, str),
            },
        )
        _validate(deck, path)
        for j, entry in enumerate(_list(item, "cards", path)):
            cpath = f"{path}.cards[{j}]"
            card, _ = Card.objects.update_or_create(
                deck=deck,
                key=_get(entry, "key", cpath, str),
                defaults={
                    "kind": _get(entry, "kind", cpath, str),
                    "front": _get(entry, "front", cpath, str),
                    "back": _get(entry, "back", cpath, str),
                    "template_slug": _get(entry, "template_slug", cpath, str),
                    "tags": _get(entry, "tags", cpath, str),
                    "topic": _topic(
                        _get(entry, "topic", cpath, str, optional=True), f"{cpath}.topic"
                    ),
                },
            )
            _validate(card, cpath)
            counts["cards"] += 1
        deck_card_counts_refresh([deck.id])
        counts["decks"] += 1
    transaction.on_commit(published_templates.invalidate)
    return counts
