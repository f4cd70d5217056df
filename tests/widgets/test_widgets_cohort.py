"""The cohort dashboard as state: set widget values, read what it computed and shows."""

from __future__ import annotations

import ipywidgets as w
import pandas as pd
import pytest

from infoview_kit.advisor.flags import FlagSettings
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


#: Thresholds low enough for the four-student cohort to show every flag.
LOW = FlagSettings(stuck_requests=3, quiet_days=14, unanswered_requests=3, missing_thank_yous=1)


@pytest.fixture
def board() -> CohortDashboard:
    return CohortDashboard(hand_cohort(), key=KEY, as_of=AS_OF, min_cell=1, settings=LOW)


def test_dashboard_pseudonymises_by_default(board):
    assert not board.names_shown and "Pseudonymised" in board.banner.value
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
    board.flag.value = "thank-yous missing"
    assert board.shown_students["owner"].tolist() == [_pseudonym("Dev Demo")]
    board.flag.value = "stuck"
    assert board.shown_students["owner"].tolist() == [_pseudonym("Ben Sample")]
    board.flag.value = ANY_FLAG
    assert len(board.shown_students) == 3
    board.flag.value = NO_FLAG
    assert board.shown_students["owner"].tolist() == [_pseudonym("Ana Example")]
    assert _pseudonym("Ana Example") in board.student_list.value
    board.flag.value = ALL
    # most urgent first: Ben (stuck), Dev and Cleo (habits), Ana
    assert board.shown_students["owner"].tolist() == [
        _pseudonym(n) for n in ("Ben Sample", "Dev Demo", "Cleo Test", "Ana Example")
    ]


def test_key_holder_can_show_names():
    board = CohortDashboard(hand_cohort(), key=KEY, as_of=AS_OF, min_cell=1, settings=LOW)
    assert board.names_button.layout.display is None and not board.names_button.disabled
    board.student.value = _pseudonym("Ben Sample")
    board.names_button.value = True
    assert board.names_shown and "Names shown." in board.banner.value
    assert "Ben Sample" in board.student_list.value and "Ben Sample" in board.detail.value
    assert ("Ben Sample", _pseudonym("Ben Sample")) in board.student.options
    assert board.student.value == _pseudonym("Ben Sample")  # the same student stays open
    # still computed from the pseudonymised log: contacts never named
    for contact in ("Tomasz Kowalczyk", "Pia Lindqvist", "@example.com"):
        assert contact not in _everything_shown(board)
    assert "Ben Sample" in board.contact_csv()
    board.names_button.value = False
    assert "Ben Sample" not in _everything_shown(board) and "Pseudonymised" in board.banner.value
    assert "Ben Sample" not in board.contact_csv()


def test_no_names_without_the_key():
    session = CohortDashboard(hand_cohort(), as_of=AS_OF)  # a one-off key: nobody holds it
    assert session.names_button.disabled and session.names_button.layout.display == "none"
    session.names_button.value = True
    assert not session.names_shown
    assert "Ana Example" not in _everything_shown(session)


def test_contact_list_download(board):
    import base64

    link = board.export.value
    assert 'download="students_to_contact_this_week.csv"' in link
    data = link.split("base64,")[1].split('"')[0]
    text = base64.b64decode(data).decode("utf-8")
    assert text.splitlines()[1].startswith(_pseudonym("Ben Sample") + ",call this week,")
    assert len(text.splitlines()) == 2  # Ben only: the others are habits to mention


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
    # the headline line gives no figure about fewer than 5 students either
    assert "figures hidden" in board.summary.value
    assert "requests" not in board.summary.value and "replies" not in board.summary.value
    board.channel.value = "linkedin"  # one student: still nothing exact
    assert "&lt;5" in board.summary.value and "replies" not in board.summary.value


def test_headline_figures_with_a_big_enough_selection(board):
    assert board.summary.value.startswith("<p><b>4</b> students in this selection")
    assert "<b>13</b> requests" in board.summary.value


def test_empty_log_student_listed_in_the_dashboard(tmp_path):
    from infoview_kit.advisor.cohort import load_cohort

    folder = tmp_path / "class"
    folder.mkdir()
    for i in range(3):
        (folder / f"learner_{i}.csv").write_text(
            f"Name,Email,Date contacted,Replied\nAda Example{i},ada{i}@example.com,2025-03-03,Y\n"
        )
    (folder / "learner_9.csv").write_text("Name,Email,Date contacted,Replied\n")
    board = CohortDashboard(load_cohort(folder, progress=False), key=KEY, min_cell=1)
    assert len(board.students) == 4
    assert board.students["concerns"].iloc[0] == "stuck"
    assert board.students["owner"].iloc[0] == _pseudonym("learner_9")


def test_it_is_a_widget(board):
    assert isinstance(board, w.VBox)
    assert board.weeks.options[0][1] <= board.weeks.options[-1][1]


def test_flags_describe_the_term_not_the_selection(board):
    # Only LinkedIn: Ana, Cleo and Dev have 0 requests in the selection, but they
    # are not "stuck": their flags come from the whole term (Ben's stays).
    board.channel.value = "linkedin"
    concerns = board.students.set_index("owner")["concerns"]
    assert concerns[_pseudonym("Ben Sample")] == "stuck"
    assert set(board.students["owner"]) == {_pseudonym("Ben Sample")}
    board.channel.value = "email"
    concerns = board.students.set_index("owner")["concerns"]
    assert concerns[_pseudonym("Cleo Test")] == "no follow-ups"
    assert concerns[_pseudonym("Ana Example")] == ""
    assert board.students["owner"].tolist()[0] == _pseudonym("Dev Demo")  # term order kept


def test_rates_chart_is_an_image_whose_alt_text_gives_the_rates(board):
    import re

    shown = board.chart_shown
    assert shown is not None and shown.png.startswith(b"\x89PNG")
    assert board.chart.value == shown.to_html() and "<img" in board.chart.value
    assert shown.alt.startswith("Chart: Reply rate by channel.")
    rates = board.rates[board.rates["requests"] > 0]
    for channel, rate in zip(rates["channel"].astype(str), rates["rate"], strict=True):
        label = channel.replace("_", " ")
        value = re.search(rf"{re.escape(label)} ([\d.]+)", shown.alt)
        assert value and float(value[1]) == pytest.approx(100 * rate, abs=0.01)
    board.by.value = "connection"
    assert board.chart_shown.alt.startswith("Chart: Reply rate by connection.")
