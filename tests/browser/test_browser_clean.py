"""Saving in Lab keeps the notebooks as shipped; after a restart they reopen without widget errors.

The server is started as `make lab` starts it (tools/jupyter_server_config.py).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.helpers import REPO, ui

pytestmark = pytest.mark.browser

NOTEBOOK = "notebooks/02_introduction.ipynb"


def test_save_keeps_the_notebook_clean_and_it_reopens_without_widget_errors(tmp_path, browser):
    ui.ARTIFACTS.mkdir(exist_ok=True)
    env = {"INFOVIEW_WORKBOOK": str(tmp_path / "workbook")}
    shipped = (REPO / NOTEBOOK).read_bytes()
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.set_default_timeout(30_000)
    with ui.jupyter_lab(tmp_path / "lab", env=env) as server:
        copy = server.root / NOTEBOOK
        ui.open_notebook(page, server, NOTEBOOK)
        ui.run_all_cells(page)
        intro = page.locator(f"{ui.PANEL} .iv-introductionview")
        intro.get_by_label("Your full name", exact=True).fill("Ada Example")
        intro.get_by_label("Your background", exact=True).fill("I study nursing at ada@example.com")
        intro.get_by_role("button", name="Save draft").click()
        expect(intro).to_contain_text("saved to prep/")
        assert page.locator(f"{ui.PANEL} .jp-OutputArea-output").count() > 0  # outputs on screen
        ui.save_notebook(page, copy)
        # what `git status` would compare: the saved file is byte for byte the shipped one
        assert copy.read_bytes() == shipped
        text = copy.read_text(encoding="utf-8")
        assert "Ada Example" not in text and "widget-state" not in text
    context.close()

    # a restart: new server on the same files, a new browser session (the next day)
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.set_default_timeout(30_000)
    with ui.jupyter_lab(tmp_path / "lab", env=env) as server:
        ui.open_notebook(page, server, NOTEBOOK)
        page.wait_for_timeout(1500)  # time for any saved widget view to try (and fail) to render
        assert ui.unrendered_widgets(page) == []
        assert page.locator(f"{ui.PANEL} .jp-OutputArea-output").count() == 0
        ui.run_all_cells(page)
        intro = page.locator(f"{ui.PANEL} .iv-introductionview")
        # the work came back from the workbook, not from the notebook
        expect(intro.get_by_label("Your full name", exact=True)).to_have_value("Ada Example")
        assert ui.error_outputs(page) == []
        assert ui.unrendered_widgets(page) == []
        ui.screenshot(page, "clean_02_reopened")
        assert (server.root / NOTEBOOK).read_bytes() == shipped
    context.close()
