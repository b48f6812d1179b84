"""Differentiation by the textbook rules: which rule applies at the top of an expression, a worked
explanation naming its factors, and the wrong derivatives students get by misapplying it."""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from questions.mathinput.to_text import to_text

from ...base import Mistake
from ...formatting import tex

# The placeholder of an outer function in the chain rule, F(u).
U = sympy.Symbol("u", real=True)

_SIGN_FEEDBACK = "Check the sign: d/du sin(u) = cos(u), but d/du cos(u) = −sin(u)."


@dataclass(frozen=True)
class Rule:
    """The rule at the top of an expression and its parts: the terms of a sum, (c, g) for a
    constant multiple, (u, v) for a product or quotient, (F(u), g) for a chain."""

    name: str  # constant | sum | multiple | product | quotient | chain | basic
    parts: tuple[sympy.Expr, ...] = ()


def analyse(expr: sympy.Expr, var: sympy.Symbol) -> Rule:
    if not expr.has(var):
        return Rule("constant")
    if expr.is_Add:
        return Rule("sum", tuple(expr.as_ordered_terms()))
    coefficient, core = expr.as_independent(var, as_Add=False)
    if coefficient != 1:
        return Rule("multiple", (coefficient, core))
    numerator, denominator = sympy.fraction(core, exact=True)
    if numerator.has(var) and denominator.has(var):
        return Rule("quotient", (numerator, denominator))
    if core.is_Mul:
        first, *rest = core.args
        return Rule("product", (first, sympy.Mul(*rest)))
    if core.is_Pow:
        base, exponent = core.args
        if base.has(var) and not exponent.has(var) and base != var:
            return Rule("chain", (U**exponent, base))
        if not base.has(var) and exponent != var:
            return Rule("chain", (base**U, exponent))
    elif isinstance(core, sympy.Function) and len(core.args) == 1 and core.args[0] != var:
        return Rule("chain", (core.func(U), core.args[0]))
    return Rule("basic")


def label(expr: sympy.Expr, var: sympy.Symbol) -> str:
    """The name of the rule that differentiates `expr`, for annotating a step."""
    rule = analyse(expr, var)
    if rule.name == "multiple":
        return label(rule.parts[1], var)
    if rule.name == "basic":
        power = expr == var or (expr.is_Pow and not expr.args[1].has(var))
        return "power rule" if power else "standard derivative"
    return {"constant": "constant", "sum": "sum rule"}.get(rule.name, f"{rule.name} rule")


def tidy(expr: sympy.Expr) -> sympy.Expr:
    """The shortest of a few equivalent forms of a derivative (quotients combine nicely)."""
    forms = [expr, sympy.factor(expr), sympy.cancel(sympy.together(expr))]
    return min(forms, key=sympy.count_ops)


def _d(var: sympy.Symbol, partial: bool) -> str:
    name = tex(var)
    return rf"\frac{{\partial}}{{\partial {name}}}" if partial else rf"\frac{{d}}{{d{name}}}"


def _p(expr: sympy.Expr) -> str:
    return rf"\left({tex(expr)}\right)"


def explain(
    expr: sympy.Expr, var: sympy.Symbol, *, partial: bool = False, depth: int = 0
) -> list[str]:
    """Worked steps (Markdown lines with LaTeX) differentiating `expr` with respect to `var`."""
    rule = analyse(expr, var)
    d = _d(var, partial)
    result = tex(sympy.diff(expr, var))
    if rule.name == "constant":
        return [f"${tex(expr)}$ does not depend on ${tex(var)}$: its derivative is $0$."]
    if rule.name == "basic":
        return [f"${d} {tex(expr)} = {result}$ ({label(expr, var)})."]
    if rule.name == "sum":
        lines = ["Sum rule: differentiate term by term."]
        for term in rule.parts:
            term_d = tex(sympy.diff(term, var))
            lines.append(f"${d}\\left[{tex(term)}\\right] = {term_d}$ ({label(term, var)}).")
            if depth < 1 and analyse(term, var).name not in ("basic", "constant", "multiple"):
                lines.extend(explain(term, var, partial=partial, depth=depth + 1))
        return lines
    if rule.name == "multiple":
        c, g = rule.parts
        lines = [
            f"Constant-multiple rule: ${tex(expr)} = {_p(c)} \\cdot {_p(g)}$, so differentiate "
            f"${tex(g)}$ and multiply by ${tex(c)}$."
        ]
        if depth < 2:
            lines.extend(explain(g, var, partial=partial, depth=depth + 1))
        lines.append(
            f"${d}\\left[{tex(expr)}\\right] = {_p(c)} \\cdot {_p(sympy.diff(g, var))} = {result}$."
        )
        return lines
    first, second = rule.parts
    d1, d2 = sympy.diff(first, var), sympy.diff(second, var)
    if rule.name == "chain":
        outer_d = sympy.diff(first, U)
        return [
            f"Chain rule: ${tex(expr)} = F(g)$ with outer function $F(u) = {tex(first)}$ and inner "
            f"function $g = {tex(second)}$.",
            f"Outer derivative: $F'(u) = {tex(outer_d)}$, so $F'(g) = {tex(outer_d.subs(U, second))}$.",
            f"Inner factor: $g' = {tex(d2)}$ ({label(second, var)}).",
            f"$F'(g) \\cdot g' = {_p(outer_d.subs(U, second))} \\cdot {_p(d2)} = {result}$.",
        ]
    if rule.name == "product":
        return [
            f"Product rule $(uv)' = u'v + uv'$ with $u = {tex(first)}$ and $v = {tex(second)}$.",
            f"$u' = {tex(d1)}$ ({label(first, var)}).",
            f"$v' = {tex(d2)}$ ({label(second, var)}).",
            f"$u'v + uv' = {_p(d1)}{_p(second)} + {_p(first)}{_p(d2)} = {result}$.",
        ]
    return [
        r"Quotient rule $\left(\frac{u}{v}\right)' = \frac{u'v - uv'}{v^{2}}$ with "
        f"$u = {tex(first)}$ and $v = {tex(second)}$.",
        f"$u' = {tex(d1)}$ ({label(first, var)}).",
        f"$v' = {tex(d2)}$ ({label(second, var)}).",
        f"$\\frac{{u'v - uv'}}{{v^{{2}}}} = \\frac{{{_p(d1)}{_p(second)} - {_p(first)}{_p(d2)}}}"
        f"{{{_p(second)}^{{2}}}} = {result}$.",
    ]


def mistakes(expr: sympy.Expr, var: sympy.Symbol) -> list[Mistake]:
    """Wrong derivatives of `expr` from misapplied rules, most typical first (may repeat)."""
    rule = analyse(expr, var)
    if rule.name == "sum":
        whole = sympy.diff(expr, var)
        return [
            Mistake(whole - sympy.diff(term, var) + wrong.answer, wrong.feedback)
            for term in rule.parts
            for wrong in mistakes(term, var)
        ]
    if rule.name == "multiple":
        c, g = rule.parts
        return [Mistake(c * wrong.answer, wrong.feedback) for wrong in mistakes(g, var)]
    if rule.name == "basic":
        return _basic_mistakes(expr, var)
    if rule.name == "constant":
        return []
    first, second = rule.parts
    if rule.name == "chain":
        return _chain_mistakes(first, second, var)
    d1, d2 = sympy.diff(first, var), sympy.diff(second, var)
    if rule.name == "product":
        found = [
            Mistake(
                d1 * second - first * d2,
                "The product rule adds the two terms: (uv)' = u'v + uv', not u'v − uv'.",
            ),
            Mistake(
                d1 * d2,
                "The derivative of a product is not the product of the derivatives: use (uv)' = u'v + uv'.",
            ),
        ]
        found += [
            Mistake(d1 * second + first * w.answer, w.feedback) for w in mistakes(second, var)
        ]
        found += [Mistake(w.answer * second + first * d2, w.feedback) for w in mistakes(first, var)]
        return found
    found = [
        Mistake(
            (first * d2 - d1 * second) / second**2,
            "The numerator of the quotient rule is u'v − uv' (derivative of the top first); you have the sign reversed.",
        ),
        Mistake(
            (d1 * second - first * d2) / second,
            "The quotient rule divides by v², the denominator squared, not by v.",
        ),
    ]
    if d2 != 0:
        found.append(
            Mistake(
                d1 / d2,
                "The derivative of a quotient is not the quotient of the derivatives: use (u'v − uv')/v².",
            )
        )
    return found


def _basic_mistakes(expr: sympy.Expr, var: sympy.Symbol) -> list[Mistake]:
    if expr.is_Pow and expr.args[0] == var and not expr.args[1].has(var):
        n = expr.args[1]
        return [
            Mistake(
                var ** (n - 1),
                f"The power rule brings the exponent down: d/d{var} {var}ⁿ = n {var}ⁿ⁻¹, here {to_text(n * var ** (n - 1))}.",
            )
        ]
    if isinstance(expr, sympy.sin | sympy.cos):
        return [Mistake(-sympy.diff(expr, var), _SIGN_FEEDBACK)]
    return []


def _chain_mistakes(outer: sympy.Expr, inner: sympy.Expr, var: sympy.Symbol) -> list[Mistake]:
    outer_d = sympy.diff(outer, U)
    inner_d = sympy.diff(inner, var)
    at_inner = outer_d.subs(U, inner)
    found = [
        Mistake(
            at_inner,
            f"You forgot the inner factor of the chain rule: multiply by the derivative of the inside, g' = {to_text(inner_d)}.",
        ),
    ]
    if isinstance(outer, sympy.log):
        found.append(
            Mistake(
                outer_d.subs(U, inner_d),
                "d/dx ln(g) = g'/g: the outer derivative 1/u is evaluated at the inside g, not at g'.",
            )
        )
    if isinstance(outer, sympy.exp):
        found.append(
            Mistake(
                inner_d,
                "You differentiated only the exponent: e^g stays as a factor, d/dx e^g = e^g · g'.",
            )
        )
    if isinstance(outer, sympy.sin | sympy.cos):
        found.append(Mistake(-at_inner * inner_d, _SIGN_FEEDBACK))
    if outer.is_Pow and outer.args[1] == sympy.Rational(1, 2):
        found.append(
            Mistake(
                inner_d / sympy.sqrt(inner),
                "d/du √u = 1/(2√u): you lost the factor 1/2 from the power rule.",
            )
        )
    if outer.is_Pow and outer.args[0] == U and outer.args[1].is_Integer:
        n = outer.args[1]
        found.append(
            Mistake(
                n * inner ** (n - 1) * inner_d * inner, "Lower the power by one: d/du uⁿ = n uⁿ⁻¹."
            )
        )
    return found
