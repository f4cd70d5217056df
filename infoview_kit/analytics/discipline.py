"""Follow-up and thank-you habits (Dalton's 3B7 rule), and what kind of contact answered.

>>> from infoview_kit.analytics import example_log
>>> discipline_summary(example_log())["follow_up_adherence"]
1.0
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

from infoview_kit.analytics.analysis import (
    _DAY,
    KEY,
    Analysis,
    _busday_count,
    _busday_offset,
    _days,
    _first_after,
    _plain,
    _ratio,
    _row_codes,
    analyse,
)
from infoview_kit.errors import InfoviewError
from infoview_kit.model import OutreachLog

__all__ = [
    "CONTACT_TYPES",
    "FOLLOW_UP_TIMINGS",
    "contact_types",
    "discipline_summary",
    "follow_up_discipline",
    "thank_you_timing",
]

#: Labels of :func:`follow_up_discipline`'s ``timing`` column.
FOLLOW_UP_TIMINGS: tuple[str, ...] = (
    "early",
    "on time",
    "late",
    "missed",
    "answered first",
    "window open",
)

#: Labels of :func:`contact_types`.
CONTACT_TYPES: tuple[str, ...] = (
    "Booster",
    "Obligate",
    "Curmudgeon",
    "too early to tell",
    "not enough data",
)

_DISCIPLINE_COLUMNS = [
    "owner",
    "contact_id",
    "channel",
    "request_at",
    "follow_up_due",
    "followed_up",
    "follow_up_at",
    "business_days_to_follow_up",
    "timing",
    "on_time",
    "tried_second_contact",
    "replied",
    "replied_after_follow_up",
]


def _parse_rule(rule: str) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(\d+)\s*[Bb]\s*(\d+)\s*", str(rule))
    if not match or int(match[1]) >= int(match[2]):
        raise InfoviewError(
            f"rule must look like '3B7' (second person after 3 business days, follow-up after 7), "
            f"not {rule!r}."
        )
    return int(match[1]), int(match[2])


def follow_up_discipline(
    log: OutreachLog | Analysis,
    *,
    rule: str = "3B7",
    grace_days: int = 3,
    as_of: Any = None,
) -> pd.DataFrame:
    """Did unanswered requests get one timely follow-up? (Dalton's 3B7 rule.)

    The rule ``"3B7"`` reads: if a contact has not replied after **3**
    business days, reach out to a second person at the same organisation;
    after **7** business days, follow up once with the first person. Business
    days are Monday to Friday (``numpy.busday_count``), counted from the
    request day.

    One row per request that had no reply within 7 business days, once 7
    business days have passed at ``as_of``. Requests with an unknown date,
    or replied at an unknown time, are left out. Columns:

    * ``owner``, ``contact_id``, ``channel``, ``request_at``, ``follow_up_due``
      (the day 7 business days after the request);
    * ``followed_up``, ``follow_up_at``, ``business_days_to_follow_up``;
    * ``timing``: ``"early"`` (follow-up before day 7), ``"on time"`` (day 7
      to 7 + ``grace_days``), ``"late"`` (after that), ``"missed"`` (no
      follow-up by the end of the window, and no reply by then either),
      ``"answered first"`` (the reply came within the window before any
      follow-up), ``"window open"`` (no follow-up yet, window not over);
    * ``on_time`` (timing is "on time");
    * ``tried_second_contact``: a request to another person at the same
      organisation between day 3 and day 7;
    * ``replied`` (by ``as_of``) and ``replied_after_follow_up``.

    >>> from infoview_kit.analytics import example_log
    >>> table = follow_up_discipline(example_log())
    >>> table[["contact_id", "business_days_to_follow_up", "timing"]].to_dict("records")
    [{'contact_id': 'b', 'business_days_to_follow_up': 8.0, 'timing': 'on time'}]
    """
    second_after, follow_after = _parse_rule(rule)
    analysis = analyse(log, as_of=as_of, what="follow_up_discipline")
    req, stamp = analysis.requests, analysis.as_of
    if stamp is None or req.empty:
        return _empty_discipline()
    today = np.datetime64(stamp, "D")
    reply_bd = _busday_count(req["request_at"], req["reply_at"])
    due = _busday_offset(req["request_at"], follow_after)
    keep = (
        req["request_at"].notna().to_numpy()
        & ~(req["replied"].to_numpy(dtype=bool) & req["reply_at"].isna().to_numpy())
        & ~(reply_bd <= follow_after)
        & (due <= today)
    )
    rows = req[keep].assign(follow_up_due=pd.to_datetime(due[keep]).astype("datetime64[us]"))
    rows = _second_contacts(rows, analysis, second_after=second_after, follow_after=follow_after)
    out = _judge_follow_ups(rows, today, follow_after=follow_after, grace_days=grace_days)
    return (
        out[_DISCIPLINE_COLUMNS]
        .sort_values(["owner", "request_at"], kind="stable")
        .reset_index(drop=True)
    )


def _judge_follow_ups(
    rows: pd.DataFrame, today: np.datetime64, *, follow_after: int, grace_days: int
) -> pd.DataFrame:
    """The follow-up columns (``timing``, ``on_time``...) of the requests that needed one."""
    fu_bd = _busday_count(rows["request_at"], rows["follow_up_at"])
    rep_bd = _busday_count(rows["request_at"], rows["reply_at"])
    window_end = follow_after + grace_days
    elapsed = _busday_count(rows["request_at"], np.full(len(rows), today))
    followed = rows["follow_up_at"].notna().to_numpy()
    replied = rows["replied"].to_numpy(dtype=bool)
    reply_first = (rows["reply_at"] < rows["follow_up_at"]).to_numpy()
    answered_first = replied & (rep_bd <= window_end) & (~followed | (followed & reply_first))
    timing = np.select(
        [
            answered_first,
            followed & (fu_bd < follow_after),
            followed & (fu_bd <= window_end),
            followed,
            elapsed <= window_end,
        ],
        ["answered first", "early", "on time", "late", "window open"],
        default="missed",
    )
    return rows.assign(
        followed_up=followed,
        business_days_to_follow_up=fu_bd,
        timing=pd.Categorical(timing, categories=FOLLOW_UP_TIMINGS),
        on_time=timing == "on time",
        replied_after_follow_up=followed
        & replied
        & (rows["reply_at"] >= rows["follow_up_at"]).to_numpy(),
    )


def _empty_discipline() -> pd.DataFrame:
    dtypes = {
        "request_at": "datetime64[us]",
        "follow_up_due": "datetime64[us]",
        "follow_up_at": "datetime64[us]",
        "business_days_to_follow_up": "float64",
        "followed_up": "bool",
        "on_time": "bool",
        "tried_second_contact": "bool",
        "replied": "bool",
        "replied_after_follow_up": "bool",
    }
    out = pd.DataFrame({c: pd.Series(dtype=dtypes.get(c, "str")) for c in _DISCIPLINE_COLUMNS})
    out["timing"] = pd.Categorical([], categories=FOLLOW_UP_TIMINGS)
    return out


def _workplaces(analysis: Analysis) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """For requests whose contact has an organisation: (pair code, workplace code, request day).

    The workplace code is equal for the same owner and organisation. None when
    no request's contact has an organisation.
    """
    contacts, req = analysis.log.contacts, analysis.requests
    codes = analysis.contact_codes
    with_org = np.flatnonzero(contacts["organization"].notna().to_numpy() & (codes >= 0))
    if not len(with_org):
        return None
    # integer codes instead of text merges: each pair's first row with an organisation
    first_codes, first_at = np.unique(codes[with_org], return_index=True)
    org_row = np.full(int(max(codes.max(), req["_k"].max())) + 1, -1, dtype=np.int64)
    org_row[first_codes] = with_org[first_at]
    where = org_row[req["_k"].to_numpy(dtype=np.int64)]
    found = where >= 0
    placed = pd.DataFrame(
        {
            "owner": req["owner"].array[found],
            "organization": contacts["organization"].array.take(where[found]),
        }
    )
    group = _row_codes(placed, cols=["owner", "organization"])[0]
    k = req["_k"].to_numpy(dtype=np.int64)[found]
    return k, group, _days(req["request_at"].to_numpy()[found])


def _second_contacts(
    rows: pd.DataFrame, analysis: Analysis, *, second_after: int, follow_after: int
) -> pd.DataFrame:
    """Flag rows where the owner wrote to another person at the same organisation in days 3-7."""
    places = None if rows.empty else _workplaces(analysis)
    if places is None:
        return rows.assign(tried_second_contact=False)
    k, group, day = places
    # every (request needing a follow-up, other request at the same place) pair, by position
    mine = np.flatnonzero(np.isin(k, rows["_k"].to_numpy(dtype=np.int64)))
    by_group = np.argsort(group, kind="stable")
    sorted_groups = group[by_group]
    first = np.searchsorted(sorted_groups, group[mine], side="left")
    count = np.searchsorted(sorted_groups, group[mine], side="right") - first
    left = np.repeat(mine, count)
    offset = np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count)
    right = by_group[np.repeat(first, count) + offset]
    other = k[right] != k[left]
    left, right = left[other], right[other]
    gap = _busday_count(day[left], day[right])
    hit = np.unique(k[left[(gap >= second_after) & (gap <= follow_after)]])
    return rows.assign(tried_second_contact=np.isin(rows["_k"].to_numpy(dtype=np.int64), hit))


def thank_you_timing(log: OutreachLog | Analysis, *, as_of: Any = None) -> pd.DataFrame:
    """For each dated meeting held: when the next thank-you went out.

    Columns ``owner``, ``contact_id``, ``meeting_at``, ``thank_you_at`` (first
    thank-you dated on or after the meeting day), ``days_to_thank_you``
    (calendar days, 0 = same day), ``within_day`` (same or next day),
    ``thanked`` and ``judged`` (False while the day after the meeting is not
    over at ``as_of`` and no thank-you was sent yet).

    A thank-you with no date (a tracker's "Thank-you sent: Y") counts as
    ``thanked`` for a meeting with no dated thank-you after it, but its timing
    is unknown: it is not ``judged``, so it neither helps nor hurts the
    within-a-day rate.

    >>> from infoview_kit.analytics import example_log
    >>> timing = thank_you_timing(example_log())
    >>> timing[["contact_id", "days_to_thank_you", "within_day"]].to_dict("list")
    {'contact_id': ['a', 'c'], 'days_to_thank_you': [0.0, 1.0], 'within_day': [True, True]}
    """
    analysis = analyse(log, as_of=as_of, what="thank_you_timing")
    ev, stamp = analysis.events, analysis.as_of
    merged = _next_thanks(ev)
    days = ((merged["thank_you_at"].dt.normalize() - merged["_day"]) / _DAY).to_numpy(dtype=float)
    within = days <= 1
    closed = (
        np.full(len(merged), False)
        if stamp is None
        else (merged["_day"] + 2 * _DAY <= stamp).to_numpy()
    )
    undated = ev.loc[(ev["at"].isna() & (ev["kind"] == "thank_you_sent")).to_numpy(), "_k"]
    dated_thanks = merged["thank_you_at"].notna().to_numpy()
    thanked_undated = ~dated_thanks & merged["_k"].isin(undated).to_numpy()
    out = merged.rename(columns={"at": "meeting_at"}).assign(
        days_to_thank_you=days,
        within_day=within,
        thanked=dated_thanks | thanked_undated,
        judged=within | (closed & ~thanked_undated),
    )
    cols = [*KEY, "meeting_at", "thank_you_at", "days_to_thank_you", "within_day"]
    cols += ["thanked", "judged"]
    return out[cols].sort_values(["owner", "meeting_at"], kind="stable").reset_index(drop=True)


def _next_thanks(ev: pd.DataFrame) -> pd.DataFrame:
    """Each dated meeting held with ``_day`` and the first dated thank-you on or after that day."""
    dated = ev[ev["at"].notna().to_numpy()]
    meetings = dated.loc[(dated["kind"] == "meeting_held").to_numpy(), [*KEY, "_k", "at"]]
    thanks = dated.loc[(dated["kind"] == "thank_you_sent").to_numpy(), ["_k", "at"]]
    meetings = meetings.assign(_day=meetings["at"].dt.normalize()).sort_values(
        "_day", kind="stable"
    )
    thanks = thanks.assign(_day=thanks["at"].dt.normalize(), thank_you_at=thanks["at"]).sort_values(
        "_day", kind="stable"
    )
    return pd.merge_asof(
        meetings, thanks[["_k", "_day", "thank_you_at"]], on="_day", by="_k", direction="forward"
    )


def discipline_summary(
    log: OutreachLog | Analysis, *, rule: str = "3B7", grace_days: int = 3, as_of: Any = None
) -> dict[str, Any]:
    """Follow-up and thank-you habits in a few numbers (JSON-ready).

    * ``follow_up_adherence``: on-time follow-ups / requests that needed one
      and whose outcome is settled (timing early, on time, late or missed;
      "answered first" and "window open" are left out). None when nothing
      is settled yet.
    * ``thank_you_within_day_rate``: meetings thanked on the same or the next
      day / meetings judged (see :func:`thank_you_timing`).
    * the counts behind both, ``second_contact_rate`` (the "3B" part) and
      ``replies_after_follow_up``.

    >>> from infoview_kit.analytics import example_log
    >>> summary = discipline_summary(example_log())
    >>> summary["follow_up_adherence"], summary["thank_you_within_day_rate"]
    (1.0, 1.0)
    """
    analysis = analyse(log, as_of=as_of, what="discipline_summary")
    table = follow_up_discipline(analysis, rule=rule, grace_days=grace_days)
    thanks = thank_you_timing(analysis)
    settled = table["timing"].isin(["early", "on time", "late", "missed"]).to_numpy()
    judged = thanks["judged"].to_numpy(dtype=bool)
    within = thanks["within_day"].to_numpy(dtype=bool)[judged].sum()
    return {
        "rule": rule,
        "requests_needing_follow_up": len(table),
        "followed_up": int(table["followed_up"].sum()),
        "on_time": int(table["on_time"].sum()),
        "settled": int(settled.sum()),
        "follow_up_adherence": _plain(_ratio(table["on_time"].sum(), settled.sum())),
        "second_contact_rate": _plain(_ratio(table["tried_second_contact"].sum(), len(table))),
        "replies_after_follow_up": int(table["replied_after_follow_up"].sum()),
        "meetings_judged": int(judged.sum()),
        "thanked_within_day": int(within),
        "thank_you_within_day_rate": _plain(_ratio(within, judged.sum())),
    }


def contact_types(log: OutreachLog | Analysis, *, as_of: Any = None) -> pd.DataFrame:
    """Sort the people you wrote to into Dalton's Boosters, Obligates and Curmudgeons.

    This is for your own reflection only (who answered gladly, who needed a
    nudge); it is a rough reading of a few dates, not a judgement of anyone,
    and is never meant to be shared. The rule, per request:

    * **Booster**: replied within 3 business days, before any follow-up, not
      with a decline, and a meeting was then scheduled or held.
    * **Curmudgeon**: declined, or no reply at all after 15 business days
      (the 7-day follow-up point plus about two working weeks).
    * **Obligate**: any other reply: slower than 3 business days, only after
      a follow-up, or quick but with no meeting after 5 business days.
    * **too early to tell**: no reply yet but fewer than 15 business days
      have passed, or a quick reply less than 5 business days ago with no
      meeting yet.
    * **not enough data**: the request or reply date is unknown.

    Columns: ``owner``, ``contact_id``, ``name``, ``organization``, ``field``,
    ``business_days_to_reply``, ``nudged_before_reply``, ``declined``,
    ``met``, ``type`` (categorical in the order above).

    >>> from infoview_kit.analytics import example_log
    >>> types = contact_types(example_log())
    >>> dict(zip(types["contact_id"], types["type"]))
    {'a': 'Booster', 'b': 'Curmudgeon', 'c': 'Booster', 'd': 'not enough data'}
    """
    analysis = analyse(log, as_of=as_of, what="contact_types")
    ev, req, stamp = analysis.events, analysis.requests, analysis.as_of
    req = _first_after(
        req, ev, ("meeting_scheduled", "meeting_held"), ref="request_at", name="meeting"
    )
    req = _first_after(req, ev, ("declined",), ref="request_at", name="decline")
    facts = _reply_facts(req, stamp)
    people = analysis.log.contacts[[*KEY, "name", "organization", "field"]].drop_duplicates(KEY)
    out = req[KEY].assign(**facts).merge(people, on=KEY, how="left")
    cols = [*KEY, "name", "organization", "field", "business_days_to_reply"]
    cols += ["nudged_before_reply", "declined", "met", "type"]
    return out[cols].sort_values(KEY, kind="stable").reset_index(drop=True)


def _reply_facts(req: pd.DataFrame, stamp: pd.Timestamp | None) -> dict[str, Any]:
    """The columns :func:`contact_types` reads each request by, and its ``type``."""
    today = np.full(
        len(req), np.datetime64(stamp, "D") if stamp is not None else np.datetime64("NaT", "D")
    )
    reply_bd = _busday_count(req["request_at"], req["reply_at"])
    waited_bd = _busday_count(req["request_at"], today)
    since_reply_bd = _busday_count(req["reply_at"], today)
    replied = req["replied"].to_numpy(dtype=bool)
    nudged = replied & (req["follow_up_at"] < req["reply_at"]).to_numpy()
    declined = req["has_decline"].to_numpy(dtype=bool)
    met = req["has_meeting"].to_numpy(dtype=bool)
    unknown = req["request_at"].isna().to_numpy() | (replied & req["reply_at"].isna().to_numpy())
    quick = replied & (reply_bd <= 3) & ~nudged & ~declined
    kind = np.select(
        [
            declined,
            unknown,
            quick & met,
            quick & ~met & (since_reply_bd < 5),
            replied,
            waited_bd >= 15,
        ],
        ["Curmudgeon", "not enough data", "Booster", "too early to tell", "Obligate", "Curmudgeon"],
        default="too early to tell",
    )
    return {
        "business_days_to_reply": reply_bd,
        "nudged_before_reply": nudged,
        "declined": declined,
        "met": met,
        "type": pd.Categorical(kind, categories=CONTACT_TYPES),
    }
