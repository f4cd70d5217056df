"""Calendar files (``.ics`` from Google Calendar or Outlook) read into meeting events.

Every event with someone other than you among its guests (or as organiser)
gives each such person one event:

* ``meeting_cancelled`` when the event is cancelled (``STATUS:CANCELLED``, a
  file that cancels, ``METHOD:CANCEL``, or a title Outlook marks "Canceled:");
* ``declined`` when that person declined (``PARTSTAT=DECLINED``);
* ``meeting_held`` when it started before ``today``, else ``meeting_scheduled``.

Times: zones named in the file (``VTIMEZONE`` blocks, Windows names as Outlook
writes them, Outlook's display names such as "(UTC+01:00) Amsterdam, Berlin...",
or IANA names) are honoured and stored in UTC; all-day events
start at midnight; floating times use the calendar's own zone
(``X-WR-TIMEZONE``) when it has one. A zone nobody can resolve is reported
and the time read as UTC, never a crash.

Left out and counted as rejected: events with no one else, events with more
than ``max_guests`` other people (talks, classes), series that repeat every
day or week (and their moved or changed dates), and events without a
readable start.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd

from infoview_kit.errors import NotALogError, UnreadableFileError
from infoview_kit.io.importers._common import (
    LOADED,
    REJECTED,
    Accounting,
    LibraryNotes,
    Source,
    decode_text,
    finish,
    given_family_names,
    lookup,
    read_bytes,
    remove_nul,
    source_name,
    unify_line_ends,
)
from infoview_kit.io.importers._display_zones import display_zone
from infoview_kit.io.importers._icalendar_text import prepare
from infoview_kit.io.limits import Limits, resolve
from infoview_kit.model import OutreachLog, Problems
from infoview_kit.schema import make_contact_ids

#: More other people than this in one event: a group event, not a conversation.
MAX_GUESTS = 8

_VIDEO = re.compile(
    r"zoom\.us|meet\.google\.com|teams\.microsoft\.com|teams\.live\.com|webex\.com|whereby\.com|skype",
    re.IGNORECASE,
)
_PHONE = re.compile(r"^\s*(?:tel:)?\+?[\d\s().-]{7,}\s*$", re.IGNORECASE)
_URL = re.compile(r"^\s*https?://", re.IGNORECASE)
_NOT_PEOPLE = re.compile(
    r"@(?:resource\.|group\.)?calendar\.google\.com$|^noreply@|^no-reply@", re.IGNORECASE
)
#: Addresses of a group or mailing list rather than a person.
_GROUP_ADDRESS = re.compile(
    r"@(?:googlegroups\.com|lists?\.|groups?\.)|^(?:all|everyone|team|staff|students?|"
    r"alumni|members|list|group|info|announce\w*)[-._@]|[-.]l@|-(?:list|group|team|all)@",
    re.IGNORECASE,
)
#: Repeating every day or week: a class, a stand-up or a club, not an information interview.
_SERIES = ("DAILY", "WEEKLY")


def read_ics(
    source: Source,
    *,
    owner: str | None = None,
    owner_address: str | Iterable[str] | None = None,
    today: pd.Timestamp | str | None = None,
    max_guests: int = MAX_GUESTS,
    name: str | None = None,
    limits: Limits | None = None,
) -> OutreachLog:
    """Read a calendar (a path, or its bytes) into contacts and meeting events.

    ``owner`` labels the log (default: your address); ``owner_address`` is
    your address (or several) when the guess from the data is wrong (the
    calendar's name when it is an address, as in Google exports, else the
    address found in most events); ``today`` splits held from scheduled
    meetings (default: now, UTC).

    >>> ics = (
    ...     b"BEGIN:VCALENDAR\\r\\nVERSION:2.0\\r\\nPRODID:-//Example//EN\\r\\n"
    ...     b"BEGIN:VEVENT\\r\\nUID:e1@example.com\\r\\nDTSTART:20250612T150000Z\\r\\n"
    ...     b"SUMMARY:Coffee with Ada\\r\\nORGANIZER:mailto:sam@example.com\\r\\n"
    ...     b"ATTENDEE;CN=Ada Example;PARTSTAT=ACCEPTED:mailto:ada@example.com\\r\\n"
    ...     b"END:VEVENT\\r\\nEND:VCALENDAR\\r\\n"
    ... )
    >>> log = read_ics(ics, owner_address="sam@example.com", today="2025-07-01", name="cal.ics")
    >>> log.events[["kind", "at", "notes"]].astype(str).values.tolist()
    [['meeting_held', '2025-06-12 15:00:00', 'Coffee with Ada']]
    """
    label = source_name(source, name)
    problems = Problems()
    import icalendar  # noqa: F401 - before LibraryNotes: its loggers exist once imported

    with LibraryNotes() as notes:
        calendars, events = _parse(source, label, resolve(limits), problems)
        records, guests = _records(events, label, problems)
    _report_notes(notes, label, problems)
    now = pd.Timestamp.now(tz="UTC").tz_localize(None) if today is None else pd.Timestamp(today)
    me = _owner_addresses(records, guests, calendars, owner=owner, owner_address=owner_address)
    if not me and len(guests):
        problems.add(label, None, "ATTENDEE", None, _WHICH_ADDRESS, kept=True)
    log_owner = owner or (me[0] if me else "me")

    others = guests[~guests["addr"].isin(me) & ~guests["room"]]
    others = others[~others["addr"].str.contains(_NOT_PEOPLE)]
    people = others[~others["group"]].drop_duplicates(["record", "addr"])
    records["groups"] = (
        others[others["group"]]
        .groupby("record")
        .size()
        .reindex(records["record"], fill_value=0)
        .to_numpy()
    )
    _decide(records, people, max_guests=max_guests, label=label, problems=problems)
    events = _meetings(records, guests, people, me, now=now, owner=log_owner, label=label)
    contacts = _contacts(people, events, owner=log_owner)
    events["contact_id"] = lookup(events["addr"], contacts.set_index("email")["contact_id"])
    accounting = Accounting(problems)
    accounting.add_file(label, "calendar", records["outcome"])
    return finish(contacts, events, accounting)


def _decide(
    records: pd.DataFrame, people: pd.DataFrame, *, max_guests: int, label: str, problems: Problems
) -> None:
    """Mark each event loaded or rejected (first reason wins); one problem row per rejection."""
    n_people = people.groupby("record").size().reindex(records["record"], fill_value=0).to_numpy()
    records["outcome"] = LOADED
    records["reason"] = pd.NA
    records["column"] = pd.NA
    _reject(records, records["broken"], _BROKEN_EVENT, None)
    _reject(records, records["start"].isna(), "no readable start time", "DTSTART")
    series = "a series that repeats every day or week: not an information interview"
    _reject(records, records["repeats"].isin(_SERIES), series, "RRULE")
    series_ids = records.loc[records["repeats"].isin(_SERIES), "uid"].dropna()
    changed = (
        "a changed date of a series that repeats every day or week: not an information interview"
    )
    _reject(records, records["instance"] & records["uid"].isin(series_ids), changed,
            "RECURRENCE-ID")  # fmt: skip
    only_group = "only a group or mailing list invited: not an information interview"
    _reject(records, (n_people == 0) & (records["groups"] > 0), only_group, "ATTENDEE")
    _reject(records, n_people == 0, "no one else invited: not a meeting with a contact", "ATTENDEE")
    group_event = f"more than {max_guests} other people: a group event"
    _reject(records, n_people > max_guests, group_event, "ATTENDEE")
    rejected = records[records["outcome"] == REJECTED]
    for (reason, column), group in rejected.groupby(["reason", "column"], sort=False, dropna=False):
        column = None if pd.isna(column) else column
        problems.add(label, group["record"], column, group["line"], reason, kept=False)


def _meetings(records, guests, people, me, *, now, owner: str, label: str) -> pd.DataFrame:
    """One event per other person of each loaded calendar event."""
    kept = records[records["outcome"] == LOADED]
    mine = guests[guests["addr"].isin(me)].groupby("record")["partstat"].first()
    ev = people[people["record"].isin(kept["record"])].merge(kept, on="record")
    owner_declined = lookup(ev["record"], mine).eq("DECLINED").fillna(False)
    kind = pd.Series("meeting_scheduled", index=ev.index, dtype="str")
    kind = kind.mask(ev["start"] <= now, "meeting_held")
    kind = kind.mask(ev["partstat"].eq("DECLINED").fillna(False), "declined")
    kind = kind.mask(
        ev["status"].eq("CANCELLED").fillna(False) | owner_declined, "meeting_cancelled"
    )
    return pd.DataFrame(
        {
            "owner": owner,
            "addr": ev["addr"],
            "at": ev["start"],
            "kind": kind,
            "channel": _channels(ev),
            "notes": ev["summary"],
            "source": label + ":" + ev["record"].astype("str"),
        }
    )


def _contacts(people: pd.DataFrame, events: pd.DataFrame, *, owner: str) -> pd.DataFrame:
    """One contact per address met, named by the name most often written for it."""
    people = people.assign(cn=given_family_names(people["cn"]))
    names = (
        people.dropna(subset=["cn"]).groupby("addr")["cn"].agg(lambda s: s.value_counts().index[0])
    )
    addrs = pd.Series(events["addr"].unique(), dtype="str")
    contacts = pd.DataFrame(
        {
            "owner": owner,
            "email": addrs,
            "name": lookup(addrs, names.astype("str"))
            if len(names)
            else pd.Series(pd.NA, index=addrs.index, dtype="str"),
        }
    )
    contacts["contact_id"] = make_contact_ids(
        contacts["owner"],
        contacts["email"],
        contacts["name"],
        pd.Series(pd.NA, index=addrs.index, dtype="str"),
    )
    first = events.groupby("addr")["at"].min()
    contacts["added_on"] = lookup(contacts["email"], first).dt.floor("D")
    return contacts


def _reject(records: pd.DataFrame, mask, reason: str, column: str) -> None:
    pick = pd.Series(mask, index=records.index) & records["outcome"].eq(LOADED)
    records.loc[pick, ["outcome", "reason", "column"]] = [REJECTED, reason, column]


def _address(value) -> str | None:
    text = str(value).strip()
    if text.casefold().startswith("mailto:"):
        text = text[7:]
    return text.casefold() if "@" in text else None


#: What a user does when the owner's address cannot be told (no Python names).
_WHICH_ADDRESS = (
    "could not tell which address is yours: give it as the owner "
    "(in a shell: --owner you@example.com)"
)


def _parse(source: Source, label: str, limits: Limits, problems: Problems):
    """The calendars of a file and its events as (event or None, floating zone, start line).

    The text is prepared first (see ``_icalendar_text``); when the parser
    refuses the whole text, each event is parsed on its own, so one broken
    event is one report row and the others load.
    """
    import icalendar

    text = unify_line_ends(decode_text(read_bytes(source, name=label, limits=limits)))
    text = remove_nul(text, label=label, problems=problems)
    if not re.search(r"^\s*BEGIN:(VCALENDAR|VEVENT)\s*$", text[:65536], re.I | re.M):
        raise NotALogError(f"{label}: not a calendar file (expected BEGIN:VCALENDAR at the start).")
    prepared = prepare(text, label=label, limits=limits)
    if prepared.wrapped:
        problems.add(label, None, None, None, _FRAGMENT, kept=True)
    try:
        calendars = icalendar.Calendar.from_ical(prepared.text, multiple=True)
        events = [
            (event, calendar, None)
            for calendar in calendars
            for event in calendar.walk("VEVENT")  # parsing the file: one pass over its events
        ]
    except Exception:  # the parser raises many types on broken text: go event by event
        calendars, events = _parse_each(prepared, label, problems)
    lines = (
        prepared.event_lines if len(prepared.event_lines) == len(events) else [None] * len(events)
    )
    dropped = prepared.dropped_zones
    return calendars, [
        (e, _Zones(c, dropped), n) for (e, c, _), n in zip(events, lines, strict=True)
    ]


_FRAGMENT = "no BEGIN:VCALENDAR around the events: read as one calendar"


def _parse_each(prepared, label: str, problems: Problems):
    """Each event parsed with the calendar's own lines around it; a broken one is None.

    A line outside the events that the parser refuses is left out, one report
    row naming its line.
    """
    import icalendar

    outside: list[tuple[int | None, str]] = []
    blocks: list[list[str]] = []
    current: list[str] | None = None
    for number, line in zip(prepared.numbers, prepared.lines, strict=True):
        upper = line.strip().upper()
        if upper == "BEGIN:VEVENT" and current is None:
            current = [line]
        elif current is not None:
            current.append(line)
            if upper == "END:VEVENT":
                blocks.append(current)
                current = None
        elif upper not in ("END:VCALENDAR", ""):
            outside.append((number, line))
    around = _readable_outside(outside, label, problems)
    if not blocks and len(around) < len(outside):  # no event, and text that is not calendar text
        first = next((n for (n, line) in outside if line not in around and n is not None), None)
        raise UnreadableFileError(
            f"{label}: the calendar could not be read (no event, and broken iCalendar text"
            + (f" from line {first})." if first else ").")
        )
    try:
        skeleton = icalendar.Calendar.from_ical("\r\n".join([*around, "END:VCALENDAR", ""]))
    except Exception:  # the calendar's own structure is broken: nothing can be trusted
        raise UnreadableFileError(
            f"{label}: the calendar could not be read (broken iCalendar text outside its events)."
        ) from None
    events = []
    for block in blocks:
        try:
            one = icalendar.Calendar.from_ical("\r\n".join([*around, *block, "END:VCALENDAR", ""]))
            found = one.walk("VEVENT")
            events.append((found[0] if found else None, skeleton, None))
        except Exception:  # this event only
            events.append((None, skeleton, None))
    return [skeleton], events


def _readable_outside(
    outside: list[tuple[int | None, str]], label: str, problems: Problems
) -> list[str]:
    """The calendar's lines outside its events, each line the parser refuses left out."""
    import icalendar

    kept = []
    for number, line in outside:
        if not line.strip().upper().startswith(("BEGIN:", "END:")):
            try:
                icalendar.Calendar.from_ical(f"BEGIN:VCALENDAR\r\n{line}\r\nEND:VCALENDAR\r\n")
            except Exception:  # this line only
                where = None if number is None else f"line {number}"
                problems.add(label, None, None, where, _UNREADABLE_LINE, kept=True)
                continue
        kept.append(line)
    return kept


_UNREADABLE_LINE = "a line outside the events is not calendar text; left out"


class _Zones:
    """What an event takes from its calendar: the zone its floating times are in, the
    zone definitions left out, and whether the calendar cancels its events."""

    def __init__(self, calendar, dropped: dict[str, str]) -> None:
        self.floating = _zone(calendar.get("X-WR-TIMEZONE"))
        self.dropped = dropped
        #: An invitation file that cancels (Outlook's and Google's "Canceled:" e-mails).
        self.cancels = str(calendar.get("METHOD", "")).strip().upper() == "CANCEL"


def _report_notes(notes: LibraryNotes, label: str, problems: Problems) -> None:
    """The calendar library's own warnings, as kept report rows (never printed)."""
    for message in dict.fromkeys(notes.messages):
        reason = f"calendar library note: {_short(message)}"
        problems.add(label, None, None, None, reason, kept=True)


def _short(message: str) -> str:
    """A library message on one line, without file paths, at most 200 characters."""
    text = " ".join(str(message).split())
    text = re.sub(r"(?:[A-Za-z]:)?[/\\][^\s'\"]+", "<path>", text)
    return text[:200]


def _records(events, label: str, problems: Problems) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One row per VEVENT (start in UTC, status, summary, place) and one per guest."""
    rows, guests = [], []
    for number, (event, zones, line) in enumerate(events, start=1):
        if event is None:
            rows.append({"record": number, "start": None, "broken": True, "line": _at(line)})
            continue
        start = _start(event, zones, label, number, problems)
        if event.get("RRULE") is not None and _repeats(event) not in _SERIES:
            problems.add(
                label, number, "RRULE", None, "repeating event: only its first date is used",
                kept=True,
            )  # fmt: skip
        row = _event_row(number, event, start)
        if zones.cancels or _CANCELLED_TITLE.match(row["summary"] or ""):
            row["status"] = "CANCELLED"
        rows.append({**row, "line": _at(line)})
        guests.extend(_guests(number, event))
    records = pd.DataFrame(
        rows,
        columns=[
            "record", "start", "status", "summary", "where", "location", "conference", "broken",
            "line", "repeats", "uid", "instance",
        ],
    )  # fmt: skip
    records["broken"] = records["broken"].eq(True)
    records["instance"] = records["instance"].eq(True)
    records["start"] = pd.to_datetime(records["start"]).astype("datetime64[us]")
    records["summary"] = records["summary"].astype("str")
    guest_frame = pd.DataFrame(
        guests, columns=["record", "addr", "cn", "partstat", "room", "role", "group"]
    )
    guest_frame["addr"] = guest_frame["addr"].astype("str")
    guest_frame["room"] = guest_frame["room"].astype(bool)
    guest_frame["group"] = guest_frame["group"].astype(bool)
    return records, guest_frame


_BROKEN_EVENT = "the event could not be read (broken iCalendar text)"
#: The word Outlook puts before the title of a meeting its organiser called off (the
#: meeting stays in a guest's calendar, often with no STATUS), in a few languages.
_CANCELLED_TITLE = re.compile(
    r"^\s*(?:cancell?ed|abgesagt|annul[ée]e?|cancelad[oa]|annullat[oa]|geannuleerd|"
    r"inst[äa]llt|aflyst|avlyst|peruttu|odwo[łl]ane)\s*:",
    re.IGNORECASE,
)


def _at(line: int | None) -> str | None:
    return None if line is None else f"line {line}"


def _event_row(number: int, event, start) -> dict:
    return {
        "record": number,
        "start": start,
        "status": str(event.get("STATUS", "")).upper() or None,
        "summary": str(event.get("SUMMARY", "")).strip() or None,
        "where": " ".join(
            str(event.get(p, "")) for p in ("LOCATION", "URL", "X-GOOGLE-CONFERENCE", "DESCRIPTION")
        ),
        "location": str(event.get("LOCATION", "")).strip() or None,
        "conference": event.get("X-GOOGLE-CONFERENCE") is not None,
        "broken": False,
        "repeats": _repeats(event),
        "uid": str(event.get("UID", "")).strip() or None,
        #: One date of a series, changed (moved, retitled) and so written on its own.
        "instance": event.get("RECURRENCE-ID") is not None,
    }


def _repeats(event) -> str | None:
    """How often an event repeats (``WEEKLY``...), or None."""
    rule = event.get("RRULE")
    if rule is None:
        return None
    frequency = rule.get("FREQ") if hasattr(rule, "get") else None
    if isinstance(frequency, list):
        frequency = frequency[0] if frequency else None
    return str(frequency).upper() if frequency else None


def _guests(number: int, event) -> list[dict]:
    attendees = event.get("ATTENDEE", [])
    attendees = attendees if isinstance(attendees, list) else [attendees]
    out = []
    people = [(a, "attendee") for a in attendees] + [(event.get("ORGANIZER"), "organizer")]
    for person, role in people:
        if person is None:
            continue
        params = getattr(person, "params", {})
        # Apple and iCloud name a guest by an id ("urn:uuid:...", a principal path)
        # and give the address in an EMAIL parameter.
        addr = _address(person) or _address(params.get("EMAIL", ""))
        if addr is None:
            continue
        out.append(
            {
                "record": number,
                "addr": addr,
                "cn": _person_name(params.get("CN")),
                "partstat": str(params.get("PARTSTAT", "")).upper() or None,
                "room": str(params.get("CUTYPE", "")).upper() in ("ROOM", "RESOURCE"),
                "group": str(params.get("CUTYPE", "")).upper() == "GROUP"
                or bool(_GROUP_ADDRESS.search(addr)),
                "role": role,
            }
        )
    return out


def _person_name(cn) -> str | None:
    """The name in a CN parameter; None when it is empty or an address (Outlook writes
    ``CN=ada@example.com`` for a guest it has no name for)."""
    text = str(cn or "").strip().strip('"').strip()
    return None if not text or "@" in text else text


def _zone(name) -> ZoneInfo | None:
    if name is None:
        return None
    try:
        return ZoneInfo(str(name).strip())
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _start(event, zones: _Zones, label: str, number: int, problems: Problems):
    """The start as a naive UTC timestamp (all-day: midnight), or None if unreadable."""
    prop = event.get("DTSTART")
    if prop is None:
        return None
    try:
        value = prop.dt
    except (AttributeError, ValueError, TypeError, OverflowError):
        return None
    if isinstance(value, datetime):
        try:
            return _utc(value, prop, zones, label, number, problems)
        except (ValueError, OverflowError, TypeError):
            return None
    if isinstance(value, date):
        return pd.Timestamp(value)
    return None


def _utc(value: datetime, prop, zones: _Zones, label: str, number: int, problems: Problems):
    """A start time in UTC; a zone nobody can resolve falls back to the calendar's own zone."""
    if value.tzinfo is not None:
        return pd.Timestamp(value).tz_convert("UTC").tz_localize(None)
    tzid = getattr(prop, "params", {}).get("TZID")
    shown = display_zone(tzid) if tzid and str(tzid) not in zones.dropped else None
    if shown is not None:  # Outlook's display name: "(UTC+01:00) Amsterdam, Berlin..."
        zone, exact = shown
        if not exact:
            problems.add(
                label, number, "DTSTART", str(tzid),
                f"time zone read as {zone.tzname(None)} all year (no daylight-saving time known)",
                kept=True,
            )  # fmt: skip
        return pd.Timestamp(value.replace(tzinfo=zone)).tz_convert("UTC").tz_localize(None)
    if tzid:
        why = zones.dropped.get(str(tzid), "it is not a known time zone")
        if zones.floating is not None:
            instead = f"the calendar's own zone ({zones.floating.key})"
        else:
            instead = "UTC"
        problems.add(
            label, number, "DTSTART", str(tzid),
            f"time zone not used ({why}); the time was read in {instead}", kept=True,
        )  # fmt: skip
    if zones.floating is not None:
        return pd.Timestamp(value).tz_localize(zones.floating).tz_convert("UTC").tz_localize(None)
    return pd.Timestamp(value)


def _owner_addresses(
    records: pd.DataFrame,
    guests: pd.DataFrame,
    calendars,
    *,
    owner: str | None,
    owner_address: str | Iterable[str] | None,
) -> list[str]:
    if owner_address:
        given = [owner_address] if isinstance(owner_address, str) else list(owner_address)
        return [a.strip().casefold() for a in given]
    if owner and "@" in owner:
        return [owner.strip().casefold()]
    names = {str(c.get("X-WR-CALNAME", "")).strip().casefold() for c in calendars}
    named = sorted(n for n in names if "@" in n and " " not in n)
    if named:
        return named
    per_event = guests.drop_duplicates(["record", "addr"])["addr"].value_counts()
    if len(per_event) == 1 or (len(per_event) > 1 and per_event.iloc[0] > per_event.iloc[1]):
        return [per_event.index[0]]
    return []


def _channels(ev: pd.DataFrame) -> pd.Series:
    """video (a meeting link), in person (a place), phone (a number), else other."""
    channel = pd.Series("other", index=ev.index, dtype="str")
    location = ev["location"].astype("str")
    place = location.notna() & ~location.str.match(_URL).fillna(False)
    channel = channel.mask(place, "in_person")
    channel = channel.mask(location.str.match(_PHONE).fillna(False), "phone")
    video = ev["conference"].astype(bool) | ev["where"].astype("str").str.contains(_VIDEO).fillna(
        False
    )
    return channel.mask(video, "video")
