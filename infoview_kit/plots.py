"""Charts of an outreach log (matplotlib, object-oriented API).

Every function has the shape ``plot_x(data, *, ax=None, **kwargs) -> Axes``:

* ``data`` is the summary table of the matching function in
  :mod:`infoview_kit.analytics`, or an :class:`~infoview_kit.model.OutreachLog`
  or :class:`~infoview_kit.analytics.Analysis` (the summary is then computed here);
* ``ax`` is where to draw; without it a new figure is made, sized for the data;
* extra keyword arguments go to the main drawing call (``barh``, ``step``...).

Nothing is shown (no ``plt.show()``) and no global matplotlib setting is
changed. Colours come from the Okabe-Ito palette, which stays distinct for
the common forms of colour blindness. An empty log gives a chart that says
"No data yet" instead of an error.

>>> from infoview_kit.analytics import example_log
>>> ax = plot_funnel(example_log())
>>> ax.get_title(loc="left")
'From request to referral'
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator, PercentFormatter

from infoview_kit.analytics import (
    FOLLOW_UP_TIMINGS,
    FUNNEL_STAGES,
    NOT_RECORDED,
    Analysis,
    ReplyTimes,
    contacts_per_month,
    follow_up_discipline,
    funnel,
    network_growth,
    referral_graph,
    referral_tree_layout,
    response_rates,
    time_to_first_reply,
)
from infoview_kit.model import OutreachLog
from infoview_kit.schema import CHANNELS, CONNECTIONS

#: Okabe & Ito (2008) colour-blind-safe palette.
OKABE_ITO: tuple[str, ...] = (
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#009E73",  # bluish green
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#F0E442",  # yellow
    "#000000",  # black
)
GREY = "#999999"
_LOGS = (OutreachLog, Analysis)  # data the plots compute their table from
LIGHT_GREY = "#D9D9D9"
_TEXT = "#333333"

_TIMING_COLOURS = {
    "early": OKABE_ITO[0],
    "on time": OKABE_ITO[2],
    "late": OKABE_ITO[4],
    "missed": OKABE_ITO[7],
    "answered first": OKABE_ITO[1],
    "window open": GREY,
}
_TIMING_LABELS = {
    "early": "Followed up early (before day 7)",
    "on time": "Followed up on time (days 7-10)",
    "late": "Followed up late (after day 10)",
    "missed": "No follow-up",
    "answered first": "Reply came before a follow-up was due",
    "window open": "Follow-up window still open",
}


# ----------------------------------------------------------------------- helpers


def colour_for(labels: Sequence[str], vocabulary: Sequence[str] | None = None) -> dict[str, str]:
    """A colour per label: Okabe-Ito, grey for "not recorded" and "other".

    With a ``vocabulary`` (e.g. ``schema.CHANNELS``) a label always gets the
    colour of its place in it, so "alumni" looks the same on every chart;
    other labels take the palette in order.

    >>> colour_for(["email", "not recorded"])
    {'email': '#E69F00', 'not recorded': '#999999'}
    >>> from infoview_kit.schema import CONNECTIONS
    >>> colour_for(["cold"], CONNECTIONS)
    {'cold': '#000000'}
    """
    out: dict[str, str] = {}
    fixed = [v for v in (vocabulary or ()) if v not in (NOT_RECORDED, "other")]
    palette = iter(OKABE_ITO * (len(labels) // len(OKABE_ITO) + 1))
    for label in labels:
        text = str(label).replace(" ", "_") if str(label).replace(" ", "_") in fixed else str(label)
        if text == NOT_RECORDED:
            out[label] = GREY
        elif text == "other":
            out[label] = LIGHT_GREY
        elif text in fixed:
            out[label] = OKABE_ITO[fixed.index(text) % len(OKABE_ITO)]
        else:
            out[label] = next(palette)
    return out


def _vocabulary(cols: Sequence[str]) -> Sequence[str] | None:
    """The fixed vocabulary of a single grouping column (for stable colours)."""
    if len(cols) == 1:
        return {"channel": CHANNELS, "connection": CONNECTIONS, "entered_via": CONNECTIONS}.get(
            cols[0]
        )
    return None


def new_figure(
    size: tuple[float, float], *, dpi: float = 96, layout: str | None = "constrained"
) -> Figure:
    """A matplotlib ``Figure`` outside pyplot (constrained layout): nothing to close.

    ``layout=None`` leaves the layout to the caller (``Figure.subplots_adjust``).

    >>> from infoview_kit.analytics import example_log
    >>> figure = new_figure((4, 3))
    >>> plot_funnel(example_log(), ax=figure.add_subplot()).get_figure() is figure
    True
    """
    return Figure(figsize=size, dpi=dpi, layout=layout)


def figure_png(figure: Figure) -> bytes:
    """The figure as PNG bytes (at the figure's own dpi).

    >>> figure_png(new_figure((2, 1)))[:4]
    b'\\x89PNG'
    """
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _axes(ax: Axes | None, size: tuple[float, float]) -> Axes:
    if ax is not None:
        return ax
    _, ax = plt.subplots(figsize=size, layout="constrained")
    return ax


def _no_data(ax: Axes, title: str, message: str) -> Axes:
    ax.set_title(title, loc="left")
    ax.text(
        0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color=_TEXT, wrap=True
    )
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)
    return ax


def _tidy(ax: Axes, *, grid: str = "x") -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(axis=grid, color=LIGHT_GREY, linewidth=0.8)
    ax.set_axisbelow(True)


def _group_columns(table: pd.DataFrame, known: Sequence[str]) -> list[str]:
    return [c for c in table.columns if c not in known]


def _group_labels(table: pd.DataFrame, cols: list[str], *, default: str) -> list[str]:
    """One label per row: group values joined by " · ", shortened (vocabulary words unchanged)."""
    if not cols:
        return [default] * len(table)
    parts = [
        table[c].astype("object").where(table[c].notna(), NOT_RECORDED).astype(str) for c in cols
    ]
    # "in_person" reads "in person"; a label the user typed keeps its underscores.
    parts = [
        p.where(~p.isin(CHANNELS), p.str.replace("_", " ")) if c == "channel" else p
        for p, c in zip(parts, cols, strict=True)
    ]
    joined = parts[0]
    for part in parts[1:]:
        joined = joined + " · " + part
    return [_short(label, 28) for label in joined]


def _short(text: str, width: int) -> str:
    """A label cut to ``width`` characters, drawn as typed.

    A ``$`` is escaped: matplotlib would read ``$...$`` as a formula (and fail
    to draw an unfinished one), but in a label it is a dollar sign.

    >>> print(_short("pay $50k-$80k", 28))
    pay \\$50k-\\$80k
    """
    text = str(text)
    text = text if len(text) <= width else text[: width - 1] + "…"
    return text.replace("$", r"\$")


def _pretty(name: str) -> str:
    return str(name).replace("_", " ")


def _by_title(cols: list[str]) -> str:
    return " and ".join(_pretty(c) for c in cols)


# ------------------------------------------------------------------ reply rates


def plot_response_rates(
    data: pd.DataFrame | OutreachLog,
    *,
    by: str | Sequence[str] | None = None,
    ax: Axes | None = None,
    max_groups: int = 20,
    **kwargs: Any,
) -> Axes:
    """Reply rate per group as horizontal bars with Wilson 95% intervals.

    ``data``: :func:`~infoview_kit.analytics.response_rates` output, or a log (``by`` is then
    passed on). Each bar is labelled with replies / requests. With more than
    ``max_groups`` groups only the ones with most requests are drawn (the
    title says so). Extra keywords go to ``Axes.barh``.

    >>> from infoview_kit.analytics import example_log
    >>> ax = plot_response_rates(example_log(), by="channel")
    >>> [round(p.get_width()) for p in ax.patches]
    [100, 0]
    """
    table = response_rates(data, by=by) if isinstance(data, _LOGS) else data
    known = ["requests", "replied", "rate", "ci_low", "ci_high", "excluded_recent"]
    cols = _group_columns(table, known)
    title = f"Reply rate by {_by_title(cols)}" if cols else "Reply rate of your requests"
    shown = table[table["requests"].to_numpy() > 0] if cols else table
    if shown.empty or int(shown["requests"].sum()) == 0:
        return _no_data(
            _axes(ax, (6.4, 2.4)), title, "No data yet: log a request to see its reply rate."
        )
    if len(shown) > max_groups:
        shown = shown.nlargest(max_groups, "requests", keep="first").sort_index()
        title += f" (the {max_groups} largest of {len(table)} groups)"
    ax = _axes(ax, (6.8, 1.3 + 0.32 * len(shown)))
    labels = _group_labels(shown, cols, default="All requests")
    rate = np.nan_to_num(shown["rate"].to_numpy(dtype=float) * 100)
    y = np.arange(len(shown))
    vocabulary = _vocabulary(cols)
    colours = [colour_for(labels, vocabulary)[k] for k in labels] if vocabulary else OKABE_ITO[3]
    options = {"color": colours, "height": 0.6, "alpha": 0.85, **kwargs}
    ax.barh(y, rate, **options)
    ends = _rate_intervals(ax, shown, y, rate)
    size = 8 if len(shown) <= 12 else 7
    for yi, end, n_rep, n_req in zip(y, ends, shown["replied"], shown["requests"], strict=True):
        ax.text(
            end + 1.5, yi, f"{n_rep}/{n_req}", va="center", ha="left", fontsize=size, color=_TEXT
        )
    ax.set_yticks(y, labels, fontsize=size + 1)
    pad = max(0.0, (3 - len(shown)) / 2)  # one or two bars stay bars, not slabs
    ax.set_ylim(len(shown) - 0.5 + pad, -0.5 - pad)
    ax.set_xlim(0, 112)
    ax.set_xticks(np.arange(0, 101, 20))
    ax.xaxis.set_major_formatter(PercentFormatter())
    ax.set_xlabel(
        "Requests answered (%); line = 95% interval (2+ requests); label = replies/requests"
    )
    ax.set_title(title, loc="left")
    _tidy(ax)
    return ax


def _rate_intervals(ax: Axes, shown: pd.DataFrame, y: np.ndarray, rate: np.ndarray) -> np.ndarray:
    """Draw the 95% interval of each group with two requests or more; return where each ends.

    One request says almost nothing about a rate: its interval would span most
    of the axis, so it gets none (the label 0/1 or 1/1 says enough).
    """
    low = np.nan_to_num(shown["ci_low"].to_numpy(dtype=float) * 100)
    high = np.nan_to_num(shown["ci_high"].to_numpy(dtype=float) * 100)
    several = shown["requests"].to_numpy() > 1
    if several.any():
        ax.errorbar(
            rate[several],
            y[several],
            # a 100% or 0% rate can sit a rounding error outside its interval: no negative bar
            xerr=[
                np.clip(rate - low, 0, None)[several],
                np.clip(high - rate, 0, None)[several],
            ],
            fmt="none",
            ecolor=_TEXT,
            elinewidth=1,
            capsize=3,
        )
    return np.where(several, np.maximum(high, rate), rate)


# ----------------------------------------------------------------- time to reply


def plot_time_to_reply(
    data: ReplyTimes | OutreachLog | Analysis,
    *,
    by: str | Sequence[str] | None = None,
    ax: Axes | None = None,
    max_days: float | None = None,
    max_groups: int = 4,
    bands: bool | None = None,
    **kwargs: Any,
) -> Axes:
    """Share of requests answered by each day since the request (Kaplan-Meier steps).

    ``data``: :func:`~infoview_kit.analytics.time_to_first_reply` output, or a log (``by`` is
    then passed on). Shaded bands are pointwise 95% intervals. Unanswered
    requests count as still waiting, so the curve does not fall when recent
    requests are added. The x axis stops at ``max_days`` (default: the
    longest follow-up, at most 60 days). At most ``max_groups`` groups are
    drawn (those with most requests); ``bands`` (default: only with one or
    two curves, where they stay readable) shades the intervals. Extra
    keywords go to ``Axes.step``.

    >>> from infoview_kit.analytics import example_log
    >>> ax = plot_time_to_reply(example_log())
    >>> [line.get_label() for line in ax.get_lines() if not line.get_label().startswith("_")]
    ['All 4 requests']
    """
    times = time_to_first_reply(data, by=by) if isinstance(data, _LOGS) else data
    cols = list(times.by)
    title = "How quickly requests get a first reply" + (f", by {_by_title(cols)}" if cols else "")
    note = None
    summary = times.summary[times.summary["requests"].to_numpy() > 0]
    curves = times.curves
    if curves.empty or summary.empty:
        return _no_data(
            _axes(ax, (6.4, 3.6)), title, "No data yet: log a request to see how soon replies come."
        )
    if len(summary) > max_groups:
        note = f"The {max_groups} largest of {len(summary)} groups"
        summary = summary.nlargest(max_groups, "requests", keep="first")
    ax = _axes(ax, (6.8, 4.0))
    shade = len(summary) <= 2 if bands is None else bands
    _reply_curves(ax, times, summary, shade=shade, **kwargs)
    longest = float(curves["days"].max())
    _day_axis(ax, max_days if max_days is not None else min(max(longest, 7.0), 60.0))
    ax.set_title(title, loc="left")
    ax.legend(
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        fontsize=8,
        frameon=False,
        title=note,
        title_fontsize=8,
    )
    _tidy(ax, grid="y")
    return ax


def _reply_curves(
    ax: Axes, times: ReplyTimes, summary: pd.DataFrame, *, shade: bool, **kwargs: Any
) -> None:
    """One Kaplan-Meier step line per row of ``summary`` (with its band when ``shade``)."""
    cols, curves = list(times.by), times.curves
    labels = _group_labels(summary, cols, default="All requests")
    colours = colour_for(labels, _vocabulary(cols)) if cols else {labels[0]: OKABE_ITO[3]}
    for row, label in zip(summary.to_dict("records"), labels, strict=True):
        mask = np.ones(len(curves), dtype=bool)
        for c in cols:
            mask &= (curves[c] == row[c]).to_numpy()
        curve = curves[mask]
        if curve.empty:
            continue
        days = curve["days"].to_numpy(dtype=float)
        n = int(row["requests"])
        legend = f"{label} (n={n})" if cols else f"All {n} requests"
        options = {"where": "post", "color": colours[label], "linewidth": 2, "label": legend}
        options.update(kwargs)
        ax.step(days, curve["p_replied"].to_numpy(dtype=float) * 100, **options)
        if shade:
            ax.fill_between(
                days,
                curve["ci_low"].to_numpy(dtype=float) * 100,
                curve["ci_high"].to_numpy(dtype=float) * 100,
                step="post",
                color=options["color"],
                alpha=0.15,
                linewidth=0,
            )


def _day_axis(ax: Axes, right: float) -> None:
    """Days 0 to ``right`` with dotted marks at 7, 14 and 30 days; shares in per cent."""
    ax.set_xlim(0, right)
    ax.set_ylim(0, 100)
    marks = [d for d in (7, 14, 30) if d < right]
    for mark in marks:
        ax.axvline(mark, color=GREY, linestyle=":", linewidth=1)
    ax.set_xticks(sorted({0, *marks, *[d for d in (3, 21, 45, 60, 90) if d <= right]}))
    ax.yaxis.set_major_formatter(PercentFormatter())
    ax.set_xlabel("Days since the request")
    ax.set_ylabel("Requests answered (%)")


# ------------------------------------------------------------------------ funnel


def plot_funnel(data: pd.DataFrame | OutreachLog, *, ax: Axes | None = None, **kwargs: Any) -> Axes:
    """The funnel from request to referral as horizontal bars, one per stage.

    ``data``: :func:`~infoview_kit.analytics.funnel` output (ungrouped, or grouped: one bar per
    group within each stage, at most six groups) or a log. Each bar is
    labelled with its count and its share of the requests. Extra keywords go
    to ``Axes.barh``.

    >>> from infoview_kit.analytics import example_log
    >>> ax = plot_funnel(example_log())
    >>> [int(p.get_width()) for p in ax.patches]
    [4, 3, 2, 2, 1]
    """
    table = funnel(data) if isinstance(data, _LOGS) else data
    cols = _group_columns(table, ["stage", "count", "from_previous", "from_contacted"])
    title = "From request to referral" + (f", by {_by_title(cols)}" if cols else "")
    if table.empty or int(table["count"].max()) == 0:
        return _no_data(
            _axes(ax, (6.4, 2.8)), title, "No data yet: the funnel starts with your first request."
        )
    stages = list(FUNNEL_STAGES)
    if cols:
        firsts = table[table["stage"] == "contacted"].nlargest(6, "count", keep="first")
        groups = _group_labels(firsts, cols, default="")
        keys = [tuple(r) for r in firsts[cols].itertuples(index=False)]
    else:
        groups, keys = ["All requests"], [()]
    ax = _axes(ax, (6.8, 1.2 + 0.45 * len(stages) * max(1, len(groups) * 0.6)))
    colours = colour_for(groups, _vocabulary(cols)) if cols else {"All requests": OKABE_ITO[3]}
    height = 0.8 / len(groups)
    top = float(table["count"].max())
    size = 8 if len(groups) <= 2 else 7
    for i, (label, key) in enumerate(zip(groups, keys, strict=True)):
        rows = table
        for c, v in zip(cols, key, strict=True):
            rows = rows[(rows[c] == v).to_numpy()]
        rows = rows.set_index("stage").reindex(stages)
        counts = rows["count"].fillna(0).to_numpy(dtype=float)
        shares = rows["from_contacted"].to_numpy(dtype=float)
        y = np.arange(len(stages)) + (i - (len(groups) - 1) / 2) * height
        options = {
            "height": height * 0.9,
            "color": colours[label],
            "label": label if cols else None,
            **kwargs,
        }
        ax.barh(y, counts, **options)
        for yi, n, share in zip(y, counts, shares, strict=True):
            text = f"{int(n)}" + ("" if np.isnan(share) else f" ({share:.0%})")
            ax.text(n + top * 0.01, yi, text, va="center", ha="left", fontsize=size, color=_TEXT)
    ax.set_yticks(np.arange(len(stages)), [s.capitalize() for s in stages])
    ax.invert_yaxis()
    ax.set_xlim(0, top * 1.22)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("Requests (share of all requests in brackets)")
    ax.set_title(title, loc="left")
    if cols:
        ax.legend(fontsize=8, frameon=False, loc="lower right")
    _tidy(ax)
    return ax


# ---------------------------------------------------------------- network growth


def plot_network_growth(
    data: pd.DataFrame | OutreachLog, *, freq: str = "W", ax: Axes | None = None, **kwargs: Any
) -> Axes:
    """People in the network over time, stacked by how they came in.

    ``data``: :func:`~infoview_kit.analytics.network_growth` output or a log (``freq`` is then
    passed on). Extra keywords go to ``Axes.stackplot``.

    >>> from infoview_kit.analytics import example_log
    >>> ax = plot_network_growth(example_log())
    >>> ax.get_ylabel()
    'People in your network'
    """
    table = network_growth(data, freq=freq) if isinstance(data, _LOGS) else data
    title = "How your network grew, by how people came in"
    if table.empty:
        return _no_data(
            _axes(ax, (6.8, 3.6)), title, "No data yet: add a contact to start your network."
        )
    wide = table.pivot_table(
        index="period", columns="entered_via", values="cumulative", observed=True, aggfunc="sum"
    )
    wide = wide.loc[:, wide.max() > 0]
    ax = _axes(ax, (7.2, 4.0))
    labels = [str(c) for c in wide.columns]
    colours = colour_for(labels, CONNECTIONS)
    x = wide.index.to_numpy()
    if len(x) == 1:  # a single period: draw it as a short flat band
        x = np.array([x[0], x[0] + np.timedelta64(1, "D")])
        wide = pd.concat([wide, wide])
    options = {"colors": [colours[label] for label in labels], "alpha": 0.9, **kwargs}
    stacks = ax.stackplot(x, wide.to_numpy(dtype=float).T, labels=labels, **options)
    locator = mdates.AutoDateLocator(maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlim(x[0], x[-1])
    ax.set_ylabel("People in your network")
    ax.set_xlabel("Date the person entered your network")
    ax.set_title(title, loc="left")
    handles = stacks[::-1]
    ax.legend(
        handles,
        [h.get_label() for h in handles],
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        fontsize=8,
        frameon=False,
        title="Came in as",
        title_fontsize=8,
    )
    _tidy(ax, grid="y")
    return ax


# ---------------------------------------------------------- follow-up discipline


def plot_follow_up_discipline(
    data: pd.DataFrame | OutreachLog, *, ax: Axes | None = None, **kwargs: Any
) -> Axes:
    """What happened to requests left unanswered for 7 business days (the 3B7 rule).

    ``data``: :func:`~infoview_kit.analytics.follow_up_discipline` output or a log. One bar per
    outcome, labelled with its count and share. Extra keywords go to
    ``Axes.barh``.

    >>> from infoview_kit.analytics import example_log
    >>> ax = plot_follow_up_discipline(example_log())
    >>> [int(p.get_width()) for p in ax.patches]
    [0, 1, 0, 0, 0, 0]
    """
    table = follow_up_discipline(data) if isinstance(data, _LOGS) else data
    title = "Follow-ups after 7 business days without a reply"
    if table.empty:
        return _no_data(
            _axes(ax, (6.8, 2.6)),
            title,
            "Nothing to show yet: no request has waited 7 business days without a reply.",
        )
    order = list(FOLLOW_UP_TIMINGS)
    counts = table["timing"].astype("object").value_counts().reindex(order, fill_value=0)
    ax = _axes(ax, (6.8, 3.0))
    y = np.arange(len(order))
    options = {"color": [_TIMING_COLOURS[t] for t in order], "height": 0.65, **kwargs}
    ax.barh(y, counts.to_numpy(dtype=float), **options)
    total = counts.sum()
    top = float(counts.max())
    for yi, n in zip(y, counts, strict=True):
        ax.text(
            n + top * 0.01,
            yi,
            f"{n} ({n / total:.0%})",
            va="center",
            ha="left",
            fontsize=8,
            color=_TEXT,
        )
    ax.set_yticks(y, [_TIMING_LABELS[t] for t in order], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, top * 1.25)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(f"Requests with no reply after 7 business days (n={total})")
    ax.set_title(title, loc="left")
    _tidy(ax)
    return ax


# -------------------------------------------------------------------- referrals


def _short_name(name: Any) -> str:
    """First name and initial ("Ada E."); "(no name)" when none is known: never an id."""
    if not isinstance(name, str) or not name.strip():
        return "(no name)"
    words = name.split()
    if len(words) == 1:
        return _short(words[0], 14)
    return _short(f"{words[0]} {words[-1][0]}.", 14)


def plot_referral_tree(
    data: Any,
    *,
    ax: Axes | None = None,
    labels: bool = True,
    max_rows: int = 300,
    max_labels: int = 250,
    layout: dict[Any, tuple[float, float]] | None = None,
    **kwargs: Any,
) -> Axes:
    """Who led you to whom: referral trees drawn left to right by referral step.

    ``data``: an OutreachLog (or Analysis) or
    :func:`~infoview_kit.analytics.referral_graph` output. Only people in a
    chain are drawn (people nobody referred and who referred no one are
    counted in the title). Labels are first name and initial, sized to fit
    the rows; with too many rows to read, only the people who referred
    someone keep a label, and at most ``max_labels`` names are written (those
    who referred most people first). A person whose name is not known is
    labelled "(no name)". Trees that would take more than ``max_rows`` rows
    are left out, largest trees first (the x label says how many are shown).
    ``layout``: positions already worked out by
    :func:`~infoview_kit.analytics.referral_tree_layout` (with the same
    ``max_rows``), to save doing it twice. Extra keywords go to ``Axes.scatter``.

    >>> from infoview_kit.analytics import example_log
    >>> ax = plot_referral_tree(example_log())
    >>> [t.get_text() for t in ax.texts]
    ['Ed R.', 'Cy P.']
    """
    graph = referral_graph(data) if isinstance(data, _LOGS) else data
    positions = layout if layout is not None else referral_tree_layout(graph, max_rows=max_rows)
    title = "Who led you to whom"
    if not positions:
        return _no_data(
            _axes(ax, (6.4, 2.4)),
            title,
            "No referrals yet: at the end of each conversation, ask whom else you could talk to.",
        )
    nodes = list(positions)
    xy = np.array([positions[n] for n in nodes], dtype=float)
    rows = float(xy[:, 1].max()) + 1
    depth = int(xy[:, 0].max())
    ax = _axes(ax, (7.2, min(max(2.4, 0.2 * rows + 1.2), 24.0)))
    _tree_lines(ax, graph, dict(zip(nodes, xy, strict=True)))
    referred = np.array([graph.out_degree(n) for n in nodes])
    referrer = referred > 0
    _tree_points(ax, xy, referrer, **kwargs)
    ax.set_xlim(-0.3, depth + 1.1)
    ax.set_ylim(rows - 0.4, -0.8)
    if labels:
        names = [_short_name(graph.nodes[node].get("name")) for node in nodes]
        _tree_labels(ax, xy, names, referred, rows=rows, most=max_labels)
    ax.set_xticks(
        range(depth + 1),
        ["first contact"] + [f"{d} step{'s' if d > 1 else ''}" for d in range(1, depth + 1)],
    )
    ax.set_yticks([])
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    # a graph cut to the largest chains carries the counts of the whole log
    linked = graph.graph.get("linked", sum(1 for n in graph if graph.degree(n) > 0))
    alone = graph.graph.get("people", graph.number_of_nodes()) - linked
    shown = f" (largest chains: {len(nodes):,} of {linked:,} people)" if linked > len(nodes) else ""
    ax.set_xlabel(f"Referral steps from the person who started the chain{shown}")
    ax.set_title(f"{title}: {linked:,} people in chains, {alone:,} not (yet) linked", loc="left")
    ax.legend(loc="lower right", fontsize=8, frameon=False)
    return ax


def _tree_lines(ax: Axes, graph: Any, where: dict[Any, np.ndarray]) -> None:
    """Elbow lines from each referrer to the people they referred."""
    segments = []
    for source, target in graph.edges():
        if source in where and target in where:
            (x0, y0), (x1, y1) = where[source], where[target]
            segments.append([(x0, y0), (x0 + 0.5, y0), (x0 + 0.5, y1), (x1, y1)])
    ax.add_collection(LineCollection(segments, colors=GREY, linewidths=0.8, zorder=1))


def _tree_points(ax: Axes, xy: np.ndarray, referrer: np.ndarray, **kwargs: Any) -> None:
    """One dot per person: blue if they were referred, vermillion if they referred someone."""
    options = {"s": 28, "zorder": 2, "edgecolor": "white", "linewidth": 0.5, **kwargs}
    for chosen, colour, label in (
        (~referrer, OKABE_ITO[1], "was referred"),
        (referrer, OKABE_ITO[4], "referred someone"),
    ):
        ax.scatter(xy[chosen, 0], xy[chosen, 1], color=colour, label=label, **options)


def _tree_labels(
    ax: Axes, xy: np.ndarray, names: list[str], referred: np.ndarray, *, rows: float, most: int
) -> None:
    """Names beside the dots, sized to the rows: only referrers' when rows are too tight,
    and at most ``most`` names (those who referred most people first)."""
    figure = ax.get_figure()
    height_pt = ax.get_position().height * figure.get_figheight() * 72
    font = float(np.clip(0.7 * height_pt / rows, 0, 8))
    shown = np.ones(len(names), dtype=bool) if font >= 4 else referred > 0
    if shown.sum() > most:
        order = np.argsort(-referred, kind="stable")
        keep = order[shown[order]][:most]
        shown = np.zeros(len(names), dtype=bool)
        shown[keep] = True
    font = max(font, 4.0)
    box = {"facecolor": "white", "edgecolor": "none", "pad": 0.4, "alpha": 0.9}
    for name, (x, y), show in zip(names, xy, shown, strict=True):
        if show:
            ax.text(
                x + 0.08, y, name, fontsize=font, va="center", ha="left", color=_TEXT,
                zorder=3, bbox=box,
            )  # fmt: skip


# --------------------------------------------------------------- contacts/month


def plot_contacts_per_month(
    data: pd.DataFrame | OutreachLog, *, ax: Axes | None = None, **kwargs: Any
) -> Axes:
    """New people written to per month (first requests), as bars on a date axis.

    ``data``: :func:`~infoview_kit.analytics.contacts_per_month` output or a log. Extra
    keywords go to ``Axes.bar``.

    >>> from infoview_kit.analytics import example_log
    >>> ax = plot_contacts_per_month(example_log())
    >>> [int(p.get_height()) for p in ax.patches]
    [4]
    """
    table = contacts_per_month(data) if isinstance(data, _LOGS) else data
    title = "New people contacted per month"
    if table.empty:
        return _no_data(
            _axes(ax, (6.4, 2.8)), title, "No data yet: log a request to start the count."
        )
    ax = _axes(ax, (6.8, 3.4))
    months = table["month"].to_numpy(dtype="datetime64[D]")
    centre = months + np.timedelta64(14, "D")
    counts = table["requests"].to_numpy(dtype=float)
    options = {"width": np.timedelta64(24, "D"), "color": OKABE_ITO[3], **kwargs}
    ax.bar(centre, counts, **options)
    if len(table) <= 24:
        for x, n in zip(centre, counts, strict=True):
            ax.text(x, n, f"{int(n)}", ha="center", va="bottom", fontsize=8, color=_TEXT)
    locator = mdates.AutoDateLocator(minticks=3, maxticks=10)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.set_xlim(months[0] - np.timedelta64(3, "D"), months[-1] + np.timedelta64(31, "D"))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylim(0, max(counts.max() * 1.15, 1))
    ax.set_ylabel("People (first request)")
    ax.set_xlabel("Month of the first request")
    ax.set_title(title, loc="left")
    _tidy(ax, grid="y")
    return ax
