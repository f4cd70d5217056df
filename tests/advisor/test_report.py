"""The cohort report: self-contained, escaped, pseudonymised, small groups hidden."""

from __future__ import annotations

import dataclasses
import re

import pandas as pd
import pytest

from infoview_kit.advisor.cohort import load_cohort, student_table
from infoview_kit.advisor.flags import FlagSettings
from infoview_kit.advisor.privacy import pseudonymise
from infoview_kit.advisor.report import (
    cohort_fields_explored,
    cohort_report_html,
    contact_list_csv,
    report_context,
    to_contact_this_week,
)
from infoview_kit.io.dates import AMBIGUOUS_REASON
from infoview_kit.model import OutreachLog
from tests.helpers import SAMPLE
from tests.helpers.cohort_cases import AS_OF, PERSONAL_STRINGS, hand_cohort

KEY = "report-test-key-0123456789"
LOW = FlagSettings(stuck_requests=3, quiet_days=14, unanswered_requests=3, missing_thank_yous=1)
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
                    "Spread across students", "Career fields explored", "Data quality",
                    "How the figures are made",
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
    html = cohort_report_html(safe, as_of=AS_OF, settings=LOW)
    for personal in PERSONAL_STRINGS:
        assert personal not in html
    attention = html.split('id="attention"')[1].split("</section>")[0]
    flagged = re.findall(r"S-[0-9a-f]{8}", attention)
    assert len(set(flagged)) == 3  # Ben, Cleo and Dev; Ana has no flag
    assert "1 of 4 students to contact this week" in attention  # Ben, stuck
    assert "and 2 more with a habit to mention" in attention
    # most urgent first: Ben's stuck line comes before the habits
    assert attention.index("choose three people to write to") < attention.index("show the 3B7 rule")
    assert "thank-yous missing</strong> (mention at the next meeting): 1 student" in attention
    # the thresholds are the ones given, in words
    assert "fewer than 3 requests and nothing sent for 14 days" in attention


def test_report_words_are_for_advisors():
    """No parameter names, Python values or programmer wording reach the page."""
    log = hand_cohort()
    problems = pd.concat(
        [
            log.report.problems,
            pd.DataFrame({"file": ["dev_demo.csv"], "row": pd.array([4], dtype="Int64"),
                          "column": ["Date contacted"], "value": ["03/04/2025"],
                          "reason": [AMBIGUOUS_REASON],
                          "kept": [True]}),
        ],
        ignore_index=True,
    )  # fmt: skip
    report = dataclasses.replace(log.report, problems=problems)
    html = cohort_report_html(OutreachLog(log.contacts, log.events, report), as_of=AS_OF)
    text = re.sub(r"<[^>]+>", " ", html.split("<body>")[1])
    assert not re.search(r"(?<!-)dayfirst", text)
    for word in ("=True", "None", "NaN", "nan%", "as_of", "min_cell", "<NA>",
                 "infoview_kit", "DataFrame", "()"):  # fmt: skip
        assert word not in text, word
    assert "make the report again with --dayfirst" in text


def test_problems_table_points_at_the_cell():
    # Not pseudonymised: the advisor's own copy shows file, Excel row, column, value.
    html = cohort_report_html(hand_cohort(), as_of=AS_OF)
    quality = html.split('id="quality"')[1].split("</section>")[0]
    rows = re.findall(r"<tr>(.*?)</tr>", quality.split("Problems found in the rows")[1], re.S)
    cells = [re.findall(r"<td[^>]*>(.*?)</td>", row, re.S) for row in rows[1:]]
    assert cells[0] == ["ana_example.csv", "5", "name", "pia.ana@example.com",
                        "looks like an e-mail in the name column", "kept"]  # fmt: skip
    assert cells[1][:3] == ["ana_example.csv", "13", "date"] and cells[1][-1] == "left out"
    # Pseudonymised: the same rows, file as a code, the value hidden.
    safe = cohort_report_html(pseudonymise(hand_cohort(), key=KEY), as_of=AS_OF)
    quality = safe.split('id="quality"')[1].split("</section>")[0]
    rows = re.findall(r"<tr>(.*?)</tr>", quality.split("Problems found in the rows")[1], re.S)
    cells = [re.findall(r"<td[^>]*>(.*?)</td>", row, re.S) for row in rows[1:]]
    assert re.fullmatch(r"F-[0-9a-f]{8}\.csv", cells[0][0])
    assert cells[0][1] == "5" and cells[0][3] == "(hidden)"
    assert "pia.ana@example.com" not in safe


def test_cohort_fields_explored_by_hand():
    # Fields of the hand cohort (min_cell=1): marine biology = Ana's Pia and Quin
    # (1 student, 2 contacts, 1 conversation: Pia on 03-12); data science = Dev's 3
    # (1 conversation: Xia); consulting 2, energy 2, publishing 4: no conversation.
    table = cohort_fields_explored(hand_cohort(), min_cell=1, as_of=AS_OF).set_index("field")
    assert table.loc["marine biology"].tolist() == [1, 2, 1, 1]
    assert table.loc["data science"].tolist() == [1, 3, 1, 1]
    assert table.loc["publishing"].tolist() == [1, 4, 0, 0]
    assert int(table["conversations"].sum()) == 2 and int(table["contacts"].sum()) == 13
    # with k = 5, every row is about one student: no figure is shown
    hidden = cohort_fields_explored(hand_cohort(), min_cell=5, as_of=AS_OF)
    assert set(hidden["students"]) == {"<5"} and set(hidden["conversations"]) == {"<5"}
    # k = 2 with four students in one field: the field shows, its one student's
    # conversation does not (and a field nobody met anyone in shows 0)
    log = hand_cohort()
    one_field = OutreachLog(log.contacts.assign(field="research"), log.events, log.report)
    row = cohort_fields_explored(one_field, min_cell=2, as_of=AS_OF).iloc[0]
    assert row[["field", "students", "contacts"]].tolist() == ["research", 4, 13]
    assert row["conversations"] == 2 and row["students_met"] == 2  # Ana and Dev: 2 >= 2
    row = cohort_fields_explored(one_field, min_cell=3, as_of=AS_OF).iloc[0]
    assert (row["students"], row["conversations"], row["students_met"]) == (4, "<3", "<3")
    # pseudonymised, the rare fields are "other": not a field name is left
    safe = report_context(pseudonymise(hand_cohort(), key=KEY), as_of=AS_OF, min_cell=1)
    assert [row[0] for row in safe["fields"]["rows"]] == ["other"]


def test_fields_section_on_the_sample(sample_html):
    section = sample_html.split('id="fields"')[1].split("</section>")[0]
    assert "Career fields explored" in section and "Conversations held" in section
    assert "UX research" in section  # a field many students explored


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
    # The report opens with the three sentences, before the contents
    head = html.split('aria-label="Contents"')[0]
    assert "in three sentences" in head
    assert "could be chance" in head


def test_three_sentences_on_two_sample_terms():
    from infoview_kit.datasets.simulate import cohort

    this = pseudonymise(cohort(seed=11), key=KEY)
    stronger = pseudonymise(cohort(seed=3), key=KEY)
    context = report_context(this, compare=stronger)
    sentences = context["comparison"]["headline"]
    assert len(sentences) == 3
    first, second, third = sentences
    assert re.fullmatch(r"Students heard back on \d+% of their requests this term, against "
                        r"\d+% last term \([+-]?\d+ points\)\.", first)  # fmt: skip
    assert "95% interval" in second
    assert third.startswith("Next: ") and "contacts, who answered" in third
    assert all(s.endswith(".") and "_" not in s for s in sentences)


def test_three_sentences_give_no_figure_for_tiny_terms():
    this = pseudonymise(hand_cohort(), key=KEY)
    context = report_context(this, as_of=AS_OF, compare=this, min_cell=5)
    sentences = context["comparison"]["headline"]
    assert sentences[0].startswith("Too few students")
    assert not re.search(r"\d+%", " ".join(sentences))


def test_waiting_groups_are_named_only_when_big_enough():
    # Cleo's 03-28 request (cold, e-mail) is too recent; one student: not named at k = 5.
    log = hand_cohort()
    recent = OutreachLog(log.contacts, log.events[log.events["at"] >= "2025-03-28"], log.report)
    context = report_context(recent, as_of=AS_OF, min_cell=5)
    assert all(part["waiting"] == [] for part in context["rates"].values())
    shown = report_context(recent, as_of=AS_OF, min_cell=1)
    assert shown["rates"]["connection"]["waiting"] == ["cold"]


def test_contact_list_csv_for_the_advisors_tools():
    students = student_table(hand_cohort(), as_of=AS_OF, settings=LOW)
    table = to_contact_this_week(students)
    assert table["Student"].tolist() == ["Ben Sample"]  # only "call" and "check in" students
    text = contact_list_csv(students.assign(owner="=HYPERLINK(1)"))
    assert text.startswith("\ufeffStudent,") and "\r\n" in text
    assert ",=HYPERLINK" not in text  # formulas neutralised for spreadsheets


def test_empty_log_still_makes_a_report():
    html = cohort_report_html(OutreachLog(), title="Nobody yet")
    assert "<h1>Nobody yet</h1>" in html
    assert "No student has a flag at the moment." in html
