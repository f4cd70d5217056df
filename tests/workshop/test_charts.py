"""Charts with alt text: every chart of 07_reflect says in words and numbers what it shows."""

from __future__ import annotations

import re

import pytest

from infoview_kit import load_log, plots
from infoview_kit.workshop.charts import chart, describe_axes
from tests.helpers import SAMPLE


@pytest.fixture(scope="module")
def log():
    return load_log(SAMPLE / "personal_tracker.xlsx")


def test_bar_charts_name_every_bar_with_its_value(log):
    alt = describe_axes(plots.plot_funnel(log))
    assert alt.startswith("Chart: From request to referral.")
    assert re.search(r"Contacted \d+, Replied \d+, Met \d+, Thanked \d+, Referred \d+", alt)
    rates = describe_axes(plots.plot_response_rates(log, by="connection"))
    assert "referral" in rates and "Written on the chart:" in rates


@pytest.mark.parametrize(
    "draw",
    [
        lambda log: plots.plot_time_to_reply(log),
        lambda log: plots.plot_follow_up_discipline(log),
        lambda log: plots.plot_network_growth(log, freq="M"),
        lambda log: plots.plot_referral_tree(log),
        lambda log: plots.plot_contacts_per_month(log),
    ],
)
def test_every_chart_of_the_reflection_notebook_gets_alt_text_with_numbers(log, draw):
    shown = chart(draw(log))
    assert shown.png.startswith(b"\x89PNG")
    assert shown.alt.startswith("Chart: ") and re.search(r"\d", shown.alt)
    html = shown.to_html()
    assert "alt='Chart: " in html and "NaN" not in shown.alt


def test_alt_text_is_escaped_and_can_be_given():
    import matplotlib.pyplot as plt

    _, ax = plt.subplots()
    ax.set_title("<b>x</b> 'quoted'")
    shown = chart(ax)
    assert "&lt;b&gt;" in shown.to_html() and "&#x27;quoted&#x27;" in shown.to_html()
    assert plt.get_fignums() == []  # the pyplot figure was closed: not shown twice
    _, other = plt.subplots()
    assert chart(other, alt="Replies by month: 3, 5, 2.").alt == "Replies by month: 3, 5, 2."


def test_bars_on_a_date_axis_are_named_by_month_and_guides_are_left_out(log):
    from infoview_kit.analytics import contacts_per_month

    table = contacts_per_month(log)
    alt = describe_axes(plots.plot_contacts_per_month(table))
    for month, count in zip(table["month"], table.iloc[:, -1], strict=True):
        assert f"{month:%b %Y} {count}" in alt
    reply = describe_axes(plots.plot_time_to_reply(log, by="channel"))
    assert "email (n=" in reply and ": a line of" in reply
    assert re.search(r"\. a line of", reply) is None  # no unnamed guide line described
    tree = describe_axes(plots.plot_referral_tree(log))
    assert "scale goes up to" not in tree  # a tree has no value scale
