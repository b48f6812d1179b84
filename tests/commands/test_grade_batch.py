"""`manage.py grade_batch`, run as a real process: JSON Lines in, one line out per line in."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_batch(lines: list[str]) -> list[dict]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "quizsite.settings.test"}
    result = subprocess.run(
        [sys.executable, "manage.py", "grade_batch"],
        cwd=ROOT,
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_grade_batch_grades_each_line_in_order_and_survives_bad_lines():
    lines = [
        json.dumps({"id": 1, "kind": "numeric", "expected": "ln(2)", "given": "ln 2"}),
        json.dumps(
            {"id": 2, "kind": "matrix", "expected": [[1, 2], [3, 4]], "given": "[[1,3],[2,4]]"}
        ),
        "this is not json",
        json.dumps(
            {"id": 4, "kind": "expression", "expected": "2*x*exp(x^2)", "given": "2x e^(x^2)"}
        ),
        json.dumps({"id": 5, "kind": "numeric", "expected": "1"}),
        json.dumps({"id": 6, "kind": "colour", "expected": "1", "given": "1"}),
        json.dumps({"id": 7, "kind": "numeric", "expected": 1, "given": "9^9^9"}),
        json.dumps(
            {
                "id": 8,
                "kind": "numeric",
                "expected": "0.4567",
                "given": "0.46",
                "options": {"sig_figs": 2},
            }
        ),
        json.dumps([1, 2]),
        json.dumps({"id": 10, "kind": "vector", "expected": [1, 2], "given": [1, 2]}),
    ]
    out = run_batch(lines)
    assert len(out) == len(lines)
    assert out[0] == {
        "id": 1,
        "correct": True,
        "score": 1.0,
        "feedback": "Correct.",
        "interpreted": r"\ln\left(2\right)",
        "error": None,
    }
    assert out[1]["correct"] is False and "transpose" in out[1]["feedback"]
    assert out[2]["id"] is None and out[2]["error"].startswith("invalid JSON")
    assert out[3]["correct"] is True
    assert out[4] == {"id": 5, "error": "missing field(s): given"}
    assert "Unknown answer kind" in out[5]["error"]
    assert out[6]["correct"] is False and "too large" in out[6]["error"]
    assert out[7]["correct"] is True
    assert out[8]["error"] == "each line must be a JSON object"
    assert out[9]["correct"] is True
