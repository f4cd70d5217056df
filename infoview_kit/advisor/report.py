"""The advisor's cohort report: one self-contained HTML file to read, print or pass on.

Everything is inside the file: the styles, and the charts as PNG images in
``data:`` URIs. The page makes no request of its own (no fonts, scripts or
style sheets from elsewhere), so it opens offline and on a locked-down
machine. Every text that comes from the data is escaped (Jinja2 autoescape),
and its control and direction-override characters are shown as escapes
(``\\u202e``), never obeyed (:func:`infoview_kit.io.text.neutralise_text`).

:func:`report_context` gathers the figures (pure; handy in tests), and
:func:`cohort_report_html` renders them with ``data/templates/report/
cohort_report.html.j2``.

>>> from infoview_kit.datasets.simulate import cohort
>>> html = cohort_report_html(cohort(n_students=12), title="Spring term")
>>> html.startswith("<!DOCTYPE html>"), "<h1>Spring term</h1>" in html, "http" in html
(True, True, False)
"""

from __future__ import annotations

import base64
import math
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from infoview_kit.advisor import cohort as _cohort
from infoview_kit.advisor.flags import SEVERITIES
from infoview_kit.errors import InfoviewError
from infoview_kit.io.dates import READ_AGAIN
from infoview_kit.model import OutreachLog
from infoview_kit.schema import CHANNELS, CONNECTIONS, EVENT_KINDS

__all__ = [
    "DEFAULT_TITLE",
    "ReportOutcome",
    "advisor_words",
    "cohort_fields_explored",
    "cohort_report_html",
    "comparison_sentences",
    "contact_list_csv",
    "rates_chart_png",
    "rates_figure",
    "rates_table_html",
    "report_context",
    "students_table_html",
    "table_html",
    "timeline_html",
    "to_contact_this_week",
    "write_cohort_report",
]

DEFAULT_TITLE = "Information-interview outreach: cohort report"

#: The groupings of the "rates by ..." section, with their headings.
SECTIONS: dict[str, str] = {
    "channel": "Channel of the request",
    "connection": "How the student knew the contact",
    "field": "Career field of the contact",
    "week": "Week the request was sent",
}

#: Short column headings for the same groupings.
_SHORT = {"channel": "Channel", "connection": "Connection", "field": "Field", "week": "Week of"}

_DASH = "–"

# ----------------------------------------------------------------- formatting


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def _pct(value: Any) -> str:
    if isinstance(value, str):
        return value
    if _missing(value) or pd.isna(value):
        return _DASH
    return f"{100 * float(value):.0f}%"


def _interval(low: Any, high: Any) -> str:
    if isinstance(low, str) or isinstance(high, str):
        return low if isinstance(low, str) else high
    if _missing(low) or _missing(high) or pd.isna(low) or pd.isna(high):
        return _DASH
    return f"{100 * float(low):.0f}{_DASH}{100 * float(high):.0f}%"


def _points(value: float) -> str:
    """Percentage points with a sign, and no "-0"."""
    rounded = round(100 * float(value))
    return "0" if rounded == 0 else f"{rounded:+d}"


def _signed_pct(value: Any) -> str:
    if isinstance(value, str):
        return value
    if _missing(value) or pd.isna(value):
        return _DASH
    return f"{_points(value)} pts"


def _count(value: Any) -> str:
    if isinstance(value, str):
        return value
    if _missing(value) or pd.isna(value):
        return _DASH
    return f"{int(value):,}"


def _day(value: Any) -> str:
    if _missing(value) or pd.isna(value):
        return _DASH
    return pd.Timestamp(value).strftime("%Y-%m-%d")


#: Words of the fixed vocabularies, shown with spaces ("in_person" -> "in person").
_VOCABULARY = frozenset((*CHANNELS, *CONNECTIONS, *EVENT_KINDS))


def _label(value: Any) -> str:
    """A value as shown: vocabulary words spaced, anything typed by a person kept as typed."""
    if _missing(value) or pd.isna(value):
        return _DASH
    text = str(value)
    return text.replace("_", " ") if text in _VOCABULARY else text


def _chart_text(text: str) -> str:
    """A label for matplotlib: a ``$`` is a dollar sign, not the start of a formula."""
    return text.replace("$", r"\$")


def _table(
    frame: pd.DataFrame,
    columns: Sequence[tuple[str, Callable[[pd.Series], str], str]],
    *,
    caption: str = "",
) -> dict[str, Any]:
    """A table for the template: ``columns`` are (heading, row -> text, css class)."""
    rows = [[fmt(row) for _, fmt, _ in columns] for _, row in frame.iterrows()]
    return {
        "caption": caption,
        "headings": [(heading, css) for heading, _, css in columns],
        "rows": rows,
    }


def table_html(table: dict[str, Any], *, empty: str = "Nothing to show.") -> str:
    """A table made by the section builders as an escaped HTML fragment (for widgets)."""
    from html import escape

    if not table or not table["rows"]:
        return f"<p><em>{escape(empty)}</em></p>"
    head = "".join(
        f'<th style="text-align:{"right" if "num" in css else "left"};padding:2px 8px">'
        f"{escape(h)}</th>"
        for h, css in table["headings"]
    )
    aligns = ["right" if "num" in css else "left" for _, css in table["headings"]]
    # Codes and dates stay on one line; longer text wraps at its own line breaks.
    wraps = ["nowrap" if ("id" in css.split() or "key" in css.split()) else "pre-line"
             for _, css in table["headings"]]  # fmt: skip
    body = "".join(
        "<tr>"
        + "".join(
            f'<td style="text-align:{a};padding:2px 8px;white-space:{wrap}">{escape(c)}</td>'
            for a, wrap, c in zip(aligns, wraps, row, strict=True)
        )
        + "</tr>"
        for row in table["rows"]
    )
    return (
        '<table style="border-collapse:collapse;font-size:13px">'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def rates_table_html(rates: pd.DataFrame, *, by: str, min_cell: int = 5) -> str:
    """A :func:`~infoview_kit.cohort_rates` table as HTML, small groups suppressed."""
    return table_html(_rates_table(rates[rates["requests"] > 0], by, min_cell),
                      empty="No request old enough to count in this selection.")  # fmt: skip


def students_table_html(students: pd.DataFrame, *, empty: str = "No student here.") -> str:
    """A :func:`~infoview_kit.advisor.cohort.student_table` as HTML."""
    return table_html(_table(students, _student_rows(students)), empty=empty)


def timeline_html(timeline: pd.DataFrame) -> str:
    """A :func:`~infoview_kit.advisor.cohort.student_timeline` as HTML."""
    return table_html(
        _table(
            timeline,
            [
                ("Date", lambda r: _day(r["at"]), "num"),
                ("What happened", lambda r: _label(r["kind"]), "text"),
                ("Channel", lambda r: _label(r["channel"]), "text"),
                ("Contact", lambda r: _label(r["contact_id"]), "text"),
                ("Connection", lambda r: _label(r["connection"]), "text"),
                ("Field", lambda r: _label(r["field"]), "text"),
            ],
        ),
        empty="No events for this student.",
    )


# ------------------------------------------------------------------- charts


#: Charts are drawn at this resolution (sharp in print, small in the file).
_DPI = 110


def _png(fig) -> str:
    from infoview_kit.plots import figure_png

    return "data:image/png;base64," + base64.b64encode(figure_png(fig)).decode("ascii")


def _figure(width: float, height: float):
    from infoview_kit.plots import new_figure

    # A bare Figure (no pyplot): nothing global is touched, nothing to close.
    fig = new_figure((width, height), dpi=_DPI)
    return fig, fig.add_subplot()


def _rates_figure(rates: pd.DataFrame, by: str):
    from infoview_kit.plots import plot_response_rates

    shown = rates[rates["requests"] > 0]
    if shown.empty:
        return None
    table = shown[[by, "requests", "replied", "rate", "ci_low", "ci_high", "excluded_recent"]]
    table = table.assign(**{by: table[by].astype("str")})
    fig, ax = _figure(7.2, 1.3 + 0.32 * min(len(table), 20))
    plot_response_rates(table, ax=ax)
    return fig


def _rates_chart(rates: pd.DataFrame, by: str) -> str | None:
    fig = _rates_figure(rates, by)
    return None if fig is None else _png(fig)


def rates_figure(rates: pd.DataFrame, *, by: str, min_cell: int = 5):
    """The reply-rate chart of a :func:`~infoview_kit.cohort_rates` table, as a Figure.

    Groups of fewer than ``min_cell`` students are left out; None when nothing is left.
    The dashboard shows it with alt text (``workshop.charts.chart(figure.axes[0])``).

    >>> from infoview_kit.datasets.simulate import cohort
    >>> from infoview_kit.advisor.cohort import cohort_rates
    >>> rates_figure(cohort_rates(cohort(n_students=12), by="channel"), by="channel").axes[0]
    <Axes: ...>
    """
    return _rates_figure(rates[rates["students"] >= min_cell], by)


def rates_chart_png(rates: pd.DataFrame, *, by: str, min_cell: int = 5) -> bytes | None:
    """PNG bytes of :func:`rates_figure` (None when no group is large enough to show).

    >>> from infoview_kit.datasets.simulate import cohort
    >>> from infoview_kit.advisor.cohort import cohort_rates
    >>> rates_chart_png(cohort_rates(cohort(n_students=12), by="channel"), by="channel")[:4]
    b'\x89PNG'
    """
    fig = rates_figure(rates, by=by, min_cell=min_cell)
    from infoview_kit.plots import figure_png

    return None if fig is None else figure_png(fig)


def _spread_chart(rates: pd.DataFrame, by: str) -> str | None:
    """Per group: the median student (dot), the middle half of students (bar), pooled (diamond)."""
    shown = rates[rates["students"] > 0].head(20)
    if shown.empty:
        return None
    from infoview_kit.plots import OKABE_ITO

    fig, ax = _figure(7.2, 1.4 + 0.34 * len(shown))
    y = np.arange(len(shown))
    q1 = shown["student_q1"].to_numpy(dtype=float) * 100
    q3 = shown["student_q3"].to_numpy(dtype=float) * 100
    ax.hlines(
        y, q1, q3, color=OKABE_ITO[1], linewidth=7, alpha=0.55, label="middle half of students"
    )
    ax.plot(shown["student_median"].to_numpy(dtype=float) * 100, y, "o", color=OKABE_ITO[3],
            label="median student")  # fmt: skip
    ax.plot(shown["rate"].to_numpy(dtype=float) * 100, y, "D", color=OKABE_ITO[4], markersize=5,
            label="all requests pooled")  # fmt: skip
    labels = [
        _chart_text(f"{_label(v)} ({n})") for v, n in zip(shown[by], shown["students"], strict=True)
    ]
    ax.set_yticks(y, labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(-2, 102)
    ax.set_xlabel("Reply rate per student (%); (n) = students")
    ax.set_title(f"Spread across students, by {by}", loc="left")
    fig.legend(loc="outside lower center", fontsize=7, frameon=False, ncols=3)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="x", color="#D9D9D9", linewidth=0.8)
    return _png(fig)


def _difference_chart(rows: pd.DataFrame) -> str | None:
    """Differences this term - last term with their 95% intervals (a forest plot)."""
    if rows.empty:
        return None
    from infoview_kit.plots import GREY, OKABE_ITO

    fig, ax = _figure(7.2, 1.4 + 0.32 * len(rows))
    y = np.arange(len(rows))
    diff = rows["difference"].to_numpy(dtype=float) * 100
    low = rows["diff_ci_low"].to_numpy(dtype=float) * 100
    high = rows["diff_ci_high"].to_numpy(dtype=float) * 100
    colours = np.where(rows["significant"].to_numpy(dtype=bool), OKABE_ITO[4], GREY)
    ax.hlines(y, low, high, colors=colours, linewidth=2)
    ax.scatter(diff, y, c=colours, zorder=3)
    ax.axvline(0, color="#333333", linewidth=1)
    ax.set_yticks(y, [_chart_text(str(v)) for v in rows["label"]], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("This term minus last term, percentage points (line = 95% interval)")
    ax.set_title("Reply rate: change since last term", loc="left")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="x", color="#D9D9D9", linewidth=0.8)
    return _png(fig)


# ------------------------------------------------------------------ sections


def _rates_table(rates: pd.DataFrame, by: str, min_cell: int) -> dict[str, Any]:
    shown = _cohort.suppress_small(rates, k=min_cell)
    return _table(
        shown,
        [
            (_SHORT.get(by, _label(by)), lambda r: _label(r[by]), "text key"),
            ("Students", lambda r: _count(r["students"]), "num"),
            ("Requests", lambda r: _count(r["requests"]), "num"),
            ("Replied", lambda r: _count(r["replied"]), "num"),
            ("Reply rate", lambda r: _pct(r["rate"]), "num"),
            ("95% interval", lambda r: _interval(r["ci_low"], r["ci_high"]), "num"),
            ("Median student", lambda r: _pct(r["student_median"]), "num"),
            (
                "Middle half of students",
                lambda r: _interval(r["student_q1"], r["student_q3"]),
                "num",
            ),
            ("Too recent to count", lambda r: _count(r["excluded_recent"]), "num"),
        ],
    )


def _student_rows(students: pd.DataFrame) -> list[tuple[str, Callable, str]]:
    return [
        ("Student", lambda r: str(r["owner"]), "text id"),
        ("What to do", lambda r: r["severity"], "text key"),
        ("Why, and the next step", lambda r: r["next_step"], "text flags"),
        ("Requests", lambda r: _count(r["requests"]), "num"),
        ("Replies", lambda r: _count(r["replies"]), "num"),
        ("Reply rate", lambda r: _pct(r["response_rate"]), "num"),
        ("Meetings", lambda r: _count(r["meetings"]), "num"),
        ("Thank-yous", lambda r: _count(r["thank_yous"]), "num"),
        ("Follow-ups on time", lambda r: _pct(r["follow_up_adherence"]), "num"),
        ("Last activity", lambda r: _day(r["last_activity"]), "num"),
        ("Days since", lambda r: _count(r["days_since_last_activity"]), "num"),
    ]


def _attention(students: pd.DataFrame) -> pd.DataFrame:
    """Flagged students, most urgent first (the student table's own order)."""
    return students[students["concerns"].str.len() > 0]


def to_contact_this_week(students: pd.DataFrame) -> pd.DataFrame:
    """The students to call or check in with this week, most urgent first, for a CSV file.

    Columns (plain words, for the advisor's own tools): Student, What to do,
    Why and next step, Requests, Days since anything was sent.

    >>> from infoview_kit.datasets.simulate import cohort
    >>> from infoview_kit.advisor.cohort import student_table
    >>> table = to_contact_this_week(student_table(cohort(n_students=20)))
    >>> urgent = {"call this week", "check in this week"}
    >>> list(table.columns)[:2], set(table["What to do"]) <= urgent
    (['Student', 'What to do'], True)
    """
    from infoview_kit.advisor.flags import SEVERITIES

    urgent = students[students["severity"].isin(SEVERITIES[:2]).to_numpy(dtype=bool)]
    return pd.DataFrame(
        {
            "Student": urgent["owner"].astype("str"),
            "What to do": urgent["severity"].astype("str"),
            "Why and next step": urgent["next_step"].astype("str").str.replace("\n", " / "),
            "Requests": urgent["requests"].astype("int64"),
            "Days since anything was sent": urgent["days_since_outreach"].astype("Int64"),
        }
    ).reset_index(drop=True)


def contact_list_csv(students: pd.DataFrame) -> str:
    """:func:`to_contact_this_week` as CSV text (UTF-8 with BOM for Excel, formulas neutralised).

    >>> from infoview_kit.datasets.simulate import cohort
    >>> from infoview_kit.advisor.cohort import student_table
    >>> contact_list_csv(student_table(cohort(n_students=20))).splitlines()[0]
    '\ufeffStudent,What to do,Why and next step,Requests,Days since anything was sent'
    """
    from infoview_kit.io.export import neutralise_formulas

    table = neutralise_formulas(to_contact_this_week(students))
    return "\ufeff" + table.to_csv(index=False, lineterminator="\r\n")


def _comparison_table(table: pd.DataFrame, heading: str, min_cell: int) -> dict[str, Any]:
    shown = _cohort.suppress_small(table, count_col="fewest_students", k=min_cell)
    return _table(
        shown,
        [
            (heading, lambda r: str(r["label"]), "text"),
            ("Students (this / last)",
             lambda r: f"{_count(r['students_this'])} / {_count(r['students_last'])}", "num"),
            ("Reply rate this term", lambda r: _pct(r["rate_this"]), "num"),
            ("Last term", lambda r: _pct(r["rate_last"]), "num"),
            ("Change", lambda r: _signed_pct(r["difference"]), "num"),
            ("95% interval of the change",
             lambda r: _interval_pts(r["diff_ci_low"], r["diff_ci_high"]), "num"),
            ("Clear change?", lambda r: _clear(r), "text"),
        ],
    )  # fmt: skip


def _comparison(
    log: OutreachLog, other: OutreachLog, *, as_of, min_cell: int, to_contact: int
) -> dict[str, Any]:
    groups = [(None, "All requests"), ("channel", "Channel"), ("connection", "Connection")]
    tables, chart_rows, frames = [], [], {}
    for by, heading in groups:
        table = _cohort.compare_cohorts(log, other, by=by, as_of=as_of)
        label = pd.Series(["All requests"] * len(table)) if by is None else table[by].map(_label)
        table = table.assign(label=label.to_numpy())
        frames[by] = table
        visible = table[(table["fewest_students"] >= min_cell) & table["difference"].notna()]
        chart_rows.append(
            visible.assign(label=[f"{heading}: {v}" if by else v for v in visible["label"]])
        )
        tables.append(_comparison_table(table, heading, min_cell))
    rows = pd.concat(chart_rows, ignore_index=True) if chart_rows else pd.DataFrame()
    return {
        "headline": comparison_sentences(frames, min_cell=min_cell, to_contact=to_contact),
        "tables": tables,
        "chart": _difference_chart(rows) if len(rows) else None,
        "students_last": _count_or_few(len(other.owners), min_cell),
    }


def _count_or_few(n: int, min_cell: int) -> str:
    """A count of students, or "fewer than k" when it is small."""
    return f"fewer than {min_cell}" if 0 < n < min_cell else _count(n)


def comparison_sentences(
    tables: dict[str | None, pd.DataFrame], *, min_cell: int = 5, to_contact: int = 0
) -> list[str]:
    """Three sentences for a board update: what changed, how sure we are, what to do.

    ``tables`` are :func:`~infoview_kit.advisor.cohort.compare_cohorts` results
    keyed by grouping (None: all requests; "connection", "channel"), each with
    a ``label`` column. Small groups never give a figure.

    >>> table = pd.DataFrame({"label": ["All requests"], "rate_this": [0.42], "rate_last": [0.35],
    ...     "difference": [0.07], "diff_ci_low": [0.01], "diff_ci_high": [0.13],
    ...     "significant": [True], "students_this": [40], "students_last": [38],
    ...     "fewest_students": [38]})
    >>> comparison_sentences({None: table}, to_contact=6)[0]
    'Students heard back on 42% of their requests this term, against 35% last term (+7 points).'
    """
    overall = tables[None].iloc[0] if len(tables.get(None, ())) else None
    if overall is None or overall["fewest_students"] < min_cell or pd.isna(overall["difference"]):
        return [
            "Too few students or requests in one of the terms to compare reply rates.",
            "No figure is given, so that none describes a handful of students.",
            _what_to_do(tables, min_cell=min_cell, to_contact=to_contact),
        ]
    first = (
        f"Students heard back on {_pct(overall['rate_this'])} of their requests this term, "
        f"against {_pct(overall['rate_last'])} last term ({_points(overall['difference'])} points)."
    )
    low, high = _points(overall["diff_ci_low"]), _points(overall["diff_ci_high"])
    if overall["significant"]:
        word = "rise" if overall["difference"] > 0 else "fall"
        second = (
            f"The {word} is larger than chance alone would explain (95% interval: {low} to "
            f"{high} points)."
        )
    else:
        second = (
            f"That change could be chance: the 95% interval runs from {low} to {high} points, "
            "so we cannot yet say the term did better or worse."
        )
    return [first, second, _what_to_do(tables, min_cell=min_cell, to_contact=to_contact)]


def _what_to_do(tables: dict, *, min_cell: int, to_contact: int) -> str:
    """The third sentence: the kind of contact that answered best, and who to call."""
    best = None
    table = tables.get("connection")
    if table is not None and len(table):
        big = table[(table["students_this"] >= min_cell) & table["rate_this"].notna()]
        big = big[big["label"].astype("str") != "other"]
        if len(big):
            best = big.sort_values("rate_this", ascending=False, kind="stable").iloc[0]
    who = (
        f"and contact the {to_contact} students flagged to call or check in with this week"
        if to_contact >= min_cell
        else "and contact the few students flagged to call or check in with this week"
        if to_contact
        else "and keep the current check-ins"
    )
    if best is None:
        return f"Next: keep encouraging requests to people students already know, {who}."
    return (
        f"Next: steer students towards {_label(best['label'])} contacts, who answered "
        f"{_pct(best['rate_this'])} of requests this term, {who}."
    )


def _interval_pts(low: Any, high: Any) -> str:
    if isinstance(low, str):
        return low
    if _missing(low) or pd.isna(low) or pd.isna(high):
        return _DASH
    return f"{_points(low)} to {_points(high)} pts"


def _clear(row: pd.Series) -> str:
    if isinstance(row["difference"], str):
        return row["difference"]
    if pd.isna(row["difference"]):
        return _DASH
    if not row["significant"]:
        return "no: could be chance"
    return "yes, higher" if row["difference"] > 0 else "yes, lower"


#: Wording written for programmers in a loader's reason, and the advisor's version.
_ADVISOR_WORDS: tuple[tuple[str, str], ...] = (
    (READ_AGAIN, "make the report again with --dayfirst"),
    (r"dayfirst=True", "--dayfirst"),
    (r"dayfirst=False", "--monthfirst"),
)  # fmt: skip


def advisor_words(text: Any) -> str:
    """A loader's message in words for advisors (no parameter names).

    >>> advisor_words("read as month/day; if these dates are day/month, " + READ_AGAIN)
    'read as month/day; if these dates are day/month, make the report again with --dayfirst'
    """
    if _missing(text) or pd.isna(text):
        return ""
    out = str(text)
    for written, meant in _ADVISOR_WORDS:
        out = out.replace(written, meant)
    return out


def _files_table(log: OutreachLog) -> dict[str, Any] | None:
    """Files that did not simply load (problems first); clean files and a platform's
    submission receipts (one per attempt: many in a large cohort) are only counted."""
    files = _cohort.cohort_files_report(log)
    if files.empty:
        return None
    clean = files["status"] == _cohort.FILE_LOADED
    receipts = files["layout"].astype("str").eq("receipt").to_numpy(dtype=bool)
    table = _table(
        files[~clean & ~receipts],
        [
            ("File", lambda r: str(r["file"]), "text id"),
            ("Student", lambda r: _label(r["owner"]), "text id"),
            ("Result", lambda r: _label(r["status"]), "text key"),
            ("Rows read", lambda r: _count(r["rows_read"]), "num"),
            ("Loaded", lambda r: _count(r["rows_loaded"]), "num"),
            ("Merged", lambda r: _count(r["rows_merged"]), "num"),
            ("Rejected", lambda r: _count(r["rows_rejected"]), "num"),
            ("Warnings", lambda r: _count(r["warnings"]), "num"),
            ("Note", lambda r: advisor_words(r["message"]), "text"),
        ],
    )
    table["clean"] = int(clean.sum())
    table["receipts"] = int(receipts.sum())
    table["total"] = len(files)
    return table


#: At most this many problem rows are listed (the rest are counted).
MAX_PROBLEM_ROWS = 200


def _problem_rows(log: OutreachLog) -> dict[str, Any] | None:
    """One line per problem: file, row as Excel numbers it, column, value, what was done."""
    problems = log.report.problems_as_shown()
    if problems.empty:
        return None
    order = np.lexsort((problems["row"].fillna(0).to_numpy(dtype="int64"),
                        problems["file"].astype("str").to_numpy()))  # fmt: skip
    shown = problems.iloc[order[:MAX_PROBLEM_ROWS]]
    table = _table(
        shown,
        [
            ("File", lambda r: str(r["file"]), "text id"),
            ("Row in the sheet", lambda r: _count(r["row"]) if not pd.isna(r["row"]) else "–",
             "num"),
            ("Column", lambda r: "" if pd.isna(r["column"]) else str(r["column"]), "text"),
            ("Value", lambda r: "" if pd.isna(r["value"]) else str(r["value"]), "text"),
            ("Problem", lambda r: advisor_words(r["reason"]), "text"),
            ("What was done", lambda r: "kept" if r["kept"] else "left out", "text"),
        ],
    )  # fmt: skip
    table["more"] = max(len(problems) - MAX_PROBLEM_ROWS, 0)
    return table


def cohort_fields_explored(
    log: OutreachLog, *, min_cell: int = 5, as_of: Any = None
) -> pd.DataFrame:
    """Which career fields the cohort explored, and how many conversations each had.

    One row per field of the contacts (as the log holds it: pseudonymise
    first, so that rare fields are "other"): ``students`` who wrote to
    someone in it, ``contacts``, then from
    :func:`~infoview_kit.analytics.options.fields_explored`: ``conversations``
    (meetings held, one per contact and day) and ``students_met`` (students
    who had one). Most conversations first. No free text beyond the field.

    Small cells are suppressed: a row about fewer than ``min_cell`` students
    shows ``"<k"`` for every count, and conversation counts from fewer than
    ``min_cell`` students show ``"<k"`` too.

    >>> from infoview_kit.datasets.simulate import cohort
    >>> table = cohort_fields_explored(cohort(n_students=30), min_cell=1)
    >>> list(table.columns), int(table["conversations"].sum()) > 0
    (['field', 'students', 'contacts', 'conversations', 'students_met'], True)
    """
    from infoview_kit.analytics.options import fields_explored

    stamp = _cohort.resolve_as_of(log, as_of)
    events = log.events[~(log.events["at"] > stamp).to_numpy(dtype=bool)]
    contacts = log.contacts.drop_duplicates(_cohort.KEY_COLUMNS)
    field = contacts["field"].astype("object").where(contacts["field"].notna(), "(not given)")
    contacts = contacts.assign(field=field.astype("str"))
    wrote = contacts.groupby("field").agg(students=("owner", "nunique"), contacts=("owner", "size"))
    met = fields_explored(OutreachLog(contacts, events)).set_index("option")
    out = wrote.join(met[["conversations", "owners"]].rename(columns={"owners": "students_met"}))
    out = out.fillna(0).astype("int64").rename_axis("field").reset_index()
    out = out.sort_values(["conversations", "students", "field"], ascending=[False, False, True],
                          kind="stable").reset_index(drop=True)  # fmt: skip
    # Conversations of a few students are hidden (none at all is no small cell).
    few_met = out["students_met"].between(1, min_cell - 1).to_numpy()
    out = out.astype({"conversations": "object", "students_met": "object"})
    out.loc[few_met, ["conversations", "students_met"]] = f"<{min_cell}"
    columns = ["contacts", "conversations", "students_met"]
    return _cohort.suppress_small(out, k=min_cell, columns=columns)


def _fields_table(log: OutreachLog, *, min_cell: int, as_of) -> dict[str, Any]:
    table = cohort_fields_explored(log, min_cell=min_cell, as_of=as_of)
    return _table(
        table,
        [
            ("Career field", lambda r: _label(r["field"]), "text key"),
            ("Students who wrote to someone in it", lambda r: _count(r["students"]), "num"),
            ("Contacts", lambda r: _count(r["contacts"]), "num"),
            ("Conversations held", lambda r: _count(r["conversations"]), "num"),
            ("Students who had one", lambda r: _count(r["students_met"]), "num"),
        ],
    )


def _looks_pseudonymised(log: OutreachLog) -> bool:
    owners = pd.Series(log.owners, dtype="str")
    return bool(len(owners)) and bool(owners.str.fullmatch(r"S-[0-9a-f]{8}").all())


def _rates_sections(log: OutreachLog, *, stamp, min_cell: int) -> dict[str, Any]:
    rates: dict[str, Any] = {}
    for by, heading in SECTIONS.items():
        table = _cohort.cohort_rates(log, by=by, as_of=stamp)
        # Groups whose every request is too recent have nothing to show yet.
        waiting = table[(table["requests"] == 0) & (table["excluded_recent"] > 0)]
        table = table[table["requests"] > 0]
        big = table[table["students"] >= min_cell]
        rates[by] = {
            "heading": heading,
            "table": _rates_table(table, by, min_cell),
            "chart": _rates_chart(big, by),
            "spread_chart": None if by == "week" else _spread_chart(big, by),
            "hidden": int((table["students"] < min_cell).sum()),
            "waiting": _waiting(log, waiting, by=by, stamp=stamp, min_cell=min_cell),
        }
    return rates


def _waiting(log: OutreachLog, waiting: pd.DataFrame, *, by: str, stamp, min_cell: int):
    """Groups with only recent requests, named only when enough students sent them."""
    if waiting.empty:
        return []
    every = _cohort.cohort_rates(log, by=by, as_of=stamp, within_days=None)
    big = every.loc[every["students"] >= min_cell, by].astype("str")
    return [_label(v) for v in waiting[by] if str(v) in set(big)]


def _overview(log, students, *, stamp, min_cell: int) -> list[dict[str, str]]:
    from infoview_kit.analytics.metrics import discipline_summary

    n = len(students)
    if n < min_cell:
        return [{"name": "Students", "value": f"<{min_cell}",
                 "note": "too few students for cohort figures"}]  # fmt: skip
    overall = _cohort.suppress_small(_cohort.cohort_rates(log, by=None, as_of=stamp),
                                     k=min_cell).iloc[0]  # fmt: skip
    habits = discipline_summary(log, as_of=stamp)
    quiet = pd.to_numeric(students["days_since_outreach"], errors="coerce")
    active = int((quiet < 14).sum())
    urgent = int(students["severity"].isin(SEVERITIES[:2]).sum())
    figures = [
        ("Students", _count(n),
         f"{_count(int((students['requests'] > 0).sum()))} have sent at least one request"),
        ("To contact this week", _count(urgent),
         f"{_count(int((students['concerns'] != '').sum()))} of {_count(n)} have a flag"),
        ("Requests sent", _count(int(students["requests"].sum())),
         f"{_count(int(students['replies'].sum()))} answered so far"),
        ("Reply rate", _pct(overall["rate"]),
         f"replies within {_cohort.REPLY_WINDOW_DAYS} days; 95% interval "
         f"{_interval(overall['ci_low'], overall['ci_high'])}"),
        ("Median student's reply rate", _pct(overall["student_median"]),
         f"middle half of students: {_interval(overall['student_q1'], overall['student_q3'])}"),
        ("Meetings held", _count(int(students["meetings"].sum())),
         f"thank-you within a day: {_pct(habits['thank_you_within_day_rate'])}"),
        ("Follow-ups on time", _pct(habits["follow_up_adherence"]),
         f"of {_count(habits['settled'])} requests that needed one (3B7 rule)"),
        ("Sent something in the last 14 days", _count(active), f"of {_count(n)}"),
    ]  # fmt: skip
    return [{"name": a, "value": v, "note": note} for a, v, note in figures]


def _flag_explanations(students: pd.DataFrame, settings) -> list[dict[str, Any]]:
    from infoview_kit.advisor.flags import FLAGS, FlagSettings

    counts = _cohort.flag_counts(students)
    settings = settings or FlagSettings()
    return [
        {"name": f.name, "severity": f.severity, "count": counts[f.name],
         "meaning": f.meaning(settings)}
        for f in FLAGS
    ]  # fmt: skip


def report_context(
    log: OutreachLog,
    *,
    as_of=None,
    compare: OutreachLog | None = None,
    min_cell: int = 5,
    title: str = DEFAULT_TITLE,
    pseudonymised: bool | None = None,
    settings=None,
) -> dict[str, Any]:
    """Everything the report shows, as plain values (texts, small tables, PNG data URIs).

    ``pseudonymised`` says whether student names were replaced (default: True
    when every student is an ``S-`` pseudonym); the report says so at the top.
    ``settings``: the flag thresholds (:class:`~infoview_kit.advisor.flags.FlagSettings`).

    >>> from infoview_kit.datasets.simulate import cohort
    >>> context = report_context(cohort(n_students=12))
    >>> context["students"], sorted(context["rates"])
    (12, ['channel', 'connection', 'field', 'week'])
    """
    stamp = _cohort.resolve_as_of(log, as_of)
    students = _cohort.student_table(log, as_of=stamp, settings=settings)
    flagged = _attention(students)
    urgent = int(students["severity"].isin(SEVERITIES[:2]).sum())
    overall = _cohort.cohort_rates(log, by=None, as_of=stamp)
    return {
        "title": title,
        "as_of": _day(stamp),
        "generated": pd.Timestamp("now").strftime("%Y-%m-%d %H:%M"),
        "pseudonymised": _looks_pseudonymised(log) if pseudonymised is None else pseudonymised,
        "students": len(students),
        "min_cell": min_cell,
        "window_days": _cohort.REPLY_WINDOW_DAYS,
        "excluded_recent": _count(overall["excluded_recent"].iloc[0]),
        "figures": _overview(log, students, stamp=stamp, min_cell=min_cell),
        "flags": _flag_explanations(students, settings),
        "flagged": len(flagged),
        "to_contact": urgent,
        "attention": _table(flagged, _student_rows(flagged)),
        "every_student": _table(students, _student_rows(students)),
        "rates": _rates_sections(log, stamp=stamp, min_cell=min_cell),
        "fields": _fields_table(log, min_cell=min_cell, as_of=stamp),
        "comparison": None
        if compare is None
        else _comparison(log, compare, as_of=stamp, min_cell=min_cell, to_contact=urgent),
        "files": _files_table(log),
        "problems": _problem_rows(log),
        "load_summary": log.report.summary_line() if log.report.rows_read else "",
    }


def _visible(value: object) -> object:
    """Text from the data with control and direction-override characters shown, not obeyed."""
    from markupsafe import Markup

    from infoview_kit.io.text import neutralise_text

    if isinstance(value, str) and not isinstance(value, Markup):
        return neutralise_text(value, keep_lines=True)
    return value


def cohort_report_html(
    log: OutreachLog,
    *,
    as_of=None,
    compare: OutreachLog | None = None,
    min_cell: int = 5,
    title: str = DEFAULT_TITLE,
    pseudonymised: bool | None = None,
    settings=None,
) -> str:
    """The cohort report as one self-contained HTML page (see the module docstring).

    Sections: overview figures; who needs attention (flagged students, most
    urgent first, each with a next step); reply rates by channel,
    connection, field and week, with 95% intervals; the spread across
    students; the career fields explored; the comparison with ``compare``
    (last term, opening with three sentences to paste), if given; data
    quality (each file, each problem row); how the figures are made. Groups
    of fewer than ``min_cell`` students show ``"<5"`` (for 5) instead of
    their figures and are left out of the charts.

    Pseudonymise the log first (:func:`infoview_kit.advisor.privacy.pseudonymise`)
    before handing the report to anyone else.
    """
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(
        loader=PackageLoader("infoview_kit.advisor", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_visible,
    )
    context = report_context(
        log, as_of=as_of, compare=compare, min_cell=min_cell, title=title,
        pseudonymised=pseudonymised, settings=settings,
    )  # fmt: skip
    return env.get_template("cohort_report.html.j2").render(**context)


@dataclass(frozen=True)
class ReportOutcome:
    """What :func:`write_cohort_report` wrote: the file, and the figures a caller may print."""

    path: Path
    students: int
    flagged: int
    to_contact: int
    contact_list: Path | None = None


def write_cohort_report(
    source: str | os.PathLike[str],
    output: str | os.PathLike[str],
    *,
    key: bytes | str | None = None,
    compare: str | os.PathLike[str] | None = None,
    as_of: Any = None,
    min_cell: int = 5,
    settings=None,
    contact_list: str | os.PathLike[str] | None = None,
    dayfirst: bool | None = None,
    owner: str | None = None,
    progress: bool = False,
    make_parents: bool = False,
) -> ReportOutcome:
    """Load a cohort (and last term's), pseudonymise it when a ``key`` is given, write the report.

    ``contact_list``: also write :func:`contact_list_csv` there (the students
    to contact this week; pseudonyms when pseudonymised). Everything else as
    in :func:`cohort_report_html`. The files are written with
    :func:`infoview_kit.io.output.write_output` (a folder, device or link to
    nowhere is refused before the cohort loads; ``make_parents`` creates
    missing folders). Errors are :class:`~infoview_kit.errors.InfoviewError`
    with a one-line message.

    >>> import tempfile
    >>> from infoview_kit.datasets import write_sample
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = write_sample(folder)
    >>> done = write_cohort_report(folder / "cohort", folder / "r.html", key="k" * 16)
    >>> done.path.name, done.students
    ('r.html', 40)
    """
    from infoview_kit.advisor.privacy import pseudonymise
    from infoview_kit.io.output import check_output, write_output

    for path in (output, contact_list):
        if path is not None:  # a bad output path fails now, not after the loading
            check_output(path, make_parents=make_parents)
    if min_cell < 0:
        raise InfoviewError("the smallest group shown (--min-cell) must be 0 or more; 5 is usual.")
    stamp = None if as_of is None else _cohort.resolve_as_of(OutreachLog(), as_of)
    log = _cohort.load_cohort(source, progress=progress, dayfirst=dayfirst, owner=owner)
    other = None
    if compare is not None:
        other = _cohort.load_cohort(compare, progress=progress, dayfirst=dayfirst, owner=owner)
    if key is not None:
        log = pseudonymise(log, key=key)
        other = None if other is None else pseudonymise(other, key=key)
    html = cohort_report_html(log, as_of=stamp, compare=other, min_cell=min_cell,
                              pseudonymised=key is not None, settings=settings)  # fmt: skip
    write_output(output, html, make_parents=make_parents)
    students = _cohort.student_table(log, as_of=stamp, settings=settings)
    listed = None
    if contact_list is not None:
        listed = Path(contact_list)
        write_output(listed, contact_list_csv(students), make_parents=make_parents)
    return ReportOutcome(
        path=Path(output),
        students=len(students),
        flagged=int((students["concerns"] != "").sum()),
        to_contact=int(students["severity"].isin(SEVERITIES[:2]).sum()),
        contact_list=listed,
    )
