"""Helper processes for tests/test_store_faults.py, and a tiny benchmark.

Not a test module (pytest collects only ``test_*.py``). Modes::

    python tests/helpers/store_worker.py zygote            # fork savers on request (crash test)
    python tests/helpers/store_worker.py hammer FOLDER LABEL N BARRIER   # concurrency test
    python tests/helpers/store_worker.py bench             # time log_event at 100 / 5,000 events

The crash test must kill a saving process hundreds of times; starting a fresh
Python with pandas for each kill takes about a second, so one "zygote"
process imports everything once and forks a saver per round instead.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

import pandas as pd

from infoview_kit.io import store
from infoview_kit.io.store import Workbook
from infoview_kit.schema import EVENT_KINDS

CONTACTS = 20
BASE = pd.Timestamp("2025-01-06 09:00:00")
KINDS = EVENT_KINDS[:9]


def contact_name(k: int) -> str:
    return f"Person {k:02d}"


def event_fields(i: int) -> dict:
    """The i-th event of the crash test's deterministic sequence."""
    return {
        "kind": KINDS[i % len(KINDS)],
        "at": BASE + pd.Timedelta(minutes=37 * i),
        "channel": ("email", "linkedin", "phone", None)[i % 4],
        "notes": f'e{i}: "quoted", comma, =formula\nsecond line',
    }


def build(folder: Path, n_events: int) -> list[str]:
    """A workbook of CONTACTS contacts and the first ``n_events`` events.

    Contacts go through the API; the events table is written in one go (as a
    batch of ``n_events`` log_event calls would write it, only faster).
    """
    wb = Workbook.create(folder, owner="crash-test")
    with wb.batch():
        ids = [
            wb.add_contact(name=contact_name(k), organization="Example Org", added_on=BASE)
            for k in range(CONTACTS)
        ]
    store._atomic_write(
        folder / store.EVENTS_FILE,
        store._table_bytes(event_table(ids, n_events), store.EVENT_COLUMNS),
        backup=True,
    )
    return ids


def event_table(ids: list[str], n: int) -> pd.DataFrame:
    """The first ``n`` events of the sequence, as the store holds them."""
    rows = [
        {
            "owner": "crash-test",
            "contact_id": ids[i % CONTACTS],
            **event_fields(i),
            "source": "workbook",
        }
        for i in range(n)
    ]
    return store._conform(
        pd.DataFrame(rows, columns=list(store.EVENT_COLUMNS)), store.EVENT_COLUMNS
    )


def save_forever(folder: Path) -> None:
    """Append the next events of the sequence (tagging a contact every 10th) until killed."""
    wb = Workbook.open(folder)
    ids = wb.contacts["contact_id"].tolist()
    i = len(wb.events)
    sys.stdout.write(f"ready {os.getpid()}\n")
    sys.stdout.flush()
    while True:
        with wb.batch():
            wb.log_event(ids[i % CONTACTS], **event_fields(i))
            if i % 10 == 0:
                wb.update_contact(ids[i % CONTACTS], tags=f"t{i}")
        i += 1


def zygote() -> None:
    """Per folder line on stdin: fork a saver into it; on the next line, reap it and report.

    The saver is reaped only when the test says so (after its kill), so its pid
    cannot be reused by another process while the test may still signal it.
    """
    with tempfile.TemporaryDirectory() as tmp:  # warm up: import what a save needs once
        ids = build(Path(tmp) / "wb", 3)
        Workbook.open(Path(tmp) / "wb").log_event(ids[0], "note")
    lines = iter(sys.stdin)
    for line in lines:
        folder = Path(line.strip())
        pid = os.fork()
        if pid == 0:  # the saver
            try:
                save_forever(folder)
            except BaseException:
                traceback.print_exc()
            os._exit(3)  # only reached if saving raised: the test sees exit code 3
        next(lines, None)  # "reap"
        _, status = os.waitpid(pid, 0)
        signal_number = os.WTERMSIG(status) if os.WIFSIGNALED(status) else 0
        code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else -1
        sys.stdout.write(f"done {signal_number} {code}\n")
        sys.stdout.flush()


def hammer(folder: Path, label: str, n: int, barrier: Path) -> None:
    """Log ``n`` events (and a contact every 50) once ``barrier`` exists."""
    wb = Workbook.open(folder)
    anchor = wb.contacts["contact_id"].iloc[0]
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    while not barrier.exists():
        time.sleep(0.001)
    for i in range(n):
        wb.log_event(anchor, "note", at=BASE + pd.Timedelta(seconds=i), notes=f"{label}-{i}")
        if i % 50 == 0:
            wb.add_contact(name=f"{label} contact {i}", email=f"{label}.{i}@example.com")


def bench() -> None:
    """Print the time per log_event with 100 and 5,000 events already in the workbook.

    Wall time includes fsync (the disk); CPU time is this process's share, less
    sensitive to other programs on a busy machine.
    """
    rounds = 50
    for size in (100, 5_000):
        with tempfile.TemporaryDirectory() as tmp:
            ids = build(Path(tmp) / "wb", size)
            wb = Workbook.open(Path(tmp) / "wb")
            wall, cpu = time.perf_counter(), time.process_time()
            for i in range(rounds):
                wb.log_event(ids[i % CONTACTS], "note", notes=f"bench {i}")
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            batch_wall = time.perf_counter()
            with wb.batch():
                for i in range(rounds):
                    wb.log_event(ids[i % CONTACTS], "note", notes=f"batched {i}")
            batch_wall = time.perf_counter() - batch_wall
            print(
                f"{size:>5} events: log_event {wall / rounds * 1000:5.1f} ms wall, "
                f"{cpu / rounds * 1000:5.1f} ms CPU (saved each time); "
                f"in a batch {batch_wall / rounds * 1000:5.1f} ms wall"
            )


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "zygote":
        zygote()
    elif mode == "hammer":
        hammer(Path(sys.argv[2]), sys.argv[3], int(sys.argv[4]), Path(sys.argv[5]))
    elif mode == "bench":
        bench()
    else:
        raise SystemExit(f"unknown mode {mode!r}")
