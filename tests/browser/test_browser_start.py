"""00_start_here in a real JupyterLab, in headless Chromium: run all, click, see."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.helpers import ui

pytestmark = pytest.mark.browser


def test_start_here_creates_workbook_and_checks_a_file(lab, page):
    ui.open_notebook(page, lab, "notebooks/00_start_here.ipynb")
    ui.run_all_cells(page)
    assert ui.error_outputs(page) == []
    assert ui.unrendered_widgets(page) == []

    panel = page.locator(ui.PANEL)
    check = panel.locator(".iv-checkmywork")
    expect(check).to_contain_text("Not checked yet")  # Run All checked nothing: no red cross
    expect(check).not_to_contain_text("✗")
    panel.get_by_role("button", name="Open my workbook").click()
    expect(panel.locator(".iv-workbookstarter")).to_contain_text("contacts")
    workbook = lab.root / ".." / "workbook"  # $INFOVIEW_WORKBOOK of the `lab` fixture
    assert (workbook / "contacts.csv").stat().st_size > 0

    panel.get_by_placeholder("…or type a path").fill("../data/sample/personal_tracker.xlsx")
    panel.get_by_role("button", name="Check this file").click()
    report = panel.get_by_text("Report for personal_tracker.xlsx")
    report.wait_for()
    report.scroll_into_view_if_needed()
    checker = panel.locator(".iv-filechecker")
    expect(checker).to_contain_text("every row could be used")
    for raw in ("dtype", "True", "False", "NaN", "contact_id"):
        expect(checker).not_to_contain_text(raw)
    ui.screenshot(page, "00_start_here")
    check.get_by_role("button", name="Check my work").click()
    expect(check).to_contain_text("✓")
    expect(check).not_to_contain_text("✗")
