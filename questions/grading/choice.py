"""The `choice` and `text` kinds: labels (with partial credit) and normalised free text."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from . import feedback
from .verdict import GradingSetupError, Verdict, refused, right, wrong

_SEPARATORS = re.compile(r"[\s,;/]+|\band\b", re.IGNORECASE)
_BOOLEANS = {"t": "true", "yes": "true", "y": "true", "f": "false", "no": "false", "n": "false"}


def _label(text: str) -> str:
    label = text.strip().strip("()[]{}.").casefold()
    return _BOOLEANS.get(label, label)


def _labels(value: object) -> list[str]:
    if isinstance(value, str):
        return [_label(value)]
    if isinstance(value, bool):
        return ["true" if value else "false"]
    if isinstance(value, list | tuple | set | frozenset):
        return [_label(str(item)) for item in value]
    raise GradingSetupError("A choice answer is a label or a list of labels.")


def _escape_text(text: str) -> str:
    cleaned = re.sub(r"[\\{}$^_%&#~]", "", text)
    return rf"\text{{{cleaned}}}"


def check_choice(expected: object, given_text: str, options: Mapping[str, Any]) -> Verdict:
    wanted = set(_labels(expected))
    pieces = [p for p in _SEPARATORS.split(given_text.strip()) if p and p.strip()]
    got = {_label(piece) for piece in pieces}
    interpreted = _escape_text(", ".join(sorted(got)))
    if not got:
        return refused("Choose an option first.")
    choices = [_label(c) for c in options.get("choices", ())]
    if choices and not got <= set(choices):
        labels = ", ".join(str(c) for c in options["choices"])
        return refused(feedback.CHOICE_UNKNOWN.format(labels=labels), interpreted)
    if not options.get("multiple", False):
        if len(got) != 1:
            return refused(feedback.CHOICE_ONE_ONLY, interpreted)
        return right(interpreted) if got == wanted else wrong(interpreted, feedback.NOT_EXPECTED)
    if got == wanted:
        return right(interpreted)
    hits, misses = len(got & wanted), len(got - wanted)
    score = max(0.0, (hits - misses) / len(wanted))
    extra = f", plus {misses} wrong one(s)" if misses else ""
    message = feedback.CHOICE_PARTIAL.format(right=hits, total=len(wanted), extra=extra)
    return wrong(interpreted, message if hits else feedback.NOT_EXPECTED, score=round(score, 4))


def _normalise_text(text: str, case_sensitive: bool) -> str:
    text = " ".join(unicodedata.normalize("NFKC", text).split()).strip().rstrip(".")
    return text if case_sensitive else text.casefold()


def check_text(expected: object, given_text: str, options: Mapping[str, Any]) -> Verdict:
    accepted = [expected] if isinstance(expected, str) else expected
    if not isinstance(accepted, list | tuple) or not all(isinstance(a, str) for a in accepted):
        raise GradingSetupError("A text answer is a string or a list of accepted strings.")
    case_sensitive = options.get("case_sensitive", False)
    given = _normalise_text(given_text, case_sensitive)
    interpreted = _escape_text(" ".join(given_text.split()))
    if not given:
        return refused("Type an answer first.")
    if any(given == _normalise_text(a, case_sensitive) for a in accepted):
        return right(interpreted)
    return wrong(interpreted, feedback.NOT_EXPECTED)
