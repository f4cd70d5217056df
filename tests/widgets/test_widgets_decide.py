"""08_decide: the comparison view, its saved ratings and reflection, and the advisor's one-pager."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import pytest

from infoview_kit.analytics.options import compare_options
from infoview_kit.io.store import Workbook
from infoview_kit.widgets.decide import DecideView, evidence_html
from infoview_kit.workshop.decision import (
    DecisionNotes,
    decision_markdown,
    load_decision,
    options_matrix_html,
    parse_decision,
    summary_page,
)
from infoview_kit.workshop.takeaways import Takeaways, load_takeaways, save_takeaways
from infoview_kit.workshop.workspace import open_workbook

SCRIPT = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return open_workbook(tmp_path_factory.mktemp("decide") / "wb")


@pytest.fixture
def wb(tmp_path):
    wb = Workbook.create(tmp_path / "wb", owner="tester")
    dana = wb.add_contact(name="Dana Okafor", organization="Harbor Health", field="public health")
    wb.add_contact(
        name="Riya Patel",
        organization="Northwind",
        field="public health",
        email="riya@example.com",
        referred_by=dana,
    )
    wb.log_event(dana, "meeting_held", at="2025-06-05 10:00")
    save_takeaways(
        wb,
        dana,
        held_on="2025-06-05 10:00",
        takeaways=Takeaways.from_form(
            skills="SQL: yes\nGrant writing: no",
            feeling=4,
            appealed="the mission",
            open_questions="How stable is grant-funded work?",
        ),
    )
    return wb


def test_the_sample_workbook_comes_with_takeaways_for_every_meeting(sample):
    meetings = (sample.events["kind"].astype(str) == "meeting_held").sum()
    assert len(load_takeaways(sample)) == meetings > 0


def test_decide_view_on_the_sample(sample):
    view = DecideView(sample, today=dt.date(2025, 10, 10))
    assert len(view.table) >= 3
    assert "<table class='iv-options'" in view.matrix.value
    assert view.evidence.value.count("<summary>") == len(view.table)
    assert "Who could answer:" in view.settle.value
    assert "ask_next.ics" in view.download.value
    assert "my_options_summary.html" in view.download.value


def test_view_matrix_evidence_and_settle(wb):
    view = DecideView(wb, today=dt.date(2025, 6, 10))
    assert view.table["option"].tolist() == ["public health"]
    assert "<summary>public health (1 conversation)</summary>" in view.evidence.value
    notes = view.evidence.value
    assert "Dana Okafor" in notes and "SQL (yes)" in notes and "4 of 5 (drawn to it)" in notes
    assert "How stable is grant-funded work?" in view.settle.value
    assert "Riya Patel (a name you were given, not met yet)" in view.settle.value


def test_ratings_and_reflection_are_saved_and_come_back(wb):
    view = DecideView(wb)
    assert view.option.value == "public health"  # the first option is chosen
    assert view.score.label == "(no rating)"
    view.criterion.value = "Pay and security"
    view.score.value = 2
    assert view.save_rating()
    assert view.table.loc[0, "Pay and security"] == 2.0
    assert "Pay and security" in view.matrix.value
    view.criterion.value = "Near home"  # a criterion of my own
    view.score.value = 5
    assert view.save_rating()
    view.reflection.value = "Public health, if the funding question has a good answer."
    assert view.save_reflection().name == "decision.md"
    again = DecideView(Workbook.open(wb.path))
    assert again.reflection.value == "Public health, if the funding question has a good answer."
    assert again.table.loc[0, "Near home"] == 5.0
    assert "Near home" in again.criterion.options
    assert load_decision(wb).ratings_table()["score"].tolist() == [2, 5]


def test_a_rating_needs_an_option_and_a_criterion(wb):
    view = DecideView(wb)
    view.criterion.value = ""
    assert not view.save_rating() and "choose an option and a criterion" in view.status.value


def test_the_summary_names_third_parties_by_first_name_only_unless_chosen(wb):
    view = DecideView(wb, today=dt.date(2025, 6, 10))
    page = view.summary_html()
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page and "http" not in page
    assert "Dana (Harbor Health)" in page and "Okafor" not in page
    assert "Riya (Northwind)" in page and "Patel" not in page and "example.com" not in page
    assert "first name and organisation only" in page
    view.full_names.value = True
    page = view.summary_html()
    assert "Dana Okafor (Harbor Health)" in page and "Riya Patel" in page
    path = view.save_summary()
    assert path.name == "decision_summary.html" and path.parent.name == "notes"
    assert path.read_text(encoding="utf-8") == page


def test_decision_file_round_trip_and_a_missing_file():
    notes = DecisionNotes("Line one.\n\nLine two.", ["pay"], [])
    notes = notes.rate("health", "pay", 4).rate("health", "pay", 3).rate("data", "pay", 5)
    assert notes.ratings_table()["score"].tolist() == [3, 5]
    assert parse_decision(decision_markdown(notes)) == notes
    assert notes.rate("data", "pay", None).ratings_table()["option"].tolist() == ["health"]
    with pytest.raises(ValueError, match="1 to 5"):
        notes.rate("data", "pay", 9)
    assert parse_decision("").reflection == ""


def test_matrix_and_summary_escape_what_people_typed():
    table = pd.DataFrame(
        {
            "option": [SCRIPT],
            "conversations": [1],
            "people": [1],
            "with_whom": [SCRIPT],
            "skills_named": [""],
            "skill_gaps": [""],
            "skills_in_hand": [float("nan")],
            "appealed": [SCRIPT],
            "put_off": [""],
            "feeling_mean": [3.0],
            "feelings": [1],
            "open_questions": [""],
            "open_questions_n": [0],
            "last_conversation": [pd.Timestamp("2025-06-05")],
        }
    )
    assert "<script>" not in options_matrix_html(table)
    assert "<script>" not in summary_page(table, reflection=SCRIPT)


def test_matrix_dots_follow_better_for_you():
    from infoview_kit.model import OutreachLog

    contacts = pd.DataFrame(
        {"owner": "me", "contact_id": ["a", "b"], "name": ["A B", "C D"], "field": ["x", "y"]}
    )
    events = pd.DataFrame(
        {
            "owner": "me",
            "contact_id": ["a", "a", "b"],
            "kind": "meeting_held",
            "at": pd.to_datetime(["2025-06-01", "2025-06-02", "2025-06-03"]),
        }
    )
    html = options_matrix_html(compare_options(OutreachLog(contacts, events)))
    rows = re.findall(r"<tr><th scope='row'[^>]*>(.*?)</th>(.*?)</tr>", html)
    conversations = {name: re.findall(r"<td[^>]*>(.*?)</td>", cells)[2] for name, cells in rows}
    assert conversations["x"].endswith(" 2") and "●" in conversations["x"]
    assert conversations["y"].endswith(" 1") and "○" in conversations["y"]


def test_evidence_html_without_takeaways():
    assert evidence_html(pd.DataFrame()) == "<p>No conversation yet.</p>"
