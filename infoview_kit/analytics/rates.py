"""Reply rates: the share of requests that got a reply, per group, with a Wilson interval.

>>> from infoview_kit.analytics import example_log
>>> response_rates(example_log())[["requests", "replied", "rate"]].to_dict("records")
[{'requests': 4, 'replied': 3, 'rate': 0.75}]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from infoview_kit.analytics.analysis import (
    _DAY,
    Analysis,
    _columns,
    _finish,
    _grouped,
    _ratio,
    _with_groups,
    analyse,
)
from infoview_kit.model import OutreachLog

__all__ = ["response_rates", "wilson_interval"]


def wilson_interval(count: Any, nobs: Any) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score 95% interval of ``count / nobs`` (NaN where there is nothing to count).

    >>> low, high = wilson_interval([3], [5])
    >>> round(float(low[0]), 4), round(float(high[0]), 4)
    (0.2307, 0.8824)
    """
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


def response_rates(
    log: OutreachLog | pd.DataFrame | Analysis,
    *,
    by: str | Sequence[str] | None = None,
    within_days: float | None = None,
    as_of: Any = None,
) -> pd.DataFrame:
    """Share of requests that got a reply, per group, with a Wilson 95% interval.

    Parameters
    ----------
    log:
        An OutreachLog or an :class:`Analysis` of one, or an events table when
        grouping needs no contact column.
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

    >>> from infoview_kit.analytics import example_log
    >>> log = example_log()
    >>> response_rates(log, by="channel")[["channel", "requests", "replied"]].to_dict("list")
    {'channel': ['email', 'linkedin'], 'requests': [3, 1], 'replied': [3, 0]}
    >>> recent = response_rates(log, within_days=3)
    >>> recent[["requests", "replied", "excluded_recent"]].iloc[0].tolist()
    [4, 2, 0]
    """
    analysis = analyse(log, as_of=as_of, what="response_rates")
    cols = _columns(by)
    req = _with_groups(analysis.requests, analysis.log, cols)
    counted, replied = _counted(req, analysis.as_of, within_days)
    req = req.assign(_n=counted, _r=counted & replied, _x=~counted)
    table = _grouped(req, cols).agg(
        requests=("_n", "sum"), replied=("_r", "sum"), excluded_recent=("_x", "sum")
    )
    table = _finish(table, cols, {"requests": 0, "replied": 0, "excluded_recent": 0})
    table = table.astype({"requests": "int64", "replied": "int64", "excluded_recent": "int64"})
    low, high = wilson_interval(table["replied"], table["requests"])
    table = table.assign(rate=_ratio(table["replied"], table["requests"]), ci_low=low, ci_high=high)
    return table[[*cols, "requests", "replied", "rate", "ci_low", "ci_high", "excluded_recent"]]


def _counted(
    req: pd.DataFrame, stamp: pd.Timestamp | None, within_days: float | None
) -> tuple[np.ndarray, np.ndarray]:
    """(requests counted, replies counted) under the ``within_days`` rule."""
    counted = np.ones(len(req), dtype=bool)
    replied = req["replied"].to_numpy(dtype=bool)
    if within_days is not None:
        if stamp is not None:
            age = ((stamp - req["request_at"]) / _DAY).to_numpy(dtype=float)
            counted = ~(age < within_days)  # NaN age (undated request) is kept
        days = req["days_to_reply"].to_numpy(dtype=float)
        replied = replied & ~(days > within_days)  # unknown reply time still counts
    return counted, replied
