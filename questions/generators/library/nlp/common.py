"""Shared pieces of the NLP templates: the built-in corpus, the tokenisation rule, validators
for text parameters and a filter that keeps only recognisably different mistakes."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any

import numpy as np
import sympy

from ...base import Mistake
from ...formatting import num

# Short ML-flavoured sentences; several repeat words, bigrams or trigrams on purpose so that
# counts, clipping and distinct n-grams have something to show.
CORPUS = (
    "The model learns word vectors from text.",
    "Attention lets the model focus on the right words.",
    "A language model predicts the next word.",
    "The network learns features from the data.",
    "Training data shapes what the model learns.",
    "The encoder reads the input and the decoder reads the output.",
    "Word vectors place similar words close together.",
    "The loss falls as the model trains.",
    "Each word in the sentence attends to every other word.",
    "Dropout helps the network generalise to new data.",
    "The transformer uses attention instead of recurrence.",
    "Gradient descent updates the weights of the model.",
    "A small model can learn a good language model.",
    "The cat sat on the mat.",
    "The tokenizer splits the text into tokens.",
    "Good data beats a big model.",
    "The model reads the text and the model writes the text.",
    "Embeddings map each word to a dense vector.",
    "The next word depends on the previous words.",
    "Self-attention compares every token with every other token.",
    "Deep learning needs data, data and more data.",
    "The word vector for king is close to the word vector for queen.",
    "Rare words get a high weight and common words get a low weight.",
    "Bag of words ignores the order of the words.",
    "The model predicts the next token, then the next token again.",
    "The GPU trains the model in 2 days.",
    "A neural network is a function, and a deep network is a deeper function.",
    "A token can attend to a token far away.",
    "The learning rate sets the step size and the batch size sets the noise.",
    "Word by word, the model builds the sentence word by word.",
)

MAX_TEXT = 300
MAX_WORDS = 40
_TOKEN = re.compile(r"[a-z0-9]+")
_WORD = re.compile(r"[A-Za-z0-9]+")
# Letters, digits, spaces and plain punctuation only: a sentence is shown inside Markdown, so
# `$`, `*`, `_`, backticks and brackets would change how the prompt renders.
_SAFE_TEXT = re.compile(r"[A-Za-z0-9 .,;:!?'\-]+")

SPLIT_RULE = (
    "Tokenise by lower-casing and splitting on every character that is not a letter or a "
    "digit (so `Self-attention.` gives `self`, `attention`)."
)


def tokens(text: str) -> list[str]:
    """The tokenisation rule every NLP template states: lower-case, split on non-alphanumerics."""
    return _TOKEN.findall(text.lower())


def raw_words(text: str) -> list[str]:
    """Words split like `tokens` but without lower-casing (a common mistake's tokens)."""
    return _WORD.findall(text)


def check_text(value: Any) -> str:
    """A sentence or document a user passes: plain text with at least one token."""
    if not isinstance(value, str):
        raise ValueError(f"expected text, got {value!r}")
    if len(value) > MAX_TEXT:
        raise ValueError(f"at most {MAX_TEXT} characters")
    if not _SAFE_TEXT.fullmatch(value):
        raise ValueError("use only letters, digits, spaces and the punctuation . , ; : ! ? ' -")
    if not tokens(value):
        raise ValueError("must contain at least one word")
    return value


def check_texts(value: Any, low: int = 1, high: int = 8) -> list[str]:
    if not isinstance(value, list) or not low <= len(value) <= high:
        raise ValueError(f"expected a list of {low} to {high} texts")
    return [check_text(item) for item in value]


def check_word(value: Any, *, lower: bool = True) -> str:
    """One vocabulary word: letters and digits only (lower-case when matched to tokens)."""
    pattern = _TOKEN if lower else _WORD
    if not isinstance(value, str) or not pattern.fullmatch(value):
        case = "lower-case " if lower else ""
        raise ValueError(f"expected one {case}word of letters and digits, got {value!r}")
    return value


def check_vocab(value: Any, *, lower: bool = True) -> list[str]:
    if not isinstance(value, list) or not 1 <= len(value) <= MAX_WORDS:
        raise ValueError(f"expected a list of 1 to {MAX_WORDS} words")
    words = [check_word(item, lower=lower) for item in value]
    repeated = sorted({w for w in words if words.count(w) > 1})
    if repeated:
        raise ValueError(f"the vocabulary lists {', '.join(repeated)} more than once")
    return words


def pick(rng: np.random.Generator, items: Sequence[Any], k: int = 1) -> list[Any]:
    """k distinct items, in the order drawn."""
    return [items[int(i)] for i in rng.choice(len(items), size=k, replace=False)]


def first_appearance(*texts: str) -> list[str]:
    seen: list[str] = []
    for text in texts:
        seen.extend(t for t in tokens(text) if t not in seen)
    return seen


def quoted(text: str) -> str:
    return f"“{text}”"


def word_list(words: Sequence[str]) -> str:
    return "`[" + ", ".join(words) + "]`"


def reduced(numerator: int, denominator: int) -> str:
    """` = a/b` in lowest terms (LaTeX) when the fraction reduces, else nothing."""
    value = sympy.Rational(numerator, denominator)
    return "" if value.q == denominator else f" = {num(value)}"


def sig(value: float, digits: int = 6) -> float:
    """A float rounded to significant figures: a readable answer well inside rel_tol 1e-3."""
    return float(f"{float(value):.{digits}g}")


def _floats(value: Any) -> np.ndarray:
    if isinstance(value, sympy.MatrixBase):
        value = value.tolist()
    if isinstance(value, list):
        return np.array([_floats(item) for item in value], dtype=float)
    if isinstance(value, sympy.Basic):
        return np.array(float(sympy.N(value, 20)))
    return np.array(float(value))


def near(a: Any, b: Any, rel: float = 2e-3) -> bool:
    """True when two answers are equal within (twice) the grader's relative tolerance."""
    x, y = _floats(a), _floats(b)
    if x.shape != y.shape:
        return False
    return all(
        math.isclose(p, q, rel_tol=rel, abs_tol=1e-9) for p, q in zip(x.flat, y.flat, strict=True)
    )


def distinct(answer: Any, mistakes: list[Mistake]) -> list[Mistake]:
    """Drop mistakes the grader could not tell apart from the answer or an earlier mistake
    under rel_tol 1e-3 (the engine only drops exact coincidences)."""
    kept: list[Mistake] = []
    for mistake in mistakes:
        if not any(near(mistake.answer, other) for other in [answer, *(m.answer for m in kept)]):
            kept.append(mistake)
    return kept
