"""Markdown with math: rendered, sanitised, math swapped in last."""

from __future__ import annotations

from questions.mathinput.markdown import render_markdown


def test_inline_and_display_math_render_as_mathml():
    html = render_markdown("The loss is $x^2$.\n\n$$\\frac{1}{n}$$")
    assert '<math display="inline"><mrow><msup>' in html
    assert '<math display="block">' in html and "<mfrac>" in html


def test_raw_html_and_script_links_are_neutralised():
    html = render_markdown(
        "<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=1>"
    )
    assert "<script" not in html and "<img" not in html
    assert 'href="javascript' not in html


def test_prices_escaped_dollars_and_code_spans_are_not_math():
    assert "<math" not in render_markdown("A GPU costs $5 and a TPU $6")
    assert "<math" not in render_markdown(r"escaped \$x\$ stays text")
    html = render_markdown("code `$x$` is code")
    assert "<math" not in html and "<code>$x$</code>" in html


def test_links_get_safe_rel():
    html = render_markdown("[docs](https://pytorch.org)")
    assert 'href="https://pytorch.org"' in html and "noopener" in html


def test_refused_math_inside_markdown_is_escaped_code():
    html = render_markdown(r"see $\href{javascript:alert(1)}{x}$")
    assert '<code class="math-error"' in html and "javascript:alert(1)" in html
    assert "<mrow href" not in html


def test_math_at_the_start_of_a_paragraph_ending_in_a_digit_renders():
    html = render_markdown("$c$ is 5")
    assert "<math" in html and "$" not in html


def test_single_newlines_are_line_breaks_as_card_writers_mean_them():
    assert "<br" in render_markdown("first line\nsecond line")
