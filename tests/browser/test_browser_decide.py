"""08_decide in JupyterLab on the sample workbook: compare, open the notes, rate, reflect, print."""

from __future__ import annotations

import base64
import re

import pytest
from playwright.sync_api import expect

from tests.helpers import ui

pytestmark = pytest.mark.browser


def test_decide_compares_the_sample_options_and_saves_the_reflection(lab, page):
    ui.ARTIFACTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 1280, "height": 1400})
    ui.open_notebook(page, lab, "notebooks/08_decide.ipynb")
    ui.run_all_cells(page)
    assert ui.error_outputs(page) == []
    for marker in ui.UNRENDERED:
        expect(page.locator(ui.PANEL)).not_to_contain_text(marker)

    view = page.locator(f"{ui.PANEL} .iv-decideview")
    expect(view).to_have_count(1)
    matrix = view.locator("table.iv-options")
    expect(matrix).to_contain_text("UX research")
    expect(matrix).to_contain_text("How I felt (1-5)")
    assert matrix.locator("tbody tr").count() >= 3

    # drill down: open the first option's notes
    view.locator("details.iv-evidence > summary").first.click()
    expect(view).to_contain_text("Skills that matter:")
    expect(view).to_contain_text("Who could answer:")

    # rate an option on a criterion of my own: it becomes a column
    view.get_by_label("Option", exact=True).select_option(index=0)
    view.get_by_label("My criterion", exact=True).fill("Near home")
    view.get_by_label("My rating", exact=True).select_option(label="4 of 5")
    view.get_by_role("button", name="Save rating").click()
    expect(view).to_contain_text("rating saved")
    expect(matrix).to_contain_text("Near home")

    view.get_by_label("My reflection", exact=True).fill(
        "UX research first: ask about junior openings before deciding."
    )
    view.get_by_role("button", name="Save reflection").click()
    expect(view).to_contain_text("reflection saved to notes/decision.md")
    saved = (lab.root / ".." / "workbook" / "notes" / "decision.md").resolve()
    assert "ask about junior openings" in saved.read_text(encoding="utf-8")

    link = view.locator("a[download='my_options_summary.html']")
    expect(link).to_have_count(1)
    href = link.get_attribute("href")
    summary = base64.b64decode(href.split("base64,", 1)[1]).decode("utf-8")
    assert "ask about junior openings" in summary
    assert "first name and organisation only" in summary
    assert re.search(r"<h2>The options side by side</h2>", summary)
    view.scroll_into_view_if_needed()
    ui.screenshot(page, "decide_08")

    # the printable page itself, as a browser shows it
    printable = page.context.new_page()
    printable.set_content(summary)
    printable.screenshot(path=str(ui.ARTIFACTS / "decide_08_summary.png"), full_page=True)
    printable.close()
