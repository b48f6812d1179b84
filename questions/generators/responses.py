"""`grade_response(variant, response)`: the grader's verdict plus the template's own
recognised mistakes, for a Variant as generated (or as stored)."""

from __future__ import annotations

from dataclasses import replace

from questions.grading import Verdict, check

from .base import Variant


def grade_response(variant: Variant, response: str) -> Verdict:
    """Grade a learner's text for this variant; a recognised common mistake replaces the
    generic feedback with the template's targeted explanation."""
    verdict = check(variant.kind, variant.answer, response, variant.options)
    if verdict.correct or verdict.error:
        return verdict
    # A recognised mistake may be a non-integer (an unrounded size) even for integer answers.
    kind = "numeric" if variant.kind == "integer" else variant.kind
    for mistake_answer, feedback in variant.mistakes:
        if check(kind, mistake_answer, response, variant.options).correct:
            return replace(verdict, feedback=feedback)
    return verdict
