"""Markdown with `$...$` / `$$...$$` math to sanitised HTML, for prompts, solutions and cards.

Math is rendered by `mathml.latex_to_mathml` and swapped in after nh3 has sanitised the
Markdown output, so the sanitiser never has to understand MathML and the MathML never
passes through anything that could un-escape it. Single newlines are line breaks, as people
typing a card mean them.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable
from contextvars import ContextVar
from functools import lru_cache
from typing import Any

import nh3
from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.dollarmath.index import math_inline_dollar

from .mathml import latex_to_mathml_or_code

MAX_MARKDOWN_LENGTH = 100_000

_ALLOWED_TAGS = {
    "p", "br", "hr", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li",
    "h1", "h2", "h3", "h4", "h5", "h6", "a", "table", "thead", "tbody", "tr", "th", "td",
    "span", "div", "del", "sub", "sup", "kbd",
}  # fmt: skip
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"style"}, "td": {"style"}, "code": {"class"}}
# Placeholders are unguessable from outside the process, so text cannot forge one.
_NONCE = secrets.token_hex(8)
_placeholders: ContextVar[dict[str, str]] = ContextVar("cram_math_placeholders")
_parsers = threading.local()


def dollar_math_inline(*, allow_double: bool = False) -> Callable[[StateInline, bool], bool]:
    """The dollarmath plugin's inline rule, except at the very start of a paragraph, where its
    "digit before the opening $" test reads the paragraph's *last* character and would drop
    `$c$ is 5`. Shared with the Anki exporter so both agree on what counts as math."""
    strict = math_inline_dollar(allow_space=True, allow_digits=False, allow_double=allow_double)
    lenient = math_inline_dollar(allow_space=True, allow_digits=True, allow_double=allow_double)

    def rule(state: StateInline, silent: bool) -> bool:
        return lenient(state, silent) if state.pos == 0 else strict(state, silent)

    return rule


def _render_math(content: str, options: dict[str, Any]) -> str:
    placeholders = _placeholders.get()
    key = f"cram{_NONCE}m{len(placeholders)}x"
    placeholders[key] = latex_to_mathml_or_code(
        content.strip(), display=bool(options.get("display_mode"))
    )
    return key


def _parser() -> MarkdownIt:
    parser = getattr(_parsers, "md", None)
    if parser is None:
        parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "breaks": True})
        parser.enable("table").use(dollarmath_plugin, allow_digits=False, renderer=_render_math)
        parser.inline.ruler.at("math_inline", dollar_math_inline())
        _parsers.md = parser
    return parser


@lru_cache(maxsize=4096)
def render_markdown(text: str) -> str:
    """Render learner- or author-supplied Markdown with math to safe HTML (cached: the same
    prompt is shown many times)."""
    if len(text) > MAX_MARKDOWN_LENGTH:
        text = text[:MAX_MARKDOWN_LENGTH]
    token = _placeholders.set({})
    try:
        html = nh3.clean(
            _parser().render(text),
            tags=_ALLOWED_TAGS,
            attributes=_ALLOWED_ATTRIBUTES,
            url_schemes={"http", "https", "mailto"},
            link_rel="noopener noreferrer nofollow",
            filter_style_properties={"text-align"},
        )
        for key, mathml in _placeholders.get().items():
            html = html.replace(key, mathml)
    finally:
        _placeholders.reset(token)
    return html
