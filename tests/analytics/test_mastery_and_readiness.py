"""Mastery, the adaptive rule and readiness on constructed histories with exact outputs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from questions.analytics.adaptive import (
    TemplateInfo,
    difficulty_fit,
    retest_due,
    smoothed_accuracy,
    template_weights,
)
from questions.analytics.mastery import Answer, area_mastery, topic_mastery, wilson
from questions.analytics.readiness import DueByArea, readiness

NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)


def answers(topic, area, template, scores, start_days_ago=10):
    return [
        Answer(topic, area, template, s, NOW - timedelta(days=start_days_ago - i))
        for i, s in enumerate(scores)
    ]


def test_wilson_interval_matches_the_textbook_values():
    low, high = wilson(8, 10)
    assert low == pytest.approx(0.4902, abs=1e-4) and high == pytest.approx(0.9433, abs=1e-4)
    assert wilson(0, 0) == (0.0, 1.0)


def test_topic_mastery_is_exact_and_weakest_first():
    history = answers("attention", "nlp", "sdpa", [1, 0, 0, 1, 0]) + answers(
        "conv-output-size", "dl", "conv", [1, 1, 1, 1, 0, 1, 1, 1]
    )
    rows = topic_mastery(history)
    assert [r.topic for r in rows] == ["attention", "conv-output-size"]
    attention, conv = rows
    assert (attention.answered, attention.accuracy) == (5, 0.4)
    assert (conv.answered, conv.accuracy) == (8, 0.875)
    assert conv.trend == pytest.approx(0.75 - 1.0)  # newest 4: 3 of 4 right; oldest 4: all
    assert attention.trend is None  # fewer than 6 answers
    assert attention.low < 0.4 < attention.high


def test_only_the_30_most_recent_answers_count():
    history = answers("svm", "ml", "svm-margin", [0] * 30 + [1] * 30, start_days_ago=60)
    (row,) = topic_mastery(history)
    assert row.answered == 30 and row.accuracy == 1.0


def test_area_mastery_weights_by_answers():
    rows = topic_mastery(answers("a", "ml", "t1", [1, 1, 1, 0]) + answers("b", "ml", "t2", [0, 0]))
    assert area_mastery(rows) == {"ml": pytest.approx(0.5)}


def test_adaptive_weights_follow_the_documented_rule():
    history = answers("attention", "nlp", "sdpa", [0, 0, 1, 0], start_days_ago=5)
    templates = [TemplateInfo("sdpa", "attention", 1), TemplateInfo("attn-2", "attention", 3),
                 TemplateInfo("tfidf", "tf-idf", 2)]  # fmt: skip
    weights = template_weights(templates, history, NOW)
    p = smoothed_accuracy(history)
    assert p == pytest.approx(2 / 6)
    # sdpa: weakness 2/3 × fit 1 (level 1); its 3rd miss was 2 days ago, the re-test is at 7
    assert weights["sdpa"] == pytest.approx((1 - p) * 1.0)
    assert weights["attn-2"] == pytest.approx((1 - p) * 0.25)  # two levels away
    assert weights["tfidf"] == pytest.approx(0.5 * 1.0)  # unseen topic: p = 1/2, level 2
    later = template_weights(templates, history, NOW + timedelta(days=5))
    assert later["sdpa"] == pytest.approx((1 - p) * 3.0)  # re-test due: × (1 + 2)


def test_retests_are_spaced_and_cleared_by_a_right_answer():
    one_miss = [Answer("t", "ml", "x", 0.0, NOW - timedelta(days=2))]
    assert retest_due(one_miss, NOW)  # 1 day after the first miss
    two_misses = [Answer("t", "ml", "x", 0.0, NOW - timedelta(days=d)) for d in (5, 2)]
    assert not retest_due(two_misses, NOW)  # 3 days after the second miss: not yet
    assert retest_due(two_misses, NOW + timedelta(days=1))
    fixed = [*one_miss, Answer("t", "ml", "x", 1.0, NOW - timedelta(days=1))]
    assert not retest_due(fixed, NOW)


def test_difficulty_fit():
    assert (
        difficulty_fit(1, 0.3) == 1.0
        and difficulty_fit(2, 0.3) == 0.5
        and difficulty_fit(3, 0.3) == 0.25
    )
    assert difficulty_fit(3, 0.9) == 1.0


def test_readiness_combines_recall_and_accuracy_and_says_what_to_do():
    mastery = topic_mastery(answers("attention", "nlp", "sdpa", [1, 0, 0, 0, 1]))
    result = readiness(
        predicted_recall=0.9,
        mastery=mastery,
        topic_names={"attention": "Attention"},
        due=[DueByArea("nlp", "NLP", 12), DueByArea("dl", "DL", 3)],
        unseen_by_exam=4,
        days_left=3,
    )
    assert result.score == pytest.approx(0.4 * 0.9 + 0.6 * 0.4)
    assert result.advice[0] == (
        "12 NLP cards due, Attention questions at 40%: review the cards, then do a 10-minute "
        "Attention drill."
    )
    assert "4 cards would not be seen before the exam" in result.advice[-1]


def test_readiness_without_history_asks_for_a_test():
    result = readiness(predicted_recall=None, mastery=[], topic_names={}, due=[])
    assert result.score == 0.0 and "Take a practice test" in result.advice[-1]


def test_fairness_flags_a_parameter_value_much_harder_than_its_siblings():
    from questions.analytics.fairness import Attempt, fairness

    attempts = [Attempt({"S": 1, "W": 10 + i}, 1.0, 30.0) for i in range(20)]
    attempts += [Attempt({"S": 2, "W": 10 + i}, 1.0 if i < 2 else 0.0, 60.0) for i in range(10)]
    report = fairness(attempts)
    assert report.n == 30 and report.accuracy == pytest.approx(22 / 30)
    assert report.mean_seconds == pytest.approx(40.0)
    flagged = {g.label for g in report.flagged}
    assert "S = 2" in flagged and "S = 1" in flagged  # one far below, the other above
    harder = next(g for g in report.groups if g.label == "S = 2")
    assert harder.accuracy == pytest.approx(0.2) and harder.z < -2
    assert not any(g.flagged for g in report.groups if g.label.startswith(("W", "10")))
    assert fairness([]).accuracy is None
