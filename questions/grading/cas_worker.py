"""What runs inside the CAS worker processes: sympy calls that may be slow, on parsed trees.

Module-level functions only (they are pickled by reference); no Django, no numpy.
"""

from __future__ import annotations

import resource

import sympy

from questions.mathinput.nodes import Node
from questions.mathinput.to_sympy import to_sympy

MEMORY_LIMIT_BYTES = 2 * 1024**3


def limit_resources() -> None:
    """Worker initializer: cap the address space so a runaway expansion dies, not the host."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT_BYTES, MEMORY_LIMIT_BYTES))


def _build(tree: Node, positive: frozenset[str]):
    return to_sympy(tree, positive=positive)


def symbolically_equal(expected: Node, given: Node, positive: frozenset[str]) -> bool | None:
    """simplify(e − g) == 0, falling back to sympy's `equals`; None when sympy cannot tell."""
    difference = sympy.simplify(_build(expected, positive) - _build(given, positive))
    if difference == 0:
        return True
    if difference.is_number:
        value = difference.evalf(30)
        if value.is_zero is False and abs(value) > 1e-25:
            return False
    return _build(expected, positive).equals(_build(given, positive))


def constant_ratio_nonzero(first: Node, second: Node, positive: frozenset[str]) -> bool | None:
    """Whether first/second simplifies to a non-zero constant (equations up to a multiple)."""
    denominator = _build(second, positive)
    if sympy.simplify(denominator) == 0:
        return False
    ratio = sympy.simplify(_build(first, positive) / denominator)
    if ratio.free_symbols:
        return False
    return bool(ratio != 0)


def _factors(expression):
    if expression.is_Mul:
        for argument in expression.args:
            yield from _factors(argument)
    elif expression.is_Pow and expression.exp == -1:
        yield from _factors(expression.base)
    else:
        yield expression


def is_fully_factored(given: Node, variables: tuple[str, ...], positive: frozenset[str]) -> bool:
    """A product of a constant and powers of polynomials, each primitive and irreducible over
    the integers."""
    # Unevaluated, because sympy distributes a number over a sum: 2*(x - 1) would become 2x - 2.
    expression = to_sympy(given, positive=positive, evaluate=False)
    symbols = [s for s in expression.free_symbols if s.name in variables] or sorted(
        expression.free_symbols, key=str
    )
    if not symbols:
        return True
    for factor in _factors(expression):
        base = factor
        if factor.is_Pow and factor.exp.is_Integer and factor.exp > 0:
            base = factor.base
        if not base.free_symbols:
            continue
        base = sympy.expand(base)
        try:
            polynomial = sympy.Poly(base, *symbols, domain="QQ")
        except sympy.PolynomialError:
            return False
        if polynomial.total_degree() <= 0:
            continue
        content, primitive = polynomial.clear_denoms(convert=True)[1].primitive()
        if content != 1 and polynomial.total_degree() >= 1:
            return False
        if not primitive.is_irreducible:
            return False
    return True
