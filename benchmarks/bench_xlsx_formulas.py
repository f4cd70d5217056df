"""What does looking for formulas saved without a result cost an .xlsx load?

Builds three workbooks of the same tracker (ROWS rows, 10 columns): one without
formulas, one whose "Replied?" column is a formula with no saved result (as a
script writes it), and the same with every result saved (as Excel saves it).
For each, prints the CPU time of reading every sheet (``read_xlsx_sheets``,
the search included) and of the search alone (``unsaved_formulas``), and the
search's share of the read. The target: about nothing without formulas.

Run: ``.venv/bin/python benchmarks/bench_xlsx_formulas.py [ROWS]`` (default 50,000).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from _common import ROOT, print_machine

sys.path.insert(0, str(ROOT))

from infoview_kit.io.formula_cells import unsaved_formulas
from infoview_kit.io.sheets import read_xlsx_sheets

HEADER = ["Name", "Email", "Company", "Channel", "Date contacted", "Replied?", "Meeting date",
          "Notes", "Role", "Field"]  # fmt: skip


def tracker(rows: int, *, formulas: bool) -> bytes:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Log")
    sheet.append(HEADER)
    start = dt.datetime(2025, 1, 6)
    for i in range(rows):
        r = i + 2
        replied = f'=IF(E{r}="","","Yes")' if formulas else "Yes"
        sheet.append([f"Person {i}", f"p{i}@example.com", f"Org {i % 300}", "email",
                      start + dt.timedelta(days=i % 200), replied, None, "met at a fair",
                      "Analyst", "Finance"])  # fmt: skip
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def with_results(data: bytes) -> bytes:
    """The workbook as Excel saves it: each formula followed by its (text) result."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            part = source.read(info)
            if info.filename.startswith("xl/worksheets/"):
                part = part.replace(b"<f>", b'<f t="normal">')  # marks the formula cells
                part = re.sub(rb'<c r="(F\d+)"><f t="normal">', rb'<c t="str" r="\1"><f>', part)
                part = part.replace(b"<v />", b"<v>Yes</v>")
            target.writestr(info, part, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def cpu(call, *args):
    """(CPU seconds, result) of ``call(*args)``."""
    start = time.process_time()
    result = call(*args)
    return time.process_time() - start, result


def main() -> None:
    print_machine()
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    with_formulas = tracker(rows, formulas=True)
    books = {
        "no formulas": tracker(rows, formulas=False),
        "formulas, no results": with_formulas,
        "formulas with results": with_results(with_formulas),
    }
    print(f"{rows:,} rows x {len(HEADER)} columns")
    print(f"{'workbook':24} {'read s':>8} {'search s':>9} {'share':>7} {'cells found':>12}")
    with tempfile.TemporaryDirectory() as tmp:
        for name, data in books.items():
            path = Path(tmp, "book.xlsx")
            path.write_bytes(data)
            read, _ = cpu(read_xlsx_sheets, path, "book.xlsx")
            search, found = cpu(unsaved_formulas, path)
            cells = sum(len(c.rows) for s in found.values() for c in s.unsaved.values())
            print(f"{name:24} {read:8.2f} {search:9.3f} {search / read:7.1%} {cells:12,}")


if __name__ == "__main__":
    main()
