"""LinkedIn archive importer: new and old shapes, Excel re-saves, outreach rules, accounting."""

from __future__ import annotations

import io
import zipfile

import pandas as pd
import pytest

from infoview_kit import load_log
from infoview_kit.errors import InfoviewError, NotALogError, UnreadableFileError
from infoview_kit.io.importers import find_archive_importer, find_importer, read_linkedin
from tests.helpers import importer_fixtures as fx


def _events(log) -> list[tuple[str, str, str]]:
    """(name, kind, time) per event, in time order."""
    names = log.contacts.set_index("contact_id")["name"]
    ev = log.events.sort_values(["at", "kind"], kind="stable")
    return [
        (names[c], str(k), f"{a:%Y-%m-%d %H:%M}")
        for c, k, a in zip(ev["contact_id"], ev["kind"], ev["at"], strict=True)
    ]


def _problems(log, file: str) -> list[tuple[int | None, str, bool]]:
    p = log.report.problems
    p = p[p["file"] == file]
    return sorted(
        ((None if pd.isna(r) else int(r)), reason, bool(kept))
        for r, reason, kept in zip(p["row"], p["reason"], p["kept"], strict=True)
    )


ZIP = "Basic_LinkedInDataExport.zip"
CONN, MSGS, INVS = f"{ZIP}/Connections.csv", f"{ZIP}/messages.csv", f"{ZIP}/Invitations.csv"


@pytest.fixture(scope="module")
def archive():
    return read_linkedin(fx.linkedin_zip(), name=ZIP)


def test_new_archive_outreach_events(archive):
    assert _events(archive) == [
        ("Zoë Ñúñez", "request_sent", "2025-04-30 08:52"),  # invitation with a note
        ("Zoë Ñúñez", "connected", "2025-05-02 00:00"),  # she accepted
        ("Zoë Ñúñez", "reply_received", "2025-05-03 08:00"),  # she wrote first after accepting
        ("Łukasz Przykład", "request_sent", "2025-06-01 10:00"),  # two parts, one request
        ("Kim Lee", "request_sent", "2025-06-06 12:00"),
        ("Ada Example", "request_sent", "2025-06-10 09:00"),
        ("Ada Example", "follow_up_sent", "2025-06-20 09:00"),
        ("Ada Example", "reply_received", "2025-06-21 16:30"),
    ]
    assert set(archive.events["channel"].astype(str)) == {"linkedin"}
    assert archive.owners == ["Sam Rivera"]
    assert archive.events.loc[archive.events["kind"] == "request_sent", "source"].tolist() == [
        f"{INVS}:2",
        f"{MSGS}:6",
        f"{MSGS}:14",
        f"{MSGS}:2",
    ]


def test_connections_become_contacts_and_namesakes_stay_apart(archive):
    c = archive.contacts.set_index("linkedin_url")
    assert len(archive.contacts) == 6
    ada = c.loc["https://www.linkedin.com/in/ada-example"]
    assert (ada["name"], ada["organization"], ada["role"], ada["email"]) == (
        "Ada Example",
        "Acme Analytics",
        "Data Engineer",
        "ada.example@example.com",
    )
    assert ada["added_on"] == pd.Timestamp("2025-06-07")
    assert set(archive.contacts["connection"].astype(str)) == {"other"}
    # the Kim Lee you messaged is not your connection Kim Lee (different profiles)
    kims = archive.contacts[archive.contacts["name"] == "Kim Lee"]
    assert sorted(kims["organization"].fillna("-")) == ["-", "Northwind, Inc."]
    assert kims["contact_id"].nunique() == 2
    # someone met only in messages is added on the day of the first message
    assert c.loc["https://www.linkedin.com/in/kim-lee-two", "added_on"] == pd.Timestamp(
        "2025-06-06"
    )


def test_every_row_is_accounted_for(archive):
    report = archive.report
    assert report.balanced
    files = report.files.set_index("file")
    assert files.loc[
        CONN, ["rows_read", "rows_loaded", "rows_merged", "rows_rejected"]
    ].tolist() == [7, 5, 1, 1]
    assert files.loc[
        MSGS, ["rows_read", "rows_loaded", "rows_merged", "rows_rejected"]
    ].tolist() == [13, 6, 3, 4]
    assert files.loc[
        INVS, ["rows_read", "rows_loaded", "rows_merged", "rows_rejected"]
    ].tolist() == [3, 1, 0, 2]
    assert len(report.rejected) == report.rows_rejected
    assert report.events_by_kind == {
        "request_sent": 4,
        "follow_up_sent": 1,
        "reply_received": 2,
        "connected": 1,
    }


def test_problems_name_row_and_reason(archive):
    assert _problems(archive, CONN) == [
        (8, "no name: LinkedIn hides this member's details in exports", False),
        (9, "duplicate of row 5; merged", True),  # preamble and header rows counted
        (11, "unreadable date", True),
    ]
    assert _problems(archive, MSGS) == [
        (10, "InMail or sponsored message, not your outreach", False),
        (11, "group conversation started by someone else", False),
        (12, "draft, never sent", False),
        (13, "conversation started by the other person", False),
    ]
    assert _problems(archive, INVS) == [
        (3, "invitation without a note (not counted as outreach)", False),
        (4, "invitation you received, not your outreach", False),
    ]
    unreadable = archive.report.problems.query("reason == 'unreadable date'").iloc[0]
    assert (unreadable["column"], unreadable["value"]) == ("Connected On", "someday")


def test_extracted_folder_reads_like_the_zip(tmp_path, archive):
    with zipfile.ZipFile(io.BytesIO(fx.linkedin_zip())) as z:
        z.extractall(tmp_path / "export")
    folder = read_linkedin(tmp_path / "export")
    pd.testing.assert_frame_equal(folder.contacts, archive.contacts)
    prefix = str(tmp_path / "export")
    assert folder.events["source"].str.startswith(prefix + "/").all()
    same = lambda log, old: log.events.assign(source=log.events["source"].str.replace(old, ZIP))  # noqa: E731
    pd.testing.assert_frame_equal(same(folder, prefix), archive.events)
    zipped = tmp_path / "export.zip"
    zipped.write_bytes(fx.linkedin_zip())
    pd.testing.assert_frame_equal(same(read_linkedin(zipped), str(zipped)), archive.events)


def test_old_shape_without_urls_or_conversation_ids():
    log = read_linkedin(fx.linkedin_zip(old=True))
    assert log.owners == ["Sam Rivera"]  # found from the Direction column
    assert _events(log) == [
        ("Bo Sample", "request_sent", "2019-06-07 20:00"),
        ("Bo Sample", "reply_received", "2019-06-09 07:15"),
    ]
    assert log.contacts["linkedin_url"].isna().all()
    assert log.contacts.set_index("name").loc["Bo Sample", "organization"] == "Fabrikam"
    assert log.report.balanced and log.report.rows_read == 4 and log.report.problems.empty


def test_excel_resaved_connections_bom_crlf_day_first():
    data = fx.excel_resaved(
        fx.CONNECTIONS_NEW,
        dates={
            "07 Jun 2025": "07/06/2025",
            "02 May 2025": "02/05/2025",
            "15 Jan 2024": "15/01/2024",
            "21 Mar 2023": "21/03/2023",
            "02 Feb 2019": "02/02/2019",
        },
    )
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    log = read_linkedin(data, owner="Sam Rivera", name="Connections.csv")
    added = log.contacts.set_index("name")["added_on"]
    assert added["Ada Example"] == pd.Timestamp("2025-06-07")  # 15/01 proves day-first
    assert added["Zoë Ñúñez"] == pd.Timestamp("2025-05-02")
    assert _problems(log, "Connections.csv") == [
        (8, "no name: LinkedIn hides this member's details in exports", False),
        (9, "duplicate of row 5; merged", True),
        (11, "unreadable date", True),
    ]


def test_ambiguous_slash_dates_are_read_month_first_and_reported():
    data = fx.excel_resaved(
        fx.CONNECTIONS_OLD, dates={"07 Jun 2019": "6/7/2019", "13 Dec 2018": "1/2/2019"}
    )
    log = read_linkedin(data, name="Connections.csv")
    assert log.contacts.set_index("name").loc["Ada Example", "added_on"] == pd.Timestamp(
        "2019-06-07"
    )
    reasons = log.report.problems["reason"].tolist()
    assert reasons == [
        "ambiguous day/month order: read as month/day (no day above 12 proves otherwise)"
    ]
    assert log.report.problems["kept"].all()


def test_one_file_on_its_own_and_owner_override():
    log = read_linkedin(
        fx.MESSAGES_NEW.encode(), name="messages.csv", owner="student_07", owner_name="Sam Rivera"
    )
    assert log.owners == ["student_07"]
    kinds = log.events["kind"].astype(str).value_counts().to_dict()
    assert kinds == {"request_sent": 3, "follow_up_sent": 1, "reply_received": 1}
    # without Invitations.csv, Zoë's first message answers nothing: not outreach
    assert "Zoë Ñúñez" not in set(log.contacts["name"])
    assert log.report.balanced


def test_owner_found_from_conversations_when_no_invitations():
    log = read_linkedin(fx.MESSAGES_NEW.encode(), name="messages.csv")
    assert log.owners == ["Sam Rivera"]


def test_finders_recognise_linkedin_by_content(tmp_path):
    head = fx.CONNECTIONS_NEW.encode()[:300]
    assert find_importer(tmp_path / "whatever.csv", head) is read_linkedin
    assert (
        find_importer(tmp_path / "x.csv", b"\xef\xbb\xbf" + fx.MESSAGES_NEW.encode()[:200])
        is read_linkedin
    )
    assert find_importer(tmp_path / "x.csv", fx.INVITATIONS.encode()[:200]) is read_linkedin
    assert (
        find_importer(
            tmp_path / "tracker.csv", b"Name,Company,Date contacted\nAda,Acme,2025-06-01\n"
        )
        is None
    )
    assert (
        find_archive_importer(["Connections.csv", "messages.csv", "Invitations.csv"])
        is read_linkedin
    )
    assert find_archive_importer(["export/Connections.csv", "export/Profile.csv"]) is read_linkedin
    assert find_archive_importer(["connections.csv", "student_01.csv"]) is None
    assert find_archive_importer(["student_01.csv", "student_02.xlsx"]) is None


def test_bad_input_gives_one_line_errors_without_personal_data():
    with pytest.raises(NotALogError) as not_linkedin:
        read_linkedin(b"Name,Company\nAda Example,Acme\n", name="list.csv")
    with pytest.raises(UnreadableFileError) as broken_zip:
        read_linkedin(fx.linkedin_zip()[:200], name="cut.zip")
    empty = io.BytesIO()
    with zipfile.ZipFile(empty, "w") as z:
        z.writestr("Profile.csv", "First Name\nSam\n")
    with pytest.raises(NotALogError) as no_core:
        read_linkedin(empty.getvalue(), name="profile-only.zip")
    with pytest.raises(UnreadableFileError):
        read_linkedin("/no/such/export.zip")
    for err in (not_linkedin, broken_zip, no_core):
        message = str(err.value)
        assert isinstance(err.value, InfoviewError) and "\n" not in message
        assert "Ada" not in message and "Sam" not in message


def test_extra_cells_are_reported_and_rows_still_counted():
    text = fx.CONNECTIONS_OLD + "Cy,Extra,,Initech,Clerk,01 Jan 2020,surprise\n"
    log = read_linkedin(text.encode(), name="Connections.csv")
    assert log.report.rows_read == 3 and log.report.rows_loaded == 3
    assert _problems(log, "Connections.csv") == [
        (4, "more cells than headers; the extra cells were ignored", True)
    ]


def test_namesakes_with_different_profiles_stay_two_people(tmp_path):
    rows = (
        "Sam,Other,https://www.linkedin.com/in/sam-1,,,,01 Jan 2024\n"
        "Sam,Other,https://www.linkedin.com/in/sam-2,,,,02 Jan 2024\n"
        "Kim,Lee,https://www.linkedin.com/in/kim-lee-two,kim2@example.com,"
        '"Northwind, Inc.",Engineer,22 Mar 2023\n'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("Connections.csv", fx.CONNECTIONS_NEW + rows)
    (tmp_path / "li.zip").write_bytes(buffer.getvalue())
    for log in (read_linkedin(buffer.getvalue(), name="li.zip"), load_log(tmp_path / "li.zip")):
        people = log.contacts
        assert sorted(people.loc[people["name"] == "Sam Other", "linkedin_url"]) == [
            "https://www.linkedin.com/in/sam-1",
            "https://www.linkedin.com/in/sam-2",
        ]
        kim = people[people["name"] == "Kim Lee"].set_index("linkedin_url")["email"]
        assert pd.isna(kim["https://www.linkedin.com/in/kim-lee-one"])  # no e-mail moved over
    listed = log.report.possible_duplicates
    assert {"Sam Other", "Kim Lee"} <= set(listed["name"])
