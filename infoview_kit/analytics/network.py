"""Who led you to whom: the referral graph of an outreach log.

Each contact's ``referred_by`` names the contact (same owner) who suggested
them. Those links form a forest: one tree per person who started a chain.

>>> from infoview_kit.analytics import example_log
>>> graph = referral_graph(example_log())
>>> sorted(graph.edges())
[('c', 'e')]
>>> referral_stats(graph)["max_chain_depth"]
1
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from infoview_kit.analytics.analysis import Analysis
from infoview_kit.errors import InfoviewError
from infoview_kit.model import OutreachLog

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

KEY = ["owner", "contact_id"]
_ATTRS = ("owner", "name", "organization", "role", "field", "connection")


def _node_keys(frame: pd.DataFrame, id_column: str, several_owners: bool) -> list[Any]:
    if several_owners:
        return list(zip(frame["owner"], frame[id_column], strict=True))
    return frame[id_column].tolist()


def referral_graph(
    log: OutreachLog | Analysis,
    *,
    names_from: OutreachLog | None = None,
    max_rows: float | None = None,
) -> nx.DiGraph:
    """The referral graph: one node per contact, an edge referrer -> referred.

    Nodes are ``contact_id`` values; when the log holds several owners they are
    ``(owner, contact_id)`` pairs instead, because two owners may use the same
    ids. Node attributes: ``owner``, ``name``, ``organization``, ``role``,
    ``field``, ``connection`` (None when missing) and ``known`` (False for a
    ``referred_by`` id that has no row in the contacts table; such a node is
    still added, so the chain is not broken). Self-references are ignored.

    ``names_from``: a wider log (the unfiltered one, when ``log`` is a part of
    it) whose contacts give such referrers their name and other attributes;
    they stay ``known=False`` (not in ``log``).

    ``max_rows``: only what :func:`referral_tree_layout` with the same
    ``max_rows`` can draw: the people of the largest chains (every chain of the
    smallest size kept, so the layout still chooses among them). The graph then
    says how many people the whole log has (``graph.graph["people"]``) and how
    many of them are in a chain (``graph.graph["linked"]``). Worked out from an
    :class:`Analysis` with pair codes and chains without loops; otherwise the
    whole graph is returned.

    >>> from infoview_kit.analytics import example_log, filter_log
    >>> graph = referral_graph(example_log())
    >>> graph.number_of_nodes(), graph.nodes["e"]["name"]
    (5, 'Ed Referral')
    >>> late = filter_log(example_log(), start="2025-03-20")
    >>> referral_graph(late).nodes["c"]["name"] is None
    True
    >>> referral_graph(late, names_from=example_log()).nodes["c"]["name"]
    'Cy Placeholder'
    """
    analysis = log if isinstance(log, Analysis) else None
    if analysis is not None:
        log = analysis.log
    if not isinstance(log, OutreachLog):
        raise InfoviewError(f"referral_graph needs an OutreachLog, not {type(log).__name__}.")
    with_id = log.contacts["contact_id"].notna().to_numpy()
    owners = log.contacts.loc[with_id, "owner"].fillna("")
    several = bool(len(owners)) and bool((owners != owners.iloc[0]).any())
    chains = None
    if max_rows is not None and analysis is not None and analysis.pair_codes is not None:
        chains = _largest_chains(analysis, max_rows)
    if chains is not None:
        keep, linked, total = chains
        people = log.contacts[keep].drop_duplicates(KEY)
    else:
        people = _people(log)
    graph = _graph_of(people, names_from, several)
    if chains is not None:
        graph.graph.update(people=total, linked=linked)
    return graph


def _graph_of(people: pd.DataFrame, names_from: OutreachLog | None, several: bool) -> nx.DiGraph:
    """The referral graph of ``people`` (one row per person), referrers outside them added."""
    import networkx as nx

    graph = nx.DiGraph()
    records = [{**rec, "known": True} for rec in _attributes(people)]
    graph.add_nodes_from(zip(_node_keys(people, "contact_id", several), records, strict=True))
    links = people[people["referred_by"].notna().to_numpy()]
    links = links[(links["referred_by"] != links["contact_id"]).to_numpy()]
    sources = _node_keys(links, "referred_by", several)
    targets = _node_keys(links, "contact_id", several)
    outside = _outside_people(links, names_from, several)
    owners = links["owner"].astype(object).where(links["owner"].notna(), None).tolist()
    for source, owner in zip(sources, owners, strict=True):
        if source not in graph:
            blank = {"owner": owner, **dict.fromkeys(_ATTRS[1:])}
            graph.add_node(source, **{**blank, **outside.get(source, {}), "known": False})
    graph.add_edges_from(zip(sources, targets, strict=True))
    return graph


def _largest_chains(analysis: Analysis, max_rows: float) -> tuple[np.ndarray, int, int] | None:
    """Contacts rows in the largest chains (enough for ``max_rows`` rows of the tree layout),
    people in any chain, and people in all; None when the chains hold a loop."""
    child, parent_of, linked, size = _links_from_codes(analysis)
    ancestor = _chain_starts(child, parent_of, linked, size)
    if ancestor is None:
        return None
    people = np.unique(np.concatenate([child, parent_of[linked]]))
    in_chain = np.zeros(size, dtype=bool)
    in_chain[child[linked]] = in_chain[parent_of[linked]] = True
    chained = people[in_chain[people]]
    has_child = np.zeros(size, dtype=bool)
    has_child[parent_of[linked]] = True
    tree_size = np.bincount(ancestor[chained], minlength=size)
    leaves = np.bincount(ancestor[chained[~has_child[chained]]], minlength=size)
    starts = np.flatnonzero(tree_size)
    order = starts[np.argsort(-tree_size[starts], kind="stable")]
    keep_start = np.zeros(size, dtype=bool)
    if len(order):
        rows = np.cumsum(leaves[order] + 0.5)  # the layout leaves half a row between trees
        last = order[min(int(np.searchsorted(rows, max_rows)), len(order) - 1)]
        keep_start[order[tree_size[order] >= tree_size[last]]] = True  # ties: all of them
    codes = analysis.pair_codes.contacts
    safe = np.maximum(codes, 0)
    keep = (codes >= 0) & in_chain[safe] & keep_start[ancestor[safe]]
    return keep, len(chained), len(people)


def _chain_starts(
    child: np.ndarray, parent_of: np.ndarray, linked: np.ndarray, size: int
) -> np.ndarray | None:
    """The start of each code's chain (pointer doubling); None when the chains hold a loop."""
    parent = np.arange(size)
    parent[child[linked]] = parent_of[linked]
    ancestor = parent.copy()
    for _ in range(64):  # 2**64 steps: more than any chain; a loop never settles
        jump = ancestor[ancestor]
        if np.array_equal(jump, ancestor):
            break
        ancestor = jump
    else:
        return None
    return ancestor if np.array_equal(parent[ancestor], ancestor) else None


def _people(log: OutreachLog) -> pd.DataFrame:
    """The contacts with an id, one row per (owner, contact_id)."""
    return log.contacts[log.contacts["contact_id"].notna().to_numpy()].drop_duplicates(KEY)


def _attributes(people: pd.DataFrame) -> list[dict[str, Any]]:
    """One dict of node attributes per row (None for a missing value)."""
    columns = []
    for name in _ATTRS:
        values = people[name].astype(object)
        columns.append(values.where(values.notna(), None).tolist())
    return [dict(zip(_ATTRS, row, strict=True)) for row in zip(*columns, strict=True)]


def _outside_people(
    links: pd.DataFrame, names_from: OutreachLog | None, several: bool
) -> dict[Any, dict[str, Any]]:
    """Attributes, from ``names_from``, of the referrers named in ``links``, by node key."""
    if names_from is None or links.empty:
        return {}
    wider = names_from.contacts
    wanted = pd.MultiIndex.from_arrays([links["owner"], links["referred_by"]])
    wider = wider[pd.MultiIndex.from_frame(wider[KEY]).isin(wanted)]
    wider = wider[wider["contact_id"].notna().to_numpy()].drop_duplicates(KEY)
    return dict(zip(_node_keys(wider, "contact_id", several), _attributes(wider), strict=True))


def _as_graph(data: OutreachLog | nx.DiGraph) -> nx.DiGraph:
    return referral_graph(data) if isinstance(data, (OutreachLog, Analysis)) else data


def referral_depths(data: OutreachLog | nx.DiGraph) -> dict[Any, int]:
    """Referral steps from the start of each person's chain (0 = nobody referred them).

    A loop in the data (A referred B, B referred A) is cut at its first member
    in sorted order, which is treated as the start of the chain; everyone
    the loop led to hangs below it.

    >>> from infoview_kit.analytics import example_log
    >>> referral_depths(example_log())["e"]
    1
    """
    import networkx as nx

    graph = _as_graph(data)
    forest = _spanning_forest(graph)
    depths: dict[Any, int] = {}
    for root in (n for n in forest if forest.in_degree(n) == 0):
        depths.update(nx.single_source_shortest_path_length(forest, root))
    return depths


def _spanning_forest(graph: nx.DiGraph) -> nx.DiGraph:
    """``graph`` with loop-closing edges removed, so every node has one path from a root."""
    import networkx as nx

    if nx.is_directed_acyclic_graph(graph):
        return graph
    forest = nx.DiGraph()
    forest.add_nodes_from(graph.nodes(data=True))
    roots = [n for n in graph if graph.in_degree(n) == 0]
    loops = [c for c in nx.strongly_connected_components(graph) if len(c) > 1]
    starts = [min(c, key=str) for c in sorted(loops, key=lambda c: min(str(n) for n in c))]
    seen: set[Any] = set()
    for start in [*roots, *starts, *sorted(graph, key=str)]:
        if start in seen:
            continue
        seen.add(start)
        for parent, child in nx.bfs_edges(graph, start):
            if child not in seen:
                seen.add(child)
                forest.add_edge(parent, child)
    return forest


def referral_stats(data: OutreachLog | nx.DiGraph) -> dict[str, Any]:
    """How the referral network branches, in a few numbers (JSON-ready).

    * ``contacts``: nodes; ``referrals``: edges;
    * ``max_chain_depth``: referral *steps* in the longest chain (A referred
      B who referred C: 2);
    * ``roots``: people who referred someone without being referred
      themselves (the starts of the chains);
    * ``referrers``: people who referred at least one person;
    * ``mean_branching``: mean number of people referred per referrer (None
      when nobody referred anyone);
    * ``largest_tree_size``: people in the largest connected referral tree
      (1 when there are contacts but no referrals, 0 for an empty log).

    >>> from infoview_kit.analytics import example_log
    >>> stats = referral_stats(example_log())
    >>> stats["roots"], stats["mean_branching"], stats["largest_tree_size"]
    (1, 1.0, 2)
    """
    if isinstance(data, Analysis):
        links = _links_from_codes(data) if data.pair_codes is not None else None
        data = data.log
    else:
        links = _links_from_table(data) if isinstance(data, OutreachLog) else None
    fast = None if links is None else _stats_from_links(*links)
    if fast is not None:
        return fast
    import networkx as nx

    graph = _as_graph(data)
    out_degree = np.array([d for _, d in graph.out_degree()], dtype=float)
    in_degree = np.array([d for _, d in graph.in_degree()], dtype=float)
    referrers = out_degree > 0
    depths = referral_depths(graph)
    components = [len(c) for c in nx.weakly_connected_components(graph)]
    return {
        "contacts": graph.number_of_nodes(),
        "referrals": graph.number_of_edges(),
        "max_chain_depth": max(depths.values(), default=0),
        "roots": int((referrers & (in_degree == 0)).sum()),
        "referrers": int(referrers.sum()),
        "mean_branching": round(float(out_degree[referrers].mean()), 4)
        if referrers.any()
        else None,
        "largest_tree_size": max(components, default=0),
    }


def _links_from_table(log: OutreachLog) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """(person code, referrer code, linked, number of codes), one row per contact."""
    people = log.contacts[log.contacts["contact_id"].notna().to_numpy()].drop_duplicates(KEY)
    referrers = people[["owner", "referred_by"]].rename(columns={"referred_by": "contact_id"})
    both = pd.concat([people[KEY], referrers], ignore_index=True)
    codes = both.groupby(KEY, dropna=False, sort=False).ngroup().to_numpy()
    child, parent_of = codes[: len(people)], codes[len(people) :]
    linked = referrers["contact_id"].notna().to_numpy() & (parent_of != child)
    return child, parent_of, linked, int(codes.max()) + 1 if len(codes) else 0


def _links_from_codes(analysis: Analysis) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """:func:`_links_from_table` from the analysis' pair codes (no text to factorise)."""
    codes = analysis.pair_codes
    rows = np.flatnonzero(codes.contacts >= 0)
    _, first = np.unique(codes.contacts[rows], return_index=True)
    rows = np.sort(rows[first])  # the first row of each person, in table order
    child, parent_of = codes.contacts[rows], codes.referrers[rows]
    linked = (parent_of >= 0) & (parent_of != child)
    size = int(max(child.max(initial=-1), parent_of.max(initial=-1))) + 1
    return child, np.where(linked, parent_of, child), linked, size


def _stats_from_links(
    child: np.ndarray, parent_of: np.ndarray, linked: np.ndarray, size: int
) -> dict[str, Any] | None:
    """:func:`referral_stats` with numpy (pointer doubling); None when the data has a loop."""
    nodes = np.unique(np.concatenate([child, parent_of[linked]]))
    parent = np.arange(size)
    parent[child[linked]] = parent_of[linked]
    distance = (parent != np.arange(size)).astype(np.int64)
    ancestor = parent.copy()
    for _ in range(64):  # 2**64 steps: more than any chain; a loop never settles
        jump = ancestor[ancestor]
        if np.array_equal(jump, ancestor):
            break
        distance = distance + distance[ancestor]
        ancestor = jump
    else:
        return None
    if not np.array_equal(parent[ancestor], ancestor):
        return None  # a loop folded onto itself: no real start; the graph path cuts it
    out_degree = np.bincount(parent[child[linked]], minlength=size)[nodes]
    is_root = (parent == np.arange(size))[nodes]
    trees = np.bincount(ancestor[nodes], minlength=size)
    referring = out_degree > 0
    return {
        "contacts": len(nodes),
        "referrals": int(linked.sum()),
        "max_chain_depth": int(distance[nodes].max()) if len(nodes) else 0,
        "roots": int((referring & is_root).sum()),
        "referrers": int(referring.sum()),
        "mean_branching": round(float(out_degree[referring].mean()), 4)
        if referring.any()
        else None,
        "largest_tree_size": int(trees.max()) if len(nodes) else 0,
    }


def referral_tree_layout(
    data: OutreachLog | Analysis | nx.DiGraph, *, max_rows: float | None = None
) -> dict[Any, tuple[float, float]]:
    """Positions for drawing the referral trees left to right: x = depth, y = row.

    Only people in a tree (who referred or were referred) get a position.
    Leaves take consecutive rows (the biggest tree first); a referrer sits at
    the middle of the people they referred, so lines never cross. With
    ``max_rows``, trees that would go past that many rows are left out (the
    largest ones are kept).

    >>> from infoview_kit.analytics import example_log
    >>> referral_tree_layout(example_log())
    {'e': (1.0, 0.0), 'c': (0.0, 0.0)}
    """
    import networkx as nx

    forest = _spanning_forest(_as_graph(data))
    trees = [c for c in nx.weakly_connected_components(forest) if len(c) > 1]
    trees.sort(key=lambda c: (-len(c), min(str(n) for n in c)))
    positions: dict[Any, tuple[float, float]] = {}
    row = 0.0
    for tree in trees:
        placed = _place_tree(forest, tree, row)
        end = max(y for _, y in placed.values()) + 1.0
        if max_rows is not None and positions and end > max_rows:
            break
        positions.update(placed)
        row = end + 0.5  # a gap between trees
    return positions


def _place_tree(forest: nx.DiGraph, tree: set, row: float) -> dict[Any, tuple[float, float]]:
    """Positions of one tree whose first leaf takes row ``row``."""
    import networkx as nx

    root = next(n for n in tree if forest.in_degree(n) == 0)
    depth = nx.single_source_shortest_path_length(forest, root)
    positions: dict[Any, tuple[float, float]] = {}
    for node in nx.dfs_postorder_nodes(forest, root, sort_neighbors=lambda ns: sorted(ns, key=str)):
        children = list(forest.successors(node))
        if children:
            y = float(np.mean([positions[c][1] for c in children]))
        else:
            y, row = row, row + 1.0
        positions[node] = (float(depth[node]), y)
    return positions
