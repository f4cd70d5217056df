"""Every workbook notebook at 1366x768 in JupyterLab: no label, button, option or box cut off.

For each participant notebook: run all cells, then measure in the page every
widget label, button, check-box label and drop-down option, and every text
box holding no more lines than it shows. Anything whose text is wider (or
taller) than its box is reported with its text.
"""

from __future__ import annotations

import json

import pytest

from tests.helpers import ui
from tools import build_notebooks

pytestmark = pytest.mark.browser

PARTICIPANT_NOTEBOOKS = [n for n in build_notebooks.NOTEBOOKS if not n.startswith("advisor/")]

#: Returns [what, text, needed px, available px] for every clipped element in the notebook.
CLIPPED = """
() => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  const out = [];
  const seen = (el) => el.offsetParent !== null && el.clientWidth > 0;
  const sel = '.jupyter-widgets label, .jupyter-widgets button, .jupyter-widgets .widget-label,'
    + ' .jupyter-widgets .widget-label-basic, .jupyter-widgets .widget-readout';
  for (const el of panel.querySelectorAll(sel)) {
    if (!seen(el)) continue;
    const cs = getComputedStyle(el);
    if (el.scrollWidth > el.clientWidth + 1)
      out.push(['too narrow', el.textContent.trim(), el.scrollWidth, el.clientWidth]);
    else if (cs.overflowY !== 'visible' && el.scrollHeight > el.clientHeight + 2)
      out.push(['too low', el.textContent.trim(), el.scrollHeight, el.clientHeight]);
  }
  const ctx = document.createElement('canvas').getContext('2d');
  for (const s of panel.querySelectorAll('.jupyter-widgets select')) {
    if (!seen(s)) continue;
    const cs = getComputedStyle(s);
    ctx.font = cs.font;
    const room = s.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight)
      - (s.multiple ? 0 : 16);
    for (const o of s.options) {
      const need = ctx.measureText(o.text).width;
      if (need > room) out.push(['option cut off', o.text, Math.round(need), Math.round(room)]);
    }
  }
  for (const t of panel.querySelectorAll('.jupyter-widgets textarea')) {
    if (!seen(t)) continue;
    const lines = (t.value || t.placeholder || '').split('\\n').length;
    if (lines <= t.rows && t.scrollHeight > t.clientHeight + 2)
      out.push(['box clips its text', t.value || t.placeholder, t.scrollHeight, t.clientHeight]);
  }
  return out;
}
"""


@pytest.fixture(scope="module")
def lab_1366(tmp_path_factory):
    """Lab with every cell laid out (no windowing), so off-screen outputs can be measured."""
    tmp = tmp_path_factory.mktemp("layout")
    settings = tmp / "home" / "settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    (settings / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}))
    with ui.jupyter_lab(tmp, env={"INFOVIEW_WORKBOOK": str(tmp / "workbook")}) as server:
        yield server


@pytest.mark.parametrize("notebook", PARTICIPANT_NOTEBOOKS)
def test_nothing_is_cut_off_at_1366x768(lab_1366, browser, notebook):
    ui.ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        ui.open_notebook(page, lab_1366, f"notebooks/{notebook}.ipynb")
        ui.run_all_cells(page)
        page.wait_for_timeout(1500)  # widgets finish rendering
        assert ui.unrendered_widgets(page) == []
        clipped = page.evaluate(CLIPPED)
        views = page.locator(f"{ui.PANEL} .iv-view")
        page.set_viewport_size({"width": 1366, "height": 2400})  # room for the tallest form
        for i in range(views.count()):
            views.nth(i).scroll_into_view_if_needed()
            views.nth(i).screenshot(path=str(ui.ARTIFACTS / f"layout_{notebook}_{i}.png"))
        assert clipped == [], "\n".join(f"{w}: {t!r} ({n} px in {a} px)" for w, t, n, a in clipped)
    finally:
        context.close()
