"""A learner builds a test, answers with live preview and autosave, reloads, submits and reads
the worked solutions; and a test whose time runs out is submitted by itself."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from questions.models import PracticeTest
from questions.services.practice import PracticeTestRequest, practice_test_start
from tests.e2e.conftest import PHONE


def answers_of(test: PracticeTest) -> list[str]:
    return [i.variant.answer for i in test.items.select_related("variant").order_by("index")]


def test_build_take_reload_submit_and_review(logged_in, user, topics, screenshot):
    page = logged_in
    page.on("dialog", lambda dialog: dialog.accept())
    keys = []  # what each autosave carried in X-Autosave-Key
    page.on(
        "request",
        lambda r: keys.append(r.headers.get("x-autosave-key")) if r.method == "PUT" else None,
    )
    page.goto("/tests/")
    page.get_by_label("Topics").select_option(["matrix-operations"])
    page.get_by_label("Number of questions").fill("3")
    page.get_by_label("Time limit (minutes)").fill("20")
    page.get_by_role("button", name="Start the test").click()
    expect(page.get_by_role("heading", name=re.compile("Question 1"))).to_be_visible()
    test = PracticeTest.objects.get(user=user)
    answers = answers_of(test)

    box = page.get_by_label(re.compile("Your answer"))
    box.fill(answers[0])
    expect(page.locator("#preview-0 math")).to_be_visible()
    expect(page.locator("#status-0")).to_contain_text("Saved")
    page.screenshot(path=str(screenshot(page, "practice-question-desktop")))
    box.press("Control+Enter")  # keyboard: next question
    expect(page.get_by_role("heading", name=re.compile("Question 2"))).to_be_visible()

    page.get_by_label(re.compile("Your answer")).fill("[[0, 0], [0, 0]] + ")
    expect(page.locator("#preview-1 .preview-error")).to_be_visible()  # the parser's message
    page.get_by_label(re.compile("Your answer")).fill("[[999]]")  # a wrong answer
    expect(page.locator("#status-1")).to_contain_text("Saved")
    page.get_by_label("Flag for review").check()
    expect(page.locator("#flagged-count")).to_have_text("1")

    page.reload()  # resumes at question 2 with the answer still there
    expect(page.get_by_role("heading", name=re.compile("Question 2"))).to_be_visible()
    expect(page.get_by_label(re.compile("Your answer"))).to_have_value("[[999]]")
    page.get_by_role("link", name=re.compile("^Question 3")).click()
    page.get_by_label(re.compile("Your answer")).fill(answers[2])
    expect(page.locator("#status-2")).to_contain_text("Saved")
    expect(page.locator("#answered-count")).to_have_text("3")

    page.set_viewport_size(PHONE)
    screenshot(page, "practice-question-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1

    assert keys and all(keys)  # every autosave used the page's key, not only the session

    page.get_by_role("button", name="Submit the test").click()
    expect(page.locator(".score-big")).to_have_text("2 / 3")
    expect(page.get_by_text("Worked solution").first).to_be_visible()
    expect(page.locator(".review-item.is-wrong .solution")).to_have_attribute("open", "")
    expect(page.locator(".review-item.is-wrong .feedback")).to_be_visible()
    screenshot(page, "practice-review-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1


def test_a_test_whose_time_runs_out_is_submitted_automatically(logged_in, user, topics):
    page = logged_in
    test = practice_test_start(
        user=user,
        request=PracticeTestRequest(templates=("conv2d-output-size",), count=2, time_limit_s=10),
    )
    page.goto(f"/tests/{test.id}/")
    answer = answers_of(test)[0]
    page.get_by_label(re.compile("Your answer")).fill(answer)
    expect(page.locator("#status-0")).to_contain_text("Saved")
    expect(page.locator(".score-big")).to_have_text("1 / 2", timeout=25_000)
    expect(page.get_by_text("time ran out")).to_be_visible()
    test.refresh_from_db()
    assert test.auto_submitted and test.score == 1.0


def test_an_answer_typed_before_the_page_script_runs_is_saved(logged_in, user, topics):
    page = logged_in
    test = practice_test_start(
        user=user,
        request=PracticeTestRequest(templates=("conv2d-output-size",), count=1, time_limit_s=600),
    )
    release = []

    def slow_script(route):  # a slow connection: the page is usable before its script runs
        release.append(route)

    page.route("**/practice*.js", slow_script)
    page.goto(f"/tests/{test.id}/", wait_until="commit")
    page.get_by_label(re.compile("Your answer")).fill("42")
    page.wait_for_timeout(300)
    assert release, "the script request should be waiting"
    release[0].continue_()
    expect(page.locator("#status-0")).to_contain_text("Saved")
    assert test.items.get().response == "42"
