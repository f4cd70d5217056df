"""ReflectionDashboard in plain pytest: set widget values, check the state it holds."""

from __future__ import annotations

import datetime as dt
import sys
import threading

import pandas as pd
import pytest
from ipywidgets import Checkbox

from infoview_kit import plots
from infoview_kit.analytics import example_log, metrics, network
from infoview_kit.model import OutreachLog
from infoview_kit.widgets.reflection import FIXED_MARGINS, TABS, ReflectionDashboard


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")


def demo_with_notes() -> OutreachLog:
    log = example_log()
    notes = log.events["notes"].where(
        log.events["kind"] != "meeting_held", "Ask about <b>portfolios</b> & reviews"
    )
    return OutreachLog(contacts=log.contacts, events=log.events.assign(notes=notes))


@pytest.fixture
def board() -> ReflectionDashboard:
    return ReflectionDashboard(demo_with_notes(), today="2025-03-24")


def ids(log: OutreachLog) -> list[str]:
    return sorted(log.contacts["contact_id"])


def test_builds_with_options_from_the_log(board):
    assert [value for _, value in board.channels.options] == ["email", "linkedin"]
    assert [value for _, value in board.connections.options] == ["referral", "alumni", "cold"]
    assert [value for _, value in board.fields.options] == ["data", "design"]
    assert board.redraws == 2  # only the visible tab is drawn
    first = [board.charts[name] for name in TABS[0][1]]
    assert all(shown.png.startswith(b"\x89PNG") for shown in first)
    assert all(board.images[name].value == board.charts[name].to_html() for name in TABS[0][1])
    assert "funnel" not in board.charts and board.images["funnel"].value == ""  # not opened yet
    assert "Showing 5 of 5 contacts." in board.status.value
    assert "Requests sent: 4" in board.figures.value


def test_a_filter_change_refilters_and_redraws(board):
    before = board.charts["response_rates"]
    # example log: 3 e-mail requests, all answered; 1 LinkedIn request, unanswered
    assert "email 100, linkedin 0." in before.alt and "3/3; 0/1" in before.alt
    board.channels.value = ("email",)
    expected = metrics.filter_log(board.full_log, channels=["email"])
    assert ids(board.filtered_log) == ids(expected) == ["a", "c", "d"]
    assert board.redraws == 4
    after = board.charts["response_rates"]
    assert after.png != before.png and "email 100." in after.alt and "linkedin" not in after.alt
    assert "Showing 3 of 5 contacts." in board.status.value
    assert "Requests sent: 3" in board.figures.value
    board.fields.value = ("design",)
    assert ids(board.filtered_log) == ["a"]
    board.start.value = dt.date(2025, 3, 4)
    assert ids(board.filtered_log) == []
    assert board.filters == {
        "start": dt.date(2025, 3, 4),
        "end": None,
        "channels": ["email"],
        "connections": None,
        "fields": ["design"],
    }


def test_other_tabs_are_drawn_when_opened(board):
    board.connections.value = ("alumni",)
    assert board.redraws == 4
    board.tabs.selected_index = 1
    assert board.redraws == 6 and board.charts["funnel"].png.startswith(b"\x89PNG")
    board.tabs.selected_index = 0  # still up to date: nothing redrawn
    assert board.redraws == 6
    board.compare_by.value = "connection"
    assert board.redraws == 8


def test_reset_clears_every_filter_in_one_redraw(board):
    board.channels.value = ("linkedin",)
    board.end.value = dt.date(2025, 3, 3)
    count = board.redraws
    board.reset()
    assert board.redraws == count + 2
    assert board.filtered_log is board.full_log
    assert board.channels.value == () and board.end.value is None


def test_reflection_prompts_escape_notes_and_list_what_is_due(board):
    assert "<b>design</b> (1 conversations)" in board.lessons.value
    assert "Ask about &lt;b&gt;portfolios&lt;/b&gt; &amp; reviews" in board.lessons.value
    assert "<b>portfolios</b>" not in board.lessons.value
    # b: one unanswered follow-up (13 March) -> try someone else, due Mon 24 March
    assert "try someone else" in board.due.value and "Bo Sample" in board.due.value
    board.channels.value = ("email",)
    assert "Nothing due" in board.due.value


def test_an_empty_log_still_builds():
    board = ReflectionDashboard(OutreachLog(), today=pd.Timestamp("2025-01-01"))
    assert board.channels.options == ()
    assert "No requests logged yet" in board.figures.value
    assert board.charts["response_rates"].png.startswith(b"\x89PNG")
    assert board.charts["response_rates"].alt.startswith("Chart: ")


def test_a_tab_opened_later_reuses_the_analysis_of_the_current_filter(board):
    from infoview_kit import plots

    board.channels.value = ("email",)
    first = board.analysis
    assert first.log is board.filtered_log
    assert "requests" in vars(first)  # the key figures worked out its request table
    board.tabs.selected_index = 1
    assert board.analysis is first
    assert "stages" in vars(first)  # the funnel chart used the same analysis
    figure = plots.new_figure((7.5, 3.2), layout=None)
    figure.subplots_adjust(  # the dashboard's fixed margins for this chart
        left=0.83 / 7.5, right=1 - 0.15 / 7.5, top=1 - 0.25 / 3.2, bottom=0.48 / 3.2
    )
    plots.plot_funnel(board.filtered_log, ax=figure.add_subplot())
    assert board.charts["funnel"].png == plots.figure_png(figure)  # same chart
    board.channels.value = ()
    assert board.analysis is not first  # a new filter, a new analysis


def test_filters_show_words_not_internal_labels():
    log = example_log()
    events = log.events.assign(channel=log.events["channel"].replace("linkedin", "in_person"))
    board = ReflectionDashboard(
        OutreachLog(contacts=log.contacts, events=events), today="2025-03-24"
    )
    assert ("in person", "in_person") in board.channels.options
    box = board.channels.boxes["in_person"]  # a tick box with words, no Ctrl-click list
    assert isinstance(box, Checkbox) and box.description == "in person"
    box.value = True
    assert board.channels.value == ("in_person",)
    assert ids(board.filtered_log) == ["b"]
    box.value = False
    assert ids(board.filtered_log) == ids(board.full_log)


def test_a_date_filter_keeps_referrers_named_in_the_referral_tree(board):
    board.start.value = dt.date(2025, 3, 20)  # only Ed (referred by Cy, who is filtered out)
    assert ids(board.filtered_log) == ["e"]
    board.tabs.selected_index = 3  # Referrals
    graph = network.referral_graph(board.analysis, names_from=board.full_log)
    assert graph.nodes["c"]["name"] == "Cy Placeholder" and not graph.nodes["c"]["known"]
    figure = plots.new_figure((7.5, 2.4))
    ax = plots.plot_referral_tree(graph, ax=figure.add_subplot())
    assert sorted(t.get_text() for t in ax.texts) == ["Cy P.", "Ed R."]  # never a raw id


def test_ticks_handled_on_two_threads_at_once_are_all_applied(board, monkeypatch):
    """JupyterLab may deliver widget messages on a kernel subshell (another thread): a tick
    that arrives while the previous one is still drawing must be applied, not dropped."""
    drawing, release = threading.Event(), threading.Event()
    real_apply = board._apply

    def slow_apply():
        if not drawing.is_set():  # the first change holds the dashboard until released
            drawing.set()
            release.wait(10)
        real_apply()

    monkeypatch.setattr(board, "_apply", slow_apply)
    first = threading.Thread(
        target=lambda: board.channels.boxes["email"].set_state({"value": True})
    )
    first.start()
    assert drawing.wait(10)
    second = threading.Thread(
        target=lambda: board.channels.boxes["linkedin"].set_state({"value": True})
    )
    second.start()
    second.join(0.3)  # waits for the first change: the dashboard draws one change at a time
    assert second.is_alive()
    release.set()
    first.join(10), second.join(10)
    assert board.channels.value == ("email", "linkedin")
    assert board.filters["channels"] == ["email", "linkedin"]
    both = metrics.filter_log(board.full_log, channels=["email", "linkedin"])
    assert ids(board.filtered_log) == ids(both)  # the last tick is what is shown
    assert f"Showing {len(both.contacts)} of 5 contacts." in board.status.value


@pytest.mark.parametrize(
    "filters",
    [
        {"channels": ("linkedin",)},
        {"fields": ("data science", "UX research")},
        {"connections": ("referral",), "channels": ("email",)},
        {"start": dt.date(2025, 5, 1)},
    ],
)
def test_notes_and_due_actions_of_a_filter_are_those_of_its_people(filters):
    """Worked out once for the whole log, then cut to the people a filter keeps: the same
    rows as for the filtered log alone (a 'write to' may name a referrer filtered out)."""
    from infoview_kit import load_log
    from infoview_kit.analytics import due_list, lessons_by_field
    from tests.helpers import SAMPLE

    board = ReflectionDashboard(load_log(SAMPLE / "personal_tracker.xlsx"), today="2025-06-20")
    for name, value in filters.items():
        getattr(board, name).value = value
    shown = board.filtered_log
    assert 0 < len(shown.contacts) < len(board.full_log.contacts)
    due = board._of_shown_people(board.all_due, "due").reset_index(drop=True)
    alone = due_list(shown, today=board.today)
    columns = ["owner", "contact_id", "name", "action", "due_on"]
    same = {"check_dtype": False, "check_categorical": False}  # object vs str columns
    pd.testing.assert_frame_equal(due[columns], alone[columns], **same)
    lessons = board._of_shown_people(board.all_lessons, "lessons").reset_index(drop=True)
    pd.testing.assert_frame_equal(lessons, lessons_by_field(shown), **same)
    assert len(due) <= len(board.all_due) and len(lessons) <= len(board.all_lessons)


@pytest.mark.parametrize("name", sorted(FIXED_MARGINS))
def test_charts_with_fixed_margins_keep_every_word_inside_the_image(name):
    """No constrained layout for these charts: nothing may be cut off, small log or large."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from infoview_kit.datasets.simulate import cohort

    for log in (example_log(), cohort(n_students=30)):
        board = ReflectionDashboard(log, today="2026-01-01")
        board.tabs.selected_index = next(i for i, (_, n) in enumerate(TABS) if name in n)
        figure = board._figures[name]
        assert figure.get_layout_engine() is None  # margins set, no layout pass
        inside = figure.bbox.padded(1)
        ax = figure.axes[0]
        canvas = FigureCanvasAgg(figure)  # the renderer the PNG was made with
        canvas.draw()
        box = ax.get_tightbbox(canvas.get_renderer())
        assert inside.contains(box.x0, box.y0) and inside.contains(box.x1, box.y1), (name, box)
