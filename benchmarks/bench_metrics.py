"""How long does each personal and cohort metric take on 1,000,000 events?

Builds a seeded synthetic cohort (``infoview_kit.datasets.simulate.cohort``, scaled to
about a million events: a career centre's multi-year archive), then times
every analysis a user or advisor runs, one after another in this process:
reply rates by several groupings, time to first reply, the funnel, 3B7
follow-up discipline, network growth, referral statistics, contact types,
the due list, the student table and the cohort rates.

Each line prints wall and CPU seconds (best of ``REPEAT``). The baseline in
the same run is one ``groupby(["owner", "kind"]).size()`` over the events
table: the cheapest pass a hand-written pandas summary would make, printed
so each metric's cost reads as a multiple of it. No target (the brief sets
none); the figures go to ``docs/performance.md``.

Run: ``.venv/bin/python benchmarks/bench_metrics.py [n_events]``
"""

from __future__ import annotations

import sys
import time
import warnings

from _common import print_machine

REPEAT = 2


def build(n_events: int):
    """A cohort log with about ``n_events`` events (about 39 per student)."""
    from infoview_kit.datasets.simulate import cohort

    per_student = len(cohort(n_students=200).events) / 200
    return cohort(n_students=max(1, round(n_events / per_student)))


def timed(label: str, job, *, repeat: int = REPEAT, baseline: float | None = None) -> float:
    runs = []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        job()
        runs.append((time.perf_counter() - wall, time.process_time() - cpu))
    best_wall, best_cpu = min(runs)
    ratio = f"  ({best_wall / baseline:6.1f}x the groupby)" if baseline else ""
    print(f"{label:>42}: {best_wall:7.2f} s (CPU {best_cpu:6.2f} s){ratio}", flush=True)
    return best_wall


def main(n_events: int = 1_000_000) -> dict[str, float]:
    warnings.simplefilter("error")
    print_machine()
    from infoview_kit.advisor import cohort
    from infoview_kit.analytics import metrics, network, reminders

    start = time.perf_counter()
    log = build(n_events)
    print(
        f"log: {len(log.events):,} events, {len(log.contacts):,} contacts, "
        f"{len(log.owners):,} students (built in {time.perf_counter() - start:.1f} s)",
        flush=True,
    )
    as_of = log.events["at"].max().normalize()
    events = log.events
    base = timed(
        "baseline: events.groupby([owner, kind]).size()",
        lambda: events.groupby(["owner", "kind"], observed=True).size(),
    )
    jobs = {
        "response_rates()": lambda: metrics.response_rates(log, as_of=as_of),
        "response_rates(by='channel')": lambda: metrics.response_rates(
            log, by="channel", as_of=as_of
        ),
        "response_rates(by='connection')": lambda: metrics.response_rates(
            log, by="connection", as_of=as_of
        ),
        "response_rates(by='field')": lambda: metrics.response_rates(log, by="field", as_of=as_of),
        "response_rates(by='owner')": lambda: metrics.response_rates(log, by="owner", as_of=as_of),
        "response_rates(by=['channel','connection'])": lambda: metrics.response_rates(
            log, by=["channel", "connection"], as_of=as_of
        ),
        "time_to_first_reply(by='channel')": lambda: metrics.time_to_first_reply(
            log, by="channel", as_of=as_of
        ),
        "funnel()": lambda: metrics.funnel(log),
        "follow_up_discipline()": lambda: metrics.follow_up_discipline(log, as_of=as_of),
        "network_growth()": lambda: metrics.network_growth(log),
        "referral_stats()": lambda: network.referral_stats(log),
        "contact_types()": lambda: metrics.contact_types(log, as_of=as_of),
        "due_list()": lambda: reminders.due_list(log, today=as_of),
        "summary_figures()": lambda: metrics.summary_figures(log, as_of=as_of),
        "student_table()": lambda: cohort.student_table(log, as_of=as_of),
    }
    for by in ("channel", "connection", "field", "week"):
        jobs[f"cohort_rates(by='{by}')"] = lambda by=by: cohort.cohort_rates(
            log, by=by, as_of=as_of
        )
    seconds = {label: timed(label, job, baseline=base) for label, job in jobs.items()}
    total = sum(seconds.values())
    print(f"{'all of the above':>42}: {total:7.2f} s  ({total / base:6.1f}x the groupby)")
    slowest = max(seconds, key=seconds.get)
    print(f"slowest: {slowest} ({seconds[slowest]:.2f} s)")
    return seconds


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
