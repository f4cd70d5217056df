"""Markup typed into names, notes and labels stays text everywhere it is shown.

Every surface that turns a user's data into HTML (load report, file checker,
workbook starter, preparation views, reflection dashboard, cohort dashboard,
cohort report, interview sheet, message previews) gets names, notes and
labels holding script payloads; the HTML must hold them as escaped text: no
``script``/``svg`` element, no ``on...`` attribute, no ``<img src=x>``, and
the payload readable in the page's text. Charts must draw a label exactly as
typed (a ``$`` is not the start of a formula), and spreadsheet exports must
not hand a spreadsheet a formula. Synthetic people only.
"""

from __future__ import annotations

import csv
import datetime as dt
from html.parser import HTMLParser
from pathlib import Path

import ipywidgets as w
import matplotlib
import openpyxl
import pandas as pd
import pytest

from infoview_kit import plots
from infoview_kit.advisor.privacy import pseudonymise
from infoview_kit.advisor.report import cohort_report_html
from infoview_kit.io.export import log_to_csv, log_to_xlsx
from infoview_kit.io.load import load_log
from infoview_kit.io.store import Workbook
from infoview_kit.messages import builders as compose
from infoview_kit.messages.questions import (
    add_question,
    interview_sheet,
    pick_questions,
    question_bank,
)
from infoview_kit.model import OutreachLog
from infoview_kit.widgets import forms as prep_views
from infoview_kit.widgets.cohort_dashboard import CohortDashboard
from infoview_kit.widgets.reflection import ReflectionDashboard
from infoview_kit.widgets.start import FileChecker, WorkbookStarter
from tests.helpers.injection import (
    IMG,
    PATH_PAYLOADS,
    PAYLOADS,
    RAW,
    SCRIPT,
    SVG,
    payload_cohort,
    seed_workbook,
)

TODAY = "2025-03-31"
KEY = "injection-test-key-0123456789"


# --------------------------------------------------------------------------- checking HTML


class _Markup(HTMLParser):
    """Start tags (with attributes) and the text a browser would show."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.text.append(data)


def shown_text(html: str) -> str:
    parsed = _Markup()
    parsed.feed(html)
    parsed.close()
    return "".join(parsed.text)


def assert_inert(html: str, *, shows: tuple[str, ...] = ()) -> None:
    """No payload became markup; each of ``shows`` is readable as text."""
    for fragment in RAW:
        assert fragment not in html, fragment
    parsed = _Markup()
    parsed.feed(html)
    parsed.close()
    for tag, attrs in parsed.tags:
        assert tag not in ("script", "svg"), (tag, attrs)
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        if tag == "img":
            assert (attrs.get("src") or "").startswith("data:image/"), attrs
    text = "".join(parsed.text)
    for payload in shows:
        assert payload in text, payload


def html_values(widget: w.Widget) -> list[str]:
    """Every HTML string in a widget tree (what the browser renders as markup)."""
    out, stack = [], [widget]
    while stack:
        item = stack.pop()
        if isinstance(item, w.HTML | w.HTMLMath) and item.value:
            out.append(item.value)
        stack.extend(getattr(item, "children", ()))
    return out


def everything_shown(widget: w.Widget) -> str:
    """Text of every value, option and label in a widget tree."""
    parts, stack = [], [widget]
    while stack:
        item = stack.pop()
        for name in ("value", "options", "description", "placeholder", "tooltip"):
            value = getattr(item, name, None)
            if value is not None and not isinstance(value, bytes | memoryview):
                parts.append(str(value))
        stack.extend(getattr(item, "children", ()))
    return "\n".join(parts)


def assert_widget_inert(widget: w.Widget, *, shows: tuple[str, ...] = ()) -> None:
    values = html_values(widget)
    assert values, "the widget shows no HTML at all"
    for value in values:
        assert_inert(value)
    text = "".join(shown_text(v) for v in values)
    for payload in shows:
        assert payload in text, payload


# --------------------------------------------------------------------------- data


@pytest.fixture
def workbook(tmp_path) -> Workbook:
    return seed_workbook(tmp_path / "learner")


def payload_csv(path: Path) -> Path:
    rows = [["Name", "Company", "Email", "Date contacted", "Notes", "Channel"]]
    rows += [
        [IMG, SVG, "ada@example.com", SCRIPT, SVG, IMG],
        [SVG, IMG, "bo@example.com", "2025-03-03", SCRIPT, SCRIPT],
        [SCRIPT, "Acme", "cy@example.com", IMG, IMG, "email"],
    ]
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


# --------------------------------------------------------------------------- load report


def test_load_report_html_shows_payloads_as_text(tmp_path):
    log = load_log(payload_csv(tmp_path / "log.csv"), as_of=TODAY)
    # the payloads in the date column are reported with their value: shown, not run
    assert set(log.report.problems["value"]) >= {SCRIPT, IMG}
    assert_inert(log.report._repr_html_(), shows=(SCRIPT, IMG))


def test_load_report_html_shows_bidi_and_control_characters_escaped(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text(
        "Name,Email,Date contacted\nAda Example,ada@example.com,soon\u202etxt.exe\x1b[2J\n",
        encoding="utf-8",
    )
    html = load_log(path, as_of=TODAY).report._repr_html_()
    assert "\u202e" not in html and "\x1b" not in html
    assert "soon\\u202etxt.exe\\x1b[2J" in html  # visible as escapes, nothing acts


@pytest.mark.parametrize("payload", PATH_PAYLOADS)
def test_file_checker_escapes_the_file_name_and_its_rows(tmp_path, payload):
    path = payload_csv(tmp_path / f"{payload}.csv")
    checker = FileChecker()
    checker.path.value = str(path)
    assert checker.check() is not None
    assert_widget_inert(checker, shows=(f"{payload}.csv", SCRIPT))


def test_file_checker_escapes_an_uploaded_file_name(tmp_path):
    content = payload_csv(tmp_path / "log.csv").read_bytes()
    checker = FileChecker()
    checker.upload.value = (
        {"name": f"{IMG}.csv", "type": "text/csv", "size": len(content),
         "content": memoryview(content), "last_modified": dt.datetime(2025, 3, 1, tzinfo=dt.UTC)},
    )  # fmt: skip
    assert checker.check() is not None
    assert_widget_inert(checker, shows=(f"{IMG}.csv", SCRIPT))


@pytest.mark.parametrize("payload", PATH_PAYLOADS)
def test_file_checker_escapes_the_name_in_an_error(tmp_path, payload):
    checker = FileChecker()
    checker.path.value = str(tmp_path / f"{payload}.csv")  # not there
    assert checker.check() is None
    assert_widget_inert(checker, shows=(payload,))
    (tmp_path / f"{payload}.txt").write_bytes(b"nothing to see\n")  # not a log
    checker.path.value = str(tmp_path / f"{payload}.txt")
    assert checker.check() is None
    assert_widget_inert(checker, shows=(payload,))


@pytest.mark.parametrize("payload", PATH_PAYLOADS)
def test_workbook_starter_escapes_the_folder(tmp_path, payload):
    starter = WorkbookStarter(tmp_path / payload)
    starter.start.value = "Start empty"
    assert starter.open_folder() is not None
    assert_widget_inert(starter, shows=(payload,))
    (tmp_path / f"{payload}.file").write_text("not a folder")
    starter.folder.value = str(tmp_path / f"{payload}.file")
    assert starter.open_folder() is None
    assert_widget_inert(starter, shows=(payload,))


# --------------------------------------------------------------------------- preparation views


def test_contact_and_research_views_keep_markup_as_text(workbook):
    contacts = prep_views.ContactsView(workbook)
    contacts.name.value = SCRIPT
    contacts.organization.value = IMG
    assert contacts.add() is not None
    assert_widget_inert(contacts)
    research = prep_views.ResearchView(workbook)
    research.work_on.value = SCRIPT
    research.articles.value = f"{IMG}\n{SVG}"
    research.notes.value = IMG
    assert research.save() is not None
    research.load(research.picker.value)
    assert_widget_inert(research)


@pytest.mark.parametrize(
    "view",
    ["IntroductionView", "RequestView", "VoicemailView", "ThankYouView", "FollowUpView",
     "StayInTouchView"],
)  # fmt: skip
def test_message_previews_show_payload_contacts_as_text(workbook, view):
    widget = getattr(prep_views, view)(workbook)
    typed = 0
    for name, field in widget.fields.items():
        if isinstance(field, w.Text | w.Textarea) and not isinstance(field, w.Combobox):
            if name != "window":  # a time window must stay a time window to build a draft
                field.value = SCRIPT
                typed += 1
    assert typed >= 2
    widget.refresh()
    assert_widget_inert(widget, shows=(SCRIPT,))


def test_questions_meeting_and_due_views_keep_markup_as_text(workbook):
    questions = prep_views.QuestionsView(workbook)
    questions.own.value = SCRIPT
    assert questions.add_own() is not None
    questions.refresh()
    assert_widget_inert(questions, shows=(SCRIPT,))
    meeting = prep_views.MeetingView(workbook)
    meeting.learned.value = SCRIPT
    meeting.names.value = f"{IMG}, {SVG}"
    meeting.refresh()
    assert_widget_inert(meeting)
    due = prep_views.DueListView(workbook)
    due.today.value = dt.date(2025, 3, 31)
    due.horizon.value = 30
    assert due.due is not None and len(due.due)
    assert_widget_inert(due, shows=(IMG, SVG))


def test_draft_and_checks_html_escape_every_field():
    draft = compose.request_message(
        your_name=SCRIPT, contact_name=IMG, connection=SVG, situation=SCRIPT, interest=IMG,
        hope_to_learn=SVG, referrer=IMG, subject=SCRIPT,
    )  # fmt: skip
    assert_inert(draft.to_html(), shows=(SCRIPT,))
    assert_inert(compose.Checks(draft.checks).to_html())


def test_interview_sheet_html_escapes_names_and_own_questions():
    bank = add_question(question_bank(), SCRIPT)
    own = bank.iloc[-1]["id"]
    plan = pick_questions(bank, minutes=30, must_include=[own])
    sheet = interview_sheet(plan, contact_name=IMG, organization=SVG, meeting_on="2025-06-05",
                            minutes=30, introduction=SCRIPT)  # fmt: skip
    assert_inert(sheet.to_html(), shows=(IMG, SCRIPT))
    page = sheet.to_html_page()
    assert_inert(page, shows=(IMG, SCRIPT))
    assert IMG in shown_text(page.split("<body>")[0])  # the <title> too, as text
    assert_inert(sheet._repr_html_())
    # the Markdown copy escapes too (some renderers pass raw HTML through)
    for fragment in RAW:
        assert fragment not in sheet.to_markdown()


# --------------------------------------------------------------------------- dashboards and report


def test_reflection_dashboard_shows_names_notes_and_labels_as_text(workbook):
    board = ReflectionDashboard(workbook.log(), today=TODAY)
    # lessons (meeting notes, names, organisations) and the due list (names)
    assert_widget_inert(board, shows=(IMG, SVG))
    assert (SCRIPT, SCRIPT) in board.channels.options  # a label kept as typed, as plain text
    board.channels.value = (SCRIPT,)
    assert_widget_inert(board)
    board.reset()
    for index in range(len(board.tabs.children)):
        board.tabs.selected_index = index  # draws every chart with the payload labels
    assert_widget_inert(board)


def test_cohort_dashboard_pseudonymises_payloads_away():
    board = CohortDashboard(payload_cohort(), key=KEY, as_of=TODAY, min_cell=1)
    board.by.value = "field"  # a field typed by fewer than 5 students is shown as "other"
    assert_widget_inert(board)
    board.student.value = board.student.options[-1]
    shown = everything_shown(board)
    assert "@example.com" not in shown
    assert not [payload for payload in PAYLOADS if payload in shown]
    # fields kept (field_min_students=1) are shown as text, never as markup
    kept = pseudonymise(payload_cohort(), key=KEY, field_min_students=1)
    board = CohortDashboard(kept, pseudonymised=True, as_of=TODAY, min_cell=1)
    board.by.value = "field"
    assert_widget_inert(board, shows=PAYLOADS)
    for html in html_values(board):
        assert_inert(html)
    assert "S-" in shown  # students appear as pseudonyms


def test_cohort_dashboard_of_a_named_log_escapes_names():
    board = CohortDashboard(payload_cohort(), pseudonymised=True, as_of=TODAY, min_cell=1)
    board.student.value = board.student.options[-1]
    assert_widget_inert(board, shows=(board.student.value,))
    for by in ("channel", "connection", "field"):
        board.by.value = by
        assert_widget_inert(board)


def test_cohort_report_escapes_every_label(tmp_path):
    log = payload_cohort()
    assert_inert(cohort_report_html(log, as_of=TODAY, min_cell=1), shows=PAYLOADS)
    safe = pseudonymise(log, key=KEY)
    html = cohort_report_html(safe, as_of=TODAY, min_cell=1)
    assert_inert(html)
    assert not [payload for payload in PAYLOADS if payload in html]  # rare fields: "other"
    kept = pseudonymise(log, key=KEY, field_min_students=1)
    html = cohort_report_html(kept, as_of=TODAY, min_cell=1)
    assert_inert(html, shows=PAYLOADS)  # fields kept are shown as text
    assert "@example.com" not in html


def test_cohort_report_of_loaded_files_escapes_file_names_and_problems(tmp_path):
    folder = tmp_path / "cohort"
    folder.mkdir()
    for payload in PATH_PAYLOADS:
        payload_csv(folder / f"{payload}.csv")
    (folder / f"{IMG}.txt").write_bytes(b"\x00\x01binary")  # a bad file, reported by name
    log = load_log(folder, as_of=TODAY)
    html = cohort_report_html(log, as_of=TODAY, min_cell=1)
    assert_inert(html, shows=(f"{IMG}.csv", f"{SVG}.csv"))


# --------------------------------------------------------------------------- charts


DOLLARS = ("pay $50k-$80k", r"odd $\frac$ field", "<b>x</b> & $y$")


def _literal(text: matplotlib.text.Text) -> str:
    """What matplotlib will draw for ``text``: the string, or a marker when it is a formula."""
    shown, is_math = text._preprocess_math(text.get_text())
    return "<<formula>>" if is_math else shown


def _drawn_texts(ax) -> list[str]:
    ax.get_figure().canvas.draw()  # a label matplotlib cannot typeset raises here
    texts = [*ax.get_yticklabels(), *ax.get_xticklabels(), *ax.texts, ax.title]
    legend = ax.get_legend()
    if legend is not None:
        texts += legend.get_texts()
    return [_literal(t) for t in texts]


@pytest.mark.parametrize("label", [*PAYLOADS, *DOLLARS])
def test_chart_labels_are_drawn_as_typed(workbook, label):
    log = workbook.log()
    contacts = log.contacts.assign(field=label, name=label)
    events = log.events.assign(channel=log.events["channel"].astype("str").where(
        log.events["kind"] != "request_sent", label))  # fmt: skip
    log = OutreachLog(contacts, events)
    short = label if len(label) <= 28 else label[:27] + "…"  # long labels are cut, not changed
    for ax in (
        plots.plot_response_rates(log, by="field"),
        plots.plot_response_rates(log, by="channel"),
        plots.plot_time_to_reply(log, by="field"),
    ):
        drawn = _drawn_texts(ax)
        assert any(short in t for t in drawn), drawn
        assert "<<formula>>" not in drawn, drawn
    tree = _drawn_texts(plots.plot_referral_tree(log))
    assert "<<formula>>" not in tree, tree


# --------------------------------------------------------------------------- spreadsheets


FORMULAS = (
    '=HYPERLINK("http://example.com","click")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    "=cmd|' /C calc'!A0",
)


def formula_log() -> OutreachLog:
    n = len(FORMULAS)
    contacts = pd.DataFrame(
        {"owner": "me", "contact_id": [f"c-{i}" for i in range(n)], "name": list(FORMULAS),
         "organization": list(reversed(FORMULAS)), "field": list(FORMULAS),
         "connection": list(FORMULAS), "notes": list(FORMULAS),
         "email": [f"p{i}@example.com" for i in range(n)]}
    )  # fmt: skip
    events = pd.DataFrame(
        {"owner": "me", "contact_id": [f"c-{i}" for i in range(n)],
         "at": pd.Timestamp("2025-03-03"), "kind": "request_sent", "channel": list(FORMULAS),
         "notes": list(FORMULAS), "source": list(FORMULAS)}
    )  # fmt: skip
    return OutreachLog(contacts, events)


def _risky(value: object) -> bool:
    return isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r")


def test_xlsx_export_holds_no_formula(tmp_path):
    path = log_to_xlsx(formula_log(), tmp_path / "log.xlsx")
    book = openpyxl.load_workbook(path)
    seen = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                assert not _risky(cell.value), (sheet.title, cell.coordinate, cell.value)
                seen += isinstance(cell.value, str) and cell.value.startswith("'")
    assert seen >= 5 * len(FORMULAS)  # every risky cell kept, with its quote


def test_csv_export_holds_no_formula(tmp_path):
    for path in log_to_csv(formula_log(), tmp_path):
        with open(path, encoding="utf-8-sig", newline="") as handle:  # keep a bare "\r" as is
            cells = [c for row in csv.reader(handle) for c in row]
        assert not [c for c in cells if _risky(c)], path.name
        assert any(c.startswith("'=HYPERLINK") for c in cells), path.name
