"""The workshop around the notebooks: where the workbook lives, prep files, check-my-work, reset."""

from infoview_kit.workshop.charts import chart
from infoview_kit.workshop.notebooks import clean_notebook, has_outputs, strip_on_save
from infoview_kit.workshop.prep import (
    ResearchNotes,
    capture_meeting,
    check_my_work,
)
from infoview_kit.workshop.tables import readable_table
from infoview_kit.workshop.workspace import (
    describe_workbook,
    open_workbook,
    reset_workbook,
    workbook_path,
)

__all__ = [
    "ResearchNotes",
    "capture_meeting",
    "chart",
    "check_my_work",
    "clean_notebook",
    "describe_workbook",
    "has_outputs",
    "open_workbook",
    "readable_table",
    "reset_workbook",
    "strip_on_save",
    "workbook_path",
]
