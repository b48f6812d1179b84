"""Text representation templates: one-hot vectors, bag of words, tf-idf and n-grams."""

from __future__ import annotations

from collections import Counter

import numpy as np
import sympy

from ... import params as P
from ...base import Mistake, Template, TemplateError
from ...formatting import decimal, num, steps, tex, vector
from ...registry import register
from .common import (
    CORPUS,
    SPLIT_RULE,
    check_text,
    check_texts,
    check_vocab,
    check_word,
    distinct,
    first_appearance,
    pick,
    quoted,
    raw_words,
    tokens,
    word_list,
)


def _one_hot_vocab(rng: np.random.Generator, values: dict) -> list[str]:
    # Order of first appearance in two or three sentences, as in the lecture's John/Mary example.
    texts = pick(rng, CORPUS, 3)
    vocab = first_appearance(*texts[:2])
    if len(vocab) < 12:
        vocab = first_appearance(*texts)
    return vocab[: int(rng.integers(12, 19))]


@register
class OneHot(Template):
    slug = "one-hot"
    title = "One-hot vector of a word"
    area = "nlp"
    topic = "one-hot-bow"
    difficulty = 1
    kind = "vector"
    params = (
        P.custom("vocab", _one_hot_vocab, lambda v: check_vocab(v, lower=False),
                 description="the vocabulary, in index order"),
        P.custom("word", lambda rng, v: pick(rng, v["vocab"])[0],
                 lambda v: check_word(v, lower=False), description="a word of the vocabulary"),
    )  # fmt: skip

    def check(self, p) -> None:
        if p["word"] not in p["vocab"]:
            raise TemplateError(f"the word {p['word']!r} is not in the vocabulary")

    def answer(self, p) -> list[int]:
        return [int(w == p["word"]) for w in p["vocab"]]

    def prompt(self, p) -> str:
        return (
            f"A vocabulary of {len(p['vocab'])} words, in index order (the first word has "
            f"index 1):\n\n{word_list(p['vocab'])}\n\n"
            f"Write the one-hot vector of the word `{p['word']}` as a list with one entry per "
            "vocabulary word, e.g. `[0, 1, 0]`."
        )

    def solution(self, p, answer) -> str:
        k = p["vocab"].index(p["word"]) + 1
        return steps(
            f"The vocabulary has {len(p['vocab'])} words, so the vector has "
            f"{len(p['vocab'])} entries, one per word in the given order.",
            f"`{p['word']}` is word number {k} of the list.",
            f"Put 1 in entry {k} and 0 everywhere else: ${vector(answer)}$.",
        )

    def mistakes(self, p, answer) -> list[Mistake]:
        vocab, k = p["vocab"], p["vocab"].index(p["word"])
        alphabetical = sorted(vocab).index(p["word"])
        found = [
            Mistake([int(i == alphabetical) for i in range(len(vocab))],
                    "You sorted the vocabulary: a one-hot vector follows the vocabulary's own "
                    "index order, which is given here."),
        ]  # fmt: skip
        if k + 1 < len(vocab):
            found.append(
                Mistake([int(i == k + 1) for i in range(len(vocab))],
                        "Off by one: the 1 goes in the word's own position, counting the first "
                        "vocabulary word as entry 1."),
            )  # fmt: skip
        return found


def _bow_vocab(rng: np.random.Generator, values: dict) -> list[str]:
    own = sorted(set(tokens(values["sentence"])))
    others = sorted({t for text in CORPUS for t in tokens(text)} - set(own))
    extra = max(0, int(rng.integers(15, 21)) - len(own))
    return sorted(own + pick(rng, others, extra))


@register
class BagOfWords(Template):
    slug = "bag-of-words"
    title = "Bag-of-words vector"
    area = "nlp"
    topic = "one-hot-bow"
    difficulty = 1
    kind = "vector"
    params = (
        P.custom("sentence", lambda rng, v: pick(rng, CORPUS)[0], check_text),
        P.custom("vocab", _bow_vocab, check_vocab, description="lower-case words, in order"),
    )

    def answer(self, p) -> list[int]:
        counts = Counter(tokens(p["sentence"]))
        return [counts[w] for w in p["vocab"]]

    def prompt(self, p) -> str:
        return (
            f"Vocabulary, in index order:\n\n{word_list(p['vocab'])}\n\n"
            f"Write the bag-of-words count vector of the sentence {quoted(p['sentence'])} "
            f"(one count per vocabulary word, in the order above). {SPLIT_RULE} Tokens that "
            "are not in the vocabulary are ignored."
        )

    def solution(self, p, answer) -> str:
        words = tokens(p["sentence"])
        counted = ", ".join(f"`{w}`: {c}" for w, c in zip(p["vocab"], answer, strict=True) if c)
        return steps(
            f"Tokens: `{' '.join(words)}` ({len(words)} tokens).",
            f"Count each vocabulary word: {counted or 'none occur'}; every other entry is 0.",
            f"In vocabulary order: ${vector(answer)}$.",
        )

    def mistakes(self, p, answer) -> list[Mistake]:
        raw = Counter(raw_words(p["sentence"]))
        return [
            Mistake([raw[w] for w in p["vocab"]],
                    "Lower-case first: a capitalised word such as the first word of the sentence "
                    "is the same token as its lower-case form."),
            Mistake([min(c, 1) for c in answer],
                    "Bag of words counts occurrences: a word that appears twice gets 2, not 1."),
        ]  # fmt: skip


def _tf_idf_term(rng: np.random.Generator, values: dict) -> str:
    docs = [set(tokens(d)) for d in values["docs"]]
    words = sorted(set().union(*docs))
    # Prefer a term with a non-zero, non-trivial idf: in some documents but not all.
    useful = [w for w in words if 0 < sum(w in d for d in docs) < len(docs)]
    return pick(rng, useful or words)[0]


def _tf_idf_doc(rng: np.random.Generator, values: dict) -> int:
    holding = [i for i, d in enumerate(values["docs"]) if values["term"] in tokens(d)]
    return pick(rng, holding or list(range(len(values["docs"]))))[0]


@register
class TfIdf(Template):
    slug = "tf-idf"
    title = "tf-idf of a term"
    area = "nlp"
    topic = "tf-idf"
    difficulty = 2
    kind = "numeric"
    options = {"rel_tol": 1e-3}
    params = (
        P.custom("docs", lambda rng, v: pick(rng, CORPUS, int(rng.integers(3, 5))),
                 lambda v: check_texts(v, 1, 8), description="the documents"),
        P.custom("term", _tf_idf_term, check_word, description="a lower-case word"),
        P.custom("doc_index", _tf_idf_doc, lambda v: P.check_int(v, 0, 7),
                 description="0-based index of the document"),
    )  # fmt: skip

    @staticmethod
    def _counts(p) -> tuple[int, int, int, int]:
        """(count in the document, document length, N, document frequency)."""
        doc = tokens(p["docs"][p["doc_index"]])
        df = sum(p["term"] in tokens(d) for d in p["docs"])
        return doc.count(p["term"]), len(doc), len(p["docs"]), df

    def check(self, p) -> None:
        if p["doc_index"] >= len(p["docs"]):
            raise TemplateError(
                f"doc_index {p['doc_index']} is out of range: there are {len(p['docs'])} "
                "documents, indexed from 0"
            )
        if self._counts(p)[3] == 0:
            raise TemplateError(
                f"the term {p['term']!r} is in no document, so idf = log(N/0) is undefined"
            )

    def reject(self, p):
        count, _, n, df = self._counts(p)
        return "trivial: tf or idf is zero" if count == 0 or df == n else None

    def answer(self, p):
        count, length, n, df = self._counts(p)
        return sympy.Rational(count, length) * sympy.log(sympy.Rational(n, df))

    def prompt(self, p) -> str:
        listing = "\n".join(f"- $d_{{{i + 1}}}$: {quoted(d)}" for i, d in enumerate(p["docs"]))
        return (
            f"A corpus of {len(p['docs'])} documents:\n\n{listing}\n\n"
            f"Compute the tf-idf of the term `{p['term']}` in $d_{{{p['doc_index'] + 1}}}$, with "
            r"$\mathrm{tf} = \frac{\text{count of the term in the document}}"
            r"{\text{number of tokens in the document}}$ and "
            r"$\mathrm{idf} = \ln \frac{N}{\mathrm{df}}$ (natural log; df = number of documents "
            f"containing the term). {SPLIT_RULE} Give 4 significant figures or an exact form "
            "such as `1/6*ln(3)`."
        )

    def solution(self, p, answer) -> str:
        count, length, n, df = self._counts(p)
        k = p["doc_index"] + 1
        holders = ", ".join(
            f"$d_{{{i + 1}}}$" for i, d in enumerate(p["docs"]) if p["term"] in tokens(d)
        )
        return steps(
            f"$d_{{{k}}}$ has {length} tokens: `{' '.join(tokens(p['docs'][k - 1]))}`.",
            f"`{p['term']}` occurs {count} time(s), so "
            f"$\\mathrm{{tf}} = {num(sympy.Rational(count, length))}$.",
            f"It appears in {df} of the $N = {n}$ documents ({holders}), so "
            f"$\\mathrm{{idf}} = \\ln \\frac{{{n}}}{{{df}}} = "
            f"{decimal(sympy.log(sympy.Rational(n, df)))}$.",
            f"$\\text{{tf-idf}} = {tex(answer)} \\approx {decimal(answer)}$.",
        )

    def mistakes(self, p, answer) -> list[Mistake]:
        count, length, n, df = self._counts(p)
        tf = sympy.Rational(count, length)
        occurrences = sum(tokens(d).count(p["term"]) for d in p["docs"])
        found = [
            Mistake(count * sympy.log(sympy.Rational(n, df)),
                    "tf is the count divided by the document's length, not the raw count."),
            Mistake(tf * sympy.log(sympy.Rational(n, df), 10),
                    "Use the natural log for idf here, not log base 10."),
            Mistake(tf * sympy.Rational(n, df),
                    "idf is the logarithm of N/df, not N/df itself."),
        ]  # fmt: skip
        if occurrences != df:
            found.append(
                Mistake(tf * sympy.log(sympy.Rational(n, occurrences)),
                        "df counts documents containing the term, not its total occurrences."),
            )  # fmt: skip
        return distinct(answer, found)


@register
class NgramCount(Template):
    slug = "distinct-ngrams"
    title = "Distinct n-grams of a sentence"
    area = "nlp"
    topic = "n-grams"
    difficulty = 1
    kind = "integer"
    params = (
        P.custom("sentence", lambda rng, v: pick(rng, CORPUS)[0], check_text),
        P.custom(
            "n",
            lambda rng, v: int(rng.integers(1, 4)),
            lambda v: P.check_int(v, 1, 10),
            description="n-gram length",
        ),
    )

    @staticmethod
    def _grams(p) -> list[tuple[str, ...]]:
        words = tokens(p["sentence"])
        return [tuple(words[i : i + p["n"]]) for i in range(len(words) - p["n"] + 1)]

    def check(self, p) -> None:
        if len(tokens(p["sentence"])) < p["n"]:
            raise TemplateError(f"the sentence has fewer than n = {p['n']} tokens")

    def reject(self, p):
        grams = self._grams(p)
        return "no repeated n-gram" if len(set(grams)) == len(grams) else None

    def answer(self, p) -> int:
        return len(set(self._grams(p)))

    def prompt(self, p) -> str:
        return (
            f"{SPLIT_RULE} How many **distinct** {p['n']}-grams (runs of {p['n']} consecutive "
            f"tokens; a repeated run counts once) does the sentence {quoted(p['sentence'])} "
            "contain?"
        )

    def solution(self, p, answer) -> str:
        words, grams = tokens(p["sentence"]), self._grams(p)
        repeated = [" ".join(g) for g, c in Counter(grams).items() if c > 1]
        return steps(
            f"The sentence has $T = {len(words)}$ tokens, so it has "
            f"$T - n + 1 = {len(words)} - {p['n']} + 1 = {len(grams)}$ {p['n']}-grams in all.",
            "Repeated ones: " + ", ".join(f"`{g}`" for g in repeated) + ".",
            f"Counting each once leaves {answer} distinct {p['n']}-grams.",
        )

    def mistakes(self, p, answer) -> list[Mistake]:
        total = len(self._grams(p))
        return [
            Mistake(total, "That counts every position: repeated n-grams count once."),
            Mistake(total - 1, "Off by one, and repeated n-grams count once: a sentence of "
                    "T tokens has T − n + 1 n-grams before removing repeats."),
        ]  # fmt: skip
