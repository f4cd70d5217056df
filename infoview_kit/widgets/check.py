"""The "check my work" button at the end of each workbook notebook.

The checks run when the participant presses the button, never during
*Run All*: until then the box says, in a neutral tone, that nothing has been
checked yet. Pressed before anything is saved for the step, it says "not yet"
and what to do first, rather than showing a red ✗.
"""

from __future__ import annotations

from html import escape

import ipywidgets as w

from infoview_kit.widgets._common import note_html, style_block
from infoview_kit.workshop.progress import step_started

__all__ = ["CheckMyWork"]

WAITING = "Not checked yet. When you have used the forms above, press Check my work."
NOT_STARTED = (
    "Not yet: nothing is saved for this step. Use the form above, press its button, "
    "then check again."
)
NOT_OPEN = "Not yet: press Open my workbook above first, then check again."


class CheckMyWork(w.VBox):
    """A button that checks one step (``"start"``, ``"contacts"``... ``"follow_up"``).

    ``source`` is the workbook, or for ``"start"`` the :class:`WorkbookStarter`
    of 00_start_here (its workbook exists only once it is opened).

    >>> import tempfile, pathlib
    >>> from infoview_kit.io.store import Workbook
    >>> box = CheckMyWork(Workbook.create(pathlib.Path(tempfile.mkdtemp()) / "wb"), "introduction")
    >>> "Not checked yet" in box.result.value
    True
    >>> _ = box.check(); "Not yet" in box.result.value and "✗" not in box.result.value
    True
    """

    def __init__(self, source, step: str):
        self.source = source
        self.step = step
        self.button = w.Button(
            description="Check my work",
            icon="check-square-o",
            tooltip="Look at what you saved and say what is done and what is missing",
            layout=w.Layout(width="auto"),
        )
        self.result = w.HTML(note_html(WAITING))
        self.button.on_click(lambda _: self.check())
        super().__init__([style_block(), self.button, self.result])
        self.add_class("iv-checkmywork")
        self.add_class("iv-view")

    def check(self):
        """Run the checks (or say "not yet") and show them; returns the checks or None."""
        if self.step == "start":
            from infoview_kit.workshop.workspace import check_start

            if getattr(self.source, "workbook", None) is None:
                self.result.value = note_html(NOT_OPEN)
                return None
            checks = check_start(self.source)
        else:
            from infoview_kit.workshop.prep import check_my_work

            if not step_started(self.source, self.step):
                self.result.value = note_html(NOT_STARTED)
                return None
            checks = check_my_work(self.source, self.step)
        self.result.value = f"<div role='status' aria-live='polite'>{_as_html(checks)}</div>"
        return checks


def _as_html(checks) -> str:
    if hasattr(checks, "to_html"):
        return checks.to_html()
    if hasattr(checks, "_repr_html_"):
        return checks._repr_html_()
    return f"<pre>{escape(str(checks))}</pre>"
