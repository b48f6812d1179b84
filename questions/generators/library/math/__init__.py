"""Mathematics templates: linear algebra, calculus, probability and information."""

# Importing a module registers its templates.
from . import calculus, gradients, linalg, matrices, probability, vectors  # noqa: F401
