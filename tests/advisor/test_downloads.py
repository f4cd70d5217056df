"""Cohorts as advisors download them from a learning platform (synthetic students, example.com).

Each platform names a student's files its own way; a student's resubmissions
must stay one student (their contacts counted once), two students never one,
the platform's receipts are skipped quietly, and no student's name from a
file name reaches a pseudonymised report.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from infoview_kit.advisor.cohort import FILE_SKIPPED, cohort_files_report, load_cohort
from infoview_kit.advisor.privacy import pseudonymise
from infoview_kit.advisor.report import cohort_report_html, write_cohort_report

KEY = "downloads-test-key-0123456789"
_HEADER = "Name,Organization,Email,Date contacted,Replied\n"


def _tracker(student: str, contacts: int) -> str:
    """A tracker of ``contacts`` rows; a resubmission repeats the first rows and adds more."""
    rows = [
        f"Contact {i} {student},Example Corp {i},c{i}.{student.lower()}@example.com,"
        f"2025-03-{i + 3:02d},{'2025-03-20' if i % 2 == 0 else ''}\n"
        for i in range(contacts)
    ]
    return _HEADER + "".join(rows)


def _write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def _canvas(students: int) -> dict[str, str]:
    """Canvas names; the first student resubmitted late (a longer tracker)."""
    files = {
        f"stud{n:02d}example_{100200 + n}_{7891000 + n}_My Tracker.csv": _tracker(f"S{n}", 3)
        for n in range(students)
    }
    files["stud00example_LATE_100200_7899999_My Tracker-1.csv"] = _tracker("S0", 4)
    files["stud01example_LATE_100201_7899998_tracker.csv"] = _tracker("S1", 3)  # the same again
    return files


@pytest.mark.parametrize("students", [3, 25])  # one file at a time, and the batched load
def test_canvas_resubmission_is_one_student_counted_once(tmp_path, students):
    log = load_cohort(_write(tmp_path / "canvas", _canvas(students)), progress=False)
    assert len(log.owners) == students
    per_student = log.contacts.groupby("owner").size()
    assert per_student["stud00example (100200)"] == 4  # 3 in both files, 1 only in the late one
    assert per_student["stud01example (100201)"] == 3
    requests = log.events[log.events["kind"] == "request_sent"].groupby("owner").size()
    assert requests["stud00example (100200)"] == 4  # not 7: the first three are not doubled
    assert log.report.rows_merged == 3 + 3 and log.report.balanced
    # A resubmission whose every row was merged into the first is still the student's.
    files = cohort_files_report(log).set_index("file")
    assert files.loc["stud01example_LATE_100201_7899998_tracker.csv", "owner"] == (
        "stud01example (100201)"
    )
    assert files["owner"].notna().all()


def test_moodle_flat_files_and_folders_per_student(tmp_path):
    folder = _write(
        tmp_path / "moodle",
        {
            "Ada Example_12345_assignsubmission_file_tracker.csv": _tracker("Ada", 2),
            "Bo Sample_12346_assignsubmission_file/tracker.csv": _tracker("Bo", 2),
            "Bo Sample_12346_assignsubmission_file/tracker (1).csv": _tracker("Bo", 3),
            # two students of one name are told apart by their participant ids
            "Cy Example_12347_assignsubmission_file/log.csv": _tracker("Cy", 1),
            "Cy Example_12399_assignsubmission_file/log.csv": _tracker("Cz", 1),
        },
    )
    log = load_cohort(folder, progress=False)
    assert log.contacts.groupby("owner").size().to_dict() == {
        "Ada Example (12345)": 2, "Bo Sample (12346)": 3, "Cy Example (12347)": 1,
        "Cy Example (12399)": 1,
    }  # fmt: skip


@pytest.mark.parametrize("others", [0, 12])  # one file at a time, and the batched load
def test_blackboard_attempts_are_one_student_and_receipts_are_skipped_quietly(tmp_path, others):
    files = {}
    attempts = [("adaexample", "2025-03-04-10-00-00", 2), ("adaexample", "2025-03-06-09-30-00", 3),
                ("boexample", "2025-03-05-12-00-00", 2)]  # fmt: skip
    attempts += [(f"other{n:02d}", "2025-03-05-12-00-00", 1) for n in range(others)]
    for who, at, contacts in attempts:
        stem = f"Outreach_log_{who}_attempt_{at}"
        files[f"{stem}_tracker.csv"] = _tracker(who, contacts)
        files[f"{stem}.txt"] = f"Name: {who}\nAssignment: Outreach log\nFiles:\n\ttracker.csv\n"
    log = load_cohort(_write(tmp_path / "bb", files), progress=False)
    per_student = log.contacts.groupby("owner").size()
    assert len(per_student) == 2 + others
    assert per_student[["adaexample", "boexample"]].tolist() == [3, 2]
    assert log.report.problems["file"].str.endswith(".txt").sum() == 0  # no problem row
    report = cohort_files_report(log).set_index("file")
    receipts = report[report.index.str.endswith(".txt")]
    assert len(receipts) == 3 + others and (receipts["status"] == FILE_SKIPPED).all()
    assert receipts["message"].str.contains("receipt").all()
    html = cohort_report_html(log)
    # The report counts them in one sentence instead of a row each
    assert f"{3 + others} submission receipts from the learning platform skipped" in html
    assert "not a log at all" not in html and "receipt for a submission" not in html


def _zip(folder: Path, target: Path) -> Path:
    with zipfile.ZipFile(target, "w") as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(folder.parent).as_posix())
        archive.writestr("__MACOSX/._ignored", b"\x00\x05\x16\x07")
    return target


@pytest.mark.parametrize("students", [3, 25])
def test_a_cohort_wrapped_in_one_folder_is_still_one_owner_per_student(tmp_path, students):
    # A drive's or a platform's download: one folder named after the assignment, in a zip.
    inner = _write(tmp_path / "Outreach trackers", {
        f"student{n:02d}.csv": _tracker(f"S{n}", 2) for n in range(students)
    })  # fmt: skip
    from_zip = load_cohort(_zip(inner, tmp_path / "download.zip"), progress=False)
    assert from_zip.owners == [f"student{n:02d}" for n in range(students)]
    # ... and the same unpacked: a folder holding that one folder
    outer = tmp_path / "Downloads"
    outer.mkdir()
    inner.rename(outer / inner.name)
    from_folder = load_cohort(outer, progress=False)
    assert from_folder.owners == from_zip.owners
    assert len(from_folder.contacts) == 2 * students


def test_one_students_folder_in_a_zip_keeps_its_name(tmp_path):
    inner = _write(tmp_path / "ana", {"tracker.csv": _tracker("Ana", 2)})
    assert load_cohort(_zip(inner, tmp_path / "ana.zip"), progress=False).owners == ["ana"]


def test_files_a_cohort_cannot_read_say_what_to_do(tmp_path):
    folder = _write(tmp_path / "mixed", {"ana.csv": _tracker("Ana", 2)})
    (folder / "bo.numbers").write_bytes(b"PK\x03\x04" + bytes(60))
    package = folder / "cy.numbers"  # a Numbers document saved as a package (a folder)
    package.mkdir()
    (package / "Index.zip").write_bytes(b"PK\x05\x06" + bytes(18))
    # A password-protected .xlsx is a compound file (like an old .xls), not a zip
    (folder / "dee.xlsx").write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + bytes(600))
    (folder / "old.xls").write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + bytes(600))
    (folder / "~$ana.xlsx").write_bytes(b"\x0bAna Example" + bytes(150))  # Excel's lock file
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1" + bytes(40))
    log = load_cohort(folder, progress=False)
    assert log.owners == ["ana"]
    report = cohort_files_report(log).set_index("file")
    assert set(report.index) == {"ana.csv", "bo.numbers", "cy.numbers", "dee.xlsx", "old.xls"}
    message = report["message"]
    assert message["bo.numbers"] == "bo.numbers is an Apple Numbers file: export it as .xlsx or CSV"
    assert message["cy.numbers"].startswith("cy.numbers is an Apple Numbers file")
    assert message["dee.xlsx"].startswith("dee.xlsx is protected by a password")
    assert message["old.xls"].startswith("old.xls is an old .xls workbook")
    assert (report.drop("ana.csv")["status"] == "could not be read").all()


def test_no_student_name_from_a_file_name_reaches_the_pseudonymised_report(tmp_path):
    folder = _write(tmp_path / "moodle", {
        "Quenby Marchetti_12345_assignsubmission_file_tracker.csv": _tracker("Ada", 2),
        "Ottoline Vance_12346_assignsubmission_file/tracker.csv": _tracker("Bo", 2),
        "Ottoline Vance_12346_assignsubmission_file/tracker (1).csv": _tracker("Bo", 3),
        "Ottoline Vance_12346_assignsubmission_file/notes.txt": "to do: Ottoline Vance\n",
        "Outreach_log_tamsinexample_attempt_2025-03-04-10-00-00.txt": "Name: tamsinexample\n",
        "Outreach_log_tamsinexample_attempt_2025-03-04-10-00-00_t.csv": _tracker("Cy", 1),
    })  # fmt: skip
    raw = load_cohort(folder, progress=False)
    assert sorted(raw.owners) == ["Ottoline Vance (12346)", "Quenby Marchetti (12345)",
                                  "tamsinexample"]  # fmt: skip
    done = write_cohort_report(folder, tmp_path / "r.html", key=KEY, progress=False)
    html = done.path.read_text(encoding="utf-8")
    safe = pseudonymise(raw, key=KEY)
    for text in (html, safe.report.files.to_csv(), safe.report.problems.to_csv()):
        for name in ("Quenby", "Marchetti", "Ottoline", "Vance", "tamsin", "12345", "example.com"):
            assert name.casefold() not in text.casefold(), name


def _zipped(target: Path, members: dict[str, str]) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)


def test_students_zips_are_all_read_and_each_is_its_students(tmp_path):
    folder = tmp_path / "moodle"
    # Students who uploaded a zip: each zip is unpacked in turn (a later one's files
    # must not pass for an earlier one's), and its logs are its student's.
    _zipped(
        folder / "Ada Example_12345_assignsubmission_file_logs.zip",
        {"tracker.csv": _tracker("Ada", 2), "extra.csv": _tracker("Ada2", 1)},
    )
    _zipped(
        folder / "Bo Sample_12346_assignsubmission_file/logs.zip",
        {"tracker.csv": _tracker("Bo", 3), "older/tracker.csv": _tracker("Bo", 1)},
    )
    _zipped(folder / "Cy Example_12347_assignsubmission_file_tracker.zip",
            {"tracker.csv": _tracker("Cy", 1)})  # fmt: skip
    log = load_cohort(folder, progress=False)
    assert log.contacts.groupby("owner").size().to_dict() == {
        "Ada Example (12345)": 3, "Bo Sample (12346)": 3, "Cy Example (12347)": 1,
    }  # fmt: skip
    assert (log.report.files["status"] == "loaded").all()
    assert len(log.report.files) == 5  # every member of every zip, none skipped


def test_a_plainly_named_zip_in_a_folder_is_one_students_like_a_folder(tmp_path):
    # Students who zip their files: every zip holds a "tracker.csv" (they used to become
    # one student "tracker"), one holds two files (they used to be two students).
    cohort = tmp_path / "cohort"
    _zipped(cohort / "Ana_Example.zip", {"tracker.csv": _tracker("Ana", 2)})
    _zipped(cohort / "Ben_Sample.zip",
            {"tracker.csv": _tracker("Ben", 1), "more/notes.csv": _tracker("Ben2", 2)})  # fmt: skip
    (cohort / "Cy_Tester.csv").write_text(_tracker("Cy", 1), encoding="utf-8")
    log = load_cohort(cohort, progress=False)
    assert log.contacts.groupby("owner").size().to_dict() == {
        "Ana_Example": 2, "Ben_Sample": 3, "Cy_Tester": 1,
    }  # fmt: skip
    files = log.report.files.set_index("file")["owner"].to_dict()
    assert files == {
        "Ana_Example.zip/tracker.csv": "Ana_Example",
        "Ben_Sample.zip/more/notes.csv": "Ben_Sample",
        "Ben_Sample.zip/tracker.csv": "Ben_Sample",
        "Cy_Tester.csv": "Cy_Tester",
    }
    # With 20 entries or more the folder is read in batches: the same owners.
    for i in range(20):
        _zipped(cohort / f"Student_{i:02d}.zip", {"tracker.csv": _tracker(f"S{i}", 1)})
    owners = load_cohort(cohort, progress=False).contacts.groupby("owner").size()
    assert len(owners) == 23 and owners["Ben_Sample"] == 3 and "tracker" not in owners


def test_a_zip_in_a_folder_holding_a_platforms_download_names_its_students(tmp_path):
    # A section's bulk download zipped again: the platform named each file for its student.
    _zipped(tmp_path / "cohort" / "section_a.zip", {
        "anaexample_123456_7891011_tracker.csv": _tracker("Ana", 2),
        "bensample_123457_7891012_tracker.csv": _tracker("Ben", 1),
    })  # fmt: skip
    _zipped(tmp_path / "cohort" / "section_b.zip",
            {"cyexample_123458_7891013_log.csv": _tracker("Cy", 1)})  # fmt: skip
    log = load_cohort(tmp_path / "cohort", progress=False)
    assert log.contacts.groupby("owner").size().to_dict() == {
        "anaexample (123456)": 2, "bensample (123457)": 1, "cyexample (123458)": 1,
    }  # fmt: skip


def test_a_linkedin_export_among_a_cohorts_files_is_that_students(tmp_path):
    from tests.helpers.importer_fixtures import linkedin_zip

    with zipfile.ZipFile(tmp_path / "cohort.zip", "w") as archive:
        archive.writestr("dee_linkedin.zip", linkedin_zip())  # not the profile's own name
        archive.writestr("cy.csv", _tracker("Cy", 1))
    log = load_cohort(tmp_path / "cohort.zip", progress=False)
    assert log.owners == ["cy", "dee_linkedin"]
    folder = tmp_path / "moodle" / "Dee Example_12348_assignsubmission_file"
    folder.mkdir(parents=True)
    (folder / "Basic_LinkedInDataExport.zip").write_bytes(linkedin_zip())
    assert load_cohort(folder.parent, progress=False).owners == ["Dee Example (12348)"]


@pytest.mark.parametrize("files", [3, 25])
def test_a_zip_without_a_log_is_named_in_the_message(tmp_path, files):
    from infoview_kit.errors import NotALogError

    with zipfile.ZipFile(tmp_path / "term.zip", "w") as archive:
        for n in range(files):
            archive.writestr(f"Outreach/notes{n}.txt", f"just words {n}\n")
    with pytest.raises(NotALogError, match=r"^term\.zip holds no outreach log"):
        load_cohort(tmp_path / "term.zip", progress=False)


def test_a_drives_download_in_parts_gives_each_student_their_own_file(tmp_path):
    # Google Drive downloads a large folder as several zips, each wrapping the files
    # in that folder: the folder is no student, in either part.
    folder = tmp_path / "downloads"
    _zipped(folder / "Outreach trackers-20250304T101010Z-001.zip", {
        "Outreach trackers/": "", "Outreach trackers/ana.csv": _tracker("Ana", 2),
        "Outreach trackers/ben.csv": _tracker("Ben", 1),
    })  # fmt: skip
    _zipped(folder / "Outreach trackers-20250304T101010Z-002.zip", {
        "Outreach trackers/cy.csv": _tracker("Cy", 3),
        "Outreach trackers/dee.csv": _tracker("Dee", 1),
    })  # fmt: skip
    log = load_cohort(folder, progress=False)
    assert log.contacts.groupby("owner").size().to_dict() == {"ana": 2, "ben": 1, "cy": 3, "dee": 1}
    assert "Outreach trackers-20250304T101010Z-002.zip/Outreach trackers/cy.csv" in set(
        log.report.files["file"]
    )
    # A student's own zip of their folder stays theirs (named plainly, not by a drive).
    _zipped(tmp_path / "plain" / "eve.zip", {"eve/a.csv": _tracker("Eve", 1),
                                             "eve/b.csv": _tracker("Eve2", 1)})  # fmt: skip
    (tmp_path / "plain" / "fay.csv").write_text(_tracker("Fay", 1), encoding="utf-8")
    assert load_cohort(tmp_path / "plain", progress=False).owners == ["eve", "fay"]


def test_a_submission_that_is_no_log_still_names_its_student(tmp_path):
    folder = _write(tmp_path / "moodle", {
        "Ada Example_12345_assignsubmission_file_tracker.csv": _tracker("Ada", 2),
        "Bo Sample_12346_assignsubmission_file/tracker.md": "| Name |\\n|---|\\n| Lee |\\n",
        "README.txt": "Downloaded from the course page\\n",
    })  # fmt: skip
    (folder / "Cy Example_12347_assignsubmission_file_tracker.xlsx").write_bytes(
        bytes.fromhex("D0CF11E0A1B11AE1") + bytes(600)
    )
    log = load_cohort(folder, progress=False)
    files = cohort_files_report(log).set_index("file")["owner"]
    assert files["Bo Sample_12346_assignsubmission_file/tracker.md"] == "Bo Sample (12346)"
    assert files["Cy Example_12347_assignsubmission_file_tracker.xlsx"] == "Cy Example (12347)"
    assert files.isna()["README.txt"]  # a file named plainly is no student's
    assert log.owners == ["Ada Example (12345)"]  # nothing invented in the log itself
