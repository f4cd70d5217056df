"""``Analysis``: one outreach log looked at from one moment, with the tables every figure shares.

Every figure of :mod:`infoview_kit.analytics` starts from the same few tables:
the events up to ``as_of`` (with an integer code per ``(owner, contact_id)``
pair), the *request table* (one row per request, with its reply and
follow-up facts), the funnel facts and the contacts. An :class:`Analysis`
works each of them out the first time it is asked for and keeps it
(``functools.cached_property``), so several figures of one log share them:

>>> analysis = Analysis(example_log())
>>> analysis.requests[["contact_id", "replied"]].to_dict("list")
{'contact_id': ['a', 'b', 'c', 'd'], 'replied': [True, False, True, True]}

Pass the analysis instead of the log to any figure (``response_rates(analysis)``,
``funnel(analysis)``...). Nothing else is kept anywhere: a changed or filtered
log needs a new ``Analysis``. The tables are shared, so callers must not
change them in place (every function here copies before it changes).

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
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from infoview_kit.errors import InfoviewError
from infoview_kit.model import OutreachLog
from infoview_kit.schema import OUTREACH_KINDS, REPLY_KINDS, as_timestamp

KEY = ["owner", "contact_id"]

#: Label given to a missing group value (no channel, no field recorded...).
NOT_RECORDED = "not recorded"

_DAY = pd.Timedelta(days=1)


def example_log() -> OutreachLog:
    """A small log of five synthetic people (four requests), used by the examples.

    >>> log = example_log()
    >>> len(log.contacts), len(log.events)
    (5, 13)
    """
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


# --------------------------------------------------------------------------- input


def _as_log(data: Any, *, what: str) -> OutreachLog:
    """An OutreachLog from a log, an analysis or a plain events table (conformed copy)."""
    if isinstance(data, Analysis):
        return data.log
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


def analyse(data: Any, *, as_of: Any = None, what: str = "This figure") -> Analysis:
    """``data`` as an :class:`Analysis` at ``as_of``: the same one when it already is.

    An Analysis passed in is used as it is when ``as_of`` is not given or is
    its own moment; for another moment, :meth:`Analysis.at` shares its tables
    when no event lies between the two.

    >>> analysis = Analysis(example_log())
    >>> analyse(analysis) is analysis, analyse(example_log()).requests.shape[0]
    (True, 4)
    """
    if isinstance(data, Analysis):
        return data if as_of is None else data.at(as_of)
    return Analysis(_as_log(data, what=what), as_of=as_of)


# ------------------------------------------------------------------- date helpers


def _days(values: pd.Series | np.ndarray) -> np.ndarray:
    """Calendar days (``datetime64[D]``, NaT kept)."""
    return np.asarray(values, dtype="datetime64[us]").astype("datetime64[D]")


def _busday_count(start: Any, end: Any) -> np.ndarray:
    """``numpy.busday_count`` (Mon-Fri) that gives NaN where a date is missing.

    >>> _busday_count(pd.Series(pd.to_datetime(["2025-03-03", None])),
    ...              pd.Series(pd.to_datetime(["2025-03-12", "2025-03-12"]))).tolist()
    [7.0, nan]
    """
    start, end = _days(start), _days(end)
    ok = ~(np.isnat(start) | np.isnat(end))
    out = np.full(start.shape, np.nan)
    if ok.any():
        out[ok] = np.busday_count(start[ok], end[ok])
    return out


def _busday_offset(start: Any, days: int) -> np.ndarray:
    """``start`` + ``days`` business days (a weekend start rolls to Monday), NaT kept.

    >>> _busday_offset(pd.Series(pd.to_datetime(["2025-03-08"])), 7).tolist()
    [datetime.date(2025, 3, 19)]
    """
    start = _days(start)
    out = np.full(start.shape, np.datetime64("NaT", "D"))
    ok = ~np.isnat(start)
    if ok.any():
        out[ok] = np.busday_offset(start[ok], days, roll="forward")
    return out


# --------------------------------------------------------------------- request table


def _events(log: OutreachLog, cutoff: pd.Timestamp | None) -> pd.DataFrame:
    """Events with a contact id, up to ``cutoff`` (undated ones kept), plus ``_k`` = pair code."""
    ev = log.events
    keep = ev["contact_id"].notna().to_numpy()
    if cutoff is not None:
        keep = keep & ~(ev["at"] > cutoff).to_numpy()
    ev = ev[keep]
    codes = ev.groupby(KEY, dropna=False, sort=False, observed=True).ngroup()
    return ev.assign(_k=codes.to_numpy())


def _first_of_each(codes: np.ndarray, at: np.ndarray, picked: np.ndarray) -> np.ndarray:
    """Of the positions ``picked``, the first per code by time (undated last, ties in order)."""
    order = picked[np.lexsort((at[picked], np.isnat(at[picked]), codes[picked]))]
    lead = np.ones(len(order), dtype=bool)
    lead[1:] = codes[order][1:] != codes[order][:-1]
    return order[lead]


def _first_after(
    base: pd.DataFrame, ev: pd.DataFrame, kinds: Iterable[str], *, ref: str, name: str
) -> pd.DataFrame:
    """Add ``{name}_at``, ``{name}_kind`` and ``has_{name}``: the first event of ``kinds``
    at or after ``base[ref]``, matched on the pair code ``_k``.

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
    first = _first_of_each(codes, at, np.flatnonzero(ok))
    take = np.full(len(base), -1, dtype=np.int64)  # event (position in sub) per base row
    take[row[codes[first]]] = first
    return base.reset_index(drop=True).assign(
        **{
            f"{name}_at": sub["at"].array.take(take, allow_fill=True),
            f"{name}_kind": sub["kind"].array.take(take, allow_fill=True),
            f"has_{name}": take >= 0,
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
    req = _first_after(req, ev, REPLY_KINDS, ref="request_at", name="reply")
    req["replied"] = req.pop("has_reply")
    req["days_to_reply"] = (req["reply_at"] - req["request_at"]) / _DAY
    return req.reset_index(drop=True)


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


def _referrers(log: OutreachLog) -> pd.DataFrame:
    """(owner, contact_id) pairs of contacts named as ``referred_by`` by someone."""
    people = log.contacts.loc[log.contacts["referred_by"].notna(), ["owner", "referred_by"]]
    return people.rename(columns={"referred_by": "contact_id"}).drop_duplicates()


@dataclass(frozen=True)
class PairCodes:
    """One integer per ``(owner, contact_id)`` for every row of a log's two tables.

    ``contacts`` / ``events``: the code of each contacts / events row (-1 without
    an id); ``referrers``: the code of each contacts row's ``(owner, referred_by)``
    (-1 without one). Codes are numbered by first appearance in the events, then
    the contacts, then the referrers, so a part of the log keeps their order.

    >>> codes = PairCodes.of(example_log())
    >>> codes.events.tolist()[:6], codes.referrers.tolist()
    ([0, 0, 0, 0, 1, 1], [-1, -1, -1, -1, 2])
    """

    contacts: np.ndarray
    events: np.ndarray
    referrers: np.ndarray

    @classmethod
    def of(cls, log: OutreachLog) -> PairCodes:
        contacts, events = log.contacts, log.events
        referrers = contacts[["owner", "referred_by"]].rename(columns={"referred_by": "contact_id"})
        both = pd.concat([events[KEY], contacts[KEY], referrers], ignore_index=True)
        codes = both.groupby(KEY, dropna=False, sort=False).ngroup().to_numpy()
        codes = np.where(both["contact_id"].notna().to_numpy(), codes, -1)
        ends = np.cumsum([len(events), len(contacts)])
        return cls(
            contacts=codes[ends[0] : ends[1]], events=codes[: ends[0]], referrers=codes[ends[1] :]
        )

    def part(self, contacts: np.ndarray, events: np.ndarray) -> PairCodes:
        """The codes of the rows kept by two boolean masks."""
        return PairCodes(self.contacts[contacts], self.events[events], self.referrers[contacts])


class Analysis:
    """One outreach log looked at from one moment, with the tables its figures share.

    ``log`` is an :class:`~infoview_kit.model.OutreachLog` (or an events
    DataFrame); ``as_of`` the moment to look from (default: the latest event).
    Each table below is worked out when first asked for and then kept on this
    object; none is ever changed in place. ``pair_codes`` is an optional
    shortcut for a view that already numbered the log's people (see
    :class:`~infoview_kit.analytics.LogFilter`).

    >>> analysis = Analysis(example_log(), as_of="2025-03-05")
    >>> analysis.as_of, len(analysis.requests)
    (Timestamp('2025-03-05 00:00:00'), 3)
    """

    def __init__(
        self,
        log: OutreachLog | pd.DataFrame,
        *,
        as_of: Any = None,
        pair_codes: PairCodes | None = None,
    ) -> None:
        self.log = _as_log(log, what="Analysis")
        #: Optional :class:`PairCodes` of ``log`` (what :meth:`LogFilter.analysis`
        #: passes, to save factorising the ids again).
        self.pair_codes = pair_codes
        stamp = as_timestamp(as_of, what="as-of date")
        if stamp is None and len(self.log.events):
            latest = self.log.events["at"].max()
            stamp = None if pd.isna(latest) else pd.Timestamp(latest)
        #: The moment the log is looked at (None for a log without dated events).
        self.as_of: pd.Timestamp | None = stamp
        #: Events after this are left out (None: no event is cut off).
        self.cutoff: pd.Timestamp | None = self._cutoff(stamp)
        self._tables_of: Analysis = self  # another moment with the same events shares tables

    def _cutoff(self, stamp: pd.Timestamp | None) -> pd.Timestamp | None:
        if stamp is not None and len(self.log.events):
            latest = self.log.events["at"].max()
            if pd.isna(latest) or stamp >= latest:
                return None
        return stamp

    def __repr__(self) -> str:
        moment = "no dated events" if self.as_of is None else f"as of {self.as_of:%Y-%m-%d %H:%M}"
        return f"<Analysis of {self.log!r}, {moment}>"

    def at(self, as_of: Any) -> Analysis:
        """The same log seen from ``as_of``: shares this one's tables when no event lies between.

        >>> analysis = Analysis(example_log())
        >>> later = analysis.at("2025-12-31")
        >>> later.as_of, later.requests is analysis.requests
        (Timestamp('2025-12-31 00:00:00'), True)
        """
        stamp = as_timestamp(as_of, what="as-of date")
        if stamp is None or stamp == self.as_of:
            return self
        other = Analysis(self.log, as_of=stamp, pair_codes=self.pair_codes)
        if other.cutoff == self.cutoff:
            other._tables_of = self._tables_of
        return other

    # ---------------------------------------------------------------- tables

    @cached_property
    def events(self) -> pd.DataFrame:
        """Events with a contact id up to ``as_of`` (undated kept), ``_k`` = pair code."""
        if self._tables_of is not self:
            return self._tables_of.events
        if self.pair_codes is None:
            return _events(self.log, self.cutoff)
        ev, codes = self.log.events, self.pair_codes.events
        keep = codes >= 0
        if self.cutoff is not None:
            keep = keep & ~(ev["at"] > self.cutoff).to_numpy()
        return ev[keep].assign(_k=codes[keep])

    @cached_property
    def requests(self) -> pd.DataFrame:
        """The request table: one row per request with its reply and follow-up facts.

        Columns: the request event's columns, ``request_at``, ``follow_up_at``
        (first), ``last_outreach_at``, ``n_follow_ups``, ``reply_at``,
        ``reply_kind``, ``replied``, ``days_to_reply`` and ``_k``.
        """
        if self._tables_of is not self:
            return self._tables_of.requests
        return _requests(self.events)

    @cached_property
    def stages(self) -> pd.DataFrame:
        """The request table plus the funnel's facts: ``has_met``, ``has_thanks``,
        ``has_referral`` (and their ``_at``/``_kind``) and ``named_referrer``
        (someone of the same owner names this contact as ``referred_by``)."""
        if self._tables_of is not self:
            return self._tables_of.stages
        ev = self.events
        req = _first_after(self.requests, ev, ("meeting_held",), ref="request_at", name="met")
        req = _first_after(req, ev, ("thank_you_sent",), ref="met_at", name="thanks")
        req = _first_after(req, ev, ("referral_received",), ref="request_at", name="referral")
        return req.assign(named_referrer=self._named_referrers(req))

    def _named_referrers(self, req: pd.DataFrame) -> np.ndarray:
        """Which requests' contacts someone of the same owner names as ``referred_by``."""
        if self.pair_codes is not None:
            named = self.pair_codes.referrers
            return np.isin(req["_k"].to_numpy(dtype=np.int64), named[named >= 0])
        referrers = _referrers(self.log)
        named = np.flatnonzero(req["contact_id"].isin(referrers["contact_id"]).to_numpy())
        req_code, referrer_code = _row_codes(req.iloc[named], referrers)
        referrer = np.zeros(len(req), dtype=bool)
        referrer[named] = np.isin(req_code, referrer_code)
        return referrer

    @cached_property
    def contact_codes(self) -> np.ndarray:
        """The pair code ``_k`` of each row of ``log.contacts`` (-1: no events, or no id)."""
        if self._tables_of is not self:
            return self._tables_of.contact_codes
        if self.pair_codes is not None:
            codes = self.pair_codes.contacts
            seen_k = self.events["_k"].to_numpy(dtype=np.int64)
            seen = np.zeros(int(max(codes.max(initial=-1), seen_k.max(initial=-1))) + 2, bool)
            seen[seen_k] = True  # the last slot (code -1) stays False
            return np.where(seen[codes], codes, -1)
        seen = self.events.drop_duplicates("_k")
        contact_code, seen_code = _row_codes(self.log.contacts, seen)
        where = _lookup(contact_code, seen_code)
        seen_k = np.append(seen["_k"].to_numpy(dtype=np.int64), -1)  # where -1 picks the -1
        codes = seen_k[where]
        return np.where(self.log.contacts["contact_id"].notna().to_numpy(), codes, -1)

    @cached_property
    def people_count(self) -> int:
        """How many people (owner, contact_id) the contacts and events name: ``len(people)``."""
        if "people" in vars(self):
            return len(self.people)
        in_events = int(self.events["_k"].nunique())
        contacts = self.log.contacts
        alone = (self.contact_codes < 0) & contacts["contact_id"].notna().to_numpy()
        return in_events + int((~contacts[alone].duplicated(KEY)).sum())

    @cached_property
    def people(self) -> pd.DataFrame:
        """Every (owner, contact_id) in the contacts or events table, with contact columns.

        The contacts first (one row per pair), then people met only in the
        events; ``_first`` is the person's first event time (NaT when none is dated).
        """
        if self._tables_of is not self:
            return self._tables_of.people
        contacts, ev = self.log.contacts, self.events
        keep = contacts["contact_id"].notna().to_numpy() & ~contacts.duplicated(KEY).to_numpy()
        first = ev.groupby("_k", sort=False)["at"].min()
        seen = ev.drop_duplicates("_k")[["_k", *KEY]]
        seen = seen.assign(_first=first.reindex(seen["_k"].to_numpy()).to_numpy())
        # an outer join on integer codes (rows: the contacts, then people only in events)
        people_k = self.contact_codes[keep]
        where = _lookup(people_k, seen["_k"].to_numpy())
        first_at = seen["_first"].array.take(where, allow_fill=True)
        only_seen = ~np.isin(seen["_k"].to_numpy(), people_k)
        return pd.concat(
            [contacts[keep].assign(_first=first_at), seen.loc[only_seen, [*KEY, "_first"]]],
            ignore_index=True,
        )


# ------------------------------------------------------------- grouping helpers


def _columns(by: str | Sequence[str] | None) -> list[str]:
    """``by`` as a list of column names."""
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
    """``frame.groupby(cols)`` (observed, missing kept, sorted); one group without ``cols``."""
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


def _ratio(num: Any, den: Any) -> np.ndarray:
    """``num / den`` as floats, NaN where ``den`` is 0."""
    num = np.asarray(num, dtype=float)
    den = np.asarray(den, dtype=float)
    out = np.full(np.broadcast(num, den).shape, np.nan)
    np.divide(num, den, out=out, where=den > 0)
    return out


def _plain(value: Any, digits: int = 4) -> float | None:
    """A JSON-ready float (None for NaN)."""
    value = float(np.asarray(value, dtype=float).reshape(-1)[0]) if np.size(value) else np.nan
    return None if np.isnan(value) else round(value, digits)
