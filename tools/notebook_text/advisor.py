"""Text of the advisor notebooks: the cohort report (runs headless) and the cohort dashboard."""

# Markdown prose below is wrapped for reading, not to the code line length.
# ruff: noqa: E501

from __future__ import annotations

from tools.notebook_text import Cell

NOTEBOOKS: dict[str, list[Cell]] = {
    "advisor/cohort_report": [
        (
            "md",
            """\
# Cohort report (for career advisors)

This notebook turns a class's outreach logs into **one HTML file** you can read, print or pass to a
colleague: who is active, who is stuck, which channels and kinds of connection get replies, how much
students differ, and how this term compares with the last.

* The logs can be a folder (or `.zip`) with one file per student, in any mix of CSV, Excel and tab-separated
  files, or one combined sheet with a *Student* column.
* Students are **pseudonymised** before anything is shown: names become keyed codes such as `S-3f9a2c1d`,
  and the people students wrote to, their e-mails, phones and notes never appear.
* Groups of fewer than 5 students show “<5” instead of figures.

Change the values in the next cell, then choose **Run → Run All Cells**. The same report can be made from a
terminal with `infoview report FOLDER -o report.html --pseudonymise --key-file KEY`.""",
        ),
        (
            "code",
            """\
source = "../../data/sample/cohort"  # folder, .zip or combined sheet of student logs
key_file = None  # a file holding your pseudonymisation key; None: a one-off key for this run
compare = None  # last term's logs, to compare with (same kinds of source)
as_of = None  # the date to measure at, e.g. "2026-04-17"; None: the last event in the logs
output = "cohort_report.html"  # where the report is written
min_cell = 5  # groups of fewer students are hidden""",
            ("parameters",),
        ),
        (
            "md",
            """\
## 1. Load the logs

Every file is accounted for: loaded, loaded with warnings (a row with an unreadable date, a repeated
contact...), or not a log at all. One bad file never stops the others.""",
        ),
        (
            "code",
            """\
from infoview_kit.advisor.cohort import cohort_files_report, load_cohort

log = load_cohort(source)
last_term = load_cohort(compare) if compare else None
log.report.summary_line()""",
        ),
        (
            "md",
            """\
## 2. Pseudonymise

Use the **same key file every term** and each student keeps the same code, so terms can be compared.
Keep the key file private, away from the folder you share: anyone holding it can check a guessed
name against the codes. `new_key_file("cohort.key")` makes one (run it once).""",
        ),
        (
            "code",
            """\
from infoview_kit.advisor.privacy import load_key, new_key, pseudonymise

key = load_key(key_file) if key_file else new_key()
safe = pseudonymise(log, key=key)
safe_last = pseudonymise(last_term, key=key) if last_term is not None else None
cohort_files_report(safe)""",
        ),
        (
            "md",
            """\
## 3. Who needs attention

Four flags point to something an advisor can help with: fewer than 3 requests; no outreach in 14
days; 3 or more unanswered requests without a follow-up; a meeting without a thank-you.""",
        ),
        (
            "code",
            """\
from infoview_kit.advisor.cohort import student_table

students = student_table(safe, as_of=as_of)
students[students["flags"] != ""]""",
        ),
        (
            "md",
            """\
## 4. Reply rates: pooled, and across students

The pooled rate (with its 95% interval) is dominated by the busiest students; the median student
and the middle half of students show what is typical.""",
        ),
        (
            "code",
            """\
from infoview_kit.advisor.cohort import cohort_rates, suppress_small

suppress_small(cohort_rates(safe, by="connection", as_of=as_of), k=min_cell)""",
        ),
        (
            "md",
            """\
## 5. Write the report

The file holds everything (charts included) and opens offline in any browser.""",
        ),
        (
            "code",
            """\
from pathlib import Path

from infoview_kit.advisor.report import cohort_report_html

html = cohort_report_html(safe, as_of=as_of, compare=safe_last, min_cell=min_cell)
Path(output).write_text(html, encoding="utf-8")
print(f"Report written to {Path(output).resolve()}")""",
        ),
    ],
    "advisor/cohort_dashboard": [
        (
            "md",
            """\
# Cohort dashboard

Filter a class's outreach by channel, kind of connection, career field and weeks; see the reply rates
of the selection; list the students with a given flag; open one student to see every step they took.

**Privacy.** Students appear as keyed pseudonyms (`S-…`) and their contacts as `P-…`; names,
e-mails, phones and notes are never shown. Without a key file, a new key is made each time the
dashboard starts, so the codes change from one session to the next. To see the same codes as in
your reports, set the environment variable `INFOVIEW_KEY_FILE` to your key file before starting
(`INFOVIEW_COHORT` chooses the logs; by default the sample cohort).

Run all cells, or open it as an app: `make dashboard` (Voilà shows the widgets without the code).""",
        ),
        (
            "code",
            """\
import os

source = os.environ.get("INFOVIEW_COHORT", "../../data/sample/cohort")
key_file = os.environ.get("INFOVIEW_KEY_FILE") or None""",
            ("parameters",),
        ),
        (
            "code",
            """\
from infoview_kit.advisor.cohort import load_cohort
from infoview_kit.advisor.privacy import load_key
from infoview_kit.widgets.cohort_dashboard import CohortDashboard

log = load_cohort(source)
dashboard = CohortDashboard(log, key=load_key(key_file) if key_file else None)
dashboard""",
        ),
    ],
}
