"""Crash safety and concurrency of the workbook store, with real processes.

1. A saver process is SIGKILLed at random moments, hundreds of times; after
   every kill the workbook must open as exactly one version the saver wrote
   (the one before or the one after the save it was in), never a truncated
   or mixed file, and its backup must be the version before that.
2. Two processes log 500 events each into the same workbook at the same time;
   afterwards all 1,000 are there, in each process's order, and no contact
   either of them added is lost.

The helper processes live in tests/helpers/store_worker.py.
"""

from __future__ import annotations

import importlib.util
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from infoview_kit.io import store
from infoview_kit.io.store import Workbook

WORKER_PATH = Path(__file__).resolve().parents[1] / "helpers" / "store_worker.py"
_spec = importlib.util.spec_from_file_location("_store_worker", WORKER_PATH)
worker = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(worker)

START_EVENTS = 300
KILLS = 200


def expected_tags(n_events: int) -> list[str | None]:
    """Each contact's tag once the saver has logged ``n_events`` events (t<i> every 10th)."""
    tags: list[str | None] = [None] * worker.CONTACTS
    for i in range(START_EVENTS, n_events):
        if i % 10 == 0:
            tags[i % worker.CONTACTS] = f"t{i}"
    return tags


def _as_list(values: pd.Series) -> list:
    return values.astype(object).where(values.notna(), None).tolist()


def _assert_same(got: pd.DataFrame, want: pd.DataFrame) -> None:
    if not got.equals(want):  # cheap check first; the assert explains a difference
        pd.testing.assert_frame_equal(got, want)


def typical_save_seconds(folder: Path, ids: list[str]) -> float:
    """How long one of the saver's saves takes here (on a copy), to aim the kills."""
    copy = folder.with_name("calibration")
    shutil.copytree(folder, copy)
    wb = Workbook.open(copy)
    times = []
    for i in range(START_EVENTS, START_EVENTS + 7):
        start = time.perf_counter()
        with wb.batch():
            wb.log_event(ids[i % worker.CONTACTS], **worker.event_fields(i))
        times.append(time.perf_counter() - start)
    shutil.rmtree(copy)
    return sorted(times)[len(times) // 2]


@pytest.mark.slow
def test_sigkill_during_saves_leaves_the_old_or_the_new_version(tmp_path):
    folder = tmp_path / "wb"
    ids = worker.build(folder, START_EVENTS)
    base_contacts = Workbook.open(folder).contacts.drop(columns="tags")
    expected = worker.event_table(ids, START_EVENTS + 5_000)
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    zygote = subprocess.Popen(
        [sys.executable, str(WORKER_PATH), "zygote"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    # Kills are aimed at the first save or two after the saver starts. A forked
    # saver can be slower than this process, so the reach adapts: longer after
    # a round with no completed save, shorter after one with several.
    save_seconds = typical_save_seconds(folder, ids)
    reach = 1.5
    rng = random.Random(7)
    n_events = START_EVENTS
    temp_left = 0
    backup_is_previous = 0
    started = time.perf_counter()
    try:
        for _ in range(KILLS):
            zygote.stdin.write(f"{folder}\n")
            zygote.stdin.flush()
            ready = zygote.stdout.readline().split()
            assert ready[:1] == ["ready"], f"saver did not start: {ready}"
            time.sleep(rng.uniform(0.0, reach * save_seconds))
            os.kill(int(ready[1]), signal.SIGKILL)  # our own forked saver (a zombie at worst)
            zygote.stdin.write("reap\n")
            zygote.stdin.flush()
            done = zygote.stdout.readline().split()
            assert done == ["done", str(int(signal.SIGKILL)), "-1"], f"saver ended badly: {done}"

            temp_left += any(p.name.endswith(".tmp") for p in folder.iterdir())
            wb = Workbook.open(folder)  # opens cleanly (and clears temp files)
            events = wb.events
            assert len(events) >= n_events, "a finished save was lost"
            completed = len(events) - n_events
            reach = min(reach * 1.25, 20.0) if completed == 0 else max(reach * 0.9, 0.5)
            n_events = len(events)
            _assert_same(events, expected.iloc[:n_events])

            contacts = wb.contacts
            _assert_same(contacts.drop(columns="tags"), base_contacts)
            # contacts.csv is written just before events.csv in the same batch
            assert _as_list(contacts["tags"]) in (
                expected_tags(n_events),
                expected_tags(n_events + 1),
            )

            backup, _ = store._parse_table(folder / "events.csv.bak", store.EVENT_COLUMNS)
            if n_events > START_EVENTS:
                assert len(backup) in (n_events - 1, n_events)
                backup_is_previous += len(backup) == n_events - 1
            _assert_same(backup, expected.iloc[: len(backup)])
            assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]
    finally:
        zygote.stdin.close()
        zygote.wait(timeout=30)
    elapsed = time.perf_counter() - started
    saves = n_events - START_EVENTS
    print(
        f"\n{KILLS} kills in {elapsed:.1f} s (one save takes ~{save_seconds * 1000:.0f} ms); "
        f"{saves} saves completed; {temp_left} kills left a temp file (killed mid-save); "
        f"the backup was the version before after {backup_is_previous} kills"
    )
    # the kills were aimed at the saves: some landed between them, some inside one
    assert saves > 0
    assert temp_left > 0


@pytest.mark.slow
def test_two_processes_logging_at_once_lose_nothing(tmp_path):
    folder = tmp_path / "wb"
    worker.build(folder, 0)
    before = Workbook.open(folder).contacts
    barrier = tmp_path / "go"
    per_process = 500
    labels = ("A", "B")
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                str(WORKER_PATH),
                "hammer",
                str(folder),
                label,
                str(per_process),
                str(barrier),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for label in labels
    ]
    try:
        for proc in procs:
            assert proc.stdout.readline().strip() == "ready"
        started = time.perf_counter()
        barrier.touch()
        results = [proc.communicate(timeout=600) for proc in procs]
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    elapsed = time.perf_counter() - started
    for proc, (_, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0, err[-2000:]

    wb = Workbook.open(folder)
    notes = wb.events["notes"].tolist()
    assert len(notes) == 2 * per_process
    for label in labels:
        mine = [n for n in notes if n.startswith(f"{label}-")]
        assert mine == [f"{label}-{i}" for i in range(per_process)]  # all there, in order
    contacts = wb.contacts
    assert len(contacts) == len(before) + 2 * (per_process // 50)
    pd.testing.assert_frame_equal(contacts.iloc[: len(before)], before)
    for label in labels:
        added = contacts["email"].dropna()
        assert sorted(added[added.str.startswith(f"{label}.")]) == sorted(
            f"{label}.{i}@example.com" for i in range(0, per_process, 50)
        )
    writer = pd.Series([n[0] for n in notes])
    turns = int(writer.ne(writer.shift()).sum())
    print(f"\n{2 * per_process} events from 2 processes in {elapsed:.1f} s; {turns} turns")
