"""The preparation notebooks in a real JupyterLab, in headless Chromium: type, click, see, save.

The last test walks one contact through the whole cycle in an EMPTY workbook,
by typing and clicking only, and then reads the workbook folder back with
``load_log``.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from infoview_kit import load_log
from infoview_kit.io.store import Workbook
from tests.helpers import REPO, ui

pytestmark = pytest.mark.browser


def lab_workbook(server) -> Path:
    """The workbook folder of the session ``lab`` fixture ($INFOVIEW_WORKBOOK)."""
    return (server.root / ".." / "workbook").resolve()


def open_and_run(page, server, notebook: str, *, theme: str | None = None) -> None:
    """Open and run ``notebook``; with ``theme``, switch Lab to it first (Settings → Theme)."""
    ui.open_notebook(page, server, f"notebooks/{notebook}.ipynb")
    if theme is not None:
        ui.set_theme(page, theme)
    ui.run_all_cells(page)
    # text_content, not inner_text: cells scrolled out of view count too
    errors = page.locator(
        f"{ui.PANEL} .jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr'],"
        f"{ui.PANEL} .jp-RenderedText[data-mime-type='application/vnd.jupyter.error']"
    ).all_text_contents()
    assert [e for e in errors if e.strip()] == []
    for marker in ui.UNRENDERED:  # waits a little for widgets still loading
        expect(page.locator(ui.PANEL)).not_to_contain_text(marker)


def view(page, name: str):
    """The rendered view (its CSS class is ``iv-<classname>``)."""
    locator = page.locator(f"{ui.PANEL} .iv-{name.lower()}")
    expect(locator).to_have_count(1)
    return locator


def fill(scope, label: str, value: str) -> None:
    scope.get_by_label(label, exact=True).fill(value)


def click(scope, button: str) -> None:
    # not exact: the icon font adds a glyph to the accessible name
    scope.get_by_role("button", name=button).click()


def shot(page, scope, name: str, *, audit: bool = False) -> None:
    """Screenshot one view; the window is made tall enough that Lab's toolbars do not cover it.

    With ``audit``, axe-core also checks the view as shown (WCAG 2.1 AA: contrast in the
    current theme, names of controls): its result lines and saved states appear only here.
    """
    size = page.viewport_size
    height = int(scope.bounding_box()["height"]) + 400
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], height)})
    scope.scroll_into_view_if_needed()
    scope.screenshot(path=str(ui.ARTIFACTS / f"{name}.png"))
    if audit:
        scope.evaluate("e => e.setAttribute('data-iv-audit', '')")
        found = ui.axe_violations(page, include=["[data-iv-audit]"])
        scope.evaluate("e => e.removeAttribute('data-iv-audit')")
        assert found == [], name
    page.set_viewport_size(size)


def check_my_work(page):
    """Press the notebook's Check my work button; returns the box with the result."""
    box = view(page, "CheckMyWork")
    expect(box).to_contain_text("Not checked yet")  # Run All checked nothing
    box.get_by_role("button", name="Check my work").click()
    expect(box).not_to_contain_text("Not checked yet")
    return box


WALK = [f"{n:02d}_{name}" for n, name in enumerate(
    ["start_here", "contacts_and_research", "introduction", "request", "questions", "meeting",
     "follow_up", "reflect", "decide"])]  # fmt: skip


def leave_clean(page, server, notebook: str) -> None:
    """Save the notebook as a participant would; the file must stay exactly as shipped."""
    path = server.root / "notebooks" / f"{notebook}.ipynb"
    ui.save_notebook(page, path)
    assert path.read_bytes() == (REPO / "notebooks" / f"{notebook}.ipynb").read_bytes(), notebook


def newest(folder: Path, pattern: str) -> Path:
    found = sorted(folder.glob(pattern), key=lambda p: p.stat().st_mtime_ns)
    assert found, f"no {pattern} in {folder}"
    return found[-1]


# --------------------------------------------------------------------------- one notebook at a time


def test_introduction_preview_follows_typing_and_save_writes_the_file(lab, page):
    ui.ARTIFACTS.mkdir(exist_ok=True)
    open_and_run(page, lab, "02_introduction")
    intro = view(page, "IntroductionView")
    preview = intro.locator(".iv-draft")
    expect(preview).to_contain_text("✗Fix – background")

    fill(intro, "Your full name", "Zoë Nguyễn-Example")
    fill(intro, "How you are connected", "Lee Park suggested I get in touch")
    fill(intro, "Your background", "I'm finishing a master's in public health")
    fill(intro, "Your interests", "how <b>clinics</b> measure what works")
    expect(preview).to_contain_text(
        "Hi, I'm Zoë Nguyễn-Example. Lee Park suggested I get in touch."
    )
    expect(preview).to_contain_text(
        "how <b>clinics</b> measure"
    )  # shown as typed, not as bold markup
    expect(preview.locator("b")).to_have_count(0)
    expect(preview).not_to_contain_text("✗")
    expect(preview).to_contain_text("✓OK – about 30 seconds")

    click(intro, "Save draft")
    expect(intro).to_contain_text("saved to prep/")
    saved = newest(lab_workbook(lab) / "prep", "*/introduction.md")
    first = saved.read_text(encoding="utf-8")
    assert "Zoë Nguyễn-Example" in first and "how <b>clinics</b> measure" in first

    fill(intro, "Your interests", "community health programmes")
    expect(preview).to_contain_text("community health programmes")
    click(intro, "Save draft")
    expect(intro.get_by_text("saved to prep/")).to_be_visible()
    deadline = time.monotonic() + 10
    while saved.read_text(encoding="utf-8") == first and time.monotonic() < deadline:
        time.sleep(0.1)
    assert "community health programmes" in saved.read_text(encoding="utf-8")
    shot(page, intro, "prep_02_introduction")


def test_request_checks_change_with_the_channel_and_log_writes_the_event(lab, page):
    open_and_run(page, lab, "03_request")
    request = view(page, "RequestView")
    preview = request.locator(".iv-draft")
    fill(request, "Your full name", "Ada Example")
    fill(request, "Your e-mail", "ada@example.com")
    fill(request, "How you are connected", "We both studied at Lakeside College")
    fill(request, "Where you are now", "a second-year nursing student")
    fill(request, "What you are exploring", "community health programmes")
    fill(request, "What you hope to learn", "how you moved from the wards into programme work")
    expect(preview).to_contain_text("We both studied at Lakeside College. I'm Ada Example")
    expect(preview).to_contain_text("Subject:")
    expect(request.get_by_text("Download as an e-mail draft (.eml)")).to_be_visible()

    request.get_by_role("button", name="LinkedIn note").click()
    expect(preview).to_contain_text("of 300 characters")
    expect(request.get_by_text("Download as an e-mail draft (.eml)")).to_have_count(0)
    fill(request, "What you hope to learn", "whether you are hiring")
    request.get_by_role("button", name="E-mail").click()
    expect(preview).to_contain_text("✗Fix – asks for advice, not a job")
    fill(request, "What you hope to learn", "how you moved from the wards into programme work")
    expect(preview).not_to_contain_text("✗")

    click(request, "Save draft")
    expect(request).to_contain_text("saved to prep/")
    folder = newest(lab_workbook(lab) / "prep", "*/request_email.md").parent
    assert "Lakeside College" in (folder / "request_email.md").read_text(encoding="utf-8")
    assert "X-Unsent: 1" in (folder / "request_email.eml").read_text(encoding="utf-8")

    before = len(Workbook.open(lab_workbook(lab)).events)
    fill(request, "Sent on", "2025-06-02")
    click(request, "Log request sent")
    expect(request).to_contain_text("logged “request sent” on 02 June 2025")
    events = Workbook.open(lab_workbook(lab)).events
    assert len(events) == before + 1
    last = events.iloc[-1]
    assert (last["kind"], last["channel"], str(last["at"])) == (
        "request_sent",
        "email",
        "2025-06-02 12:00:00",
    )
    assert Workbook.open(lab_workbook(lab)).prep_folder(last["contact_id"]) == folder
    shot(page, request, "prep_03_request")


def test_thank_you_preview_save_and_log(lab, page):
    open_and_run(page, lab, "06_follow_up")
    thanks = view(page, "ThankYouView")
    preview = thanks.locator(".iv-draft")
    fill(thanks, "Your full name", "Ada Example")
    fill(thanks, "Something you learned", "that budgets drive most programme decisions")
    fill(thanks, "What you did about it", "")
    expect(preview).to_contain_text("✗Fix – action taken")
    fill(thanks, "What you did about it", "read the budget guide you mentioned")
    fill(thanks, "Meeting on", "2025-06-05")
    fill(thanks, "Sent on", "2025-06-06")
    expect(preview).to_contain_text("Thank you for talking with me yesterday.")
    expect(preview).to_contain_text("I've read the budget guide you mentioned.")
    expect(preview).not_to_contain_text("✗")
    fill(thanks, "Sent on", "2025-06-12")
    # late is worth a warning, not a failure: a late thank-you still helps
    expect(preview).to_contain_text("!Consider – within a day: 7 days after the meeting")
    fill(thanks, "Sent on", "2025-06-06")

    click(thanks, "Save draft")
    expect(thanks).to_contain_text("saved to prep/")
    saved = newest(lab_workbook(lab) / "prep", "*/thank_you.md")
    assert "budget guide" in saved.read_text(encoding="utf-8")
    click(thanks, "Log thank-you sent")
    expect(thanks).to_contain_text("logged “thank-you sent” on 06 June 2025")
    workbook = Workbook.open(lab_workbook(lab))
    last = workbook.events.iloc[-1]
    assert last["kind"] == "thank_you_sent"
    assert workbook.prep_folder(last["contact_id"]) == saved.parent
    shot(page, thanks, "prep_06_thank_you")


@pytest.mark.parametrize("notebook", ["01_contacts_and_research", "04_questions", "05_meeting"])
def test_other_preparation_notebooks_run_and_render(lab, page, notebook):
    open_and_run(page, lab, notebook)
    ui.screenshot(page, f"prep_{notebook}")


# ------------------------------------------------------------ the whole cycle, empty workbook


@pytest.mark.slow
@pytest.mark.parametrize("theme", ui.THEMES)
def test_walk_one_contact_through_the_cycle_in_an_empty_workbook(tmp_path, browser, theme):
    """The walk in Lab's light theme, and again in its dark theme (chosen in the first
    notebook from the Settings menu; Lab keeps it for the others and after the restart)."""
    ui.ARTIFACTS.mkdir(exist_ok=True)
    dark = "_dark" if theme.endswith("Dark") else ""
    folder = tmp_path / "empty_workbook"
    env = {"INFOVIEW_WORKBOOK": str(folder)}
    page = browser.new_context(viewport={"width": 1280, "height": 1000}).new_page()
    page.set_default_timeout(30_000)
    with ui.jupyter_lab(tmp_path / "lab", env=env) as server:
        # 00: a new, empty workbook
        open_and_run(page, server, "00_start_here", theme=theme)
        starter = view(page, "WorkbookStarter")
        starter.get_by_role("button", name="Start empty").click()
        click(starter, "Open my workbook")
        expect(starter).to_contain_text("0 contacts, 0 events")
        expect(view(page, "CheckMyWork")).to_contain_text("Not checked yet")
        leave_clean(page, server, "00_start_here")

        # 01: the first contact, and research on them
        open_and_run(page, server, "01_contacts_and_research", theme=theme)
        contacts = view(page, "ContactsView")
        fill(contacts, "Name", "Zoë Nguyễn")
        fill(contacts, "Organisation", "Harbor Health")
        fill(contacts, "Role", "Programme evaluator")
        fill(contacts, "Field", "public health")
        fill(contacts, "E-mail", "zoe.nguyen@example.com")
        contacts.get_by_label("How connected").select_option(label="Alumni")
        click(contacts, "Add contact")
        expect(contacts).to_contain_text("added to your workbook (1 contact)")
        research = view(page, "ResearchView")
        expect(research.get_by_label("Contact", exact=True)).to_contain_text(
            "Zoë Nguyễn — Harbor Health"
        )
        fill(research, "What they work on", "Evaluates the clinic outreach programme")
        fill(research, "Links", "https://example.com/zoe-talk")
        click(research, "Save research")
        expect(research).to_contain_text("saved to prep/")
        shot(page, research, f"walk_01_research{dark}", audit=True)

        # 02: the introduction
        leave_clean(page, server, "01_contacts_and_research")
        open_and_run(page, server, "02_introduction", theme=theme)
        intro = view(page, "IntroductionView")
        fill(intro, "Your full name", "Ada Example")
        fill(intro, "How you are connected", "We both studied public health at Lakeside College")
        fill(intro, "Your background", "I'm finishing a master's in public health")
        fill(intro, "Your interests", "how community programmes measure what works")
        expect(intro.locator(".iv-draft")).not_to_contain_text("✗")
        click(intro, "Save draft")
        expect(intro).to_contain_text("saved to prep/")

        # 03: the request, saved and logged as sent
        leave_clean(page, server, "02_introduction")
        open_and_run(page, server, "03_request", theme=theme)
        request = view(page, "RequestView")
        expect(request.get_by_label("Your full name", exact=True)).to_have_value("Ada Example")
        expect(request.get_by_label("Their name", exact=True)).to_have_value("Zoë Nguyễn")
        fill(request, "Your e-mail", "ada@example.com")
        fill(request, "Where you are now", "a public health student")
        fill(request, "What you hope to learn", "how you got into evaluation work")
        expect(request.locator(".iv-draft")).to_contain_text(
            "We both studied public health at Lakeside College."
        )
        expect(request.locator(".iv-draft")).not_to_contain_text("✗")
        click(request, "Save draft")
        expect(request).to_contain_text("saved to prep/")
        fill(request, "Sent on", "2025-06-02")
        click(request, "Log request sent")
        expect(request).to_contain_text("logged “request sent”")
        shot(page, request, f"walk_03_request{dark}", audit=True)

        # 04: the interview sheet, with a question of our own
        leave_clean(page, server, "03_request")
        open_and_run(page, server, "04_questions", theme=theme)
        questions = view(page, "QuestionsView")
        fill(questions, "Meeting on", "2025-06-05")
        fill(questions, "Your own question", "How did the new funding rules change your work?")
        click(questions, "Add my question")
        expect(questions).to_contain_text("How did the new funding rules change your work?")
        click(questions, "Save sheet")
        expect(questions).to_contain_text("saved to prep/")
        shot(page, questions, f"walk_04_questions{dark}", audit=True)

        # 05: the meeting, with one referral
        leave_clean(page, server, "04_questions")
        open_and_run(page, server, "05_meeting", theme=theme)
        meeting = view(page, "MeetingView")
        for item in (
            "Arrive (or join the call) about five minutes early.",
            "Ask whom else you should talk to, and for more than one name.",
        ):
            meeting.get_by_label(item).check()
        click(meeting, "Save checklist")
        expect(meeting).to_contain_text("2 of 8 ticked")
        fill(meeting, "Meeting on", "2025-06-05")
        fill(meeting, "What I learned", "most evaluators start in data roles")
        fill(meeting, "Their advice", "join the regional evaluators' network")
        fill(
            meeting,
            "Names they gave me",
            "Sam Lee, Northwind Analytics, data lead, sam.lee@example.com",
        )
        expect(meeting).to_contain_text("New contacts (1), referred by this person")
        expect(meeting.get_by_label("Field", exact=True)).to_have_value("public health")
        fill(meeting, "Skills that matter", "Evaluation design: partly\nSQL: yes")
        meeting.get_by_label("How I felt about it", exact=True).select_option(
            label="4 – drawn to it"
        )
        fill(meeting, "Still open", "How do evaluators win their first contract?")
        click(meeting, "Log the meeting")
        expect(meeting).to_contain_text("meeting logged; 1 new contact added")
        shot(page, meeting, f"walk_05_meeting{dark}", audit=True)

        # 06: the thank-you note, saved and logged
        leave_clean(page, server, "05_meeting")
        open_and_run(page, server, "06_follow_up", theme=theme)
        thanks = view(page, "ThankYouView")
        expect(thanks.get_by_label("Something you learned", exact=True)).to_have_value(
            "most evaluators start in data roles"
        )
        fill(thanks, "What you did about it", "joined the regional evaluators' network")
        fill(thanks, "Sent on", "2025-06-06")
        expect(thanks.locator(".iv-draft")).to_contain_text(
            "Thank you for talking with me yesterday."
        )
        expect(thanks.locator(".iv-draft")).not_to_contain_text("✗")
        click(thanks, "Save draft")
        expect(thanks).to_contain_text("saved to prep/")
        click(thanks, "Log thank-you sent")
        expect(thanks).to_contain_text("logged “thank-you sent”")
        shot(page, thanks, f"walk_06_thank_you{dark}", audit=True)
        due = view(page, "DueListView")
        fill(due, "As of", "2025-06-06")
        expect(due).to_contain_text("write to")  # the name given at the meeting
        expect(due).to_contain_text("Sam Lee")
        expect(due.get_by_text("Add this reminder to your calendar (.ics)")).to_be_visible()
        shot(page, due, f"walk_06_due_list{dark}", audit=True)
        check_output = check_my_work(page)
        expect(check_output).to_contain_text("✓OK – thank-you note: saved for Zoë Nguyễn.")
        expect(check_output).not_to_contain_text("✗")
        shot(page, check_output, f"walk_06_check_my_work{dark}", audit=True)

        leave_clean(page, server, "06_follow_up")

        # 07: the reflection, with one request, one meeting, one referral
        open_and_run(page, server, "07_reflect", theme=theme)
        reflect = page.locator(ui.PANEL)
        expect(reflect).to_contain_text("From request to referral")
        expect(reflect.locator("img.iv-chart").first).to_have_attribute(
            "alt", re.compile("Chart: ")
        )
        lessons = reflect.locator("table.iv-table").filter(has_text="Harbor Health")
        expect(lessons).not_to_have_count(0)  # what was learned, field by field
        leave_clean(page, server, "07_reflect")

        # 08: the option explored, with its evidence and the open question
        open_and_run(page, server, "08_decide", theme=theme)
        decide = view(page, "DecideView")
        expect(decide.locator("table.iv-options")).to_contain_text("public health")
        expect(decide).to_contain_text("public health (1 conversation)")
        expect(decide).to_contain_text("How do evaluators win their first contract?")
        shot(page, decide, f"walk_08_decide{dark}", audit=True)
        leave_clean(page, server, "08_decide")
        page.context.close()

    # the next day: the server restarts, every notebook reopens as new, the work is still there
    page = browser.new_context(viewport={"width": 1280, "height": 1000}).new_page()
    page.set_default_timeout(30_000)
    with ui.jupyter_lab(tmp_path / "lab", env=env) as server:
        for notebook in WALK:
            ui.open_notebook(page, server, f"notebooks/{notebook}.ipynb")
            page.wait_for_timeout(500)
            assert page.locator("body").get_attribute("data-jp-theme-name") == theme
            assert ui.unrendered_widgets(page) == [], notebook
            assert page.locator(f"{ui.PANEL} .jp-OutputArea-output").count() == 0, notebook
        open_and_run(page, server, "03_request", theme=theme)
        request = view(page, "RequestView")
        expect(request.get_by_label("Your full name", exact=True)).to_have_value("Ada Example")
        open_and_run(page, server, "06_follow_up", theme=theme)
        expect(check_my_work(page)).to_contain_text("✓OK – thank-you note: saved for Zoë Nguyễn.")
        shot(page, page.locator(ui.PANEL), f"walk_reopened_06{dark}")
        page.context.close()

    log = load_log(folder)
    assert log.report.balanced and log.report.rows_rejected == 0
    contacts = log.contacts.set_index("name")
    zoe, sam = contacts.loc["Zoë Nguyễn"], contacts.loc["Sam Lee"]
    assert zoe["connection"] == "alumni" and zoe["organization"] == "Harbor Health"
    assert sam["connection"] == "referral" and sam["referred_by"] == zoe["contact_id"]
    assert sam["email"] == "sam.lee@example.com"
    events = log.events
    held = events[events["kind"].astype(str) == "meeting_held"].iloc[0]
    assert held["takeaway_skills"] == "Evaluation design: partly; SQL: yes"
    assert held["takeaway_feeling"] == "4"
    assert held["takeaway_open_questions"] == "How do evaluators win their first contract?"
    assert (events["contact_id"] == zoe["contact_id"]).all()
    assert events["kind"].astype(str).tolist() == [
        "request_sent",
        "meeting_held",
        "referral_received",
        "thank_you_sent",
    ]
    assert events["at"].dt.strftime("%Y-%m-%d").tolist() == [
        "2025-06-02",
        "2025-06-05",
        "2025-06-05",
        "2025-06-06",
    ]
    assert events["channel"].astype(str).tolist()[0] == "email"
    prep = folder / "prep" / f"zoe-nguyen-{zoe['contact_id'][2:8]}"  # named after the person
    expected = {
        "research.md",
        "introduction.md",
        "request_email.md",
        "request_email.eml",
        "interview_sheet.md",
        "interview_sheet.html",
        "checklist.md",
        "meeting_2025-06-05.md",
        "thank_you.md",
        "thank_you.eml",
    }
    assert expected <= {p.name for p in prep.iterdir()}
    assert "How did the new funding rules change your work?" in (
        prep / "interview_sheet.md"
    ).read_text(encoding="utf-8")
