"""What to do next, and when: follow-ups, thank-yous, updates, meeting outcomes.

:func:`due_list` reads an outreach log and lists the open actions with a due
date. It is a pure function; ``infoview_kit.calendar`` (or a notebook) turns
the table into calendar entries, so the column names are a contract:
``owner, contact_id, name, action, due_on, reason``.

>>> from infoview_kit.analytics import example_log
>>> due_list(example_log(), today="2025-03-24")[["contact_id", "action"]].to_dict("list")
{'contact_id': ['b'], 'action': ['try someone else']}
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from infoview_kit.analytics.analysis import KEY, Analysis, _busday_offset, analyse
from infoview_kit.errors import InfoviewError
from infoview_kit.model import OutreachLog
from infoview_kit.schema import as_timestamp

#: Columns of :func:`due_list` (a calendar export depends on them).
DUE_COLUMNS: tuple[str, ...] = ("owner", "contact_id", "name", "action", "due_on", "reason")

#: Actions :func:`due_list` can suggest, in the order they tend to arise.
ACTIONS: tuple[str, ...] = (
    "follow up",
    "try someone else",
    "log meeting outcome",
    "send thank-you",
    "write to",
    "send update",
)

#: Business days to wait for a reply before one follow-up (Dalton's 3B7).
FOLLOW_UP_AFTER_BUSINESS_DAYS = 7
#: Days after which a missed follow-up or thank-you is dropped (too late to help).
STALE_AFTER_DAYS = 30
#: Days to allow for an arranged meeting to take place before asking how it went.
MEETING_OUTCOME_AFTER_DAYS = 14
#: Days to write to someone you were given a name for (while the introduction is fresh).
WRITE_TO_AFTER_DAYS = 2
#: Days after which an unused name is no longer listed (the introduction has gone cold).
WRITE_TO_STALE_DAYS = 60
#: Days of silence after a meeting before an update is due (about three months).
UPDATE_AFTER_DAYS = 91

_DAY = pd.Timedelta(days=1)


def _on(dates: pd.Series) -> pd.Series:
    """'Mon 03 Mar 2025' (dates of the owner's own log, shown back to them)."""
    days = dates.dt.normalize()
    unique = days.dropna().unique()
    words = dict(zip(unique, pd.DatetimeIndex(unique).strftime("%a %d %b %Y"), strict=True))
    return days.map(words)


def _items(
    frame: pd.DataFrame, action: str, due: Any, said: pd.Series, before: str, after: str
) -> pd.DataFrame:
    """Action rows; the reason is ``before + said date + after``, written once the list is cut."""
    return pd.DataFrame(
        {
            "owner": frame["owner"].to_numpy(),
            "contact_id": frame["contact_id"].to_numpy(),
            "_k": _column(frame, "_k"),  # the pair code (people in the events)
            "_row": _column(frame, "_row"),  # else the contacts row (people not written to)
            "action": action,
            "due_on": pd.to_datetime(np.asarray(due, dtype="datetime64[D]")).astype(
                "datetime64[us]"
            ),
            "_said": pd.to_datetime(np.asarray(said, dtype="datetime64[D]")).astype(
                "datetime64[us]"
            ),
            "_before": before,
            "_after": after,
        }
    )


def _column(frame: pd.DataFrame, name: str) -> np.ndarray:
    """An integer column of ``frame``, or -1 for every row when it has none."""
    if name in frame:
        return frame[name].to_numpy(dtype=np.int64)
    return np.full(len(frame), -1, dtype=np.int64)


def _last_of(ev: pd.DataFrame, kind: str) -> pd.DataFrame:
    """Latest dated event of ``kind`` per contact: ``_k``, owner, contact_id, ``at``."""
    sub = ev[(ev["kind"] == kind).to_numpy() & ev["at"].notna().to_numpy()]
    return sub.sort_values(["_k", "at"], kind="stable").drop_duplicates("_k", keep="last")[
        ["_k", *KEY, "at"]
    ]


def _without_later(
    base: pd.DataFrame, ev: pd.DataFrame, kinds: tuple[str, ...], *, by_day: bool
) -> pd.DataFrame:
    """Rows of ``base`` with no event of ``kinds`` on or after ``base.at`` (undated ones count)."""
    later = ev.loc[ev["kind"].isin(kinds).to_numpy(), ["_k", "at"]].rename(columns={"at": "_later"})
    pairs = base[["_k", "at"]].merge(later, on="_k")
    start = pairs["at"].dt.normalize() if by_day else pairs["at"]
    done = pairs.loc[(pairs["_later"].isna() | (pairs["_later"] >= start)).to_numpy(), "_k"]
    return base[~base["_k"].isin(done).to_numpy()]


def due_list(log: OutreachLog | Analysis, *, today: Any, horizon_days: int = 14) -> pd.DataFrame:
    """Open actions, due on or before ``today + horizon_days``, sorted by due date.

    Only events up to the end of ``today`` are read. The actions:

    * **follow up**: a request with no reply and no follow-up yet; due 7
      business days after the request (Dalton's 3B7).
    * **try someone else**: one follow-up already went unanswered; due 7
      business days after it. A third message to the same person rarely
      helps, so none is ever suggested: write to another person instead.
    * **log meeting outcome**: the latest ``meeting_scheduled`` has no
      ``meeting_held`` or ``meeting_cancelled`` on or after it; due 14 days
      after it was arranged (meetings are usually set within two weeks).
    * **send thank-you**: the latest meeting held has no thank-you dated on or
      after its day; due the day after the meeting.
    * **write to**: someone suggested this person (``referred_by``) and
      nothing is logged with them yet; due two days after they were added,
      listed for 60 days.
    * **send update**: a meeting was held and nothing has been logged with the
      person for about three months (91 days) since the latest event on or
      after that meeting; due then.

    A follow-up or thank-you more than 30 days overdue is dropped: by then it
    would do more harm than good. Any reply (a decline included) ends the
    follow-up reminders. Undated events never trigger an action.

    Returns ``owner``, ``contact_id``, ``name``, ``action``, ``due_on``
    (a date) and ``reason`` (one sentence for the owner).

    >>> from infoview_kit.analytics import example_log
    >>> table = due_list(example_log(), today="2025-06-11")
    >>> table[["contact_id", "action"]].to_dict("list")
    {'contact_id': ['a', 'c'], 'action': ['send update', 'send update']}
    >>> table["due_on"].dt.strftime("%Y-%m-%d").tolist()
    ['2025-06-11', '2025-06-19']
    """
    day = as_timestamp(today, what="today's date")
    if day is None:
        raise InfoviewError("due_list needs today's date, for example today='2025-06-30'.")
    day = day.normalize()
    end_of_day = day + _DAY - pd.Timedelta(microseconds=1)
    analysis = analyse(log, as_of=end_of_day, what="due_list")
    ev, req = analysis.events, analysis.requests
    parts = [
        _follow_ups(req, day),
        _meeting_items(ev, day),
        _introductions(analysis.log.contacts, ev, day),
    ]
    items = (
        pd.concat([p for p in parts if len(p)], ignore_index=True)
        if any(len(p) for p in parts)
        else None
    )
    if items is None:
        return _empty()
    items = items[(items["due_on"] <= day + horizon_days * _DAY).to_numpy()]
    names = _names(analysis, items["_k"].to_numpy(), items["_row"].to_numpy())
    items = items.assign(reason=_reasons(items), name=names)
    items["action"] = pd.Categorical(items["action"], categories=ACTIONS)
    items = items.sort_values(["due_on", "action", "owner", "contact_id"], kind="stable")
    items["action"] = items["action"].astype("str")
    return items[list(DUE_COLUMNS)].reset_index(drop=True)


def _reasons(items: pd.DataFrame) -> list[str]:
    """``before + date + after`` of each item (plain lists: quicker than text columns)."""
    said = _on(items["_said"]).tolist()
    parts = zip(items["_before"].tolist(), said, items["_after"].tolist(), strict=True)
    return [f"{before}{on}{after}" for before, on, after in parts]


def _names(
    analysis: Analysis, codes: np.ndarray, rows: np.ndarray
) -> pd.api.extensions.ExtensionArray:
    """The name of each person: by pair code (first contact row of the pair), else by
    contacts row; missing when neither is known."""
    contacts = analysis.log.contacts
    contact_code = analysis.contact_codes
    size = int(max(contact_code.max(initial=-1), codes.max(initial=-1))) + 1
    row = np.full(size + 1, -1, dtype=np.int64)  # the last slot takes the code -1
    has = np.flatnonzero(contact_code >= 0)[::-1]  # reversed: the first row of a pair wins
    row[contact_code[has]] = has
    return contacts["name"].array.take(np.where(codes >= 0, row[codes], rows), allow_fill=True)


def _empty() -> pd.DataFrame:
    return pd.DataFrame(
        {c: pd.Series(dtype="datetime64[us]" if c == "due_on" else "str") for c in DUE_COLUMNS}
    )


def _follow_ups(req: pd.DataFrame, day: pd.Timestamp) -> pd.DataFrame:
    waiting = req[~req["replied"].to_numpy(dtype=bool) & req["request_at"].notna().to_numpy()]
    stale = day - STALE_AFTER_DAYS * _DAY
    first = waiting[(waiting["n_follow_ups"] == 0).to_numpy()]
    due = _busday_offset(first["request_at"], FOLLOW_UP_AFTER_BUSINESS_DAYS)
    nudge = _items(
        first,
        "follow up",
        due,
        first["request_at"],
        "No reply yet to your request of ",
        ": one short, friendly follow-up is fine now.",
    )
    second = waiting[
        (waiting["n_follow_ups"] == 1).to_numpy() & waiting["follow_up_at"].notna().to_numpy()
    ]
    due = _busday_offset(second["follow_up_at"], FOLLOW_UP_AFTER_BUSINESS_DAYS)
    other = _items(
        second,
        "try someone else",
        due,
        second["follow_up_at"],
        "No reply to your request or to your follow-up of ",
        ": leave it there and ask another person in the same field or organisation.",
    )
    out = pd.concat([nudge, other], ignore_index=True)
    return out[(out["due_on"] >= stale).to_numpy()]


def _meeting_items(ev: pd.DataFrame, day: pd.Timestamp) -> pd.DataFrame:
    stale = day - STALE_AFTER_DAYS * _DAY
    scheduled = _without_later(
        _last_of(ev, "meeting_scheduled"), ev, ("meeting_held", "meeting_cancelled"), by_day=False
    )
    outcome = _items(
        scheduled,
        "log meeting outcome",
        scheduled["at"].dt.normalize() + MEETING_OUTCOME_AFTER_DAYS * _DAY,
        scheduled["at"],
        "You arranged a meeting on ",
        ": note whether it took place (and what you learned) or was cancelled.",
    )
    held = _last_of(ev, "meeting_held")
    unthanked = _without_later(held, ev, ("thank_you_sent",), by_day=True)
    thank = _items(
        unthanked,
        "send thank-you",
        unthanked["at"].dt.normalize() + _DAY,
        unthanked["at"],
        "You met on ",
        ": a short thank-you that names one thing you learned.",
    )
    thank = thank[(thank["due_on"] >= stale).to_numpy()]
    dated = ev[ev["at"].notna().to_numpy()]
    touches = (
        dated[["_k", "at"]].rename(columns={"at": "_touch"}).merge(held[["_k", "at"]], on="_k")
    )
    touches = touches[(touches["_touch"] >= touches["at"]).to_numpy()]
    last = touches.groupby("_k")["_touch"].max().rename("_last").reset_index()
    quiet = held.merge(last, on="_k")
    update = _items(
        quiet,
        "send update",
        quiet["_last"].dt.normalize() + UPDATE_AFTER_DAYS * _DAY,
        quiet["_last"],
        "Last in touch on ",
        ": tell them how their advice helped, or share something that would interest them.",
    )
    return pd.concat([outcome, thank, update], ignore_index=True)


def _introductions(contacts: pd.DataFrame, ev: pd.DataFrame, day: pd.Timestamp) -> pd.DataFrame:
    """People someone suggested to you, added on or before ``day``, whom you never wrote to."""
    if "referred_by" not in contacts or "added_on" not in contacts:
        return _items(contacts.iloc[:0], "write to", [], [], "", "")
    given = contacts.assign(_row=np.arange(len(contacts)))[
        contacts["referred_by"].notna().to_numpy()
        & contacts["added_on"].notna().to_numpy()
        & (contacts["added_on"] < day + _DAY).to_numpy()
        & (contacts["added_on"] >= day - WRITE_TO_STALE_DAYS * _DAY).to_numpy()
    ]
    touched = ev[list(KEY)].drop_duplicates()
    fresh = given.merge(touched, on=list(KEY), how="left", indicator=True)
    fresh = fresh[(fresh["_merge"] == "left_only").to_numpy()]
    names = contacts[[*KEY, "name"]].drop_duplicates(list(KEY))
    names = names.rename(columns={"contact_id": "referred_by", "name": "_by"})
    fresh = fresh.merge(names, on=["owner", "referred_by"], how="left")
    by = fresh["_by"].astype("object").where(fresh["_by"].notna(), "someone you met")
    items = _items(
        fresh,
        "write to",
        fresh["added_on"].dt.normalize() + WRITE_TO_AFTER_DAYS * _DAY,
        fresh["added_on"],
        "A name you were given on ",
        "",
    )
    items["_after"] = (
        ": write to them while the introduction is fresh, and say that "
        + by.astype(str).to_numpy()
        + " suggested it."
    )
    return items
