"""The key figures of a log in a few numbers and lines, and what was learned per field.

>>> from infoview_kit.analytics import example_log
>>> summary_figures(example_log())["funnel"]
{'contacted': 4, 'replied': 3, 'met': 2, 'thanked': 2, 'referred': 1}
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from infoview_kit.analytics.analysis import KEY, Analysis, _as_log, _label_missing, _plain, analyse
from infoview_kit.analytics.discipline import discipline_summary
from infoview_kit.analytics.funnel import funnel
from infoview_kit.analytics.growth import contacts_per_month
from infoview_kit.analytics.network import referral_stats
from infoview_kit.analytics.rates import response_rates
from infoview_kit.analytics.timing import time_to_first_reply
from infoview_kit.model import OutreachLog

__all__ = ["format_summary", "lessons_by_field", "summary_figures"]


def lessons_by_field(log: OutreachLog | Analysis) -> pd.DataFrame:
    """Notes written after meetings, grouped by the contact's field (for reflection).

    Returns ``field`` (``"not recorded"`` when missing), ``owner``,
    ``contact_id``, ``name``, ``organization``, ``met_on`` and ``notes``, one
    row per ``meeting_held`` event that has notes, by field then date.

    >>> from infoview_kit.analytics import example_log
    >>> log = example_log()
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


def summary_figures(log: OutreachLog | Analysis, *, as_of: Any = None) -> dict[str, Any]:
    """The key figures of a log as a JSON-ready dict (``infoview summary``).

    Keys: ``as_of``, ``contacts``, ``requests``, ``replies``,
    ``response_rate`` and ``response_rate_ci`` ([low, high], Wilson 95%),
    ``unknown_reply_time``, ``km_median_days``, ``p_reply_within_7`` /
    ``p_reply_within_14`` with ``_ci``, ``funnel`` ({stage: count}),
    ``follow_up_adherence``, ``thank_you_within_day_rate``,
    ``contacts_per_month`` ({"YYYY-MM": requests}) and
    ``deepest_referral_chain`` (referral steps). Missing values are None.
    Every figure is worked out from one :class:`Analysis` (pass your own to
    share its tables with other figures).

    >>> from infoview_kit.analytics import example_log
    >>> figures = summary_figures(example_log())
    >>> figures["requests"], figures["replies"], figures["funnel"]["met"]
    (4, 3, 2)
    >>> figures["deepest_referral_chain"]
    1
    """
    analysis = analyse(log, as_of=as_of, what="summary_figures")
    rates = response_rates(analysis).iloc[0]
    times = time_to_first_reply(analysis).summary.iloc[0]
    stages = funnel(analysis)
    habits = discipline_summary(analysis)
    months = contacts_per_month(analysis)
    stamp = analysis.as_of
    return {
        "as_of": None if stamp is None else stamp.isoformat(),
        "contacts": analysis.people_count,
        "requests": int(rates["requests"]),
        "replies": int(rates["replied"]),
        "response_rate": _plain(rates["rate"]),
        "response_rate_ci": [_plain(rates["ci_low"]), _plain(rates["ci_high"])],
        **_reply_time_figures(times),
        "funnel": {str(s): int(n) for s, n in zip(stages["stage"], stages["count"], strict=True)},
        "follow_up_adherence": habits["follow_up_adherence"],
        "thank_you_within_day_rate": habits["thank_you_within_day_rate"],
        "contacts_per_month": {
            m.strftime("%Y-%m"): int(n)
            for m, n in zip(months["month"], months["requests"], strict=True)
        },
        "deepest_referral_chain": int(referral_stats(analysis)["max_chain_depth"]),
    }


def _reply_time_figures(times: pd.Series) -> dict[str, Any]:
    figures: dict[str, Any] = {
        "unknown_reply_time": int(times["unknown_time"]),
        "km_median_days": _plain(times["median_days"]),
    }
    for days in (7, 14):
        name = f"p_within_{days}"
        figures[f"p_reply_within_{days}"] = _plain(times[name])
        figures[f"p_reply_within_{days}_ci"] = [
            _plain(times[f"{name}_ci_low"]),
            _plain(times[f"{name}_ci_high"]),
        ]
    return figures


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.0f}%"


def format_summary(figures: dict[str, Any]) -> str:
    """The figures of :func:`summary_figures` as a few lines of plain text.

    >>> from infoview_kit.analytics import example_log
    >>> print(format_summary(summary_figures(example_log())))  # doctest: +ELLIPSIS
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
    lines.append(_pace_line(figures))
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
    lines.append(_chain_line(figures.get("deepest_referral_chain", 0)))
    return "\n".join(lines)


def _pace_line(figures: dict[str, Any]) -> str:
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
    return pace


def _chain_line(depth: int) -> str:
    if not depth:
        return "No referral chains yet: ask each person you meet whom else you could talk to."
    return (
        f"Longest referral chain: {depth} step{'s' if depth != 1 else ''} "
        "(someone who led you to someone...)."
    )
