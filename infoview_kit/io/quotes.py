"""A quote that is never closed: found, and the rows it swallowed given back.

In a CSV file a cell that starts with ``"`` runs until the next ``"``. A stray
quote typed at the start of a cell (``"Ana`` for ``Ana``) therefore swallows
every line after it, up to the next quote or the end of the file: a CSV
reader (and Excel) then shows one row where the file has hundreds, and the
rest of the log is silently gone.

:func:`find_runaway` looks at the cells a reader returned: a cell holding
several lines of which every one after the first reads like a whole row of
this file (as many delimiters as the header has columns) is a runaway. The
file is then read again by :func:`read_records`, one record at a time: the
lines of a runaway record are read each as its own row, the stray quote
dropped, and a note names the row, the column and what was done.

>>> text = 'Name,Email\\n"Ana,ana@example.com\\nBo,bo@example.com\\n'
>>> records, notes = read_records(text, ",", width=2, first_row=1)
>>> records
[['Name', 'Email'], ['Ana', 'ana@example.com'], ['Bo', 'bo@example.com']]
>>> notes[0][:2]
(2, 0)
"""

from __future__ import annotations

import csv
import io

import pandas as pd

#: At most this much of a runaway cell's first line is shown in the report.
SHOWN = 60


def _fields(line: str, delimiter: str) -> list[str]:
    """One physical line read on its own (a quote opened in it ends with the line)."""
    rows = list(csv.reader([line], delimiter=delimiter, strict=False))
    return rows[0] if rows else []


def _looks_like_rows(lines: list[str], delimiter: str, width: int) -> bool:
    """True if every line (at least one) that is not blank reads as a row of ``width`` cells."""
    full = [line for line in lines if line.strip()]
    return bool(full) and all(len(_fields(line, delimiter)) >= width for line in full)


def line_count(handle) -> int:
    """Lines left in a binary ``handle`` (a last line without a line break counts too)."""
    lf = cr = size = 0
    last = b""
    while chunk := handle.read(1 << 22):
        lf += chunk.count(b"\n")
        cr += chunk.count(b"\r")
        size += len(chunk)
        last = chunk[-1:]
    return max(lf, cr) + (1 if size and last not in (b"\n", b"\r") else 0)


def find_runaway(table: pd.DataFrame, delimiter: str, width: int) -> bool:
    """True if a cell of ``table`` holds lines that read as rows of their own (see module doc)."""
    if width < 2:
        return False
    for column in table.columns:
        values = table[column]
        try:
            multi = values.str.contains("\n", regex=False, na=False).to_numpy(dtype=bool)
        except AttributeError:  # no text in this column
            continue
        for text in values[multi].tolist():
            lines = text.splitlines()
            inner = lines[1:-1] if len(lines) > 2 else lines[1:]  # the last may end mid-row
            if inner and _looks_like_rows(inner, delimiter, width):
                return True
    return False


def _closed_well(line: str, delimiter: str) -> bool:
    """True if the quote that ends a multi-line cell on ``line`` is followed by a new cell."""
    at = line.replace('""', "  ").find('"')
    return at >= 0 and line[at + 1 : at + 2] in ("", delimiter)


def _split_runaway(
    lines: list[str], delimiter: str, width: int, *, at_end: bool
) -> tuple[list[list[str]], int] | None:
    """The rows of a runaway record's raw lines and the column its stray quote is in.

    A multi-line cell that closes with a quote followed by the next cell is a real
    multi-line note, whatever its lines hold; a record still open at the end of the file,
    or closed by a quote in the middle of a word, is a runaway when the lines it swallowed
    read as rows.
    """
    if len(lines) < 2 or (_closed_well(lines[-1], delimiter) and not at_end):
        return None
    inner = lines[1:] if at_end or len(lines) == 2 else lines[1:-1]
    if not _looks_like_rows(inner, delimiter, width):
        return None
    first = _fields(lines[0], delimiter)
    # Read alone, the first line's stray quote swallows the rest of that line into its last
    # cell: read that rest again as plain cells, without the quote.
    rest = first[-1] if first else ""
    tail = next(csv.reader([rest], delimiter=delimiter, quoting=csv.QUOTE_NONE), [""])
    rows = [first[:-1] + tail]
    rows += [_fields(line, delimiter) for line in lines[1:]]
    return rows, max(len(first) - 1, 0)


def read_records(
    text: str, delimiter: str, *, width: int, first_row: int
) -> tuple[list[list[str]], list[tuple[int, int, str, str]]]:
    """The records of ``text``, runaway quotes undone; and a note for each one undone.

    ``first_row`` is the row number of the first record (what the report shows);
    each note is ``(row, column position, value shown, reason)``.
    """
    lines = io.StringIO(text, newline="").readlines()
    reader = csv.reader(iter(lines), delimiter=delimiter, strict=False)
    records: list[list[str]] = []
    notes: list[tuple[int, int, str, str]] = []
    start = 0
    for record in reader:
        end = reader.line_num
        span = [line.rstrip("\r\n") for line in lines[start:end]]
        split = None
        if end - start > 1:
            still_open = end >= len(lines) and not _closed_well(span[-1], delimiter)
            split = _split_runaway(span, delimiter, width, at_end=still_open)
        if split is None:
            records.append(record)
        else:
            rows, column = split
            shown = rows[0][column] if column < len(rows[0]) else ""
            row = first_row + len(records)
            lines_below = (
                "line below was" if len(rows) == 2 else f"{len(rows) - 1:,} lines below were"
            )
            reason = (
                f"a quote in this cell is never closed, so the {lines_below} read into it; "
                "each line was read as its own row, without the quote"
            )
            notes.append((row, column, shown[:SHOWN], reason))
            records.extend(rows)
        start = end
    return records, notes
