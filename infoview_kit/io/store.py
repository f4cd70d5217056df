"""The workbook: one folder per person, saved atomically, locked, with one backup.

A workbook folder holds::

    workbook.json          format version, owner, created_at
    contacts.csv           the contacts table (schema.CONTACT_COLUMNS)
    events.csv             the events table (schema.EVENT_COLUMNS)
    contacts.csv.bak       the previous version of contacts.csv (one backup)
    events.csv.bak         the previous version of events.csv
    prep/<contact_id>/     notes and drafts: research.md, request.eml, ...
    .lock                  held while a program reads, changes and writes

The CSV files are plain UTF-8 (no BOM), RFC 4180 (CRLF line ends, quotes only
where needed), timestamps in ISO 8601, an empty cell meaning "missing". Text is
stored verbatim: a note that starts with ``=`` stays a note (making formula
cells harmless is the job of spreadsheet *exports*, not of the workbook).

Every change is saved at once: the new file is written beside the old one,
flushed to disk, then renamed over it, so a crash leaves either the old or the
new version, never half a file. Two notebooks (kernels) that hold the same
workbook never lose each other's entries: each change takes the lock, re-reads
the files if another program changed them, applies itself and writes.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp()) / "my_workbook"
>>> wb = Workbook.create(folder, owner="me")
>>> ada = wb.add_contact(name="Ada Example", organization="Acme", connection="Alum")
>>> wb.log_event(ada, "request_sent", at="2025-03-01 09:30", channel="email")
True
>>> again = Workbook.open(folder)
>>> again.contact(ada)["connection"], len(again.events)
('alumni', 1)
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from filelock import FileLock, Timeout

from infoview_kit.errors import WorkbookError
from infoview_kit.io.dates import parse_date_columns
from infoview_kit.io.encodings import ENCODING_NAMES, decode_text
from infoview_kit.io.headers import canonical_label
from infoview_kit.io.output import replace_file, write_target
from infoview_kit.model import LoadReport, OutreachLog
from infoview_kit.schema import (
    CONTACT_COLUMNS,
    DATETIME_DTYPE,
    EVENT_COLUMNS,
    EVENT_KINDS,
    STRING_DTYPE,
    as_timestamp,
    conform_contacts,
    conform_events,
    empty_contacts,
    empty_events,
    extra_columns,
    make_contact_ids,
    normalise_text,
)

__all__ = [
    "REPEATABLE_KINDS",
    "UnknownContactError",
    "Workbook",
    "logged_that_day",
    "prep_folder_name",
    "read_workbook_tables",
]

FORMAT_NAME = "infoview-kit workbook"
FORMAT_VERSION = 1
META_FILE = "workbook.json"
CONTACTS_FILE = "contacts.csv"
EVENTS_FILE = "events.csv"
LOCK_FILE = ".lock"
PREP_DIR = "prep"
#: Workbook-wide notes (not about one contact), e.g. the decision notebook's reflection.
NOTES_DIR = "notes"
BACKUP_SUFFIX = ".bak"
#: Kinds of prep file a contact folder may hold; a name without one gets ``.md``.
PREP_SUFFIXES = (".md", ".txt", ".html", ".eml")
#: Seconds to wait for another program to finish saving before giving up.
LOCK_TIMEOUT = 60.0
#: Seconds between two tries to take a busy lock (filelock polls).
LOCK_POLL = 0.002

_TABLES: dict[str, dict[str, str]] = {CONTACTS_FILE: CONTACT_COLUMNS, EVENTS_FILE: EVENT_COLUMNS}
_CONTACT_FIELDS = tuple(c for c in CONTACT_COLUMNS if c not in ("owner", "contact_id"))
_ID_SHAPE = re.compile(r"c-[0-9a-f]{10}")
#: What an event kind looks like (a wrong one is echoed in the error only if it has this shape).
_KIND_SHAPE = re.compile(r"[a-z][a-z_]{0,29}")
_SAFE_PART = re.compile(r"[^\\/:*?\"<>|\x00-\x1f]+")
_TEMP_NAME = re.compile(r"\..+\.[0-9a-f]{12}\.tmp")

# contacts, events -> contacts, events, tables changed, result for the caller
_Op = Callable[[pd.DataFrame, pd.DataFrame], tuple[pd.DataFrame, pd.DataFrame, set[str], Any]]


class UnknownContactError(WorkbookError, KeyError):
    """No contact with the given id in the workbook (a ``KeyError`` too)."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class _Damaged(Exception):
    """Internal: a table file cannot be read; ``reason`` holds no personal data."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# ---------------------------------------------------------------- reading


def read_workbook_tables(path: str | os.PathLike) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read the contacts and events tables of a workbook folder, exactly as saved.

    Cells are read as text (``"NA"`` or ``"null"`` stay text; only an empty
    cell is missing), timestamps as ISO 8601, then conformed to the schema. A
    damaged file raises :class:`WorkbookError` with a one-line reason; when its
    backup is readable the message says how to restore it (nothing is restored
    silently). This reader takes no lock: each file is replaced atomically, so
    it sees a whole version of each.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp()) / "wb"
    >>> _ = Workbook.create(folder)
    >>> contacts, events = read_workbook_tables(folder)
    >>> len(contacts), list(events.columns)[:3]
    (0, ['owner', 'contact_id', 'at'])
    """
    folder = Path(path)
    if not folder.is_dir():
        raise WorkbookError(f"No workbook folder at {folder}.")
    contacts, _, _ = _read_table(folder, CONTACTS_FILE)
    events, _, _ = _read_table(folder, EVENTS_FILE)
    return contacts, events


def _read_table(
    folder: Path, name: str, cached: tuple[bytes, pd.DataFrame] | None = None
) -> tuple[pd.DataFrame, bytes, list[str]]:
    """Read one table: its frame, its bytes, and what was repaired (a file Excel re-saved).

    ``cached`` is (bytes, frame) of a version read or written before: when the
    file only grew from it (another kernel appended events), only the new rows
    are parsed. A file another program re-saved (another encoding or
    delimiter, no final line break, dates in its own format) is read with
    every edit kept; the list says what differed, and the caller rewrites it.
    Damage that cannot be repaired raises :class:`WorkbookError`.
    """
    main = folder / name
    columns = _TABLES[name]
    data = None
    try:
        data = _read_bytes(main)
        if cached is not None and len(data) > len(cached[0]) and data.startswith(cached[0]):
            old_data, old = cached
            header = _header_bytes([*columns, *extra_columns(old, columns)])
            tail = _parse_bytes(header + data[len(old_data) :], columns, len(old))
            frame = _append_rows(old, tail, columns)
        else:
            frame = _parse_bytes(data, columns)
        _check_ids(frame, columns)
        return frame, data, []
    except _Damaged as damage:
        repaired = _read_resaved(data, columns, _known_dates(folder / (name + BACKUP_SUFFIX)))
        repaired = repaired if data else None
        if repaired is not None:
            return repaired[0], data, repaired[1]
        raise _damaged(folder, name, damage) from None


def _damaged(folder: Path, name: str, damage: _Damaged) -> WorkbookError:
    """The message for a table that cannot be read: never advice that loses newer edits."""
    main = folder / name
    backup = main.with_name(name + BACKUP_SUFFIX)
    try:
        _parse_table(backup, _TABLES[name])
    except (_Damaged, WorkbookError):
        return WorkbookError(
            f"{main} is damaged ({damage.reason}) and has no readable backup: "
            "open it in a text editor to repair it."
        )
    saved = datetime.fromtimestamp(backup.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
    return WorkbookError(
        f"{main} is damaged ({damage.reason}); nothing was changed. Its backup {backup.name} "
        f"is readable but older (saved {saved}): it lacks what was added since. Repair {name} "
        "in a text editor (the backup shows how a good line looks). Only if nothing was "
        f"added since {saved}, Workbook.restore_backup({str(folder)!r}) puts the backup back "
        "and keeps the damaged file aside."
    )


_NO_LINE_BREAK = "its last line had no line break"


def _known_dates(backup: Path) -> set[pd.Timestamp]:
    """Dates of the backup (the last version the workbook wrote): they settle day/month order."""
    try:
        frame, _ = _parse_table(
            backup, CONTACT_COLUMNS if "contacts" in backup.name else EVENT_COLUMNS
        )
    except (_Damaged, WorkbookError):
        return set()
    stamps = [
        frame[c] for c, dtype in CONTACT_COLUMNS.items() if dtype == DATETIME_DTYPE and c in frame
    ]
    stamps += [frame["at"]] if "at" in frame else []
    return {t.floor("min") for s in stamps for t in s.dropna()}


def _read_resaved(
    data: bytes | None, columns: dict[str, str], known: set[pd.Timestamp]
) -> tuple[pd.DataFrame, list[str]] | None:
    """A table another program re-saved, read with every edit kept; None if it is damaged.

    ``known`` dates (of the backup) decide day/month order when the dates alone cannot.
    """
    if not data:
        return None
    try:
        decoded = decode_text(data)
    except UnicodeDecodeError:
        return None
    repairs = []
    if decoded.encoding != "utf-8" or decoded.notes:
        repairs.append(f"it was saved as {ENCODING_NAMES.get(decoded.encoding, 'other')} text")
    text = decoded.text.lstrip("\ufeff")
    first = text.split("\n", 1)[0].rstrip("\r")
    delimiter = max((",", ";", "\t"), key=lambda d: sum(c in first.split(d) for c in columns))
    if delimiter != ",":
        repairs.append(
            "its cells were separated by " + {";": "semicolons", "\t": "tabs"}[delimiter]
        )
    if text.strip() and not text.endswith(("\n", "\r")):
        text += "\r\n"
        repairs.append(_NO_LINE_BREAK)
    if delimiter != ",":
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
        out = io.StringIO()
        csv.writer(out, lineterminator="\r\n").writerows(rows)
        text = out.getvalue()
    try:
        frame = _parse_bytes(text.encode("utf-8"), columns, dates=(repairs, known))
        _check_ids(frame, columns)
    except _Damaged:
        return None
    if repairs == [_NO_LINE_BREAK]:
        # Nothing else says another program wrote it: a file cut short looks just like this.
        return None
    return frame, repairs


def _parse_table(path: Path, columns: dict[str, str]) -> tuple[pd.DataFrame, bytes]:
    data = _read_bytes(path)
    frame = _parse_bytes(data, columns)
    _check_ids(frame, columns)
    return frame, data


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise _Damaged("the file is missing") from None
    except OSError as exc:
        raise WorkbookError(f"Cannot read {path}: {exc.strerror or exc}.") from None


def _parse_bytes(
    data: bytes,
    columns: dict[str, str],
    row_offset: int = 0,
    *,
    dates: tuple[list[str], set[pd.Timestamp]] | None = None,
) -> pd.DataFrame:
    """Parse one CSV table; ``row_offset`` rows came before these (for messages).

    ``dates`` (a list of repairs, known dates) accepts dates that are not ISO
    8601, as another program writes them, and notes it in the list.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _Damaged(f"byte {exc.start} is not UTF-8 text") from None
    if not text.strip():
        raise _Damaged("the file is empty")
    # pandas pads a short row with missing cells, so a cut-off file would read
    # "fine": check the final line break and count every row's cells first.
    if not text.endswith(("\n", "\r")):
        raise _Damaged("the last line has no line break, so the file may have been cut short")
    widths = np.fromiter(
        (len(record) for record in csv.reader(io.StringIO(text, newline=""))), dtype=np.int64
    )
    wrong = np.flatnonzero((widths != widths[0]) & (widths != 0))
    if wrong.size:
        row = int(wrong[0])
        raise _Damaged(
            f"row {row + 1 + row_offset} has {widths[row]} cells where the header has {widths[0]}"
        )
    try:
        raw = pd.read_csv(
            io.StringIO(text), dtype=str, keep_default_na=False, na_values=[""], engine="c"
        )
    except pd.errors.ParserError as exc:
        detail = str(exc).split("C error:")[-1].strip().splitlines()[0]
        raise _Damaged(f"not valid CSV: {detail}") from None
    missing = [c for c in columns if c not in raw.columns]
    if missing:
        # Other columns are the user's own (kept); only missing ones are damage. Those
        # are counted, not named: when the header line is lost, a row of data becomes
        # the header.
        unexpected = [str(c) for c in raw.columns if c not in columns]
        reason = "missing column(s) " + ", ".join(missing)
        if unexpected:
            reason += f"; {len(unexpected)} unexpected column(s)"
        raise _Damaged(reason)
    parsed = {}
    for name, dtype in columns.items():
        if dtype == DATETIME_DTYPE:
            if dates is None:
                parsed[name] = _parse_timestamps(raw[name], name, row_offset)
            else:
                parsed[name] = _parse_any_dates(raw[name], name, *dates)
    return _conform(raw.assign(**parsed), columns)


def _check_ids(frame: pd.DataFrame, columns: dict[str, str]) -> None:
    """Every contact has an id, and no id appears twice."""
    if columns is not CONTACT_COLUMNS:
        return
    ids = frame["contact_id"]
    for bad, reason in (
        (ids.isna(), "contact_id is empty"),
        (ids.duplicated() & ids.notna(), "contact_id repeats an earlier row"),
    ):
        if bad.any():
            raise _Damaged(f"row {_sheet_row(bad)}: {reason}")


def _parse_timestamps(raw: pd.Series, column: str, row_offset: int = 0) -> pd.Series:
    # utc=True: aware stamps convert to UTC, naive ones keep their wall time.
    stamps = pd.to_datetime(raw, format="ISO8601", utc=True, errors="coerce")
    bad = stamps.isna() & raw.notna()
    if bad.any():
        row = _sheet_row(bad) + row_offset
        raise _Damaged(f"row {row}, column {column}: not an ISO 8601 date and time")
    return stamps.dt.tz_localize(None).astype(DATETIME_DTYPE)


def _parse_any_dates(
    raw: pd.Series, column: str, repairs: list[str], known: set[pd.Timestamp]
) -> pd.Series:
    """Dates as another program rewrote them (7/3/2025 14:05, 7-Jun-25); notes the change.

    When nothing in the dates says whether 7/3 is the 7th of March, the order
    that matches more of the ``known`` dates wins (else day first, as Excel
    writes dates outside the US).
    """
    stamps = pd.to_datetime(raw, format="ISO8601", utc=True, errors="coerce")
    other = stamps.isna() & raw.notna()
    out = stamps.dt.tz_localize(None).astype(DATETIME_DTYPE)
    if not other.any():
        return out
    parsed = parse_date_columns({column: raw.where(other)})
    if parsed.ambiguous_columns:
        readings = [
            parse_date_columns({column: raw.where(other)}, dayfirst=d) for d in (True, False)
        ]
        hits = [r.dates[column].dropna().dt.floor("min").isin(known).sum() for r in readings]
        parsed = readings[0] if hits[0] >= hits[1] else readings[1]
    # A month without a day ("March 2025") is no time a program rewrote: not a date here.
    unread = parsed.unreadable[column] | parsed.dayless[column]
    if unread.any():
        raise _Damaged(f"row {_sheet_row(unread)}, column {column}: not a date")
    repairs.append(f"its {column} dates were written like {raw[other].iloc[0]!r}")
    return out.where(~other, parsed.dates[column])


def _sheet_row(mask: pd.Series) -> int:
    """The row number a spreadsheet shows for the first True (header is row 1)."""
    return int(np.flatnonzero(mask.to_numpy())[0]) + 2


def _conform(frame: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """Schema columns and dtypes, with a fresh RangeIndex."""
    conform = conform_contacts if columns is CONTACT_COLUMNS else conform_events
    return conform(frame).reset_index(drop=True)


def _blanks_to_missing(frame: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """Empty text means missing (for frames that did not come through this module)."""
    text = [c for c, dtype in columns.items() if dtype == STRING_DTYPE]
    return frame.assign(**{c: frame[c].where(frame[c] != "") for c in text})


def _append_rows(frame: pd.DataFrame, new: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """``frame`` with the conformed rows ``new`` appended (cheap when no new label appears)."""
    aligned = {}
    for name, dtype in columns.items():
        if dtype != "category":
            continue
        categories = frame[name].cat.categories
        if not new[name].dropna().isin(categories).all():
            return _conform(pd.concat([frame, new], ignore_index=True), columns)
        aligned[name] = new[name].cat.set_categories(categories)
    return pd.concat([frame, new.assign(**aligned)], ignore_index=True)


# ---------------------------------------------------------------- writing


def _table_bytes(frame: pd.DataFrame, columns: dict[str, str], *, header: bool = True) -> bytes:
    cells = {
        name: _iso_timestamps(frame[name]) if dtype == DATETIME_DTYPE else frame[name]
        for name, dtype in columns.items()
    }
    cells.update({name: frame[name] for name in extra_columns(frame, columns)})
    # CRLF is RFC 4180; it also makes the csv module quote a lone "\r" in a cell.
    text = pd.DataFrame(cells).to_csv(index=False, header=header, lineterminator="\r\n", na_rep="")
    return text.encode("utf-8")


def _header_bytes(names: Iterable[str]) -> bytes:
    """The header line for these column names (quoted where a name needs it)."""
    line = io.StringIO()
    csv.writer(line, lineterminator="\r\n").writerow(list(names))
    return line.getvalue().encode("utf-8")


def _updated_bytes(cached: tuple[bytes, pd.DataFrame] | None, frame, columns) -> bytes:
    """The file for ``frame``: when it only adds rows to the cached version, append them.

    ``cached`` is (bytes on disk, the frame they parse to). Serialising a few
    new rows instead of the whole table keeps ``log_event`` fast on big logs.
    """
    if cached is not None:
        data, old = cached
        n = len(old)
        if len(frame) > n and frame.iloc[:n].equals(old):
            return data + _table_bytes(frame.iloc[n:], columns, header=False)
    return _table_bytes(frame, columns)


def _iso_timestamps(values: pd.Series) -> pd.Series:
    """ISO 8601 text: seconds, or microseconds when there is a fraction; NaT -> missing."""
    stamps = values.to_numpy(dtype="datetime64[us]")
    seconds = np.datetime_as_string(stamps, unit="s")
    micros = np.datetime_as_string(stamps, unit="us")
    fraction = (values.dt.microsecond != 0).to_numpy()
    text = pd.Series(np.where(fraction, micros, seconds), index=values.index, dtype=STRING_DTYPE)
    return text.where(values.notna())


def _atomic_write(target: Path, data: bytes, *, backup: bool) -> None:
    """Write ``data`` to ``target`` atomically (:func:`~infoview_kit.io.output.replace_file`).

    With ``backup``, the current ``target`` first becomes ``target.bak`` (a hard
    link, so the old bytes are not copied). Any failure removes the temp file
    and leaves ``target`` as it was. A linked file is written through the link.
    """
    named, target = target, write_target(target)

    def keep_backup() -> None:
        if backup and target.exists():
            _make_backup(target, named)

    replace_file(target, data, before_rename=keep_backup)


def _make_backup(target: Path, named: Path | None = None) -> None:
    """``target``'s bytes kept as the backup beside ``named`` (the path the workbook uses)."""
    named = named or target
    backup = named.with_name(named.name + BACKUP_SUFFIX)
    temp = named.with_name(f".{backup.name}.{uuid.uuid4().hex[:12]}.tmp")
    try:
        try:
            os.link(target, temp)
        except OSError:  # no hard links here (FAT, some network drives): copy
            shutil.copyfile(target, temp)
            with open(temp, "rb+") as handle:
                os.fsync(handle.fileno())
        os.replace(temp, backup)
    finally:
        if temp.exists():
            temp.unlink()


def _fsync_dir(folder: Path) -> None:
    """Make renames in ``folder`` durable (a no-op where directories cannot be synced)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _save_failed(path: Path, exc: BaseException) -> WorkbookError:
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
    if isinstance(exc, PermissionError):
        reason += ": is the file open in another program, or the folder read-only?"
    return WorkbookError(
        f"Could not save {path} ({reason}); the previous version is unchanged and this "
        "change was not saved."
    )


# ---------------------------------------------------------------- values


def _text(value: object) -> str | None:
    """A cell value: None for missing or blank, else the text as given."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, (list, tuple, set, frozenset)):
        value = "; ".join(str(v) for v in value if str(v).strip())
    value = str(value)
    return value if value else None


def _label(value: object, column: str) -> str | None:
    """A vocabulary label: synonyms map to the canonical label, others are kept."""
    text = _text(value)
    if text is None:
        return None
    return canonical_label(text, column) or text


def _now() -> pd.Timestamp:
    return pd.Timestamp.now().floor("s").as_unit("us")


_HEX_ID = re.compile(r"c-([0-9a-f]{6})[0-9a-f]*")


def _id_tail(contact_id: str) -> str:
    """The part of a contact id that goes into its folder name: six hex digits, or the whole id."""
    found = _HEX_ID.fullmatch(contact_id)
    return found.group(1) if found else re.sub(r"[^A-Za-z0-9_-]+", "-", contact_id).strip("-")


def prep_folder_name(contact_id: str, name: str | None) -> str:
    """A contact's prep folder name: their name as a safe file name, then part of their id.

    Accents are dropped and anything but letters and digits becomes ``-``, so
    the name works on every system; the id part keeps two people with the same
    name apart.

    >>> prep_folder_name("c-52ad8f2423", "Sofía Ortiz")
    'sofia-ortiz-52ad8f'
    >>> prep_folder_name("c-52ad8f2423", "李 明"), prep_folder_name("c-1", None)
    ('c-52ad8f2423', 'c-1')
    """
    import unicodedata

    ascii_name = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:40].strip("-")
    return f"{slug}-{_id_tail(contact_id)}" if slug else contact_id


def _safe_part(text: str, what: str) -> str:
    if (
        not isinstance(text, str)
        or not _SAFE_PART.fullmatch(text)
        or text.startswith(".")
        or text != text.strip()
    ):
        raise ValueError(f"{what} must be a plain file name (no slashes, not starting with '.').")
    return text


def _resolve_referrer(contacts: pd.DataFrame, referred_by: str | None) -> str | None:
    """A contact id as given, or the id of the contact with that name, else the text as given."""
    if referred_by is None or (contacts["contact_id"] == referred_by).any():
        return referred_by
    wanted = normalise_text(pd.Series([referred_by], dtype=STRING_DTYPE)).iloc[0]
    hits = contacts.loc[normalise_text(contacts["name"]) == wanted, "contact_id"]
    return referred_by if hits.empty else str(hits.iloc[0])


def _set_fields(contacts: pd.DataFrame, label: int, values: dict[str, Any]) -> pd.DataFrame:
    """A copy of ``contacts`` with some fields of one row replaced (None clears)."""
    # object dtype for the categorical column so a new label can be assigned
    out = contacts.astype({"connection": "object"})
    for key, value in values.items():
        out.loc[label, key] = value
    return _conform(out, CONTACT_COLUMNS)


# ---------------------------------------------------------------- folder


#: Event kinds that may be logged more than once a day with the same contact.
REPEATABLE_KINDS: frozenset[str] = frozenset({"note", "referral_received"})


def logged_that_day(events: pd.DataFrame, contact_id: str, kind: str, at: pd.Timestamp) -> bool:
    """True when ``events`` already hold a ``kind`` event with ``contact_id`` on the day of ``at``.

    >>> ev = pd.DataFrame({"contact_id": ["c-1"], "kind": ["meeting_held"],
    ...                    "at": pd.to_datetime(["2025-06-05 10:00"])})
    >>> logged_that_day(ev, "c-1", "meeting_held", pd.Timestamp("2025-06-05 16:30"))
    True
    >>> logged_that_day(ev, "c-1", "note", pd.Timestamp("2025-06-05 16:30"))
    False
    """
    if kind in REPEATABLE_KINDS or pd.isna(at):
        return False
    same = (events["contact_id"] == contact_id) & (events["kind"].astype("str") == kind)
    days = events.loc[same, "at"]
    if days.empty:
        return False
    return bool((days.dt.normalize() == at.normalize()).any())


def _read_meta(folder: Path) -> dict[str, Any]:
    if not folder.exists():
        raise WorkbookError(
            f"No workbook at {folder}: the folder does not exist (Workbook.create makes one)."
        )
    if not folder.is_dir():
        raise WorkbookError(f"{folder} is a file, not a workbook folder.")
    meta_path = folder / META_FILE
    if not meta_path.exists():
        raise WorkbookError(
            f"{folder} is not a workbook: it has no {META_FILE} (Workbook.create makes one "
            "in a new or empty folder)."
        )
    try:
        meta = json.loads(meta_path.read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        meta = None
    if (
        not isinstance(meta, dict)
        or meta.get("format") != FORMAT_NAME
        or not isinstance(meta.get("version"), int)
        or not isinstance(meta.get("owner"), str)
    ):
        raise WorkbookError(
            f"{meta_path} is damaged: it should hold the format, version and owner of the "
            "workbook. Repair it in a text editor."
        )
    if meta["version"] > FORMAT_VERSION:
        raise WorkbookError(
            f"{folder} was saved by a newer infoview-kit (format {meta['version']}); "
            "update the package to open it."
        )
    return meta


@contextmanager
def _acquired(lock: FileLock, folder: Path) -> Iterator[None]:
    """Hold ``lock``, turning lock failures into one-line :class:`WorkbookError`."""
    try:
        lock.acquire()
    except Timeout:
        raise WorkbookError(
            f"The workbook {folder} is busy: another program kept it locked for over "
            f"{lock.timeout:g} s. Try again, or close other notebooks that use it."
        ) from None
    except OSError as exc:
        raise WorkbookError(
            f"Cannot lock the workbook {folder} ({exc.strerror or exc}): is the folder writable?"
        ) from None
    try:
        yield
    finally:
        lock.release()


def _remove_stale_temp_files(folder: Path) -> None:
    """Delete temp files left by a program killed mid-save (the lock is held)."""
    candidates = [*folder.glob(".*.tmp"), *folder.glob(f"{PREP_DIR}/*/.*.tmp")]
    for path in candidates:
        if _TEMP_NAME.fullmatch(path.name):
            try:
                path.unlink()
            except OSError:
                pass


def _sample_tables(owner: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The sample log, re-owned by ``owner`` (ids recomputed so they stay derivable)."""
    from infoview_kit.datasets.simulate import personal_log

    log = personal_log()
    contacts, events = log.contacts, log.events
    owners = pd.Series(owner, index=contacts.index, dtype=STRING_DTYPE)
    new_ids = make_contact_ids(
        owners, contacts["email"], contacts["name"], contacts["organization"]
    )
    new_ids = new_ids.fillna(contacts["contact_id"])
    if new_ids.duplicated().any():  # keep the sample's own ids rather than merge people
        new_ids = contacts["contact_id"]
    mapping = dict(zip(contacts["contact_id"], new_ids, strict=True))
    contacts = contacts.assign(
        owner=owner,
        contact_id=new_ids,
        referred_by=contacts["referred_by"].map(mapping).fillna(contacts["referred_by"]),
    )
    events = events.assign(
        owner=owner, contact_id=events["contact_id"].map(mapping).fillna(events["contact_id"])
    )
    contacts = _blanks_to_missing(_conform(contacts, CONTACT_COLUMNS), CONTACT_COLUMNS)
    events = _blanks_to_missing(_conform(events, EVENT_COLUMNS), EVENT_COLUMNS)
    return contacts, events


# ---------------------------------------------------------------- the workbook


class Workbook:
    """One person's outreach workbook: a folder with two tables and prep notes.

    Open one with :meth:`open`, :meth:`create` or :meth:`open_or_create`.
    Every change (:meth:`add_contact`, :meth:`update_contact`,
    :meth:`log_event`, :meth:`write_prep`) is saved at once; group many with
    :meth:`batch` to write once.

    >>> import tempfile
    >>> wb = Workbook.create(Path(tempfile.mkdtemp()) / "wb", owner="me")
    >>> with wb.batch():
    ...     bo = wb.add_contact(name="Bo Sample", email="bo@example.com")
    ...     wb.log_event(bo, "meeting_held", at="2025-04-02 14:00", channel="Zoom")
    True
    >>> wb.events[["kind", "channel"]].to_dict("records")
    [{'kind': 'meeting_held', 'channel': 'video'}]
    """

    path: Path
    owner: str

    def __init__(self, path: str | os.PathLike) -> None:
        """Open the workbook at ``path`` (same as :meth:`Workbook.open`)."""
        folder = Path(path)
        meta = _read_meta(folder)
        self.path = folder
        self.owner = meta["owner"]
        self.created_at = meta.get("created_at")
        self._lock = FileLock(
            str(folder / LOCK_FILE), timeout=LOCK_TIMEOUT, poll_interval=LOCK_POLL
        )
        self._contacts = empty_contacts()
        self._events = empty_events()
        self._signature: tuple | None = None
        self._raw: dict[str, tuple[bytes, pd.DataFrame]] = {}
        self._batch_ops: list[_Op] | None = None
        self._batch_dirty: set[str] = set()
        self._batch_depth = 0
        #: What was repaired in files another program (Excel) re-saved, one sentence each.
        self.repairs: list[str] = []
        self.repairs_pending = False
        with self._locked():
            _remove_stale_temp_files(folder)
            self._load_if_changed()

    # ------------------------------------------------------------ opening

    @classmethod
    def open(cls, path: str | os.PathLike) -> Workbook:
        """Open an existing workbook; :class:`WorkbookError` if there is none or it is damaged."""
        return cls(path)

    @classmethod
    def create(
        cls, path: str | os.PathLike, *, owner: str | None = None, sample: bool = False
    ) -> Workbook:
        """Create a workbook in a new or empty folder (``sample=True``: a copy of the sample log).

        ``owner`` (whose log this is) defaults to the folder's name.
        """
        folder = Path(path)
        if folder.exists() and not folder.is_dir():
            raise WorkbookError(
                f"Cannot create a workbook at {folder}: it is a file, not a folder."
            )
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise WorkbookError(
                f"Cannot create the folder {folder}: {exc.strerror or exc}."
            ) from None
        owner = _text(owner) or folder.resolve().name
        lock = FileLock(str(folder / LOCK_FILE), timeout=LOCK_TIMEOUT, poll_interval=LOCK_POLL)
        with _acquired(lock, folder):
            if (folder / META_FILE).exists():
                raise WorkbookError(
                    f"{folder} already holds a workbook: open it with Workbook.open instead."
                )
            if any(p.name != LOCK_FILE for p in folder.iterdir()):
                raise WorkbookError(
                    f"Cannot create a workbook in {folder}: the folder is not empty. "
                    "Choose a new or empty folder."
                )
            contacts, events = (
                _sample_tables(owner) if sample else (empty_contacts(), empty_events())
            )
            meta = {
                "format": FORMAT_NAME,
                "version": FORMAT_VERSION,
                "owner": owner,
                "created_at": _now().isoformat(),
            }
            try:
                (folder / PREP_DIR).mkdir(exist_ok=True)
                _atomic_write(
                    folder / CONTACTS_FILE, _table_bytes(contacts, CONTACT_COLUMNS), backup=False
                )
                _atomic_write(
                    folder / EVENTS_FILE, _table_bytes(events, EVENT_COLUMNS), backup=False
                )
                # workbook.json last: a folder without it is not (yet) a workbook
                meta_bytes = (json.dumps(meta, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
                _atomic_write(folder / META_FILE, meta_bytes, backup=False)
                _fsync_dir(folder)
            except Exception as exc:
                raise _save_failed(folder, exc) from None
        return cls(folder)

    @classmethod
    def open_or_create(
        cls, path: str | os.PathLike, *, owner: str | None = None, sample: bool = False
    ) -> Workbook:
        """Open the workbook at ``path``, or create it there if the folder is missing or empty."""
        folder = Path(path)
        if (folder / META_FILE).exists():
            return cls(folder)
        if not folder.exists() or (
            folder.is_dir() and not any(p.name != LOCK_FILE for p in folder.iterdir())
        ):
            try:
                return cls.create(folder, owner=owner, sample=sample)
            except WorkbookError:
                if (folder / META_FILE).exists():  # another kernel created it just now
                    return cls(folder)
                raise
        return cls(folder)

    @classmethod
    def restore_backup(cls, path: str | os.PathLike, *, table: str | None = None) -> list[Path]:
        """Put the backup of each damaged table back in place; returns the restored files.

        ``table`` ("contacts" or "events") restricts it to one table. The
        damaged file is kept aside as ``<name>.damaged-<date>``.
        """
        folder = Path(path)
        names = [CONTACTS_FILE, EVENTS_FILE]
        if table is not None:
            if f"{table}.csv" not in names:
                raise ValueError("table must be 'contacts' or 'events'.")
            names = [f"{table}.csv"]
        lock = FileLock(str(folder / LOCK_FILE), timeout=LOCK_TIMEOUT, poll_interval=LOCK_POLL)
        restored: list[Path] = []
        with _acquired(lock, folder):
            for name in names:
                main = folder / name
                backup = folder / (name + BACKUP_SUFFIX)
                try:
                    _parse_table(main, _TABLES[name])
                    continue  # not damaged
                except _Damaged:
                    pass
                try:
                    _parse_table(backup, _TABLES[name])
                except _Damaged as damage:
                    raise WorkbookError(
                        f"Cannot restore {main}: its backup is not usable ({damage.reason})."
                    ) from None
                try:
                    if main.exists():
                        stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
                        os.replace(main, main.with_name(f"{name}.damaged-{stamp}"))
                    _atomic_write(main, backup.read_bytes(), backup=False)
                    _fsync_dir(folder)
                except Exception as exc:
                    raise _save_failed(main, exc) from None
                restored.append(main)
        if not restored:
            raise WorkbookError(f"Nothing to restore in {folder}: its tables read fine.")
        return restored

    # ------------------------------------------------------------ reading

    @property
    def contacts(self) -> pd.DataFrame:
        """The contacts table (a copy, conformed to the schema)."""
        self._refresh()
        return self._contacts.copy()

    @property
    def events(self) -> pd.DataFrame:
        """The events table (a copy, conformed to the schema), in the order logged."""
        self._refresh()
        return self._events.copy()

    def log(self) -> OutreachLog:
        """The workbook as an :class:`OutreachLog` (for metrics, plots, reports)."""
        self._refresh()
        return OutreachLog(self._contacts, self._events)

    def contact(self, contact_id: str) -> dict[str, Any]:
        """One contact as a dict (missing values are None)."""
        self._refresh()
        rows = self._contacts[self._contacts["contact_id"] == contact_id]
        if rows.empty:
            raise self._unknown(contact_id)
        record = rows.iloc[0].to_dict()
        return {k: (None if pd.isna(v) else v) for k, v in record.items()}

    def find_contact(self, name: str) -> str | None:
        """The id of the first contact with this name (case, accents, spacing ignored), or None."""
        self._refresh()
        if not _text(name):
            return None
        wanted = normalise_text(pd.Series([name], dtype=STRING_DTYPE)).iloc[0]
        hits = self._contacts.loc[normalise_text(self._contacts["name"]) == wanted, "contact_id"]
        return None if hits.empty else str(hits.iloc[0])

    def reload(self) -> None:
        """Read the files again (another program may have changed them).

        Inside :meth:`batch` this does nothing: the batch's changes are not
        saved yet, and the batch applies them on top of the newest version.
        """
        if self._batch_ops is not None:
            return
        with self._locked():
            self._signature = None
            self._load_if_changed()

    # ------------------------------------------------------------ changing

    def add_contact(
        self,
        *,
        name: str,
        organization: str | None = None,
        role: str | None = None,
        field: str | None = None,
        connection: str | None = None,
        referred_by: str | None = None,
        email: str | None = None,
        phone: str | None = None,
        linkedin_url: str | None = None,
        tags: str | Iterable[str] | None = None,
        notes: str | None = None,
        added_on: object = None,
    ) -> str:
        """Add a person and return their ``contact_id``.

        The id comes from the e-mail, else name + organization, so adding the
        same person again fills in their blank fields instead of duplicating
        them (known values are never overwritten: use :meth:`update_contact`).
        ``connection`` synonyms ("Alum", "warm intro") map to the vocabulary;
        other labels are kept as given. ``referred_by`` may be a contact id or
        the name of a contact already in the workbook. ``tags`` may be a list.
        """
        name_text = _text(name)
        if name_text is None or not name_text.strip():
            raise ValueError("A contact needs a name.")
        values: dict[str, Any] = {
            "name": name_text,
            "organization": _text(organization),
            "role": _text(role),
            "field": _text(field),
            "connection": _label(connection, "connection"),
            "referred_by": _text(referred_by),
            "email": _text(email),
            "phone": _text(phone),
            "linkedin_url": _text(linkedin_url),
            "tags": _text(tags),
            "notes": _text(notes),
            "added_on": as_timestamp(added_on, what="date added") or _now(),
        }
        contact_id = make_contact_ids(
            pd.Series([self.owner], dtype=STRING_DTYPE),
            pd.Series([values["email"]], dtype=STRING_DTYPE),
            pd.Series([name_text], dtype=STRING_DTYPE),
            pd.Series([values["organization"]], dtype=STRING_DTYPE),
        ).iloc[0]

        def upsert(contacts, events):
            given = dict(values, referred_by=_resolve_referrer(contacts, values["referred_by"]))
            match = contacts.index[contacts["contact_id"] == contact_id]
            if len(match) == 0:
                row = pd.DataFrame([{"owner": self.owner, "contact_id": contact_id, **given}])
                both = _append_rows(contacts, _conform(row, CONTACT_COLUMNS), CONTACT_COLUMNS)
                return both, events, {CONTACTS_FILE}, contact_id
            current = contacts.loc[match[0]]
            blanks = {k: v for k, v in given.items() if v is not None and pd.isna(current[k])}
            if not blanks:
                return contacts, events, set(), contact_id
            return _set_fields(contacts, match[0], blanks), events, {CONTACTS_FILE}, contact_id

        return self._mutate(upsert)

    def update_contact(self, contact_id: str, **fields: object) -> None:
        """Change fields of a contact (None or "" clears a field); the id stays the same."""
        unknown = sorted(set(fields) - set(_CONTACT_FIELDS))
        if unknown:
            raise TypeError(
                f"update_contact() got unknown field(s) {', '.join(unknown)}; "
                f"allowed: {', '.join(_CONTACT_FIELDS)}."
            )
        values: dict[str, Any] = {}
        for key, value in fields.items():
            if key == "added_on":
                values[key] = as_timestamp(value, what="date added")
            elif key == "connection":
                values[key] = _label(value, "connection")
            else:
                values[key] = _text(value)
        if "name" in values and not (values["name"] or "").strip():
            raise ValueError("A contact needs a name.")

        def update(contacts, events):
            match = contacts.index[contacts["contact_id"] == contact_id]
            if len(match) == 0:
                raise self._unknown(contact_id)
            given = dict(values)
            if "referred_by" in given:
                given["referred_by"] = _resolve_referrer(contacts, given["referred_by"])
            return _set_fields(contacts, match[0], given), events, {CONTACTS_FILE}, None

        if values:
            self._mutate(update)

    def log_event(
        self,
        contact_id: str,
        kind: str,
        *,
        at: object = None,
        channel: str | None = None,
        notes: str | None = None,
        source: str | None = "workbook",
        allow_repeat: bool = False,
    ) -> bool:
        """Record one touch with a contact (``at`` defaults to now, to the second).

        ``kind`` is one of ``schema.EVENT_KINDS``; ``channel`` synonyms ("Zoom",
        "InMail") map to the vocabulary, other labels are kept as given.

        Returns True when the event was added, and False when the same kind of
        event with this contact is already logged on that day: nothing is added
        then (a second press of a button), unless ``allow_repeat`` is True.
        Notes and referrals (``REPEATABLE_KINDS``) may repeat within a day.
        """
        if kind not in EVENT_KINDS:
            # the wrong kind is echoed only when it looks like one (it could be a name or a note)
            shown = f" {kind!r}" if isinstance(kind, str) and _KIND_SHAPE.fullmatch(kind) else ""
            raise ValueError(f"Unknown event kind{shown}; use one of: {', '.join(EVENT_KINDS)}.")
        row = {
            "owner": self.owner,
            "contact_id": contact_id,
            "at": as_timestamp(at, what="date of the event") or _now(),
            "kind": kind,
            "channel": _label(channel, "channel"),
            "notes": _text(notes),
            "source": _text(source),
        }
        new = _conform(pd.DataFrame([row]), EVENT_COLUMNS)

        def append(contacts, events):
            if not (contacts["contact_id"] == contact_id).any():
                raise self._unknown(contact_id)
            if not allow_repeat and logged_that_day(events, contact_id, kind, row["at"]):
                return contacts, events, set(), False
            both = _append_rows(events, new, EVENT_COLUMNS)
            return contacts, both, {EVENTS_FILE}, True

        return self._mutate(append)

    def set_event_fields(
        self, contact_id: str, kind: str, *, on: object, fields: Mapping[str, str | None]
    ) -> bool:
        """Set your own (extra) columns on the latest ``kind`` event with a contact on day ``on``.

        Used for what only you add to an event (a conversation's takeaways).
        The log's own columns cannot be changed this way. Returns False, and
        changes nothing, when there is no such event that day.
        """
        own = [n for n in fields if not isinstance(n, str) or n in EVENT_COLUMNS or n[:1] in "_ "]
        if own or not fields:
            raise ValueError("Only columns of your own can be set on an event this way.")
        stamp = as_timestamp(on, what="day")
        if stamp is None:
            raise ValueError("on must be a date (e.g. '2025-03-01').")
        values = {name: _text(value) for name, value in fields.items()}

        def update(contacts, events):
            same = (
                (events["contact_id"] == contact_id)
                & (events["kind"].astype("str") == kind)
                & (events["at"].dt.normalize() == stamp.normalize())
            )
            if not same.any():
                return contacts, events, set(), False
            label = events.index[same.to_numpy()][-1]
            changed = events.copy()
            for name, value in values.items():
                if name not in changed:
                    changed[name] = pd.Series(None, index=changed.index, dtype="object")
                changed.loc[label, name] = value
            return contacts, changed, {EVENTS_FILE}, True

        return self._mutate(update)

    def import_log(self, log: OutreachLog) -> LoadReport:
        """Bring an imported log (tracker, LinkedIn archive, mailbox...) into the workbook.

        Its rows become this workbook's owner's; people already in the workbook
        are matched (e-mail, profile URL, then name + organization) and merged,
        not duplicated, and events already recorded are not repeated. Returns
        the combined report, which accounts for every row of ``log``.
        """
        from infoview_kit.io.merge import combine_logs

        incoming = OutreachLog(
            log.contacts.assign(owner=self.owner), log.events.assign(owner=self.owner), log.report
        )

        def merge_in(contacts, events):
            combined = combine_logs([OutreachLog(contacts, events), incoming])
            return (
                _conform(combined.contacts, CONTACT_COLUMNS),
                _conform(combined.events, EVENT_COLUMNS),
                {CONTACTS_FILE, EVENTS_FILE},
                combined.report,
            )

        return self._mutate(merge_in)

    def merge_contacts(self, keep: str, drop: str) -> None:
        """Merge contact ``drop`` into ``keep``: you confirmed they are one person.

        ``keep`` keeps its id and values and takes ``drop``'s where it has none;
        ``drop``'s events and referrals move to ``keep``. Prep files stay where they are.
        """
        from infoview_kit.io.duplicates import merge_contacts

        def merge(contacts, events):
            for contact_id in (keep, drop):
                if not (contacts["contact_id"] == contact_id).any():
                    raise self._unknown(contact_id)
            log = merge_contacts(OutreachLog(contacts, events), keep=keep, drop=drop)
            return (
                _conform(log.contacts, CONTACT_COLUMNS),
                _conform(log.events, EVENT_COLUMNS),
                {CONTACTS_FILE, EVENTS_FILE},
                None,
            )

        self._mutate(merge)

    # ------------------------------------------------------------ prep files

    def prep_path(self, contact_id: str, name: str) -> Path:
        """Where a prep file lives: ``prep/<folder>/<name>`` (``.md`` added if no suffix).

        The folder is named after the person (see :func:`prep_folder_name`),
        e.g. ``prep/sofia-ortiz-52ad8f/``. A folder made before (named after the
        contact id, or after a name since changed) keeps being used.
        """
        _safe_part(contact_id, "contact_id")
        _safe_part(name, "A prep file name")
        suffix = Path(name).suffix.lower()
        if not suffix:
            name += ".md"
        elif suffix not in PREP_SUFFIXES:
            raise ValueError(f"A prep file must end in one of: {', '.join(PREP_SUFFIXES)}.")
        return self.prep_folder(contact_id) / name

    def prep_folder(self, contact_id: str) -> Path:
        """The folder of a contact's prep files (it may not exist yet)."""
        prep = self.path / PREP_DIR
        legacy = prep / contact_id
        if legacy.is_dir():  # workbooks made before folders were named after people
            return legacy
        tail = _id_tail(contact_id)
        existing = sorted(p for p in prep.glob(f"*-{tail}") if p.is_dir())
        if existing:  # named after the person when it was made; a later new name keeps it
            return existing[0]
        try:
            person = self.contact(contact_id).get("name")
        except UnknownContactError:
            return legacy
        return prep / prep_folder_name(contact_id, person)

    def read_prep(self, contact_id: str, name: str, default: str = "") -> str:
        """The text of a prep file, exactly as written, or ``default`` if there is none."""
        path = self.prep_path(contact_id, name)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return default
        except OSError as exc:
            # the folder is named after the person: name only the file in messages
            raise WorkbookError(
                f"Cannot read the prep file {path.name}: {exc.strerror or exc}."
            ) from None
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            raise WorkbookError(f"The prep file {path.name} is not UTF-8 text.") from None

    def write_prep(self, contact_id: str, name: str, text: str) -> Path:
        """Save a prep file atomically (the text exactly as given) and return its path."""
        if not isinstance(text, str):
            raise TypeError("text must be a str.")
        path = self.prep_path(contact_id, name)
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError("The text holds characters that cannot be saved as UTF-8.") from None
        with self._locked():
            if self._batch_ops is None:  # inside a batch, memory is ahead of the disk
                self._load_if_changed()
            if not (self._contacts["contact_id"] == contact_id).any():
                raise self._unknown(contact_id)
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                _atomic_write(path, data, backup=False)
                _fsync_dir(path.parent)
            except Exception as exc:
                # the folder is named after the person: the message names the file only
                raise _save_failed(Path(path.name), exc) from None
        return path

    def note_path(self, name: str) -> Path:
        """Where a workbook-wide note lives (not about one contact): ``notes/<name>``."""
        _safe_part(name, "A note file name")
        if Path(name).suffix.lower() not in PREP_SUFFIXES:
            raise ValueError(f"A note must end in one of: {', '.join(PREP_SUFFIXES)}.")
        return self.path / NOTES_DIR / name

    def read_note(self, name: str, default: str = "") -> str:
        """The text of a workbook-wide note, or ``default`` if there is none."""
        path = self.note_path(name)
        try:
            return path.read_bytes().decode("utf-8")
        except FileNotFoundError:
            return default
        except (OSError, UnicodeDecodeError) as exc:
            reason = getattr(exc, "strerror", None) or "not UTF-8 text"
            raise WorkbookError(f"Cannot read {path}: {reason}.") from None

    def write_note(self, name: str, text: str) -> Path:
        """Save a workbook-wide note atomically (e.g. the decision notebook's reflection)."""
        if not isinstance(text, str):
            raise TypeError("text must be a str.")
        path = self.note_path(name)
        with self._locked():
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                _atomic_write(path, text.encode("utf-8"), backup=False)
                _fsync_dir(path.parent)
            except Exception as exc:
                raise _save_failed(path, exc) from None
        return path

    # ------------------------------------------------------------ batches

    @contextmanager
    def batch(self) -> Iterator[Workbook]:
        """Group changes: they are written once, when the block ends.

        If the block raises, none of its changes are saved. If another program
        saved meanwhile, the block's changes are applied on top of its version.
        Only the outermost of nested batches writes.
        """
        outer = self._batch_depth == 0
        if outer:
            self._refresh()
            snapshot = (self._contacts, self._events)
            self._batch_ops = []
            self._batch_dirty = set()
        self._batch_depth += 1
        try:
            yield self
        except BaseException:
            self._batch_depth -= 1
            if outer:
                self._contacts, self._events = snapshot
                self._batch_ops = None
            raise
        self._batch_depth -= 1
        if outer:
            ops, self._batch_ops = self._batch_ops or [], None
            self._commit(ops, self._batch_dirty, snapshot)

    def _commit(self, ops: list[_Op], dirty: set[str], snapshot) -> None:
        if not dirty:
            return
        with self._locked():
            if self._signature is None or self._stat_signature() != self._signature:
                # another program saved meanwhile: replay our changes on its version
                self._signature = None
                self._contacts, self._events = snapshot
                self._load_if_changed()
                contacts, events, dirty = self._contacts, self._events, set()
                for op in ops:
                    contacts, events, changed, _ = op(contacts, events)
                    dirty |= changed
            else:
                contacts, events = self._contacts, self._events
            self._save(contacts, events, dirty, fallback=snapshot)

    # ------------------------------------------------------------ machinery

    def _mutate(self, op: _Op) -> Any:
        if self._batch_ops is not None:
            self._contacts, self._events, dirty, result = op(self._contacts, self._events)
            self._batch_ops.append(op)
            self._batch_dirty |= dirty
            return result
        with self._locked():
            self._load_if_changed()
            contacts, events, dirty, result = op(self._contacts, self._events)
            self._save(contacts, events, dirty, fallback=(self._contacts, self._events))
        return result

    def _save(self, contacts, events, dirty: set[str], *, fallback) -> None:
        """Write the changed tables (lock held); on success adopt the new state."""
        written = {}
        name = CONTACTS_FILE
        try:
            for name, frame in ((CONTACTS_FILE, contacts), (EVENTS_FILE, events)):
                if name in dirty:
                    data = _updated_bytes(self._raw.get(name), frame, _TABLES[name])
                    _atomic_write(self.path / name, data, backup=True)
                    written[name] = (data, frame)
            if dirty:
                _fsync_dir(self.path)
        except Exception as exc:
            # Disk may now differ from memory (one table written): re-read next time.
            self._contacts, self._events = fallback
            self._signature = None
            self._raw = {}
            raise _save_failed(self.path / name, exc) from None
        self._contacts, self._events = contacts, events
        self._raw.update(written)
        self._signature = self._stat_signature()

    def _refresh(self) -> None:
        """Re-read the tables if another program changed them (cheap stat check)."""
        if self._batch_ops is not None:
            return
        if self._signature is not None and self._stat_signature() == self._signature:
            return
        with self._locked():
            self._load_if_changed()

    def _load_if_changed(self) -> None:
        """Re-read the tables whose files changed since this object last read or wrote them."""
        signature = self._stat_signature()
        if self._signature is not None and signature == self._signature:
            return
        if not self.path.is_dir():
            raise WorkbookError(f"No workbook folder at {self.path}.")
        frames = {CONTACTS_FILE: self._contacts, EVENTS_FILE: self._events}
        for k, name in enumerate((CONTACTS_FILE, EVENTS_FILE)):
            if self._signature is not None and signature[k] == self._signature[k]:
                continue
            frame, data, repairs = _read_table(self.path, name, self._raw.get(name))
            frames[name] = frame
            if repairs:
                data = self._rewrite(name, frame, repairs)
            # keep the bytes for appending, when they are in the canonical layout
            names = [*_TABLES[name], *extra_columns(frame, _TABLES[name])]
            if data.startswith(_header_bytes(names)) and data.endswith(b"\n"):
                self._raw[name] = (data, frame)
            else:
                self._raw.pop(name, None)
        self._contacts, self._events = frames[CONTACTS_FILE], frames[EVENTS_FILE]
        self._signature = self._stat_signature() if self.repairs_pending else signature
        self.repairs_pending = False

    def _rewrite(self, name: str, frame: pd.DataFrame, repairs: list[str]) -> bytes:
        """Save a table another program re-saved in the workbook's own format (lock held)."""
        data = _table_bytes(frame, _TABLES[name])
        try:
            _atomic_write(self.path / name, data, backup=True)
            _fsync_dir(self.path)
        except Exception as exc:
            raise _save_failed(self.path / name, exc) from None
        self.repairs.append(
            f"{name} had been saved by another program ({'; '.join(repairs)}): it was read "
            f"with every change and saved again in the workbook's format (the file as it was "
            f"is now {name}{BACKUP_SUFFIX})."
        )
        self.repairs_pending = True
        return data

    def _stat_signature(self) -> tuple:
        # A save replaces the file, so the inode changes too; mtime alone can
        # repeat within the file system's clock tick.
        signature = []
        for name in (CONTACTS_FILE, EVENTS_FILE):
            try:
                st = os.stat(self.path / name)
            except OSError:
                signature.append(None)
            else:
                signature.append((st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns))
        return tuple(signature)

    @contextmanager
    def _locked(self) -> Iterator[None]:
        with _acquired(self._lock, self.path):
            yield

    def _unknown(self, contact_id: object) -> UnknownContactError:
        shown = (
            f"id {contact_id}"
            if isinstance(contact_id, str) and _ID_SHAPE.fullmatch(contact_id)
            else "that id"
        )
        return UnknownContactError(
            f"No contact with {shown} in the workbook {self.path} "
            "(ids look like c-1a2b3c4d5e; find_contact(name) gives one)."
        )

    def __repr__(self) -> str:
        return f"<Workbook {self.path}: {len(self._contacts)} contacts, {len(self._events)} events>"
