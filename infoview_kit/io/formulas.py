"""Cells a spreadsheet would run as formulas: quoted on export, unquoted exactly on load.

A text cell that starts with ``= + - @``, a tab or a carriage return (or
their full-width forms ``＝ ＋ － ＠``) is a formula to Excel, LibreOffice and
Google Sheets; one that reads ``#N/A`` or ``#REF!`` is an error value to them
(and the loader reads it as empty, see :mod:`infoview_kit.io.error_values`).
Exports put a ``'`` in front of either, which makes it plain text.
So that loading an export gives back exactly what was exported, a cell that
already starts with ``'`` followed by one of those characters (or by another
``'``) gets a ``'`` too; the loader removes exactly one leading ``'`` from a
cell of that shape and from no other.

>>> cells = pd.Series(["=1+1", "+44 20 7946 0000", "'=x", "O'Brien", "'", None, "#N/A", "#1"])
>>> quoted = quote_formulas(cells)
>>> quoted.tolist()
["'=1+1", "'+44 20 7946 0000", "''=x", "O'Brien", "'", nan, "'#N/A", '#1']
>>> unquote_formulas(quoted).equals(cells.astype("str"))
True
"""

from __future__ import annotations

import re

import pandas as pd

from infoview_kit.io.error_values import WHOLE_ERROR_VALUE

#: First characters that make a spreadsheet read a cell as a formula (OWASP's list, with
#: the full-width forms some spreadsheets also accept).
FORMULA_CHARACTERS = "=+-@\t\r＝＋－＠"
_CLASS = "[" + re.escape(FORMULA_CHARACTERS) + "]"
#: Text an export quotes: a formula start, a spreadsheet's error value ("#N/A" typed as a
#: note: unquoted, a spreadsheet would show an error and the loader read it as empty), or a
#: quote an unquoting would otherwise eat.
NEEDS_QUOTE = re.compile(f"^(?:{_CLASS}|'(?:{_CLASS}|')|'?{WHOLE_ERROR_VALUE})")
#: Text the loader unquotes (exactly what an export produced).
QUOTED = re.compile(f"^'(?:{_CLASS}|'|{WHOLE_ERROR_VALUE})")


def _matches(values: pd.Series, pattern: re.Pattern[str]) -> pd.Series:
    try:
        found = values.str.contains(pattern, regex=True)
    except AttributeError:  # an object column holding no text at all
        return pd.Series(False, index=values.index)
    return found.fillna(False).astype(bool)


def quote_formulas(values: pd.Series) -> pd.Series:
    """``values`` with a ``'`` before each text a spreadsheet would run (see the module doc)."""
    risky = _matches(values, NEEDS_QUOTE)
    if not risky.any():
        return values
    return values.mask(risky, "'" + values.astype("str"))


#: Texts joined and searched at a time by :func:`any_starts_with_quote` (bounded memory).
_QUOTE_SCAN_CHUNK = 50_000


def any_starts_with_quote(texts: list[str]) -> bool:
    """True when some text in ``texts`` may start with ``'`` (TypeError if one is not text).

    One search in the joined texts instead of a test per text; a text holding
    the separator character makes it answer True (callers then test each text).

    >>> any_starts_with_quote(["O'Brien", "Acme"]), any_starts_with_quote(["a", "'=1"])
    (False, True)
    """
    for start in range(0, len(texts), _QUOTE_SCAN_CHUNK):
        joined = "\x00" + "\x00".join(texts[start : start + _QUOTE_SCAN_CHUNK])
        if "\x00'" in joined:
            return True
    return False


def unquote_formulas(values: pd.Series) -> pd.Series:
    """The inverse of :func:`quote_formulas` (text not of its shape is left as it is)."""
    if values.dtype == "str":  # a plain prefix test first: quoted cells are few or none
        present = values.to_numpy(dtype=object)[values.notna().to_numpy()]
        if not any_starts_with_quote(present.tolist()):
            return values
    else:
        try:
            if not values.str.startswith("'").fillna(False).any():
                return values
        except AttributeError:
            return values
    quoted = _matches(values, QUOTED)
    if not quoted.any():
        return values
    return values.mask(quoted, values.astype("str").str.slice(1))


def unquote_formula(text: object) -> object:
    """:func:`unquote_formulas` of one cell."""
    if isinstance(text, str) and QUOTED.match(text):
        return text[1:]
    return text


def unquote_formula_list(values: list[object]) -> list[object]:
    """:func:`unquote_formula` of each value (a list in, the same list back when none is quoted)."""
    try:
        if not any_starts_with_quote(values):  # type: ignore[arg-type]
            return values
    except TypeError:  # not all text (a blank cell, a number): cell by cell
        pass
    return [unquote_formula(v) for v in values]


# An .xlsx file stores text as XML, which turns a carriage return into a line feed. Excel
# writes such characters as "_x000D_" (and a literal "_x" as "_x005F_x"); so do we, and the
# reader turns them back.
_XLSX_ESCAPE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)|\r")
_XLSX_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


def xlsx_escape(values: pd.Series) -> pd.Series:
    """Text as Excel stores it in .xlsx: carriage returns and ``_xHHHH_`` look-alikes escaped.

    >>> xlsx_escape(pd.Series(["a\\rb", "_x0041_"])).tolist()
    ['a_x000D_b', '_x005F_x0041_']
    """
    return values.str.replace(
        _XLSX_ESCAPE, lambda m: "_x000D_" if m.group() == "\r" else "_x005F_", regex=True
    )


def xlsx_unescape(text: str) -> str:
    """One cell's text as the user typed it (the inverse of :func:`xlsx_escape`).

    >>> xlsx_unescape("a_x000D_b"), xlsx_unescape("_x005F_x0041_")
    ('a\\rb', '_x0041_')
    """
    if "_x" not in text:
        return text
    return _XLSX_ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)
