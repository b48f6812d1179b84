"""Three complete authored templates, as an author types them in the admin: reused by the tests,
docs/authoring.md and the admin's "example" help."""

from __future__ import annotations

from .spec import Spec, TemplateInfo

MATRIX_PRODUCT = (
    TemplateInfo(
        slug="authored-matrix-product",
        title="Product of two 2×2 matrices",
        area="math",
        topic="matrix-operations",
        kind="matrix",
        difficulty=1,
    ),
    Spec(
        params="""
A: randmatrix(2, 2, -5, 5)
B: randmatrix(2, 2, -5, 5)
""",
        derived="""
C = A*B
""",
        answer="C",
        constraints="""
det(A) != 0 and det(B) != 0
C != transpose(C)         # else the transposed product is right too
B*A != C                  # else "BA" is right too
B*A != transpose(C)       # so the two mistakes below can be told apart
""",
        mistakes="""
transpose(C) | You transposed the product: entry (i, j) is row i of A times column j of B.
B*A | That is BA: matrix products do not commute; compute AB, rows of A times columns of B.
hadamard(A, B) | That is the entry-by-entry (Hadamard) product, not the matrix product.
""",
        tests="""
{{ answer }} | correct
{{ transpose(answer) }} | wrong | transposed
{{ B*A }} | wrong | do not commute
{{ hadamard(A, B) }} | wrong | Hadamard
[[0, 0], [0, 0]] | wrong
""",
        prompt="""Compute the matrix product $AB$ for

$$A = {{ A | latex }}, \\quad B = {{ B | latex }}.$$""",
        solution="""Entry $(i, j)$ of $AB$ is row $i$ of $A$ times column $j$ of $B$:

1. $(AB)_{11} = ({{ entry(A, 1, 1) }})({{ entry(B, 1, 1) }}) + ({{ entry(A, 1, 2) }})({{ entry(B, 2, 1) }}) = {{ entry(C, 1, 1) }}$
2. $(AB)_{12} = ({{ entry(A, 1, 1) }})({{ entry(B, 1, 2) }}) + ({{ entry(A, 1, 2) }})({{ entry(B, 2, 2) }}) = {{ entry(C, 1, 2) }}$
3. $(AB)_{21} = ({{ entry(A, 2, 1) }})({{ entry(B, 1, 1) }}) + ({{ entry(A, 2, 2) }})({{ entry(B, 2, 1) }}) = {{ entry(C, 2, 1) }}$
4. $(AB)_{22} = ({{ entry(A, 2, 1) }})({{ entry(B, 1, 2) }}) + ({{ entry(A, 2, 2) }})({{ entry(B, 2, 2) }}) = {{ entry(C, 2, 2) }}$

$$AB = {{ answer | latex }}$$""",
    ),
)

DERIVATIVE = (
    TemplateInfo(
        slug="authored-derivative-product-chain",
        title="Derivative of a x^n e^(bx)",
        area="math",
        topic="derivatives",
        kind="expression",
        difficulty=2,
    ),
    Spec(
        variables="x",
        params="""
a: randnonzero(-5, 5)
n: randint(2, 5)
b: choice([-3, -2, -1, 2, 3, 1/2])   # never 1: the chain rule would change nothing
""",
        derived="""
f = a*x^n*exp(b*x)
u = a*x^n                 # the product rule's two factors
v = exp(b*x)
""",
        answer="diff(f, x)",
        mistakes="""
diff(u, x)*v + u*v | You forgot the chain rule: the derivative of e^(bx) is b·e^(bx), not e^(bx).
diff(u, x)*diff(v, x) | The product rule is (uv)' = u'v + uv', not u'·v'.
diff(u, x)*v | Product rule: e^(bx) depends on x too, so add u·(e^(bx))'.
""",
        tests="""
{{ answer }} | correct
{{ factor(answer) }} | correct
{{ diff(u, x)*v + u*v }} | wrong | chain rule
{{ f }} | wrong
""",
        prompt="""Differentiate with respect to $x$:

$$f(x) = {{ f | latex }}$$""",
        solution="""1. Product rule with $u = {{ u | latex }}$ and $v = {{ v | latex }}$: $f' = u'v + uv'$.
2. $u' = {{ diff(u, x) | latex }}$, and by the chain rule $v' = {{ diff(v, x) | latex }}$.
3. Add the two products:

$$f'(x) = {{ answer | latex }} = {{ factor(answer) | latex }}.$$""",
    ),
)

SOFTMAX = (
    TemplateInfo(
        slug="authored-softmax-entry",
        title="One probability of a softmax",
        area="ml",
        topic="softmax",
        kind="numeric",
        difficulty=1,
        options={"rel_tol": 0.001},
    ),
    Spec(
        params="""
z: randvector(3, -2, 3)
k: randint(1, 3)
""",
        derived="""
p = softmax(z)
""",
        answer="entry(p, k)",
        constraints="""
max(z) != min(z)            # equal logits make every probability 1/3
""",
        mistakes="""
exp(entry(z, k)) | Normalise: divide e^(z_k) by the sum of all the exponentials.
sigmoid(entry(z, k)) | That is the sigmoid of z_k alone; softmax normalises across all the logits.
exp(-entry(z, k))/sum(exp(-z)) | Sign: softmax uses e^(+z_i), so the largest logit gets the largest probability.
""",
        tests="""
{{ answer }} | correct
{{ answer | num }} | correct
{{ exp(entry(z, k)) | num }} | wrong | Normalise
{{ sigmoid(entry(z, k)) | num }} | wrong | sigmoid
1/3 | wrong
""",
        prompt="""A classifier's output layer produces the logits $z = {{ transpose(z) | latex }}$.
What probability does softmax give to class {{ k }}, i.e. $\\operatorname{softmax}(z)_{ {{ k }} }$?

Give 3 significant figures (graded within 0.1%), or an exact expression.""",
        solution="""1. $\\operatorname{softmax}(z)_i = \\dfrac{e^{z_i}}{\\sum_j e^{z_j}}$.
2. The exponentials are $e^{z} \\approx {{ exp(z) | num }}$, with sum $\\approx {{ sum(exp(z)) | num }}$.
3. So $\\operatorname{softmax}(z) \\approx {{ p | num }}$ and entry {{ k }} is $\\approx {{ answer | num }}$.""",
    ),
)

EXAMPLES: dict[str, tuple[TemplateInfo, Spec]] = {
    "matrix-product": MATRIX_PRODUCT,
    "derivative": DERIVATIVE,
    "softmax": SOFTMAX,
}
