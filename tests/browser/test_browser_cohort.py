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
        # the rates chart is an <img> whose alt text gives the rates (a screen reader reads it)
        alt = page.locator("img.iv-chart").first.get_attribute("alt") or ""
        assert alt.startswith("Chart: Reply rate by channel.") and re.search(r"linkedin \d", alt)

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


def _wait_for_dashboard(page, server) -> None:
    page.goto(server.url, timeout=180_000)
    page.locator(".widget-html", has_text="students in this selection").first.wait_for(
        timeout=180_000
    )
    page.get_by_text("Loading widget").wait_for(state="detached", timeout=30_000)


def test_voila_key_holder_sees_names_under_a_banner(tmp_path, page):
    from infoview_kit.advisor.privacy import new_key_file

    key = new_key_file(tmp_path / "cohort.key")
    with ui.voila(tmp_path, NOTEBOOK, env={"INFOVIEW_KEY_FILE": str(key)}) as server:
        _wait_for_dashboard(page, server)
        body = page.locator("body").inner_text()
        assert [m for m in ui.UNRENDERED if m in body] == []
        assert "Pseudonymised:" in body and "student_" not in body
        page.get_by_role("button", name="Show names").click()
        banner = page.get_by_text("Names shown.")
        banner.wait_for(timeout=30_000)
        assert banner.is_visible()
        page.wait_for_function("() => document.body.innerText.includes('student_')")
        body = page.locator("body").inner_text()
        # names in the student list (most urgent first: a stuck student), contacts never
        assert re.search(r"student_\d\d", body) and "@example.com" not in body
        page.get_by_text("Names shown.").scroll_into_view_if_needed()
        page.screenshot(path=str(ui.ARTIFACTS / "cohort_dashboard_names.png"))
        # the list of students to contact this week, downloaded as the browser saves it
        with page.expect_download() as info:
            page.get_by_text("Download the students to contact this week (CSV)").click()
        download = info.value
        assert download.suggested_filename == "students_to_contact_this_week.csv"
        lines = open(download.path(), encoding="utf-8-sig").read().splitlines()
        assert lines[0].startswith("Student,What to do,")
        assert len(lines) > 2 and all(line.startswith("student_") for line in lines[1:])
        # back to codes before sharing the screen
        page.get_by_role("button", name="Show codes").click()
        page.get_by_text("Pseudonymised:").wait_for(timeout=30_000)
        page.wait_for_function("() => !document.body.innerText.includes('student_')")


def test_report_codes_turn_back_into_students_with_the_mapping(tmp_path, page):
    import csv

    from infoview_kit.advisor.privacy import new_key_file
    from infoview_kit.cli import main

    key = new_key_file(tmp_path / "cohort.key")
    report, mapping = tmp_path / "report.html", tmp_path / "mapping.csv"
    source = str(SAMPLE / "cohort")
    assert main(["report", source, "-o", str(report), "--key-file", str(key)]) == 0
    assert main(["pseudonyms", source, "--key-file", str(key), "-o", str(mapping)]) == 0
    with open(mapping, encoding="utf-8-sig", newline="") as handle:
        codes = {row["Code"]: row["Student or file"] for row in csv.DictReader(handle)}
    page.goto(report.as_uri())
    attention = page.locator("#attention table tbody tr")
    first = attention.first.locator("td").first.inner_text().strip()
    assert re.fullmatch(r"S-[0-9a-f]{8}", first)
    assert codes[first].startswith("student_")  # the most urgent student, found again
    assert "call this week" in attention.first.inner_text()
    quality = page.locator("#quality table").first.locator("td").first.inner_text().strip()
    assert re.fullmatch(r"F-[0-9a-f]{8}\.txt", quality) and codes[quality] == "README.txt"
    assert "student_" not in page.locator("body").inner_text()
    page.locator("#attention").scroll_into_view_if_needed()
    page.screenshot(path=str(ui.ARTIFACTS / "cohort_report_attention.png"))


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
