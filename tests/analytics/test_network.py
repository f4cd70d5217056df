"""Referral graph and its statistics on hand-built chains."""

from __future__ import annotations

import sys

import pandas as pd
import pytest

from infoview_kit.analytics import network
from infoview_kit.errors import InfoviewError
from infoview_kit.model import OutreachLog


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")


def contacts_log(referred_by: dict[str, str | None], *, owner: str = "me") -> OutreachLog:
    frame = pd.DataFrame(
        {
            "owner": owner,
            "contact_id": list(referred_by),
            "name": [f"Person {c.upper()} Example" for c in referred_by],
            "organization": "Acme",
            "referred_by": list(referred_by.values()),
        }
    )
    return OutreachLog(contacts=frame)


# A -> B -> C -> D -> E is a chain of 4 referral steps (5 levels of people);
# A also referred F; G is on their own; H was referred by "z", an id with no contact row.
CHAIN = {"a": None, "b": "a", "c": "b", "d": "c", "e": "d", "f": "a", "g": None, "h": "z"}


def test_graph_nodes_edges_and_attributes():
    graph = network.referral_graph(contacts_log(CHAIN))
    assert sorted(graph.edges()) == [
        ("a", "b"),
        ("a", "f"),
        ("b", "c"),
        ("c", "d"),
        ("d", "e"),
        ("z", "h"),
    ]
    assert graph.number_of_nodes() == 9  # a..h plus the unknown referrer z
    assert graph.nodes["c"]["name"] == "Person C Example" and graph.nodes["c"]["known"] is True
    assert graph.nodes["z"]["known"] is False and graph.nodes["z"]["name"] is None


def test_stats_of_a_four_step_chain():
    log = contacts_log(CHAIN)
    stats = network.referral_stats(log)
    assert stats == {
        "contacts": 9,
        "referrals": 6,
        "max_chain_depth": 4,  # a -> b -> c -> d -> e
        "roots": 2,  # a and z referred someone without being referred
        "referrers": 5,  # a (2 people), b, c, d, z (1 each)
        "mean_branching": 1.2,  # (2 + 1 + 1 + 1 + 1) / 5
        "largest_tree_size": 6,  # a b c d e f
    }
    # the numpy path (log) and the networkx path (graph) agree
    assert network.referral_stats(network.referral_graph(log)) == stats
    depths = network.referral_depths(log)
    assert [depths[c] for c in "abcdefgh"] == [0, 1, 2, 3, 4, 1, 0, 1]


def test_no_referrals_empty_log_and_self_reference():
    alone = network.referral_stats(
        contacts_log({"a": None, "b": "b"})
    )  # b "referred itself": ignored
    assert alone == {
        "contacts": 2,
        "referrals": 0,
        "max_chain_depth": 0,
        "roots": 0,
        "referrers": 0,
        "mean_branching": None,
        "largest_tree_size": 1,
    }
    empty = network.referral_stats(OutreachLog())
    assert (
        empty["contacts"] == 0 and empty["largest_tree_size"] == 0 and empty["max_chain_depth"] == 0
    )
    assert network.referral_tree_layout(OutreachLog()) == {}
    with pytest.raises(InfoviewError, match="needs an OutreachLog"):
        network.referral_graph(pd.DataFrame())


def test_a_loop_in_the_data_does_not_hang():
    # x and y name each other (a data-entry slip); x also referred w.
    log = contacts_log({"w": "x", "x": "y", "y": "x"})
    stats = network.referral_stats(log)
    # the loop is cut at x (first in sorted order): x -> y, x -> w
    assert stats["max_chain_depth"] == 1 and stats["largest_tree_size"] == 3
    assert network.referral_depths(log) == {"x": 0, "y": 1, "w": 1}
    assert set(network.referral_tree_layout(log)) == {"w", "x", "y"}


def test_several_owners_use_owner_and_id_pairs():
    mine = contacts_log({"a": None, "b": "a"}, owner="s1").contacts
    theirs = contacts_log({"a": None, "b": "a", "c": "b"}, owner="s2").contacts
    log = OutreachLog(contacts=pd.concat([mine, theirs]))
    graph = network.referral_graph(log)
    assert sorted(graph.edges()) == [
        (("s1", "a"), ("s1", "b")),
        (("s2", "a"), ("s2", "b")),
        (("s2", "b"), ("s2", "c")),
    ]
    stats = network.referral_stats(log)
    assert (
        stats["contacts"],
        stats["max_chain_depth"],
        stats["roots"],
        stats["largest_tree_size"],
    ) == (5, 2, 2, 3)
    assert network.referral_stats(graph) == stats


def test_tree_layout_puts_depth_on_x_and_parents_between_children():
    positions = network.referral_tree_layout(contacts_log(CHAIN))
    assert set(positions) == set("abcdefhz")  # g is in no chain
    assert {n: x for n, (x, _) in positions.items()} == {
        "a": 0,
        "b": 1,
        "c": 2,
        "d": 3,
        "e": 4,
        "f": 1,
        "z": 0,
        "h": 1,
    }
    # leaves e and f take rows 0 and 1 (biggest tree first); a sits between b (row 0) and f
    assert positions["e"][1] == 0 and positions["f"][1] == 1
    assert positions["a"][1] == pytest.approx((positions["b"][1] + positions["f"][1]) / 2)
    # the second tree starts after a half-row gap
    assert positions["h"][1] == 2.5 and positions["z"][1] == 2.5


def test_referral_stats_from_a_filter_analysis_equal_those_of_the_filtered_log():
    from infoview_kit.analytics import LogFilter, example_log, filter_log

    log = example_log()
    chooser = LogFilter(log)
    for filters in ({}, {"start": "2025-03-20"}, {"fields": ["data"]}, {"channels": ["email"]}):
        shared = network.referral_stats(chooser.analysis(**filters))
        assert shared == network.referral_stats(filter_log(log, **filters)), filters


@pytest.mark.parametrize("channels", [None, ["email"], ["linkedin"]])
def test_graph_cut_to_the_largest_chains_draws_the_same_tree(channels):
    from infoview_kit import plots
    from infoview_kit.analytics import LogFilter, referral_tree_layout
    from infoview_kit.datasets.simulate import cohort

    whole = cohort(n_students=60)
    analysis = LogFilter(whole).analysis(channels=channels)
    full = network.referral_graph(analysis, names_from=whole)
    cut = network.referral_graph(analysis, names_from=whole, max_rows=40)
    assert cut.number_of_nodes() < full.number_of_nodes() / 3  # only the largest chains
    assert referral_tree_layout(cut, max_rows=40) == referral_tree_layout(full, max_rows=40)
    drawn = [plots.plot_referral_tree(g, max_rows=40) for g in (full, cut)]
    # the title still counts everyone in the filtered log, in chains and not
    assert drawn[0].get_title(loc="left") == drawn[1].get_title(loc="left")
    assert drawn[0].get_xlabel() == drawn[1].get_xlabel()
    assert [t.get_text() for t in drawn[0].texts] == [t.get_text() for t in drawn[1].texts]
