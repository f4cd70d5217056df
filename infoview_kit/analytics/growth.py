"""How the network grew: people entering it per period, and new people written to per month.

>>> from infoview_kit.analytics import example_log
>>> contacts_per_month(example_log())["requests"].tolist()
[4]
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from infoview_kit.analytics.analysis import NOT_RECORDED, Analysis, analyse
from infoview_kit.errors import InfoviewError
from infoview_kit.model import OutreachLog
from infoview_kit.schema import CONNECTIONS

__all__ = ["contacts_per_month", "network_growth"]


def _entered_via(keys: pd.DataFrame) -> pd.Series:
    """``connection``, else "referral" when ``referred_by`` is set, else "not recorded"."""
    via = keys["connection"].astype("object")
    via = via.where(via.notna(), np.where(keys["referred_by"].notna(), "referral", NOT_RECORDED))
    present = set(via.dropna())
    order = [c for c in (*CONNECTIONS, NOT_RECORDED) if c in present]
    order += sorted(present - set(order))
    return pd.Series(pd.Categorical(via, categories=order), index=keys.index)


def _entries(analysis: Analysis) -> pd.DataFrame:
    """Everyone with an entry date: ``entered_via`` and ``_entry`` (added_on, else first event)."""
    keys = analysis.people
    entry = keys["added_on"].fillna(keys["_first"])
    keys = keys.assign(entered_via=_entered_via(keys), _entry=entry)
    return keys[keys["_entry"].notna().to_numpy()]


def _periods(entry: pd.Series, freq: str) -> pd.Series:
    try:
        return entry.dt.to_period(freq)
    except ValueError:
        raise InfoviewError(
            f"freq must be a period such as 'D', 'W', 'M', 'Q' or 'Y', not {freq!r}."
        ) from None


def network_growth(log: OutreachLog | Analysis, *, freq: str = "W") -> pd.DataFrame:
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

    >>> from infoview_kit.analytics import example_log
    >>> growth = network_growth(example_log(), freq="M")
    >>> growth[["entered_via", "new", "cumulative"]].to_dict("list")
    {'entered_via': ['referral', 'alumni', 'cold'], 'new': [2, 2, 1], 'cumulative': [2, 2, 1]}
    """
    analysis = analyse(log, what="network_growth")
    keys = _entries(analysis)
    if keys.empty:
        return pd.DataFrame(
            {
                "period": pd.Series(dtype="datetime64[us]"),
                "entered_via": pd.Categorical([], categories=keys["entered_via"].cat.categories),
                "new": pd.Series(dtype="int64"),
                "cumulative": pd.Series(dtype="int64"),
            }
        )
    periods = _periods(keys["_entry"], freq)
    keys = keys.assign(
        _period=periods, entered_via=keys["entered_via"].cat.remove_unused_categories()
    )
    counts = keys.groupby(["_period", "entered_via"], observed=True).size()
    latest = analysis.events["at"].max()
    last = periods.max()
    if not pd.isna(latest):
        last = max(last, pd.Period(latest, freq=periods.dt.freq))
    routes = keys["entered_via"].cat.categories
    span = pd.period_range(periods.min(), last, freq=periods.dt.freq)
    grid = pd.MultiIndex.from_product([span, routes], names=["_period", "entered_via"])
    table = counts.reindex(grid, fill_value=0).rename("new").reset_index()
    table["entered_via"] = pd.Categorical(table["entered_via"], categories=routes)
    table["period"] = table["_period"].dt.start_time.astype("datetime64[us]")
    table["new"] = table["new"].astype("int64")
    cumulative = table.groupby("entered_via", observed=True)["new"].cumsum()
    table["cumulative"] = cumulative.astype("int64")
    return table[["period", "entered_via", "new", "cumulative"]]


def contacts_per_month(
    log: OutreachLog | pd.DataFrame | Analysis, *, as_of: Any = None
) -> pd.DataFrame:
    """People you reached out to for the first time, by month of the request.

    Returns ``month`` (first day of the month) and ``requests``, every month
    from the first request to the last (0 for a quiet month). Undated
    requests are left out.

    >>> from infoview_kit.analytics import example_log
    >>> table = contacts_per_month(example_log())
    >>> table["month"].dt.strftime("%Y-%m").tolist(), table["requests"].tolist()
    (['2025-03'], [4])
    """
    req = analyse(log, as_of=as_of, what="contacts_per_month").requests
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
