"""The cohort dashboard as state: set widget values, read what it computed and shows."""

from __future__ import annotations

import ipywidgets as w
import pandas as pd
import pytest

from infoview_kit.advisor.privacy import student_pseudonyms
from infoview_kit.widgets.cohort_dashboard import ALL, ANY_FLAG, NO_FLAG, CohortDashboard
from tests.helpers.cohort_cases import AS_OF, PERSONAL_STRINGS, hand_cohort

KEY = "dashboard-test-key-0123456789"


def _pseudonym(name: str) -> str:
    return student_pseudonyms(pd.Series([name]), key=KEY).iloc[0]


def _everything_shown(widget) -> str:
    """Text of every value, option and label in the widget tree (what the browser gets)."""
    parts = []
    stack = [widget]
    while stack:
        item = stack.pop()
        for name in ("value", "options", "description", "placeholder", "tooltip"):
            value = getattr(item, name, None)
            if value is not None and not isinstance(value, bytes):
                parts.append(str(value))
        stack.extend(getattr(item, "children", ()))
    return "\n".join(parts)


@pytest.fixture
def board() -> CohortDashboard:
    return CohortDashboard(hand_cohort(), key=KEY, as_of=AS_OF, min_cell=1)


def test_dashboard_pseudonymises_by_default(board):
    shown = _everything_shown(board)
    for personal in PERSONAL_STRINGS:
        assert personal not in shown, personal
    names = ("Ana Example", "Ben Sample", "Cleo Test", "Dev Demo")
    assert set(board.students["owner"]) == {_pseudonym(n) for n in names}
    assert board.cohort.contacts["name"].isna().all()


def test_session_key_when_none_given():
    first = CohortDashboard(hand_cohort(), as_of=AS_OF)
    second = CohortDashboard(hand_cohort(), as_of=AS_OF)
    assert first.students["owner"].str.fullmatch(r"S-[0-9a-f]{8}").all()
    assert set(first.students["owner"]).isdisjoint(second.students["owner"])


def test_filters_change_the_figures(board):
    # Everyone: 13 requests (see cohort_cases); by connection, alumni are Ana's 4.
    assert int(board.students["requests"].sum()) == 13
    board.by.value = "connection"
    alumni = board.rates[board.rates["connection"] == "alumni"].iloc[0]
    assert (alumni["students"], alumni["requests"]) == (1, 4)
    # Only LinkedIn requests: Ben's two.
    board.channel.value = "linkedin"
    assert int(board.students["requests"].sum()) == 2
    assert board.students.loc[board.students["requests"] > 0, "owner"].tolist() == [
        _pseudonym("Ben Sample")
    ]
    assert "<b>2</b> requests" in board.summary.value
    board.channel.value = ALL
    # Referral contacts only: Dev's three.
    board.connection.value = "referral"
    assert int(board.students["requests"].sum()) == 3
    board.connection.value = ALL
    # Only the week of 03-10 (Dev's requests): the slider holds Mondays.
    monday = next(day for _, day in board.weeks.options if day == pd.Timestamp("2025-03-10"))
    board.weeks.value = (monday, monday)
    assert int(board.students["requests"].sum()) == 3


def test_flag_filter_lists_the_right_students(board):
    board.flag.value = "meeting without thank-you"
    assert board.shown_students["owner"].tolist() == [_pseudonym("Dev Demo")]
    board.flag.value = ANY_FLAG
    assert len(board.shown_students) == 3
    board.flag.value = NO_FLAG
    assert board.shown_students["owner"].tolist() == [_pseudonym("Ana Example")]
    assert _pseudonym("Ana Example") in board.student_list.value
    board.flag.value = ALL
    assert len(board.shown_students) == 4


def test_drill_down_into_one_student(board):
    ana = _pseudonym("Ana Example")
    board.student.value = ana
    detail = board.detail.value
    # her figures (heading row + her row), then her timeline (heading row + 11 events)
    assert detail.count("<tr>") == 2 + 12
    assert "thank you sent" in detail and "alumni" in detail
    # narrowing the cohort keeps the open student when still there
    board.channel.value = "email"
    assert board.student.value == ana
    board.channel.value = "linkedin"  # Ana wrote no LinkedIn request
    assert board.student.value == ALL


def test_small_groups_hidden_in_dashboard():
    board = CohortDashboard(hand_cohort(), key=KEY, as_of=AS_OF, min_cell=5)
    assert "&lt;5" in board.rates_table.value
    assert board.chart.layout.display == "none"


def test_it_is_a_widget(board):
    assert isinstance(board, w.VBox)
    assert board.weeks.options[0][1] <= board.weeks.options[-1][1]
