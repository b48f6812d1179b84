"""Study policies the simulator compares: plain FSRS, FSRS with a final sweep, the exam planner."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from questions.srs.planner import ExamGoal, PlanCard, sweep_days, todays_queue
from questions.srs.scheduler import CardState, SchedulerSettings, recall_probability


@dataclass(frozen=True)
class DayView:
    """What a policy sees at the start of a study day: only the scheduler's card states."""

    day: int
    days: int
    now: datetime
    exam_at: datetime
    minutes_per_day: float
    states: tuple[CardState, ...]  # indexed by card id
    review_seconds: float
    new_card_seconds: float


class Policy(Protocol):
    name: str
    settings: SchedulerSettings

    def queue(self, view: DayView) -> list[int]:
        """Card ids to present today, in order; the simulator stops when the budget is spent."""
        ...


@dataclass(frozen=True)
class FsrsPolicy:
    """Anki-style FSRS: in-progress cards, then due reviews (oldest first), then new cards.

    New cards come at a fixed daily rate that introduces the deck by the exam (by the start of
    the sweep when there is one). With `sweep`, the last days then review every other seen card,
    lowest predicted exam-morning recall first, for as long as the budget lasts.
    """

    desired_retention: float = 0.9
    sweep: bool = False
    name: str = ""
    settings: SchedulerSettings = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "settings", SchedulerSettings(self.desired_retention))
        if not self.name:
            label = f"FSRS {self.desired_retention:g}" + (" + final sweep" if self.sweep else "")
            object.__setattr__(self, "name", label)

    def queue(self, view: DayView) -> list[int]:
        states = view.states
        n = len(states)
        window = sweep_days(n, view.minutes_per_day, view.review_seconds) if self.sweep else 0
        rate = math.ceil(n / max(1, view.days - window))
        learning = [i for i, s in enumerate(states) if not s.is_new and s.state != "review"]
        due = sorted(
            (i for i, s in enumerate(states) if s.state == "review" and s.due <= view.now),
            key=lambda i: (states[i].due, i),
        )
        new = [i for i, s in enumerate(states) if s.is_new][:rate]
        queue = learning + due + new
        if view.days - view.day <= window:
            taken = set(queue)
            rest = [i for i, s in enumerate(states) if i not in taken and not s.is_new]
            rest.sort(key=lambda i: (recall_probability(states[i], view.exam_at, self.settings), i))
            queue += rest
        return queue


@dataclass(frozen=True)
class PlannerPolicy:
    """The exam planner's queue for each day (see `questions.srs.planner`)."""

    name: str = "Exam planner"
    settings: SchedulerSettings = field(default_factory=SchedulerSettings)

    def queue(self, view: DayView) -> list[int]:
        goal = ExamGoal(
            exam_at=view.exam_at,
            minutes_per_day=view.minutes_per_day,
            review_seconds=view.review_seconds,
            new_card_seconds=view.new_card_seconds,
        )
        cards = [PlanCard(i, s) for i, s in enumerate(view.states)]
        return list(todays_queue(cards, goal, now=view.now, settings=self.settings))
