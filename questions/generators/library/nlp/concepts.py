"""Multiple-choice concept questions: banks of NLP questions with shuffled options, each wrong
option carrying the feedback a teacher would give."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np

from ... import params as P
from ...base import Mistake, Template
from ...formatting import steps
from ...registry import register

LABELS = ["A", "B", "C", "D"]


@dataclass(frozen=True)
class Item:
    key: str
    question: str
    correct: str
    wrong: tuple[tuple[str, str], ...]  # (option, why it is wrong), three of them


def _check_order(value: Any) -> list[int]:
    if not isinstance(value, list) or sorted(value) != [0, 1, 2, 3]:
        raise ValueError("expected a permutation of [0, 1, 2, 3] (0 is the correct option)")
    return [P.check_int(v, 0, 3) for v in value]


def _draw_order(rng: np.random.Generator, values: dict) -> list[int]:
    return [int(i) for i in rng.permutation(4)]


class ConceptQuestion(Template):
    """A question from `bank`; `order[j]` is the option shown under label j (0 = correct)."""

    area = "nlp"
    difficulty = 1
    kind = "choice"
    options = {"choices": LABELS}
    bank: ClassVar[tuple[Item, ...]] = ()

    @classmethod
    def make_params(cls, bank: tuple[Item, ...]) -> tuple[P.Param, ...]:
        return (
            P.choice("question", [item.key for item in bank], description="question id"),
            P.custom("order", _draw_order, _check_order, description="option order"),
        )

    def _item(self, p) -> Item:
        return next(item for item in self.bank if item.key == p["question"])

    def _options(self, p) -> list[str]:
        item = self._item(p)
        texts = [item.correct, *(text for text, _ in item.wrong)]
        return [texts[i] for i in p["order"]]

    def answer(self, p) -> str:
        return LABELS[p["order"].index(0)]

    def prompt(self, p) -> str:
        listing = "\n".join(
            f"- **{label}.** {text}" for label, text in zip(LABELS, self._options(p), strict=True)
        )
        return f"{self._item(p).question}\n\n{listing}"

    def solution(self, p, answer) -> str:
        item = self._item(p)
        lines = [f"**{answer}.** {item.correct}"]
        for label, index in zip(LABELS, p["order"], strict=True):
            if index:
                text, why = item.wrong[index - 1]
                lines.append(f"Not **{label}** ({text}): {why}")
        return steps(*lines)

    def mistakes(self, p, answer) -> list[Mistake]:
        item = self._item(p)
        return [
            Mistake(label, item.wrong[index - 1][1])
            for label, index in zip(LABELS, p["order"], strict=True)
            if index
        ]


REPRESENTATION = (
    Item("one-hot-limit", "What can one-hot word vectors **not** capture?",
         "How similar two words are: any two different one-hot vectors are orthogonal.",
         (("Which word a vector stands for.", "Each one-hot vector identifies exactly one word."),
          ("The size of the vocabulary.", "The vector's length is exactly the vocabulary size."),
          ("Whether a word is in the vocabulary.", "A word has a one-hot vector exactly when it "
           "is in the vocabulary."))),
    Item("idf-common", "Why does tf-idf give a word like *the* a low weight?",
         "It occurs in almost every document, so its idf, log(N/df), is close to 0.",
         (("Because it is a short word.", "Word length plays no role; only how many documents "
           "contain the word does."),
          ("Because its term frequency is low.", "Common words have a high tf; it is the idf "
           "that shrinks their weight."),
          ("Because the tokeniser removes it.", "tf-idf keeps every token; the idf factor does "
           "the down-weighting."))),
    Item("bow-loses", "What information does a bag-of-words vector lose?",
         "The order of the words.",
         (("How often each word occurs.", "A bag of words keeps the counts."),
          ("Which words occur.", "Non-zero entries show exactly which words occur."),
          ("The size of the vocabulary.", "The vector has one entry per vocabulary word."))),
    Item("bigram-gain", "What do bigram features capture that unigram counts miss?",
         "Local word order, e.g. *not good* versus *good*.",
         (("Dependencies across a whole document.", "Bigrams only see adjacent word pairs."),
          ("Dense word meanings.", "That is what word embeddings provide; n-grams are sparse "
           "counts."),
          ("A smaller feature space.", "There are far more possible bigrams than words."))),
    Item("idf-everywhere", "What is the idf, log(N/df), of a word that occurs in every document?",
         "0, because log(N/N) = log 1 = 0.",
         (("1", "N/df = 1 is the value before the logarithm; log 1 = 0."),
          ("N", "df = N, so N/df = 1 and its log is 0."),
          ("It is undefined.", "idf is undefined only when df = 0, a word in no document."))),
    Item("sparse", "What is the main drawback of one-hot and bag-of-words vectors for a large "
         "vocabulary?",
         "They are very high-dimensional and sparse: one dimension per vocabulary word.",
         (("They are dense and costly to store.", "They are almost all zeros, the opposite of "
           "dense."),
          ("Their length depends on the sentence length.", "Their length is the vocabulary "
           "size, whatever the sentence."),
          ("They must be learned by a neural network.", "They are counted directly from the "
           "text; nothing is learned."))),
)  # fmt: skip

EMBEDDINGS = (
    Item("skip-gram", "In word2vec, what does the skip-gram model predict?",
         "The surrounding context words, from the centre word.",
         (("The centre word, from the average of its context words.", "That is CBOW; "
           "skip-gram goes the other way."),
          ("The next sentence.", "word2vec works inside a window of words, not on sentences."),
          ("The part of speech of the centre word.", "word2vec uses no labels, only "
           "co-occurrence."))),
    Item("distributional", "Which idea underlies word2vec and other word embeddings?",
         "Words that occur in similar contexts have similar meanings.",
         (("Frequent words matter more than rare ones.", "Frequency weighting is the idea "
           "behind tf-idf, not embeddings."),
          ("A word's meaning follows from its spelling.", "Embeddings see only which words "
           "co-occur, not letters."),
          ("Each word is independent of its neighbours.", "Embeddings are learned precisely "
           "from the neighbours."))),
    Item("cosine", "Why compare word vectors with cosine similarity rather than the dot "
         "product?",
         "It ignores vector length, which grows with word frequency, and compares directions.",
         (("It is cheaper to compute.", "It needs the dot product plus two norms."),
          ("It is never negative.", "Cosine similarity ranges from −1 to 1."),
          ("It compares vectors of different dimensions.", "Both vectors must have the same "
           "dimension."))),
    Item("negative-sampling", "In word2vec training, what does negative sampling replace?",
         "The softmax over the whole vocabulary, by a few binary classifications against "
         "sampled words.",
         (("The embedding matrix.", "The embeddings are still learned; only the output side "
           "changes."),
          ("The context window.", "Pairs are still taken from the window."),
          ("Gradient descent.", "The model is still trained by gradient descent."))),
    Item("analogy", "What does king − man + woman ≈ queen illustrate?",
         "A consistent relation is roughly a constant offset between vectors.",
         (("Embeddings are one-hot vectors.", "One-hot vectors cannot express such offsets."),
          ("word2vec was trained on analogy questions.", "Analogies emerge without any "
           "supervision."),
          ("The vectors of king and queen are identical.", "They are close, not equal; the "
           "gender offset separates them."))),
    Item("dense", "Compared with one-hot vectors, word embeddings are:",
         "Dense and low-dimensional, with similar words close together.",
         (("Sparse, with one dimension per word.", "That describes one-hot vectors."),
          ("Written by hand by linguists.", "They are learned from a corpus."),
          ("Binary vectors.", "Their entries are real numbers."))),
)  # fmt: skip

TRANSFORMER = (
    Item("sqrt-dk", r"Why does scaled dot-product attention divide the scores by $\sqrt{d_k}$?",
         r"Dot products grow like $\sqrt{d_k}$; large scores saturate the softmax and shrink "
         "its gradients.",
         (("To make the weights sum to 1.", "The softmax already does that."),
          ("To reduce the number of parameters.", "The scaling has no parameters."),
          ("To make attention cost linear in the length.", "The cost is unchanged by "
           "scaling."))),
    Item("positional", "Why does the transformer add positional encodings to its inputs?",
         "Self-attention ignores order, so without them the model cannot tell word positions "
         "apart.",
         (("To normalise the embeddings.", "Layer normalisation does that."),
          ("To mark padding tokens.", "Padding is handled by an attention mask."),
          ("To enlarge the vocabulary.", "They are added to the embeddings; the vocabulary is "
           "unchanged."))),
    Item("qkv", "In self-attention, where do the queries, keys and values come from?",
         "All three are learned linear projections of the same input sequence.",
         (("Queries from the encoder, keys and values from the decoder.", "That is neither: "
           "in cross-attention the queries come from the decoder."),
          ("They are fixed random matrices.", "The projections are learned."),
          ("The values are the softmax output.", "The softmax output weights the values."))),
    Item("mask", "Why does the decoder mask future positions in self-attention?",
         "So each position attends only to earlier ones, as at generation time the next tokens "
         "are unknown.",
         (("To save memory.", "Masking changes what is attended to, not the memory used."),
          ("To ignore padding.", "That is the padding mask, a different mask."),
          ("To skip half of the computation.", "The masked scores are still computed, then "
           "set to minus infinity."))),
    Item("multi-head", "What is the benefit of multi-head attention?",
         "Several heads attend in different learned subspaces, capturing different relations.",
         (("It makes the cost linear in the sequence length.", "Each head is still "
           "quadratic."),
          ("It removes the need for positional encoding.", "Heads are just as blind to order."),
          ("Each head handles a different position.", "Every head sees every position."))),
    Item("quadratic", "How does the cost of self-attention grow with the sequence length n?",
         "Quadratically, O(n²): every token attends to every token.",
         (("Linearly, O(n).", "There are n × n scores, one per pair of tokens."),
          ("Logarithmically, O(log n).", "Every pair of tokens gets a score."),
          ("It does not depend on n.", "Longer sequences mean more pairs of tokens."))),
)  # fmt: skip


@register
class RepresentationConcepts(ConceptQuestion):
    slug = "text-representation-concepts"
    title = "Text representation concepts"
    topic = "text-representation"
    bank = REPRESENTATION
    params = ConceptQuestion.make_params(REPRESENTATION)


@register
class EmbeddingConcepts(ConceptQuestion):
    slug = "word-embedding-concepts"
    title = "Word embedding concepts"
    topic = "word-embeddings"
    bank = EMBEDDINGS
    params = ConceptQuestion.make_params(EMBEDDINGS)


@register
class TransformerConcepts(ConceptQuestion):
    slug = "transformer-concepts"
    title = "Attention and transformer concepts"
    topic = "attention-transformers"
    bank = TRANSFORMER
    params = ConceptQuestion.make_params(TRANSFORMER)
