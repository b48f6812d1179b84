"""What a question template is, and the Variant it generates for one seed.

A template declares its parameters (each with a seeded generator and a validator for values a
user passes), constraints that reject degenerate variants, and how to compute the prompt, the
answer, a worked solution and the common mistakes it recognises. Subclass `Template` and
decorate it with `@register` (see `registry.py`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np

from .params import Param

AREAS = ("math", "ml", "dl", "nlp")


class TemplateError(ValueError):
    """A request the engine refuses: unknown slug, invalid parameters, unsatisfiable
    constraints. The message is shown to the user as is."""


@dataclass(frozen=True)
class Mistake:
    """A wrong answer the template recognises, with the feedback a teacher would give."""

    answer: Any
    feedback: str


@dataclass(frozen=True)
class Variant:
    """One concrete question: everything needed to show it and to grade it again later."""

    slug: str
    version: int
    seed: int
    params: dict[str, Any]
    title: str
    area: str
    topic: str
    difficulty: int
    kind: str
    options: dict[str, Any]
    prompt: str
    answer: str
    answer_value: Any
    solution: str
    mistakes: tuple[tuple[str, str], ...] = field(default=())

    def as_dict(self) -> dict[str, Any]:
        return {
            "slug": self.slug,
            "version": self.version,
            "seed": self.seed,
            "params": self.params,
            "title": self.title,
            "area": self.area,
            "topic": self.topic,
            "difficulty": self.difficulty,
            "kind": self.kind,
            "options": self.options,
            "prompt": self.prompt,
            "answer": self.answer,
            "answer_value": self.answer_value,
            "solution": self.solution,
            "mistakes": [list(m) for m in self.mistakes],
        }


class Template:
    """Base class of the built-in templates; override the marked methods."""

    slug: ClassVar[str]
    title: ClassVar[str]
    area: ClassVar[str]
    topic: ClassVar[str]  # a slug from fixtures/topics.json
    difficulty: ClassVar[int] = 1
    kind: ClassVar[str]
    options: ClassVar[dict[str, Any]] = {}
    version: ClassVar[int] = 1
    params: ClassVar[tuple[Param, ...]] = ()
    max_draws: ClassVar[int] = 200

    # -- override -----------------------------------------------------------------------
    def check(self, p: Mapping[str, Any]) -> None:
        """Raise TemplateError (not a bare ValueError) when parameters are inconsistent, e.g.
        shapes that do not match. Runs for drawn and user-given values alike."""

    def reject(self, p: Mapping[str, Any]) -> str | None:
        """A reason to redraw a degenerate variant (singular matrix, trivial answer), else
        None. Applies to drawn parameters; user-given ones that fail are refused."""
        return None

    def answer(self, p: Mapping[str, Any]) -> Any:
        raise NotImplementedError

    def prompt(self, p: Mapping[str, Any]) -> str:
        raise NotImplementedError

    def solution(self, p: Mapping[str, Any], answer: Any) -> str:
        raise NotImplementedError

    def mistakes(self, p: Mapping[str, Any], answer: Any) -> list[Mistake]:
        return []

    # -- engine -------------------------------------------------------------------------
    def param_names(self) -> list[str]:
        return [param.name for param in self.params]

    def draw(self, rng: np.random.Generator, given: Mapping[str, Any]) -> dict[str, Any]:
        """Draw every parameter not in `given`, in declaration order, so later parameters can
        depend on earlier ones (e.g. B's row count is A's column count)."""
        values: dict[str, Any] = {}
        for param in self.params:
            if param.name in given:
                values[param.name] = given[param.name]
            elif param.optional and given:
                values[param.name] = None
            else:
                values[param.name] = param.draw(rng, values)
        return values

    def normalise(self, given: Mapping[str, Any]) -> dict[str, Any]:
        """Validate user-given values parameter by parameter; unknown names are refused."""
        names = self.param_names()
        unknown = sorted(set(given) - set(names))
        if unknown:
            raise TemplateError(
                f"Unknown parameter(s) for {self.slug}: {', '.join(unknown)}. "
                f"Parameters: {', '.join(names)}."
            )
        clean: dict[str, Any] = {}
        for param in self.params:
            if param.name in given:
                try:
                    clean[param.name] = param.validate(given[param.name])
                except (TypeError, ValueError) as exc:
                    raise TemplateError(f"Parameter {param.name}: {exc}") from None
        return clean
