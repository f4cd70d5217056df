"""``OutreachLog`` (the two tables) and ``LoadReport`` (every input row accounted for)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from infoview_kit.schema import (
    CONTACT_COLUMNS,
    EVENT_COLUMNS,
    conform_contacts,
    conform_events,
    empty_contacts,
    empty_events,
    extra_columns,
)

#: Event kinds in the words of the report ("3 requests sent"): singular, plural.
_KIND_WORDS: dict[str, tuple[str, str]] = {
    "request_sent": ("request sent", "requests sent"),
    "follow_up_sent": ("follow-up sent", "follow-ups sent"),
    "voicemail_left": ("voicemail left", "voicemails left"),
    "reply_received": ("reply received", "replies received"),
    "declined": ("decline", "declines"),
    "meeting_scheduled": ("meeting scheduled", "meetings scheduled"),
    "meeting_held": ("meeting held", "meetings held"),
    "meeting_cancelled": ("meeting cancelled", "meetings cancelled"),
    "thank_you_sent": ("thank-you sent", "thank-yous sent"),
    "referral_received": ("name given", "names given"),
    "update_sent": ("update sent", "updates sent"),
    "connected": ("connection", "connections"),
    "note": ("note", "notes"),
}


def _month_span(first: pd.Timestamp, last: pd.Timestamp) -> str:
    """ "in March 2025" or "between March 2019 and August 2025"."""
    a, b = f"{first:%B %Y}", f"{last:%B %Y}"
    return f"in {a}" if a == b else f"between {a} and {b}"


def _who(name: object, organization: object) -> str:
    if isinstance(organization, str) and organization:
        return f"{name} ({organization})"
    return str(name)


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


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
    first_added: pd.Timestamp | None = None
    last_added: pd.Timestamp | None = None
    #: Columns kept as the user named them (they match no known field).
    extra_contact_columns: list[str] = field(default_factory=list)
    extra_event_columns: list[str] = field(default_factory=list)
    #: Pairs of contacts that are probably one person but share no key (not merged: the
    #: user confirms them; see :func:`infoview_kit.io.duplicates.possible_duplicates`).
    possible_duplicates: pd.DataFrame = field(default_factory=pd.DataFrame)

    def describe(self, contacts: pd.DataFrame, events: pd.DataFrame) -> LoadReport:
        """Fill the summary of what was loaded (counts, date spans, extra columns); returns self."""
        self.contacts = len(contacts)
        kinds = events["kind"].value_counts(sort=False)
        self.events_by_kind = {str(k): int(v) for k, v in kinds.items() if v}
        for column, first, last in (
            ("at", "first_event", "last_event"),
            ("added_on", "first_added", "last_added"),
        ):
            frame = events if column == "at" else contacts
            stamps = frame[column] if column in frame else pd.Series(dtype="datetime64[us]")
            known = stamps.notna().any()
            setattr(self, first, stamps.min() if known else None)
            setattr(self, last, stamps.max() if known else None)
        self.extra_contact_columns = extra_columns(contacts, CONTACT_COLUMNS)
        self.extra_event_columns = extra_columns(events, EVENT_COLUMNS)
        return self

    @property
    def balanced(self) -> bool:
        """True when every row read was loaded, merged or rejected."""
        return self.rows_read == self.rows_loaded + self.rows_merged + self.rows_rejected

    @property
    def warnings(self) -> pd.DataFrame:
        """Lines about rows that were kept (see :meth:`problems_as_shown`)."""
        shown = self.problems_as_shown()
        return shown[shown["kept"].astype(bool)]

    @property
    def rejected(self) -> pd.DataFrame:
        return self.problems[~self.problems["kept"].astype(bool)]

    def problems_as_shown(self) -> pd.DataFrame:
        """``problems`` as people read them: ``kept`` is False on every line about a row that
        was rejected (a note on one of its cells, an error value read as empty, does not
        keep the row). ``problems`` itself has one rejecting line per rejected row."""
        problems = self.problems
        kept = problems["kept"].astype(bool)
        if problems.empty or kept.all():
            return problems
        rows = problems[["file", "row"]].astype({"file": str})
        gone = pd.MultiIndex.from_frame(rows[~kept & rows["row"].notna()])
        rejected_row = pd.MultiIndex.from_frame(rows).isin(gone) & rows["row"].notna().to_numpy()
        return problems.assign(kept=kept.to_numpy() & ~rejected_row)

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
            "first_added": stamp(self.first_added),
            "last_added": stamp(self.last_added),
            "extra_contact_columns": list(self.extra_contact_columns),
            "extra_event_columns": list(self.extra_event_columns),
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
        """One line of counts.

        >>> LoadReport(rows_read=1, rows_loaded=1).summary_line()
        '1 row read: 1 loaded, 0 merged as duplicates, 0 rejected; 0 warnings.'
        """
        return (
            f"{_count(self.rows_read, 'row', 'rows')} read: {self.rows_loaded} loaded, "
            f"{self.rows_merged} merged as duplicates, {self.rows_rejected} rejected; "
            f"{_count(len(self.warnings), 'warning', 'warnings')}."
        )

    def loaded_lines(self) -> list[str]:
        """What was loaded, in the user's terms: people, when they were added, what happened."""
        lines = []
        if self.contacts:
            line = _count(self.contacts, "contact", "contacts")
            if self.first_added is not None and not pd.isna(self.first_added):
                line += " added " + _month_span(self.first_added, self.last_added)
            lines.append(line + ".")
        total = sum(self.events_by_kind.values())
        if total:
            words = [
                _count(n, *_KIND_WORDS.get(kind, (kind, kind)))
                for kind, n in self.events_by_kind.items()
                if n
            ]
            line = f"{_count(total, 'event', 'events')}: {', '.join(words)}"
            if self.first_event is not None and not pd.isna(self.first_event):
                line += ", " + _month_span(self.first_event, self.last_event)
            lines.append(line + ".")
        elif self.contacts:
            lines.append("No events (dated steps such as a request or a meeting) were found.")
        extras = [*self.extra_contact_columns, *self.extra_event_columns]
        if extras:
            # Not "as you named them": the loader adds some ("Name as written").
            lines.append(
                f"Kept {_count(len(extras), 'extra column', 'extra columns')}: {', '.join(extras)}."
            )
        return lines

    def _duplicate_lines(self, shown: int = 10) -> list[str]:
        pairs = self.possible_duplicates
        if not len(pairs):
            return []
        lines = [
            "",
            f"{_count(len(pairs), 'pair', 'pairs')} of contacts may be one person (alike "
            "names, nothing shared to be sure); kept apart until you confirm:",
        ]
        for row in pairs.head(shown).itertuples(index=False):  # a few lines of text
            one = _who(row.name, row.organization)
            other = _who(row.other_name, row.other_organization)
            lines.append(f"  {one} ~ {other} ({row.reason})")
        if len(pairs) > shown:
            lines.append(f"  ... and {len(pairs) - shown} more.")
        return lines

    def to_text(self, *, max_problems: int = 50) -> str:
        """A readable plain-text report (used by ``infoview validate``)."""
        lines = [self.summary_line(), *self.loaded_lines()]
        if len(self.files) > 1:
            lines.append("")
            lines.append(self.files.drop(columns="message").to_string(index=False))
        lines.extend(self._duplicate_lines())
        if len(self.problems):
            lines.append("")
            shown = self.problems_as_shown().head(max_problems).copy()
            shown["kept"] = shown["kept"].map({True: "kept", False: "REJECTED"})
            lines.append(shown.to_string(index=False, na_rep=""))
            if len(self.problems) > max_problems:
                lines.append(f"... and {len(self.problems) - max_problems} more problems.")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        from html import escape

        from infoview_kit.io.text import neutralise_text

        parts = [f"<p><strong>{escape(neutralise_text(self.summary_line()))}</strong></p>"]
        if len(self.problems):
            # a cell's text may hold control or bidi characters: shown escaped, never acting
            shown = self.problems.astype(object).map(
                lambda v: neutralise_text(v) if isinstance(v, str) else v
            )
            parts.append(shown.to_html(index=False, na_rep="", escape=True, max_rows=200))
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
