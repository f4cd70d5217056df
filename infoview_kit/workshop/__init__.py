"""The workshop around the notebooks: where the workbook lives, prep files, check-my-work, reset."""

from infoview_kit.workshop.prep import (
    ResearchNotes,
    capture_meeting,
    check_my_work,
    reset_workbook,
)
from infoview_kit.workshop.workspace import open_workbook, workbook_path

__all__ = [
    "ResearchNotes",
    "capture_meeting",
    "check_my_work",
    "open_workbook",
    "reset_workbook",
    "workbook_path",
]
