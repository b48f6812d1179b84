"""Template filters that render math: `latex|math`, `latex|mathblock` and `text|markdown`."""

from __future__ import annotations

from datetime import timedelta

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from questions.grading import interpret
from questions.mathinput.markdown import render_markdown
from questions.mathinput.mathml import latex_to_mathml_or_code

register = template.Library()


@register.filter(name="math")
def math_filter(latex: object) -> SafeString:
    """Inline MathML for a LaTeX string (sanitised; refused LaTeX is shown as code)."""
    return mark_safe(latex_to_mathml_or_code(str(latex)))  # noqa: S308 - rebuilt from an allowlist


@register.filter(name="mathblock")
def mathblock_filter(latex: object) -> SafeString:
    """Display-style MathML for a LaTeX string."""
    return mark_safe(latex_to_mathml_or_code(str(latex), display=True))  # noqa: S308


@register.filter(name="markdown")
def markdown_filter(text: object) -> SafeString:
    """Markdown with $math$ to sanitised HTML."""
    return mark_safe(render_markdown(str(text)))  # noqa: S308 - sanitised by nh3


@register.filter(name="answer_math")
def answer_math_filter(variant) -> SafeString:
    """The correct answer of a variant, as the learner would have typed it, rendered."""
    if variant.kind in {"choice", "text"}:
        return mark_safe(f"<strong>{escape(variant.answer)}</strong>")  # noqa: S308
    preview = interpret(variant.kind, variant.answer)
    if preview.error:
        return mark_safe(f"<code>{escape(variant.answer)}</code>")  # noqa: S308
    return math_filter(preview.latex)


@register.filter(name="duration")
def duration_filter(value: timedelta | int | None) -> str:
    """12 min 30 s, 1 h 5 min, 45 s."""
    if value is None:
        return "—"
    seconds = int(value.total_seconds() if isinstance(value, timedelta) else value)
    hours, rest = divmod(max(seconds, 0), 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes} min"
    if minutes:
        return f"{minutes} min {seconds} s" if seconds else f"{minutes} min"
    return f"{seconds} s"


@register.filter(name="percent")
def percent_filter(value: float | None, digits: int = 0) -> str:
    """0.873 → "87%"."""
    if value is None:
        return "—"
    return f"{100 * float(value):.{int(digits)}f}%"


@register.filter(name="get_item")
def get_item_filter(mapping: dict, key: str):
    return mapping.get(key) if isinstance(mapping, dict) else None
