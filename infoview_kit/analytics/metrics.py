"""Figures about an outreach log: reply rates, time to reply, funnel, follow-up habits, growth.

Every function here is pure: an :class:`~infoview_kit.model.OutreachLog` (or, where
the contacts table is not needed, a plain events DataFrame) goes in, a DataFrame
or a plain dict comes out. Nothing is read, written or displayed, inputs are
never changed, and the work is done with groupby / merge on whole columns, so a
cohort archive of millions of events is fine.

Definitions used throughout
---------------------------
* A **request** is the first outreach event (``request_sent``,
  ``follow_up_sent`` or ``voicemail_left``) of an owner to a contact, one per
  ``(owner, contact_id)``. Its channel and date are the request's.
* **Follow-ups** are the later outreach events to the same contact.
* A **reply** is the first event in ``schema.REPLY_KINDS`` (a reply, a decline,
  a meeting scheduled or held) dated at or after the request. A reply whose
  date is unknown (``at`` is NaT: a tracker said "replied: yes" without a
  date) counts as a reply, but is left out of every time-to-reply figure;
  those requests are counted in an ``unknown_time`` column instead.
* ``as_of`` is the moment the log is looked at: events after it are ignored,
  and a request without a reply is *censored* there (it may still be
  answered). By default it is the latest event time in the log.
* Events without a ``contact_id`` are ignored.
* Group labels that are missing in the data are shown as ``"not recorded"``.

>>> log = _demo_log()
>>> response_rates(log)[["requests", "replied", "rate"]].to_dict("records")
[{'requests': 4, 'replied': 3, 'rate': 0.75}]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from infoview_kit.errors import InfoviewError
from infoview_kit.model import OutreachLog
from infoview_kit.schema import CONNECTIONS, OUTREACH_KINDS, REPLY_KINDS

KEY = ["owner", "contact_id"]

#: Label given to a missing group value (no channel, no field recorded...).
NOT_RECORDED = "not recorded"

#: The stages of :func:`funnel`, in order.
FUNNEL_STAGES: tuple[str, ...] = ("contacted", "replied", "met", "thanked", "referred")

#: Horizons (days) reported by :func:`time_to_first_reply`.
REPLY_HORIZONS: tuple[int, ...] = (3, 7, 14, 30)

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

_DAY = pd.Timedelta(days=1)
_Z95 = 1.959963984540054


# --------------------------------------------------------------------------- input


def _demo_log() -> OutreachLog:
    """A four-request log used by the docstring examples (synthetic people)."""
    contacts = pd.DataFrame(
        {
            "owner": "me",
            "contact_id": ["a", "b", "c", "d", "e"],
            "name": ["Ada Example", "Bo Sample", "Cy Placeholder", "Di Test", "Ed Referral"],
            "organization": ["Acme", "Acme", "Globex", "Initech", "Globex"],
            "field": ["design", "design", "data", "data", "data"],
            "connection": ["alumni", "cold", "referral", "alumni", "referral"],
            "referred_by": [None, None, None, None, "c"],
            "added_on": pd.to_datetime(["2025-03-01"] * 4 + ["2025-03-20"]),
        }
    )
    rows = [
        ("a", "2025-03-03", "request_sent", "email"),
        ("a", "2025-03-04", "reply_received", "email"),
        ("a", "2025-03-12", "meeting_held", "video"),
        ("a", "2025-03-12", "thank_you_sent", "email"),
        ("b", "2025-03-03", "request_sent", "linkedin"),
        ("b", "2025-03-13", "follow_up_sent", "linkedin"),
        ("c", "2025-03-05", "request_sent", "email"),
        ("c", "2025-03-10", "reply_received", "email"),
        ("c", "2025-03-19", "meeting_held", "in_person"),
        ("c", "2025-03-20", "thank_you_sent", "email"),
        ("d", "2025-03-06", "request_sent", "email"),
        ("d", None, "reply_received", "email"),
        ("e", "2025-03-24", "note", None),
    ]
    events = pd.DataFrame(rows, columns=["contact_id", "at", "kind", "channel"])
    events.insert(0, "owner", "me")
    events["at"] = pd.to_datetime(events["at"])
    return OutreachLog(contacts=contacts, events=events)


def _as_log(data: OutreachLog | pd.DataFrame, *, what: str = "This figure") -> OutreachLog:
    """An OutreachLog from a log or a plain events table (conformed copy)."""
    if isinstance(data, OutreachLog):
        return data
    if isinstance(data, pd.DataFrame):
        missing = [c for c in ("contact_id", "at", "kind") if c not in data.columns]
        if missing:
            raise InfoviewError(
                f"{what} needs an events table with the columns contact_id, at and kind; "
                f"missing: {', '.join(missing)}."
            )
        return OutreachLog(events=data)
    raise InfoviewError(
        f"{what} needs an OutreachLog or an events DataFrame, not {type(data).__name__}."
    )


def _timestamp(value: Any, *, name: str = "as_of") -> pd.Timestamp | None:
    """``value`` as a tz-naive Timestamp (UTC for aware input), None when not given."""
    if value is None:
        return None
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError):
        raise InfoviewError(f"{name} must be a date such as 2025-06-30, not {value!r}.") from None
    if pd.isna(stamp):
        return None
    if stamp.tzinfo is not None:
        stamp = stamp.tz_convert("UTC").tz_localize(None)
    return stamp


def _resolve_as_of(log: OutreachLog, as_of: Any) -> pd.Timestamp | None:
    stamp = _timestamp(as_of)
    if stamp is not None:
        return stamp
    latest = log.events["at"].max() if len(log.events) else pd.NaT
    return None if pd.isna(latest) else pd.Timestamp(latest)


def _events(log: OutreachLog, as_of: pd.Timestamp | None) -> pd.DataFrame:
    """Events with a contact id, up to ``as_of`` (undated ones kept), plus ``_k`` = pair code."""
    ev = log.events
    keep = ev["contact_id"].notna().to_numpy()
    if as_of is not None:
        keep = keep & ~(ev["at"] > as_of).to_numpy()
    ev = ev[keep]
    codes = ev.groupby(KEY, dropna=False, sort=False, observed=True).ngroup()
    return ev.assign(_k=codes.to_numpy())


def _days(values: pd.Series | np.ndarray) -> np.ndarray:
    """Calendar days (``datetime64[D]``, NaT kept)."""
    return np.asarray(values, dtype="datetime64[us]").astype("datetime64[D]")


def _busday_count(start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """``numpy.busday_count`` (Mon-Fri) that gives NaN where a date is missing."""
    start, end = _days(start), _days(end)
    ok = ~(np.isnat(start) | np.isnat(end))
    out = np.full(start.shape, np.nan)
    if ok.any():
        out[ok] = np.busday_count(start[ok], end[ok])
    return out


def _busday_offset(start: np.ndarray, days: int) -> np.ndarray:
    """``start`` + ``days`` business days (a weekend start rolls to Monday), NaT kept."""
    start = _days(start)
    out = np.full(start.shape, np.datetime64("NaT", "D"))
    ok = ~np.isnat(start)
    if ok.any():
        out[ok] = np.busday_offset(start[ok], days, roll="forward")
    return out


# --------------------------------------------------------------------- request table


def _first_after(
    base: pd.DataFrame, ev: pd.DataFrame, kinds: Iterable[str], ref: str, name: str
) -> pd.DataFrame:
    """Add ``{name}_at`` and ``has_{name}``: the first event of ``kinds`` at or after ``base[ref]``.

    An undated event, or a missing ``ref``, always qualifies; a dated event
    wins over an undated one (so ``{name}_at`` is NaT only when the time is unknown).
    """
    # Integer positions instead of merges: ``_k`` codes are small non-negative ints and
    # ``base`` has at most one row per code, so a lookup array replaces both joins.
    sub = ev[ev["kind"].isin(list(kinds)).to_numpy()]
    codes = sub["_k"].to_numpy(dtype=np.int64)
    base_codes = base["_k"].to_numpy(dtype=np.int64)
    size = int(max(codes.max(initial=-1), base_codes.max(initial=-1))) + 1
    row = np.full(size, -1, dtype=np.int64)  # base row of each code
    row[base_codes] = np.arange(len(base))
    at = np.asarray(sub["at"].to_numpy(), dtype="datetime64[us]")
    ref_at = np.asarray(base[ref].to_numpy(), dtype="datetime64[us]")
    mine = row[codes]
    inside = mine >= 0
    ref_of = np.full(len(sub), np.datetime64("NaT", "us"))
    ref_of[inside] = ref_at[mine[inside]]
    ok = inside & (np.isnat(at) | np.isnat(ref_of) | (at >= ref_of))
    picked = np.flatnonzero(ok)
    # first by (code, time), undated last, ties in event order (lexsort is stable)
    order = picked[np.lexsort((at[picked], np.isnat(at[picked]), codes[picked]))]
    lead = np.ones(len(order), dtype=bool)
    lead[1:] = codes[order][1:] != codes[order][:-1]
    first = order[lead]
    take = np.full(len(base), -1, dtype=np.int64)  # event (position in sub) per base row
    take[row[codes[first]]] = first
    out = base.reset_index(drop=True)
    found = take >= 0
    return out.assign(
        **{
            f"{name}_at": sub["at"].array.take(take, allow_fill=True),
            f"{name}_kind": sub["kind"].array.take(take, allow_fill=True),
            f"has_{name}": found,
        }
    )


def _requests(ev: pd.DataFrame) -> pd.DataFrame:
    """One row per request: its event columns plus reply and follow-up facts.

    Columns added: ``request_at``, ``n_follow_ups``,
    ``follow_up_at`` (first), ``last_outreach_at``, ``reply_at``, ``reply_kind``,
    ``replied``, ``days_to_reply`` (NaN when unknown or no reply).
    """
    # positions, not groupby/merge: sort the outreach by (pair, time, undated last)
    pos = np.flatnonzero(ev["kind"].isin(OUTREACH_KINDS).to_numpy())
    codes = ev["_k"].to_numpy(dtype=np.int64)[pos]
    at = np.asarray(ev["at"].to_numpy(), dtype="datetime64[us]")[pos]
    undated = np.isnat(at)
    order = np.lexsort((at, undated, codes))  # stable: ties keep the log's order
    sorted_codes = codes[order]
    lead = np.ones(len(order), dtype=bool)
    lead[1:] = sorted_codes[1:] != sorted_codes[:-1]
    starts = np.flatnonzero(lead)
    sizes = np.diff(np.append(starts, len(order)))
    dated = np.bincount(np.cumsum(lead) - 1, weights=~undated[order], minlength=len(starts))
    dated = dated.astype(np.int64)
    second = np.where(sizes > 1, pos[order[np.minimum(starts + 1, len(order) - 1)]], -1)
    last = np.where(dated > 0, pos[order[starts + dated - 1]], -1)  # latest dated outreach
    times = ev["at"].array
    req = (
        ev.iloc[pos[order[starts]]]
        .drop(columns="kind")
        .rename(columns={"at": "request_at"})
        .reset_index(drop=True)
        .assign(
            follow_up_at=times.take(second, allow_fill=True),
            last_outreach_at=times.take(last, allow_fill=True),
            n_follow_ups=sizes - 1,
        )
    )
    req = _first_after(req, ev, REPLY_KINDS, "request_at", "reply")
    req["replied"] = req.pop("has_reply")
    req["days_to_reply"] = (req["reply_at"] - req["request_at"]) / _DAY
    return req.reset_index(drop=True)


_MEMO: ContextVar[dict | None] = ContextVar("infoview_metrics_memo", default=None)


@contextmanager
def _reuse(memo: dict | None = None) -> Iterator[None]:
    """Inside this block, figures on the same log and ``as_of`` share one request table.

    Used by :func:`summary_figures` and the dashboard, which ask several
    questions of one log at once. Outside a block nothing is kept, unless
    the caller passes its own ``memo`` dict to enter again later (the
    dashboard keeps one per filtered log, so a tab opened later reuses it).
    """
    if memo is not None:
        token = _MEMO.set(memo)
    else:
        token = _MEMO.set({}) if _MEMO.get() is None else None
    try:
        yield
    finally:
        if token is not None:
            _MEMO.reset(token)


def _cut(log: OutreachLog, stamp: pd.Timestamp | None) -> pd.Timestamp | None:
    """``stamp``, or None when it cuts no event off (so both share one memo entry)."""
    if stamp is not None and len(log.events):
        latest = log.events["at"].max()
        if pd.isna(latest) or stamp >= latest:
            return None  # nothing to cut: share the table with "no as_of"
    return stamp


def _prepared(log: OutreachLog, stamp: pd.Timestamp | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(events up to stamp, request table)``; shared inside a :func:`_reuse` block.

    Callers never modify the returned frames (they ``assign`` / ``merge``).
    """
    stamp = _cut(log, stamp)
    memo = _MEMO.get()
    key = (id(log), stamp)
    if memo is not None and key in memo:
        return memo[key][1:]
    ev = _events(log, stamp)
    req = _requests(ev)
    if memo is not None:
        memo[key] = (log, ev, req)  # holding the log keeps its id from being reused
    return ev, req


def _shared(key: tuple, keep: tuple, compute: Any) -> Any:
    """``compute()``, kept for reuse inside a :func:`_reuse` block under ``key``.

    ``keep`` holds the objects whose ids are in ``key``, so the ids stay theirs.
    """
    memo = _MEMO.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = (keep, compute())
    return memo[key][1]


def _row_codes(*frames: pd.DataFrame, cols: Sequence[str] = KEY) -> list[np.ndarray]:
    """One integer per row of each frame, equal exactly when the rows' ``cols`` are equal.

    Missing values match each other (as in ``merge``). Factorising each column
    once is cheaper than a merge or groupby on several text columns.
    """
    sizes = np.cumsum([0, *(len(f) for f in frames)])
    code = np.zeros(int(sizes[-1]), dtype=np.int64)
    for col in cols:
        values = pd.concat([f[col] for f in frames], ignore_index=True)
        part, uniques = pd.factorize(values)  # -1 for a missing value
        code = code * (len(uniques) + 1) + (part + 1)
    return np.split(code, sizes[1:-1])


def _lookup(values: np.ndarray, table: np.ndarray) -> np.ndarray:
    """Position of each of ``values`` in ``table`` (unique), -1 where absent."""
    return pd.Index(table).get_indexer(values)


def _columns(by: str | Sequence[str] | None) -> list[str]:
    if by is None:
        return []
    if isinstance(by, str):
        return [by]
    return list(by)


def _label_missing(values: pd.Series) -> pd.Series:
    """Missing group labels become ``"not recorded"`` (text and categorical columns only)."""
    if not values.isna().any():
        return values
    if isinstance(values.dtype, pd.CategoricalDtype):
        if NOT_RECORDED not in values.cat.categories:
            values = values.cat.add_categories([NOT_RECORDED])
        return values.fillna(NOT_RECORDED)
    if pd.api.types.is_string_dtype(values.dtype) or values.dtype == object:
        return values.fillna(NOT_RECORDED)
    return values


def _with_groups(req: pd.DataFrame, log: OutreachLog, cols: list[str]) -> pd.DataFrame:
    """Attach the grouping columns: request facts first, then contacts, then event columns."""
    derived = set(KEY) | {"channel", "month"}
    from_contacts = [c for c in cols if c not in derived and c in log.contacts.columns]
    unknown = [c for c in cols if c not in derived and c not in from_contacts and c not in req]
    if unknown:
        raise InfoviewError(
            f"Cannot group by {unknown[0]!r}: use channel, connection, field, month, owner, "
            "or a column of the contacts or events table."
        )
    if "month" in cols:
        req = req.assign(month=req["request_at"].dt.to_period("M").dt.strftime("%Y-%m"))
    if from_contacts:
        people = log.contacts[[*KEY, *from_contacts]].drop_duplicates(KEY)
        req = req.drop(columns=[c for c in from_contacts if c in req]).merge(
            people, on=KEY, how="left"
        )
    if cols:
        req = req.assign(**{c: _label_missing(req[c]) for c in cols})
    return req


def _grouped(frame: pd.DataFrame, cols: list[str]):
    if cols:
        return frame.groupby(cols, observed=True, dropna=False, sort=True)
    return frame.groupby(np.zeros(len(frame), dtype=np.int8), sort=False)


def _finish(table: pd.DataFrame, cols: list[str], defaults: dict[str, Any]) -> pd.DataFrame:
    """Group keys back as columns; one all-default row for an ungrouped empty input."""
    if cols:
        return table.reset_index()
    table = table.reset_index(drop=True)
    if table.empty:
        table = pd.DataFrame({k: [v] for k, v in defaults.items()})
    return table


def _wilson(count: np.ndarray, nobs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score 95% interval (NaN where there is nothing to count)."""
    from statsmodels.stats.proportion import proportion_confint

    count = np.asarray(count, dtype=float)
    nobs = np.asarray(nobs, dtype=float)
    low = np.full(nobs.shape, np.nan)
    high = np.full(nobs.shape, np.nan)
    ok = nobs > 0
    if ok.any():
        lo, hi = proportion_confint(count[ok], nobs[ok], alpha=0.05, method="wilson")
        low[ok] = np.clip(lo, 0, 1)
        high[ok] = np.clip(hi, 0, 1)
    return low, high


def _ratio(num: Any, den: Any) -> np.ndarray:
    num = np.asarray(num, dtype=float)
    den = np.asarray(den, dtype=float)
    out = np.full(np.broadcast(num, den).shape, np.nan)
    np.divide(num, den, out=out, where=den > 0)
    return out


# ----------------------------------------------------------------- response rates


def response_rates(
    log: OutreachLog | pd.DataFrame,
    *,
    by: str | Sequence[str] | None = None,
    within_days: float | None = None,
    as_of: Any = None,
) -> pd.DataFrame:
    """Share of requests that got a reply, per group, with a Wilson 95% interval.

    Parameters
    ----------
    log:
        An OutreachLog, or an events table when grouping needs no contact column.
    by:
        None (one row for everything), a column name or a list of them:
        ``"channel"`` (of the request), ``"month"`` (of the request, "YYYY-MM"),
        ``"owner"``, ``"connection"``, ``"field"``, or any other column of the
        contacts table or of the request's event.
    within_days:
        Count a reply only if it came within this many days of the request, and
        leave out requests younger than this at ``as_of`` (they have not had the
        time; they are counted in ``excluded_recent``). A reply with an unknown
        date still counts; requests with an unknown date are kept.
    as_of:
        The moment to look from (default: the latest event in the log). Events
        after it are ignored.

    Returns
    -------
    DataFrame with the group columns, then ``requests``, ``replied``, ``rate``
    (replied / requests, NaN when there are no requests), ``ci_low``,
    ``ci_high`` (Wilson score interval, statsmodels) and ``excluded_recent``.
    Only groups that occur are listed.

    >>> log = _demo_log()
    >>> response_rates(log, by="channel")[["channel", "requests", "replied"]].to_dict("list")
    {'channel': ['email', 'linkedin'], 'requests': [3, 1], 'replied': [3, 0]}
    >>> recent = response_rates(log, within_days=3)
    >>> recent[["requests", "replied", "excluded_recent"]].iloc[0].tolist()
    [4, 2, 0]
    """
    log = _as_log(log, what="response_rates")
    cols = _columns(by)
    stamp = _resolve_as_of(log, as_of)
    req = _with_groups(_prepared(log, stamp)[1], log, cols)
    counted = np.ones(len(req), dtype=bool)
    replied = req["replied"].to_numpy(dtype=bool)
    if within_days is not None:
        if stamp is not None:
            age = ((stamp - req["request_at"]) / _DAY).to_numpy(dtype=float)
            counted = ~(age < within_days)  # NaN age (undated request) is kept
        days = req["days_to_reply"].to_numpy(dtype=float)
        replied = replied & ~(days > within_days)  # unknown reply time still counts
    req = req.assign(_n=counted, _r=counted & replied, _x=~counted)
    table = _grouped(req, cols).agg(
        requests=("_n", "sum"), replied=("_r", "sum"), excluded_recent=("_x", "sum")
    )
    table = _finish(table, cols, {"requests": 0, "replied": 0, "excluded_recent": 0})
    table = table.astype({"requests": "int64", "replied": "int64", "excluded_recent": "int64"})
    low, high = _wilson(table["replied"], table["requests"])
    table = table.assign(rate=_ratio(table["replied"], table["requests"]), ci_low=low, ci_high=high)
    return table[[*cols, "requests", "replied", "rate", "ci_low", "ci_high", "excluded_recent"]]


# ------------------------------------------------------------ time to first reply


@dataclass(frozen=True)
class ReplyTimes:
    """Result of :func:`time_to_first_reply`.

    ``curves``: group columns, ``days`` (since the request), ``p_replied``
    (share of requests answered by then, 1 - Kaplan-Meier survival),
    ``ci_low``, ``ci_high`` (pointwise 95%, log-log Greenwood), ``at_risk``.
    Each curve starts at 0 days and ends at the longest follow-up.

    ``summary``: group columns, ``requests``, ``replied``, ``unknown_time``
    (requests left out because the request or reply date is unknown),
    ``median_days`` (NaN when fewer than half have replied), and
    ``p_within_{3,7,14,30}`` with ``_ci_low`` / ``_ci_high`` (NaN when no
    request has been watched that long).
    """

    curves: pd.DataFrame
    summary: pd.DataFrame
    by: tuple[str, ...]
    as_of: pd.Timestamp | None


def _loglog_ci(surv: np.ndarray, se: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pointwise 95% interval of a survival probability on the log(-log) scale."""
    surv = np.asarray(surv, dtype=float)
    low = surv.copy()
    high = surv.copy()
    inside = (surv > 0) & (surv < 1) & (se > 0)
    if inside.any():
        s = surv[inside]
        theta_se = se[inside] / (s * np.abs(np.log(s)))
        low[inside] = s ** np.exp(_Z95 * theta_se)
        high[inside] = s ** np.exp(-_Z95 * theta_se)
    return low, high


def _km_group(durations: np.ndarray, observed: np.ndarray) -> pd.DataFrame:
    """Kaplan-Meier curve of one group as days / p_replied / ci_low / ci_high / at_risk."""
    from statsmodels.duration.survfunc import SurvfuncRight

    n = len(durations)
    columns = ["days", "p_replied", "ci_low", "ci_high", "at_risk"]
    if n == 0:
        return pd.DataFrame({c: pd.Series(dtype=float) for c in columns})
    if observed.any():
        fit = SurvfuncRight(durations, observed.astype(float))
        times = np.asarray(fit.surv_times, dtype=float)
        surv = np.asarray(fit.surv_prob, dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            low, high = _loglog_ci(surv, np.nan_to_num(np.asarray(fit.surv_prob_se, dtype=float)))
        at_risk = np.asarray(fit.n_risk, dtype=float)
    else:
        times = surv = low = high = at_risk = np.array([], dtype=float)
    curve = pd.DataFrame(
        {
            "days": times,
            "p_replied": 1 - surv,
            "ci_low": 1 - high,
            "ci_high": 1 - low,
            "at_risk": at_risk,
        }
    )
    if not len(times) or times[0] > 0:
        start = pd.DataFrame(
            {
                "days": [0.0],
                "p_replied": [0.0],
                "ci_low": [0.0],
                "ci_high": [0.0],
                "at_risk": [float(n)],
            }
        )
        curve = pd.concat([start, curve], ignore_index=True)
    longest = float(durations.max())
    if longest > curve["days"].iloc[-1]:
        tail = curve.iloc[[-1]].assign(days=longest, at_risk=float((durations >= longest).sum()))
        curve = pd.concat([curve, tail], ignore_index=True)
    return curve


def _km_summary(
    curve: pd.DataFrame, durations: np.ndarray, observed: np.ndarray
) -> dict[str, float]:
    out: dict[str, float] = {}
    reached = curve.loc[curve["p_replied"] >= 0.5, "days"]
    out["median_days"] = float(reached.iloc[0]) if len(reached) else np.nan
    longest = float(durations.max()) if len(durations) else -np.inf
    final_p = float(curve["p_replied"].iloc[-1]) if len(curve) else np.nan
    for h in REPLY_HORIZONS:
        name = f"p_within_{h}"
        if not len(durations) or (h > longest and final_p < 1):
            out[name] = out[f"{name}_ci_low"] = out[f"{name}_ci_high"] = np.nan
            continue
        row = curve[curve["days"] <= h].iloc[-1]
        out[name] = float(row["p_replied"])
        out[f"{name}_ci_low"] = float(row["ci_low"])
        out[f"{name}_ci_high"] = float(row["ci_high"])
    return out


def time_to_first_reply(
    log: OutreachLog | pd.DataFrame,
    *,
    by: str | Sequence[str] | None = None,
    as_of: Any = None,
) -> ReplyTimes:
    """How long requests wait for a first reply (Kaplan-Meier, per group).

    The time of a request is the days from the request to its first reply.
    A request still unanswered at ``as_of`` is *censored* there: it counts as
    "no reply yet after this many days", not as "never". Same-day replies
    count as 0 days (or the fraction of a day, when times are known). Requests
    whose request or reply date is unknown are left out of the curves and
    counted in ``summary.unknown_time``. Fitted with statsmodels'
    ``SurvfuncRight``; the 95% bands are pointwise on the log(-log) scale.

    ``by`` and ``as_of`` work as in :func:`response_rates`. See
    :class:`ReplyTimes` for the columns.

    >>> times = time_to_first_reply(_demo_log())
    >>> times.summary[["requests", "replied", "unknown_time", "median_days"]].to_dict("records")
    [{'requests': 4, 'replied': 3, 'unknown_time': 1, 'median_days': 5.0}]
    """
    log = _as_log(log, what="time_to_first_reply")
    cols = _columns(by)
    stamp = _resolve_as_of(log, as_of)
    req = _with_groups(_prepared(log, stamp)[1], log, cols)
    replied = req["replied"].to_numpy(dtype=bool)
    known = req["request_at"].notna().to_numpy() & ~(replied & req["reply_at"].isna().to_numpy())
    waited = (
        ((stamp - req["request_at"]) / _DAY).to_numpy(dtype=float)
        if stamp is not None
        else np.full(len(req), np.nan)
    )
    durations = np.where(replied, req["days_to_reply"].to_numpy(dtype=float), waited)
    req = req.assign(_d=durations, _e=replied, _known=known)

    curves, rows = [], []
    for keys, group in _grouped(req, cols):
        labels = (
            dict(zip(cols, keys if isinstance(keys, tuple) else (keys,), strict=False))
            if cols
            else {}
        )
        fit = group[group["_known"].to_numpy()]
        d = fit["_d"].to_numpy(dtype=float)
        e = fit["_e"].to_numpy(dtype=bool)
        curve = _km_group(d, e)
        curves.append(curve.assign(**labels))
        rows.append(
            {
                **labels,
                "requests": len(group),
                "replied": int(group["_e"].sum()),
                "unknown_time": int((~group["_known"]).sum()),
                **_km_summary(curve, d, e),
            }
        )
    empty_curve = _km_group(np.array([]), np.array([], dtype=bool))
    curve_frame = (
        pd.concat(curves, ignore_index=True)
        if curves
        else empty_curve.assign(**{c: pd.Series(dtype="str") for c in cols})
    )
    summary_cols = ["requests", "replied", "unknown_time", "median_days"] + [
        f"p_within_{h}{s}" for h in REPLY_HORIZONS for s in ("", "_ci_low", "_ci_high")
    ]
    if rows:
        summary = pd.DataFrame(rows)
    elif cols:
        summary = pd.DataFrame({c: pd.Series(dtype="str") for c in [*cols, *summary_cols]})
    else:
        summary = pd.DataFrame(
            [
                {
                    **dict.fromkeys(summary_cols, np.nan),
                    "requests": 0,
                    "replied": 0,
                    "unknown_time": 0,
                }
            ]
        )
    summary = summary.astype({"requests": "int64", "replied": "int64", "unknown_time": "int64"})
    for c in cols:  # keep the group dtype (categorical order) of the input
        if c in req and len(summary):
            summary[c] = summary[c].astype(req[c].dtype)
            curve_frame[c] = curve_frame[c].astype(req[c].dtype)
    return ReplyTimes(
        curves=curve_frame[[*cols, "days", "p_replied", "ci_low", "ci_high", "at_risk"]],
        summary=summary[[*cols, *summary_cols]],
        by=tuple(cols),
        as_of=stamp,
    )


# ------------------------------------------------------------------------- funnel


def _referrers(log: OutreachLog) -> pd.DataFrame:
    """(owner, contact_id) pairs of contacts named as ``referred_by`` by someone."""
    people = log.contacts.loc[log.contacts["referred_by"].notna(), ["owner", "referred_by"]]
    return (
        people.rename(columns={"referred_by": "contact_id"})
        .drop_duplicates()
        .assign(_referrer=True)
    )


def funnel(
    log: OutreachLog | pd.DataFrame, *, by: str | Sequence[str] | None = None
) -> pd.DataFrame:
    """How far requests got: contacted -> replied -> met -> thanked -> referred.

    Each stage counts requests that reached it *and every stage before it*, so
    the funnel only narrows:

    * **contacted**: every request;
    * **replied**: a reply (see the module definitions);
    * **met**: a ``meeting_held`` at or after the request;
    * **thanked**: a ``thank_you_sent`` at or after the (first) meeting;
    * **referred**: a ``referral_received`` event for the contact, or another
      contact of the same owner whose ``referred_by`` is this contact.

    People met without a request (at an event, say) are not in the funnel.
    Returns a tidy table: group columns, ``stage`` (ordered categorical),
    ``count``, ``from_previous`` and ``from_contacted`` (shares, NaN after an
    empty stage).

    >>> funnel(_demo_log())[["stage", "count"]].to_dict("list")
    {'stage': ['contacted', 'replied', 'met', 'thanked', 'referred'], 'count': [4, 3, 2, 2, 1]}
    """
    log = _as_log(log, what="funnel")
    return _funnel(log, _columns(by), None)


def _funnel_requests(log: OutreachLog, stamp: pd.Timestamp | None) -> pd.DataFrame:
    """The request table with the funnel's facts; shared inside a :func:`_reuse` block."""
    stamp = _cut(log, stamp)

    def compute() -> pd.DataFrame:
        ev, req = _prepared(log, stamp)
        req = _first_after(req, ev, ("meeting_held",), "request_at", "met")
        req = _first_after(req, ev, ("thank_you_sent",), "met_at", "thanks")
        req = _first_after(req, ev, ("referral_received",), "request_at", "referral")
        referrers = _referrers(log)
        named = np.flatnonzero(req["contact_id"].isin(referrers["contact_id"]).to_numpy())
        req_code, referrer_code = _row_codes(req.iloc[named], referrers)
        referrer = np.zeros(len(req), dtype=bool)
        referrer[named] = np.isin(req_code, referrer_code)
        return req.assign(_referrer=referrer)

    return _shared((id(log), stamp, "funnel"), (log,), compute)


def _funnel(log: OutreachLog, cols: list[str], stamp: pd.Timestamp | None) -> pd.DataFrame:
    def compute() -> pd.DataFrame:
        return _funnel_table(_with_groups(_funnel_requests(log, stamp), log, cols), cols)

    key = (id(log), _cut(log, stamp), "funnel_table", tuple(cols))
    return _shared(key, (log,), compute).copy(deep=False)


def _funnel_table(req: pd.DataFrame, cols: list[str]) -> pd.DataFrame:
    replied = req["replied"].to_numpy(dtype=bool)
    met = replied & req["has_met"].to_numpy(dtype=bool)
    thanked = met & req["has_thanks"].to_numpy(dtype=bool)
    referred = thanked & (
        req["has_referral"].to_numpy(dtype=bool) | req["_referrer"].to_numpy(dtype=bool)
    )
    stages = dict(
        zip(
            FUNNEL_STAGES,
            (np.ones(len(req), dtype=bool), replied, met, thanked, referred),
            strict=True,
        )
    )
    req = req.assign(**{f"_s_{k}": v for k, v in stages.items()})
    table = _grouped(req, cols)[[f"_s_{k}" for k in FUNNEL_STAGES]].sum()
    table = _finish(table, cols, {f"_s_{k}": 0 for k in FUNNEL_STAGES})
    table = table.rename(columns={f"_s_{k}": k for k in FUNNEL_STAGES})
    long = table.melt(
        id_vars=cols, value_vars=list(FUNNEL_STAGES), var_name="stage", value_name="count"
    )
    long["stage"] = pd.Categorical(long["stage"], categories=FUNNEL_STAGES, ordered=True)
    long = long.sort_values([*cols, "stage"], kind="stable").reset_index(drop=True)
    long["count"] = long["count"].astype("int64")
    if cols:
        previous = long.groupby(cols, observed=True, dropna=False, sort=False)["count"].shift(1)
        first = long.groupby(cols, observed=True, dropna=False, sort=False)["count"].transform(
            "first"
        )
    else:
        previous = long["count"].shift(1)
        first = pd.Series(long["count"].iloc[0], index=long.index)
    long["from_previous"] = _ratio(long["count"], previous.fillna(long["count"]))
    long["from_contacted"] = _ratio(long["count"], first)
    return long[[*cols, "stage", "count", "from_previous", "from_contacted"]]


# ---------------------------------------------------------- follow-up discipline


def _parse_rule(rule: str) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(\d+)\s*[Bb]\s*(\d+)\s*", str(rule))
    if not match or int(match[1]) >= int(match[2]):
        raise InfoviewError(
            f"rule must look like '3B7' (second person after 3 business days, follow-up after 7), "
            f"not {rule!r}."
        )
    return int(match[1]), int(match[2])


def follow_up_discipline(
    log: OutreachLog,
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

    >>> table = follow_up_discipline(_demo_log())
    >>> table[["contact_id", "business_days_to_follow_up", "timing"]].to_dict("records")
    [{'contact_id': 'b', 'business_days_to_follow_up': 8.0, 'timing': 'on time'}]
    """
    log = _as_log(log, what="follow_up_discipline")
    second_after, follow_after = _parse_rule(rule)
    stamp = _resolve_as_of(log, as_of)
    key = (id(log), stamp, "follow_up", second_after, follow_after, grace_days)
    return _shared(
        key,
        (log,),
        lambda: _follow_up_table(log, stamp, second_after, follow_after, grace_days),
    ).copy(deep=False)


def _follow_up_table(
    log: OutreachLog,
    stamp: pd.Timestamp | None,
    second_after: int,
    follow_after: int,
    grace_days: int,
) -> pd.DataFrame:
    columns = [
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
    ev, req = _prepared(log, stamp)
    if stamp is None or req.empty:
        return _empty_discipline(columns)
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
    rows = _second_contacts(rows, req, ev, log, second_after, follow_after)
    fu_bd = _busday_count(rows["request_at"], rows["follow_up_at"])
    rep_bd = _busday_count(rows["request_at"], rows["reply_at"])
    window_end = follow_after + grace_days
    elapsed = _busday_count(rows["request_at"], np.full(len(rows), today))
    followed = rows["follow_up_at"].notna().to_numpy()
    replied = rows["replied"].to_numpy(dtype=bool)
    answered_first = ~followed & replied & (rep_bd <= window_end) | (
        followed
        & replied
        & (rep_bd <= window_end)
        & (rows["reply_at"] < rows["follow_up_at"]).to_numpy()
    )
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
    out = rows.assign(
        followed_up=followed,
        business_days_to_follow_up=fu_bd,
        timing=pd.Categorical(timing, categories=FOLLOW_UP_TIMINGS),
        on_time=timing == "on time",
        replied_after_follow_up=followed
        & replied
        & (rows["reply_at"] >= rows["follow_up_at"]).to_numpy(),
    )
    return out[columns].sort_values(["owner", "request_at"], kind="stable").reset_index(drop=True)


def _empty_discipline(columns: list[str]) -> pd.DataFrame:
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
    out = pd.DataFrame({c: pd.Series(dtype=dtypes.get(c, "str")) for c in columns})
    out["timing"] = pd.Categorical([], categories=FOLLOW_UP_TIMINGS)
    return out


def _second_contacts(
    rows: pd.DataFrame,
    req: pd.DataFrame,
    ev: pd.DataFrame,
    log: OutreachLog,
    second_after: int,
    follow_after: int,
) -> pd.DataFrame:
    """Flag rows where the owner wrote to another person at the same organisation in days 3-7."""
    contacts = log.contacts
    codes = _contact_codes(log, ev)
    with_org = np.flatnonzero(contacts["organization"].notna().to_numpy() & (codes >= 0))
    if rows.empty or not len(with_org):
        return rows.assign(tried_second_contact=False)
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
    day = _days(req["request_at"].to_numpy()[found])
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


def thank_you_timing(log: OutreachLog, *, as_of: Any = None) -> pd.DataFrame:
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

    >>> timing = thank_you_timing(_demo_log())
    >>> timing[["contact_id", "days_to_thank_you", "within_day"]].to_dict("list")
    {'contact_id': ['a', 'c'], 'days_to_thank_you': [0.0, 1.0], 'within_day': [True, True]}
    """
    log = _as_log(log, what="thank_you_timing")
    stamp = _resolve_as_of(log, as_of)
    ev = _prepared(log, stamp)[0]
    dated = ev[ev["at"].notna().to_numpy()]
    meetings = dated.loc[(dated["kind"] == "meeting_held").to_numpy(), [*KEY, "_k", "at"]]
    thanks = dated.loc[(dated["kind"] == "thank_you_sent").to_numpy(), ["_k", "at"]]
    meetings = meetings.assign(_day=meetings["at"].dt.normalize()).sort_values(
        "_day", kind="stable"
    )
    thanks = thanks.assign(_day=thanks["at"].dt.normalize(), thank_you_at=thanks["at"]).sort_values(
        "_day", kind="stable"
    )
    merged = pd.merge_asof(
        meetings, thanks[["_k", "_day", "thank_you_at"]], on="_day", by="_k", direction="forward"
    )
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
    cols = [
        "owner",
        "contact_id",
        "meeting_at",
        "thank_you_at",
        "days_to_thank_you",
        "within_day",
        "thanked",
        "judged",
    ]
    return out[cols].sort_values(["owner", "meeting_at"], kind="stable").reset_index(drop=True)


def discipline_summary(
    log: OutreachLog, *, rule: str = "3B7", grace_days: int = 3, as_of: Any = None
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

    >>> summary = discipline_summary(_demo_log())
    >>> summary["follow_up_adherence"], summary["thank_you_within_day_rate"]
    (1.0, 1.0)
    """
    table = follow_up_discipline(log, rule=rule, grace_days=grace_days, as_of=as_of)
    thanks = thank_you_timing(log, as_of=as_of)
    settled = table["timing"].isin(["early", "on time", "late", "missed"]).to_numpy()
    judged = thanks["judged"].to_numpy(dtype=bool)
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
        "thanked_within_day": int(thanks["within_day"].to_numpy(dtype=bool)[judged].sum()),
        "thank_you_within_day_rate": _plain(
            _ratio(thanks["within_day"].to_numpy(dtype=bool)[judged].sum(), judged.sum())
        ),
    }


# ------------------------------------------------------------- network over time


def _contact_codes(log: OutreachLog, ev: pd.DataFrame) -> np.ndarray:
    """The ``_k`` code in ``ev`` of each row of ``log.contacts`` (-1: no events, no id)."""

    def compute() -> np.ndarray:
        seen = ev.drop_duplicates("_k")
        contact_code, seen_code = _row_codes(log.contacts, seen)
        where = _lookup(contact_code, seen_code)
        seen_k = np.append(seen["_k"].to_numpy(dtype=np.int64), -1)  # where -1 picks the -1
        codes = seen_k[where]
        return np.where(log.contacts["contact_id"].notna().to_numpy(), codes, -1)

    return _shared((id(log), id(ev), "contact_codes"), (log, ev), compute)


def _contact_keys(log: OutreachLog, ev: pd.DataFrame) -> pd.DataFrame:
    """Every (owner, contact_id) in the contacts or events table, with contact columns.

    ``_first`` is the contact's first event time (NaT when none is dated).
    """

    def compute() -> pd.DataFrame:
        contacts = log.contacts
        keep = contacts["contact_id"].notna().to_numpy() & ~contacts.duplicated(KEY).to_numpy()
        people = contacts[keep]
        first = ev.groupby("_k", sort=False)["at"].min()
        seen = ev.drop_duplicates("_k")[["_k", *KEY]]
        seen = seen.assign(_first=first.reindex(seen["_k"].to_numpy()).to_numpy())
        # an outer join on integer codes (rows: the contacts, then people only in events)
        people_k = _contact_codes(log, ev)[keep]
        where = _lookup(people_k, seen["_k"].to_numpy())
        first_at = seen["_first"].array.take(where, allow_fill=True)
        only_seen = ~np.isin(seen["_k"].to_numpy(), people_k)
        return pd.concat(
            [
                people.assign(_first=first_at),
                seen.loc[only_seen, [*KEY, "_first"]],
            ],
            ignore_index=True,
        )

    return _shared((id(log), id(ev), "contact_keys"), (log, ev), compute)


def _entered_via(keys: pd.DataFrame) -> pd.Series:
    """``connection``, else "referral" when ``referred_by`` is set, else "not recorded"."""
    via = keys["connection"].astype("object")
    via = via.where(via.notna(), np.where(keys["referred_by"].notna(), "referral", NOT_RECORDED))
    present = set(via.dropna())
    order = [c for c in (*CONNECTIONS, NOT_RECORDED) if c in present]
    order += sorted(present - set(order))
    return pd.Series(pd.Categorical(via, categories=order), index=keys.index)


def network_growth(log: OutreachLog, *, freq: str = "W") -> pd.DataFrame:
    """How many people entered the network per period, and the running total, by route.

    A contact enters on ``added_on``, else on their first event. The route
    (``entered_via``) is the contact's ``connection`` (referral, alumni,
    cold...), "referral" when only ``referred_by`` is set, else
    "not recorded". Contacts with no date at all are left out.

    ``freq`` is a pandas period alias: "D", "W" (weeks starting Monday), "M",
    "Q", "Y". Returns a tidy table with one row per period and route, every
    period from the first entry to the latest event listed (``new`` = 0 when
    quiet, so a stall shows):
    ``period`` (first day of the period), ``entered_via``, ``new``,
    ``cumulative``.

    >>> growth = network_growth(_demo_log(), freq="M")
    >>> growth[["entered_via", "new", "cumulative"]].to_dict("list")
    {'entered_via': ['referral', 'alumni', 'cold'], 'new': [2, 2, 1], 'cumulative': [2, 2, 1]}
    """
    log = _as_log(log, what="network_growth")
    ev = _prepared(log, None)[0]
    keys = _contact_keys(log, ev)
    entry = keys["added_on"].fillna(keys["_first"])
    keys = keys.assign(entered_via=_entered_via(keys), _entry=entry)
    keys = keys[keys["_entry"].notna().to_numpy()]
    empty = pd.DataFrame(
        {
            "period": pd.Series(dtype="datetime64[us]"),
            "entered_via": pd.Categorical([], categories=list(keys["entered_via"].cat.categories)),
            "new": pd.Series(dtype="int64"),
            "cumulative": pd.Series(dtype="int64"),
        }
    )
    if keys.empty:
        return empty
    try:
        periods = keys["_entry"].dt.to_period(freq)
    except ValueError:
        raise InfoviewError(
            f"freq must be a period such as 'D', 'W', 'M', 'Q' or 'Y', not {freq!r}."
        ) from None
    keys = keys.assign(_period=periods)
    keys["entered_via"] = keys["entered_via"].cat.remove_unused_categories()
    counts = keys.groupby(["_period", "entered_via"], observed=True).size()
    latest = ev["at"].max()
    last = (
        periods.max()
        if pd.isna(latest)
        else max(periods.max(), pd.Period(latest, freq=periods.dt.freq))
    )
    span = pd.period_range(periods.min(), last, freq=periods.dt.freq)
    grid = pd.MultiIndex.from_product(
        [span, keys["entered_via"].cat.categories], names=["_period", "entered_via"]
    )
    table = counts.reindex(grid, fill_value=0).rename("new").reset_index()
    table["entered_via"] = pd.Categorical(
        table["entered_via"], categories=keys["entered_via"].cat.categories
    )
    table["period"] = table["_period"].dt.start_time.astype("datetime64[us]")
    table["new"] = table["new"].astype("int64")
    table["cumulative"] = (
        table.groupby("entered_via", observed=True)["new"].cumsum().astype("int64")
    )
    return table[["period", "entered_via", "new", "cumulative"]]


def contacts_per_month(log: OutreachLog | pd.DataFrame, *, as_of: Any = None) -> pd.DataFrame:
    """People you reached out to for the first time, by month of the request.

    Returns ``month`` (first day of the month) and ``requests``, every month
    from the first request to the last (0 for a quiet month). Undated
    requests are left out.

    >>> table = contacts_per_month(_demo_log())
    >>> table["month"].dt.strftime("%Y-%m").tolist(), table["requests"].tolist()
    (['2025-03'], [4])
    """
    log = _as_log(log, what="contacts_per_month")
    stamp = _timestamp(as_of)
    req = _prepared(log, stamp if stamp is not None else _resolve_as_of(log, None))[1]
    dated = req["request_at"].dropna()
    if dated.empty:
        return pd.DataFrame(
            {"month": pd.Series(dtype="datetime64[us]"), "requests": pd.Series(dtype="int64")}
        )
    months = dated.dt.to_period("M")
    counts = months.value_counts()
    span = pd.period_range(months.min(), months.max(), freq="M")
    counts = counts.reindex(span, fill_value=0)
    return pd.DataFrame(
        {
            "month": span.start_time.astype("datetime64[us]"),
            "requests": counts.to_numpy(dtype="int64"),
        }
    )


# ----------------------------------------------------------------- contact types


def contact_types(log: OutreachLog, *, as_of: Any = None) -> pd.DataFrame:
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

    >>> types = contact_types(_demo_log())
    >>> dict(zip(types["contact_id"], types["type"]))
    {'a': 'Booster', 'b': 'Curmudgeon', 'c': 'Booster', 'd': 'not enough data'}
    """
    log = _as_log(log, what="contact_types")
    stamp = _resolve_as_of(log, as_of)
    ev, req = _prepared(log, stamp)
    req = _first_after(req, ev, ("meeting_scheduled", "meeting_held"), "request_at", "meeting")
    req = _first_after(req, ev, ("declined",), "request_at", "decline")
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
    people = log.contacts[[*KEY, "name", "organization", "field"]].drop_duplicates(KEY)
    out = (
        req[KEY]
        .assign(
            business_days_to_reply=reply_bd,
            nudged_before_reply=nudged,
            declined=declined,
            met=met,
            type=pd.Categorical(kind, categories=CONTACT_TYPES),
        )
        .merge(people, on=KEY, how="left")
    )
    cols = [
        "owner",
        "contact_id",
        "name",
        "organization",
        "field",
        "business_days_to_reply",
        "nudged_before_reply",
        "declined",
        "met",
        "type",
    ]
    return out[cols].sort_values(KEY, kind="stable").reset_index(drop=True)


# ----------------------------------------------------------------- filters, notes


@dataclass(frozen=True)
class _Anchors:
    """What :func:`filter_log` needs to know about each contact of one log.

    ``keys`` has one row per (owner, contact_id) code: ``anchor`` (request
    date, else first event, else ``added_on``), request ``channel``,
    ``connection`` and ``field``. ``contact_code`` / ``event_code`` give each
    row of the log's tables its code (-1 without a contact id).
    """

    keys: pd.DataFrame
    contact_code: np.ndarray
    event_code: np.ndarray


def _anchor_dates(log: OutreachLog) -> _Anchors:
    contacts, events = log.contacts, log.events
    both = pd.concat([contacts[KEY], events[KEY]], ignore_index=True)
    codes = both.groupby(KEY, dropna=False, sort=False).ngroup().to_numpy()
    codes = np.where(both["contact_id"].notna().to_numpy(), codes, -1)
    contact_code, event_code = codes[: len(contacts)], codes[len(contacts) :]
    n = int(codes.max()) + 1 if len(codes) else 0
    has_id = event_code >= 0
    ev = events[has_id].assign(_k=event_code[has_id])
    req = _requests(ev).set_index("_k")
    first = ev.groupby("_k")["at"].min()
    people = (
        contacts.assign(_k=contact_code)[contact_code >= 0].drop_duplicates("_k").set_index("_k")
    )
    index = pd.RangeIndex(n)
    anchor = (
        req["request_at"]
        .reindex(index)
        .fillna(first.reindex(index))
        .fillna(people["added_on"].reindex(index))
    )
    keys = pd.DataFrame(
        {
            "anchor": anchor,
            "channel": req["channel"].reindex(index),
            "connection": people["connection"].reindex(index),
            "field": people["field"].reindex(index),
        },
        index=index,
    )
    return _Anchors(keys=keys, contact_code=contact_code, event_code=event_code)


def filter_log(
    log: OutreachLog,
    *,
    start: Any = None,
    end: Any = None,
    channels: Iterable[str] | None = None,
    connections: Iterable[str] | None = None,
    fields: Iterable[str] | None = None,
) -> OutreachLog:
    """The part of a log about some contacts: by date, channel, connection or field.

    Filters pick *contacts* and keep all of their events, so a reply that
    came after ``end`` to a request inside the range still counts.

    * ``start`` / ``end``: the contact's date (the request; else the first
      event; else ``added_on``) falls in [start, end], whole days, both ends
      included. Undated contacts are dropped when either is given.
    * ``channels``: the channel of the request (contacts never written to
      are dropped).
    * ``connections`` / ``fields``: the contact's ``connection`` / ``field``.

    ``None`` means "no filter"; an empty list keeps nothing. With no filter at
    all the log itself is returned (pandas copy-on-write keeps it safe).

    >>> small = filter_log(_demo_log(), channels=["email"], fields=["data"])
    >>> sorted(small.contacts["contact_id"]), len(small.events)
    (['c', 'd'], 6)
    """
    log = _as_log(log, what="filter_log")
    if all(v is None for v in (start, end, channels, connections, fields)):
        return log
    return _filter_with(
        log,
        _anchor_dates(log),
        start=start,
        end=end,
        channels=channels,
        connections=connections,
        fields=fields,
    )


def _filter_with(
    log: OutreachLog,
    anchors: _Anchors,
    *,
    start: Any = None,
    end: Any = None,
    channels: Iterable[str] | None = None,
    connections: Iterable[str] | None = None,
    fields: Iterable[str] | None = None,
) -> OutreachLog:
    """:func:`filter_log` with the contacts' dates worked out once (the dashboard keeps them)."""
    if all(v is None for v in (start, end, channels, connections, fields)):
        return log
    keys = anchors.keys
    keep = np.ones(len(keys), dtype=bool)
    begin, finish = _timestamp(start, name="start"), _timestamp(end, name="end")
    if begin is not None:
        keep &= (keys["anchor"] >= begin.normalize()).to_numpy()
    if finish is not None:
        keep &= (keys["anchor"] < finish.normalize() + _DAY).to_numpy()
    for column, allowed in (("channel", channels), ("connection", connections), ("field", fields)):
        if allowed is not None:
            wanted = [allowed] if isinstance(allowed, str) else list(allowed)
            keep &= keys[column].astype("object").isin(wanted).to_numpy()
    keep_code = np.append(keep, False)  # code -1 (no contact id) picks the final False
    return OutreachLog(
        contacts=log.contacts[keep_code[anchors.contact_code]],
        events=log.events[keep_code[anchors.event_code]],
    )


def lessons_by_field(log: OutreachLog) -> pd.DataFrame:
    """Notes written after meetings, grouped by the contact's field (for reflection).

    Returns ``field`` (``"not recorded"`` when missing), ``owner``,
    ``contact_id``, ``name``, ``organization``, ``met_on`` and ``notes``, one
    row per ``meeting_held`` event that has notes, by field then date.

    >>> log = _demo_log()
    >>> met = log.events["kind"] == "meeting_held"
    >>> events = log.events.assign(notes=log.events["notes"].where(~met, "Portfolios matter"))
    >>> lessons = lessons_by_field(OutreachLog(contacts=log.contacts, events=events))
    >>> lessons[["field", "contact_id"]].to_dict("list")
    {'field': ['data', 'design'], 'contact_id': ['c', 'a']}
    """
    log = _as_log(log, what="lessons_by_field")
    ev = log.events
    mask = (ev["kind"] == "meeting_held").to_numpy() & ev["notes"].notna().to_numpy()
    notes = ev.loc[mask, [*KEY, "at", "notes"]]
    notes = notes[notes["notes"].str.strip().str.len().to_numpy() > 0]
    contacts = log.contacts
    # only the few people with notes go through the de-duplication and the merge
    named = contacts["contact_id"].isin(notes["contact_id"].dropna()).to_numpy()
    if notes["contact_id"].isna().any():
        named = named | contacts["contact_id"].isna().to_numpy()
    people = contacts.loc[named, [*KEY, "name", "organization", "field"]].drop_duplicates(KEY)
    out = notes.merge(people, on=KEY, how="left").rename(columns={"at": "met_on"})
    out["field"] = _label_missing(out["field"].astype("str"))
    cols = ["field", "owner", "contact_id", "name", "organization", "met_on", "notes"]
    return out[cols].sort_values(["field", "met_on"], kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------- summary


def _plain(value: Any, digits: int = 4) -> float | None:
    """A JSON-ready float (None for NaN)."""
    value = float(np.asarray(value, dtype=float).reshape(-1)[0]) if np.size(value) else np.nan
    return None if np.isnan(value) else round(value, digits)


def summary_figures(log: OutreachLog, *, as_of: Any = None) -> dict[str, Any]:
    """The key figures of a log as a JSON-ready dict (``infoview summary``).

    Keys: ``as_of``, ``contacts``, ``requests``, ``replies``,
    ``response_rate`` and ``response_rate_ci`` ([low, high], Wilson 95%),
    ``unknown_reply_time``, ``km_median_days``, ``p_reply_within_7`` /
    ``p_reply_within_14`` with ``_ci``, ``funnel`` ({stage: count}),
    ``follow_up_adherence``, ``thank_you_within_day_rate``,
    ``contacts_per_month`` ({"YYYY-MM": requests}) and
    ``deepest_referral_chain`` (referral steps). Missing values are None.

    >>> figures = summary_figures(_demo_log())
    >>> figures["requests"], figures["replies"], figures["funnel"]["met"]
    (4, 3, 2)
    >>> figures["deepest_referral_chain"]
    1
    """
    from infoview_kit.analytics.network import referral_stats

    log = _as_log(log, what="summary_figures")
    stamp = _resolve_as_of(log, as_of)
    with _reuse():
        rates = response_rates(log, as_of=stamp).iloc[0]
        times = time_to_first_reply(log, as_of=stamp).summary.iloc[0]
        stages = _funnel(log, [], stamp)
        habits = discipline_summary(log, as_of=stamp)
        months = contacts_per_month(log, as_of=stamp)
        people = len(_contact_keys(log, _prepared(log, stamp)[0]))
    return {
        "as_of": None if stamp is None else stamp.isoformat(),
        "contacts": int(people),
        "requests": int(rates["requests"]),
        "replies": int(rates["replied"]),
        "response_rate": _plain(rates["rate"]),
        "response_rate_ci": [_plain(rates["ci_low"]), _plain(rates["ci_high"])],
        "unknown_reply_time": int(times["unknown_time"]),
        "km_median_days": _plain(times["median_days"]),
        "p_reply_within_7": _plain(times["p_within_7"]),
        "p_reply_within_7_ci": [
            _plain(times["p_within_7_ci_low"]),
            _plain(times["p_within_7_ci_high"]),
        ],
        "p_reply_within_14": _plain(times["p_within_14"]),
        "p_reply_within_14_ci": [
            _plain(times["p_within_14_ci_low"]),
            _plain(times["p_within_14_ci_high"]),
        ],
        "funnel": {str(s): int(n) for s, n in zip(stages["stage"], stages["count"], strict=True)},
        "follow_up_adherence": habits["follow_up_adherence"],
        "thank_you_within_day_rate": habits["thank_you_within_day_rate"],
        "contacts_per_month": {
            m.strftime("%Y-%m"): int(n)
            for m, n in zip(months["month"], months["requests"], strict=True)
        },
        "deepest_referral_chain": int(referral_stats(log)["max_chain_depth"]),
    }


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.0f}%"


def format_summary(figures: dict[str, Any]) -> str:
    """The figures of :func:`summary_figures` as a few lines of plain text.

    >>> print(format_summary(summary_figures(_demo_log())))  # doctest: +ELLIPSIS
    Outreach summary as of 2025-03-24
    Requests sent: 4; replies: 3, a reply rate of 75% (95% interval 30% to 95%).
    ...
    """
    as_of = figures.get("as_of")
    lines = [f"Outreach summary as of {as_of[:10]}" if as_of else "Outreach summary"]
    requests = figures.get("requests", 0)
    if not requests:
        lines.append("No requests logged yet: the figures start with your first request.")
        return "\n".join(lines)
    low, high = figures.get("response_rate_ci", [None, None])
    lines.append(
        f"Requests sent: {requests}; replies: {figures['replies']}, "
        f"a reply rate of {_pct(figures['response_rate'])} "
        f"(95% interval {_pct(low)} to {_pct(high)})."
    )
    median = figures.get("km_median_days")
    if median is None:
        pace = "Fewer than half of your requests have had a reply so far."
    else:
        pace = f"Half of your requests had a reply within {median:.1f} days."
    p7, p14 = figures.get("p_reply_within_7"), figures.get("p_reply_within_14")
    pace += f" Answered within 7 days: {_pct(p7)}; within 14 days: {_pct(p14)}"
    pace += " (unanswered requests count as still waiting, not as refusals)."
    if figures.get("unknown_reply_time"):
        pace += (
            f" {figures['unknown_reply_time']} replies without a date are left out of these times."
        )
    lines.append(pace)
    stages = figures.get("funnel", {})
    if stages:
        lines.append(
            "From request to referral: " + " -> ".join(f"{n} {s}" for s, n in stages.items()) + "."
        )
    lines.append(
        f"Follow-ups sent on time (3B7 rule): {_pct(figures.get('follow_up_adherence'))}; "
        f"thank-you within a day of a meeting: {_pct(figures.get('thank_you_within_day_rate'))}."
    )
    months = figures.get("contacts_per_month", {})
    if months:
        lines.append(
            "New people contacted per month: "
            + ", ".join(f"{m} {n}" for m, n in months.items())
            + "."
        )
    depth = figures.get("deepest_referral_chain", 0)
    lines.append(
        f"Longest referral chain: {depth} step{'s' if depth != 1 else ''} "
        "(someone who led you to someone...)."
        if depth
        else "No referral chains yet: ask each person you meet whom else you could talk to."
    )
    return "\n".join(lines)
