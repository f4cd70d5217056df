"""Calendar text made safe for the iCalendar parser, before it is parsed.

One pass over the logical lines (folded lines joined) of a calendar:

* events are counted against ``limits.events`` and the line each starts on
  is noted (a report row names it);
* a file of events with no ``BEGIN:VCALENDAR`` around them (a fragment
  copied out of a bigger file) is wrapped in one;
* a time-zone definition (``VTIMEZONE``) the parser would have to expand
  without end is left out, with the reason: one with no rules at all, or a
  rule that repeats more often than a real zone changes (every second,
  minute, hour, day or week since 1970). Events in that zone are then read
  in the calendar's own zone, or in UTC, and the report says so;
* a zone name that holds a colon, written without quotes as Outlook and
  Exchange do (``TZID=(UTC-08:00) Pacific Time (US & Canada)``,
  ``TZID=tzone://Microsoft/Utc``), is quoted: its colon would otherwise end
  the parameter early and lose the event's date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from infoview_kit.io.limits import Limits

#: How often a real time zone changes, at most: twice a year, give or take
#: a few exceptional years; a rule beyond this is not a real zone.
_CHANGES_PER_YEAR = 12
_PER_YEAR = {"YEARLY": 1, "MONTHLY": 12}
_BY_PARTS = ("BYMONTH", "BYWEEKNO", "BYYEARDAY", "BYMONTHDAY", "BYDAY", "BYHOUR", "BYMINUTE",
             "BYSECOND", "BYSETPOS")  # fmt: skip
#: A zone name written unquoted though it holds a colon, before a date or date-time value:
#: "TZID=(UTC-08:00) Pacific Time (US & Canada):2025...", "TZID=tzone://Microsoft/Utc:2025...".
_DATED = ("DTSTART", "DTEND", "DUE", "RECURRENCE-ID", "EXDATE", "RDATE")
_UNQUOTED_TZID = re.compile(
    r";TZID=([^\";:]*:[^\";]*?)((?:;[^:]*)?:\d{8}(?:T\d{6}Z?)?(?:,\d{8}(?:T\d{6}Z?)?)*\s*)$",
    re.IGNORECASE,
)
_NAME = re.compile(r"^([A-Za-z0-9-]+)(?:\.[A-Za-z0-9-]+)?[;:]")


@dataclass
class Prepared:
    """A calendar's text ready for the parser, and what was changed on the way."""

    text: str
    #: Line on which each event starts, in file order.
    event_lines: list[int] = field(default_factory=list)
    #: TZID -> why its definition was left out.
    dropped_zones: dict[str, str] = field(default_factory=dict)
    #: True when BEGIN:VCALENDAR was missing and added.
    wrapped: bool = False
    #: The lines of ``text`` and the file line each starts on (None: added here).
    lines: list[str] = field(default_factory=list)
    numbers: list[int | None] = field(default_factory=list)


def logical_lines(text: str) -> list[tuple[int, str]]:
    """(line number, line) with folded continuation lines joined (text with ``\\n`` ends)."""
    out: list[tuple[int, str]] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if line[:1] in (" ", "\t") and out:
            out[-1] = (out[-1][0], out[-1][1] + line[1:])
        elif line.strip():
            out.append((number, line))
    return out


def prepare(text: str, *, label: str, limits: Limits) -> Prepared:
    """The calendar ``text`` (``\\n`` line ends) made safe for icalendar (see the module)."""
    prepared = Prepared("")
    kept: list[tuple[int | None, str]] = []
    zone: list[tuple[int, str]] | None = None
    for number, line in logical_lines(text):
        upper = line.upper().strip()
        if upper == "BEGIN:VTIMEZONE":
            zone = [(number, line)]
            continue
        if zone is not None:
            zone.append((number, line))
            if upper == "END:VTIMEZONE":
                kept.extend(_checked_zone(zone, prepared))
                zone = None
            continue
        if upper.startswith(_DATED) and "TZID=" in upper and 'TZID="' not in upper:
            line = _UNQUOTED_TZID.sub(r';TZID="\1"\2', line)
        if upper == "BEGIN:VEVENT":
            prepared.event_lines.append(number)
            if len(prepared.event_lines) > limits.events:
                raise limits.exceeded(label, "holds more than", "events")
        kept.append((number, line))
    if zone is not None:  # a zone block never closed: leave it out
        prepared.dropped_zones[_tzid([line for _, line in zone])] = "its definition is not closed"
    if not any(line.strip().upper() == "BEGIN:VCALENDAR" for _, line in kept[:50]):
        kept = [(None, "BEGIN:VCALENDAR"), (None, "VERSION:2.0"), *kept, (None, "END:VCALENDAR")]
        prepared.wrapped = True
    prepared.numbers = [number for number, _ in kept]
    prepared.lines = [line for _, line in kept]
    prepared.text = "\r\n".join(prepared.lines) + "\r\n"
    return prepared


def _tzid(block: list[str]) -> str:
    for line in block:
        if line.upper().startswith("TZID"):
            return line.split(":", 1)[-1].strip()
    return ""


def _checked_zone(numbered: list[tuple[int, str]], prepared: Prepared) -> list:
    """The block when it is a usable zone definition, else nothing (and the reason noted)."""
    block = [line for _, line in numbered]
    tzid = _tzid(block)
    rules = [b for b in block if b.upper().startswith(("BEGIN:STANDARD", "BEGIN:DAYLIGHT"))]
    if not rules:
        prepared.dropped_zones[tzid] = "its definition holds no rules"
        return []
    if len(rules) > 200:
        prepared.dropped_zones[tzid] = "its definition holds too many rules"
        return []
    for line in block:
        if line.upper().startswith("RRULE") and not _yearly_rule(line.split(":", 1)[-1]):
            prepared.dropped_zones[tzid] = "its rule repeats more often than a time zone changes"
            return []
    return numbered


def _yearly_rule(rule: str) -> bool:
    """True when a zone rule changes the offset at most a dozen times a year."""
    parts = dict(p.split("=", 1) for p in rule.upper().split(";") if "=" in p)
    per_year = _PER_YEAR.get(parts.get("FREQ", "").strip())
    if per_year is None:
        return False
    try:
        if int(parts.get("INTERVAL", "1")) < 1:
            return False
    except ValueError:
        return False
    for by in _BY_PARTS:
        if by in parts:
            per_year *= max(len(parts[by].split(",")), 1)
    return per_year <= _CHANGES_PER_YEAR
