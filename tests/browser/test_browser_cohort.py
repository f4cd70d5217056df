"""The advisor's views in headless Chromium: the Voila dashboard, and the HTML report offline."""

from __future__ import annotations

import re

import pytest

from tests.helpers import SAMPLE, ui

pytestmark = pytest.mark.browser

NOTEBOOK = "notebooks/advisor/cohort_dashboard.ipynb"


def _requests_in(summary: str) -> int:
    return int(re.search(r"(\d+) requests", summary).group(1))


def test_voila_dashboard_filters_and_drills_down(tmp_path, page):
    with ui.voila(tmp_path, NOTEBOOK) as server:
        page.goto(server.url, timeout=180_000)
        summary = page.locator(".widget-html", has_text="students in this selection").first
        summary.wait_for(timeout=180_000)
        page.get_by_text("Loading widget").wait_for(state="detached", timeout=30_000)
        body = page.locator("body").inner_text()
        assert [m for m in ui.UNRENDERED if m in body] == []
        assert "Traceback" not in body
        # pseudonymised: codes, never the sample's student ids or contact names
        assert re.search(r"S-[0-9a-f]{8}", body)
        assert "student_0" not in body

        everyone = _requests_in(summary.inner_text())
        assert summary.inner_text().startswith("40 students")
        channel = page.locator(".widget-dropdown", has_text="Channel").locator("select")
        channel.select_option("linkedin")
        page.wait_for_function(
            "(before) => { const el = [...document.querySelectorAll('.widget-html')]"
            ".find(e => e.innerText.includes('students in this selection'));"
            " return el && !el.innerText.includes(before); }",
            arg=f"{everyone} requests",
            timeout=60_000,
        )
        linkedin = _requests_in(summary.inner_text())
        assert 0 < linkedin < everyone

        flag = page.locator(".widget-dropdown", has_text="Flag").locator("select")
        flag.select_option("stuck")
        page.get_by_text(re.compile(r"^\d+ of \d+ students\.$")).first.wait_for()
        listed = page.get_by_text(re.compile(r"^\d+ of \d+ students\.$")).first.inner_text()
        shown, total = map(int, re.findall(r"\d+", listed))
        assert shown <= total

        student = page.locator(".widget-dropdown", has_text="Student").locator("select")
        first_code = student.locator("option").nth(1).inner_text()
        student.select_option(first_code)
        page.get_by_text("What happened").first.wait_for()
        ui.screenshot(page, "cohort_dashboard")
        # Voila scrolls inside the page: bring the student's timeline into view for a look.
        page.get_by_text("What happened").first.scroll_into_view_if_needed()
        page.screenshot(path=str(ui.ARTIFACTS / "cohort_dashboard_student.png"))


def test_report_opens_offline_without_requests(tmp_path, page):
    from infoview_kit.advisor.cohort import load_cohort
    from infoview_kit.advisor.privacy import pseudonymise
    from infoview_kit.advisor.report import cohort_report_html

    log = pseudonymise(load_cohort(SAMPLE / "cohort", progress=False), key="k" * 20)
    path = tmp_path / "report.html"
    path.write_text(cohort_report_html(log), encoding="utf-8")
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    page.goto(path.as_uri())
    assert seen == [path.as_uri()]
    images = page.locator("img.chart")
    assert images.count() >= 6
    # every chart decoded (a broken data: URI has naturalWidth 0)
    widths = images.evaluate_all("imgs => imgs.map(i => i.naturalWidth)")
    assert min(widths) > 300
    assert page.get_by_role("heading", name="Who needs attention").is_visible()
    ui.screenshot(page, "cohort_report")
