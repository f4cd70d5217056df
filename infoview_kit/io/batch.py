"""Many small files loaded together: a cohort's folder without a per-file cost.

Loading one small tracker costs far more than reading it: matching columns,
deciding the day/month order, building the events and the report are a
few dozen pandas calls, each with a fixed cost, whatever the file's size.
:func:`load_entries_batched` loads the entries of a folder as
:func:`~infoview_kit.io.load.load_entries` does, with the same result, but:

1. every entry is looked at as before (importers, workbooks, spreadsheets,
   damaged or unreadable files: unchanged), except that a delimited text
   file is only *noted* to be read;
2. those files are read (in worker processes when there are many, see
   :func:`read_sheets`), each to a raw sheet; small plain files (UTF-8, a
   row per line) of one delimiter and width are parsed by
   one ``read_csv`` and cut back into their files, since on a file of 20 rows
   the call costs more than the parsing;
3. sheets with the same header row are stacked (one stack per shape and
   owner; a file with its own owner column is converted alone) and each
   stack is converted once, each file keeping its own owner, day/month
   decision and row in the report;
4. every record is given back its file and row, the pieces are put in the
   order of the entries, and the log is assembled once.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from infoview_kit.errors import InfoviewError, NotALogError
from infoview_kit.io.encodings import looks_like_utf16
from infoview_kit.io.layouts import StackedFiles, _map_columns, sheet_to_part
from infoview_kit.io.limits import BudgetExceededError, Limits, resolve
from infoview_kit.io.load import _Context, _identity
from infoview_kit.io.merge import Part, combine_parts
from infoview_kit.io.sheets import (
    HEAD_BYTES,
    RawSheet,
    _choose_delimiter,
    _is_utf8,
    _make_sheet,
    _read_delimited,
    read_csv_sheet,
)
from infoview_kit.model import OutreachLog, Problems

__all__ = ["PARALLEL_FROM_FILES", "load_entries_batched", "read_sheets", "worker_count"]

#: The label a stack of files carries until its records are given back their own files.
#: (A NUL character: no file name or cell read by the loader holds one.)
_STACK = "\x00stack"
#: From this many files to read, reading is shared among worker processes.
PARALLEL_FROM_FILES = 2000
#: Files read per task of a worker (enough to make a task's overhead small).
_CHUNK = 50


@dataclass(eq=False)
class _Placeholder(Part):
    """Stands for a delimited file in the list of parts until it is read and converted."""

    path: Path | None = None
    label: str = ""
    owner: str = ""
    sheet: RawSheet | None = None
    error: InfoviewError | None = None


class _BatchingContext(_Context):
    """``load_log``'s context, except that delimited files in the folder are only noted."""

    def __init__(self, **options) -> None:
        super().__init__(**options)
        self.placeholders: list[_Placeholder] = []
        self._eager = False
        #: What a placeholder holds until it is converted (never changed, only replaced).
        self._nothing = pd.DataFrame()

    def csv_parts(self, path: Path, label: str, default_owner: str) -> list[Part]:
        if self.depth or self.owner is not None:
            # Inside an archive, the file lives in a temporary folder: read it now.
            return super().csv_parts(path, label, default_owner)
        nothing = self._nothing  # (a report's empty tables cost more than reading the file)
        held = _Placeholder(nothing, nothing, nothing, nothing, path=path, label=label,
                            owner=default_owner)  # fmt: skip
        if self._eager:
            held.sheet = read_csv_sheet(path, label)
        self.placeholders.append(held)
        return [held]

    def without_nul(self, path: Path, label: str, *, default_owner: str, prefix: str):
        # The cleaned copy is temporary: it is read at once (and still converted in a stack).
        self._eager = True
        try:
            return super().without_nul(path, label, default_owner=default_owner, prefix=prefix)
        finally:
            self._eager = False


def worker_count(files: int, *, workers: int | None = None) -> int:
    """How many processes read ``files`` files.

    ``workers`` (else the ``INFOVIEW_WORKERS`` environment variable) says how
    many; 1 turns worker processes off. By default: one per CPU core this
    process may use, from :data:`PARALLEL_FROM_FILES` files on (below that,
    starting the workers costs more than they save). Never more workers than
    chunks of files to read.

    >>> worker_count(10), worker_count(5000, workers=1), worker_count(120, workers=2)
    (1, 1, 2)
    """
    if workers is None:
        setting = os.environ.get("INFOVIEW_WORKERS", "").strip()
        workers = int(setting) if setting.isdigit() else None
    if workers is None:
        if files < PARALLEL_FROM_FILES:
            return 1
        try:
            workers = len(os.sched_getaffinity(0))
        except (AttributeError, OSError):
            workers = os.cpu_count() or 1
    return max(1, min(workers, -(-files // _CHUNK)))


def _read_one(path: str, label: str) -> RawSheet | InfoviewError:
    try:
        return read_csv_sheet(Path(path), label)
    except InfoviewError as error:
        return error


def _read_chunk(paths: list[tuple[str, str]]) -> list[RawSheet | InfoviewError]:
    """Read a few files (in a worker process): a sheet, or the error that says why not.

    Plain files (see :func:`_plain_file`) with the same delimiter and width are parsed
    by one ``read_csv`` and cut back into their files: on a small file, the call costs
    more than the parsing. Every other file is read on its own.
    """
    out: list[RawSheet | InfoviewError | None] = [None] * len(paths)
    together: dict[tuple[str, int], list[tuple[int, str, _PlainFile]]] = {}
    for i, (path, label) in enumerate(paths):
        plain = _plain_file(Path(path))
        if plain is None:
            out[i] = _read_one(path, label)
        else:
            together.setdefault((plain.delimiter, len(plain.header)), []).append((i, label, plain))
    for (delimiter, width), members in together.items():
        sheets = _read_together([(label, plain) for _, label, plain in members], delimiter, width)
        for (i, label, _), sheet in zip(members, sheets, strict=True):
            out[i] = sheet if sheet is not None else _read_one(paths[i][0], label)
    return out  # type: ignore[return-value]


@dataclass
class _PlainFile:
    """A small UTF-8 file whose every line past the header is one row."""

    delimiter: str
    header: list[str]
    header_index: int
    body: str
    rows: int
    quoted_formulas: bool
    error_values: bool


def _plain_file(path: Path) -> _PlainFile | None:
    """The file's header and body when ``read_csv_sheet`` would read it as one row per line,
    else None (too big, not UTF-8, a byte-order mark, NUL bytes, a lone carriage return, no
    header, a cell over several lines, a row longer than the header: read on its own)."""
    try:
        if path.stat().st_size >= HEAD_BYTES:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    if (
        len(data) >= HEAD_BYTES
        or not data
        or b"\x00" in data
        or data.count(b"\r") != data.count(b"\r\n")
        or data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
        or looks_like_utf16(data) is not None
    ):
        return None
    utf8, quoted, errors = _is_utf8(io.BytesIO(b""), data)
    if not utf8:
        return None
    text = data.decode("utf-8")
    delimiter, header_index, records = _choose_delimiter(text)
    if header_index is None:
        return None
    header, lines_used = records[header_index]
    consumed = "".join(io.StringIO(text, newline="").readlines()[:lines_used])
    body = text[len(consumed) :]
    rows = body.count("\n") + (1 if body and not body.endswith("\n") else 0)
    if not _row_per_line(body, delimiter, rows=rows, width=max(len(header), 1)):
        return None
    return _PlainFile(delimiter, header, header_index, body, rows, quoted, errors)


def _row_per_line(body: str, delimiter: str, *, rows: int, width: int) -> bool:
    """Whether each line of ``body`` looks like one row of at most ``width`` cells.

    A guess (the csv module's, for quoted cells) that keeps such files out of a shared
    parse, where they would make it fail; the shared parse checks its own count of rows.
    """
    if '"' not in body:
        return max(line.count(delimiter) for line in body.split("\n")) < width
    try:
        records = list(csv.reader(io.StringIO(body, newline=""), delimiter=delimiter))
    except csv.Error:
        return False
    return len(records) == rows and all(len(record) <= width for record in records)


def _read_together(
    files: list[tuple[str, _PlainFile]], delimiter: str, width: int
) -> list[RawSheet | None]:
    """Plain files of one delimiter and width parsed at once, each cut back to its own sheet
    as ``read_csv_sheet`` makes it (None for all when the parser disagrees: each alone)."""
    bodies = [p.body if not p.body or p.body.endswith("\n") else p.body + "\n" for _, p in files]
    sizes = np.array([p.rows for _, p in files], dtype=np.int64)
    try:
        table = _read_delimited(io.BytesIO("".join(bodies).encode("utf-8")), delimiter, width,
                                "utf-8")  # fmt: skip
    except (pd.errors.ParserError, pd.errors.ParserWarning, ValueError, csv.Error, OverflowError):
        return [None] * len(files)
    if len(table) != sizes.sum() or table.shape[1] != max(width, 1):
        return [None] * len(files)
    ends = np.cumsum(sizes).tolist()
    tidy = all(dtype == "str" for dtype in table.dtypes)  # (each file's cut has these types)
    sheets: list[RawSheet | None] = []
    for (label, plain), end, size in zip(files, ends, sizes.tolist(), strict=True):
        sheet = _make_sheet(label, plain.header, table.iloc[end - size : end], plain.header_index)
        sheet.tidy = tidy
        sheet.quoted_formulas = plain.quoted_formulas
        sheet.error_values = plain.error_values
        sheets.append(sheet)
    return sheets


def read_sheets(
    paths: Sequence[tuple[str | os.PathLike[str], str]],
    *,
    workers: int = 1,
    progress: Callable[[int], None] | None = None,
) -> list[RawSheet | InfoviewError]:
    """Each ``(path, label)`` read as a delimited sheet, in order; an unreadable one is its error.

    With ``workers`` above 1, chunks of files are read in that many worker
    processes (started with ``spawn``, so this works in Jupyter and on every
    platform); the results come back in the order of ``paths`` whatever order
    the workers finish in. ``progress(n)`` is called as ``n`` more files are read.
    """
    jobs = [(os.fspath(p), label) for p, label in paths]
    chunks = [jobs[i : i + _CHUNK] for i in range(0, len(jobs), _CHUNK)]
    results: list[list[RawSheet | InfoviewError] | None] = [None] * len(chunks)
    if workers <= 1 or len(chunks) <= 1:
        for i, chunk in enumerate(chunks):
            results[i] = _read_chunk(chunk)
            if progress is not None:
                progress(len(chunk))
    else:
        _read_in_pool(chunks, results, workers=workers, progress=progress)
    return [sheet for chunk in results for sheet in chunk or ()]


def _read_in_pool(chunks, results, *, workers: int, progress) -> None:
    """Fill ``results`` (one list per chunk) in worker processes; in this one if they fail."""
    import multiprocessing
    from concurrent.futures.process import BrokenProcessPool

    if not _spawn_is_safe():
        workers = 1
    if workers > 1:
        try:
            context = multiprocessing.get_context("spawn")
            with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
                futures = {pool.submit(_read_chunk, c): i for i, c in enumerate(chunks)}
                for future in as_completed(futures):
                    i = futures[future]
                    results[i] = future.result()
                    if progress is not None:
                        progress(len(chunks[i]))
        except (BrokenProcessPool, OSError):
            pass  # no processes can be started here (a sandbox): the rest is read below
    for i, chunk in enumerate(chunks):
        if results[i] is None:
            results[i] = _read_chunk(chunk)
            if progress is not None:
                progress(len(chunk))


def _spawn_is_safe() -> bool:
    """True when worker processes can be started without running the user's script again.

    A new process imports the main script; one without an ``if __name__ ==
    "__main__":`` guard would load the cohort again in every worker. Jupyter,
    ``python -c`` and the ``infoview`` command are safe; a worker never starts workers.
    """
    import ast
    import multiprocessing
    import sys

    if multiprocessing.parent_process() is not None:
        return False
    path = getattr(sys.modules.get("__main__"), "__file__", None)
    if not path:
        return True
    try:
        tree = ast.parse(Path(path).read_text(encoding="utf-8"))
    except (OSError, SyntaxError, UnicodeDecodeError, ValueError):
        return False
    return any(isinstance(node, ast.If) and "__main__" in ast.unparse(node.test)
               for node in tree.body)  # fmt: skip


def load_entries_batched(
    entries: list[Path],
    *,
    base: str | os.PathLike[str],
    owner: str | None = None,
    dayfirst: bool | None = None,
    as_of: str | pd.Timestamp | None = None,
    limits: Limits | None = None,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> OutreachLog:
    """Load some entries of the folder ``base`` as ``load_entries`` does, many files at once.

    The log, its report and every record's file and row are the same;
    ``workers`` is as in :func:`worker_count`; ``progress(n)`` is called as
    ``n`` more entries are done.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> for name, day in (("ana.csv", "13/06/2025"), ("ben.csv", "06/13/2025")):
    ...     _ = (folder / name).write_text(f"Name,Date contacted\\nAda Example,{day}\\n")
    >>> log = load_entries_batched(sorted(folder.iterdir()), base=folder, as_of="2025-07-01")
    >>> log.events[["owner", "at", "source"]].astype(str).values.tolist()
    [['ana', '2025-06-13', 'ana.csv:2'], ['ben', '2025-06-13', 'ben.csv:2']]
    """
    now = pd.Timestamp.now() if as_of is None else pd.Timestamp(as_of)
    context = _BatchingContext(owner=owner, dayfirst=dayfirst, as_of=now, limits=resolve(limits))
    root = Path(base)
    real = root.resolve()
    context.seen.add(_identity(real))
    slots: list[Part] = []
    for entry in entries:
        slots.extend(context.entry(Path(entry), root=root, real=real, prefix=""))
    unread = [p for p in context.placeholders if p.sheet is None]
    if progress is not None:
        progress(len(entries) - len(unread))
    sheets = read_sheets(
        [(p.path, p.label) for p in unread],
        workers=worker_count(len(unread), workers=workers),
        progress=progress,
    )
    for held, sheet in zip(unread, sheets, strict=True):
        if isinstance(sheet, InfoviewError):
            held.error = sheet
        else:
            held.sheet = sheet
    pieces = _convert(context, slots)
    return combine_parts([_assemble(pieces)])


# --------------------------------------------------------------------------- conversion


@dataclass
class _Piece:
    """A converted part and the slot (position in the list of parts) of each of its records."""

    part: Part
    contact_slots: np.ndarray
    event_slots: np.ndarray
    file_slots: np.ndarray
    problem_slots: np.ndarray


def _whole(part: Part, slot: int) -> _Piece:
    def full(frame: pd.DataFrame) -> np.ndarray:
        return np.full(len(frame), slot, dtype=np.int64)

    return _Piece(part, full(part.contacts), full(part.events), full(part.files),
                  full(part.problems))  # fmt: skip


def _convert(context: _BatchingContext, slots: list[Part]) -> list[_Piece]:
    """Every slot converted: placeholders alone or in stacks, other parts as they are."""
    pieces: list[_Piece] = []
    stacks: dict[tuple, list[int]] = {}
    shapes: dict[tuple, bool] = {}  # shape -> may be stacked
    seen_owners: dict[str, int] = {}
    for slot, part in enumerate(slots):
        if not isinstance(part, _Placeholder):
            pieces.append(_whole(part, slot))
            continue
        if part.error is not None or part.sheet is None:
            pieces.extend(_alone(context, part, slot))
            continue
        shape = _shape(part.sheet)
        if shape not in shapes:
            shapes[shape] = _stackable(part.sheet)
        if not shapes[shape]:
            pieces.extend(_alone(context, part, slot))
            continue
        # Files of one owner never share a stack (people are matched per owner).
        turn = seen_owners.get(part.owner, 0)
        seen_owners[part.owner] = turn + 1
        stacks.setdefault((shape, turn), []).append(slot)
    for members in stacks.values():
        if len(members) == 1:
            pieces.extend(_alone(context, slots[members[0]], members[0]))
        else:
            pieces.extend(_stacked(context, [(s, slots[s]) for s in members]))
    return pieces


def _shape(sheet: RawSheet) -> tuple:
    """What files must share to be stacked: headers, cell types, and which unnamed columns
    hold something (an unnamed empty column is left out, one with cells is kept)."""
    filled = tuple(
        i
        for i, header in enumerate(sheet.headers)
        if not header.strip() and sheet.table[i].notna().any()
    )
    types = () if sheet.tidy else tuple(str(t) for t in sheet.table.dtypes)
    return (tuple(sheet.headers), sheet.tidy, filled, types)


def _stackable(sheet: RawSheet) -> bool:
    """A log whose owner comes from its file's name (not from an owner column)."""
    try:
        used = _map_columns(sheet, Problems(), None)[0]
    except NotALogError:
        return False
    return "owner" not in used


def _alone(context: _BatchingContext, held: _Placeholder, slot: int) -> list[_Piece]:
    """One file converted on its own, exactly as ``load_log`` converts it."""

    def convert() -> list[Part]:
        if held.error is not None:
            raise held.error
        parts = context.sheet_parts(held.sheet, held.owner)
        if len(held.problems):  # what was noted while reading (NUL characters removed)
            parts[0].problems = pd.concat([parts[0].problems, held.problems], ignore_index=True)
        return parts

    return [_whole(part, slot) for part in context._guard(held.label, convert)]


def _stacked(context: _BatchingContext, members: list[tuple[int, _Placeholder]]) -> list[_Piece]:
    """Files of one shape converted as one sheet, then given back their files and rows."""
    sheets = [held.sheet for _, held in members]
    sizes = np.array([len(s.table) for s in sheets], dtype=np.int64)
    groups = np.repeat(np.arange(len(sheets), dtype=np.int64), sizes)
    table = pd.concat([s.table for s in sheets], ignore_index=True)
    first = sheets[0]
    stack = RawSheet(_STACK, list(first.headers), table, np.arange(1, len(table) + 1), 0,
                     tidy=first.tidy)  # fmt: skip
    # Cells are unquoted (formulas an export quoted) when any file may hold such a cell.
    stack.quoted_formulas = any(s.quoted_formulas for s in sheets)
    stack.error_values = any(s.error_values for s in sheets)
    labels = tuple(held.label for _, held in members)
    owners = tuple(held.owner for _, held in members)
    try:
        part, _ = sheet_to_part(
            stack, owner=None, default_owner=owners[0], dayfirst=context.dayfirst,
            as_of=context.as_of, release=True, stacked=StackedFiles(groups, labels, owners),
        )  # fmt: skip
    except BudgetExceededError:
        raise
    except InfoviewError:  # not expected (the shape was checked): each file on its own
        return [p for slot, held in members for p in _alone(context, held, slot)]
    file_rows = np.concatenate([s.rows for s in sheets]) if len(sheets) else np.zeros(0)
    slots = np.array([slot for slot, _ in members], dtype=np.int64)
    return [_relabelled(part, members, slots, groups, file_rows)]


def _relabelled(part: Part, members, slots: np.ndarray, groups, file_rows) -> _Piece:
    """A stack's part with each record's own file label and row, and the slot of each."""
    labels = np.array([held.label for _, held in members], dtype=object)
    group_of_owner = {held.owner: g for g, (_, held) in enumerate(members)}

    owner_index = pd.Index(list(group_of_owner), dtype=object)

    def owner_groups(frame: pd.DataFrame) -> np.ndarray:
        return owner_index.get_indexer(frame["owner"].to_numpy(dtype=object)).astype(np.int64)

    def file_row(values: pd.Series) -> np.ndarray:
        row = values.to_numpy(dtype=float)
        known = ~np.isnan(row)
        out = np.full(len(row), np.nan)
        out[known] = file_rows[row[known].astype(np.int64) - 1]
        return out

    contacts, events = part.contacts, part.events
    contact_groups = owner_groups(contacts) if len(contacts) else np.zeros(0, dtype=np.int64)
    if len(contacts):
        contacts = contacts.assign(_file=labels[contact_groups], _row=file_row(contacts["_row"]))
    event_groups = owner_groups(events) if len(events) else np.zeros(0, dtype=np.int64)
    if len(events):
        events = events.assign(
            _file=labels[event_groups],
            _row=file_row(events["_row"]),
            source=_sources(events["source"], labels, groups, file_rows),
        )
    problems, problem_groups = _problems(part.problems, members, groups, file_rows)
    converted = Part(contacts, events, problems, part.files, part.totals)
    return _Piece(converted, slots[contact_groups], slots[event_groups], slots,
                  slots[problem_groups])  # fmt: skip


def _sources(source: pd.Series, labels: np.ndarray, groups, file_rows) -> np.ndarray:
    """``"<stack>:row"`` made ``"file:row"``; a source the table itself gave is kept."""
    values = source.to_numpy(dtype=object)
    prefix = f"{_STACK}:"
    text = pd.Series(values, dtype=object).astype("str")
    row = text.str.slice(len(prefix))
    ours = (text.str.startswith(prefix) & row.str.isdecimal()).to_numpy(dtype=bool)
    if ours.any():
        position = row[ours].astype(np.int64).to_numpy() - 1
        values = values.copy()
        values[ours] = [
            f"{label}:{r}"
            for label, r in zip(labels[groups[position]], file_rows[position].tolist(), strict=True)
        ]
    return values


def _problems(problems: pd.DataFrame, members, groups, file_rows):
    """The stack's problems given back their files: header-row notes copied to each file, and
    each file's own reading notes first (as ``sheet_to_part`` puts them)."""
    notes = Problems()
    for _, held in members:
        for row, column, value, reason in held.sheet.notes:
            notes.add(held.label, row, column, value, reason, kept=True)
    ours = problems["file"].astype("str").to_numpy() == _STACK
    row = problems["row"].astype("Float64").fillna(-1).to_numpy(dtype=float)
    header = ours & (row == 0)
    body = ours & (row > 0)
    count = len(members)
    head = problems[header]
    copies = head.iloc[np.tile(np.arange(len(head)), count)].reset_index(drop=True)
    head_groups = np.repeat(np.arange(count, dtype=np.int64), len(head))
    labels = np.array([held.label for _, held in members], dtype=object)
    header_rows = np.array([held.sheet.header_row for _, held in members], dtype=object)
    copies = copies.assign(file=labels[head_groups], row=pd.array(header_rows[head_groups],
                                                                   dtype="Int64"))  # fmt: skip
    position = row[body].astype(np.int64) - 1
    rest = problems.copy()
    rest_groups = np.zeros(len(rest), dtype=np.int64)
    rest_groups[body] = groups[position]
    named = ~ours  # already named for their file (the ambiguous day/month order)
    label_group = {label: g for g, label in enumerate(labels.tolist())}
    rest_groups[named] = rest["file"][named].map(label_group).to_numpy(dtype=np.int64)
    rest.loc[body, "file"] = labels[groups[position]]
    rest.loc[body, "row"] = file_rows[position]
    rest, rest_groups = rest[~header], rest_groups[~header]
    extra = [held.problems for _, held in members if len(held.problems)]
    extra_groups = [np.full(len(held.problems), g, dtype=np.int64)
                    for g, (_, held) in enumerate(members) if len(held.problems)]  # fmt: skip
    note_frame = notes.frame()
    note_groups = note_frame["file"].map(label_group).to_numpy(dtype=np.int64)
    frames = [note_frame, copies, rest, *extra]
    out = pd.concat([f for f in frames if len(f)] or [problems.iloc[:0]], ignore_index=True)
    out_groups = np.concatenate([note_groups, head_groups, rest_groups, *extra_groups])
    return out, out_groups


# --------------------------------------------------------------------------- assembly


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Categoricals as plain values (parts' categories differ; the log re-categorises)."""
    kinds = {c: object for c in frame.columns if isinstance(frame[c].dtype, pd.CategoricalDtype)}
    return frame.astype(kinds) if kinds else frame


def _in_slot_order(frames: list[pd.DataFrame], slots: list[np.ndarray]):
    """The frames as one, rows in slot order (rows of one slot keep their order), and for
    each frame where its first row went (-1: it had none), with where every row went.

    Frames are stacked in the order of their first slot, so columns come as they would
    one file at a time; categoricals become plain values when there are several frames,
    as ``combine_parts`` does (the log re-categorises).
    """
    kept = sorted(
        (int(s.min()), i) for i, (f, s) in enumerate(zip(frames, slots, strict=True)) if len(f)
    )
    offsets = np.full(len(frames), -1, dtype=np.int64)
    if not kept:
        return pd.DataFrame(), offsets, np.zeros(0, dtype=np.int64)
    sizes = [len(frames[i]) for _, i in kept]
    offsets[[i for _, i in kept]] = np.cumsum([0, *sizes[:-1]])
    several = len(kept) > 1
    frame = pd.concat([_plain(frames[i]) if several else frames[i] for _, i in kept],
                      ignore_index=True)  # fmt: skip
    order = np.argsort(np.concatenate([slots[i] for _, i in kept]), kind="stable")
    where = np.empty(len(order), dtype=np.int64)
    where[order] = np.arange(len(order))
    return frame.iloc[order].reset_index(drop=True), offsets, where


def _assemble(pieces: list[_Piece]) -> Part:
    """One part holding every piece, records in the order of their slots (entries)."""
    if not pieces:
        return Part(pd.DataFrame(), pd.DataFrame())
    contacts, offsets, where = _in_slot_order(
        [p.part.contacts for p in pieces], [p.contact_slots for p in pieces]
    )
    events_frames = []
    for piece, offset in zip(pieces, offsets.tolist(), strict=True):
        events = piece.part.events
        if len(events) and "_cpos" in events:
            # Positions into the piece's contacts become positions into all contacts.
            cpos = events["_cpos"].to_numpy(dtype=np.int64)
            if offset < 0:
                cpos = np.full(len(cpos), -1, dtype=np.int64)
            else:
                cpos = np.where(cpos >= 0, where[np.maximum(cpos, 0) + offset], -1)
            events = events.assign(_cpos=cpos)
        events_frames.append(events)
    events, _, _ = _in_slot_order(events_frames, [p.event_slots for p in pieces])
    if "_cpos" in events:
        events["_cpos"] = events["_cpos"].fillna(-1).astype(np.int64)
    files = _ordered([p.part.files for p in pieces], [p.file_slots for p in pieces])
    problems = _ordered([p.part.problems for p in pieces], [p.problem_slots for p in pieces])
    totals = {k: sum(p.part.totals[k] for p in pieces) for k in pieces[0].part.totals}
    return Part(contacts, events, problems, files, totals)


def _ordered(frames: list[pd.DataFrame], slots: list[np.ndarray]) -> pd.DataFrame:
    """Frames stacked with their rows in slot order (rows of one slot keep their order)."""
    kept = [(f, s) for f, s in zip(frames, slots, strict=True) if len(f)]
    if not kept:
        return frames[0].iloc[:0] if frames else pd.DataFrame()
    frame = pd.concat([f for f, _ in kept], ignore_index=True)
    order = np.argsort(np.concatenate([s for _, s in kept]), kind="stable")
    return frame.iloc[order].reset_index(drop=True)
