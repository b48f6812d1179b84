"""Word-embedding templates: skip-gram pairs, embedding sizes, cosine similarity, analogies."""

from __future__ import annotations

import sympy

from ... import params as P
from ...base import Mistake, Template, TemplateError
from ...formatting import decimal, num, steps, tex, vector
from ...registry import register
from .common import distinct, pick


@register
class SkipGramPairs(Template):
    slug = "skip-gram-pairs"
    title = "Skip-gram training pairs"
    area = "nlp"
    topic = "word-embeddings"
    difficulty = 2
    kind = "integer"
    params = (
        P.count("n_tokens", 5, 20, limit=100_000, description="tokens in the sentence"),
        P.count("window", 1, 4, limit=1_000, description="context words on each side"),
    )

    def reject(self, p):
        return "window as long as the sentence" if p["n_tokens"] <= p["window"] else None

    def answer(self, p) -> int:
        n, w = p["n_tokens"], p["window"]
        if n - 1 <= w:  # every other token is in every window
            return n * (n - 1)
        return 2 * w * n - w * (w + 1)

    def prompt(self, p) -> str:
        return (
            f"Skip-gram (word2vec) makes training pairs (centre, context) from a sentence of "
            f"{p['n_tokens']} tokens with window size {p['window']}: each token is the centre "
            f"once and is paired with every token at most {p['window']} position(s) before or "
            "after it. Windows are cut at the ends of the sentence (no padding). How many "
            "training pairs are there?"
        )

    def solution(self, p, answer) -> str:
        n, w = p["n_tokens"], p["window"]
        if n - 1 <= w:
            return steps(
                f"The window {w} reaches the whole sentence of {n} tokens.",
                f"Each token pairs with the other {n - 1}: ${n} \\cdot {n - 1} = {answer}$.",
            )
        lost = " + ".join(str(k) for k in range(1, w + 1))
        return steps(
            f"Without edges every centre would have $2w = {2 * w}$ context words: "
            f"$2 \\cdot {w} \\cdot {n} = {2 * w * n}$ pairs.",
            f"At each end the first {w} centres lose ${lost} = {w * (w + 1) // 2}$ context "
            "positions that fall outside the sentence.",
            f"Pairs: ${2 * w * n} - 2 \\cdot {w * (w + 1) // 2} = {answer}$.",
        )

    def mistakes(self, p, answer) -> list[Mistake]:
        n, w = p["n_tokens"], p["window"]
        return [
            Mistake(2 * w * n, "The windows are cut at the sentence ends: the first and last "
                    "tokens have fewer than 2w neighbours."),
            Mistake(answer // 2, "The window reaches both sides: count context words before "
                    "and after each centre."),
            Mistake(2 * w * n - w * (w + 1) // 2, "Both ends of the sentence cut the window, "
                    "not only the start."),
        ]  # fmt: skip


def _size_param(name: str, values: list[int], limit: int, description: str) -> P.Param:
    return P.custom(name, lambda rng, v: pick(rng, values)[0],
                    lambda v: P.check_int(v, 1, limit), description=description)  # fmt: skip


_SIZES = (
    _size_param("vocab_size", [5_000, 10_000, 20_000, 30_000, 32_000, 50_000], 10_000_000,
                "number of words in the vocabulary"),
    _size_param("dim", [50, 64, 100, 128, 200, 256, 300, 512, 768], 100_000,
                "embedding dimension"),
)  # fmt: skip


@register
class EmbeddingParamCount(Template):
    slug = "embedding-param-count"
    title = "Parameters of an embedding layer"
    area = "nlp"
    topic = "word-embeddings"
    difficulty = 1
    kind = "integer"
    params = _SIZES

    def answer(self, p) -> int:
        return p["vocab_size"] * p["dim"]

    def prompt(self, p) -> str:
        return (
            f"An embedding layer (PyTorch `nn.Embedding({p['vocab_size']}, {p['dim']})`) maps "
            f"each of {p['vocab_size']:,} words to a {p['dim']}-dimensional vector. How many "
            "trainable parameters does it have?"
        )

    def solution(self, p, answer) -> str:
        return steps(
            f"The layer is a lookup table with one row of {p['dim']} numbers per word.",
            f"${p['vocab_size']} \\times {p['dim']} = {answer}$ parameters (no bias).",
        )

    def mistakes(self, p, answer) -> list[Mistake]:
        v, d = p["vocab_size"], p["dim"]
        return [
            Mistake(v + d, "Multiply, do not add: the table has V rows of d numbers."),
            Mistake(2 * v * d, "One table only: the second (output) matrix belongs to the "
                    "word2vec training model, not to an embedding layer."),
            Mistake(v * d + d, "An embedding lookup has no bias."),
        ]  # fmt: skip


@register
class Word2VecParamCount(Template):
    slug = "word2vec-param-count"
    title = "Parameters of a word2vec model"
    area = "nlp"
    topic = "word-embeddings"
    difficulty = 1
    kind = "integer"
    params = _SIZES

    def answer(self, p) -> int:
        return 2 * p["vocab_size"] * p["dim"]

    def prompt(self, p) -> str:
        return (
            f"A skip-gram word2vec model with a vocabulary of {p['vocab_size']:,} words and "
            f"{p['dim']}-dimensional embeddings has an input (centre-word) embedding matrix and "
            "an output (context-word) matrix, and no biases. How many trainable parameters does "
            "it have?"
        )

    def solution(self, p, answer) -> str:
        v, d = p["vocab_size"], p["dim"]
        return steps(
            f"Input matrix $W$: ${v} \\times {d} = {v * d}$ (one row per word).",
            f"Output matrix $W'$: ${d} \\times {v} = {v * d}$ (one column per word).",
            f"Total: $2 \\cdot {v} \\cdot {d} = {answer}$.",
        )

    def mistakes(self, p, answer) -> list[Mistake]:
        v, d = p["vocab_size"], p["dim"]
        return [
            Mistake(v * d, "Count both matrices: the input embeddings and the output "
                    "(context) weights each have V·d entries."),
            Mistake(2 * (v + d), "Multiply, do not add: each matrix has V·d entries."),
        ]  # fmt: skip


@register
class CosineSimilarity(Template):
    slug = "cosine-similarity"
    title = "Cosine similarity of two vectors"
    area = "nlp"
    topic = "word-embeddings"
    difficulty = 1
    kind = "numeric"
    options = {"rel_tol": 1e-3}
    params = (
        P.int_vector("u", (2, 4), -3, 4, nonzero=True),
        P.int_vector("v", lambda values: len(values["u"]), -3, 4, nonzero=True),
    )

    def check(self, p) -> None:
        if len(p["u"]) != len(p["v"]):
            raise TemplateError(
                f"u has {len(p['u'])} entries and v has {len(p['v'])}: they must match"
            )

    @staticmethod
    def _parts(p) -> tuple[sympy.Expr, sympy.Expr, sympy.Expr]:
        u, v = sympy.Matrix(p["u"]), sympy.Matrix(p["v"])
        return u.dot(v), u.dot(u), v.dot(v)

    def reject(self, p):
        dot, uu, vv = self._parts(p)
        if dot == 0 or dot**2 == uu * vv:
            return "orthogonal or parallel vectors"
        return None

    def answer(self, p):
        dot, uu, vv = self._parts(p)
        return sympy.radsimp(dot / sympy.sqrt(uu * vv))

    def prompt(self, p) -> str:
        return (
            f"Compute the cosine similarity of $u = {vector(p['u'])}$ and "
            f"$v = {vector(p['v'])}$. Give 4 significant figures or an exact form such as "
            "`3/sqrt(10)`."
        )

    def solution(self, p, answer) -> str:
        dot, uu, vv = self._parts(p)
        terms = " + ".join(f"({num(a)})({num(b)})" for a, b in zip(p["u"], p["v"], strict=True))
        return steps(
            r"$\cos(u, v) = \frac{u \cdot v}{\lVert u \rVert \, \lVert v \rVert}$.",
            f"$u \\cdot v = {terms} = {num(dot)}$.",
            f"$\\lVert u \\rVert = \\sqrt{{{num(uu)}}}$, $\\lVert v \\rVert = \\sqrt{{{num(vv)}}}$.",
            f"$\\cos(u, v) = \\frac{{{num(dot)}}}{{\\sqrt{{{num(uu)}}} \\sqrt{{{num(vv)}}}}} = "
            f"{tex(answer)} \\approx {decimal(answer)}$.",
        )

    def mistakes(self, p, answer) -> list[Mistake]:
        dot, uu, vv = self._parts(p)
        return distinct(answer, [
            Mistake(dot, "That is the dot product: divide by the two vector lengths."),
            Mistake(dot / (uu * vv), "Divide by the lengths ‖u‖‖v‖, not by their squares."),
            Mistake(1 - answer, "That is the cosine distance, 1 − cos; the question asks for "
                    "the similarity."),
        ])  # fmt: skip
