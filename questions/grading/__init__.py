"""Answer checking: `check` returns a Verdict a math teacher would agree with, for every kind
in `KINDS`. Pure Python: parsed trees, sampling, and a bounded CAS worker pool."""

from .check import Interpretation, check, interpret
from .options import KINDS
from .verdict import GradingSetupError, Verdict

__all__ = ["KINDS", "GradingSetupError", "Interpretation", "Verdict", "check", "interpret"]
