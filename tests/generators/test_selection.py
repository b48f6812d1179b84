"""Balanced selection of templates for a test."""

from __future__ import annotations

from collections import Counter

import numpy as np

from questions.generators.selection import Candidate, choose

CANDIDATES = [
    Candidate("a1", "algebra", "math"), Candidate("a2", "algebra", "math"),
    Candidate("c1", "calculus", "math"), Candidate("k1", "conv", "dl"),
    Candidate("k2", "conv", "dl"), Candidate("r1", "rnn", "dl"), Candidate("t1", "tfidf", "nlp"),
]  # fmt: skip
GROUP = {c.slug: c.group for c in CANDIDATES}
TOPIC = {c.slug: c.topic for c in CANDIDATES}


def test_groups_then_topics_are_balanced():
    for seed in range(20):
        chosen = choose(CANDIDATES, 9, np.random.default_rng(seed))
        assert Counter(GROUP[s] for s in chosen) == {"math": 3, "dl": 3, "nlp": 3}
        topics = Counter(TOPIC[s] for s in chosen)
        assert abs(topics["algebra"] - topics["calculus"]) <= 1
        assert abs(topics["conv"] - topics["rnn"]) <= 1


def test_templates_do_not_repeat_before_their_topic_is_used_up():
    chosen = choose(CANDIDATES, 7, np.random.default_rng(1))
    assert sorted(chosen) == sorted(c.slug for c in CANDIDATES) or len(set(chosen)) >= 6
    only_conv = [c for c in CANDIDATES if c.topic == "conv"]
    assert sorted(choose(only_conv, 2, np.random.default_rng(2))) == ["k1", "k2"]


def test_weights_shift_the_mix_towards_weak_groups():
    weighted = [
        Candidate(c.slug, c.topic, c.group, 3.0 if c.group == "nlp" else 1.0) for c in CANDIDATES
    ]
    chosen = choose(weighted, 10, np.random.default_rng(3))
    assert Counter(GROUP[s] for s in chosen)["nlp"] == 6


def test_same_seed_same_choice_and_empty_inputs():
    assert choose(CANDIDATES, 5, np.random.default_rng(9)) == choose(
        CANDIDATES, 5, np.random.default_rng(9)
    )
    assert choose([], 5, np.random.default_rng(0)) == []
    assert choose(CANDIDATES, 0, np.random.default_rng(0)) == []
