"""Every column a user keeps survives: known spellings are read, the rest kept as extra columns."""

from __future__ import annotations

import pandas as pd
import pytest

from infoview_kit import load_log
from infoview_kit.advisor.privacy import pseudonymise
from infoview_kit.io.export import log_to_csv, log_to_tracker, log_to_xlsx
from infoview_kit.io.headers import canonical_header
from infoview_kit.io.store import Workbook

# A career-centre tracker template, headers exactly as it has them.
TEMPLATE = (
    "Name,Company,Title / Role,How We Connected,Date Contacted,Meeting Date,Meeting Format,"
    "Next Steps / Notes\r\n"
    "Ada Example,Acme,Data analyst,Alumni,2025-03-02,2025-03-10,Zoom,send the article\r\n"
    "Bo Sample,Globex,Engineer,Referred by a friend,2025-04-01,2025-04-08,Coffee,\r\n"
    "Cy Example,Initech,,Cold outreach,2025-04-03,,Phone,ask again in May\r\n"
)


def _load(tmp_path, text: str, name: str = "tracker.csv"):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return load_log(path)


def test_the_template_loads_with_no_column_ignored(tmp_path):
    log = _load(tmp_path, TEMPLATE)
    problems = log.report.problems
    assert problems.empty, problems.to_string()
    contacts = log.contacts.set_index("name")
    assert contacts["role"].fillna("-").tolist() == ["Data analyst", "Engineer", "-"]
    assert contacts["connection"].astype(str).tolist() == ["alumni", "referral", "cold"]
    assert contacts.loc["Ada Example", "notes"] == "send the article"
    meetings = log.events[log.events["kind"] == "meeting_held"]
    assert meetings["channel"].astype(str).tolist() == ["video", "in_person"]
    # Cy's format, with no meeting, stays with the contact.
    assert contacts.loc["Cy Example", "Meeting Format"] == "Phone"


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Title / Role", "role"),
        ("Position", "role"),
        ("How We Connected", "connection"),
        ("Relationship", "connection"),
        ("Meeting Format", "meeting_channel"),
        ("Meeting Type", "meeting_channel"),
        ("Next Steps / Notes", "notes"),
        ("Follow-up Notes", "notes"),
        ("Comments", "notes"),
        ("Key Takeaways", "notes"),
        ("Company / Organization", "organization"),
        ("Date of First Contact", "contacted_on"),
        ("Thank You Note Sent?", "thank_you_on"),
        ("Informational Interview Date", "meeting_on"),
        ("LinkedIn Profile URL", "linkedin_url"),
        ("Action Items", "next_step"),
    ],
)
def test_header_spellings_of_real_templates(header, field):
    assert canonical_header(header) == field


def test_an_unknown_column_is_kept_saved_and_exported(tmp_path):
    text = "Name,Email,Priority,Date Contacted\r\nAda Example,ada@example.com,high,2025-03-02\r\n"
    log = _load(tmp_path, text)
    assert log.contacts["Priority"].tolist() == ["high"]
    assert log.report.problems["reason"].tolist() == [
        "column not recognised; kept as an extra column"
    ]
    assert log.report.extra_contact_columns == ["Priority"]
    assert "Kept 1 extra column: Priority." in log.report.to_text()

    book = Workbook.create(tmp_path / "wb", owner="me")
    book.import_log(log)
    again = Workbook.open(tmp_path / "wb")
    assert again.contacts["Priority"].tolist() == ["high"]
    assert b"Priority" in (tmp_path / "wb" / "contacts.csv").read_bytes()
    # The workbook still takes new entries, and keeps the column.
    bo = again.add_contact(name="Bo Sample")
    again.log_event(bo, "request_sent", at="2025-04-01")
    third = Workbook.open(tmp_path / "wb")
    assert third.contacts["Priority"].fillna("-").tolist() == ["high", "-"]
    assert len(third.events) == 2

    assert log_to_tracker(log)["Priority"].tolist() == ["high"]
    contacts_csv, _ = log_to_csv(log, tmp_path / "out")
    assert "Priority" in contacts_csv.read_text(encoding="utf-8-sig")
    xlsx = log_to_xlsx(log, tmp_path / "out.xlsx")
    assert pd.read_excel(xlsx, sheet_name="contacts")["Priority"].tolist() == ["high"]


def test_events_table_keeps_its_extra_columns_on_events(tmp_path):
    text = (
        "Name,Date,Event,Mood\r\n"
        "Ada Example,2025-03-02,request sent,hopeful\r\n"
        "Ada Example,2025-03-04,reply,glad\r\n"
    )
    log = _load(tmp_path, text)
    assert log.events["Mood"].tolist() == ["hopeful", "glad"]
    assert "Mood" not in log.contacts


def test_report_says_what_was_loaded_in_plain_words(tmp_path):
    text = (
        "Name,Company,Date added\r\nAda Example,Acme,2019-03-14\r\nBo Sample,Globex,2025-08-02\r\n"
    )
    report = _load(tmp_path, text).report
    lines = report.to_text().splitlines()
    assert "2 contacts added between March 2019 and August 2025." in lines
    assert any(line.startswith("No events") for line in lines)
    assert report.to_dict()["first_added"].startswith("2019-03-14")


def test_pseudonymised_logs_drop_the_users_own_columns(tmp_path):
    text = "Name,Email,Private remark\r\nAda Example,ada@example.com,knows my aunt\r\n"
    log = _load(tmp_path, text)
    masked = pseudonymise(log, key="k" * 32)
    assert "Private remark" not in masked.contacts


def test_a_cancelled_or_postponed_meeting_is_not_a_meeting_held(tmp_path):
    text = (
        "Name,Meeting Date,Meeting Format,Status,Notes\r\n"
        "Ada Example,2025-03-10,Zoom,Cancelled,\r\n"
        "Bo Sample,2025-03-11,Phone,,she postponed it to April\r\n"
        "Cy Example,2025-03-12,Coffee,Met,great chat\r\n"
        "Dee Example,2025-03-13,,Declined,\r\n"
    )
    log = _load(tmp_path, text)
    events = log.events.merge(log.contacts[["contact_id", "name"]], on="contact_id")
    kinds = events.groupby("name")["kind"].agg(lambda k: sorted(k.astype(str))).to_dict()
    assert kinds == {
        "Ada Example": ["meeting_cancelled"],
        "Bo Sample": ["meeting_scheduled"],
        "Cy Example": ["meeting_held"],
        "Dee Example": ["declined", "meeting_cancelled"],  # the status adds their answer
    }
    meetings = events[events["kind"].astype(str).str.startswith("meeting")]
    channels = dict(zip(meetings["name"], meetings["channel"].astype(str), strict=True))
    assert (channels["Ada Example"], channels["Cy Example"]) == ("video", "in_person")
    read_that_way = log.report.problems
    read_that_way = read_that_way[read_that_way["reason"].str.contains("did not take place")]
    assert read_that_way["row"].tolist() == [2, 3, 5]
