"""``load_log``: any outreach log people keep, in, with every row accounted for.

Accepted sources:

* a tracker or events table as CSV (UTF-8, UTF-8 with BOM, Windows-1252 as
  Excel writes "CSV", UTF-16 "Unicode text"; comma, semicolon, tab or pipe;
  any line ends; quoted multi-line cells), XLSX (every sheet that looks like a
  log; a title and blank rows above the header are fine) or JSON (a list of
  records, or ``{"contacts": [...], "events": [...]}``);
* a pandas DataFrame (reported as ``"<DataFrame>"``);
* a workbook folder (``contacts.csv`` + ``events.csv``);
* a folder or ``.zip`` of such files, one per person (the owner is the
  file's name without extension, or the sub-folder's name, unless the table
  has an owner/student column);
* anything an importer in :mod:`infoview_kit.io.importers` recognises (asked
  first, for each file, folder and zip).

The report (``log.report``) accounts for every data row:
``rows_read == rows_loaded + rows_merged + rows_rejected``, per file and in
total. Fully blank rows are not counted as read at all. Rows are numbered as
Excel shows them (title and header rows counted); JSON records from 1.

>>> import pandas as pd
>>> table = pd.DataFrame({
...     "Name": ["Ada Example", "ada example", "", "Bo Sample"],
...     "Company": ["Acme", "ACME", "", "Globex"],
...     "Date contacted": ["2025-06-02", "2025-06-02", "", "not sure"],
...     "Replied? (Y/N)": ["Y", "", "", "N"],
... })
>>> log = load_log(table, owner="me", as_of="2025-07-01")
>>> log.report.summary_line()
'3 rows read: 2 loaded, 1 merged as duplicates, 0 rejected; 2 warnings.'
>>> log.report.problems[["row", "reason"]].to_dict("records")
[{'row': 3, 'reason': 'duplicate of row 2; merged'}, {'row': 5, 'reason': 'unreadable date'}]
"""

from __future__ import annotations

import inspect
import json
import os
import re
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath

import numpy as np
import pandas as pd

from infoview_kit.errors import InfoviewError, NotALogError, UnreadableFileError
from infoview_kit.io import archives
from infoview_kit.io.layouts import sheet_to_part
from infoview_kit.io.limits import Budget, BudgetExceededError, LimitExceededError, Limits, resolve
from infoview_kit.io.merge import Part, combine_parts, part_from_log
from infoview_kit.io.owners import (
    is_drive_download,
    is_platform_name,
    is_submission_receipt,
    owner_from_name,
)
from infoview_kit.io.sheets import (
    HEAD_BYTES,
    RawSheet,
    SkippedSheet,
    WorkbookTables,
    clean_label,
    frame_sheet,
    is_opendocument,
    is_xlsx,
    read_csv_sheet,
    read_json_tables,
    read_xlsx_sheets,
    sniff,
)
from infoview_kit.model import OutreachLog, Problems
from infoview_kit.schema import CONTACT_COLUMNS, EVENT_COLUMNS

#: Files never read in a folder or zip (lock files, system files, backups).
_IGNORED_NAMES = frozenset({"thumbs.db", "desktop.ini", "workbook.json", "__macosx"})
_IGNORED_SUFFIXES = (".bak", ".lock", ".tmp")
#: Kept for callers of the first version: the default unpacking budget (see ``io.limits``).
MAX_UNPACKED_BYTES = Limits().unpacked_bytes
_EXPECTED = "expected an outreach log (CSV, XLSX or JSON)"
_RECEIPT = "the learning platform's receipt for a submission, not a log; skipped"
#: Spreadsheet apps whose own files the loader cannot read (each user can export them).
_OTHER_APPS = {".numbers": "an Apple Numbers file", ".gsheet": "a Google Sheets shortcut"}
#: Outlook's own mail files, which no importer reads, and what to save instead. (A .msg
#: file has the container of an old .xls workbook, and was called one.)
_OUTLOOK_FILES = {
    ".msg": "an Outlook message: save it as .eml (in Outlook on the web: Download), "
    "or export the mailbox as .mbox",
    ".pst": "an Outlook data file: save the calendar as .ics and the mail as .mbox or .eml",
    ".ost": "an Outlook data file: save the calendar as .ics and the mail as .mbox or .eml",
}
DEFAULT_OWNER = "me"


def load_log(
    source: str | os.PathLike[str] | pd.DataFrame,
    *,
    owner: str | None = None,
    dayfirst: bool | None = None,
    as_of: str | pd.Timestamp | None = None,
    limits: Limits | None = None,
) -> OutreachLog:
    """Load an outreach log from a file, folder, zip or DataFrame, accounting for every row.

    ``owner`` names whose log it is and overrides any owner column or file
    name. ``dayfirst`` forces the day/month order of slash dates (by default
    each file's order is decided from its data, month/day when nothing proves
    it, with a warning). ``as_of`` (default: now) decides whether a meeting
    date is past (held) or future (scheduled), which dates are "far in
    the future", and the year of a date written without one ("Mar 3"); a
    month written without a day ("March 2025", "03/2025") is read as its 1st.
    Both are reported, row by row. ``limits`` are the load's budgets (default: the
    ``INFOVIEW_LIMITS`` environment variable over :class:`~infoview_kit.io.limits.Limits`).

    Every data row is read, then loaded, merged into an earlier row about the
    same person, or rejected; fully blank rows are not counted as read at all.

    A name column (or "referred by" column) in which most filled names are
    written "Family, Given" is read as "Given Family" (see
    :mod:`infoview_kit.names`): said once per file and column in the report,
    and the cells as written are kept in an extra column "<header> as
    written". Elsewhere such cells are kept as written and listed.

    Raises :class:`NotALogError` or :class:`UnreadableFileError` (one line,
    naming the file) for a single file that is not a log, and for a folder or
    zip holding no log at all; in a folder, a bad file is reported in
    ``report.files`` and does not stop the others.

    >>> table = pd.DataFrame({"Name": ["Ada Example"], "Email": ["ada@example.com"]})
    >>> load_log(table).report.rows_loaded
    1
    """
    now = pd.Timestamp.now() if as_of is None else pd.Timestamp(as_of)
    if now.tzinfo is not None:
        now = now.tz_convert("UTC").tz_localize(None)
    context = _Context(owner=owner, dayfirst=dayfirst, as_of=now, limits=resolve(limits))
    if isinstance(source, pd.DataFrame):
        sheet = frame_sheet(source)
        return combine_parts(context.sheet_parts(sheet, owner or DEFAULT_OWNER))
    if not isinstance(source, str | os.PathLike):
        raise TypeError(f"load_log expects a path or a DataFrame, not {type(source).__name__}")
    path = Path(source)
    label = clean_label(os.fspath(source))
    try:
        if path.is_dir():
            parts = context.folder(path, label=label, prefix="")
        elif not path.exists():
            raise UnreadableFileError(f"{label} was not found")
        else:
            parts = context.file(path, label, default_owner=path.stem, prefix="")
    except BudgetExceededError as error:  # raised deep inside: say which file the user named
        message = str(error)
        raise type(error)(message if message.startswith(label) else f"{label}: {message}") from None
    return combine_parts(parts)


def load_entries(
    entries: list[Path],
    *,
    base: str | os.PathLike[str],
    owner: str | None = None,
    dayfirst: bool | None = None,
    as_of: str | pd.Timestamp | None = None,
    limits: Limits | None = None,
) -> OutreachLog:
    """Load some entries of the folder ``base`` as ``load_log(base)`` would load them.

    Labels and owners are relative to ``base``, links are confined to it, and
    an entry that holds no log is reported (never raised): a cohort loads its
    folder in batches this way.
    """
    now = pd.Timestamp.now() if as_of is None else pd.Timestamp(as_of)
    context = _Context(owner=owner, dayfirst=dayfirst, as_of=now, limits=resolve(limits))
    root = Path(base)
    real = root.resolve()
    context.seen.add(_identity(real))
    parts: list[Part] = []
    for entry in entries:
        parts.extend(context.entry(Path(entry), root=root, real=real, prefix=""))
    return combine_parts(parts)


class _Context:
    """Options shared by every file of one ``load_log`` call."""

    def __init__(
        self, *, owner: str | None, dayfirst: bool | None, as_of: pd.Timestamp, limits: Limits
    ) -> None:
        self.owner = owner
        self.dayfirst = dayfirst
        self.as_of = as_of
        self.limits = limits
        #: Bytes unpacked so far, every archive and nesting level counted together.
        self.budget = Budget(limits)
        #: Archives open around the file being read (a zip in a zip is 2).
        self.depth = 0
        #: Files looked at in folders and archives (the ``files`` limit).
        self.looked = 0
        #: (device, inode) of every file and folder already visited (in the folder being read).
        self.seen: set[tuple[int, int]] = set()
        #: The student whose zip is being read (an entry of a cohort): its files are theirs.
        self.archive_owner: str | None = None

    # ----------------------------------------------------------------- sheets

    def sheet_parts(
        self, sheet: RawSheet, default_owner: str, layout: str | None = None
    ) -> list[Part]:
        part, _ = sheet_to_part(
            sheet,
            owner=self.owner,
            default_owner=default_owner,
            dayfirst=self.dayfirst,
            as_of=self.as_of,
            layout=layout,
            release=True,
        )
        return [part]

    def workbook_parts(
        self, contacts: RawSheet | None, events: RawSheet | None, default_owner: str
    ) -> list[Part]:
        parts: list[Part] = []
        contact_part = event_part = None
        if contacts is not None:
            contact_part, _ = sheet_to_part(
                contacts,
                owner=self.owner,
                default_owner=default_owner,
                dayfirst=self.dayfirst,
                as_of=self.as_of,
                layout="contacts",
                release=True,
            )
            parts.append(contact_part)
        if events is not None:
            event_part, _ = sheet_to_part(
                events,
                owner=self.owner,
                default_owner=default_owner,
                dayfirst=self.dayfirst,
                as_of=self.as_of,
                layout="workbook events",
                release=True,
            )
            parts.append(event_part)
        for part in parts:
            part.files["layout"] = "workbook"
        if event_part is not None and len(event_part.contacts):
            # Contacts implied by events are only needed when contacts.csv lacks them.
            implied = event_part.contacts
            if contact_part is not None and len(contact_part.contacts):
                known = pd.MultiIndex.from_frame(
                    contact_part.contacts[["owner", "contact_id"]].fillna("")
                )
                mine = pd.MultiIndex.from_frame(implied[["owner", "contact_id"]].fillna(""))
                implied = implied[~mine.isin(known)]
            if len(implied) and events is not None:
                unknown = event_part.events["contact_id"].isin(implied["contact_id"]).to_numpy()
                unknown = unknown & ~event_part.events["_row"].isna().to_numpy()
                extra = Problems()
                extra.add(
                    events.label,
                    event_part.events.loc[unknown, "_row"].astype(int).tolist(),
                    "contact_id",
                    event_part.events.loc[unknown, "contact_id"].tolist(),
                    "contact id not found in the contacts table; contact added",
                    kept=True,
                )
                event_part.problems = pd.concat(
                    [event_part.problems, extra.frame()], ignore_index=True
                )
            event_part.contacts = implied.drop_duplicates(["owner", "contact_id"])
            # Positions into the implied contacts no longer hold once they are filtered.
            event_part.events = event_part.events.assign(_cpos=np.int64(-1))
        return parts

    # ----------------------------------------------------------------- files

    def file(self, path: Path, label: str, *, default_owner: str, prefix: str) -> list[Part]:
        """The parts of one file; raises InfoviewError when it holds no log."""
        archives.check_regular(path, label)  # a pipe would block the open below forever
        try:
            with open(path, "rb") as handle:
                head = handle.read(HEAD_BYTES)
                size = os.fstat(handle.fileno()).st_size
        except OSError:
            raise UnreadableFileError(f"{label} could not be opened") from None
        other_app = _OTHER_APPS.get(path.suffix.lower())
        if other_app is not None:
            raise UnreadableFileError(f"{label} is {other_app}: export it as .xlsx or CSV")
        if path.suffix.lower() in _OUTLOOK_FILES:
            raise UnreadableFileError(f"{label} is {_OUTLOOK_FILES[path.suffix.lower()]}")
        from infoview_kit.io.importers import find_importer

        importer = find_importer(path, head)
        if importer is not None:
            if _importer_name(importer) != "mbox":  # a mailbox is streamed, never held whole
                self.budget.read_table(size, label)
            # Inside a folder or zip (a cohort), the member's owner stands in for a missing one.
            inside = default_owner if prefix else None
            return [self.imported(importer, path, label, default_owner=inside)]
        kind = sniff(head)
        if kind == "binary" and _stray_nul(head):
            self.budget.read_table(size, label)
            return self.without_nul(path, label, default_owner=default_owner, prefix=prefix)
        if kind in ("text", "json"):
            self.budget.read_table(size, label)
        if kind == "text" and path.suffix.lower() in _DOCUMENT_SUFFIXES:
            # A Markdown table would otherwise read as a pipe-separated sheet.
            raise NotALogError(f"{label} is a text document, not a table: {_EXPECTED}")
        if kind == "empty":
            raise NotALogError(f"{label} is empty: {_EXPECTED}")
        if kind == "xls":
            raise UnreadableFileError(_xls_reason(label, path.suffix, head))
        if kind == "binary":
            raise UnreadableFileError(f"{label} is not a table: {_EXPECTED}")
        if kind == "zip":
            return self.zip_file(path, label, default_owner=default_owner, prefix=prefix)
        if kind == "json":
            tables = read_json_tables(path, label)
            if isinstance(tables, WorkbookTables):
                return self.workbook_parts(tables.contacts, tables.events, default_owner)
            return self.sheet_parts(tables, default_owner)
        return self.csv_parts(path, label, default_owner)

    def csv_parts(self, path: Path, label: str, default_owner: str) -> list[Part]:
        """The parts of a delimited text file (a cohort loader defers and batches this)."""
        return self.sheet_parts(read_csv_sheet(path, label), default_owner)

    def without_nul(self, path: Path, label: str, *, default_owner: str, prefix: str) -> list[Part]:
        """A text table holding NUL bytes: read without them, and one report row says so."""
        try:
            data = path.read_bytes()
        except OSError:
            raise UnreadableFileError(f"{label} could not be opened") from None
        count = data.count(b"\x00")
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        with tempfile.TemporaryDirectory(prefix="infoview-") as tmp:
            clean = Path(tmp, path.name)
            clean.write_bytes(data.replace(b"\x00", b""))
            del data
            parts = self.file(clean, label, default_owner=default_owner, prefix=prefix)
        note = Problems()
        note.add(label, line, None, None, _nul_reason(count), kept=True)
        parts[0].problems = pd.concat([parts[0].problems, note.frame()], ignore_index=True)
        return parts

    def zip_file(self, path: Path, label: str, *, default_owner: str, prefix: str) -> list[Part]:
        """A workbook (.xlsx), or an archive of logs."""
        if is_xlsx(path):
            return self.xlsx(path, label, default_owner)
        if is_opendocument(path):
            raise UnreadableFileError(
                f"{label} is an OpenDocument spreadsheet: save it as .xlsx or CSV"
            )
        outer = self.archive_owner
        if prefix and outer is None and _is_one_students_zip(path, default_owner):
            # A zip among a cohort's files is read like a sub-folder: one student's files,
            # named by the zip (two students' "tracker.csv" must not make one owner
            # "tracker", nor one student's "tracker.csv" and "notes.csv" two students).
            self.archive_owner = default_owner
        try:
            nested = bool(prefix) or path.suffix.lower() != ".zip"
            return self.zip(path, label, nested=nested, student=default_owner if prefix else None)
        finally:
            self.archive_owner = outer

    def xlsx(self, path: Path, label: str, default_owner: str) -> list[Part]:
        sheets = read_xlsx_sheets(path, label, limits=self.limits)
        own = _own_export(sheets, label)
        if own is not None:  # what log_to_xlsx wrote: read as the workbook it was saved from
            return self.workbook_parts(*own, default_owner)
        parts: list[Part] = []
        skipped: list[tuple[str, str]] = []
        for sheet in sheets:
            if isinstance(sheet, SkippedSheet):
                skipped.append((sheet.label, sheet.reason))
                continue
            try:
                parts.extend(self.sheet_parts(sheet, default_owner))
            except NotALogError as error:
                skipped.append((sheet.label, _reason(error, sheet.label)))
        if not parts:
            count = len(skipped)
            raise NotALogError(
                f"{label} is not an outreach log: none of its {count} "
                f"sheet{'s' if count != 1 else ''} has columns for a contact's name or e-mail"
            )
        for sheet_label, reason in skipped:
            parts.append(_note_part(sheet_label, "not a log", "skipped", reason))
        return parts

    def imported(
        self,
        importer: Callable[..., object],
        path: Path,
        label: str,
        *,
        default_owner: str | None = None,
    ) -> Part:
        """Read ``path`` with an importer; ``default_owner`` applies when no owner was given."""
        name = _importer_name(importer)
        owner = self.owner if self.owner is not None else default_owner
        try:
            log = importer(path, owner=owner, **_limits_for(importer, self.limits))
        except InfoviewError as error:
            raise type(error)(_relabelled(str(error), os.fspath(path), label)) from None
        except (MemoryError, RecursionError):
            raise UnreadableFileError(
                f"{label} is too large or too deeply nested for the {name} importer"
            ) from None
        except Exception as error:  # an importer bug must not become a user's traceback
            raise UnreadableFileError(
                f"{label} could not be read by the {name} importer ({type(error).__name__})"
            ) from None
        if not isinstance(log, OutreachLog):
            raise UnreadableFileError(f"{label} could not be read by the {name} importer")
        part = part_from_log(log)
        _relabel(part, os.fspath(path), label)
        if not len(part.files):
            part.files = pd.DataFrame(
                [{"file": label, "layout": name, **part.totals, "status": "loaded", "message": ""}]
            )
        else:
            part.files["layout"] = part.files["layout"].fillna(name)
        part.contacts["_file"] = label
        part.events["_file"] = label
        return part

    # ----------------------------------------------------------------- folders and zips

    def folder(self, root: Path, *, label: str, prefix: str) -> list[Part]:
        """Every log in a folder; bad files are reported, a folder with no log raises."""
        names = _member_names(root, limit=self.limits.files)
        from infoview_kit.io.importers import find_archive_importer

        importer = find_archive_importer(names, folder=root)
        if importer is not None:
            return [self.imported(importer, root, label if not prefix else prefix.rstrip("/"))]
        real = root.resolve()
        self.seen.add(_identity(real))
        parts = self.tree(root, root=root, real=real, prefix=prefix)
        _raise_unless_log(parts, label)
        return parts

    def tree(self, directory: Path, *, root: Path, real: Path, prefix: str) -> list[Part]:
        if _is_workbook(directory):
            return self.workbook_folder(directory, root=root, prefix=prefix)
        parts: list[Part] = []
        for child in archives.children(directory):
            if not is_ignored_name(child.name):
                parts.extend(self.entry(child, root=root, real=real, prefix=prefix))
        return parts

    def entry(self, child: Path, *, root: Path, real: Path, prefix: str) -> list[Part]:
        """The parts of one file or sub-folder of ``root`` (links confined to ``real``)."""
        relative = child.relative_to(root).as_posix()
        label = clean_label(prefix + relative)
        kind = archives.classify(child, root=real, seen=self.seen)
        if kind not in ("file", "dir"):
            if kind == "missing":
                return []
            return [_note_part(label, "skipped", "skipped", kind)]
        if kind == "file" and is_submission_receipt(child.name):
            return [_note_part(label, "receipt", "skipped", _RECEIPT)]
        other_app = _OTHER_APPS.get(child.suffix.lower()) if kind == "dir" else None
        if other_app is not None:  # a Numbers document saved as a package (a folder)
            reason = f"{label} is {other_app}: export it as .xlsx or CSV"
            return [_note_part(label, "unreadable", "unreadable", reason, problem=True)]
        owner = self.owner or self.archive_owner or _owner_from(child, root)
        if kind == "dir":
            from infoview_kit.io.importers import find_archive_importer

            names = _member_names(child, limit=self.limits.files)
            importer = find_archive_importer(names, folder=child)
            if importer is None:
                return self.tree(child, root=root, real=real, prefix=prefix)
            return self._guard(
                label, lambda: [self.imported(importer, child, label, default_owner=owner)]
            )
        self.looked += 1
        if self.looked > self.limits.files:
            raise self.limits.exceeded(
                label, "was not read: this load holds more than", "files", whole_load=True
            )
        return self._guard(
            label,
            lambda: self.file(child, label, default_owner=owner, prefix=prefix + relative),
        )

    def _guard(self, label: str, read: Callable[[], list[Part]]) -> list[Part]:
        try:
            return read()
        except BudgetExceededError:
            raise  # the whole load stops: what follows would be refused too
        except InfoviewError as error:
            status = "unreadable" if isinstance(error, UnreadableFileError) else "not a log"
            if isinstance(error, LimitExceededError):
                status = "too large"
            return [_note_part(label, status, status, _reason(error, label), problem=True)]

    def workbook_folder(self, directory: Path, *, root: Path, prefix: str) -> list[Part]:
        base = directory.relative_to(root).as_posix()
        base = "" if base == "." else base + "/"
        owner = (
            self.owner
            or _workbook_owner(directory)
            or self.archive_owner
            or _owner_from(directory, root)
        )
        sheets: dict[str, RawSheet | None] = {}
        parts: list[Part] = []
        for name in ("contacts.csv", "events.csv"):
            label = clean_label(prefix + base + name)
            try:
                sheets[name] = read_csv_sheet(directory / name, label, strip=False)
            except InfoviewError as error:
                sheets[name] = None
                status = "unreadable" if isinstance(error, UnreadableFileError) else "not a log"
                parts.append(_note_part(label, status, status, _reason(error, label), problem=True))
        try:
            parts.extend(self.workbook_parts(sheets["contacts.csv"], sheets["events.csv"], owner))
        except NotALogError as error:
            parts.append(
                _note_part(
                    clean_label(prefix + base + "contacts.csv"),
                    "not a log",
                    "not a log",
                    _reason(error, prefix + base),
                    problem=True,
                )
            )
        return parts

    def zip(
        self, path: Path, label: str, *, nested: bool, student: str | None = None
    ) -> list[Part]:
        """Every log in a zip archive, unpacked member by member within the load's budgets.

        ``student``: the owner the zip's own name gives, when it is one of a cohort's
        files (an archive an importer reads, such as a LinkedIn export, is theirs).
        """
        if self.depth >= self.limits.depth:
            raise self.limits.exceeded(label, "nests archives deeper than", "depth")
        self.depth += 1
        # The archive is unpacked into a new temporary folder, whose files may have the
        # inode numbers of an earlier one's (deleted): they are not files seen before.
        outer_seen, self.seen = self.seen, set()
        try:
            with archives.open_zip(path, label) as archive:
                parts = self.archive_parts(archive, path, label, nested=nested, student=student)
        finally:
            self.depth -= 1
            self.seen = outer_seen
        _raise_unless_log(parts, label)
        return parts

    def archive_parts(
        self,
        archive: zipfile.ZipFile,
        path: Path,
        label: str,
        *,
        nested: bool,
        student: str | None = None,
    ) -> list[Part]:
        infos = archives.members(archive, label, self.limits)
        unsafe = [i for i in infos if archives.unsafe_member(i.filename)]
        infos = [
            i
            for i in infos
            if i not in unsafe and not any(is_ignored_name(p) for p in i.filename.split("/"))
        ]
        from infoview_kit.io.importers import find_archive_importer

        importer = find_archive_importer([i.filename for i in infos])
        if importer is not None:
            owner = self.archive_owner or student
            return [self.imported(importer, path, label, default_owner=owner)]
        prefix = f"{label}/" if nested else ""
        parts: list[Part] = [
            _note_part(
                clean_label(prefix + i.filename),
                "unreadable",
                "unreadable",
                "unsafe path in the zip archive (outside its folder); skipped",
                problem=True,
            )
            for i in unsafe
        ]
        with tempfile.TemporaryDirectory(prefix="infoview-") as tmp:
            root = Path(tmp)
            parts.extend(self.unpacked(archive, infos, root, label=label, prefix=prefix))
            wrapper = _one_folder(infos) if student and is_drive_download(path.name) else None
            if wrapper is not None:
                # A part of a drive's download among a cohort's files: the folder it
                # wraps the students' files in is no student (each file names its own).
                root, prefix = root / wrapper, f"{prefix}{wrapper}/"
            parts.extend(self.tree(root, root=root, real=root.resolve(), prefix=prefix))
        return parts

    def unpacked(
        self,
        archive: zipfile.ZipFile,
        infos: list[zipfile.ZipInfo],
        root: Path,
        *,
        label: str,
        prefix: str,
    ) -> list[Part]:
        """Unpack ``infos`` under ``root``; a note for each member that could not be."""
        notes: list[Part] = []
        for info in infos:
            try:
                archives.unpack_member(
                    archive, info, root / info.filename, budget=self.budget, label=label
                )
            except LimitExceededError:
                raise
            except archives.ZIP_ERRORS:
                notes.append(
                    _note_part(
                        clean_label(prefix + info.filename),
                        "unreadable",
                        "unreadable",
                        "damaged or encrypted member of the zip archive",
                        problem=True,
                    )
                )
        return notes


# --------------------------------------------------------------------------- helpers


#: Documents that sit beside logs (a folder's README) and are never tables.
_DOCUMENT_SUFFIXES = (".md", ".markdown", ".rst", ".html", ".htm", ".pdf", ".docx")


def is_ignored_name(name: str) -> bool:
    """True for system and editor files a folder of logs may hold (".DS_Store", "~$x.xlsx")."""
    lowered = name.casefold()
    return (
        not name
        or name.startswith((".", "~$"))
        or lowered in _IGNORED_NAMES
        or lowered.endswith(_IGNORED_SUFFIXES)
    )


def _member_names(root: Path, *, limit: int) -> list[str]:
    """File names under ``root`` (links to folders not followed; at most ``limit``)."""
    names: list[str] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not is_ignored_name(d))
        for filename in sorted(filenames):
            if not is_ignored_name(filename):
                names.append(Path(dirpath, filename).relative_to(root).as_posix())
        if len(names) >= limit:
            break
    return names


def _one_folder(infos: list[zipfile.ZipInfo]) -> str | None:
    """The folder every member of an archive is in, when it is one and holds two entries or more."""
    tops = {info.filename.split("/", 1)[0] for info in infos}
    if len(tops) != 1:
        return None
    (top,) = tops
    inside = {info.filename.split("/")[1] for info in infos if info.filename.count("/") >= 1}
    inside.discard("")
    return top if len(inside) >= 2 else None


def _identity(path: Path) -> tuple[int, int]:
    info = path.stat()
    return (info.st_dev, info.st_ino)


def _raise_unless_log(parts: list[Part], label: str) -> None:
    """NotALogError when a folder or archive gave no log at all."""
    if any(_is_log(p) for p in parts):
        return
    looked = sum(len(p.files) for p in parts)
    if looked == 1 and len(parts[0].files):
        # One file: its own reason says more than a count.
        reason = str(parts[0].files["message"].iloc[0])
        kind = LimitExceededError if parts[0].files["status"].iloc[0] == "too large" else None
        if reason.startswith(label):  # a nested archive's reason already names the way down
            raise (kind or NotALogError)(reason)
        if kind is not None:
            raise kind(f"{label}: {reason}")
        raise NotALogError(f"{label} holds no outreach log: {reason}")
    counted = f" ({looked} file{'s' if looked != 1 else ''} looked at)"
    raise NotALogError(f"{label} holds no outreach log" + (counted if looked else " (it is empty)"))


def _xls_reason(label: str, suffix: str, head: bytes) -> str:
    """Why a compound file (the container of old .xls workbooks) cannot be read.

    Excel saves a password-protected .xlsx in that container too, with an
    ``EncryptionInfo`` part (its name is written in UTF-16).
    """
    if suffix.lower() in (".xlsx", ".xlsm") or "EncryptionInfo".encode("utf-16-le") in head:
        return (
            f"{label} is protected by a password: open it in Excel with its password, "
            "then save a copy without one (or as CSV)"
        )
    return f"{label} is an old .xls workbook (or a password-protected one): save it as .xlsx or CSV"


def _stray_nul(head: bytes) -> bool:
    """True when NUL bytes are all that make ``head`` look binary (not UTF-16, not binary)."""
    from infoview_kit.io.importers import utf16_encoding

    if utf16_encoding(head) is not None:
        return False
    cleaned = head.replace(b"\x00", b"")
    if head.count(b"\x00") > max(1, len(head) // 50) or _OTHER_CONTROLS.search(cleaned):
        return False  # many NULs, or other control bytes: a binary file (an image, a PDF...)
    return sniff(cleaned) in ("text", "json")


_OTHER_CONTROLS = re.compile(rb"[\x01-\x08\x0b\x0e-\x1f\x7f]")


def _nul_reason(count: int) -> str:
    what = "1 NUL character" if count == 1 else f"{count} NUL characters"
    return f"{what} (invisible, from a damaged or converted file) removed; the first is on this row"


def _limits_for(importer: Callable[..., object], limits: Limits) -> dict[str, Limits]:
    """``{"limits": limits}`` when the importer takes them (every importer of ours does)."""
    try:
        parameters = inspect.signature(importer).parameters
    except (TypeError, ValueError):
        return {}
    takes = "limits" in parameters or any(
        p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values()
    )
    return {"limits": limits} if takes else {}


def _relabelled(message: str, path: str, label: str) -> str:
    """An importer's message with the full path replaced by the report's label."""
    return message.replace(path, label) if path and path != label else message


def _is_workbook(directory: Path) -> bool:
    return (directory / "contacts.csv").is_file() and (directory / "events.csv").is_file()


def _workbook_owner(directory: Path) -> str | None:
    try:
        meta = json.loads((directory / "workbook.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    owner = meta.get("owner") if isinstance(meta, dict) else None
    return owner if isinstance(owner, str) and owner.strip() else None


def _is_one_students_zip(path: Path, owner: str) -> bool:
    """Whether a zip found among a cohort's files is one student's (``owner`` is the owner its
    name gives). It is, like a sub-folder, unless it holds a class's files: a part of a drive's
    download, or files a learning platform named for their students (its bulk download)."""
    if owner != path.stem:  # a platform named the zip itself for a student
        return True
    if is_drive_download(path.name):
        return False
    try:
        with zipfile.ZipFile(path) as archive:
            names = [i.filename for i in archive.infolist() if not i.is_dir()]
    except (*archives.ZIP_ERRORS, OSError):
        return True  # reading it will say what is wrong; its name stays its owner
    members = [PurePosixPath(name).parts for name in names]
    return not any(
        is_platform_name(parts[0], is_file=len(parts) == 1)
        for parts in members
        if parts and not is_ignored_name(parts[-1])
    )


def _owner_from(path: Path, root: Path) -> str:
    """The owner a file or folder implies: the first path part under ``root``, without extension
    (and without what a learning platform adds to a student's name, see ``io.owners``)."""
    first = path.relative_to(root).parts[0] if path != root else path.name
    return owner_from_name(first, is_file=(root / first).is_file())


def _reason(error: InfoviewError, label: str) -> str:
    return str(error)


def _importer_name(importer: Callable[..., object]) -> str:
    name = getattr(importer, "layout", None)
    if isinstance(name, str) and name:
        return name
    module = getattr(importer, "__module__", "") or ""
    if module.startswith("infoview_kit.io.importers."):
        return module.rsplit(".", 1)[-1]
    return getattr(importer, "__name__", "importer")


def _relabel(part: Part, path: str, label: str) -> None:
    """Replace the importer's view of a file name (a full path) by the report's label."""

    def fix(values: pd.Series) -> pd.Series:
        text = values.astype("str")
        hit = text.str.startswith(path).to_numpy(dtype=bool, na_value=False)
        if not hit.any():
            return values
        return text.where(~hit, label + text.str.slice(len(path)))

    if len(part.files):
        part.files["file"] = fix(part.files["file"])
    if len(part.problems):
        part.problems["file"] = fix(part.problems["file"])
    if len(part.events):
        part.events["source"] = fix(part.events["source"])


def _note_part(
    label: str, layout: str, status: str, message: str, *, problem: bool = False
) -> Part:
    """A file or sheet that holds no log: a row in report.files (and, for a file, a problem)."""
    from infoview_kit.model import empty_problems

    part = Part(pd.DataFrame(), pd.DataFrame())
    part.files = pd.DataFrame(
        [
            {
                "file": label,
                "layout": layout,
                "rows_read": 0,
                "rows_loaded": 0,
                "rows_merged": 0,
                "rows_rejected": 0,
                "status": status,
                "message": message,
            }
        ]
    )
    if problem:
        problems = Problems()
        problems.add(label, None, None, None, message, kept=False)
        part.problems = problems.frame()
    else:
        part.problems = empty_problems()
    return part


def _is_log(part: Part) -> bool:
    return bool(len(part.files)) and bool(np.isin(part.files["status"], ["loaded", "empty"]).any())


def _own_export(
    sheets: list[RawSheet | SkippedSheet], label: str
) -> tuple[RawSheet, RawSheet] | None:
    """The contacts and events sheets of a workbook written by ``log_to_xlsx`` (two sheets
    so named, whose columns start with the workbook's own, in order), else None."""
    if len(sheets) != 2 or not all(isinstance(s, RawSheet) for s in sheets):
        return None
    contacts, events = sheets
    own = (
        contacts.label == f"{label} [contacts]"
        and events.label == f"{label} [events]"
        and contacts.headers[: len(CONTACT_COLUMNS)] == list(CONTACT_COLUMNS)
        and events.headers[: len(EVENT_COLUMNS)] == list(EVENT_COLUMNS)
    )
    return (contacts, events) if own else None
