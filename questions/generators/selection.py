"""Choosing which templates make up a test: a balanced (optionally weighted) mix.

Balance is hierarchical: first across groups (the areas or topics the learner asked for), then
across the topics inside a group, then across templates of a topic. At each level the next
question goes to the branch furthest below its share (shares follow the weights, equal by
default), and templates are used in a shuffled cycle, so nothing repeats before everything in
its topic was used once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class Candidate:
    slug: str
    topic: str
    group: str = ""  # what the learner asked for that brought this template in
    weight: float = 1.0


@dataclass
class _Branch:
    """A node of the balance tree: children with shares, or (at a leaf topic) a cycle."""

    weight: float = 0.0
    taken: int = 0
    children: dict[str, _Branch] = field(default_factory=dict)
    slugs: list[str] = field(default_factory=list)
    cycle: list[str] = field(default_factory=list)

    def pick(self, rng: np.random.Generator) -> str:
        self.taken += 1
        if not self.children:
            if not self.cycle:
                self.cycle = [self.slugs[i] for i in rng.permutation(len(self.slugs))]
            return self.cycle.pop()
        names = list(self.children)
        weights = np.array([max(self.children[n].weight, 1e-9) for n in names])
        deficit = weights / weights.sum() * self.taken - [self.children[n].taken for n in names]
        return self.children[names[int(np.argmax(deficit))]].pick(rng)


def choose(candidates: Sequence[Candidate], count: int, rng: np.random.Generator) -> list[str]:
    """`count` template slugs, balanced across groups and topics, in a shuffled order."""
    if count <= 0 or not candidates:
        return []
    grouped: dict[str, dict[str, list[Candidate]]] = defaultdict(lambda: defaultdict(list))
    for candidate in candidates:
        grouped[candidate.group][candidate.topic].append(candidate)
    root = _Branch()
    # Shuffle the branch order so ties are broken differently from test to test.
    groups = sorted(grouped)
    for g in (groups[i] for i in rng.permutation(len(groups))):
        topics = sorted(grouped[g])
        branch = root.children[g] = _Branch()
        for t in (topics[i] for i in rng.permutation(len(topics))):
            members = grouped[g][t]
            branch.children[t] = _Branch(weight=1.0, slugs=sorted(c.slug for c in members))
            branch.weight = max(branch.weight, *(c.weight for c in members))
    chosen = [root.pick(rng) for _ in range(count)]
    return [chosen[i] for i in rng.permutation(len(chosen))]


def choose_weighted(weights: dict[str, float], count: int, rng: np.random.Generator) -> list[str]:
    """`count` slugs drawn in proportion to their weights, without repeats while possible."""
    slugs = sorted(slug for slug, weight in weights.items() if weight > 0)
    chosen: list[str] = []
    while len(chosen) < count and slugs:
        pool = list(slugs)
        while pool and len(chosen) < count:
            p = np.array([weights[s] for s in pool], dtype=float)
            pick = int(rng.choice(len(pool), p=p / p.sum()))
            chosen.append(pool.pop(pick))
    return chosen
