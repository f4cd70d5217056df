"""Script payloads in a workbook stay text in a real browser (JupyterLab, Voila, saved pages).

A workbook whose contacts are named ``<img src=x onerror=...>``,
``<script>...</script>`` and ``"><svg onload=...>`` (with notes and labels
to match) is opened by the notebooks that show names; after Run All the page
must not have run any of them (``window.__pwned`` stays undefined) and must
show them as text. The advisor's Voila dashboard pseudonymises: the names
must not be on the page at all. The static pages a user saves (cohort
report, interview sheet) are opened from disk the same way.
"""

from __future__ import annotations

import csv
import re

import pytest

from tests.helpers import ui
from tests.helpers.injection import IMG, PAYLOADS, SCRIPT, SVG, payload_cohort, seed_workbook

pytestmark = pytest.mark.browser

PWNED = "() => window.__pwned"


def settle(page) -> None:
    """Let images fail to load and widgets render (an onerror fires after the load attempt)."""
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)


def assert_notebook_safe(page, *, shows: tuple[str, ...]) -> str:
    errors = page.locator(
        f"{ui.PANEL} .jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr'],"
        f"{ui.PANEL} .jp-RenderedText[data-mime-type='application/vnd.jupyter.error']"
    ).all_text_contents()
    assert [e for e in errors if e.strip()] == []
    settle(page)
    assert page.evaluate(PWNED) is None
    body = page.locator(ui.PANEL).text_content()
    assert [marker for marker in ui.UNRENDERED if marker in body] == []
    # no element the payloads would have made exists in the outputs
    made = ", ".join(
        f"{ui.PANEL} .jp-OutputArea {tag}" for tag in ("script", "svg[onload]", "img[src='x']")
    )
    assert page.locator(made).count() == 0
    for payload in shows:
        assert payload in body, payload
    return body


@pytest.fixture(scope="module")
def payload_lab(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("payload-lab")
    folder = tmp / "workbook"
    seed_workbook(folder)
    with ui.jupyter_lab(tmp, env={"INFOVIEW_WORKBOOK": str(folder)}) as server:
        yield server


def test_contacts_notebook_shows_payload_names_as_text(payload_lab, page):
    ui.open_notebook(page, payload_lab, "notebooks/01_contacts_and_research.ipynb")
    ui.run_all_cells(page)
    assert_notebook_safe(page, shows=PAYLOADS)
    ui.screenshot(page, "injection_01_contacts")


def test_reflect_notebook_shows_payload_notes_as_text(payload_lab, page):
    ui.open_notebook(page, payload_lab, "notebooks/07_reflect.ipynb")
    ui.run_all_cells(page)
    # names and organisations in the lessons table, notes of the meetings, the due list
    assert_notebook_safe(page, shows=(IMG, SVG))
    # the dashboard widget's own lessons list holds the meeting notes, as text
    lessons = page.locator(f"{ui.PANEL} .widget-html", has_text="conversations").first
    assert IMG in lessons.text_content()
    ui.screenshot(page, "injection_07_reflect")


def test_voila_cohort_dashboard_pseudonymises_payloads(tmp_path, page):
    cohort = tmp_path / "cohort"
    cohort.mkdir()
    for payload in (IMG, SVG):  # students named by their files, contacts and notes by payloads
        rows = [["Name", "Company", "Email", "Date contacted", "Replied", "Notes"]]
        rows += [
            [name, "Acme", f"p{i}@example.com", "2025-03-03", "Y", note]
            for i, (name, note) in enumerate(zip(PAYLOADS, reversed(PAYLOADS), strict=True))
        ]
        with open(cohort / f"{payload}.csv", "w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows(rows)
    env = {"INFOVIEW_COHORT": str(cohort)}
    with ui.voila(tmp_path, "notebooks/advisor/cohort_dashboard.ipynb", env=env) as server:
        page.goto(server.url, timeout=180_000)
        summary = page.locator(".widget-html", has_text="students in this selection").first
        summary.wait_for(timeout=180_000)
        page.get_by_text("Loading widget").wait_for(state="detached", timeout=30_000)
        settle(page)
        assert page.evaluate(PWNED) is None
        body = page.locator("body").inner_text()
        assert "Traceback" not in body
        assert re.search(r"S-[0-9a-f]{8}", body)
        for payload in PAYLOADS:
            assert payload not in body, payload
        assert "pwned" not in body  # not even a piece of a name, note or file name
        ui.screenshot(page, "injection_cohort_dashboard")


def test_saved_pages_keep_payloads_as_text(tmp_path, page):

    from infoview_kit.advisor.report import cohort_report_html
    from infoview_kit.messages.questions import (
        add_question,
        interview_sheet,
        pick_questions,
        question_bank,
    )

    bank = add_question(question_bank(), SCRIPT)
    plan = pick_questions(bank, minutes=30, must_include=[bank.iloc[-1]["id"]])
    sheet = interview_sheet(plan, contact_name=IMG, organization=SVG, introduction=SCRIPT)
    pages = {
        "sheet.html": (sheet.to_html_page(), (IMG, SCRIPT)),
        "report.html": (
            cohort_report_html(payload_cohort(), as_of="2025-03-31", min_cell=1),
            (IMG,),
        ),
    }
    for name, (html, shows) in pages.items():
        path = tmp_path / name
        path.write_text(html, encoding="utf-8")
        page.goto(path.as_uri())
        settle(page)
        assert page.evaluate(PWNED) is None, name
        text = page.locator("body").inner_text()
        for payload in shows:
            assert payload in text, (name, payload)
    page.goto((tmp_path / "sheet.html").as_uri())
    assert page.title() == sheet.title  # the <title> holds the name as text too
