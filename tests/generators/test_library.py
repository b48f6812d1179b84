"""The library as a whole: the catalogue's core templates with their exact parameters, enough
templates per area, valid topics, and docs/questions.md in sync with the code."""

from __future__ import annotations

import json
from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from questions.generators import all_templates

ROOT = Path(__file__).resolve().parents[2]

# The core table of the question catalogue: slug -> parameter names (a public CLI/API).
CORE = {
    "matrix-product": ["A", "B"],
    "matrix-product-shape": ["m", "n", "p"],
    "hadamard-product": ["A", "B"],
    "scalar-matrix-product": ["c", "A"],
    "tensor-reduce-sum": ["T"],
    "vector-norm": ["x", "p"],
    "derivative": ["f"],
    "partial-derivative": ["f", "var"],
    "gradient-at-point": ["f", "point"],
    "directional-derivative": ["f", "point", "alpha"],
    "normal-equation": ["X", "y"],
    "chain-rule-logistic": ["w0", "w1", "w2", "x0", "x1", "wrt"],
    "mse": ["y", "y_hat"],
    "cross-entropy": ["p", "q"],
    "softmax": ["z"],
    "sigmoid-derivative": ["z"],
    "activation": ["fn", "z", "alpha"],
    "activation-derivative": ["fn", "z", "alpha"],
    "gradient-descent-step": ["w", "lr", "grad"],
    "perceptron-output": ["w", "x", "t"],
    "svm-margin": ["w"],
    "relu-linear-regions": ["n_hidden"],
    "precision-recall-f1": ["tp", "fp", "fn", "metric"],
    "information-gain": ["parent", "children"],
    "conv2d-output-size": ["W", "K", "P", "S", "D"],
    "pool-output-size": ["W", "K", "S", "P"],
    "transposed-conv-output-size": ["W", "K", "S", "P", "output_padding", "D"],
    "conv2d-param-count": ["C_in", "C_out", "K", "bias"],
    "fc-param-count": ["n_in", "n_out", "bias"],
    "receptive-field": ["layers"],
    "dilated-kernel-extent": ["K", "D"],
    "skip-connection-gradient": [
        "w_a", "b_a", "w_b", "b_b", "w_c", "b_c", "w_d", "b_d", "w_d2", "b_d2", "w_e", "b_e",
        "x0", "t", "wrt",
    ],
    "lstm-param-count": ["input_size", "hidden_size"],
    "gru-param-count": ["input_size", "hidden_size"],
    "rnn-step": ["a_prev", "x", "Waa", "Wax", "ba"],
    "one-hot": ["vocab", "word"],
    "bag-of-words": ["vocab", "sentence"],
    "tf-idf": ["docs", "term", "doc_index"],
    "skip-gram-pairs": ["n_tokens", "window"],
    "scaled-dot-product-attention": ["Q", "K", "V"],
    "embedding-param-count": ["vocab_size", "dim"],
    "cosine-similarity": ["u", "v"],
    "perplexity": ["probs"],
    "positional-encoding": ["pos", "i", "d_model"],
}  # fmt: skip
TEMPLATES = {t.slug: t for t in all_templates()}


@pytest.mark.parametrize("slug", sorted(CORE))
def test_core_templates_have_the_catalogues_slug_and_parameters(slug):
    assert slug in TEMPLATES
    assert sorted(TEMPLATES[slug].param_names()) == sorted(CORE[slug])


def test_enough_templates_overall_and_per_area():
    per_area = Counter(t.area for t in TEMPLATES.values())
    assert len(TEMPLATES) >= 60 and len(TEMPLATES) - len(CORE) >= 16
    assert all(per_area[area] >= 10 for area in ("math", "ml", "dl", "nlp")), per_area


def test_every_template_names_a_topic_of_its_own_area():
    topics = {
        row["fields"]["slug"]: row["fields"]["area"]
        for row in json.loads((ROOT / "fixtures" / "topics.json").read_text())
    }
    for template in TEMPLATES.values():
        assert topics.get(template.topic) == template.area, template.slug


def test_the_templates_command_lists_them_as_json():
    out = StringIO()
    call_command("templates", json=True, stdout=out)
    rows = json.loads(out.getvalue())
    assert {row["slug"] for row in rows} == set(TEMPLATES)
    assert set(rows[0]) == {"slug", "title", "area", "topic", "kind", "difficulty", "params"}


def test_docs_questions_md_is_up_to_date():
    out = StringIO()
    call_command("templates", markdown=True, stdout=out)
    documented = (ROOT / "docs" / "questions.md").read_text(encoding="utf-8")
    assert documented.strip() == out.getvalue().strip(), (
        "Regenerate it: python manage.py templates --markdown > docs/questions.md"
    )
