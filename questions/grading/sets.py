"""The `set` kind: unordered, duplicates ignored, elements compared by value."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from questions.mathinput import ParseError
from questions.mathinput.nodes import Node, Seq, SetOf, free_symbols, is_scalar

from . import feedback
from .entries import EntryComparer, extra_symbols_message
from .inputs import parse_expected, parse_given
from .verdict import GradingSetupError, Verdict, refused, right, wrong


def _elements(tree: Node) -> list[Node] | None:
    if isinstance(tree, SetOf | Seq) and all(is_scalar(item) for item in tree.items):
        return list(tree.items)
    if is_scalar(tree):
        return [tree]
    return None


def _distinct(items: list[Node], comparer: EntryComparer) -> list[Node]:
    kept: list[Node] = []
    for item in items:
        if not any(comparer.equal(other, item) for other in kept):
            kept.append(item)
    return kept


def check_set(expected: object, given_text: str, options: Mapping[str, Any]) -> Verdict:
    expected_parsed = parse_expected(expected)
    wanted = _elements(expected_parsed.tree)
    if wanted is None:
        raise GradingSetupError(f"The expected answer {expected_parsed.text!r} is not a set.")
    names = set(options.get("variables", ())) | free_symbols(expected_parsed.tree)
    try:
        given = parse_given(given_text, "set", variables=names)
    except ParseError as exc:
        return refused(exc.message)
    extra = extra_symbols_message(given.tree, names)
    if extra:
        return refused(extra, given.latex)
    got = _elements(given.tree)
    if got is None:
        return refused(feedback.NOT_A_SET, given.latex)
    comparer = EntryComparer(options, names, expected_parsed.text, given.text)
    wanted, got = _distinct(wanted, comparer), _distinct(got, comparer)
    missing = [w for w in wanted if not any(comparer.equal(w, g) for g in got)]
    extra = [g for g in got if not any(comparer.equal(w, g) for w in wanted)]
    if not missing and not extra:
        return right(given.latex)
    messages = []
    if missing:
        messages.append(feedback.SET_MISSING.format(count=len(missing)))
    if extra:
        messages.append(feedback.SET_EXTRA.format(count=len(extra)))
    return wrong(given.latex, " ".join(messages))
