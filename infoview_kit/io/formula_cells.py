"""Formula cells a workbook keeps without a saved result: found, so they are not lost unseen.

An ``.xlsx`` file stores a formula together with the result it had when the
file was last saved, and the loader reads that result. A workbook written by
a script (openpyxl, or a program exporting with recalculation left to Excel)
holds formulas but no results: such a cell would read as empty, so a
"Replied?" column of ``=IF(...)`` or a name built with ``=A2&" "&B2`` would
vanish without a word. XlsxWriter writes 0 in place of every result instead
(and flags the workbook to be recalculated when opened): such a cell reads as
0, which may be wrong. :func:`unsaved_formulas` finds both kinds of cell, and
:func:`formula_notes` turns them into the report's rows (a few per column).

What it costs: each sheet's XML is unpacked once and its cells' bytes are
searched for a formula that may lack a result (bytes compared, nothing
parsed): under 1% of what reading a sheet without formulas costs. Only a
sheet where one may be is parsed a second time, by the standard library's
expat parser (no tree built), keeping per column the row numbers and the
first few formulas. The parts read are those the workbook's own relationships
name, and the caller has already checked their unpacked size against the
load's limits.

A formula whose result is empty text (``=IF(D2="","",...)`` saved by Excel or
LibreOffice as ``t="str"`` with an empty value) has a result: it is not listed.
"""

from __future__ import annotations

import posixpath
import zipfile
from array import array
from dataclasses import dataclass, field
from xml.etree.ElementTree import XMLParser, fromstring

from infoview_kit.io.quotes import SHOWN

#: Bytes unpacked at a time.
_CHUNK = 1 << 20
#: Formulas kept as text per column (the report shows a few; rows are all counted).
FORMULAS_KEPT = 60
#: Formulas kept as text in one sheet, and shared formulas remembered (a hostile sheet
#: of millions must not cost more memory than its row numbers).
TEXTS_KEPT = 50_000
#: Excel's last column (XFD) is the 16,384th.
MAX_COLUMNS = 16_384
#: Characters of a formula kept (the report shows fewer).
_FORMULA_CHARS = 200
_MAIN = (
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "http://purl.oclc.org/ooxml/spreadsheetml/main",  # "strict" Office Open XML
)
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOCUMENT_REL = "officeDocument"
_SHEET_REL = "worksheet"
_R_ID = (
    "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id",
    "{http://purl.oclc.org/ooxml/officeDocument/relationships}id",
)


@dataclass
class ColumnFormulas:
    """The formula cells of one column whose result the file does not hold.

    ``rows`` holds every such cell's row number (as Excel shows it), in file
    order; ``formulas`` the formula of the first :data:`FORMULAS_KEPT` of them,
    by row (shared formulas written out for their own cell).
    """

    rows: array = field(default_factory=lambda: array("q"))
    formulas: dict[int, str] = field(default_factory=dict)


@dataclass
class SheetFormulas:
    """A sheet's formula cells whose result the file does not hold, by column position.

    ``unsaved``: no result at all (they read as empty). ``stand_ins``: a 0 written
    in place of the result by a program that leaves the working out to the
    spreadsheet (XlsxWriter does this, and flags the workbook to be recalculated
    when opened); they read as 0, which may be wrong.
    """

    unsaved: dict[int, ColumnFormulas] = field(default_factory=dict)
    stand_ins: dict[int, ColumnFormulas] = field(default_factory=dict)


def unsaved_formulas(path) -> dict[str, SheetFormulas]:
    """Worksheet title -> its formula cells whose result the file does not hold.

    Sheets without any are left out, so a workbook without formulas gives ``{}``.
    A 0 counts as a stand-in only in a workbook flagged to be recalculated when
    opened. Damaged XML raises :class:`xml.etree.ElementTree.ParseError`, a damaged
    archive :class:`zipfile.BadZipFile` (the caller reports the file as unreadable).
    """
    found: dict[str, SheetFormulas] = {}
    with zipfile.ZipFile(path) as archive:
        parts, recalculated = workbook_sheets(archive)
        for title, part in parts.items():
            if not may_lack_results(archive, part, zeros=recalculated):
                continue
            sheet = _scan(archive, part, zeros=recalculated)
            if sheet.unsaved or sheet.stand_ins:
                found[title] = sheet
    return found


#: Bytes every formula cell holds: ``<f>...</f>``, or ``<f t="shared" si="0"/>`` for a
#: cell that uses a formula written once for several cells (with a prefix: ``<x:f ``).
_FORMULA_BYTES = (b"f>", b"<f ", b":f ")
#: Bytes found only where a cell's formula may lack a result: ``<f>`` followed by no
#: ``<v>`` (``</f></c>``, a shared formula's ``<f .../></c>``), or an empty ``<v>``;
#: and white space between tags (a file laid out on lines: the rules above do not fit).
_NO_RESULT = (b"</f></", b"/></c>", b"<v/>", b"<v />", b"<v></v>", b">\n", b">\r", b">\t", b"> <")
#: A formula tag with a namespace prefix (``<x:f>``): such files are parsed to be sure.
_PREFIXED = (b":f>", b":f ")


def may_lack_results(archive: zipfile.ZipFile, part: str, *, zeros: bool = False) -> bool:
    """False when no formula cell of the sheet ``part`` can lack a saved result.

    The bytes are searched, not parsed: a sheet without :data:`_FORMULA_BYTES` has no
    formula; one whose formulas are all followed by a value has none of
    :data:`_NO_RESULT` (nor ``<v>0</v>`` when ``zeros`` says a 0 may stand in for
    a result). Only the cells (``sheetData``) are searched: data validation lists
    written after them also use ``<f>``. When in doubt it answers True (the sheet
    is then parsed).
    """
    missing = (*_NO_RESULT, b"<v>0</v>") if zeros else _NO_RESULT
    tail, started = b"", False
    with archive.open(part) as handle:
        while chunk := handle.read(_CHUNK):
            window = tail + chunk
            tail = chunk[-16:]  # a tag may straddle two chunks
            if not started:  # what comes before the cells (an XML declaration...) is skipped
                start = window.find(b"sheetData")
                if start < 0:
                    continue
                window, started = window[start:], True
            end = window.find(b"/sheetData>")
            cells = window if end < 0 else window[:end]
            if any(tag in cells for tag in _FORMULA_BYTES) and (
                any(tag in cells for tag in _PREFIXED) or any(b in cells for b in missing)
            ):
                return True
            if end >= 0:
                return False
    return False


def workbook_sheets(archive: zipfile.ZipFile) -> tuple[dict[str, str], bool]:
    """Worksheet title -> the archive member holding it (as the workbook's relationships
    say), and whether the workbook asks to be recalculated when opened (``fullCalcOnLoad``)."""
    names = set(archive.namelist())
    book = _target(archive, "_rels/.rels", "", _DOCUMENT_REL).get("") or "xl/workbook.xml"
    if book not in names:
        return {}, False
    folder = posixpath.dirname(book)
    rels = posixpath.join(folder, "_rels", posixpath.basename(book) + ".rels")
    targets = _target(archive, rels, folder, _SHEET_REL) if rels in names else {}
    parts: dict[str, str] = {}
    recalculated = False
    for element in fromstring(archive.read(book)).iter():
        name = element.tag.rpartition("}")[2]
        if name == "calcPr":
            recalculated = element.get("fullCalcOnLoad", "").lower() in ("1", "true")
        if name != "sheet":
            continue
        rid = next((element.get(key) for key in _R_ID if element.get(key)), None)
        part = targets.get(rid or "")
        if part in names:
            parts[element.get("name", "")] = part
    return parts, recalculated


def _target(archive: zipfile.ZipFile, rels: str, folder: str, kind: str) -> dict[str, str]:
    """Relationship id -> member name, for the relationships of type ``kind`` in ``rels``
    (the document's own relationship is returned under the id ``""``)."""
    out: dict[str, str] = {}
    try:
        root = fromstring(archive.read(rels))
    except KeyError:
        return out
    for element in root.iter(f"{{{_RELS}}}Relationship"):
        if element.get("Type", "").rpartition("/")[2] != kind:
            continue
        target = element.get("Target", "")
        name = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        name = posixpath.normpath(name)
        out["" if kind == _DOCUMENT_REL else element.get("Id", "")] = name
    return out


def _scan(archive: zipfile.ZipFile, part: str, *, zeros: bool) -> SheetFormulas:
    target = _FormulaCells(zeros=zeros)
    parser = XMLParser(target=target)
    with archive.open(part) as handle:
        while chunk := handle.read(_CHUNK):
            parser.feed(chunk)
    parser.close()
    return target.found


def _tags(name: str) -> tuple[str, ...]:
    return tuple(f"{{{ns}}}{name}" for ns in _MAIN)


_ROW, _CELL, _FORMULA, _VALUE, _INLINE = (_tags(n) for n in ("row", "c", "f", "v", "is"))
_KIND = {
    **dict.fromkeys(_ROW, "row"),
    **dict.fromkeys(_CELL, "c"),
    **dict.fromkeys(_FORMULA, "f"),
    **dict.fromkeys(_VALUE, "v"),
    **dict.fromkeys(_INLINE, "is"),
}


class _FormulaCells:
    """An expat target (no tree is built): collects formula cells whose result is not held.

    ``zeros``: a result of exactly 0 (a number) is a stand-in, not a result.
    """

    def __init__(self, *, zeros: bool) -> None:
        self.found = SheetFormulas()
        self.zeros = zeros
        self.cell_type: str | None = None
        self.value = ""
        self.row = 0  # the current row's number
        self.column = -1  # the current cell's position (from 0) in its row
        self.formula: dict[str, str] | None = None  # the current cell's <f> attributes
        self.formula_text = ""
        self.result = False  # the current cell has a saved result
        self.text: list[str] | None = None  # text of the <f> or <v> being read
        self.shared: dict[str, tuple[str, int, int]] = {}  # si -> (formula, row, column)
        self.texts = 0  # formulas kept as text so far

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        kind = _KIND.get(tag)
        if kind == "c":
            self.cell_type, self.value = attrib.get("t"), ""
            self.formula, self.result = None, self.cell_type == "str"
            where = attrib.get("r")
            self.row, self.column = _place(where) if where else (self.row, self.column + 1)
        elif kind == "f":
            self.formula, self.text = attrib, []
        elif kind == "v":
            self.text = []
        elif kind == "is":
            self.result = True
        elif kind == "row":
            self.row = _number(attrib.get("r"), self.row + 1)
            self.column = -1

    def data(self, text: str) -> None:
        if self.text is not None:
            self.text.append(text)

    def end(self, tag: str) -> None:
        kind = _KIND.get(tag)
        if kind == "v":
            self.value = "".join(self.text or ())
            self.result = self.result or bool(self.value)
            self.text = None
        elif kind == "f":
            self.formula_text = "".join(self.text or ())[:_FORMULA_CHARS]
            self.text = None
            si = (self.formula or {}).get("si")
            if self.formula_text and si is not None:  # a shared formula's first cell
                if len(self.shared) < TEXTS_KEPT:
                    self.shared[si] = (self.formula_text, self.row, self.column)
        elif kind == "c" and self.formula is not None:
            if not self.result:
                self._add(self.found.unsaved)
            elif self.zeros and self.value == "0" and self.cell_type in (None, "n"):
                self._add(self.found.stand_ins)

    def close(self) -> SheetFormulas:
        return self.found

    def _add(self, columns: dict[int, ColumnFormulas]) -> None:
        if not 0 <= self.column < MAX_COLUMNS:
            return  # past Excel's last column: no spreadsheet shows such a cell
        column = columns.get(self.column)
        if column is None:
            column = columns[self.column] = ColumnFormulas()
        column.rows.append(self.row)
        if len(column.formulas) < FORMULAS_KEPT and self.texts < TEXTS_KEPT:
            self.texts += 1
            text = self.formula_text
            si = (self.formula or {}).get("si")
            if not text and si in self.shared:  # written once, used by this cell too
                text = _translated(*self.shared[si], self.row, self.column)
            column.formulas[self.row] = f"={text}" if text else ""


def _place(reference: str) -> tuple[int, int]:
    """("B12") -> (12, 1): a cell reference's row number and column position from 0."""
    column = 0
    for index, char in enumerate(reference):
        if "A" <= char <= "Z":
            column = column * 26 + ord(char) - 64
        elif "a" <= char <= "z":
            column = column * 26 + ord(char) - 96
        else:
            return _number(reference[index:], 0), column - 1
    return 0, column - 1


def _number(text: str | None, default: int) -> int:
    try:
        return int(text) if text else default
    except ValueError:
        return default


def _translated(formula: str, row: int, column: int, to_row: int, to_column: int) -> str:
    """A shared formula as written for another cell (references moved), or "" if it cannot be."""
    from openpyxl.formula.translate import Translator
    from openpyxl.utils import get_column_letter

    try:
        origin = f"{get_column_letter(column + 1)}{row}"
        target = f"{get_column_letter(to_column + 1)}{to_row}"
        return Translator(f"={formula}", origin=origin).translate_formula(target)[1:]
    except Exception:  # a formula openpyxl cannot tokenise: shown without its text
        return ""


# --------------------------------------------------------------------------- report rows

#: A column with more such cells than this gets one report row, not one per cell.
CELLS_LISTED = 3
#: What the user can do about it (the end of every reason).
_REMEDY = "open the file in Excel or LibreOffice and save it, then load it again"
#: The start of every reason for a formula with no result (one text to search for).
REASON = "formula with no saved result"
#: The start of every reason for a formula saved with a stand-in 0.
ZERO_REASON = "formula saved with 0 in place of its result"
_WHY_ZERO = "the program that wrote the file leaves the working out to Excel"
#: (start, why, what the cell reads as): the words of each kind of note.
_WORDS = {
    "unsaved": (REASON, "", "empty"),
    "stand_ins": (ZERO_REASON, _WHY_ZERO, "0, which may be wrong"),
}

Note = tuple[int | None, str | None, str | None, str]


def formula_notes(sheet: SheetFormulas, *, header_row: int, names: list[str]) -> list[Note]:
    """Report notes ``(row, column, formula, reason)`` for a sheet's formulas without result.

    Only cells in the header row and below count (a title above is not data).
    ``names`` holds the header text of each column position; a column without a
    name is called by its letter, "(column G)". Up to :data:`CELLS_LISTED` cells
    of a column get a note each; more get one note for the column, at its first
    such row.

    >>> found = ColumnFormulas(array("q", [1, 3]), {1: "=TODAY()", 3: '=A3&" "&B3'})
    >>> formula_notes(SheetFormulas({2: found}), header_row=2, names=["First", "Last"])
    [(3, '(column C)', '=A3&" "&B3', 'formula with no saved result: the cell reads as empty (open the file in Excel or LibreOffice and save it, then load it again)')]
    """  # noqa: E501
    notes: list[Note] = []
    for kind, (start, why, reads) in _WORDS.items():
        for position, found in sorted(getattr(sheet, kind).items()):
            rows = [row for row in found.rows if row >= header_row]
            if not rows:
                continue
            name = _column_name(names, position)
            if len(rows) <= CELLS_LISTED:
                reason = (
                    f"{start}{f' ({why})' if why else ''}: the cell reads as {reads} ({_REMEDY})"
                )
                notes.extend((row, name, _shown(found, row), reason) for row in rows)
                continue
            where = f"rows {rows[0]} to {max(rows)}{f'; {why}' if why else ''}"
            reason = (
                f"{start} here and in {len(rows) - 1:,} more cells of this column ({where}): "
                f"they read as {reads} ({_REMEDY})"
            )
            notes.append((rows[0], name, _shown(found, rows[0]), reason))
    notes.sort(key=lambda note: note[0] or 0)
    return notes


def skipped_reason(sheet: SheetFormulas) -> str:
    """What to add to a sheet's "no row of column names" when its cells hold no results."""
    count = sum(len(found.rows) for found in sheet.unsaved.values())
    if not count:
        return ""
    cells = "1 cell holds a formula" if count == 1 else f"{count:,} cells hold formulas"
    return f" ({cells} with no saved result: {_REMEDY})"


def _column_name(names: list[str], position: int) -> str:
    from openpyxl.utils import get_column_letter

    name = names[position].strip() if position < len(names) else ""
    return name or f"(column {get_column_letter(position + 1)})"


def _shown(found: ColumnFormulas, row: int) -> str | None:
    text = found.formulas.get(row)
    if not text:
        return None
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"
