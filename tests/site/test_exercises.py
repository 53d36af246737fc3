"""In Chromium: a numeric exercise says whether a typed answer is right, and nothing leaves the
page."""

from __future__ import annotations

import json

import pytest

from harness.browser import PageWatch, chromium, page_urls, serve, skip_unless_browser
from harness.builds import Build

pytestmark = skip_unless_browser()


def test_every_numeric_exercise_judges_typed_answers(built_site: Build):
    checked = 0
    with serve(built_site.site) as base, chromium() as browser:
        page = browser.new_page()
        watch = PageWatch(page, base)
        for url in page_urls(built_site.site):
            html = (built_site.site / url / "index.html").read_text(encoding="utf-8")
            if "data-answer=" not in html:
                continue
            page.goto(base + url, wait_until="load")
            page.wait_for_selector(".exercise form.exercise-check:not([hidden])")
            for exercise in page.query_selector_all(".exercise[data-answer]"):
                answer = json.loads(exercise.get_attribute("data-answer"))
                verdicts = {}
                for label, typed in (("right", repr(answer)), ("wrong", repr(answer * 1.5 + 1)),
                                     ("unreadable", "twelve")):  # fmt: skip
                    exercise.query_selector("input").fill(typed)
                    exercise.query_selector("button").click()
                    verdicts[label] = exercise.query_selector("output").get_attribute(
                        "data-verdict"
                    )
                assert verdicts == {"right": "right", "wrong": "wrong", "unreadable": "unreadable"}
                checked += 1
        assert watch.console_errors == [] and watch.external_requests == []
    assert checked >= 1


@pytest.mark.parametrize(
    "typed, expected",
    [("0.25", 0.25), ("1/4", 0.25), ("2,5e-1", 0.25), (" 66 ", 66), ("abc", None), ("", None)],
)
def test_typed_answers_are_read_as_numbers(built_site: Build, typed, expected):
    with serve(built_site.site) as base, chromium() as browser:
        page = browser.new_page()
        page.goto(base, wait_until="load")
        value = page.evaluate(
            """async (typed) => {
                 const m = await import('./javascripts/exercises.js');
                 const v = m.parseAnswer(typed);
                 return Number.isFinite(v) ? v : null; }""",
            typed,
        )
    assert value == expected
