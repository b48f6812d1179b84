"""LaTeX to MathML: layout survives, hostile LaTeX does not."""

from __future__ import annotations

import re

import pytest

from questions.mathinput.mathml import LatexError, latex_to_mathml, latex_to_mathml_or_code


@pytest.mark.parametrize(
    ("latex", "element"),
    [
        (r"\frac{a}{b}", "<mfrac>"),
        (r"\sqrt{x}", "<msqrt>"),
        (r"\sqrt[3]{x}", "<mroot>"),
        (r"\sum_{i=1}^{n} x_i", "<munderover>|<msubsup>"),
        (r"x_1^2", "<msubsup>"),
        (r"\mathbf{W}", "<mi"),
        (r"\left(\frac{1}{2}\right)", 'stretchy="true"'),
        (r"\begin{bmatrix}1 & 2\\3 & 4\end{bmatrix}", "<mtable>"),
        (r"\begin{align*} a &= b \\ c &= d \end{align*}", "<mtr>"),
        (r"\lfloor \frac{W + 2P - K}{S} \rfloor + 1", "<mfrac>"),
        (r"\operatorname{softmax}(z)", "<mo>softmax</mo>"),
    ],
)
def test_layout_elements_survive(latex, element):
    html = latex_to_mathml(latex)
    assert html.startswith('<math display="inline">') and html.endswith("</math>")
    assert re.search(element, html)


def test_display_mode_is_block():
    assert latex_to_mathml("x", display=True).startswith('<math display="block">')


@pytest.mark.parametrize(
    "latex",
    [
        r"\text{<script>alert(1)</script>}",
        r"\text{<img src=x onerror=alert(1)>}",
        r"\text{</math><script>alert(1)</script>}",
        r"\text{&lt;script&gt;}",
        r"\mathrm{<iframe src=javascript:alert(1)>}",
    ],
)
def test_markup_inside_text_is_never_emitted(latex):
    html = latex_to_mathml(latex)
    assert "<script" not in html and "<img" not in html and "<iframe" not in html
    assert html[-7:] == "</math>" and html.count("</math>") == 1


@pytest.mark.parametrize(
    "latex",
    [
        r"\href{javascript:alert(1)}{x}",
        r"\style{color:red}{x}",
        r"\color{red}{x}",
        r"\unknowncommand{1}",
        r"\input{/etc/passwd}",
        r"\def\x{1}",
        r"\begin{verbatim}x\end{verbatim}",
    ],
)
def test_unknown_commands_and_environments_are_refused(latex):
    with pytest.raises(LatexError):
        latex_to_mathml(latex)


def test_refused_latex_is_shown_escaped_with_the_reason():
    html = latex_to_mathml_or_code(r"\href{javascript:alert(1)}{<b>x</b>}")
    assert html.startswith('<code class="math-error" title="Unknown LaTeX command: \\href">')
    assert "<b>" not in html and "&lt;b&gt;" in html


def test_overlong_latex_is_refused():
    with pytest.raises(LatexError, match="too long"):
        latex_to_mathml("x+" * 20_000)


def test_only_allowlisted_attributes_are_kept():
    html = latex_to_mathml(r"\left(x\right) \quad \mathbf{x}")
    attributes = set(re.findall(r" ([a-z]+)=", html))
    assert attributes <= {"display", "stretchy", "fence", "form", "width", "mathvariant"}
