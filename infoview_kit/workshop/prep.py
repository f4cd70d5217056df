"""Preparation files per contact: research notes, drafts, the meeting checklist, meeting notes.

The text of each file is made by pure functions (``*_markdown`` and
``parse_*``); the ``save_*`` / ``load_*`` functions are thin and go through the
:class:`~infoview_kit.io.store.Workbook` API, which writes atomically into
``prep/<contact_id>/``. Every file is Markdown a person can open and read;
drafts and meeting notes start with a short front matter block (``key: value``
lines between ``---``, values in JSON) so a notebook can reopen them.

Files per contact::

    research.md          what they work on, links, articles, your notes
    introduction.md      your 30-second introduction
    request_email.md     request drafts (also request_linkedin.md, request_letter.md,
    request_email.eml      voicemail.md); .eml is an unsent e-mail draft
    interview_sheet.md   the questions you chose (and interview_sheet.html to print)
    checklist.md         the meeting-day checklist, ticked
    meeting_<date>.md    notes, what you learned, advice, names given
    thank_you.md         thank-you note (also follow_up.md, stay_in_touch.md)

>>> notes = ResearchNotes(work_on="Evaluates clinic outreach", links=["https://example.com/dana"])
>>> parse_research(research_markdown({"name": "Dana Okafor"}, notes)) == notes
True
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pandas as pd

from infoview_kit.messages import Check, Checks, Draft, as_date, check_draft, sentence
from infoview_kit.messages import builders as compose
from infoview_kit.messages.checks import CHANNELS as CHECKED_CHANNELS
from infoview_kit.messages.checks import merge_checks

__all__ = [
    "DRAFT_BUILDERS",
    "MEETING_CHECKLIST",
    "MeetingRecord",
    "ResearchNotes",
    "capture_meeting",
    "check_my_work",
    "check_research_notes",
    "checklist_markdown",
    "clean_text",
    "connection_phrase",
    "draft_document",
    "draft_name",
    "edited_draft",
    "event_time",
    "last_event_on",
    "latest_meeting",
    "load_checklist",
    "load_draft",
    "load_research",
    "load_saved_draft",
    "meeting_event_notes",
    "meeting_markdown",
    "parse_checklist",
    "parse_draft_document",
    "parse_names",
    "parse_research",
    "rebuild_draft",
    "research_markdown",
    "save_checklist",
    "save_draft",
    "save_eml",
    "save_interview_sheet",
    "save_research",
    "situation_from_background",
    "split_subject_line",
    "suggested_fields",
    "your_details",
]

RESEARCH_FILE = "research.md"
CHECKLIST_FILE = "checklist.md"
SHEET_FILE = "interview_sheet.md"
SHEET_PAGE = "interview_sheet.html"

#: The meeting-day checklist: key -> what to do.
MEETING_CHECKLIST: dict[str, str] = {
    "dress": "Dress the way people at their workplace dress (a notch smarter if unsure).",
    "arrive": "Arrive (or join the call) about five minutes early.",
    "questions": "Bring your interview sheet with the questions you chose.",
    "notes": "Ask whether they mind you taking notes, and keep looking up while you write.",
    "introduction": "Open with a short version of your introduction.",
    "time": "Watch the time and stop when the minutes you asked for are up.",
    "names": "Ask whom else you should talk to, and for more than one name.",
    "thanks": "Thank them before you leave, and send a note within a day.",
}

#: Builder of each kind of draft (used to reopen a saved draft).
DRAFT_BUILDERS = {
    "introduction": compose.introduction,
    "request": compose.request_message,
    "voicemail": compose.voicemail,
    "phone": compose.phone_script,
    "thank_you": compose.thank_you,
    "follow_up": compose.follow_up,
    "stay_in_touch": compose.stay_in_touch_update,
}


# --------------------------------------------------------------------------- research notes


@dataclass
class ResearchNotes:
    """What you found out about a contact before writing to them."""

    work_on: str = ""
    links: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    notes: str = ""

    @classmethod
    def from_text(
        cls, *, work_on: str = "", links: str = "", articles: str = "", notes: str = ""
    ) -> ResearchNotes:
        """Build from form fields: ``links`` and ``articles`` hold one item per line.

        >>> ResearchNotes.from_text(links=" https://a.example \\n\\n- https://b.example").links
        ['https://a.example', 'https://b.example']
        """
        return cls(
            work_on=(work_on or "").strip(),
            links=_items(links),
            articles=_items(articles),
            notes=(notes or "").strip(),
        )


def _items(text: str | Iterable[str]) -> list[str]:
    lines = text.replace("\r\n", "\n").split("\n") if isinstance(text, str) else list(text)
    items = [re.sub(r"^\s*(?:[-*•]\s+)?", "", str(line)).strip() for line in lines]
    return [item for item in items if item]


_SECTIONS = {
    "work_on": "What they work on",
    "links": "Links (profile, organisation, talks)",
    "articles": "Articles, talks and news",
    "notes": "My notes and questions this raises",
}


def _escape_block(text: str) -> str:
    """Keep a free-text line that starts with '#' from being read as a heading.

    A backslash goes before the first visible character of such lines (and of
    lines that already start with a backslash, so reading back is exact).

    >>> _escape_block("## not a heading")
    '\\\\## not a heading'
    """
    out = []
    for line in text.replace("\r\n", "\n").split("\n"):
        body = line.lstrip(" \t")
        if body.startswith(("#", "\\")):
            line = line[: len(line) - len(body)] + "\\" + body
        out.append(line)
    return "\n".join(out)


def _unescape_block(text: str) -> str:
    out = []
    for line in text.split("\n"):
        body = line.lstrip(" \t")
        if body.startswith("\\"):
            line = line[: len(line) - len(body)] + body[1:]
        out.append(line)
    return "\n".join(out)


def research_markdown(contact: Mapping[str, Any], notes: ResearchNotes) -> str:
    """The research file of one contact as Markdown.

    >>> print(research_markdown({"name": "Dana Okafor", "organization": "Harbor Health"},
    ...                         ResearchNotes(links=["https://example.com"])))  # doctest: +ELLIPSIS
    # Research: Dana Okafor
    <BLANKLINE>
    Harbor Health
    ...
    ## Links (profile, organisation, talks)
    <BLANKLINE>
    - https://example.com
    ...
    """
    name = _value(contact.get("name")) or "a contact"
    facts = " · ".join(
        v for v in (_value(contact.get(k)) for k in ("organization", "role", "field")) if v
    )
    lines = [f"# Research: {name}", ""]
    if facts:
        lines += [facts, ""]
    connection = _value(contact.get("connection"))
    if connection:
        lines += [f"How we are connected: {connection}", ""]
    lines += [f"## {_SECTIONS['work_on']}", "", _escape_block(notes.work_on.strip()), ""]
    lines += [f"## {_SECTIONS['links']}", ""] + [f"- {link}" for link in notes.links] + [""]
    lines += [f"## {_SECTIONS['articles']}", ""] + [f"- {item}" for item in notes.articles] + [""]
    lines += [f"## {_SECTIONS['notes']}", "", _escape_block(notes.notes.strip()), ""]
    return "\n".join(lines)


def parse_research(text: str) -> ResearchNotes:
    """Read a research file back (unknown sections are ignored)."""
    titles = {title: key for key, title in _SECTIONS.items()}
    found: dict[str, list[str]] = {}
    current: str | None = None
    for line in (text or "").replace("\r\n", "\n").split("\n"):
        if line.startswith("## "):
            current = titles.get(line[3:].strip())
            if current:
                found[current] = []
            continue
        if current:
            found[current].append(line)

    def block(key: str) -> str:
        return _unescape_block("\n".join(found.get(key, [])).strip("\n"))

    return ResearchNotes(
        work_on=block("work_on"),
        links=_items(block("links")),
        articles=_items(block("articles")),
        notes=block("notes"),
    )


_URL = re.compile(r"^(?:https?://|www\.)\S+\.\S+$", re.IGNORECASE)


def check_research_notes(notes: ResearchNotes) -> Checks:
    """Is there enough to write a good request?

    >>> notes = ResearchNotes(work_on="x", links=["example dot com"])
    >>> [c.symbol for c in check_research_notes(notes)]
    ['✓', '!']
    """
    checks = Checks()
    if notes.work_on.strip():
        checks.append(Check.ok("what they work on", "noted."))
    else:
        checks.append(
            Check.warn("what they work on", "note in a line or two what they work on now.")
        )
    bad = [link for link in notes.links if not _URL.match(link)]
    if not notes.links:
        checks.append(
            Check.warn(
                "links", "add at least one link (their profile, a talk, their organisation)."
            )
        )
    elif bad:
        checks.append(
            Check.warn(
                "links", f"{len(bad)} link(s) do not look like web addresses (start with https://)."
            )
        )
    else:
        checks.append(Check.ok("links", f"{len(notes.links)} link(s)."))
    return checks


def save_research(workbook, contact_id: str, notes: ResearchNotes) -> Path:
    """Write ``research.md`` for a contact (through the workbook, atomically)."""
    return workbook.write_prep(
        contact_id, RESEARCH_FILE, research_markdown(workbook.contact(contact_id), notes)
    )


def load_research(workbook, contact_id: str) -> ResearchNotes:
    """The saved research notes of a contact (empty notes if none yet)."""
    return parse_research(workbook.read_prep(contact_id, RESEARCH_FILE))


# --------------------------------------------------------------------------- drafts


def draft_name(draft: Draft) -> str:
    """The file stem a draft is saved under: ``request_email``, ``thank_you``...

    >>> draft_name(compose.voicemail(your_name="A B", phone="1", email="a@example.com",
    ...     contact_name="C", connection="x", purpose="y"))
    'voicemail'
    """
    if draft.kind == "request":
        return f"request_{draft.channel}"
    return draft.kind


def draft_document(
    draft: Draft, *, saved_at: dt.datetime | None = None, edited: bool = False
) -> str:
    """A draft as a Markdown document: front matter (to reopen it), then the text.

    ``edited`` marks a text the person changed by hand (see :func:`edited_draft`):
    a notebook reopens it as typed instead of generating it again from the fields.

    >>> d = compose.introduction(full_name="Ada Example", connection="Lee Park suggested it",
    ...                          background="I study nursing", interests="community care")
    >>> doc = draft_document(d, saved_at=dt.datetime(2025, 6, 5, 9, 30))
    >>> saved = parse_draft_document(doc)
    >>> saved["fields"]["full_name"], saved["text"] == d.text, saved.get("edited", False)
    ('Ada Example', True, False)
    """
    stamp = (saved_at or dt.datetime.now()).replace(microsecond=0).isoformat()
    summary = {
        "ok": sum(c.severity == "ok" for c in draft.checks),
        "warn": sum(c.severity == "warn" for c in draft.checks),
        "fail": sum(c.severity == "fail" for c in draft.checks),
    }
    meta = {
        "kind": draft.kind,
        "channel": draft.channel,
        "saved_at": stamp,
        "subject": draft.subject,
        "checks": summary,
        "fields": draft.to_dict()["fields"],
    }
    if edited:
        meta["edited"] = True
    return _front_matter(meta) + draft.plain_text() + "\n"


def _front_matter(meta: Mapping[str, Any]) -> str:
    lines = ["---"] + [
        f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items()
    ]
    return "\n".join(lines) + "\n---\n\n"


def _split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    text = (text or "").replace("\r\n", "\n")
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---\n", 4)
    if end < 0:
        return {}, text
    meta: dict[str, Any] = {}
    for line in text[4:end].split("\n"):
        key, sep, value = line.partition(": ")
        if not sep:
            continue
        try:
            meta[key.strip()] = json.loads(value)
        except json.JSONDecodeError:
            meta[key.strip()] = value
    return meta, text[end + 5 :].lstrip("\n")


def parse_draft_document(text: str) -> dict[str, Any]:
    """Front matter and text of a saved draft: ``kind``, ``fields``, ``saved_at``, ``text``...

    The ``Subject:`` line (if any) is taken off the text.
    """
    meta, body = _split_front_matter(text)
    body = body.rstrip("\n")
    if meta.get("subject") and body.startswith("Subject: "):
        body = body.split("\n", 1)[1].lstrip("\n") if "\n" in body else ""
    return {**meta, "text": body}


def rebuild_draft(saved: Mapping[str, Any]) -> Draft:
    """Run the builder again on a saved draft's fields (fresh checks).

    >>> d = compose.introduction(full_name="Ada Example", connection="Lee Park suggested it",
    ...                          background="I study nursing", interests="community care")
    >>> rebuild_draft(parse_draft_document(draft_document(d))).text == d.text
    True
    """
    kind = saved.get("kind")
    if kind not in DRAFT_BUILDERS:
        raise ValueError(f"cannot rebuild a draft of kind {kind!r}")
    return DRAFT_BUILDERS[kind](**dict(saved.get("fields") or {}))


def save_draft(
    workbook, contact_id: str, draft: Draft, *, name: str | None = None, edited: bool = False
) -> Path:
    """Save a draft as ``<name>.md`` in the contact's prep folder (default: :func:`draft_name`).

    ``edited=True`` records that the text is the person's own edit (reopened as typed).
    """
    stem = name or draft_name(draft)
    return workbook.write_prep(contact_id, f"{stem}.md", draft_document(draft, edited=edited))


def save_eml(
    workbook, contact_id: str, draft: Draft, *, to: str, from_: str, name: str | None = None
) -> Path:
    """Save an unsent e-mail draft (``.eml``) beside the Markdown draft."""
    raw = compose.to_eml(draft, to=to, from_=from_)
    stem = name or draft_name(draft)
    return workbook.write_prep(contact_id, f"{stem}.eml", raw.decode("utf-8"))


def load_draft(workbook, contact_id: str, name: str) -> dict[str, Any] | None:
    """A saved draft (see :func:`parse_draft_document`), or None if there is none."""
    stem = name[:-3] if name.endswith(".md") else name
    text = workbook.read_prep(contact_id, f"{stem}.md", default="")
    if not text:
        return None
    return parse_draft_document(text)


def load_saved_draft(
    workbook, contact_id: str, kind: str, *, channel: str = "email"
) -> dict[str, Any] | None:
    """The saved draft of one ``kind`` for a contact (a request: the one for ``channel``)."""
    if kind not in _DRAFT_FILES:
        raise ValueError(f"kind must be one of {', '.join(_DRAFT_FILES)}")
    stems = [f"request_{channel}"] if kind == "request" else _DRAFT_FILES[kind]
    for stem in stems:
        saved = load_draft(workbook, contact_id, stem)
        if saved:
            return saved
    return None


def split_subject_line(text: str) -> tuple[str | None, str]:
    """Split a ``Subject: ...`` first line (as the copy box shows e-mails) from the text.

    >>> split_subject_line("Subject: A question\\n\\nHi Dana,")
    ('A question', 'Hi Dana,')
    >>> split_subject_line("Hi Dana,")
    (None, 'Hi Dana,')
    """
    first, newline, rest = text.partition("\n")
    if not first.startswith("Subject:"):
        return None, text
    return first[len("Subject:") :].strip() or None, rest.lstrip("\n") if newline else ""


def edited_draft(generated: Draft, text: str) -> Draft:
    """``generated`` with the person's own ``text`` in place of the built one, checked afresh.

    For an e-mail the text may start with a ``Subject:`` line (the copy box shows
    one); it becomes the subject. Line ends are normalised and trailing blank
    lines dropped, so what is saved, downloaded and previewed is the same text.

    >>> d = compose.introduction(full_name="Ada Example", connection="Lee Park suggested it",
    ...                          background="I study nursing", interests="community care")
    >>> mine = edited_draft(d, "Hello, I'm Ada Example. Lee Park suggested we talk.\\r\\n")
    >>> mine.text, mine.fields == d.fields
    ("Hello, I'm Ada Example. Lee Park suggested we talk.", True)
    """
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").rstrip()
    subject = None
    if generated.subject is not None:  # still an e-mail without its Subject line: no subject
        subject, text = split_subject_line(text)
        subject = subject or ""
    channel = generated.channel if generated.channel in CHECKED_CHANNELS else "email"
    checks = check_draft(text, kind=generated.kind, channel=channel)
    # what only the form knows (the dates, for a thank-you's "within a day") still holds
    about_text = {c.name for c in check_draft(generated.text, kind=generated.kind, channel=channel)}
    form_only = [c for c in generated.checks if c.name not in about_text]
    return replace(
        generated, text=text, subject=subject, body="", checks=list(merge_checks(checks, form_only))
    )


def _newest(workbook, name: str) -> tuple[str, dict[str, Any]] | None:
    """The contact and front matter of the most recently saved prep file ``name`` (any contact)."""
    best: tuple[str, dict[str, Any]] | None = None
    for contact_id in workbook.contacts["contact_id"].dropna().tolist():
        if not workbook.prep_path(contact_id, name).exists():
            continue
        meta, body = _split_front_matter(workbook.read_prep(contact_id, name))
        meta = {**meta, "text": body}
        if best is None or str(meta.get("saved_at", "")) > str(best[1].get("saved_at", "")):
            best = (contact_id, meta)
    return best


def your_details(workbook) -> dict[str, str]:
    """Your own name, background, interests, e-mail and phone, from your latest saved drafts.

    Lets each notebook fill in what you already typed in another one. Empty
    strings when nothing is saved yet.
    """
    details = {
        "your_name": "",
        "background": "",
        "interests": "",
        "email": "",
        "phone": "",
        "situation": "",
    }
    sources = [
        (
            "introduction.md",
            {"full_name": "your_name", "background": "background", "interests": "interests"},
        ),
        (
            "request_email.md",
            {
                "your_name": "your_name",
                "situation": "situation",
                "interest": "interests",
                "your_email": "email",
                "your_phone": "phone",
            },
        ),
        (
            "request_linkedin.md",
            {"your_name": "your_name", "situation": "situation", "interest": "interests"},
        ),
        (
            "request_letter.md",
            {
                "your_name": "your_name",
                "situation": "situation",
                "your_email": "email",
                "your_phone": "phone",
            },
        ),
        ("voicemail.md", {"your_name": "your_name", "email": "email", "phone": "phone"}),
        ("thank_you.md", {"your_name": "your_name"}),
    ]
    found: list[tuple[str, str, str]] = []  # (saved_at, key, value)
    for file_name, mapping in sources:
        newest = _newest(workbook, file_name)
        if newest is None:
            continue
        meta = newest[1]
        fields = meta.get("fields") or {}
        for source_key, key in mapping.items():
            value = fields.get(source_key)
            if isinstance(value, str) and value.strip():
                found.append((str(meta.get("saved_at", "")), key, value.strip()))
    for _, key, value in sorted(found):  # newest wins
        details[key] = value
    return details


# --------------------------------------------------------------------------- pre-filling forms

_DRAFT_FILES = {
    "introduction": ["introduction"],
    "request": ["request_email", "request_linkedin", "request_letter"],
    "voicemail": ["voicemail"],
    "thank_you": ["thank_you"],
    "follow_up": ["follow_up"],
    "stay_in_touch": ["stay_in_touch"],
}
#: Saved fields that describe the moment of saving, not the message: never reopened.
_TRANSIENT = {"today", "sent_on"}


def latest_meeting(workbook, contact_id: str) -> dict[str, Any] | None:
    """Front matter of the newest ``meeting_<date>.md`` of a contact, or None."""
    folder = workbook.prep_path(contact_id, "meeting.md").parent
    if not folder.is_dir():
        return None
    metas = [
        _split_front_matter(workbook.read_prep(contact_id, path.name))[0]
        for path in sorted(folder.glob("meeting_*.md"))
    ]
    metas = [m for m in metas if m]
    return max(metas, key=lambda m: str(m.get("held_at", ""))) if metas else None


def suggested_fields(
    workbook, contact_id: str, kind: str, *, channel: str = "email"
) -> dict[str, Any]:
    """Starting values for a form: what you typed before, the contact's details, dates from the log.

    In order of preference: the draft of this ``kind`` you saved for this
    contact; your own details from other saved drafts; the contact's name and
    a first wording of your connection; dates taken from the log (the meeting
    for a thank-you, the request for a follow-up). Only the builder's keyword
    arguments are returned.
    """
    import inspect

    if kind not in DRAFT_BUILDERS:
        raise ValueError(f"kind must be one of {', '.join(DRAFT_BUILDERS)}")
    accepted = set(inspect.signature(DRAFT_BUILDERS[kind]).parameters)
    values = _details_for(workbook, contact_id, channel=channel)
    values.update(_dates_for(workbook, contact_id, kind))
    stems = _DRAFT_FILES[kind] if kind != "request" else [f"request_{channel}"]
    for stem in stems:
        saved = load_draft(workbook, contact_id, stem)
        if saved:
            for key, value in (saved.get("fields") or {}).items():
                if key in _TRANSIENT or value in (None, ""):
                    continue
                values[key] = value
            break
    return {k: v for k, v in values.items() if k in accepted}


def _details_for(workbook, contact_id: str, *, channel: str) -> dict[str, Any]:
    """Your details, the contact's name and your connection (as typed, else a first wording)."""
    contact = workbook.contact(contact_id)
    you = your_details(workbook)
    referrer = _referrer_name(workbook, contact)
    connection = ""
    for stem in (
        "introduction",
        "request_email",
        "request_linkedin",
        "request_letter",
        "voicemail",
    ):
        saved = load_draft(workbook, contact_id, stem)
        if saved and _value((saved.get("fields") or {}).get("connection")):
            connection = saved["fields"]["connection"]
            break
    return {
        "contact_name": _value(contact.get("name")),
        "connection": connection or connection_phrase(contact, referrer_name=referrer),
        "your_name": you["your_name"],
        "full_name": you["your_name"],
        "background": you["background"],
        "interests": you["interests"],
        "interest": you["interests"],
        "situation": you["situation"] or situation_from_background(you["background"]),
        "your_email": you["email"],
        "your_phone": you["phone"],
        "email": you["email"],
        "phone": you["phone"],
        "referrer": referrer or "",
        "channel": channel,
    }


def _dates_for(workbook, contact_id: str, kind: str) -> dict[str, Any]:
    """Dates from the log: the meeting for a thank-you or an update, the request for a follow-up."""
    events, today = workbook.events, dt.date.today()
    met = last_event_on(events, contact_id, "meeting_held")
    if kind == "thank_you":
        meeting = latest_meeting(workbook, contact_id)
        learned = _value((meeting or {}).get("learned"))
        return {"learned": learned, "meeting_on": met or today, "sent_on": today}
    if kind == "stay_in_touch":
        return {"met_on": met or today, "today": today}
    if kind != "follow_up":
        return {}
    asked = last_event_on(events, contact_id, "request_sent")
    values: dict[str, Any] = {"sent_on": asked or today, "today": today}
    if asked is not None:
        mine = events[(events["contact_id"] == contact_id)]
        after = mine["at"] >= pd.Timestamp(asked)
        values["follow_ups_already_sent"] = int((after & (mine["kind"] == "follow_up_sent")).sum())
    return values


_I_AM = re.compile(r"^\s*(?:i\s*['’]?\s*m|i\s+am)\s+", re.IGNORECASE)


def situation_from_background(background: str) -> str:
    """Your background from the introduction (02), worded to follow your name in a request (03).

    >>> situation_from_background("I'm finishing a master's in public health.")
    "finishing a master's in public health"
    >>> situation_from_background("A second-year nursing student")
    'a second-year nursing student'
    >>> situation_from_background("Harbor College graduate, now in retail")
    'Harbor College graduate, now in retail'
    """
    text = _I_AM.sub("", (background or "").strip()).rstrip(" .")
    first = text.split(" ", 1)[0]
    # "A student", "Finishing a degree": lower case after a comma; names keep their capital
    if first in ("A", "An", "The", "Currently", "Now") or (
        first.endswith("ing") and first[1:].islower()
    ):
        text = text[0].lower() + text[1:]
    return text


def _referrer_name(workbook, contact: Mapping[str, Any]) -> str | None:
    referred_by = _value(contact.get("referred_by"))
    if not referred_by:
        return None
    try:
        return _value(workbook.contact(referred_by).get("name")) or None
    except KeyError:
        return referred_by  # the workbook kept a name it could not match to a contact


# --------------------------------------------------------------------------- connection wording

_CONNECTION_PHRASES = {
    "referral": "{referrer} suggested I get in touch with you",
    "alumni": "We both studied at [your school]",
    "faculty": "[Your professor's name] at [your school] suggested I contact you",
    "family": "My [relative], [their name], suggested I get in touch",
    "friend": "[Your friend's name] suggested I get in touch",
    "colleague": "We worked together at [organisation]",
    "event": "We met at [the event] and I enjoyed talking with you",
    "cold": "I came across your work on [topic] and found it useful",
}


def connection_phrase(contact: Mapping[str, Any], *, referrer_name: str | None = None) -> str:
    """A first wording for "how we are connected", from the contact's connection type.

    Words in [square brackets] are for you to replace; the checks flag any left.

    >>> connection_phrase({"connection": "referral"}, referrer_name="Lee Park")
    'Lee Park suggested I get in touch with you'
    >>> connection_phrase({"connection": "alumni"})
    'We both studied at [your school]'
    """
    kind = _value(contact.get("connection")) or ""
    template = _CONNECTION_PHRASES.get(kind)
    if template is None:
        return ""
    return template.format(referrer=referrer_name or "[who referred you]")


def clean_text(value: Any) -> str:
    """A cell as text for a form field: '' for missing values, else stripped text."""
    return _value(value)


def _value(value: Any) -> str:
    if value is None:
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value).strip()


# --------------------------------------------------------------------------- checklist


def checklist_markdown(done: Mapping[str, bool]) -> str:
    """The meeting-day checklist as a Markdown task list.

    >>> print(checklist_markdown({"arrive": True}).splitlines()[3])
    - [x] Arrive (or join the call) about five minutes early. <!-- arrive -->
    """
    lines = ["# Meeting-day checklist", ""]
    for key, text in MEETING_CHECKLIST.items():
        mark = "x" if done.get(key) else " "
        lines.append(f"- [{mark}] {text} <!-- {key} -->")
    return "\n".join(lines) + "\n"


_TASK = re.compile(r"^- \[([ xX])\] .*<!-- (\w+) -->\s*$")


def parse_checklist(text: str) -> dict[str, bool]:
    """Which checklist items are ticked (every known item present, False if unticked).

    >>> parse_checklist(checklist_markdown({"dress": True, "names": True}))["names"]
    True
    """
    done = dict.fromkeys(MEETING_CHECKLIST, False)
    for line in (text or "").splitlines():
        match = _TASK.match(line.strip())
        if match and match.group(2) in done:
            done[match.group(2)] = match.group(1).lower() == "x"
    return done


def save_checklist(workbook, contact_id: str, done: Mapping[str, bool]) -> Path:
    """Save the ticked checklist for a contact (``checklist.md``)."""
    unknown = sorted(set(done) - set(MEETING_CHECKLIST))
    if unknown:
        raise ValueError(f"unknown checklist item(s): {', '.join(unknown)}")
    return workbook.write_prep(contact_id, CHECKLIST_FILE, checklist_markdown(done))


def load_checklist(workbook, contact_id: str) -> dict[str, bool]:
    """The saved checklist of a contact (nothing ticked if none saved)."""
    return parse_checklist(workbook.read_prep(contact_id, CHECKLIST_FILE))


# --------------------------------------------------------------------------- interview sheet


def save_interview_sheet(workbook, contact_id: str, sheet) -> Path:
    """Save a :class:`~.questions.Sheet` as ``interview_sheet.md`` + ``.html``."""
    plan = sheet.questions.loc[
        :,
        [
            c
            for c in ("id", "category", "question", "minutes", "frameworks", "ends_at")
            if c in sheet.questions.columns
        ],
    ]
    meta = {
        "kind": "interview_sheet",
        "saved_at": dt.datetime.now().replace(microsecond=0).isoformat(),
        "minutes": int(sheet.minutes),
        "meeting_on": sheet.meeting_on.isoformat() if sheet.meeting_on else None,
        "questions": json.loads(plan.to_json(orient="records")),
    }
    workbook.write_prep(contact_id, SHEET_PAGE, sheet.to_html_page())
    return workbook.write_prep(contact_id, SHEET_FILE, _front_matter(meta) + sheet.to_markdown())


# --------------------------------------------------------------------------- meeting capture


@dataclass(frozen=True)
class MeetingRecord:
    """What :func:`capture_meeting` did: the meeting, the people added, the notes file."""

    contact_id: str
    held_at: pd.Timestamp
    referred_ids: list[str]
    new_ids: list[str]
    path: Path
    #: True when a meeting with this contact was already logged that day: nothing was written.
    already_logged: bool = False


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def parse_names(text: str) -> list[dict[str, str]]:
    """People named in a meeting, one per line: ``Name, Organisation, role, e-mail``.

    Only the name is needed; an e-mail can go anywhere after it. Bullets are ignored.

    >>> text = "- Sam Lee, Harbor Health, analyst\\nRiya Patel riya@example.com"
    >>> for person in parse_names(text):
    ...     print(person)
    {'name': 'Sam Lee', 'organization': 'Harbor Health', 'role': 'analyst'}
    {'name': 'Riya Patel', 'email': 'riya@example.com'}
    """
    people = []
    for line in _items(text or ""):
        tokens = [t.strip() for t in line.split(",")]
        person: dict[str, str] = {}
        rest = []
        for token in tokens:
            words = token.split()
            mails = [w for w in words if _EMAIL.match(w.strip("<>()"))]
            for mail in mails:
                person["email"] = mail.strip("<>()")
            token = " ".join(w for w in words if w not in mails)
            if token:
                rest.append(token)
        if not rest:
            continue
        person = {"name": rest[0], **person}
        for key, value in zip(("organization", "role"), rest[1:], strict=False):
            person[key] = value
        people.append(
            dict(
                sorted(
                    person.items(),
                    key=lambda kv: ("name", "organization", "role", "email").index(kv[0]),
                )
            )
        )
    return people


_PERSON_FIELDS = (
    "name",
    "organization",
    "role",
    "field",
    "email",
    "phone",
    "linkedin_url",
    "notes",
)


def _people(names_given: Iterable[Mapping[str, Any] | str]) -> list[dict[str, str]]:
    people = []
    for entry in names_given:
        if isinstance(entry, str):
            people += parse_names(entry)
            continue
        unknown = sorted(set(entry) - set(_PERSON_FIELDS))
        if unknown:
            raise ValueError(f"names_given: unknown field(s) {', '.join(unknown)}")
        person = {k: _value(v) for k, v in entry.items() if _value(v)}
        if person.get("name"):
            people.append(person)
    return people


def meeting_event_notes(*, learned: str = "", advice: str = "") -> str | None:
    """The short note stored on the ``meeting_held`` event (what you learned, their advice).

    >>> meeting_event_notes(learned="Most evaluators start in data roles.",
    ...                     advice="Join the regional network")
    'Learned: Most evaluators start in data roles. Advice: Join the regional network.'
    """
    parts = []
    if _value(learned):
        parts.append("Learned: " + sentence(learned))
    if _value(advice):
        parts.append("Advice: " + sentence(advice))
    return " ".join(parts) or None


def meeting_markdown(
    contact: Mapping[str, Any],
    *,
    held_at: pd.Timestamp,
    notes: str = "",
    learned: str = "",
    advice: str = "",
    people: list[dict[str, str]] = (),
) -> str:
    """The meeting notes file (front matter + readable Markdown)."""
    meta = {
        "kind": "meeting",
        "saved_at": dt.datetime.now().replace(microsecond=0).isoformat(),
        "held_at": held_at.isoformat(),
        "learned": _value(learned),
        "advice": _value(advice),
        "names_given": list(people),
    }
    name = _value(contact.get("name")) or "my contact"
    lines = [f"# Meeting with {name}, {held_at:%A} {held_at.day} {held_at:%B %Y}", ""]
    lines += ["## What I learned", "", _escape_block(_value(learned)) or "-", ""]
    lines += ["## Their advice", "", _escape_block(_value(advice)) or "-", ""]
    lines += ["## Names they gave me", ""]
    lines += [
        f"- {', '.join(p[k] for k in ('name', 'organization', 'role', 'email') if p.get(k))}"
        for p in people
    ]
    lines += ["-"] if not people else []
    lines += ["", "## Notes", "", _escape_block(_value(notes)) or "-", ""]
    return _front_matter(meta) + "\n".join(lines)


def event_time(
    day: dt.date | dt.datetime | str | pd.Timestamp, *, now: dt.datetime | None = None
) -> pd.Timestamp:
    """When to record an event chosen as a date: now if it is today, else noon that day.

    >>> event_time(dt.date(2025, 6, 5), now=dt.datetime(2025, 7, 1, 9, 0))
    Timestamp('2025-06-05 12:00:00')
    >>> event_time("2025-07-01", now=dt.datetime(2025, 7, 1, 9, 15, 30))
    Timestamp('2025-07-01 09:15:30')
    """
    if isinstance(day, pd.Timestamp | dt.datetime) and (day.hour, day.minute, day.second) != (
        0,
        0,
        0,
    ):
        return pd.Timestamp(day).floor("s")
    date = as_date(day, "date")
    current = now or dt.datetime.now()
    if date == current.date():
        return pd.Timestamp(current).floor("s")
    return pd.Timestamp(date) + pd.Timedelta(hours=12)


def _add_referrals(
    workbook, contact_id: str, people: list[dict[str, str]], *, at: pd.Timestamp, channel
) -> tuple[list[str], list[str]]:
    """A ``referral_received`` per name given; new people added. Returns (referred, new) ids."""
    referred: list[str] = []
    new: list[str] = []
    for person in people:
        existing = workbook.find_contact(person["name"])
        if existing is None:
            existing = workbook.add_contact(
                **person, connection="referral", referred_by=contact_id, added_on=at
            )
            new.append(existing)
        referred.append(existing)
        workbook.log_event(
            contact_id,
            "referral_received",
            at=at,
            channel=channel,
            notes=f"Suggested I talk to {person['name']}.",
        )
    return referred, new


def capture_meeting(
    workbook,
    contact_id: str,
    *,
    held_on,
    notes: str = "",
    learned: str = "",
    advice: str = "",
    names_given: Iterable[Mapping[str, Any] | str] = (),
    channel: str | None = None,
    again: bool = False,
    takeaways=None,
) -> MeetingRecord:
    """Record a meeting: ``meeting_held``, a ``referral_received`` per name, the new people added.

    A meeting with this contact already logged on that day is not logged twice:
    nothing is written and the record says ``already_logged`` (``again=True``
    logs a second meeting that day all the same).

    ``names_given`` holds dicts (``name``, ``organization``, ``role``, ``email``...)
    or strings read like the lines of the form: ``Name, Organisation, role, e-mail``.
    Each name becomes a contact with connection ``referral`` and
    ``referred_by`` = ``contact_id`` (a name already in the workbook is reused,
    not duplicated). The notes go to ``prep/<contact_id>/meeting_<date>.md``;
    what you learned and their advice also go on the meeting event, where the
    reflection notebook finds them. Everything is saved in one write.
    ``takeaways`` (a :class:`~infoview_kit.workshop.takeaways.Takeaways`) go
    into the meeting file too.
    """
    contact = workbook.contact(contact_id)
    people = _people(names_given)
    held_at = event_time(held_on)
    path = workbook.prep_path(contact_id, f"meeting_{held_at:%Y-%m-%d}.md")
    with workbook.batch():
        added = workbook.log_event(
            contact_id,
            "meeting_held",
            at=held_at,
            channel=channel,
            notes=meeting_event_notes(learned=learned, advice=advice),
            allow_repeat=again,
        )
        if not added:
            return MeetingRecord(contact_id, held_at, [], [], path, already_logged=True)
        referred, new = _add_referrals(workbook, contact_id, people, at=held_at, channel=channel)
    text = meeting_markdown(
        contact, held_at=held_at, notes=notes, learned=learned, advice=advice, people=people
    )
    path = workbook.write_prep(contact_id, f"meeting_{held_at:%Y-%m-%d}.md", text)
    if takeaways is not None and not takeaways.empty:
        takeaways.save_to(workbook, contact_id, held_on=held_at)
    return MeetingRecord(contact_id, held_at, referred, new, path)


# --------------------------------------------------------------------------- events


def last_event_on(
    events: pd.DataFrame, contact_id: str, kinds: str | Iterable[str]
) -> dt.date | None:
    """The date of the latest event of ``kinds`` with a contact, or None.

    >>> ev = pd.DataFrame({"contact_id": ["a", "a"], "kind": ["request_sent", "meeting_held"],
    ...                    "at": pd.to_datetime(["2025-05-01", "2025-05-20"])})
    >>> last_event_on(ev, "a", "meeting_held")
    datetime.date(2025, 5, 20)
    """
    kinds = [kinds] if isinstance(kinds, str) else list(kinds)
    mask = (events["contact_id"] == contact_id) & events["kind"].astype("str").isin(kinds)
    latest = events.loc[mask, "at"].max()
    return None if pd.isna(latest) else pd.Timestamp(latest).date()


# --------------------------------------------------------------------------- check my work

_STEPS = ("contacts", "introduction", "request", "questions", "meeting", "follow_up")


def check_my_work(workbook, step: str) -> Checks:
    """The "check my work" of each preparation notebook, as ✓ / ! / ✗ lines.

    ``step`` is one of ``contacts`` (01), ``introduction`` (02), ``request``
    (03), ``questions`` (04), ``meeting`` (05), ``follow_up`` (06). Each looks
    at what you saved most recently in the workbook.
    """
    if step not in _STEPS:
        raise ValueError(f"step must be one of {', '.join(_STEPS)}")
    return {
        "contacts": _check_contacts,
        "introduction": _check_introduction,
        "request": _check_request,
        "questions": _check_questions,
        "meeting": _check_meeting,
        "follow_up": _check_follow_up,
    }[step](workbook)


def _who(workbook, contact_id: str) -> str:
    return _value(workbook.contact(contact_id).get("name")) or "your contact"


def _check_contacts(workbook) -> Checks:
    checks = Checks()
    contacts = workbook.contacts
    if contacts.empty:
        checks.append(Check.fail("a contact", "add the first person you would like to talk to."))
        return checks
    n = len(contacts)
    checks.append(
        Check.ok("a contact", f"{n} {'person' if n == 1 else 'people'} in your workbook.")
    )
    newest = _newest(workbook, RESEARCH_FILE)
    if newest is None:
        checks.append(
            Check.fail("research notes", "pick a contact and save research notes for them.")
        )
        return checks
    contact_id, meta = newest
    checks.append(Check.ok("research notes", f"saved for {_who(workbook, contact_id)}."))
    if _value(workbook.contact(contact_id).get("connection")):
        checks.append(Check.ok("connection", "you recorded how you are connected."))
    else:
        checks.append(
            Check.warn("connection", "record how you are connected (referral, alumni, event...).")
        )
    checks.extend(check_research_notes(parse_research(meta["text"])))
    return checks


def _check_saved_draft(
    workbook, names: Iterable[str], what: str, hint: str
) -> tuple[Checks, str | None, Draft | None]:
    checks = Checks()
    candidates = [n for n in (_newest(workbook, name) for name in names) if n is not None]
    if not candidates:
        checks.append(Check.fail(what, hint))
        return checks, None, None
    contact_id, meta = max(candidates, key=lambda c: str(c[1].get("saved_at", "")))
    try:
        draft = rebuild_draft(meta)
    except (TypeError, ValueError):
        checks.append(Check.warn(what, "the saved draft could not be reopened; save it again."))
        return checks, contact_id, None
    checks.append(Check.ok(what, f"saved for {_who(workbook, contact_id)}."))
    checks.extend(c for c in draft.checks if c.severity != "ok" or c.name in _HEADLINE_CHECKS)
    return checks, contact_id, draft


_HEADLINE_CHECKS = {
    "about 30 seconds",
    "length",
    "LinkedIn limit",
    "asks for advice, not a job",
    "short enough",
    "within a day",
    "something specific",
}


def _check_introduction(workbook) -> Checks:
    checks, _, _ = _check_saved_draft(
        workbook, ["introduction.md"], "introduction", "write your introduction and press Save."
    )
    return checks


def _check_request(workbook) -> Checks:
    names = ["request_email.md", "request_linkedin.md", "request_letter.md", "voicemail.md"]
    checks, contact_id, draft = _check_saved_draft(
        workbook, names, "request", "write a request and press Save draft."
    )
    if contact_id is None:
        return checks
    kinds = (
        ["voicemail_left"] if draft is not None and draft.kind == "voicemail" else ["request_sent"]
    )
    if last_event_on(workbook.events, contact_id, [*kinds, "request_sent", "voicemail_left"]):
        checks.append(Check.ok("logged", "the request is in your log."))
    else:
        checks.append(
            Check.fail("logged", "once it is sent, press the Log button so your log knows.")
        )
    return checks


def _check_questions(workbook) -> Checks:
    from infoview_kit.messages.questions import check_question_plan

    checks = Checks()
    newest = _newest(workbook, SHEET_FILE)
    if newest is None:
        checks.append(Check.fail("interview sheet", "choose your questions and press Save sheet."))
        return checks
    contact_id, meta = newest
    checks.append(Check.ok("interview sheet", f"saved for {_who(workbook, contact_id)}."))
    plan = pd.DataFrame(
        meta.get("questions") or [],
        columns=["id", "category", "question", "minutes", "frameworks", "ends_at"],
    )
    checks.extend(
        check_question_plan(plan.fillna({"frameworks": ""}), minutes=int(meta.get("minutes") or 0))
    )
    return checks


def _check_meeting(workbook) -> Checks:
    checks = Checks()
    candidates = []
    for contact_id in workbook.contacts["contact_id"].dropna().tolist():
        folder = workbook.prep_path(contact_id, "x.md").parent
        for path in folder.glob("meeting_*.md") if folder.is_dir() else []:
            meta, _ = _split_front_matter(workbook.read_prep(contact_id, path.name))
            candidates.append((str(meta.get("saved_at", "")), contact_id, meta))
    if not candidates:
        checks.append(
            Check.fail(
                "meeting notes",
                "after a meeting, fill in what you learned and press Log the meeting.",
            )
        )
        return checks
    _, contact_id, meta = max(candidates, key=lambda c: c[0])
    who = _who(workbook, contact_id)
    checks.append(Check.ok("meeting notes", f"saved for your meeting with {who}."))
    if last_event_on(workbook.events, contact_id, "meeting_held"):
        checks.append(Check.ok("logged", "the meeting is in your log."))
    else:
        checks.append(Check.fail("logged", "the meeting is not in your log yet."))
    if _value(meta.get("learned")):
        checks.append(Check.ok("what you learned", "noted."))
    else:
        checks.append(Check.warn("what you learned", "write down at least one thing you learned."))
    names = meta.get("names_given") or []
    if len(names) >= 2:
        checks.append(
            Check.ok("new names", f"{len(names)} people to talk to next, added to your contacts.")
        )
    elif len(names) == 1:
        checks.append(
            Check.ok("new names", "one person to talk to next; next time ask for two or three.")
        )
    else:
        checks.append(
            Check.warn("new names", "no new names yet; ask whom else you should talk to.")
        )
    ticked = load_checklist(workbook, contact_id)
    left = [k for k, v in ticked.items() if not v]
    if not left:
        checks.append(Check.ok("checklist", "every item ticked."))
    else:
        checks.append(
            Check.warn("checklist", f"{len(left)} of {len(ticked)} meeting-day items not ticked.")
        )
    return checks


def _check_follow_up(workbook) -> Checks:
    checks, contact_id, _ = _check_saved_draft(
        workbook,
        ["thank_you.md"],
        "thank-you note",
        "write your thank-you note and press Save draft.",
    )
    if contact_id is None:
        return checks
    events = workbook.events
    thanked = last_event_on(events, contact_id, "thank_you_sent")
    met = last_event_on(events, contact_id, "meeting_held")
    if thanked is None:
        checks.append(Check.fail("logged", "once it is sent, press Log thank-you sent."))
    elif met is not None and (thanked - met).days > 1:
        checks.append(
            Check.warn(
                "logged",
                f"logged {(thanked - met).days} days after the meeting; aim for within a day.",
            )
        )
    else:
        checks.append(Check.ok("logged", "the thank-you is in your log."))
    return checks
