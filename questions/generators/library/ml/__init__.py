"""Machine-learning templates: losses, activations, optimisation, classic models, metrics and
multiple-choice concepts."""

# Importing the modules registers their templates.
from . import (  # noqa: F401
    activations,
    concepts,
    evaluation,
    linear_models,
    losses,
    optimizers,
    probabilistic,
)
