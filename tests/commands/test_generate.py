"""`generate` and `check_templates`: the scriptable interfaces authors and CI use."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command


def run(*args, stdin: str | None = None, monkeypatch=None) -> str:
    out = StringIO()
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", StringIO(stdin))
    call_command(*args, stdout=out)
    return out.getvalue()


def test_generate_one_variant_with_seed_and_params():
    data = json.loads(
        run(
            "generate",
            "conv2d-output-size",
            "--seed",
            "3",
            "--params",
            '{"W": 224, "K": 7, "P": 3, "S": 2, "D": 1}',
        )
    )
    assert data["answer"] == "112" and data["answer_value"] == 112
    assert set(data) == {
        "slug",
        "seed",
        "params",
        "kind",
        "prompt",
        "answer",
        "answer_value",
        "options",
        "solution",
    }


def test_generate_refuses_bad_requests_with_the_reason():
    with pytest.raises(CommandError, match="Parameter W: must be at least 1"):
        run("generate", "conv2d-output-size", "--params", '{"W": 0}')
    with pytest.raises(CommandError, match="not valid JSON"):
        run("generate", "conv2d-output-size", "--params", "{W: 1}")
    with pytest.raises(CommandError, match="Unknown template"):
        run("generate", "nope")


def test_generate_jsonl_answers_each_line_in_order(monkeypatch):
    lines = [
        json.dumps({"slug": "matrix-product", "seed": 1}),
        json.dumps(
            {"slug": "matrix-product", "params": {"A": [[1, 2], [3, 4]], "B": [[5, 6], [7, 8]]}}
        ),
        "not json",
        json.dumps({"slug": "nope"}),
        json.dumps({"slug": "derivative", "seed": 2}),
    ]
    out = [
        json.loads(line)
        for line in run(
            "generate", "--jsonl", stdin="\n".join(lines), monkeypatch=monkeypatch
        ).splitlines()
    ]
    assert len(out) == 5
    assert out[0]["seed"] == 1 and out[1]["answer_value"] == [[19, 22], [43, 50]]
    assert out[2] == {"error": "invalid JSON: Expecting value"}
    assert out[3] == {"error": "Unknown template 'nope'."}
    assert isinstance(out[4]["answer_value"], str) and out[4]["kind"] == "expression"


def test_check_templates_passes_on_the_library():
    assert "All good" in run("check_templates", "--seeds", "3", "--verbosity", "0")
