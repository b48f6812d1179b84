"""`manage.py grade_batch`: JSON Lines in, one verdict per line out (the scriptable checker)."""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand

from questions.grading import GradingSetupError, check

MAX_LINE_BYTES = 64 * 1024


def grade_line(line: str) -> dict[str, object]:
    """One request line to one result; every problem becomes an `error`, never an exception."""
    try:
        request = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"id": None, "error": f"invalid JSON: {exc.msg} (column {exc.colno})"}
    if not isinstance(request, dict):
        return {"id": None, "error": "each line must be a JSON object"}
    request_id = request.get("id")
    missing = [key for key in ("kind", "expected", "given") if key not in request]
    if missing:
        return {"id": request_id, "error": f"missing field(s): {', '.join(missing)}"}
    options = request.get("options") or {}
    if not isinstance(options, dict):
        return {"id": request_id, "error": "options must be an object"}
    given = request["given"]
    if not isinstance(given, str):
        given = json.dumps(given)
    try:
        verdict = check(request["kind"], request["expected"], given, options)
    except GradingSetupError as exc:
        return {"id": request_id, "error": str(exc)}
    return {"id": request_id, **verdict.as_dict()}


class Command(BaseCommand):
    help = (
        'Read {"id", "kind", "expected", "given", "options"} per line on stdin and write '
        '{"id", "correct", "score", "feedback", "interpreted", "error"} per line on stdout.'
    )

    def handle(self, *args, **options) -> None:
        for raw in sys.stdin:
            line = raw.strip()
            if not line:
                continue
            if len(line.encode()) > MAX_LINE_BYTES:
                result = {"id": None, "error": f"line longer than {MAX_LINE_BYTES} bytes"}
            else:
                result = grade_line(line)
            self.stdout.write(json.dumps(result, ensure_ascii=False))
            self.stdout.flush()
