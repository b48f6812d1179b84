"""Admin-authored question templates without Python: a declarative spec, evaluated with the same
whitelist parser as learners' input (author dialect), run bounded in the CAS worker pool.

Pure Python (no Django); the admin builds on `Spec`, `TemplateInfo`, `SpecTemplate`,
`check_on_save` and `generate_bounded`. The spec language is documented in docs/authoring.md.
"""

from .bounded import check_on_save, generate_bounded, generate_variant, run_checks
from .checks import SaveReport, TestFailure, check_spec, run_question_tests
from .spec import Issue, Spec, SpecError, TemplateInfo
from .template import SpecTemplate

__all__ = [
    "Issue",
    "SaveReport",
    "Spec",
    "SpecError",
    "SpecTemplate",
    "TemplateInfo",
    "TestFailure",
    "check_on_save",
    "check_spec",
    "generate_bounded",
    "generate_variant",
    "run_checks",
    "run_question_tests",
]
