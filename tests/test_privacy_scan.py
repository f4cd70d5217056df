"""No personal data in exceptions, warnings, logs or stderr, on every failure path we can reach.

Logs full of distinctive synthetic people (names, example.com e-mails,
555-01xx phones, a profile URL, notes with a marker word) go through damaged
files, bad folders and zips, broken workbooks, wrong arguments to the message
builders, cohorts with bad files and the ``infoview`` command. Everything a
user or an advisor would see besides their own data (exception messages with
their tracebacks, warnings, log records at DEBUG, stderr) is scanned for
those values. ``LoadReport.problems`` may quote the user's own cells back to
them; a pseudonymised report may not.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import logging
import re
import traceback
import warnings
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from infoview_kit.advisor.cohort import cohort_files_report, load_cohort
from infoview_kit.advisor.privacy import pseudonymise
from infoview_kit.advisor.report import cohort_report_html
from infoview_kit.cli import main as cli
from infoview_kit.errors import InfoviewError
from infoview_kit.io.load import load_log
from infoview_kit.io.store import Workbook
from infoview_kit.messages import builders as compose

PEOPLE = [
    # name, e-mail, phone, LinkedIn slug
    ("Quillon Marchetti-Vasquez", "quillon.marchetti@example.com", "555-0142", "quillon-mv"),
    ("Thessaly Brandywine-Okoro", "thessaly.bo@example.com", "555-0177", "thessaly-bo"),
    ("Orrin Featherstonehaugh", "orrin.f@example.com", "555-0199", "orrin-fsh"),
]
MARKER = "Zanzibarquest"
NOTES = [f"{MARKER} talk at the harbour gala", f"asked about {MARKER} grants", f"{MARKER}"]
#: Every value that must never leave the user's own tables.
SECRETS = (
    [p[0] for p in PEOPLE]
    + [p[0].split()[-1] for p in PEOPLE]  # surnames alone
    + [p[1] for p in PEOPLE]
    + [p[2] for p in PEOPLE]
    + [p[3] for p in PEOPLE]
    + [MARKER]
)
KEY = "privacy-scan-key-0123456789"
AS_OF = "2025-04-30"


# --------------------------------------------------------------------------- scanning


def assert_no_secrets(*texts: str, where: str = "") -> None:
    joined = "\n".join(texts).casefold()
    found = [s for s in SECRETS if s.casefold() in joined]
    assert not found, f"{where}: personal data {found} in:\n" + "\n".join(texts)[:2000]


def error_text(error: BaseException) -> str:
    """What a user sees of an exception: message and traceback, chained causes included."""
    return str(error) + "\n" + "".join(traceback.format_exception(error))


@pytest.fixture
def watch(caplog):
    """Record warnings and every log record (DEBUG and up) while a block runs."""

    @contextlib.contextmanager
    def watching(where: str):
        caplog.clear()
        with caplog.at_level(logging.DEBUG), warnings.catch_warnings(record=True) as seen:
            warnings.simplefilter("always")
            yield
        assert_no_secrets(
            *(str(w.message) for w in seen),
            *(r.getMessage() for r in caplog.records),
            caplog.text,
            where=where,
        )

    return watching


def raises_clean(watch, where: str, job, error=InfoviewError) -> BaseException:
    with watch(where), pytest.raises(error) as caught:
        job()
    assert_no_secrets(error_text(caught.value), where=where)
    return caught.value


def clean_report(log, where: str) -> None:
    """A pseudonymised copy of the log's report, in every form, holds no personal value."""
    report = pseudonymise(log, key=KEY).report
    assert_no_secrets(
        report.to_json(),
        report.to_text(max_problems=10_000),
        report._repr_html_(),
        repr(report),
        where=f"{where} (pseudonymised report)",
    )


# --------------------------------------------------------------------------- synthetic files


def tracker_rows(*, messy: bool) -> list[list[str]]:
    """A tracker of the three people; ``messy`` adds rows and cells a loader must reject or flag."""
    header = ["Name", "Email", "Phone", "LinkedIn", "Company", "How connected", "Channel",
              "Date contacted", "Replied", "Meeting date", "Referred by", "Notes"]  # fmt: skip
    rows = [header]
    for (name, email, phone, slug), note in zip(PEOPLE, NOTES, strict=True):
        rows.append([name, email, phone, f"https://www.linkedin.com/in/{slug}", "Harbour Lab",
                     "alumni", "Email", "2025-03-03", "Y", "2025-03-12", "", note])  # fmt: skip
    if messy:
        name, email, phone, slug = PEOPLE[0]
        rows += [
            # a date cell holding personal text, a label nobody uses, a referral by name
            [PEOPLE[1][0], PEOPLE[1][1], phone, "", "Harbour Lab", MARKER, f"{MARKER} pigeon",
             f"ask {name} at {phone}", "maybe", f"after {MARKER}", PEOPLE[2][0], NOTES[0]],
            # no name and no e-mail: rejected, notes and phone quoted at most in problems
            ["", "", phone, f"https://www.linkedin.com/in/{slug}", "", "", "", "2025-03-04", "",
             "", "", f"{MARKER} call {email}"],
            # a duplicate with different case, merged
            [name.upper(), email.upper(), "", "", "harbour lab", "", "", "2025-03-03", "", "", "",
             NOTES[1]],
            # too many cells, and too few
            [name, email, phone, "", "", "", "", "2025-03-05", "", "", "", NOTES[2], MARKER, email],
            [PEOPLE[2][0], PEOPLE[2][1]],
            # a date only a far future allows, and a day/month clash
            [PEOPLE[2][0], PEOPLE[2][1], "", "", "", "", "", "31/12/2099", "", "13/25/25", "", ""],
        ]  # fmt: skip
    return rows


def write_csv(path: Path, rows: list[list[str]], *, encoding: str = "utf-8") -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def write_xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    from openpyxl import Workbook as Book

    book = Book()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def prose() -> str:
    return "\n".join(
        f"Call {name} on {phone} or write to {email}; {note}."
        for (name, email, phone, _), note in zip(PEOPLE, NOTES, strict=True)
    )


#: Bad files an importer still reads in part (the rest raise NotALogError or UnreadableFileError).
PARTLY_READABLE = ("unclosed_quote", "broken_ics", "broken_mbox")


def unreadable_files(folder: Path) -> dict[str, Path]:
    """Only the bad files that hold no log at all."""
    files = bad_files(folder)
    for what in PARTLY_READABLE:
        files.pop(what).unlink()
    return files


def bad_files(folder: Path) -> dict[str, Path]:
    """Files full of personal data that are damaged or not logs, each in its own way."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = tracker_rows(messy=False)
    body = [",".join(r) for r in rows[1:]]
    files = {
        "prose": folder / "notes.txt",
        "headerless": folder / "headerless.csv",
        "unclosed_quote": folder / "unclosed.csv",
        "broken_json": folder / "broken.json",
        "wrong_json": folder / "wrong.json",
        "no_header_xlsx": folder / "no_header.xlsx",
        "damaged_xlsx": folder / "damaged.xlsx",
        "binary": folder / "scan.csv",
        "broken_vcf": folder / "people.vcf",
        "broken_ics": folder / "meetings.ics",
        "broken_mbox": folder / "mail.mbox",
        "odd_zip": folder / "inner.zip",
        "utf16_broken": folder / "unicode.txt",
    }
    files["prose"].write_text(prose(), encoding="utf-8")
    files["headerless"].write_text("\r\n".join(body) + "\r\n", encoding="utf-8")
    files["unclosed_quote"].write_text(
        "Name,Email,Notes\r\n" + f'{PEOPLE[0][0]},{PEOPLE[0][1]},"{NOTES[0]}\r\n' * 3,
        encoding="utf-8",
    )
    files["broken_json"].write_text(json.dumps({"contacts": [{"name": PEOPLE[0][0],
        "email": PEOPLE[0][1], "notes": NOTES[0]}]})[:-7], encoding="utf-8")  # fmt: skip
    # Two lists of records: which one is the log cannot be told (one list alone would load).
    files["wrong_json"].write_text(json.dumps({
        "people": [{"who": p[0], "mail": p[1], "tel": p[2]} for p in PEOPLE],
        "teams": [{"who": p[0]} for p in PEOPLE],
    }), encoding="utf-8")  # fmt: skip
    write_xlsx(files["no_header_xlsx"], {"People": [list(p) for p in PEOPLE],
                                         "Notes": [[n] for n in NOTES]})  # fmt: skip
    files["damaged_xlsx"].write_bytes(files["no_header_xlsx"].read_bytes()[:900] + prose().encode())
    files["binary"].write_bytes(b"\x00\x01\x02" + prose().encode() + bytes(range(256)))
    files["broken_vcf"].write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\n"
        + "".join(f"FN:{p[0]}\r\nEMAIL:{p[1]}\r\nTEL:{p[2]}\r\nNOTE:{MARKER}\r\n" for p in PEOPLE),
        encoding="utf-8",
    )  # never closed
    files["broken_ics"].write_text(
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n"
        + f"SUMMARY:Coffee with {PEOPLE[0][0]}\r\nDTSTART:not-a-date {MARKER}\r\n"
        + f"ATTENDEE;CN={PEOPLE[1][0]}:mailto:{PEOPLE[1][1]}\r\nDESCRIPTION:{NOTES[0]}\r\n",
        encoding="utf-8",
    )
    files["broken_mbox"].write_bytes(
        (
            f"From {PEOPLE[0][1]} Thu Mar 06 10:00:00 2025\nFrom: {PEOPLE[0][0]} <{PEOPLE[0][1]}>\n"
            f"To: {PEOPLE[1][1]}\nDate: {MARKER}\nSubject: {NOTES[0]}\n\n{prose()}\n"
        ).encode()
        + b"\xff\xfe\x00garbage"
    )
    with zipfile.ZipFile(files["odd_zip"], "w") as archive:
        archive.writestr("readme.txt", prose())
        archive.writestr("../escape.csv", "\r\n".join(body))
    files["utf16_broken"].write_bytes(b"\xff\xfe" + "Name\tEmail\r\n".encode("utf-16-le") + b"\xd8")
    return files


# --------------------------------------------------------------------------- load_log


def test_each_bad_file_raises_without_personal_data(tmp_path, watch):
    files = bad_files(tmp_path / "bad")
    raised = 0
    for what, path in files.items():
        with watch(what):
            try:
                log = load_log(path, as_of=AS_OF)
            except InfoviewError as error:
                raised += 1
                assert_no_secrets(error_text(error), where=what)
                assert "\n" not in str(error), what  # one line
                continue
        # an importer may read what it can: then the report accounts for it
        assert log.report.balanced, what
        clean_report(log, what)
    assert raised >= 9


def test_a_dataframe_without_identity_columns_raises_cleanly(watch):
    frame = pd.DataFrame({"Column A": [p[0] for p in PEOPLE], "Column B": [p[1] for p in PEOPLE],
                          "Column C": NOTES})  # fmt: skip
    raises_clean(watch, "frame", lambda: load_log(frame))


def test_malformed_rows_warn_nobody(tmp_path, watch):
    path = write_csv(tmp_path / "tracker.csv", tracker_rows(messy=True))
    with watch("messy tracker"):
        log = load_log(path, as_of=AS_OF)
    report = log.report
    assert report.balanced and report.rows_rejected >= 1 and len(report.warnings) >= 3
    # the problems table may show the user's own cells back to them...
    assert report.problems["value"].astype("str").str.contains(MARKER).any()
    # ...but nothing else does
    clean_report(log, "messy tracker")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252", "utf-16"])
def test_malformed_rows_in_other_encodings_and_xlsx(tmp_path, watch, encoding):
    rows = tracker_rows(messy=True)
    path = write_csv(tmp_path / f"tracker-{encoding}.csv", rows, encoding=encoding)
    with watch(encoding):
        log = load_log(path, as_of=AS_OF)
    assert log.report.balanced
    clean_report(log, encoding)
    book = write_xlsx(tmp_path / "tracker.xlsx", {"Title": [["My outreach"]], "Log": rows})
    with watch("xlsx"):
        log = load_log(book, as_of=AS_OF)
    assert log.report.balanced
    clean_report(log, "xlsx")


def test_folder_and_zip_of_bad_files(tmp_path, watch):
    folder = tmp_path / "mixed"
    unreadable_files(folder)
    # only bad files: one error for the folder
    raises_clean(watch, "bad folder", lambda: load_log(folder, as_of=AS_OF))
    archive = tmp_path / "bad.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for path in folder.iterdir():
            out.write(path, f"students/{path.name}")
    raises_clean(watch, "bad zip", lambda: load_log(archive, as_of=AS_OF))
    # with one good file the others are reported, not raised
    write_csv(folder / "good.csv", tracker_rows(messy=True))
    with watch("mixed folder"):
        log = load_log(folder, as_of=AS_OF)
    assert (log.report.files["status"] == "loaded").sum() >= 1
    assert (log.report.files["status"] != "loaded").sum() >= 8
    assert_no_secrets(*log.report.files["message"].astype("str"), where="file messages")
    bad_files(folder / "partly")  # damaged files an importer reads in part: reported too
    with watch("mixed folder, partly readable files"):
        log = load_log(folder, as_of=AS_OF)
    assert log.report.balanced
    clean_report(log, "mixed folder")


# --------------------------------------------------------------------------- cohorts and reports


def cohort_folder(root: Path, n_good: int = 22) -> Path:
    """Enough student files for the batched loader (and its progress bar), plus bad ones."""
    root.mkdir(parents=True, exist_ok=True)
    for i in range(n_good):
        write_csv(root / f"learner_{i:02d}.csv", tracker_rows(messy=True))
    for what, path in bad_files(root / "_bad").items():
        path.rename(root / f"learner_bad_{what}{path.suffix}")
    (root / "_bad").rmdir()
    return root


@pytest.mark.slow  # a whole cohort of damaged files, loaded and reported: 20-110 s
def test_cohort_with_bad_files_and_its_pseudonymised_report(tmp_path, watch, capsys):
    folder = cohort_folder(tmp_path / "cohort")
    with watch("cohort"):
        log = load_cohort(folder, progress=True, dayfirst=None)
    captured = capsys.readouterr()
    assert_no_secrets(captured.out, captured.err, where="cohort progress")
    files = cohort_files_report(log)
    assert (files["status"] != "loaded").sum() >= 8
    assert_no_secrets(*files["message"].astype("str"), where="cohort files report")
    clean_report(log, "cohort")
    with watch("cohort report"):
        html = cohort_report_html(pseudonymise(log, key=KEY), as_of=AS_OF)
    assert_no_secrets(html, where="pseudonymised cohort report")
    only_bad = tmp_path / "only_bad"
    for i in range(21):
        unreadable_files(only_bad / str(i))
    raises_clean(watch, "cohort of bad files", lambda: load_cohort(only_bad, progress=False))


# --------------------------------------------------------------------------- workbook


@pytest.fixture
def workbook(tmp_path) -> Workbook:
    wb = Workbook.create(tmp_path / "wb", owner="learner")
    with wb.batch():
        for (name, email, phone, slug), note in zip(PEOPLE, NOTES, strict=True):
            cid = wb.add_contact(name=name, email=email, phone=phone, notes=note,
                                 linkedin_url=f"https://www.linkedin.com/in/{slug}")  # fmt: skip
            wb.log_event(cid, "request_sent", at="2025-03-03 09:00", notes=note)
    return wb


def test_workbook_calls_with_personal_arguments_fail_cleanly(workbook, watch):
    name, email, phone, _ = PEOPLE[0]
    cid = workbook.find_contact(name)
    assert cid is not None
    jobs = {
        "unknown id given as a name": lambda: workbook.log_event(name, "request_sent"),
        "unknown id given as an e-mail": lambda: workbook.contact(email),
        "update an unknown id": lambda: workbook.update_contact(phone, notes=NOTES[0]),
        "a note as a date": lambda: workbook.log_event(cid, "meeting_held", at=NOTES[0]),
        "a name as added_on": lambda: workbook.add_contact(name=name, added_on=f"with {name}"),
        "a prep file named after a person": lambda: workbook.write_prep(cid, f"{name}/x.md", "x"),
        "a prep file with a personal suffix": lambda: workbook.write_prep(cid, f"{name}.exe", "x"),
        "a name as the event kind": lambda: workbook.log_event(cid, name, notes=NOTES[0]),
        "an empty name": lambda: workbook.update_contact(cid, name="  ", notes=NOTES[1]),
    }
    for what, job in jobs.items():
        raises_clean(watch, what, job, error=(InfoviewError, ValueError))


def _damage(workbook: Workbook, table: str, change) -> None:
    for suffix in ("", ".bak"):
        path = workbook.path / f"{table}.csv{suffix}"
        if path.exists():
            path.write_bytes(change(path.read_bytes()))


@pytest.mark.parametrize(
    "what, table, change",
    [
        ("header line lost", "contacts", lambda b: b.split(b"\n", 1)[1]),
        ("events header lost", "events", lambda b: b.split(b"\n", 1)[1]),
        ("a row with extra cells", "contacts", lambda b: b.rstrip(b"\r\n") + b",extra\r\n"),
        ("cut short", "contacts", lambda b: b[: len(b) - 7]),
        # (one line in another code page is repaired, and said so: see tests/io/test_store.py)
        ("not text", "contacts", lambda b: b"\xff\xfe" + b + b"\xd8"),
        ("columns shifted", "events", lambda b: b.replace(b"request_sent,", b"")),
        ("notes in a date column", "events",
         lambda b: re.sub(rb"\d{4}-\d\d-\d\d[T ][\d:.]+", f"{MARKER} {PEOPLE[0][0]}".encode(),
                          b, count=1)),
        ("duplicate ids", "contacts", lambda b: b + b.split(b"\n")[1] + b"\n"),
    ],
)  # fmt: skip
def test_a_damaged_workbook_says_so_without_personal_data(workbook, watch, what, table, change):
    _damage(workbook, table, change)
    error = raises_clean(watch, what, lambda: Workbook.open(workbook.path))
    assert "damaged" in str(error)


def test_workbook_json_damage_and_import(workbook, watch, tmp_path):
    meta = workbook.path / "workbook.json"
    meta.write_text(json.dumps({"owner": PEOPLE[0][0], "notes": NOTES[0]})[:-3], encoding="utf-8")
    raises_clean(watch, "damaged workbook.json", lambda: Workbook.open(workbook.path))
    fresh = Workbook.create(tmp_path / "fresh", owner="learner")
    log = load_log(write_csv(tmp_path / "t.csv", tracker_rows(messy=True)), as_of=AS_OF)
    with watch("import"):
        report = fresh.import_log(log)
    assert report.balanced
    clean_report(fresh.log(), "imported workbook")


# --------------------------------------------------------------------------- compose and prep


def test_message_builders_reject_bad_arguments_without_echoing_people(watch):
    name, email, phone, _ = PEOPLE[0]
    request = compose.request_message(
        your_name=name,
        contact_name=PEOPLE[1][0],
        connection="",
        situation="",
        interest="",
        hope_to_learn="",
    )
    jobs = {
        "meeting_on as prose": lambda: compose.thank_you(
            contact_name=name, your_name=PEOPLE[1][0], learned=NOTES[0], action_taken=NOTES[2],
            meeting_on=NOTES[1],
        ),
        "sent_on as prose": lambda: compose.follow_up(
            your_name=name, contact_name=PEOPLE[1][0], interest=NOTES[0],
            sent_on=f"when {name} called",
        ),
        "to: with a line break": lambda: compose.to_eml(
            request, to=f"{name}\n<{email}>", from_=PEOPLE[1][1]
        ),
        "from: with a carriage return": lambda: compose.to_eml(
            request, to=email, from_=f"{name} at {phone}\r{MARKER}"
        ),
        "met_on as prose": lambda: compose.stay_in_touch_update(
            your_name=name, contact_name=PEOPLE[2][0], met_on=NOTES[2], progress=NOTES[0]
        ),
    }  # fmt: skip
    for what, job in jobs.items():
        raises_clean(watch, what, job, error=(InfoviewError, ValueError))
    # the checks talk about the message, never quote the people in it
    with watch("checks"):
        draft = compose.request_message(
            your_name=name, contact_name=PEOPLE[1][0], connection=f"{PEOPLE[2][0]} suggested it",
            situation=NOTES[0], interest=f"{email} {phone}", hope_to_learn=NOTES[1],
        )  # fmt: skip
    assert draft.checks


# --------------------------------------------------------------------------- the command line


def test_cli_failures_write_no_personal_data_to_stderr(tmp_path, capsys, watch):
    files = bad_files(tmp_path / "bad")
    for command in ("validate", "summary"):
        for what, path in files.items():
            with watch(f"{command} {what}"):
                status = cli([command, str(path)])
            captured = capsys.readouterr()
            assert_no_secrets(captured.err, where=f"{command} {what} stderr")
            if status == 1:
                assert captured.err.startswith("infoview: ") and captured.err.count("\n") == 1
                assert captured.out == ""
    out = tmp_path / "report.html"
    for what in PARTLY_READABLE:
        files[what].unlink()
    with watch("report of bad files"):
        assert cli(["report", str(tmp_path / "bad"), "-o", str(out)]) == 1
    captured = capsys.readouterr()
    assert_no_secrets(captured.err, captured.out, where="report stderr")
    assert not out.exists()


def test_cli_on_messy_data_keeps_people_out_of_stderr_and_pseudonymised_report(tmp_path, capsys):
    folder = cohort_folder(tmp_path / "cohort")
    tracker = folder / "learner_00.csv"
    assert cli(["validate", str(tracker)]) == 0
    captured = capsys.readouterr()
    assert MARKER in captured.out  # the user's own cells, shown to the user
    assert_no_secrets(captured.err, where="validate stderr")
    assert cli(["summary", str(tracker), "--as-of", AS_OF, "--json"]) == 0
    captured = capsys.readouterr()
    assert_no_secrets(captured.err, captured.out, where="summary")  # figures only
    key = tmp_path / "key.txt"
    from infoview_kit.advisor.privacy import new_key_file

    new_key_file(key)
    out = tmp_path / "report.html"
    status = cli(["report", str(folder), "-o", str(out), "--key-file", str(key), "--as-of", AS_OF])
    assert status == 0
    captured = capsys.readouterr()
    assert_no_secrets(captured.err, captured.out, where="report output")
    assert_no_secrets(out.read_text(encoding="utf-8"), where="pseudonymised report file")
