"""The workbook with the keyboard alone: every control reachable by Tab and named, forms usable.

A keyboard user runs the notebook with Shift+Enter, moves to a cell with the
arrow keys (command mode) and presses Tab to step into its form. Here, after
the notebook has run, no mouse is used at all: keys only.

- In every participant notebook, Tab from each cell reaches every control its
  outputs show (fields, drop-downs, buttons, tick boxes, links, section headers),
  and each has a name a screen reader announces.
- In 03 a request is written, its channel switched, saved and logged; in 05
  checklist items are ticked with Space and the checklist is saved; all typed.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from infoview_kit.io.store import Workbook
from tests.helpers import ui
from tools import build_notebooks

pytestmark = pytest.mark.browser

PARTICIPANT_NOTEBOOKS = [n for n in build_notebooks.NOTEBOOKS if not n.startswith("advisor/")]

#: Marks (data-iv-control) every control a person could use in the notebook's outputs and
#: returns [mark, what, accessible name] for each (a name of blanks or zero-width spaces is
#: no name). Section headers that open on a click
#: count as controls too; of a tab bar only the current tab takes Tab (arrows move on).
CONTROLS = """
(notebook) => {
  const sel = 'input:not([type=hidden]), select, textarea, button, a[href], [tabindex],'
    + ' summary, [role=button], .jupyter-widget-Collapse-header, .lm-TabBar-tab.lm-mod-current';
  const out = [];
  axe.setup(document);
  try {
    for (const area of notebook.querySelectorAll('.jp-OutputArea-output')) {
      for (const el of area.querySelectorAll(sel)) {
        if (!el.checkVisibility() || el.disabled) continue;
        if (el.getAttribute('tabindex') === '-1' && !el.matches('.jupyter-widget-Collapse-header'))
          continue;
        if (!el.dataset.ivControl) el.dataset.ivControl = 'c' + Math.random().toString(36).slice(2);
        const what = el.tagName.toLowerCase() + (el.type ? '[' + el.type + ']' : '');
        const name = axe.commons.text.accessibleText(el).replace(/[\\s\\u200b]+/g, ' ').trim();
        out.push([el.dataset.ivControl, what, name || '(no name) ' + el.outerHTML.slice(0, 120)]);
      }
    }
  } finally { axe.teardown(); }
  return out;
}
"""

#: The mark of the focused control if it lies in an output; "" elsewhere in the notebook;
#: null once focus has left the notebook.
FOCUSED_MARK = """() => {
  const a = document.activeElement;
  if (!a || !a.closest('.jp-NotebookPanel:not(.lm-mod-hidden)')) return null;
  if (!a.closest('.jp-OutputArea-output')) return '';
  return a.dataset.ivControl || ('unmarked ' + a.outerHTML.slice(0, 120));
}"""


@pytest.fixture(scope="module")
def lab_keys(tmp_path_factory):
    """Lab with every cell laid out (no windowing): cells off screen can be tabbed into."""
    with ui.unwindowed_lab(tmp_path_factory.mktemp("keyboard")) as server:
        yield server


@pytest.fixture
def keys_page(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


def open_by_keyboard(page, server, notebook: str) -> int:
    """Open the notebook, run it with the keyboard; returns its number of cells."""
    ui.open_notebook(page, server, f"notebooks/{notebook}.ipynb")
    ui.run_all_by_keyboard(page)
    page.wait_for_timeout(1000)  # widgets finish rendering
    assert ui.error_outputs(page) == []
    assert ui.unrendered_widgets(page) == []
    return page.locator(f"{ui.PANEL} .jp-Cell").count()


def tab_through_notebook(page, *, limit: int) -> list[str]:
    """From the first cell, press Tab until focus leaves the notebook; the controls reached."""
    ui.select_cell(page, 0)
    reached: list[str] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        mark = page.evaluate(FOCUSED_MARK)
        if mark is None:
            return reached
        if mark and mark not in reached:
            reached.append(mark)
    raise AssertionError(f"Tab did not leave the notebook in {limit} presses (a trap?)")


@pytest.mark.parametrize("notebook", PARTICIPANT_NOTEBOOKS)
def test_every_control_is_reached_by_tab_and_has_a_name(lab_keys, keys_page, notebook):
    page = keys_page
    n_cells = open_by_keyboard(page, lab_keys, notebook)
    page.evaluate(ui.axe_script())
    controls = page.locator(f"{ui.PANEL} .jp-Notebook").evaluate(CONTROLS)
    assert controls, "no controls found"
    unnamed = [f"{what} has no name: {name}" for _, what, name in controls
               if name.startswith("(no name)")]  # fmt: skip
    reached = tab_through_notebook(page, limit=4 * len(controls) + 3 * n_cells + 20)
    missed = [f"Tab never reaches {what} {name!r}"
              for mark, what, name in controls if mark not in reached]  # fmt: skip
    strays = [f"Tab stops on {mark}" for mark in reached if mark.startswith("unmarked")]
    assert unnamed + missed + strays == []
    assert page.locator(f"{ui.PANEL} .jp-Cell").count() == n_cells  # no key became a command


def type_into(page, text: str) -> None:
    """Replace the focused field's text by typing (Ctrl+A first selects what is there)."""
    page.keyboard.press("Control+a")
    page.keyboard.type(text)


def cell_of(page, css: str) -> int:
    return page.locator(f"{ui.PANEL} .jp-Cell").evaluate_all(
        "(cells, css) => cells.findIndex(c => c.querySelector(css))", css
    )


def test_a_request_is_written_saved_and_logged_with_the_keyboard_alone(lab_keys, keys_page):
    page = keys_page
    n_cells = open_by_keyboard(page, lab_keys, "03_request")
    request = page.locator(f"{ui.PANEL} .iv-requestview")
    preview = request.locator(".iv-draft")
    ui.select_cell(page, cell_of(page, ".iv-requestview"))

    for label, value in [
        ("Your full name", "Ada Example"),
        ("Your e-mail", "ada@example.com"),
        ("How you are connected", "We both studied at Lakeside College"),
        ("Where you are now", "a second-year nursing student"),
        ("What you are exploring", "community health programmes"),
        ("What you hope to learn", "how you moved from the wards into programme work"),
    ]:
        ui.tab_to(page, label)
        type_into(page, value)
    expect(preview).to_contain_text("We both studied at Lakeside College. I'm Ada Example")

    ui.tab_to(page, "LinkedIn note", key="Shift+Tab")
    page.keyboard.press("Space")
    expect(preview).to_contain_text("of 300 characters")
    ui.tab_to(page, "E-mail", key="Shift+Tab")
    page.keyboard.press("Enter")
    expect(preview).to_contain_text("Subject:")
    expect(preview).not_to_contain_text("✗")

    ui.tab_to(page, "Save draft")
    page.keyboard.press("Enter")
    expect(request).to_contain_text("saved to prep/")

    workbook = lab_keys.root.parent / "workbook"
    before = len(Workbook.open(workbook).events)
    ui.tab_to(page, "Sent on")
    page.keyboard.type("06022025")  # the date field takes month, day, year in en-US
    # Each digit of the year is a new date sent to the kernel; a person reaches the button
    # after them, a script at once (then the click can overtake the last date).
    page.wait_for_timeout(1000)
    ui.tab_to(page, "Log request sent")
    page.keyboard.press("Enter")
    expect(request).to_contain_text("logged “request sent” on 02 June 2025")
    events = Workbook.open(workbook).events
    assert len(events) == before + 1
    assert str(events.iloc[-1]["kind"]) == "request_sent"
    assert page.locator(f"{ui.PANEL} .jp-Cell").count() == n_cells  # no key became a command
    ui.ARTIFACTS.mkdir(exist_ok=True)
    request.screenshot(path=str(ui.ARTIFACTS / "keyboard_03_request.png"))


def test_checklist_items_are_ticked_with_space_and_saved_with_enter(lab_keys, keys_page):
    page = keys_page
    open_by_keyboard(page, lab_keys, "05_meeting")
    meeting = page.locator(f"{ui.PANEL} .iv-meetingview")
    ui.select_cell(page, cell_of(page, ".iv-meetingview"))
    for item in ("Arrive (or join the call)", "Ask whom else you should talk to"):
        ui.tab_to(page, item)
        page.keyboard.press("Space")
        expect(meeting.get_by_label(re.compile(re.escape(item)))).to_be_checked()
    ui.tab_to(page, "Save checklist")
    page.keyboard.press("Enter")
    expect(meeting).to_contain_text("2 of 8 ticked")
