"""Compiling a Spec: every line parsed with the author dialect and checked statically (names
defined before use, generators only in params, conditions where conditions belong), every
problem collected, then one SpecError with all of them."""

from __future__ import annotations

import dataclasses
import re

import numpy as np

from questions.generators.base import AREAS
from questions.grading.options import KINDS, validate
from questions.grading.verdict import GradingSetupError
from questions.mathinput import ParseError, parse
from questions.mathinput.author import AUTHOR_FUNCTIONS, GENERATORS, KEYWORDS
from questions.mathinput.nodes import (
    BoolOp,
    Call,
    Compare,
    Equation,
    Node,
    Not,
    Str,
    free_symbols,
    walk,
)
from questions.mathinput.parser import ALIASES, CONSTANTS

from .evaluator import Evaluator
from .generators import GENERATORS as DRAW
from .generators import choice_options
from .guards import Budget
from .limits import (
    MAX_FEEDBACK_LENGTH,
    MAX_FIELD_LENGTH,
    MAX_LINES,
    MAX_NAME_LENGTH,
    MAX_VARIABLES,
)
from .render import TextTemplate, parse_template
from .spec import (
    CompiledSpec,
    Issue,
    Line,
    ParamLine,
    Spec,
    SpecError,
    TemplateInfo,
    TestLine,
    lines,
)
from .values import EvalError

_NAME = re.compile(r"[A-Za-z]+(?:_[A-Za-z0-9]+)?")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_PARAM_LINE = re.compile(r"([A-Za-z][A-Za-z0-9_]*)\s*:\s*(.*)")
_DERIVED_LINE = re.compile(r"([A-Za-z][A-Za-z0-9_]*)\s*=(?!=)\s*(.*)")
_CALLED = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\s*\(")
_TEST_LINE = re.compile(r"(.*?)\s*\|\s*(correct|wrong)\s*(?:\|\s*(.*))?", re.IGNORECASE)
_VARIABLE_KINDS = {"expression", "equation"}
_LABEL = re.compile(r"[A-Za-z0-9 .,'-]*")
RESERVED = (
    frozenset(AUTHOR_FUNCTIONS) | set(ALIASES) | set(CONSTANTS) | KEYWORDS | {"answer", "lamda"}
)


def compile_spec(spec: Spec, info: TemplateInfo) -> CompiledSpec:
    """Parse and check everything; raise SpecError listing every problem found."""
    compiler = _Compiler(spec, info)
    compiled = compiler.run()
    if compiler.issues or compiled is None:
        raise SpecError(compiler.issues)
    return compiled


def _author_message(message: str) -> str:
    """The parser speaks to learners; say "expression" to authors."""
    if message.startswith("I don't know"):
        message = message.split(". Variables in this question", 1)[0] + "."
    for learner, author in (
        ("Type an answer first.", "Write an expression here."),
        ("Your answer", "This expression"),
        ("your answer", "the expression"),
        ("The answer", "The expression"),
        ("An answer", "An expression"),
    ):
        message = message.replace(learner, author)
    return message


class _Compiler:
    def __init__(self, spec: Spec, info: TemplateInfo) -> None:
        self.spec, self.info = spec, info
        self.issues: list[Issue] = []
        self.defined: dict[str, str] = {}  # name -> where it is defined ("params line 2")
        self.available: set[str] = set()

    def report(self, field_name: str, line: int | None, message: str) -> None:
        self.issues.append(Issue(field_name, line, message))

    # -- names and expressions ---------------------------------------------------------------
    def check_name(self, name: str, field_name: str, line: int | None) -> bool:
        problem = None
        if not _NAME.fullmatch(name) or len(name) > MAX_NAME_LENGTH:
            problem = (
                f"“{name}” is not a valid name: use letters, optionally _ and a subscript (w_0)."
            )
        elif name in RESERVED or name.split("_")[0] in AUTHOR_FUNCTIONS:
            problem = f"“{name}” is reserved (a function, constant or keyword); pick another name."
        elif name in self.defined:
            problem = f"“{name}” is already defined ({self.defined[name]})."
        if problem:
            self.report(field_name, line, problem)
        return problem is None

    def expression(
        self,
        text: str,
        field_name: str,
        line: int | None,
        *,
        answer: bool = False,
        generator: bool = False,
    ) -> Node | None:
        names = set(self.defined) | {"answer"}  # known, so a misplaced one is named clearly
        try:
            tree = parse(text, variables=names, author=True).tree
        except ParseError as exc:
            self.report(field_name, line, _author_message(exc.message))
            return None
        problems = []
        for name in sorted(free_symbols(tree)):
            if name in self.available or (answer and name == "answer"):
                continue
            if name == "answer":
                problems.append("“answer” can only be used in the solution, mistakes and tests.")
            elif name in self.defined:
                problems.append(f"“{name}” is defined later ({self.defined[name]}).")
            else:
                problems.append(f"I don't know “{name}”.")
        is_generator = isinstance(tree, Call) and tree.name in GENERATORS
        if generator and not is_generator:
            problems.append("A params line is exactly one generator call, e.g. n: randint(2, 4).")
        for node in walk(tree):
            nested = not (generator and node is tree)
            if isinstance(node, Call) and node.name in GENERATORS and nested:
                problems.append(f"{node.name}(...) can only be used on a params line.")
            if isinstance(node, Str):
                problems.extend(self.string_problems(node.value))
        for problem in dict.fromkeys(problems):
            self.report(field_name, line, problem)
        return None if problems else tree

    def string_problems(self, text: str) -> list[str]:
        """A string is a plain label ("ReLU") or an expression in the variables ("x^2")."""
        if _LABEL.fullmatch(text):
            return []
        variables = [name for name, where in self.defined.items() if where == "variables"]
        try:
            parse(text, variables=variables)
        except ParseError as exc:
            shown = ", ".join(variables) or "no variables"
            return [
                f'The string "{text}" is neither a plain label (letters, digits, spaces) nor an '
                f"expression in {shown}: {_author_message(exc.message)}"
            ]
        return []

    def template(
        self, text: str, field_name: str, first_line: int = 1, *, answer: bool = True
    ) -> TextTemplate:
        def parse_expression(source: str, line: int) -> Node | None:
            return self.expression(source, field_name, line, answer=answer)

        def report(line: int, message: str) -> None:
            self.report(field_name, line, message)

        return parse_template(text, report, parse_expression, first_line)

    # -- fields -----------------------------------------------------------------------------
    def field_lines(self, field_name: str) -> list[tuple[int, str]]:
        found = lines(getattr(self.spec, field_name))
        if len(found) > MAX_LINES[field_name]:
            self.report(field_name, None, f"At most {MAX_LINES[field_name]} lines.")
            return found[: MAX_LINES[field_name]]
        return found

    def check_fields(self) -> bool:
        ok = True
        for spec_field in dataclasses.fields(self.spec):
            value = getattr(self.spec, spec_field.name)
            if not isinstance(value, str):
                self.report(spec_field.name, None, "Must be text.")
                ok = False
            elif len(value) > MAX_FIELD_LENGTH:
                self.report(
                    spec_field.name,
                    None,
                    f"Too long ({len(value):,} characters; at most {MAX_FIELD_LENGTH:,}).",
                )
                ok = False
        return ok

    # -- the whole spec ---------------------------------------------------------------------
    def run(self) -> CompiledSpec | None:
        options = self.check_info()
        if not self.check_fields():
            return None
        variables = self.variables()
        options = self.kind_options(options, variables)
        params = self.params()
        derived = self.derived()
        answer = self.answer()
        constraints = self.conditions()
        mistakes = self.mistakes()
        tests = self.tests()
        prompt = self.template(self.spec.prompt, "prompt", answer=False)
        if not self.spec.prompt.strip():
            self.report("prompt", None, "Write the question's text.")
        solution = self.template(self.spec.solution, "solution")
        if self.issues or answer is None or options is None:
            return None
        return CompiledSpec(
            self.info, options, variables, params, derived, answer, constraints, mistakes,
            tests, prompt, solution,
        )  # fmt: skip

    def check_info(self) -> dict | None:
        info = self.info
        checks = [
            ("slug", isinstance(info.slug, str) and bool(_SLUG.fullmatch(info.slug))
             and len(info.slug) <= 100, "lowercase letters, digits and hyphens, e.g. matrix-product"),
            ("title", isinstance(info.title, str) and 0 < len(info.title.strip()) <= 200,
             "1 to 200 characters"),
            ("area", info.area in AREAS, f"one of {', '.join(AREAS)}"),
            ("topic", isinstance(info.topic, str) and bool(_SLUG.fullmatch(info.topic)),
             "a topic slug, e.g. matrix-operations"),
            ("difficulty", info.difficulty in (1, 2, 3) and not isinstance(info.difficulty, bool),
             "1, 2 or 3"),
            ("version", isinstance(info.version, int) and not isinstance(info.version, bool)
             and info.version >= 1, "a whole number ≥ 1"),
            ("kind", info.kind in KINDS, f"one of {', '.join(KINDS)}"),
        ]  # fmt: skip
        for name, ok, wanted in checks:
            if not ok:
                self.report(name, None, f"Must be {wanted}.")
        if info.kind not in KINDS:
            return None
        try:
            return validate(info.kind, dict(info.options))
        except (GradingSetupError, TypeError, ValueError) as exc:
            self.report("options", None, str(exc))
            return None

    def variables(self) -> tuple[str, ...]:
        names = [n for n in re.split(r"[\s,]+", _strip_all_comments(self.spec.variables)) if n]
        if len(names) > MAX_VARIABLES:
            self.report("variables", None, f"At most {MAX_VARIABLES} variables.")
            names = names[:MAX_VARIABLES]
        found = []
        for name in names:
            if self.check_name(name, "variables", None):
                self.defined[name] = "variables"
                self.available.add(name)
                found.append(name)
        return tuple(found)

    def kind_options(self, options: dict | None, variables: tuple[str, ...]) -> dict | None:
        if options is None:
            return None
        if self.info.kind in _VARIABLE_KINDS:
            if not variables and "variables" not in options:
                self.report("variables", None, "An expression answer needs its variables, e.g. x.")
            options.setdefault("variables", variables)
        unknown = set(options.get("variables", ())) - set(variables)
        if unknown:
            self.report("options", None, f"Declare {', '.join(sorted(unknown))} under variables.")
        # Plain JSON lists, as the built-in templates write them (a Variant's options are stored).
        return {k: list(v) if isinstance(v, tuple) else v for k, v in options.items()}

    def declare(self, field_name: str, pattern: re.Pattern, example: str) -> list:
        """First pass over params / derived: names and where they are defined."""
        found = []
        for number, content in self.field_lines(field_name):
            match = pattern.fullmatch(content)
            if match is None:
                self.report(field_name, number, f"Write {example}.")
                continue
            name, text = match.groups()
            if self.check_name(name, field_name, number):
                self.defined[name] = f"{field_name} line {number}"
                found.append((number, name, text.strip()))
        return found

    def params(self) -> tuple[ParamLine, ...]:
        declared = self.declare(
            "params", _PARAM_LINE, "name: generator(...), e.g. n: randint(2, 4)"
        )
        derived = self.declare("derived", _DERIVED_LINE, "name = expression, e.g. C = A*B")
        self._derived_lines = derived
        found = []
        for number, name, text in declared:
            called = _CALLED.match(text)
            if called is None or called.group(1) not in GENERATORS:
                shown = f"unknown generator “{called.group(1)}”; use" if called else "use"
                self.report("params", number, f"{shown} one of {', '.join(GENERATORS)}.")
            else:
                line = self.param(number, name, text)
                if line is not None:
                    found.append(line)
            self.available.add(name)
        return tuple(found)

    def param(self, number: int, name: str, text: str) -> ParamLine | None:
        tree = self.expression(text, "params", number, generator=True)
        if not isinstance(tree, Call):
            return None
        line = ParamLine(name, number, tree.name, tree.args, text)
        if any(free_symbols(arg) for arg in tree.args):
            return line
        # Constant arguments: check them now (randmatrix(1000, 1000, 0, 1) is refused on save).
        evaluator = Evaluator({}, (), Budget())
        try:
            args = [evaluator.value(arg) for arg in tree.args]
            DRAW[tree.name](evaluator, args, np.random.default_rng(0))
            options = choice_options(evaluator, args[0]) if tree.name == "choice" else None
        except EvalError as exc:
            self.report("params", number, str(exc))
            return None
        return ParamLine(name, number, tree.name, tree.args, text, options)

    def derived(self) -> tuple[Line, ...]:
        found = []
        for number, name, text in self._derived_lines:
            tree = self.expression(text, "derived", number)
            if tree is not None:
                found.append(Line(number, tree, text, name=name))
            self.available.add(name)
        return tuple(found)

    def answer(self) -> Node | None:
        found = lines(self.spec.answer)
        if len(found) != 1:
            self.report("answer", None, "Write the answer as one expression on one line.")
            return None
        tree = self.expression(found[0][1], "answer", None)
        if isinstance(tree, Compare | BoolOp | Not):
            self.report("answer", None, "The answer is a value, not a condition.")
        if isinstance(tree, Equation) and self.info.kind != "equation":
            self.report("answer", None, "Only an equation answer contains “=”.")
        return tree

    def conditions(self) -> tuple[Line, ...]:
        found = []
        for number, text in self.field_lines("constraints"):
            tree = self.expression(text, "constraints", number)
            if tree is None:
                continue
            if not isinstance(tree, Compare | BoolOp | Not):
                self.report(
                    "constraints", number,
                    "A constraint is a condition such as det(A) != 0 (compare with ==, not =).",
                )  # fmt: skip
                continue
            found.append(Line(number, tree, text))
        return tuple(found)

    def mistakes(self) -> tuple[Line, ...]:
        found = []
        for number, content in self.field_lines("mistakes"):
            text, separator, feedback = content.partition(" | ")
            feedback = feedback.strip()
            if not separator or not feedback:
                self.report("mistakes", number, "Write: wrong-answer expression | feedback text.")
                continue
            if len(feedback) > MAX_FEEDBACK_LENGTH:
                self.report("mistakes", number, f"Feedback over {MAX_FEEDBACK_LENGTH} characters.")
                continue
            tree = self.expression(text.strip(), "mistakes", number, answer=True)
            message = self.template(feedback, "mistakes", number)
            if tree is not None:
                found.append(Line(number, tree, text.strip(), feedback=message))
        return tuple(found)

    def tests(self) -> tuple[TestLine, ...]:
        found = []
        for number, content in self.field_lines("tests"):
            match = _TEST_LINE.fullmatch(content)
            if match is None or not match.group(1).strip():
                self.report(
                    "tests", number,
                    "Write: response | correct, or response | wrong | words the feedback contains.",
                )  # fmt: skip
                continue
            response, verdict, fragment = match.groups()
            template = self.template(response.strip(), "tests", number)
            found.append(
                TestLine(number, template, verdict.lower() == "correct", fragment or None, content)
            )
        return tuple(found)


def _strip_all_comments(text: str) -> str:
    return " ".join(content for _, content in lines(text))
