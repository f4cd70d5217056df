"""Calendar importer: meeting kinds, time zones (VTIMEZONE, Windows, unknown, floating, all-day)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from infoview_kit.errors import InfoviewError, NotALogError, UnreadableFileError
from infoview_kit.io.importers import find_importer, read_ics
from tests.helpers import importer_fixtures as fx


def _events(log) -> list[tuple[str, str, str, str]]:
    emails = log.contacts.set_index("contact_id")["email"]
    ev = log.events.sort_values("at", kind="stable")
    return [
        (emails[c], str(k), f"{a:%Y-%m-%d %H:%M}", str(ch))
        for c, k, a, ch in zip(ev["contact_id"], ev["kind"], ev["at"], ev["channel"], strict=True)
    ]


@pytest.fixture(scope="module")
def google():
    return read_ics(fx.google_ics(), today="2025-07-01", name="sam.rivera@example.com.ics")


def test_google_export_meetings(google):
    assert _events(google) == [
        ("zoe@example.com", "meeting_cancelled", "2025-06-12 09:00", "other"),  # 10:00 BST
        ("dana@example.com", "declined", "2025-06-16 16:00", "phone"),
        # unknown zone: read in the calendar's own zone (08:00 London = 07:00 UTC)
        ("lukasz@example.com", "meeting_held", "2025-06-17 07:00", "other"),
        ("ada.example@example.com", "meeting_held", "2025-06-19 13:00", "video"),  # 14:00 London
        ("kim.lee@example.com", "meeting_held", "2025-06-20 00:00", "other"),  # all-day
        (
            "jamie@example.com",
            "meeting_held",
            "2025-06-23 11:00",
            "other",
        ),  # floating, calendar zone
        (
            "bo.sample@example.com",
            "meeting_scheduled",
            "2025-09-02 09:00",
            "in_person",
        ),  # after today
    ]
    assert google.owners == ["sam.rivera@example.com"]  # the calendar's name
    assert "room2@resource.calendar.google.com" not in set(google.contacts["email"])
    notes = google.events.set_index("source")["notes"]
    assert notes["sam.rivera@example.com.ics:1"] == "Chat with Ada about data engineering"


def test_contacts_from_guests(google):
    names = google.contacts.set_index("email")["name"]
    assert names["kim.lee@example.com"] == "Kim Lee"  # the organiser, not a guest
    assert names["zoe@example.com"] == "Zoë Ñúñez"
    assert len(google.contacts) == 7


def test_unknown_zone_and_left_out_events_reported(google):
    report = google.report
    assert (report.rows_read, report.rows_loaded, report.rows_merged, report.rows_rejected) == (
        9,
        7,
        0,
        2,
    )
    assert report.balanced and len(report.rejected) == 2
    problems = report.problems[["row", "column", "value", "reason", "kept"]]
    assert problems.astype(object).where(problems.notna(), None).to_numpy().tolist() == [
        [
            5,
            "DTSTART",
            "Mars/Olympus_Mons",
            "time zone not used (it is not a known time zone); the time was read in the "
            "calendar's own zone (Europe/London)",
            True,
        ],
        [6, "ATTENDEE", "line 81", "no one else invited: not a meeting with a contact", False],
        [9, "ATTENDEE", "line 107", "more than 8 other people: a group event", False],
    ]


def test_outlook_windows_zone_and_last_first_names():
    log = read_ics(
        fx.OUTLOOK_ICS, owner_address=fx.OWNER_EMAIL, today="2025-07-01", name="invite.ics"
    )
    assert _events(log) == [
        ("ada.example@example.com", "meeting_scheduled", "2025-07-03 13:00", "video")
    ]
    assert log.contacts["name"].tolist() == ["Ada Example"]  # "Example, Ada" as Outlook writes it


def test_owner_found_without_calendar_name_and_today_decides_held(google):
    without_name = fx.google_ics().replace(b"X-WR-CALNAME:sam.rivera@example.com\r\n", b"")
    log = read_ics(without_name, today="2025-06-18", name="cal.ics")
    assert log.owners == ["sam.rivera@example.com"]  # the address in most events
    kinds = dict(zip(log.events["source"], log.events["kind"].astype(str), strict=True))
    assert kinds["cal.ics:1"] == "meeting_scheduled" and kinds["cal.ics:5"] == "meeting_held"


def test_you_declining_cancels_and_repeats_are_reported():
    event = fx._vevent(
        "rep@example.com",
        "DTSTART:20250605T100000Z",
        "RRULE:FREQ=MONTHLY;COUNT=4",
        "SUMMARY:Mentoring",
        "ORGANIZER:mailto:ada.example@example.com",
        guests=((fx.OWNER, fx.OWNER_EMAIL, "DECLINED"),),
    )
    log = read_ics(fx.google_ics([event]), today="2025-07-01", name="cal.ics")
    assert log.events["kind"].astype(str).tolist() == ["meeting_cancelled"]
    assert log.report.warnings["reason"].tolist() == [
        "repeating event: only its first date is used"
    ]


def test_weekly_series_and_group_only_invitations_are_not_interviews():
    weekly = fx._vevent(
        "club@example.com",
        "DTSTART:20250605T100000Z",
        "RRULE:FREQ=WEEKLY;COUNT=10",
        "SUMMARY:Reading club",
        "ORGANIZER:mailto:ada.example@example.com",
        guests=((fx.OWNER, fx.OWNER_EMAIL, "ACCEPTED"),),
    )
    group = fx._vevent(
        "townhall@example.com",
        "DTSTART:20250606T100000Z",
        "SUMMARY:Career fair briefing",
        f"ORGANIZER:mailto:{fx.OWNER_EMAIL}",
        guests=(("Students", "students@lists.example.edu", "NEEDS-ACTION"),),
    )
    log = read_ics(fx.google_ics([weekly, group]), today="2025-07-01", name="cal.ics")
    assert log.events.empty and log.report.rows_rejected == 2
    assert sorted(log.report.rejected["reason"]) == [
        "a series that repeats every day or week: not an information interview",
        "only a group or mailing list invited: not an information interview",
    ]


def test_event_without_start_is_rejected_not_a_crash():
    broken = fx._vevent(
        "b@example.com",
        "DTSTART:20251340T100000Z",
        "SUMMARY:Bad date",
        guests=(
            (fx.OWNER, fx.OWNER_EMAIL, "ACCEPTED"),
            ("Ada", "ada.example@example.com", "ACCEPTED"),
        ),
    )
    log = read_ics(fx.google_ics([broken]), today="2025-07-01", name="cal.ics")
    assert log.report.rejected["reason"].tolist() == ["no readable start time"]
    assert log.report.balanced and log.events.empty


def test_path_input_and_finder(tmp_path):
    path = tmp_path / "calendar.ics"
    path.write_bytes(fx.google_ics())
    log = read_ics(path, today="2025-07-01")
    assert log.report.files["file"].tolist() == [str(path)]
    assert find_importer(Path("export.txt"), fx.google_ics()[:200]) is read_ics
    assert find_importer(Path("x.ics"), b"\xef\xbb\xbf" + fx.OUTLOOK_ICS[:100]) is read_ics


def test_bad_files_give_one_line_errors():
    with pytest.raises(NotALogError) as not_cal:
        read_ics(b"Name,Company\n", name="list.ics")
    with pytest.raises(UnreadableFileError) as broken:
        read_ics(b"BEGIN:VCALENDAR\r\nthis is not : valid\r\n\x00garbage", name="broken.ics")
    for err in (not_cal, broken):
        assert isinstance(err.value, InfoviewError) and "\n" not in str(err.value)


def test_stored_times_are_naive_utc(google):
    assert str(google.events["at"].dtype) == "datetime64[us]"
    assert google.events["at"].notna().all()
    assert google.report.first_event == pd.Timestamp("2025-06-12 09:00")


def _outlook(*events: str, method: str = "PUBLISH") -> bytes:
    head = "BEGIN:VCALENDAR\r\nPRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r\n"
    head += f"VERSION:2.0\r\nMETHOD:{method}\r\n"
    return (head + "".join(events) + "END:VCALENDAR\r\n").encode()


def _event(uid: str, start: str, guest: str) -> str:
    return (
        f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTART;{start}\r\nSUMMARY:Chat\r\n"
        'ORGANIZER;CN="Student, Sam":mailto:sam@example.com\r\n'
        f"ATTENDEE;RSVP=TRUE;{guest}\r\nEND:VEVENT\r\n"
    )


def test_outlook_display_name_zones_without_definitions():
    # Some Outlook versions name the zone as it is shown in the app, with no VTIMEZONE:
    # the time used to be read as UTC (an hour off in Amsterdam).
    cal = _outlook(
        _event("1", 'TZID="(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna":'
               "20250325T140000", "CN=Wei Chen:mailto:wei@example.com"),
        _event("2", "TZID=(UTC-08:00) Pacific Time (US & Canada):20250701T090000",
               "CN=Bo Example:mailto:bo@example.com"),
        _event("3", "TZID=(UTC-03:00) Brasilia:20250702T090000",
               "CN=Ana Example:mailto:ana@example.com"),
    )  # fmt: skip
    log = read_ics(cal, owner_address="sam@example.com", today="2025-12-01", name="outlook.ics")
    assert [when for _, _, when, _ in _events(log)] == [
        "2025-03-25 13:00",  # winter in Amsterdam: UTC+1
        "2025-07-01 16:00",  # summer in California: UTC-7
        "2025-07-02 12:00",  # no place known: the offset written, all year
    ]
    warnings = log.report.warnings
    assert warnings["reason"].tolist() == [
        "time zone read as UTC-03:00 all year (no daylight-saving time known)"
    ]
    assert warnings["value"].tolist() == ["(UTC-03:00) Brasilia"]


def test_a_cancellation_file_cancels_and_an_address_is_not_a_name():
    # An invitation Outlook sends when a meeting is called off: METHOD:CANCEL, no STATUS.
    cal = _outlook(
        _event("1", "TZID=W. Europe Standard Time:20250312T103000",
               "CN=pieter@example.com:mailto:pieter@example.com"),
        method="CANCEL",
    )  # fmt: skip
    log = read_ics(cal, owner_address="sam@example.com", today="2025-12-01", name="cancel.ics")
    assert _events(log) == [
        ("pieter@example.com", "meeting_cancelled", "2025-03-12 09:30", "other")
    ]
    assert log.contacts["name"].isna().all()  # CN holding the address is no name


def test_apple_guests_named_by_id_with_the_address_in_a_parameter():
    # Apple Calendar and iCloud write "urn:uuid:..." or a principal path as the guest
    # and the address as EMAIL=; the meeting used to be left out ("no one else invited").
    cal = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Apple Inc.//macOS 14.5//EN\r\n"
        "BEGIN:VEVENT\r\nUID:apple-1\r\nDTSTART;TZID=Europe/Berlin:20250410T150000\r\n"
        'ATTENDEE;CN="Anna Müller";CUTYPE=INDIVIDUAL;EMAIL="anna@example.com";'
        "PARTSTAT=ACCEPTED:urn:uuid:3f2b1a9c-0000-4000-8000-000000000001\r\n"
        'ATTENDEE;CN="Sam Student";EMAIL="sam@example.com";ROLE=CHAIR:/aMTAx/principal/\r\n'
        'ORGANIZER;CN="Sam Student";EMAIL="sam@example.com":/aMTAx/principal/\r\n'
        "SUMMARY:Kaffee mit Anna\r\nLOCATION:Café Example\\, Berlin\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n"
    ).encode()
    log = read_ics(cal, owner_address="sam@example.com", today="2025-12-01", name="apple.ics")
    assert _events(log) == [("anna@example.com", "meeting_held", "2025-04-10 13:00", "in_person")]
    assert log.contacts["name"].tolist() == ["Anna Müller"]


def test_a_meeting_outlook_marks_canceled_in_its_title_is_cancelled():
    # Outlook leaves a called-off meeting in a guest's calendar as "Canceled: ...",
    # often without STATUS; it used to count as a meeting held.
    cal = _outlook(
        _event("1", "TZID=W. Europe Standard Time:20250312T103000",
               "CN=Pieter:mailto:pieter@example.com").replace(
            "SUMMARY:Chat", "SUMMARY:Canceled: Information interview"),
        _event("2", "TZID=W. Europe Standard Time:20250313T103000",
               "CN=Greta:mailto:greta@example.com").replace(
            "SUMMARY:Chat", "SUMMARY:Abgesagt: Kaffee"),
        _event("3", "TZID=W. Europe Standard Time:20250314T103000",
               "CN=Bo:mailto:bo@example.com").replace(
            "SUMMARY:Chat", "SUMMARY:Why the project was cancelled"),
    )  # fmt: skip
    log = read_ics(cal, owner_address="sam@example.com", today="2025-12-01", name="outlook.ics")
    assert [kind for _, kind, _, _ in _events(log)] == [
        "meeting_cancelled",
        "meeting_cancelled",
        "meeting_held",  # the word elsewhere in a title says nothing
    ]


def test_moved_dates_of_a_weekly_series_are_not_interviews():
    # Google writes a moved or retitled date of a series as its own event (same UID,
    # RECURRENCE-ID); those of a weekly stand-up used to load as meetings held.
    def stand_up(*lines: str) -> str:
        return fx._vevent(
            "weekly1@example.com", *lines, "SUMMARY:Lab stand-up",
            "ORGANIZER:mailto:lead@example.com",
            guests=(fx._ME, ("Kim Lee", "kim@example.com", "ACCEPTED")),
        )  # fmt: skip

    series = stand_up("DTSTART:20250303T150000Z", "RRULE:FREQ=WEEKLY;BYDAY=MO")
    moved = stand_up("DTSTART:20250311T150000Z", "RECURRENCE-ID:20250310T150000Z")
    monthly = fx._vevent(
        "monthly1@example.com", "DTSTART:20250305T150000Z", "RRULE:FREQ=MONTHLY;COUNT=3",
        "SUMMARY:Mentoring", "ORGANIZER:mailto:ada@example.com",
        guests=((fx.OWNER, fx.OWNER_EMAIL, "ACCEPTED"),),
    )  # fmt: skip
    monthly_moved = monthly.replace("DTSTART:20250305T150000Z", "DTSTART:20250409T150000Z")
    monthly_moved = monthly_moved.replace(
        "RRULE:FREQ=MONTHLY;COUNT=3", "RECURRENCE-ID:20250405T150000Z"
    )
    log = read_ics(fx.google_ics([series, moved, monthly, monthly_moved]), today="2025-07-01",
                   name="cal.ics")  # fmt: skip
    assert _events(log) == [
        ("ada@example.com", "meeting_held", "2025-03-05 15:00", "other"),
        ("ada@example.com", "meeting_held", "2025-04-09 15:00", "other"),  # a monthly one is kept
    ]
    rejected = log.report.problems.query("not kept")
    assert rejected["column"].tolist() == ["RRULE", "RECURRENCE-ID"]


def test_exchange_zone_names_with_a_colon_keep_their_event():
    # Exchange writes TZID=tzone://Microsoft/Utc unquoted: its colon ended the parameter
    # and the event was left out as "no readable start time".
    zone = (
        "BEGIN:VTIMEZONE\r\nTZID:tzone://Microsoft/Utc\r\nBEGIN:STANDARD\r\n"
        "DTSTART:16010101T000000\r\nTZOFFSETFROM:+0000\r\nTZOFFSETTO:+0000\r\nEND:STANDARD\r\n"
        "END:VTIMEZONE\r\n"
    )
    cal = _outlook(
        zone,
        _event("1", "TZID=tzone://Microsoft/Utc:20250402T170000",
               "CN=Priya:mailto:priya@example.com"),
    )  # fmt: skip
    log = read_ics(cal, owner_address="sam@example.com", today="2025-12-01", name="ews.ics")
    assert _events(log) == [("priya@example.com", "meeting_held", "2025-04-02 17:00", "other")]
    assert log.report.problems.empty
