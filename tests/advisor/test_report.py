"""The cohort report: self-contained, escaped, pseudonymised, small groups hidden."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from infoview_kit.advisor.cohort import load_cohort
from infoview_kit.advisor.privacy import pseudonymise
from infoview_kit.advisor.report import cohort_report_html, report_context
from infoview_kit.model import OutreachLog
from tests.helpers import SAMPLE
from tests.helpers.cohort_cases import AS_OF, PERSONAL_STRINGS, hand_cohort

KEY = "report-test-key-0123456789"
EXTERNAL = re.compile(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)


def _personal_values(log: OutreachLog) -> set[str]:
    """Every name, e-mail, phone, profile URL, note and student name in a raw log."""
    values: set[str] = set()
    for frame, columns in (
        (log.contacts, ["name", "email", "phone", "linkedin_url", "notes"]),
        (log.events, ["owner", "notes"]),
    ):
        for column in columns:
            values |= {v for v in frame[column].dropna().astype(str) if len(v.strip()) >= 6}
    return values


@pytest.fixture(scope="module")
def sample_raw() -> OutreachLog:
    return load_cohort(SAMPLE / "cohort", progress=False)


@pytest.fixture(scope="module")
def sample_html(sample_raw) -> str:
    return cohort_report_html(pseudonymise(sample_raw, key=KEY))


def test_report_is_one_self_contained_file(sample_html):
    assert sample_html.startswith("<!DOCTYPE html>")
    assert EXTERNAL.search(sample_html) is None
    assert "<script" not in sample_html.lower() and "<link" not in sample_html.lower()
    assert "@import" not in sample_html and "url(" not in sample_html
    images = re.findall(r'<img[^>]*src="([^"]+)"', sample_html)
    assert len(images) >= 6  # rates by channel, connection, field, week + spread charts
    assert all(src.startswith("data:image/png;base64,") for src in images)
    assert "@media print" in sample_html


def test_report_has_every_section(sample_html):
    for heading in ("Overview", "Who needs attention", "Reply rates by group",
                    "Spread across students", "Data quality", "How the figures are made",
                    "Every student"):  # fmt: skip
        assert f"<h2>{heading}</h2>" in sample_html
    assert "Compared with last term" not in sample_html  # no comparison asked for
    # the data-quality section names the README as not a log, under its pseudonym
    assert "not a log at all" in sample_html


def test_pseudonymised_report_has_no_personal_data(sample_raw, sample_html):
    personal = _personal_values(sample_raw)
    assert len(personal) > 500  # names, e-mails, notes... and the 40 student names
    leaked = sorted(v for v in personal if v in sample_html)
    assert leaked == []
    assert "student_" not in sample_html  # neither owners nor file names
    assert KEY not in sample_html
    assert "Pseudonymised." in sample_html


def test_report_flags_students_by_pseudonym():
    safe = pseudonymise(hand_cohort(), key=KEY)
    html = cohort_report_html(safe, as_of=AS_OF)
    for personal in PERSONAL_STRINGS:
        assert personal not in html
    attention = html.split('id="attention"')[1].split("</section>")[0]
    flagged = re.findall(r"S-[0-9a-f]{8}", attention)
    assert len(set(flagged)) == 3  # Ben, Cleo and Dev; Ana has no flag
    for flag in ("fewer than 3 requests", "3+ unanswered requests without follow-up",
                 "meeting without thank-you"):  # fmt: skip
        assert flag in attention


def test_small_groups_are_hidden_and_not_charted():
    # Four students in all: with k = 5 every group is too small.
    context = report_context(hand_cohort(), as_of=AS_OF, min_cell=5)
    for part in context["rates"].values():
        assert part["chart"] is None
        assert all(row[1] == "<5" for row in part["table"]["rows"])  # students column
        assert all(cell == "<5" for row in part["table"]["rows"] for cell in row[1:])
    # k = 1 hides nothing: the alumni row shows Ana's 2 replies to 4 requests.
    shown = report_context(hand_cohort(), as_of=AS_OF, min_cell=1)
    rows = {row[0]: row for row in shown["rates"]["connection"]["table"]["rows"]}
    assert rows["alumni"][1:4] == ["1", "4", "2"]
    assert shown["rates"]["connection"]["chart"].startswith("data:image/png;base64,")


def test_report_escapes_what_comes_from_the_data():
    log = hand_cohort()
    contacts = log.contacts.assign(field='<script>alert("x")</script>')
    events = log.events.assign(owner=log.events["owner"].str.replace("Ana Example", "<b>Ana</b>"))
    html = cohort_report_html(OutreachLog(contacts, events, log.report), as_of=AS_OF, min_cell=1)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "<b>Ana</b>" not in html and "&lt;b&gt;Ana&lt;/b&gt;" in html
    assert "This report shows students’ names." in html  # not pseudonymised: said so


def test_comparison_section():
    this = pseudonymise(hand_cohort(), key=KEY)
    last_events = this.events.assign(at=this.events["at"] - pd.Timedelta(weeks=26))
    last = OutreachLog(this.contacts, last_events)
    html = cohort_report_html(this, as_of=AS_OF, compare=last, min_cell=1)
    section = html.split('id="comparison"')[1].split("</section>")[0]
    assert "Compared with last term" in section
    assert "All requests" in section and "Clear change?" in section
    # Same students doing the same things: every change is 0 and none is "clear".
    assert "yes, higher" not in section and "yes, lower" not in section


def test_empty_log_still_makes_a_report():
    html = cohort_report_html(OutreachLog(), title="Nobody yet")
    assert "<h1>Nobody yet</h1>" in html
    assert "No student has a flag at the moment." in html
