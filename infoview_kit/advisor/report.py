"""The advisor's cohort report: one self-contained HTML file to read, print or pass on.

Everything is inside the file: the styles, and the charts as PNG images in
``data:`` URIs. The page makes no request of its own (no fonts, scripts or
style sheets from elsewhere), so it opens offline and on a locked-down
machine. Every text that comes from the data is escaped (Jinja2 autoescape).

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
import io
import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from infoview_kit.advisor import cohort as _cohort
from infoview_kit.model import OutreachLog
from infoview_kit.schema import CHANNELS, CONNECTIONS, EVENT_KINDS

__all__ = [
    "DEFAULT_TITLE",
    "cohort_report_html",
    "rates_chart_png",
    "rates_table_html",
    "report_context",
    "students_table_html",
    "table_html",
    "timeline_html",
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
    body = "".join(
        "<tr>"
        + "".join(
            f'<td style="text-align:{a};padding:2px 8px;white-space:pre-line">{escape(c)}</td>'
            for a, c in zip(aligns, row, strict=True)
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


def _png_bytes(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110)
    return buffer.getvalue()


def _png(fig) -> str:
    return "data:image/png;base64," + base64.b64encode(_png_bytes(fig)).decode("ascii")


def _figure(width: float, height: float):
    from matplotlib.figure import Figure

    # A bare Figure (no pyplot): nothing global is touched, nothing to close.
    fig = Figure(figsize=(width, height), layout="constrained")
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


def rates_chart_png(rates: pd.DataFrame, *, by: str, min_cell: int = 5) -> bytes | None:
    """PNG bytes of the reply-rate chart of a :func:`~infoview_kit.cohort_rates` table.

    Groups of fewer than ``min_cell`` students are left out; None when nothing is left.

    >>> from infoview_kit.datasets.simulate import cohort
    >>> from infoview_kit.advisor.cohort import cohort_rates
    >>> rates_chart_png(cohort_rates(cohort(n_students=12), by="channel"), by="channel")[:4]
    b'\x89PNG'
    """
    fig = _rates_figure(rates[rates["students"] >= min_cell], by)
    return None if fig is None else _png_bytes(fig)


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
        ("Flags", lambda r: r["flags"].replace("; ", "\n"), "text flags"),
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
    """Flagged students, most flags first, then longest quiet."""
    flagged = students[students["flags"].str.len() > 0]
    n_flags = flagged["flags"].str.count("; ") + 1
    return (
        flagged.assign(_n=n_flags, _quiet=flagged["days_since_last_activity"].fillna(10_000))
        .sort_values(["_n", "_quiet", "owner"], ascending=[False, False, True], kind="stable")
        .drop(columns=["_n", "_quiet"])
    )


def _comparison(log: OutreachLog, other: OutreachLog, *, as_of, min_cell: int) -> dict[str, Any]:
    groups = [(None, "All requests"), ("channel", "Channel"), ("connection", "Connection")]
    tables, chart_rows = [], []
    for by, heading in groups:
        table = _cohort.compare_cohorts(log, other, by=by, as_of=as_of)
        label = pd.Series(["All requests"] * len(table)) if by is None else table[by].map(_label)
        table = table.assign(label=label.to_numpy())
        visible = table[(table["fewest_students"] >= min_cell) & table["difference"].notna()]
        chart_rows.append(
            visible.assign(label=[f"{heading}: {v}" if by else v for v in visible["label"]])
        )
        shown = _cohort.suppress_small(table, count_col="fewest_students", k=min_cell)
        tables.append(
            _table(
                shown,
                [
                    (heading, lambda r: str(r["label"]), "text"),
                    (
                        "Students (this / last)",
                        lambda r: f"{_count(r['students_this'])} / {_count(r['students_last'])}",
                        "num",
                    ),
                    ("Reply rate this term", lambda r: _pct(r["rate_this"]), "num"),
                    ("Last term", lambda r: _pct(r["rate_last"]), "num"),
                    ("Change", lambda r: _signed_pct(r["difference"]), "num"),
                    (
                        "95% interval of the change",
                        lambda r: _interval_pts(r["diff_ci_low"], r["diff_ci_high"]),
                        "num",
                    ),
                    ("Clear change?", lambda r: _clear(r), "text"),
                ],
            )
        )
    rows = pd.concat(chart_rows, ignore_index=True) if chart_rows else pd.DataFrame()
    return {
        "tables": tables,
        "chart": _difference_chart(rows) if len(rows) else None,
        "students_last": len(other.owners),
    }


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


def _files_table(log: OutreachLog) -> dict[str, Any] | None:
    """Files that did not simply load (problems first); clean files are only counted."""
    files = _cohort.cohort_files_report(log)
    if files.empty:
        return None
    clean = files["status"] == _cohort.FILE_LOADED
    table = _table(
        files[~clean],
        [
            ("File", lambda r: str(r["file"]), "text id"),
            ("Student", lambda r: _label(r["owner"]), "text id"),
            ("Result", lambda r: _label(r["status"]), "text key"),
            ("Rows read", lambda r: _count(r["rows_read"]), "num"),
            ("Loaded", lambda r: _count(r["rows_loaded"]), "num"),
            ("Merged", lambda r: _count(r["rows_merged"]), "num"),
            ("Rejected", lambda r: _count(r["rows_rejected"]), "num"),
            ("Warnings", lambda r: _count(r["warnings"]), "num"),
            ("Note", lambda r: _label(r["message"]) if r["message"] else "", "text"),
        ],
    )
    table["clean"] = int(clean.sum())
    table["total"] = len(files)
    return table


def _problem_reasons(log: OutreachLog) -> dict[str, Any] | None:
    problems = log.report.problems
    if problems.empty:
        return None
    counts = (
        problems.assign(outcome=np.where(problems["kept"].astype(bool), "kept", "rejected"))
        .groupby(["reason", "outcome"])
        .size()
        .rename("rows")
        .reset_index()
        .sort_values("rows", ascending=False, kind="stable")
    )
    return _table(
        counts,
        [
            ("Problem", lambda r: str(r["reason"]), "text"),
            ("Row", lambda r: str(r["outcome"]), "text"),
            ("Rows", lambda r: _count(r["rows"]), "num"),
        ],
    )


def _looks_pseudonymised(log: OutreachLog) -> bool:
    owners = pd.Series(log.owners, dtype="str")
    return bool(len(owners)) and bool(owners.str.fullmatch(r"S-[0-9a-f]{8}").all())


def report_context(
    log: OutreachLog,
    *,
    as_of=None,
    compare: OutreachLog | None = None,
    min_cell: int = 5,
    title: str = DEFAULT_TITLE,
    pseudonymised: bool | None = None,
) -> dict[str, Any]:
    """Everything the report shows, as plain values (texts, small tables, PNG data URIs).

    ``pseudonymised`` says whether student names were replaced (default: True
    when every student is an ``S-`` pseudonym); the report says so at the top.

    >>> from infoview_kit.datasets.simulate import cohort
    >>> context = report_context(cohort(n_students=12))
    >>> context["students"], sorted(context["rates"])
    (12, ['channel', 'connection', 'field', 'week'])
    """
    from infoview_kit.analytics.metrics import discipline_summary

    stamp = _cohort._as_of(log, as_of)
    students = _cohort.student_table(log, as_of=stamp)
    overall = cohort_rates_overall = _cohort.cohort_rates(log, by=None, as_of=stamp)
    overall = _cohort.suppress_small(overall, k=min_cell).iloc[0]
    habits = discipline_summary(log, as_of=stamp)
    flagged = _attention(students)
    if pseudonymised is None:
        pseudonymised = _looks_pseudonymised(log)

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
            "waiting": [_label(v) for v in waiting[by]],
        }

    n_students = len(students)
    quiet = int(students["flags"].str.contains(_cohort.FLAG_NO_OUTREACH, regex=False).sum())
    figures = [
        ("Students", _count(n_students),
         f"{_count(int((students['requests'] > 0).sum()))} have sent at least one request"),
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
        ("Active in the last 14 days", _count(n_students - quiet), f"of {_count(n_students)}"),
        ("Students with a flag", _count(len(flagged)), "see who needs attention"),
    ]  # fmt: skip

    return {
        "title": title,
        "as_of": _day(stamp),
        "generated": pd.Timestamp("now").strftime("%Y-%m-%d %H:%M"),
        "pseudonymised": bool(pseudonymised),
        "students": n_students,
        "min_cell": min_cell,
        "window_days": _cohort.REPLY_WINDOW_DAYS,
        "excluded_recent": _count(cohort_rates_overall["excluded_recent"].iloc[0]),
        "figures": [{"name": n, "value": v, "note": note} for n, v, note in figures],
        "flags": list(_cohort.FLAGS),
        "flag_counts": {
            name: int(students["flags"].str.contains(name, regex=False).sum())
            for name in _cohort.FLAGS
        },
        "attention": _table(flagged, _student_rows(flagged)),
        "every_student": _table(students, _student_rows(students)),
        "rates": rates,
        "comparison": None
        if compare is None
        else _comparison(log, compare, as_of=stamp, min_cell=min_cell),
        "files": _files_table(log),
        "problems": _problem_reasons(log),
        "load_summary": log.report.summary_line() if log.report.rows_read else "",
    }


def cohort_report_html(
    log: OutreachLog,
    *,
    as_of=None,
    compare: OutreachLog | None = None,
    min_cell: int = 5,
    title: str = DEFAULT_TITLE,
    pseudonymised: bool | None = None,
) -> str:
    """The cohort report as one self-contained HTML page (see the module docstring).

    Sections: overview figures; who needs attention (flagged students); reply
    rates by channel, connection, field and week, with 95% intervals; the
    spread across students; the comparison with ``compare`` (last term), if
    given; data quality (what happened to each file); how the figures are
    made. Groups of fewer than ``min_cell`` students show ``"<5"`` (for 5)
    instead of their figures and are left out of the charts.

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
    )
    context = report_context(
        log, as_of=as_of, compare=compare, min_cell=min_cell, title=title,
        pseudonymised=pseudonymised,
    )  # fmt: skip
    return env.get_template("cohort_report.html.j2").render(**context)
