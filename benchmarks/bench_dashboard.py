"""How fast does the reflection dashboard follow a filter change at 100,000 events?

Builds a log of about 100,000 events (the seeded sample cohort, scaled up),
opens a real :class:`~infoview_kit.widgets.reflection.ReflectionDashboard` on
it, and times what a click costs, in the two parts the targets name:

* **filter change**: ``ReflectionDashboard.update()``: filter the log with
  the dashboard's ``LogFilter``, build the filtered log's ``Analysis``, write
  the key figures, lessons and due list (no chart). Target: under 0.2 s.
* **a tab drawn**: ``ReflectionDashboard.draw_tab(i)`` right after an update:
  compute that tab's tables from the shared Analysis and draw its charts on
  the figures the dashboard keeps. Target: under 0.3 s.

Each figure is the best of ``REPEAT`` runs, wall and CPU time (the machine
may be shared: CPU time is the steadier one). A whole click (setting a
filter widget's value: update plus the visible tab) is printed too. No
assertion: the figures go to ``docs/performance.md``.

Run: ``.venv/bin/python benchmarks/bench_dashboard.py [n_events]``
"""

from __future__ import annotations

import sys
import time
import warnings

import pandas as pd
from _common import print_machine

FILTER_TARGET = 0.2
TAB_TARGET = 0.3
REPEAT = 5

#: Measured on main before this round (commit f4e762f, same machine, same log, CPU s). The
#: Network tab (growth chart and referral tree) is now two tabs, Growth and Referrals.
BEFORE_CPU = {
    "filter change": 0.224,
    "tab 'Replies' drawn": 0.185,
    "tab 'Follow-through' drawn": 0.239,
    "tab 'Network' drawn": 0.973,
    "tab 'Pace' drawn": 0.121,
}


def build(n_events: int):
    """The seeded cohort, scaled to about ``n_events`` events."""
    from infoview_kit.datasets.simulate import cohort

    per_student = len(cohort(n_students=40).events) / 40
    return cohort(n_students=max(1, round(n_events / per_student)))


def best_of(job, *, repeat: int = REPEAT, before=None) -> tuple[float, float]:
    """Best (wall, CPU) seconds of ``repeat`` runs of ``job`` (``before`` runs untimed first)."""
    runs = []
    for _ in range(repeat):
        if before is not None:
            before()
        wall, cpu = time.perf_counter(), time.process_time()
        job()
        runs.append((time.perf_counter() - wall, time.process_time() - cpu))
    return min(runs)


def line(
    label: str, wall: float, cpu: float, target: float | None = None, *, before: float | None = None
) -> None:
    verdict = ""
    if target is not None:
        met = "met" if cpu < target else "NOT met"
        verdict = f"  target {target} s: {cpu / target:4.2f}x ({met}, by CPU time)"
    if before is not None:
        verdict += f"; before {before:.3f} s CPU"
    print(f"{label:>30}: {wall:6.3f} s (CPU {cpu:6.3f} s){verdict}", flush=True)


def main(n_events: int = 100_000) -> dict[str, float]:
    warnings.simplefilter("error")
    print_machine()
    from infoview_kit.widgets.reflection import TABS, ReflectionDashboard

    start = time.perf_counter()
    log = build(n_events)
    print(
        f"log: {len(log.contacts):,} contacts, {len(log.events):,} events, "
        f"{len(log.owners):,} owners (built in {time.perf_counter() - start:.1f} s)"
    )
    today = log.events["at"].max().normalize() + pd.Timedelta(days=1)
    start = time.perf_counter()
    board = ReflectionDashboard(log, today=today)
    print(f"dashboard opened (first tab drawn) in {time.perf_counter() - start:.2f} s")
    channel = board.channels.options[0][1]
    board.channels.value = (channel,)
    print(f"filter: channel = {channel!r} -> {len(board.filtered_log.events):,} events")

    before = BEFORE_CPU if n_events == 100_000 else {}  # measured at 100,000 events only
    figures: dict[str, float] = {}
    wall, cpu = best_of(board.update)
    line("filter change", wall, cpu, FILTER_TARGET, before=before.get("filter change"))
    figures["filter change"] = cpu
    for index, (title, _) in enumerate(TABS):
        wall, cpu = best_of(lambda i=index: board.draw_tab(i), before=board.update)
        label = f"tab {title!r} drawn"
        line(label, wall, cpu, TAB_TARGET, before=before.get(label))
        figures[label] = cpu
    slowest = max((v, k) for k, v in figures.items() if k.startswith("tab"))
    print(f"{'slowest tab':>30}: {slowest[1]} at {slowest[0] / TAB_TARGET:4.2f}x the target")
    network = before.get("tab 'Network' drawn")
    if network is not None:  # the two charts now split between Growth and Referrals
        print(f"{'before: one Network tab':>30}: {network:.3f} s CPU (growth and referral tree)")
    options = [(), (channel,)]  # the filter is set: every click changes it
    clicks = iter(options * REPEAT)
    wall, cpu = best_of(lambda: setattr(board.channels, "value", next(clicks)))
    line("whole click (Python side)", wall, cpu)
    return figures


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
