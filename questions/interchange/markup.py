"""Card text between Cram's Markdown (math in `$...$`, `$$...$$`) and Anki's HTML fields
(math in `\\(...\\)`, `\\[...\\]`, `[$]...[/$]`), both ways, plus Anki's cloze deletions."""

from __future__ import annotations

import html
import re
import secrets
from collections.abc import Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdownify import MarkdownConverter
from mdit_py_plugins.dollarmath import dollarmath_plugin

from questions.mathinput.markdown import dollar_math_inline

# Spaced so they never stick to a word; rendered Markdown shows a run of spaces as one.
IMAGE_OMITTED = " (image omitted) "
SOUND_OMITTED = " (sound omitted) "
VIDEO_OMITTED = " (video omitted) "
CLOZE_BLANK = "[...]"

# Anki's MathJax and LaTeX delimiters; an opener counts only with its own closer.
_ANKI_MATH = re.compile(r"\\\(|\\\)|\\\[|\\\]|\[\$\$?\]|\[/\$\$?\]")
_CLOSERS = {"\\(": "\\)", "\\[": "\\]", "[$]": "[/$]", "[$$]": "[/$$]"}
_DISPLAY = {"\\[", "[$$]"}
_SOUND = re.compile(r"\[sound:[^\]\n]*\]")
_TAG = re.compile(r"<[^>]*>")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_CLOZE = re.compile(r"\{\{c\d+::|\}\}")
# A random nonce per field keeps the field's own text from forging a placeholder.
_PLACEHOLDER = re.compile(r"([ \t]*)(cram[0-9a-f]{16}m\d+x)([ \t]*)")


class _AnkiConverter(MarkdownConverter):
    """markdownify, tuned to card fields: a <br> or <div> is one line, media become markers."""

    class Options(MarkdownConverter.DefaultOptions):
        heading_style = "atx"
        bullets = "-"
        # HTML whitespace (raw newlines included) is one space; only tags make lines.
        wrap = True
        wrap_width = None

    def escape(self, text: str, parent_tags: set[str]) -> str:
        # A "$" in Anki's text is a dollar, never math in Cram.
        return super().escape(text, parent_tags).replace("$", "\\$")

    def convert_br(self, el: Any, text: str, parent_tags: set[str]) -> str:
        return " " if "_inline" in parent_tags else "\n"

    def convert_div(self, el: Any, text: str, parent_tags: set[str]) -> str:
        if "_inline" in parent_tags:
            return f" {text.strip()} "
        if text.strip():
            return f"\n{text.strip()}\n"
        # Anki's editor writes an empty line as <div><br></div>.
        return "\n\n" if "\n" in text else ""

    def convert_img(self, el: Any, text: str, parent_tags: set[str]) -> str:
        return IMAGE_OMITTED

    def convert_video(self, el: Any, text: str, parent_tags: set[str]) -> str:
        return VIDEO_OMITTED

    def convert_sup(self, el: Any, text: str, parent_tags: set[str]) -> str:
        return _script("^", text)

    def convert_sub(self, el: Any, text: str, parent_tags: set[str]) -> str:
        return _script("\\_", text)


def _script(mark: str, text: str) -> str:
    text = text.strip()
    if not text:
        return ""
    return f"{mark}{text}" if len(text) == 1 else f"{mark}({text})"


_CONVERTER = _AnkiConverter()


def anki_html_to_markdown(field: str) -> str:
    """One Anki field as Cram Markdown: math kept as LaTeX, markup as Markdown, media as markers."""
    nonce = secrets.token_hex(8)
    field, math = _lift_math(_SOUND.sub(SOUND_OMITTED, field), nonce)
    try:
        text = _CONVERTER.convert(field)
    except RecursionError:
        # Pathologically nested tags: keep the words, lose the formatting.
        text = html.unescape(_TAG.sub("", _BR.sub("\n", field))).replace("$", "\\$")

    def restore(match: re.Match[str]) -> str:
        before, key, after = match.groups()
        latex = math.get(key)
        if latex is None:
            return match.group()
        # Display math brings its own blank lines; spaces beside them would indent the text.
        return latex if latex.startswith("\n") else f"{before}{latex}{after}"

    text = _PLACEHOLDER.sub(restore, text)
    text = re.sub(r"[ \t]+\n", "\n", text.replace("\xa0", " "))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _lift_math(field: str, nonce: str) -> tuple[str, dict[str, str]]:
    """Swap each math span for a placeholder markdownify leaves alone; return the spans as
    Cram math. One pass over the delimiters, so hostile fields cost linear time."""
    parts: list[str] = []
    math: dict[str, str] = {}
    pos = start = 0
    opener: str | None = None
    for match in _ANKI_MATH.finditer(field):
        token = match.group()
        if opener is None:
            if token in _CLOSERS:
                opener, start = token, match.start()
        elif token == _CLOSERS[opener]:
            latex = _math_text(field[start + len(opener) : match.start()])
            parts.append(field[pos:start])
            if latex:
                key = f"cram{nonce}m{len(math)}x"
                # Cram shows `$$...$$` as display math only as a paragraph of its own.
                display = opener in _DISPLAY
                math[key] = f"\n\n$${latex}$$\n\n" if display else f"${latex}$"
                parts.append(key)
            pos, opener = match.end(), None
    parts.append(field[pos:])
    return "".join(parts), math


def _math_text(span: str) -> str:
    """LaTeX from the HTML inside a math span (Anki's editor may put tags and entities there)."""
    return html.unescape(_TAG.sub("", _BR.sub(" ", span))).replace("\xa0", " ").strip()


def cloze_sides(text: str) -> tuple[str, str]:
    """A cloze note's text as (front, back): each deletion blanked as `[...]` (or `[hint]`) on
    the front and shown in bold on the back; nested deletions count as part of the outer one."""
    # Each frame holds (opener, front parts, back parts); a stack keeps nesting linear-time.
    frames: list[tuple[str, list[str], list[str]]] = [("", [], [])]
    pos = 0
    for match in _CLOZE.finditer(text):
        mark = match.group()
        if mark == "}}" and len(frames) == 1:
            continue  # a stray closer is plain text
        piece = text[pos : match.start()]
        frames[-1][1].append(piece)
        frames[-1][2].append(piece)
        pos = match.end()
        if mark != "}}":
            frames.append((mark, [], []))
            continue
        _, _, back = frames.pop()
        answer, _, hint = "".join(back).partition("::")
        blank = f"[{hint}]" if hint else CLOZE_BLANK
        if text[pos : pos + 1] in ("(", "["):
            blank = "\\" + blank  # "[...](x)" would be a link
        frames[-1][1].append(blank)
        outermost = len(frames) == 1
        frames[-1][2].append(f"**{answer}**" if outermost and answer.strip() else answer)
    tail = text[pos:]
    frames[-1][1].append(tail)
    frames[-1][2].append(tail)
    while len(frames) > 1:  # unclosed deletions stay as written
        opener, front, back = frames.pop()
        frames[-1][1].append(opener + "".join(front))
        frames[-1][2].append(opener + "".join(back))
    return "".join(frames[0][1]), "".join(frames[0][2])


def _render_math(template: str):
    def render(self: Any, tokens: Sequence[Any], idx: int, options: Any, env: Any) -> str:
        return template.format(escapeHtml(tokens[idx].content.strip()))

    return render


def _anki_markdown() -> MarkdownIt:
    # Cram's renderer's settings (no raw HTML, no digits next to a `$`), so a card reads the
    # same in Anki as in Cram; single newlines become <br>, as a learner typing them means,
    # and `$$...$$` inside a line is display math, as its author meant.
    md = MarkdownIt("commonmark", {"html": False, "breaks": True, "xhtmlOut": False})
    md.enable("table").use(dollarmath_plugin, allow_digits=False)
    md.inline.ruler.at("math_inline", dollar_math_inline(allow_double=True))
    for rule, template in [
        ("math_inline", "\\({}\\)"),
        ("math_inline_double", "\\[{}\\]"),
        ("math_block", "<div>\\[{}\\]</div>"),
        ("math_block_label", "<div>\\[{}\\]</div>"),
    ]:
        md.add_render_rule(rule, _render_math(template))
    return md


_MARKDOWN = _anki_markdown()


def markdown_to_anki_html(text: str) -> str:
    """Cram Markdown as an Anki field: HTML with MathJax `\\(...\\)` / `\\[...\\]` math."""
    rendered = _MARKDOWN.render(text).replace("<br>\n", "<br>").strip()
    rendered = re.sub(r">\n+<", "><", rendered)
    # A one-paragraph card needs no <p>, whose margins Anki would show.
    if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
        return rendered[len("<p>") : -len("</p>")]
    return rendered
