"""How long does a large cohort take: load, pseudonymise, summarise, report?

Writes a synthetic cohort of 1,000 students with about 50 events each (one
tracker CSV per student, 20 contacts, the columns students keep) into a
temporary folder, then times each stage of ``infoview report``:

* ``load``: :func:`infoview_kit.advisor.cohort.load_cohort` over the folder;
* ``pseudonymise``: :func:`infoview_kit.advisor.privacy.pseudonymise`;
* ``summarise``: the student table (with flags) and the rates by channel,
  connection, field and week, with the spread across students;
* ``report``: :func:`infoview_kit.advisor.report.cohort_report_html` (figures,
  charts and the HTML page).

Target: the whole run well under a minute (``TARGET_SECONDS``).

Then the load alone against the bare loop a script would write (a
``pandas.read_csv`` with the date columns parsed per file, then one
``pandas.concat``), each side in its own fresh process, best of
``REPEAT`` runs, in the same run: CPU time of the process *and of its
worker processes*, wall time and peak memory (``ru_maxrss``, workers
included). Target: within ``RATIO_TARGET`` times the bare loop. The load is
measured as ``load_cohort`` runs by default (worker processes only from
:data:`~infoview_kit.io.batch.PARALLEL_FROM_FILES` files on) and with two
worker processes forced, so both can be compared on this machine.

Run: ``.venv/bin/python benchmarks/bench_cohort.py [n_students] [contacts_per_student]``
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

TARGET_SECONDS = 60.0
#: load_cohort against the bare read_csv + concat loop (CPU time and wall time).
RATIO_TARGET = 2.0
REPEAT = 3
DATE_COLUMNS = ["Date contacted", "Follow-up date", "Reply date", "Meeting date",
                "Thank-you date"]  # fmt: skip

_CHANNELS = np.array(["Email", "LinkedIn", "Phone", "Email", "Email", "LinkedIn"])
_CONNECTIONS = np.array(["alumni", "referral", "cold", "event", "faculty", "friend", "cold"])
_FIELDS = np.array(["data science", "public health", "urban planning", "museum education",
                    "science communication", "nonprofit management"])  # fmt: skip


def synthetic_trackers(n_students: int, per_student: int, *, seed: int = 7) -> pd.DataFrame:
    """One tracker row per contact for every student, built with whole-array operations.

    A row gives about 2.5 events on average (request, maybe a follow-up, a
    reply, a meeting, a thank-you), so 20 contacts make about 50 events.
    Every person is invented; e-mails are at example.com.
    """
    rng = np.random.default_rng(seed)
    n = n_students * per_student
    student = np.repeat(np.arange(n_students), per_student)
    contact = np.tile(np.arange(per_student), n_students)
    start = np.datetime64("2026-01-12")
    sent = start + rng.integers(0, 95, n).astype("timedelta64[D]")
    replied = rng.random(n) < 0.45
    reply = sent + rng.integers(0, 12, n).astype("timedelta64[D]")
    follow = (~replied | (rng.random(n) < 0.2)) & (rng.random(n) < 0.7)
    follow_at = sent + rng.integers(7, 14, n).astype("timedelta64[D]")
    met = replied & (rng.random(n) < 0.65)
    meeting = reply + rng.integers(3, 15, n).astype("timedelta64[D]")
    thanked = met & (rng.random(n) < 0.9)
    thanks = meeting + rng.integers(0, 2, n).astype("timedelta64[D]")

    def dates(values: np.ndarray, keep: np.ndarray) -> np.ndarray:
        text = np.datetime_as_string(values, unit="D").astype(object)
        text[~keep] = ""
        return text

    names = np.char.add(np.char.add("Person", contact.astype(str)), " ")
    names = np.char.add(names, np.char.add("Sample", student.astype(str)))
    return pd.DataFrame(
        {
            "student": np.char.add("learner_", np.char.zfill(student.astype(str), 4)),
            "Name": names,
            "Organization": np.char.add("Org ", rng.integers(0, 400, n).astype(str)),
            "Role": "Analyst",
            "Field": _FIELDS[rng.integers(0, len(_FIELDS), n)],
            "Connection": _CONNECTIONS[rng.integers(0, len(_CONNECTIONS), n)],
            "Email": np.char.add(np.char.replace(names, " ", "."), "@example.com"),
            "Channel": _CHANNELS[rng.integers(0, len(_CHANNELS), n)],
            "Date contacted": dates(sent, np.ones(n, dtype=bool)),
            "Follow-up date": dates(follow_at, follow),
            "Replied": np.where(replied, "Y", "N"),
            "Reply date": dates(reply, replied),
            "Meeting date": dates(meeting, met),
            "Thank-you date": dates(thanks, thanked),
        }
    )


def write_folder(rows: pd.DataFrame, folder: Path) -> int:
    """One CSV per student (the loop is over files, not rows)."""
    for student, part in rows.groupby("student", sort=True):
        part.drop(columns="student").to_csv(folder / f"{student}.csv", index=False)
    return rows["student"].nunique()


def _measured(work) -> dict:
    """Wall time, CPU time (this process and its finished children) and peak memory of work().

    The peak is this process's own high-water mark (``VmHWM`` on Linux: ``ru_maxrss``
    starts at the size of the process that started this one); ``worker_peak_mb`` is
    the largest worker process's ``ru_maxrss`` (0 without workers).
    """
    before, start = os.times(), time.perf_counter()
    work()
    wall, after = time.perf_counter() - start, os.times()
    own = (after.user - before.user) + (after.system - before.system)
    children = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, else KiB
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 2**20
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                peak = int(line.split()[1]) / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * scale / 2**20
    return {"wall": wall, "cpu": own + children, "children_cpu": children, "peak_mb": peak,
            "worker_peak_mb": workers if children else 0.0}  # fmt: skip


def bare_loop(folder: str) -> dict:
    """The baseline, in a fresh process: read each file with its dates parsed, then concat."""
    files = sorted(Path(folder).glob("*.csv"))
    return _measured(
        lambda: pd.concat(
            [pd.read_csv(f, parse_dates=DATE_COLUMNS) for f in files], ignore_index=True
        )
    )


def cohort_load(folder: str, workers: int | None = None) -> dict:
    """``load_cohort`` of the folder, in a fresh process (imports done before the clock)."""
    import infoview_kit.io.batch  # noqa: F401 - imported before the clock, as the baseline's pandas
    from infoview_kit.advisor.cohort import load_cohort

    return _measured(lambda: load_cohort(Path(folder), progress=False, workers=workers))


def ratios(folder: Path) -> None:
    """Each side in fresh processes (best of REPEAT); the ratio lines in the shared format."""
    from _common import ratio, run

    def best(target: str, **kwargs) -> dict:
        runs = [run(f"bench_cohort:{target}", kwargs={"folder": str(folder), **kwargs})
                for _ in range(REPEAT)]  # fmt: skip
        return {key: min(r[key] for r in runs) for key in runs[0]}

    bare = best("bare_loop")
    sides = {"load_cohort": best("cohort_load"),
             "load_cohort, 2 worker processes": best("cohort_load", workers=2)}  # fmt: skip
    print(f"{'bare loop':>34}: cpu {bare['cpu']:6.2f} s, wall {bare['wall']:6.2f} s, "
          f"peak {bare['peak_mb']:6.0f} MB")  # fmt: skip
    for name, side in sides.items():
        print(f"{name:>34}: cpu {side['cpu']:6.2f} s (workers {side['children_cpu']:5.2f}), "
              f"wall {side['wall']:6.2f} s, peak {side['peak_mb']:6.0f} MB "
              f"(largest worker {side['worker_peak_mb']:4.0f} MB)")  # fmt: skip
    for name, side in sides.items():
        what = f"{name} vs the bare read_csv + concat loop"
        print(ratio(f"{what}, CPU time", side["cpu"], bare["cpu"], target=RATIO_TARGET))
        print(ratio(f"{what}, wall time", side["wall"], bare["wall"], target=RATIO_TARGET))
        print(ratio(f"{what}, peak memory", side["peak_mb"], bare["peak_mb"], target=None))


def main(n_students: int = 1000, per_student: int = 20) -> float:
    from infoview_kit.advisor.cohort import cohort_rates, load_cohort, student_table
    from infoview_kit.advisor.privacy import new_key, pseudonymise
    from infoview_kit.advisor.report import cohort_report_html

    timings: dict[str, float] = {}
    cpu: dict[str, float] = {}

    def timed(stage: str, work):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = work()
        timings[stage] = time.perf_counter() - start
        cpu[stage] = time.process_time() - start_cpu
        # CPU seconds too: on a shared machine the wall clock also counts other people's work.
        print(f"{stage:>14}: {timings[stage]:7.2f} s  (cpu {cpu[stage]:6.2f} s)", flush=True)
        return result

    with tempfile.TemporaryDirectory(prefix="bench-cohort-") as tmp:
        folder = Path(tmp)
        rows = timed("generate", lambda: synthetic_trackers(n_students, per_student))
        files = timed("write files", lambda: write_folder(rows, folder))
        log = timed("load", lambda: load_cohort(folder, progress=False))
        ratios(folder)
    per_student = len(log.events) / max(files, 1)
    print(f"{files} files, {len(log.owners)} students, {len(log.contacts)} contacts, "
          f"{len(log.events)} events ({per_student:.1f} per student)")  # fmt: skip
    safe = timed("pseudonymise", lambda: pseudonymise(log, key=new_key()))

    def summarise():
        table = student_table(safe)
        rates = {by: cohort_rates(safe, by=by) for by in ("channel", "connection", "field", "week")}
        return table, rates

    table, _ = timed("summarise", summarise)
    html = timed("report", lambda: cohort_report_html(safe))
    flagged = int((table["concerns"] != "").sum())
    print(f"{flagged} of {len(table)} students flagged; report {len(html) / 1e6:.1f} MB")
    stages = [k for k in timings if k not in ("generate", "write files")]
    work = sum(timings[k] for k in stages)
    work_cpu = sum(cpu[k] for k in stages)
    print(f"{'total':>14}: {work:7.2f} s  (cpu {work_cpu:6.2f} s) load to report; "
          f"target under {TARGET_SECONDS:.0f} s, ratio {work / TARGET_SECONDS:.2f}")  # fmt: skip
    return work


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:3]]
    main(*args)
