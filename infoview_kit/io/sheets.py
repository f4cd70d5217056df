"""Bytes to raw tables: CSV (any Excel flavour), XLSX, JSON and DataFrames.

A :class:`RawSheet` is what a user sees in a spreadsheet: the header row as
written, the data rows below it (cells untouched, blank rows included) and,
for each data row, the row number Excel would show. Turning a sheet into
contacts and events is the job of :mod:`infoview_kit.io.layouts`.

The header row is the first row (of the first :data:`HEADER_SCAN_ROWS`) in
which at least two cells are known column names (:func:`headers.canonical_header`),
so titles and blank rows above it are skipped but still counted.

>>> sheet = frame_sheet(pd.DataFrame({"Name": ["Ada Example"], "Email": ["ada@example.com"]}))
>>> sheet.headers, sheet.rows.tolist(), sheet.header_row
(['Name', 'Email'], [2], 1)
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from infoview_kit.errors import NotALogError, UnreadableFileError
from infoview_kit.io import quotes
from infoview_kit.io.encodings import LEGACY_ENCODINGS, decode_text, looks_like_utf16
from infoview_kit.io.formula_cells import (
    SheetFormulas,
    formula_notes,
    skipped_reason,
    unsaved_formulas,
)
from infoview_kit.io.formulas import xlsx_unescape
from infoview_kit.io.headers import canonical_header
from infoview_kit.io.limits import LimitExceededError, Limits, resolve

#: How many rows are searched for the header row.
HEADER_SCAN_ROWS = 50
#: Bytes read to sniff a file's type, encoding, delimiter and header row.
HEAD_BYTES = 1 << 20
_DELIMITERS = (",", ";", "\t", "|")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_EXPECTED = "expected an outreach log (CSV, XLSX or JSON)"


@dataclass
class RawSheet:
    """One table as the user sees it (see the module docstring).

    ``table`` has positional columns ``0..n-1`` matching ``headers``; ``rows``
    holds the user-visible row number of each data row; ``header_row`` is the
    row number of the header (None when there is none, as in JSON).
    """

    label: str
    headers: list[str]
    table: pd.DataFrame
    rows: np.ndarray
    header_row: int | None
    #: True when text cells are already tidy: str dtype, no leading spaces, blank = missing.
    tidy: bool = False
    #: (row or None, column header or None, value or None, reason) the report should carry:
    #: lines read in another code page, quotes that were never closed.
    notes: list[tuple[int | None, str | None, str | None, str]] = field(default_factory=list)
    #: False when no cell can start with the quote an export puts before a formula
    #: (the file's bytes were searched), so no cell needs unquoting.
    quoted_formulas: bool = True
    #: False when no cell can hold a spreadsheet error value such as ``#N/A`` or ``Err:502``
    #: (in the file's bytes no cell starts with "#" and no "Err:" is written), or when the
    #: sheet is one of a workbook's own tables (what a person typed there is kept as typed).
    error_values: bool = True


@dataclass
class SkippedSheet:
    """A worksheet that does not look like a log (reported, not an error)."""

    label: str
    reason: str


@dataclass
class WorkbookTables:
    """The canonical ``contacts`` and ``events`` tables of a workbook (or JSON)."""

    contacts: RawSheet
    events: RawSheet


def clean_label(text: object) -> str:
    """A file name safe for a one-line message (control characters replaced)."""
    return _CONTROL.sub("?", str(text)).replace("\n", "?").replace("\r", "?")


def sniff(head: bytes) -> str:
    """What a file holds, judged from its first bytes.

    One of ``"empty"``, ``"xlsx"``, ``"zip"``, ``"xls"``, ``"json"``,
    ``"text"`` or ``"binary"``.

    >>> sniff(b"PK\\x03\\x04..."), sniff(b"Name,Email\\r\\n"), sniff(b" [{}]"), sniff(b"")
    ('zip', 'text', 'json', 'empty')
    """
    if not head.strip():
        return "empty"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "xls"
    for bom, _ in _BOMS[1:]:
        if head.startswith(bom):
            return "text"
    if looks_like_utf16(head) is not None:
        return "text"
    if b"\x00" in head:
        return "binary"
    stripped = head.lstrip(codecs.BOM_UTF8).lstrip()
    if stripped[:1] in (b"[", b"{"):
        return "json"
    text = head[:65536].decode("latin-1")
    if len(_CONTROL.findall(text)) > max(2, len(text) // 100):
        return "binary"
    return "text"


def is_xlsx(path: Path) -> bool:
    """True when the zip at ``path`` is an Office Open XML spreadsheet."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, KeyError, NotImplementedError):
        return False
    return "xl/workbook.xml" in names or any(n.startswith("xl/") for n in names)


def is_opendocument(path: Path) -> bool:
    """True when the zip at ``path`` is an OpenDocument file (.ods)."""
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.read("mimetype").startswith(b"application/vnd.oasis.opendocument")
    except Exception:  # any damage: it is not a readable .ods either
        return False


# --------------------------------------------------------------------------- header row


def _recognised(cells: list[object]) -> int:
    count = 0
    for cell in cells:
        if isinstance(cell, str) and cell.strip() and canonical_header(cell) is not None:
            count += 1
    return count


def find_header(records: list[list[object]]) -> int | None:
    """Index of the first record with at least two recognised column names, or of the
    record right below it when that one has more (a template's band of group titles,
    "Contact | Outreach", above the real column names).

    >>> find_header([["My outreach"], [], ["Name", "Company", "Notes"]])
    2
    >>> find_header([["Contact", "", "Outreach", ""], ["Name", "Email", "Date contacted",
    ...              "Replied"], ["Ada Example", "ada@example.com", "2025-04-01", "Y"]])
    1
    """
    for index, record in enumerate(records[:HEADER_SCAN_ROWS]):
        # A record of one cell (a line split on the wrong delimiter) cannot hold two names.
        found = _recognised(record) if len(record) >= 2 else 0
        if found >= 2:
            below = records[index + 1] if index + 1 < len(records) else []
            return index + 1 if _recognised(below) > found else index
    return None


def _no_header(label: str, width: int) -> NotALogError:
    return NotALogError(
        f"{label} is not an outreach log: no row of column names was found in its first "
        f"{HEADER_SCAN_ROWS} rows (columns seen: {width}); expected headers such as Name, "
        "Email, Company, Date contacted"
    )


# --------------------------------------------------------------------------- CSV


def _head_text(head: bytes, encoding: str, complete: bool) -> tuple[str, int]:
    """(text, bom length) of the first bytes of a file already known to be in ``encoding``."""
    bom = len(codecs.BOM_UTF8) if encoding == "utf-8" and head.startswith(codecs.BOM_UTF8) else 0
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    return decoder.decode(head[bom:], final=complete), bom


#: Bytes (UTF-8) that start a cell an export quoted: a quote before a formula character
#: (ASCII or full-width), before another quote, or before an error value ("'#N/A",
#: "'Err:502"); see ``io.formulas``.
_QUOTED_FORMULA = re.compile(rb"'(?:[=+\-@\t\r'#]| *#| *[Ee][Rr][Rr])|'\xef\xbc[\x8b\x8d\x9d\xa0]")


#: Bytes a cell starts after: a delimiter, a line break, a quote.
_CELL_START = frozenset(b',;\t|\n\r"')
#: "#" characters looked at in a file before it is taken to hold error values (each column is
#: then searched, which costs less than walking a file of hash signs one by one).
_HASHES_LOOKED_AT = 100_000


def _may_hold_error_values(chunk: bytes, tail: bytes, seen: int) -> tuple[bool, int]:
    """Whether a cell in ``chunk`` may hold a spreadsheet error value, and the "#" seen so far.

    True when a "#" starts a cell (after a delimiter, a line break or a quote, spaces
    aside: the "#" of "Team #3" does not) or "rr:" is there (LibreOffice's "Err:502").
    One byte is found at memory speed and the hash signs are few, so this costs a small
    part of what the formula search above costs.
    """
    if b":" in chunk and b"rr:" in tail + chunk:
        return True, seen
    at = chunk.find(b"#")
    while at >= 0:
        seen += 1
        if seen > _HASHES_LOOKED_AT:
            return True, seen
        before = at - 1
        while before >= 0 and chunk[before] == 32:  # spaces
            before -= 1
        if before < 0 or chunk[before] in _CELL_START:  # (the chunk's start: to be safe)
            return True, seen
        at = chunk.find(b"#", at + 1)
    return False, seen


def _is_utf8(handle, head: bytes) -> tuple[bool, bool, bool]:
    """Whether the whole file (``head`` already read, the rest from ``handle``) is UTF-8,
    whether it holds a cell an export quoted against formulas, and whether a cell may hold
    a spreadsheet error value (see :func:`_may_hold_error_values`): bytes searched as read."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    chunk, tail, quoted, errors, hashes = head, b"", False, False, 0
    try:
        while chunk:
            if not (chunk.isascii() and not decoder.getstate()[0]):  # ASCII needs no decoding
                decoder.decode(chunk)
            quoted = quoted or _QUOTED_FORMULA.search(tail + chunk) is not None
            if not errors:
                errors, hashes = _may_hold_error_values(chunk, tail, hashes)
            tail = chunk[-3:]  # a match may straddle two chunks
            chunk = handle.read(HEAD_BYTES)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False, True, True
    return True, quoted, errors


def _text_source(
    path: Path, label: str
) -> tuple[Path | bytes, str, list[tuple[int | None, str]], bool, bool]:
    """Where to read a text file from, in which encoding, and what to tell the user.

    UTF-8 files (most) are read from disk as they are. Others are decoded by
    :func:`encodings.decode_text`: a file in one code page is read from its
    bytes in that code page; UTF-16 and UTF-8 with a few odd lines become
    UTF-8 bytes.
    """
    try:
        with open(path, "rb") as handle:
            head = handle.read(HEAD_BYTES)
            wide = head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
            if not wide and looks_like_utf16(head) is None:
                utf8, quoted, errors = _is_utf8(handle, head)
                if utf8:
                    return path, "utf-8", [], quoted, errors
        data = path.read_bytes()
    except OSError:
        raise UnreadableFileError(f"{label} could not be opened") from None
    try:
        decoded = decode_text(data)
    except UnicodeDecodeError:
        raise UnreadableFileError(f"{label} could not be read as UTF-16 text") from None
    if decoded.encoding in LEGACY_ENCODINGS:
        return data, decoded.encoding, decoded.notes, True, True
    return decoded.text.encode("utf-8"), "utf-8", decoded.notes, True, True


def _open_source(source: Path | bytes):
    return io.BytesIO(source) if isinstance(source, bytes) else open(source, "rb")


def _scan_records(text: str, delimiter: str) -> list[tuple[list[str], int]]:
    """The first records of ``text`` with, for each, the lines consumed so far."""
    lines = io.StringIO(text, newline="").readlines()
    reader = csv.reader(iter(lines), delimiter=delimiter, strict=False)
    out: list[tuple[list[str], int]] = []
    try:
        for record in reader:
            out.append((record, reader.line_num))
            if len(out) >= HEADER_SCAN_ROWS:
                break
    except csv.Error:
        pass
    return out


def read_csv_sheet(path: Path, label: str, *, strip: bool = True) -> RawSheet:
    """Read a delimited text file (sniffing encoding, delimiter and header row).

    ``strip=False`` keeps spaces at the start of a cell (a workbook's tables are
    read back exactly as the store wrote them: their cells are never read as spreadsheet
    error values either). Lines read in another code page
    than the rest of the file are listed in the sheet's ``notes``.
    """
    source, encoding, notes, quoted, errors = _text_source(path, label)
    try:
        with _open_source(source) as handle:
            head = handle.read(HEAD_BYTES)
            complete = len(head) < HEAD_BYTES or not handle.read(1)
    except OSError:
        raise UnreadableFileError(f"{label} could not be opened") from None
    text, bom = _head_text(head, encoding, complete)
    if not complete:
        # Only whole lines of the head are scanned.
        cut = max(text.rfind("\n"), text.rfind("\r"))
        text = text[: cut + 1] if cut >= 0 else text
    delimiter, header_index, records = _choose_delimiter(text)
    if header_index is None:
        width = max((len(r) for r, _ in records), default=0)
        raise _no_header(label, width)
    header, lines_used = records[header_index]
    consumed = "".join(io.StringIO(text, newline="").readlines()[:lines_used])
    offset = bom + len(consumed.encode(encoding, errors="replace"))
    try:
        with _open_source(source) as handle:
            handle.seek(offset)
            table = _read_delimited(handle, delimiter, len(header), encoding, strip=strip)
    except (
        pd.errors.ParserError,
        pd.errors.ParserWarning,
        ValueError,
        csv.Error,
        OverflowError,
    ):
        table = _read_slow(source, offset, delimiter, encoding, label)
    except OSError:
        raise UnreadableFileError(f"{label} could not be read") from None
    table, repaired = _undo_runaway_quotes(
        table,
        source,
        offset,
        delimiter,
        encoding,
        header=header,
        header_index=header_index,
        whole=head if complete else None,
    )
    sheet = _make_sheet(label, header, table, header_index)
    sheet.tidy = all(dtype == "str" for dtype in sheet.table.dtypes)
    sheet.notes = [(row, None, None, reason) for row, reason in notes] + repaired
    sheet.quoted_formulas = quoted
    sheet.error_values = errors and strip
    return sheet


def _undo_runaway_quotes(
    table: pd.DataFrame,
    source: Path | bytes,
    offset: int,
    delimiter: str,
    encoding: str,
    *,
    header: list[object],
    header_index: int,
    whole: bytes | None = None,
) -> tuple[pd.DataFrame, list[tuple[int | None, str | None, str | None, str]]]:
    """``table``, or the file read again with its never-closed quotes undone; and their notes.

    Only a file with more lines than records (some cell holds a line break) is looked at.
    ``whole`` is the file's bytes when they were read already (a small file).
    """
    width = len(header)
    with io.BytesIO(whole) if whole is not None else _open_source(source) as handle:
        handle.seek(offset)
        if quotes.line_count(handle) <= len(table):
            return table, []
        if not quotes.find_runaway(table, delimiter, width):
            return table, []
        handle.seek(offset)
        text = handle.read().decode(encoding, errors="replace")
    records, found = quotes.read_records(text, delimiter, width=width, first_row=header_index + 2)
    if not found:  # only real multi-line notes: the table as first read
        return table, []
    names = [("" if h is None else str(h)).strip() or None for h in header]
    notes = [
        (row, names[col] if col < width else None, value, reason)
        for row, col, value, reason in found
    ]
    return _records_frame(records), notes


def _choose_delimiter(text: str) -> tuple[str, int | None, list[tuple[list[str], int]]]:
    best: tuple[int, int] = (-1, 0)
    choice: tuple[str, int | None, list[tuple[list[str], int]]] = (",", None, [])
    for rank, delimiter in enumerate(_DELIMITERS):
        if rank and delimiter not in text:
            continue  # every record would be one cell: no header row can be found
        records = _scan_records(text, delimiter)
        index = find_header([r for r, _ in records])
        score = _recognised(records[index][0]) if index is not None else 0
        if index is not None and (score, -rank) > best:
            best = (score, -rank)
            choice = (delimiter, index, records)
        elif not choice[2]:
            choice = (",", None, records)
    return choice


def _read_delimited(
    handle, delimiter: str, width: int, encoding: str, *, strip: bool = True
) -> pd.DataFrame:
    with warnings.catch_warnings():
        # A row longer than the header would be cut silently: make it an error (slow path).
        warnings.simplefilter("error", pd.errors.ParserWarning)
        return _read_fast(handle, delimiter, width, encoding, strip=strip)


def _read_fast(
    handle, delimiter: str, width: int, encoding: str, *, strip: bool = True
) -> pd.DataFrame:
    return pd.read_csv(
        handle,
        sep=delimiter,
        header=None,
        names=list(range(max(width, 1))),
        index_col=False,
        dtype=str,
        keep_default_na=False,
        na_values=[""],
        skip_blank_lines=False,
        encoding=encoding,
        engine="c",
        quotechar='"',
        skipinitialspace=strip,
    )


def _read_slow(
    source: Path | bytes, offset: int, delimiter: str, encoding: str, label: str
) -> pd.DataFrame:
    """Ragged or oddly quoted files: the csv module, cell by cell."""
    try:
        with _open_source(source) as handle:
            handle.seek(offset)
            text = handle.read().decode(encoding, errors="replace")
        csv.field_size_limit(1 << 30)
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False))
    except (csv.Error, OSError, MemoryError):
        raise UnreadableFileError(
            f"{label} could not be read as CSV (a quote is never closed or the file is damaged)"
        ) from None
    return _records_frame(records)


def _records_frame(records: list[list[object]]) -> pd.DataFrame:
    width = max((len(r) for r in records), default=0)
    padded = [list(r) + [None] * (width - len(r)) for r in records]
    frame = pd.DataFrame(padded, columns=list(range(width)), dtype=object)
    return frame.mask(frame == "")


def _make_sheet(
    label: str, header: list[object], table: pd.DataFrame, header_index: int
) -> RawSheet:
    width = max(len(header), table.shape[1])
    headers = [("" if h is None else str(h)) for h in header] + [""] * (width - len(header))
    if table.shape[1] < width:
        table = table.reindex(columns=range(width))
    # Set only when they differ: on a small file, setting them costs more than reading it.
    if table.columns.tolist() != list(range(width)):
        table.columns = list(range(width))
    index = table.index
    if not (isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1):
        table.index = pd.RangeIndex(len(table))
    rows = np.arange(len(table), dtype=np.int64) + header_index + 2
    return RawSheet(label, headers, table, rows, header_index + 1)


# --------------------------------------------------------------------------- XLSX


def read_xlsx_sheets(
    path: Path, label: str, *, limits: Limits | None = None
) -> list[RawSheet | SkippedSheet]:
    """Every worksheet of an ``.xlsx`` file: a RawSheet, or SkippedSheet when it holds no log.

    Read in openpyxl's read-only mode, row by row, whatever size the file
    declares: only the cells that hold something are kept (a stray cell in
    the last row and column costs one cell, not a grid of billions), counted
    against ``limits.cells``. Blank rows are left out; each data row keeps the
    row number Excel shows.
    """
    limits = resolve(limits)
    _check_parts(path, label, limits)
    import openpyxl

    try:
        with warnings.catch_warnings():
            # openpyxl warns about styles, data validation and the like: not the user's problem.
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
            try:
                grids = _xlsx_grids(book, label, limits)
            finally:
                book.close()
            unsaved = unsaved_formulas(path)  # they read as empty: the report names them
    except LimitExceededError:
        raise
    except Exception:  # openpyxl raises many types on damaged files
        raise UnreadableFileError(
            f"{label} could not be read as an Excel workbook (the file is damaged or not .xlsx)"
        ) from None
    several = len(grids) > 1
    out: list[RawSheet | SkippedSheet] = []
    for name, (numbers, records) in grids.items():
        sheet_label = f"{label} [{clean_label(name)}]" if several else label
        out.append(_xlsx_sheet(sheet_label, numbers, records, unsaved.get(name)))
    return out


def _check_parts(path: Path, label: str, limits: Limits) -> None:
    """Refuse a workbook whose parts declare more than the unpacking budget, before reading."""
    try:
        with zipfile.ZipFile(path) as archive:
            declared = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, KeyError, NotImplementedError):
        raise UnreadableFileError(
            f"{label} could not be read as an Excel workbook (the file is damaged or not .xlsx)"
        ) from None
    if declared > limits.unpacked_bytes:
        raise limits.exceeded(label, "unpacks to more than", "unpacked_mb")


def _xlsx_grids(book, label: str, limits: Limits) -> dict[str, tuple[list[int], list[list]]]:
    """Sheet name -> (Excel row numbers, cells) of the rows that hold something."""
    grids: dict[str, tuple[list[int], list[list]]] = {}
    cells = 0
    for sheet in book.worksheets:
        sheet.reset_dimensions()  # the declared size may be anything: read what is there
        numbers: list[int] = []
        records: list[list] = []
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            if not row:  # a row the file skips (openpyxl yields an empty one in its place)
                continue
            values = [_xlsx_value(value) for value in row]
            while values and values[-1] is None:
                values.pop()
            if not values:
                continue
            cells += len(values)
            if cells > limits.cells:
                raise limits.exceeded(label, "has more than", "cells")
            numbers.append(number)
            records.append(values)
        grids[sheet.title] = (numbers, records)
    return grids


def _xlsx_value(value: object) -> object:
    """A cell's value: whole numbers as int, an empty text as None, other text as typed.

    Words such as "N/A" or "None" are text here, as in a CSV file: where they mean
    "nothing", the layouts read them so (:mod:`infoview_kit.io.placeholders`), the
    same for every format; in a note they are kept.
    """
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and not value:
        return None
    return value


def _xlsx_sheet(
    label: str, numbers: list[int], records: list[list], unsaved: SheetFormulas | None
) -> RawSheet | SkippedSheet:
    """One worksheet's rows (sparse: blank rows left out) as a RawSheet.

    ``unsaved`` holds its formula cells whose result the file does not hold (they
    read as empty, or as a stand-in 0): the sheet's notes name them.
    """
    scan = [i for i, n in enumerate(numbers) if n <= HEADER_SCAN_ROWS]
    index = find_header([records[i] for i in scan])
    if index is None:
        why = skipped_reason(unsaved) if unsaved else ""
        return SkippedSheet(label, "no row of column names was found" + why)
    header = [_header_text(v) for v in records[index]]
    body = records[index + 1 :]
    # Columns with neither a name nor a value hold nothing: a stray far cell adds one column.
    used = {p for p, name in enumerate(header) if name}
    for record in body:
        used.update(p for p, value in enumerate(record) if value is not None)
    positions = sorted(used | set(range(len(header))))
    where = {p: k for k, p in enumerate(positions)}
    columns = [np.full(len(body), None, dtype=object) for _ in positions]
    for i, record in enumerate(body):
        for p, value in enumerate(record):
            if value is not None:
                columns[where[p]][i] = xlsx_unescape(value) if isinstance(value, str) else value
    table = pd.DataFrame(dict(enumerate(columns)), index=pd.RangeIndex(len(body)), dtype=object)
    if not positions:
        table = pd.DataFrame(index=pd.RangeIndex(len(body)))
    headers = [header[p] if p < len(header) else "" for p in positions]
    rows = np.asarray(numbers[index + 1 :], dtype=np.int64)
    sheet = RawSheet(label, headers, table, rows, numbers[index])
    if unsaved:
        sheet.notes = formula_notes(unsaved, header_row=numbers[index], names=header)
    return sheet


def _header_text(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value)


# --------------------------------------------------------------------------- JSON


def read_json_tables(path: Path, label: str) -> RawSheet | WorkbookTables:
    """A list of records, or ``{"contacts": [...], "events": [...]}``."""
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise UnreadableFileError(f"{label} is not valid JSON") from None
    except OSError:
        raise UnreadableFileError(f"{label} could not be read") from None
    if isinstance(data, list):
        return records_sheet(data, label)
    if isinstance(data, dict) and ("contacts" in data or "events" in data):
        contacts, events = data.get("contacts", []), data.get("events", [])
        if isinstance(contacts, list) and isinstance(events, list):
            return WorkbookTables(
                records_sheet(contacts, label, allow_empty=True),
                records_sheet(events, label, allow_empty=True),
            )
    records = _records_inside(data)
    if records is not None:
        return records_sheet(records, label)
    raise NotALogError(
        f'{label} is not an outreach log: expected a list of records or {{"contacts": [...], '
        '"events": [...]}'
    )


def _records_inside(data: object) -> list[object] | None:
    """The one list of records an export wraps in an object (``{"records": [...]}``, as
    Airtable writes; ``{"data": [...]}``, ``{"items": [...]}``), or None."""
    if not isinstance(data, dict):
        return None
    lists = [
        value
        for value in data.values()
        if isinstance(value, list) and value and all(isinstance(r, dict) for r in value)
    ]
    return lists[0] if len(lists) == 1 else None


#: Keys under which tools put a record's own fields (Airtable: ``{"id": ..., "fields": {...}}``):
#: their fields keep their own names. Any other object in a record ("Meeting": {"date": ...})
#: gives columns named after both ("Meeting date").
FIELD_HOLDERS = frozenset({"fields", "properties", "attributes", "values", "data"})
#: Objects nested deeper than this stay one cell of JSON text.
_FLAT_DEPTH = 3


def _flat_record(record: dict, depth: int = 0) -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in record.items():
        if isinstance(value, dict) and depth < _FLAT_DEPTH:
            holder = str(key).casefold() in FIELD_HOLDERS
            for inner, cell in _flat_record(value, depth + 1).items():
                name = inner if holder and inner not in record else f"{key} {inner}"
                out.setdefault(name, cell)
        else:
            out.setdefault(str(key), value)
    return out


def records_sheet(records: list[object], label: str, *, allow_empty: bool = False) -> RawSheet:
    """A RawSheet from JSON records (row numbers are record numbers, from 1)."""
    if not all(isinstance(r, dict) for r in records):
        raise NotALogError(
            f"{label} is not an outreach log: its records are not objects with named fields"
        )
    records = [_flat_record(r) for r in records]
    keys: dict[str, None] = {}
    for record in records:
        keys.update(dict.fromkeys(record))
    if not keys and not allow_empty:
        raise NotALogError(f"{label} is not an outreach log: it holds no records")
    columns = list(keys)
    cells = [[_json_cell(r.get(k)) for k in columns] for r in records]
    table = pd.DataFrame(cells, columns=list(range(len(columns))), dtype=object)
    rows = np.arange(len(records), dtype=np.int64) + 1
    return RawSheet(label, columns, table, rows, None)


def _json_cell(value: object) -> object:
    """A cell from a JSON value: a list of texts or numbers ("Tags": ["a", "b"]) as "a, b"."""
    if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
        return ", ".join(str(v) for v in value) if value else None
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return value


# --------------------------------------------------------------------------- DataFrame


def frame_sheet(frame: pd.DataFrame, label: str = "<DataFrame>") -> RawSheet:
    """A DataFrame as if written to a sheet with its header in row 1."""
    headers = [
        " ".join(str(p) for p in c) if isinstance(c, tuple) else _header_text(c)
        for c in frame.columns
    ]
    table = frame.copy(deep=False)
    table.columns = list(range(frame.shape[1]))
    table.index = pd.RangeIndex(len(table))
    rows = np.arange(len(table), dtype=np.int64) + 2
    return RawSheet(label, headers, table, rows, 1)
