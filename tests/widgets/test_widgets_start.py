"""The 00_start_here widgets, driven in plain pytest (no browser)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from infoview_kit.widgets.start import DATE_ORDER_LABEL, EMPTY, SAMPLE, FileChecker, WorkbookStarter
from infoview_kit.workshop.workspace import check_start

REPO = Path(__file__).resolve().parents[2]


def test_starter_creates_an_empty_workbook_then_reopens_it(tmp_path):
    starter = WorkbookStarter(tmp_path / "wb")
    starter.start.value = EMPTY
    workbook = starter.open_folder()
    assert (tmp_path / "wb" / "contacts.csv").exists()
    assert len(workbook.contacts) == 0
    assert "0 contacts" in starter.status.value
    # Opening again with "sample" chosen must not overwrite what is there.
    starter.start.value = SAMPLE
    assert len(starter.open_folder().contacts) == 0


def test_starter_from_sample_and_check_my_work(tmp_path):
    starter = WorkbookStarter(tmp_path / "wb")
    assert not check_start(starter).passed  # nothing opened yet
    starter.open_folder()
    assert len(starter.workbook.contacts) >= 40
    checks = check_start(starter)
    assert checks.passed, str(checks)


def test_starter_reports_a_folder_that_is_not_a_workbook(tmp_path):
    (tmp_path / "wb").mkdir()
    (tmp_path / "wb" / "holiday.jpg").write_bytes(b"\xff\xd8\xff")
    starter = WorkbookStarter(tmp_path / "wb")
    assert starter.open_folder() is None
    assert "✗" in starter.status.value and "Traceback" not in starter.status.value


def test_file_checker_shows_report_for_a_path():
    checker = FileChecker()
    checker.path.value = str(REPO / "data" / "sample" / "personal_tracker.xlsx")
    log = checker.check()
    assert log is not None and log.report.balanced
    assert "Report for <code>personal_tracker.xlsx</code>" in checker.result.value
    assert "60 rows read" in checker.result.value


def test_file_checker_asks_for_the_date_order_in_words_and_rereads_with_it(tmp_path):
    tracker = tmp_path / "tracker.csv"
    tracker.write_text(
        "Name,Email,Date contacted\nAda Example,ada@example.com,03/04/2025\n"
        "Bo Example,bo@example.com,05/06/2025\n",
        encoding="utf-8",
    )
    checker = FileChecker()
    checker.path.value = str(tracker)
    log = checker.check()
    assert log.events["at"].dt.month.tolist() == [3, 5]  # month/day when nothing proves it
    shown = checker.result.value
    assert "dayfirst" not in shown
    assert f"choose day/month under “{DATE_ORDER_LABEL}” and check again" in shown
    assert checker.dates.description == DATE_ORDER_LABEL
    assert checker.dates.value == "decide from the dates"
    checker.dates.value = "day/month (31/12/2025)"
    log = checker.check()
    assert log.events["at"].dt.month.tolist() == [4, 6]
    assert "ambiguous" not in checker.result.value


def test_file_checker_escapes_error_text_and_needs_input(tmp_path):
    checker = FileChecker()
    assert checker.check() is None and "Choose a file" in checker.result.value
    bad = tmp_path / "<i>notes<i>.txt"
    bad.write_text("just some words\n")
    checker.path.value = str(bad)
    assert checker.check() is None
    assert "<i>notes" not in checker.result.value and "&lt;i&gt;notes" in checker.result.value


def test_file_checker_upload_names_the_users_file(tmp_path):
    checker = FileChecker()
    content = (
        b"Name,Company,Date Contacted\nAda Example,Acme,2025-03-04\nBo Sample,Initech,31/31/2025\n"
    )
    checker.upload.value = (
        {
            "name": "my tracker.csv",
            "type": "text/csv",
            "size": len(content),
            "content": memoryview(content),
            "last_modified": datetime(2025, 1, 1, tzinfo=UTC),
        },
    )
    log = checker.check()
    assert log.report.rows_read == 2
    assert set(log.report.problems["file"]) <= {"my tracker.csv"}


def test_file_checker_adds_the_checked_file_to_the_open_workbook(tmp_path):
    starter = WorkbookStarter(tmp_path / "wb")
    starter.start.value = EMPTY
    checker = FileChecker(starter)
    assert checker.add_button.disabled
    checker.path.value = str(REPO / "data" / "sample" / "personal_tracker.xlsx")
    checker.check()
    assert checker.add_to_workbook() is None and "open your workbook" in checker.added.value
    starter.open_folder()
    report = checker.add_to_workbook()
    assert report.balanced and "✓ Done:</strong> added 60 new people and" in checker.added.value
    assert len(starter.workbook.contacts) == 60 and checker.add_button.disabled
    # The same file again: nothing is added twice, and the message says so (it used to
    # say "0 rows matched people or events already there").
    events = len(starter.workbook.events)
    checker.check()
    checker.add_to_workbook()
    assert (len(starter.workbook.contacts), len(starter.workbook.events)) == (60, events)
    assert f"nothing new: all 60 people and {events} events were already" in checker.added.value


def test_check_my_work_waits_for_the_button_and_says_not_yet_before_anything_is_saved(tmp_path):
    from infoview_kit.io.store import Workbook
    from infoview_kit.messages import builders as compose
    from infoview_kit.widgets.check import CheckMyWork
    from infoview_kit.workshop import prep

    wb = Workbook.create(tmp_path / "wb")
    box = CheckMyWork(wb, "introduction")
    assert "Not checked yet" in box.result.value  # what Run All shows: neutral, no ✗
    assert "✗" not in box.result.value and "✓" not in box.result.value
    assert box.check() is None
    assert "Not yet" in box.result.value and "✗" not in box.result.value
    ada = wb.add_contact(name="Ada Example", connection="alumni")
    draft = compose.introduction(
        full_name="Bo Sample",
        connection="We both studied at Lakeside College",
        background="I study nursing",
        interests="community care",
    )
    prep.save_draft(wb, ada, draft)
    checks = box.check()
    assert checks is not None and "saved for Ada Example" in box.result.value


def test_check_my_work_of_start_needs_the_workbook_open_first(tmp_path):
    from infoview_kit.widgets.check import CheckMyWork

    starter = WorkbookStarter(tmp_path / "wb")
    box = CheckMyWork(starter, "start")
    assert box.check() is None and "Open my workbook" in box.result.value
    assert "✗" not in box.result.value
    starter.open_folder()
    assert box.check() is not None and "✓" in box.result.value


def test_file_checker_names_formulas_saved_without_a_result():
    """A workbook written by a script: the participant sees where, and what to do."""
    from infoview_kit.datasets.awkward import awkward_inputs

    name, content = awkward_inputs()["formulas_xlsx"]
    checker = FileChecker()
    checker.upload.value = (
        {
            "name": name,
            "type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "size": len(content),
            "content": memoryview(content),
            "last_modified": datetime(2025, 1, 1, tzinfo=UTC),
        },
    )
    log = checker.check()
    problems = log.report.problems
    rows = problems[problems["reason"].str.startswith("formula with no saved result")]
    assert rows[["row", "column"]].astype(str).to_numpy().tolist() == [
        ["2", "Name"],
        ["2", "Date contacted"],
        ["2", "Replied?"],
        ["3", "Name"],
    ]
    html = checker.result.value
    assert "Rows worth a look" in html
    assert html.count("formula with no saved result: the cell reads as empty") == 4
    assert "open the file in Excel or LibreOffice and save it, then load it again" in html
