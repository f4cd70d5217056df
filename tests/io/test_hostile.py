"""The hostile corpus: files built to hang, exhaust or trick the loaders, run through the CLI.

Every case runs ``infoview`` in its own subprocess, under a 2 GiB address-space
cap (``RLIMIT_AS``) and a kill time (a hang fails the case instead of the
suite), with a private temporary folder. Each asserts the exit status, one
clear line on stderr (no traceback, no library output), what the report
says, and that nothing was written anywhere but the output the case names
(the case folder is listed before and after; the temporary folder ends empty).

The cases start together (a few at a time) in a module fixture, so the whole
corpus costs about the slowest case plus the interpreter start-ups.
Generators: :mod:`tests.helpers.hostile`.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.helpers import REPO
from tests.helpers import hostile as h

#: A case still running after this long is killed and fails (a hang, not slowness).
KILL_AFTER = 90
#: The address-space cap of every case.
ADDRESS_SPACE = 2 << 30

RUNNER = """
import os, resource, signal, sys
resource.setrlimit(resource.RLIMIT_AS, ({cap}, {cap}))
if os.environ.get("HOSTILE_FSIZE"):  # a full disk, as far as the process can tell
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    size = int(os.environ["HOSTILE_FSIZE"])
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
from infoview_kit.cli import main
sys.exit(main(sys.argv[1:]))
"""


@dataclass
class Case:
    """A hostile input: ``build(folder)`` writes it and returns the command-line arguments."""

    build: Callable[[Path], list[str]]
    status: int
    #: Text expected in stderr (status 1) or stdout (status 0).
    says: tuple[str, ...] = ()
    #: Text that must not appear in stdout or stderr.
    never: tuple[str, ...] = ()
    #: Paths (relative to the case folder) the command may create.
    writes: tuple[str, ...] = ()
    env: dict[str, str] = field(default_factory=dict)
    #: Send Ctrl+C once a temporary folder of ours appears.
    interrupt: bool = False


@dataclass
class Result:
    status: int
    out: str
    err: str
    seconds: float
    before: set[str]
    after: set[str]
    temp_left: list[str]


def validate(build: Callable[[Path], Path], *extra: str) -> Callable[[Path], list[str]]:
    return lambda folder: ["validate", str(build(folder)), *extra]


def _tracker_folder(folder: Path) -> Path:
    cohort = folder / "cohort"
    cohort.mkdir()
    (cohort / "ana.csv").write_bytes(h.TRACKER)
    (cohort / "report\u202ecod.csv").write_bytes(h.TRACKER.replace(b"Bo Sample", b"Cy Test"))
    return cohort


def report(target: Callable[[Path], str], *extra: str) -> Callable[[Path], list[str]]:
    """``infoview report`` of a two-student cohort to the path ``target(folder)`` prepares."""

    def build(folder: Path) -> list[str]:
        from infoview_kit.advisor.privacy import new_key_file

        cohort = _tracker_folder(folder)
        key = new_key_file(folder / "cohort.key")
        return ["report", str(cohort), "-o", target(folder), "--key-file", str(key), *extra]

    return build


def _symlinked_report(folder: Path) -> str:
    (folder / "shared").mkdir()
    (folder / "shared" / "report.html").write_text("old", encoding="utf-8")
    os.symlink(folder / "shared" / "report.html", folder / "link.html")
    return str(folder / "link.html")


def _under_a_file(folder: Path) -> str:
    (folder / "notes.txt").write_text("x", encoding="utf-8")
    return str(folder / "notes.txt" / "report.html")


def _interrupted_unpack(folder: Path) -> list[str]:
    big = h.big_member("huge.bin", bytes(1 << 20), 1000, crc=False)
    path = folder / "slow.zip"
    path.write_bytes(h.raw_zip([("ana.csv", *h._deflated(h.TRACKER)), big]))
    return ["validate", str(path)]


def _nul_tracker(folder: Path) -> Path:
    path = folder / "nul.csv"
    rows = b"".join(h.ROW.replace(b"Ada", b"Ad\x00a" if i == 30 else b"Ada") for i in range(40))
    path.write_bytes(h.HEADER + rows)
    return path


LIMIT = "infoview: "
CASES: dict[str, Case] = {
    # archives
    "export archive with a 1.5 GB member": Case(
        validate(h.export_bomb), 1, ("messages.csv is larger than 64 MB", "--limit table_mb=N")
    ),
    "small zip holding a 300 MB CSV": Case(validate(h.csv_bomb), 1, ("table_mb",)),
    "members that only together pass the budget": Case(
        validate(
            lambda f: h.many_small_bombs(f, members=10, megabytes=5), "--limit", "unpacked_mb=20"
        ),
        1,
        ("unpacks to more than 20 MB", "--limit unpacked_mb=N"),
    ),
    "nested archives share one budget": Case(
        validate(lambda f: h.nested_bombs(f, levels=3, width=4), "--limit", "unpacked_mb=60"),
        1,
        ("unpacks to more than 60 MB",),
    ),
    "zip nested 200 levels deep": Case(validate(h.deep_nest), 1, ("nests archives deeper than 5",)),
    "more members than allowed": Case(
        validate(lambda f: h.many_members(f, 101), "--limit", "members=100"),
        1,
        ("holds more files than 100",),
    ),
    "member names with escapes and overrides": Case(
        validate(h.escaped_member_names), 0, ("\\u202e", "1 loaded"), never=("\x1b", "\u202e")
    ),
    "Ctrl+C while unpacking": Case(_interrupted_unpack, 130, interrupt=True),
    # spreadsheets
    "stray cell in the last row and column": Case(validate(h.stray_cell_xlsx), 0, ("1 loaded",)),
    "rows reaching the last column": Case(
        validate(lambda f: h.wide_rows_xlsx(f, 10), "--limit", "cells=100000"),
        1,
        ("has more than 100000 cells",),
    ),
    # calendars
    "zone rule every second": Case(
        validate(h.tz_rule_every, "--owner", "sam@example.com"),
        0,
        ("time zone not used", "2 loaded"),
    ),
    "zone rule every minute": Case(
        validate(lambda f: h.tz_rule_every(f, "MINUTELY"), "--owner", "sam@example.com"),
        0,
        ("time zone not used",),
    ),
    "empty time-zone block": Case(validate(h.empty_timezone), 0, ("2 loaded",)),
    "one broken event": Case(validate(h.bad_event), 0, ("line 12", "2 loaded", "1 rejected")),
    "junk lines between events, an alarm never closed": Case(
        validate(h.stray_lines_calendar, "--owner", "sam@example.com"),
        0,
        ("line 12", "line 21", "3 loaded", "1 rejected"),
    ),
    "events without VCALENDAR": Case(validate(h.calendar_fragment), 0, ("2 loaded",)),
    "calendar saved as UTF-16": Case(validate(h.utf16_calendar), 0, ("1 loaded",)),
    "calendar with CR CR LF line ends": Case(validate(h.odd_line_ends_calendar), 0, ("2 loaded",)),
    "components nested 20,000 deep": Case(validate(h.nested_components), 0, ("1 loaded",)),
    "more events than allowed": Case(
        validate(h.bad_event, "--limit", "events=2"), 1, ("holds more than 2 events",)
    ),
    # address books
    "20,000 cards never closed": Case(
        validate(h.unterminated_cards), 1, ("no complete contact card", "20000 BEGIN:VCARD")
    ),
    "5 MB photo in a card": Case(
        validate(h.photo_card), 0, ("PHOTO larger than 256 KB", "3 loaded")
    ),
    "ORG with a comma, grouped BEGIN, a stray line": Case(
        validate(h.awkward_cards), 0, ("5 loaded", "line 24"), never=("vobject", "Traceback")
    ),
    "cards with CR CR LF line ends": Case(validate(h.doubled_cr_cards), 0, ("2 loaded",)),
    "cards saved as UTF-16": Case(validate(h.utf16_cards), 0, ("2 loaded",)),
    "more cards than allowed": Case(
        validate(h.awkward_cards, "--limit", "cards=2"), 1, ("holds more than 2 cards",)
    ),
    "vCard 2.1 soft line breaks and vCard 4.0": Case(
        validate(h.quoted_printable_cards, "--json"),
        0,
        ('"rows_loaded": 2', '"problems": []'),
    ),
    "two calendars, an Outlook zone, a to-do": Case(
        validate(h.two_calendars, "--owner", "sam@example.com"), 0, ("2 loaded", "0 rejected")
    ),
    # mailboxes
    "30 MB of headers in one message": Case(
        validate(h.huge_header_mbox, "--owner", "sam@example.com"),
        0,
        ("headers larger than the limit (header_kb)", "1 loaded"),
    ),
    "junk where a message's headers should be": Case(
        validate(h.broken_message_mbox, "--owner", "sam@example.com"),
        0,
        ("2 loaded", "1 rejected"),
    ),
    # folders
    "link loop in a cohort folder": Case(
        validate(h.folder_with_loop, "--json"),
        0,
        ('"rows_read": 2', "a link to something else in the folder"),
    ),
    "links out of the folder": Case(
        validate(h.folder_with_escape, "--json"),
        0,
        ('"rows_read": 1', "a link to a place outside the folder"),
        never=("Dee Secret",),
    ),
    "pipe and device in a folder": Case(
        validate(h.folder_with_fifo, "--json"), 0, ('"rows_read": 1', "not a regular file")
    ),
    "more files than allowed": Case(
        validate(h.folder_with_loop, "--limit", "files=1"), 1, ("load holds more than 1 files",)
    ),
    # text shown back
    "NUL byte inside a tracker": Case(validate(_nul_tracker), 0, ("40 rows read", "NUL")),
    # output
    "report over a folder": Case(
        report(lambda f: str(f)), 1, ("is a folder: name a file inside it",)
    ),
    "report over a device": Case(report(lambda f: "/dev/full"), 1, ("is not a regular file",)),
    "report under a file": Case(report(_under_a_file), 1, ("is a file, not a folder",)),
    "report into a missing folder": Case(
        report(lambda f: str(f / "a" / "b" / "report.html")),
        1,
        ("does not exist (create it first, or add --parents)",),
    ),
    "report into a missing folder, --parents": Case(
        report(lambda f: str(f / "a" / "b" / "report.html"), "--parents"),
        0,
        ("Report written to",),
        writes=("a", "a/b", "a/b/report.html"),
    ),
    "report on a full disk": Case(
        report(lambda f: str(f / "report.html")),
        1,
        ("could not be written: file too large",),
        env={"HOSTILE_FSIZE": "2000"},
    ),
    "report through a link": Case(report(_symlinked_report), 0, ("Report written to",)),
    "report to a link to nowhere": Case(
        report(lambda f: (os.symlink(f / "gone", f / "dead.html"), str(f / "dead.html"))[1]),
        1,
        ("is a link to nothing",),
    ),
}


def _listing(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")}


def _run(name: str, case: Case, root: Path) -> Result:
    folder = root / "case"
    temp = root / "tmp"
    folder.mkdir(parents=True)
    temp.mkdir()
    argv = case.build(folder)
    before = _listing(folder)
    env = {**os.environ, "TMPDIR": str(temp), "PYTHONPATH": str(REPO), **case.env}
    env.pop("INFOVIEW_LIMITS", None)
    command = [sys.executable, "-c", RUNNER.format(cap=ADDRESS_SPACE), *argv]
    start = time.monotonic()
    proc = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=root,
        text=True,
        errors="replace",
    )
    if case.interrupt:
        _interrupt_when_unpacking(proc, temp)
    try:
        out, err = proc.communicate(timeout=KILL_AFTER)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        err += f"\n(killed after {KILL_AFTER} s: {name})"
    seconds = time.monotonic() - start
    return Result(proc.returncode, out, err, seconds, before, _listing(folder), os.listdir(temp))


def _interrupt_when_unpacking(proc: subprocess.Popen, temp: Path) -> None:
    def watch() -> None:
        deadline = time.monotonic() + KILL_AFTER
        while proc.poll() is None and time.monotonic() < deadline:
            if any(n.startswith("infoview-") for n in os.listdir(temp)):
                time.sleep(0.2)  # well inside the unpacking of a gigabyte
                proc.send_signal(signal.SIGINT)
                return
            time.sleep(0.02)

    threading.Thread(target=watch, daemon=True).start()


@pytest.fixture(scope="module")
def results(tmp_path_factory) -> dict[str, Result]:
    base = tmp_path_factory.mktemp("hostile")
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = {
            name: pool.submit(_run, name, case, base / f"c{i:02d}")
            for i, (name, case) in enumerate(CASES.items())
        }
        return {name: future.result() for name, future in futures.items()}


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_case(name, results):
    case, result = CASES[name], results[name]
    shown = f"{name}: status {result.status} in {result.seconds:.1f} s\n{result.err[-2000:]}"
    assert result.status == case.status, shown
    assert "Traceback" not in result.err and "Error:" not in result.err, shown
    assert "vobject" not in result.err and "icalendar" not in result.err, shown
    if case.status == 1:
        lines = result.err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(LIMIT), shown
    text = result.err if case.status == 1 else result.out
    for expected in case.says:
        assert expected in text, f"{expected!r} not in:\n{text[-3000:]}"
    for banned in case.never:
        assert banned not in result.out + result.err, f"{banned!r} shown by {name}"
    assert result.after - result.before == set(case.writes), f"{name} wrote elsewhere"
    assert result.temp_left == [], f"{name} left temporary files: {result.temp_left}"


def test_a_report_through_a_link_updates_the_target_and_keeps_the_link(results, tmp_path):
    # (the case above wrote through link.html; check the same on a fresh pair, in process)
    from infoview_kit.io.output import write_output

    target = tmp_path / "shared.html"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.html"
    link.symlink_to(target)
    write_output(link, "new")
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "new"


def test_the_report_shows_a_direction_override_as_an_escape(tmp_path):
    from infoview_kit.cli import main

    cohort = _tracker_folder(tmp_path)
    out = tmp_path / "report.html"
    assert main(["report", str(cohort), "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert "\u202e" not in html and "report\\u202ecod" in html


def test_a_symlinked_workbook_file_is_written_through(tmp_path):
    from infoview_kit.io.store import Workbook

    book = Workbook.create(tmp_path / "wb", owner="me")
    shared = tmp_path / "shared-contacts.csv"
    (book.path / "contacts.csv").replace(shared)
    (book.path / "contacts.csv").symlink_to(shared)
    book = Workbook.open(book.path)
    book.add_contact(name="Ada Example", email="ada@example.com")
    assert (book.path / "contacts.csv").is_symlink()
    assert "ada@example.com" in shared.read_text(encoding="utf-8")
    assert Workbook.open(book.path).contacts["email"].tolist() == ["ada@example.com"]
