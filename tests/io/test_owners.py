"""Whose log a file is, from the names learning platforms give students' files (synthetic)."""

from __future__ import annotations

import pytest

from infoview_kit.io.owners import is_submission_receipt, owner_from_name


@pytest.mark.parametrize(
    ("name", "is_file", "owner"),
    [
        # Canvas: every submission of one student is one owner (name and user id)
        ("adaexample_123456_7891011_My Tracker.xlsx", True, "adaexample (123456)"),
        ("adaexample_LATE_123456_7891099_tracker (2).csv", True, "adaexample (123456)"),
        # ... two students with one name stay two (their ids differ)
        ("adaexample_654321_7891012_tracker.csv", True, "adaexample (654321)"),
        # Moodle: a flat file, or one folder per student
        ("Ada Example_12345_assignsubmission_file_tracker.csv", True, "Ada Example (12345)"),
        ("Ada Example_12345_assignsubmission_file", False, "Ada Example (12345)"),
        ("Zoë Ó Example_7_assignsubmission_file_log_v2.xlsx", True, "Zoë Ó Example (7)"),
        # Blackboard: every attempt of one user name is one owner
        ("Assignment1_adaexample_attempt_2025-03-04-10-00-00_tracker.xlsx", True, "adaexample"),
        ("Info_interviews_2_bo_attempt_2025-03-05-11-00-00_my_log.csv", True, "bo"),
        # anything else is its own name, without the extension of a file
        ("ana.csv", True, "ana"),
        ("student_03.csv", True, "student_03"),
        ("ana_2025_03_tracker.csv", True, "ana_2025_03_tracker"),  # short numbers: no Canvas ids
        ("team_01_02_notes.csv", True, "team_01_02_notes"),
        ("Ada_Example_123456_7891011_x.csv", True, "Ada_Example_123456_7891011_x"),
        ("ben.v2", False, "ben.v2"),  # a folder keeps its dots
    ],
)
def test_owner_from_name(name, is_file, owner):
    assert owner_from_name(name, is_file=is_file) == owner


def test_blackboard_receipts_are_recognised_and_nothing_else():
    assert is_submission_receipt("Assignment1_adaexample_attempt_2025-03-04-10-00-00.txt")
    assert is_submission_receipt("A_b_attempt_2025-03-04-10-00-00.TXT")
    # the student's own file of the attempt, or any other .txt, is no receipt
    assert not is_submission_receipt("Assignment1_adaexample_attempt_2025-03-04-10-00-00_log.txt")
    assert not is_submission_receipt("Assignment1_adaexample_attempt_2025-03-04-10-00-00.csv")
    assert not is_submission_receipt("notes.txt")


def test_drive_downloads_are_recognised_by_their_time_stamp_and_part():
    from infoview_kit.io.owners import is_drive_download

    assert is_drive_download("Outreach trackers-20250304T101010Z-001.zip")
    assert is_drive_download("drive-download-20250304T101010Z-012.ZIP")
    assert not is_drive_download("Outreach trackers.zip")
    assert not is_drive_download("ana-20250304-001.zip")
