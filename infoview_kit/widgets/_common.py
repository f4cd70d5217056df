"""Pieces shared by the preparation views: contact picker, labelled fields, status lines, links.

Nothing here computes anything about messages; it only arranges widgets and
turns package results into HTML.
"""

from __future__ import annotations

import base64
import datetime as dt
import threading
import weakref
from collections.abc import Iterable
from html import escape
from pathlib import Path

import ipywidgets as w
import pandas as pd
import traitlets

from infoview_kit.messages.builders import Checks

#: Width of the labels in front of every field, so the fields line up.
LABEL_WIDTH = "12em"
FIELD_LAYOUT = {"width": "100%"}
NO_CONTACT = "(no contacts yet: add someone in notebook 1, Contacts and research)"
#: The same in notebook 1 itself, where the form to add someone is just above.
NO_CONTACT_HERE = "(no contacts yet: add someone with the form above)"


def contact_options(contacts: pd.DataFrame) -> list[tuple[str, str]]:
    """Dropdown options ``(label, contact_id)``, most recently added first.

    >>> frame = pd.DataFrame({"contact_id": ["a", "b"], "name": ["Ada Example", "Bo Sample"],
    ...                       "organization": ["Acme", None],
    ...                       "added_on": pd.to_datetime(["2025-01-01", "2025-02-01"])})
    >>> contact_options(frame)
    [('Bo Sample', 'b'), ('Ada Example — Acme', 'a')]
    """
    if contacts.empty:
        return []
    order = contacts.assign(_pos=range(len(contacts))).sort_values(
        ["added_on", "_pos"], ascending=False, na_position="last", kind="stable"
    )
    organization = order["organization"].astype("str").where(order["organization"].notna(), "")
    label = order["name"].astype("str").where(order["name"].notna(), "(no name)")
    label = label.where(organization == "", label + " — " + organization)
    return list(zip(label.tolist(), order["contact_id"].astype("str").tolist(), strict=True))


def preferred_contact(events: pd.DataFrame, kinds: Iterable[str]) -> str | None:
    """The contact of the latest event of one of ``kinds`` (the one you are most likely working on).

    >>> ev = pd.DataFrame({"contact_id": ["a", "b", "a"],
    ...                    "kind": ["meeting_held", "request_sent", "note"],
    ...                    "at": pd.to_datetime(["2025-05-02", "2025-05-03", "2025-05-09"])})
    >>> preferred_contact(ev, ["meeting_held"]), preferred_contact(ev, ["declined"])
    ('a', None)
    """
    wanted = events[events["kind"].astype("str").isin(list(kinds)) & events["at"].notna()]
    if wanted.empty:
        return None
    return str(wanted.loc[wanted["at"].idxmax(), "contact_id"])


_PICKERS: weakref.WeakSet = weakref.WeakSet()


def refresh_pickers(workbook, *, select: str | None = None) -> None:
    """Re-read the contacts into every picker open on the same workbook (after adding someone)."""
    target = Path(workbook.path).resolve()
    for picker in list(_PICKERS):
        if Path(picker.workbook.path).resolve() == target:
            picker.refresh(select=select)


class ContactPicker(w.Dropdown):
    """A dropdown of the workbook's contacts; ``value`` is the chosen ``contact_id`` (or None).

    Contacts are listed newest first. ``prefer`` (event kinds) selects at first
    the contact with the latest such event, e.g. the last meeting for a thank-you.
    """

    def __init__(
        self,
        workbook,
        *,
        description: str = "Contact",
        prefer: Iterable[str] = (),
        empty: str = NO_CONTACT,
        **kwargs,
    ):
        self.workbook = workbook
        self.empty = empty
        options = contact_options(workbook.contacts)
        ids = [cid for _, cid in options]
        favourite = preferred_contact(workbook.events, prefer) if prefer else None
        super().__init__(
            options=options or [(empty, None)],
            value=favourite if favourite in ids else (ids[0] if ids else None),
            description=description,
            style={"description_width": LABEL_WIDTH},
            layout=w.Layout(width="100%", max_width="42em"),
            **kwargs,
        )
        _PICKERS.add(self)

    def refresh(self, *, select: str | None = None) -> None:
        """Read the contacts again, keeping (or moving to ``select``) the selection."""
        current = select or self.value
        options = contact_options(self.workbook.contacts)
        ids = [cid for _, cid in options]
        self.options = options or [(self.empty, None)]
        self.value = current if current in ids else (ids[0] if ids else None)

    @property
    def contact(self) -> dict | None:
        """The chosen contact as a dict, or None."""
        return None if self.value is None else self.workbook.contact(self.value)


def labelled(widget: w.Widget, label: str, *, placeholder: str | None = None) -> w.Widget:
    """Give a field its label (a real <label>, for screen readers and tests) and full width."""
    widget.description = label
    widget.style.description_width = LABEL_WIDTH
    if isinstance(widget, w.ToggleButtons):  # buttons as wide as their words: they fit beside
        widget.style.button_width = "auto"
    else:
        widget.layout.width = "100%"
    if placeholder is not None and hasattr(widget, "placeholder"):
        widget.placeholder = placeholder
    return widget


def text(label: str, placeholder: str = "", value: str = "") -> w.Text:
    return labelled(w.Text(value=value), label, placeholder=placeholder)


def area(label: str, placeholder: str = "", value: str = "", rows: int = 3) -> w.Textarea:
    return labelled(w.Textarea(value=value, rows=rows), label, placeholder=placeholder)


def number_choice(values: Iterable[int], *, value: int, unit: str) -> w.Dropdown:
    """A drop-down of numbers with their unit ("20 minutes"): unlike a slider, every screen
    reader names it and it needs no dragging. ``value`` is the number chosen.

    >>> number_choice(range(10, 25, 5), value=15, unit="minutes").options
    (('10 minutes', 10), ('15 minutes', 15), ('20 minutes', 20))
    """
    return w.Dropdown(options=[(f"{v} {unit}", v) for v in values], value=value)


def date(label: str, value: dt.date | None = None) -> w.DatePicker:
    picker = w.DatePicker(value=value or dt.date.today(), description=label)
    picker.style.description_width = LABEL_WIDTH
    return picker


def heading(text_: str, hint: str = "") -> w.HTML:
    small = (
        "<span style='display:block;font-weight:normal;font-size:0.92em;line-height:1.35;"
        "color:var(--jp-content-font-color2,#555)'>"
        f"{escape(hint)}</span>"
        if hint
        else ""
    )
    return w.HTML(f"<h4 style='margin:0.8em 0 0.3em 0'>{escape(text_)}{small}</h4>")


def checks_html(checks: Iterable) -> str:
    """Check results as ✓ / ! / ✗ lines with words (not colour alone)."""
    return Checks(checks).to_html()


#: Outcome -> (symbol, word, theme colour of the bar beside the line).
_TONES = {
    "ok": ("✓", "Done", "var(--jp-success-color1,#2e7d32)"),
    "fail": ("✗", "Not done", "var(--jp-error-color1,#d32f2f)"),
    "note": ("○", "", "var(--jp-border-color1,#999)"),
}


def _line(tone: str, message: str) -> str:
    """One line of feedback: symbol and word in the text, colour only in a bar beside it.

    The text keeps the theme's own text colour, so it reads in light and dark
    themes alike (WCAG AA); the coloured bar is an extra cue, never the only one.
    """
    symbol, word, bar = _TONES[tone]
    lead = (
        f"<strong>{symbol} {word}:</strong> "
        if word
        else f"<span aria-hidden='true'>{symbol}</span> "
    )
    return (
        f"<p class='iv-line iv-{tone}' style='margin:0.3em 0;padding:0.1em 0 0.1em 0.5em;"
        f"border-left:4px solid {bar};color:var(--jp-content-font-color1,#111)'>"
        f"{lead}{escape(message)}</p>"
    )


def status_html(ok: bool, message: str) -> str:
    """A one-line outcome of a button: ✓ done, or ✗ what went wrong."""
    return _line("ok" if ok else "fail", message)


def note_html(message: str) -> str:
    """A neutral line (○): nothing is wrong, something is simply not done or checked yet."""
    return _line("note", message)


def download_link(data: bytes, filename: str, *, mime: str, label: str) -> str:
    """An HTML link that downloads ``data`` as ``filename`` (a data: URI, no server needed)."""
    encoded = base64.b64encode(data).decode("ascii")
    return (
        f"<a download='{escape(filename, quote=True)}' href='data:{mime};base64,{encoded}' "
        "style='display:inline-block;padding:0.25em 0.8em;border-radius:3px;text-decoration:none;"
        "border:1px solid var(--jp-border-color1,#666);color:var(--jp-content-font-color1,#111);"
        f"background:var(--jp-layout-color2,#f3f3f3)'>⬇ {escape(label)}</a>"
    )


def relative(path: Path, workbook) -> str:
    """A saved file's path as shown to the user: relative to the workbook folder."""
    try:
        return str(Path(path).resolve().relative_to(Path(workbook.path).resolve()))
    except ValueError:
        return Path(path).name


#: Rules every view carries (scoped to ``iv-`` classes): long option labels wrap instead
#: of being cut off, buttons are as wide as their words, the links box keeps one address
#: per line. Colours come from JupyterLab's theme variables.
STYLE = """<style>
body { --iv-ok: #1b6e20; --iv-warn: #8a4b00; --iv-fail: #b0151f; }
body[data-jp-theme-light="false"] { --iv-ok: #7fdc8a; --iv-warn: #ffc266; --iv-fail: #ff9a9a; }
body[data-jp-theme-light="false"] .iv-view :is(.iv-subject-ideas, .iv-stats, .iv-why, .iv-sheet,
  .iv-sheet .iv-minute) { color: var(--jp-content-font-color1) !important; }
body[data-jp-theme-light="false"] .iv-view { color-scheme: dark; }
body[data-jp-theme-light="false"] .iv-view .iv-sheet .iv-notes {
  border-color: var(--jp-border-color1) !important; }
.iv-choices .widget-checkbox, .iv-choices .widget-inline-hbox { height: auto; width: 100%; }
.iv-choices .widget-checkbox label, .iv-choices .widget-label-basic,
.iv-checklist .widget-checkbox label, .iv-checklist .widget-label-basic {
  white-space: normal; overflow: visible; text-overflow: clip; height: auto;
  line-height: 1.35; padding: 0.15em 0; }
.iv-choices .widget-checkbox input, .iv-checklist .widget-checkbox input { align-self: flex-start;
  margin-top: 0.3em; flex: none; }
.iv-choices-list { max-height: 22em; overflow-y: auto; border: 1px solid var(--jp-border-color2);
  padding: 0.2em 0.5em; border-radius: 3px; }
.iv-view .widget-button { width: auto; min-width: max-content;
  padding: 0 1em; align-self: flex-start; flex: none; }
.iv-view .widget-label, .iv-view .widget-inline-hbox .widget-label { overflow: visible;
  white-space: normal; line-height: 1.2; height: auto;
  min-height: var(--jp-widgets-inline-height); }
.iv-view .widget-toggle-buttons { display: flex; flex-wrap: wrap; align-items: baseline; }
.iv-view .widget-toggle-buttons > .widget-label { display: inline-block; flex: none;
  text-align: right; margin-right: 8px; }
.iv-nowrap textarea { white-space: pre; overflow-wrap: normal; overflow-x: auto; }
.iv-view .iv-copy > .widget-label { width: 0; min-width: 0; margin: 0; padding: 0;
  overflow: hidden; white-space: nowrap; }
.iv-view .lm-TabBar-tab, .iv-view .lm-TabBar-tab .lm-TabBar-tabLabel {
  color: var(--jp-ui-font-color1) !important; }
.iv-view .iv-evidence { border: 1px solid var(--jp-border-color2); margin: 0 0 2px 0; }
.iv-view .iv-evidence > summary { cursor: pointer; padding: 0.3em 0.6em; font-weight: bold;
  color: var(--jp-ui-font-color1); background: var(--jp-layout-color2); }
.iv-view .iv-evidence-notes { padding: 0.2em 0.8em; }
</style>"""


def style_block() -> w.HTML:
    """The :data:`STYLE` rules, as an (invisible) widget to put in a view."""
    block = w.HTML(STYLE, layout=w.Layout(display="none"))
    return block


class CheckboxGroup(w.VBox):
    """Tick boxes for a choice of several (no Ctrl-click): ``value`` is the tuple of ticked keys.

    JupyterLab 4.4+ with ipykernel 7 may deliver widget messages on a kernel subshell, so
    two ticks can be handled at the same time on two threads. The guard against echoes
    (boxes set from ``value`` must not set ``value`` again) is therefore per thread, and is
    never held while observers of ``value`` run: a tick that arrives while another tick's
    observers are still working is applied, not ignored.

    >>> group = CheckboxGroup([("Trends", "trends"), ("Skills", "skills")], label="Topics")
    >>> group.boxes["skills"].value = True
    >>> group.value
    ('skills',)
    >>> group.value = ("trends",); group.boxes["trends"].value, group.boxes["skills"].value
    (True, False)
    """

    value = traitlets.Tuple()

    def __init__(
        self,
        options: Iterable[tuple[str, str]],
        *,
        label: str,
        hint: str = "",
        scroll: bool = False,
    ):
        self._pushing = threading.local()  # set while this thread copies value to the boxes
        self.title = heading(label, hint)
        self.list = w.VBox([])
        if scroll:
            self.list.add_class("iv-choices-list")
        self.boxes: dict[str, w.Checkbox] = {}
        super().__init__([self.title, self.list], layout=w.Layout(width="100%"))
        self.add_class("iv-choices")
        self.options = list(options)

    @property
    def options(self) -> tuple[tuple[str, str], ...]:
        """The ``(label, key)`` pairs offered (a tuple, as ipywidgets' own selections give)."""
        return tuple(self._options)

    @options.setter
    def options(self, options: Iterable[tuple[str, str]]) -> None:
        self._options = list(options)
        kept = set(self.value)
        self.boxes = {}
        for text_, key in self._options:
            box = w.Checkbox(
                value=key in kept, description=text_, indent=False, layout=w.Layout(width="100%")
            )
            box.observe(self._ticked, names="value")
            self.boxes[key] = box
        self.list.children = list(self.boxes.values())
        self.value = tuple(k for k in self.boxes if k in kept)

    def _ticked(self, _change=None) -> None:
        if not getattr(self._pushing, "on", False):
            self.value = tuple(k for k, box in self.boxes.items() if box.value)

    @traitlets.observe("value")
    def _value_set(self, change) -> None:
        if getattr(self._pushing, "on", False):
            return
        wanted = set(change["new"])
        self._pushing.on = True
        try:
            for key, box in self.boxes.items():
                box.value = key in wanted
        finally:
            self._pushing.on = False
        # in the order offered, unknown keys left out (a no-op when it already is)
        self.value = tuple(k for k in self.boxes if k in wanted)
