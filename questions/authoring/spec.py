"""The spec of an authored template (the admin's text fields), its metadata, the errors found
in it, and the compiled form (`compiler.py`): one parsed tree per line.

Line-based fields (params, derived, constraints, mistakes, tests) take one item per line;
blank lines and `#` comments (outside double quotes) are ignored.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from questions.mathinput.nodes import Node

from .render import TextTemplate


@dataclass(frozen=True)
class Spec:
    """The text fields an author fills in (plain data: picklable, storable as is)."""

    params: str = ""
    derived: str = ""
    answer: str = ""
    constraints: str = ""
    mistakes: str = ""
    tests: str = ""
    variables: str = ""
    prompt: str = ""
    solution: str = ""

    def as_dict(self) -> dict[str, str]:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class TemplateInfo:
    """The template's metadata (the admin's other fields)."""

    slug: str
    title: str
    area: str
    topic: str
    kind: str
    difficulty: int = 1
    options: Mapping[str, Any] = field(default_factory=dict)
    version: int = 1

    def as_dict(self) -> dict[str, Any]:
        return {**dataclasses.asdict(self), "options": dict(self.options)}


@dataclass(frozen=True)
class Issue:
    field: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = self.field if self.line is None else f"{self.field} line {self.line}"
        return f"{where}: {self.message}"


class SpecError(ValueError):
    """Everything wrong with a spec, each problem with its field and line."""

    def __init__(self, issues: list[Issue]) -> None:
        super().__init__(issues)
        self.issues = list(issues)

    def __str__(self) -> str:
        return "\n".join(str(issue) for issue in self.issues)


@dataclass(frozen=True)
class ParamLine:
    name: str
    line: int
    generator: str
    args: tuple[Node, ...]
    text: str
    options: list | None = None  # choice's options when they are constant


@dataclass(frozen=True)
class Line:
    """A derived value (`name` set), a constraint, or a mistake (`feedback` set)."""

    line: int
    tree: Node
    text: str
    name: str = ""
    feedback: TextTemplate | None = None


@dataclass(frozen=True)
class TestLine:
    line: int
    response: TextTemplate
    correct: bool
    fragment: str | None
    text: str


@dataclass(frozen=True)
class CompiledSpec:
    info: TemplateInfo
    options: dict[str, Any]
    variables: tuple[str, ...]
    params: tuple[ParamLine, ...]
    derived: tuple[Line, ...]
    answer: Node
    constraints: tuple[Line, ...]
    mistakes: tuple[Line, ...]
    tests: tuple[TestLine, ...]
    prompt: TextTemplate
    solution: TextTemplate


def lines(text: str) -> list[tuple[int, str]]:
    """(line number, content) of the non-blank lines, `#` comments removed."""
    found = []
    for number, raw in enumerate(text.splitlines(), start=1):
        content = _strip_comment(raw).strip()
        if content:
            found.append((number, content))
    return found


def _strip_comment(line: str) -> str:
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == "#" and not quoted:
            return line[:index]
    return line
