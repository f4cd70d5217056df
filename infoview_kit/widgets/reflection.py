"""``ReflectionDashboard``: your outreach at a glance, with filters (notebook 07).

A thin view. It holds the filter widgets, one :class:`~infoview_kit.analytics.LogFilter`
for the whole log (each contact's date and labels worked out once) and one
:class:`~infoview_kit.analytics.Analysis` of the filtered log, which every
figure and chart of the current filter shares. A filter change filters, makes
a new Analysis, writes the key figures, lessons and due list, and redraws the
visible tab only; the other tabs are redrawn when opened. Each chart keeps its
own matplotlib ``Figure`` (outside pyplot, so nothing is left open) and is
drawn again on it, and shown as an HTML ``<img>`` whose alt text says what the chart
shows, in numbers (:func:`~infoview_kit.workshop.charts.chart`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import partial
from html import escape
from typing import Any

import ipywidgets as w
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from infoview_kit import plots
from infoview_kit.analytics import (
    Analysis,
    LogFilter,
    contacts_per_month,
    due_list,
    follow_up_discipline,
    format_summary,
    funnel,
    lessons_by_field,
    network_growth,
    referral_graph,
    referral_tree_layout,
    response_rates,
    summary_figures,
    time_to_first_reply,
)
from infoview_kit.model import OutreachLog
from infoview_kit.schema import CHANNELS, CONNECTIONS
from infoview_kit.widgets._common import CheckboxGroup, style_block
from infoview_kit.workshop.charts import Chart, chart

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
    ("Growth", ("network_growth",)),
    ("Referrals", ("referral_tree",)),
    ("Pace", ("contacts_per_month",)),
)

#: Width of every chart, in inches (at 96 dots per inch: 720 pixels).
CHART_WIDTH = 7.5
#: Rows of the referral tree at most (the largest chains first): more is unreadable.
TREE_ROWS = 60
#: Charts whose words around the plot never change size, so fixed margins (left, right,
#: top, bottom, in inches; what constrained layout found, plus a little) replace constrained
#: layout, which costs tens of milliseconds a drawing. The funnel and follow-up charts name
#: fixed stages on their left and count below (the height of a number does not change);
#: the referral tree has a title and step names below. The others name groups or counts
#: on their left, whose width changes with the data: they keep constrained layout.
FIXED_MARGINS: dict[str, tuple[float, float, float, float]] = {
    "funnel": (0.83, 0.15, 0.25, 0.48),
    "follow_up": (2.48, 0.15, 0.25, 0.48),
    "referral_tree": (0.12, 0.12, 0.4, 0.62),
}
#: Names written in the referral tree at most (those who referred most people first).
TREE_LABELS = 40

_PROMPTS = (
    "Which conversation changed what you plan to do next, and why?",
    "What do several people in the same field agree on? Where do they disagree?",
    "Which skills or experiences came up again and again? Which of them do you already have?",
    "What do you still need to find out, and who could tell you?",
)

_PICK_HINT = (
    "<p style='margin:2px 0'><small>Tick one or more boxes to narrow what is shown; a group "
    "with nothing ticked shows all of it.</small></p>"
)


#: Tick boxes of the filters: one line each, close together (the shared rules let long
#: labels wrap; these are short words).
_FILTER_STYLE = """<style>
.iv-filter .widget-checkbox { height: auto; min-height: 1.6em; margin: 0; }
.iv-filter .widget-checkbox label { padding: 0; line-height: 1.6em; white-space: nowrap; }
.iv-filter .widget-checkbox input { margin-top: 0.35em; }
.iv-filter h4 { margin: 0.2em 0 0.3em 0 !important; }
</style>"""


def tick_boxes(options: list[tuple[str, str]], label: str) -> CheckboxGroup:
    """One filter as a group of tick boxes under a visible heading, as wide as its words.

    >>> group = tick_boxes([("email", "email"), ("in person", "in_person")], "Channel")
    >>> group.boxes["in_person"].description, group.value
    ('in person', ())
    """
    group = CheckboxGroup(options, label=label)
    group.layout = w.Layout(width="max-content", max_width="100%")
    columns = 1 if len(options) <= 5 else 2  # long lists in two columns, read across
    group.list.layout = w.Layout(
        display="grid", grid_template_columns=f"repeat({columns}, max-content)", grid_gap="0 1.5em"
    )
    for box in group.boxes.values():
        box.layout = w.Layout(width="auto")
    group.add_class("iv-filter")
    return group


def filter_options(values: list[str], vocabulary: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """``(label, value)`` pairs for a filter list: vocabulary order first, words for people.

    A vocabulary word such as ``in_person`` reads "in person"; a label someone
    typed is shown as typed.

    >>> filter_options(["phone", "in_person", "zoom"], CHANNELS)
    [('phone', 'phone'), ('in person', 'in_person'), ('zoom', 'zoom')]
    """
    present = set(values)
    ordered = [v for v in vocabulary if v in present]
    ordered += sorted(present - set(ordered))
    return [(v.replace("_", " ") if v in vocabulary else v, v) for v in ordered]


class ReflectionDashboard(w.VBox):
    """Filters, key figures, charts and reflection prompts for one outreach log.

    Nothing selected in a list means "all". ``filtered_log`` is the log the
    charts show, ``analysis`` its :class:`~infoview_kit.analytics.Analysis`
    (shared by every figure of the current filter) and ``filters`` the
    keyword arguments given to :func:`~infoview_kit.analytics.filter_log`.

    >>> from infoview_kit.analytics import example_log
    >>> board = ReflectionDashboard(example_log(), today="2025-03-24")
    >>> board.channels.value = ("linkedin",)
    >>> len(board.filtered_log.contacts)
    1
    """

    def __init__(self, log: OutreachLog, *, today: Any = None) -> None:
        self.full_log = log
        stamp = pd.Timestamp(today) if today is not None else pd.Timestamp.today()
        self.today = stamp.normalize()
        self.chooser = LogFilter(log)  # each contact's date and labels, worked out once
        # A person's notes and due actions depend on their own events only: both lists are
        # worked out once for the whole log, and a filter keeps the rows of its people.
        whole = self.chooser.analysis()
        self.all_lessons = lessons_by_field(whole)
        self.all_due = due_list(whole, today=self.today)
        self._people_codes = {  # the LogFilter's number of each row's person (-1: none)
            "lessons": self._codes_of(self.all_lessons),
            "due": self._codes_of(self.all_due),
        }
        self.filtered_log: OutreachLog = log
        self.analysis = Analysis(log)
        self.redraws = 0  # charts drawn so far (tests and curious users)
        self._stale: set[int] = set()
        self._busy = threading.RLock()  # one change at a time (see the callbacks)
        self._applied: dict[str, Any] | None = None  # the filters last applied
        self._figures: dict[str, Figure] = {}  # one per chart, drawn again on each change
        self._build_controls()
        super().__init__(self._layout())
        self.add_class("iv-view")
        for control in (self.start, self.end, self.channels, self.connections, self.fields):
            control.observe(self._on_filter, names="value")
        self.compare_by.observe(self._on_compare, names="value")
        self.tabs.observe(self._on_tab, names="selected_index")
        self.clear.on_click(lambda _: self.reset())
        self.refresh()

    def _build_controls(self) -> None:
        dates = w.Layout(width="250px")
        short = {"description_width": "40px"}
        self.start = w.DatePicker(description="From", style=short, layout=dates)
        self.end = w.DatePicker(description="To", style=short, layout=dates)
        values = self.chooser.choices
        self.channels = tick_boxes(filter_options(values("channel"), CHANNELS), "Channel")
        self.connections = tick_boxes(
            filter_options(values("connection"), CONNECTIONS), "How you are connected"
        )
        self.fields = tick_boxes(filter_options(values("field")), "Field")
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
        # HTML, not ipywidgets.Image: an <img> with alt text a screen reader can read
        self.images = {
            name: w.HTML(layout=w.Layout(max_width="760px")) for _, names in TABS for name in names
        }
        self.charts: dict[str, Chart] = {}  # the last drawing of each chart: PNG and alt text
        self.tabs = w.Tab(children=[w.VBox([self.images[n] for n in names]) for _, names in TABS])
        self.tabs.titles = tuple(title for title, _ in TABS)
        self.lessons = w.HTML()
        self.due = w.HTML()

    def _layout(self) -> list[w.Widget]:
        filters = w.HBox(
            layout=w.Layout(flex_flow="row wrap", align_items="flex-start", grid_gap="4px 24px"),
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
        head = [
            style_block(),
            w.HTML(_FILTER_STYLE, layout=w.Layout(display="none")),
            filters,
            w.HTML(_PICK_HINT),
            self.status,
            self.figures,
        ]
        return [*head, self.compare_by, self.tabs, reflect]

    # -------------------------------------------------------------- state

    @property
    def filters(self) -> dict[str, Any]:
        """The current filters, as keyword arguments of :func:`~infoview_kit.filter_log`."""
        return {
            "start": self.start.value,
            "end": self.end.value,
            "channels": list(self.channels.value) or None,
            "connections": list(self.connections.value) or None,
            "fields": list(self.fields.value) or None,
        }

    def reset(self) -> None:
        """Clear every filter (one redraw)."""
        with self._busy:
            self._hold = True
            try:
                self.start.value = self.end.value = None
                self.channels.value = self.connections.value = self.fields.value = ()
            finally:
                self._hold = False
            self.refresh()

    # ---------------------------------------------------------- callbacks
    # JupyterLab 4.4+ with ipykernel 7 may hand widget messages to a kernel subshell, so
    # two clicks can call these on two threads at once. One lock makes them take turns;
    # a change that waited finds the filters already shown and draws nothing again.

    _hold = False

    def _on_filter(self, _change: dict) -> None:
        with self._busy:
            if not self._hold and self.filters != self._applied:
                self.refresh()

    def _on_compare(self, _change: dict) -> None:
        with self._busy:
            self._stale.add(0)
            self.draw_tab(self.tabs.selected_index or 0)

    def _on_tab(self, change: dict) -> None:
        with self._busy:
            if change["new"] is not None:
                self.draw_tab(change["new"])

    # ------------------------------------------------------------ drawing

    def refresh(self) -> None:
        """Apply the filters, redraw the visible tab, update the figures and prompts.

        The chart is drawn before the key figures are written, so it follows a click
        as soon as it can; everything is up to date when this returns.
        """
        with self._busy:
            self._apply()
            self.draw_tab(self.tabs.selected_index or 0)
            self._write_texts()

    def update(self) -> None:
        """Apply the filters and write the key figures, lessons and due list (no chart drawn)."""
        with self._busy:
            self._apply()
            self._write_texts()

    def _apply(self) -> None:
        """Filter the log, say how many people are shown, mark every tab as out of date."""
        self._applied = self.filters
        self.analysis = self.chooser.analysis(**self._applied)
        self.filtered_log = self.analysis.log
        shown, total = len(self.filtered_log.contacts), len(self.full_log.contacts)
        self.status.value = f"<p>Showing {shown} of {total} contacts.</p>"
        self._stale = set(range(len(TABS)))

    def _write_texts(self) -> None:
        """The key figures, lessons and due list of the current filter."""
        text = format_summary(summary_figures(self.analysis))
        self.figures.value = "".join(
            f"<p style='margin:2px 0'>{escape(line)}</p>" for line in text.splitlines()
        )
        self.lessons.value = _lessons_html(self._of_shown_people(self.all_lessons, "lessons"))
        self.due.value = _due_html(self._of_shown_people(self.all_due, "due"))

    def _codes_of(self, table: pd.DataFrame) -> np.ndarray:
        """The LogFilter's code of the person of each row of ``table`` (-1 when unknown)."""
        contacts = self.full_log.contacts
        first = ~contacts.duplicated(["owner", "contact_id"]).to_numpy()
        people = pd.MultiIndex.from_frame(contacts.loc[first, ["owner", "contact_id"]])
        where = people.get_indexer(pd.MultiIndex.from_frame(table[["owner", "contact_id"]]))
        codes = self.chooser.codes.contacts[first]
        return np.where(where >= 0, codes[np.maximum(where, 0)], -1) if len(codes) else where

    def _of_shown_people(self, table: pd.DataFrame, which: str) -> pd.DataFrame:
        """The rows of ``table`` (``all_lessons`` or ``all_due``) about people the filters keep."""
        if self.filtered_log is self.full_log:
            return table
        keep = self.chooser.selected(**self._applied)
        codes = self._people_codes[which]
        return table[(codes >= 0) & keep[np.maximum(codes, 0)]]

    def draw_tab(self, index: int) -> None:
        """Draw the charts of tab ``index`` if the filters changed since they were drawn."""
        with self._busy:
            if index not in self._stale:
                return
            for name in TABS[index][1]:
                shown = self.charts[name] = self.draw_chart(name)
                self.images[name].value = shown.to_html()
                self.redraws += 1
            self._stale.discard(index)

    def draw_chart(self, name: str) -> Chart:
        """One chart of the filtered log, sized to what it shows, as PNG with its alt text."""
        draw, size = self._chart(name)
        figure = self._figures.get(name)
        fixed = FIXED_MARGINS.get(name)
        if figure is None:
            layout = None if fixed else "constrained"
            figure = self._figures[name] = plots.new_figure(size, layout=layout)
        else:
            figure.clear()
            figure.set_size_inches(size)
        if fixed:  # margins in inches, as fractions of this figure's size
            left, right, top, bottom = fixed
            width, height = size
            figure.subplots_adjust(
                left=left / width,
                right=1 - right / width,
                top=1 - top / height,
                bottom=bottom / height,
            )
        return chart(draw(ax=figure.add_subplot()))

    def _chart(self, name: str) -> tuple[Callable[..., Any], tuple[float, float]]:
        """How to draw chart ``name`` of the current analysis, and its size in inches."""
        analysis, by = self.analysis, self.compare_by.value
        if name == "response_rates":
            table = response_rates(analysis, by=by)
            groups = min(int((table["requests"] > 0).sum()), 20)
            height = max(2.4, 1.3 + 0.32 * groups)
            return (lambda ax: plots.plot_response_rates(table, ax=ax)), (CHART_WIDTH, height)
        if name == "referral_tree":
            graph = referral_graph(analysis, names_from=self.full_log, max_rows=TREE_ROWS)
            positions = referral_tree_layout(graph, max_rows=TREE_ROWS)
            rows = max((y for _, y in positions.values()), default=0) + 1
            height = min(max(2.4, 0.2 * rows + 1.2), 24.0)
            draw = partial(
                plots.plot_referral_tree,
                graph,
                max_rows=TREE_ROWS,
                max_labels=TREE_LABELS,
                layout=positions,
            )
            return draw, (CHART_WIDTH, height)
        charts: dict[str, tuple[Callable[..., Any], float]] = {
            "time_to_reply": (
                lambda ax: plots.plot_time_to_reply(time_to_first_reply(analysis, by=by), ax=ax),
                3.8,
            ),
            "funnel": (lambda ax: plots.plot_funnel(funnel(analysis), ax=ax), 3.2),
            "follow_up": (
                lambda ax: plots.plot_follow_up_discipline(follow_up_discipline(analysis), ax=ax),
                3.0,
            ),
            "network_growth": (
                lambda ax: plots.plot_network_growth(network_growth(analysis), ax=ax),
                3.8,
            ),
            "contacts_per_month": (
                lambda ax: plots.plot_contacts_per_month(contacts_per_month(analysis), ax=ax),
                3.2,
            ),
        }
        draw, height = charts[name]
        return draw, (CHART_WIDTH, height)


#: Notes shown per field (the latest), and due actions shown (the soonest): a long list
#: says less than a short one, and thousands of rows would slow every filter change.
LESSONS_PER_FIELD = 10
DUE_ROWS = 25


def _lessons_html(table: pd.DataFrame, *, per_field: int = LESSONS_PER_FIELD) -> str:
    if table.empty:
        return (
            "<p><i>No meeting notes yet. After each conversation, "
            "note two or three things you learned.</i></p>"
        )
    parts = []
    for field, rows in table.groupby("field", sort=True):
        latest = rows.iloc[-per_field:]
        items = "".join(_lesson_item(r) for r in latest.itertuples(index=False))
        earlier = len(rows) - len(latest)
        more = f"<li><i>and {earlier} earlier notes</i></li>" if earlier else ""
        parts.append(
            f"<p><b>{escape(str(field))}</b> ({len(rows)} conversations)</p><ul>{items}{more}</ul>"
        )
    return "".join(parts)


def _lesson_item(r: Any) -> str:
    who = escape(r.name) if isinstance(r.name, str) else "someone"
    where = f" ({escape(r.organization)})" if isinstance(r.organization, str) else ""
    when = f", {r.met_on:%d %b %Y}" if pd.notna(r.met_on) else ""
    return f"<li><b>{who}</b>{where}{when}: {escape(r.notes)}</li>"


def _due_html(table: pd.DataFrame, *, limit: int = DUE_ROWS) -> str:
    if table.empty:
        return "<p><i>Nothing due: you are up to date.</i></p>"
    rows = "".join(
        "<tr>"
        f"<td>{r.due_on:%d %b %Y}</td><td>{escape(r.action)}</td>"
        f"<td>{escape(r.name) if isinstance(r.name, str) else '(no name)'}</td>"
        f"<td>{escape(r.reason)}</td></tr>"
        for r in table.iloc[:limit].itertuples(index=False)
    )
    head = "<tr><th>due</th><th>action</th><th>who</th><th>why</th></tr>"
    more = len(table) - limit
    note = (
        f"<p><i>and {more} more, due later: narrow the filters to see them.</i></p>"
        if more > 0
        else ""
    )
    return f"<table class='infoview-due'>{head}{rows}</table>{note}"


__all__ = [
    "CHART_WIDTH",
    "COMPARE_BY",
    "FIXED_MARGINS",
    "TABS",
    "ReflectionDashboard",
    "filter_options",
    "tick_boxes",
]
