"""Shared plumbing of the importers: reading the source, dates, ids and the report.

Nothing here knows a file format; each importer module builds plain frames
(one row per record read, with an ``outcome``) and hands them to
:func:`finish`, which builds the :class:`~infoview_kit.model.OutreachLog` and a
balanced :class:`~infoview_kit.model.LoadReport`.
"""

from __future__ import annotations

import csv
import io
import logging
import os
import re
import warnings
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, BinaryIO

import pandas as pd

from infoview_kit.errors import NotALogError, UnreadableFileError
from infoview_kit.io.archives import (
    ZIP_ERRORS,
    check_regular,
    children,
    classify,
    members,
    open_zip,
    read_member,
)
from infoview_kit.io.headers import fold_header
from infoview_kit.io.limits import Budget, LimitExceededError, Limits, resolve
from infoview_kit.io.merge import fold_text, normalise_linkedin
from infoview_kit.model import FILE_COLUMNS, LoadReport, OutreachLog, Problems
from infoview_kit.names import given_family_keys
from infoview_kit.schema import (
    CONTACT_COLUMNS,
    DATETIME_DTYPE,
    EVENT_COLUMNS,
    conform_contacts,
    conform_events,
)

#: What an importer accepts: a path, the file's bytes, or an open binary file.
Source = str | os.PathLike | bytes | bytearray | BinaryIO

#: Outcome of one record read (a CSV row, a message, a calendar event, a card).
LOADED, MERGED, REJECTED = "loaded", "merged", "rejected"

#: Two messages from you in the same conversation less than this apart are one
#: request (people often send a message in two parts), not a follow-up.
SAME_REQUEST_GAP = pd.Timedelta(hours=24)


def source_name(source: Any, name: str | None = None) -> str:
    """The name of ``source`` in reports: ``name`` if given, else the path as given, else "<bytes>".

    (``load_log`` replaces the path by its own label, e.g. relative to a cohort folder.)
    """
    if name:
        return str(name)
    if isinstance(source, (str, os.PathLike)):
        return os.fspath(source)
    file_name = getattr(source, "name", None)
    if isinstance(file_name, str):
        return file_name
    return "<bytes>"


def read_bytes(source: Source, *, name: str, limits: Limits | None = None) -> bytes:
    """All bytes of ``source`` (at most ``limits.table_mb``); a missing, unreadable or too
    large file is one InfoviewError line."""
    limits = resolve(limits)
    if isinstance(source, (bytes, bytearray)):
        data = bytes(source)
    elif isinstance(source, (str, os.PathLike)):
        data = _read_path(Path(source), name, limits)
    elif hasattr(source, "read"):
        data = _read_stream(source, limits.table_bytes + 1)
        data = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    else:
        raise UnreadableFileError(f"{name}: expected a file path, bytes or an open binary file.")
    if len(data) > limits.table_bytes:
        raise limits.exceeded(name, "is larger than", "table_mb")
    return data


def _read_stream(source: BinaryIO, most: int) -> bytes | str:
    """At most ``most`` bytes of an open file, in chunks (never reserving ``most`` at once)."""
    chunks: list = []
    total = 0
    while total < most and (chunk := source.read(min(1 << 20, most - total))):
        chunks.append(chunk)
        total += len(chunk)
    if chunks and isinstance(chunks[0], str):
        return "".join(chunks)
    return b"".join(chunks)


def _read_path(path: Path, name: str, limits: Limits) -> bytes:
    if path.is_dir() or not path.exists():
        raise UnreadableFileError(f"{name}: file not found (or it is a folder).")
    check_regular(path, name)
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > limits.table_bytes:
                raise limits.exceeded(name, "is larger than", "table_mb")
            return handle.read(size + 1)  # read(n) reserves n bytes: ask for what is there
    except OSError as exc:
        raise UnreadableFileError(f"{name}: could not be read ({type(exc).__name__}).") from None


def decode_text(data: bytes) -> str:
    """Text of a file written by a web export, re-saved by Excel or saved as "Unicode".

    UTF-16 (with a byte-order mark, or without one when every other byte is
    NUL, as Windows tools write it), then UTF-8 (with or without a byte-order
    mark), then Windows-1252 (what Excel writes for plain "CSV"), which accepts
    any byte.

    >>> decode_text("\\ufeffCafé".encode("utf-8")), decode_text("Café".encode("cp1252"))
    ('Café', 'Café')
    >>> decode_text("BEGIN:VCARD".encode("utf-16")), decode_text("BEGIN".encode("utf-16-le"))
    ('BEGIN:VCARD', 'BEGIN')
    """
    encoding = utf16_encoding(data)
    if encoding is not None:
        return data.decode(encoding, errors="replace").lstrip("\ufeff")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def utf16_encoding(data: bytes) -> str | None:
    """ "utf-16" (byte-order mark), "utf-16-le" or "utf-16-be" (judged from NULs), or None."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    head = data[:512]
    if len(head) >= 8:
        even, odd = head[0::2], head[1::2]
        if odd.count(0) > len(odd) * 0.9 and even.count(0) < len(even) * 0.1:
            return "utf-16-le"
        if even.count(0) > len(even) * 0.9 and odd.count(0) < len(odd) * 0.1:
            return "utf-16-be"
    return None


def unify_line_ends(text: str) -> str:
    r"""Every line end (``\r\n``, ``\r\r\n`` as some tools double it, a lone ``\r``) as ``\n``.

    >>> unify_line_ends("a\r\r\nb\rc\r\nd")
    'a\nb\nc\nd'
    """
    return text.replace("\r\r\n", "\n").replace("\r\n", "\n").replace("\r", "\n")


def remove_nul(text: str, *, label: str, problems: Problems) -> str:
    """``text`` without NUL characters; when there were some, one kept report row says so.

    >>> problems = Problems()
    >>> remove_nul("a\\n\\x00b\\x00", label="x.vcf", problems=problems)
    'a\\nb'
    >>> problems.frame()["reason"].str.replace("(invisible, from a damaged or converted file) ", "")
    0    2 NUL characters removed; the first is on line 2
    Name: reason, dtype: str
    """
    count = text.count("\x00")
    if not count:
        return text
    line = text[: text.index("\x00")].count("\n") + 1
    what = "1 NUL character" if count == 1 else f"{count} NUL characters"
    reason = (
        f"{what} (invisible, from a damaged or converted file) removed; the first is on line {line}"
    )
    problems.add(label, None, None, None, reason, kept=True)
    return text.replace("\x00", "")


class LibraryNotes:
    """What a parsing library logs or warns while it reads, kept for the report, never printed.

    >>> import logging, warnings
    >>> with LibraryNotes() as notes:
    ...     logging.getLogger("vobject.base").error("Skipped line 3, message: x")
    ...     warnings.warn("odd zone")
    >>> [n.split(":")[0] for n in notes.messages]
    ['Skipped line 3, message', 'odd zone']
    """

    #: The loggers of the libraries the importers use.
    LOGGERS = ("vobject", "icalendar")

    def __init__(self) -> None:
        self.messages: list[str] = []
        #: (record being read when the library spoke, message); see ``where``.
        self.located: list[tuple[int | None, str]] = []
        #: The record being read (set by the importer), stored with each log message.
        self.where: int | None = None
        self._handler = _Collect(self)
        self._saved: list[tuple[logging.Logger, list, bool, int]] = []
        self._warnings = warnings.catch_warnings(record=True)
        self._caught: list = []

    def __enter__(self) -> LibraryNotes:
        # The libraries' loggers, and their children (vobject puts its own printing handler on
        # "vobject.base"): each gets only our handler while the load runs.
        names = {
            name
            for name in [*self.LOGGERS, *logging.root.manager.loggerDict]
            if any(name == root or name.startswith(root + ".") for root in self.LOGGERS)
        }
        for name in sorted(names):
            logger = logging.getLogger(name)
            self._saved.append((logger, list(logger.handlers), logger.propagate, logger.level))
            logger.handlers = [self._handler]
            logger.propagate = False
            logger.setLevel(logging.WARNING)
        self._caught = self._warnings.__enter__()
        warnings.simplefilter("always")
        return self

    def __exit__(self, *exc) -> None:
        self._warnings.__exit__(*exc)
        caught = [str(w.message) for w in self._caught]
        self.messages.extend(caught)
        self.located.extend((None, message) for message in caught)
        for logger, handlers, propagate, level in self._saved:
            logger.handlers = handlers
            logger.propagate = propagate
            logger.setLevel(level)


class _Collect(logging.Handler):
    def __init__(self, notes: LibraryNotes) -> None:
        super().__init__(logging.WARNING)
        self.notes = notes

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
        except Exception:  # a malformed log call must not break a load
            message = "(unreadable library message)"
        self.notes.messages.append(message)
        self.notes.located.append((self.notes.where, message))


def archive_members(
    source: Source, *, name: str, limits: Limits | None = None
) -> Mapping[str, bytes]:
    """Member path -> bytes for a folder, a .zip path or zip bytes (folders inside kept).

    Only regular files are listed (links leaving the folder, pipes and devices
    are not); macOS resource forks are skipped. A member's bytes are read
    when asked for, streamed within ``limits`` (one budget for the whole
    archive), so the members nobody asks for cost nothing.
    """
    limits = resolve(limits)
    if isinstance(source, (str, os.PathLike)) and Path(source).is_dir():
        return _FolderMembers(Path(source), name, limits)
    data = read_bytes(source, name=name, limits=replace(limits, table_mb=limits.unpacked_mb))
    try:
        archive = open_zip(io.BytesIO(data), name)
        infos = [i for i in members(archive, name, limits) if not _hidden(i.filename)]
    except UnreadableFileError:
        raise UnreadableFileError(f"{name}: not a readable zip archive or folder.") from None
    return _ZipMembers(archive, {i.filename: i for i in infos}, name, Budget(limits))


class _ZipMembers(Mapping[str, bytes]):
    """The members of an open zip, read on demand within one budget."""

    def __init__(self, archive: zipfile.ZipFile, infos: dict, name: str, budget: Budget) -> None:
        self._archive, self._infos, self._name, self._budget = archive, infos, name, budget

    def __getitem__(self, member: str) -> bytes:
        info = self._infos[member]
        label = f"{self._name}/{member}"
        try:
            return read_member(self._archive, info, budget=self._budget, label=label)
        except LimitExceededError:
            raise
        except ZIP_ERRORS:
            raise UnreadableFileError(f"{label}: damaged or encrypted member.") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._infos)

    def __len__(self) -> int:
        return len(self._infos)


class _FolderMembers(Mapping[str, bytes]):
    """The regular files under a folder (links kept inside it), read on demand."""

    def __init__(self, root: Path, name: str, limits: Limits) -> None:
        self._root, self._name, self._limits = root, name, limits
        real, seen = root.resolve(), set()
        self._paths: dict[str, Path] = {}
        for path in _walk_files(root, real, seen, limits):
            relative = path.relative_to(root).as_posix()
            if not _hidden(relative):
                self._paths[relative] = path

    def __getitem__(self, member: str) -> bytes:
        label = f"{self._name}/{member}"
        return read_bytes(self._paths[member], name=label, limits=self._limits)

    def __iter__(self) -> Iterator[str]:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)


def _walk_files(folder: Path, real: Path, seen: set, limits: Limits) -> Iterator[Path]:
    """Regular files under ``folder``, each once, links confined to ``real``."""
    count = 0
    stack = [folder]
    while stack:
        directory = stack.pop()
        for child in children(directory):
            kind = classify(child, root=real, seen=seen)
            if kind == "dir":
                stack.append(child)
            elif kind == "file":
                count += 1
                if count > limits.files:
                    raise limits.exceeded(str(folder), "holds more files than", "files")
                yield child


def _hidden(member: str) -> bool:
    parts = member.split("/")
    return any(part.startswith(".") or part == "__MACOSX" for part in parts)


def parse_datetimes(values: pd.Series, formats: Iterable[str]) -> pd.Series:
    """Parse text with the first format in ``formats`` that fits, per distinct value.

    Aware times are converted to UTC and made naive (the schema's convention);
    values no format fits become NaT (callers report them). Vectorised over
    the distinct values.

    >>> s = pd.Series(["2025-06-07 14:03:00 UTC", "07 Jun 2025", "soon", None])
    >>> out = parse_datetimes(s, ["%Y-%m-%d %H:%M:%S UTC", "%d %b %Y"])
    >>> out.dt.strftime("%Y-%m-%d %H:%M").tolist()
    ['2025-06-07 14:03', '2025-06-07 00:00', nan, nan]
    """
    text = values.astype("str").str.strip()
    uniques = pd.Series(text.dropna().unique(), dtype="str")
    parsed = pd.Series(pd.NaT, index=uniques.index, dtype="datetime64[us, UTC]")
    for fmt in formats:
        todo = parsed.isna()
        if not todo.any():
            break
        attempt = pd.to_datetime(uniques[todo], format=fmt, errors="coerce", utc=True)
        parsed = parsed.where(~todo, attempt)
    table = pd.Series(
        parsed.dt.tz_localize(None).astype(DATETIME_DTYPE).to_numpy(), index=uniques.to_numpy()
    )
    out = lookup(text, table)
    return pd.Series(out.to_numpy(dtype="datetime64[us]"), index=values.index, name=values.name)


#: Day-month-year styles of an exported or Excel re-saved date, month-first variants.
SLASH_MONTH_FIRST = (
    "%m/%d/%Y",
    "%m/%d/%y",
    "%m/%d/%Y %H:%M",
    "%m/%d/%y, %I:%M %p",
    "%m/%d/%Y %I:%M %p",
)
SLASH_DAY_FIRST = ("%d/%m/%Y", "%d/%m/%y", "%d/%m/%Y %H:%M", "%d/%m/%y, %H:%M", "%d/%m/%Y %I:%M %p")

_SLASH = re.compile(r"^\s*(\d{1,2})[/.](\d{1,2})[/.]\d{2,4}")


def slash_order(values: pd.Series) -> str | None:
    """ "day" or "month" when the slash dates in ``values`` prove their order, else None.

    A first part above 12 proves day-first, a second part above 12 month-first.

    >>> slash_order(pd.Series(["25/06/2025", "01/02/2025"])), slash_order(pd.Series(["6/7/25"]))
    ('day', None)
    """
    parts = values.astype("str").str.extract(_SLASH).astype("float")
    if (parts[0] > 12).any():
        return "day"
    if (parts[1] > 12).any():
        return "month"
    return None


def has_slash_dates(values: pd.Series) -> bool:
    return bool(values.astype("str").str.match(_SLASH).fillna(False).any())


def normalise_linkedin_url(values: pd.Series) -> pd.Series:
    """Profile URLs reduced to ``linkedin.com/in/<slug>``, the key ``combine_logs`` matches on.

    >>> urls = pd.Series(["https://www.LinkedIn.com/in/Ada-Example/?trk=x", ""])
    >>> normalise_linkedin_url(urls).tolist()
    ['linkedin.com/in/ada-example', nan]
    """
    return normalise_linkedin(values.astype("str"))


def blank_to_na(frame: pd.DataFrame) -> pd.DataFrame:
    """Strip text cells; empty strings become missing."""
    out = {}
    for column in frame.columns:
        col = frame[column].astype("str").str.strip()
        out[column] = col.where(col.str.len() > 0)
    return pd.DataFrame(out, index=frame.index)


def person_key(name: pd.Series) -> pd.Series:
    """A name folded for matching (case, accents, spacing ignored), as ``combine_logs`` folds it."""
    return fold_text(name.astype("str"))


@dataclass
class FilePart:
    """What one input file contributed: per-record outcomes and the problems found."""

    file: str
    layout: str
    outcomes: pd.Series = field(default_factory=lambda: pd.Series(dtype="str"))
    message: str = ""


@dataclass
class Accounting:
    """Collects per-file outcomes and problems, then builds the LoadReport."""

    problems: Problems = field(default_factory=Problems)
    parts: list[FilePart] = field(default_factory=list)

    def add_file(self, file: str, layout: str, outcomes: pd.Series, message: str = "") -> None:
        self.parts.append(FilePart(file, layout, outcomes.astype("str"), message))

    def skip_file(self, file: str, message: str) -> None:
        self.parts.append(FilePart(file, "skipped", pd.Series(dtype="str"), message))

    def report(self, contacts: pd.DataFrame, events: pd.DataFrame) -> LoadReport:
        rows = []
        for part in self.parts:
            counts = part.outcomes.value_counts()
            read = len(part.outcomes)
            status = "skipped" if part.layout == "skipped" else "loaded"
            rows.append(
                {
                    "file": part.file,
                    "layout": part.layout,
                    "rows_read": read,
                    "rows_loaded": int(counts.get(LOADED, 0)),
                    "rows_merged": int(counts.get(MERGED, 0)),
                    "rows_rejected": int(counts.get(REJECTED, 0)),
                    "status": status,
                    "message": part.message,
                }
            )
        files = pd.DataFrame(rows, columns=list(FILE_COLUMNS)).astype("object")
        total = {c: int(files[c].sum()) if len(files) else 0 for c in FILE_COLUMNS[2:6]}
        return LoadReport(
            rows_read=total["rows_read"],
            rows_loaded=total["rows_loaded"],
            rows_merged=total["rows_merged"],
            rows_rejected=total["rows_rejected"],
            problems=self.problems.frame(),
            files=files,
        ).describe(contacts, events)


def finish(contacts: pd.DataFrame, events: pd.DataFrame, accounting: Accounting) -> OutreachLog:
    """The OutreachLog of an importer: canonical tables, events sorted, report attached.

    The importers' working columns are dropped (an importer has no extra columns).
    """
    contacts = conform_contacts(contacts.filter(list(CONTACT_COLUMNS))).reset_index(drop=True)
    events = conform_events(events.filter(list(EVENT_COLUMNS)))
    events = events.sort_values(["owner", "at", "contact_id"], kind="stable", na_position="last")
    events = events.reset_index(drop=True)
    log = OutreachLog(contacts, events)
    log.report = accounting.report(log.contacts, log.events)
    return log


def owner_series(owner: str | None, n: int, index: pd.Index) -> pd.Series:
    return pd.Series([owner] * n, index=index, dtype="str")


@dataclass
class Table:
    """A CSV table read with the row numbers a spreadsheet shows.

    ``frame`` holds the cells as text (missing = NaN) under folded headers,
    plus ``row`` (the row number the user sees in Excel: preamble and header
    rows counted) and ``extra`` (how many cells beyond the header the row had).
    """

    header_row: int
    headers: list[str]
    frame: pd.DataFrame


def read_table(text: str, *, file: str, is_header) -> Table:
    """Parse CSV ``text`` whose header is the first record where ``is_header(folded)`` holds.

    Lines above the header (LinkedIn's "Notes:" preamble) are skipped but
    counted in row numbers. Quoted multi-line cells stay one row, as in Excel.
    Fully blank rows are dropped and not counted.
    """
    try:
        records = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error:
        raise UnreadableFileError(
            f"{file}: the CSV quoting is broken; it could not be read."
        ) from None
    header_at = next(
        (
            i
            for i, rec in enumerate(records[:50])
            if rec and is_header([fold_header(c) for c in rec])
        ),
        None,
    )
    if header_at is None:
        raise NotALogError(f"{file}: no header row of the expected columns was found.")
    headers = [fold_header(c) for c in records[header_at]]
    body = records[header_at + 1 :]
    width = len(headers)
    cells = [(rec + [""] * width)[:width] for rec in body]
    frame = (
        pd.DataFrame(cells, columns=_unique(headers), dtype="str")
        if cells
        else pd.DataFrame({h: pd.Series(dtype="str") for h in _unique(headers)})
    )
    frame = blank_to_na(frame)
    frame["row"] = pd.Series(
        range(header_at + 2, header_at + 2 + len(body)), index=frame.index, dtype="int64"
    )
    frame["extra"] = pd.Series(
        [max(len(rec) - width, 0) if any(c.strip() for c in rec[width:]) else 0 for rec in body],
        index=frame.index,
        dtype="int64",
    )
    content = frame.drop(columns=["row", "extra"])
    frame = frame[content.notna().any(axis=1) | (frame["extra"] > 0)].reset_index(drop=True)
    return Table(header_at + 1, headers, frame)


def _unique(headers: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for h in headers:
        n = seen.get(h, 0)
        out.append(h if n == 0 else f"{h} {n + 1}")
        seen[h] = n + 1
    return out


#: Date and date-time styles found in web exports and in files Excel re-saved
#: (slash dates are added in the order the file proves, see ``parse_export_dates``).
EXPORT_DATE_FORMATS: tuple[str, ...] = (
    "%Y-%m-%d %H:%M:%S UTC",
    "%Y-%m-%d %H:%M UTC",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S%z",
    "%Y-%m-%dT%H:%M:%S.%f%z",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d",
    "%d %b %Y",
    "%d %B %Y",
    "%d-%b-%y",
    "%d-%b-%Y",
    "%b %d, %Y",
    "%B %d, %Y",
    "%d.%m.%Y",
    "%d.%m.%y",
)


def parse_export_dates(
    values: pd.Series,
    *,
    file: str,
    column: str,
    problems: Problems,
    rows: pd.Series,
    assume: str | None = None,
) -> pd.Series:
    """Dates of one export column, vectorised; the day/month order is decided per column.

    A slash date whose first part is above 12 proves day-first; a second part
    above 12 proves month-first. With no proof, month-first is used and one
    problem row says so. Cells no style fits come back NaT (the caller
    reports them, since only it knows whether the row is kept).
    """
    order = slash_order(values) or assume
    slash = SLASH_DAY_FIRST if order == "day" else SLASH_MONTH_FIRST
    parsed = parse_datetimes(values, (*EXPORT_DATE_FORMATS, *slash))
    if order is None and has_slash_dates(values):
        first = rows[values.astype("str").str.match(_SLASH).fillna(False)].iloc[0]
        problems.add(
            file,
            int(first),
            column,
            None,
            "ambiguous day/month order: read as month/day (no day above 12 proves otherwise)",
            kept=True,
        )
    return parsed


def lookup(keys: pd.Series, table: pd.Series) -> pd.Series:
    """``keys.map(table)`` that also works when ``table`` is empty (any dtype).

    >>> lookup(pd.Series(["a", "b"]), pd.Series([pd.Timestamp("2025-01-01")], index=["a"])).tolist()
    [Timestamp('2025-01-01 00:00:00'), NaT]
    """
    table = table[~table.index.duplicated()]
    values = table.reindex(keys.to_numpy())
    return pd.Series(values.to_numpy(), index=keys.index, dtype=values.dtype, name=keys.name)


def given_family_names(names: pd.Series) -> pd.Series:
    """Display names written "Family, Given" (as Outlook writes them) read "Given Family", by
    :func:`infoview_kit.names.given_family_keys` (so "Bo Sample, MD", "Acme, Inc." and two people
    "Ada Example, Bo Sample" stay as written); each distinct name is looked at once.

    >>> given_family_names(pd.Series(["Example, Ada", "Ada Example, PhD", "Acme, Inc.", None]))
    0         Ada Example
    1    Ada Example, PhD
    2          Acme, Inc.
    3                 NaN
    dtype: str
    """
    texts = names.astype("str")
    uniques = texts.dropna().unique().tolist()
    read = given_family_keys(uniques)
    if read == uniques:
        return texts
    return texts.map(dict(zip(uniques, read, strict=True)), na_action="ignore").astype("str")
