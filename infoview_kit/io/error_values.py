"""Spreadsheet error values (``#N/A``, ``#REF!``, ``Err:502``...) read as empty, and reported.

A cell whose formula failed holds an error value instead of a result: Excel
writes ``#N/A`` or ``#REF!`` (an ``.xlsx`` cell of type ``e``), Google Sheets
also ``#ERROR!``, LibreOffice ``Err:502`` and the like, and a CSV export keeps
the same text. Read as text, such a cell would become a person called "#N/A",
an organisation "#REF!" or a note. :func:`clear_error_values` finds them in a
sheet, reads them as empty, and says where they were: file, row, column and
the error as the sheet shows it.

The spellings are those Excel shows in English and in the languages whose
column names the loader knows (from Microsoft's pages on ERROR.TYPE for each
language), Google Sheets' ``#ERROR!`` and LibreOffice's ``Err:`` codes; they
are compared without regard to case or spaces around them. Text that merely
holds a ``#`` ("#1 priority", "Team #3", "C#") is left as it is.

What it costs: next to nothing for a CSV file in which no cell starts with
``#`` and no ``Err:`` is written (the reader searched its bytes as it read
them: see ``RawSheet.error_values``; the ``#`` of "Team #3" does not count).
Otherwise each text column is joined once and searched for a cell that starts
with ``#`` or ``Err:`` (about 40 ns a cell); only a column that has such a
cell is factorised, and each distinct candidate is looked at once. A workbook's
own tables are never searched: what a person typed there is kept as typed.

>>> is_error_value(" #N/A "), is_error_value("#¡VALOR!"), is_error_value("Err:502")
(True, True, True)
>>> is_error_value("#1 priority"), is_error_value("Team #3"), is_error_value(None)
(False, False, False)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

#: Excel's error values in English, then as Excel shows them in German, French, Spanish,
#: Italian, Portuguese (Portugal and Brazil), Dutch, Swedish, Danish, Norwegian and Polish
#: (ERROR.TYPE's page in each language); Google Sheets' ``#ERROR!``.
_SPELLINGS = (
    # English (and where another language keeps it)
    "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
    "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!",
    "#ERROR!",
    # German
    "#WERT!", "#BEZUG!", "#ZAHL!", "#NV", "#DATEN_ABRUFEN",
    # French
    "#NUL!", "#VALEUR!", "#NOM?", "#NOMBRE!", "#CHARGEMENT_DONNEES",
    # Spanish
    "#¡NULO!", "#¡DIV/0!", "#¡VALOR!", "#¡REF!", "#¿NOMBRE?", "#¡NUM!", "#N/D",
    "#OBTENIENDO_DATOS",
    # Italian
    "#NULLO!", "#VALORE!", "#RIF!", "#NOME?", "#ESTRAZIONE_DATI_IN_CORSO",
    # Portuguese
    "#NULO!", "#VALOR!", "#NÚM!", "#OBTER_DADOS",
    # Dutch
    "#LEEG!", "#DEEL/0!", "#WAARDE!", "#VERW!", "#NAAM?", "#GETAL!", "#N/B",
    "#GEGEVENS_OPHALEN", "#N.V.T.",
    # Swedish
    "#SKÄRNING!", "#DIVISION/0!", "#VÄRDEFEL!", "#REFERENS!", "#NAMN?", "#OGILTIGT!",
    "#SAKNAS!", "#HÄMTAR_DATA",
    # Danish and Norwegian
    "#VÆRDI!", "#REFERENCE!", "#NAVN?", "#I/T", "#HENTER_DATA", "#VERDI!",
    # Polish
    "#ZERO!", "#DZIEL/0!", "#ARG!", "#ADR!", "#NAZWA?", "#LICZBA!", "#N/D!",
    "#POBIERANIE_DANYCH",
)  # fmt: skip
#: The spellings, case-folded (what a cell is compared with).
ERROR_VALUES = frozenset(s.casefold() for s in _SPELLINGS)
#: LibreOffice's numbered errors ("Err:502"), case-folded.
_LIBREOFFICE = re.compile(r"err\s?:\s?\d{3}")
_LONGEST = max(len(s) for s in ERROR_VALUES)
#: A cell (in texts joined by NUL) that may be an error value: it starts with "#" or "Err:"
#: and is short. Each candidate is then checked with :func:`is_error_value`.
_CANDIDATE = re.compile(
    r"\x00\s*(?:#[^\x00]{1,LONGEST}|[Ee][Rr][Rr]\s?:\s?\d{3})\s*(?=\x00)".replace(
        "LONGEST", str(_LONGEST)
    )
)
#: A text column is joined and searched this many cells at a time (bounded memory).
_CHUNK = 200_000

#: A regular expression for a whole cell that is an error value (white space around it
#: allowed, any case): what an export quotes so that it loads back as the text it is.
WHOLE_ERROR_VALUE = (
    r"(?i:\s*(?:"
    + "|".join(re.escape(s) for s in sorted(_SPELLINGS, key=len, reverse=True))
    + r"|err\s?:\s?\d{3})\s*$)"
)

#: What every report row about an error value starts with (one text to search for).
REASON = "spreadsheet error"
_WHAT = "what a spreadsheet shows when a formula fails"
#: A column with more such cells than this (of one error) gets one report row, not one per cell.
CELLS_LISTED = 3


def is_error_value(value: object) -> bool:
    """True when ``value`` is a spreadsheet's error value (see the module docstring)."""
    if not isinstance(value, str):
        return False
    text = value.strip()
    if not text or len(text) > _LONGEST or text[0] not in "#Ee":
        return False
    folded = text.casefold()
    return folded in ERROR_VALUES or _LIBREOFFICE.fullmatch(folded) is not None


def _texts(values: pd.Series) -> tuple[list[str], np.ndarray]:
    """The text cells of a column and their positions (numbers, dates and blanks left out)."""
    cells = values.to_numpy(dtype=object)
    where = np.flatnonzero(values.notna().to_numpy())
    texts = cells[where].tolist()
    if values.dtype != "str":  # cells of any type (.xlsx, JSON, a DataFrame)
        keep = [i for i, text in enumerate(texts) if isinstance(text, str)]
        if len(keep) < len(texts):
            texts, where = [texts[i] for i in keep], where[keep]
    return texts, where


def _joined(texts: list[str]):
    """``texts`` joined by NUL and framed by it, a chunk at a time; chunks with neither "#"
    nor "rr:" (in either case) are left out. Yields (position of the first text, joined)."""
    for start in range(0, len(texts), _CHUNK):
        joined = "\x00" + "\x00".join(texts[start : start + _CHUNK]) + "\x00"
        if "#" in joined or (":" in joined and ("rr" in joined or "RR" in joined)):
            yield start, joined


def _any_candidate(texts: list[str]) -> bool:
    return any(_CANDIDATE.search(joined) for _, joined in _joined(texts))


def _candidates(texts: list[str]) -> list[int]:
    """Positions in ``texts`` of the texts that may be error values (see ``_CANDIDATE``)."""
    found: list[int] = []
    for start, joined in _joined(texts):
        index, at = start - 1, 0
        for match in _CANDIDATE.finditer(joined):
            index += joined.count("\x00", at, match.start() + 1)
            at = match.start() + 1
            found.append(index)
    return found


def error_cells(values: pd.Series) -> np.ndarray | None:
    """Where ``values`` holds an error value (a boolean array), or None when nowhere.

    Each distinct text that may be one is looked at once (a column of a million
    ``#N/A`` is factorised, not walked cell by cell).

    >>> error_cells(pd.Series(["Ana", "#REF!", None, "#1 priority", 3, "#REF!"])).tolist()
    [False, True, False, False, False, True]
    >>> error_cells(pd.Series(["Ana", "C#"])) is None
    True
    """
    texts, where = _texts(values)
    if not texts or not _any_candidate(texts):
        return None
    codes, uniques = pd.factorize(pd.Series(texts, dtype=object))
    distinct = uniques.tolist()
    bad = np.zeros(len(distinct), dtype=bool)
    for index in _candidates(distinct):
        bad[index] = is_error_value(distinct[index])
    if not bad.any():
        return None
    found = np.zeros(len(values), dtype=bool)
    found[where[bad[codes]]] = True
    return found


@dataclass
class ErrorCells:
    """Where a table held error values: column position -> (row positions, text as shown)."""

    found: dict[int, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)

    def rows(self, n_rows: int) -> np.ndarray:
        """True for each of the table's ``n_rows`` rows that held an error value."""
        out = np.zeros(n_rows, dtype=bool)
        for at, _ in self.found.values():
            out[at] = True
        return out


def clear_error_values(table: pd.DataFrame) -> tuple[pd.DataFrame, ErrorCells]:
    """``table`` with its error values read as empty (a new frame; the input is untouched),
    and where they were.

    >>> table = pd.DataFrame({0: ["Ana", "#N/A"], 1: ["#REF!", "Acme"]})
    >>> cleared, errors = clear_error_values(table)
    >>> cleared[0].tolist(), sorted(errors.found), table[0].tolist()
    (['Ana', nan], [0, 1], ['Ana', '#N/A'])
    """
    errors = ErrorCells()
    out = table
    for position in table.columns:
        values = table[position]
        found = error_cells(values)
        if found is None:
            continue
        at = np.flatnonzero(found)
        shown = np.array([str(v).strip() for v in values.to_numpy(dtype=object)[at]], dtype=object)
        errors.found[position] = (at, shown)
        if out is table:
            out = table.copy(deep=False)
        out[position] = values.mask(found)
    return out, errors


Note = tuple[np.ndarray, str, list[str], str]


def error_notes(
    errors: ErrorCells,
    *,
    rows: np.ndarray,
    names: list[str],
    groups: np.ndarray | None = None,
) -> list[Note]:
    """The report's rows ``(rows, column, values, reason)`` for a table's error values.

    ``rows`` holds the row number of each table row, ``names`` the name of each
    column position. Up to :data:`CELLS_LISTED` cells of one error in one column
    get a row each; more get one row, at the first of them; they come in the order of
    the rows, then of the columns. ``groups`` (stacked files) keeps each file's cells apart. (Like the other notes on how a cell was
    read, they are warnings: a row left with no name, e-mail or contact id is
    rejected, and that has a report row of its own.)

    >>> errors = ErrorCells({1: (np.array([0]), np.array(["#N/A"], dtype=object))})
    >>> error_notes(errors, rows=np.array([2, 3]), names=["Name", "Email"])[0][1:]
    ('Email', ['#N/A'], 'spreadsheet error #N/A (what a spreadsheet shows when a formula fails): read as empty')
    """  # noqa: E501
    notes: list[Note] = []
    for position, (at, shown) in sorted(errors.found.items()):
        group = np.zeros(len(at), dtype=np.int64) if groups is None else groups[at]
        frame = pd.DataFrame({"shown": shown, "group": group})
        for (text, _), where in frame.groupby(["shown", "group"], sort=False).indices.items():
            cells = at[where]
            if len(cells) <= CELLS_LISTED:
                reason = f"{REASON} {text} ({_WHAT}): read as empty"
                notes.extend(
                    (rows[cells[i : i + 1]], names[position], [text], reason)
                    for i in range(len(cells))
                )
                continue
            reason = (
                f"{REASON} {text} here and in {len(cells) - 1:,} more cells of this column "
                f"({_WHAT}): all read as empty"
            )
            notes.append((rows[cells[:1]], names[position], [text], reason))
    order = sorted(range(len(notes)), key=lambda i: int(notes[i][0][0]))  # stable: columns
    return [notes[i] for i in order]
