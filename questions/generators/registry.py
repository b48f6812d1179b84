"""The built-in templates by slug; library modules register themselves on import."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from .base import AREAS, Template, TemplateError

_TEMPLATES: dict[str, Template] = {}
_LIBRARY_MODULES = ("math", "ml", "dl", "nlp")
_loaded = False
# Templates defined outside the code (published by authors in the admin): the app plugs in a
# function returning them, so this package stays free of the database.
_provider: Callable[[], list[Template]] | None = None


def set_provider(provider: Callable[[], list[Template]] | None) -> None:
    global _provider
    _provider = provider


def register(cls: type[Template]) -> type[Template]:
    """Class decorator: instantiate and register a template under its slug."""
    if cls.slug in _TEMPLATES:
        raise ValueError(f"duplicate template slug {cls.slug!r}")
    if cls.area not in AREAS:
        raise ValueError(f"{cls.slug}: area must be one of {AREAS}")
    if cls.difficulty not in (1, 2, 3):
        raise ValueError(f"{cls.slug}: difficulty must be 1, 2 or 3")
    _TEMPLATES[cls.slug] = cls()
    return cls


def _load_library() -> None:
    global _loaded
    if not _loaded:
        for name in _LIBRARY_MODULES:
            importlib.import_module(f"questions.generators.library.{name}")
        _loaded = True


def get_template(slug: str) -> Template:
    """A built-in template, else a published authored one; TemplateError if neither."""
    _load_library()
    if slug in _TEMPLATES:
        return _TEMPLATES[slug]
    for template in _provider() if _provider else ():
        if template.slug == slug:
            return template
    raise TemplateError(f"Unknown template {slug!r}.")


def all_templates() -> list[Template]:
    """Every built-in template, ordered by area then slug."""
    _load_library()
    return sorted(_TEMPLATES.values(), key=lambda t: (AREAS.index(t.area), t.slug))


def available_templates() -> list[Template]:
    """What learners can be given: the built-in templates and the published authored ones."""
    authored = [t for t in (_provider() if _provider else ()) if t.slug not in _TEMPLATES]
    return all_templates() + sorted(authored, key=lambda t: (AREAS.index(t.area), t.slug))


def is_builtin(slug: str) -> bool:
    _load_library()
    return slug in _TEMPLATES
