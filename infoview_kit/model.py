"""``OutreachLog`` (the two tables) and ``LoadReport`` (every input row accounted for)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from infoview_kit.schema import (
    conform_contacts,
    conform_events,
    empty_contacts,
    empty_events,
)

#: Columns of ``LoadReport.problems``.
PROBLEM_COLUMNS = ("file", "row", "column", "value", "reason", "kept")

#: Columns of ``LoadReport.files``.
FILE_COLUMNS = (
    "file",
    "layout",
    "rows_read",
    "rows_loaded",
    "rows_merged",
    "rows_rejected",
    "status",
    "message",
)


class Problems:
    """Collects problem rows cheaply (vectorised chunks), then one DataFrame.

    >>> p = Problems()
    >>> p.add("log.csv", [3, 7], "date contacted", ["31/31/25", "soon"], "unreadable date",
    ...       kept=True)
    >>> p.frame()[["row", "reason", "kept"]].to_dict("list")
    {'row': [3, 7], 'reason': ['unreadable date', 'unreadable date'], 'kept': [True, True]}
    """

    def __init__(self) -> None:
        self._chunks: list[pd.DataFrame] = []

    def add(self, file, rows, column, values, reason, *, kept: bool) -> None:
        rows = list(rows) if not isinstance(rows, (int, type(None))) else [rows]
        if not rows:
            return
        if values is None or isinstance(values, str):
            values = [values] * len(rows)
        self._chunks.append(
            pd.DataFrame(
                {
                    "file": str(file),
                    "row": pd.array(rows, dtype="Int64"),
                    "column": column,
                    "value": pd.Series(list(values), dtype="object")
                    .map(
                        lambda v: (
                            None
                            if v is None or v is pd.NA or (isinstance(v, float) and v != v)
                            else str(v)
                        )
                    )
                    .tolist(),
                    "reason": reason,
                    "kept": bool(kept),
                }
            )
        )

    def extend(self, frame: pd.DataFrame) -> None:
        if len(frame):
            self._chunks.append(frame.loc[:, list(PROBLEM_COLUMNS)])

    def frame(self) -> pd.DataFrame:
        if not self._chunks:
            return empty_problems()
        out = pd.concat(self._chunks, ignore_index=True)
        out["value"] = out["value"].astype("str")
        out["column"] = out["column"].astype("str")
        return out


def empty_problems() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "file": pd.Series(dtype="str"),
            "row": pd.Series(dtype="Int64"),
            "column": pd.Series(dtype="str"),
            "value": pd.Series(dtype="str"),
            "reason": pd.Series(dtype="str"),
            "kept": pd.Series(dtype="bool"),
        }
    )


def empty_files() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object") for c in FILE_COLUMNS})


@dataclass
class LoadReport:
    """What happened to every input row.

    Invariant: ``rows_read == rows_loaded + rows_merged + rows_rejected``.
    ``problems`` has one row per issue: ``file``, ``row`` (the row number the
    user sees in Excel, header and title rows counted), ``column``, ``value``,
    ``reason``, ``kept`` (False: the row was rejected).
    """

    rows_read: int = 0
    rows_loaded: int = 0
    rows_merged: int = 0
    rows_rejected: int = 0
    problems: pd.DataFrame = field(default_factory=empty_problems)
    files: pd.DataFrame = field(default_factory=empty_files)
    contacts: int = 0
    events_by_kind: dict[str, int] = field(default_factory=dict)
    first_event: pd.Timestamp | None = None
    last_event: pd.Timestamp | None = None

    @property
    def balanced(self) -> bool:
        """True when every row read was loaded, merged or rejected."""
        return self.rows_read == self.rows_loaded + self.rows_merged + self.rows_rejected

    @property
    def warnings(self) -> pd.DataFrame:
        return self.problems[self.problems["kept"]]

    @property
    def rejected(self) -> pd.DataFrame:
        return self.problems[~self.problems["kept"].astype(bool)]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict (the ``infoview validate --json`` payload)."""

        def stamp(ts):
            return None if ts is None or pd.isna(ts) else pd.Timestamp(ts).isoformat()

        problems = self.problems.astype(object).where(self.problems.notna(), None)
        return {
            "rows_read": int(self.rows_read),
            "rows_loaded": int(self.rows_loaded),
            "rows_merged": int(self.rows_merged),
            "rows_rejected": int(self.rows_rejected),
            "contacts": int(self.contacts),
            "events_by_kind": {k: int(v) for k, v in self.events_by_kind.items()},
            "first_event": stamp(self.first_event),
            "last_event": stamp(self.last_event),
            "files": self.files.astype(object).where(self.files.notna(), None).to_dict("records"),
            "problems": [
                {
                    **rec,
                    "row": None if rec["row"] is None else int(rec["row"]),
                    "kept": bool(rec["kept"]),
                }
                for rec in problems.to_dict("records")
            ],
        }

    def to_json(self, **kwargs) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, **kwargs)

    def summary_line(self) -> str:
        return (
            f"{self.rows_read} rows read: {self.rows_loaded} loaded, {self.rows_merged} merged as "
            f"duplicates, {self.rows_rejected} rejected; {len(self.warnings)} warnings."
        )

    def to_text(self, *, max_problems: int = 50) -> str:
        """A readable plain-text report (used by ``infoview validate``)."""
        lines = [self.summary_line()]
        if self.contacts or self.events_by_kind:
            kinds = ", ".join(f"{k} {v}" for k, v in self.events_by_kind.items() if v)
            lines.append(f"{self.contacts} contacts; events: {kinds or 'none'}.")
        if self.first_event is not None and not pd.isna(self.first_event):
            lines.append(
                f"Events run from {self.first_event:%Y-%m-%d} to {self.last_event:%Y-%m-%d}."
            )
        if len(self.files) > 1:
            lines.append("")
            lines.append(self.files.drop(columns="message").to_string(index=False))
        if len(self.problems):
            lines.append("")
            shown = self.problems.head(max_problems).copy()
            shown["kept"] = shown["kept"].map({True: "kept", False: "REJECTED"})
            lines.append(shown.to_string(index=False, na_rep=""))
            if len(self.problems) > max_problems:
                lines.append(f"... and {len(self.problems) - max_problems} more problems.")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        from html import escape

        parts = [f"<p><strong>{escape(self.summary_line())}</strong></p>"]
        if len(self.problems):
            parts.append(self.problems.to_html(index=False, na_rep="", escape=True, max_rows=200))
        return "\n".join(parts)

    def __repr__(self) -> str:
        return f"<LoadReport {self.summary_line()}>"


@dataclass
class OutreachLog:
    """An outreach log: ``contacts`` and ``events`` tables, plus how they were loaded.

    >>> log = OutreachLog()
    >>> len(log.contacts), len(log.events), log.report.balanced
    (0, 0, True)
    """

    contacts: pd.DataFrame = field(default_factory=empty_contacts)
    events: pd.DataFrame = field(default_factory=empty_events)
    report: LoadReport = field(default_factory=LoadReport)

    def __post_init__(self) -> None:
        self.contacts = conform_contacts(self.contacts).reset_index(drop=True)
        self.events = conform_events(self.events).reset_index(drop=True)

    @property
    def owners(self) -> list[str]:
        """The owners (people whose logs these are), sorted."""
        both = pd.concat([self.contacts["owner"], self.events["owner"]]).dropna().unique()
        return sorted(both)

    def for_owner(self, owner: str) -> OutreachLog:
        """The part of the log that belongs to one owner."""
        return OutreachLog(
            self.contacts[self.contacts["owner"] == owner],
            self.events[self.events["owner"] == owner],
        )

    def __repr__(self) -> str:
        return (
            f"<OutreachLog: {len(self.contacts)} contacts, {len(self.events)} events, "
            f"{len(self.owners)} owner(s)>"
        )
