"""The template engine: determinism, parameter overrides and validation, grading a variant."""

from __future__ import annotations

import pytest

from questions.generators import TemplateError, generate, grade_response
from questions.generators.engine import MAX_SEED


def test_same_template_version_and_seed_give_the_same_variant():
    assert generate("matrix-product", 42) == generate("matrix-product", 42)
    assert generate("matrix-product", 42).prompt != generate("matrix-product", 43).prompt


def test_without_a_seed_a_fresh_one_is_drawn_and_recorded():
    first, second = generate("matrix-product"), generate("matrix-product")
    assert first.seed != second.seed
    assert generate("matrix-product", first.seed) == first


def test_explicit_params_override_all_or_some():
    textbook = generate(
        "matrix-product",
        params={
            "A": [[1, 2, 3], [4, 5, 6], [7, 8, 9]],
            "B": [[10, 11, 12], [13, 14, 15], [16, 17, 18]],
        },
    )
    assert textbook.answer_value == [[84, 90, 96], [201, 216, 231], [318, 342, 366]]
    partial = generate("conv2d-output-size", 5, params={"W": 224, "K": 3})
    assert partial.params["W"] == 224 and partial.params["K"] == 3
    assert generate("conv2d-output-size", 5, params={"W": 224, "K": 3}) == partial


def test_user_params_are_never_redrawn_even_when_unusual():
    variant = generate("conv2d-output-size", params={"W": 8, "K": 1, "P": 3, "S": 1, "D": 1})
    assert variant.answer_value == 14


@pytest.mark.parametrize(
    ("slug", "params", "message"),
    [
        ("matrix-product", {"A": [[1, 2]], "B": [[1, 2]]}, "columns of A must equal the rows of B"),
        ("matrix-product", {"A": [[1, 2], [3]]}, "Parameter A: every row must have the same"),
        ("matrix-product", {"A": "[[1]]"}, "Parameter A: expected a matrix"),
        ("matrix-product", {"C": 1}, "Unknown parameter(s) for matrix-product: C"),
        ("conv2d-output-size", {"W": -3}, "Parameter W: must be at least 1"),
        ("conv2d-output-size", {"W": 2.5}, "Parameter W: expected a whole number"),
        (
            "conv2d-output-size",
            {"W": 3, "K": 9, "P": 0, "S": 1, "D": 1},
            "larger than the padded input",
        ),
        ("no-such-template", {}, "Unknown template 'no-such-template'"),
    ],
)
def test_invalid_requests_are_refused_with_a_clear_message(slug, params, message):
    with pytest.raises(TemplateError) as caught:
        generate(slug, 1, params)
    assert message in str(caught.value)


@pytest.mark.parametrize("seed", [-1, MAX_SEED + 1, 1.5, True, "7"])
def test_seeds_are_validated(seed):
    with pytest.raises(TemplateError, match="seed must be"):
        generate("matrix-product", seed)


def test_grading_a_variant_uses_its_recognised_mistakes():
    variant = generate("matrix-product", params={"A": [[1, 2], [3, 4]], "B": [[5, 6], [7, 8]]})
    assert grade_response(variant, "[[19, 22], [43, 50]]").correct
    transposed = grade_response(variant, "[[19, 43], [22, 50]]")
    assert not transposed.correct and "transposed the product" in transposed.feedback
    assert "BA" in grade_response(variant, "[[23, 34], [31, 46]]").feedback
    assert "Hadamard" in grade_response(variant, "[[5, 12], [21, 32]]").feedback
    assert grade_response(variant, "[[1, 2]").error


def test_integer_templates_recognise_unrounded_mistakes():
    variant = generate("conv2d-output-size", params={"W": 32, "K": 3, "P": 0, "S": 2, "D": 1})
    assert variant.answer == "15"
    assert "Round down" in grade_response(variant, "15.5").feedback
    assert "forgot the +1" in grade_response(variant, "14").feedback


def test_variants_serialise_to_plain_json():
    import json

    data = generate("matrix-product", 3).as_dict()
    assert json.loads(json.dumps(data)) == data


def test_a_fresh_variant_skips_a_seed_that_draws_none(monkeypatch):
    """For a learner's new question a seed whose every draw is rejected is replaced by the
    next one (up to five), instead of failing the request."""
    import numpy as np

    from questions.generators import engine

    real, failures = engine.generate, {"left": 2}

    def every_draw_rejected_at_first(slug, seed=None, params=None):
        if failures["left"]:
            failures["left"] -= 1
            raise TemplateError("no valid variant in 200 draws")
        return real(slug, seed, params)

    monkeypatch.setattr(engine, "generate", every_draw_rejected_at_first)
    variant = engine.generate_fresh("matrix-product", np.random.default_rng(1))
    assert failures["left"] == 0 and real("matrix-product", variant.seed) == variant
    failures["left"] = engine.FRESH_SEED_TRIES
    with pytest.raises(TemplateError, match="no valid variant"):
        engine.generate_fresh("matrix-product")
