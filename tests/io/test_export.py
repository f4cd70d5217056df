"""Exports: due list to .ics, safe spreadsheets (formulas neutralised, atomic), tracker layout."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import icalendar
import openpyxl
import pandas as pd
import pytest

from infoview_kit.io.export import (
    TRACKER_COLUMNS,
    due_list_to_ics,
    log_to_csv,
    log_to_tracker,
    log_to_xlsx,
    neutralise_formulas,
)
from infoview_kit.model import OutreachLog

RISKY = ['=HYPERLINK("http://x.example")', "+1-555-0100", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def _log() -> OutreachLog:
    contacts = pd.DataFrame(
        {
            "owner": "me",
            "contact_id": ["c-0000000001", "c-0000000002", "c-0000000003"],
            "name": ["Ada Example", "Zoë Ñúñez", "=cmd|' /C calc'!A0"],
            "organization": ["Acme", "Museo Ejemplo", None],
            "connection": ["alumni", "referral", "cold"],
            "referred_by": [None, "c-0000000001", None],
            "email": ["ada@example.com", "zoe@example.com", None],
            "phone": ["+1 555 0100", None, None],
            "notes": ["likes\x07bells", None, "@mention"],
        }
    )
    events = pd.DataFrame(
        {
            "owner": "me",
            "contact_id": ["c-0000000001"] * 5 + ["c-0000000002"] * 2 + ["c-0000000001"],
            "at": pd.to_datetime(
                [
                    "2025-06-02 09:00",
                    "2025-06-10 09:00",
                    "2025-06-11 14:00",
                    "2025-06-19 13:00",
                    "2025-06-20 08:00",
                    "2025-06-21 10:00",
                    "2025-06-25 10:00",
                    "2025-06-19 13:30",
                ]
            ),
            "kind": [
                "request_sent",
                "follow_up_sent",
                "reply_received",
                "meeting_held",
                "thank_you_sent",
                "request_sent",
                "meeting_scheduled",
                "referral_received",
            ],
            "channel": [
                "email",
                "email",
                "email",
                "video",
                "email",
                "linkedin",
                "in_person",
                "video",
            ],
            "notes": [None, None, None, "-learned a lot", None, None, None, "Zoë Ñúñez"],
            "source": "test",
        }
    )
    return OutreachLog(contacts, events)


def test_neutralise_formulas_prefixes_each_risky_start():
    frame = pd.DataFrame({"text": [*RISKY, "Ada", "a=b", None], "n": range(9)})
    before = frame.copy()
    out = neutralise_formulas(frame)
    assert out["text"].tolist()[:6] == ["'" + v for v in RISKY]
    assert out["text"].tolist()[6:8] == ["Ada", "a=b"] and pd.isna(out["text"].iloc[8])
    assert out["n"].tolist() == list(range(9))
    pd.testing.assert_frame_equal(frame, before)  # input untouched


def test_neutralise_formulas_handles_categories_and_non_text():
    frame = pd.DataFrame(
        {
            "channel": pd.Categorical(["email", "=evil"], categories=["email", "=evil"]),
            "when": pd.to_datetime(["2025-01-01", None]),
            "mixed": pd.Series([-5, "-5"], dtype=object),
        }
    )
    out = neutralise_formulas(frame)
    assert out["channel"].tolist() == ["email", "'=evil"]
    assert out["when"].equals(frame["when"])
    assert out["mixed"].tolist() == [-5, "'-5"]  # the number stays a number


def test_xlsx_round_trip_shows_neutralised_cells(tmp_path):
    path = log_to_xlsx(_log(), tmp_path / "out" / "log.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["contacts", "events"]
    sheet = book["contacts"]
    header = [c.value for c in sheet[1]]
    rows = [
        dict(zip(header, [c.value for c in row], strict=True)) for row in sheet.iter_rows(min_row=2)
    ]
    assert rows[2]["name"] == "'=cmd|' /C calc'!A0"
    assert rows[0]["phone"] == "'+1 555 0100"
    assert rows[2]["notes"] == "'@mention"
    assert rows[0]["notes"] == "likesbells"  # a control character Excel cannot store is dropped
    assert rows[1]["name"] == "Zoë Ñúñez"
    assert all(
        cell.data_type != "f" for row in sheet.iter_rows() for cell in row
    )  # no formulas at all
    events = book["events"]
    ev_header = [c.value for c in events[1]]
    first = dict(zip(ev_header, [c.value for c in events[2]], strict=True))
    assert isinstance(first["at"], datetime)  # a real date cell
    notes = [r[ev_header.index("notes")] for r in events.iter_rows(min_row=2, values_only=True)]
    assert "'-learned a lot" in notes
    assert sorted(p.name for p in path.parent.iterdir()) == ["log.xlsx"]  # no temporary file left


def test_xlsx_write_is_atomic(tmp_path, monkeypatch):
    path = tmp_path / "log.xlsx"
    path.write_bytes(b"previous version")

    def fail(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(pd.DataFrame, "to_excel", fail)
    with pytest.raises(OSError):
        log_to_xlsx(_log(), path)
    assert path.read_bytes() == b"previous version"
    assert [p.name for p in tmp_path.iterdir()] == ["log.xlsx"]


def test_csv_export_is_neutralised_and_readable(tmp_path):
    paths = log_to_csv(_log(), tmp_path)
    assert [p.name for p in paths] == ["contacts.csv", "events.csv"]
    raw = paths[0].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(paths[0], encoding="utf-8-sig", dtype=str)
    assert back["name"].tolist() == ["Ada Example", "Zoë Ñúñez", "'=cmd|' /C calc'!A0"]
    assert back["phone"].iloc[0] == "'+1 555 0100"
    events = pd.read_csv(paths[1], encoding="utf-8-sig", dtype=str)
    assert events["at"].iloc[0] == "2025-06-02 09:00:00"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["contacts.csv", "events.csv"]


def _due() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "owner": ["me", "me", "me"],
            "contact_id": ["c-0000000001", "c-0000000002", "c-0000000003"],
            "name": ["Ada Example", "Zoë Ñúñez", None],
            "action": ["send thank-you", "follow up", "follow up"],
            "due_on": pd.to_datetime(["2025-06-20", "2025-06-30", None]),
            "reason": ["met on 2025-06-19", "no reply for 7 business days", None],
        }
    )


def test_due_list_to_ics_round_trip():
    stamp = datetime(2025, 6, 15, tzinfo=UTC)
    data = due_list_to_ics(_due(), calendar_name="My next steps", stamp=stamp)
    cal = icalendar.Calendar.from_ical(data)
    assert str(cal["X-WR-CALNAME"]) == "My next steps"
    events = cal.walk("VEVENT")
    assert len(events) == 2  # the row without a date is left out
    first = events[0]
    assert first["DTSTART"].dt == datetime(2025, 6, 20).date()  # all-day
    assert first["DTEND"].dt == datetime(2025, 6, 21).date()
    assert str(first["SUMMARY"]) == "Send thank-you: Ada Example"
    assert str(first["DESCRIPTION"]) == "met on 2025-06-19"
    alarms = first.walk("VALARM")
    assert len(alarms) == 1 and alarms[0]["TRIGGER"].dt == timedelta(hours=9)
    assert str(events[1]["SUMMARY"]) == "Follow up: Zoë Ñúñez"


def test_due_list_uids_are_stable_and_distinct():
    one = icalendar.Calendar.from_ical(due_list_to_ics(_due())).walk("VEVENT")
    two = icalendar.Calendar.from_ical(due_list_to_ics(_due().iloc[::-1])).walk("VEVENT")
    uids = sorted(str(e["UID"]) for e in one)
    assert uids == sorted(str(e["UID"]) for e in two)
    assert len(set(uids)) == 2 and all(u.endswith("@infoview-kit") for u in uids)


def test_log_to_tracker_one_row_per_contact():
    table = log_to_tracker(_log())
    assert list(table.columns) == list(TRACKER_COLUMNS)
    rows = table.set_index("Name")
    ada = rows.loc["Ada Example"]
    assert ada["Channel"] == "email"
    assert (
        ada["Date contacted"],
        ada["Followed up"],
        ada["Reply date"],
        ada["Meeting date"],
        ada["Thank-you sent"],
    ) == tuple(
        pd.Timestamp(d)
        for d in ["2025-06-02", "2025-06-10", "2025-06-11", "2025-06-19", "2025-06-20"]
    )
    assert ada["Replied"] == "yes"
    assert ada["Referrals given"] == "Zoë Ñúñez"
    assert ada["Connection"] == "alumni"
    zoe = rows.loc["Zoë Ñúñez"]
    assert zoe["Referred by"] == "Ada Example"
    assert zoe["Replied"] == "yes"  # a meeting is an answer
    assert zoe["Meeting date"] == pd.Timestamp("2025-06-25")  # scheduled, not yet held
    assert zoe["Channel"] == "linkedin"
    other = rows.loc["=cmd|' /C calc'!A0"]
    assert pd.isna(other["Replied"]) and pd.isna(other["Date contacted"])
    assert table["Name"].tolist()[:2] == ["Ada Example", "Zoë Ñúñez"]  # by date contacted


def test_log_to_tracker_adds_owner_for_a_cohort():
    log = _log()
    other = OutreachLog(
        log.contacts.assign(owner="student_02"), log.events.assign(owner="student_02")
    )
    both = OutreachLog(
        pd.concat([log.contacts, other.contacts]), pd.concat([log.events, other.events])
    )
    table = log_to_tracker(both)
    assert table.columns[0] == "Owner"
    assert table.groupby("Owner").size().to_dict() == {"me": 3, "student_02": 3}


def test_log_to_tracker_of_an_empty_log():
    table = log_to_tracker(OutreachLog())
    assert list(table.columns) == list(TRACKER_COLUMNS) and table.empty


def test_tracker_layout_loads_back_through_load_log(tmp_path):
    from infoview_kit import load_log

    original = _log()
    path = tmp_path / "me.csv"
    log_to_tracker(original).to_csv(path, index=False)
    back = load_log(path)
    assert back.report.balanced and back.report.rows_read == 3
    people = back.contacts.set_index("name")
    assert people.loc["Ada Example", "organization"] == "Acme"
    assert str(people.loc["Zoë Ñúñez", "connection"]) == "referral"
    assert people.loc["Zoë Ñúñez", "referred_by"] == people.loc["Ada Example", "contact_id"]
    ada = back.events[back.events["contact_id"] == people.loc["Ada Example", "contact_id"]]
    steps = sorted(zip(ada["kind"].astype(str), ada["at"].dt.strftime("%Y-%m-%d"), strict=True))
    assert steps == [
        ("follow_up_sent", "2025-06-10"),
        ("meeting_held", "2025-06-19"),
        ("referral_received", "2025-06-19"),
        ("reply_received", "2025-06-11"),
        ("request_sent", "2025-06-02"),
        ("thank_you_sent", "2025-06-20"),
    ]
