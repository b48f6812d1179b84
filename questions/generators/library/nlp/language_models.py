"""Language-model templates: perplexity and maximum-likelihood bigram probabilities."""

from __future__ import annotations

from fractions import Fraction
from itertools import pairwise
from typing import Any

import numpy as np
import sympy

from ... import params as P
from ...base import Mistake, Template, TemplateError
from ...formatting import decimal, num, steps, tex
from ...registry import register
from ...values import exact
from .common import check_texts, check_word, distinct, pick, quoted, reduced, tokens

_PROBS = [0.5, 0.25, 0.2, 0.1, 0.4, 0.8, 0.125]


def _check_probs(value: Any) -> list:
    probs = P.check_vector(value)
    if len(probs) > 20:
        raise ValueError("at most 20 probabilities")
    if any(not 0 < p <= 1 for p in probs):
        raise ValueError("every probability must satisfy 0 < p ≤ 1")
    return probs


@register
class Perplexity(Template):
    slug = "perplexity"
    title = "Perplexity from token probabilities"
    area = "nlp"
    topic = "language-models"
    difficulty = 2
    kind = "numeric"
    options = {"rel_tol": 1e-3}
    params = (
        P.custom("probs", lambda rng, v: pick(rng, _PROBS, int(rng.integers(2, 6))),
                 _check_probs, description="probability of each token of the test text"),
    )  # fmt: skip

    def answer(self, p):
        probs = exact(p["probs"])
        return sympy.Mul(*probs) ** sympy.Rational(-1, len(probs))

    def prompt(self, p) -> str:
        shown = ", ".join(num(x) for x in p["probs"])
        return (
            f"A language model gives the {len(p['probs'])} tokens of a test sentence the "
            f"probabilities ${shown}$. Compute the perplexity "
            r"$\mathrm{PP} = \exp\left(-\frac{1}{N} \sum_{i=1}^{N} \ln p_i\right)$. "
            "Give 4 significant figures or an exact form."
        )

    def solution(self, p, answer) -> str:
        probs = exact(p["probs"])
        n = len(probs)
        logs = " + ".join(rf"\ln {num(x)}" for x in probs)
        total = sum(sympy.log(x) for x in probs)
        return steps(
            f"Sum of log-probabilities: ${logs} = {decimal(total)}$.",
            f"Average over $N = {n}$ tokens and negate: ${decimal(-total / n)}$.",
            f"Exponentiate: $\\mathrm{{PP}} = e^{{{decimal(-total / n)}}} \\approx "
            f"{decimal(answer)}$.",
            "Equivalently $\\mathrm{PP} = (p_1 \\cdots p_N)^{-1/N} = "
            f"\\left({num(sympy.Mul(*probs))}\\right)^{{-1/{n}}} = {tex(answer)}$.",
        )

    def mistakes(self, p, answer) -> list[Mistake]:
        probs = exact(p["probs"])
        n = len(probs)
        log2_mean = sum(sympy.log(x, 2) for x in probs) / n
        return distinct(answer, [
            Mistake(1 / answer, "Keep the minus sign: perplexity is exp of the negative mean "
                    "log-probability, so it is at least 1."),
            Mistake(sympy.exp(-log2_mean), "Match the bases: a mean of log base 2 must be "
                    "exponentiated with 2, not e."),
            Mistake(1 / sympy.Mul(*probs), "Average the log-probabilities over the N tokens "
                    "before exponentiating."),
        ])  # fmt: skip


# Tiny sentences that share words, so bigram counts are small but not all 1.
BIGRAM_CORPUS = (
    "the model reads the text",
    "the model writes the text",
    "a model reads a book",
    "the student reads the book",
    "the model learns the task",
    "a student learns a task",
    "the text is long",
    "the book is short",
    "the student writes the code",
    "the code trains the model",
    "a model is a function",
)


def _bigrams(corpus: list[str]) -> list[tuple[str, str]]:
    # Bigrams never cross a sentence boundary.
    pairs = []
    for sentence in corpus:
        words = tokens(sentence)
        pairs.extend(pairwise(words))
    return pairs


def _draw_w1(rng: np.random.Generator, values: dict) -> str:
    return pick(rng, [w for w, _ in _bigrams(values["corpus"])])[0]


def _draw_w2(rng: np.random.Generator, values: dict) -> str:
    follow = [b for a, b in _bigrams(values["corpus"]) if a == values["w1"]]
    return pick(rng, follow or tokens(values["corpus"][0]))[0]


@register
class BigramProbability(Template):
    slug = "bigram-probability"
    title = "Bigram probability (MLE)"
    area = "nlp"
    topic = "language-models"
    difficulty = 1
    kind = "numeric"
    params = (
        P.custom("corpus", lambda rng, v: pick(rng, BIGRAM_CORPUS, int(rng.integers(3, 5))),
                 lambda v: check_texts(v, 1, 10), description="the training sentences"),
        P.custom("w1", _draw_w1, check_word, description="the previous word"),
        P.custom("w2", _draw_w2, check_word, description="the next word"),
    )  # fmt: skip

    @staticmethod
    def _counts(p) -> tuple[int, int, int, int]:
        """(c(w1 w2), c(w1), c(w2), number of tokens)."""
        words = [t for s in p["corpus"] for t in tokens(s)]
        pair = _bigrams(p["corpus"]).count((p["w1"], p["w2"]))
        return pair, words.count(p["w1"]), words.count(p["w2"]), len(words)

    def check(self, p) -> None:
        if self._counts(p)[1] == 0:
            raise TemplateError(f"w1 = {p['w1']!r} never occurs, so P(w2 | w1) is undefined")

    def reject(self, p):
        pair, c1, _, _ = self._counts(p)
        if pair == c1 or c1 < 2:
            return "trivial probability"
        if any(tokens(s)[-1] == p["w1"] for s in p["corpus"]):
            return "w1 ends a sentence (ambiguous history count)"
        return None

    def answer(self, p):
        pair, c1, _, _ = self._counts(p)
        return Fraction(pair, c1)

    def prompt(self, p) -> str:
        listing = "\n".join(f"- {quoted(s)}" for s in p["corpus"])
        return (
            f"A bigram language model is trained on:\n\n{listing}\n\n"
            f"Using the maximum-likelihood estimate "
            r"$P(w_2 \mid w_1) = \frac{c(w_1\, w_2)}{c(w_1)}$ (bigrams do not cross sentence "
            r"boundaries; $c(w_1)$ counts every occurrence of $w_1$), compute "
            f"$P(\\text{{{p['w2']}}} \\mid \\text{{{p['w1']}}})$ as an exact fraction."
        )

    def solution(self, p, answer) -> str:
        pair, c1, _, _ = self._counts(p)
        return steps(
            f"The bigram `{p['w1']} {p['w2']}` occurs {pair} time(s).",
            f"The word `{p['w1']}` occurs {c1} times.",
            f"$P = \\frac{{{pair}}}{{{c1}}}{reduced(pair, c1)}$.",
        )

    def mistakes(self, p, answer) -> list[Mistake]:
        pair, _, c2, n = self._counts(p)
        return [
            Mistake(Fraction(pair, c2), "Condition on the previous word: divide by the "
                    "count of w1, not of w2."),
            Mistake(Fraction(pair, n), "That is how often the bigram occurs among all "
                    "tokens; the conditional probability divides by c(w1)."),
        ]  # fmt: skip
