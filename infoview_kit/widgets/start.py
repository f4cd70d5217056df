"""Widgets of ``00_start_here``: open (or create) the workbook, check a file you already have."""

from __future__ import annotations

from html import escape
from pathlib import Path

import ipywidgets as w

from infoview_kit.errors import InfoviewError
from infoview_kit.io.dates import READ_AGAIN
from infoview_kit.widgets._common import note_html, status_html, style_block
from infoview_kit.workshop.tables import readable_table
from infoview_kit.workshop.workspace import (
    describe_import,
    describe_workbook,
    load_uploaded,
    open_workbook,
    workbook_path,
)

SAMPLE, EMPTY = "Start from the sample", "Start empty"


class WorkbookStarter(w.VBox):
    """Pick a folder, start from the sample or empty, and open the workbook.

    >>> starter = WorkbookStarter()
    >>> starter.start.options
    ('Start from the sample', 'Start empty')
    """

    def __init__(self, path=None):
        self.folder = w.Text(
            value=str(workbook_path(path)), description="Folder", layout=w.Layout(width="420px")
        )
        self.start = w.ToggleButtons(
            options=(SAMPLE, EMPTY),
            value=SAMPLE,
            description="New workbook",
            style={"button_width": "auto", "description_width": "initial"},
        )
        self.button = w.Button(
            description="Open my workbook",
            button_style="primary",
            icon="folder-open",
            layout=w.Layout(width="220px"),
        )
        self.status = w.HTML()
        self.workbook = None
        self.button.on_click(lambda _: self.open_folder())
        super().__init__([style_block(), self.folder, self.start, self.button, self.status])
        self.add_class("iv-view")
        self.add_class("iv-workbookstarter")

    def open_folder(self):
        """Open the folder (creating it as chosen) and say what it holds."""
        try:
            self.workbook = open_workbook(
                self.folder.value.strip(), sample=self.start.value == SAMPLE
            )
        except InfoviewError as exc:
            self.status.value = status_html(False, f"could not open it. {exc}")
            return None
        self.status.value = status_html(True, describe_workbook(self.workbook))
        return self.workbook


#: The problems table of a load report, as a participant reads it.
PROBLEM_COLUMNS = {
    "row": "Row in your file",
    "column": "Column",
    "value": "Value",
    "reason": "What was wrong",
    "kept": "Row kept?",
}


#: The file checker's choice of date order: label shown, and the loader's ``dayfirst``.
DATE_ORDERS = {
    "decide from the dates": None,
    "day/month (31/12/2025)": True,
    "month/day (12/31/2025)": False,
}
DATE_ORDER_LABEL = "Dates in this file"


def report_html(file_name: str, report) -> str:
    """A load report in words, and its problems as a readable table (no pandas on show)."""
    summary = (
        f"<p>Report for <code>{escape(file_name)}</code>: "
        f"<strong>{escape(report.summary_line())}</strong></p>"
    )
    if not len(report.problems):
        return summary + status_html(True, "every row could be used.")
    columns = PROBLEM_COLUMNS
    if report.problems["file"].nunique() > 1:  # an archive: say which file inside it
        columns = {"file": "File", **PROBLEM_COLUMNS}
    problems = report.problems_as_shown()
    problems = problems.assign(
        reason=problems["reason"]
        .astype("str")
        .str.replace(
            READ_AGAIN, f"choose day/month under “{DATE_ORDER_LABEL}” and check again", regex=False
        )
    )
    table = readable_table(problems, columns=columns, caption="Rows worth a look", max_rows=50)
    return summary + table.to_html()


class FileChecker(w.VBox):
    """Upload a tracker, export or log (or give its path), see its load report, add it.

    ``starter`` (a :class:`WorkbookStarter`) is where "Add to my workbook" puts
    the checked file; without one, the file can only be checked.
    """

    def __init__(self, starter: WorkbookStarter | None = None):
        self.starter = starter
        self.upload = w.FileUpload(
            accept=".csv,.tsv,.txt,.xlsx,.json,.zip,.mbox,.ics,.vcf",
            multiple=False,
            description="Upload a file",
        )
        self.path = w.Text(
            placeholder="…or type a path, e.g. ../data/sample/personal_tracker.xlsx",
            layout=w.Layout(width="520px"),
        )
        self.dates = w.Dropdown(
            options=list(DATE_ORDERS),
            description=DATE_ORDER_LABEL,
            style={"description_width": "initial"},
            layout=w.Layout(width="360px"),
        )
        self.button = w.Button(
            description="Check this file", icon="check", layout=w.Layout(width="220px")
        )
        self.add_button = w.Button(
            description="Add to my workbook",
            icon="plus",
            disabled=True,
            layout=w.Layout(width="220px"),
        )
        self.result = w.HTML()
        self.added = w.HTML()
        self.loaded = None
        self.button.on_click(lambda _: self.check())
        self.add_button.on_click(lambda _: self.add_to_workbook())
        buttons = [self.button] + ([self.add_button] if starter is not None else [])
        super().__init__(
            [
                style_block(),
                w.HBox([self.upload, self.path], layout=w.Layout(flex_flow="row wrap")),
                self.dates,
                w.HBox(buttons, layout=w.Layout(flex_flow="row wrap")),
                self.result,
                self.added,
            ]
        )
        self.add_class("iv-view")
        self.add_class("iv-filechecker")

    def check(self):
        """Load the uploaded file (or the typed path) and show what happened to every row."""
        from infoview_kit.io.load import load_log

        try:
            if self.upload.value:
                item = self.upload.value[0]
                name = item["name"]
                self.loaded = load_uploaded(
                    name, bytes(item["content"]), dayfirst=DATE_ORDERS[self.dates.value]
                )
            elif self.path.value.strip():
                name = self.path.value.strip()
                self.loaded = load_log(name, dayfirst=DATE_ORDERS[self.dates.value])
            else:
                self.result.value = note_html("Choose a file to upload or type its path first.")
                return None
        except InfoviewError as exc:
            self.loaded = None
            self.add_button.disabled = True
            self.result.value = status_html(False, str(exc))
            return None
        self.add_button.disabled = False
        self.added.value = ""
        self.result.value = report_html(Path(name).name, self.loaded.report)
        return self.loaded

    def add_to_workbook(self):
        """Merge the checked file into the open workbook (people are not duplicated)."""
        workbook = getattr(self.starter, "workbook", None)
        if workbook is None or self.loaded is None:
            self.added.value = status_html(
                False, "open your workbook (above) and check a file first."
            )
            return None
        before = (len(workbook.contacts), len(workbook.events))
        try:
            report = workbook.import_log(self.loaded)
        except InfoviewError as exc:
            self.added.value = status_html(False, str(exc))
            return None
        self.add_button.disabled = True
        what = describe_import(before, workbook, self.loaded)
        self.added.value = status_html(True, f"{what} {describe_workbook(workbook)}")
        return report
