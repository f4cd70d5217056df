"""Cells holding only a word for "nothing" read the same in every format (CSV, TSV, XLSX,
JSON, a DataFrame): blank in the fields that name or describe a contact, kept in free text."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from infoview_kit import load_log
from infoview_kit.io.placeholders import placeholder_cells

AS_OF = pd.Timestamp("2025-07-01")
TABLE = pd.DataFrame(
    {
        "Name": ["Ada Example", "Nan Sample", "N/A", "NA", "Bo Tester"],
        "Email": ["ada@example.com", "nan@example.com", "n/a", "na@example.com", "none"],
        "Company": ["N/A", "NA", "Acme", "Globex", "None"],
        "Position": ["none", "Engineer", "-", "TBD", "NULL"],
        "Phone": ["n/a", "0", "x", "+44 20 7946 0000", "unknown"],
        "Notes": ["None", "N/A", "NA", "nan", "null"],
        "Tags": ["n/a", "NA", "none", "-", "x"],
        "Date contacted": ["2025-06-02"] * 5,
    }
)


def _write(tmp_path, form: str):
    if form == "frame":
        return TABLE
    path = tmp_path / f"log.{form}"
    if form == "csv":
        TABLE.to_csv(path, index=False)
    elif form == "tsv":
        TABLE.to_csv(path, index=False, sep="\t")
    elif form == "xlsx":
        TABLE.to_excel(path, index=False)
    else:
        path.write_text(json.dumps(TABLE.to_dict("records")), encoding="utf-8")
    return path


@pytest.mark.parametrize("form", ["csv", "tsv", "xlsx", "json", "frame"])
def test_placeholders_read_the_same_in_every_format(tmp_path, form):
    log = load_log(_write(tmp_path, form), as_of=AS_OF)
    people = log.contacts.sort_values("name", na_position="last")
    columns = ["name", "email", "organization", "role", "phone", "notes", "tags"]
    rows = people[columns].astype(object).where(people[columns].notna(), None).to_numpy().tolist()
    assert rows == [
        # the company "N/A", the role "none" and the phone "n/a" are blank; the note is kept
        ["Ada Example", "ada@example.com", None, None, None, "None", "n/a"],
        ["Bo Tester", None, None, None, None, "null", "x"],
        # "Nan" is a given name: kept; "NA" as an organisation reads as "not applicable"
        ["Nan Sample", "nan@example.com", None, "Engineer", None, "N/A", "NA"],
        # "NA" in capitals is R's missing value and a word for none: no name, but an e-mail
        [None, "na@example.com", "Globex", None, "+44 20 7946 0000", "nan", "-"],
    ]
    # "N/A" for the name and "n/a" for the e-mail: nobody, rejected as usual (in every format)
    rejected = log.report.problems[~log.report.problems["kept"]]
    row = 3 if form == "json" else 4  # a JSON file's rows are its records, a sheet's lines
    reasons = rejected[["row", "reason"]].to_numpy().tolist()
    assert reasons == [[row, "no name, e-mail or contact id"]]
    assert log.report.rows_read == 5


def test_names_written_as_names_are_never_placeholders():
    names = ["Nan", "Na", "Nil", "No", "Null", "X"]
    assert placeholder_cells(names, names=True) == [False] * len(names)
    # Written as a placeholder is, or in a field that does not name anyone, they read as none.
    assert (
        placeholder_cells(["nan", "NA", "n/a", "N.A.", "NULL", "<NA>", "x"], names=True)
        == [True] * 7
    )
    assert placeholder_cells(["Nan", "Na", "Nil", "No", "Null"], names=False) == [True] * 5


def test_signs_and_typed_error_values_are_not_placeholders():
    cells = ["#", "+", "#N/A", "'#N/A", "🙂", "Email", "email", "-", "?", "...", "—"]
    assert placeholder_cells(cells, names=False) == [False] * 6 + [False] + [True] * 4


def test_a_channel_written_email_is_kept_and_a_channel_n_a_is_blank():
    table = pd.DataFrame(
        {"Name": ["Ada Example", "Bo Sample"], "Channel": ["email", "n/a"],
         "Date contacted": ["2025-06-02", "2025-06-03"]}
    )  # fmt: skip
    log = load_log(table, as_of=AS_OF)
    channels = log.events.sort_values("at")["channel"].astype(object).tolist()
    assert channels[0] == "email" and pd.isna(channels[1])
    assert "unknown channel" not in set(log.report.problems["reason"])


def test_a_placeholder_owner_reads_as_a_blank_owner():
    def owners(student: str) -> list[str]:
        table = pd.DataFrame({"Student": ["s-1", student], "Name": ["Ada Example", "Bo Sample"]})
        return load_log(table, as_of=AS_OF).contacts["owner"].tolist()

    assert owners("N/A") == owners("") and "N/A" not in owners("N/A")


def test_a_workbook_export_keeps_what_was_saved(tmp_path):
    from infoview_kit.io.export import log_to_xlsx
    from infoview_kit.model import OutreachLog

    people = pd.DataFrame(
        {"owner": "me", "contact_id": ["c-1"], "name": ["Ada Example"], "role": ["-"],
         "organization": ["N/A"]}
    )  # fmt: skip
    back = load_log(log_to_xlsx(OutreachLog(people), tmp_path / "out.xlsx"), as_of=AS_OF)
    assert back.contacts[["role", "organization"]].iloc[0].tolist() == ["-", "N/A"]


def test_a_status_or_referrer_that_says_nothing_is_blank_and_not_reported():
    table = pd.DataFrame(
        {"Name": ["Ada Example", "Bo Sample", "Cy Tester"], "Date contacted": ["2025-06-02"] * 3,
         "Status": ["-", "?", "unknown"], "Referred by": ["N/A", "none", "Nan Example"]}
    )  # fmt: skip
    log = load_log(table, as_of=AS_OF)
    assert log.report.problems.empty
    referrers = log.contacts.set_index("contact_id")["name"]
    named = log.contacts.dropna(subset=["referred_by"])
    assert named["name"].tolist() == ["Cy Tester"]
    assert referrers[named["referred_by"].iloc[0]] == "Nan Example"
