"""Every workbook notebook in JupyterLab itself, in Lab's light and dark themes: WCAG 2.1 AA.

The participant switches the theme as anyone would (Settings → Theme), runs all
cells, and axe-core audits what the notebook shows below its cells (the output
areas: forms, tables, checks, charts): text contrast of at least 4.5:1 (3:1 for
large text) in both themes, a name for every control, no broken ARIA. Lab's own
chrome (menus, prompts, the code) is Lab's business and left out.

Each form is also saved as a picture per theme (``artifacts/theme_*.png``).
"""

from __future__ import annotations

import pytest

from tests.helpers import ui
from tools import build_notebooks

pytestmark = pytest.mark.browser

PARTICIPANT_NOTEBOOKS = [n for n in build_notebooks.NOTEBOOKS if not n.startswith("advisor/")]

#: What the notebooks show: every output, not Lab's prompts beside them.
OUTPUTS = [f"{ui.PANEL} .jp-OutputArea-output"]


@pytest.fixture(scope="module")
def lab_themes(tmp_path_factory):
    """Lab with every cell laid out (no windowing), so the whole notebook can be audited."""
    with ui.unwindowed_lab(tmp_path_factory.mktemp("themes")) as server:
        yield server


@pytest.mark.parametrize("notebook", PARTICIPANT_NOTEBOOKS)
@pytest.mark.parametrize("theme", ui.THEMES)
def test_outputs_meet_wcag_aa_in_lab_light_and_dark(lab_themes, browser, theme, notebook):
    ui.ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        ui.open_notebook(page, lab_themes, f"notebooks/{notebook}.ipynb")
        ui.set_theme(page, theme)
        ui.run_all_cells(page)
        page.wait_for_timeout(1500)  # widgets finish rendering
        assert ui.error_outputs(page) == []
        assert ui.unrendered_widgets(page) == []
        body = page.locator("body")
        assert body.get_attribute("data-jp-theme-name") == theme
        ui.show_whole_notebook(page)
        tag = theme.split()[-1].lower()
        views = page.locator(f"{ui.PANEL} .iv-view")
        for i in range(views.count()):
            views.nth(i).screenshot(path=str(ui.ARTIFACTS / f"theme_{notebook}_{tag}_{i}.png"))
        assert ui.axe_violations(page, include=OUTPUTS) == []
    finally:
        context.close()
