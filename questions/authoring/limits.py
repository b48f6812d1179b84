"""Limits on authored templates: an author's text is as untrusted as a learner's.

Every expression also passes the learner limits of `questions.mathinput.limits` (1,000
characters, depth 40, 1,500 nodes, constants within 10^±1000).
"""

from __future__ import annotations

import os

from questions.generators.params import MAX_DIMENSION
from questions.mathinput.limits import MAX_LOG10_MAGNITUDE

# -- the spec's text ----------------------------------------------------------------------
MAX_FIELD_LENGTH = 20_000  # any one field: prompt, solution, params, tests, ...
MAX_LINES = {"params": 30, "derived": 60, "constraints": 30, "mistakes": 20, "tests": 30}
MAX_VARIABLES = 6
MAX_PLACEHOLDERS = 200  # per prompt, solution, feedback or test response
MAX_RENDERED_LENGTH = 100_000  # a rendered prompt or solution (render_markdown's own cap)
MAX_FEEDBACK_LENGTH = 1_000
MAX_NAME_LENGTH = 30

# -- values -------------------------------------------------------------------------------
MAX_MATRIX_SIZE = MAX_DIMENSION  # rows and columns of any matrix or vector
MAX_DIGITS = int(MAX_LOG10_MAGNITUDE)  # numerator and denominator of exact numbers
MAX_EXPRESSION_SIZE = 2_000  # nodes of a symbolic value (sympy's tree)
MAX_EXPANSION_TERMS = 5_000  # estimated terms before expand / simplify / factor runs
MAX_SYMBOLIC_MATRIX = 4  # det, inv, rank of a matrix with symbols: at most 4×4
MAX_MATRIX_POWER = 20
MAX_DIFF_ORDER = 10
MAX_ROUND_DIGITS = 15
MAX_RANDOM = 10**9  # bounds of randint, randmatrix, ... arguments
MAX_CHOICES = 100

# -- work ---------------------------------------------------------------------------------
MAX_DRAWS = 100  # draws of a variant before the constraints are declared unsatisfiable
MAX_STEPS = 200_000  # evaluated nodes per call (prompt, answer, ...) of one variant
# Wall time of one variant (all draws) inside a CAS worker; the worker is killed after it.
VARIANT_SECONDS = float(os.environ.get("CRAM_AUTHORING_VARIANT_SECONDS", "5.0"))
# Wall time of the checks on save (200 seeds, mistakes, question tests) in a worker.
SAVE_CHECK_SECONDS = float(os.environ.get("CRAM_AUTHORING_CHECK_SECONDS", "120.0"))
