"""Question templates: a seeded generator engine (`generate`) and the built-in library.

Pure Python: numpy for randomness, sympy for exact answers, the grader for checking."""

from .base import Mistake, Template, TemplateError, Variant
from .engine import generate, generate_fresh, new_seed
from .registry import all_templates, available_templates, get_template, register
from .responses import grade_response

__all__ = [
    "Mistake",
    "Template",
    "TemplateError",
    "Variant",
    "all_templates",
    "available_templates",
    "generate",
    "generate_fresh",
    "get_template",
    "grade_response",
    "new_seed",
    "register",
]
