"""Formula cells saved without a result: named in the report, never dropped without a word."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from infoview_kit import errors
from infoview_kit.datasets.awkward import xlsx_bytes
from infoview_kit.io.formula_cells import (
    REASON,
    ZERO_REASON,
    may_lack_results,
    unsaved_formulas,
)
from infoview_kit.io.load import load_log
from infoview_kit.io.sheets import RawSheet, SkippedSheet, read_xlsx_sheets

AS_OF = "2025-07-01"
REMEDY = "open the file in Excel or LibreOffice and save it, then load it again"
ONE = f"{REASON}: the cell reads as empty ({REMEDY})"


def many(more: int, first: int, last: int) -> str:
    return (
        f"{REASON} here and in {more} more cells of this column (rows {first} to {last}): "
        f"they read as empty ({REMEDY})"
    )


def with_sheet_xml(data: bytes, change) -> bytes:
    """``data`` with every worksheet's XML passed through ``change`` (bytes -> bytes)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            part = source.read(info)
            if info.filename.startswith("xl/worksheets/"):
                part = change(part)
            target.writestr(info, part)
    return out.getvalue()


def saved(results: dict[str, bytes]):
    """An XML change giving cells the result Excel would have saved: ``{"F4": b'...'}``."""

    def change(xml: bytes) -> bytes:
        for ref, result in results.items():
            xml = re.sub(
                rb'(<c r="' + ref.encode() + rb'")([^>]*>.*?)<v ?/>', rb"\1\2" + result, xml
            )
        return xml

    return change


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def report_rows(log) -> list[tuple]:
    return [
        (r.file, int(r.row), r.column, None if pd.isna(r.value) else r.value, r.reason, r.kept)
        for r in log.report.problems.itertuples()
    ]


HEADER = ["First name", "Last name", "Name", "Email", "Date contacted", "Replied?", None]


def tracker_rows() -> list[list[object]]:
    """A title, a blank row, the header in row 3 and five people (rows 4-8) using formulas."""
    rows: list[list[object]] = [["My outreach, spring"], [], HEADER]
    for i in range(5):
        r = 4 + i
        rows.append(
            [
                "Ada",
                f"Example{i}",
                f'=A{r}&" "&B{r}',
                f"ada{i}@example.com",
                "=DATE(2025,3,4)" if i < 2 else "2025-03-05",
                f'=IF(E{r}="","","Yes")',
                "=TODAY()" if i == 4 else None,
            ]
        )
    return rows


def test_formulas_without_results_are_reported_by_row_and_column(tmp_path):
    path = write(tmp_path, "tracker.xlsx", xlsx_bytes({"Log": tracker_rows()}))
    log = load_log(path, as_of=AS_OF)
    label = str(path)
    assert report_rows(log) == [
        (label, 4, "Name", '=A4&" "&B4', many(4, 4, 8), True),
        (label, 4, "Date contacted", "=DATE(2025,3,4)", ONE, True),
        (label, 4, "Replied?", '=IF(E4="","","Yes")', many(4, 4, 8), True),
        (label, 5, "Date contacted", "=DATE(2025,3,4)", ONE, True),
        (label, 8, "(column G)", "=TODAY()", ONE, True),
    ]
    # The cells still read as empty (nothing is made up), and every row is accounted for.
    assert log.report.rows_read == log.report.rows_loaded == 5
    assert log.contacts["email"].tolist() == [f"ada{i}@example.com" for i in range(5)]
    assert (log.events["kind"] == "request_sent").sum() == 3


def test_formulas_with_saved_results_load_and_are_not_reported(tmp_path):
    results = {}
    for r in range(4, 9):
        results[f"C{r}"] = f"<v>Ada Example{r - 4}</v>".encode()
        results[f"F{r}"] = b"<v>Yes</v>"
    results.update({"E4": b"<v>45720</v>", "E5": b"<v>45720</v>", "G8": b"<v>45800</v>"})
    data = with_sheet_xml(xlsx_bytes({"Log": tracker_rows()}), saved(results))
    # Excel writes the cell's result type: text results are "str"
    data = with_sheet_xml(
        data, lambda xml: re.sub(rb'<c r="([CF][4-8])"', rb'<c t="str" r="\1"', xml)
    )
    path = write(tmp_path, "tracker.xlsx", data)
    log = load_log(path, as_of=AS_OF)
    # Only what any column without a name gets (G now holds a value): no formula row.
    assert report_rows(log) == [
        (str(path), 3, "(column G)", None, "column not recognised; kept as an extra column", True)
    ]
    assert log.contacts["name"].tolist() == [f"Ada Example{i}" for i in range(5)]
    assert (log.events["kind"] == "reply_received").sum() == 5


def test_an_empty_text_result_is_a_result(tmp_path):
    """=IF(x,"","...") saved by Excel or LibreOffice as t="str" with an empty value."""
    data = xlsx_bytes({"Log": [["Name", "Email", "Replied?"], ["Ada", "ada@example.com", '=""']]})
    data = with_sheet_xml(data, lambda xml: xml.replace(b'<c r="C2"', b'<c r="C2" t="str"'))
    data = with_sheet_xml(data, lambda xml: xml.replace(b"<v />", b"<v></v>"))
    path = write(tmp_path, "t.xlsx", data)
    assert unsaved_formulas(path) == {}
    assert load_log(path, as_of=AS_OF).report.problems.empty


def test_a_formula_free_workbook_reads_exactly_as_before(tmp_path):
    rows = [["Name", "Email", "Notes"], ["Ada", "ada@example.com", "met at a fair"]]
    path = write(tmp_path, "plain.xlsx", xlsx_bytes({"Log": rows}))
    with zipfile.ZipFile(path) as archive:
        assert not may_lack_results(archive, "xl/worksheets/sheet1.xml")
    assert unsaved_formulas(path) == {}
    (sheet,) = read_xlsx_sheets(path, "plain.xlsx")
    assert isinstance(sheet, RawSheet) and sheet.notes == []
    assert sheet.table.to_numpy().tolist() == [["Ada", "ada@example.com", "met at a fair"]]


def test_text_that_looks_like_a_formula_is_not_one(tmp_path):
    """Text that starts with "=" or holds "f>" is data, not a formula: read, not reported."""
    data = xlsx_bytes({"Log": [["Name", "Email", "Notes"], ["Ada", "ada@example.com", "x"]]})
    data = with_sheet_xml(data, lambda xml: xml.replace(b"<t>x</t>", b"<t>=1+1 f> &lt;f&gt;</t>"))
    path = write(tmp_path, "t.xlsx", data)
    assert unsaved_formulas(path) == {}
    log = load_log(path, as_of=AS_OF)
    assert log.report.problems.empty
    assert log.contacts["notes"].tolist() == ["=1+1 f> <f>"]


def test_shared_formulas_show_each_cells_own_formula(tmp_path):
    """Excel writes a formula filled down once (si="0") and the other cells point to it."""
    rows = [["Name", "Email", "Company"]] + [[f"P{i}", f"p{i}@example.com", "x"] for i in range(3)]
    data = xlsx_bytes({"Log": rows})

    def share(xml: bytes) -> bytes:
        def cell(r: int) -> bytes:
            if r == 2:
                return b'<c r="C2"><f t="shared" ref="C2:C4" si="0">UPPER(A2)</f><v /></c>'
            return b'<c r="C%d"><f t="shared" si="0"/></c>' % r

        return re.sub(
            rb'<c r="C([2-4])" t="inlineStr"><is><t>x</t></is></c>',
            lambda m: cell(int(m.group(1))),
            xml,
        )

    path = write(tmp_path, "shared.xlsx", with_sheet_xml(data, share))
    found = unsaved_formulas(path)["Log"].unsaved[2]
    assert list(found.rows) == [2, 3, 4]
    assert found.formulas == {2: "=UPPER(A2)", 3: "=UPPER(A3)", 4: "=UPPER(A4)"}
    rows = [
        (r.row, r.column, r.value) for r in load_log(path, as_of=AS_OF).report.problems.itertuples()
    ]
    assert rows == [
        (2, "Company", "=UPPER(A2)"),
        (3, "Company", "=UPPER(A3)"),
        (4, "Company", "=UPPER(A4)"),
    ]


def test_a_namespace_prefix_is_understood(tmp_path):
    """Some programs write every tag with a prefix (<x:c>, <x:f>)."""
    data = xlsx_bytes({"Log": [["Name", "Email", "Replied?"], ["Ada", "ada@example.com", "=1=1"]]})
    main = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"

    def prefix(xml: bytes) -> bytes:
        xml = xml.replace(b'xmlns="' + main + b'"', b'xmlns:x="' + main + b'"')
        return re.sub(rb"<(/?)(?=[a-zA-Z])", rb"<\1x:", xml)

    path = write(tmp_path, "prefixed.xlsx", with_sheet_xml(data, prefix))
    found = unsaved_formulas(path)["Log"].unsaved
    assert list(found[2].rows) == [2]
    assert found[2].formulas == {2: "=1=1"}


def test_validation_lists_after_the_cells_are_not_formula_cells(tmp_path):
    """A drop-down list's source is written <xm:f> after the cells: no second read for it."""
    data = xlsx_bytes({"Log": [["Name", "Email"], ["Ada", "ada@example.com"]]})
    extension = (
        b'<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}"><x14:dataValidations '
        b'xmlns:x14="x14" xmlns:xm="xm" count="1"><x14:dataValidation><x14:formula1>'
        b"<xm:f>Lists!$A$1:$A$5</xm:f></x14:formula1></x14:dataValidation>"
        b"</x14:dataValidations></ext></extLst></worksheet>"
    )
    path = write(
        tmp_path,
        "dv.xlsx",
        with_sheet_xml(data, lambda xml: xml.replace(b"</worksheet>", extension)),
    )
    with zipfile.ZipFile(path) as archive:
        assert not may_lack_results(archive, "xl/worksheets/sheet1.xml")
    assert load_log(path, as_of=AS_OF).report.problems.empty


def test_each_sheet_is_named_and_a_sheet_of_formula_headers_says_why_it_was_skipped(tmp_path):
    data = xlsx_bytes(
        {
            "2025": [["Name", "Email", "Replied?"], ["Ada", "ada@example.com", "=TRUE()"]],
            "Built": [['="Name"', '="Email"'], ["Bo", "bo@example.com"]],
        }
    )
    path = write(tmp_path, "book.xlsx", data)
    log = load_log(path, as_of=AS_OF)
    assert report_rows(log) == [(f"{path} [2025]", 2, "Replied?", "=TRUE()", ONE, True)]
    files = log.report.files.set_index("file")
    assert files.loc[f"{path} [Built]", "status"] == "skipped"
    assert files.loc[f"{path} [Built]", "message"].endswith(
        f"no row of column names was found (2 cells hold formulas with no saved result: {REMEDY})"
    )


def test_a_long_formula_is_cut_and_the_reason_holds_no_cell_text(tmp_path):
    long = "=" + "+".join(f'IF(A2="Ada Example","x{i}","")' for i in range(10))
    data = xlsx_bytes({"Log": [["Name", "Email", "Tag"], ["Ada Example", "ada@example.com", long]]})
    log = load_log(write(tmp_path, "t.xlsx", data), as_of=AS_OF)
    problems = log.report.problems
    (row,) = problems[problems["reason"].str.startswith(REASON)].itertuples()
    assert len(row.value) == 60 and row.value.endswith("…") and long.startswith(row.value[:-1])
    assert row.reason == ONE


def test_damaged_sheet_xml_is_one_line_not_a_traceback(tmp_path):
    data = xlsx_bytes({"Log": [["Name", "Email"], ["Ada", "ada@example.com"]]})
    broken = with_sheet_xml(data, lambda xml: xml.replace(b"</sheetData>", b"<f>1</sheetData>"))
    with pytest.raises(errors.UnreadableFileError, match=r"t\.xlsx could not be read as an Excel"):
        read_xlsx_sheets(write(tmp_path, "t.xlsx", broken), "t.xlsx")


def test_workbook_relationships_may_name_parts_relative_or_absolute(tmp_path):
    data = xlsx_bytes({"A": [["Name", "Email", "X"], ["Ada", "ada@example.com", "=1"]]})
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            part = source.read(info)
            if info.filename == "xl/_rels/workbook.xml.rels":
                assert b'Target="/xl/worksheets/sheet1.xml"' in part
                part = part.replace(b"/xl/worksheets/sheet1.xml", b"worksheets/sheet1.xml")
            target.writestr(info, part)
    path = write(tmp_path, "rel.xlsx", out.getvalue())
    assert list(unsaved_formulas(path)["A"].unsaved[2].rows) == [2]
    sheets = read_xlsx_sheets(path, "rel.xlsx")
    assert not any(isinstance(s, SkippedSheet) for s in sheets)
    assert [note[:3] for note in sheets[0].notes] == [(2, "X", "=1")]


def in_workbook_xml(data: bytes, change) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            part = source.read(info)
            target.writestr(info, change(part) if info.filename == "xl/workbook.xml" else part)
    return out.getvalue()


def test_a_stand_in_zero_is_reported_where_the_workbook_asks_to_be_recalculated(tmp_path):
    """XlsxWriter saves 0 as every formula's result and flags the workbook to be recalculated
    when opened (fullCalcOnLoad): the 0 is kept as read, and the report says it may be wrong."""
    rows = [["Name", "Email", "Replied?", "Meetings"]]
    rows += [[f"P{i}", f"p{i}@example.com", f'=IF(A{i + 2}="","","Yes")', "=0+0"] for i in range(5)]
    data = with_sheet_xml(xlsx_bytes({"Log": rows}), lambda xml: xml.replace(b"<v />", b"<v>0</v>"))
    assert b'fullCalcOnLoad="1"' in zipfile.ZipFile(io.BytesIO(data)).read("xl/workbook.xml")
    path = write(tmp_path, "made_by_a_script.xlsx", data)
    log = load_log(path, as_of=AS_OF)
    why = "the program that wrote the file leaves the working out to Excel"
    grouped = (
        f"{ZERO_REASON} here and in 4 more cells of this column (rows 2 to 6; {why}): "
        f"they read as 0, which may be wrong ({REMEDY})"
    )
    formula_rows = [row for row in report_rows(log) if row[4].startswith(ZERO_REASON)]
    assert formula_rows == [
        (str(path), 2, "Replied?", '=IF(A2="","","Yes")', grouped, True),
        (str(path), 2, "Meetings", "=0+0", grouped, True),
    ]
    # One cell alone gets its own row, in the same words.
    (sheet,) = read_xlsx_sheets(
        write(
            tmp_path,
            "one.xlsx",
            with_sheet_xml(
                xlsx_bytes(
                    {"Log": [["Name", "Email", "Score"], ["Ada", "ada@example.com", "=1-1"]]}
                ),
                lambda xml: xml.replace(b"<v />", b"<v>0</v>"),
            ),
        ),
        "one.xlsx",
    )
    assert sheet.notes == [
        (
            2,
            "Score",
            "=1-1",
            f"{ZERO_REASON} ({why}): the cell reads as 0, which may be wrong ({REMEDY})",
        )
    ]
    assert sheet.table[2].tolist() == [0]  # the value is kept as read


def test_a_zero_saved_by_a_spreadsheet_is_a_result(tmp_path):
    """Excel and LibreOffice compute before saving and do not flag the file: 0 is a real result."""
    rows = [["Name", "Email", "Meetings"], ["Ada", "ada@example.com", "=0+0"]]
    data = with_sheet_xml(xlsx_bytes({"Log": rows}), lambda xml: xml.replace(b"<v />", b"<v>0</v>"))
    data = in_workbook_xml(data, lambda xml: xml.replace(b' fullCalcOnLoad="1"', b""))
    path = write(tmp_path, "saved.xlsx", data)
    assert unsaved_formulas(path) == {}
    assert read_xlsx_sheets(path, "saved.xlsx")[0].notes == []


def test_a_sheet_laid_out_on_lines_is_searched_too(tmp_path):
    """White space between tags (a file written by hand or by a pretty printer)."""
    data = xlsx_bytes({"Log": [["Name", "Email", "Replied?"], ["Ada", "ada@example.com", "=1=1"]]})
    laid_out = with_sheet_xml(
        data, lambda xml: xml.replace(b"<v />", b"").replace(b"><", b">\n  <")
    )
    path = write(tmp_path, "lines.xlsx", laid_out)
    assert list(unsaved_formulas(path)["Log"].unsaved[2].rows) == [2]


def test_excels_own_layout_with_every_result_saved_is_not_parsed_again(tmp_path):
    """Excel starts the part with an XML declaration and a line break: only the cells count."""
    data = xlsx_bytes({"Log": [["Name", "Email", "Replied?"], ["Ada", "ada@example.com", "=1=1"]]})

    def as_excel(xml: bytes) -> bytes:
        xml = xml.replace(b'<c r="C2">', b'<c r="C2" t="b">').replace(b"<v />", b"<v>1</v>")
        return b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' + xml

    path = write(tmp_path, "excel.xlsx", with_sheet_xml(data, as_excel))
    with zipfile.ZipFile(path) as archive:
        assert not may_lack_results(archive, "xl/worksheets/sheet1.xml")
    log = load_log(path, as_of=AS_OF)
    assert log.report.problems.empty
    assert (log.events["kind"] == "reply_received").sum() == 1


def test_cells_sharing_a_saved_formula_without_their_own_results(tmp_path):
    rows = [["Name", "Email", "Company"]] + [[f"P{i}", f"p{i}@example.com", "x"] for i in range(3)]

    def share(xml: bytes) -> bytes:
        def cell(r: int) -> bytes:
            if r == 2:  # the first cell has its result; the others point to it and have none
                return (
                    b'<c r="C2" t="str"><f t="shared" ref="C2:C4" si="0">UPPER(A2)</f><v>P0</v></c>'
                )
            return b'<c r="C%d"><f t="shared" si="0"/></c>' % r

        return re.sub(
            rb'<c r="C([2-4])" t="inlineStr"><is><t>x</t></is></c>',
            lambda m: cell(int(m.group(1))),
            xml,
        )

    path = write(tmp_path, "shared.xlsx", with_sheet_xml(xlsx_bytes({"Log": rows}), share))
    found = unsaved_formulas(path)["Log"].unsaved[2]
    assert found.formulas == {3: "=UPPER(A3)", 4: "=UPPER(A4)"}


def test_formulas_kept_as_text_are_bounded_and_every_cell_still_counted(tmp_path, monkeypatch):
    """A hostile sheet of millions of formulas costs its row numbers, not its formulas' text."""
    from infoview_kit.io import formula_cells

    monkeypatch.setattr(formula_cells, "TEXTS_KEPT", 2)
    rows = [["Name", "Email", "A", "B", "C"]]
    rows += [[f"P{r}", f"p{r}@example.com", f"={r}+1", f"={r}+2", f"={r}+3"] for r in range(4)]
    path = write(tmp_path, "many.xlsx", xlsx_bytes({"Log": rows}))
    found = unsaved_formulas(path)["Log"].unsaved
    assert [len(found[c].rows) for c in (2, 3, 4)] == [4, 4, 4]
    assert sum(len(found[c].formulas) for c in (2, 3, 4)) == 2
    (sheet,) = read_xlsx_sheets(path, "many.xlsx")
    assert [(row, column, value) for row, column, value, _ in sheet.notes] == [
        (2, "A", "=0+1"),
        (2, "B", "=0+2"),
        (2, "C", None),  # its text was not kept: the row and column still are
    ]
