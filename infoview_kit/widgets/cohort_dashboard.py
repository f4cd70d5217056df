"""The advisor's cohort dashboard: filter the cohort, see who needs attention, open one student.

The dashboard pseudonymises the log it is given (unless told it already is),
with the key given or, by default, a fresh key for this session only: the
pseudonyms are then stable while the dashboard runs and differ next time.
Pass the key file used for the reports to see the same pseudonyms as in them.

Every callback only reads the widgets and calls package functions
(:func:`~infoview_kit.analytics.metrics.filter_log`, :mod:`infoview_kit.advisor.cohort`,
:mod:`infoview_kit.advisor.report`); tests set ``.value`` and read the state.

>>> from infoview_kit.datasets.simulate import cohort
>>> board = CohortDashboard(cohort(n_students=12))
>>> board.students["owner"].str.startswith("S-").all()
np.True_
>>> board.flag.value = "fewer than 3 requests"
>>> set(board.shown_students["flags"].str.contains("fewer than 3")) <= {True}
True
"""

from __future__ import annotations

from html import escape
from typing import Any

import ipywidgets as w
import pandas as pd

from infoview_kit.advisor import cohort as _cohort
from infoview_kit.advisor.privacy import new_key, pseudonymise
from infoview_kit.advisor.report import (
    rates_chart_png,
    rates_table_html,
    students_table_html,
    timeline_html,
)
from infoview_kit.model import OutreachLog

ALL = "(all)"
ANY_FLAG = "any flag"
NO_FLAG = "no flag"
_GROUPINGS = (("Channel", "channel"), ("Connection", "connection"), ("Field", "field"),
              ("Week", "week"))  # fmt: skip


def _choices(values: pd.Series) -> list[tuple[str, str]]:
    labels = sorted({str(v) for v in values.dropna()})
    return [(ALL, ALL), *((label.replace("_", " "), label) for label in labels)]


def _weeks(log: OutreachLog) -> list[tuple[str, pd.Timestamp]]:
    """Every week (Monday) from the first to the last event, as slider options."""
    at = log.events["at"].dropna()
    if at.empty:
        return []
    first = at.min().normalize() - pd.Timedelta(days=int(at.min().day_of_week))
    last = at.max().normalize()
    mondays = pd.date_range(first, last, freq="7D")
    style = "%d %b" if first.year == last.year else "%d %b %y"  # short: the readout is narrow
    return [(m.strftime(style), m) for m in mondays]


class CohortDashboard(w.VBox):
    """Filters (channel, connection, field, weeks, flag), cohort figures, students, one student.

    ``log``: the cohort; ``key``: the pseudonymisation key (default: a new
    key for this session); ``pseudonymised=True`` when the log already is
    (it is then shown as it is). ``as_of`` as in :func:`~infoview_kit.advisor.cohort.student_table`.
    """

    def __init__(
        self,
        log: OutreachLog,
        *,
        key: bytes | str | None = None,
        pseudonymised: bool = False,
        as_of: Any = None,
        min_cell: int = 5,
    ) -> None:
        self.cohort = log if pseudonymised else pseudonymise(log, key=key or new_key())
        self.as_of = _cohort._as_of(self.cohort, as_of)
        self.min_cell = min_cell
        self.filtered = self.cohort
        self.students = _cohort.student_table(self.cohort, as_of=self.as_of)
        self.shown_students = self.students
        self.rates = pd.DataFrame()

        contacts = self.cohort.contacts
        requests = self.cohort.events[self.cohort.events["kind"].isin(("request_sent",))]
        self.channel = w.Dropdown(options=_choices(requests["channel"].astype("str")),
                                  description="Channel")  # fmt: skip
        self.connection = w.Dropdown(options=_choices(contacts["connection"].astype("str")),
                                     description="Connection")  # fmt: skip
        self.field = w.Dropdown(options=_choices(contacts["field"]), description="Field")
        weeks = _weeks(self.cohort)
        self.weeks = w.SelectionRangeSlider(
            options=weeks or [("no dates", self.as_of)],
            index=(0, max(len(weeks) - 1, 0)),
            description="Weeks",
            layout=w.Layout(width="640px"),
            continuous_update=False,
        )
        self.flag = w.Dropdown(options=[ALL, ANY_FLAG, *_cohort.FLAGS, NO_FLAG],
                               description="Flag", layout=w.Layout(width="420px"))  # fmt: skip
        self.by = w.ToggleButtons(options=_GROUPINGS, value="channel", description="Rates by")
        self.summary = w.HTML()
        self.chart = w.Image(format="png", layout=w.Layout(max_width="720px"))
        self.rates_table = w.HTML()
        self.student_list = w.HTML()
        self.student = w.Dropdown(options=[ALL], description="Student")
        self.detail = w.HTML()
        for control in (self.channel, self.connection, self.field, self.weeks):
            control.observe(lambda _: self.refresh(), names="value")
        self.by.observe(lambda _: self.show_rates(), names="value")
        self.flag.observe(lambda _: self.show_students(), names="value")
        self.student.observe(lambda _: self.show_student(), names="value")
        super().__init__(
            [
                w.HTML("<h3>Filter the cohort</h3>"),
                w.HBox([self.channel, self.connection, self.field]),
                self.weeks,
                self.summary,
                w.HTML("<h3>Reply rates</h3>"),
                self.by,
                self.chart,
                self.rates_table,
                w.HTML("<h3>Students</h3>"),
                self.flag,
                self.student_list,
                w.HTML("<h3>One student</h3>"),
                self.student,
                self.detail,
            ]
        )
        self.refresh()

    # ------------------------------------------------------------------ state

    def filters(self) -> dict[str, Any]:
        """The filter values as keyword arguments of :func:`~infoview_kit.filter_log`."""

        def chosen(dropdown: w.Dropdown) -> list[str] | None:
            return None if dropdown.value == ALL else [dropdown.value]

        start, end = self.weeks.value
        return {
            "channels": chosen(self.channel),
            "connections": chosen(self.connection),
            "fields": chosen(self.field),
            "start": start,
            "end": end + pd.Timedelta(days=6),
        }

    def refresh(self) -> None:
        """Apply the filters, then redraw figures, rates, students and the open student."""
        from infoview_kit.analytics.metrics import filter_log

        self.filtered = filter_log(self.cohort, **self.filters())
        self.students = _cohort.student_table(self.filtered, as_of=self.as_of)
        n_events = len(self.filtered.events)
        active = int((self.students["requests"] > 0).sum())
        requests = int(self.students["requests"].sum())
        replies = int(self.students["replies"].sum())
        self.summary.value = (
            f"<p><b>{len(self.students)}</b> students in this selection "
            f"(<b>{active}</b> with a request), <b>{requests}</b> requests, "
            f"<b>{replies}</b> replies so far, {n_events} events; "
            f"figures as of {self.as_of:%Y-%m-%d}.</p>"
        )
        owners = self.students["owner"].tolist()
        keep = self.student.value if self.student.value in owners else ALL
        self.student.options = [ALL, *owners]
        self.student.value = keep
        self.show_rates()
        self.show_students()
        self.show_student()

    def show_rates(self) -> None:
        by = self.by.value
        self.rates = _cohort.cohort_rates(self.filtered, by=by, as_of=self.as_of)
        png = rates_chart_png(self.rates, by=by, min_cell=self.min_cell)
        self.chart.value = png or b""
        self.chart.layout.display = None if png else "none"
        self.rates_table.value = rates_table_html(self.rates, by=by, min_cell=self.min_cell)

    def show_students(self) -> None:
        flags = self.students["flags"]
        choice = self.flag.value
        if choice == ALL:
            mask = pd.Series(True, index=flags.index)
        elif choice == ANY_FLAG:
            mask = flags.str.len() > 0
        elif choice == NO_FLAG:
            mask = flags.str.len() == 0
        else:
            mask = flags.str.contains(choice, regex=False)
        self.shown_students = self.students[mask.to_numpy(dtype=bool)]
        self.student_list.value = (
            f"<p>{len(self.shown_students)} of {len(self.students)} students.</p>"
            + students_table_html(self.shown_students, empty="No student matches this flag.")
        )

    def show_student(self) -> None:
        owner = self.student.value
        if owner == ALL:
            self.detail.value = "<p>Pick a student to see their figures and every event.</p>"
            return
        row = self.students[self.students["owner"] == owner]
        timeline = _cohort.student_timeline(self.filtered, owner, as_of=self.as_of)
        self.detail.value = (
            f"<h4>{escape(owner)}</h4>"
            + students_table_html(row)
            + "<p><b>Every event</b> (contacts as pseudonyms)</p>"
            + timeline_html(timeline)
        )
