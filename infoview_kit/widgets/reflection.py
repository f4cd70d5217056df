"""``ReflectionDashboard``: your outreach at a glance, with filters (notebook 07).

A thin view: it holds the filter widgets, calls :func:`metrics.filter_log`
and the summary and plot functions, and shows the charts as PNG images. The
charts are drawn on matplotlib ``Figure`` objects that never touch pyplot,
so no figure is left open, and the images can be checked outside a browser.
Only the visible tab is redrawn after a filter change; the others are redrawn
when opened.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from html import escape
from typing import Any

import ipywidgets as w
import pandas as pd

from infoview_kit.analytics import metrics
from infoview_kit.analytics.reminders import due_list
from infoview_kit.model import OutreachLog
from infoview_kit.schema import CHANNELS, CONNECTIONS

#: Ways to compare reply rates and times.
COMPARE_BY: tuple[tuple[str, str], ...] = (
    ("channel of the request", "channel"),
    ("how you are connected", "connection"),
    ("field", "field"),
    ("month of the request", "month"),
)

#: Tabs and the charts each one holds, in order.
TABS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Replies", ("response_rates", "time_to_reply")),
    ("Follow-through", ("funnel", "follow_up")),
    ("Network", ("network_growth", "referral_tree")),
    ("Pace", ("contacts_per_month",)),
)

_PROMPTS = (
    "Which conversation changed what you plan to do next, and why?",
    "What do several people in the same field agree on? Where do they disagree?",
    "Which skills or experiences came up again and again? Which of them do you already have?",
    "What do you still need to find out, and who could tell you?",
)


def _options(values: pd.Series, vocabulary: tuple[str, ...] = ()) -> list[str]:
    present = set(values.dropna().astype(str))
    ordered = [v for v in vocabulary if v in present]
    return ordered + sorted(present - set(ordered))


def _png(draw: Callable[..., Any], *, size: tuple[float, float]) -> bytes:
    """Draw with ``draw(ax=...)`` on a pyplot-free Figure and return PNG bytes."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=size, dpi=96, layout="constrained")
    draw(ax=figure.add_subplot())
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


class ReflectionDashboard(w.VBox):
    """Filters, key figures, charts and reflection prompts for one outreach log.

    Nothing selected in a list means "all". ``filtered_log`` is the log the
    charts show; ``filters`` the keyword arguments given to
    :func:`metrics.filter_log`.

    >>> from infoview_kit.analytics.metrics import _demo_log
    >>> board = ReflectionDashboard(_demo_log(), today="2025-03-24")
    >>> board.channels.value = ("linkedin",)
    >>> len(board.filtered_log.contacts)
    1
    """

    def __init__(self, log: OutreachLog, *, today: Any = None) -> None:
        self.full_log = log
        stamp = pd.Timestamp(today) if today is not None else pd.Timestamp.today()
        self.today = stamp.normalize()
        self._anchors = metrics._anchor_dates(log)  # worked out once; filters reuse it
        keys = self._anchors.keys
        layout = w.Layout(width="270px")
        style = {"description_width": "85px"}
        dates = w.Layout(width="250px")
        self.start = w.DatePicker(
            description="From", style={"description_width": "40px"}, layout=dates
        )
        self.end = w.DatePicker(description="To", style={"description_width": "40px"}, layout=dates)
        self.channels = w.SelectMultiple(
            options=_options(keys["channel"], CHANNELS),
            description="Channel",
            rows=4,
            style=style,
            layout=layout,
        )
        self.connections = w.SelectMultiple(
            options=_options(keys["connection"], CONNECTIONS),
            description="Connection",
            rows=4,
            style=style,
            layout=layout,
        )
        self.fields = w.SelectMultiple(
            options=_options(keys["field"]), description="Field", rows=4, style=style, layout=layout
        )
        self.compare_by = w.Dropdown(
            options=COMPARE_BY,
            value="channel",
            description="Compare by",
            style={"description_width": "90px"},
            layout=w.Layout(width="340px"),
        )
        self.clear = w.Button(description="Show everything", icon="undo")
        self.status = w.HTML()
        self.figures = w.HTML()
        self.images = {
            name: w.Image(format="png", layout=w.Layout(max_width="760px"))
            for _, names in TABS
            for name in names
        }
        self.tabs = w.Tab(children=[w.VBox([self.images[n] for n in names]) for _, names in TABS])
        self.tabs.titles = tuple(title for title, _ in TABS)
        self.lessons = w.HTML()
        self.due = w.HTML()
        self.filtered_log: OutreachLog = log
        self._stale: set[int] = set()
        self._memo: dict = {}  # tables worked out for this filtered log (metrics._reuse)
        self.redraws = 0  # charts drawn so far (tests and curious users)

        for control in (self.start, self.end, self.channels, self.connections, self.fields):
            control.observe(self._on_filter, names="value")
        self.compare_by.observe(self._on_compare, names="value")
        self.tabs.observe(self._on_tab, names="selected_index")
        self.clear.on_click(lambda _: self.reset())

        filters = w.HBox(
            layout=w.Layout(flex_flow="row wrap", grid_gap="8px"),
            children=[
                w.VBox([self.start, self.end, self.clear]),
                self.channels,
                self.connections,
                self.fields,
            ],
        )
        reflect = w.VBox(
            [
                w.HTML("<h3>What did I learn, field by field?</h3>"),
                self.lessons,
                w.HTML("<h3>Whom do I owe a thank-you, an update or a follow-up?</h3>"),
                self.due,
                w.HTML(
                    "<h3>Questions to think over</h3><ul>"
                    + "".join(f"<li>{escape(q)}</li>" for q in _PROMPTS)
                    + "</ul>"
                ),
            ]
        )
        super().__init__([filters, self.status, self.figures, self.compare_by, self.tabs, reflect])
        self.refresh()

    # -------------------------------------------------------------- state

    @property
    def filters(self) -> dict[str, Any]:
        """The current filters as keyword arguments of :func:`metrics.filter_log`."""
        return {
            "start": self.start.value,
            "end": self.end.value,
            "channels": list(self.channels.value) or None,
            "connections": list(self.connections.value) or None,
            "fields": list(self.fields.value) or None,
        }

    def reset(self) -> None:
        """Clear every filter (one redraw)."""
        self._hold = True
        try:
            self.start.value = self.end.value = None
            self.channels.value = self.connections.value = self.fields.value = ()
        finally:
            self._hold = False
        self.refresh()

    # ---------------------------------------------------------- callbacks

    _hold = False

    def _on_filter(self, _change: dict) -> None:
        if not self._hold:
            self.refresh()

    def _on_compare(self, _change: dict) -> None:
        self._stale.add(0)
        self._draw_tab(self.tabs.selected_index or 0)

    def _on_tab(self, change: dict) -> None:
        if change["new"] is not None:
            self._draw_tab(change["new"])

    # ------------------------------------------------------------ drawing

    def refresh(self) -> None:
        """Apply the filters, update the figures and prompts, redraw the visible tab."""
        self._memo = {}  # a new filtered log: forget the old one's tables
        with metrics._reuse(self._memo):
            self._refresh()

    def _refresh(self) -> None:
        self.filtered_log = metrics._filter_with(self.full_log, self._anchors, **self.filters)
        log = self.filtered_log
        shown, total = len(log.contacts), len(self.full_log.contacts)
        self.status.value = f"<p>Showing {shown} of {total} contacts.</p>"
        text = metrics.format_summary(metrics.summary_figures(log))
        self.figures.value = "".join(
            f"<p style='margin:2px 0'>{escape(line)}</p>" for line in text.splitlines()
        )
        self.lessons.value = _lessons_html(metrics.lessons_by_field(log))
        self.due.value = _due_html(due_list(log, today=self.today))
        self._stale = set(range(len(TABS)))
        self._draw_tab(self.tabs.selected_index or 0)

    def _draw_tab(self, index: int) -> None:
        if index not in self._stale:
            return
        with metrics._reuse(self._memo):  # a tab opened later reuses this log's tables
            for name in TABS[index][1]:
                self.images[name].value = self._chart(name)
                self.redraws += 1
        self._stale.discard(index)

    def _chart(self, name: str) -> bytes:
        """PNG of one chart of the filtered log, sized to what it shows."""
        from infoview_kit import plots
        from infoview_kit.analytics import network

        log = self.filtered_log
        by = self.compare_by.value
        if name == "response_rates":
            table = metrics.response_rates(log, by=by)
            groups = min(int((table["requests"] > 0).sum()), 20)
            return _png(
                lambda ax: plots.plot_response_rates(table, ax=ax),
                size=(7.5, max(2.4, 1.3 + 0.32 * groups)),
            )
        if name == "referral_tree":
            graph = network.referral_graph(log)
            rows = max((y for _, y in network.referral_tree_layout(graph).values()), default=0) + 1
            return _png(
                lambda ax: plots.plot_referral_tree(graph, ax=ax),
                size=(7.5, min(max(2.4, 0.2 * rows + 1.2), 24.0)),
            )
        draw: dict[str, tuple[Callable[..., Any], tuple[float, float]]] = {
            "time_to_reply": (lambda ax: plots.plot_time_to_reply(log, by=by, ax=ax), (7.5, 3.8)),
            "funnel": (lambda ax: plots.plot_funnel(log, ax=ax), (7.5, 3.2)),
            "follow_up": (lambda ax: plots.plot_follow_up_discipline(log, ax=ax), (7.5, 3.0)),
            "network_growth": (lambda ax: plots.plot_network_growth(log, ax=ax), (7.5, 3.8)),
            "contacts_per_month": (
                lambda ax: plots.plot_contacts_per_month(log, ax=ax),
                (7.5, 3.2),
            ),
        }
        function, size = draw[name]
        return _png(function, size=size)


def _lessons_html(table: pd.DataFrame) -> str:
    if table.empty:
        return (
            "<p><i>No meeting notes yet. After each conversation, "
            "note two or three things you learned.</i></p>"
        )
    parts = []
    for field, rows in table.groupby("field", sort=True):
        items = "".join(
            f"<li><b>{escape(str(r.name) if isinstance(r.name, str) else 'someone')}</b>"
            f"{' (' + escape(r.organization) + ')' if isinstance(r.organization, str) else ''}"
            f"{', ' + r.met_on.strftime('%d %b %Y') if pd.notna(r.met_on) else ''}: "
            f"{escape(r.notes)}</li>"
            for r in rows.itertuples(index=False)
        )
        parts.append(
            f"<p><b>{escape(str(field))}</b> ({len(rows)} conversations)</p><ul>{items}</ul>"
        )
    return "".join(parts)


def _due_html(table: pd.DataFrame) -> str:
    if table.empty:
        return "<p><i>Nothing due: you are up to date.</i></p>"
    rows = "".join(
        "<tr>"
        f"<td>{r.due_on:%d %b %Y}</td><td>{escape(r.action)}</td>"
        f"<td>{escape(r.name) if isinstance(r.name, str) else escape(str(r.contact_id))}</td>"
        f"<td>{escape(r.reason)}</td></tr>"
        for r in table.itertuples(index=False)
    )
    head = "<tr><th>due</th><th>action</th><th>who</th><th>why</th></tr>"
    return f"<table class='infoview-due'>{head}{rows}</table>"


__all__ = ["COMPARE_BY", "TABS", "ReflectionDashboard"]
