"""Quick takeaways of a conversation: typed in 05_meeting, stored in its meeting file, read back."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from infoview_kit.io.store import Workbook
from infoview_kit.widgets.forms import MeetingView
from infoview_kit.workshop import prep
from infoview_kit.workshop.takeaways import (
    TAKEAWAY_COLUMNS,
    Skill,
    Takeaways,
    load_takeaways,
    parse_skills,
    save_takeaways,
)


@pytest.fixture
def dana(wb):
    return wb.add_contact(
        name="Dana Okafor", organization="Harbor Health", field="public health", role="Evaluator"
    )


def test_parse_skills_reads_the_answer_after_each_skill():
    text = (
        "SQL: yes\nGrant writing - no; Statistics (partly)\n"
        "Data-driven storytelling\n- Facilitation: some"
    )
    assert parse_skills(text) == [
        Skill("SQL", "yes"),
        Skill("Grant writing", "no"),
        Skill("Statistics", "partly"),
        Skill("Data-driven storytelling"),
        Skill("Facilitation", "partly"),
    ]


def test_from_form_refuses_a_feeling_off_the_scale():
    with pytest.raises(ValueError, match="1 to 5"):
        Takeaways.from_form(feeling=7)
    assert Takeaways.from_form().empty


def test_an_old_workbook_has_an_empty_takeaways_table(wb, dana):
    prep.capture_meeting(wb, dana, held_on="2025-06-05", learned="budgets matter")
    table = load_takeaways(wb)
    assert list(table.columns) == list(TAKEAWAY_COLUMNS) and table.empty


def test_takeaways_saved_with_the_meeting_and_read_back(wb, dana):
    mine = Takeaways.from_form(
        field="public health",
        typical_week="Site visits Monday, reports Friday",
        skills="SQL: yes\nGrant writing: no",
        appealed="the mission",
        put_off="the pay",
        feeling=4,
        open_questions="How are budgets set?\nIs remote work common?",
    )
    record = prep.capture_meeting(
        wb, dana, held_on="2025-06-05", notes="Met at the café", takeaways=mine
    )
    text = record.path.read_text(encoding="utf-8")
    assert "## Takeaways" in text and "How I felt:** 4 of 5" in text
    assert "Met at the café" in text  # the notes are still there
    row = load_takeaways(Workbook.open(wb.path)).iloc[0]
    assert row["contact_id"] == dana and str(row["held_at"]) == "2025-06-05 12:00:00"
    assert row["skills"] == [
        {"skill": "SQL", "have": "yes"},
        {"skill": "Grant writing", "have": "no"},
    ]
    assert row["feeling"] == 4 and row["open_questions"][1] == "Is remote work common?"
    assert row["typical_week"] == "Site visits Monday, reports Friday"

    # saved again later (more thoughts): one section, the new values, notes kept
    save_takeaways(
        wb, dana, held_on="2025-06-05", takeaways=Takeaways.from_form(field="health", feeling=2)
    )
    text = record.path.read_text(encoding="utf-8")
    assert text.count("## Takeaways") == 1 and "Met at the café" in text
    again = load_takeaways(wb)
    assert len(again) == 1 and again["feeling"].tolist() == [2]


def test_takeaways_alone_create_the_meeting_file(wb, dana):
    path = save_takeaways(
        wb, dana, held_on=dt.date(2025, 6, 9), takeaways=Takeaways.from_form(feeling=3)
    )
    assert path.name == "meeting_2025-06-09.md"
    assert load_takeaways(wb)["feeling"].tolist() == [3]
    # no meeting logged that day: they go on a note of that day (not a meeting)
    assert wb.events["kind"].astype(str).tolist() == ["note"]
    assert wb.events["takeaway_feeling"].tolist() == ["3"]


def test_takeaways_travel_with_the_log_through_load_and_export(wb, dana, tmp_path):
    from infoview_kit import load_log, log_to_csv
    from infoview_kit.analytics.options import compare_options

    mine = Takeaways.from_form(
        field="public health",
        skills="SQL: yes; Grant writing: no",
        feeling=4,
        open_questions="How are budgets set?\nIs remote work common?",
    )
    prep.capture_meeting(wb, dana, held_on="2025-06-05", takeaways=mine)
    log = load_log(wb.path)
    row = log.events.loc[log.events["kind"].astype(str) == "meeting_held"].iloc[0]
    assert row["takeaway_skills"] == "SQL: yes; Grant writing: no"
    assert row["takeaway_open_questions"] == "How are budgets set?\nIs remote work common?"
    expected = compare_options(wb.log(), load_takeaways(wb))
    pd.testing.assert_frame_equal(compare_options(log), expected)  # read from the log itself
    exported = load_log(log_to_csv(log, tmp_path / "out")[0].parent)
    pd.testing.assert_frame_equal(compare_options(exported), expected)


def test_set_event_fields_only_sets_own_columns(wb, dana):
    with pytest.raises(ValueError, match="columns of your own"):
        wb.set_event_fields(dana, "meeting_held", on="2025-06-05", fields={"notes": "x"})
    assert wb.set_event_fields(dana, "meeting_held", on="2025-06-05", fields={"mine": "x"}) is False
    wb.log_event(dana, "meeting_held", at="2025-06-05 10:00")
    assert wb.set_event_fields(dana, "meeting_held", on="2025-06-05", fields={"mine": "x"})
    assert Workbook.open(wb.path).events["mine"].tolist() == ["x"]


def test_meeting_view_saves_the_takeaways(wb, dana):
    view = MeetingView(wb)
    assert view.takeaway_fields["field"].value == "public health"  # from the contact
    assert view.takeaway_fields["role"].value == "Evaluator"
    view.held_on.value = dt.date(2025, 6, 5)
    view.takeaway_fields["skills"].value = "SQL: yes"
    view.takeaway_fields["feeling"].value = 5
    view.takeaway_fields["open_questions"].value = "How are budgets set?"
    assert not view.log_meeting().already_logged
    row = load_takeaways(wb).iloc[0]
    assert (row["field"], row["feeling"], row["open_questions"]) == (
        "public health",
        5,
        ["How are budgets set?"],
    )
    view.takeaway_fields["appealed"].value = "the people"
    assert view.save_takeaways().name == "meeting_2025-06-05.md"
    assert "takeaways saved" in view.status.value
    assert load_takeaways(wb)["appealed"].tolist() == ["the people"]
    assert len(wb.events) == 1  # saving takeaways logs nothing


def test_meeting_view_reopens_saved_takeaways_without_replacing_typing(wb, dana):
    save_takeaways(
        wb,
        dana,
        held_on="2025-06-05",
        takeaways=Takeaways.from_form(skills="SQL: yes", feeling=4, appealed="the mission"),
    )
    view = MeetingView(wb)
    view.takeaway_fields["put_off"].value = "the commute"  # typed before choosing the day
    view.takeaway_fields["appealed"].value = "my own words"
    view.held_on.value = dt.date(2025, 6, 5)
    fields = {k: w.value for k, w in view.takeaway_fields.items()}
    assert fields["skills"] == "SQL: yes" and fields["feeling"] == 4
    assert fields["appealed"] == "my own words" and fields["put_off"] == "the commute"
    view.held_on.value = dt.date(2025, 6, 6)  # nothing saved that day: nothing is cleared
    assert view.takeaway_fields["skills"].value == "SQL: yes"
