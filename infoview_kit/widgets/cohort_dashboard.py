"""The advisor's cohort dashboard: filter the cohort, see who needs attention, open one student.

The dashboard pseudonymises the log it is given (unless told it already is),
with the key given or, by default, a fresh key for this session only: the
pseudonyms are then stable while the dashboard runs and differ next time.
Pass the key file used for the reports to see the same pseudonyms as in them.

With a key, the advisor who holds it can press **Show names**: student codes
are then shown as the students' names, under a banner saying so. Everything
is still computed from the pseudonymised log (no free text, small groups
hidden); only the student column is translated back, on this machine.

Every callback only reads the widgets and calls package functions
(:func:`~infoview_kit.analytics.metrics.filter_log`, :mod:`infoview_kit.advisor.cohort`,
:mod:`infoview_kit.advisor.report`); tests set ``.value`` and read the state.

>>> from infoview_kit.datasets.simulate import cohort
>>> board = CohortDashboard(cohort(n_students=12))
>>> board.students["owner"].str.startswith("S-").all()
np.True_
>>> board.flag.value = "stuck"
>>> set(board.shown_students["concerns"].str.contains("stuck")) <= {True}
True
"""

from __future__ import annotations

import base64
from html import escape
from typing import Any

import ipywidgets as w
import pandas as pd

from infoview_kit.advisor import cohort as _cohort
from infoview_kit.advisor.privacy import new_key, pseudonym_table, pseudonymise
from infoview_kit.advisor.report import (
    contact_list_csv,
    rates_figure,
    rates_table_html,
    students_table_html,
    timeline_html,
)
from infoview_kit.model import OutreachLog
from infoview_kit.workshop.charts import Chart, chart

ALL = "(all)"
ANY_FLAG = "any flag"
NO_FLAG = "no flag"
_GROUPINGS = (("Channel", "channel"), ("Connection", "connection"), ("Field", "field"),
              ("Week", "week"))  # fmt: skip

#: The banners at the top: codes only, or names shown to the key holder.
CODES_BANNER = (
    '<div style="padding:6px 10px;border-left:5px solid #009E73;background:#e8f4ec">'
    "<b>Pseudonymised:</b> students appear as codes (S-…); their contacts are never named."
    "</div>"
)
NAMES_BANNER = (
    '<div style="padding:6px 10px;border-left:5px solid #a34700;background:#fff1e5">'
    "<b>Names shown.</b> This view is for you, the key holder, on your own machine: do not "
    "share it or screenshots of it. Press <i>Show codes</i> before presenting.</div>"
)
#: File name of the exported list.
CONTACT_FILE = "students_to_contact_this_week.csv"


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


def _few(n: int, k: int) -> str:
    """A count of students, or "<k" when it describes fewer than k of them."""
    return f"&lt;{k}" if 0 < n < k else str(n)


def selection_summary(students: pd.DataFrame, *, n_events: int, as_of, min_cell: int) -> str:
    """The headline line of a selection, as HTML; no figure about fewer than ``min_cell`` students.

    >>> table = pd.DataFrame({"requests": [2, 0], "replies": [0, 0]})
    >>> selection_summary(table, n_events=3, as_of=pd.Timestamp("2025-03-31"), min_cell=5)
    '<p><b>&lt;5</b> students in this selection: figures hidden (fewer than 5 students).</p>'
    """
    n = len(students)
    if n < min_cell:
        shown = _few(n, min_cell) if n else "0"
        return (
            f"<p><b>{shown}</b> students in this selection: figures hidden "
            f"(fewer than {min_cell} students).</p>"
        )
    active = int((students["requests"] > 0).sum())
    return (
        f"<p><b>{n}</b> students in this selection "
        f"(<b>{_few(active, min_cell)}</b> with a request), "
        f"<b>{int(students['requests'].sum())}</b> requests, "
        f"<b>{int(students['replies'].sum())}</b> replies so far, {n_events} events; "
        f"figures as of {as_of:%Y-%m-%d}.</p>"
    )


class CohortDashboard(w.VBox):
    """Filters (channel, connection, field, weeks, flag), cohort figures, students, one student.

    ``log``: the cohort; ``key``: the pseudonymisation key (default: a new
    key for this session); ``pseudonymised=True`` when the log already is
    (it is then shown as it is, and names cannot be shown). ``as_of`` as in
    :func:`~infoview_kit.advisor.cohort.student_table`; ``settings``: the
    flag thresholds; ``min_cell``: the smallest group given a figure.
    """

    def __init__(
        self,
        log: OutreachLog,
        *,
        key: bytes | str | None = None,
        pseudonymised: bool = False,
        as_of: Any = None,
        min_cell: int = 5,
        settings=None,
    ) -> None:
        own_key = key or new_key()
        self.cohort = log if pseudonymised else pseudonymise(log, key=own_key)
        # The key holder's table (code -> name), kept in this session only.
        self._names: dict[str, str] = {}
        if key is not None and not pseudonymised:
            table = pseudonym_table(log, key=key)
            table = table[table["kind"] == "student"]
            self._names = dict(zip(table["code"], table["original"], strict=True))
        self.as_of = _cohort.resolve_as_of(self.cohort, as_of)
        self.min_cell = min_cell
        self.settings = settings
        self.filtered = self.cohort
        #: The whole term's table: flags are worked out on it, whatever the filters.
        self.term_students = _cohort.student_table(self.cohort, as_of=self.as_of, settings=settings)
        self.students = self.term_students
        self.shown_students = self.students
        self.rates = pd.DataFrame()
        self._build_controls()
        self._observe()
        super().__init__(self._layout())
        self.refresh()

    # ------------------------------------------------------------------ building

    def _build_controls(self) -> None:
        contacts = self.cohort.contacts
        requests = self.cohort.events[self.cohort.events["kind"].isin(("request_sent",))]
        self.banner = w.HTML(CODES_BANNER)
        self.names_button = w.ToggleButton(
            value=False,
            description="Show names",
            tooltip="For the key holder only: show students' names instead of codes",
            disabled=not self._names,
            layout=w.Layout(display=None if self._names else "none"),
        )
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
        self.flag = w.Dropdown(options=[ALL, ANY_FLAG, *_cohort.FLAG_NAMES, NO_FLAG],
                               description="Flag", layout=w.Layout(width="420px"))  # fmt: skip
        self.by = w.ToggleButtons(options=_GROUPINGS, value="channel", description="Rates by")
        self.summary = w.HTML()
        # HTML, not ipywidgets.Image: an <img> with alt text a screen reader can read
        self.chart = w.HTML(layout=w.Layout(max_width="720px"))
        self.chart_shown: Chart | None = None  # the chart on show: PNG and its alt text
        self.rates_table = w.HTML()
        self.student_list = w.HTML()
        self.export = w.HTML()
        self.student = w.Dropdown(options=[ALL], description="Student")
        self.detail = w.HTML()

    def _observe(self) -> None:
        for control in (self.channel, self.connection, self.field, self.weeks):
            control.observe(lambda _: self.refresh(), names="value")
        self.by.observe(lambda _: self.show_rates(), names="value")
        self.flag.observe(lambda _: self.show_students(), names="value")
        self.student.observe(lambda _: self.show_student(), names="value")
        self.names_button.observe(lambda _: self.show_names(), names="value")

    def _layout(self) -> list[w.Widget]:
        return [
            w.HBox([self.banner, self.names_button]),
            w.HTML("<h3>Filter the cohort</h3>"),
            w.HBox([self.channel, self.connection, self.field]),
            self.weeks,
            self.summary,
            w.HTML("<h3>Reply rates</h3>"),
            self.by,
            self.chart,
            self.rates_table,
            w.HTML(
                "<h3>Students, most urgent first</h3><p>Flags describe the whole term; the "
                "figures, the selection.</p>"
            ),
            self.flag,
            self.export,
            self.student_list,
            w.HTML("<h3>One student</h3>"),
            self.student,
            self.detail,
        ]

    # ------------------------------------------------------------------ state

    @property
    def names_shown(self) -> bool:
        """True while the key holder has chosen to see names."""
        return bool(self._names) and self.names_button.value

    def who(self, code: str) -> str:
        """How a student is shown: their code, or their name while names are shown."""
        return self._names.get(code, code) if self.names_shown else code

    def _as_shown(self, students: pd.DataFrame) -> pd.DataFrame:
        if not self.names_shown:
            return students
        return students.assign(owner=students["owner"].map(self.who).astype("str"))

    def filters(self) -> dict[str, Any]:
        """The filter values as keyword arguments of :func:`~infoview_kit.filter_log`."""

        def chosen(dropdown: w.Dropdown) -> list[str] | None:
            return None if dropdown.value == ALL else [dropdown.value]

        start, end = self.weeks.value
        whole = self.weeks.index == (0, len(self.weeks.options) - 1)
        return {
            "channels": chosen(self.channel),
            "connections": chosen(self.connection),
            "fields": chosen(self.field),
            # The whole term: no date filter, so a student with an empty log stays listed.
            "start": None if whole else start,
            "end": None if whole else end + pd.Timedelta(days=6),
        }

    def refresh(self) -> None:
        """Apply the filters, then redraw figures, rates, students and the open student."""
        from infoview_kit.analytics.metrics import filter_log

        self.filtered = filter_log(self.cohort, **self.filters())
        self.students = self._with_term_flags(
            _cohort.student_table(self.filtered, as_of=self.as_of, settings=self.settings)
        )
        self.summary.value = selection_summary(
            self.students, n_events=len(self.filtered.events), as_of=self.as_of,
            min_cell=self.min_cell,
        )  # fmt: skip
        self._student_options()
        self.show_rates()
        self.show_students()
        self.show_student()

    def _with_term_flags(self, table: pd.DataFrame) -> pd.DataFrame:
        """The selection's figures with the flags of the whole term, in the term's urgency order.

        A student who wrote 20 e-mails is not "stuck" because the selection
        shows only LinkedIn: flags describe the student, filters the figures.
        """
        term = self.term_students.set_index("owner")
        flags = ["severity", "concerns", "next_step"]
        out = table.drop(columns=flags).join(term[flags], on="owner")
        rank = pd.Series(range(len(term)), index=term.index)
        order = out["owner"].map(rank).fillna(len(term)).to_numpy().argsort(kind="stable")
        return out.iloc[order][table.columns].reset_index(drop=True)

    def _student_options(self) -> None:
        owners = self.students["owner"].tolist()
        keep = self.student.value if self.student.value in owners else ALL
        if self.names_shown:
            self.student.options = [(ALL, ALL), *((self.who(o), o) for o in owners)]
        else:
            self.student.options = [ALL, *owners]
        self.student.value = keep

    def show_names(self) -> None:
        """Switch between codes and names (key holder only), banner included."""
        self.banner.value = NAMES_BANNER if self.names_shown else CODES_BANNER
        self.names_button.description = "Show codes" if self.names_shown else "Show names"
        self._student_options()
        self.show_students()
        self.show_student()

    def show_rates(self) -> None:
        by = self.by.value
        self.rates = _cohort.cohort_rates(self.filtered, by=by, as_of=self.as_of)
        figure = rates_figure(self.rates, by=by, min_cell=self.min_cell)
        self.chart_shown = None if figure is None else chart(figure.axes[0])
        self.chart.value = "" if self.chart_shown is None else self.chart_shown.to_html()
        self.chart.layout.display = None if self.chart_shown else "none"
        self.rates_table.value = rates_table_html(self.rates, by=by, min_cell=self.min_cell)

    def show_students(self) -> None:
        concerns = self.students["concerns"]
        choice = self.flag.value
        if choice == ALL:
            mask = pd.Series(True, index=concerns.index)
        elif choice == ANY_FLAG:
            mask = concerns.str.len() > 0
        elif choice == NO_FLAG:
            mask = concerns.str.len() == 0
        else:
            mask = concerns.str.split("; ").map(lambda names: choice in names)
        self.shown_students = self.students[mask.to_numpy(dtype=bool)]
        self.student_list.value = (
            f"<p>{len(self.shown_students)} of {len(self.students)} students.</p>"
            + students_table_html(
                self._as_shown(self.shown_students), empty="No student matches this flag."
            )
        )
        self.export.value = self.contact_link()

    def contact_csv(self) -> str:
        """The students to contact this week as CSV text (names while names are shown)."""
        return contact_list_csv(self._as_shown(self.students))

    def contact_link(self) -> str:
        """A download link for :meth:`contact_csv` (the file never leaves this machine)."""
        data = base64.b64encode(self.contact_csv().encode("utf-8")).decode("ascii")
        return (
            f'<a download="{CONTACT_FILE}" href="data:text/csv;base64,{data}" '
            'style="font-weight:600">Download the students to contact this week (CSV)</a>'
        )

    def show_student(self) -> None:
        owner = self.student.value
        if owner == ALL:
            self.detail.value = "<p>Pick a student to see their figures and every event.</p>"
            return
        row = self.students[self.students["owner"] == owner]
        timeline = _cohort.student_timeline(self.filtered, owner, as_of=self.as_of)
        self.detail.value = (
            f"<h4>{escape(self.who(owner))}</h4>"
            + students_table_html(self._as_shown(row))
            + "<p><b>Every event</b> (contacts as codes)</p>"
            + timeline_html(timeline)
        )
