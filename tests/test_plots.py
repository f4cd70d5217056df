"""Charts: the numbers they draw, their words, and no overlapping labels at 500 contacts."""

from __future__ import annotations

import subprocess
import sys

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from infoview_kit import plots
from infoview_kit.analytics import example_log, metrics, network
from infoview_kit.model import OutreachLog


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def big_log(n_contacts: int = 500, *, seed: int = 3) -> OutreachLog:
    """500 synthetic contacts over two years: 14 fields, long names, referral chains."""
    rng = np.random.default_rng(seed)
    ids = np.array([f"c{i:03d}" for i in range(n_contacts)])
    fields = np.array([f"field number {i} with a long name" for i in range(14)])
    referred = np.where(rng.random(n_contacts) < 0.4, rng.integers(0, n_contacts, n_contacts), -1)
    referred = np.where(
        referred < np.arange(n_contacts), referred, -1
    )  # referrers come earlier: no loops
    contacts = pd.DataFrame(
        {
            "owner": "me",
            "contact_id": ids,
            "name": [f"Person{i} Example{i}" for i in range(n_contacts)],
            "field": rng.choice(fields, n_contacts),
            "connection": np.where(
                referred >= 0, "referral", rng.choice(["alumni", "cold", "event"], n_contacts)
            ),
            "referred_by": np.where(referred >= 0, ids[np.maximum(referred, 0)], None),
        }
    )
    start = np.datetime64("2024-01-01") + np.sort(rng.integers(0, 700, n_contacts)).astype(
        "timedelta64[D]"
    )
    replied = rng.random(n_contacts) < 0.4
    delay = rng.integers(0, 20, n_contacts).astype("timedelta64[D]")
    events = pd.concat(
        [
            pd.DataFrame(
                {
                    "contact_id": ids,
                    "at": start,
                    "kind": "request_sent",
                    "channel": rng.choice(["email", "linkedin", "phone"], n_contacts),
                }
            ),
            pd.DataFrame(
                {
                    "contact_id": ids[replied],
                    "at": (start + delay)[replied],
                    "kind": "reply_received",
                    "channel": "email",
                }
            ),
            pd.DataFrame(
                {
                    "contact_id": ids[replied],
                    "at": (start + 2 * delay + np.timedelta64(2, "D"))[replied],
                    "kind": "meeting_held",
                    "channel": "video",
                }
            ),
            pd.DataFrame(
                {
                    "contact_id": ids[~replied],
                    "at": (start + np.timedelta64(9, "D"))[~replied],
                    "kind": "follow_up_sent",
                    "channel": "email",
                }
            ),
        ],
        ignore_index=True,
    ).assign(owner="me")
    return OutreachLog(contacts=contacts, events=events)


@pytest.fixture(scope="module")
def big() -> OutreachLog:
    return big_log()


def overlapping(texts) -> list[tuple[str, str]]:
    """Pairs of visible, non-empty texts whose drawn boxes intersect."""
    texts = [t for t in texts if t.get_visible() and t.get_text()]
    if not texts:
        return []
    figure = texts[0].get_figure(root=True)
    renderer = figure.canvas.get_renderer()
    figure.canvas.draw()
    boxes = np.array([t.get_window_extent(renderer).extents for t in texts])  # x0 y0 x1 y1
    x0, y0, x1, y1 = (boxes[:, i][:, None] for i in range(4))
    hit = (x0 < x1.T) & (x0.T < x1) & (y0 < y1.T) & (y0.T < y1)
    np.fill_diagonal(hit, False)
    i, j = np.nonzero(np.triu(hit))
    return [(texts[a].get_text(), texts[b].get_text()) for a, b in zip(i, j, strict=True)]


def user_lines(ax):
    return [line for line in ax.get_lines() if not line.get_label().startswith("_")]


# ---------------------------------------------------------------- each chart


def test_response_rates_draws_the_summary():
    log = example_log()
    table = metrics.response_rates(log, by="channel")
    ax = plots.plot_response_rates(table)
    # email 3/3 -> 100%, linkedin 0/1 -> 0%
    assert [p.get_width() for p in ax.patches] == pytest.approx(list(table["rate"] * 100))
    assert [t.get_text() for t in ax.get_yticklabels()] == ["email", "linkedin"]
    assert [t.get_text() for t in ax.texts] == ["3/3", "0/1"]
    assert ax.get_title(loc="left") == "Reply rate by channel"
    assert "Requests answered (%)" in ax.get_xlabel()
    # a log is summarised the same way
    again = plots.plot_response_rates(log, by="channel")
    assert [p.get_width() for p in again.patches] == [p.get_width() for p in ax.patches]


def test_response_rates_keeps_the_largest_groups():
    log = big_log()
    table = metrics.response_rates(log, by="field")
    ax = plots.plot_response_rates(table, max_groups=5)
    assert len(ax.patches) == 5
    assert "the 5 largest of 14 groups" in ax.get_title(loc="left")
    shown = {t.get_text() for t in ax.get_yticklabels()}
    largest = set(table.nlargest(5, "requests")["field"].str.slice(0, 27))
    assert {s.rstrip("…") for s in shown} == largest


def test_time_to_reply_curves_and_bands():
    times = metrics.time_to_first_reply(example_log(), by="channel")
    ax = plots.plot_time_to_reply(times)
    lines = user_lines(ax)
    assert [line.get_label() for line in lines] == ["email (n=3)", "linkedin (n=1)"]
    email = times.curves[times.curves["channel"] == "email"]
    assert list(lines[0].get_ydata()) == pytest.approx(list(email["p_replied"] * 100))
    assert len(ax.collections) == 2  # one band per curve when there are two
    assert (
        ax.get_xlabel() == "Days since the request" and ax.get_ylabel() == "Requests answered (%)"
    )
    assert ax.get_ylim() == (0, 100)
    quiet = plots.plot_time_to_reply(times, bands=False)
    assert len(quiet.collections) == 0


def test_funnel_bars_and_labels():
    ax = plots.plot_funnel(example_log())
    assert [p.get_width() for p in ax.patches] == [4, 3, 2, 2, 1]
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "Contacted",
        "Replied",
        "Met",
        "Thanked",
        "Referred",
    ]
    assert [t.get_text() for t in ax.texts] == [
        "4 (100%)",
        "3 (75%)",
        "2 (50%)",
        "2 (50%)",
        "1 (25%)",
    ]
    grouped = plots.plot_funnel(metrics.funnel(example_log(), by="channel"))
    assert len(grouped.patches) == 10 and grouped.get_legend() is not None


def test_network_growth_stack_and_date_axis():
    growth = metrics.network_growth(example_log(), freq="W")
    ax = plots.plot_network_growth(growth)
    assert len(ax.collections) == 3  # referral, alumni, cold
    assert isinstance(ax.xaxis.get_major_formatter(), matplotlib.dates.ConciseDateFormatter)
    top = ax.collections[0].get_paths()  # not pixels: the stacked totals equal the data
    assert top
    assert growth.groupby("period")["cumulative"].sum().iloc[-1] == 5
    assert ax.get_ylabel() == "People in your network"


def test_follow_up_discipline_counts():
    table = metrics.follow_up_discipline(example_log())
    ax = plots.plot_follow_up_discipline(table)
    counts = table["timing"].value_counts().reindex(metrics.FOLLOW_UP_TIMINGS, fill_value=0)
    assert [p.get_width() for p in ax.patches] == counts.tolist()
    assert ax.get_yticklabels()[1].get_text() == "Followed up on time (days 7-10)"


def test_referral_tree_nodes_edges_and_labels():
    ax = plots.plot_referral_tree(example_log())
    assert sorted(t.get_text() for t in ax.texts) == ["Cy P.", "Ed R."]
    assert len(ax.collections[0].get_segments()) == 1  # one referral: c -> e
    assert "2 people in chains, 3 not (yet) linked" in ax.get_title(loc="left")
    graph = network.referral_graph(example_log())
    assert plots.plot_referral_tree(graph).get_title(loc="left") == ax.get_title(loc="left")


def test_contacts_per_month_bars():
    table = metrics.contacts_per_month(big_log())
    ax = plots.plot_contacts_per_month(table)
    assert [p.get_height() for p in ax.patches] == table["requests"].tolist()
    assert len(ax.patches) == len(table) == 23  # Jan 2024 .. Nov 2025, quiet months included


def test_every_chart_says_no_data_yet_on_an_empty_log():
    empty = OutreachLog()
    for draw in (
        plots.plot_response_rates,
        plots.plot_time_to_reply,
        plots.plot_funnel,
        plots.plot_network_growth,
        plots.plot_follow_up_discipline,
        plots.plot_referral_tree,
        plots.plot_contacts_per_month,
    ):
        ax = draw(empty)
        message = " ".join(t.get_text() for t in ax.texts)
        assert message.startswith(("No data yet", "Nothing to show yet", "No referrals yet")), (
            draw.__name__
        )
        assert ax.get_title(loc="left"), draw.__name__


def test_given_axes_are_used_and_no_setting_leaks():
    before = dict(matplotlib.rcParams)
    _, axes = plt.subplots(1, 2)
    count = len(plt.get_fignums())
    assert plots.plot_funnel(example_log(), ax=axes[1]) is axes[1]
    assert plots.plot_response_rates(example_log(), ax=axes[0], color="#123456").patches[
        0
    ].get_facecolor()[:3] == (pytest.approx(matplotlib.colors.to_rgb("#123456")))
    assert len(plt.get_fignums()) == count
    assert dict(matplotlib.rcParams) == before


# -------------------------------------------------------- legibility at 500 contacts


def test_no_overlapping_labels_at_500_contacts(big):
    charts = {
        "rates by field": plots.plot_response_rates(big, by="field"),
        "rates by month": plots.plot_response_rates(big, by="month"),
        "contacts per month": plots.plot_contacts_per_month(big),
        "network growth": plots.plot_network_growth(big),
        "time to reply": plots.plot_time_to_reply(big, by="channel"),
        "funnel": plots.plot_funnel(big),
    }
    for name, ax in charts.items():
        for ticks in (ax.get_xticklabels(), ax.get_yticklabels()):
            assert overlapping(ticks) == [], name
    rates = charts["rates by field"]
    assert overlapping(rates.texts) == []  # the n labels
    assert len(charts["rates by month"].patches) == 20  # 23 months: the 20 largest are drawn


def test_referral_tree_stays_legible_at_500_contacts(big):
    ax = plots.plot_referral_tree(big)
    stats = network.referral_stats(big)
    assert stats["referrals"] > 100
    labels = [t for t in ax.texts if t.get_text()]
    assert len(labels) >= 100
    assert overlapping(labels) == []
    assert all(t.get_fontsize() >= 4 for t in labels)


def test_plots_stay_out_of_light_imports():
    code = (
        "import sys, infoview_kit, infoview_kit.analytics.metrics, infoview_kit.analytics.network\n"
        "import infoview_kit.analytics.reminders\n"
        "names = ('matplotlib', 'statsmodels', 'networkx', 'ipywidgets')\n"
        "heavy = [m for m in names if m in sys.modules]\n"
        "assert not heavy, heavy"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
