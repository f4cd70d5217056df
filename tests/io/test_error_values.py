"""Spreadsheet error values (#N/A, #REF!, Err:502...) are read as empty and reported, never
made into people, organisations, dates or notes."""

from __future__ import annotations

import io
import json
import re
import shutil
import zipfile

import numpy as np
import pandas as pd
import pytest

from infoview_kit.cli import main
from infoview_kit.datasets.awkward import xlsx_bytes
from infoview_kit.io.batch import load_entries_batched
from infoview_kit.io.error_values import REASON, error_cells, is_error_value
from infoview_kit.io.load import load_entries, load_log
from infoview_kit.io.sheets import read_csv_sheet
from infoview_kit.widgets.start import report_html
from tests.io.test_xlsx_formulas import with_sheet_xml

AS_OF = "2025-06-01"
WHAT = "what a spreadsheet shows when a formula fails"


def one(error: str) -> str:
    return f"{REASON} {error} ({WHAT}): read as empty"


def rows_of(log) -> list[tuple]:
    return [
        (
            int(r.row),
            None if pd.isna(r.column) else r.column,
            None if pd.isna(r.value) else r.value,
            r.reason,
            bool(r.kept),
        )
        for r in log.report.problems.itertuples()
    ]


def all_text(log) -> str:
    """Every cell of the contacts and events as one text (to search for what must not be)."""
    cells = [*log.contacts.to_numpy().ravel().tolist(), *log.events.to_numpy().ravel().tolist()]
    return " | ".join(str(cell) for cell in cells)


BRIEF_CSV = (
    "Name,Email,Company,Date Contacted,Replied,Meeting Date\n"
    "#N/A,#N/A,#REF!,#VALUE!,Y,\n"
    "Bo Sample,bo@example.com,#N/A,2025-04-02,#N/A,#DIV/0!\n"
)


def test_a_row_of_errors_is_rejected_and_each_error_is_named(tmp_path):
    path = tmp_path / "tracker.csv"
    path.write_text(BRIEF_CSV, encoding="utf-8")
    log = load_log(path, as_of=AS_OF)
    assert log.contacts["name"].tolist() == ["Bo Sample"]
    assert log.contacts["organization"].isna().all()
    assert log.events["kind"].tolist() == ["request_sent"]  # no reply, no meeting made up
    assert "#" not in all_text(log)
    # Each error cell is a warning (as every note on how a cell was read); the row they
    # leave without a name or e-mail is rejected, in one row of its own.
    report = log.report
    assert rows_of(log) == [
        (2, "Name", "#N/A", one("#N/A"), True),
        (2, "Email", "#N/A", one("#N/A"), True),
        (2, "Company", "#REF!", one("#REF!"), True),
        (2, "Date Contacted", "#VALUE!", one("#VALUE!"), True),
        (2, None, None, "no name, e-mail or contact id", False),
        (3, "Company", "#N/A", one("#N/A"), True),
        (3, "Replied", "#N/A", one("#N/A"), True),
        (3, "Meeting Date", "#DIV/0!", one("#DIV/0!"), True),
    ]
    assert len(report.rejected) == report.rows_rejected == 1  # one row per rejected row
    assert log.report.balanced and (log.report.rows_read, log.report.rows_rejected) == (2, 1)
    # no reason says "unreadable date" or "not a yes/no value" for an error cell
    assert not report.problems["reason"].str.contains("unreadable|yes/no").any()


#: One column of every kind the loader reads from a tracker, as people head them.
EVERY_FIELD = {
    "Student": "#N/A", "Contact ID": "#REF!", "Name": "Ada Example", "Email": "#N/A",
    "Company": "#N/A", "Position": "#VALUE!", "Field": "#NAME?", "Phone": "#NUM!",
    "LinkedIn": "#REF!", "Notes": "#N/A", "Referred by": "#N/A", "Channel": "#NULL!",
    "How connected": "#N/A", "Tags": "#SPILL!", "Date Contacted": "2025-04-02",
    "Followed up": "#CALC!", "Replied": "#N/A", "Reply date": "#N/A",
    "Meeting Date": "#DIV/0!", "Thank-you sent": "#N/A", "Referrals given": "#N/A",
    "Next step": "#N/A", "Status": "#N/A", "Owner notes": "#N/A",
}  # fmt: skip


def test_no_field_takes_an_error_value(tmp_path):
    path = tmp_path / "tracker.csv"
    pd.DataFrame([EVERY_FIELD]).to_csv(path, index=False)
    log = load_log(path, as_of=AS_OF)
    assert log.contacts["name"].tolist() == ["Ada Example"]
    assert log.contacts["owner"].tolist() == ["tracker"]  # the file's name, not "#N/A"
    assert not log.contacts["contact_id"].str.startswith("#").any()
    assert log.events["kind"].tolist() == ["request_sent"]
    assert "#" not in all_text(log)
    reported = {column: value for _, column, value, _, _ in rows_of(log) if value}
    assert reported == {k: v for k, v in EVERY_FIELD.items() if v.startswith("#")}
    assert log.report.balanced and log.report.rows_loaded == 1


#: Spellings taken from Microsoft's ERROR.TYPE page in each language, Google Sheets' own
#: and LibreOffice's numbered errors.
LOCALISED = [
    "#NV", "#BEZUG!", "#WERT!", "#ZAHL!", "#DATEN_ABRUFEN",  # German
    "#VALEUR!", "#NOM?", "#NOMBRE!", "#NUL!",  # French
    "#N/D", "#¡REF!", "#¡VALOR!", "#¡DIV/0!", "#¿NOMBRE?", "#¡NUM!", "#¡NULO!",  # Spanish
    "#RIF!", "#VALORE!", "#NULLO!",  # Italian
    "#NÚM!", "#NULO!", "#OBTER_DADOS",  # Portuguese
    "#N/B", "#VERW!", "#WAARDE!", "#DEEL/0!", "#LEEG!", "#NAAM?", "#GETAL!",  # Dutch
    "#SAKNAS!", "#Värdefel!", "#REFERENS!", "#Ogiltigt!", "#SKÄRNING!",  # Swedish
    "#I/T", "#VÆRDI!", "#REFERENCE!", "#NAVN?", "#VERDI!",  # Danish, Norwegian
    "#N/D!", "#ADR!", "#ARG!", "#DZIEL/0!", "#LICZBA!", "#NAZWA?", "#ZERO!",  # Polish
    "#ERROR!", "#GETTING_DATA", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!",
    "Err:502", "Err:504", "err:508", " #n/a ",
]  # fmt: skip


@pytest.mark.parametrize("error", LOCALISED)
def test_localised_and_other_programs_spellings(tmp_path, error):
    assert is_error_value(error)
    path = tmp_path / "log.csv"
    pd.DataFrame({"Name": [error, "Bo Sample"], "Company": ["Acme", error]}).to_csv(
        path, index=False
    )
    log = load_log(path, as_of=AS_OF)
    assert log.contacts["name"].tolist() == ["Bo Sample"]
    assert log.contacts["organization"].isna().all()
    reasons = log.report.problems.set_index(["row", "column"])["reason"]
    assert reasons[(2, "Name")] == one(error.strip())
    assert reasons[(3, "Company")] == one(error.strip())
    assert log.report.balanced and log.report.rows_rejected == 1


NOT_ERRORS = ["#1 priority", "Team #3", "C#", "#hashtag", "#", "##", "#N/A please",
              "Err: see notes", "Error", "#REF! fixed", "Ask about #VALUE! in sheet"]  # fmt: skip


@pytest.mark.parametrize("text", NOT_ERRORS)
def test_text_holding_a_hash_is_kept_as_written(tmp_path, text):
    assert not is_error_value(text)
    path = tmp_path / "log.csv"
    pd.DataFrame({"Name": ["Ada Example"], "Company": [text], "Notes": [text]}).to_csv(
        path, index=False
    )
    log = load_log(path, as_of=AS_OF)
    assert log.contacts[["organization", "notes"]].iloc[0].tolist() == [text, text]
    assert not log.report.problems["reason"].str.startswith(REASON).any()


def test_many_errors_in_one_column_are_one_report_row(tmp_path):
    names = [f"Person {chr(65 + i)} Example" for i in range(8)]
    companies = ["#N/A"] * 6 + ["Acme", "#REF!"]
    path = tmp_path / "log.csv"
    pd.DataFrame({"Name": names, "Company": companies}).to_csv(path, index=False)
    log = load_log(path, as_of=AS_OF)
    assert rows_of(log) == [
        (2, "Company", "#N/A",
         f"{REASON} #N/A here and in 5 more cells of this column ({WHAT}): all read as empty",
         True),
        (9, "Company", "#REF!", one("#REF!"), True),
    ]  # fmt: skip
    assert log.contacts["organization"].fillna("").tolist() == [""] * 6 + ["Acme", ""]


def test_xlsx_error_cells_and_formulas_whose_saved_result_is_an_error(tmp_path):
    rows = [
        ["Name", "Email", "Company", "Date contacted"],
        ["#N/A", "#N/A", "Acme", "2025-04-02"],  # openpyxl writes these as error cells
        ["Bo Sample", "bo@example.com", "=VLOOKUP(A3,Orgs!A:B,2,FALSE)", "=1/0"],
    ]
    data = xlsx_bytes({"Log": rows})
    with zipfile.ZipFile(io.BytesIO(data)) as book:  # the first row's cells are error cells
        assert book.read("xl/worksheets/sheet1.xml").count(b't="e"') == 2
    # Excel saves a failed formula with its error as the result (t="e").
    results = {b"C3": b"#N/A", b"D3": b"#DIV/0!"}

    def failed(xml: bytes) -> bytes:
        return re.sub(
            rb'<c r="([CD]3)"><f>(.*?)</f><v ?/>',
            lambda m: b'<c r="%s" t="e"><f>%s</f><v>%s</v>' % (m[1], m[2], results[m[1]]),
            xml,
        )

    data = with_sheet_xml(data, failed)
    path = tmp_path / "log.xlsx"
    path.write_bytes(data)
    log = load_log(path, as_of=AS_OF)
    assert log.contacts["name"].tolist() == ["Bo Sample"]
    assert log.contacts["organization"].isna().all() and log.events.empty
    assert rows_of(log) == [
        (2, "Name", "#N/A", one("#N/A"), True),
        (2, "Email", "#N/A", one("#N/A"), True),
        (2, None, None, "no name, e-mail or contact id", False),
        (3, "Company", "#N/A", one("#N/A"), True),
        (3, "Date contacted", "#DIV/0!", one("#DIV/0!"), True),
    ]
    assert log.report.balanced


def test_json_records_and_dataframes(tmp_path):
    records = [
        {"name": "#N/A", "email": "#REF!", "company": "Acme"},
        {"name": "Bo Sample", "email": "bo@example.com", "company": "#N/A", "tags": ["#N/A"]},
    ]
    path = tmp_path / "log.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    from_json = load_log(path, as_of=AS_OF)
    frame = pd.DataFrame(records).drop(columns="tags")
    before = frame.copy()
    from_frame = load_log(frame, as_of=AS_OF)
    pd.testing.assert_frame_equal(frame, before)  # the caller's frame is not touched
    for log in (from_json, from_frame):
        assert log.contacts["name"].tolist() == ["Bo Sample"]
        assert log.contacts["organization"].isna().all()
        assert "#" not in all_text(log)
        assert log.report.balanced and log.report.rows_rejected == 1
    assert sum(r.startswith(REASON) for r in from_json.report.problems["reason"]) == 4


def test_a_row_of_nothing_but_errors_is_counted_and_rejected(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text("Name,Email,Notes\n#N/A,#N/A,#REF!\nAda Example,,\n", encoding="utf-8")
    log = load_log(path, as_of=AS_OF)
    assert (log.report.rows_read, log.report.rows_rejected) == (2, 1)
    assert log.report.balanced


def test_a_file_without_hash_or_err_is_not_searched(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text("Name,Company\nAda Example,Acme\n", encoding="utf-8")
    assert not read_csv_sheet(path, "log.csv").error_values
    path.write_text("Name,Company\nAda Example,Team #3 at C#\n", encoding="utf-8")
    assert not read_csv_sheet(path, "log.csv").error_values  # no cell starts with "#"
    for cell in ("#1 priority", " #N/A", '"#N/A"', "Err:502"):
        path.write_text(f"Name,Company\nAda Example,{cell}\n", encoding="utf-8")
        assert read_csv_sheet(path, "log.csv").error_values, cell
    # a workbook's own tables keep what a person typed
    assert not read_csv_sheet(path, "contacts.csv", strip=False).error_values


def test_error_cells_looks_at_each_distinct_value_once():
    values = pd.Series(["#N/A"] * 1000 + ["Team #3", None, "Acme"] * 10, dtype="str")
    found = error_cells(values)
    assert found is not None and found.sum() == 1000 and not found[1000:].any()
    mixed = pd.Series([1.5, "#REF!", pd.Timestamp("2025-01-01"), None], dtype=object)
    assert error_cells(mixed).tolist() == [False, True, False, False]
    assert error_cells(pd.Series(np.arange(5))) is None


def test_stacked_files_of_a_cohort_report_errors_per_file(tmp_path):
    folder = tmp_path / "cohort"
    folder.mkdir()
    for student in ("ana", "bo"):
        body = "Name,Company\n" + "".join(f"Person {i} Example,#N/A\n" for i in range(5))
        (folder / f"{student}.csv").write_text(body + "#REF!,Acme\n", encoding="utf-8")
    shutil.copy(folder / "ana.csv", folder / "cy.csv")
    entries = sorted(folder.iterdir())
    mine = load_entries_batched(entries, base=folder, as_of=AS_OF, workers=1)
    theirs = load_entries(entries, base=folder, as_of=AS_OF)
    pd.testing.assert_frame_equal(mine.report.problems, theirs.report.problems)
    errors = mine.report.problems[mine.report.problems["reason"].str.startswith(REASON)]
    assert errors[["file", "row", "value"]].to_numpy().tolist() == [
        [f, r, v] for f in ("ana.csv", "bo.csv", "cy.csv") for r, v in ((2, "#N/A"), (7, "#REF!"))
    ]
    assert mine.report.balanced and mine.report.rows_rejected == 3


def test_validate_and_the_file_checker_show_the_reason_in_plain_words(tmp_path, capsys):
    path = tmp_path / "tracker.csv"
    path.write_text(BRIEF_CSV, encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert one("#REF!") in out and one("#DIV/0!") in out
    html = report_html("tracker.csv", load_log(path, as_of=AS_OF).report)
    assert one("#DIV/0!") in html
    reasons = set(load_log(path, as_of=AS_OF).report.problems["reason"])
    for reason in reasons:  # no Python names in what the user reads
        assert not re.search(r"\b(None|NaN|nan|dtype|str|object|_\w+)\b", reason), reason


TYPED = ["#N/A", "#REF!", "'#N/A", "Err:502", "#wert!", "#1 priority"]


@pytest.mark.parametrize("form", ["workbook csv", "xlsx", "tracker csv", "tracker xlsx"])
def test_a_typed_error_value_is_exported_quoted_and_loads_back_as_typed(tmp_path, form):
    """A note that reads "#N/A" is text a person typed: an export quotes it (a spreadsheet
    would show an error) and loading the export gives back exactly that text."""
    from infoview_kit.io.export import log_to_csv, log_to_xlsx
    from infoview_kit.model import OutreachLog

    people = pd.DataFrame(
        {"owner": "me", "contact_id": [f"c-{i}" for i in range(len(TYPED))],
         "name": [f"Person {chr(65 + i)} Example" for i in range(len(TYPED))],
         "organization": TYPED, "notes": TYPED}
    )  # fmt: skip
    log = OutreachLog(people)
    tracker = form.startswith("tracker")
    if form.endswith("xlsx"):
        path = log_to_xlsx(log, tmp_path / "out.xlsx", tracker=tracker)
    elif tracker:
        (path,) = log_to_csv(log, tmp_path, tracker=True)
    else:
        log_to_csv(log, tmp_path / "out")
        path = tmp_path / "out"
        written = (path / "contacts.csv").read_text(encoding="utf-8")
        assert ",'#N/A," in written and ",#N/A," not in written
    back = load_log(path, as_of=AS_OF).contacts.sort_values("name")
    assert back["organization"].tolist() == TYPED
    assert back["notes"].tolist() == TYPED


def test_an_events_table_keeps_its_touches_without_the_errors(tmp_path):
    path = tmp_path / "events.csv"
    path.write_text(
        "Name,Date,Event,Channel,Notes\n"
        "Ada Example,2025-04-02,request sent,email,#N/A\n"
        "Ada Example,#REF!,reply received,#N/A,ok\n"
        "Ada Example,2025-04-09,#NAME?,email,\n"
        "#N/A,2025-04-10,meeting held,video,\n",
        encoding="utf-8",
    )
    log = load_log(path, as_of=AS_OF)
    assert log.events["kind"].tolist() == ["request_sent", "reply_received"]
    assert log.events["notes"].isna().tolist() == [True, False]
    assert log.events["channel"].isna().tolist() == [False, True]
    errors = [(row, column, kept) for row, column, _, reason, kept in rows_of(log)
              if reason.startswith(REASON)]  # fmt: skip
    assert errors == [(2, "Notes", True), (3, "Date", True), (3, "Channel", True),
                      (4, "Event", True), (5, "Name", True)]  # fmt: skip
    reasons = set(log.report.problems["reason"])
    assert {"no date; event kept without a time", "no name, e-mail or contact id"} <= reasons
    assert log.report.balanced and (log.report.rows_read, log.report.rows_rejected) == (4, 1)


def test_the_catalogue_entries_load_with_every_error_named(tmp_path):
    from infoview_kit.datasets.awkward import awkward_inputs

    catalogue = awkward_inputs()
    for key, expected in (("error_values", 10), ("error_values_xlsx", 4)):  # one per cell
        name, data = catalogue[key]
        path = tmp_path / name
        path.write_bytes(data)
        log = load_log(path, as_of=AS_OF)
        named = log.report.problems["reason"].str.startswith(REASON)
        assert named.sum() == expected, key
        shown = log.contacts[["name", "organization", "role"]].astype("str")
        assert not shown.apply(lambda column: column.str.contains("#")).any().any()
        assert log.report.balanced and log.report.rows_rejected == 1
        assert "#" not in " ".join(map(str, log.events["channel"].tolist()))
    notes = load_log(tmp_path / "error_values.csv", as_of=AS_OF).contacts["notes"]
    assert sorted(notes.dropna()) == ["#1 priority", "Team #3"]


def test_a_workbook_keeps_a_note_typed_as_an_error_value(tmp_path):
    """What a person types in the workbook is saved and read back as typed, "#N/A" too."""
    from infoview_kit.io.store import Workbook

    workbook = Workbook.create(tmp_path / "wb", owner="me")
    contact = workbook.add_contact(name="Ada Example", organization="#REF!", notes="#N/A")
    again = Workbook.open(tmp_path / "wb").contact(contact)
    assert (again["organization"], again["notes"]) == ("#REF!", "#N/A")
    log = load_log(tmp_path / "wb", as_of=AS_OF)
    assert log.contacts[["organization", "notes"]].iloc[0].tolist() == ["#REF!", "#N/A"]
    assert not log.report.problems["reason"].str.startswith(REASON).any()


@pytest.mark.parametrize("form", ["csv", "xlsx"])
def test_a_column_whose_name_is_an_error_value_is_kept_under_its_letter(tmp_path, form):
    """A header cell whose formula failed ("#REF!") names no column: the report says so in
    plain words and the column is kept as "(column C)", as a column with a blank header is."""
    table = pd.DataFrame(
        {"Name": ["Ada Example", "Bo Sample"], "Email": ["ada@example.com", "bo@example.com"],
         "#REF!": ["met at the fair", "#N/A"]}
    )  # fmt: skip
    path = tmp_path / f"log.{form}"
    if form == "csv":
        table.to_csv(path, index=False)
    else:
        table.to_excel(path, index=False)
    log = load_log(path, as_of=AS_OF)
    assert "#REF!" not in log.contacts.columns
    kept = log.contacts.sort_values("name")["(column C)"]
    assert kept.iloc[0] == "met at the fair" and pd.isna(kept.iloc[1])
    rows = log.report.problems[["row", "column", "value", "reason"]].to_numpy().tolist()
    assert rows[0] == [
        1,
        "(column C)",
        "#REF!",
        "the column's name is a spreadsheet error (#REF!: a formula in the row of column "
        "names failed); kept as an extra column, named by its letter",
    ]
    # the error value in a cell of that column names the column the same way
    assert rows[1][:3] == [3, "(column C)", "#N/A"]
    assert len(rows) == 2
