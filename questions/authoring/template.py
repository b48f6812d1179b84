"""`SpecTemplate`: an authored spec as a `questions.generators` Template instance, so `generate`,
`check_template`, `grade_response` and practice tests treat it like a built-in one."""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy

from questions.generators.base import Mistake, Template, TemplateError
from questions.generators.params import Param
from questions.grading import check
from questions.grading.verdict import GradingSetupError
from questions.mathinput.to_text import to_text

from .compiler import compile_spec
from .evaluator import Evaluator
from .generators import GENERATORS, VALIDATORS, choice_validator
from .guards import Budget
from .limits import MAX_DRAWS
from .render import render
from .spec import Line, ParamLine, Spec, TemplateInfo
from .values import EvalError, Text, describe, exact_number, from_json, is_matrix, is_scalar

_CACHE_SIZE = 32
_SYMBOLIC_KINDS = {"expression", "equation"}


@dataclass(frozen=True)
class Evaluated:
    """One variant's parameter and derived values, its raw answer, and the first problem."""

    env: dict[str, Any]
    answer: Any
    failure: str | None


class SpecTemplate(Template):
    """A Template built from a Spec and its metadata; raises SpecError when the spec is bad."""

    def __init__(self, spec: Spec, info: TemplateInfo) -> None:
        self.spec, self.info = spec, info
        self.compiled = compile_spec(spec, info)
        self.slug, self.title, self.area = info.slug, info.title, info.area
        self.topic, self.difficulty, self.version = info.topic, info.difficulty, info.version
        self.kind = info.kind
        self.options = dict(self.compiled.options)
        self.variables = self.compiled.variables
        self.max_draws = MAX_DRAWS
        self.params = tuple(self._param(line) for line in self.compiled.params)
        self._evaluated = _Cache()
        self._mistakes = _Cache()

    # -- parameters -----------------------------------------------------------------------------
    def _param(self, line: ParamLine) -> Param:
        def draw(rng: np.random.Generator, values: dict[str, Any]) -> Any:
            try:
                evaluator = self._evaluator(values, Budget())
                args = [evaluator.value(arg) for arg in line.args]
                return GENERATORS[line.generator](evaluator, args, rng)
            except EvalError as exc:
                raise TemplateError(f"params line {line.line} ({line.name}): {exc}") from None

        validate = VALIDATORS.get(line.generator) or choice_validator(line.options)
        return Param(line.name, draw, validate, description=line.text)

    def _evaluator(self, values: Mapping[str, Any], budget: Budget) -> Evaluator:
        evaluator = Evaluator({}, self.variables, budget)

        def scalar(item: Any) -> sympy.Expr:
            if isinstance(item, str):
                return evaluator.read(Text(item))
            if isinstance(item, bool) or not isinstance(item, int | float):
                raise EvalError(f"Expected a number, got {item!r}.")
            return exact_number(item)

        for name, value in values.items():
            evaluator.env[name] = from_json(value, scalar)
        return evaluator

    # -- evaluation of one variant (cached: check, answer, prompt, ... all need it) ---------------
    def evaluate(self, values: Mapping[str, Any]) -> Evaluated:
        return self._evaluated.get(values, self._evaluate)

    def _evaluate(self, values: Mapping[str, Any]) -> Evaluated:
        where = "params"
        try:
            evaluator = self._evaluator(values, Budget())
            for line in self.compiled.derived:
                where = f"derived line {line.line} ({line.name})"
                evaluator.env[line.name] = evaluator.value(line.tree)
            where = "answer"
            answer = evaluator.value(self.compiled.answer)
            self.answer_value(answer, evaluator)
            for line in self.compiled.constraints:
                where = f"constraints line {line.line}"
                if not evaluator.condition(evaluator.value(line.tree), "a constraint"):
                    return Evaluated(evaluator.env, answer, f"{where} fails: {line.text}")
        except EvalError as exc:
            return Evaluated({}, None, f"{where}: {exc}")
        return Evaluated(evaluator.env, answer, None)

    def _scope(self, p: Mapping[str, Any], *, answer: bool) -> Evaluator:
        evaluated = self.evaluate(p)
        if evaluated.failure:
            raise TemplateError(evaluated.failure)
        evaluator = Evaluator(evaluated.env, self.variables, Budget())
        if answer:
            evaluator.env["answer"] = evaluated.answer
        return evaluator

    def answer_value(self, value: Any, evaluator: Evaluator, kind: str | None = None) -> Any:
        """The raw value in the form the grader expects for this kind (raises EvalError)."""
        kind = kind or self.kind
        if kind in {"text", "choice"}:
            return value.value if isinstance(value, Text) else to_text(evaluator.operand(value))
        value = evaluator.operand(value)
        if kind in {"numeric", "integer", "expression"}:
            value = evaluator.scalar(value, f"A {kind} answer")
            if kind != "expression" and value.free_symbols:
                raise EvalError(f"A {kind} answer cannot contain {value.free_symbols.pop()}.")
            if kind == "integer" and not value.is_Integer:
                raise EvalError(f"An integer answer must be a whole number, not {value}.")
            return value
        if kind == "equation":
            if not isinstance(value, sympy.Eq):
                raise EvalError(f"An equation answer needs “=”, not {describe(value)}.")
            return f"{to_text(value.lhs)} = {to_text(value.rhs)}"
        if kind == "matrix" and is_matrix(value):
            return value
        if kind in {"vector", "tuple", "set"}:
            items = _items(value)
            if items is not None:
                return {"vector": list, "tuple": tuple, "set": set}[kind](items)
        raise EvalError(f"A {kind} answer cannot be {describe(value)}.")

    # -- the Template interface -------------------------------------------------------------------
    def check(self, p: Mapping[str, Any]) -> None:
        failure = self.evaluate(p).failure
        if failure:
            raise TemplateError(failure)

    def answer(self, p: Mapping[str, Any]) -> Any:
        evaluator = self._scope(p, answer=True)
        return self._converted(evaluator.env["answer"], evaluator, "answer")

    def prompt(self, p: Mapping[str, Any]) -> str:
        return self._render(self.compiled.prompt, self._scope(p, answer=False), "prompt")

    def solution(self, p: Mapping[str, Any], answer: Any) -> str:
        return self._render(self.compiled.solution, self._scope(p, answer=True), "solution")

    def mistakes(self, p: Mapping[str, Any], answer: Any) -> list[Mistake]:
        return [mistake for _, mistake, _ in self.mistake_outcomes(p) if mistake is not None]

    def mistake_outcomes(self, p: Mapping[str, Any]) -> list[tuple[Line, Mistake | None, str]]:
        """Each mistakes line with its Mistake for this variant, or None and the reason it is
        left out (no value here, or the grader cannot tell it from the answer or an earlier
        mistake, so it could never be recognised)."""
        return self._mistakes.get(p, self._mistake_outcomes)

    def _mistake_outcomes(self, p: Mapping[str, Any]) -> list[tuple[Line, Mistake | None, str]]:
        evaluator = self._scope(p, answer=True)
        expected = to_text(self._converted(evaluator.env["answer"], evaluator, "answer"))
        # grade_response checks mistakes as numbers for integer answers (an unrounded size).
        kind = "numeric" if self.kind == "integer" else self.kind
        kept: list[str] = []
        outcomes: list[tuple[Line, Mistake | None, str]] = []
        for line in self.compiled.mistakes:
            try:
                value = self.answer_value(evaluator.value(line.tree), evaluator, kind)
                feedback = render(line.feedback, evaluator) if line.feedback else ""
                text = to_text(value)
                if self._same(self.kind, expected, text):
                    raise EvalError("it is graded as correct (the same as the answer)")
                if any(self._same(kind, other, text) for other in kept):
                    raise EvalError("the grader cannot tell it from an earlier mistake")
            except (EvalError, GradingSetupError) as exc:
                outcomes.append((line, None, str(exc)))
                continue
            kept.append(text)
            outcomes.append((line, Mistake(value, feedback), ""))
        return outcomes

    def _same(self, kind: str, expected: str, given: str) -> bool:
        """Whether the grader accepts `given` for `expected`. Symbolic kinds compare the text:
        sympy writes equal values alike, and sampling-based grading costs ~15 ms a call (an
        equivalent mistake in another form still shows up in check_template's report)."""
        if expected == given or kind in _SYMBOLIC_KINDS:
            return expected == given
        return check(kind, expected, given, self.options).correct

    def _converted(self, value: Any, evaluator: Evaluator, where: str) -> Any:
        try:
            return self.answer_value(value, evaluator)
        except EvalError as exc:
            raise TemplateError(f"{where}: {exc}") from None

    def _render(self, template, evaluator: Evaluator, where: str) -> str:
        try:
            return render(template, evaluator)
        except EvalError as exc:
            raise TemplateError(f"{where} {exc}") from None

    def environment(self, p: Mapping[str, Any]) -> Evaluator:
        """An evaluator over this variant's values and `answer` (question tests use it)."""
        return self._scope(p, answer=True)


class _Cache:
    """A small thread-safe LRU keyed by a variant's params (check, answer, prompt, solution
    and mistakes all need the same evaluation)."""

    def __init__(self, size: int = _CACHE_SIZE) -> None:
        self.size = size
        self.entries: OrderedDict[str, Any] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, values: Mapping[str, Any], compute: Callable[[Mapping[str, Any]], Any]) -> Any:
        key = json.dumps(values, sort_keys=True, default=str)
        with self.lock:
            if key in self.entries:
                self.entries.move_to_end(key)
                return self.entries[key]
        result = compute(values)
        with self.lock:
            self.entries[key] = result
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)
        return result


def _items(value: Any) -> list | None:
    if is_matrix(value) and 1 in value.shape:
        return list(value)
    if isinstance(value, tuple) and all(is_scalar(item) for item in value):
        return list(value)
    if isinstance(value, sympy.FiniteSet):
        return list(value.args)
    return None
