"""How much does ``load_log`` cost over reading the same CSV with bare pandas?

Two 1,000,000-row trackers are written to temporary CSVs once (each from a
child process, so this script stays small):

* ``tracker``: the project's benchmark tracker
  (``infoview_kit.datasets.awkward.make_tracker``: 17 columns, one row per
  contact, US dates, a Student column);
* ``notes``: 18 columns with long free-text notes on most rows, US dates
  without leading zeros (``6/7/2025``), phone numbers, LinkedIn profiles
  and "referred by" names (:func:`write_notes_tracker`; synthetic people,
  example.com addresses).

For each file, in fresh processes:

* baseline: ``pandas.read_csv`` of the file with the same dtypes (``str``
  for text) and the date columns parsed with their format;
* subject: ``infoview_kit.load_log`` of the file (contacts, events, ids,
  de-duplication and a full row-accounting report).

Time is the best of 3 runs (CPU time carries the target: the machine is
shared); peak memory is ``ru_maxrss`` of each side's own process (plus the
tracemalloc peak of a separate run). Targets: at most 1.5x the CPU time and
2x the peak memory of the baseline.

Run: ``.venv/bin/python benchmarks/bench_load.py [n_rows] [tracker|notes]``
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from _common import measure, print_machine, ratio_lines, run

TIME_TARGET = 1.5
MEMORY_TARGET = 2.0
DATE_COLUMNS = ["Date Contacted", "Followed up", "Reply date", "Meeting Date"]
#: The files measured, by name: how each is written.
FILES = ("tracker", "notes")
AS_OF = "2026-06-01"


def write_tracker(path: str, n_rows: int) -> None:
    from infoview_kit.datasets.awkward import make_tracker

    make_tracker(n_rows, seed=11).to_csv(path, index=False)


_GIVEN = ["Ada", "Bo", "Chidi", "Dana", "Élodie", "Farid", "Grace", "Hiro", "Inès", "Jonas",
          "Kemi", "Lars", "Maya", "Noor", "Oskar", "Priya", "Quinn", "Rosa", "Sven", "Tariq",
          "Uma", "Vera", "Wen", "Ximena", "Yusuf", "Zoë"]  # fmt: skip
_FAMILY = ["Example", "Sample", "Tester", "Placeholder", "Mock", "Dummy", "Fictive",
           "Madeup", "Notreal", "Synth", "Imagined", "Invented", "Pretend", "Stand-in",
           "O'Dummy"]  # fmt: skip
_ORGS = ["Acme Analytics", "Globex Health", "Initech", "Northwind Labs", "Umbrella Energy",
         "Cedar Consulting", "Riverbank Museum", "Harbor City Council", "Blue Fern Studio",
         "Summit Biotech", "Lumen Schools", "Orbit Logistics"]  # fmt: skip
_ROLES = ["Data analyst", "Curator", "Product manager", "UX researcher", "Policy advisor",
          "Nurse educator", "Engineer", "Teacher", "Hydrologist", "Editor"]  # fmt: skip
_FIELDS = ["data science", "museums", "public health", "UX research", "energy", "education"]
_HOW = ["alumni", "referral", "cold", "event", "faculty", "friend", "family", "colleague"]
_CHANNELS = ["Email", "LinkedIn", "phone", "in person", "Zoom"]
_SENTENCES = [
    "Spent most of the call on how their team plans a typical quarter.",
    "They moved into the field after six years in a lab and found the switch easier than expected.",
    "Suggested I read the association's yearly report before applying anywhere.",
    "Said the hardest part of the job is explaining uncertain results to managers.",
    "Offered to look at my portfolio once I have two finished case studies.",
    "Recommended a short course on statistics for people without a maths degree.",
    "Their office runs hybrid: two days in, three at home, with a shared calendar.",
    "Most new hires come through internships, not job boards.",
    "Asked me to follow up in a few weeks with what I decided about the certificate.",
    "We talked about the difference between the public and the private side of the work.",
    "They keep a list of people to ask about grants and promised to send two names.",
    "Warned that the first year is mostly maintenance work and documentation.",
    "Liked that I had read their article; mentioned a newer one on the same topic.",
    "Meeting ran over by ten minutes; thank-you note to mention the reading list.",
]


def write_notes_tracker(path: str, n_rows: int, seed: int = 17) -> None:
    """An 18-column tracker with long free-text notes and US dates (``m/d/Y``, no leading zeros).

    Synthetic people only (example.com addresses). Every row is a different
    person (names repeat, e-mails do not); about 5 % name a referrer, someone
    named in another row of the file.
    """
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)
    n = int(n_rows)

    def pick(words: list[str]) -> np.ndarray:
        return np.asarray(words, dtype=object)[rng.integers(0, len(words), n)]

    def some(share: float, values: list[str]) -> np.ndarray:
        return np.where(rng.random(n) < share, np.asarray(values, dtype=object), "")

    def us(dates: np.ndarray, mask: np.ndarray) -> np.ndarray:
        days, inverse = np.unique(dates, return_inverse=True)
        text = [f"{d.month}/{d.day}/{d.year}" for d in pd.DatetimeIndex(days)]
        return np.where(mask, np.asarray(text, dtype=object)[inverse], "")

    given, family = pick(_GIVEN), pick(_FAMILY)
    initial = pick([f" {c}." for c in "ABCDEFGHJKLMNPRSTVW"])
    email = [
        f"{g}.{f}.{i}@example.com".lower().replace("'", "")
        for i, (g, f) in enumerate(zip(given.tolist(), family.tolist(), strict=True))
    ]
    contacted = np.datetime64("2024-09-02") + rng.integers(0, 540, n).astype("timedelta64[D]")
    replied = rng.random(n) < 0.3
    met = replied & (rng.random(n) < 0.6)
    delay = np.ceil(rng.lognormal(0.8, 0.8, n)).astype(int).astype("timedelta64[D]")
    counts = rng.integers(2, 7, n)
    chosen = pick(_SENTENCES)[rng.integers(0, n, int(counts.sum()))].tolist()
    ends = np.cumsum(counts).tolist()
    notes = [" ".join(chosen[e - c : e]) for e, c in zip(ends, counts.tolist(), strict=True)]
    name = given + initial + " " + family
    students = np.asarray([f"student_{i:04d}" for i in range(max(1, n // 100))], dtype=object)
    frame = pd.DataFrame(
        {
            "Student": students[rng.integers(0, len(students), n)],
            "Name": name,
            "Email": email,
            "Phone": some(0.4, [f"+1 555 01{i % 100:02d} {i % 10_000:04d}" for i in range(n)]),
            "LinkedIn": some(0.25, [f"https://www.linkedin.com/in/p-{i}" for i in range(n)]),
            "Company": pick(_ORGS),
            "Position": pick(_ROLES),
            "Field": pick(_FIELDS),
            "How connected": pick(_HOW),
            "Referred by": some(0.05, name[rng.integers(0, n, n)].tolist()),
            "Channel": pick(_CHANNELS),
            "Date Contacted": us(contacted, np.ones(n, dtype=bool)),
            "Followed up": us(contacted + np.timedelta64(7, "D"), rng.random(n) < 0.4),
            "Replied? (Y/N)": np.where(replied, "Y", "N"),
            "Reply date": us(contacted + delay, replied),
            "Meeting Date": us(contacted + delay + np.timedelta64(9, "D"), met),
            "Thank-you sent": np.where(met & (rng.random(n) < 0.85), "Y", ""),
            "Notes": some(0.7, notes),
        }
    )
    frame.to_csv(path, index=False)


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


def measure_file(name: str, n_rows: int, tmp: str) -> None:
    """Write one file, measure both sides on it, print the figures and the ratio lines."""
    path = Path(tmp) / f"{name}.csv"
    start = time.perf_counter()
    writer = "write_tracker" if name == "tracker" else "write_notes_tracker"
    run(f"bench_load:{writer}", kwargs={"path": str(path), "n_rows": n_rows})
    size = path.stat().st_size / 2**20
    print(f"== {name}: {n_rows:,}-row CSV, {size:.0f} MB, written in "
          f"{time.perf_counter() - start:.1f} s")  # fmt: skip
    args = {"path": str(path)}
    base = measure("read_csv", "bench_load:bare_pandas", kwargs=args, imports=("pandas",))
    subject = measure("load_log", "bench_load:with_load_log", kwargs=args,
                      imports=("pandas", "infoview_kit.io.load"))  # fmt: skip
    path.unlink()
    for m in (base, subject):
        print(
            f"{m.label:>10}: CPU {m.cpu_seconds:6.2f} s (best wall {m.seconds:.2f} s; runs "
            f"{', '.join(f'{r:.2f}' for r in m.runs)}); peak RSS {m.peak_rss_mb:6.0f} MB "
            f"({m.work_rss_mb:.0f} MB above imports); tracemalloc peak {m.traced_peak_mb:.0f} MB"
        )
    print(f"load_log produced {subject.result:,} events from {base.result:,} rows")
    for line in ratio_lines(subject, base, time_target=TIME_TARGET, memory_target=MEMORY_TARGET):
        print(f"{name}: {line}")


def main(n_rows: int = 1_000_000, files: tuple[str, ...] = FILES) -> None:
    print_machine()
    with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
        for name in files:
            measure_file(name, n_rows, tmp)


if __name__ == "__main__":
    main(
        int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000,
        tuple(sys.argv[2:]) or FILES,
    )
