"""A cohort logged through a form: the advisor's report from a responses sheet.

The students (example.edu) and their contacts (example.com) are synthetic.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from infoview_kit.advisor.cohort import load_cohort, student_table
from infoview_kit.advisor.privacy import pseudonymise
from infoview_kit.advisor.report import cohort_report_html
from infoview_kit.cli import main

AS_OF = pd.Timestamp("2025-07-01")
KEY = "form-responses-test-key-0123456789"
GOOGLE = (
    "Timestamp,Email Address,Your name,Who did you contact?,Their email,"
    "Their organisation/company,When did you reach out?,How did you reach out?,"
    "Did they reply?,Date of the meeting,Did you send a thank-you?\n"
    "4/1/2025 10:00:00,ana.student@example.edu,Ana Student,Ada Example,ada@example.com,Acme,"
    "4/1/2025,Email,Yes,4/9/2025,Yes\n"
    "4/2/2025 11:00:00,ben.student@example.edu,Ben Student,Bo Sample,bo@example.com,Initech,"
    "3/30/2025,LinkedIn,No,,\n"
    "4/5/2025 09:30:00,ana.student@example.edu,Ana Student,Cy Person,cy@example.com,Globex,"
    "4/4/2025,Phone,No,,\n"
    "4/6/2025 09:30:00,cleo.student@example.edu,Cleo Student,Dee Contact,dee@example.com,Hooli,"
    "4/6/2025,Email,Yes,,\n"
)
#: What must never reach a pseudonymised report: students' and contacts' names and e-mails.
PERSONAL = [
    "Ana Student", "Ben Student", "Cleo Student", "ana.student", "ben.student", "cleo.student",
    "Ada Example", "Bo Sample", "Cy Person", "Dee Contact", "ada@example.com", "example.edu",
    "example.com",
]  # fmt: skip


@pytest.fixture(params=["csv", "xlsx"])
def responses(request, tmp_path) -> Path:
    csv = tmp_path / "Outreach log (Responses).csv"
    csv.write_text(GOOGLE, encoding="utf-8")
    if request.param == "csv":
        return csv
    frame = pd.read_csv(csv, dtype=str)
    frame["Timestamp"] = pd.to_datetime(frame["Timestamp"], format="%m/%d/%Y %H:%M:%S")
    path = tmp_path / "Outreach log (Responses).xlsx"
    frame.to_excel(path, index=False, sheet_name="Form Responses 1")
    return path


def test_load_cohort_gives_one_student_per_respondent(responses):
    log = load_cohort(responses)
    assert log.report.balanced and log.report.rows_read == 4
    assert sorted(log.owners) == ["Ana Student", "Ben Student", "Cleo Student"]
    students = student_table(log, as_of=AS_OF).set_index("owner")
    assert students.loc["Ana Student", "requests"] == 2
    assert students.loc["Ana Student", "meetings"] == 1
    assert students.loc["Ana Student", "thank_yous"] == 1
    assert students.loc["Ben Student", "requests"] == 1
    assert students.loc["Cleo Student", "replies"] == 1


def test_a_pseudonymised_report_names_no_student_and_no_contact(responses):
    raw = load_cohort(responses)
    html = cohort_report_html(pseudonymise(raw, key=KEY), as_of=AS_OF)
    leaked = [p for p in PERSONAL if p.casefold() in html.casefold()]
    assert leaked == []
    assert len(set(re.findall(r"S-[0-9a-f]{8}", html))) == 3  # three students, by code


def test_a_heading_that_names_someone_stays_masked(tmp_path):
    head, *rows = GOOGLE.splitlines()
    text = "\n".join([head + ",Who did you contact? (Zara Quennell)", *(r + ",x" for r in rows)])
    path = tmp_path / "responses.csv"
    path.write_text(text + "\n", encoding="utf-8")
    html = cohort_report_html(pseudonymise(load_cohort(path), key=KEY), as_of=AS_OF)
    assert "Zara" not in html and "Quennell" not in html
    assert "(a column of its own)" in html


def test_infoview_report_from_a_responses_sheet(responses, tmp_path, capsys):
    out = tmp_path / "report.html"
    status = main(["report", str(responses), "-o", str(out), "--pseudonymise",
                   "--as-of", "2025-07-01"])  # fmt: skip
    assert status == 0
    assert "3 students" in capsys.readouterr().out
    html = out.read_text(encoding="utf-8")
    assert [p for p in PERSONAL if p.casefold() in html.casefold()] == []
    assert "sent in through the form" in html  # the submission time, said plainly


def test_a_folder_of_form_downloads_keeps_each_respondent(tmp_path):
    folder = tmp_path / "term"
    folder.mkdir()
    lines = GOOGLE.splitlines(keepends=True)
    (folder / "september.csv").write_text("".join(lines[:3]), encoding="utf-8")
    (folder / "october.csv").write_text(lines[0] + "".join(lines[3:]), encoding="utf-8")
    log = load_cohort(folder)
    assert sorted(log.owners) == ["Ana Student", "Ben Student", "Cleo Student"]
    assert log.report.balanced
