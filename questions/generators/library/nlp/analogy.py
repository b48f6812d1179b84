"""Word analogies by vector arithmetic: b − a + c and the nearest candidate by cosine."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ... import params as P
from ...base import Mistake, Template, TemplateError
from ...formatting import decimal, steps, vector
from ...registry import register
from .common import check_vocab, pick

LABELS = ["A", "B", "C", "D"]

# (a, b, c, the word d with a : b = c : d, three distractors)
FAMILIES = (
    ("man", "king", "woman", "queen", ("prince", "palace", "crown")),
    ("france", "paris", "italy", "rome", ("berlin", "pizza", "river")),
    ("walk", "walked", "swim", "swam", ("swimming", "ran", "pool")),
    ("small", "smaller", "big", "bigger", ("biggest", "large", "tiny")),
    ("cat", "kitten", "dog", "puppy", ("bark", "wolf", "kennel")),
    ("bad", "worst", "good", "best", ("better", "evil", "fine")),
    ("brother", "sister", "uncle", "aunt", ("nephew", "father", "cousin")),
    ("car", "cars", "child", "children", ("kid", "toy", "adult")),
)
DIM = 3


def _family(words: list[str]) -> tuple | None:
    return next((f for f in FAMILIES if list(f[:3]) == words[:3]), None)


def _draw_words(rng: np.random.Generator, values: dict) -> list[str]:
    a, b, c, target, others = pick(rng, FAMILIES)[0]
    return [a, b, c, *pick(rng, [target, *others], 4)]


def _small(rng: np.random.Generator, low: int, high: int) -> np.ndarray:
    return rng.integers(low, high + 1, size=DIM)


def _draw_vectors(rng: np.random.Generator, values: dict) -> list[list[int]]:
    words = values["words"]
    family = _family(words) or pick(rng, FAMILIES)[0]
    a, b, c = (_small(rng, -3, 3) for _ in range(3))
    offset = b - a + c
    # The distractors are built to catch the classic slips: a long vector pointing roughly the
    # same way (wins on dot product), one near a − b + c (sign slip), and a random one.
    made = {
        family[3]: offset + _small(rng, -1, 1),
        family[4][0]: 2 * offset + _small(rng, -2, 2),
        family[4][1]: a - b + c + _small(rng, -1, 1),
        family[4][2]: _small(rng, -3, 3),
    }
    rows = [a, b, c, *(made.get(w, _small(rng, -3, 3)) for w in words[3:])]
    return [[int(x) for x in row] for row in rows]


def _check_vectors(value: Any) -> list[list]:
    if not isinstance(value, list) or len(value) != 7:
        raise ValueError("expected 7 vectors: a, b, c and the four candidates")
    rows = [P.check_vector(row, nonzero=True) for row in value]
    if len({len(row) for row in rows}) != 1 or not 2 <= len(rows[0]) <= 6:
        raise ValueError("every vector must have the same length, from 2 to 6")
    return rows


def _check_words(value: Any) -> list[str]:
    words = check_vocab(value)
    if len(words) != 7:
        raise ValueError("expected 7 words: a, b, c and the four candidates")
    return words


def _cos(x: np.ndarray, y: np.ndarray) -> float:
    return float(x @ y / (np.linalg.norm(x) * np.linalg.norm(y)))


@register
class WordAnalogy(Template):
    slug = "word-analogy"
    title = "Word analogy by vector arithmetic"
    area = "nlp"
    topic = "word-embeddings"
    difficulty = 2
    kind = "choice"
    options = {"choices": LABELS}
    params = (
        P.custom("words", _draw_words, _check_words,
                 description="a, b, c (a is to b as c is to ?) then the four candidates"),
        P.custom("vectors", _draw_vectors, _check_vectors, description="one vector per word"),
    )  # fmt: skip

    @staticmethod
    def _arrays(p) -> tuple[np.ndarray, np.ndarray]:
        rows = np.array(p["vectors"], dtype=float)
        return rows[1] - rows[0] + rows[2], rows[3:]

    @classmethod
    def _ranked(cls, p) -> list[float]:
        offset, candidates = cls._arrays(p)
        return [_cos(offset, row) for row in candidates]

    def check(self, p) -> None:
        offset, _ = self._arrays(p)
        if not all(any(row) for row in p["vectors"]):
            raise TemplateError("a zero vector has no direction, so no cosine can be computed")
        if not offset.any():
            raise TemplateError("b − a + c is the zero vector, so no cosine can be computed")
        scores = sorted(self._ranked(p), reverse=True)
        if math.isclose(scores[0], scores[1], rel_tol=1e-9, abs_tol=1e-12):
            raise TemplateError("two candidates are equally similar: the answer is ambiguous")

    def reject(self, p):
        family = _family(p["words"])
        scores = self._ranked(p)
        best = int(np.argmax(scores))
        if family is None or p["words"][3 + best] != family[3]:
            return "the meaningful answer is not the nearest candidate"
        if sorted(scores)[-1] - sorted(scores)[-2] < 0.05:
            return "too close a call"
        if max(abs(x) for row in p["vectors"] for x in row) > 9:
            return "entries too large for an exam"
        return None

    def answer(self, p) -> str:
        return LABELS[int(np.argmax(self._ranked(p)))]

    def prompt(self, p) -> str:
        a, b, c = p["words"][:3]
        listing = "\n".join(
            f"- `{w}`: ${vector(row)}$" for w, row in zip(p["words"], p["vectors"], strict=True)
        )
        options = "\n".join(
            f"- **{label}.** `{w}`" for label, w in zip(LABELS, p["words"][3:], strict=True)
        )
        return (
            f"Word vectors:\n\n{listing}\n\n"
            f"Complete the analogy **{a} is to {b} as {c} is to ?** by vector arithmetic: "
            f"compute `{b}` − `{a}` + `{c}` and choose the candidate with the highest cosine "
            f"similarity to it.\n\n{options}"
        )

    def solution(self, p, answer) -> str:
        a, b, c = p["words"][:3]
        offset, _ = self._arrays(p)
        scores = ", ".join(
            f"`{w}` {decimal(s, 3)}" for w, s in zip(p["words"][3:], self._ranked(p), strict=True)
        )
        best = p["words"][3 + LABELS.index(answer)]
        return steps(
            f"`{b}` − `{a}` + `{c}` $= {vector([int(x) for x in offset])}$.",
            f"Cosine similarity of each candidate with it: {scores}.",
            f"The highest is `{best}`: answer **{answer}**.",
        )

    def mistakes(self, p, answer) -> list[Mistake]:
        offset, candidates = self._arrays(p)
        rows = np.array(p["vectors"], dtype=float)
        flipped = rows[0] - rows[1] + rows[2]
        picks = [
            (np.argmin([np.linalg.norm(offset - row) for row in candidates]),
             "That candidate is nearest by Euclidean distance; rank by cosine similarity, which "
             "compares directions, not lengths."),
            (np.argmax(candidates @ offset),
             "That candidate has the largest dot product only because its vector is long: "
             "cosine similarity divides by both lengths."),
            (np.argmax([_cos(flipped, row) for row in candidates]),
             f"Check the direction of the offset: compute {p['words'][1]} − {p['words'][0]} + "
             f"{p['words'][2]}, not {p['words'][0]} − {p['words'][1]} + {p['words'][2]}."),
        ]  # fmt: skip
        return [Mistake(LABELS[int(i)], feedback) for i, feedback in picks]
