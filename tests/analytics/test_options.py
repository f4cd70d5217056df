"""compare_options and friends on a log built by hand; every figure worked out by hand below."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from infoview_kit.analytics.options import (
    DEFAULT_CRITERIA,
    OPTION_COLUMNS,
    compare_options,
    criteria_for,
    evidence_by_option,
    fields_explored,
    option_evidence,
    settle_actions,
    who_could_answer,
)
from infoview_kit.errors import InfoviewError
from infoview_kit.model import OutreachLog


def skill(name, have=None):
    return {"skill": name, "have": have}


@pytest.fixture
def log():
    contacts = pd.DataFrame(
        {
            "owner": "me",
            "contact_id": ["a", "b", "c", "d", "e", "f"],
            "name": ["Dana Okafor", "Sam Lee", "Riya Patel", "Kim Ode", "Lee Park", "Jo Ng"],
            "organization": ["Harbor Health", "Northwind", "Harbor Health", "Acme", "Uni", None],
            "field": [
                "public health",
                "data science",
                "public health",
                "public health",
                None,
                None,
            ],
            "referred_by": [None, None, "a", None, None, "a"],
            "added_on": pd.to_datetime(
                ["2025-05-01", "2025-05-02", "2025-06-05", "2025-05-03", "2025-05-04", "2025-07-01"]
            ),
        }
    )
    contacts.loc[4, "field"] = "data science"
    events = pd.DataFrame(
        {
            "owner": "me",
            "contact_id": ["a", "a", "a", "b", "e"],
            "kind": [
                "meeting_held",
                "meeting_held",
                "meeting_held",
                "meeting_held",
                "request_sent",
            ],
            "at": pd.to_datetime(
                [
                    "2025-06-05 10:00",
                    "2025-06-05 16:00",  # same day: one conversation
                    "2025-07-01 09:00",
                    "2025-06-09 15:00",
                    "2025-06-01 09:00",
                ]
            ),
        }
    )
    return OutreachLog(contacts, events)


@pytest.fixture
def takeaways():
    rows = [
        # Dana, 5 June: field given, two skills, felt 4
        dict(
            contact_id="a",
            held_at="2025-06-05 12:00",
            field="public health",
            skills=[skill("SQL", "yes"), skill("Grant writing", "no")],
            feeling=4,
            appealed="the mission",
            put_off="the pay",
            open_questions=["How are budgets set?"],
        ),
        # Dana, 1 July: no field (her own is used); "sql" is the same skill as "SQL"
        dict(
            contact_id="a",
            held_at="2025-07-01 12:00",
            field="",
            skills=[skill("sql", "partly"), skill("Facilitation", "yes")],
            feeling=2,
            appealed="",
            put_off="",
            open_questions=["How are budgets set?", "Is remote work common?"],
        ),
        # Sam: the conversation was about UX research, not his own field
        dict(
            contact_id="b",
            held_at="2025-06-09 12:00",
            field="UX research",
            skills=[skill("Interviews", "no")],
            feeling=5,
            appealed="the craft",
            put_off="",
            open_questions=[],
        ),
        # Lee: takeaways saved without a logged meeting still count as a conversation
        dict(
            contact_id="e",
            held_at="2025-06-20 12:00",
            field="",
            skills=[skill("Python", "yes")],
            feeling=3,
            appealed="",
            put_off="",
            open_questions=[],
        ),
    ]
    table = pd.DataFrame(rows)
    table["held_at"] = pd.to_datetime(table["held_at"])
    for column in ("owner", "role", "typical_week", "entry_path"):
        table[column] = "me" if column == "owner" else ""
    return table


def test_compare_options_by_hand(log, takeaways):
    table = compare_options(log, takeaways)
    assert list(table.columns) == list(OPTION_COLUMNS)
    # 2 conversations first; then by how it felt: UX research (5) before data science (3)
    assert table["option"].tolist() == ["public health", "UX research", "data science"]
    ph, ux, ds = (table.iloc[i] for i in range(3))

    assert (ph["conversations"], ph["people"]) == (2, 1)  # 5 June (twice, same day) and 1 July
    assert ph["with_whom"] == "Dana Okafor (Harbor Health)"
    assert ph["skills_named"] == "SQL (2), Grant writing (1), Facilitation (1)"
    assert ph["skill_gaps"] == "SQL (partly), Grant writing (no)"  # the latest answer counts
    assert ph["skills_in_hand"] == pytest.approx((1 + 0 + 0.5 + 1) / 4)  # 0.625
    assert ph["feeling_mean"] == pytest.approx((4 + 2) / 2) and ph["feelings"] == 2
    assert ph["appealed"] == "the mission" and ph["put_off"] == "the pay"
    assert ph["open_questions"] == "How are budgets set? | Is remote work common?"
    assert ph["open_questions_n"] == 2  # the repeated question counts once
    assert ph["last_conversation"] == pd.Timestamp("2025-07-01")

    assert (ux["conversations"], ux["people"], ux["with_whom"]) == (1, 1, "Sam Lee (Northwind)")
    assert (ux["skills_named"], ux["skill_gaps"]) == ("Interviews (1)", "Interviews (no)")
    assert ux["skills_in_hand"] == 0.0 and ux["feeling_mean"] == 5.0
    assert ux["open_questions"] == "" and ux["open_questions_n"] == 0

    assert (ds["conversations"], ds["with_whom"]) == (1, "Lee Park (Uni)")
    assert (ds["skills_named"], ds["skill_gaps"], ds["skills_in_hand"]) == ("Python (1)", "", 1.0)
    assert ds["last_conversation"] == pd.Timestamp("2025-06-20")


def test_names_for_someone_else(log, takeaways):
    first = compare_options(log, takeaways, names="first").set_index("option")
    assert first.loc["public health", "with_whom"] == "Dana (Harbor Health)"
    none = compare_options(log, takeaways, names="none").set_index("option")
    assert none.loc["public health", "with_whom"] == "1 person"
    with pytest.raises(InfoviewError):
        compare_options(log, takeaways, names="all")


def test_a_name_written_family_given_shows_the_given_name(log, takeaways):
    contacts = log.contacts.assign(name=log.contacts["name"].replace("Dana Okafor", "Okafor, Dana"))
    first = compare_options(OutreachLog(contacts, log.events), takeaways, names="first")
    assert first.set_index("option").loc["public health", "with_whom"] == "Dana (Harbor Health)"


def test_an_old_workbook_without_takeaways_compares_the_log_alone(log):
    table = compare_options(log)
    # fields from the contacts: Dana (2 days) -> public health, Sam -> data science
    assert table["option"].tolist() == ["public health", "data science"]
    assert table["conversations"].tolist() == [2, 1]
    assert table["skills_named"].tolist() == ["", ""]
    assert table["feelings"].tolist() == [0, 0] and table["feeling_mean"].isna().all()


def test_by_role_and_not_given(log, takeaways):
    table = compare_options(log, takeaways, by="role")
    assert table["option"].tolist() == ["(not given)"]  # no roles anywhere
    assert table["conversations"].tolist() == [4]
    with pytest.raises(InfoviewError, match="'field' or 'role'"):
        compare_options(log, takeaways, by="colour")


def test_own_ratings_become_criteria(log, takeaways):
    ratings = pd.DataFrame(
        {
            "option": ["public health", "public health", "UX research"],
            "criterion": ["pay", "pay", "pay"],
            "score": [2, 4, 5],
        }
    )
    table = compare_options(log, takeaways, ratings=ratings).set_index("option")
    assert table.loc["public health", "pay"] == 3.0  # (2 + 4) / 2
    assert table.loc["UX research", "pay"] == 5.0
    assert math.isnan(table.loc["data science", "pay"])
    criteria = criteria_for(table.reset_index())
    assert list(criteria) == [*DEFAULT_CRITERIA, "pay"]
    mine = criteria_for(table.reset_index(), {"Felt": ("feeling_mean", "higher")})
    assert list(mine) == ["Felt", "pay"]
    with pytest.raises(InfoviewError, match="No column"):
        criteria_for(table.reset_index(), {"Salary": ("salary", "higher")})


def test_evidence_behind_an_option_is_its_conversations(log, takeaways):
    rows = option_evidence(log, takeaways, "public health")
    assert rows["day"].tolist() == [pd.Timestamp("2025-07-01"), pd.Timestamp("2025-06-05")]
    assert rows["feeling"].tolist() == [2, 4]
    assert rows["name"].tolist() == ["Dana Okafor", "Dana Okafor"]
    every = evidence_by_option(log, takeaways)
    assert sorted(every) == ["UX research", "data science", "public health"]
    pd.testing.assert_frame_equal(every["public health"], rows)


def test_who_could_answer_and_the_due_rows(log, takeaways):
    people = who_could_answer(log, takeaways)
    # public health has open questions; names Dana gave first (Riya, in the field, added
    # 5 June; Jo, no field of their own, added 1 July), then Kim; Dana is met already
    assert people["name"].tolist() == ["Riya Patel", "Jo Ng", "Kim Ode"]
    assert people["why"].tolist() == [
        "a name you were given, not met yet",
        "a name you were given, not met yet",
        "in this field, not met yet",
    ]
    assert who_could_answer(log, takeaways, per_option=1)["name"].tolist() == ["Riya Patel"]
    due = settle_actions(log, takeaways, today="2025-07-02")
    assert list(due.columns) == ["owner", "contact_id", "name", "action", "due_on", "reason"]
    assert due["contact_id"].tolist() == ["c", "f", "d"]
    assert (due["due_on"] == pd.Timestamp("2025-07-02")).all()
    assert due["reason"].iloc[0] == (
        "They could help with what is open about public health: How are budgets set? (and 1 more)"
    )


def test_fields_explored_for_a_cohort(log):
    other = OutreachLog(
        pd.DataFrame(
            {"owner": "s2", "contact_id": ["a"], "name": ["X Y"], "field": ["public health"]}
        ),
        pd.DataFrame(
            {
                "owner": "s2",
                "contact_id": ["a"],
                "kind": ["meeting_held"],
                "at": pd.to_datetime(["2025-06-05"]),
            }
        ),
    )
    both = OutreachLog(
        pd.concat([log.contacts, other.contacts]), pd.concat([log.events, other.events])
    )
    table = fields_explored(both)
    # public health: me/a on 5 June and 1 July, s2/a on 5 June; two people (same id, two owners)
    assert table.to_dict("list") == {
        "option": ["public health", "data science"],
        "conversations": [3, 1],
        "people": [2, 1],
        "owners": [2, 1],
    }
    assert "with_whom" not in table.columns  # no names for a cohort
