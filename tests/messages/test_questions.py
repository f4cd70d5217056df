"""Question bank, fitting questions to the time, and the printable interview sheet."""

from __future__ import annotations

import pandas as pd
import pytest

from infoview_kit.errors import UnreadableFileError
from infoview_kit.messages.questions import (
    CATEGORIES,
    add_question,
    check_question_plan,
    drop_first,
    interview_sheet,
    pick_questions,
    question_bank,
    room_to_close,
)


@pytest.fixture
def bank():
    return question_bank()


def test_bank_has_enough_questions_covering_every_topic_and_framework(bank):
    assert len(bank) >= 40
    assert bank["id"].is_unique
    assert set(bank["category"]) == set(CATEGORIES) - {"own"}
    tags = set(bank["frameworks"].str.split(";").explode().dropna()) - {""}
    for tiara in ("Trends", "Insights", "Advice", "Resources", "Assignments"):
        assert f"TIARA:{tiara}" in tags
    for bolles in ("how_in", "like_most", "like_least", "who_else"):
        assert f"Bolles:{bolles}" in tags
    for air in ("Advice", "Insight", "Referral"):
        assert f"AIR:{air}" in tags
    assert (bank["minutes"] > 0).all() and bank["minutes"].dtype == "int64"


def test_bank_asks_for_more_than_one_name(bank):
    who_else = bank.loc[bank["frameworks"].str.contains("Bolles:who_else"), "question"].iloc[0]
    assert "two or three" in who_else.lower()


def test_bank_is_a_fresh_copy(bank):
    bank.loc[0, "question"] = "changed"
    assert question_bank().loc[0, "question"] != "changed"


@pytest.mark.parametrize(("minutes", "low", "high"), [(20, 5, 7), (25, 5, 7), (30, 5, 7)])
def test_twenty_to_thirty_minutes_gives_five_to_seven_questions(bank, minutes, low, high):
    plan = pick_questions(bank, minutes=minutes)
    assert low <= len(plan) <= high
    assert plan["ends_at"].iloc[-1] <= minutes
    assert plan["category"].iloc[-1] == "closing"
    assert plan["id"].tolist()[-2:] == ["closing-1", "closing-2"]


def test_plan_time_arithmetic(bank):
    plan = pick_questions(bank, minutes=20, intro_minutes=3)
    # 20 minutes: 3 opening + 2 kept free + 3 closing leaves 12 for questions.
    # path-1 (5) ends at 8, advice-1 (4) at 12... in conversation order, a shorter
    # typical-day question (day-3, 3) fills the rest: 8, 11, 15, then closing 17, 18.
    assert plan[["id", "ends_at"]].to_numpy().tolist() == [
        ["path-1", 8],
        ["day-3", 11],
        ["advice-1", 15],
        ["closing-1", 17],
        ["closing-2", 18],
    ]
    assert plan["order"].tolist() == [1, 2, 3, 4, 5]
    assert plan["drop_order"].tolist()[:3] == [3, 1, 2]  # last picked, first dropped


@pytest.mark.parametrize("minutes", range(10, 61))
def test_every_length_has_two_real_questions_and_room_to_thank_them(bank, minutes):
    plan = pick_questions(bank, minutes=minutes)
    real = plan[plan["category"] != "closing"]
    assert len(real) >= 2
    assert plan["category"].iloc[-1] == "closing"
    assert int(plan["ends_at"].iloc[-1]) + room_to_close(minutes) <= minutes
    assert sorted(real["drop_order"].tolist()) == list(range(1, len(real) + 1))
    assert plan.loc[plan["category"] == "closing", "drop_order"].isna().all()
    checks = {c.name: c.severity for c in check_question_plan(plan, minutes=minutes)}
    assert checks["room to thank them"] == "ok" and checks["real questions"] == "ok"
    assert checks["fits the time"] == "ok"


def test_a_ten_minute_call_takes_shorter_questions_rather_than_only_closing(bank):
    plan = pick_questions(bank, minutes=10)
    assert plan["category"].tolist()[:2] != ["closing", "closing"]
    assert (plan.loc[plan["category"] != "closing", "minutes"] <= 3).all()


def test_a_full_plan_says_what_to_drop_first(bank):
    plan = pick_questions(bank, minutes=20)
    crowded = plan.assign(ends_at=plan["ends_at"] + 2)
    check = next(
        c for c in check_question_plan(crowded, minutes=20) if c.name == "room to thank them"
    )
    assert check.severity == "warn" and drop_first(plan) in check.message
    sheet = interview_sheet(plan, contact_name="Dana Okafor", minutes=20)
    assert "If time runs short, skip question 2, then 3." in sheet.to_markdown()
    assert "If time runs short" in sheet.to_html()


def test_more_time_more_questions_one_topic_at_a_time(bank):
    sizes = [len(pick_questions(bank, minutes=m)) for m in (10, 20, 30, 45, 60)]
    assert sizes == sorted(sizes) and sizes[0] < sizes[-1]
    plan = pick_questions(bank, minutes=45)
    body = plan[plan["category"] != "closing"]
    assert body[
        "category"
    ].is_unique  # breadth first: a second question per topic only after one of each


def test_must_include_is_kept_and_in_conversation_order(bank):
    plan = pick_questions(bank, minutes=20, must_include=["resources-2", "like-2"])
    assert {"resources-2", "like-2"} <= set(plan["id"])
    order = list(CATEGORIES)
    ranks = plan["category"].map(order.index)
    assert ranks.is_monotonic_increasing


def test_must_include_beyond_the_time_is_kept_and_the_check_says_so(bank):
    many = bank.loc[bank["category"] != "closing", "id"].head(8).tolist()
    plan = pick_questions(bank, minutes=15, must_include=many)
    assert set(many) <= set(plan["id"])
    fits = next(c for c in check_question_plan(plan, minutes=15) if c.name == "fits the time")
    assert fits.severity == "fail"


def test_unknown_must_include_id_is_refused(bank):
    with pytest.raises(ValueError, match="no question with id nope-9"):
        pick_questions(bank, minutes=20, must_include=["nope-9"])


def test_categories_limit_the_topics(bank):
    plan = pick_questions(bank, minutes=30, categories=["trends", "skills"])
    assert set(plan["category"]) == {"trends", "skills", "closing"}


def test_closing_can_be_left_out(bank):
    plan = pick_questions(bank, minutes=20, closing=False)
    assert "closing" not in set(plan["category"])
    assert check_question_plan(plan, minutes=20)[3].severity == "fail"  # asks for names


def test_very_short_meeting_keeps_only_the_names_question(bank):
    plan = pick_questions(bank, minutes=5)
    assert plan["id"].tolist() == ["closing-1"]


@pytest.mark.parametrize("minutes", [0, -5, "soon"])
def test_bad_minutes_are_refused(bank, minutes):
    with pytest.raises(ValueError, match="minutes"):
        pick_questions(bank, minutes=minutes)


def test_pick_does_not_mutate_the_bank(bank):
    before = bank.copy()
    pick_questions(bank, minutes=30, must_include=["trends-2"])
    pd.testing.assert_frame_equal(bank, before)


def test_add_question_gives_new_ids_and_is_always_picked_first(bank):
    mine = add_question(
        add_question(bank, "How did the merger change your team?"), "What is next for you?"
    )
    assert mine["id"].tolist()[-2:] == ["own-1", "own-2"]
    assert len(bank) == len(mine) - 2  # input untouched
    plan = pick_questions(mine, minutes=20)
    assert "own-1" in set(plan["id"])
    with pytest.raises(ValueError, match="question"):
        add_question(bank, "   ")


def test_check_question_plan_empty_and_good(bank):
    empty = pick_questions(bank, minutes=20).iloc[0:0]
    lines = {c.name: c.severity for c in check_question_plan(empty, minutes=20)}
    assert lines["questions chosen"] == "fail"
    good = check_question_plan(pick_questions(bank, minutes=30), minutes=30)
    assert all(c.passed for c in good)


def test_bank_from_a_bad_file_gives_one_clear_line(tmp_path):
    bad = tmp_path / "bank.csv"
    bad.write_text(
        "id,category,question,minutes,frameworks\nx-1,path,Why?,soon,\n", encoding="utf-8"
    )
    with pytest.raises(UnreadableFileError, match=r"bank.csv, row 2, column minutes"):
        question_bank(bad)
    (tmp_path / "cols.csv").write_text("id,question\n", encoding="utf-8")
    with pytest.raises(UnreadableFileError, match="lacks column"):
        question_bank(tmp_path / "cols.csv")
    with pytest.raises(UnreadableFileError, match="cannot read"):
        question_bank(tmp_path / "missing.csv")


# --------------------------------------------------------------------------- sheet


def test_sheet_markdown_has_time_marks_notes_space_and_wrap_up(bank):
    plan = pick_questions(bank, minutes=20)
    sheet = interview_sheet(
        plan,
        contact_name="Dana Okafor",
        organization="Harbor Health",
        meeting_on="2025-06-05",
        minutes=20,
        introduction="Hi, I'm Ada Example.",
    )
    md = sheet.to_markdown()
    assert md.startswith("# Interview sheet: Dana Okafor, Harbor Health")
    assert "Thursday 5 June 2025 · 20 minutes" in md
    assert "Hi, I'm Ada Example." in md
    assert md.count("Notes:") == len(plan)
    assert f"by minute {int(plan['ends_at'].iloc[-1])}" in md
    assert "## Names they gave me" in md and "Ask for two or three more names" in md


def test_sheet_html_is_printable_and_escapes_markup(bank):
    plan = add_question(bank, "<img src=x onerror=alert(1)>")
    plan = pick_questions(plan, minutes=20, must_include=["own-1"])
    sheet = interview_sheet(
        plan,
        contact_name="<script>alert(1)</script>",
        organization=None,
        meeting_on=None,
        minutes=20,
        introduction="<b>me</b>",
    )
    for html in (sheet.to_html(), sheet.to_html_page(), sheet._repr_html_(), sheet.to_markdown()):
        assert "<script>" not in html and "<img" not in html and "<b>me" not in html
    assert "@media print" in sheet.to_html()
    assert sheet.to_html().count('class="iv-notes"') == 3 * len(plan) + 3
    assert "date to be agreed" in sheet.to_markdown()
    assert sheet.to_html_page().startswith("<!DOCTYPE html>")


def test_sheet_from_a_plain_selection_computes_time_marks(bank):
    chosen = bank[bank["id"].isin(["path-1", "closing-1"])]
    sheet = interview_sheet(chosen, contact_name="Dana", minutes=10)
    assert sheet.questions["ends_at"].tolist() == [5, 7]
    assert "ends_at" not in chosen.columns  # input untouched
