"""Structured takeaways of one conversation, captured on meeting day and read back as a table.

Next to free notes, a person can record a few quick facts about each
conversation: the role and field discussed, what a typical week is like, the
skills that matter (and whether they have them), the way in, what appealed and
what put them off, how they felt (1-5) and the questions still open.

They are stored with the log: as columns of the conversation's own on its
``meeting_held`` event (``takeaway_field``, ``takeaway_skills``..., see
:data:`~infoview_kit.analytics.options.TAKEAWAY_EVENT_COLUMNS`), so
``load_log`` reads them and every export writes them; takeaways saved for a
day with no logged meeting go on a ``note`` event of that day. Old workbooks
have no such columns and load as before. The meeting file
(``prep/<person>/meeting_<date>.md``) gets a readable ``## Takeaways``
section too. :func:`load_takeaways` gives one row per conversation.

>>> t = Takeaways.from_form(field="Public health", skills="SQL: yes\\nGrant writing: no",
...                         feeling=4, open_questions="How are budgets set?")
>>> [(s.skill, s.have) for s in t.skills], t.feeling, t.open_questions
([('SQL', 'yes'), ('Grant writing', 'no')], 4, ['How are budgets set?'])
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from dataclasses import field as _default
from pathlib import Path
from typing import Any

import pandas as pd

from infoview_kit.analytics.options import (
    HAVE_LEVELS,
    TAKEAWAY_COLUMNS,
    TAKEAWAY_EVENT_COLUMNS,
    read_skills,
    takeaways_from_events,
)
from infoview_kit.workshop.prep import (
    _front_matter,
    _items,
    _split_front_matter,
    _value,
    event_time,
)

__all__ = [
    "FEELINGS",
    "HAVE_LEVELS",
    "TAKEAWAY_COLUMNS",
    "Skill",
    "Takeaways",
    "add_sample_takeaways",
    "load_takeaways",
    "parse_skills",
    "save_takeaways",
    "saved_takeaways_form",
    "takeaways_markdown",
]

#: The feeling scale: value -> words shown next to it.
FEELINGS: dict[int, str] = {
    1: "put off",
    2: "doubtful",
    3: "mixed",
    4: "drawn to it",
    5: "excited",
}


@dataclass(frozen=True)
class Skill:
    """A skill someone said matters, and whether you have it (yes / partly / no / None)."""

    skill: str
    have: str | None = None


def parse_skills(text: str) -> list[Skill]:
    """Skills one per line (or separated by ``;``), each optionally followed by whether you have it.

    ``SQL: yes``, ``Grant writing - no``, ``Statistics (partly)``; anything
    after the skill that is not a known answer stays part of the skill's name.

    >>> [(s.skill, s.have) for s in parse_skills("SQL: yes; Statistics (partly)\\nFacilitation")]
    [('SQL', 'yes'), ('Statistics', 'partly'), ('Facilitation', None)]
    >>> parse_skills("Data-driven storytelling")[0].skill
    'Data-driven storytelling'
    """
    return [Skill(s["skill"], s["have"]) for s in read_skills(text or "")]


@dataclass(frozen=True)
class Takeaways:
    """The quick facts of one conversation (every one optional)."""

    role: str = ""
    field: str = ""
    typical_week: str = ""
    skills: list[Skill] = _default(default_factory=list)
    entry_path: str = ""
    appealed: str = ""
    put_off: str = ""
    feeling: int | None = None
    open_questions: list[str] = _default(default_factory=list)

    @classmethod
    def from_form(
        cls,
        *,
        role: str = "",
        field: str = "",
        typical_week: str = "",
        skills: str = "",
        entry_path: str = "",
        appealed: str = "",
        put_off: str = "",
        feeling: int | None = None,
        open_questions: str = "",
    ) -> Takeaways:
        """Takeaways from the form's text fields (skills and questions one per line)."""
        if feeling is not None and feeling not in FEELINGS:
            raise ValueError("How you felt: choose 1 to 5, or leave it empty.")
        return cls(
            role=_value(role),
            field=_value(field),
            typical_week=_value(typical_week),
            skills=parse_skills(skills),
            entry_path=_value(entry_path),
            appealed=_value(appealed),
            put_off=_value(put_off),
            feeling=feeling,
            open_questions=[q.strip() for q in _items(open_questions) if q.strip()],
        )

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> Takeaways:
        """Takeaways as stored in a meeting file (unknown keys ignored, bad values dropped)."""
        data = dict(data or {})
        skills = [
            Skill(str(s.get("skill", "")).strip(), s.get("have") if s.get("have") else None)
            for s in data.get("skills") or []
            if isinstance(s, Mapping) and str(s.get("skill", "")).strip()
        ]
        feeling = data.get("feeling")
        questions = data.get("open_questions") or []
        return cls(
            **{k: _value(data.get(k)) for k in _TEXT_FIELDS},
            skills=skills,
            feeling=feeling if feeling in FEELINGS else None,
            open_questions=[str(q) for q in questions if str(q).strip()],
        )

    @property
    def empty(self) -> bool:
        return self == Takeaways()

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def save_to(self, workbook, contact_id: str, *, held_on) -> Path:
        """Store these takeaways for the conversation of that day (see :func:`save_takeaways`)."""
        return save_takeaways(workbook, contact_id, held_on=held_on, takeaways=self)

    def to_columns(self) -> dict[str, str | None]:
        """The takeaways as the event's text columns (what the log and its exports carry)."""
        text = {
            "skills": "; ".join(s.skill + (f": {s.have}" if s.have else "") for s in self.skills),
            "feeling": "" if self.feeling is None else str(self.feeling),
            "open_questions": "\n".join(self.open_questions),
            **{k: getattr(self, k) for k in _TEXT_FIELDS},
        }
        return {column: text[name] or None for name, column in TAKEAWAY_EVENT_COLUMNS.items()}


_TEXT_FIELDS = ("role", "field", "typical_week", "entry_path", "appealed", "put_off")
_LABELS = {
    "role": "Role discussed",
    "field": "Field",
    "typical_week": "A typical week",
    "entry_path": "The way in",
    "appealed": "What appealed",
    "put_off": "What put me off",
}


def takeaways_markdown(takeaways: Takeaways) -> str:
    """The readable ``## Takeaways`` section of a meeting file ('' when there are none)."""
    if takeaways.empty:
        return ""
    lines = ["## Takeaways", ""]
    for key, label in _LABELS.items():
        value = getattr(takeaways, key)
        if value:
            lines.append(f"- **{label}:** {value}")
    if takeaways.feeling is not None:
        lines.append(f"- **How I felt:** {takeaways.feeling} of 5 ({FEELINGS[takeaways.feeling]})")
    if takeaways.skills:
        lines += ["", "Skills that matter:", ""]
        lines += [
            f"- {s.skill}" + (f" (I have it: {s.have})" if s.have else "") for s in takeaways.skills
        ]
    if takeaways.open_questions:
        lines += ["", "Still open:", ""] + [f"- {q}" for q in takeaways.open_questions]
    return "\n".join(lines) + "\n"


def _meeting_file(held_at: pd.Timestamp) -> str:
    return f"meeting_{held_at:%Y-%m-%d}.md"


def save_takeaways(
    workbook, contact_id: str, *, held_on: dt.date | str | pd.Timestamp, takeaways: Takeaways
):
    """Store the takeaways of the conversation on that day: on its event and in its meeting file.

    They go on the ``meeting_held`` event of that day; without one, on a
    ``note`` event logged for the purpose. Returns the meeting file's path.
    """
    from infoview_kit.workshop.prep import meeting_markdown

    held_at = event_time(held_on)
    columns = takeaways.to_columns()
    with workbook.batch():
        if not workbook.set_event_fields(contact_id, "meeting_held", on=held_at, fields=columns):
            workbook.log_event(
                contact_id,
                "note",
                at=held_at,
                notes="Takeaways of a conversation.",
                source="workbook",
            )
            workbook.set_event_fields(contact_id, "note", on=held_at, fields=columns)
    name = _meeting_file(held_at)
    meta, body = _split_front_matter(workbook.read_prep(contact_id, name))
    if not meta:
        text = meeting_markdown(workbook.contact(contact_id), held_at=held_at)
        meta, body = _split_front_matter(text)
    meta["takeaways"] = takeaways.to_dict()
    body = strip_takeaways_section(body).rstrip("\n") + "\n"
    section = takeaways_markdown(takeaways)
    return workbook.write_prep(
        contact_id, name, _front_matter(meta) + body + ("\n" + section if section else "")
    )


def strip_takeaways_section(body: str) -> str:
    """The meeting file's text without its ``## Takeaways`` section (to write a new one)."""
    start = body.find("## Takeaways\n")
    if start < 0:
        return body
    end = body.find("\n## ", start + 1)
    return body[:start] + (body[end + 1 :] if end >= 0 else "")


def load_takeaways(workbook) -> pd.DataFrame:
    """Every conversation's takeaways in the workbook: one row per event that carries them.

    ``skills`` holds a list of ``{"skill", "have"}`` dicts and ``open_questions``
    a list of texts; ``feeling`` is 1-5 or missing. A workbook without any
    takeaways (an old one) gives an empty table with the same columns.
    """
    return takeaways_from_events(workbook.events)


def add_sample_takeaways(workbook) -> int:
    """Write the sample's invented takeaways into a workbook made from the sample; how many."""
    from infoview_kit.datasets.sample_takeaways import sample_takeaways

    table = sample_takeaways(workbook.log())
    with workbook.batch():  # one write of the events for all of them
        for row in table.to_dict("records"):
            save_takeaways(
                workbook,
                row["contact_id"],
                held_on=row["held_at"],
                takeaways=Takeaways.from_dict(row),
            )
    return len(table)


def saved_takeaways_form(workbook, contact_id: str, day) -> dict[str, Any] | None:
    """The takeaways saved for a contact on a day, as the form's values (None if none)."""
    table = load_takeaways(workbook)
    day = pd.Timestamp(day).normalize()
    mine = table[(table["contact_id"] == contact_id) & (table["held_at"].dt.normalize() == day)]
    if mine.empty:
        return None
    row = mine.iloc[-1]
    skills = "\n".join(s["skill"] + (f": {s['have']}" if s["have"] else "") for s in row["skills"])
    return {
        **{k: row[k] for k in _TEXT_FIELDS},
        "skills": skills,
        "feeling": None if pd.isna(row["feeling"]) else int(row["feeling"]),
        "open_questions": "\n".join(row["open_questions"]),
    }
