"""io.batch: many small files loaded at once give exactly what one file at a time gives."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from infoview_kit.datasets.awkward import awkward_inputs, make_tracker
from infoview_kit.errors import InfoviewError
from infoview_kit.io import batch
from infoview_kit.io.batch import load_entries_batched, read_sheets, worker_count
from infoview_kit.io.load import load_entries
from infoview_kit.io.sheets import RawSheet, read_csv_sheet
from tests.helpers import SAMPLE

AS_OF = "2025-07-01"
TRACKER = "Name,Company,Email,Channel,Date Contacted,Replied? (Y/N),Meeting Date,Notes,Hobby"
EVENTS = "Name,Email,Date,Event,Channel,Notes"


def _write(path: Path, data: bytes | str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def _trackers(folder: Path) -> None:
    """Files of one shape that differ in what a stack must keep apart per file."""
    rows = {
        # day-first (13/06), month-first (06/13), nothing proves it (05/06), dotted
        "dd_mm": [
            "Ada Example,Acme,ada@example.com,Email,13/06/2025,Y,20/06/2025,,chess",
            "Bo Sample,Acme,bo@example.com,Email,05/06/2025,N,,,",
        ],
        "mm_dd": [
            "Ada Example,Acme,ada@example.com,Email,06/13/2025,Y,06/20/2025,,",
            "Cy Test,Globex,cy@example.com,LinkedIn,06/05/2025,,,,",
        ],
        "unsure": [
            "Ada Example,Acme,ada@example.com,Email,05/06/2025,Y,07/06/2025,,",
            "Di Demo,Initech,di@example.com,Carrier pigeon,04/06/2025,N,,,",
        ],
        "dotted": ["Ada Example,Acme,ada@example.com,Email,05.06.2025,Y,,,"],
        # a person twice (merged), a row with nobody (rejected), a blank row (not counted)
        "messy": [
            "Ada Example,Acme,ada@example.com,Email,2025-06-02,Y,,first note,",
            "ada example,ACME,ADA@example.com,,2025-06-02,,,second note,",
            ",,,Email,2025-06-03,,,,",
            ",,,,,,,,",
            "Ed Case,Umbrella,ed@example.com,Email,not a date,maybe,2031-01-01,,",
        ],
        # a meeting that did not happen, a future one, a reply before the request
        "meetings": [
            "Fay Probe,Acme,fay@example.com,Email,2025-06-10,Y,2025-06-12,cancelled,",
            "Gus Probe,Acme,gus@example.com,Email,2025-06-10,Y,2025-08-01,,",
            "Hal Probe,Acme,hal@example.com,Email,2025-06-10,Y,2025-06-01,,",
        ],
        "header_only": [],
    }
    for name, lines in rows.items():
        _write(folder / f"{name}.csv", "\n".join([TRACKER, *lines]) + "\n")
    # One student, three files (a folder of two and one beside it): matched as one owner.
    _write(folder / "zoe" / "spring.csv", f"{TRACKER}\nAda Example,Acme,ada@example.com,,"
                                          "2025-03-01,,,,\n")  # fmt: skip
    _write(folder / "zoe" / "summer.csv", f"{TRACKER}\nAda Example,Acme,ada@example.com,Email,"
                                          "2025-06-01,Y,,,\n")  # fmt: skip
    _write(folder / "zoe.csv", f"{TRACKER}\nAda Example,Acme,ada@example.com,,2025-05-01,,,,\n")
    # An events table twice, a tracker with a student column, a NUL byte, an unnamed column.
    events = f"{EVENTS}\nAda Example,ada@example.com,2025-06-02,request,Email,\n" + (
        "Ada Example,,2025-06-09,reply,,thanks\nBo Sample,bo@example.com,06/12/2025,request,,\n"
    )
    _write(folder / "events_a.csv", events)
    _write(folder / "events_b.csv", events.replace("06/12/2025", "12/06/2025"))
    _write(folder / "shared.csv", "Student,Name,Email,Date contacted\n"
                                  "learner_a,Ada Example,ada@example.com,2025-06-02\n"
                                  ",Bo Sample,bo@example.com,2025-06-03\n")  # fmt: skip
    _write(folder / "nul.csv", f"{TRACKER}\nIvy Nul\x00,Acme,ivy@example.com,,2025-06-02,,,,\n")
    _write(folder / "nul_nobody.csv", "Company,Channel,Notes\nAcme\x00,Email,hello\n")
    # Notes the reader leaves: a line in another code page, a quote never closed.
    for name in ("mixed_a", "mixed_b"):
        _write(folder / f"{name}.csv", "Name,Email,Notes\nZoé Mix,zoe@example.com,café\n".encode()
               + "Noël Mix,noel@example.com,crème\n".encode("cp1252"))  # fmt: skip
        _write(folder / f"{name}_quote.csv", 'Name,Email,Notes\nUna Quote,una@example.com,"oops\n'
               "Val Quote,val@example.com,fine\nWes Quote,wes@example.com,fine\n")  # fmt: skip
    unnamed = "Name,Email,,Date contacted\nJo Blank,jo@example.com,{},2025-06-02\n"
    _write(folder / "unnamed_a.csv", unnamed.format("kept"))
    _write(folder / "unnamed_b.csv", unnamed.format(""))
    for seed in range(3):
        make_tracker(12, seed=seed).drop(columns="Student").to_csv(
            folder / f"generated_{seed}.csv", index=False
        )


@pytest.fixture(scope="module")
def cohort_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("cohort")
    for name, data in awkward_inputs().values():
        _write(folder / name, data)
        _write(folder / f"again_{name}", data)  # a second file of each shape
    for path in (SAMPLE / "cohort").iterdir():
        shutil.copy(path, folder / path.name)
    _trackers(folder)
    return folder


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.iterdir(), key=lambda p: p.name)


def _assert_same(mine, theirs) -> None:
    pd.testing.assert_frame_equal(mine.contacts, theirs.contacts)
    pd.testing.assert_frame_equal(mine.events, theirs.events)
    pd.testing.assert_frame_equal(mine.report.files, theirs.report.files)
    pd.testing.assert_frame_equal(mine.report.problems, theirs.report.problems)
    pd.testing.assert_frame_equal(
        mine.report.possible_duplicates, theirs.report.possible_duplicates
    )
    counts = ("rows_read", "rows_loaded", "rows_merged", "rows_rejected")
    assert [getattr(mine.report, c) for c in counts] == [getattr(theirs.report, c) for c in counts]


@pytest.mark.parametrize("dayfirst", [None, True])
def test_batched_load_is_the_per_file_load(cohort_folder, dayfirst):
    entries = _entries(cohort_folder)
    mine = load_entries_batched(entries, base=cohort_folder, as_of=AS_OF, dayfirst=dayfirst,
                                workers=1)  # fmt: skip
    theirs = load_entries(entries, base=cohort_folder, as_of=AS_OF, dayfirst=dayfirst)
    _assert_same(mine, theirs)
    assert mine.report.balanced
    files = mine.report.files.set_index("file")
    # what the stacks must keep per file
    assert files.loc["header_only.csv", "status"] == "empty"
    assert files.loc["messy.csv", ["rows_read", "rows_merged", "rows_rejected"]].tolist() == [
        4, 1, 1,
    ]  # fmt: skip
    assert files.loc["empty.csv", "status"] == "not a log"
    noted = mine.report.problems[mine.report.problems["file"].str.startswith("mixed_")]
    assert set(noted["file"]) == {"mixed_a.csv", "mixed_b.csv", "mixed_a_quote.csv",
                                  "mixed_b_quote.csv"}  # fmt: skip
    sources = set(mine.events["source"])
    assert {"dd_mm.csv:2", "mm_dd.csv:2", "zoe/summer.csv:2"} <= sources


def test_each_stacked_file_keeps_its_own_day_month_order(cohort_folder):
    log = load_entries_batched(_entries(cohort_folder), base=cohort_folder, as_of=AS_OF,
                               workers=1)  # fmt: skip
    sent = log.events[log.events["kind"] == "request_sent"].set_index("source")["at"]
    assert sent["dd_mm.csv:3"] == pd.Timestamp("2025-06-05")  # 05/06 in a day-first file
    assert sent["mm_dd.csv:3"] == pd.Timestamp("2025-06-05")  # 06/05 in a month-first file
    assert sent["unsure.csv:2"] == pd.Timestamp("2025-05-06")  # read month-first, and said so
    problems = log.report.problems
    ambiguous = problems[problems["reason"].str.startswith("ambiguous day/month")]
    assert "unsure.csv" in set(ambiguous["file"]) and "dd_mm.csv" not in set(ambiguous["file"])


def test_files_of_one_student_are_matched_as_one_person(cohort_folder):
    log = load_entries_batched(_entries(cohort_folder), base=cohort_folder, as_of=AS_OF,
                               workers=1)  # fmt: skip
    zoe = log.contacts[log.contacts["owner"] == "zoe"]
    assert len(zoe) == 1  # the same person in zoe.csv, zoe/spring.csv and zoe/summer.csv
    assert (log.events["owner"] == "zoe").sum() == 4  # 3 requests and a reply


def test_read_sheets_in_worker_processes_keeps_order_and_errors(tmp_path):
    paths = []
    for i in range(120):
        path = tmp_path / f"s{i:03d}.csv"
        if i % 37 == 5:
            path.write_text("just some words\nand more words\n", encoding="utf-8")
        else:
            path.write_text(f"Name,Email\nP{i} Example,p{i}@example.com\n", encoding="utf-8")
        paths.append((path, path.name))
    done: list[int] = []
    pooled = read_sheets(paths, workers=2, progress=done.append)
    alone = read_sheets(paths, workers=1)
    assert sum(done) == 120 and len(pooled) == 120
    for got, expected, (_, label) in zip(pooled, alone, paths, strict=True):
        if isinstance(expected, RawSheet):
            assert isinstance(got, RawSheet) and got.label == label
            pd.testing.assert_frame_equal(got.table, expected.table)
        else:
            assert isinstance(got, InfoviewError) and str(got) == str(expected)


def test_worker_count(monkeypatch):
    monkeypatch.delenv("INFOVIEW_WORKERS", raising=False)
    assert worker_count(batch.PARALLEL_FROM_FILES - 1) == 1  # not worth starting workers
    assert worker_count(5000, workers=3) == 3
    assert worker_count(5000, workers=0) == 1
    assert worker_count(60, workers=8) == 2  # two chunks of files: two workers at most
    monkeypatch.setattr(batch.os, "sched_getaffinity", lambda pid: {0}, raising=False)
    assert worker_count(5000) == 1  # one core: no worker processes
    monkeypatch.setenv("INFOVIEW_WORKERS", "1")
    assert worker_count(5000) == 1
    monkeypatch.setenv("INFOVIEW_WORKERS", "2")
    assert worker_count(100) == 2


def test_workers_start_only_where_the_main_script_is_guarded(tmp_path, monkeypatch):
    import sys
    import types

    script = tmp_path / "loose.py"
    script.write_text("from infoview_kit.advisor import load_cohort\nload_cohort('x')\n")
    guarded = tmp_path / "guarded.py"
    guarded.write_text("def main():\n    pass\n\nif __name__ == '__main__':\n    main()\n")
    for path, safe in ((script, False), (guarded, True), (None, True)):
        main = types.ModuleType("__main__")
        if path is not None:
            main.__file__ = str(path)
        monkeypatch.setitem(sys.modules, "__main__", main)
        assert batch._spawn_is_safe() is safe  # no __file__: Jupyter, python -c


_PLAIN_CASES = {
    "crlf.csv": "Name,Email\r\nAda Example,ada@example.com\r\nBo Sample,bo@example.com\r\n",
    "no_last_break.csv": "Name,Email\nAda Example,ada@example.com",
    "blank_lines.csv": "Name,Email\n\nAda Example,ada@example.com\n\n\n",
    "header_only.csv": "Name,Email\n",
    "preamble.csv": "My outreach\n\nName,Email\nAda Example,ada@example.com\n",
    "short_and_empty.csv": "Name,Email,Notes\nAda Example\n,,\n  Bo Sample ,  bo@example.com,x\n",
    "long_row.csv": "Name,Email\nAda Example,ada@example.com,extra\n",
    "semicolons.csv": "Name;Email\nZoë Exämple;zoe@example.com\n",
    "tabs.csv": "Name\tEmail\nAda Example\tada@example.com\n",
    "formula.csv": "Name,Notes\nAda Example,'=1+1\n",
    "apostrophe.csv": "Name,Notes\nAl O'Neil,it's fine\n",
    "quoted.csv": 'Name,Notes\nAda Example,"a, b"\nBo Sample,"say ""hi"", then go"\n',
    "quoted_lines.csv": 'Name,Notes\nAda Example,"two\nlines"\nBo Sample,x\n',
    "quote_inside.csv": 'Name,Notes\nAda Example,5" screen\nBo Sample,"x"y\n',
    "runaway.csv": 'Name,Notes\nAda Example,"oops\nBo Sample,fine\nCy Test,fine\n',
    "not_a_log.csv": "just some words\nand more\n",
    "lone_cr.csv": "Name,Email\rAda Example,ada@example.com\r",
}


def test_plain_files_read_together_are_read_as_one_at_a_time(tmp_path, monkeypatch):
    """Small quote-free UTF-8 files share one parse; each sheet is what it is read alone."""
    paths = []
    for copy in range(2):  # two of each, so each shape is parsed together with another
        for name, text in _PLAIN_CASES.items():
            _write(tmp_path / f"{copy}_{name}", text)
        for name, data in awkward_inputs().values():
            _write(tmp_path / f"{copy}_awkward_{name}", data)
    for path in sorted(tmp_path.iterdir()):
        paths.append((path, path.name))
    together = [p for p in paths if batch._plain_file(p[0]) is not None]
    assert len(together) > 40  # (most cases take the shared parse)
    alone: list[str] = []
    read_one = batch._read_one
    monkeypatch.setattr(batch, "_read_one", lambda path, label: alone.append(label)
                        or read_one(path, label))  # fmt: skip
    sheets = read_sheets(paths, workers=1)
    assert len(alone) == len(paths) - len(together)  # the shared parses all held
    for got, (path, label) in zip(sheets, paths, strict=True):
        try:
            expected = read_csv_sheet(path, label)
        except InfoviewError as error:
            assert isinstance(got, InfoviewError) and str(got) == str(error), label
            continue
        assert isinstance(got, RawSheet), label
        pd.testing.assert_frame_equal(got.table, expected.table)
        assert got.headers == expected.headers, label
        assert got.rows.tolist() == expected.rows.tolist(), label
        same = ("label", "header_row", "tidy", "notes", "quoted_formulas")
        assert [getattr(got, a) for a in same] == [getattr(expected, a) for a in same], label


def test_a_shared_parse_that_disagrees_falls_back_to_each_file_alone(tmp_path, monkeypatch):
    """Files let into a shared parse they break (a cell over two lines, a runaway quote, a
    row too long) make it check its count of rows or fail: then each file is read alone."""
    monkeypatch.setattr(batch, "_row_per_line", lambda *args, **kwargs: True)
    paths = []
    for name in ("crlf.csv", "quoted.csv", "quoted_lines.csv", "runaway.csv", "long_row.csv"):
        _write(tmp_path / name, _PLAIN_CASES[name].replace("Name,Email", "Name,Notes"))
        paths.append((tmp_path / name, name))
    for breaker in paths[2:]:  # first, so that a miscount would shift the files after it
        mixed = [breaker, *paths[:2]]
        assert all(batch._plain_file(path) is not None for path, _ in mixed)
        for got, (path, label) in zip(read_sheets(mixed, workers=1), mixed, strict=True):
            expected = read_csv_sheet(path, label)
            pd.testing.assert_frame_equal(got.table, expected.table)
            assert (got.rows.tolist(), got.notes) == (expected.rows.tolist(), expected.notes)
