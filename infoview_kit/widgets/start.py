"""Widgets of ``00_start_here``: open (or create) the workbook, check a file you already have."""

from __future__ import annotations

from html import escape
from pathlib import Path

import ipywidgets as w

from infoview_kit.errors import InfoviewError
from infoview_kit.workshop.workspace import (
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
        super().__init__([self.folder, self.start, self.button, self.status])

    def open_folder(self):
        """Open the folder (creating it as chosen) and say what it holds."""
        try:
            self.workbook = open_workbook(
                self.folder.value.strip(), sample=self.start.value == SAMPLE
            )
        except InfoviewError as exc:
            self.status.value = f"<p><b>✗ Could not open it.</b> {escape(str(exc))}</p>"
            return None
        self.status.value = f"<p>✓ {escape(describe_workbook(self.workbook))}</p>"
        return self.workbook


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
            [w.HBox([self.upload, self.path]), w.HBox(buttons), self.result, self.added]
        )

    def check(self):
        """Load the uploaded file (or the typed path) and show what happened to every row."""
        from infoview_kit.io.load import load_log

        try:
            if self.upload.value:
                item = self.upload.value[0]
                name = item["name"]
                self.loaded = load_uploaded(name, bytes(item["content"]))
            elif self.path.value.strip():
                name = self.path.value.strip()
                self.loaded = load_log(name)
            else:
                self.result.value = "<p>Choose a file to upload or type its path first.</p>"
                return None
        except InfoviewError as exc:
            self.loaded = None
            self.add_button.disabled = True
            self.result.value = f"<p><b>✗ {escape(str(exc))}</b></p>"
            return None
        self.add_button.disabled = False
        self.added.value = ""
        self.result.value = (
            f"<p>Report for <code>{escape(Path(name).name)}</code>:</p>"
            + self.loaded.report._repr_html_()
        )
        return self.loaded

    def add_to_workbook(self):
        """Merge the checked file into the open workbook (people are not duplicated)."""
        workbook = getattr(self.starter, "workbook", None)
        if workbook is None or self.loaded is None:
            self.added.value = "<p>✗ Open your workbook (above) and check a file first.</p>"
            return None
        try:
            report = workbook.import_log(self.loaded)
        except InfoviewError as exc:
            self.added.value = f"<p><b>✗ {escape(str(exc))}</b></p>"
            return None
        self.add_button.disabled = True
        self.added.value = (
            f"<p>✓ Added. {escape(describe_workbook(workbook))} "
            f"({report.rows_merged} rows matched people or events already there.)</p>"
        )
        return report
