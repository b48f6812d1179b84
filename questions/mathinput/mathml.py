"""LaTeX to MathML for display: the only way math reaches a page.

latex2mathml does the layout; its output is then rebuilt element by element from an allowlist,
because the converter passes `\\text{<script>}` and `\\href{javascript:...}` straight through.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser

from latex2mathml.converter import convert

MAX_LATEX_LENGTH = 20_000


class LatexError(ValueError):
    """LaTeX that Cram refuses to render (unknown command, too long, malformed)."""


_GREEK = (
    "alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi "
    "pi varpi rho varrho sigma varsigma tau upsilon phi varphi chi psi omega "
    "Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega"
)
_FUNCTIONS = (
    "sin cos tan cot sec csc arcsin arccos arctan sinh cosh tanh coth log ln lg exp det dim "
    "max min sup inf lim liminf limsup arg deg gcd ker Pr"
)
_SYMBOLS = (
    "cdot cdotp times div pm mp ast star circ bullet odot otimes oplus ominus setminus "
    "le leq ge geq ne neq approx equiv sim simeq cong propto ll gg "
    "to rightarrow leftarrow Rightarrow Leftarrow leftrightarrow Leftrightarrow mapsto "
    "longrightarrow implies iff uparrow downarrow "
    "infty partial nabla forall exists nexists in notin ni subset subseteq supset supseteq "
    "cup cap emptyset varnothing neg land lor wedge vee top bot perp parallel mid nmid "
    "ldots cdots vdots ddots dots prime ell hbar Re Im aleph angle triangle square "
    "sum prod coprod int iint iiint oint bigcup bigcap bigoplus bigotimes "
    "lfloor rfloor lceil rceil langle rangle lvert rvert lVert rVert vert Vert lbrack rbrack "
    "lbrace rbrace backslash colon intercal transpose"
)
_LAYOUT = (
    "frac dfrac tfrac cfrac binom dbinom tbinom sqrt left right middle big Big bigg Bigg "
    "bigl bigr Bigl Bigr biggl biggr "
    "mathbf mathrm mathit mathsf mathtt mathcal mathbb mathfrak boldsymbol bm operatorname "
    "text textbf textit textrm mbox "
    "hat widehat bar overline underline tilde widetilde vec dot ddot check breve acute grave "
    "overrightarrow overleftarrow overbrace underbrace overset underset stackrel "
    "displaystyle textstyle scriptstyle limits nolimits "
    "quad qquad enspace thinspace negthinspace hspace phantom "
    "begin end hline tag not"
)
ALLOWED_COMMANDS = frozenset(f"{_GREEK} {_FUNCTIONS} {_SYMBOLS} {_LAYOUT}".split())
ALLOWED_ENVIRONMENTS = frozenset(
    [
        "matrix",
        "pmatrix",
        "bmatrix",
        "Bmatrix",
        "vmatrix",
        "Vmatrix",
        "smallmatrix",
        "cases",
        "array",
        "align",
        "align*",
        "aligned",
        "split",
        "gather",
        "gather*",
    ]
)

_COMMAND = re.compile(r"\\([A-Za-z]+)")
_ENVIRONMENT = re.compile(r"\\(?:begin|end)\s*\{([^}]*)\}")

# MathML Core elements and the presentational attributes Cram needs; everything else is dropped.
ALLOWED_TAGS = frozenset(
    [
        "math",
        "mrow",
        "mi",
        "mn",
        "mo",
        "ms",
        "mtext",
        "mspace",
        "msub",
        "msup",
        "msubsup",
        "mfrac",
        "msqrt",
        "mroot",
        "mstyle",
        "merror",
        "mpadded",
        "mphantom",
        "mover",
        "munder",
        "munderover",
        "mtable",
        "mtr",
        "mtd",
        "menclose",
        "semantics",
        "annotation",
    ]
)
ALLOWED_ATTRIBUTES = frozenset(
    [
        "display",
        "displaystyle",
        "scriptlevel",
        "mathvariant",
        "stretchy",
        "fence",
        "form",
        "separator",
        "accent",
        "accentunder",
        "largeop",
        "movablelimits",
        "symmetric",
        "lspace",
        "rspace",
        "width",
        "height",
        "depth",
        "rowspacing",
        "columnspacing",
        "columnalign",
        "rowalign",
        "columnlines",
        "rowlines",
        "frame",
        "notation",
        "linethickness",
    ]
)
_SAFE_ATTRIBUTE_VALUE = re.compile(r"^[A-Za-z0-9 .%+\-#]*$")
_SPACE_FIXES = {"negativethinmathspace": "-0.167em"}


@dataclass
class _Element:
    tag: str
    attrs: list[tuple[str, str]]
    children: list[_Element | str] = field(default_factory=list)

    def to_html(self) -> str:
        attrs = "".join(f' {name}="{escape(value, quote=True)}"' for name, value in self.attrs)
        inner = "".join(
            child.to_html() if isinstance(child, _Element) else escape(child, quote=False)
            for child in self.children
        )
        return f"<{self.tag}{attrs}>{inner}</{self.tag}>"


class _MathMLRebuilder(HTMLParser):
    """Rebuilds converter output keeping only allowlisted elements and attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Element("root", [])
        self.stack: list[_Element] = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            return
        kept = []
        for name, value in attrs:
            if name in ALLOWED_ATTRIBUTES and value is not None:
                value = _SPACE_FIXES.get(value, value)
                if _SAFE_ATTRIBUTE_VALUE.match(value):
                    kept.append((name, value))
        element = _Element(tag, kept)
        self.stack[-1].children.append(element)
        if tag != "mspace":
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in ALLOWED_TAGS and tag != "mspace":
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag not in ALLOWED_TAGS:
            return
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def check_latex(latex: str) -> None:
    """Raise LatexError unless every command and environment in `latex` is allowlisted."""
    if len(latex) > MAX_LATEX_LENGTH:
        raise LatexError(f"Math is too long (over {MAX_LATEX_LENGTH:,} characters).")
    unknown = sorted({m for m in _COMMAND.findall(latex) if m not in ALLOWED_COMMANDS})
    if unknown:
        raise LatexError("Unknown LaTeX command: " + ", ".join(f"\\{name}" for name in unknown))
    bad_envs = sorted({e for e in _ENVIRONMENT.findall(latex) if e not in ALLOWED_ENVIRONMENTS})
    if bad_envs:
        raise LatexError("Unknown LaTeX environment: " + ", ".join(bad_envs))


def latex_to_mathml(latex: str, *, display: bool = False) -> str:
    """Render LaTeX as a sanitised `<math>` element; raises LatexError for refused input."""
    check_latex(latex)
    try:
        raw = convert(latex, display="block" if display else "inline")
    except Exception as exc:  # the converter raises many exception types on malformed input
        raise LatexError(f"Could not read this LaTeX: {exc}") from None
    rebuilder = _MathMLRebuilder()
    rebuilder.feed(raw)
    rebuilder.close()
    maths = [child for child in rebuilder.root.children if isinstance(child, _Element)]
    if len(maths) != 1 or maths[0].tag != "math":
        raise LatexError("Could not read this LaTeX.")
    maths[0].attrs = [("display", "block" if display else "inline")]
    return maths[0].to_html()


def latex_to_mathml_or_code(latex: str, *, display: bool = False) -> str:
    """Like latex_to_mathml, but shows refused LaTeX as escaped code instead of raising."""
    try:
        return latex_to_mathml(latex, display=display)
    except LatexError as exc:
        return (
            f'<code class="math-error" title="{escape(str(exc), quote=True)}">'
            f"{escape(latex, quote=False)}</code>"
        )
