"""`manage.py generate SLUG [--seed N] [--params JSON]` or `--jsonl` (requests on stdin)."""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from questions.generators import TemplateError, generate

OUTPUT_FIELDS = (
    "slug", "seed", "params", "kind", "prompt", "answer", "answer_value", "options", "solution",
)  # fmt: skip


def generate_json(request: object) -> dict[str, object]:
    """One request object to one output object, or {"error": ...}; never raises."""
    if not isinstance(request, dict):
        return {"error": "each request must be a JSON object"}
    slug, seed, params = request.get("slug"), request.get("seed"), request.get("params")
    if not isinstance(slug, str):
        return {"error": "slug is required"}
    if params is not None and not isinstance(params, dict):
        return {"error": "params must be an object"}
    try:
        variant = generate(slug, seed=seed, params=params)
    except TemplateError as exc:
        return {"error": str(exc)}
    data = variant.as_dict()
    return {key: data[key] for key in OUTPUT_FIELDS}


class Command(BaseCommand):
    help = "Generate a question variant as JSON (one slug, or JSON Lines requests with --jsonl)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("slug", nargs="?")
        parser.add_argument("--seed", type=int)
        parser.add_argument("--params", help='JSON object, e.g. \'{"W": 32, "K": 3}\'')
        parser.add_argument("--jsonl", action="store_true", help="read requests from stdin")

    def handle(self, *args, slug, seed, params, jsonl, **options) -> None:
        if jsonl:
            for line in sys.stdin:
                if not line.strip():
                    continue
                try:
                    result = generate_json(json.loads(line))
                except json.JSONDecodeError as exc:
                    result = {"error": f"invalid JSON: {exc.msg}"}
                self.stdout.write(json.dumps(result, ensure_ascii=False))
            return
        if not slug:
            raise CommandError("give a template SLUG (see `manage.py templates`) or --jsonl")
        request: dict[str, object] = {"slug": slug, "seed": seed}
        if params:
            try:
                request["params"] = json.loads(params)
            except json.JSONDecodeError as exc:
                raise CommandError(f"--params is not valid JSON: {exc.msg}") from None
        result = generate_json(request)
        if "error" in result:
            raise CommandError(result["error"])
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=1))
