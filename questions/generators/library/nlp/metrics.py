"""Text-metric templates: Levenshtein edit distance and BLEU's clipped unigram precision."""

from __future__ import annotations

import re
from collections import Counter
from fractions import Fraction
from typing import Any

import numpy as np

from ... import params as P
from ...base import Mistake, Template
from ...formatting import matrix, steps
from ...registry import register
from .common import CORPUS, check_text, pick, quoted, reduced, tokens

WORDS = (
    "kitten", "flaw", "intention", "model", "token", "vector", "tensor", "layer", "neural",
    "learning", "gradient", "softmax", "matrix", "kernel", "encoder", "decoder", "dropout",
    "batch", "embed", "corpus", "parse", "label", "train", "weight", "sample",
)  # fmt: skip
# Textbook pairs, drawn now and then next to random edits.
CLASSIC = {"kitten": "sitting", "flaw": "lawn", "intention": "execution"}
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_SHORT_WORD = re.compile(r"[a-z]{1,15}")


def _check_short_word(value: Any) -> str:
    if not isinstance(value, str) or not _SHORT_WORD.fullmatch(value):
        raise ValueError(f"expected a lower-case word of 1 to 15 letters, got {value!r}")
    return value


def _edited(rng: np.random.Generator, values: dict) -> str:
    word = values["a"]
    if word in CLASSIC and rng.random() < 0.5:
        return CLASSIC[word]
    letters = list(word)
    for _ in range(int(rng.integers(1, 4))):
        op = int(rng.integers(3)) if len(letters) > 2 else 1
        at = int(rng.integers(len(letters)))
        letter = _LETTERS[int(rng.integers(26))]
        if op == 0:
            letters[at] = letter
        elif op == 1:
            letters.insert(at, letter)
        else:
            del letters[at]
    return "".join(letters)


def levenshtein_table(a: str, b: str, substitution: int = 1) -> list[list[int]]:
    """D[i][j] = edit distance between a[:i] and b[:j] (unit insert and delete)."""
    table = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            same = a[i - 1] == b[j - 1]
            table[i][j] = min(
                table[i - 1][j] + 1,
                table[i][j - 1] + 1,
                table[i - 1][j - 1] + (0 if same else substitution),
            )
    return table


@register
class EditDistance(Template):
    slug = "edit-distance"
    title = "Levenshtein edit distance"
    area = "nlp"
    topic = "text-metrics"
    difficulty = 2
    kind = "integer"
    params = (
        P.custom("a", lambda rng, v: pick(rng, WORDS)[0], _check_short_word),
        P.custom("b", _edited, _check_short_word),
    )

    def reject(self, p):
        return "the words are equal" if p["a"] == p["b"] else None

    def answer(self, p) -> int:
        return levenshtein_table(p["a"], p["b"])[-1][-1]

    def prompt(self, p) -> str:
        return (
            f"What is the Levenshtein edit distance between `{p['a']}` and `{p['b']}`? "
            "Insertions, deletions and substitutions of one letter each cost 1."
        )

    def solution(self, p, answer) -> str:
        a, b = p["a"], p["b"]
        return steps(
            f"Fill the table $D_{{ij}}$ = distance between the first $i$ letters of `{a}` and "
            f"the first $j$ letters of `{b}`: $D_{{i0}} = i$, $D_{{0j}} = j$.",
            r"Each other cell is $\min(D_{i-1,j} + 1,\ D_{i,j-1} + 1,\ D_{i-1,j-1} + c)$ with "
            r"$c = 0$ when the letters match and $c = 1$ otherwise.",
            f"Rows are `{a}` (with an empty prefix first), columns `{b}`:\n\n"
            f"   $$D = {matrix(levenshtein_table(a, b))}$$",
            f"The bottom-right cell is the distance: {answer}.",
        )

    def mistakes(self, p, answer) -> list[Mistake]:
        a, b = p["a"], p["b"]
        aligned = sum(x != y for x, y in zip(a, b, strict=False)) + abs(len(a) - len(b))
        return [
            Mistake(levenshtein_table(a, b, substitution=2)[-1][-1],
                    "Here a substitution costs 1, not 2 (a deletion plus an insertion)."),
            Mistake(aligned, "Comparing letters at the same positions ignores that an insertion "
                    "or deletion shifts the rest of the word: use the dynamic-programming table."),
            Mistake(abs(len(a) - len(b)), "The length difference is only a lower bound: "
                    "count the substitutions too."),
        ]  # fmt: skip


def _candidate(rng: np.random.Generator, values: dict) -> str:
    ref = tokens(values["reference"])
    # Keep part of the reference, over-use one reference word, and add a word it lacks.
    kept = [w for w in ref if rng.random() < 0.6]
    repeated = pick(rng, ref)[0]
    outsider = pick(rng, sorted({t for s in CORPUS for t in tokens(s)} - set(ref)))[0]
    words = kept + [repeated] * int(rng.integers(2, 4)) + [outsider]
    return " ".join(pick(rng, words, len(words)))


@register
class BleuUnigramPrecision(Template):
    slug = "bleu-unigram-precision"
    title = "BLEU clipped unigram precision"
    area = "nlp"
    topic = "text-metrics"
    difficulty = 2
    kind = "numeric"
    params = (
        P.custom("reference", lambda rng, v: pick(rng, CORPUS)[0], check_text),
        P.custom("candidate", _candidate, check_text),
    )

    @staticmethod
    def _counts(p) -> tuple[Counter, Counter]:
        return Counter(tokens(p["candidate"])), Counter(tokens(p["reference"]))

    def reject(self, p):
        cand, ref = self._counts(p)
        if all(c <= ref[w] for w, c in cand.items()):
            return "clipping changes nothing"
        if sum(cand.values()) > 12:
            return "candidate too long"
        return None

    def answer(self, p):
        cand, ref = self._counts(p)
        return Fraction(sum(min(c, ref[w]) for w, c in cand.items()), sum(cand.values()))

    def prompt(self, p) -> str:
        return (
            f"Candidate translation: {quoted(p['candidate'])}\n\n"
            f"Reference: {quoted(p['reference'])}\n\n"
            "Compute BLEU's modified (clipped) unigram precision: each candidate token counts as "
            "a match at most as many times as the word occurs in the reference, and the matches "
            "are divided by the number of candidate tokens. Tokens are lower-cased words. "
            "Give an exact fraction."
        )

    def solution(self, p, answer) -> str:
        cand, ref = self._counts(p)
        rows = ", ".join(
            f"`{w}` min({c}, {ref[w]}) = {min(c, ref[w])}" for w, c in sorted(cand.items())
        )
        matches = sum(min(c, ref[w]) for w, c in cand.items())
        return steps(
            f"Candidate counts, clipped by the reference counts: {rows}.",
            f"Clipped matches: {matches}; candidate tokens: {sum(cand.values())}.",
            f"Precision $= \\frac{{{matches}}}{{{sum(cand.values())}}}"
            f"{reduced(matches, sum(cand.values()))}$.",
        )

    def mistakes(self, p, answer) -> list[Mistake]:
        cand, ref = self._counts(p)
        unclipped = sum(c for w, c in cand.items() if ref[w])
        matches = sum(min(c, ref[w]) for w, c in cand.items())
        return [
            Mistake(Fraction(unclipped, sum(cand.values())),
                    "Clip the counts: a candidate word matches at most as often as it occurs "
                    "in the reference."),
            Mistake(Fraction(matches, sum(ref.values())),
                    "Precision divides by the candidate's length, not the reference's."),
        ]  # fmt: skip
