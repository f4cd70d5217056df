"""Cells as people fill them in: e-mail cells, profile cells and totals rows.

Each of these used to lose or invent a person: two rows with "n/a" as e-mail
(or "yes" as LinkedIn profile) merged into one person, and a "Total" row at
the bottom of a tracker became a contact with a reply.
"""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from infoview_kit.io.addresses import PLACEHOLDERS, read_addresses
from infoview_kit.io.load import load_log
from infoview_kit.io.merge import person_groups

AS_OF = "2025-07-01"


def load_csv(tmp_path, text: str, name: str = "tracker.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_log(path, as_of=AS_OF)


def problem_rows(log) -> list[tuple]:
    frame = log.report.problems
    return list(zip(frame["row"], frame["column"], frame["reason"], frame["kept"], strict=True))


# --------------------------------------------------------------------------- e-mail cells


@pytest.mark.parametrize(
    ("cell", "email", "name"),
    [
        ("mailto:ada@example.com", "ada@example.com", None),
        ("MAILTO:Ada@Example.com", "Ada@Example.com", None),
        ("Ada Example <ada@example.com>", "ada@example.com", "Ada Example"),
        ('"Example, Ada" <ada@example.com>', "ada@example.com", "Example, Ada"),
        ("<ada@example.com>", "ada@example.com", None),
        ("ada@example.com (work)", "ada@example.com", "work"),
    ],
)
def test_an_address_written_in_another_form_is_read(cell, email, name):
    (found,) = read_addresses([cell])
    assert (found.email, found.name, found.kind) == (email, name, "form")


def test_plain_addresses_and_missing_cells_are_left_as_they_are():
    values = ["ada@example.com", None, "bo.sample+jobs@example.co.uk", "zoë@exämple.com"]
    assert read_addresses(values) == [None, None, None, None]


@pytest.mark.parametrize("cell", ["n/a", "N/A", "none", "-", "?", "unknown", "TBD", "  ", "x"])
def test_a_word_for_no_address_is_a_placeholder(cell):
    (found,) = read_addresses([cell])
    assert (found.email, found.kind) == (None, "placeholder")


@given(st.lists(st.from_regex(r"[a-z][a-z0-9.]{0,10}@[a-z]{1,8}\.(com|org|net)", fullmatch=True)))
@settings(max_examples=60, deadline=None)
def test_the_one_pass_check_agrees_with_reading_each_cell(addresses):
    # The fast path (every cell a plain address) must never skip a cell that reads otherwise.
    cells = [*addresses, "Ada Example <ada@example.com>"]
    found = read_addresses(cells)
    assert found[:-1] == [None] * len(addresses)
    assert found[-1].email == "ada@example.com"


def test_two_people_with_na_as_email_stay_two_people(tmp_path):
    log = load_csv(
        tmp_path,
        "Name,Email,Company,Date contacted\n"
        "Ada Example,n/a,Acme,2025-03-04\n"
        "Bo Sample,n/a,Globex,2025-03-05\n"
        "Chidi Tester,none,Initech,2025-03-06\n"
        "Dana Mock,-,Initech,2025-03-06\n",
    )
    assert log.report.rows_merged == 0
    assert sorted(log.contacts["name"]) == ["Ada Example", "Bo Sample", "Chidi Tester", "Dana Mock"]
    assert log.contacts["email"].isna().all()
    assert log.contacts["contact_id"].is_unique


def test_email_cells_are_read_and_nothing_they_held_is_lost(tmp_path):
    log = load_csv(
        tmp_path,
        "Name,Email,Date contacted,Notes\n"
        "Ada Example,mailto:ada@example.com,2025-03-04,met at the fair\n"
        ",Bo Sample <bo@example.com>,2025-03-05,\n"
        "Chidi Tester,chidi@example.com; chidi.t@example.com,2025-03-06,\n"
        "Fay Fictive,ask Bo for it,2025-03-06,keen\n",
    )
    people = log.contacts.set_index("name")
    assert people.loc["Ada Example", "email"] == "ada@example.com"
    assert people.loc["Ada Example", "notes"] == "met at the fair"
    assert people.loc["Bo Sample", "email"] == "bo@example.com"  # the name came from the cell
    assert people.loc["Chidi Tester", "email"] == "chidi@example.com"
    assert people.loc["Chidi Tester", "notes"] == "other e-mail: chidi.t@example.com"
    assert pd.isna(people.loc["Fay Fictive", "email"])
    assert people.loc["Fay Fictive", "notes"] == "keen | e-mail: ask Bo for it"
    reasons = {(row, column, reason.split(":")[0], kept) for row, column, reason, kept in
               problem_rows(log)}  # fmt: skip
    assert reasons == {
        (4, "Email", "several e-mail addresses in one cell", True),
        (5, "Email", "not an e-mail address", True),
    }
    assert log.report.balanced


def test_the_same_person_written_two_ways_is_one_person(tmp_path):
    log = load_csv(
        tmp_path,
        "Name,Email,Date contacted\n"
        "Ada Example,ada@example.com,2025-03-04\n"
        "Ada Example,Ada Example <ada@example.com>,2025-03-20\n",
    )
    assert len(log.contacts) == 1
    assert log.report.rows_merged == 1


def test_notes_are_made_for_a_sheet_without_a_notes_column(tmp_path):
    log = load_csv(tmp_path, "Name,Email\nAda Example,see LinkedIn\n")
    assert log.contacts["notes"].tolist() == ["e-mail: see LinkedIn"]


def test_placeholder_words_are_folded_like_cells():
    assert {"na", "none", "unknown", ""} <= PLACEHOLDERS


# --------------------------------------------------------------------------- profiles


def test_words_in_the_profile_column_do_not_make_two_people_one():
    frame = pd.DataFrame(
        {
            "owner": "me",
            "contact_id": ["a", "b", "c", "d", "e", "f"],
            "email": None,
            "linkedin_url": [
                "yes",
                "yes",
                "n/a",
                "n/a",
                "linkedin.com/in/fay",
                "https://www.LinkedIn.com/in/fay/",
            ],
            "name": [
                "Ada Example",
                "Bo Sample",
                "Chidi Tester",
                "Dana Mock",
                "Fay Fictive",
                "Fay F.",
            ],
            "organization": ["Acme", "Globex", "Initech", "Initech", None, None],
        }
    )
    assert person_groups(frame).tolist() == [0, 1, 2, 3, 4, 4]


def test_a_personal_site_in_the_profile_column_still_matches():
    frame = pd.DataFrame(
        {
            "owner": "me",
            "contact_id": ["a", "b"],
            "email": None,
            "linkedin_url": ["https://ada.example.com/about", "https://ada.example.com/about"],
            "name": ["Ada Example", "A. Example"],
            "organization": None,
        }
    )
    assert person_groups(frame).tolist() == [0, 0]


# --------------------------------------------------------------------------- totals rows


@pytest.mark.parametrize("word", ["Total", "TOTALS", "Grand total", "Total: 3", "Sum", "Gesamt"])
def test_a_totals_row_is_rejected_and_reported(tmp_path, word):
    log = load_csv(
        tmp_path,
        "Name,Email,Company,Date contacted,Replied\n"
        "Ada Example,ada@example.com,Acme,2025-03-04,Y\n"
        "Bo Sample,bo@example.com,Globex,2025-03-05,N\n"
        ",,,,\n"
        f'"{word}",2,,,1\n',
    )
    assert sorted(log.contacts["name"]) == ["Ada Example", "Bo Sample"]
    assert (log.events["kind"] == "reply_received").sum() == 1
    assert problem_rows(log) == [(5, "Name", "a totals row, not a person", False)]
    assert log.report.problems["value"].tolist() == [word]
    assert (log.report.rows_read, log.report.rows_rejected) == (3, 1)
    assert log.report.balanced


def test_a_person_with_an_address_is_never_a_totals_row(tmp_path):
    log = load_csv(tmp_path, "Name,Email\nTotal,total@example.com\nTotals Inc. Contact,\n")
    assert len(log.contacts) == 2
    assert log.report.rows_rejected == 0


# --------------------------------------------------------------------------- JSON exports


def test_an_airtable_export_loads_its_fields(tmp_path):
    path = tmp_path / "airtable.json"
    path.write_text(
        '{"records": ['
        '{"id": "rec1", "createdTime": "2025-03-01T10:00:00.000Z", "fields": {"Name": "Ada '
        'Example", "Email": "ada@example.com", "Date contacted": "2025-03-04", "Replied": true}},'
        '{"id": "rec2", "createdTime": "2025-03-02T10:00:00.000Z", "fields": {"Name": "Bo '
        'Sample", "Email": "bo@example.com", "Tags": ["museums", "alumni"]}}]}',
        encoding="utf-8",
    )
    log = load_log(path, as_of=AS_OF)
    assert log.report.problems.empty
    people = log.contacts.set_index("name")
    assert people.loc["Bo Sample", "tags"] == "museums, alumni"
    assert people.loc["Ada Example", "added_on"] == pd.Timestamp("2025-03-01 10:00")
    assert sorted(log.events["kind"].astype(str)) == ["reply_received", "request_sent"]


def test_a_nested_object_gives_columns_named_after_both(tmp_path):
    path = tmp_path / "log.json"
    path.write_text(
        '[{"firstName": "Ada", "lastName": "Example", "emailAddress": "ada@example.com", '
        '"dateContacted": "2025-03-04", "Meeting": {"date": "2025-03-20", "format": "Zoom"}}]',
        encoding="utf-8",
    )
    log = load_log(path, as_of=AS_OF)
    assert log.report.problems.empty
    assert log.contacts["name"].tolist() == ["Ada Example"]
    meeting = log.events[log.events["kind"] == "meeting_held"]
    assert meeting["at"].tolist() == [pd.Timestamp("2025-03-20")]
    assert meeting["channel"].astype(str).tolist() == ["video"]


def test_an_object_holding_two_lists_is_still_refused_with_a_message(tmp_path):
    from infoview_kit.errors import NotALogError

    path = tmp_path / "two.json"
    path.write_text('{"people": [{"Name": "Ada"}], "teams": [{"Name": "Data"}]}', "utf-8")
    with pytest.raises(NotALogError, match="is not an outreach log"):
        load_log(path)


# --------------------------------------------------------------------------- column names again


def test_the_column_names_again_are_not_a_person(tmp_path):
    # Two exports pasted one under the other: the second one's column names (as written,
    # or other spellings of them) used to become a person named "First Name Last Name".
    log = load_csv(
        tmp_path,
        "First Name,Last Name,E-mail,Company,Date contacted,Notes\n"
        "Ada,Example,ada@example.com,Acme,2025-04-01,\n"
        "First Name,Last Name,Email Address,Company,Date contacted,Notes\n"
        "Bo,Sample,bo@example.com,Initech,2025-04-02,\n"
        "First Name,,,,,met at the fair\n",  # one cell only: not enough to tell
    )
    assert log.contacts["name"].tolist() == ["Ada Example", "Bo Sample", "First Name"]
    again = "the column names again (as when two exports are pasted one under the other)"
    [(row, column, reason, kept)] = problem_rows(log)
    assert (row, pd.isna(column), reason, kept) == (3, True, again, False)
    report = log.report
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (4, 3, 1)


def test_the_column_names_again_in_a_workbook_sheet(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in (["Name", "Email", "Replied?", "Priority"],
                ["Ada Example", "ada@example.com", "Y", "high"],
                ["name", "EMAIL", "Replied?", "Priority"],
                ["Bo Sample", "bo@example.com", "N", "low"]):  # fmt: skip
        sheet.append(row)
    book.save(tmp_path / "tracker.xlsx")
    log = load_log(tmp_path / "tracker.xlsx", as_of=AS_OF)
    assert log.contacts["name"].tolist() == ["Ada Example", "Bo Sample"]
    assert log.contacts["Priority"].tolist() == ["high", "low"]
    again = [row for row, _, reason, _ in problem_rows(log) if reason.startswith("the column")]
    assert again == [3] and log.report.rows_rejected == 1


def test_a_band_of_group_titles_above_the_column_names_is_not_the_header(tmp_path):
    # Templates group their columns under titles ("Contact | Outreach") in the row above.
    log = load_csv(
        tmp_path,
        "Contact,,Outreach,\n"
        "Name,Email,Date contacted,Replied\n"
        "Ada Example,ada@example.com,2025-04-01,Y\n",
    )
    assert log.contacts[["name", "email"]].to_numpy().tolist() == [
        ["Ada Example", "ada@example.com"]
    ]
    assert log.events["kind"].astype(str).tolist() == ["request_sent", "reply_received"]
    assert log.report.problems.empty


def test_every_line_about_a_rejected_row_says_it_was_not_kept(tmp_path):
    # Row 3's cells are spreadsheet errors, so the row is rejected; the notes on its cells
    # used to show "kept" beside the line that rejected it.
    log = load_csv(
        tmp_path,
        "Name,Email,Company\nAda Example,ada@example.com,#N/A\n#N/A,#N/A,#REF!\n",
    )
    report = log.report
    assert report.rows_rejected == 1
    assert len(report.rejected) == 1  # one rejecting line per rejected row, as before
    shown = report.problems_as_shown()
    assert shown.groupby("row")["kept"].agg(set).to_dict() == {2: {True}, 3: {False}}
    assert len(report.warnings) == 1  # row 2's #N/A; not the notes on row 3
    assert report.summary_line().endswith("1 rejected; 1 warning.")
    text = report.to_text()
    assert [line.split()[-1] for line in text.splitlines() if " 3 " in line] == ["REJECTED"] * 4
