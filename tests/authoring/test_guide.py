"""docs/authoring.md shows the three worked examples exactly and the whole whitelist."""

from __future__ import annotations

from pathlib import Path

import pytest

from questions.authoring.examples import EXAMPLES
from questions.authoring.functions import DOCS as FUNCTION_DOCS
from questions.authoring.generators import DOCS as GENERATOR_DOCS

GUIDE = (Path(__file__).resolve().parents[2] / "docs" / "authoring.md").read_text()


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_the_guide_shows_each_example_as_the_tests_run_it(name):
    info, spec = EXAMPLES[name]
    assert f"`{info.slug}`" in GUIDE
    for field, text in spec.as_dict().items():
        if text.strip() and field != "variables":
            assert f"```text\n{text.strip()}\n```" in GUIDE, field


def test_the_guide_lists_every_generator_and_function():
    for name in [*GENERATOR_DOCS, *FUNCTION_DOCS]:
        assert f"| `{name}` |" in GUIDE, name
