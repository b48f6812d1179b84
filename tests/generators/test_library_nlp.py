"""The NLP templates: engine checks, independent recomputation over many seeds, textbook cases
from the lecture notes, explicit and invalid parameters, determinism."""

from __future__ import annotations

import math
from functools import cache

import pytest

from questions.generators import TemplateError, all_templates, generate, grade_response
from questions.generators.checking import check_template
from questions.grading import check

NLP_SLUGS = sorted(t.slug for t in all_templates() if t.area == "nlp")
CORE = [
    "one-hot", "bag-of-words", "tf-idf", "skip-gram-pairs", "scaled-dot-product-attention",
    "embedding-param-count", "cosine-similarity", "perplexity", "positional-encoding",
]  # fmt: skip
SEEDS = range(50)
# The lecture's bag-of-words example (vocabulary in order of first appearance).
JOHN = ["john", "likes", "to", "watch", "movies", "also", "football", "games", "mary", "too"]


# -- independent computations (none calls template code) -----------------------------------
def hand_tokens(text: str) -> list[str]:
    """Character by character: letters and digits build a word, anything else ends it."""
    words, current = [], ""
    for ch in text:
        if ch.isascii() and ch.isalnum():
            current += ch.lower()
        elif current:
            words.append(current)
            current = ""
    return [*words, current] if current else words


def hand_count(words: list[str], word: str) -> int:
    total = 0
    for w in words:
        if w == word:
            total += 1
    return total


def hand_attention_row(query, keys) -> list[float]:
    d_k = len(query)
    scores = []
    for key in keys:
        s = 0.0
        for a, b in zip(query, key, strict=True):
            s += a * b
        scores.append(s / math.sqrt(d_k))
    exps = [math.exp(s) for s in scores]
    return [e / sum(exps) for e in exps]


def hand_cosine(u, v) -> float:
    dot = uu = vv = 0.0
    for a, b in zip(u, v, strict=True):
        dot, uu, vv = dot + a * b, uu + a * a, vv + b * b
    return dot / (math.sqrt(uu) * math.sqrt(vv))


@cache
def recursive_edit_distance(a: str, b: str) -> int:
    if not a or not b:
        return len(a) + len(b)
    return min(
        recursive_edit_distance(a[1:], b) + 1,
        recursive_edit_distance(a, b[1:]) + 1,
        recursive_edit_distance(a[1:], b[1:]) + (a[0] != b[0]),
    )


def accepted(variant, text: str) -> bool:
    return check(variant.kind, variant.answer, text, variant.options).correct


def as_text(value) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(as_text(v) for v in value) + "]"
    return repr(float(value)) if isinstance(value, float) else str(value)


# -- 1. every template passes the engine's checks -------------------------------------------
def test_core_and_extra_templates_are_registered():
    assert set(CORE) <= set(NLP_SLUGS)
    assert len(set(NLP_SLUGS) - set(CORE)) >= 5


@pytest.mark.parametrize("slug", NLP_SLUGS)
def test_template_passes_check_template(slug):
    template = next(t for t in all_templates() if t.slug == slug)
    report = check_template(template, range(100))
    assert report.failures == []
    assert report.distinct_prompts >= 20


@pytest.mark.parametrize("slug", NLP_SLUGS)
def test_same_seed_gives_the_same_variant(slug):
    assert generate(slug, 1234).as_dict() == generate(slug, 1234).as_dict()


# -- 2. independent cross-checks over many seeds --------------------------------------------
def test_one_hot_puts_a_single_one_at_the_word():
    for seed in SEEDS:
        v = generate("one-hot", seed)
        vocab, word = v.params["vocab"], v.params["word"]
        expected = [0] * len(vocab)
        for i, w in enumerate(vocab):
            if w == word:
                expected[i] = 1
        assert v.answer_value == expected


def test_bag_of_words_matches_a_hand_count():
    for seed in SEEDS:
        v = generate("bag-of-words", seed)
        words = hand_tokens(v.params["sentence"])
        assert v.answer_value == [hand_count(words, w) for w in v.params["vocab"]]


def test_tf_idf_matches_plain_floats():
    for seed in SEEDS:
        v = generate("tf-idf", seed)
        docs = [hand_tokens(d) for d in v.params["docs"]]
        doc, term = docs[v.params["doc_index"]], v.params["term"]
        df = sum(1 for d in docs if hand_count(d, term))
        value = hand_count(doc, term) / len(doc) * math.log(len(docs) / df)
        assert accepted(v, f"{value:.12g}"), v.params


def test_skip_gram_pairs_match_brute_force_enumeration():
    def pairs(n, w):
        return [(c, o) for c in range(n) for o in range(n) if 0 < abs(c - o) <= w]

    for seed in SEEDS:
        v = generate("skip-gram-pairs", seed)
        assert v.answer_value == len(pairs(v.params["n_tokens"], v.params["window"]))
    for n in range(1, 12):
        for w in range(1, 8):
            given = generate("skip-gram-pairs", params={"n_tokens": n, "window": w})
            assert given.answer_value == len(pairs(n, w)), (n, w)


def test_attention_matches_explicit_loops():
    for seed in SEEDS:
        v = generate("scaled-dot-product-attention", seed)
        q, k, values = v.params["Q"], v.params["K"], v.params["V"]
        rows = []
        for query in q:
            weights = hand_attention_row(query, k)
            rows.append([sum(weights[j] * values[j][c] for j in range(len(k)))
                         for c in range(len(values[0]))])  # fmt: skip
        assert accepted(v, as_text(rows)), v.params


def test_attention_weights_match_explicit_loops():
    for seed in SEEDS:
        v = generate("attention-weights", seed)
        assert accepted(v, as_text(hand_attention_row(v.params["q"], v.params["K"])))


def test_parameter_counts_match_products():
    for seed in SEEDS:
        e = generate("embedding-param-count", seed)
        assert e.answer_value == e.params["vocab_size"] * e.params["dim"]
        w = generate("word2vec-param-count", seed)
        assert w.answer_value == w.params["vocab_size"] * w.params["dim"] * 2


def test_cosine_similarity_matches_explicit_loops():
    for seed in SEEDS:
        v = generate("cosine-similarity", seed)
        assert accepted(v, f"{hand_cosine(v.params['u'], v.params['v']):.12g}")


def test_perplexity_matches_math():
    for seed in SEEDS:
        v = generate("perplexity", seed)
        probs = v.params["probs"]
        value = math.exp(-sum(math.log(p) for p in probs) / len(probs))
        assert accepted(v, f"{value:.12g}")


def test_positional_encoding_matches_math():
    for seed in SEEDS:
        v = generate("positional-encoding", seed)
        pos, i, d = v.params["pos"], v.params["i"], v.params["d_model"]
        angle = pos / 10000 ** ((i - i % 2) / d)
        value = math.cos(angle) if i % 2 else math.sin(angle)
        assert accepted(v, f"{value:.12g}")


def test_edit_distance_matches_recursion():
    for seed in SEEDS:
        v = generate("edit-distance", seed)
        assert v.answer_value == recursive_edit_distance(v.params["a"], v.params["b"])


def test_bleu_precision_matches_hand_clipping():
    for seed in SEEDS:
        v = generate("bleu-unigram-precision", seed)
        cand, ref = hand_tokens(v.params["candidate"]), hand_tokens(v.params["reference"])
        matches = sum(min(hand_count(cand, w), hand_count(ref, w)) for w in set(cand))
        assert accepted(v, f"{matches}/{len(cand)}")


def test_bigram_probability_matches_hand_counts():
    for seed in SEEDS:
        v = generate("bigram-probability", seed)
        w1, w2 = v.params["w1"], v.params["w2"]
        pair = single = 0
        for sentence in v.params["corpus"]:
            words = hand_tokens(sentence)
            single += hand_count(words, w1)
            pair += sum(1 for i in range(len(words) - 1) if words[i : i + 2] == [w1, w2])
        assert accepted(v, f"{pair}/{single}")


def test_distinct_ngrams_match_a_set_of_windows():
    for seed in SEEDS:
        v = generate("distinct-ngrams", seed)
        words, n = hand_tokens(v.params["sentence"]), v.params["n"]
        assert v.answer_value == len(
            {" ".join(words[i : i + n]) for i in range(len(words) - n + 1)}
        )


def test_word_analogy_picks_the_best_cosine():
    for seed in SEEDS:
        v = generate("word-analogy", seed)
        a, b, c, *candidates = v.params["vectors"]
        target = [y - x + z for x, y, z in zip(a, b, c, strict=True)]
        scores = [hand_cosine(target, row) for row in candidates]
        assert v.answer_value == "ABCD"[scores.index(max(scores))]


@pytest.mark.parametrize(
    "slug", ["text-representation-concepts", "word-embedding-concepts", "transformer-concepts"]
)
def test_concept_answer_is_the_correct_option_and_distractors_have_feedback(slug):
    for seed in SEEDS:
        v = generate(slug, seed)
        assert v.answer_value == "ABCD"[v.params["order"].index(0)]
        assert len(v.mistakes) == 3
        for label, feedback in v.mistakes:
            assert grade_response(v, label).feedback == feedback


# -- 3. textbook cases and explicit parameters ----------------------------------------------
@pytest.mark.parametrize(("word", "index"), [("john", 0), ("likes", 1), ("too", 9)])
def test_one_hot_lecture_vocabulary(word, index):
    v = generate("one-hot", params={"vocab": JOHN, "word": word})
    assert v.answer_value == [int(i == index) for i in range(10)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("John likes to watch movies. Mary likes too.", [1, 2, 1, 1, 1, 0, 0, 0, 1, 1]),
        ("John also likes to watch football games.", [1, 1, 1, 1, 0, 1, 1, 1, 0, 0]),
    ],
)
def test_bag_of_words_lecture_example(sentence, expected):
    v = generate("bag-of-words", params={"sentence": sentence, "vocab": JOHN})
    assert v.answer_value == expected
    unlowered = [0, *expected[1:8], 0, expected[9]]  # `John` and `Mary` missed
    assert "Lower-case" in grade_response(v, as_text(unlowered)).feedback


def test_tf_idf_textbook_example_and_mistakes():
    docs = ["this is a a sample", "this is another another example example example"]
    v = generate("tf-idf", params={"docs": docs, "term": "example", "doc_index": 1})
    assert accepted(v, "0.2971") and accepted(v, "3/7*ln(2)")
    assert not accepted(v, "0.129")
    assert "natural log" in grade_response(v, "0.129").feedback
    assert "not the raw count" in grade_response(v, "3*ln(2)").feedback
    zero = generate("tf-idf", params={"docs": docs, "term": "this", "doc_index": 0})
    assert accepted(zero, "0")  # valid even though the generator would redraw it


def test_skip_gram_lecture_sentence_has_30_pairs():
    v = generate("skip-gram-pairs", params={"n_tokens": 9, "window": 2})  # the quick brown fox...
    assert v.answer_value == 30
    assert "cut at the sentence ends" in grade_response(v, "36").feedback


def test_attention_hand_example():
    params = {"Q": [[1, 0, 1, 0]], "K": [[1, 0, 1, 0], [0, 1, 0, 1]], "V": [[1, 0], [0, 1]]}
    v = generate("scaled-dot-product-attention", params=params)
    assert accepted(v, "[[0.7311, 0.2689]]")
    assert accepted(v, "[[e/(e+1), 1/(e+1)]]")
    unscaled = "[[0.8808, 0.1192]]"  # softmax([2, 0])
    assert "1/√d_k" in grade_response(v, unscaled).feedback


def test_embedding_counts_of_the_lecture_model():
    params = {"vocab_size": 10_000, "dim": 300}
    assert generate("embedding-param-count", params=params).answer_value == 3_000_000
    assert generate("word2vec-param-count", params=params).answer_value == 6_000_000


def test_cosine_textbook_values():
    v = generate("cosine-similarity", params={"u": [1, 2, 3], "v": [4, 5, 6]})
    assert accepted(v, "0.9746") and accepted(v, "32/sqrt(14*77)")
    orthogonal = generate("cosine-similarity", params={"u": [1, 0], "v": [0, 2]})
    assert orthogonal.answer_value == 0


@pytest.mark.parametrize(
    ("probs", "expected"), [([0.25] * 4, "4"), ([0.1] * 3, "10"), ([0.5, 0.125], "4"), ([1], "1")]
)
def test_perplexity_textbook_values(probs, expected):
    assert accepted(generate("perplexity", params={"probs": probs}), expected)


@pytest.mark.parametrize(
    ("pos", "i", "d_model", "expected"),
    [(1, 0, 4, "sin(1)"), (1, 1, 4, "cos(1)"), (5, 3, 8, "cos(0.5)"), (7, 6, 8, "sin(0.007)"),
     (0, 0, 512, "0"), (10, 2, 512, "sin(10/10000^(2/512))")],
)  # fmt: skip
def test_positional_encoding_textbook_values(pos, i, d_model, expected):
    v = generate("positional-encoding", params={"pos": pos, "i": i, "d_model": d_model})
    assert accepted(v, expected)


def test_positional_encoding_recognises_i_instead_of_pair_index():
    v = generate("positional-encoding", params={"pos": 5, "i": 3, "d_model": 8})
    assert "2⌊i/2⌋" in grade_response(v, "cos(5/10000^(3/8))").feedback


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [("kitten", "sitting", 3), ("flaw", "lawn", 2), ("intention", "execution", 5)],
)
def test_edit_distance_classic_pairs(a, b, distance):
    assert generate("edit-distance", params={"a": a, "b": b}).answer_value == distance


def test_bleu_papineni_example():
    params = {"candidate": "the the the the the the the", "reference": "The cat is on the mat."}
    v = generate("bleu-unigram-precision", params=params)
    assert accepted(v, "2/7")
    assert "Clip" in grade_response(v, "1").feedback


@pytest.mark.parametrize(("w1", "w2", "expected"), [("i", "am", "2/3"), ("am", "sam", "1/2")])
def test_bigram_i_am_sam(w1, w2, expected):
    corpus = ["I am Sam", "Sam I am", "I do not like green eggs and ham"]
    v = generate("bigram-probability", params={"corpus": corpus, "w1": w1, "w2": w2})
    assert accepted(v, expected)


def test_word_analogy_explicit_vectors():
    words = ["man", "king", "woman", "prince", "queen", "palace", "crown"]
    vectors = [[1, 0, 0], [1, 0, 3], [0, 1, 0], [2, 0, 3], [0, 1, 3], [0, 0, 1], [5, 5, 0]]
    v = generate("word-analogy", params={"words": words, "vectors": vectors})
    assert v.answer_value == "B"


# -- 4. invalid parameters are refused with a clear message ---------------------------------
@pytest.mark.parametrize(
    ("slug", "params", "message"),
    [
        ("one-hot", {"vocab": ["a", "b"], "word": "c"}, "not in the vocabulary"),
        ("one-hot", {"vocab": ["a", "b", "a"], "word": "a"}, "more than once"),
        ("bag-of-words", {"sentence": "cost is $5", "vocab": ["cost"]}, "use only letters"),
        ("bag-of-words", {"sentence": "a b", "vocab": ["A"]}, "lower-case"),
        ("tf-idf", {"docs": ["a b", "b c"], "term": "z", "doc_index": 0}, "in no document"),
        ("tf-idf", {"docs": ["a b", "b c"], "term": "b", "doc_index": 2}, "out of range"),
        ("skip-gram-pairs", {"n_tokens": -3, "window": 2}, "at least 1"),
        ("skip-gram-pairs", {"n_tokens": 5, "window": 0}, "at least 1"),
        ("scaled-dot-product-attention",
         {"Q": [[1, 0]], "K": [[1, 0, 1]], "V": [[1]]}, "same dimension"),
        ("scaled-dot-product-attention",
         {"Q": [[1, 0]], "K": [[1, 0], [0, 1]], "V": [[1]]}, "every key needs one value"),
        ("embedding-param-count", {"vocab_size": -10, "dim": 3}, "at least 1"),
        ("cosine-similarity", {"u": [0, 0], "v": [1, 2]}, "zero vector"),
        ("cosine-similarity", {"u": [1, 2, 3], "v": [1, 2]}, "must match"),
        ("perplexity", {"probs": [0.5, 0]}, "0 < p ≤ 1"),
        ("perplexity", {"probs": [1.5]}, "0 < p ≤ 1"),
        ("positional-encoding", {"pos": 1, "i": 8, "d_model": 8}, "below d_model"),
        ("edit-distance", {"a": "Kitten", "b": "sitting"}, "lower-case"),
        ("bigram-probability", {"corpus": ["a b"], "w1": "z", "w2": "b"}, "never occurs"),
        ("word-analogy", {"words": ["a", "b", "c", "d", "e", "f", "g"],
                          "vectors": [[1, 0], [1, 0], [0, 0], [1, 0], [0, 1], [1, 1], [2, 1]]},
         "zero vector"),
        ("transformer-concepts", {"order": [0, 1, 1, 2]}, "permutation"),
        ("one-hot", {"colour": "red"}, "Unknown parameter"),
    ],
)  # fmt: skip
def test_invalid_parameters_are_refused(slug, params, message):
    with pytest.raises(TemplateError, match=message.replace("$", r"\$")):
        generate(slug, params=params)
