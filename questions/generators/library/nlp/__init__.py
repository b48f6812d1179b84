"""NLP templates: text representations, embeddings, language models, attention, text metrics
and concept questions; each submodule registers its templates on import."""

from . import analogy, attention, concepts, embeddings, language_models, metrics, representation

__all__ = [
    "analogy",
    "attention",
    "concepts",
    "embeddings",
    "language_models",
    "metrics",
    "representation",
]
