"""The participant view without code: every workbook notebook as a Voila app, light and dark.

`make workshop` serves notebooks/ with Voila. Here each notebook is opened in
Chromium in both themes: its forms render, nothing shows a traceback, and
axe-core (the engine behind most accessibility audits) finds no WCAG 2.1 A/AA
violation: every control has a name a screen reader announces, and every text
has enough contrast in the light and the dark theme.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.helpers import ui
from tools import build_notebooks

pytestmark = pytest.mark.browser

PARTICIPANT_NOTEBOOKS = [n for n in build_notebooks.NOTEBOOKS if not n.startswith("advisor/")]
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture(scope="module")
def workshop(tmp_path_factory):
    """Voila serving notebooks/ as `make workshop` does (themes switchable from the URL)."""
    tmp = tmp_path_factory.mktemp("workshop")
    with ui.voila(
        tmp,
        "notebooks",
        env={"INFOVIEW_WORKBOOK": str(tmp / "workbook")},
        args=("--VoilaConfiguration.allow_theme_override=YES",),
    ) as server:
        yield server


def axe_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options=WCAG_AA)  # the whole page: nothing left out
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + "; ".join(node["target"][0] + " " + node.get("failureSummary", "")[:160]
                    for node in v["nodes"][:4])
        for v in results.response["violations"]
    ]  # fmt: skip


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("notebook", PARTICIPANT_NOTEBOOKS)
def test_voila_view_renders_without_code_and_passes_axe(workshop, browser, notebook, theme):
    ui.ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        page.goto(f"{workshop.url}/voila/render/{notebook}.ipynb?theme={theme}")
        page.locator(".jp-OutputArea-output").first.wait_for()
        page.locator(".iv-view").first.wait_for()
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(1000)
        body = page.locator("body")
        light = "true" if theme == "light" else "false"
        assert body.get_attribute("data-jp-theme-light") == light
        for marker in (*ui.UNRENDERED, "Traceback"):
            expect(body).not_to_contain_text(marker)
        expect(body).not_to_contain_text("from infoview_kit")  # no code on show
        page.screenshot(path=str(ui.ARTIFACTS / f"voila_{notebook}_{theme}.png"))
        views = page.locator(".iv-view")
        if views.count():
            views.first.scroll_into_view_if_needed()
            views.first.screenshot(path=str(ui.ARTIFACTS / f"voila_{notebook}_{theme}_form.png"))
        assert axe_violations(page) == []
    finally:
        context.close()
