"""Tables for people, not programmers: the one place a participant-facing table is formatted.

:func:`readable_table` turns a DataFrame (or a Series of counts) into a small
HTML table with plain column names, dates written out, blanks for missing
values, yes/no for true/false, vocabulary codes in words (``in_person`` reads
"in person"), wrapped text, and none of the internal columns (``owner``,
``contact_id``, ids). Colours come from JupyterLab's theme variables, so the
table reads in the light and the dark theme alike.

>>> import pandas as pd
>>> due = pd.DataFrame({"owner": ["me"], "contact_id": ["c-1"], "name": ["Ada Example"],
...     "action": ["follow up"], "due_on": pd.to_datetime(["2025-06-10"]), "reason": [None]})
>>> table = readable_table(due)
>>> table.columns
['Name', 'To do', 'Due', 'Why']
>>> table.rows
[['Ada Example', 'follow up', 'Tue 10 Jun 2025', '']]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

import pandas as pd

from infoview_kit.schema import CHANNELS, CONNECTIONS, EVENT_KINDS

__all__ = ["COLUMN_NAMES", "HIDDEN_COLUMNS", "ReadableTable", "readable_table"]

#: Columns that only the program needs: never shown to a participant.
HIDDEN_COLUMNS = frozenset(
    {"owner", "contact_id", "referred_by", "id", "event_id", "source", "_pos", "index"}
)

#: Column -> the heading a person reads.
COLUMN_NAMES: dict[str, str] = {
    "name": "Name",
    "organization": "Organisation",
    "role": "Role",
    "field": "Field",
    "connection": "How connected",
    "channel": "Channel",
    "kind": "What happened",
    "at": "When",
    "added_on": "Added on",
    "met_on": "Met on",
    "due_on": "Due",
    "action": "To do",
    "reason": "Why",
    "notes": "Notes",
    "category": "Topic",
    "question": "Question",
    "minutes": "Minutes",
    "frameworks": "Also in",
    "type": "Kind of answer",
    "count": "People",
    "file": "File",
    "row": "Row",
    "column": "Column",
    "value": "Value",
    "kept": "Row kept?",
    "email": "E-mail",
    "phone": "Phone",
}

_VOCABULARY = {"connection": CONNECTIONS, "channel": CHANNELS, "kind": EVENT_KINDS}
_DATE = "%a %d %b %Y"


def _question_topics() -> dict[str, str]:
    from infoview_kit.messages.questions import CATEGORIES

    return dict(CATEGORIES)


def _frameworks(text: str) -> str:
    """``"Bolles:how_in;TIARA:Insights"`` -> ``"Bolles, TIARA"`` (the names people know)."""
    names = [part.split(":", 1)[0].strip() for part in text.split(";") if part.strip()]
    return ", ".join(dict.fromkeys(names))


def _cell(value: Any) -> str:
    if value is None or (not isinstance(value, str | list | tuple) and pd.isna(value)):
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, pd.Timestamp):
        return value.strftime(_DATE)
    if isinstance(value, float):
        return f"{value:.0f}" if value.is_integer() else f"{value:.1f}"
    if isinstance(value, list | tuple):
        return ", ".join(_cell(v) for v in value)
    return str(value)


def _column_text(name: str, values: pd.Series) -> list[str]:
    """One column as the text a person reads."""
    texts = [_cell(v) for v in values.astype("object")]
    if name in _VOCABULARY:  # "in_person" -> "in person", "request_sent" -> "request sent"
        known = set(_VOCABULARY[name])
        return [t.replace("_", " ") if t in known else t for t in texts]
    if name == "category":
        topics = _question_topics()
        return [topics.get(t, t) for t in texts]
    if name == "frameworks":
        return [_frameworks(t) for t in texts]
    return texts


def _wrap(text: str) -> str:
    """Short values (a date, a name) stay on one line; longer text wraps."""
    return "white-space:nowrap" if len(text) <= 24 else "white-space:normal;min-width:12em"


@dataclass(frozen=True)
class ReadableTable:
    """Column headings and rows of text, ready to show (``to_html``, or just display it)."""

    columns: list[str]
    rows: list[list[str]]
    caption: str | None = None
    empty: str = "Nothing to show yet."
    more: int = 0  # rows left out (beyond max_rows)

    def to_html(self) -> str:
        caption = (
            f"<caption style='text-align:left;font-weight:bold;padding:0.2em 0'>"
            f"{escape(self.caption)}</caption>"
            if self.caption
            else ""
        )
        if not self.rows:
            return (
                f"<p class='iv-table-empty'>{escape(self.caption or '')} {escape(self.empty)}</p>"
            )
        cell = (
            "padding:0.3em 0.6em;text-align:left;vertical-align:top;"
            "overflow-wrap:break-word;border-bottom:1px solid var(--jp-border-color2,#ccc);"
            "color:var(--jp-content-font-color1,#111)"
        )
        head = "".join(
            f"<th scope='col' style='{cell};white-space:nowrap;"
            f"background:var(--jp-layout-color2,#eee)'>"
            f"{escape(c)}</th>"
            for c in self.columns
        )
        body = "".join(
            "<tr>"
            + "".join(f"<td style='{cell};{_wrap(v)}'>{escape(v)}</td>" for v in row)
            + "</tr>"
            for row in self.rows
        )
        more = f"<p>… and {self.more} more.</p>" if self.more else ""
        return (
            "<table class='iv-table' style='border-collapse:collapse;table-layout:auto;"
            f"width:auto;max-width:100%;margin:0.4em 0'>{caption}"
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}"
        )

    def _repr_html_(self) -> str:
        return self.to_html()

    def __str__(self) -> str:
        lines = [" | ".join(self.columns)] + [" | ".join(row) for row in self.rows]
        return "\n".join(lines) if self.rows else self.empty


def readable_table(
    data: pd.DataFrame | pd.Series,
    *,
    columns: Mapping[str, str] | Sequence[str] | None = None,
    caption: str | None = None,
    empty: str = "Nothing to show yet.",
    max_rows: int = 200,
) -> ReadableTable:
    """A table a participant can read: see the module help for what changes.

    ``columns`` picks and orders the columns (a list of names) or also renames
    them (a mapping ``name -> heading``); by default every column that is not
    internal, with the headings of :data:`COLUMN_NAMES`. A Series (such as the
    result of ``value_counts()``) becomes two columns: its values and a count.

    >>> counts = pd.Series({"Booster": 3, "Curmudgeon": 1}, name="count")
    >>> counts.index.name = "type"
    >>> readable_table(counts).rows
    [['Booster', '3'], ['Curmudgeon', '1']]
    >>> readable_table(pd.DataFrame({"channel": ["in_person"], "kept": [True]})).rows
    [['in person', 'yes']]
    """
    frame = _as_frame(data)
    if columns is None:
        chosen = {c: COLUMN_NAMES.get(str(c), str(c)) for c in frame.columns}
    elif isinstance(columns, Mapping):
        chosen = dict(columns)
    else:
        chosen = {c: COLUMN_NAMES.get(str(c), str(c)) for c in columns}
    chosen = {c: h for c, h in chosen.items() if str(c) not in HIDDEN_COLUMNS}
    missing = [c for c in chosen if c not in frame.columns]
    if missing:
        raise KeyError(f"no column {', '.join(map(str, missing))} in this table")
    shown = frame.head(max_rows)
    texts = [_column_text(str(c), shown[c]) for c in chosen]
    rows = [list(row) for row in zip(*texts, strict=True)] if texts else []
    return ReadableTable(
        list(chosen.values()),
        rows,
        caption=caption,
        empty=empty,
        more=max(len(frame) - max_rows, 0),
    )


def _as_frame(data: pd.DataFrame | pd.Series) -> pd.DataFrame:
    if isinstance(data, pd.DataFrame):
        return data
    if not isinstance(data, pd.Series):
        raise TypeError("a table needs a DataFrame or a Series")
    label = str(data.index.name or "value")
    return pd.DataFrame({label: data.index.to_numpy(), str(data.name or "count"): data.to_numpy()})
