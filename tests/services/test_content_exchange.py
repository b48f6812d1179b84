"""Content import/export: lossless round trip, idempotent by slug, bad files refused with the
line or field at fault and nothing half-imported; the two management commands."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

from questions.models import AuthoredTemplate, AuthoredTemplateVersion, Card, Deck
from questions.services.content_exchange import (
    ContentError,
    content_export,
    content_import,
    content_loads,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(topics):
    """Two published authored templates (one with two versions), stored directly: the checks
    on save are tested in test_authoring."""
    from questions.authoring.examples import EXAMPLES
    from questions.models import Topic

    saved = []
    for name in ("softmax", "matrix-product"):
        info, spec = EXAMPLES[name]
        template = AuthoredTemplate.objects.create(
            slug=info.slug, title=info.title, topic=Topic.objects.get(slug=info.topic),
            difficulty=info.difficulty, kind=info.kind, options=dict(info.options),
            status="published", **spec.as_dict(),
        )  # fmt: skip
        AuthoredTemplateVersion.objects.create(
            template=template, version=1, content=template.content()
        )
        saved.append(template)
    saved[0].title += " (revised)"
    saved[0].version = 2
    saved[0].save()
    AuthoredTemplateVersion.objects.create(template=saved[0], version=2, content=saved[0].content())
    return saved


def _rows():
    return (
        sorted((t.slug, json.dumps(t.content(), sort_keys=True), t.status, t.version) for t in AuthoredTemplate.objects.all()),
        sorted((v.template.slug, v.version, json.dumps(v.content, sort_keys=True)) for v in AuthoredTemplateVersion.objects.select_related("template")),
        sorted((c.deck.slug, c.key, c.kind, c.front, c.back, c.template_slug, c.tags) for c in Card.objects.filter(deck__owner__isnull=True).select_related("deck")),
    )  # fmt: skip


def test_export_then_import_into_an_empty_site_is_lossless(published):
    before = _rows()
    text = json.dumps(content_export())
    AuthoredTemplate.objects.all().delete()
    Deck.objects.filter(owner__isnull=True).delete()
    counts = content_import(data=content_loads(text))
    assert counts["templates"] == 2 and counts["versions"] == 3 and counts["decks"] == 4
    assert _rows() == before
    assert json.loads(json.dumps(content_export())) == json.loads(text)


def test_importing_the_same_file_twice_changes_nothing(published):
    data = content_loads(json.dumps(content_export()))
    before = _rows()
    counts = content_import(data=data)
    assert counts["versions"] == 0 and _rows() == before
    assert Card.objects.filter(deck__owner__isnull=True).count() == counts["cards"]


def test_an_import_updates_by_slug(published):
    data = content_export()
    data["templates"][0]["title"] = "Renamed on the other site"
    content_import(data=data)
    assert AuthoredTemplate.objects.get(slug=data["templates"][0]["slug"]).title == (
        "Renamed on the other site"
    )
    assert AuthoredTemplate.objects.count() == 2


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda d: d.update(format="anki"), "not a Cram content export"),
        (lambda d: d["templates"][1].pop("title"), "templates[1].title: missing."),
        (lambda d: d["templates"][1].update(difficulty="hard"), "templates[1].difficulty: wrong type."),
        (lambda d: d["templates"][1].update(topic="astrology"), "templates[1].topic: unknown topic 'astrology'."),
        (lambda d: d["templates"][1].update(answer="__import__('os')"), "templates[1].answer:"),
        (lambda d: d["templates"][1].update(kind="essay"), "templates[1]:"),
        (lambda d: d["templates"][1]["versions"][0]["content"].update(params="n: 10^10^10"), "templates[1].versions[0].content"),
        (lambda d: d["decks"][0]["cards"][2].update(front=7), "decks[0].cards[2].front: wrong type."),
    ],
)  # fmt: skip
def test_a_bad_file_names_the_fault_and_imports_nothing(published, damage, message):
    data = content_export()
    AuthoredTemplate.objects.all().delete()
    Deck.objects.filter(owner__isnull=True).delete()
    damage(data)
    with pytest.raises(ContentError) as refused:
        content_import(data=data)
    assert message in str(refused.value)
    assert not AuthoredTemplate.objects.exists() and not Deck.objects.exists()


def test_a_file_that_is_not_json_names_the_line(db):
    with pytest.raises(ContentError, match="Line 3, column 1"):
        content_loads('{\n "format": "cram-content",\n}')
    with pytest.raises(ContentError, match="not UTF-8"):
        content_loads(b"\xff\xfe{")
    with pytest.raises(ContentError, match="larger than 20 MB"):
        content_loads(b" " * (20 * 2**20 + 1))


def test_export_and_import_commands_round_trip(published, tmp_path, capsys):
    path = tmp_path / "content.json"
    call_command("export_content", "-o", str(path), "--template", published[1].slug)
    data = json.loads(path.read_text())
    assert [t["slug"] for t in data["templates"]] == [published[1].slug] and data["decks"] == []
    AuthoredTemplate.objects.filter(slug=published[1].slug).delete()
    call_command("import_content", str(path))
    assert "Imported 1 templates, 1 versions, 0 decks, 0 cards." in capsys.readouterr().out
    assert AuthoredTemplate.objects.get(slug=published[1].slug).version == 1


def test_import_command_refuses_a_bad_file(db, tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"format": "cram-content", "version": 1, "templates": [{}], "decks": []}')
    with pytest.raises(CommandError, match=r"Nothing was imported: templates\[0\].slug: missing"):
        call_command("import_content", str(path))
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_content", str(tmp_path / "missing.json"))
    with pytest.raises(CommandError, match="Unknown slug"):
        call_command("export_content", "--template", "nope")
