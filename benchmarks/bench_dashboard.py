"""How long does the reflection dashboard take to react to a filter change?

Builds a log of about 100,000 events (the seeded sample cohort, scaled up),
then times what one filter change costs: ``filter_log`` plus every summary
the dashboard shows (key figures, reply rates and times, funnel, follow-ups,
growth, referrals, lessons, due list). Drawing the visible tab's charts is
timed separately, so it is clear which part dominates. Target: summaries
under 0.3 s.

Run: ``.venv/bin/python benchmarks/bench_dashboard.py [n_events]``
"""

from __future__ import annotations

import sys
import time
import warnings

import numpy as np
import pandas as pd

from infoview_kit.analytics import metrics, reminders
from infoview_kit.model import OutreachLog

TARGET_SECONDS = 0.3

#: One filter change without drawing before the shared request tables (commit e083458,
#: docs/performance.md), by log size: printed next to today's figure.
BEFORE_SECONDS = {100_000: 0.73, 500: 0.34}


def synthetic_log(n_events: int, *, seed: int = 5) -> OutreachLog:
    """A vectorised stand-in when ``infoview_kit.datasets.simulate`` is not there."""
    rng = np.random.default_rng(seed)
    n_contacts = n_events // 3
    owners = np.char.add(
        "student_", (rng.integers(0, max(1, n_contacts // 13), n_contacts)).astype(str)
    )
    ids = np.char.add("c", np.arange(n_contacts).astype(str))
    start = np.datetime64("2026-01-12") + rng.integers(0, 90, n_contacts).astype("timedelta64[D]")
    replied = rng.random(n_contacts) < 0.35
    met = replied & (rng.random(n_contacts) < 0.6)
    delay = rng.integers(0, 15, n_contacts).astype("timedelta64[D]")
    parts = [
        pd.DataFrame(
            {
                "owner": owners,
                "contact_id": ids,
                "at": start,
                "kind": "request_sent",
                "channel": "email",
            }
        ),
        pd.DataFrame(
            {
                "owner": owners[replied],
                "contact_id": ids[replied],
                "at": (start + delay)[replied],
                "kind": "reply_received",
                "channel": "email",
            }
        ),
        pd.DataFrame(
            {
                "owner": owners[met],
                "contact_id": ids[met],
                "at": (start + 2 * delay + np.timedelta64(3, "D"))[met],
                "kind": "meeting_held",
                "channel": "video",
            }
        ),
        pd.DataFrame(
            {
                "owner": owners[~replied],
                "contact_id": ids[~replied],
                "at": (start + np.timedelta64(10, "D"))[~replied],
                "kind": "follow_up_sent",
                "channel": "email",
            }
        ),
    ]
    events = pd.concat(parts, ignore_index=True)
    contacts = pd.DataFrame(
        {
            "owner": owners,
            "contact_id": ids,
            "field": rng.choice(["data science", "public health", "urban planning"], n_contacts),
            "connection": rng.choice(["alumni", "cold", "referral", "event"], n_contacts),
        }
    )
    return OutreachLog(contacts=contacts, events=events)


def build(n_events: int) -> OutreachLog:
    try:
        from infoview_kit.datasets.simulate import cohort
    except ImportError:
        return synthetic_log(n_events)
    per_student = len(cohort(n_students=40).events) / 40
    return cohort(n_students=max(1, round(n_events / per_student)))


def summaries(log: OutreachLog, today: pd.Timestamp) -> None:
    """Everything the dashboard computes after a filter change (no drawing)."""
    with metrics._reuse():
        metrics.summary_figures(log)
        metrics.response_rates(log, by="channel")
        metrics.time_to_first_reply(log, by="channel")
        metrics.funnel(log)
        metrics.follow_up_discipline(log)
        metrics.network_growth(log)
        metrics.contacts_per_month(log)
        metrics.lessons_by_field(log)
        reminders.due_list(log, today=today)


CPU: list[float] = []  # CPU seconds of the last best_of (the machine may be shared)


def best_of(repeat: int, job) -> float:
    """Best wall-clock time of ``repeat`` runs; its CPU time goes to ``CPU``."""
    runs = []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        job()
        runs.append((time.perf_counter() - wall, time.process_time() - cpu))
    best = min(runs)
    CPU[:] = [best[1]]
    return best[0]


def main(n_events: int = 100_000) -> None:
    warnings.simplefilter("error")
    start = time.perf_counter()
    log = build(n_events)
    print(
        f"log: {len(log.contacts):,} contacts, {len(log.events):,} events, "
        f"{len(log.owners):,} owners "
        f"(built in {time.perf_counter() - start:.1f} s)"
    )
    today = log.events["at"].max().normalize()
    channel = str(log.events["channel"].dropna().mode().iloc[0])

    public = best_of(3, lambda: metrics.filter_log(log, channels=[channel]))
    anchors = metrics._anchor_dates(log)  # the dashboard works these out once per log
    filtering = best_of(3, lambda: metrics._filter_with(log, anchors, channels=[channel]))
    small = metrics.filter_log(log, channels=[channel])
    filter_cpu = CPU[0]
    summary_only = best_of(3, lambda: summaries(small, today))
    summary_cpu = CPU[0]
    whole = filtering + summary_only
    print(f"filter_log (channel={channel}), cold: {public:6.3f} s  -> {len(small.events):,} events")
    print(f"the same with the dashboard's dates: {filtering:6.3f} s")
    print(f"summaries of the filtered log:       {summary_only:6.3f} s")
    print(
        f"filter change, without drawing:      {whole:6.3f} s  (target {TARGET_SECONDS} s, "
        f"ratio {whole / TARGET_SECONDS:.1f}x)"
    )
    print(
        f"  of which CPU time:                 {filter_cpu + summary_cpu:6.3f} s  "
        f"(ratio {(filter_cpu + summary_cpu) / TARGET_SECONDS:.1f}x; "
        "wall > CPU means a busy machine)"
    )
    before = BEFORE_SECONDS.get(n_events)
    if before is not None:
        print(
            f"before (e083458, tables per figure): {before:6.3f} s  -> now {whole:.3f} s "
            f"({before / whole:.1f}x faster)"
        )

    from infoview_kit import plots
    from infoview_kit.widgets.reflection import _png

    drawing = best_of(
        1,
        lambda: (
            _png(lambda ax: plots.plot_response_rates(small, by="channel", ax=ax), size=(7.5, 3.6)),
            _png(lambda ax: plots.plot_time_to_reply(small, by="channel", ax=ax), size=(7.5, 3.8)),
        ),
    )
    print(f"drawing the visible tab (2 charts):  {drawing:6.3f} s  (CPU {CPU[0]:.3f} s)")
    print("plotting dominates" if drawing > whole else "computing dominates")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
