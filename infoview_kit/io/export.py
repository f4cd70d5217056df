"""Exports: the due list as a calendar, the log as a spreadsheet that is safe to open.

* :func:`due_list_to_ics`: one all-day event per reminder, with an alarm;
* :func:`log_to_xlsx` and :func:`log_to_csv`: the two tables, every text cell
  that a spreadsheet would run as a formula neutralised (:func:`neutralise_formulas`),
  written atomically (a temporary file, then a rename);
* :func:`log_to_tracker`: the flat one-row-per-contact layout people keep in
  spreadsheets (the inverse of the tracker loader).

Drafts as ``.eml`` files are :func:`infoview_kit.messages.builders.to_eml`.
"""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pandas as pd

from infoview_kit.io.formulas import quote_formulas, xlsx_escape
from infoview_kit.model import OutreachLog
from infoview_kit.schema import CONTACT_COLUMNS, REPLY_KINDS, extra_columns

#: Columns of :func:`log_to_tracker`, in order (an "Owner" column comes first
#: when the log holds several people's outreach).
TRACKER_COLUMNS: tuple[str, ...] = (
    "Name",
    "Organization",
    "Role",
    "Field",
    "Connection",
    "Referred by",
    "Email",
    "Channel",
    "Date contacted",
    "Followed up",
    "Replied",
    "Reply date",
    "Meeting date",
    "Thank-you sent",
    "Referrals given",
    "Notes",
)


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy where text starting with ``= + - @``, tab or carriage return gets a leading ``'``.

    Spreadsheets run such cells as formulas (CSV/formula injection); the quote
    makes them plain text, and the loader takes exactly that quote away again
    (:mod:`infoview_kit.io.formulas`). Numbers, dates and missing values are
    untouched, and so is ``frame``.

    >>> df = pd.DataFrame({"name": ["=HYPERLINK(1)", "Ada", "-2+3", None], "n": [1, -2, 3, 4]})
    >>> neutralise_formulas(df)["name"].tolist(), neutralise_formulas(df)["n"].tolist()
    (["'=HYPERLINK(1)", 'Ada', "'-2+3", nan], [1, -2, 3, 4])
    """
    out = {}
    for column in frame.columns:
        values = frame[column]
        if isinstance(values.dtype, pd.CategoricalDtype):
            cats = pd.Series(values.cat.categories)
            fixed = _neutralise_text(cats)
            if fixed.is_unique and not fixed.equals(cats):
                values = values.cat.rename_categories(list(fixed))
            elif not fixed.equals(cats):
                values = _neutralise_text(values.astype("object"))
        elif values.dtype == object or pd.api.types.is_string_dtype(values.dtype):
            values = _neutralise_text(values)
        out[column] = values
    return pd.DataFrame(out, index=frame.index)


def _neutralise_text(values: pd.Series) -> pd.Series:
    return quote_formulas(values)


# ---------------------------------------------------------------- calendar


def due_list_to_ics(
    due: pd.DataFrame,
    *,
    calendar_name: str = "Information interviews: next steps",
    alarm_at: timedelta = timedelta(hours=9),
    stamp: datetime | None = None,
) -> bytes:
    """The due list (``reminders.due_list``) as an iCalendar file: one all-day event per row.

    Each event has a stable UID (the same reminder exported twice updates the
    same calendar entry instead of adding a copy) and an alarm at
    ``alarm_at`` after the start of its day (09:00 by default). Rows without
    a due date are left out. ``stamp`` is the DTSTAMP written (default: now).

    >>> due = pd.DataFrame({"owner": ["me"], "contact_id": ["c-1"], "name": ["Ada Example"],
    ...     "action": ["send thank-you"], "due_on": [pd.Timestamp("2025-06-13")],
    ...     "reason": ["met on 2025-06-12"]})
    >>> text = due_list_to_ics(due, stamp=datetime(2025, 6, 1, tzinfo=UTC)).decode()
    >>> "DTSTART;VALUE=DATE:20250613" in text, "BEGIN:VALARM" in text
    (True, True)
    """
    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//infoview-kit//due list//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", calendar_name)
    when = stamp or datetime.now(UTC)
    rows = due.dropna(subset=["due_on"])
    day = pd.to_datetime(rows["due_on"]).dt.date
    uid = _uids(rows, day)
    name = rows["name"].astype("str").fillna("a contact")
    summary = rows["action"].astype("str").fillna("follow up").str.capitalize() + ": " + name
    for i in range(len(rows)):  # building the output file: one component per reminder
        event = icalendar.Event()
        event.add("uid", uid.iloc[i])
        event.add("dtstamp", when)
        event.add("dtstart", day.iloc[i])
        event.add("dtend", day.iloc[i] + timedelta(days=1))
        event.add("summary", summary.iloc[i])
        reason = rows["reason"].iloc[i]
        if isinstance(reason, str) and reason:
            event.add("description", reason)
        event.add("transp", "TRANSPARENT")
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", summary.iloc[i])
        alarm.add("trigger", alarm_at)
        event.add_component(alarm)
        calendar.add_component(event)
    return calendar.to_ical()


def _uids(rows: pd.DataFrame, day: pd.Series) -> pd.Series:
    key = (
        rows["owner"].astype("str").fillna("")
        + "|"
        + rows["contact_id"].astype("str").fillna("")
        + "|"
        + rows["action"].astype("str").fillna("")
        + "|"
        + day.astype("str")
    )
    codes, uniques = pd.factorize(key)
    digests = [hashlib.blake2b(k.encode("utf-8"), digest_size=10).hexdigest() for k in uniques]
    return pd.Series(digests, dtype="str").iloc[codes].set_axis(rows.index) + "@infoview-kit"


# ---------------------------------------------------------------- spreadsheets


def _for_spreadsheet(
    frame: pd.DataFrame, *, clean: Callable[[pd.Series], pd.Series] | None = None
) -> pd.DataFrame:
    out = frame.astype(
        {c: "str" for c in frame.columns if isinstance(frame[c].dtype, pd.CategoricalDtype)}
    )
    out = neutralise_formulas(out)
    if clean is not None:
        out = out.assign(
            **{c: clean(out[c]) for c in out.columns if pd.api.types.is_string_dtype(out[c].dtype)}
        )
    return out


def _write_file(path: Path, data: bytes) -> Path:
    """``data`` written atomically to ``path`` (its folder created when missing)."""
    from infoview_kit.io.output import replace_file, write_target

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    replace_file(write_target(path), data)
    return path


def log_to_xlsx(log: OutreachLog, path: str | os.PathLike, *, tracker: bool = False) -> Path:
    """Write the log as an Excel workbook with two sheets, ``contacts`` and ``events``.

    ``tracker=True`` writes one sheet, ``tracker``: the flat layout of :func:`log_to_tracker`.

    Text that a spreadsheet would run as a formula is neutralised, characters
    Excel cannot store (control characters) are dropped, dates are real date
    cells, and the file is replaced atomically. Returns the path written.

    >>> import tempfile, openpyxl
    >>> from infoview_kit.model import OutreachLog
    >>> log = OutreachLog(pd.DataFrame({"owner": ["me"], "contact_id": ["c-1"], "name": ["=1+1"]}))
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     out = log_to_xlsx(log, Path(tmp) / "log.xlsx")
    ...     openpyxl.load_workbook(out)["contacts"]["C2"].value
    "'=1+1"
    """
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    def clean(values: pd.Series) -> pd.Series:
        return xlsx_escape(values.str.replace(ILLEGAL_CHARACTERS_RE, "", regex=True))

    if tracker:
        sheets = {"tracker": _for_spreadsheet(log_to_tracker(log), clean=clean)}
    else:
        sheets = {
            "contacts": _for_spreadsheet(log.contacts, clean=clean),
            "events": _for_spreadsheet(log.events, clean=clean),
        }

    # built in memory and written only on success: a failure leaves nothing half-written
    buffer = io.BytesIO()
    writer = pd.ExcelWriter(buffer, engine="openpyxl")
    for name, frame in sheets.items():
        frame.to_excel(writer, sheet_name=name, index=False)
    writer.close()
    return _write_file(Path(path), buffer.getvalue())


def log_to_csv(log: OutreachLog, folder: str | os.PathLike, *, tracker: bool = False) -> list[Path]:
    """Write ``contacts.csv`` and ``events.csv`` into ``folder`` for opening in a spreadsheet.

    ``tracker=True`` writes one ``tracker.csv`` instead: the flat layout of
    :func:`log_to_tracker`, one row per contact.

    UTF-8 with a byte-order mark (so Excel shows accents), Windows line ends, formulas
    neutralised, each file replaced atomically. Returns the two paths. (Your
    workbook itself is saved by :class:`infoview_kit.Workbook`, without the
    quote marks.)

    >>> import tempfile
    >>> from infoview_kit.model import OutreachLog
    >>> people = pd.DataFrame({"owner": ["me"], "contact_id": ["c-1"], "name": ["@SUM(A1)"]})
    >>> log = OutreachLog(people)
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     paths = log_to_csv(log, tmp)
    ...     [p.name for p in paths], "'@SUM(A1)" in paths[0].read_text(encoding="utf-8-sig")
    (['contacts.csv', 'events.csv'], True)
    """
    folder = Path(folder)
    written = []
    tables = (("contacts", log.contacts), ("events", log.events))
    for name, frame in (("tracker", log_to_tracker(log)),) if tracker else tables:
        safe = _for_spreadsheet(frame)
        # CRLF line ends make the writer quote a cell holding a bare "\r" too;
        # unquoted, a spreadsheet would start a new row there (and maybe a formula).
        text = safe.to_csv(
            index=False,
            date_format="%Y-%m-%d" if tracker else "%Y-%m-%d %H:%M:%S",
            lineterminator="\r\n",
        )
        written.append(_write_file(folder / f"{name}.csv", text.encode("utf-8-sig")))
    return written


# ---------------------------------------------------------------- tracker layout


def log_to_tracker(log: OutreachLog) -> pd.DataFrame:
    """The flat layout: one row per contact, a date column per step (``TRACKER_COLUMNS``).

    Dates are the first time each step happened (days). "Replied" is "yes"
    when they answered in any way (a reply, a decline, a meeting), "no" when
    a request went out without an answer, blank otherwise. "Referred by" and
    "Referrals given" hold names. An "Owner" column is added when the log
    holds several people's outreach. The user's own extra columns follow, as kept.

    >>> from infoview_kit.model import OutreachLog
    >>> contacts = pd.DataFrame({"owner": "me", "contact_id": ["c-1"], "name": ["Ada Example"]})
    >>> events = pd.DataFrame({"owner": "me", "contact_id": "c-1",
    ...     "kind": ["request_sent", "reply_received"],
    ...     "at": pd.to_datetime(["2025-06-02 09:00", "2025-06-03 10:00"]), "channel": "email"})
    >>> row = log_to_tracker(OutreachLog(contacts, events)).iloc[0]
    >>> row["Channel"], row["Replied"], f"{row['Date contacted']:%Y-%m-%d}"
    ('email', 'yes', '2025-06-02')
    """
    contacts = log.contacts
    events = log.events.assign(
        kind=log.events["kind"].astype("str"), channel=log.events["channel"].astype("str")
    )
    key = ["owner", "contact_id"]
    dated = events.dropna(subset=["at"])
    firsts = dated.pivot_table(index=key, columns="kind", values="at", aggfunc="min")

    def step(kind: str) -> pd.Series:
        """The day each contact first reached ``kind``."""
        return _by_contact(contacts, firsts[kind] if kind in firsts else None).dt.floor("D")

    channel, replied = _channel_and_replied(contacts, events)
    referred_by, referrals = _referral_names(contacts, events)
    meeting = step("meeting_held").fillna(step("meeting_scheduled"))

    table = pd.DataFrame(
        {
            "Owner": contacts["owner"],
            "Name": contacts["name"],
            "Organization": contacts["organization"],
            "Role": contacts["role"],
            "Field": contacts["field"],
            "Connection": contacts["connection"].astype("str"),
            "Referred by": referred_by,
            "Email": contacts["email"],
            "Channel": channel.astype("str"),
            "Date contacted": step("request_sent"),
            "Followed up": step("follow_up_sent"),
            "Replied": replied,
            "Reply date": step("reply_received"),
            "Meeting date": meeting,
            "Thank-you sent": step("thank_you_sent"),
            "Referrals given": referrals.astype("str"),
            "Notes": contacts["notes"],
        }
    )
    # A kept column named like a tracker column ("Role" beside "Title") gets a suffix.
    extras = {
        (c if c not in table else f"{c} (extra)"): contacts[c]
        for c in extra_columns(contacts, CONTACT_COLUMNS)
    }
    table = table.assign(**extras)
    table = table.sort_values(
        ["Owner", "Date contacted", "Name"], kind="stable", na_position="last"
    )
    columns = [*TRACKER_COLUMNS, *extras]
    if contacts["owner"].dropna().unique().size > 1:
        columns = ["Owner", *columns]
    return table[columns].reset_index(drop=True)


def _channel_and_replied(contacts: pd.DataFrame, events: pd.DataFrame):
    """Per contact: the channel of the first outreach (else the usual one), and "Replied".

    "Replied" is "yes" when they answered in any way (a reply, a decline, a
    meeting), "no" when a request went out without an answer, blank otherwise.
    """
    key = ["owner", "contact_id"]
    ordered = events.sort_values("at", kind="stable", na_position="last")
    outreach = ordered[ordered["kind"].isin(["request_sent", "follow_up_sent", "voicemail_left"])]
    channel = outreach.groupby(key)["channel"].first()
    channel = channel.combine_first(
        ordered.dropna(subset=["channel"]).groupby(key)["channel"].agg(_mode)
    )
    answered = events[events["kind"].isin(REPLY_KINDS)].groupby(key).size()
    asked = events[events["kind"] == "request_sent"].groupby(key).size()
    replied = pd.Series(pd.NA, index=contacts.index, dtype="str")
    replied = replied.mask(_by_contact(contacts, asked).notna(), "no")
    replied = replied.mask(_by_contact(contacts, answered).notna(), "yes")
    return _by_contact(contacts, channel), replied


def _referral_names(contacts: pd.DataFrame, events: pd.DataFrame):
    """Per contact: who referred them (a name), and the names they gave."""
    key = ["owner", "contact_id"]
    names = contacts.set_index(key)["name"]
    referrer = pd.MultiIndex.from_arrays([contacts["owner"], contacts["referred_by"]])
    referred_by = pd.Series(names.reindex(referrer).to_numpy(), index=contacts.index, dtype="str")
    referred_by = referred_by.fillna(
        contacts["referred_by"].where(
            ~contacts["referred_by"].astype("str").str.match(r"^c-[0-9a-f]{10}$").fillna(False)
        )
    )
    given = (
        contacts.dropna(subset=["referred_by"])
        .groupby(["owner", "referred_by"])["name"]
        .agg(lambda s: ", ".join(s.dropna()))
    )
    given.index = given.index.set_names(key)
    named_in_events = (
        events[events["kind"] == "referral_received"]
        .dropna(subset=["notes"])
        .groupby(key)["notes"]
        .agg(", ".join)
    )
    referrals = _by_contact(contacts, given).fillna(_by_contact(contacts, named_in_events))
    return referred_by, referrals


def _by_contact(contacts: pd.DataFrame, values: pd.Series | None) -> pd.Series:
    """``values`` indexed by (owner, contact_id), aligned to the rows of ``contacts``."""
    if values is None:
        return pd.Series(pd.NaT, index=contacts.index, dtype="datetime64[us]")
    keys = pd.MultiIndex.from_arrays([contacts["owner"], contacts["contact_id"]])
    aligned = values.reindex(keys)
    return pd.Series(aligned.to_numpy(), index=contacts.index, dtype=aligned.dtype)


def _mode(values: pd.Series) -> str:
    return values.value_counts().index[0]
