"""How much does ``load_log`` cost over reading the same CSV with bare pandas?

Writes a 1,000,000-row tracker (``infoview_kit.datasets.awkward.make_tracker``: one
row per contact, US dates, a Student column) to a temporary CSV once, then
measures, each in fresh processes:

* baseline: ``pandas.read_csv`` of the file with the same dtypes (``str``
  for text) and the date columns parsed with their format;
* subject: ``infoview_kit.load_log`` of the file (contacts, events, ids,
  de-duplication and a full row-accounting report).

Time is the best of 3 runs; peak memory is ``ru_maxrss`` of the process
(plus the tracemalloc peak of a separate run). Targets: at most 1.5x the
time and 2x the peak memory of the baseline.

Run: ``.venv/bin/python benchmarks/bench_load.py [n_rows]``
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from _common import measure, print_machine, ratio_line, run

TIME_TARGET = 1.5
MEMORY_TARGET = 2.0
DATE_COLUMNS = ["Date Contacted", "Followed up", "Reply date", "Meeting Date"]
AS_OF = "2026-06-01"


def write_tracker(path: str, n_rows: int) -> None:
    from infoview_kit.datasets.awkward import make_tracker

    make_tracker(n_rows, seed=11).to_csv(path, index=False)


def bare_pandas(path: str) -> int:
    """The baseline: one read_csv with text as ``str`` and the dates parsed."""
    import pandas as pd

    header = pd.read_csv(path, nrows=0).columns
    text = {c: "str" for c in header if c not in DATE_COLUMNS}
    frame = pd.read_csv(path, dtype=text, parse_dates=DATE_COLUMNS, date_format="%m/%d/%Y")
    return len(frame)


#: A million-row tracker is larger than the default budget for one table (io/limits.py,
#: set for files of unknown origin); a person loading their own archive raises it the same way.
BIG_FILE_LIMITS = {"table_mb": 2000, "cells": 100_000_000}


def with_load_log(path: str) -> int:
    from infoview_kit import Limits, load_log

    log = load_log(path, as_of=AS_OF, limits=Limits(**BIG_FILE_LIMITS))
    assert log.report.balanced
    return len(log.events)


def main(n_rows: int = 1_000_000) -> None:
    print_machine()
    with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
        path = Path(tmp) / "tracker.csv"
        start = time.perf_counter()
        run("bench_load:write_tracker", kwargs={"path": str(path), "n_rows": n_rows})
        size = path.stat().st_size / 2**20
        print(f"{n_rows:,}-row tracker CSV, {size:.0f} MB, written in "
              f"{time.perf_counter() - start:.1f} s")  # fmt: skip
        args = {"path": str(path)}
        base = measure("pandas.read_csv", "bench_load:bare_pandas", kwargs=args,
                       imports=("pandas",))  # fmt: skip
        subject = measure("load_log", "bench_load:with_load_log", kwargs=args,
                          imports=("pandas", "infoview_kit.io.load"))  # fmt: skip
    for m in (base, subject):
        print(
            f"{m.label:>16}: best {m.seconds:6.2f} s (CPU {m.cpu_seconds:.2f} s; runs "
            f"{', '.join(f'{r:.2f}' for r in m.runs)}); peak RSS {m.peak_rss_mb:6.0f} MB "
            f"({m.work_rss_mb:.0f} MB above imports); tracemalloc peak {m.traced_peak_mb:.0f} MB"
        )
    print(f"load_log produced {subject.result:,} events from {base.result:,} rows")
    print(ratio_line(subject, base, time_target=TIME_TARGET, memory_target=MEMORY_TARGET))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
