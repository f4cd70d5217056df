"""The copy box in JupyterLab: an edit is saved, kept on a form change and in a new kernel."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from infoview_kit.workshop import prep
from tests.helpers import ui

pytestmark = pytest.mark.browser

P_S = "P.S. Your talk on rural clinics is why I am writing."


def open_and_run(page, server, notebook: str) -> None:
    ui.open_notebook(page, server, f"notebooks/{notebook}.ipynb")
    ui.run_all_cells(page)
    assert ui.error_outputs(page) == []
    for marker in ui.UNRENDERED:
        expect(page.locator(ui.PANEL)).not_to_contain_text(marker)


def restart_and_run_all(page, view: str) -> None:
    """Kernel → Restart Kernel and Run All Cells…, confirmed; wait for a NEW ``view`` to render."""
    page.locator(f"{ui.PANEL} {view}").evaluate("el => el.setAttribute('data-old', '1')")
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Kernel$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Restart Kernel and Run All")).click()
    page.locator(".jp-Dialog .jp-mod-accept").click()  # "Confirm Kernel Restart"
    page.locator(f"{ui.PANEL} {view}:not([data-old])").wait_for(timeout=120_000)
    prompts = page.locator(f"{ui.PANEL} .jp-CodeCell .jp-InputArea-prompt")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        texts = [t.strip() for t in prompts.all_text_contents()]
        if all(re.fullmatch(r"\[\d+\]:", t) for t in texts):
            return
        page.wait_for_timeout(250)
    raise TimeoutError(f"the notebook did not run again: {prompts.all_text_contents()}")


def test_an_edit_in_the_copy_box_is_saved_kept_and_reopened(tmp_path, browser):
    ui.ARTIFACTS.mkdir(exist_ok=True)
    folder = tmp_path / "workbook"
    page = browser.new_context(viewport={"width": 1280, "height": 1000}).new_page()
    page.set_default_timeout(30_000)
    with ui.jupyter_lab(tmp_path / "lab", env={"INFOVIEW_WORKBOOK": str(folder)}) as server:
        open_and_run(page, server, "03_request")
        request = page.locator(f"{ui.PANEL} .iv-requestview")
        expect(request).to_have_count(1)
        for label, value in {
            "Your full name": "Ada Example",
            "Your e-mail": "ada@example.com",
            "How you are connected": "We both studied at Lakeside College",
            "Where you are now": "a second-year nursing student",
            "What you are exploring": "community health programmes",
            "What you hope to learn": "how you moved from the wards into programme work",
        }.items():
            request.get_by_label(label, exact=True).fill(value)
        box = request.locator(".iv-copy textarea")
        expect(box).to_have_value(re.compile("We both studied at Lakeside College"))
        generated = box.input_value()
        greeting = re.search(r"^(Hi|Dear) [^\n,]+,", generated, re.M).group(0)
        edited = generated.replace(greeting, "Hello there,", 1) + "\n\n" + P_S
        box.fill(edited)

        preview = request.locator(".iv-draft")
        expect(preview).to_contain_text("Hello there,")
        expect(preview).to_contain_text(P_S)
        expect(request.get_by_role("button", name="Reset to generated text")).to_be_visible()
        request.get_by_role("button", name="Save draft").click()
        expect(request).to_contain_text("(your edited text)")
        saved_md = next((folder / "prep").glob("*/request_email.md"))
        saved = prep.parse_draft_document(saved_md.read_text(encoding="utf-8"))
        assert saved["edited"] is True
        assert saved["text"].startswith("Hello there,") and saved["text"].endswith(P_S)
        eml = (saved_md.parent / "request_email.eml").read_text(encoding="utf-8")
        assert "Hello there," in eml and "P.S. Your talk on rural clinics" in eml

        # a form change: the edit stays in the box and in the preview
        request.get_by_label("What you are exploring", exact=True).fill("rural health work")
        expect(request.get_by_text("Your edited version is kept")).to_be_visible()
        expect(box).to_have_value(edited)
        expect(preview).to_contain_text(P_S)
        ui.screenshot(page, "drafts_03_edit_kept")

        # a fresh kernel: the notebook reopens the workbook, and the edit is there
        restart_and_run_all(page, ".iv-requestview")
        request = page.locator(f"{ui.PANEL} .iv-requestview")
        box = request.locator(".iv-copy textarea")
        expect(box).to_have_value(edited)
        expect(request.locator(".iv-draft")).to_contain_text("Hello there,")
        expect(request.get_by_role("button", name="Reset to generated text")).to_be_visible()
        request.get_by_label("Your full name", exact=True).fill("Ada B. Example")
        expect(box).to_have_value(edited)
        request.scroll_into_view_if_needed()
        ui.screenshot(page, "drafts_03_reopened")

        # Reset brings the generated text back (with the form's latest values)
        request.get_by_role("button", name="Reset to generated text").click()
        expect(box).not_to_have_value(re.compile("P.S. Your talk"))
        expect(box).to_have_value(re.compile("Ada B. Example"))
        page.context.close()
