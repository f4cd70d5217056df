"""Date ranges as people and exports write them, split into a start and an end text.

A date cell sometimes holds two dates: Notion exports a date property with an end as
``April 1, 2025 → April 3, 2025`` (or ``April 1, 2025 10:00 AM → 11:00 AM``), and people
type ``2025-04-01 - 2025-04-03``, ``1/4/2025 – 3/4/2025``, ``April 1-3, 2025``,
``1–3 April 2025`` or ``10:00-11:00 on 2025-04-01``. This module only cuts such a text
into candidate (start, end) texts, each a single date that :mod:`infoview_kit.io.dates`
reads the usual way (so both parts follow the file's day/month decision); it reads no
date itself.

Only texts that no single-date form read come here, one distinct value at a time.

>>> range_candidates("April 1-3, 2025")[0]
RangeText(start='April 1, 2025', end='April 3, 2025', borrowed_year=False)
>>> range_candidates("10:00-11:00 on 2025-04-01")[0]
RangeText(start='2025-04-01 10:00', end='2025-04-01 11:00', borrowed_year=False)
>>> range_candidates("2025-04-01-2025-04-03")
[]
"""

from __future__ import annotations

import re
from typing import NamedTuple

#: Words that join the two ends of a range: English, French, German, Spanish/Italian/
#: Portuguese ("al", "a"), Dutch, Swedish/Danish/Norwegian.
_JOIN_WORDS = r"to|until|till|through|thru|au|bis|al|a|tot|til"
#: Between two whole dates: an arrow or a long dash (spaces or not), a hyphen with spaces
#: around it (a bare hyphen is part of "2025-04-01"), or one of the words above.
_BETWEEN_DATES = re.compile(
    rf"\s*(?:→|->|=>|⇒|–|—|−|~|〜)\s*|\s+[-/]\s+|\s+(?:{_JOIN_WORDS})\s+", re.IGNORECASE
)
#: An ISO 8601 interval: "2025-04-01/2025-04-03", "2025-04-01T10:00/2025-04-01T11:00".
_ISO_INTERVAL = re.compile(r"(\d{4}-\d{1,2}-\d{1,2}[^/\s]*)/(\d{4}-\d{1,2}-\d{1,2}[^/\s]*)")
#: A word before the start that is no part of it: "from 1 to 3 April", "du 1er au 3 avril".
_LEAD_WORD = re.compile(
    r"^\s*(?:from|between|du|le|vom|von|van|del|dal|de|desde|från|fra|fri|od)\s+", re.I
)
_ORDINAL = r"(?:st|nd|rd|th|er|e|º|\.)?"
#: Two days of one month: "April 1-3, 2025", "1–3 April 2025", "1.–3. April 2025".
_DAYS = re.compile(
    rf"(?P<pre>.*?)(?<![\d:./\-])(?P<d1>\d{{1,2}})(?P<o1>{_ORDINAL})"
    rf"(?:\s*(?:-|–|—|→|->)\s*|\s+(?:{_JOIN_WORDS})\s+)"
    rf"(?P<d2>\d{{1,2}})(?P<o2>{_ORDINAL})(?![\d:/])(?P<post>.*)",
    re.IGNORECASE,
)
_CLOCK_TEXT = r"\d{1,2}[:h]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s*\([^)]*\))?"
#: Two times of one day: "10:00-11:00", "10:00 AM → 11:00 AM", "14h30 to 15h30".
_TIMES = re.compile(
    rf"(?<![\d:.])(?P<t1>{_CLOCK_TEXT})(?:\s*(?:-|–|—|→|->)\s*|\s+(?:{_JOIN_WORDS})\s+)"
    rf"(?P<t2>{_CLOCK_TEXT})(?![\d:])",
    re.IGNORECASE,
)
_HOUR = re.compile(r"\d{1,2}")
_MERIDIEM = re.compile(r"[ap]\.?m\.?", re.IGNORECASE)
#: Words left around the date once its two times are taken out ("on", "at", "from", "le").
_AROUND_DATE = re.compile(
    r"^[\s,;@]*(?:(?:on|le|am|el|il|op|em|den)\s+)?"
    r"|[\s,;@]*(?:\b(?:at|from|um|à|de|von|kl|om|alle)\.?)?[\s,;@]*$",
    re.IGNORECASE,
)
_YEAR_AT_END = re.compile(r"(?:19|20)\d{2}\s*$")
_HAS_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)|'\d{2}")
#: A cheap test that a text may be a range at all (most unread cells are not).
_MAY_BE_RANGE = re.compile(rf"[-–—→⇒−~〜]|=>|\b(?:{_JOIN_WORDS})\b", re.IGNORECASE)


class RangeText(NamedTuple):
    """A start and an end text cut from one cell. ``borrowed_year``: the start had no year
    and takes the end's ("April 1 - May 3, 2025"); if that puts it after the end, it is
    the year before ("Dec 30 - Jan 2, 2025")."""

    start: str
    end: str
    borrowed_year: bool


def range_candidates(text: str) -> list[RangeText]:
    """The ways ``text`` may be cut into a start and an end, most specific first (the first
    whose two parts both read as dates is the one used)."""
    if not _MAY_BE_RANGE.search(text):
        return []
    text = _LEAD_WORD.sub("", " ".join(text.split()))
    found: list[RangeText] = []
    times = _TIMES.search(text)
    if times:
        found.extend(_time_range(text, times))
    days = _DAYS.fullmatch(text)
    if days and re.search(r"[^\W\d_]", days["pre"] + days["post"]):
        pre, post = days["pre"], days["post"]
        start = f"{pre}{days['d1']}{days['o1']}{post}"
        found.append(RangeText(start, f"{pre}{days['d2']}{days['o2']}{post}", False))
    parts = _BETWEEN_DATES.split(text)
    interval = _ISO_INTERVAL.fullmatch(text)
    if interval:
        parts = list(interval.groups())
    elif len(parts) == 1 and text.count("-") == 1:
        parts = text.split("-")  # "01/04/2025-03/04/2025": no other hyphen to confuse
    if len(parts) == 2 and all(p.strip() for p in parts):
        found.append(_two_dates(parts[0].strip(), parts[1].strip()))
    return found


def _two_dates(start: str, end: str) -> RangeText:
    """Two whole dates; a start without a year ("April 1") takes the end's year."""
    year = _YEAR_AT_END.search(end)
    if year and not _HAS_YEAR.search(start) and re.search(r"[^\W\d_]", start):
        return RangeText(f"{start} {year.group().strip()}", end, True)
    return RangeText(start, end, False)


def _time_range(text: str, times: re.Match) -> list[RangeText]:
    """A day and two times: the start at the first time, the end at the second."""
    date = _AROUND_DATE.sub("", text[: times.start()] + " " + text[times.end() :]).strip()
    if not date:
        return []
    first, second = times["t1"], times["t2"]
    meridiem = _MERIDIEM.search(second)
    if meridiem and not _MERIDIEM.search(first):
        # "10:00 - 11:00 AM": the first time shares the second's half of the day when it is
        # earlier in that half; "11:00 - 1:00 PM" keeps 11:00 as written.
        if int(_HOUR.match(first).group()) < int(_HOUR.match(second).group()):
            first = f"{first} {meridiem.group()}"
    return [RangeText(f"{date} {first}", f"{date} {second}", False)]
