"""Deep-learning templates: convolution arithmetic, parameter counts, backprop, recurrent nets,
training practice and concept questions. Importing the package registers them all."""

from . import (
    backprop,
    concepts_cnn,
    concepts_gradients,
    concepts_training,
    counts,
    operations,
    receptive,
    recurrent,
    sizes,
    training,
)

__all__ = [
    "backprop",
    "concepts_cnn",
    "concepts_gradients",
    "concepts_training",
    "counts",
    "operations",
    "receptive",
    "recurrent",
    "sizes",
    "training",
]
