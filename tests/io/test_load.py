"""load_log: every input accepted, every row accounted for."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import infoview_kit
from infoview_kit import errors
from infoview_kit.datasets.awkward import NOT_LOGS, awkward_inputs, make_tracker, xlsx_bytes
from infoview_kit.io.layouts import DAY_OR_YEAR_REASON
from infoview_kit.io.load import load_log

AS_OF = "2025-07-01"
HEADER = "Name,Company,Email,Channel,Date Contacted,Replied? (Y/N),Meeting Date,Notes"
CATALOGUE = awkward_inputs()


def write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def csv(*lines: str) -> str:
    return "\r\n".join(lines) + "\r\n"


def load(source, **options):
    options.setdefault("as_of", AS_OF)
    return load_log(source, **options)


def problems(log) -> list[tuple]:
    frame = log.report.problems
    return [
        (
            None if pd.isna(r.row) else int(r.row),
            None if pd.isna(r.column) else r.column,
            r.reason,
            bool(r.kept),
        )
        for r in frame.itertuples()
    ]


def counts(log) -> tuple[int, int, int, int]:
    r = log.report
    return r.rows_read, r.rows_loaded, r.rows_merged, r.rows_rejected


def events(log) -> list[tuple]:
    out = []
    for e in log.events.itertuples():
        at = None if pd.isna(e.at) else e.at.strftime("%Y-%m-%d %H:%M")
        out.append((at, e.kind, None if pd.isna(e.channel) else e.channel))
    return out


def assert_balanced(log) -> None:
    report = log.report
    assert report.balanced
    files = report.files
    if len(files):
        assert (
            files["rows_read"]
            == files["rows_loaded"] + files["rows_merged"] + files["rows_rejected"]
        ).all()
        assert files["rows_read"].sum() == report.rows_read
        assert files["rows_merged"].sum() == report.rows_merged
        assert files["rows_rejected"].sum() == report.rows_rejected
    rejected = report.problems[~report.problems["kept"]]
    assert len(rejected[rejected["row"].notna()]) == report.rows_rejected
    merged = report.problems["reason"].str.contains("; merged", regex=False)
    assert int(merged.sum()) == report.rows_merged


# --------------------------------------------------------------------------- the catalogue


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_catalogue_entry_balances_or_raises_the_documented_error(tmp_path, key):
    name, data = CATALOGUE[key]
    path = write(tmp_path, name, data)
    if key in NOT_LOGS:
        error = getattr(errors, NOT_LOGS[key])
        with pytest.raises(error) as caught:
            load(path)
        message = str(caught.value)
        assert "\n" not in message and name in message
        return
    log = load(path)
    assert_balanced(log)
    assert log.report.files["file"].tolist()[0].startswith(str(path))


def test_catalogue_in_one_folder_does_not_stop_at_bad_files(tmp_path):
    for name, data in CATALOGUE.values():
        write(tmp_path, name, data)
    log = load(tmp_path)
    assert_balanced(log)
    status = log.report.files.set_index("file")["status"]
    assert status["notes.txt"] == "not a log"
    assert status["picture.png"] == "unreadable"
    assert status["empty.csv"] == "not a log"
    assert status["header_only.csv"] == "empty"
    assert status["title_rows.xlsx [Notes]"] == "skipped"
    assert status["duplicates.csv"] == "loaded"
    bad = log.report.problems.set_index("file").loc["notes.txt"]
    assert not bad["kept"] and bad["reason"].startswith("notes.txt is not an outreach log")
    assert "duplicates" in log.owners and "title_rows" in log.owners


# --------------------------------------------------------------------------- CSV flavours


def test_duplicates_merge_with_exact_report(tmp_path):
    log = load(write(tmp_path, *CATALOGUE["duplicates"]))
    assert counts(log) == (4, 2, 2, 0)
    assert problems(log) == [
        (3, None, "duplicate of row 2; merged", True),
        (4, None, "duplicate of row 2; merged", True),
    ]
    ada = log.contacts.iloc[0]
    assert (ada["name"], ada["organization"], ada["role"], ada["email"]) == (
        "Ada Example",
        "Acme",
        "Analyst",
        "ada@example.com",
    )
    assert ada["notes"] == "first note | second note"
    assert log.contacts["organization"].tolist() == ["Acme", "Globex"]
    # The repeated request of the merged row is one event, the reply survives.
    assert log.report.events_by_kind == {"request_sent": 2, "reply_received": 1}
    assert set(log.events["contact_id"]) == set(log.contacts["contact_id"])


def test_bom_crlf_and_non_ascii(tmp_path):
    log = load(write(tmp_path, *CATALOGUE["bom"]))
    assert log.contacts["name"].tolist() == ["Zoë Example"]
    log = load(write(tmp_path, *CATALOGUE["non_ascii"]))
    assert log.contacts["name"].tolist() == ["Zoë Ñúñez", "Łukasz Przykład", "김민준 Example"]
    assert log.contacts["organization"].tolist() == ["Café Ñandú", "Żabka Labs", "Hanbit Data"]


def test_windows_1252_as_excel_writes_it(tmp_path):
    log = load(write(tmp_path, *CATALOGUE["cp1252"]))
    row = log.contacts.iloc[0]
    assert (row["name"], row["organization"], row["notes"]) == (
        "René Müller",
        "Café Zürich",
        "“quoted” – dash",
    )


def test_a_late_non_utf8_byte_switches_to_windows_1252(tmp_path):
    rows = [f"Person {i},p{i}@example.com" for i in range(3000)]
    data = (
        "Name,Email\r\n" + "\r\n".join(rows) + "\r\n"
    ).encode() + "Zoë Ä,z@example.com\r\n".encode("cp1252")
    log = load(write(tmp_path, "late.csv", data))
    assert counts(log)[:2] == (3001, 3001)
    assert log.contacts["name"].iloc[-1] == "Zoë Ä"


def test_semicolons_with_commas_inside_cells_and_dotted_dates(tmp_path):
    log = load(write(tmp_path, *CATALOGUE["semicolons"]))
    assert log.contacts["organization"].tolist() == ["Acme, Inc."]
    # "ja" is German for yes: the reply counts
    assert events(log) == [
        ("2025-03-07 00:00", "request_sent", "email"),
        (None, "reply_received", "email"),
    ]
    assert problems(log) == []


def test_tabs_and_utf16(tmp_path):
    log = load(write(tmp_path, *CATALOGUE["tabs"]))
    assert events(log) == [
        ("2025-03-07 00:00", "request_sent", "email"),
        (None, "reply_received", "email"),
    ]
    log = load(write(tmp_path, *CATALOGUE["utf16"]))
    assert log.contacts["name"].tolist() == ["Zoë Example"]


def test_title_and_blank_rows_count_in_row_numbers(tmp_path):
    data = csv(
        "My log,,",
        ",,",
        "Name,Email,Date contacted",
        "Ada Example,ada@example.com,soon",
        ",,",
        "Bo,,later",
    )
    log = load(write(tmp_path, "t.csv", data))
    # Blank row 5 is not read at all; rows 4 and 6 are.
    assert counts(log) == (2, 2, 0, 0)
    assert problems(log) == [
        (4, "Date contacted", "unreadable date", True),
        (6, "Date contacted", "unreadable date", True),
    ]


def test_multiline_cells_keep_row_numbers_as_excel_shows_them(tmp_path):
    data = csv(
        'Name,"Date\ncontacted",Notes',
        'Ada,2025-03-03,"line one\nline two, with comma"',
        "Bo,never,x",
    )
    log = load(write(tmp_path, "m.csv", data))
    assert log.contacts["notes"].tolist() == ["line one\nline two, with comma", "x"]
    assert problems(log) == [(3, "Date\ncontacted", "unreadable date", True)]


def test_ragged_rows_and_columns_without_header(tmp_path):
    log = load(write(tmp_path, *CATALOGUE["ragged_rows"]))
    assert counts(log) == (2, 2, 0, 0)
    assert problems(log) == [
        (1, "(column D)", "column not recognised; kept as an extra column", True)
    ]
    assert events(log) == [("2025-03-03 00:00", "request_sent", None)]


def test_blank_rows_are_not_counted(tmp_path):
    log = load(write(tmp_path, *CATALOGUE["blank_rows"]))
    assert counts(log) == (2, 2, 0, 0)
    assert problems(log) == []


def test_a_row_filled_only_in_its_last_columns_is_counted(tmp_path):
    """Each column looks only at the rows the columns before it left blank: a cell in any
    later column (mapped or not) still counts its row, and only wholly blank rows go."""
    path = tmp_path / "late.csv"
    path.write_text(
        "Name,Email,Date contacted,Notes,Mood\n"
        "Ada Example,ada@example.com,2025-03-03,,\n"
        ",,,,\n"
        ",,,met at the fair,\n"
        ",,2025-03-04,,\n"
        ",,,,calm\n"
        ",,,,\n",
        encoding="utf-8",
    )
    log = load(path)
    files = log.report.files.iloc[0]
    assert (files["rows_read"], files["rows_loaded"], files["rows_rejected"]) == (4, 1, 3)
    rejected = [row for row, _, reason, _ in problems(log) if reason.startswith("no name")]
    assert rejected == [4, 5, 6]


def test_rows_without_a_person_are_rejected(tmp_path):
    log = load(write(tmp_path, *CATALOGUE["no_identity_rows"]))
    assert counts(log) == (2, 1, 0, 1)
    assert problems(log) == [(3, None, "no name, e-mail or contact id", False)]
    assert log.report.files.iloc[0][["rows_read", "rows_loaded", "rows_rejected"]].tolist() == [
        2,
        1,
        1,
    ]


def test_unknown_labels_are_kept_and_reported_once(tmp_path):
    log = load(write(tmp_path, *CATALOGUE["unknown_labels"]))
    assert problems(log) == [
        (1, "Favourite colour", "column not recognised; kept as an extra column", True),
        (2, "Replied? (Y/N)", "not a yes/no value", True),
        (2, "How connected", "unknown connection", True),
        (2, "Channel", "unknown channel", True),
    ]
    assert log.contacts["connection"].tolist() == ["neighbour"]
    assert "neighbour" in log.contacts["connection"].cat.categories
    assert log.events["channel"].tolist() == ["carrier pigeon"]
    assert list(log.events["channel"].cat.categories[-1:]) == ["carrier pigeon"]


def test_yes_and_no_as_people_type_them(tmp_path):
    rows = [
        ("Yes!", "(pending)"),
        ("Sí", "No response."),
        ("yep", "Not yet"),
        ("Replied", "ghosted"),
        ('"Yes, 3/5"', "❌"),
        ("maybe", "nope"),
    ]
    lines = [
        f"{who}{i} Example,{who.lower()}{i}@example.com,2025-06-0{i + 1},{pair[side]}"
        for side, who in enumerate("PQ")
        for i, pair in enumerate(rows)
    ]
    log = load(write(tmp_path, "t.csv", csv("Name,Email,Date contacted,Replied?", *lines)))
    replied = log.events.loc[log.events["kind"] == "reply_received", "contact_id"]
    names = set(log.contacts.set_index("contact_id").loc[replied, "name"])
    assert names == {"P0 Example", "P1 Example", "P2 Example", "P3 Example"}
    # what is neither (a date with words, a maybe) is kept and reported, never guessed
    assert problems(log) == [
        (6, "Replied?", "not a yes/no value", True),
        (7, "Replied?", "not a yes/no value", True),
    ]
    assert log.report.rows_loaded == 12


def test_yes_and_no_in_other_languages(tmp_path):
    said = {
        "Répondu": 1, "beantwortet": 1, "Respondido": 1, "Svarat": 1, "Odpowiedział": 1,
        "Pas de réponse": 0, "Noch nicht": 0, "Sin respuesta": 0, "Nej": 0, "ikke ennå": 0,
        "Tak": -1,  # yes in Polish, thanks in Danish: not guessed
    }  # fmt: skip
    lines = [f"P{i} Example,p{i}@example.com,2025-06-02,{word}" for i, word in enumerate(said)]
    log = load(write(tmp_path, "t.csv", csv("Name,Email,Date contacted,Replied?", *lines)))
    replied = log.events.loc[log.events["kind"] == "reply_received", "contact_id"]
    names = set(log.contacts.set_index("contact_id").loc[replied, "name"])
    assert names == {f"P{i} Example" for i, answer in enumerate(said.values()) if answer == 1}
    assert problems(log) == [(12, "Replied?", "not a yes/no value", True)]


def test_channels_in_other_languages(tmp_path):
    typed = {
        "Téléphone": "phone", "Anruf": "phone", "llamada": "phone", "courriel": "email",
        "Correo": "email", "en persona": "in_person", "en personne": "in_person",
        "persönlich": "in_person", "Visio": "video", "Brief": "Brief",
    }  # fmt: skip
    lines = [f"P{i} Example,p{i}@example.com,2025-06-02,{c}" for i, c in enumerate(typed)]
    log = load(write(tmp_path, "t.csv", csv("Name,Email,Date contacted,Channel", *lines)))
    assert log.events["channel"].astype(str).tolist() == list(typed.values())
    assert problems(log) == [(11, "Channel", "unknown channel", True)]


def test_a_tracker_kept_in_other_languages(tmp_path):
    log = load(write(tmp_path, *CATALOGUE["words_abroad"]))
    # Ada "Oui" replied (no date: the reply keeps the request's channel), Bo "Nein", Cy
    # "Sin respuesta" and Di "Pas encore" did not; Di's "März 2025" is the 1st, reported.
    assert events(log) == [
        ("2025-03-04 00:00", "request_sent", "phone"),
        (None, "reply_received", "phone"),
        ("2025-03-18 00:00", "meeting_held", None),
        ("2025-03-03 00:00", "request_sent", "phone"),
        ("2025-03-04 00:00", "request_sent", "email"),
        ("2025-03-01 00:00", "request_sent", "in_person"),
    ]
    assert problems(log) == [(5, "Date Contacted", "no day written: read as 1 March 2025", True)]


def test_channels_as_people_type_them(tmp_path):
    typed = {
        "cold email": "email",
        "LinkedIn DM": "linkedin",
        "called": "phone",
        "Teams call": "video",
        "text message": "other",
        "Email + LinkedIn": "Email + LinkedIn",  # two channels: kept as written, reported
        "lunch with her whole team": "lunch with her whole team",  # a note, not a label
    }
    lines = [
        f"P{i} Example,p{i}@example.com,2025-06-02,{channel}" for i, channel in enumerate(typed)
    ]
    log = load(write(tmp_path, "t.csv", csv("Name,Email,Date contacted,Channel", *lines)))
    assert log.events["channel"].astype(str).tolist() == list(typed.values())
    assert problems(log) == [
        (7, "Channel", "unknown channel", True),
        (8, "Channel", "unknown channel", True),
    ]


def test_dates_without_a_year_are_read_and_reported(tmp_path):
    data = csv("Name,Email,Date contacted", "Ada Example,ada@example.com,Mar 3", "Bo,,12/20")
    log = load(write(tmp_path, "t.csv", data))
    assert log.events["at"].dt.strftime("%Y-%m-%d").tolist() == ["2025-03-03", "2024-12-20"]
    assert problems(log) == [
        (2, "Date contacted", "no year written: read as 3 March 2025", True),
        (3, "Date contacted", "no year written: read as 20 December 2024", True),
    ]


def test_a_month_and_a_year_is_read_as_the_first_and_reported(tmp_path):
    data = csv(
        "Name,Email,Date contacted,Meeting date",
        "Ada Example,ada@example.com,March 2025,4 avril 2025",
        "Bo Example,bo@example.com,03/2025,2025-04",
        "Cy Example,cy@example.com,Mar-25,3. April 2025",
    )
    log = load(write(tmp_path, "t.csv", data))
    got = log.events[["kind", "at"]].itertuples(index=False)
    assert sorted((str(k), f"{t:%Y-%m-%d}") for k, t in got) == [
        ("meeting_held", "2025-04-01"),
        ("meeting_held", "2025-04-03"),
        ("meeting_held", "2025-04-04"),
        ("request_sent", "2025-03-01"),
        ("request_sent", "2025-03-01"),
    ]
    assert problems(log) == [
        (2, "Date contacted", "no day written: read as 1 March 2025", True),
        (3, "Date contacted", "no day written: read as 1 March 2025", True),
        (3, "Meeting date", "no day written: read as 1 April 2025", True),
        (4, "Date contacted", DAY_OR_YEAR_REASON, True),
    ]


def test_formula_like_text_is_kept_verbatim(tmp_path):
    log = load(write(tmp_path, *CATALOGUE["formula_like"]))
    assert log.contacts["name"].tolist() == ['=HYPERLINK("x")', "@Ada Example"]
    assert log.contacts["organization"].tolist() == ["Acme", "-Acme"]
    assert log.contacts["notes"].tolist() == ["+1 555 0100", "-dash first"]


def test_exported_quotes_are_undone_in_a_big_file_and_kept_elsewhere(tmp_path):
    # The file is searched for quoted formulas as it is read, a megabyte at a time: a quote
    # on one side of that boundary and the formula on the other still counts.
    from infoview_kit.io.sheets import HEAD_BYTES

    head = "Name,Email,Notes\n"
    filler = "Ada Example,ada@example.com,plain note\n"
    lead = "Bo ,bo@example.com,"
    rows, pad = divmod(HEAD_BYTES - 1 - len(head) - len(lead), len(filler))
    text = head + filler * rows + f"Bo {'x' * pad},bo@example.com,'=SUM(1)\n"
    assert text.index("'=") == HEAD_BYTES - 1
    path = tmp_path / "big.csv"
    path.write_text(text, encoding="utf-8")
    notes = load_log(path, as_of="2026-01-01").contacts.set_index("email")["notes"]
    assert notes["bo@example.com"] == "=SUM(1)"
    path.write_text(head + "Cy Sample,cy@example.com,''quoted\n", encoding="utf-8")
    assert load_log(path).contacts["notes"].tolist() == ["'quoted"]
    # Without any quoted formula in the file, a leading quote is text like any other.
    path.write_text(head + "Di Sample,di@example.com,'tis the season\n", encoding="utf-8")
    assert load_log(path).contacts["notes"].tolist() == ["'tis the season"]


# --------------------------------------------------------------------------- dates


def test_excel_serials_and_month_names(tmp_path):
    log = load(write(tmp_path, *CATALOGUE["excel_serials"]))
    assert events(log) == [
        ("2025-03-03 00:00", "request_sent", "email"),
        (None, "reply_received", "email"),
        ("2025-03-14 00:00", "meeting_held", None),
    ]
    log = load(write(tmp_path, *CATALOGUE["excel_month_names"]))
    assert log.events["at"].dropna().dt.strftime("%Y-%m-%d").tolist() == [
        "2025-06-07",
        "2025-06-20",
        "2025-06-07",
    ]


def test_day_first_is_proved_by_any_date_column(tmp_path):
    log = load(write(tmp_path, *CATALOGUE["day_first"]))
    assert problems(log) == []
    assert log.events["at"].dropna().dt.strftime("%Y-%m-%d").tolist() == [
        "2025-04-03",
        "2025-03-25",
        "2025-04-02",
    ]


def test_ambiguous_dates_warn_once_and_dayfirst_overrides(tmp_path):
    path = write(tmp_path, *CATALOGUE["ambiguous_dates"])
    log = load(path)
    reason = (
        "ambiguous day/month order: read as month/day, as no day in it is above 12; "
        "if these dates are day/month, read the file again as day/month"
    )
    assert problems(log) == [(None, "Date Contacted", reason, True)]
    assert log.events["at"].dropna().dt.strftime("%Y-%m-%d").tolist() == [
        "2025-03-04",
        "2025-05-06",
    ]
    log = load(path, dayfirst=True)
    assert problems(log) == []
    assert log.events["at"].dropna().dt.strftime("%Y-%m-%d").tolist() == [
        "2025-04-03",
        "2025-06-05",
    ]


def test_contradicting_cells_are_each_reported(tmp_path):
    data = csv(
        "Name,Date contacted,Reply date",
        "A,05/14/2025,05/20/2025",
        "B,13/05/2025,",
        "C,05/02/2025,",
    )
    log = load(write(tmp_path, "c.csv", data))
    assert problems(log) == [
        (
            3,
            "Date contacted",
            "day/month order differs from the rest of the file; read the only possible way",
            True,
        )
    ]
    assert log.events["at"].dt.strftime("%m-%d").tolist() == ["05-14", "05-20", "05-13", "05-02"]


def test_mixed_time_zones_become_utc(tmp_path):
    log = load(write(tmp_path, *CATALOGUE["mixed_time_zones"]))
    assert log.events["at"].dtype == "datetime64[us]"
    assert events(log) == [
        ("2025-06-07 08:00", "request_sent", "email"),
        ("2025-06-07 09:30", "reply_received", "email"),
        ("2025-06-07 09:00", "meeting_held", "video"),
        ("2025-06-08 12:00", "thank_you_sent", "email"),
    ]


def test_far_future_and_step_order_warnings(tmp_path):
    data = csv(
        "Name,Date contacted,Reply date,Meeting date",
        "A,2025-03-10,2025-03-01,2025-03-05",
        "B,2025-03-10,,2027-01-01",
    )
    log = load(write(tmp_path, "w.csv", data))
    assert problems(log) == [
        (2, "Reply date", "reply before request", True),
        (2, "Meeting date", "meeting before contact", True),
        (3, "Meeting date", "date far in the future", True),
    ]
    assert "meeting_scheduled" in log.report.events_by_kind


# --------------------------------------------------------------------------- tracker semantics


def test_tracker_steps_become_events():
    table = pd.DataFrame(
        {
            "Name": ["Ada Example", "Bo Sample", "Cy Tester", "Dee Person"],
            "Channel": ["LinkedIn InMail", "e-mail", "", "phone"],
            "Date contacted": ["2025-05-01", "2025-05-02", "2025-05-03", "2025-05-04"],
            "Followed up": ["", "2025-05-09", "", "✓"],
            "Replied?": ["yes", "✔", "-", "X"],
            "Reply date": ["2025-05-03", "", "", ""],
            "Declined": ["", "", "", "TRUE"],
            "Meeting": ["2025-05-20", "2025-08-01", "", "done"],
            "Thank-you sent": ["2025-05-21", "", "", ""],
        }
    )
    log = load(table, owner="me")
    assert problems(log) == []
    ids = dict(zip(log.contacts["contact_id"], log.contacts["name"], strict=True))
    got: dict[str, list] = {name: [] for name in ids.values()}
    for event, contact in zip(events(log), log.events["contact_id"], strict=True):
        got[ids[contact]].append(event)
    assert got["Ada Example"] == [
        ("2025-05-01 00:00", "request_sent", "linkedin"),
        ("2025-05-03 00:00", "reply_received", "linkedin"),
        ("2025-05-20 00:00", "meeting_held", None),
        ("2025-05-21 00:00", "thank_you_sent", "linkedin"),
    ]
    assert got["Bo Sample"] == [
        ("2025-05-02 00:00", "request_sent", "email"),
        ("2025-05-09 00:00", "follow_up_sent", "email"),
        (None, "reply_received", "email"),
        ("2025-08-01 00:00", "meeting_scheduled", None),
    ]
    assert got["Cy Tester"] == [("2025-05-03 00:00", "request_sent", None)]
    assert got["Dee Person"] == [
        ("2025-05-04 00:00", "request_sent", "phone"),
        (None, "follow_up_sent", "phone"),
        (None, "reply_received", "phone"),
        (None, "declined", "phone"),
        (None, "meeting_held", None),
    ]


def test_status_next_step_and_connection_columns():
    table = pd.DataFrame(
        {
            "First name": ["Ada", "Bo", "Cy", "Dee"],
            "Last name": ["Example", "Sample", "", "Person"],
            "How do I know them?": ["Alum", "", "neighbour", "professor"],
            "Referred by": ["", "Ada Example", "", ""],
            "Meeting date": ["2025-05-20", "", "", ""],
            "Status": ["Meeting held", "Replied", "waiting", "on the moon"],
            "Next step": ["send article", "", "", ""],
            "Notes": ["kind", "", "", ""],
        }
    )
    log = load(table, owner="me")
    assert problems(log) == [
        (4, "How do I know them?", "unknown connection", True),
        (5, "Status", "unknown event kind", True),
    ]
    contacts = log.contacts.set_index("name")
    assert contacts.index.tolist() == ["Ada Example", "Bo Sample", "Cy", "Dee Person"]
    assert contacts["connection"].tolist() == ["alumni", "referral", "neighbour", "faculty"]
    assert contacts.loc["Bo Sample", "referred_by"] == contacts.loc["Ada Example", "contact_id"]
    assert contacts.loc["Ada Example", "notes"] == "kind | next step: send article"
    # The status "Meeting held" repeats the dated meeting; "Replied" is new information.
    assert log.report.events_by_kind == {"reply_received": 1, "meeting_held": 1}


def test_referrals_become_events_and_new_contacts(tmp_path):
    log = load(write(tmp_path, *CATALOGUE["referrals"]))
    contacts = log.contacts.set_index("name")
    ada, bo = contacts.loc["Ada Example", "contact_id"], contacts.loc["Bo Sample", "contact_id"]
    assert contacts.index.tolist() == [
        "Ada Example",
        "Bo Sample",
        "Dee Person",
        "Cy Tester",
        "Uncle Vic",
    ]
    assert contacts.loc["Bo Sample", "referred_by"] == ada
    assert contacts.loc["Cy Tester", ["connection", "referred_by"]].tolist() == ["referral", ada]
    assert contacts.loc["Dee Person", ["connection", "referred_by"]].tolist() == [
        "referral",
        contacts.loc["Uncle Vic", "contact_id"],
    ]
    referrals = log.events[log.events["kind"] == "referral_received"]
    assert referrals[referrals["contact_id"] == ada]["notes"].tolist() == [
        "Bo Sample",
        "Cy Tester",
        "her manager",
    ]
    assert (referrals["contact_id"] == bo).sum() == 2
    assert (
        referrals["at"].dt.strftime("%Y-%m-%d").tolist() == ["2025-03-10"] * 3 + ["2025-03-20"] * 2
    )
    assert counts(log) == (3, 3, 0, 0)


# --------------------------------------------------------------------------- events layout


def test_events_layout(tmp_path):
    data = csv(
        "Date,Contact,Company,Event,Channel,Notes",
        "2025-03-01,Ada Example,Acme,request sent,email,first",
        "2025-03-04,Ada Example,,reply,email,",
        "someday,Bo Sample,Globex,coffee chat,coffee,",
        "2025-03-06,Bo Sample,,sent a postcard,pigeon,",
        "2025-03-07,Bo Sample,,,email,",
        "2025-03-01,Ada Example,Acme,request sent,email,first",
        ",Bo Sample,,reply,email,",
    )
    log = load(write(tmp_path, "ev.csv", data))
    assert counts(log) == (7, 6, 1, 0)
    assert problems(log) == [
        (4, "Date", "unreadable date", True),
        (5, "Event", "unknown event kind", True),
        (5, "Channel", "unknown channel", True),
        (6, "Event", "no event kind; only the contact was kept", True),
        (7, None, "duplicate of row 2; merged", True),
        (8, "Date", "no date; event kept without a time", True),
    ]
    assert events(log) == [
        ("2025-03-01 00:00", "request_sent", "email"),
        ("2025-03-04 00:00", "reply_received", "email"),
        (None, "meeting_held", "in_person"),
        ("2025-03-06 00:00", "sent a postcard", "pigeon"),
        (None, "reply_received", "email"),
    ]
    assert log.events["notes"].tolist()[0] == "first"
    assert log.events["source"].tolist()[0] == f"{tmp_path / 'ev.csv'}:2"
    assert log.contacts[["name", "organization"]].to_numpy().tolist() == [
        ["Ada Example", "Acme"],
        ["Bo Sample", "Globex"],
    ]


# --------------------------------------------------------------------------- XLSX, JSON, DataFrame


def test_xlsx_title_rows_real_dates_and_several_sheets(tmp_path):
    import datetime as dt

    data = xlsx_bytes(
        {
            "2025": [
                ["My informational interviews"],
                [],
                ["Name", "Company", "Date Contacted", "Replied? (Y/N)", "Meeting Date"],
                [
                    "Ada Example",
                    "Acme",
                    dt.datetime(2025, 3, 7),
                    True,
                    dt.datetime(2025, 3, 20, 15, 30),
                ],
                [],
                ["Bo Sample", "Globex", "soon", 0, 45740],
            ],
            "Ideas": [["People to ask"], ["someone at Initech"]],
            "2024": [
                ["Contact", "Email", "Date contacted"],
                ["Cy Tester", "cy@example.com", dt.date(2024, 11, 2)],
            ],
        }
    )
    path = write(tmp_path, "book.xlsx", data)
    log = load(path)
    files = log.report.files
    assert files["file"].tolist() == [f"{path} [2025]", f"{path} [2024]", f"{path} [Ideas]"]
    assert files["status"].tolist() == ["loaded", "loaded", "skipped"]
    assert counts(log) == (3, 3, 0, 0)
    assert problems(log) == [(6, "Date Contacted", "unreadable date", True)]
    assert events(log) == [
        ("2025-03-07 00:00", "request_sent", None),
        (None, "reply_received", None),
        ("2025-03-20 15:30", "meeting_held", None),
        ("2025-03-24 00:00", "meeting_held", None),
        ("2024-11-02 00:00", "request_sent", None),
    ]


def test_xlsx_without_any_log_sheet_is_not_a_log(tmp_path):
    path = write(
        tmp_path,
        "ideas.xlsx",
        xlsx_bytes({"A": [["Just", "words"]], "B": [["Date", "Notes"], ["x", "y"]]}),
    )
    with pytest.raises(
        errors.NotALogError, match=r"ideas\.xlsx is not an outreach log: none of its 2 sheets"
    ):
        load(path)


def test_json_records_and_tables(tmp_path):
    log = load(write(tmp_path, *CATALOGUE["json_records"]))
    assert counts(log) == (2, 2, 0, 0)
    assert log.contacts["organization"].tolist()[1] == "Globex"
    log = load(write(tmp_path, *CATALOGUE["json_tables"]))
    assert log.contacts["contact_id"].tolist() == ["c-1"]
    assert log.report.files["layout"].tolist() == ["workbook", "workbook"]
    with pytest.raises(errors.NotALogError, match="expected a list of records"):
        load(write(tmp_path, "x.json", json.dumps({"people": []})))
    with pytest.raises(errors.UnreadableFileError, match=r"bad\.json is not valid JSON"):
        load(write(tmp_path, "bad.json", "[{"))


def test_dataframe_input_is_not_mutated_and_named_in_reports():
    table = pd.DataFrame(
        {
            "Name": [" Ada Example ", None],
            "Email": ["ada@example.com", None],
            "Date contacted": pd.to_datetime(["2025-03-03T10:00:00+01:00", None]),
            "Replied": [True, False],
        }
    )
    before = table.copy()
    log = load(table)
    pd.testing.assert_frame_equal(table, before)
    assert log.report.files["file"].tolist() == ["<DataFrame>"]
    assert log.owners == ["me"]
    assert log.contacts["name"].tolist() == ["Ada Example"]
    assert events(log) == [
        ("2025-03-03 09:00", "request_sent", None),
        (None, "reply_received", None),
    ]
    # The second row holds only "False": not blank, but nobody to tie it to.
    assert counts(log) == (2, 1, 0, 1)


# ------------------------------------------------------------------ folders, zips, workbooks


def test_folder_one_file_per_person(tmp_path):
    write(
        tmp_path,
        "student_07.csv",
        csv(HEADER, "Ada Example,Acme,ada@example.com,Email,2025-03-03,Y,,"),
    )
    write(
        tmp_path,
        "student_08.csv",
        csv("Student,Name,Email", "s8,Bo Sample,bo@example.com", ",Cy,cy@example.com"),
    )
    write(tmp_path, "sub/student_09.csv", csv("Name,Email", "Dee,dee@example.com"))
    write(tmp_path, ".hidden.csv", csv("Name,Email", "Hidden,h@example.com"))
    write(tmp_path, "~$student_07.csv", b"\x00lock")
    log = load(tmp_path)
    assert log.report.files["file"].tolist() == [
        "student_07.csv",
        "student_08.csv",
        "sub/student_09.csv",
    ]
    assert sorted(log.owners) == ["s8", "student_07", "student_08", "sub"]
    assert counts(log) == (4, 4, 0, 0)
    log = load(tmp_path, owner="me")
    assert log.owners == ["me"]


def test_folder_with_no_log_raises(tmp_path):
    write(tmp_path, "notes.txt", "hello\n")
    write(tmp_path, "pic.png", b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(errors.NotALogError, match=r"holds no outreach log \(2 files looked at\)"):
        load(tmp_path)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(errors.NotALogError, match=r"holds no outreach log \(it is empty\)"):
        load(empty)


def zipped(files: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_zip_of_logs_with_relative_names(tmp_path):
    data = zipped(
        {
            "cohort/student_01.csv": csv("Name,Email", "Ada,ada@example.com"),
            "cohort/README.txt": "Not a log.\n",
            "__MACOSX/cohort/._student_01.csv": b"\x00\x05",
            "../evil.csv": csv("Name,Email", "Eve,eve@example.com"),
        }
    )
    log = load(write(tmp_path, "cohort.zip", data))
    assert log.report.files["file"].tolist() == [
        "../evil.csv",
        "cohort/README.txt",
        "cohort/student_01.csv",
    ]
    assert log.report.files["status"].tolist() == ["unreadable", "not a log", "loaded"]
    assert (
        log.report.files["message"].iloc[0]
        == "unsafe path in the zip archive (outside its folder); skipped"
    )
    assert log.owners == ["cohort"]
    assert not (tmp_path / "evil.csv").exists()


def test_zip_inside_a_folder_and_broken_zips(tmp_path):
    write(tmp_path, "inner.zip", zipped({"student_02.csv": csv("Name,Email", "Bo,bo@example.com")}))
    write(tmp_path, "broken.zip", b"PK\x03\x04garbage")
    log = load(tmp_path)
    files = log.report.files.set_index("file")["status"].to_dict()
    assert files == {"broken.zip": "unreadable", "inner.zip/student_02.csv": "loaded"}
    # A zip inside a folder is read like a sub-folder: its files are the zip's owner's.
    assert log.owners == ["inner"]
    with pytest.raises(
        errors.UnreadableFileError, match=r"broken\.zip is not a readable zip archive"
    ):
        load(tmp_path / "broken.zip")
    with pytest.raises(errors.NotALogError, match="holds no outreach log"):
        load(write(tmp_path, "words.zip", zipped({"a.txt": "just words\n"})))


WORKBOOK_CONTACTS = (
    "owner,contact_id,name,organization,role,field,connection,referred_by,email,phone,linkedin_url,"
    "added_on,tags,notes"
)


def test_workbook_folder(tmp_path):
    book = tmp_path / "alice"
    write(
        book,
        "contacts.csv",
        csv(
            WORKBOOK_CONTACTS,
            ",c-1,Ada Example,Acme,,,alumni,,ada@example.com,,,2025-01-02,,",
            ",c-2,Bo Sample,,,,neighbour,c-1,,,,2025-01-05,,",
            ",c-3,Ada Example,Acme,,,,,ADA@example.com,,,,,later note",
            ",,,,,,,,,,,,,orphan note",
        ),
    )
    write(
        book,
        "events.csv",
        csv(
            "owner,contact_id,at,kind,channel,notes,source",
            ",c-1,2025-01-03T10:00:00,request_sent,email,,",
            ",c-3,2025-01-04T10:00:00,reply_received,email,,",
            ",c-9,2025-01-05T10:00:00,note,,,",
            ",c-1,2025-01-03T10:00:00,request_sent,email,,",
        ),
    )
    write(book, "workbook.json", json.dumps({"format": 1, "owner": "alice-w"}))
    write(book, "prep/c-1/notes.md", "# prep\n")
    log = load(book)
    assert log.report.files["file"].tolist() == ["contacts.csv", "events.csv"]
    assert log.report.files["layout"].tolist() == ["workbook", "workbook"]
    assert counts(log) == (8, 5, 2, 1)
    assert problems(log) == [
        (3, "connection", "unknown connection", True),
        (4, None, "duplicate of row 2; merged", True),
        (5, None, "no name, e-mail or contact id", False),
        (4, "contact_id", "contact id not found in the contacts table; contact added", True),
        (5, None, "duplicate of row 2; merged", True),
    ]
    assert log.owners == ["alice-w"]
    assert sorted(log.contacts["contact_id"]) == ["c-1", "c-2", "c-9"]
    assert log.contacts.set_index("contact_id").loc["c-1", "notes"] == "later note"
    assert log.events["contact_id"].tolist() == ["c-1", "c-1", "c-9"]
    # Inside a cohort folder the workbook is one person's sub-folder.
    log = load(tmp_path)
    assert log.report.files["file"].tolist() == ["alice/contacts.csv", "alice/events.csv"]


# --------------------------------------------------------------------------- importers


def test_importers_are_asked_first(tmp_path, monkeypatch):
    from infoview_kit.io import importers
    from infoview_kit.model import LoadReport, OutreachLog

    calls = []

    def fake(source, *, owner=None):
        calls.append((Path(source).name, owner))
        report = LoadReport(rows_read=2, rows_loaded=2)
        return OutreachLog(
            pd.DataFrame(
                {
                    "owner": [owner or "x"],
                    "contact_id": ["k1"],
                    "name": ["Ada"],
                    "email": ["ada@example.com"],
                }
            ),
            pd.DataFrame(
                {
                    "owner": [owner or "x"],
                    "contact_id": ["k1"],
                    "at": [pd.Timestamp("2025-01-01")],
                    "kind": ["meeting_held"],
                    "source": [f"{source}:1"],
                }
            ),
            report,
        )

    fake.layout = "calendar"
    monkeypatch.setattr(
        importers, "find_importer", lambda path, head: fake if head.startswith(b"BEGIN") else None
    )
    monkeypatch.setattr(importers, "find_archive_importer", lambda names, **_: None)
    write(tmp_path, "cal.ics", "BEGIN:VCALENDAR\r\n")
    write(tmp_path, "me.csv", csv("Name,Email", "Ada Example,ADA@example.com"))
    log = load(tmp_path, owner="me")
    assert calls == [("cal.ics", "me")]
    assert log.report.files[["file", "layout"]].to_numpy().tolist() == [
        ["cal.ics", "calendar"],
        ["me.csv", "tracker"],
    ]
    assert counts(log) == (3, 3, 0, 0)
    assert len(log.contacts) == 1
    assert log.events["source"].tolist() == ["cal.ics:1"]

    def broken(source, *, owner=None):
        raise KeyError("Ada Example")

    monkeypatch.setattr(importers, "find_importer", lambda path, head: broken)
    with pytest.raises(errors.UnreadableFileError) as caught:
        load(tmp_path / "cal.ics")
    assert (
        str(caught.value)
        == f"{tmp_path / 'cal.ics'} could not be read by the broken importer (KeyError)"
    )


def test_archive_importer_takes_the_whole_folder(tmp_path, monkeypatch):
    from infoview_kit.io import importers
    from infoview_kit.model import OutreachLog

    seen = []
    monkeypatch.setattr(
        importers,
        "find_archive_importer",
        lambda names, **_: (
            (lambda source, owner=None: seen.append(sorted(names)) or OutreachLog())
            if "Connections.csv" in names
            else None
        ),
    )
    write(tmp_path, "Connections.csv", "x")
    write(tmp_path, "messages.csv", "y")
    log = load(tmp_path)
    assert seen == [["Connections.csv", "messages.csv"]]
    assert len(log.report.files) == 1 and log.report.balanced


# --------------------------------------------------------------------------- errors and privacy


@pytest.mark.parametrize(
    ("name", "data", "error", "message"),
    [
        ("missing.csv", None, errors.UnreadableFileError, "missing.csv was not found"),
        (
            "empty.csv",
            b"",
            errors.NotALogError,
            "empty.csv is empty: expected an outreach log (CSV, XLSX or JSON)",
        ),
        (
            "img.png",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00",
            errors.UnreadableFileError,
            "img.png is not a table",
        ),
        (
            "old.xls",
            b"\xd0\xcf\x11\xe0rest",
            errors.UnreadableFileError,
            "old.xls is an old .xls workbook",
        ),
        (
            "notes.txt",
            "Date,Notes,Channel\nmonday,call Ada Example,phone\n",
            errors.NotALogError,
            "notes.txt is not an outreach log: no column for a contact's name or e-mail "
            "was found (columns seen: 3)",
        ),
    ],
)
def test_single_files_that_are_not_logs_raise_one_line(tmp_path, name, data, error, message):
    path = tmp_path / name
    if data is not None:
        write(tmp_path, name, data)
    with pytest.raises(error) as caught:
        load(path)
    text = str(caught.value)
    assert text.startswith(str(tmp_path)) and message in text
    assert "\n" not in text and "Ada" not in text
    assert caught.value.__cause__ is None
    assert caught.value.__context__ is None or caught.value.__suppress_context__


def test_errors_are_the_package_errors():
    assert issubclass(errors.NotALogError, errors.InfoviewError)
    with pytest.raises(TypeError):
        load_log(42)


def test_public_api():
    assert infoview_kit.load_log is load_log


# --------------------------------------------------------------------------- sample data and scale


SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


@pytest.mark.parametrize(
    "name", ["personal", "personal_tracker.xlsx", "cohort", "cohort_combined.csv"]
)
def test_sample_data_loads_balanced(name):
    log = load_log(SAMPLE / name)
    assert_balanced(log)
    assert log.report.rows_loaded > 0


def test_make_tracker_loads_balanced():
    table = make_tracker(2000, seed=5)
    log = load(table)
    assert_balanced(log)
    assert log.report.rows_read == 2000
    assert len(log.owners) == 20
    assert log.report.events_by_kind["request_sent"] == 2000 - log.report.rows_merged
    assert np.isin(log.events["kind"].cat.categories[:13], infoview_kit.schema.EVENT_KINDS).all()


def test_markdown_readme_beside_logs_is_not_read_as_a_pipe_table(tmp_path):
    (tmp_path / "README.md").write_text(
        "# Our logs\n\n| file | what |\n| --- | --- |\n| a.csv | Ada's log |\n", encoding="utf-8"
    )
    (tmp_path / "a.csv").write_text(
        "Name,Date Contacted\nAda Example,2025-03-03\n", encoding="utf-8"
    )
    log = load_log(tmp_path, as_of="2025-06-01")
    files = log.report.files.set_index("file")
    assert files.loc["README.md", "status"] == "not a log"
    assert log.report.rows_read == 1 and log.report.balanced
    with pytest.raises(errors.NotALogError, match=r"README\.md is a text document"):
        load_log(tmp_path / "README.md")


def test_a_workbook_folder_loads_text_exactly_as_the_store_wrote_it(tmp_path):
    from infoview_kit.io.store import Workbook

    book = Workbook.create(tmp_path / "book", owner="me")
    cid = book.add_contact(name="  Ada Example", organization=" Acme ", notes="  indented  ")
    book.log_event(cid, kind="note", notes="  two  spaces ")
    log = load_log(tmp_path / "book")
    stored = book.contacts.iloc[0]
    loaded = log.contacts.iloc[0]
    for column in ("name", "organization", "notes"):
        assert loaded[column] == stored[column]
    assert log.events["notes"].tolist() == ["  two  spaces "]
    assert log.report.balanced and log.report.rows_read == 2


def _card(name: str) -> str:
    return f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\nEMAIL:cy@example.com\r\nEND:VCARD\r\n"


def test_an_importer_file_in_a_cohort_takes_its_owner_from_the_file_name(tmp_path):
    write(tmp_path / "cohort", "ada_student.vcf", _card("Cy Example"))
    write(tmp_path / "cohort", "bo_student/contacts.vcf", _card("Cy Example"))
    log = load_log(tmp_path / "cohort")
    assert log.owners == ["ada_student", "bo_student"]
    assert len(log.contacts) == 2  # one contact per student, not merged into one
    with zipfile.ZipFile(tmp_path / "cohort.zip", "w") as archive:
        archive.write(tmp_path / "cohort" / "ada_student.vcf", "ada_student.vcf")
        archive.write(tmp_path / "cohort" / "bo_student" / "contacts.vcf", "bo_student/x.vcf")
    assert load_log(tmp_path / "cohort.zip").owners == ["ada_student", "bo_student"]
    assert load_log(tmp_path / "cohort", owner="Sam").owners == ["Sam"]
    # a single file given directly keeps the importer's own default
    assert load_log(tmp_path / "cohort" / "ada_student.vcf").owners == ["me"]
