"""Charts shown in a notebook as images that carry alt text stating what they show, in numbers.

A matplotlib figure displayed the usual way is an ``<img>`` without alt text:
a screen reader says "image" and nothing else. :func:`chart` turns a plot's
Axes into an image whose alt text (see :func:`describe_axes`) names the chart,
its axes, every bar with its value and the labels written on the chart.

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from matplotlib.figure import Figure
>>> ax = Figure().add_subplot()
>>> _ = ax.bar(["email", "linkedin"], [0.4, 0.25]); _ = ax.set_title("Reply rate")
>>> _ = ax.set_ylabel("share answered")
>>> describe_axes(ax)
'Chart: Reply rate. share answered: email 0.4, linkedin 0.25.'
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from html import escape

__all__ = ["Chart", "chart", "describe_axes"]

_MAX_ITEMS = 40


def _number(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.2f}".rstrip("0").rstrip(".")


def _tick_labels(ax, horizontal: bool) -> dict[float, str]:
    ticks = ax.get_yticks() if horizontal else ax.get_xticks()
    labels = ax.get_yticklabels() if horizontal else ax.get_xticklabels()
    return {float(t): lab.get_text() for t, lab in zip(ticks, labels, strict=False)}


def _date_axis(axis) -> bool:
    from matplotlib import dates

    formatter = axis.get_major_formatter()
    return isinstance(
        formatter, (dates.DateFormatter, dates.AutoDateFormatter, dates.ConciseDateFormatter)
    )


def _bar_name(names: dict[float, str], centre: float, on_dates: bool) -> str:
    """The tick label under a bar; on a date axis with no label there, the bar's month."""
    nearest = min(names, key=lambda t: abs(t - centre)) if names else None
    if nearest is not None and abs(nearest - centre) < 0.5:
        return names.get(nearest, "")
    if on_dates:
        from matplotlib.dates import num2date

        return f"{num2date(centre):%b %Y}"
    return ""


def _bars(ax) -> list[str]:
    out = []
    for container in getattr(ax, "containers", []):
        patches = list(container)
        if not patches or not hasattr(patches[0], "get_height"):
            continue
        horizontal = getattr(container, "orientation", "vertical") == "horizontal"
        names = _tick_labels(ax, horizontal)
        on_dates = _date_axis(ax.yaxis if horizontal else ax.xaxis)
        items = []
        for bar in patches[:_MAX_ITEMS]:
            centre = (
                bar.get_y() + bar.get_height() / 2
                if horizontal
                else bar.get_x() + bar.get_width() / 2
            )
            value = bar.get_width() if horizontal else bar.get_height()
            name = _bar_name(names, centre, on_dates)
            items.append(f"{name} {_number(value)}".strip())
        label = container.get_label() or ""
        axis = (ax.get_xlabel() if horizontal else ax.get_ylabel()) or "values"
        lead = f"{label} ({axis})" if label and not label.startswith("_") else axis
        out.append(f"{lead}: {', '.join(items)}.")
    return out


def _lines(ax) -> list[str]:
    out = []
    lines = ax.get_lines()[:_MAX_ITEMS]
    named = any(not line.get_label().startswith("_") for line in lines)
    for line in lines:
        ys = [y for y in line.get_ydata() if y == y]  # NaN left out
        label = line.get_label()
        if not ys or (label.startswith("_") and (len(ys) < 2 or named)):
            continue  # unnamed guides (a 50 % line) say nothing when named lines are there
        name = "" if label.startswith("_") else f"{label}: "
        out.append(f"{name}a line of {len(ys)} points from {_number(ys[0])} to {_number(ys[-1])}.")
    return out


def describe_axes(ax) -> str:
    """One paragraph saying what a chart shows: title, axes, bars and their values, labels."""
    title = ax.get_title(loc="left") or ax.get_title() or ax.get_title(loc="right")
    parts = [f"Chart: {title}." if title else "Chart."]
    parts += _bars(ax) or _lines(ax)
    if not ax.containers and ax.get_xlabel():
        parts.append(f"Across: {ax.get_xlabel()}.")
    legend = ax.get_legend()
    if legend is not None:
        names = [t.get_text() for t in legend.get_texts() if t.get_text()]
        if names:
            parts.append("Legend: " + ", ".join(names) + ".")
    if ax.collections and not ax.containers and ax.get_ylabel():  # areas: how high they reach
        parts.append(f"The scale goes up to {_number(ax.get_ylim()[1])} ({ax.get_ylabel()}).")
    texts = [t.get_text().strip() for t in ax.texts if t.get_text().strip()][:_MAX_ITEMS]
    if texts:
        parts.append("Written on the chart: " + "; ".join(texts).rstrip(".") + ".")
    return " ".join(" ".join(parts).split())


@dataclass(frozen=True)
class Chart:
    """A chart as PNG bytes plus its alt text; shows itself as an ``<img>`` with that text."""

    png: bytes
    alt: str

    def to_html(self) -> str:
        data = base64.b64encode(self.png).decode("ascii")
        return (
            f"<img class='iv-chart' src='data:image/png;base64,{data}' alt='{escape(self.alt)}' "
            "style='max-width:100%;height:auto'>"
        )

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        return self.alt


def chart(ax, *, alt: str | None = None) -> Chart:
    """The figure of ``ax`` as a :class:`Chart` (alt text from :func:`describe_axes` unless given).

    A figure made through pyplot is closed, so it is not shown a second time.
    """
    from infoview_kit.plots import figure_png

    figure = ax.get_figure()
    png = figure_png(figure)
    text = alt or describe_axes(ax)
    import matplotlib.pyplot as plt

    if figure in [plt.figure(n) for n in plt.get_fignums()]:
        plt.close(figure)
    return Chart(png, text)
