"""Per-kind grading options: which exist, their types and ranges, validated before any check."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .verdict import GradingSetupError

KINDS = (
    "numeric", "integer", "expression", "equation", "matrix", "vector", "tuple", "set",
    "choice", "text",
)  # fmt: skip
_TOLERANCES = {"rel_tol", "abs_tol", "sig_figs", "dec_places"}
ALLOWED: dict[str, set[str]] = {
    "numeric": _TOLERANCES | {"percent"},
    "integer": set(),
    "expression": {"variables", "form", "positive"},
    "equation": {"variables", "positive"},
    "matrix": _TOLERANCES | {"variables"},
    "vector": _TOLERANCES | {"variables"},
    "tuple": _TOLERANCES | {"variables"},
    "set": {"rel_tol", "abs_tol", "variables"},
    "choice": {"multiple", "choices"},
    "text": {"case_sensitive"},
}
FORMS = ("any", "literal", "expanded", "factored")


def _names(value: Any, option: str) -> tuple[str, ...]:
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) and v for v in value):
        raise GradingSetupError(f"Option {option} must be a list of names.")
    return tuple(value)


def validate(kind: str, options: Mapping[str, Any] | None) -> dict[str, Any]:
    """Return clean options for `kind`, or raise GradingSetupError naming the problem."""
    if kind not in ALLOWED:
        raise GradingSetupError(f"Unknown answer kind {kind!r}; use one of {', '.join(KINDS)}.")
    options = dict(options or {})
    unknown = sorted(set(options) - ALLOWED[kind])
    if unknown:
        raise GradingSetupError(f"Unknown option(s) for {kind}: {', '.join(unknown)}.")
    if len(_TOLERANCES & set(options)) > 1:
        raise GradingSetupError("Use one of rel_tol, abs_tol, sig_figs, dec_places at a time.")
    for name in ("rel_tol", "abs_tol"):
        if name in options:
            value = options[name]
            if isinstance(value, bool) or not isinstance(value, int | float) or not value >= 0:
                raise GradingSetupError(f"{name} must be a non-negative number.")
            options[name] = float(value)
    for name, top in (("sig_figs", 15), ("dec_places", 15)):
        if name in options:
            value = options[name]
            low = 1 if name == "sig_figs" else 0
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= top:
                raise GradingSetupError(f"{name} must be a whole number from {low} to {top}.")
    for name in ("percent", "multiple", "case_sensitive"):
        if name in options and not isinstance(options[name], bool):
            raise GradingSetupError(f"{name} must be true or false.")
    if "variables" in options:
        options["variables"] = _names(options["variables"], "variables")
    if "positive" in options and not isinstance(options["positive"], bool):
        # a list names the positive variables; true makes every variable positive
        options["positive"] = _names(options["positive"], "positive")
    if "form" in options and options["form"] not in FORMS:
        raise GradingSetupError(f"form must be one of {', '.join(FORMS)}.")
    if "choices" in options:
        options["choices"] = _names(options["choices"], "choices")
    return options
