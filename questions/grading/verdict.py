"""The result of checking one answer, and the error raised for a badly set-up check."""

from __future__ import annotations

from dataclasses import asdict, dataclass


class GradingSetupError(ValueError):
    """The check itself is wrong (unknown kind, bad options, unreadable expected answer).

    Never the learner's fault; their input problems are reported in `Verdict.error`."""


@dataclass(frozen=True)
class Verdict:
    correct: bool
    score: float
    feedback: str
    interpreted: str
    error: str | None = None

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def right(interpreted: str, feedback: str = "Correct.") -> Verdict:
    return Verdict(True, 1.0, feedback, interpreted)


def wrong(interpreted: str, feedback: str, score: float = 0.0) -> Verdict:
    return Verdict(False, score, feedback, interpreted)


def refused(error: str, interpreted: str = "") -> Verdict:
    return Verdict(False, 0.0, "", interpreted, error)
