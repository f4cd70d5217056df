"""Has the participant started a step yet? (So "check my work" can say "not yet" instead of ✗.)

A step counts as started once something of it is saved in the workbook: a
contact for 01, a saved introduction for 02, a request or voicemail draft for
03, an interview sheet for 04, a checklist or meeting notes for 05, a
thank-you, follow-up or update for 06.

>>> import tempfile, pathlib
>>> from infoview_kit.io.store import Workbook
>>> wb = Workbook.create(pathlib.Path(tempfile.mkdtemp()) / "wb")
>>> step_started(wb, "introduction")
False
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["STEP_FILES", "STEP_NOTEBOOKS", "step_started"]

#: Step -> prep files (glob patterns) whose presence means the step was started.
STEP_FILES: dict[str, tuple[str, ...]] = {
    "contacts": ("research.md",),
    "introduction": ("introduction.md",),
    "request": ("request_*.md", "voicemail.md"),
    "questions": ("interview_sheet.md",),
    "meeting": ("checklist.md", "meeting_*.md"),
    "follow_up": ("thank_you.md", "follow_up.md", "stay_in_touch.md"),
}

#: Step -> the notebook it belongs to (for messages that point somewhere).
STEP_NOTEBOOKS: dict[str, str] = {
    "contacts": "01_contacts_and_research",
    "introduction": "02_introduction",
    "request": "03_request",
    "questions": "04_questions",
    "meeting": "05_meeting",
    "follow_up": "06_follow_up",
}


def step_started(workbook, step: str) -> bool:
    """True once the workbook holds something saved for ``step`` (see the module help)."""
    if step not in STEP_FILES:
        raise ValueError(f"step must be one of {', '.join(STEP_FILES)}")
    if step == "contacts" and len(workbook.contacts):
        return True
    prep = Path(workbook.path) / "prep"
    return any(next(prep.glob(f"*/{pattern}"), None) for pattern in STEP_FILES[step])
