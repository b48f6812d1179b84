"""Card text between Cram Markdown and Anki HTML: math delimiters, markup, media, clozes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from questions.interchange import anki_html_to_markdown, markdown_to_anki_html
from questions.interchange.markup import cloze_sides
from questions.mathinput.markdown import render_markdown


@pytest.mark.parametrize(
    ("anki", "cram"),
    [
        (r"What is \(\lambda\)?", r"What is $\lambda$?"),
        (r"[$]x^2[/$] and [$$]\sum_i x_i[/$$]", "$x^2$ and\n\n$$\\sum_i x_i$$"),
        (r"Solve \[Av = \lambda v\] for v", "Solve\n\n$$Av = \\lambda v$$\n\nfor v"),
        (r"\(a &lt; b&nbsp;\) and \(x<br>+ y\)", "$a < b$ and $x + y$"),
        (r"\(x_1 * y_2\)", "$x_1 * y_2$"),
        (r"empty \(\) math", "empty math"),
        (r"unclosed \(x", r"unclosed \(x"),
    ],
)
def test_anki_math_becomes_dollar_math(anki, cram):
    assert anki_html_to_markdown(anki) == cram


@pytest.mark.parametrize(
    ("anki", "cram"),
    [
        ("one<br>two<br/>three", "one\ntwo\nthree"),
        ("<div>one</div><div>two</div>", "one\ntwo"),
        ("<div>one</div><div><br></div><div>two</div>", "one\n\ntwo"),
        ("<b>bold</b>, <i>it</i>, <strong>s</strong>, <em>e</em>", "**bold**, *it*, **s**, *e*"),
        ('<span style="color: red">kept</span> <font>text</font>', "kept text"),
        ("a &amp; b &lt;c&gt; &quot;d&quot; &#955;", 'a & b <c> "d" λ'),
        ("raw\nnewlines   and  spaces", "raw newlines and spaces"),
        ("costs $5 and snake_case * 2", r"costs \$5 and snake\_case \* 2"),
        ("x<sup>2</sup>, e<sup>-x</sup>, H<sub>2</sub>O", r"x^2, e^(-x), H\_2O"),
        ("<ul><li>one</li><li>two</li></ul>", "- one\n- two"),
        ("<script>alert(1)</script>safe", "safe"),
    ],
)
def test_anki_markup_becomes_markdown(anki, cram):
    assert anki_html_to_markdown(anki) == cram


def test_media_become_markers():
    text = anki_html_to_markdown('see<img src="cat.jpg">here[sound:meow.mp3]done')
    assert text == "see (image omitted) here (sound omitted) done"


def test_deeply_nested_tags_keep_their_words():
    assert anki_html_to_markdown("<b>" * 5000 + r"deep \(x\) $" + "</b>" * 5000) == r"deep $x$ \$"


def test_placeholders_cannot_be_forged():
    # The text of an Anki field cannot guess the random key that stands for math.
    text = r"cram0000000000000000m0x \(y\)"
    assert anki_html_to_markdown(text) == "cram0000000000000000m0x $y$"


@pytest.mark.parametrize(
    ("cram", "anki"),
    [
        (r"What is $\lambda$?", r"What is \(\lambda\)?"),
        ("para\n\n$$\\sum_i x_i$$\n\nmore", r"<p>para</p><div>\[\sum_i x_i\]</div><p>more</p>"),
        ("inline $$x^2$$ display", r"inline \[x^2\] display"),
        ("$a<b$ and a<b", r"\(a&lt;b\) and a&lt;b"),
        ("**bold** and *it*\nnext line", "<strong>bold</strong> and <em>it</em><br>next line"),
        ("costs $5 and $6", "costs $5 and $6"),
        ("$c$ is 5", r"\(c\) is 5"),
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("- one\n- two", "<ul><li>one</li><li>two</li></ul>"),
    ],
)
def test_markdown_becomes_anki_html(cram, anki):
    assert markdown_to_anki_html(cram) == anki


def test_anki_html_agrees_with_crams_renderer_on_what_is_math():
    # The digit rule Cram's own renderer applies: "$5 and $6" is money, "$c$ is 5" is math.
    for text, is_math in [("costs $5 and $6", False), ("$c$ is 5", True)]:
        assert ("<math" in render_markdown(text)) is is_math
        assert ("\\(" in markdown_to_anki_html(text)) is is_math


_word = st.text(st.sampled_from("abcxyzAB019.,?!()'éλ→"), min_size=1, max_size=8)
_latex = st.text(st.sampled_from("abxyz0129+-=^_{}\\ "), min_size=1, max_size=12).map(str.strip)
_math = _latex.filter(lambda s: s and not s.endswith("\\")).map(lambda s: f"${s}$")
_styled = _word.map(lambda w: f"**{w}**") | _word.map(lambda w: f"*{w}*")
_line = st.lists(_word | _math | _styled, min_size=1, max_size=8).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(st.lists(_line, min_size=1, max_size=4).map("\n".join))
def test_cram_text_survives_a_trip_through_anki_html(text):
    assert anki_html_to_markdown(markdown_to_anki_html(text)) == text


@pytest.mark.parametrize(
    ("text", "front", "back"),
    [
        ("{{c1::Paris}} is in France", "[...] is in France", "**Paris** is in France"),
        ("{{c1::Paris::city}} is {{c2::big}}", "[city] is [...]", "**Paris** is **big**"),
        ("{{c1::$x^2$}} grows", "[...] grows", "**$x^2$** grows"),
        ("{{c1::a {{c2::b}} c}}!", "[...]!", "**a b c**!"),
        ("{{c1::f}}(x)", r"\[...](x)", "**f**(x)"),
        ("stray }} and {{c1::open", "stray }} and {{c1::open", "stray }} and {{c1::open"),
        ("no cloze", "no cloze", "no cloze"),
    ],
)
def test_cloze_sides(text, front, back):
    assert cloze_sides(text) == (front, back)


_html_bits = st.sampled_from(
    ["<", ">", "</", "/>", "b", "i", "div", "br", "li", "ul", "ol", "table", "tr", "td", "th",
     "pre", "code", "a href=", "img src=", "sup", "sub", " ", "\n", "&", "amp;", "#", "x",
     "\\(", "\\)", "\\[", "\\]", "[$]", "[/$]", "[$$]", "[/$$]", "$", "{{c1::", "::", "}}",
     "[sound:", "]", '"', "'", "=", "*", "_", "<!--", "-->", "<![CDATA[", "<?", "start=9"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_html_bits | st.text(max_size=3), max_size=40).map("".join))
def test_any_field_converts_without_error(field):
    text = anki_html_to_markdown(field)
    front, back = cloze_sides(text)
    assert isinstance(front, str) and isinstance(back, str)
    assert isinstance(markdown_to_anki_html(text), str)
