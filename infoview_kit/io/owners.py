"""Whose log a file is, from its name: one student per owner, whatever platform it came from.

In a cohort folder each student's file (or folder) names its owner. Files an
advisor downloads in bulk from a learning platform carry more than the
student in their name: an id, a "LATE" mark, the attempt's time stamp, the
name the student gave the file. Two submissions of one student must still be
one owner (else their contacts count twice), and two students must never
share one. Recognised bulk-download names:

* Canvas: ``adaexample_123456_7891011_My Tracker.xlsx`` and
  ``adaexample_LATE_123456_7891012_tracker.csv`` -> ``adaexample (123456)``
  (the login-style name and the student's id);
* Moodle: ``Ada Example_12345_assignsubmission_file_tracker.csv``, or a folder
  ``Ada Example_12345_assignsubmission_file/`` -> ``Ada Example (12345)``;
* Blackboard: ``Assignment1_adaexample_attempt_2025-03-04-10-00-00_tracker.xlsx``
  -> ``adaexample`` (the user name; every attempt is the same student), and the
  ``.txt`` receipt Blackboard writes beside each attempt is no log
  (:func:`is_submission_receipt`);
* Google Drive: a folder downloaded as ``Outreach-20250304T101010Z-001.zip``
  (and ``-002``...) wraps the students' files in that folder: among a cohort's
  files, such a part's students are its files, not the folder
  (:func:`is_drive_download`).

Any other name is its own owner (the file name without its extension).

>>> owner_from_name("bobsample_LATE_123457_7891099_tracker.csv", is_file=True)
'bobsample (123457)'
>>> owner_from_name("ana.csv", is_file=True), owner_from_name("ana.v2", is_file=False)
('ana', 'ana.v2')
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

__all__ = ["is_drive_download", "is_platform_name", "is_submission_receipt", "owner_from_name"]

# Canvas: sortable name squashed to lower-case letters and digits, an optional LATE
# mark, the user id, the attachment id, then the student's own file name. (Ids of a
# few digits are asked for, so "team_01_02_notes.csv" keeps its own name.)
_CANVAS = re.compile(r"^(?P<who>[a-z][a-z0-9]*)_(?:LATE_)?(?P<id>\d{3,})_\d{4,}_(?P<name>.+)$")
# Moodle: full name, participant id, the submission plugin, then (flat) the file name.
_MOODLE = re.compile(
    r"^(?P<who>.+?)_(?P<id>\d+)_assignsubmission_[a-z]+(?:_(?P<name>.*))?$", re.I | re.S
)
# Blackboard: assignment, user name, the attempt's time stamp, then the file name.
_BLACKBOARD = re.compile(
    r"^(?P<assignment>.+)_(?P<who>[^_]+)_attempt_(?P<at>\d{4}(?:-\d{2}){5})(?:_(?P<name>.*))?$",
    re.S,
)


def owner_from_name(name: str, *, is_file: bool) -> str:
    """The owner a cohort entry's name implies (see the module's list of platforms).

    ``is_file``: the name is a file's (its extension is not part of the owner).

    >>> owner_from_name("Ada Example_12345_assignsubmission_file", is_file=False)
    'Ada Example (12345)'
    >>> owner_from_name("Assignment1_adaexample_attempt_2025-03-04-10-00-00_t.xlsx", is_file=True)
    'adaexample'
    """
    stem = PurePosixPath(name).stem if is_file else name
    moodle = _MOODLE.match(stem)
    if moodle and moodle["who"].strip():
        return f"{moodle['who'].strip()} ({moodle['id']})"
    blackboard = _BLACKBOARD.match(stem)
    if blackboard:
        return blackboard["who"]
    canvas = _CANVAS.match(stem)
    if canvas and is_file:
        return f"{canvas['who']} ({canvas['id']})"
    return stem


def is_platform_name(name: str, *, is_file: bool) -> bool:
    """True when a learning platform made ``name`` for a student (it carries more than the
    student: an id, an attempt, a plugin), so the name surely belongs to that student.

    >>> is_platform_name("adaexample_123456_7891011_tracker.csv", is_file=True)
    True
    >>> is_platform_name("tracker.csv", is_file=True), is_platform_name("Ada", is_file=False)
    (False, False)
    """
    return owner_from_name(name, is_file=is_file) != (PurePosixPath(name).stem if is_file else name)


# Google Drive: a folder downloaded as "<folder>-<UTC time stamp>-<part>.zip", the files
# inside wrapped in that folder (a large folder comes in several parts).
_DRIVE = re.compile(r"^.+-\d{8}T\d{6}Z-\d{3}\.zip$", re.I | re.S)


def is_drive_download(name: str) -> bool:
    """True for a zip Google Drive made of a folder (one part of it).

    >>> is_drive_download("Outreach trackers-20250304T101010Z-001.zip"), is_drive_download("a.zip")
    (True, False)
    """
    return bool(_DRIVE.match(name))


def is_submission_receipt(name: str) -> bool:
    """True for the receipt a platform writes beside a submission (Blackboard's attempt .txt).

    >>> is_submission_receipt("Assignment1_adaexample_attempt_2025-03-04-10-00-00.txt")
    True
    >>> is_submission_receipt("Assignment1_adaexample_attempt_2025-03-04-10-00-00_log.txt")
    False
    """
    path = PurePosixPath(name)
    if path.suffix.lower() != ".txt":
        return False
    found = _BLACKBOARD.match(path.stem)
    return bool(found) and not found["name"]
