"""How far requests got: contacted -> replied -> met -> thanked -> referred.

>>> from infoview_kit.analytics import example_log
>>> funnel(example_log())["count"].tolist()
[4, 3, 2, 2, 1]
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from infoview_kit.analytics.analysis import (
    Analysis,
    _columns,
    _finish,
    _grouped,
    _ratio,
    _with_groups,
    analyse,
)
from infoview_kit.model import OutreachLog

__all__ = ["FUNNEL_STAGES", "funnel"]

#: The stages of :func:`funnel`, in order.
FUNNEL_STAGES: tuple[str, ...] = ("contacted", "replied", "met", "thanked", "referred")


def funnel(
    log: OutreachLog | pd.DataFrame | Analysis, *, by: str | Sequence[str] | None = None
) -> pd.DataFrame:
    """How far requests got: contacted -> replied -> met -> thanked -> referred.

    Each stage counts requests that reached it *and every stage before it*, so
    the funnel only narrows:

    * **contacted**: every request;
    * **replied**: a reply (see :mod:`infoview_kit.analytics.analysis`);
    * **met**: a ``meeting_held`` at or after the request;
    * **thanked**: a ``thank_you_sent`` at or after the (first) meeting;
    * **referred**: a ``referral_received`` event for the contact, or another
      contact of the same owner whose ``referred_by`` is this contact.

    People met without a request (at an event, say) are not in the funnel.
    Returns a tidy table: group columns, ``stage`` (ordered categorical),
    ``count``, ``from_previous`` and ``from_contacted`` (shares, NaN after an
    empty stage). Given an :class:`Analysis`, its ``as_of`` applies.

    >>> from infoview_kit.analytics import example_log
    >>> funnel(example_log())[["stage", "count"]].to_dict("list")
    {'stage': ['contacted', 'replied', 'met', 'thanked', 'referred'], 'count': [4, 3, 2, 2, 1]}
    """
    analysis = analyse(log, what="funnel")
    cols = _columns(by)
    return _funnel_table(_with_groups(analysis.stages, analysis.log, cols), cols)


def _stage_flags(req: pd.DataFrame) -> dict[str, np.ndarray]:
    """For each stage, which requests reached it (and every stage before it)."""
    replied = req["replied"].to_numpy(dtype=bool)
    met = replied & req["has_met"].to_numpy(dtype=bool)
    thanked = met & req["has_thanks"].to_numpy(dtype=bool)
    referred = thanked & (
        req["has_referral"].to_numpy(dtype=bool) | req["named_referrer"].to_numpy(dtype=bool)
    )
    reached = (np.ones(len(req), dtype=bool), replied, met, thanked, referred)
    return dict(zip(FUNNEL_STAGES, reached, strict=True))


def _funnel_table(req: pd.DataFrame, cols: list[str]) -> pd.DataFrame:
    stages = _stage_flags(req)
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
        per_group = long.groupby(cols, observed=True, dropna=False, sort=False)["count"]
        previous, first = per_group.shift(1), per_group.transform("first")
    else:
        previous = long["count"].shift(1)
        first = pd.Series(long["count"].iloc[0], index=long.index)
    long["from_previous"] = _ratio(long["count"], previous.fillna(long["count"]))
    long["from_contacted"] = _ratio(long["count"], first)
    return long[[*cols, "stage", "count", "from_previous", "from_contacted"]]
