"""00_start_here in a real JupyterLab, in headless Chromium: run all, click, see."""

from __future__ import annotations

import pytest

from tests.helpers import ui

pytestmark = pytest.mark.browser


def test_start_here_creates_workbook_and_checks_a_file(lab, page):
    ui.open_notebook(page, lab, "notebooks/00_start_here.ipynb")
    ui.run_all_cells(page)
    assert ui.error_outputs(page) == []
    assert ui.unrendered_widgets(page) == []

    panel = page.locator(ui.PANEL)
    panel.get_by_role("button", name="Open my workbook").click()
    panel.get_by_text("✓ Workbook").wait_for()
    workbook = lab.root / ".." / "workbook"  # $INFOVIEW_WORKBOOK of the `lab` fixture
    assert (workbook / "contacts.csv").stat().st_size > 0

    panel.get_by_placeholder("…or type a path").fill("../data/sample/personal_tracker.xlsx")
    panel.get_by_role("button", name="Check this file").click()
    report = panel.get_by_text("Report for personal_tracker.xlsx")
    report.wait_for()
    report.scroll_into_view_if_needed()
    ui.screenshot(page, "00_start_here")
