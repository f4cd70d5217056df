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
  files, or one combined sheet with a *Student* column, or the responses sheet of a Google or Microsoft form
  students fill in after each outreach (each respondent is one student).
* Students are **pseudonymised** before anything is shown: names become keyed codes such as `S-3f9a2c1d`,
  and the people students wrote to, their e-mails, phones and notes never appear.
* Groups of fewer than 5 students show “<5” instead of figures, and anything typed outside the fixed
  categories (a channel written as “Lunch with …”) is shown as “other”.

Change the values in the next cell, then choose **Run → Run All Cells**. The same report can be made from a
terminal with `infoview report FOLDER -o report.html --pseudonymise --key-file KEY`.""",
        ),
        (
            "code",
            """\
source = "../../data/sample/cohort"  # folder, .zip, combined sheet or form responses sheet
key_file = None  # a file holding your pseudonymisation key; None: a one-off key for this run
compare = None  # last term's logs, to compare with (same kinds of source)
as_of = None  # the date to measure at, e.g. "2026-04-17"; None: the last event in the logs
output = "cohort_report.html"  # where the report is written
min_cell = 5  # groups of fewer students are hidden
flag_settings = None  # a file of flag thresholds (infoview flag-settings FILE); None: the defaults
contact_list = "students_to_contact.csv"  # the students to call or check in with this week""",
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
from infoview_kit.advisor import cohort_files_report, load_cohort

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
from infoview_kit.advisor import load_key, new_key, pseudonymise

key = load_key(key_file) if key_file else new_key()
safe = pseudonymise(log, key=key)
safe_last = pseudonymise(last_term, key=key) if last_term is not None else None
cohort_files_report(safe)""",
        ),
        (
            "md",
            """\
## 3. Who needs attention

Students come most urgent first, each with the reason and a next step:

* **stuck** (call this week): fewer than 5 requests and nothing sent for 28 days; a file with only
  its header row counts too;
* **gone quiet** (check in this week): had started, then nothing sent for 28 days;
* **no follow-ups** and **thank-yous missing** (mention at the next meeting): habits worth a word.

The thresholds are yours to change: `infoview flag-settings flags.toml` writes them to a file; edit it
and set `flag_settings = "flags.toml"` in the first cell. `docs/advisors.md` explains the defaults.""",
        ),
        (
            "code",
            """\
from infoview_kit.advisor import load_flag_settings, student_table

settings = load_flag_settings(flag_settings) if flag_settings else None
students = student_table(safe, as_of=as_of, settings=settings)
students[students["concerns"] != ""][["owner", "severity", "next_step"]]""",
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
from infoview_kit.advisor import cohort_rates, suppress_small

suppress_small(cohort_rates(safe, by="connection", as_of=as_of), k=min_cell)""",
        ),
        (
            "md",
            """\
## 5. Write the report

The file holds everything (charts included) and opens offline in any browser. The list of students to
contact this week is written next to it as a CSV file for your own tools. To turn codes back into
students and files, the key holder runs `infoview pseudonyms FOLDER --key-file KEY -o mapping.csv`
(keep that file with the key, never with the report).""",
        ),
        (
            "code",
            """\
from pathlib import Path

from infoview_kit.advisor import cohort_report_html, contact_list_csv

html = cohort_report_html(
    safe, as_of=as_of, compare=safe_last, min_cell=min_cell, settings=settings
)
Path(output).write_text(html, encoding="utf-8")
Path(contact_list).write_text(contact_list_csv(students), encoding="utf-8")
print(f"Report written to {Path(output).resolve()}")""",
        ),
    ],
    "advisor/cohort_dashboard": [
        (
            "md",
            """\
# Cohort dashboard

Filter a class's outreach by channel, kind of connection, career field and weeks; see the reply rates
of the selection; list the students most urgent first, or those with a given flag; download the students
to contact this week as a CSV file; open one student to see every step they took.

**Privacy.** Students appear as keyed pseudonyms (`S-…`) and their contacts as `P-…`; names,
e-mails, phones and notes are never shown. Without a key file, a new key is made each time the
dashboard starts, so the codes change from one session to the next. To see the same codes as in
your reports, set the environment variable `INFOVIEW_KEY_FILE` to your key file before starting
(`INFOVIEW_COHORT` chooses the logs, by default the sample cohort; `INFOVIEW_FLAG_SETTINGS` a file of
flag thresholds, see `docs/advisors.md`).

**Names, for the key holder.** Started with your key file, the dashboard shows a **Show names** button:
on your own machine it turns the codes back into students' names, under an orange “Names shown”
banner. Press **Show codes** before you share your screen.

Run all cells, or open it as an app: `make dashboard` (Voilà shows the widgets without the code).""",
        ),
        (
            "code",
            """\
import os

source = os.environ.get("INFOVIEW_COHORT", "../../data/sample/cohort")
key_file = os.environ.get("INFOVIEW_KEY_FILE") or None
flag_settings = os.environ.get("INFOVIEW_FLAG_SETTINGS") or None  # infoview flag-settings FILE""",
            ("parameters",),
        ),
        (
            "code",
            """\
from infoview_kit.advisor import load_cohort, load_flag_settings, load_key
from infoview_kit.widgets import CohortDashboard

log = load_cohort(source)
key = load_key(key_file) if key_file else None
settings = load_flag_settings(flag_settings) if flag_settings else None
dashboard = CohortDashboard(log, key=key, settings=settings)
dashboard""",
        ),
    ],
}
