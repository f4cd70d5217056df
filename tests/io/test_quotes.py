"""A quote typed at the start of a cell and never closed does not swallow the rows below it."""

from __future__ import annotations

import pytest

from infoview_kit.io.load import load_log
from infoview_kit.io.quotes import read_records

AS_OF = "2025-07-01"


def write(tmp_path, text: str, name: str = "t.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


def people(n: int, *, start: int = 0, sep: str = ",") -> list[str]:
    return [sep.join([f"P{i} Example", f"p{i}@example.com", "2025-06-02"]) for i in range(start, n)]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_quote_open_to_the_end_of_the_file_gives_every_row_back(tmp_path, newline):
    lines = ["Name,Email,Date contacted", '"Ana Example,ana@example.com,2025-06-01', *people(500)]
    log = load_log(write(tmp_path, newline.join(lines) + newline), as_of=AS_OF)
    assert log.report.rows_loaded == 501
    assert log.contacts["name"].iloc[0] == "Ana Example"
    assert log.contacts["email"].iloc[-1] == "p499@example.com"
    assert (log.events["kind"] == "request_sent").sum() == 501
    (problem,) = log.report.problems.itertuples()
    assert (problem.row, problem.column, problem.value, problem.kept) == (
        2,
        "Name",
        "Ana Example",
        True,
    )
    assert "never closed" in problem.reason and "500 lines below" in problem.reason
    # the rows after it keep the numbers a spreadsheet shows once the quote is removed
    assert log.events["source"].iloc[-1].endswith("t.csv:502")


def test_a_quote_closed_by_a_later_stray_quote(tmp_path):
    lines = [
        "Name;Email;Date contacted",
        "Ana Example;ana@example.com;2025-06-01",
        'Dee Example;"dee@example.com;2025-06-03',
        *people(3, sep=";"),
        'Fay "F" Example;fay@example.com;2025-06-04',
        "Gus Example;gus@example.com;2025-06-05",
    ]
    log = load_log(write(tmp_path, "\n".join(lines) + "\n"), as_of=AS_OF)
    assert log.contacts["email"].tolist() == [
        "ana@example.com",
        "dee@example.com",
        "p0@example.com",
        "p1@example.com",
        "p2@example.com",
        "fay@example.com",
        "gus@example.com",
    ]
    problems = log.report.problems
    assert problems[["row", "column", "value"]].values.tolist() == [[3, "Email", "dee@example.com"]]


def test_real_multi_line_notes_are_left_alone(tmp_path):
    # lines inside a note that read like rows, but the note's quote is closed properly
    text = (
        "Name,Email,Notes\n"
        'Ana Example,ana@example.com,"Met at the fair, talked, a lot\nabout x, y and z, too"\n'
        'Bo Example,"bo@example.com","a, b, c\nd, e, f"\n'
    )
    log = load_log(write(tmp_path, text), as_of=AS_OF)
    assert log.contacts["notes"].tolist() == [
        "Met at the fair, talked, a lot\nabout x, y and z, too",
        "a, b, c\nd, e, f",
    ]
    assert log.report.problems.empty


def test_read_records_keeps_quoted_cells_on_the_runaway_line():
    text = 'Name,Org,Email\nAna,"Acme, Inc.","ana@example.com\nBo,Globex,bo@example.com\n'
    records, notes = read_records(text, ",", width=3, first_row=1)
    assert records[1:] == [
        ["Ana", "Acme, Inc.", "ana@example.com"],
        ["Bo", "Globex", "bo@example.com"],
    ]
    assert [(row, column, value) for row, column, value, _ in notes] == [(2, 2, "ana@example.com")]
