"""Vectorised date parsing for hand-kept trackers.

People write dates in many ways: ISO 8601 (with or without a time and an
offset), US ``6/7/2025``, day-first ``07/06/2025`` or ``07.06.2025``, Excel's
``7-Jun-25``, ``07 June 2025``, ``June 7, 2025``, ``20250607``, Excel serial
numbers, and real date cells in ``.xlsx`` files. Values none of these read
are tried once more as a month and a year (``March 2025``, ``03/2025``,
``2025-03``: the 1st of that month, marked ``dayless``) and with the month
named in another language (``4 mars 2025``, ``3. März 2025``,
``4 de marzo de 2025``; see :mod:`infoview_kit.io.month_names`). What is still unread
may be a range (``April 1-3, 2025``, Notion's ``April 1, 2025 → April 3, 2025``,
``10:00-11:00 on 2025-04-01``; see :mod:`infoview_kit.io.date_ranges`): it is read as its
start, both ends in the file's day/month order, and its end is kept in ``range_ends``.

:func:`parse_date_columns` reads all the date columns of one file together,
because the day/month order is a property of the file: a first part above 12
somewhere proves day-first, a second part above 12 proves month-first.

Every format is tried with ``pandas.to_datetime`` (an explicit format) over
the *unique* values still unparsed, then mapped back to the rows, so a
million-row file with a few thousand distinct dates costs little.

>>> parsed = parse_date_columns({"sent": pd.Series(["13/06/2025", "7-Jun-25", "soon"])})
>>> parsed.order
'day/month'
>>> parsed.dates["sent"].dt.strftime("%Y-%m-%d").tolist()
['2025-06-13', '2025-06-07', nan]
>>> parsed.unreadable["sent"].tolist()
[False, False, True]
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from infoview_kit.io.date_ranges import range_candidates
from infoview_kit.io.month_names import is_weekday, month_number
from infoview_kit.schema import DATETIME_DTYPE

#: Excel serial day numbers accepted as dates (1954-10-03 .. 2119-01-10).
SERIAL_RANGE = (20_000, 80_000)
_EXCEL_ORIGIN = np.datetime64("1899-12-30", "us")
_US_PER_DAY = 86_400_000_000

_ISO = re.compile(r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:[T ].*)?$")
_NUMERIC = (
    r"^(?P<a>\d{1,2})(?P<sep>[/.\-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})"
    r"(?:[ T]+(?P<hh>\d{1,2}):(?P<mm>\d{2})(?::(?P<ss>\d{2}))?\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?)?$"
)
_NUMERIC_NO_YEAR = r"^(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})\.?$"
_SERIAL = r"^\d{5}(?:\.\d+)?$"
_COMPACT = r"^(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])$"
_WEEKDAY = r"^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+"
_NAMED_FORMATS = (
    "%d-%b-%y",
    "%d-%b-%Y",
    "%d-%B-%y",
    "%d-%B-%Y",
    "%d %b %Y",
    "%d %B %Y",
    "%d %b %y",
    "%d %B %y",
    "%b %d, %Y",
    "%B %d, %Y",
    "%b %d %Y",
    "%B %d %Y",
    "%d %b, %Y",
    "%d %B, %Y",
)
#: The same without a year ("Mar 3", "3 March"): read in the year ``as_of`` gives.
_NAMED_NO_YEAR = ("%b %d", "%B %d", "%d %b", "%d %B")
#: A date without a year is read in the year that puts it at most this long after ``as_of``.
YEARLESS_AHEAD = pd.Timedelta(days=31)

DAY_FIRST = "day/month"
MONTH_FIRST = "month/day"
AMBIGUOUS = "ambiguous"


@dataclass
class ParsedDates:
    """The result of reading the date columns of one file.

    ``dates`` holds one ``datetime64[us]`` Series per column (NaT for a blank
    or unreadable cell); ``unreadable`` marks non-blank cells that are not a
    date; ``contradicting`` marks cells read in the other day/month order
    than the rest of the file. ``order`` is ``"day/month"``, ``"month/day"``,
    ``"ambiguous"`` (read month-first, nothing proves the order) or ``""``
    (no numeric dates). ``ambiguous_columns`` names the columns whose slash
    dates could be read either way.
    """

    dates: dict[str, pd.Series] = field(default_factory=dict)
    unreadable: dict[str, pd.Series] = field(default_factory=dict)
    contradicting: dict[str, pd.Series] = field(default_factory=dict)
    order: str = ""
    ambiguous_columns: list[str] = field(default_factory=list)
    #: With ``groups`` (several files read together): group -> its ambiguous columns.
    ambiguous_by_group: dict[int, list[str]] = field(default_factory=dict)
    #: Cells written without a year ("3/4", "Mar 3"), read in the year ``as_of`` gives them.
    yearless: dict[str, pd.Series] = field(default_factory=dict)
    #: Cells written as a month and a year ("March 2025", "03/2025"), read as its 1st day.
    dayless: dict[str, pd.Series] = field(default_factory=dict)
    #: Unread cells of a month and two figures ("Mar-25"): the 25th, or the year 2025?
    day_or_year: dict[str, pd.Series] = field(default_factory=dict)
    #: Cells holding a range ("April 1-3, 2025"), read as its start; ``range_ends`` holds
    #: each one's end (NaT elsewhere), read with the same day/month order as its start.
    ranges: dict[str, pd.Series] = field(default_factory=dict)
    range_ends: dict[str, pd.Series] = field(default_factory=dict)


def parse_dates(values: pd.Series, *, dayfirst: bool | None = None) -> pd.Series:
    """Parse one column of dates; unreadable cells become NaT.

    >>> parse_dates(pd.Series(["2025-06-07T10:00+02:00", "45815", None])).tolist()
    [Timestamp('2025-06-07 08:00:00'), Timestamp('2025-06-07 00:00:00'), NaT]
    """
    return parse_date_columns({"value": values}, dayfirst=dayfirst).dates["value"]


def parse_date_columns(
    columns: Mapping[str, pd.Series | tuple[np.ndarray, np.ndarray]],
    *,
    dayfirst: bool | None = None,
    groups: np.ndarray | None = None,
    as_of: pd.Timestamp | None = None,
) -> ParsedDates:
    """Parse several date columns of one file with one day/month decision.

    Each column is a Series, or ``(codes, distinct values)`` already factorised
    (code -1: a blank cell). ``dayfirst=None`` decides from the data (see the
    module docstring); ``True`` or ``False`` forces the order, and cells that
    cannot be read in that order but can in the other are read that way and
    marked ``contradicting``.

    ``groups`` (one integer per row, with factorised columns) reads several
    files stacked in one table: each group gets its own day/month decision,
    exactly as if it were read alone; ``order`` is then ``""`` and
    ``ambiguous_by_group`` says which groups could not decide.

    ``as_of`` (the day the log is read for) lets a date written without a year
    ("3/4", "Mar 3") be read, in the latest year that puts it no more than
    :data:`YEARLESS_AHEAD` after ``as_of``; ``yearless`` marks those cells.
    Without ``as_of`` they are unreadable. A month and a year with no day
    ("March 2025", "03/2025") is read as the 1st and marked ``dayless``.
    Neither kind votes in the day/month decision.
    """
    result = ParsedDates()
    pending, indexes = _pending_columns(columns, result)
    if not pending:
        return result
    distinct, row_codes, weights = _one_set_of_values(pending)
    parsed = _parse_distinct(distinct, as_of)
    for name, codes in row_codes.items():
        for marks, into in (
            (parsed.yearless, result.yearless),
            (parsed.dayless, result.dayless),
            (parsed.day_or_year, result.day_or_year),
        ):
            marked = marks[np.maximum(codes, 0)] if len(distinct) else codes < -1
            into[name] = pd.Series((codes >= 0) & marked, index=indexes[name])
    if groups is not None and dayfirst is None:
        _fill_grouped(result, parsed, row_codes, indexes, np.asarray(groups, dtype=np.int64))
        return result
    _fill_one_order(result, parsed, row_codes, indexes, _decide_order(parsed, weights, dayfirst))
    return result


def _fill_one_order(
    result: ParsedDates, parsed, row_codes, indexes, decided: tuple[str, np.ndarray]
) -> None:
    """``result`` for one file (or files read with a forced order): one day/month decision."""
    order, use_dayfirst = decided
    result.order = order
    chosen = np.where(use_dayfirst, parsed.day_first, parsed.month_first)
    other = np.where(use_dayfirst, parsed.month_first, parsed.day_first)
    numeric = parsed.numeric
    contradicting_distinct = numeric & np.isnat(chosen) & ~np.isnat(other)
    numeric_value = np.where(np.isnat(chosen), other, chosen)
    final = np.where(numeric, numeric_value, parsed.value)
    unreadable_distinct = np.isnat(final)
    empty = not len(final)
    ends = _range_ends(parsed, np.where(np.isnat(chosen), ~use_dayfirst, use_dayfirst))
    for name, codes in row_codes.items():
        index = indexes[name]
        safe = np.maximum(codes, 0)
        present = codes >= 0
        _put_ranges(result, name, index, present, _nat(len(codes)) if empty else ends[safe])
        if not empty:
            values = np.where(present, final[safe], np.datetime64("NaT", "us"))
            bad = present & unreadable_distinct[safe]
            contra = present & contradicting_distinct[safe]
        else:
            values = np.full(len(codes), np.datetime64("NaT", "us"))
            bad = np.zeros(len(codes), dtype=bool)
            contra = bad
        result.dates[name] = pd.Series(values, index=index, dtype=DATETIME_DTYPE)
        result.unreadable[name] = pd.Series(bad, index=index)
        result.contradicting[name] = pd.Series(contra, index=index)
        if order == AMBIGUOUS and (present & parsed.swappable[safe]).any():
            result.ambiguous_columns.append(name)


def _fill_grouped(result: ParsedDates, parsed, row_codes, indexes, groups: np.ndarray) -> None:
    """``result`` for stacked files: one day/month decision per group, made as
    :func:`_decide_order` makes it for a file alone (votes of its own cells)."""
    n_groups = int(groups.max()) + 1 if len(groups) else 0
    day_votes = np.zeros(n_groups, dtype=np.int64)
    month_votes = np.zeros(n_groups, dtype=np.int64)
    empty = not len(parsed.value)
    for codes in row_codes.values():
        if empty:
            break
        present = codes >= 0
        where, values = groups[present], codes[present]
        day, month = parsed.proves_day_first[values], parsed.proves_month_first[values]
        if parsed.votes_twice.any():  # a range whose two ends each prove the order
            twice = parsed.votes_twice[values]
            day_votes += np.bincount(where[day & twice], minlength=n_groups)
            month_votes += np.bincount(where[month & twice], minlength=n_groups)
        day_votes += np.bincount(where[day], minlength=n_groups)
        month_votes += np.bincount(where[month], minlength=n_groups)
    voted = (day_votes + month_votes) > 0
    group_dayfirst = voted & (day_votes > month_votes)
    for name, codes in row_codes.items():
        index = indexes[name]
        present = codes >= 0
        if empty:
            values = np.full(len(codes), np.datetime64("NaT", "us"))
            bad = contra = np.zeros(len(codes), dtype=bool)
            _put_ranges(result, name, index, present, values)
        else:
            safe = np.maximum(codes, 0)
            use_dayfirst = parsed.dotted[safe] | group_dayfirst[groups]
            chosen = np.where(use_dayfirst, parsed.day_first[safe], parsed.month_first[safe])
            other = np.where(use_dayfirst, parsed.month_first[safe], parsed.day_first[safe])
            numeric = parsed.numeric[safe]
            contra = present & numeric & np.isnat(chosen) & ~np.isnat(other)
            value = np.where(numeric, np.where(np.isnat(chosen), other, chosen), parsed.value[safe])
            values = np.where(present, value, np.datetime64("NaT", "us"))
            bad = present & np.isnat(value)
            read_dayfirst = np.where(np.isnat(chosen), ~use_dayfirst, use_dayfirst)
            _put_ranges(result, name, index, present, _range_ends(parsed, read_dayfirst, safe))
            undecided = present & parsed.swappable[safe] & ~voted[groups]
            for group in np.unique(groups[undecided]).tolist():
                result.ambiguous_by_group.setdefault(group, []).append(name)
        result.dates[name] = pd.Series(values, index=index, dtype=DATETIME_DTYPE)
        result.unreadable[name] = pd.Series(bad, index=index)
        result.contradicting[name] = pd.Series(contra, index=index)


def _range_ends(parsed: _Distinct, read_dayfirst: np.ndarray, at=slice(None)) -> np.ndarray:
    """The end of each range at ``at`` (NaT for other values), read in the order its start
    was read (``read_dayfirst``); an end that only one order reads is read that way."""
    ranged = parsed.ranged[at]
    if not ranged.any():
        return _nat(len(ranged))
    same = np.where(read_dayfirst, parsed.end_day_first[at], parsed.end_month_first[at])
    other = np.where(read_dayfirst, parsed.end_month_first[at], parsed.end_day_first[at])
    return np.where(ranged, np.where(np.isnat(same), other, same), np.datetime64("NaT", "us"))


def _put_ranges(result: ParsedDates, name: str, index, present, ends: np.ndarray) -> None:
    """``ranges`` and ``range_ends`` of one column from its cells' range ends."""
    ends = np.where(present, ends, np.datetime64("NaT", "us"))
    result.ranges[name] = pd.Series(~np.isnat(ends), index=index)
    result.range_ends[name] = pd.Series(ends, index=index, dtype=DATETIME_DTYPE)


def _pending_columns(columns, result: ParsedDates):
    """Columns still to parse as (codes, distinct values); real date columns go straight in."""
    pending: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    indexes: dict[str, pd.Index] = {}
    for name, series in columns.items():
        if isinstance(series, tuple):
            codes, uniques = series
            pending[name] = (np.asarray(codes), np.asarray(uniques, dtype=object))
            indexes[name] = pd.RangeIndex(len(codes))
            continue
        indexes[name] = series.index
        if isinstance(series.dtype, pd.DatetimeTZDtype):
            series = series.dt.tz_convert("UTC").dt.tz_localize(None)
        if pd.api.types.is_datetime64_any_dtype(series.dtype):
            result.dates[name] = series.astype(DATETIME_DTYPE)
            result.unreadable[name] = pd.Series(False, index=series.index)
            result.contradicting[name] = pd.Series(False, index=series.index)
            continue
        codes, uniques = pd.factorize(series, use_na_sentinel=True)
        pending[name] = (codes, uniques)
    return pending, indexes


def _one_set_of_values(pending):
    """One set of distinct values for all columns (each parsed once), each column's codes
    into it, and how many cells hold each value."""
    all_uniques = np.concatenate(
        [np.asarray(u, dtype=object) for _, u in pending.values()] or [np.empty(0, dtype=object)]
    )
    global_codes, distinct = pd.factorize(all_uniques)
    distinct = np.asarray(distinct, dtype=object)
    row_codes: dict[str, np.ndarray] = {}
    offset = 0
    weights = np.zeros(len(distinct), dtype=np.int64)
    for name, (codes, uniques) in pending.items():
        to_global = global_codes[offset : offset + len(uniques)]
        offset += len(uniques)
        mapped = np.where(codes >= 0, to_global[np.maximum(codes, 0)] if len(to_global) else -1, -1)
        row_codes[name] = mapped
        weights += np.bincount(mapped[mapped >= 0], minlength=len(distinct))
    return distinct, row_codes, weights


@dataclass
class _Distinct:
    value: np.ndarray  # non-numeric dates (datetime64[us])
    numeric: np.ndarray  # bool: a d/m/y or m/d/y cell
    day_first: np.ndarray  # its value read day-first
    month_first: np.ndarray  # its value read month-first
    proves_day_first: np.ndarray  # bool, slash/dash cells only
    proves_month_first: np.ndarray
    swappable: np.ndarray  # both orders valid and give different dates
    dotted: np.ndarray  # d.m.y: always day-first
    yearless: np.ndarray  # bool: written without a year, read in the year as_of gives
    dayless: np.ndarray  # bool: a month and a year only, read as the 1st of the month
    day_or_year: np.ndarray  # bool: unread, a month and two figures ("Mar-25")
    ranged: np.ndarray  # bool: a range, read as its start (the fields above)
    votes_twice: np.ndarray  # bool: a range whose start and end each prove the order
    end_day_first: np.ndarray  # a range's end read day-first (its value if not numeric)
    end_month_first: np.ndarray  # ... and month-first


def _nat(n: int) -> np.ndarray:
    return np.full(n, np.datetime64("NaT", "us"))


def _parse_distinct(
    distinct: np.ndarray, as_of: pd.Timestamp | None = None, *, ranges: bool = True
) -> _Distinct:
    n = len(distinct)
    value = _nat(n)
    out = _Distinct(
        value=value,
        numeric=np.zeros(n, dtype=bool),
        day_first=_nat(n),
        month_first=_nat(n),
        proves_day_first=np.zeros(n, dtype=bool),
        proves_month_first=np.zeros(n, dtype=bool),
        swappable=np.zeros(n, dtype=bool),
        dotted=np.zeros(n, dtype=bool),
        yearless=np.zeros(n, dtype=bool),
        dayless=np.zeros(n, dtype=bool),
        day_or_year=np.zeros(n, dtype=bool),
        ranged=np.zeros(n, dtype=bool),
        votes_twice=np.zeros(n, dtype=bool),
        end_day_first=_nat(n),
        end_month_first=_nat(n),
    )
    if n == 0:
        return out
    kinds = np.array([_kind(v) for v in distinct], dtype=np.int8)
    # 1: text, 2: number, 3: date/datetime object, 0: not a date
    numbers = kinds == 2
    if numbers.any():
        out.value[numbers] = _serials(np.asarray(distinct[numbers], dtype=float))
    objects = kinds == 3
    if objects.any():
        stamps = pd.to_datetime(
            pd.Series(list(distinct[objects]), dtype=object), utc=True, errors="coerce"
        )
        out.value[objects] = stamps.dt.tz_localize(None).to_numpy(dtype="datetime64[us]")
    texts = kinds == 1
    if texts.any():
        text_values = pd.Series(distinct[texts], dtype="str")
        _parse_texts(text_values, np.flatnonzero(texts), out)
        if as_of is not None:
            _parse_yearless(text_values, np.flatnonzero(texts), out, pd.Timestamp(as_of))
        _parse_leftovers(text_values, np.flatnonzero(texts), out, as_of)
        if ranges:
            _parse_ranges(text_values, np.flatnonzero(texts), out, as_of)
    return out


def _parse_yearless(texts: pd.Series, where: np.ndarray, out: _Distinct, as_of) -> None:
    """Read what is still unread and has no year ("3/4", "Mar 3") in the year ``as_of`` gives."""
    todo = np.isnat(out.value[where]) & ~out.numeric[where]
    if not todo.any():
        return
    cleaned = texts[todo].str.strip().str.replace(r"\s+", " ", regex=True)
    spot = where[todo]
    year = str(as_of.year)
    parts = cleaned.str.extract(_NUMERIC_NO_YEAR)
    numeric = parts["a"].notna().to_numpy()
    if numeric.any():
        parts = parts[numeric].assign(y=year, hh=None, mm=None, ss=None, ampm=None)
        _parse_numeric(parts, spot[numeric], out)
    named = ~numeric & cleaned.str.contains(r"[A-Za-z]", regex=True).to_numpy(dtype=bool)
    found = np.zeros(len(cleaned), dtype=bool)
    if named.any():
        text = year + " " + _named_text(cleaned[named])
        values = _nat(len(text))
        for fmt in _NAMED_NO_YEAR:
            left = np.isnat(values)
            got = pd.to_datetime(text[left], format="%Y " + fmt, errors="coerce")
            values[np.flatnonzero(left)] = got.to_numpy(dtype="datetime64[us]")
        found[np.flatnonzero(named)] = ~np.isnat(values)
        out.value[spot[named]] = values
    _mark_yearless(spot[numeric | found], out, as_of)


def _mark_yearless(read: np.ndarray, out: _Distinct, as_of: pd.Timestamp) -> None:
    """Mark ``read`` as written without a year, and move the dates that would fall more than
    :data:`YEARLESS_AHEAD` after ``as_of`` to the year before."""
    out.yearless[read] = True
    latest = np.datetime64(as_of + YEARLESS_AHEAD, "us")
    for values in (out.value, out.day_first, out.month_first):
        late = read[values[read] > latest]
        earlier = pd.DatetimeIndex(values[late]) - pd.DateOffset(years=1)
        values[late] = earlier.to_numpy(dtype="datetime64[us]")


#: A month and a year in figures, either way round: "03/2025", "3.2025", "2025-03", "2025/3".
_MONTH_YEAR_FIGURES = re.compile(
    r"\s*(?:(?P<m>0?[1-9]|1[0-2])[/.\-](?P<y>(?:19|20)\d{2})"
    r"|(?P<y2>(?:19|20)\d{2})[/\-](?P<m2>0?[1-9]|1[0-2]))\s*"
)
_LETTERS = r"[^\W\d_]+"
_GAP = r"[\s.,\-]+"
_JOIN = r"(?:(?:de|del|of)\s+|d['’])?"  # "4 de marzo de 2025", "4 d'abril", "1st of April"
#: "Tuesday, ", "terça-feira, ", "tirsdag den " (Danish: "the") before the day.
_WEEKDAY_FIRST = rf"(?:(?P<wd>{_LETTERS}(?:-{_LETTERS})?){_GAP})?(?:den\s+)?"
_DAY = r"(?P<d>\d{1,2})(?:st|nd|rd|th|er|re|e|o|º)?"
#: Dates with a month name, tried on the values nothing above read: "lundi 4 mars 2025",
#: "3. März 2025", "4 mai" (no year: read as ``as_of`` says), "marzo 4, 2025", "mars 2025".
#: A year after a month that comes first needs four figures or an apostrophe ("Mar '25"):
#: "Mar-25" may be 25 March or March 2025, and stays unread (marked ``day_or_year``) unless
#: the figures are no day ("Mar-99").
_WORD_SHAPES = tuple(
    re.compile(shape, re.IGNORECASE)
    for shape in (
        rf"\s*{_WEEKDAY_FIRST}{_DAY}{_GAP}{_JOIN}(?P<m>{_LETTERS})(?:{_GAP}{_JOIN}"
        r"(?P<y>\d{4}|\d{2}))?[\s.]*",
        rf"\s*{_WEEKDAY_FIRST}(?P<m>{_LETTERS}){_GAP}{_DAY}{_GAP}(?P<y>\d{{4}})\s*",
        rf"\s*(?P<m>{_LETTERS}){_GAP}{_JOIN}(?P<y>\d{{4}})\s*",
        rf"\s*(?P<m>{_LETTERS})\.?(?P<gap>\s*['’]\s*|[\s\-]+)(?P<y>\d{{2}})\s*",
    )
)


def _parse_leftovers(
    texts: pd.Series, where: np.ndarray, out: _Distinct, as_of: pd.Timestamp | None
) -> None:
    """Read a month and a year ("March 2025", "03/2025"), and dates with the month named in
    another language ("4 mars 2025"), among the values the forms above left unread. One
    regular expression match per shape and value; the name table is built on the first match."""
    todo = np.flatnonzero(np.isnat(out.value[where]) & ~out.numeric[where])
    if not len(todo):
        return
    found: list[tuple[int, int, int, int, str]] = []  # position, year, month, day, kind
    worded: list[tuple[int, dict]] = []
    for at, text in zip(where[todo].tolist(), texts.iloc[todo].tolist(), strict=True):
        figures = _MONTH_YEAR_FIGURES.fullmatch(text)
        if figures:
            year, month = figures["y"] or figures["y2"], figures["m"] or figures["m2"]
            found.append((at, int(year), int(month), 1, "dayless"))
            continue
        for shape in _WORD_SHAPES:
            match = shape.fullmatch(text)
            if match:
                worded.append((at, match.groupdict()))
                break
    if worded:
        found.extend(_worded_dates(worded, as_of))
    unsure = [f[0] for f in found if f[4] == "day_or_year"]
    out.day_or_year[unsure] = True
    found = [f for f in found if f[4] != "day_or_year"]
    if found:
        at, year, month, day, kind = (np.array(column) for column in zip(*found, strict=True))
        _put_dates(out, at, year, month, day)
        read = ~np.isnat(out.value[at])  # not "30 février"
        out.dayless[at[read & (kind == "dayless")]] = True
        if as_of is not None and (read & (kind == "yearless")).any():
            _mark_yearless(at[read & (kind == "yearless")], out, pd.Timestamp(as_of))


def _worded_dates(worded: list[tuple[int, dict]], as_of: pd.Timestamp | None) -> list[tuple]:
    """``(at, year, month, day, kind)`` for the dates in words whose month is a month name,
    whose weekday (if any) is a weekday name and whose year is written or given by ``as_of``
    (each distinct word is looked up once)."""
    months = {word: month_number(word) for word in {parts["m"] for _, parts in worded}}
    days = {parts.get("wd") for _, parts in worded} - {None}
    weekdays = {word for word in days if is_weekday(word)} | {None}
    found = []
    for at, parts in worded:
        month = months[parts["m"]]
        if not month or parts.get("wd") not in weekdays:
            continue
        if parts["y"] is None:
            if as_of is not None:
                found.append((at, pd.Timestamp(as_of).year, month, int(parts["d"]), "yearless"))
            continue
        year = int(parts["y"])
        if parts.get("gap") and "'" not in parts["gap"] and "’" not in parts["gap"] and year <= 31:
            found.append((at, 0, month, 0, "day_or_year"))  # "Mar-25": the 25th or 2025?
            continue
        year = year if year >= 100 else (2000 + year if year < 69 else 1900 + year)
        if parts.get("d") is None:
            found.append((at, year, month, 1, "dayless"))
        else:
            found.append((at, year, month, int(parts["d"]), "full"))
    return found


def _put_dates(
    out: _Distinct, at: np.ndarray, year: np.ndarray, month: np.ndarray, day: np.ndarray
) -> None:
    """Set ``out.value`` at ``at`` from parts (an impossible date, "31 février", stays NaT)."""
    frame = pd.DataFrame({"year": year, "month": month, "day": day})
    out.value[at] = pd.to_datetime(frame, errors="coerce").to_numpy(dtype="datetime64[us]")


def _parse_ranges(
    texts: pd.Series, where: np.ndarray, out: _Distinct, as_of: pd.Timestamp | None
) -> None:
    """Read a range ("April 1-3, 2025", "2025-04-01 - 2025-04-03") as its start, among the
    values nothing above read. The start and end texts of every candidate cut are read
    together by the forms above (each distinct text once), and a range offers only the
    day/month readings both its ends allow: it votes as its parts would, never otherwise."""
    todo = np.flatnonzero(np.isnat(out.value[where]) & ~out.numeric[where])
    owners: list[int] = []
    cuts = []
    for at, text in zip(where[todo].tolist(), texts.iloc[todo].tolist(), strict=True):
        for cut in range_candidates(text):
            owners.append(at)
            cuts.append(cut)
    if not cuts:
        return
    k = len(cuts)
    both = _parse_distinct(
        np.array([c.start for c in cuts] + [c.end for c in cuts], dtype=object),
        as_of,
        ranges=False,
    )
    start_df, start_mf = _readings(both, np.arange(k))
    end_df, end_mf = _readings(both, np.arange(k, 2 * k))
    borrowed = np.array([c.borrowed_year for c in cuts]) & (start_df > end_df)
    if borrowed.any():  # "Dec 30 - Jan 2, 2025": the start is in the year before
        earlier = pd.DatetimeIndex(start_df[borrowed]) - pd.DateOffset(years=1)
        start_df[borrowed] = start_mf[borrowed] = earlier.to_numpy(dtype="datetime64[us]")
    nat = np.datetime64("NaT", "us")
    day_first = np.where(np.isnat(end_df), nat, start_df)
    month_first = np.where(np.isnat(end_mf), nat, start_mf)
    ok = np.flatnonzero(~np.isnat(day_first) | ~np.isnat(month_first))
    if not len(ok):
        return
    _, first = np.unique(np.array(owners)[ok], return_index=True)
    used = ok[first]  # the first cut of each cell whose two ends read in one order
    at = np.array(owners)[used]
    numeric, dotted = both.numeric[used], both.dotted[used]
    df, mf = day_first[used], month_first[used]
    out.ranged[at] = True
    out.numeric[at], out.dotted[at] = numeric, dotted
    out.value[at] = np.where(numeric, nat, df)
    out.day_first[at], out.month_first[at] = df, mf
    slash = numeric & ~dotted
    out.proves_day_first[at] = slash & ~np.isnat(df) & np.isnat(mf)
    out.proves_month_first[at] = slash & np.isnat(df) & ~np.isnat(mf)
    # Either end may be the one whose reading depends on the order ("01/01/2000 → 02/01/2000").
    differs = (df != mf) | (end_df[used] != end_mf[used])
    out.swappable[at] = slash & ~np.isnat(df) & ~np.isnat(mf) & differs
    proves = both.proves_day_first | both.proves_month_first
    out.votes_twice[at] = slash & proves[used] & proves[used + k]
    out.yearless[at], out.dayless[at] = both.yearless[used], both.dayless[used]
    out.end_day_first[at], out.end_month_first[at] = end_df[used], end_mf[used]


def _readings(parsed: _Distinct, at: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The day-first and month-first readings of the values at ``at`` (a date that is not
    numeric reads the same both ways)."""
    numeric = parsed.numeric[at]
    day_first = np.where(numeric, parsed.day_first[at], parsed.value[at])
    month_first = np.where(numeric, parsed.month_first[at], parsed.value[at])
    return day_first, month_first


def _kind(value: object) -> int:
    if isinstance(value, str):
        return 1
    if isinstance(value, bool | np.bool_):
        return 0
    if isinstance(value, int | float | np.integer | np.floating):
        return 2
    if isinstance(value, dt.date | np.datetime64):
        return 3
    return 0


def _serials(numbers: np.ndarray) -> np.ndarray:
    out = _nat(len(numbers))
    ok = (numbers >= SERIAL_RANGE[0]) & (numbers <= SERIAL_RANGE[1])
    micros = np.round(numbers[ok] * _US_PER_DAY).astype(np.int64)
    out[ok] = _EXCEL_ORIGIN + micros.astype("timedelta64[us]")
    return out


def _parse_texts(texts: pd.Series, where: np.ndarray, out: _Distinct) -> None:
    """Fill ``out`` at positions ``where`` from the text values ``texts``."""
    cleaned = texts.str.strip().str.replace(r"\s+", " ", regex=True)
    done = np.zeros(len(cleaned), dtype=bool)

    iso = cleaned.str.match(_ISO).to_numpy(dtype=bool, na_value=False)
    if iso.any():
        iso_text = cleaned[iso].str.replace(r"^(\d{4})[/.](\d{1,2})[/.]", r"\1-\2-", regex=True)
        stamps = pd.to_datetime(iso_text, format="ISO8601", utc=True, errors="coerce")
        out.value[where[iso]] = stamps.dt.tz_localize(None).to_numpy(dtype="datetime64[us]")
        done |= iso
        _iso_with_zone_word(iso_text, where[iso], out)

    parts = cleaned.str.extract(_NUMERIC)
    numeric = parts["a"].notna().to_numpy() & ~done
    if numeric.any():
        _parse_numeric(parts[numeric], where[numeric], out)
        done |= numeric

    compact = cleaned.str.match(_COMPACT).to_numpy(dtype=bool, na_value=False) & ~done
    if compact.any():  # 20250304, as some exports and file-naming habits write dates
        stamps = pd.to_datetime(cleaned[compact], format="%Y%m%d", errors="coerce")
        out.value[where[compact]] = stamps.to_numpy(dtype="datetime64[us]")
        done |= compact

    serial = cleaned.str.match(_SERIAL).to_numpy(dtype=bool, na_value=False)
    serial = serial & ~done
    if serial.any():
        out.value[where[serial]] = _serials(cleaned[serial].astype(float).to_numpy())
        done |= serial

    named = cleaned.str.contains(r"[A-Za-z]", regex=True).to_numpy(dtype=bool, na_value=False)
    named = named & ~done
    if named.any():
        text, clock = _without_clock(_named_text(cleaned[named]))
        values = _nat(len(text))
        todo = np.ones(len(text), dtype=bool)
        for fmt in _NAMED_FORMATS:
            if not todo.any():
                break
            got = pd.to_datetime(text[todo], format=fmt, errors="coerce").to_numpy(
                dtype="datetime64[us]"
            )
            idx = np.flatnonzero(todo)
            ok = ~np.isnat(got)
            values[idx[ok]] = got[ok]
            todo[idx[ok]] = False
        out.value[where[named]] = values + clock


#: A time of day after a named-month date, as calendars and mail programs export it
#: ("March 20, 2025 10:00 AM (EST)", "Thu, 20 Mar 2025 10:00:00 +0000", "20 Mar 2025, 14h30"):
#: with an offset ("+0100", "GMT+1", "(UTC+01:00)") the time is converted to UTC, as ISO dates
#: with an offset are; a zone's name ("EST") is left aside and the time read as written.
_CLOCK = re.compile(
    r",?\s+(?:at\s+|um\s+|à\s+|alle\s+|om\s+|kl\.?\s*|@\s*)?"
    r"(?P<hh>\d{1,2})[:h.](?P<mm>\d{2})(?::(?P<ss>\d{2}))?\s*(?P<ampm>[ap]\.?m\.?)?"
    r"(?:\s*(?:\(?(?:gmt|utc)?\s*(?P<zs>[+\-])(?P<zh>\d{1,2})(?::?(?P<zm>\d{2}))?\)?"
    r"|\([^)]*\)|[a-z]{1,4}))?$"
)


def _iso_with_zone_word(iso_text: pd.Series, where: np.ndarray, out: _Distinct) -> None:
    """Read again the ISO dates left unread that end in "UTC" or "GMT", as some exports write
    them ("2025-04-01 10:00:00 UTC"); only the values that failed are looked at."""
    failed = np.isnat(out.value[where])
    if not failed.any():
        return
    unread = iso_text[failed]
    zoned = unread.str.contains(_ZONE_WORD).to_numpy(dtype=bool)
    if zoned.any():
        text = unread[zoned].str.replace(_ZONE_WORD, "Z", regex=True)
        stamps = pd.to_datetime(text, format="ISO8601", utc=True, errors="coerce")
        spot = where[np.flatnonzero(failed)[zoned]]
        out.value[spot] = stamps.dt.tz_localize(None).to_numpy(dtype="datetime64[us]")


_ZONE_WORD = re.compile(r"(?<=\d)\s*(?:utc|gmt)$", re.IGNORECASE)


def _without_clock(text: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """``text`` without a trailing time of day, and that time as a duration (0 where none)."""
    offset = np.zeros(len(text), dtype="timedelta64[us]")
    clock = text.str.extract(_CLOCK)
    found = clock["hh"].notna().to_numpy()
    if not found.any():
        return text, offset
    hours, minutes, seconds = _clock_parts(clock[found])
    sign = np.where(clock["zs"][found].fillna("+").to_numpy(dtype=object) == "-", -1, 1)
    zone = sign * (
        clock["zh"][found].fillna("0").astype(int).to_numpy() * 3600
        + clock["zm"][found].fillna("0").astype(int).to_numpy() * 60
    )
    valid = (hours < 24) & (minutes < 60) & (seconds < 60) & (np.abs(zone) <= 14 * 3600)
    at = np.flatnonzero(found)[valid]
    utc_seconds = hours * 3600 + minutes * 60 + seconds - zone
    offset[at] = (utc_seconds[valid] * 1_000_000).astype("timedelta64[us]")
    stripped = text.str.replace(_CLOCK, "", regex=True)
    keep = np.zeros(len(text), dtype=bool)
    keep[at] = True
    return text.where(~keep, stripped), offset


def _named_text(cleaned: pd.Series) -> pd.Series:
    """Named-month dates made plain: lower case, no weekday, no "3rd", no "Sept."."""
    return (
        cleaned.str.lower()
        .str.replace(_WEEKDAY, "", regex=True)
        .str.replace(r"(\d)(?:st|nd|rd|th)\b", r"\1", regex=True)
        .str.replace(r"\bsept\b", "sep", regex=True)
        .str.replace(r"\b([a-z]{3,9})\.", r"\1", regex=True)
    )


def _clock_parts(parts: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Hour (24-hour clock), minute and second from the ``hh``, ``mm``, ``ss`` and ``ampm``
    texts a date pattern extracted (0 where none is written)."""
    hour = parts["hh"].fillna("0").astype(int).to_numpy()
    minute = parts["mm"].fillna("0").astype(int).to_numpy()
    second = parts["ss"].fillna("0").astype(int).to_numpy()
    ampm = parts["ampm"].fillna("").str.lower().str[0].to_numpy(dtype=object)
    hour = np.where((ampm == "p") & (hour < 12), hour + 12, hour)
    hour = np.where((ampm == "a") & (hour == 12), 0, hour)
    return hour, minute, second


def _parse_numeric(parts: pd.DataFrame, where: np.ndarray, out: _Distinct) -> None:
    a = parts["a"].astype(int).to_numpy()
    b = parts["b"].astype(int).to_numpy()
    year = parts["y"].astype(int).to_numpy()
    short = parts["y"].str.len().to_numpy() == 2
    year = np.where(short, np.where(year < 69, 2000 + year, 1900 + year), year)
    hour, minute, second = _clock_parts(parts)
    dotted = (parts["sep"] == ".").to_numpy()

    def assemble(day: np.ndarray, month: np.ndarray) -> np.ndarray:
        frame = pd.DataFrame(
            {
                "year": year,
                "month": month,
                "day": day,
                "hour": hour,
                "minute": minute,
                "second": second,
            }
        )
        return pd.to_datetime(frame, errors="coerce").to_numpy(dtype="datetime64[us]")

    day_first = assemble(a, b)
    month_first = assemble(b, a)
    out.numeric[where] = True
    out.dotted[where] = dotted
    # A dotted date is day-first by convention: offer only that reading first.
    out.day_first[where] = day_first
    out.month_first[where] = np.where(dotted, day_first, month_first)
    slash = ~dotted
    out.proves_day_first[where] = slash & (a > 12) & (b <= 12)
    out.proves_month_first[where] = slash & (b > 12) & (a <= 12)
    out.swappable[where] = slash & (a <= 12) & (b <= 12) & (a != b)
    # A dotted cell that only makes sense month-first is read that way (and flagged).
    bad_dotted = dotted & np.isnat(day_first)
    if bad_dotted.any():
        out.month_first[where[bad_dotted]] = month_first[bad_dotted]


def _decide_order(
    parsed: _Distinct, weights: np.ndarray, dayfirst: bool | None
) -> tuple[str, np.ndarray]:
    """The file's day/month order, and per distinct value whether to read it day-first."""
    dotted = parsed.dotted
    if dayfirst is not None:
        order = DAY_FIRST if dayfirst else MONTH_FIRST
        file_dayfirst = bool(dayfirst)
    else:
        # a range whose two ends each prove the order votes twice, as its two parts would
        votes = weights * (1 + parsed.votes_twice)
        day_votes = int(votes[parsed.proves_day_first].sum())
        month_votes = int(votes[parsed.proves_month_first].sum())
        if day_votes or month_votes:
            file_dayfirst = day_votes > month_votes
            order = DAY_FIRST if file_dayfirst else MONTH_FIRST
        elif parsed.swappable.any():
            file_dayfirst = False
            order = AMBIGUOUS
        elif parsed.numeric.any():
            file_dayfirst = False
            order = MONTH_FIRST if (parsed.numeric & ~dotted).any() else DAY_FIRST
        else:
            file_dayfirst = False
            order = ""
    return order, np.where(dotted, True, file_dayfirst)


#: What to do when the order was guessed wrong, in words each place replaces with its own way
#: to do it (the CLI's --dayfirst, the file checker's "Dates in this file" choice, ...).
READ_AGAIN = "read the file again as day/month"
#: Reason written in the report when nothing proves the day/month order.
AMBIGUOUS_REASON = (
    "ambiguous day/month order: read as month/day, as no day in it is above 12; "
    f"if these dates are day/month, {READ_AGAIN}"
)


def range_reasons(starts: np.ndarray, ends: np.ndarray) -> list[str]:
    """:func:`range_reason` for each (start, end), worded once per distinct pair."""
    pairs = np.stack([starts.astype("int64"), ends.astype("int64")], axis=1)
    distinct, inverse = np.unique(pairs, axis=0, return_inverse=True)
    words = [
        range_reason(pd.Timestamp(start, unit="us"), pd.Timestamp(end, unit="us"))
        for start, end in distinct.tolist()
    ]
    return [words[i] for i in inverse.ravel().tolist()]


def range_reason(start: pd.Timestamp, end: pd.Timestamp) -> str:
    """The report's words for a cell holding a range, read as its start.

    >>> range_reason(pd.Timestamp("2025-04-01"), pd.Timestamp("2025-04-03"))
    'a date range: read as its start, 1 April 2025 (it ends 3 April 2025)'
    >>> range_reason(pd.Timestamp("2025-04-01 10:00"), pd.Timestamp("2025-04-01 11:30"))
    'a date range: read as its start, 1 April 2025 10:00 (it ends at 11:30)'
    """

    def day(stamp: pd.Timestamp) -> str:
        clock = f" {stamp:%H:%M}" if stamp != stamp.normalize() else ""
        return f"{stamp.day} {stamp:%B %Y}{clock}"

    if end.normalize() == start.normalize() and end != end.normalize():
        ending = f"at {end:%H:%M}"
    else:
        ending = day(end)
    return f"a date range: read as its start, {day(start)} (it ends {ending})"
