"""How long requests wait for a first reply: Kaplan-Meier curves per group.

>>> from infoview_kit.analytics import example_log
>>> time_to_first_reply(example_log()).summary["median_days"].tolist()
[5.0]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from infoview_kit.analytics.analysis import (
    _DAY,
    Analysis,
    _columns,
    _grouped,
    _with_groups,
    analyse,
)
from infoview_kit.model import OutreachLog

__all__ = ["REPLY_HORIZONS", "ReplyTimes", "time_to_first_reply"]

#: Horizons (days) reported by :func:`time_to_first_reply`.
REPLY_HORIZONS: tuple[int, ...] = (3, 7, 14, 30)

_Z95 = 1.959963984540054
_CURVE_COLUMNS = ["days", "p_replied", "ci_low", "ci_high", "at_risk"]
_SUMMARY_COLUMNS = ["requests", "replied", "unknown_time", "median_days"] + [
    f"p_within_{h}{s}" for h in REPLY_HORIZONS for s in ("", "_ci_low", "_ci_high")
]


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


def _km_fit(durations: np.ndarray, observed: np.ndarray) -> pd.DataFrame:
    """The Kaplan-Meier steps (statsmodels) as days / p_replied / ci_low / ci_high / at_risk."""
    from statsmodels.duration.survfunc import SurvfuncRight

    if not observed.any():
        return pd.DataFrame({c: np.array([], dtype=float) for c in _CURVE_COLUMNS})
    fit = SurvfuncRight(durations, observed.astype(float))
    surv = np.asarray(fit.surv_prob, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        low, high = _loglog_ci(surv, np.nan_to_num(np.asarray(fit.surv_prob_se, dtype=float)))
    return pd.DataFrame(
        {
            "days": np.asarray(fit.surv_times, dtype=float),
            "p_replied": 1 - surv,
            "ci_low": 1 - high,
            "ci_high": 1 - low,
            "at_risk": np.asarray(fit.n_risk, dtype=float),
        }
    )


def _km_group(durations: np.ndarray, observed: np.ndarray) -> pd.DataFrame:
    """Kaplan-Meier curve of one group, from day 0 to the longest follow-up."""
    n = len(durations)
    if n == 0:
        return pd.DataFrame({c: pd.Series(dtype=float) for c in _CURVE_COLUMNS})
    curve = _km_fit(durations, observed)
    if not len(curve) or curve["days"].iloc[0] > 0:
        start = pd.DataFrame(
            {"days": [0.0], "p_replied": [0.0], "ci_low": [0.0], "ci_high": [0.0]}
        ).assign(at_risk=float(n))
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


def _durations(req: pd.DataFrame, stamp: pd.Timestamp | None) -> pd.DataFrame:
    """The request table plus ``_d`` (days waited or to the reply), ``_e`` (replied) and
    ``_known`` (both dates known, so the request is on the curve)."""
    replied = req["replied"].to_numpy(dtype=bool)
    known = req["request_at"].notna().to_numpy() & ~(replied & req["reply_at"].isna().to_numpy())
    waited = (
        ((stamp - req["request_at"]) / _DAY).to_numpy(dtype=float)
        if stamp is not None
        else np.full(len(req), np.nan)
    )
    durations = np.where(replied, req["days_to_reply"].to_numpy(dtype=float), waited)
    return req.assign(_d=durations, _e=replied, _known=known)


def _fit_groups(req: pd.DataFrame, cols: list[str]) -> tuple[list[pd.DataFrame], list[dict]]:
    """One curve and one summary row per group of ``req`` (see :func:`_durations`)."""
    curves, rows = [], []
    for keys, group in _grouped(req, cols):
        labels = dict(zip(cols, keys if isinstance(keys, tuple) else (keys,), strict=False))
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
    return curves, rows


def _summary_frame(rows: list[dict], cols: list[str]) -> pd.DataFrame:
    """The summary rows as a frame; an empty log gives no group row, or one zero row."""
    if rows:
        summary = pd.DataFrame(rows)
    elif cols:
        summary = pd.DataFrame({c: pd.Series(dtype="str") for c in [*cols, *_SUMMARY_COLUMNS]})
    else:
        zero = {"requests": 0, "replied": 0, "unknown_time": 0}
        summary = pd.DataFrame([{**dict.fromkeys(_SUMMARY_COLUMNS, np.nan), **zero}])
    return summary.astype({"requests": "int64", "replied": "int64", "unknown_time": "int64"})


def time_to_first_reply(
    log: OutreachLog | pd.DataFrame | Analysis,
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

    >>> from infoview_kit.analytics import example_log
    >>> times = time_to_first_reply(example_log())
    >>> times.summary[["requests", "replied", "unknown_time", "median_days"]].to_dict("records")
    [{'requests': 4, 'replied': 3, 'unknown_time': 1, 'median_days': 5.0}]
    """
    analysis = analyse(log, as_of=as_of, what="time_to_first_reply")
    cols = _columns(by)
    req = _with_groups(analysis.requests, analysis.log, cols)
    req = _durations(req, analysis.as_of)
    curves, rows = _fit_groups(req, cols)
    if curves:
        curve_frame = pd.concat(curves, ignore_index=True)
    else:
        empty = _km_group(np.array([]), np.array([], dtype=bool))
        curve_frame = empty.assign(**{c: pd.Series(dtype="str") for c in cols})
    summary = _summary_frame(rows, cols)
    for c in cols:  # keep the group dtype (categorical order) of the input
        if c in req and len(summary):
            summary[c] = summary[c].astype(req[c].dtype)
            curve_frame[c] = curve_frame[c].astype(req[c].dtype)
    return ReplyTimes(
        curves=curve_frame[[*cols, *_CURVE_COLUMNS]],
        summary=summary[[*cols, *_SUMMARY_COLUMNS]],
        by=tuple(cols),
        as_of=analysis.as_of,
    )
