"""The Django admin: shared content and question authoring."""

from . import authoring, content

__all__ = ["authoring", "content"]
