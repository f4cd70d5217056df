"""Cohort analytics for career advisors: who is active, who is stuck, what gets replies.

A cohort is one :class:`~infoview_kit.model.OutreachLog` whose ``owner`` is the
student. The functions here are pure: a log in, a DataFrame out.

* :func:`load_cohort` reads a folder, zip or combined sheet of student logs
  (with a progress bar) and :func:`cohort_files_report` says what happened to
  each file;
* :func:`student_table` gives one row per student (an empty log too), with
  the flags of :mod:`infoview_kit.advisor.flags`, most urgent first;
* :func:`cohort_rates` gives pooled response rates with Wilson intervals *and*
  the spread of the per-student rates;
* :func:`compare_cohorts` sets this term against another, with a 95%
  interval for each difference;
* :func:`suppress_small` hides every figure about fewer than ``k`` students.

>>> table = suppress_small(pd.DataFrame({"field": ["law", "art"], "students": [7, 2],
...                                      "rate": [0.4, 0.5]}), k=5)
>>> table.to_dict("list")
{'field': ['law', 'art'], 'students': [7, '<5'], 'rate': [0.4, '<5']}
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from infoview_kit.advisor.flags import FLAGS, FlagSettings, flag_students
from infoview_kit.model import OutreachLog
from infoview_kit.schema import OUTREACH_KINDS, as_timestamp

__all__ = [
    "FLAG_NAMES",
    "cohort_files_report",
    "cohort_rates",
    "compare_cohorts",
    "flag_matrix",
    "load_cohort",
    "resolve_as_of",
    "student_table",
    "student_timeline",
    "suppress_small",
]

#: The flags' names, most urgent first (see :mod:`infoview_kit.advisor.flags`).
FLAG_NAMES: tuple[str, ...] = tuple(flag.name for flag in FLAGS)

#: A meeting is owed a thank-you once this many days have passed.
THANK_YOU_GRACE_DAYS = 2

#: What counts as the student reaching out (for "no outreach in 14 days"):
#: requests and nudges, and also keeping up with people already met.
STUDENT_OUTREACH_KINDS: tuple[str, ...] = (
    *OUTREACH_KINDS,
    "meeting_held",
    "thank_you_sent",
    "update_sent",
)


#: From this many files on, :func:`load_cohort` shows a progress bar.
PROGRESS_FROM_FILES = 20


def load_cohort(
    source: str | os.PathLike[str] | pd.DataFrame,
    *,
    progress: bool = True,
    dayfirst: bool | None = None,
    owner: str | None = None,
    workers: int | None = None,
) -> OutreachLog:
    """Load a cohort: a folder or zip of per-student logs, or one combined sheet.

    Each student's file may be a tracker spreadsheet (CSV or XLSX), a JSON
    log or a workbook folder; the owner (student) is the file or folder name,
    unless the table has a student/owner column (as a combined sheet does).
    Names a learning platform gives (Canvas, Moodle, Blackboard) give one
    owner per student, however many times they resubmitted (see
    :mod:`infoview_kit.io.owners`), and a cohort wrapped in one folder (a
    drive's download) is that folder's files, one student each.
    A file that cannot be read, or is not a log at all, is reported in
    ``log.report.files`` and does not stop the others (see
    :func:`cohort_files_report`).

    With ``progress`` and 20 files or more, a progress bar (``tqdm.auto``: a
    widget in Jupyter, text in a terminal) counts the files as they load.
    ``dayfirst`` forces the day/month order of slash dates; ``owner`` forces
    one owner for everything (rarely wanted for a cohort).

    A folder of many files is loaded as a few stacked tables (the same result
    as one file at a time, much faster), and from
    :data:`~infoview_kit.io.batch.PARALLEL_FROM_FILES` files on they are read
    in one worker process per CPU core. ``workers`` caps that number (1: no
    worker processes; the ``INFOVIEW_WORKERS`` environment variable does the
    same when ``workers`` is not given).

    >>> import tempfile
    >>> from infoview_kit.datasets import write_sample
    >>> folder = tempfile.mkdtemp()
    >>> _ = write_sample(folder)
    >>> log = load_cohort(Path(folder) / "cohort", progress=False)
    >>> len(log.owners) >= 20, log.report.balanced
    (True, True)
    """
    if isinstance(source, pd.DataFrame):
        from infoview_kit.io.load import load_log

        return load_log(source, owner=owner, dayfirst=dayfirst)
    options = {"progress": progress, "dayfirst": dayfirst, "owner": owner, "workers": workers}
    return _with_file_owners(_load_path(Path(source), **options))


def _load_path(
    path: Path, *, progress: bool, dayfirst: bool | None, owner: str | None, workers: int | None
):
    from infoview_kit.io.load import load_log

    if path.is_dir():
        path = _wrapped_cohort(path) or path
        entries = _entries(path)
        if len(entries) < PROGRESS_FROM_FILES or _is_workbook_folder(path):
            return load_log(path, owner=owner, dayfirst=dayfirst)
        return _load_entries(path, entries, progress=progress, dayfirst=dayfirst, owner=owner,
                             workers=workers)  # fmt: skip
    if path.is_file() and zipfile.is_zipfile(path) and path.suffix.lower() == ".zip":
        with _unpacked(path) as unpacked:
            # A zip holding one folder of student files: that folder is the cohort.
            wrapped = None if unpacked is None else _wrapped_cohort(unpacked)
            folder = wrapped or unpacked
            entries = None if folder is None else _entries(folder)
            # A small zip is loaded member by member, unless its students are wrapped
            # in a folder (load_log would make that folder their one owner).
            if folder is None or (len(entries) < PROGRESS_FROM_FILES and wrapped is None):
                return load_log(path, owner=owner, dayfirst=dayfirst)
            return _load_entries(folder, entries, progress=progress and len(entries) >=
                                 PROGRESS_FROM_FILES, dayfirst=dayfirst, owner=owner,
                                 workers=workers, label=path.name)  # fmt: skip
    return load_log(path, owner=owner, dayfirst=dayfirst)


def _wrapped_cohort(folder: Path) -> Path | None:
    """The one sub-folder of ``folder`` that holds the students' files, when it is so wrapped.

    A platform's or a drive's download often wraps the cohort in one folder
    named after the assignment ("Outreach trackers/ana.csv, ben.csv, ..."):
    each student is then an entry of that folder, never the wrapper (which
    would make the whole cohort one student). A single folder holding one
    entry is one student's, and a workbook folder is one log: neither is unwrapped.
    """
    children = _entries(folder)
    if len(children) != 1 or not children[0].is_dir() or _is_workbook_folder(children[0]):
        return None
    return children[0] if len(_entries(children[0])) >= 2 else None


def _is_workbook_folder(path: Path) -> bool:
    return (path / "contacts.csv").is_file() and (path / "events.csv").is_file()


def _entries(folder: Path) -> list[Path]:
    """The files and sub-folders of a cohort folder, in name order, system files left out."""
    from infoview_kit.io.load import is_ignored_name

    return sorted(
        (p for p in folder.iterdir() if not is_ignored_name(p.name)), key=lambda p: p.name
    )


@contextmanager
def _unpacked(path: Path) -> Iterator[Path | None]:
    """A zip unpacked into a temporary folder, or None when load_log should handle it.

    Only a plain archive of files is unpacked here (within the load budgets);
    anything unusual (nested archives, unsafe names, damage, a budget passed)
    is left to ``load_log``, which reports it member by member.
    """
    from infoview_kit.io import archives
    from infoview_kit.io.limits import Budget, LimitExceededError, Limits

    limits = Limits.from_env()
    with tempfile.TemporaryDirectory(prefix="infoview-cohort-") as tmp:
        try:
            with zipfile.ZipFile(path) as archive:
                infos = archives.members(archive, path.name, limits)
                if any(archives.unsafe_member(i.filename) for i in infos):
                    infos = None
                budget = Budget(limits)
                for info in infos or ():
                    target = Path(tmp, info.filename)
                    archives.unpack_member(archive, info, target, budget=budget, label=path.name)
        except (*archives.ZIP_ERRORS, LimitExceededError):
            infos = None
        if infos is None:
            yield None
            return
        yield Path(tmp)


def _load_entries(
    root: Path,
    entries: list[Path],
    *,
    progress: bool,
    dayfirst: bool | None,
    owner: str | None,
    workers: int | None,
    label: str | None = None,
) -> OutreachLog:
    """Load the entries of a cohort folder (many files at once, see ``io.batch``); ``label``
    names the cohort in messages (the zip it came from, not its temporary folder)."""
    from tqdm.auto import tqdm

    from infoview_kit.errors import NotALogError
    from infoview_kit.io.batch import load_entries_batched

    # leave=True: a closed bar leaves "model not found" behind in Voila.
    with tqdm(total=len(entries), desc="Loading student logs", unit="file",
              disable=not progress, leave=True) as bar:  # fmt: skip
        combined = load_entries_batched(
            entries, base=root, owner=owner, dayfirst=dayfirst, workers=workers,
            progress=bar.update,
        )  # fmt: skip
    if not (combined.report.files["status"] == "loaded").any():
        name = label or root.name
        raise NotALogError(f"{name} holds no outreach log ({len(entries)} files looked at)")
    return combined


def resolve_as_of(log: OutreachLog, as_of: Any = None) -> pd.Timestamp:
    """The moment figures are measured at: ``as_of`` (a date), else the last event of the log.

    >>> resolve_as_of(OutreachLog(), "2025-06-30")
    Timestamp('2025-06-30 00:00:00')
    """
    stamp = as_timestamp(as_of, what="the date to measure at (--as-of)")
    if stamp is not None:
        return stamp
    last = log.events["at"].max()
    return pd.Timestamp("today").normalize() if pd.isna(last) else pd.Timestamp(last)


#: Load-report layouts that are outreach logs (a file with only its header row is one).
_LOG_STATUSES = ("loaded", "empty")


def _file_label_owner(label: str) -> str:
    """The owner a cohort file name implies: "ana.csv" -> "ana", "ben/events.csv" -> "ben",
    "cy.zip/log.csv" -> "cy" (as the loader decides it, see ``io.owners``)."""
    return _label_owners(label)[0]


def _label_owners(label: str) -> tuple[str, bool]:
    """The owner a cohort file name implies, and whether a learning platform named it
    for that student (then even a file that is no log is surely theirs)."""
    from infoview_kit.io.owners import is_platform_name, owner_from_name

    text = str(label).replace("\\", "/")
    first = text.split("/")[0]
    # A student's zip is a file too: "ana.zip/tracker.csv" is Ana's.
    is_file = "/" not in text or first.lower().endswith(".zip")
    return owner_from_name(first, is_file=is_file), is_platform_name(first, is_file=is_file)


def empty_log_owners(log: OutreachLog) -> list[str]:
    """Students whose file is an outreach log with no row yet (only its header).

    The owner is the ``owner`` the file report records (set by :func:`load_cohort`,
    pseudonymised with the rest), else the file name without its extension.

    >>> from infoview_kit.model import LoadReport
    >>> files = pd.DataFrame({"file": ["ana.csv", "notes.txt"], "layout": ["tracker", None],
    ...     "rows_read": [0, 0], "rows_loaded": [0, 0], "rows_merged": [0, 0],
    ...     "rows_rejected": [0, 0], "status": ["empty", "not a log"], "message": ["", ""]})
    >>> empty_log_owners(OutreachLog(report=LoadReport(files=files)))
    ['ana']
    """
    files = log.report.files
    if files.empty or "status" not in files:
        return []
    empty = files[files["status"].astype("str").eq("empty").to_numpy(dtype=bool)]
    empty = empty[empty["file"].notna() & ~empty["file"].astype("str").str.contains(" \\[")]
    if "owner" in empty:
        owners = empty["owner"].astype("object").where(empty["owner"].notna(), None)
    else:
        owners = pd.Series([None] * len(empty), index=empty.index, dtype="object")
    owners = owners.fillna(empty["file"].map(_file_label_owner))
    known = set(log.owners)
    return sorted({str(o) for o in owners if o and str(o) not in known})


def _with_file_owners(log: OutreachLog) -> OutreachLog:
    """The log with an ``owner`` column in its file report (one student per file, when so).

    Kept through pseudonymisation, it lets an empty log keep its student once
    file names are replaced by codes. A file whose every row was merged into
    another file of its student (a resubmission) gives no event of its own: it is
    that student's when its name names a student of the log. A file that is no
    log (unreadable, a PDF...) is its student's when a learning platform named it
    for them: the advisor sees whose submission needs a second look.
    """
    files = log.report.files
    if files.empty or "file" not in files:
        return log
    by_file = _owners_by_file(log.events)
    owners = files["file"].map(by_file)
    single = owners.notna() & ~owners.astype("str").str.contains(", ", regex=False)
    named = files["file"].astype("str").map(_label_owners)
    implied = named.str[0]
    status = files["status"].astype("str")
    merged_away = status.eq("loaded") & owners.isna() & implied.isin(set(log.owners))
    no_log = ~status.isin(["loaded", "empty"]) & named.str[1].astype(bool)
    owner = owners.where(single, implied.where(status.eq("empty") | merged_away | no_log))
    report = dataclasses.replace(log.report, files=files.assign(owner=owner.astype("object")))
    return OutreachLog(log.contacts, log.events, report)


def _per_owner(frame: pd.DataFrame, mask=None) -> pd.Series:
    rows = frame if mask is None else frame[np.asarray(mask, dtype=bool)]
    return rows.groupby("owner").size()


def _activity(log: OutreachLog, as_of: pd.Timestamp, owners: pd.Index) -> pd.DataFrame:
    """Requests, replies, meetings, thank-yous and the last dates, one row per owner."""
    from infoview_kit.analytics.metrics import response_rates

    events = log.events.loc[~(log.events["at"] > as_of), ["owner", "contact_id", "at", "kind"]]
    kind = events["kind"].astype("str")
    table = pd.DataFrame(index=owners)
    rates = response_rates(log, by="owner", as_of=as_of).set_index("owner")
    table["requests"] = rates["requests"]
    table["replies"] = rates["replied"]
    table["response_rate"] = rates["rate"]
    table["meetings"] = _per_owner(events, kind == "meeting_held")
    table["thank_yous"] = _per_owner(events, kind == "thank_you_sent")
    outreach = events[kind.isin(STUDENT_OUTREACH_KINDS).to_numpy(dtype=bool)]
    table["last_activity"] = events.groupby("owner")["at"].max()
    table["days_since_last_activity"] = (as_of - table["last_activity"]).dt.days.astype("Int64")
    last_outreach = outreach.groupby("owner")["at"].max().reindex(owners)
    table["days_since_outreach"] = (as_of - last_outreach).dt.days.astype("Int64")
    return table


def _habits(log: OutreachLog, as_of: pd.Timestamp, table: pd.DataFrame) -> pd.DataFrame:
    """Follow-up and thank-you habits (3B7 rule; thank-yous after meetings)."""
    from infoview_kit.analytics.metrics import follow_up_discipline, thank_you_timing

    follow = follow_up_discipline(log, as_of=as_of)
    settled = follow[follow["timing"].isin(["early", "on time", "late", "missed"])]
    table["follow_up_adherence"] = settled.groupby("owner")["on_time"].mean().astype("float64")
    table["follow_up_share"] = settled.groupby("owner")["followed_up"].mean().astype("float64")
    stalled = ~follow["followed_up"] & ~follow["replied"]
    table["unanswered_no_follow_up"] = _per_owner(follow, stalled)
    thanks = thank_you_timing(log, as_of=as_of)
    grace = as_of - pd.Timedelta(days=THANK_YOU_GRACE_DAYS)
    unthanked = ~thanks["thanked"] & (thanks["meeting_at"].dt.normalize() <= grace)
    table["meetings_without_thanks"] = _per_owner(thanks, unthanked)
    return table


#: Columns of :func:`student_table`, in order.
STUDENT_COLUMNS: tuple[str, ...] = (
    "owner", "severity", "concerns", "next_step", "requests", "replies", "response_rate",
    "meetings", "thank_yous", "follow_up_adherence", "follow_up_share",
    "unanswered_no_follow_up", "meetings_without_thanks", "last_activity",
    "days_since_last_activity", "days_since_outreach",
)  # fmt: skip


def student_table(
    log: OutreachLog, *, as_of: Any = None, settings: FlagSettings | None = None
) -> pd.DataFrame:
    """One row per student, flags and a next step included, most urgent first.

    Every student with a log gets a row, including one whose file holds only
    its header row (:func:`empty_log_owners`: 0 requests, flagged *stuck*).

    Columns:

    * ``owner``; ``severity``, ``concerns`` and ``next_step`` (the flags of
      :mod:`infoview_kit.advisor.flags`, thresholds from ``settings``);
    * ``requests``, ``replies``, ``response_rate`` (as in
      :func:`~infoview_kit.analytics.metrics.response_rates`: one request per
      contact written to, a reply is any answer); ``meetings`` (held),
      ``thank_yous`` (sent);
    * ``follow_up_adherence``: on-time follow-ups / settled requests that
      needed one (3B7 rule); ``follow_up_share``: followed up at all / the
      same requests (both NaN when none needed one yet);
    * ``unanswered_no_follow_up``: requests 7+ business days old with neither
      a reply nor a follow-up; ``meetings_without_thanks``: meetings held 2+
      days ago with no thank-you since;
    * ``last_activity`` (any event), ``days_since_last_activity``,
      ``days_since_outreach`` (request, follow-up, voicemail, meeting,
      thank-you or update: :data:`STUDENT_OUTREACH_KINDS`).

    ``as_of`` defaults to the last event of the log; later events are ignored.
    Use :func:`flag_matrix` for one boolean column per flag.

    >>> events = pd.DataFrame({"owner": ["ana"] * 2, "contact_id": ["c1", "c1"],
    ...     "at": pd.to_datetime(["2025-03-03", "2025-03-10"]),
    ...     "kind": ["request_sent", "meeting_held"]})
    >>> row = student_table(OutreachLog(events=events), as_of="2025-04-30").iloc[0]
    >>> row["requests"], row["replies"], row["meetings"]
    (np.int64(1), np.int64(1), np.int64(1))
    >>> row["concerns"], row["severity"]
    ('stuck', 'call this week')
    """
    as_of = resolve_as_of(log, as_of)
    owners = pd.Index([*log.owners, *empty_log_owners(log)], name="owner", dtype="str")
    table = _habits(log, as_of, _activity(log, as_of, owners))
    counts = ["requests", "replies", "meetings", "thank_yous", "unanswered_no_follow_up",
              "meetings_without_thanks"]  # fmt: skip
    table[counts] = table[counts].fillna(0).astype("int64")
    flagged = flag_students(table.reset_index(), settings=settings)
    return flagged[list(STUDENT_COLUMNS)]


def flag_counts(students: pd.DataFrame) -> dict[str, int]:
    """How many students each flag applies to (from a :func:`student_table`).

    >>> flag_counts(pd.DataFrame({"concerns": ["stuck", "", "stuck; no follow-ups"]}))["stuck"]
    2
    """
    matrix = flag_matrix(students.assign(owner=range(len(students))))
    return {name: int(matrix[name].sum()) for name in FLAG_NAMES}


def student_timeline(log: OutreachLog, owner: str, *, as_of=None) -> pd.DataFrame:
    """One student's events, oldest first, with who (contact id) and how they were connected.

    Columns: ``at``, ``kind``, ``channel``, ``contact_id``, ``connection``,
    ``field``, ``role``. Names, notes and addresses are not included.

    >>> events = pd.DataFrame({"owner": ["ana", "ana", "bo"], "contact_id": ["c1", "c1", "c2"],
    ...     "at": pd.to_datetime(["2025-03-04", "2025-03-03", "2025-03-03"]),
    ...     "kind": ["reply_received", "request_sent", "request_sent"]})
    >>> student_timeline(OutreachLog(events=events), "ana")["kind"].tolist()
    ['request_sent', 'reply_received']
    """
    events = log.events
    mine = events[(events["owner"] == owner).to_numpy(dtype=bool, na_value=False)]
    if as_of is not None:
        mine = mine[~(mine["at"] > resolve_as_of(log, as_of)).to_numpy()]
    people = log.contacts.loc[
        log.contacts["owner"] == owner, ["contact_id", "connection", "field", "role"]
    ].drop_duplicates("contact_id")
    out = mine[["at", "kind", "channel", "contact_id"]].merge(people, on="contact_id", how="left")
    return out.sort_values("at", kind="stable", na_position="last").reset_index(drop=True)


def flag_matrix(students: pd.DataFrame) -> pd.DataFrame:
    """One boolean column per flag (:data:`FLAG_NAMES`), from a :func:`student_table`.

    >>> table = pd.DataFrame({"owner": ["a", "b"], "concerns": ["", "stuck"]})
    >>> flag_matrix(table)["stuck"].tolist()
    [False, True]
    """
    parts = students["concerns"].fillna("").str.split("; ")
    exploded = parts.explode()
    return pd.DataFrame(
        {name: (exploded == name).groupby(level=0).any() for name in FLAG_NAMES},
        index=students.index,
    ).set_index(students["owner"])


#: Replies are counted within this many days of the request in group rates and
#: comparisons; younger requests are left out (not yet had the time to be answered).
REPLY_WINDOW_DAYS = 14

#: Groupings offered by :func:`cohort_rates` (any contacts column also works).
RATE_GROUPS: tuple[str, ...] = ("channel", "connection", "field", "week")

#: The columns that identify one contact of one student.
KEY_COLUMNS = ["owner", "contact_id"]
_KEY = KEY_COLUMNS


def _request_weeks(log: OutreachLog) -> pd.DataFrame:
    """(owner, contact_id, week): the Monday of the week of the first outreach to the contact."""
    events = log.events
    outreach = events[events["kind"].isin(OUTREACH_KINDS) & events["contact_id"].notna()]
    first = outreach.groupby(_KEY)["at"].min()
    monday = first.dt.normalize() - pd.to_timedelta(first.dt.day_of_week, unit="D")
    return monday.dt.strftime("%Y-%m-%d").astype("str").rename("week").reset_index()


def _with_week(log: OutreachLog) -> OutreachLog:
    """The log with a ``week`` column on its contacts (so metrics can group by it)."""
    contacts = log.contacts.drop_duplicates(_KEY).merge(_request_weeks(log), on=_KEY, how="outer")
    out = OutreachLog(events=log.events, report=log.report)
    # Assigned after construction: conforming would drop the extra column.
    out.contacts = contacts
    return out


def _rates(log: OutreachLog, cols: list[str], *, as_of, within_days) -> pd.DataFrame:
    from infoview_kit.analytics.metrics import response_rates

    if "week" in cols and "week" not in log.contacts:
        log = _with_week(log)
    return response_rates(log, by=cols or None, as_of=as_of, within_days=within_days)


def cohort_rates(
    log: OutreachLog,
    *,
    by: str | None = "channel",
    as_of=None,
    within_days: float | None = REPLY_WINDOW_DAYS,
) -> pd.DataFrame:
    """Response rates per group: pooled with a Wilson 95% interval, and spread across students.

    ``by`` is ``"channel"`` (of the request), ``"connection"``, ``"field"``,
    ``"week"`` (Monday of the week of the request, ``"YYYY-MM-DD"``), another
    column of the contacts table, or None for the whole cohort.

    Pooled figures come from :func:`~infoview_kit.analytics.metrics.response_rates`:
    ``requests``, ``replied``, ``rate``, ``ci_low``, ``ci_high``,
    ``excluded_recent``. By default a reply counts when it came within 14
    days and requests younger than 14 days at ``as_of`` are left out
    (censoring); ``within_days=None`` counts every reply so far.

    A pooled rate is dominated by the busiest students, so the spread of the
    per-student rates is given too, over the ``students`` with at least one
    counted request in the group: ``student_median``, ``student_q1``,
    ``student_q3`` (quartiles; the IQR is q3 - q1).

    >>> log = OutreachLog(events=pd.DataFrame({
    ...     "owner": ["a", "a", "a", "b", "b"], "contact_id": ["1", "1", "2", "3", "4"],
    ...     "at": pd.to_datetime(["2025-03-03", "2025-03-04", "2025-03-03", "2025-03-03",
    ...                           "2025-03-03"]),
    ...     "kind": ["request_sent", "reply_received", "request_sent", "request_sent",
    ...              "request_sent"],
    ...     "channel": "email"}))
    >>> table = cohort_rates(log, by="channel", as_of="2025-06-01")
    >>> columns = ["students", "requests", "replied", "rate", "student_median"]
    >>> table[columns].iloc[0].tolist()
    [2.0, 4.0, 1.0, 0.25, 0.25]
    """
    cols = [] if by is None else [by]
    pooled = _rates(log, cols, as_of=as_of, within_days=within_days)
    per_student = _rates(log, ["owner", *cols], as_of=as_of, within_days=within_days)
    per_student = per_student[per_student["requests"] > 0]
    grouped = (
        per_student.groupby(cols, observed=True)
        if cols
        else per_student.groupby(np.zeros(len(per_student), dtype=np.int8))
    )
    spread = grouped["rate"].agg(
        students="size",
        student_median="median",
        student_q1=lambda r: r.quantile(0.25),
        student_q3=lambda r: r.quantile(0.75),
    )
    if cols:
        out = pooled.merge(spread.reset_index(), on=cols, how="left")
    else:
        out = pooled.assign(**{c: spread[c].to_numpy() if len(spread) else np.nan
                               for c in spread.columns})  # fmt: skip
    out["students"] = out["students"].fillna(0).astype("int64")
    order = [*cols, "students", "requests", "replied", "rate", "ci_low", "ci_high",
             "excluded_recent", "student_median", "student_q1", "student_q3"]  # fmt: skip
    return out[order].reset_index(drop=True)


def _term_weeks(log: OutreachLog) -> OutreachLog:
    """``week`` as the week of term ("week 1" = the week of the cohort's first request)."""
    weeks = _request_weeks(log)
    start = pd.to_datetime(weeks["week"]).min()
    number = (pd.to_datetime(weeks["week"]) - start).dt.days // 7 + 1
    weeks["week"] = ("week " + number.astype("str").str.zfill(2)).astype("str")
    contacts = log.contacts.drop_duplicates(_KEY).merge(weeks, on=_KEY, how="outer")
    out = OutreachLog(events=log.events)
    out.contacts = contacts
    return out


def compare_cohorts(
    this: OutreachLog,
    last: OutreachLog,
    *,
    by: str | None = None,
    as_of=None,
    last_as_of=None,
    within_days: float | None = REPLY_WINDOW_DAYS,
) -> pd.DataFrame:
    """This cohort's response rates against another's (last term), with a 95% interval.

    For each group (``by`` as in :func:`cohort_rates`; ``"week"`` means the
    week of term, so terms line up) the table gives, for each cohort,
    ``students_*``, ``requests_*``, ``replied_*``, ``rate_*`` (suffixes
    ``_this`` and ``_last``), then ``difference`` (this - last) with
    ``diff_ci_low`` / ``diff_ci_high``: Newcombe's hybrid score interval,
    built from the two Wilson intervals. ``significant`` is True when the
    interval leaves out 0. ``fewest_students`` (the smaller student count)
    is there for :func:`suppress_small`. Groups seen in only one cohort are
    listed with the other side empty.

    ``as_of`` / ``last_as_of`` default to each cohort's last event; replies
    are counted within ``within_days`` (14) of the request in both, so a
    term still under way is not penalised for requests not yet answered.

    >>> def term(replies):
    ...     n = 40
    ...     return OutreachLog(events=pd.DataFrame({
    ...         "owner": [f"s{i % 8}" for i in range(n)] * 2,
    ...         "contact_id": [str(i) for i in range(n)] * 2,
    ...         "at": pd.to_datetime(["2025-03-03"] * n + ["2025-03-05"] * n),
    ...         "kind": ["request_sent"] * n + ["reply_received"] * replies
    ...                 + ["note"] * (n - replies),
    ...         "channel": "email"}))
    >>> table = compare_cohorts(term(30), term(10), as_of="2025-06-01", last_as_of="2025-06-01")
    >>> table[["rate_this", "rate_last", "difference", "significant"]].round(2).to_dict("records")
    [{'rate_this': 0.75, 'rate_last': 0.25, 'difference': 0.5, 'significant': True}]
    """
    cols = [] if by is None else [by]
    if by == "week":
        this, last = _term_weeks(this), _term_weeks(last)
    sides = []
    for log, stamp, suffix in ((this, as_of, "_this"), (last, last_as_of, "_last")):
        rates = cohort_rates(log, by=by, as_of=stamp, within_days=within_days)
        keep = [*cols, "students", "requests", "replied", "rate", "ci_low", "ci_high"]
        sides.append(rates[keep].rename(columns={c: c + suffix for c in keep[len(cols) :]}))
    if cols:
        for i, side in enumerate(sides):
            sides[i] = side.assign(**{c: side[c].astype("str") for c in cols})
        out = sides[0].merge(sides[1], on=cols, how="outer").sort_values(cols)
    else:
        out = pd.concat([s.reset_index(drop=True) for s in sides], axis=1)
    out = _newcombe(out)
    for suffix in ("_this", "_last"):
        for c in ("students", "requests", "replied"):
            out[c + suffix] = out[c + suffix].fillna(0).astype("int64")
    out["fewest_students"] = np.minimum(out["students_this"], out["students_last"])
    order = [
        *cols,
        *(f"{c}_this" for c in ("students", "requests", "replied", "rate")),
        *(f"{c}_last" for c in ("students", "requests", "replied", "rate")),
        *("difference", "diff_ci_low", "diff_ci_high", "significant", "fewest_students"),
    ]
    return out[order].reset_index(drop=True)


def _newcombe(out: pd.DataFrame) -> pd.DataFrame:
    """The difference of two rates with Newcombe's hybrid score interval (from two Wilsons)."""
    p1, p2 = out["rate_this"], out["rate_last"]
    below = np.sqrt((p1 - out["ci_low_this"]) ** 2 + (out["ci_high_last"] - p2) ** 2)
    above = np.sqrt((out["ci_high_this"] - p1) ** 2 + (p2 - out["ci_low_last"]) ** 2)
    difference = p1 - p2
    low, high = difference - below, difference + above
    return out.assign(difference=difference, diff_ci_low=low, diff_ci_high=high,
                      significant=(low > 0) | (high < 0))  # fmt: skip


#: ``cohort_files_report`` outcome labels.
FILE_LOADED = "loaded"
FILE_WARNINGS = "loaded with warnings"
FILE_NOT_A_LOG = "not a log at all"
FILE_UNREADABLE = "could not be read"
#: A file that is no log and needs nothing done (a platform's submission receipt, a link
#: leading out of the folder, a sheet of notes beside the log).
FILE_SKIPPED = "skipped"


def _owners_by_file(events: pd.DataFrame) -> pd.Series:
    """file label -> the owner(s) of the events read from it (from ``source``: "file:row")."""
    codes, sources = pd.factorize(events["source"].astype("str"))
    files = [_file_of_source(s) for s in np.asarray(sources, dtype=object).tolist()]
    origin = np.array([*files, None], dtype=object)[codes]
    pairs = pd.DataFrame({"file": origin, "owner": events["owner"].to_numpy(dtype=object)})
    pairs = pairs.dropna().drop_duplicates()
    return pairs.groupby("file")["owner"].agg(lambda owners: ", ".join(sorted(owners)))


def _file_of_source(source: str) -> str | None:
    """The file of a source: "ana.csv:12" -> "ana.csv"; None when it is not "file:row"."""
    file, colon, row = source.rpartition(":")
    return file if colon and file and row.isdecimal() else None


def cohort_files_report(log: OutreachLog) -> pd.DataFrame:
    """One row per input file: what became of it.

    Columns: ``file``, ``owner`` (the student(s) whose events came from the
    file, when any did), ``layout``, ``rows_read``,
    ``rows_loaded``, ``rows_merged``, ``rows_rejected``, ``warnings`` (rows
    kept with a warning), ``status`` (one of ``"loaded"``, ``"loaded with
    warnings"``, ``"not a log at all"``, ``"could not be read"``, ``"skipped"``:
    no log and nothing to do, such as a platform's submission receipt) and
    ``message`` (the loader's own words). Files with problems come first.

    >>> from infoview_kit.model import LoadReport
    >>> files = pd.DataFrame({"file": ["a.csv", "notes.txt"], "layout": ["events", None],
    ...     "rows_read": [3, 2], "rows_loaded": [3, 0], "rows_merged": [0, 0],
    ...     "rows_rejected": [0, 2], "status": ["ok", "not a log"], "message": ["", "no columns"]})
    >>> report = cohort_files_report(OutreachLog(report=LoadReport(files=files)))
    >>> report[["file", "status"]].values.tolist()
    [['notes.txt', 'not a log at all'], ['a.csv', 'loaded']]
    """
    files = log.report.files.copy()
    columns = ["file", "owner", "layout", "rows_read", "rows_loaded", "rows_merged",
               "rows_rejected", "warnings", "status", "message"]  # fmt: skip
    if files.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    from_events = files["file"].map(_owners_by_file(log.events))
    files["owner"] = files["owner"].fillna(from_events) if "owner" in files else from_events
    warned = log.report.warnings.groupby("file").size()
    counts = ["rows_read", "rows_loaded", "rows_merged", "rows_rejected"]
    files[counts] = files[counts].apply(pd.to_numeric, errors="coerce").fillna(0).astype("int64")
    files["warnings"] = files["file"].map(warned).fillna(0).astype("int64")
    raw = files["status"].astype("str").str.lower().fillna("")
    message = files["message"].astype("str").fillna("").str.lower()
    not_a_log = raw.str.contains("not a log|not_a_log|no outreach|unrecognised|unrecognized") | (
        message.str.contains("not an outreach log|no recognisable|not a log")
    )
    unreadable = raw.str.contains("unreadable|error|fail|could not")
    status = np.select(
        [raw.eq("skipped"), not_a_log, unreadable,
         (files["warnings"] > 0) | (files["rows_rejected"] > 0)],
        [FILE_SKIPPED, FILE_NOT_A_LOG, FILE_UNREADABLE, FILE_WARNINGS],
        default=FILE_LOADED,
    )  # fmt: skip
    files["status"] = pd.Series(status, index=files.index, dtype="str")
    files["message"] = files["message"].astype("str").fillna("")
    rank = files["status"].map(
        {FILE_UNREADABLE: 0, FILE_NOT_A_LOG: 1, FILE_WARNINGS: 2, FILE_SKIPPED: 3, FILE_LOADED: 4}
    )
    order = np.lexsort((files["file"].astype("str").to_numpy(), rank.to_numpy()))
    return files.iloc[order][columns].reset_index(drop=True)


def suppress_small(
    frame: pd.DataFrame,
    *,
    count_col: str = "students",
    k: int = 5,
    columns: list[str] | None = None,
) -> pd.DataFrame:
    """Hide every figure about fewer than ``k`` students: it shows ``"<k"`` instead.

    In rows where ``frame[count_col] < k``, the count itself and ``columns``
    (default: every numeric column, so rates, intervals and quantiles derived
    from those few students go too) become the text ``"<5"`` (for ``k=5``).
    Affected columns become ``object`` dtype; other rows keep their numbers.
    ``k=0`` or ``k=1`` suppresses nothing. The input is not modified.

    >>> small = pd.DataFrame({"channel": ["email", "letter"], "students": [12, 3],
    ...                       "requests": [80, 4], "rate": [0.21, 0.25]})
    >>> suppress_small(small, k=5).iloc[1].tolist()
    ['letter', '<5', '<5', '<5']
    """
    if count_col not in frame:
        raise KeyError(f"suppress_small: no column {count_col!r} to count students in")
    if columns is None:
        columns = [
            c
            for c in frame.columns
            if pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c])
        ]
    columns = list(dict.fromkeys([count_col, *columns]))
    counts = pd.to_numeric(frame[count_col], errors="coerce")
    small = counts < k
    out = frame.copy()
    if not small.any():
        return out
    label = f"<{k}"
    for column in columns:
        out[column] = out[column].astype(object).where(~small, label)
    return out
